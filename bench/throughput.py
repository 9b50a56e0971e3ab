"""Throughput: spaCy's parse alone vs `steppe code` whole, on real news text.

    python bench/throughput.py [--articles 1000] [--workers 1] [--batch-size 32] [--places] [--classifier]

The article texts of ../shared/eval/geowebnews (GWN.xml) and ../shared/eval/tr-news (TR-News.xml),
read at run time (never copied into the repo), repeated to --articles, are written as one JSONL
file in a temporary folder. Then, in one run:

1. parse alone: ``steppe.nlp.get_nlp()`` (the same model and components `steppe code` uses),
   ``nlp.pipe`` with the same batch size, in a fresh process; model load timed separately;
2. ``steppe code FILE --db TMP --workers N`` whole (once per value of --workers), as a subprocess: start-up, reading, parsing,
   coding and DuckDB writes all included.

Prints sentences per second for both, their ratio, and peak memory: the peak of the summed RSS
of the process tree (sampled from /proc every 50 ms) and the largest single process's peak
(``ru_maxrss``). A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SOURCES = (
    ("gwn", SHARED / "eval" / "geowebnews" / "GWN.xml"),
    ("trnews", SHARED / "eval" / "tr-news" / "TR-News.xml"),
)


def news_articles() -> list[dict]:
    """The article texts (with title and, for TR-News, the download date) of both corpora."""
    out = []
    for name, path in SOURCES:
        root = ET.parse(path).getroot()
        for i, art in enumerate(root.findall("article")):
            text = (art.findtext("text") or "").strip()
            if not text:
                continue
            rec = {"id": f"{name}-{i}", "text": text, "title": (art.findtext("title") or "").strip() or None}
            date = (art.findtext("dltime") or "").strip()
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
                rec["date"] = date
            out.append(rec)
    return out


def corpus(n: int, base: list[dict] | None = None) -> list[dict]:
    """``n`` articles: the news texts repeated, each copy with its own id."""
    base = base or news_articles()
    return [{**base[i % len(base)], "id": f"{base[i % len(base)]['id']}-r{i // len(base)}"} for i in range(n)]


def write_jsonl(records: list[dict], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


# -- memory of a process tree, without psutil ------------------------------------------------
def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(x) for x in fh.read().split()]
    except OSError:
        return []


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kb(pid: int) -> int:
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += _rss_kb(p)
        stack.extend(_children(p))
    return total


class PeakSampler(threading.Thread):
    """Samples the summed RSS of a process and its descendants until stopped."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak_kb = pid, every, 0
        self._stop_ev = threading.Event()

    def run(self) -> None:
        while not self._stop_ev.is_set():
            self.peak_kb = max(self.peak_kb, tree_rss_kb(self.pid))
            self._stop_ev.wait(self.every)

    def stop(self) -> int:
        self._stop_ev.set()
        self.join()
        return self.peak_kb


def run_measured(cmd: list[str], env: dict | None = None) -> tuple[subprocess.CompletedProcess, float, int]:
    """Run ``cmd``; return (completed process, wall seconds, peak tree RSS in kB)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
    sampler = PeakSampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    peak = sampler.stop()
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err), wall, peak


# -- the parse alone (runs in its own process: `throughput.py --parse-only FILE`) ---------------
def parse_only(path: str, batch_size: int) -> dict:
    t0 = time.perf_counter()
    from steppe.nlp import get_nlp

    nlp = get_nlp()
    load = time.perf_counter() - t0
    texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
    t1 = time.perf_counter()
    c1 = time.process_time()
    sentences = 0
    for doc in nlp.pipe(texts, batch_size=batch_size):
        sentences += sum(1 for _ in doc.sents)
    parse = time.perf_counter() - t1
    cpu = time.process_time() - c1
    return {"articles": len(texts), "sentences": sentences, "load_s": load, "parse_s": parse, "cpu_s": cpu,
            "pipe_names": nlp.pipe_names,
            "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000, help="articles (texts repeated to this count)")
    ap.add_argument("--workers", default="1", type=lambda v: [int(x) for x in v.split(",")],
                    help="`steppe code --workers N`; a list (1,2) runs it once per value")
    ap.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size (both sides)")
    ap.add_argument("--places", action="store_true", help="geocode too (steppe code without --no-places)")
    ap.add_argument("--classifier", action="store_true",
                    help="steppe code --classifier (the learned second opinion; needs steppe[ml])")
    ap.add_argument("--parse-only", metavar="FILE", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.parse_only:
        print(json.dumps(parse_only(args.parse_only, args.batch_size)))
        return 0

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    records = corpus(args.articles)
    chars = sum(len(r["text"]) for r in records)
    print(f"corpus: {len(records)} articles ({chars / 1e6:.1f} M chars) from GeoWebNews + TR-News; "
          f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="steppe-bench-") as tmp:
        src = Path(tmp) / "news.jsonl"
        write_jsonl(records, src)
        del records

        # 1. spaCy's parse alone
        cmd = [sys.executable, __file__, "--parse-only", str(src), "--batch-size", str(args.batch_size)]
        done, wall, peak_parse = run_measured(cmd, env)
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            return 1
        p = json.loads(done.stdout.strip().splitlines()[-1])
        parse_rate = p["sentences"] / p["parse_s"]
        print(f"parse alone   : {p['sentences']} sentences in {p['parse_s']:.1f}s (+{p['load_s']:.1f}s model load)"
              f" = {parse_rate:,.0f} sentences/s; pipes {','.join(p['pipe_names'])}; "
              f"peak RSS {peak_parse / 1024:,.0f} MB")

        # 2. steppe code whole, for each --workers value
        first = None
        for workers in args.workers:
            db = Path(tmp) / f"bench-w{workers}.duckdb"
            cmd = [sys.executable, "-m", "steppe.cli", "code", str(src), "--db", str(db),
                   "--batch-size", str(args.batch_size), "--workers", str(workers)]
            if not args.places:
                cmd.append("--no-places")
            if args.classifier:
                cmd.append("--classifier")
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            done, wall, peak_code = run_measured(cmd, env)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if done.returncode != 0:
                sys.stderr.write(done.stderr)
                return 1
            m = re.search(r"(\d+) articles, (\d+) sentences, (\d+) events, (\d+) skipped", done.stderr)
            if not m:
                sys.stderr.write(done.stderr)
                return 1
            arts, sents, events = int(m.group(1)), int(m.group(2)), int(m.group(3))
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            code_rate = sents / wall
            print(f"steppe code   : --workers {workers}: {arts} articles, {sents} sentences, {events} events in "
                  f"{wall:.1f}s wall, {cpu:.1f}s CPU (start-up, reading, DuckDB included) = "
                  f"{code_rate:,.0f} sentences/s, {arts / wall:,.1f} articles/s; peak RSS "
                  f"{peak_code / 1024:,.0f} MB (process tree); db {db.stat().st_size / 1e6:.1f} MB")
            if sents != p["sentences"]:
                print(f"note: sentence counts differ (parse {p['sentences']}, steppe {sents})")
            if first is None:
                first = (workers, wall)
                print(f"ratio         : {code_rate / parse_rate:.2f} sentences/s of steppe code whole / parse alone "
                      f"(target >= 0.75); by CPU seconds {p['cpu_s'] / cpu:.2f}")
            else:
                print(f"speed-up      : --workers {workers} vs --workers {first[0]}: {first[1] / wall:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
