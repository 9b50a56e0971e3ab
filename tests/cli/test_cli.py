"""The CLI end to end on the bundled examples (loads the model)."""
import io
import json
import re
from pathlib import Path

import pytest

from steppe.cli import build_parser, main
from tests.conftest import REPO

pytestmark = pytest.mark.model


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_code_events_export_on_examples(tmp_path):
    db = str(tmp_path / "s.duckdb")
    jl = tmp_path / "ev.jsonl"
    code, out, err = run("code", str(REPO / "examples"), "--db", db, "--jsonl", str(jl), "--no-places")
    assert code == 0, err
    m = re.search(r"(\d+) articles, (\d+) sentences, (\d+) events, (\d+) skipped", err)
    assert m and int(m.group(1)) == 4 and int(m.group(4)) == 0
    events = [json.loads(x) for x in jl.read_text().splitlines()]
    assert len(events) == int(m.group(3)) > 10
    required = {"event_id", "article_id", "sentence_index", "evidence", "evidence_start", "evidence_end", "date",
                "date_precision", "date_source", "source", "target", "cameo", "cameo_root", "quad_class",
                "goldstein", "plover_type", "plover_mode", "location", "confidence"}
    assert all(required <= set(e) for e in events)
    # the detentions in the bundled border story: Kazakh police -> Uzbek citizens, 173
    coded = {(e["cameo"], (e["source"] or {}).get("code"), (e["target"] or {}).get("code"), e["date"]) for e in events}
    assert ("173", "KAZCOP", "UZBCVL", "--03-03") in coded
    code, out, _ = run("events", "--db", db, "--code", "17", "--format", "jsonl")
    assert code == 0 and all(json.loads(x)["cameo"].startswith("17") for x in out.splitlines())
    code, out, _ = run("events", "--db", db, "--actor", "KGZ", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("event_id,article_id")
    code, _, err = run("export", "--db", db, "--format", "parquet", str(tmp_path / "e.parquet"))
    assert code == 0 and (tmp_path / "e.parquet").stat().st_size > 0
    # re-running the same command codes nothing again and doubles nothing
    code, _, err = run("code", str(REPO / "examples"), "--db", db, "--no-places")
    assert "4 unchanged" in err
    code, out, _ = run("events", "--db", db, "--format", "jsonl")
    assert len(out.splitlines()) == len(events)


def test_bad_inputs_are_named_not_tracebacks(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok", "text": "Kazakh police detained ten Uzbek citizens."}\n{oops\n', encoding="utf-8")
    code, _, err = run("code", str(bad), "--db", str(tmp_path / "d.duckdb"), "--no-places")
    assert code == 0
    assert f"skipped: {bad} line 2: malformed JSON" in err
    code, _, _ = run("code", str(bad), "--db", str(tmp_path / "d.duckdb"), "--no-places", "--strict", "--force")
    assert code == 2
    # a missing input stops the run before anything is coded (issue 16), naming it
    code, _, err = run("code", str(bad), str(tmp_path / "missing.txt"), "--db", str(tmp_path / "e.duckdb"))
    assert code == 2 and err == f"steppe code: error: {tmp_path / 'missing.txt'}: no such file or folder\n"
    assert not (tmp_path / "e.duckdb").exists()


def test_usage_errors_exit_2_and_missing_db_is_reported(tmp_path):
    assert run("code")[0] == 2
    assert run("events", "--format", "xml")[0] == 2
    code, _, err = run("events", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1 and "does not exist" in err


def test_every_command_and_flag_is_documented_in_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():
        assert f"steppe {name}" in readme, f"README does not document `steppe {name}`"
        for action in p._actions:
            for opt in action.option_strings:
                if opt.startswith("--") and opt != "--help":
                    assert opt in readme, f"README does not document {name} {opt}"


def test_places_command_lists_toponyms_with_offsets(tmp_path):
    art = tmp_path / "a.txt"
    text = "Kazakh police detained 40 Uzbek citizens near Shymkent and sent them to Bishkek."
    art.write_text(text, encoding="utf-8")
    out_file = tmp_path / "p.jsonl"
    code, _, err = run("places", str(art), "--jsonl", str(out_file))
    assert code == 0, err
    rows = [json.loads(x) for x in out_file.read_text().splitlines()]
    assert [(r["text"], r["country"], r["feature"]) for r in rows] == [("Shymkent", "KAZ", "city"), ("Bishkek", "KGZ", "city")]
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)
