"""`steppe code --scheduler`: a Dask LocalCluster (2 worker processes on 127.0.0.1) gives the
single-process result; the Parquet partitions can be queried in place."""
import io
import json

import pytest

from steppe.cli import main
from steppe.config import Settings
from steppe.ingest import Paths
from steppe.job import Job
from steppe.store import Store
from tests.scale.helpers import make_inputs, snapshot

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def cluster(local_cluster):
    return local_cluster


def test_cluster_result_equals_single_process(tmp_path, cluster):
    from steppe.scale.dask_runner import code_on_cluster, plan_partitions

    paths = make_inputs(tmp_path)
    settings = Settings(places=False)
    parts = plan_partitions(paths, partition_size=1)
    assert [p.kind for p in parts] == ["jsonl", "jsonl", "files", "files"] + ["jsonl"] * 6 + ["skipped"]
    assert [p.first_line for p in parts if p.kind == "jsonl"][2:] == [1, 2, 3, 4, 5, 6]

    with Store(":memory:") as one:
        s1 = Job(settings).run([Paths(tuple(paths))], store=one)
        db1 = snapshot(one)
    with Store(":memory:") as many:
        s2 = code_on_cluster(paths, settings, cluster.scheduler_address, store=many,
                             parquet_dir=str(tmp_path / "parts"), partition_size=1)
        db2 = snapshot(many)
    assert (s2.articles, s2.sentences, s2.events) == (s1.articles, s1.sentences, s1.events)
    assert s1.articles == 6 and s1.events > 10
    assert [(s.origin, s.reason) for s in s2.skipped] == [(s.origin, s.reason) for s in s1.skipped]
    assert sorted(db2["events"]) == sorted(db1["events"])
    assert db2 == db1  # every table, in the same stored order
    assert len(list((tmp_path / "parts" / "events").glob("part-*.parquet"))) == 10

    # queried in place: the partitions as coded, so the repeated id's second text is there too
    # (the merge into the store skips it, as a single-process run does)
    out = io.StringIO()
    assert main(["events", "--parquet", str(tmp_path / "parts"), "--format", "jsonl"], out=out) == 0
    in_place = {e["event_id"]: e for e in map(json.loads, out.getvalue().splitlines())}
    merged = {r[0] for r in db1["events"]}
    assert merged <= set(in_place)
    assert {e["evidence"] for k, e in in_place.items() if k not in merged} == {"Russia and Kazakhstan signed a treaty."}


def test_cli_scheduler_resumes_like_single_process(tmp_path, cluster):
    paths = make_inputs(tmp_path)[:-1]  # without missing.txt: the CLI refuses a missing PATH (issue 16)
    db = str(tmp_path / "c.duckdb")
    args = ["code", *paths, "--db", db, "--no-places", "--scheduler", cluster.scheduler_address]
    err = io.StringIO()
    assert main(args, err=err) == 0, err.getvalue()
    assert "6 articles" in err.getvalue()
    err = io.StringIO()
    assert main(args, err=err) == 0
    assert "0 articles" in err.getvalue() and "6 unchanged" in err.getvalue()
    assert main(["code", "-", "--db", db, "--scheduler", cluster.scheduler_address], err=io.StringIO()) == 1
    assert main(["code", *paths, "--db", db, "--parquet", str(tmp_path / "p")], err=io.StringIO()) == 2
