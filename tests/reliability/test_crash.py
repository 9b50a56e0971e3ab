"""Crash safety: `steppe code` commits per batch; killed with SIGKILL in the middle of a run (twice),
the same command run again finishes the rest, and the database ends with exactly the events of an
uninterrupted run: none doubled, none lost.

The child writes its events to stdout (`--jsonl -`, unbuffered) as each article is coded, just
before that article's batch is committed, so seeing the events of article N means every batch
before N's is committed; the test kills it there. Bounded: every wait has a deadline."""
from __future__ import annotations

import json
import os
import re
import selectors
import signal
import subprocess
import sys
import time

import pytest

from tests.reliability.conftest import child_env, code, rows

pytestmark = pytest.mark.model

N_ARTICLES = 240
BATCH = 5
COUNTRIES = ["Uzbek", "Tajik", "Kyrgyz", "Russian", "Chinese", "Afghan"]


def write_input(path):
    lines = []
    for i in range(N_ARTICLES):
        lines.append(json.dumps({
            "id": f"a{i:03d}", "date": "2003-03-10",
            "text": f"Kazakh police detained {i + 2} {COUNTRIES[i % len(COUNTRIES)]} citizens near Shymkent "
                    f"on Monday. Officials said {i + 1} of them had no papers."}))
        if i % 50 == 7:
            lines.append("{not json")  # skipped lines are recorded on every run; they never stop one
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_child(argv, kill_after_articles=None, timeout=60.0):
    """Run `python -m steppe.cli ARGV`; with ``kill_after_articles``, SIGKILL it as soon as it has
    printed the events of that many new articles. Returns (returncode, articles seen, stderr)."""
    env = child_env(PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "steppe.cli", *map(str, argv)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    seen: list[str] = []
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    buf = b""
    try:
        while True:
            if time.monotonic() > deadline:
                pytest.fail(f"steppe code did not finish within {timeout:g}s")
            if not sel.select(timeout=0.5):
                if proc.poll() is not None:
                    break
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            buf += chunk
            *complete, buf = buf.split(b"\n")
            for line in complete:
                art = json.loads(line)["article_id"]
                if not seen or seen[-1] != art:
                    seen.append(art)
            if kill_after_articles is not None and len(seen) >= kill_after_articles:
                os.kill(proc.pid, signal.SIGKILL)
                break
        proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        stderr = proc.stderr.read().decode("utf-8", "replace")
    finally:
        sel.close()
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()
    return proc.returncode, seen, stderr


def snapshot(db):
    ev = rows(db, "SELECT count(*) AS n, count(DISTINCT event_id) AS d FROM events")[0]
    return {
        "events_total": ev["n"],
        "events_distinct": ev["d"],
        "event_ids": {r["event_id"] for r in rows(db, "SELECT event_id FROM events")},
        "articles": {r["article_id"] for r in rows(db, "SELECT article_id FROM articles")},
        "sentences": rows(db, "SELECT count(*) AS n FROM sentences")[0]["n"],
        "per_article": {(r["article_id"], r["n"]) for r in rows(
            db, "SELECT article_id, count(*) AS n FROM events GROUP BY article_id")},
    }


def test_kill_9_mid_run_then_rerun_gives_exactly_the_uninterrupted_events(tmp_path):
    big = tmp_path / "big.jsonl"
    write_input(big)
    ref_db, db = tmp_path / "ref.duckdb", tmp_path / "killed.duckdb"
    rc, _, err = code(ref_db, big, extra=("--batch-size", str(BATCH)))
    assert rc == 0, err
    ref = snapshot(ref_db)
    assert len(ref["articles"]) == N_ARTICLES and ref["events_total"] >= N_ARTICLES

    argv = ["code", big, "--db", db, "--batch-size", BATCH, "--no-places", "--jsonl", "-"]
    rc1, seen1, _ = run_child(argv, kill_after_articles=70)
    assert rc1 == -signal.SIGKILL, "the first run finished before it could be killed"
    rc2, seen2, _ = run_child(argv, kill_after_articles=70)
    assert rc2 == -signal.SIGKILL, "the second run finished before it could be killed"
    # only the batch in flight at the kill (coded, maybe not committed) is coded again
    assert set(seen1) & set(seen2) <= set(seen1[-BATCH:]), "the second run re-coded committed articles"
    rc3, seen3, err3 = run_child(argv)
    assert rc3 == 0, err3
    m = re.search(r"(\d+) articles, \d+ sentences, \d+ events, (\d+) skipped, (\d+) unchanged", err3)
    assert m, err3
    coded3, unchanged3 = int(m.group(1)), int(m.group(3))
    # every batch before the kill point was committed (the batch being written may or may not be)
    assert unchanged3 >= len(seen1) + len(seen2) - 2 * BATCH
    assert coded3 + unchanged3 == N_ARTICLES and 0 < coded3 < N_ARTICLES - 100

    got = snapshot(db)
    assert got["events_total"] == got["events_distinct"], "events doubled"
    assert got == ref
    assert rows(db, "SELECT count(*) AS n FROM skipped")[0]["n"] >= len(
        [x for x in big.read_text().splitlines() if x.startswith("{not")])
