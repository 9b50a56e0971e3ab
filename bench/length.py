"""Cost against article length: one article of 10k, 100k and 1M characters, coded whole.

    python bench/length.py [--sizes 10000,100000,1000000] [--no-places] [--profile N]

Each article is the bundled examples (examples/: their titles and texts, read with steppe's own
readers) repeated until it has the size asked for, cut at that size. Each size is coded in a
fresh process (``steppe.pipeline.Coder``, package defaults: geocoding on unless --no-places):
the model load is timed apart; the coding (``Coder.code_stream``: parse, actors, events, dates,
places) is timed whole (the median of 5 runs for 10k characters, of 3 for 100k, one run above)
and its parse alone is reported too. Prints, per size, seconds, seconds
per 10k characters, events, and the process's peak RSS (``ru_maxrss``, model included), then the
ratio of the largest size's seconds per 10k characters to the smallest's (linear cost: near 1).
``--profile N`` prints cProfile's 25 costliest functions for the size N instead. A benchmark,
not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def synthetic_text(size: int) -> str:
    """The examples' titles and texts, repeated and cut to ``size`` characters."""
    from steppe.ingest.readers import read_inputs
    from steppe.records import Article

    arts = [a for a in read_inputs([str(REPO / "examples")]) if isinstance(a, Article)]
    base = "\n\n".join((a.title + "\n\n" if a.title else "") + a.text for a in arts) + "\n\n"
    return (base * (size // len(base) + 1))[:size]


def repeats(size: int) -> int:
    return 5 if size <= 10_000 else 3 if size <= 100_000 else 1


def child(size: int, places: bool, profile: bool) -> dict:
    from steppe.config import Settings
    from steppe.nlp.pieces import parse_texts
    from steppe.pipeline import Coder
    from steppe.records import Article

    text = synthetic_text(size)
    t0 = time.perf_counter()
    coder = Coder(Settings(places=places))
    load = time.perf_counter() - t0
    article = Article(id=f"length-{size}", text=text, date="2003-03-10", origin="bench/length.py")
    coder.nlp(text[: min(len(text), 2000)])  # warm up (first call allocates)
    t0 = time.perf_counter()
    doc = next(parse_texts(coder.nlp, [text], 1))  # the parse as Coder runs it (long texts in pieces)
    parse = time.perf_counter() - t0
    del doc
    if profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        next(iter(coder.code_stream([article])))
        prof.disable()
        pstats.Stats(prof, stream=sys.stderr).sort_stats("tottime").print_stats(25)
    times = []
    for _ in range(repeats(size)):  # small sizes are coded a few times: the median is less noisy
        t0 = time.perf_counter()
        res = next(iter(coder.code_stream([article])))
        times.append(time.perf_counter() - t0)
    seconds = statistics.median(times)
    return {"size": size, "load_s": load, "parse_s": parse, "seconds": seconds, "events": len(res.events),
            "sentences": len(res.sentences), "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--no-places", action="store_true", help="do not geocode (as --no-places)")
    ap.add_argument("--profile", type=int, default=None, metavar="N", help="profile the size N")
    ap.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    places = not args.no_places
    if args.child is not None:
        print(json.dumps(child(args.child, places, args.profile == args.child)))
        return 0
    sizes = [args.profile] if args.profile else [int(s) for s in args.sizes.split(",")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    print(f"machine: {os.cpu_count()} cores; geocoding {'on' if places else 'off (--no-places)'}; "
          "each size in a fresh process")
    print(f"{'characters':>11} {'sentences':>9} {'events':>7} {'parse s':>8} {'coding s':>9} {'s/10k':>7} "
          f"{'peak RSS MB':>12}")
    rows = []
    for size in sizes:
        cmd = [sys.executable, __file__, "--child", str(size)] + (["--no-places"] if not places else []) + \
              (["--profile", str(size)] if args.profile else [])
        out = subprocess.run(cmd, env=env, check=True, stdout=subprocess.PIPE, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        r["per_10k"] = r["seconds"] / (size / 10_000)
        rows.append(r)
        print(f"{size:>11,} {r['sentences']:>9,} {r['events']:>7,} {r['parse_s']:>8.1f} {r['seconds']:>9.1f} "
              f"{r['per_10k']:>7.2f} {r['peak_rss_mb']:>12,.0f}", flush=True)
    if len(rows) > 1:
        print(f"s/10k at {rows[-1]['size']:,} / at {rows[0]['size']:,}: {rows[-1]['per_10k'] / rows[0]['per_10k']:.2f}"
              f" (model load {rows[0]['load_s']:.1f} s, not counted)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
