"""The store at scale: grow a database with synthetic events, then time the queries of issue 19.

    python bench/store.py --events 1000000 --db /tmp/steppe-1m.duckdb [--repeat 3] [--only cli,http,export]

1. Build (skipped when FILE exists, unless --rebuild): ``--events`` mentions written through the
   store's own writer (``steppe.store.Store.write``, batches of --batch articles), so the database
   follows every schema change. Articles arrive in publication order (2000-01-01 .. 2025-12-31, as a
   news feed is coded day by day); 1-3 mentions each, ~1.5 mentions per event (a mention repeats
   an event reported in the last days with the same date, dyad, code and place), Zipf-like
   countries, sectors, named persons and CAMEO codes, dates mostly to the day (some month, year,
   year-less ``--MM-DD`` or unknown), two thirds with a place, ~400 news sources.
2. CLI (whole process, a fresh interpreter each run): ``steppe events --actor KAZ --limit 100``,
   ``steppe events --code 17 --since 2020-01-01 --limit 100``, ``steppe actors --format jsonl | head``.
3. HTTP (``steppe serve`` on 127.0.0.1, a free port): /events?actor=KAZ&limit=100,
   /events?dedup=true&limit=100, /dyads?level=country, /dyads?dedup=true, a dyad timeline,
   /actors?q=kaz. One warm-up request each, then the median of --repeat (at least 5).
4. Exports: ``steppe export --format F`` for every format: seconds, rows/s, peak RSS of the process.

Timings are medians of --repeat, warm (the file in the page cache); a command whose first run
takes over 30 s is run once (marked). Prints a Markdown table.
A benchmark, not a test. ``PYTHONPATH=OTHER_CHECKOUT`` times another version of steppe.
"""
from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

# -P: the current folder is not put on sys.path, so PYTHONPATH=OTHER_CHECKOUT is the steppe that runs
CLI = [sys.executable, "-P", "-c", "import sys; from steppe.cli import main; sys.exit(main())"]

COUNTRIES = ("USA RUS CHN GBR ISR IRN UKR FRA DEU IND PAK AFG IRQ SYR TUR KAZ JPN PSE EGY SAU KOR PRK "
             "NGA ITA ESP CAN AUS BRA MEX VEN LBN YEM LBY SDN SOM KEN ETH ZAF UZB KGZ TJK TKM AZE ARM GEO "
             "BLR POL HUN ROU SRB GRC CYP NLD BEL SWE NOR FIN DNK CHE AUT CZE SVK BGR HRV BIH ALB MKD "
             "MDA LTU LVA EST IRL PRT THA VNM MMR IDN MYS PHL SGP BGD LKA NPL MNG TWN COL PER CHL ARG "
             "BOL ECU CUB HTI NIC HND GTM SLV PAN DZA MAR TUN MLI NER TCD CMR COD COG UGA RWA BDI TZA "
             "ZWE ZMB MOZ AGO SSD ERI DJI JOR KWT QAT ARE BHR OMN").split()
SECTORS = ("GOV", "MIL", "COP", "CVL", "OPP", "REB", "BUS", "MED", "JUD", "LEG", "REF", "")
IGOS = ("IGOUNO", "IGOEUR", "IGONAT", "IGOAFR", "IGOASN", "IGOWTO")
WORDS = ("police detained protesters near the border after talks on water sharing broke down and the "
         "ministry said troops would stay while officials met envoys to discuss sanctions aid and trade "
         "amid reports of clashes in the capital where opposition leaders called for calm").split()


def _zipf_picker(items, rng, s=1.0):
    weights = [1.0 / (i + 1) ** s for i in range(len(items))]
    total, acc, cum = sum(weights), 0.0, []
    for w in weights:
        acc += w / total
        cum.append(acc)
    return lambda: items[min(bisect.bisect_left(cum, rng.random()), len(items) - 1)]


def synthetic_results(n_events: int, seed: int = 19):
    """ArticleResults with ``n_events`` mentions in total, in publication order."""
    from steppe.coding.cameo import load_cameo_table
    from steppe.records import Actor, Article, ArticleResult, Event, Place, Sentence

    rng = random.Random(seed)
    table = load_cameo_table()
    codes = [c for c in table if len(c.code) >= 3]
    rng.shuffle(codes)
    pick_code = _zipf_picker(codes, rng, 0.9)
    pick_country = _zipf_picker(COUNTRIES, rng, 1.0)
    pick_sector = _zipf_picker(SECTORS, rng, 0.8)
    sources = [f"news{i:03d}.example" for i in range(400)]
    pick_source = _zipf_picker(sources, rng, 0.7)
    persons = [f"Person {i}" for i in range(20000)]
    pick_person = _zipf_picker(persons, rng, 1.1)
    cities = [Place(f"City {i}", f"City {i}", None, f"Region {i % 50}", round(rng.uniform(-60, 70), 5),
                    round(rng.uniform(-180, 180), 5), "city", 100000 + i) for i in range(3000)]
    start, days = dt.date(2000, 1, 1), (dt.date(2025, 12, 31) - dt.date(2000, 1, 1)).days
    n_articles = max(1, round(n_events / 2))

    def actor(role_text):
        if rng.random() < 0.04:
            code = rng.choice(IGOS)
            return Actor(role_text, code, None, None, actor_id=f"a-{code.lower()}", kind="igo")
        iso, sector = pick_country(), pick_sector()
        code = iso + sector
        if rng.random() < 0.15:
            name = pick_person()
            return Actor(name, code, iso, sector or None, actor_id=f"p-{iso}-{name[7:]}", name=name, kind="person")
        return Actor(role_text, code, iso, sector or None, actor_id=f"a-{code.lower()}", kind="group")

    def new_key(pub: dt.date):
        cameo = pick_code()
        r = rng.random()
        day = pub - dt.timedelta(days=rng.randint(0, 3))
        if r < 0.82:
            date, prec = day.isoformat(), "day"
        elif r < 0.90:
            date, prec = day.isoformat()[:7], "month"
        elif r < 0.93:
            date, prec = str(day.year), "year"
        elif r < 0.97:
            date, prec = f"--{day:%m-%d}", "day"  # the year unknown
        else:
            date, prec = None, "unknown"
        src = actor("the authorities")
        tgt = actor("citizens") if rng.random() < 0.85 else None
        p = rng.random()
        if p < 0.35:
            c = cities[rng.randrange(len(cities))]
            loc = Place(c.text, c.name, (src.country or "KAZ"), c.admin1, c.lat, c.lon, "city", c.geonameid)
        elif p < 0.66:
            iso = (tgt.country if tgt and tgt.country else src.country) or "KAZ"
            loc = Place(iso, iso, iso, None, 0.0, 0.0, "country", 1000 + COUNTRIES.index(iso) if iso in COUNTRIES else None)
        else:
            loc = None
        return (date, prec, src, tgt, cameo, loc)

    recent: list = []
    made = 0
    for i in range(n_articles):
        if made >= n_events:
            break
        pub = start + dt.timedelta(days=int(i * days / n_articles))
        aid = f"art-{i:09d}"
        k = min(rng.choice((1, 2, 2, 3)), n_events - made)
        events, pos, sentences = [], 0, []
        text_parts = []
        for j in range(k):
            if recent and rng.random() < 0.34:
                key = recent[rng.randrange(len(recent))]
            else:
                key = new_key(pub)
                recent.append(key)
                if len(recent) > 200:
                    recent.pop(0)
            date, prec, src, tgt, cameo, loc = key
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 24)))
            sent = f"{src.text.capitalize()} {words} {tgt.text if tgt else 'again'}."
            sentences.append(Sentence(aid, j, pos, pos + len(sent), sent))
            events.append(Event(
                event_id=f"{i:011x}{j:09x}", article_id=aid, sentence_index=j, evidence=sent,
                evidence_start=pos, evidence_end=pos + len(sent), date=date, date_precision=prec,
                date_source="sentence", source=src, target=tgt, cameo=cameo.code, cameo_root=cameo.code[:2],
                quad_class=cameo.quad_class, goldstein=cameo.goldstein, plover_type=cameo.plover_type,
                plover_mode=cameo.plover_mode, location=loc, confidence=round(rng.uniform(0.4, 0.95), 2),
                trigger="detained", explanation="bench"))
            text_parts.append(sent)
            pos += len(sent) + 1
        made += k
        text = " ".join(text_parts)
        src_name = pick_source()
        art = Article(aid, text, title=f"Story {i}", date=pub.isoformat(),
                      url=f"https://www.{src_name}/{pub:%Y/%m/%d}/{i}", source=None)
        yield ArticleResult(art, content_hash=f"{i:016x}", sentences=sentences, events=events)


def build(path: str, n_events: int, batch: int) -> tuple[int, float]:
    from steppe.store import Store

    t0 = time.perf_counter()
    n, pending = 0, []
    with Store(path) as store:
        for res in synthetic_results(n_events):
            pending.append(res)
            n += len(res.events)
            if len(pending) >= batch:
                store.write(pending)
                pending = []
        if pending:
            store.write(pending)
        store.con.execute("CHECKPOINT")
    return n, time.perf_counter() - t0


def _run(argv: list[str], stdout=subprocess.DEVNULL, shell: bool = False) -> tuple[float, int, int]:
    """(seconds, exit status, peak RSS KB of the process) of one command."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE, shell=shell)
    _, status, usage = os.wait4(proc.pid, 0)
    secs = time.perf_counter() - t0
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        print(f"  ! exit {proc.returncode}: {' '.join(argv) if not shell else argv}\n{err[-800:]}", file=sys.stderr)
    return secs, proc.returncode, usage.ru_maxrss


def _median(f, repeat, first=None):
    """Median of ``repeat`` runs; a first run over 30 s is reported alone (marked "1 run")."""
    if first is not None and first > 30:
        return first
    return statistics.median(f() for _ in range(repeat))


def _fmt(secs: float, unit: str = "s") -> str:
    once = " (1 run)" if secs > 30 else ""
    return (f"{secs:.2f} s" if unit == "s" else f"{secs * 1000:.0f} ms") + once


def time_cli(db: str, repeat: int) -> list[tuple[str, str]]:
    rows = []
    for label, args in (("steppe events --actor KAZ --limit 100", ["events", "--actor", "KAZ", "--limit", "100"]),
                        ("steppe events --code 17 --since 2020-01-01 --limit 100",
                         ["events", "--code", "17", "--since", "2020-01-01", "--limit", "100"])):
        first = _run(CLI + args + ["--db", db])[0]
        rows.append((label, _fmt(_median(lambda: _run(CLI + args + ['--db', db])[0], repeat, first))))
    cmd = " ".join(f"'{c}'" for c in CLI) + f" actors --db '{db}' --format jsonl | head > /dev/null"
    first = _run(cmd, shell=True)[0]
    rows.append(("steppe actors --format jsonl | head", _fmt(_median(lambda: _run(cmd, shell=True)[0], repeat, first))))
    return rows


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def time_http(db: str, repeat: int) -> list[tuple[str, str]]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "STEPPE_TOKEN"}
    server = subprocess.Popen(CLI + ["serve", "--db", db, "--host", "127.0.0.1", "--port", str(port), "--quiet",
                                     "--timeout", "60"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 120
        while True:
            try:
                urllib.request.urlopen(base + "/health", timeout=5).read()
                break
            except OSError:
                if server.poll() is not None or time.time() > deadline:
                    raise SystemExit(f"steppe serve did not start: {server.stderr.read().decode()[-800:]}")
                time.sleep(0.3)
        rows = []
        for path in ("/events?actor=KAZ&limit=100", "/events?dedup=true&limit=100", "/dyads?level=country",
                     "/dyads?dedup=true", "/dyads/KAZ/RUS/timeline?interval=month&symmetric=true",
                     "/actors?q=kaz"):
            def once():
                t0 = time.perf_counter()
                with urllib.request.urlopen(base + path, timeout=120) as r:
                    r.read()
                    status = r.status
                if status != 200:
                    raise SystemExit(f"{path}: HTTP {status}")
                return time.perf_counter() - t0
            try:
                once()
                rows.append((f"HTTP GET {path}", f"{_median(once, max(5, repeat)) * 1000:.0f} ms"))
            except OSError as exc:
                rows.append((f"HTTP GET {path}", f"error: {exc}"))
        return rows
    finally:
        server.terminate()
        server.wait(timeout=30)


def time_exports(db: str, repeat: int, formats: list[str], n_events: int) -> list[tuple[str, str]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="steppe-bench-") as tmp:
        for fmt in formats:
            out = os.path.join(tmp, f"events.{fmt}")
            results = [_run(CLI + ["export", "--db", db, "--format", fmt, out])]
            if results[0][0] <= 30:
                results += [_run(CLI + ["export", "--db", db, "--format", fmt, out]) for _ in range(max(1, repeat) - 1)]
            secs = statistics.median(r[0] for r in results)
            rss = max(r[2] for r in results) / 1024
            size = os.path.getsize(out) / 1e6 if os.path.exists(out) else 0
            once = " (1 run)" if len(results) == 1 and repeat > 1 else ""
            rows.append((f"steppe export --format {fmt}",
                         f"{secs:.1f} s{once} ({n_events / secs / 1000:.0f}k mentions/s), peak RSS {rss:,.0f} MB, "
                         f"{size:,.0f} MB"))
            if os.path.exists(out):
                os.remove(out)
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000, help="mentions to write (default 1,000,000)")
    ap.add_argument("--db", required=True, help="database file (built when missing)")
    ap.add_argument("--rebuild", action="store_true", help="delete FILE and build it again")
    ap.add_argument("--batch", type=int, default=10000, help="articles per write batch (default 10000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing, median reported (default 3)")
    ap.add_argument("--only", default="cli,http,export", help="which timings: cli,http,export (or none)")
    ap.add_argument("--formats", default="parquet,csv,jsonl,gdelt,icews,plover")
    ap.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    db = args.db
    if args.rebuild and os.path.exists(db):
        os.remove(db)
        if os.path.exists(db + ".wal"):
            os.remove(db + ".wal")
    if args.build_only:
        n, secs = build(db, args.events, args.batch)
        print(f"built {db}: {n:,} mentions in {secs:.0f} s ({n / secs:,.0f} mentions/s), "
              f"{os.path.getsize(db) / 1e9:.2f} GB", flush=True)
        return 0
    if not os.path.exists(db):
        # in a child process: a child started later inherits this process's peak RSS in its own
        # (Linux keeps it across fork and exec), so the exports' peaks would be the build's
        subprocess.run([sys.executable, "-P", __file__, "--events", str(args.events), "--db", db,
                        "--batch", str(args.batch), "--build-only"], check=True)
    import duckdb

    with duckdb.connect(db, read_only=True) as con:
        n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    only = set(args.only.split(","))
    rows: list[tuple[str, str]] = []
    if "cli" in only:
        rows += time_cli(db, args.repeat)
        print("\n".join(f"  {a}: {b}" for a, b in rows), flush=True)
    if "http" in only:
        got = time_http(db, args.repeat)
        print("\n".join(f"  {a}: {b}" for a, b in got), flush=True)
        rows += got
    if "export" in only:
        got = time_exports(db, args.repeat, args.formats.split(","), n_events)
        print("\n".join(f"  {a}: {b}" for a, b in got), flush=True)
        rows += got
    print(f"\n{n_events:,} mentions in {db}; medians of {args.repeat}, warm\n")
    print("| query | time |\n|---|---|")
    for a, b in rows:
        print(f"| `{a}` | {b} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
