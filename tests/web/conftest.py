"""One `steppe serve` process on loopback for the dashboard tests, with the bundled examples
posted to it once (the server loads the model once). Every wait is bounded."""
from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time

import httpx
import pytest

from tests.conftest import REPO
from tests.web.browser import require_playwright


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """(base URL, token) of a `steppe serve` process over a fresh database."""
    require_playwright()  # skip before starting anything when the browser cannot run
    tmp_path = tmp_path_factory.mktemp("serve")
    port = _free_port()
    token = secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if not k.startswith("STEPPE_")}
    env.update(STEPPE_TOKEN=token, STEPPE_PLACES="true",
               PYTHONPATH=os.pathsep.join([str(REPO)] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "steppe.cli", "serve", "--db", str(tmp_path / "s.duckdb"),
                             "--host", "127.0.0.1", "--port", str(port)],
                            cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                log.seek(0)
                pytest.fail(f"steppe serve exited with {proc.returncode}:\n{log.read()}")
            try:
                if httpx.get(base + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("steppe serve did not answer /health within 60s")
            time.sleep(0.25)
        yield base, token
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def examples(server) -> list[dict]:
    """The bundled examples posted to the server: the events it answered with."""
    from steppe.ingest.readers import read_inputs
    from steppe.records import Article

    base, token = server
    articles = [a for a in read_inputs([str(REPO / "examples")]) if isinstance(a, Article)]
    assert len(articles) == 4
    events = []
    with httpx.Client(base_url=base, timeout=180, headers={"Authorization": f"Bearer {token}"}) as client:
        for a in articles:
            body = {k: v for k, v in {"id": a.id, "text": a.text, "title": a.title, "date": a.date,
                                      "url": a.url, "source": a.source}.items() if v is not None}
            r = client.post("/articles", json=body)
            assert r.status_code == 200, r.text
            events += r.json()["events"]
    return events
