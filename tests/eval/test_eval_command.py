"""`steppe eval`: the parser, the printed tables, and one scorer end to end (model)."""
import io
import json

import pytest

from steppe.cli import build_parser, main
from steppe.commands.eval import pick_errors, print_report
from steppe.eval import SCORERS
from steppe.eval.metrics import ClassScores, ErrorLog, report
from tests.eval.helpers import FIXTURES


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_parser_names_and_options():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    p = sub.choices["eval"]
    args = p.parse_args(["india-police", "--limit", "5", "--json", "r.json", "--errors", "3"])
    assert (args.name, args.path, args.limit, args.json, args.errors) == ("india-police", None, 5, "r.json", 3)
    assert set(SCORERS) == {"realnews", "plover-gsr", "plv-train", "quad-train", "petrarch", "india-police",
                            "wikievents", "geowebnews", "tr-news"}


def test_usage_errors(tmp_path):
    assert run("eval", "nonesuch")[0] == 2
    code, _, err = run("eval", "plover-gsr", str(tmp_path / "missing"))
    assert code == 2 and "no such file or folder" in err


def test_pick_errors_spreads_over_kinds():
    errors = [{"kind": k, "id": i} for i, k in enumerate("aaab")]
    assert [e["id"] for e in pick_errors(errors, 3)] == [0, 3, 1]


def test_printed_table():
    t = ClassScores()
    t.add_pair("AGREE", "AGREE")
    t.add_pair("AGREE", None)
    log = ErrorLog()
    log.add("type: no event", id="r2", text="Some sentence.")
    r = {"path": "p", "seconds": 1.0, **report("plover-gsr", n=2, figures={"type_accuracy": 0.5},
                                               tables={"PLOVER type": t}, errors=log)}
    out = io.StringIO()
    print_report(r, out, n_errors=1)
    text = out.getvalue()
    assert "  type_accuracy  0.500" in text
    assert "  AGREE           1.000   0.500  0.667     1     0     1        2" in text
    assert "[type: no event] r2: Some sentence." in text


@pytest.mark.model
def test_plover_end_to_end_through_the_cli(tmp_path):
    out_json = tmp_path / "r.json"
    code, out, err = run("eval", "plover-gsr", str(FIXTURES / "plover" / "fixture-records.json"), "--json", str(out_json), "--errors", "2")
    assert code == 0, err
    r = json.loads(out_json.read_text())
    assert r["n"] == 3 and r["counts"]["not_coded"] == 0
    # the arrest and the meeting are coded with their types (the arrest with both actors);
    # the conditional attack is not an assault, whatever the coder makes of it
    wrong = {e["id"] for e in r["errors"] if e["kind"].startswith("type:")}
    assert wrong == {"FIX-FIGHT-0001"}
    assert not any(e["id"] == "FIX-COERCE-0001" for e in r["errors"])
    assert r["figures"]["type_accuracy"] == pytest.approx(0.6667, abs=1e-4)
    assert "PLOVER type" in out and "type_source_target_accuracy" in out
