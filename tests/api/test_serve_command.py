"""`steppe serve` as a real process on loopback (no model, no browser): bounded waits and requests."""
import io
import os
import socket
import subprocess
import sys
import time

import httpx

from steppe.cli import main
from steppe.store import Store
from tests.api.conftest import fill
from tests.conftest import REPO


def test_serve_is_a_documented_command_with_checked_options(capsys):
    assert main(["serve", "--help"]) == 0
    text = capsys.readouterr().out
    for option in ("--db", "--host", "--port", "--max-rows", "--timeout", "STEPPE_TOKEN"):
        assert option in text
    err = io.StringIO()
    assert main(["serve", "--max-rows", "5000", "--db", "x.duckdb"], out=io.StringIO(), err=err) == 2
    assert "--max-rows must be 1..1000" in err.getvalue()


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_process_answers_on_loopback_read_only_without_a_token(tmp_path):
    db = str(tmp_path / "s.duckdb")
    with Store(db) as s:
        fill(s)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("STEPPE_")}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO)] + [p for p in [os.environ.get("PYTHONPATH")] if p])
    proc = subprocess.Popen([sys.executable, "-m", "steppe.cli", "serve", "--db", db, "--port", str(port)],
                            cwd=tmp_path, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, proc.stdout.read()
            try:
                health = httpx.get(base + "/health", timeout=2)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "no answer within 30s"
                time.sleep(0.2)
        assert health.json()["counts"]["events"] == 5 and health.json()["writes_enabled"] is False
        assert len(httpx.get(base + "/events", params={"dedup": "true"}, timeout=5).json()["events"]) == 4
        r = httpx.post(base + "/articles", json={"text": "x"}, headers={"Authorization": "Bearer x"}, timeout=5)
        assert r.status_code == 403 and r.json()["error"] == "writes_disabled"
        r = httpx.get(base + "/health", headers={"Host": "rebound.example"}, timeout=5)
        assert r.status_code == 400 and r.json()["error"] == "bad_host"
        assert "server" not in r.headers
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in out
    assert "STEPPE_TOKEN is not set" in out
