"""Shared helpers for the reliability tests: the CLI run in-process on real files, a real
`steppe serve` process on loopback, and a fixed Hypothesis profile (no deadline, derandomized,
no example database) so that CI runs are stable and repeatable."""
from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, settings

from tests.conftest import REPO

settings.register_profile("steppe-ci", deadline=None, derandomize=True, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("steppe-ci")

STORY = "Kazakh police detained 40 Uzbek citizens near Shymkent on Monday."


def run_cli(*argv) -> tuple[int, str, str]:
    from steppe.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def code(db, *paths, extra=()) -> tuple[int, str, str]:
    """`steppe code PATHS --db DB --no-places [extra]` in this process."""
    return run_cli("code", *paths, "--db", db, "--no-places", *extra)


def rows(db, sql, params=()):
    from steppe.store import Store

    with Store(str(db), read_only=True) as s:
        return s.query(sql, params)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STEPPE_")}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO)] + [p for p in [os.environ.get("PYTHONPATH")] if p])
    env.update(extra)
    return env


class Server:
    """`python -m steppe.cli serve` on 127.0.0.1 and a free port, stopped at teardown."""

    def __init__(self, db: Path, log: Path, token: str, places: bool = False) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.token = token
        self.db = db
        self.log = open(log, "w+", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "steppe.cli", "serve", "--db", str(db), "--host", "127.0.0.1",
             "--port", str(self.port), "--quiet"],
            cwd=db.parent, env=child_env(STEPPE_TOKEN=token, STEPPE_PLACES=str(places).lower()),
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                self.log.seek(0)
                pytest.fail(f"steppe serve exited with {self.proc.returncode}:\n{self.log.read()}")
            try:
                if httpx.get(self.base + "/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"steppe serve did not answer /health within {timeout:g}s")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        self.log.close()


@pytest.fixture
def serve(tmp_path):
    """serve(places=False) -> a ready Server over tmp_path/serve.duckdb (token set)."""
    import secrets

    started = []

    def start(places: bool = False) -> Server:
        s = Server(tmp_path / "serve.duckdb", tmp_path / "serve.log", secrets.token_hex(16), places=places)
        started.append(s)
        s.wait_ready()
        return s

    yield start
    for s in started:
        s.stop()
