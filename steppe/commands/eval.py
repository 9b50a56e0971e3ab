"""``steppe eval NAME [PATH]``: score steppe against a gold set and print the figures.

Imports nothing heavy at module level (the CLI imports this module to build its parser).
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from steppe.eval import SCORERS
from steppe.registry import Command, commands

DEFAULT_ROOT = Path("..") / "shared" / "eval"


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("eval", help="score steppe against a gold set (per-class precision/recall/F1)",
                       description="Score steppe against a gold set; prints per-class precision, recall "
                                   "and F1 and the overall figures. See docs/eval.md.")
    p.add_argument("name", metavar="NAME", choices=list(SCORERS) + ["all"],
                   help="gold set: " + ", ".join(SCORERS) + "; or all: every development set in one "
                        "table, compared with the stored baseline")
    p.add_argument("path", metavar="PATH", nargs="?", default=None,
                   help="gold folder or file (default ../shared/eval/<folder>)")
    p.add_argument("--limit", type=int, default=None, metavar="N",
                   help="score only the first N records (documents for india-police, wikievents, geo)")
    p.add_argument("--json", metavar="FILE", default=None, help="also write the full report as JSON")
    p.add_argument("--errors", type=int, default=0, metavar="N", help="print N example errors")
    p.add_argument("--classifier", action="store_true",
                   help="code with the learned second opinion on (steppe code --classifier; needs steppe[ml])")
    g = p.add_argument_group("eval all")
    g.add_argument("--sets", default=None, metavar="A,B",
                   help="with all: only these sets (comma-separated; default every development set)")
    g.add_argument("--baseline", default="eval-baseline.json", metavar="FILE",
                   help="with all: the stored baseline to compare with (default ./eval-baseline.json)")
    g.add_argument("--save", action="store_true",
                   help="with all: write this run's figures into the baseline file")
    g.add_argument("--tolerance", type=float, default=0.02, metavar="X",
                   help="with all: flag a change larger than X (default 0.02)")
    return p


def _coding(args) -> dict[str, Any]:
    """Settings the event scorers code with, from the flags (only those given)."""
    return {"classifier": True} if getattr(args, "classifier", False) else {}


def default_path(name: str) -> Path:
    return DEFAULT_ROOT / SCORERS[name][2]


def run(args, out, err) -> int:
    from steppe.eval import scorer
    from steppe.eval.metrics import rounded

    if args.name == "all":
        return run_all(args, out, err)
    path = Path(args.path) if args.path else default_path(args.name)
    if not path.exists():
        err.write(f"steppe eval: error: {path}: no such file or folder\n")
        return 2
    if args.limit is not None and args.limit < 1:
        err.write("steppe eval: error: --limit must be at least 1\n")
        return 2
    func, kind = scorer(args.name), SCORERS[args.name][3]
    t0 = time.perf_counter()
    if kind == "geo":
        result = func(path, limit=args.limit)
    else:
        show = err.isatty()

        def progress(done: int, total: int) -> None:
            if show:
                err.write(f"\r  {done}/{total}   ")
                err.flush()

        result = func(path, limit=args.limit, progress=progress, **_coding(args))
        if show:
            err.write("\n")
    result.setdefault("seconds", time.perf_counter() - t0)
    result = {"scorer": args.name, "path": str(path), **result}
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(rounded(result), f, ensure_ascii=False, indent=1)
    if kind == "geo":
        print_geo(result, out, args.errors)
    else:
        print_report(result, out, args.errors)
    return 0


def _fmt(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def print_report(r: dict[str, Any], out, n_errors: int = 0) -> None:
    """An event scorer's report as readable tables."""
    w = out.write
    w(f"steppe eval {r['scorer']}  ({r['path']}: {r['n']} scored items, {r.get('seconds', 0):.1f} s)\n\n")
    width = max([len(k) for k in list(r["figures"]) + list(r["counts"])] + [10])
    for k, v in r["figures"].items():
        w(f"  {k:<{width}}  {_fmt(v)}\n")
    w("\n")
    for k, v in r["counts"].items():
        w(f"  {k:<{width}}  {v}\n")
    for title, rows in r["tables"].items():
        lw = max([len(title)] + [len(lab) for lab in rows]) + 2
        right = any("tp_pred" in c for c in rows.values())  # precision from right predictions
        w(f"\n{title:<{lw}} {'precision':>9} {'recall':>7} {'f1':>6} {'tp':>5} {'fp':>5} {'fn':>5} {'support':>8}"
          + (f" {'right':>6}" if right else "") + "\n")
        for lab, c in rows.items():
            w(f"  {lab:<{lw - 2}} {_fmt(c['precision']):>9} {_fmt(c['recall']):>7} {_fmt(c['f1']):>6} "
              f"{_fmt(c['tp']):>5} {_fmt(c['fp']):>5} {_fmt(c['fn']):>5} {_fmt(c['support']):>8}"
              + (f" {_fmt(c.get('tp_pred')):>6}" if right else "") + "\n")
    if r.get("reliability"):
        w(f"\n{'reliability':<12} {'events':>6} {'confidence':>10} {'right':>6}\n")
        for row in r["reliability"]:
            w(f"  {row['bin']:<10} {row['events']:>6} {row['confidence']:>10.3f} {row['right']:>6.3f}\n")
    if r["error_kinds"]:
        w("\nerror kinds (most frequent first)\n")
        for kind, n in list(r["error_kinds"].items())[:20]:
            w(f"  {n:>5}  {kind}\n")
    if n_errors and r["errors"]:
        w(f"\nexample errors ({n_errors}, spread over the kinds)\n")
        for e in pick_errors(r["errors"], n_errors):
            w(_format_error(e))
    if r.get("notes"):
        w("\nnotes\n")
        for note in r["notes"]:
            w(f"  - {note}\n")


def pick_errors(errors: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """Up to n errors, taking one of each kind in turn (most frequent kinds first)."""
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for e in errors:
        by_kind.setdefault(e["kind"], []).append(e)
    queues = sorted(by_kind.values(), key=len, reverse=True)
    picked: list[dict[str, Any]] = []
    depth = 0
    while len(picked) < n and any(len(q) > depth for q in queues):
        picked.extend(q[depth] for q in queues if len(q) > depth)
        depth += 1
    return picked[:n]


def _format_error(e: dict[str, Any]) -> str:
    lines = [f"  [{e['kind']}] {e.get('id', '')}: {e.get('text', '')}"]
    for key, value in e.items():
        if key in ("kind", "id", "text"):
            continue
        lines.append(f"      {key}: {json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value}")
    return "\n".join(lines) + "\n"


def print_geo(r: dict[str, Any], out, n_errors: int = 0, indent: str = "  ") -> None:
    """A geocoding report (a plain dict): scalars first, then sections; lists cut to n_errors."""
    if indent == "  ":
        out.write(f"steppe eval {r.get('scorer')}  ({r.get('path')}, {r.get('seconds', 0):.1f} s)\n\n")
    for k, v in r.items():
        if k in ("scorer", "path") and indent == "  ":
            continue
        if isinstance(v, dict):
            out.write(f"{indent}{k}:\n")
            print_geo(v, out, n_errors, indent + "  ")
        elif isinstance(v, list) and v and isinstance(v[0], (dict, list)):
            shown = v[:n_errors]
            out.write(f"{indent}{k}: {len(v)} (showing {len(shown)})\n")
            for item in shown:
                out.write(f"{indent}  {json.dumps(item, ensure_ascii=False)}\n")
        else:
            out.write(f"{indent}{k}: {_fmt(v)}\n")


def run_all(args, out, err) -> int:
    """``steppe eval all``: every development set, one table, compared with the baseline."""
    from steppe.eval.all import ALL_SETS, compare, load_baseline, run_all as run_sets, save_baseline
    from steppe.eval.metrics import rounded

    root = Path(args.path) if args.path else DEFAULT_ROOT
    sets = tuple(s.strip() for s in args.sets.split(",") if s.strip()) if args.sets else ALL_SETS
    unknown = [s for s in sets if s not in SCORERS]
    if unknown:
        err.write(f"steppe eval: error: unknown set(s): {', '.join(unknown)}; known: {', '.join(SCORERS)}\n")
        return 2
    if not root.is_dir():
        err.write(f"steppe eval: error: {root}: no such folder\n")
        return 2
    show = err.isatty()

    def progress(name: str, done: int, total: int) -> None:
        if show:
            err.write(f"\r  {name}: {done}/{total}   ")
            err.flush()

    result = run_sets(root, sets, progress, settings=_coding(args))
    if show:
        err.write("\n")
    base_path = Path(args.baseline)
    base = load_baseline(base_path)
    rows = compare(result["figures"], base, args.tolerance)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(rounded({**result, "rows": rows}), f, ensure_ascii=False, indent=1)
    w = out.write
    w(f"steppe eval all  ({root}; baseline {base_path}{'' if base else ': none yet'})\n\n")
    w(f"  {'set':<13} {'figure':<36} {'baseline':>8} {'now':>8} {'change':>8}\n")
    for r in rows:
        w(f"  {r['set']:<13} {r['figure']:<36} {_fmt(r['baseline']):>8} {_fmt(r['now']):>8} "
          f"{('%+.3f' % r['change']) if r['change'] is not None else '-':>8}  {r['flag']}\n")
    worse = [r for r in rows if r["flag"] == "worse"]
    w(f"\n  {len(worse)} figure(s) worse than the baseline by more than {args.tolerance}"
      + (": " + ", ".join(f"{r['set']} {r['figure']}" for r in worse) if worse else "") + "\n")
    for name in result["missing"]:
        w(f"  {name}: not run (no folder {root / SCORERS[name][2]})\n")
    w("  seconds: " + ", ".join(f"{k} {v:.0f}" for k, v in result["seconds"].items()) + "\n")
    if args.save:
        save_baseline(base_path, result["figures"], base)
        w(f"  baseline written: {base_path}\n")
    return 0


commands.register("eval", func=Command(add_parser, run))
