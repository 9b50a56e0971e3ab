"""One registry per extension point: adding an export format, a command or a scorer is one
function and one registration; the CLI picks it up with no other edit."""
import io

import pytest

from steppe.cli import build_parser, main
from steppe.registry import Command, Scorer, commands, export_formats, names, scorers
from steppe.store import Store
from tests.factories import event, result


@pytest.fixture
def registered():
    """Registers for one test; removes the registrations afterwards."""
    added = []

    def add(registry, name, func):
        registry.register(name, func=func)
        added.append((registry, name))

    yield add
    import catalogue

    for registry, name in added:
        catalogue._remove((*registry.namespace, name))


def test_the_builtins_are_registered():
    assert names(export_formats)[:6] == ["csv", "parquet", "jsonl", "gdelt", "icews", "plover"]
    assert names(commands)[:4] == ["code", "events", "export", "actors"]
    build_parser()  # imports the command modules, which register themselves
    assert {"eval", "places", "serve"} <= set(names(commands))
    assert {"realnews", "petrarch", "plover-gsr", "tr-news"} <= set(names(scorers))


def test_a_new_export_format_is_one_function_and_one_registration(tmp_path, registered):
    def export_ids(store, path, *, dedup=False, memory_limit="1GB", **filters):
        rows = store.query_events(**filters)
        with open(path, "w", encoding="utf-8") as fh:
            fh.writelines(r["event_id"] + "\n" for r in rows)
        return len(rows)

    registered(export_formats, "ids", export_ids)
    db = str(tmp_path / "e.duckdb")
    with Store(db) as store:
        store.write([result("a1", events=[event("e1"), event("e2", code="042", quad=1)])])
    out, err = io.StringIO(), io.StringIO()
    assert main(["export", "--db", db, "--format", "ids", "--code", "17", str(tmp_path / "ids.txt")],
                out=out, err=err) == 0, err.getvalue()
    assert (tmp_path / "ids.txt").read_text() == "e1\n" and "1 events" in err.getvalue()
    err = io.StringIO()
    assert main(["export", "--db", db, "--format", "nope", str(tmp_path / "x")], err=err) == 2
    assert "--format must be one of csv, parquet, jsonl, gdelt, icews, plover, ids, not 'nope'" in err.getvalue()


def test_a_new_command_is_one_registration(registered):
    def add_parser(sub):
        p = sub.add_parser("hello", help="say hello")
        p.add_argument("--name", default="steppe")
        return p

    registered(commands, "hello", Command(add_parser, lambda args, out, err: out.write(f"hello {args.name}\n") and 0))
    out = io.StringIO()
    assert main(["hello", "--name", "you"], out=out) == 0 and out.getvalue() == "hello you\n"


def test_a_new_scorer_is_one_registration(registered):
    from steppe.eval import SCORERS, scorer

    registered(scorers, "toy", Scorer("steppe.eval.metrics", "ratio", "toy-gold", "events"))
    assert "toy" in SCORERS and SCORERS["toy"].folder == "toy-gold"
    assert scorer("toy")(1, 4) == 0.25
    parser = build_parser()
    assert parser.parse_args(["eval", "toy"]).name == "toy"
