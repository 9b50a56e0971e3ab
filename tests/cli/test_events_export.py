"""`steppe events` and `steppe export` filters and typed dates (issue 16), through a subprocess,
over a database of hand-built records (no model)."""
import csv
import io
import json
import subprocess
import sys

import pytest

from steppe.cli import main
from steppe.store import Store
from tests.factories import ALMATY, event, result

CLI = [sys.executable, "-c", "import sys; from steppe.cli import main; sys.exit(main())"]


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "s.duckdb")
    with Store(path) as s:
        s.write([
            result("a1", events=[event("m1", "a1", place=ALMATY), event("y1", "a1", date="--03-03", sentence_index=1),
                                 event("p1", "a1", code="0311", quad=1, goldstein=5.2, plover="AGREE", mode=None,
                                       date="2001", precision="year", sentence_index=2)],
                   date="2001-09-24", source="Interfax"),
            result("a2", events=[event("m2", "a2", place=ALMATY)], date="2001-09-25", source="Reuters"),
        ])
    return path


def run(*argv):
    proc = subprocess.run(CLI + list(argv), capture_output=True, text=True, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


def test_events_filters_and_order_through_a_subprocess(db):
    code, out, err = run("events", "--db", db, "--format", "jsonl")
    assert code == 0, err
    assert [json.loads(x)["event_id"] for x in out.splitlines()] == ["p1", "m1", "m2", "y1"]  # year unknown last
    code, out, err = run("events", "--db", db, "--plover", "agree", "--quad", "1", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["event_id"], r["date"], r["date_start"]) for r in rows] == [("p1", "2001", "2001-01-01")]
    code, out, err = run("events", "--db", db, "--dedup", "--article", "a2", "--format", "jsonl")
    assert code == 0, err
    [rec] = [json.loads(x) for x in out.splitlines()]
    assert (rec["event_id"], rec["num_mentions"], rec["num_sources"], rec["mention_ids"]) == ("m1", 2, 2, ["m1", "m2"])


def test_export_filters_through_a_subprocess(db, tmp_path):
    out_file = tmp_path / "e.csv"
    code, _, err = run("export", "--db", db, "--format", "csv", "--dedup", "--code", "17", str(out_file))
    assert code == 0, err
    assert err.endswith(f"2 events -> {out_file}\n")
    rows = list(csv.DictReader(out_file.open()))
    assert [(r["event_id"], r["date_start"], r["num_mentions"]) for r in rows] == [("m1", "2001-09-23", "2"),
                                                                                   ("y1", "", "1")]


def test_bad_filters_are_refused(db, tmp_path):
    err = io.StringIO()
    assert main(["events", "--db", db, "--plover", "NOPE"], out=io.StringIO(), err=err) != 0
    assert "--plover must be one of" in err.getvalue()
    err = io.StringIO()
    assert main(["export", "--db", db, "--format", "csv", "--since", "2003-02-30", str(tmp_path / "x")],
                out=io.StringIO(), err=err) != 0
    assert "2003-02-30" in err.getvalue()
    assert main(["events", "--db", db, "--quad", "5"], out=io.StringIO(), err=io.StringIO()) == 2
