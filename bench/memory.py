"""Memory while streaming: peak RSS of `steppe code` on one JSONL file of N articles.

    python bench/memory.py [--articles 100000] [--sentences 2] [--workers 1] [--places]

Short articles are built from the sentences of the news texts in ../shared/eval (GeoWebNews,
TR-News; read at run time, never copied into the repo): article i is ``--sentences`` consecutive
sentences of that pool, cycling, each article with its own id. They go to one JSONL file in a
temporary folder; ``steppe code FILE --db TMP --workers N --no-places`` runs as a subprocess.
Prints the summed RSS of the process tree (sampled every 200 ms) at each tenth of the run and
its peak, so a flat line shows streaming works. A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import REPO, PeakSampler, news_articles, tree_rss_kb  # noqa: E402

_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def short_articles(n: int, per: int):
    pool = [s.strip() for a in news_articles() for s in _SENT.split(a["text"].replace("\n", " "))
            if 20 <= len(s.strip()) <= 400]
    for i in range(n):
        start = (i * per) % len(pool)
        text = " ".join(pool[(start + k) % len(pool)] for k in range(per))
        yield {"id": f"short-{i}", "text": text, "date": "2018-01-15"}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--sentences", type=int, default=2, help="sentences per article")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--places", action="store_true", help="geocode too (no --no-places)")
    args = ap.parse_args(argv)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    with tempfile.TemporaryDirectory(prefix="steppe-mem-") as tmp:
        src = Path(tmp) / "short.jsonl"
        with open(src, "w", encoding="utf-8") as fh:
            for rec in short_articles(args.articles, args.sentences):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        print(f"input: {args.articles:,} articles of {args.sentences} sentences, {src.stat().st_size / 1e6:.0f} MB "
              f"JSONL; machine: {os.cpu_count()} cores")
        db = Path(tmp) / "mem.duckdb"
        cmd = [sys.executable, "-m", "steppe.cli", "code", str(src), "--db", str(db), "--workers",
               str(args.workers), "--batch-size", str(args.batch_size)]
        if not args.places:
            cmd.append("--no-places")
        print("command: steppe " + " ".join(cmd[3:]))
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
        sampler = PeakSampler(proc.pid, every=0.2)
        sampler.start()
        timeline = []
        while proc.poll() is None:
            time.sleep(2)
            rss = tree_rss_kb(proc.pid)
            if rss:
                timeline.append((time.perf_counter() - t0, rss))
        err = proc.stderr.read()
        peak = sampler.stop()
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            sys.stderr.write(err)
            return 1
        summary = [ln for ln in err.splitlines() if " articles, " in ln]
        print(summary[-1] if summary else err[-500:])
        for k in range(1, 11):
            upto = [rss for t, rss in timeline if t <= wall * k / 10]
            if upto:
                print(f"  {k * 10:3d}% of the run ({wall * k / 10:7.0f}s): RSS {upto[-1] / 1024:6.0f} MB")
        print(f"peak RSS {peak / 1024:,.0f} MB (process tree, --workers {args.workers}) in {wall:,.0f}s; "
              f"db {db.stat().st_size / 1e6:,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
