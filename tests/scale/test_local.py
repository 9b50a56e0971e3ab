"""`steppe code --workers 2` gives what `--workers 1` gives: same events, ids and order."""
import io
import json
import pickle
import re

import pytest

from steppe.cli import main
from steppe.config import Settings
from steppe.records import ArticleResult
from steppe.ingest import Paths
from steppe.job import Job
from steppe.runner import Progress, count_inputs
from steppe.store import Store
from tests.scale.helpers import make_inputs, snapshot

pytestmark = pytest.mark.model


def _run(paths, workers, batch_size):
    settings = Settings(workers=workers, batch_size=batch_size, places=False)
    results = []
    with Store(":memory:") as store:
        summary = Job(settings).run([Paths(tuple(paths))], store=store, sinks=[results.append])
        return summary, results, snapshot(store)


def test_two_workers_give_the_same_output_as_one(tmp_path):
    paths = make_inputs(tmp_path)
    s1, r1, db1 = _run(paths, workers=1, batch_size=2)
    s2, r2, db2 = _run(paths, workers=2, batch_size=2)
    assert s1.articles == 6 and s1.events > 10
    assert [(s.origin, s.reason) for s in s2.skipped] == [(s.origin, s.reason) for s in s1.skipped]
    reasons = " | ".join(s.reason for s in s1.skipped)
    assert "malformed JSON" in reasons and "duplicate id 'airbase-talks'" in reasons
    assert "not English" in reasons and "no such file" in reasons
    # the --jsonl stream: same events, same ids, same order
    assert [e.to_dict() for r in r2 for e in r.events] == [e.to_dict() for r in r1 for e in r.events]
    assert db2 == db1  # every table, rows in stored order


def test_results_cross_processes_as_plain_records(coder):
    from tests.conftest import code_text

    res = code_text(coder, "Kazakh police detained 40 Uzbek citizens on March 3.", date="2003-03-10")
    assert res.events
    back = pickle.loads(pickle.dumps(res))
    assert isinstance(back, ArticleResult) and back == res


def test_cli_workers_flag_and_eta(tmp_path):
    all_paths = make_inputs(tmp_path)
    paths = all_paths[:-1]  # without missing.txt: the CLI refuses a missing PATH (issue 16)
    out, err = io.StringIO(), io.StringIO()
    assert main(["code", *paths, "--db", str(tmp_path / "w.duckdb"), "--workers", "2", "--jsonl", "-"],
                out=out, err=err) == 0
    assert "6 articles" in err.getvalue()
    assert all(json.loads(x)["event_id"] for x in out.getvalue().splitlines())
    # the progress total: JSONL lines (blank and malformed included) + files; unknown for stdin
    assert count_inputs(all_paths) == 2 + 2 + 6 + 1
    assert count_inputs(["-"]) is None
    p = Progress(done=10, events=0, elapsed=5.0, total=110, unchanged=20)
    assert p.rate == 2.0 and p.eta == 40.0

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    err = Terminal()
    assert main(["code", *paths, "--db", str(tmp_path / "t.duckdb"), "--force"], out=io.StringIO(), err=err) == 0
    assert re.search(r"articles/s  ETA \d+:\d\d", err.getvalue())


def test_a_worker_that_cannot_start_reports_the_same_error(tmp_path):
    bad = tmp_path / "no-such-dictionary.txt"  # the Coder cannot be built: in each worker, here
    paths = make_inputs(tmp_path)[:-1]  # without missing.txt: the CLI refuses a missing PATH (issue 16)
    errors = []
    for workers in (1, 2):
        err = io.StringIO()
        code = main(["code", *paths, "--db", str(tmp_path / f"e{workers}.duckdb"), "--dict", str(bad),
                     "--workers", str(workers)], out=io.StringIO(), err=err)
        errors.append((code, err.getvalue().strip().splitlines()[-1]))
    assert errors[0] == errors[1] and errors[0][0] == 1 and "does not exist" in errors[0][1]
