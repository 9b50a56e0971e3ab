"""Command-line interface: a thin layer over the Python API.

Exit status: 0 when every input was coded or skipped with a reason, 1 on an error that stops
the command, 2 for usage errors (and with --strict when an input was skipped).
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Optional, Sequence

from steppe import __version__
from steppe.commands.common import ensure_place_index, held_database, missing_paths
from steppe.commands.events import add_filters, filters_of
from steppe.commands.events import query as events_query
from steppe.errors import SteppeError
from steppe.registry import Command, commands, names

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None, help="DuckDB file (default ./steppe.duckdb, or the config's db)")


def _code_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("code", help="code articles (.txt, .jsonl, .html, folders, - for stdin) into the database")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help=".txt (one article), .jsonl (one per line), .html files, folders of these, or - for stdin; "
                        "a missing PATH is an error")
    _add_db(p)
    p.add_argument("--date", help="publication date (YYYY-MM-DD) for articles that have none")
    p.add_argument("--jsonl", metavar="FILE|-", help="also write every event as JSON lines (event schema)")
    p.add_argument("--dict", dest="dicts", action="append", default=[], metavar="FILE",
                   help="actor/agent dictionary (PETRARCH text format or CSV); repeatable; wins over built-ins")
    p.add_argument("--verbs", dest="verbs", action="append", default=[], metavar="FILE",
                   help="PETRARCH/TABARI verb dictionary; repeatable; its codes replace steppe's for the verbs it knows")
    p.add_argument("--min-confidence", type=float, default=None, help="drop events below this confidence (0..1)")
    p.add_argument("--max-chars", type=int, default=None, help="truncate longer articles (and report them)")
    p.add_argument("--lang", default=None, help="'en' codes texts whatever their detected language")
    p.add_argument("--batch-size", type=int, default=None, help="articles per parse batch and database commit")
    p.add_argument("--no-places", action="store_true", help="do not geocode toponyms")
    p.add_argument("--include-demonyms", action="store_true", default=None,
                   help="also resolve nationality words (\"Kazakh\") to their country, as toponyms of the "
                        "article and for event places (as steppe places --include-demonyms)")
    p.add_argument("--implied-actors", action="store_true", default=None,
                   help="fill actors the text leaves out (the source's country as target, the place's country "
                        "as attacker, police for arrests), each marked (implied); off by default")
    p.add_argument("--no-implied-actors", action="store_true",
                   help="leave actors the text does not name empty (the default)")
    p.add_argument("--no-entailed-agents", action="store_true",
                   help="leave the agent of an agentless arrest empty instead of the police (entailed)")
    p.add_argument("--classifier", action="store_true", default=None,
                   help="the learned second opinion (needs pip install 'steppe[ml]'): a sentence with two "
                        "resolved actors and no typed rule event gets the PLOVER type the MiniLM classifier names")
    p.add_argument("--classifier-threshold", type=float, default=None, metavar="X",
                   help="with --classifier: the least probability that emits an event (default: the head's, 0.5)")
    p.add_argument("--classifier-head", default=None, metavar="FILE",
                   help="with --classifier: a head trained by tools/train_classifier.py (default: the packaged one)")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="worker processes on this machine (0: one per core); output is identical to 1")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="code on the Dask cluster at ADDRESS (tcp://HOST:8786); PATHs may be globs")
    p.add_argument("--parquet", metavar="DIR",
                   help="with --scheduler: keep the partitions (Parquet, one file per partition and table) in DIR")
    p.add_argument("--partition-size", type=int, default=None, metavar="N",
                   help="with --scheduler: inputs per partition (default: adapted to the input and the cluster)")
    p.add_argument("--force", action="store_true",
                   help="re-code articles already stored with the same text and settings")
    p.add_argument("--strict", action="store_true", help="exit with status 2 when any input is skipped")
    p.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    return p


def _events_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("events", help="query stored events")
    _add_db(p)
    p.add_argument("--actor", help="actor code, country (ISO3) or actor id, as source or target")
    p.add_argument("--dyad", nargs=2, metavar=("A", "B"), help="source A and target B (codes or countries)")
    p.add_argument("--code", help="CAMEO code prefix (1 to 4 digits), e.g. 17 or 173")
    p.add_argument("--since", help="first date: YYYY-MM-DD, YYYY-MM or YYYY")
    p.add_argument("--until", help="last date: YYYY-MM-DD, YYYY-MM or YYYY")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="print at most N events (N >= 1; default all)")
    add_filters(p)
    p.add_argument("--format", choices=("table", "jsonl", "csv"), default="table",
                   help="table (aligned columns for reading), jsonl (the event schema, one object per line) "
                        "or csv (flat columns with a header); default table")
    p.add_argument("--parquet", metavar="DIR",
                   help="query the Parquet partitions written by `steppe code --scheduler ... --parquet DIR` in place")
    return p


def _export_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("export", help="export stored events")
    _add_db(p)
    p.add_argument("--format", required=True, metavar="FORMAT",
                   help="csv, parquet, jsonl (event schema), gdelt (GDELT 2.0 event table, deduplicated), "
                        "icews (ICEWS-style TSV), plover (PLOVER JSON lines), or another format registered in "
                        "steppe.registry.export_formats")
    add_filters(p, query=False)
    p.add_argument("out", metavar="OUT", help="file to write (replaced if it exists)")
    return p


def _actors_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("actors", help="list the actor registry with codes, aliases and event counts")
    _add_db(p)
    p.add_argument("--format", choices=("table", "jsonl"), default="table",
                   help="table (aligned columns) or jsonl (one actor object per line); default table")
    return p


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="steppe", description=(
        "English news articles in, coded political events (CAMEO + PLOVER) out, stored in DuckDB."))
    parser.add_argument("--version", action="version", version=f"steppe {__version__}")
    parser.add_argument("--config", default=None, help="TOML config file (default ./steppe.toml if present)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _extensions()  # their modules register their commands
    for name in names(commands):
        cmd = commands.get(name)
        cmd.add_parser(sub).set_defaults(handler=cmd.run)
    return parser


def _settings(args, **flags):
    from steppe.config import load_settings

    return load_settings(args.config, **flags)


def cmd_code(args, out, err) -> int:
    from steppe.ingest.boundary import Paths
    from steppe.job import Job
    from steppe.store import Store

    settings = _settings(args, db=args.db, date=args.date, dicts=tuple(args.dicts),
                         verbs=tuple(args.verbs),
                         min_confidence=args.min_confidence, max_chars=args.max_chars, lang=args.lang,
                         batch_size=args.batch_size, places=False if args.no_places else None,
                         place_demonyms=args.include_demonyms,
                         implied_actors=False if args.no_implied_actors else args.implied_actors,
                         entailed_agents=False if args.no_entailed_agents else None,
                         classifier=args.classifier, classifier_threshold=args.classifier_threshold,
                         classifier_head=args.classifier_head,
                         workers=args.workers)  # checked as made: a bad value is a ConfigError (exit 2)
    for flag, value in (("--parquet", args.parquet), ("--partition-size", args.partition_size)):
        if value is not None and not args.scheduler:
            err.write(f"steppe code: error: {flag} needs --scheduler\n")
            return EXIT_USAGE
    missing = missing_paths(args.paths, globs=bool(args.scheduler))
    if missing:  # before the database is opened: a typo creates no empty database
        for path, why in missing:
            err.write(f"steppe code: error: {path}: {why}\n")
        return EXIT_USAGE
    if settings.classifier:  # the optional extra is there, or the error says how to get it (no database made)
        from steppe.coding.classifier import model_dir

        model_dir()
    if settings.places and not args.scheduler:
        ensure_place_index(err, quiet=args.quiet)
    jsonl = None
    if args.jsonl:
        try:
            jsonl = out if args.jsonl == "-" else open(args.jsonl, "w", encoding="utf-8")
        except OSError as exc:
            err.write(f"steppe code: error: cannot write --jsonl {args.jsonl}: {exc.strerror or exc}\n")
            return EXIT_USAGE
    show = not args.quiet and err.isatty()

    def on_result(res):
        if jsonl is not None:
            for e in res.events:
                jsonl.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")

    def on_progress(p):
        if show:
            eta = p.eta
            left = f"  ETA {_duration(eta)}" if eta is not None and p.done else ""
            err.write(f"\r  {p.done} articles  {p.events} events  {p.rate:.1f} articles/s{left}   ")
            err.flush()

    progress = on_progress if show else None  # without a terminal, inputs are not even counted
    if args.scheduler:  # a lost cluster is one error line (SteppeError), not the client's log of tracebacks
        import logging

        import distributed  # noqa: F401  (its import sets its loggers up: quieten them after it)

        for name in ["distributed", "tornado", "asyncio", *logging.root.manager.loggerDict]:
            if name.split(".")[0] in ("distributed", "tornado", "asyncio"):
                logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        job = Job(settings, resume=not args.force, scheduler=args.scheduler, parquet_dir=args.parquet,
                  partition_size=args.partition_size)
        with Store(settings.db) as store:
            summary = job.run([Paths(tuple(args.paths), stdin=sys.stdin)], store=store, sinks=[on_result],
                              on_progress=progress)
    finally:
        if jsonl is not None and jsonl is not out:
            jsonl.close()
    if show:
        err.write("\n")
    for s in summary.skipped:
        err.write(f"skipped: {s.origin}: {s.reason}\n")
    for origin, flags in summary.flagged:
        err.write(f"note: {origin}: {', '.join(flags)}\n")
    if not args.quiet:
        err.write(f"{summary.articles} articles, {summary.sentences} sentences, {summary.events} events, "
                  f"{len(summary.skipped)} skipped"
                  + (f", {summary.unchanged} unchanged (already stored)" if summary.unchanged else "")
                  + f" in {summary.seconds:.1f}s -> {settings.db}\n")
    return EXIT_USAGE if (args.strict and summary.skipped) else EXIT_OK


def _duration(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def cmd_events(args, out, err) -> int:
    from steppe.store import Store, format_events

    settings = _settings(args, db=args.db)
    problem = _check_event_filters(args)
    if problem:
        err.write(f"steppe events: error: {problem}\n")
        return EXIT_USAGE
    if args.parquet:
        from steppe.store.partitions import parquet_store

        opened = parquet_store(args.parquet)
    else:
        opened = Store(settings.db, read_only=True)
    with opened as store:
        rows = events_query(store, args)
    format_events(rows, args.format, out, dedup=args.dedup)
    return EXIT_OK


def _check_event_filters(args) -> Optional[str]:
    """What is wrong with the filters of `steppe events`, in the words of the HTTP API."""
    from steppe.filters import check_code, check_date, check_limit

    checks = [(args.since, check_date, "--since"), (args.until, check_date, "--until"),
              (args.code, check_code, "--code"), (getattr(args, "limit", None), check_limit, "--limit")]
    for value, check, name in checks:
        problem = check(name, value) if value is not None else None
        if problem:
            return problem
    return None


def cmd_export(args, out, err) -> int:
    from steppe.store import Store, export
    from steppe.store.export import export_format_names

    settings = _settings(args, db=args.db)
    if args.format not in export_format_names():
        err.write(f"steppe export: error: --format must be one of {', '.join(export_format_names())}, "
                  f"not {args.format!r}\n")
        return EXIT_USAGE
    problem = _check_event_filters(args)
    if problem:
        err.write(f"steppe export: error: {problem}\n")
        return EXIT_USAGE
    with Store(settings.db, read_only=True) as store:
        n = export(store, args.format, args.out, dedup=args.dedup, **filters_of(args))
    err.write(f"{n} events -> {args.out}\n")
    return EXIT_OK


def cmd_actors(args, out, err) -> int:
    from steppe.store import Store, format_actors

    settings = _settings(args, db=args.db)
    with Store(settings.db, read_only=True) as store:
        format_actors(store.actors(), args.format, out)
    return EXIT_OK


for _name, _parser, _run in (("code", _code_parser, cmd_code), ("events", _events_parser, cmd_events),
                             ("export", _export_parser, cmd_export), ("actors", _actors_parser, cmd_actors)):
    commands.register(_name, func=Command(_parser, _run))

# Commands that live in their own modules (``add_parser(sub)`` and ``run(args, out, err)``,
# registered in ``steppe.registry.commands`` at the end of the module). Imported when the parser
# is built, so each module must import nothing heavy at module level.
EXTENSIONS = (
    "steppe.commands.eval",
    "steppe.commands.places",
    "steppe.commands.serve",
)


def _extensions() -> None:
    import importlib

    for name in EXTENSIONS:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


def main(argv: Optional[Sequence[str]] = None, out=None, err=None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    import logging

    if not logging.getLogger().handlers:  # library warnings (e.g. dictionary lines left out) to stderr
        logging.basicConfig(level=logging.WARNING, format="warning: %(message)s", stream=err)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if not args.command:
        parser.print_help(out)
        return EXIT_USAGE
    try:
        return args.handler(args, out, err)
    except SteppeError as exc:
        held = held_database(str(exc), args.command)
        if held:
            err.write(f"steppe {args.command}: error: {held}\n")
            return EXIT_ERROR
        err.write(f"steppe {args.command}: error: {exc}\n")
        return EXIT_USAGE if exc.__class__.__name__ in ("ConfigError",) else EXIT_ERROR
    except KeyboardInterrupt:
        err.write("interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a raw DuckDB lock error from code that does not wrap it
        held = held_database(str(exc), args.command)
        if not held:
            raise
        err.write(f"steppe {args.command}: error: {held}\n")
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
