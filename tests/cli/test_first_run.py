"""The first ten minutes (issue 16), through the command line as a subprocess: filters refused as
the API refuses them, a missing input named, a held database explained, the port printed, the
place index announced, help for every argument, and `make run` leaving a user's database alone.

Network: loopback only, every wait bounded.
"""
from __future__ import annotations

import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time

import httpx
import pytest

from steppe.cli import build_parser
from tests.conftest import REPO

CLEAN_ENV = {k: v for k, v in os.environ.items() if not k.startswith("STEPPE_")}
CLEAN_ENV["PYTHONPATH"] = os.pathsep.join([str(REPO)] + [p for p in [os.environ.get("PYTHONPATH")] if p])


def steppe(*argv, cwd, env=None, timeout=600):
    """`steppe ARGV` as a process: (exit status, stdout, stderr)."""
    r = subprocess.run([sys.executable, "-m", "steppe.cli", *map(str, argv)], cwd=cwd, env={**CLEAN_ENV, **(env or {})},
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout)
    return r.returncode, r.stdout, r.stderr


@pytest.mark.parametrize("flag, value", [("--since", "yesterday"), ("--since", "2003-02-30"), ("--until", "2003-13"),
                                         ("--code", "abc"), ("--limit", "-1"), ("--limit", "0")])
def test_events_refuses_what_the_api_refuses_with_the_same_message(tmp_path, flag, value):
    from fastapi.testclient import TestClient

    from steppe.api import create_app

    code, out, err = steppe("events", "--db", tmp_path / "none.duckdb", flag, value, cwd=tmp_path)
    assert code == 2 and out == ""
    assert "Traceback" not in err and len(err.splitlines()) == 1
    assert err.startswith("steppe events: error: " + flag + " must be ")
    with TestClient(create_app(":memory:")) as client:
        r = client.get("/events", params={flag[2:]: value})
    assert r.status_code == 422
    assert [p["msg"] for p in r.json()["detail"]] == [err.strip().removeprefix("steppe events: error: --")]
    assert not (tmp_path / "none.duckdb").exists()


def test_events_accepts_the_dates_the_api_accepts(tmp_path):
    # a month and a year pass the check (the database, which does not exist, is the next problem)
    code, _, err = steppe("events", "--db", tmp_path / "none.duckdb", "--since", "2003", "--until", "2003-02",
                          "--code", "17", "--limit", "5", cwd=tmp_path)
    assert code == 1 and "does not exist" in err


def test_a_missing_input_is_an_error_naming_it_and_creates_no_database(tmp_path):
    (tmp_path / "real.txt").write_text("Kazakh police detained ten Uzbek citizens.", encoding="utf-8")
    code, out, err = steppe("code", "real.txt", "nosuch.txt", "--db", "new.duckdb", "--jsonl", "ev.jsonl",
                            cwd=tmp_path)
    assert code == 2 and out == ""
    assert err == "steppe code: error: nosuch.txt: no such file or folder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["real.txt"]  # no database, no --jsonl file
    code, _, err = steppe("places", "nosuch/", cwd=tmp_path)
    assert code == 2 and err == "steppe places: error: nosuch/: no such file or folder\n"


class Server:
    """`steppe serve --port 0` as a process; its stderr lines are read into a queue."""

    def __init__(self, db, cwd):
        self.proc = subprocess.Popen([sys.executable, "-m", "steppe.cli", "serve", "--db", str(db), "--port", "0"],
                                     cwd=cwd, env=CLEAN_ENV, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [self.lines.put(x) for x in self.proc.stderr], daemon=True).start()

    def first_line(self, timeout=60.0) -> str:
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            pytest.fail(f"steppe serve printed nothing within {timeout:.0f}s")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


def _answering(base: str, proc) -> httpx.Response:
    deadline = time.monotonic() + 60
    while True:
        assert proc.poll() is None, "steppe serve exited"
        try:
            return httpx.get(base + "/health", timeout=2)
        except httpx.HTTPError:
            assert time.monotonic() < deadline, "no answer within 60s"
            time.sleep(0.2)


def test_port_0_prints_the_bound_port_and_a_held_database_is_one_line(tmp_path):
    db = tmp_path / "s.duckdb"
    server = Server(db, tmp_path)
    try:
        line = server.first_line()
        m = re.match(r"steppe serve: http://127\.0\.0\.1:(\d+)/ ", line)
        assert m and int(m.group(1)) != 0, line
        base = f"http://127.0.0.1:{m.group(1)}"
        assert _answering(base, server.proc).json()["ok"] is True
        pid = server.proc.pid
        held = f"{db} is held by `steppe serve` (PID {pid}, {base}/): stop it (kill {pid}) and run this again, "
        for argv in (["events"], ["actors"], ["export", "--format", "csv", "out.csv"]):
            code, out, err = steppe(*argv, "--db", db, cwd=tmp_path)
            assert code == 1 and out == "" and "Traceback" not in err
            assert err == (f"steppe {argv[0]}: error: {held}or read through it ({base}/events); this command "
                           "already opens it read-only, and DuckDB refuses even that while another process has "
                           "it open for writing\n")
        (tmp_path / "a.txt").write_text("Kazakh police detained ten Uzbek citizens.", encoding="utf-8")
        code, _, err = steppe("code", "a.txt", "--db", db, "--no-places", cwd=tmp_path)
        assert code == 1
        assert err == (f"steppe code: error: {held}or send the articles to it (POST {base}/articles with its "
                       "STEPPE_TOKEN)\n")
    finally:
        server.stop()


def test_every_argument_has_a_help_text():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():
        for action in p._actions:
            assert action.help, f"`steppe {name}` {action.option_strings or action.metavar or action.dest} has no help"
    code, out, _ = steppe("events", "--help", cwd=REPO)
    text = " ".join(out.split())
    assert code == 0
    assert "--limit N print at most N events" in text and "--format {table,jsonl,csv} table (aligned" in text
    assert "jsonl (the event schema, one object per line)" in text
    code, out, _ = steppe("code", "--help", cwd=REPO)
    assert code == 0 and "PATH  " in out and "a missing PATH is an error" in " ".join(out.split())


def steppe_on_a_terminal(*argv, cwd, env):
    """`steppe ARGV` with its stderr on a pseudo-terminal (as in a shell): (exit status, stderr)."""
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "steppe.cli", *map(str, argv)], cwd=cwd,
                            env={**CLEAN_ENV, **env}, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=slave)
    os.close(slave)
    chunks = []

    def read():
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the process closed the terminal
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        code = proc.wait(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        reader.join(timeout=10)
        os.close(master)
    return code, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


@pytest.mark.model
def test_the_first_run_says_it_builds_the_place_index(tmp_path):
    cache = tmp_path / "cache"
    shutil.copy(REPO / "examples" / "border-detentions.txt", tmp_path / "a.txt")
    code, err = steppe_on_a_terminal("code", "a.txt", "--db", "a.duckdb", cwd=tmp_path,
                                     env={"STEPPE_CACHE_DIR": str(cache)})
    assert code == 0, err
    assert err.startswith(f"steppe: building the place index once (about 30 s; later runs open it in under a "
                          f"second) in {cache}\n\r  building the place index: 0 s of about 30   ")
    assert re.search(r"\nsteppe: place index built in \d+ s\n", err), err
    assert len(list(cache.glob("gazetteer-*.sqlite"))) == 1
    # the next run opens the index: not a word about it
    code, _, err = steppe("code", "a.txt", "--db", "a.duckdb", "--force", cwd=tmp_path,
                          env={"STEPPE_CACHE_DIR": str(cache)})
    assert code == 0 and "place index" not in err and "1 articles" in err


@pytest.mark.model
def test_make_run_twice_leaves_a_users_steppe_duckdb_alone(tmp_path):
    """`make run` in a checkout that has a user's steppe.duckdb: the examples go to examples.duckdb."""
    if not (REPO / ".venv" / ".installed").exists() or shutil.which("make") is None:
        pytest.skip("needs `make setup` done in the repository and make")
    stamp = (REPO / ".venv" / ".installed").stat().st_mtime
    for name in ("Makefile", "requirements.txt", "requirements-nodeps.txt", "requirements-dev.txt",
                 "constraints.txt", "pyproject.toml", "package.json", "package-lock.json"):
        shutil.copy2(REPO / name, tmp_path / name)
        # older than the venv's stamp: make must not set the venv up again from this copy (its
        # `pip install -e .` would point the repository's venv at this temporary folder)
        os.utime(tmp_path / name, (stamp - 1, stamp - 1))
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    vendor = "steppe/web/static/vendor"
    shutil.copytree(REPO / vendor, tmp_path / vendor, copy_function=shutil.copy2)
    from steppe.store import Store

    with Store(str(tmp_path / "steppe.duckdb")) as s:  # the user's own database
        s.con.execute("CREATE TABLE mine AS SELECT 42 AS answer")
    before = (tmp_path / "steppe.duckdb").read_bytes()
    stat = (tmp_path / "steppe.duckdb").stat()
    args = ["make", "-s", "run", f"VENV={REPO / '.venv'}"]
    for _ in range(2):
        r = subprocess.run(args, cwd=tmp_path, env=CLEAN_ENV, capture_output=True, text=True, timeout=900,
                           stdin=subprocess.DEVNULL)
        assert r.returncode == 0, r.stderr
        assert "KAZCOP" in r.stdout and "examples.duckdb" in r.stderr
    assert (tmp_path / "steppe.duckdb").read_bytes() == before
    assert (tmp_path / "steppe.duckdb").stat().st_mtime_ns == stat.st_mtime_ns
    with Store(str(tmp_path / "examples.duckdb"), read_only=True) as s:
        assert s.con.execute("SELECT count(DISTINCT article_id) FROM events").fetchone()[0] == 4


def test_a_database_held_by_another_kind_of_process_is_named_by_its_command_line():
    from steppe.commands.common import held_database

    pid = os.getpid()  # this test's own process stands for a notebook holding the file
    message = (f'cannot open database x.duckdb: IO Error: Could not set lock on file "/data/x.duckdb": Conflicting '
               f'lock is held in /usr/bin/python3.11 (PID {pid}). See also https://duckdb.org/docs/current/connect/concurrency')
    shown = " ".join(open(f"/proc/{pid}/cmdline", "rb").read().decode().split("\0")).strip()[:120]
    assert held_database(message, "code") == (
        f"/data/x.duckdb is held by another process (PID {pid}: {shown}): wait for it to finish or stop it "
        f"(kill {pid}), then run this again")
    assert held_database("cannot open database x.duckdb: Catalog Error: no such table", "events") is None
