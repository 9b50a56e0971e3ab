"""An app over a temporary DuckDB filled with hand-built records (no model needed)."""
from __future__ import annotations

import contextlib

import pytest

from steppe.records import Place
from steppe.store import Store
from tests.factories import ALMATY, event, result

KAZAKHSTAN = Place("Kazakhstan", "Kazakhstan", "KAZ", None, 48.0, 68.0, "country", 1522867)
STORY = "Kazakh police detained 20 Tajik citizens in Almaty on September 23.\nThe UN urged restraint."
FIRST, SECOND = STORY.split("\n")
TOKEN = "s3cret-token"


def fill(store: Store) -> None:
    store.write([
        result("a1", STORY, [
            event("m1", "a1", evidence=FIRST, place=ALMATY),
            event("u1", "a1", code="020", src="IGOUNO", tgt="KAZGOV", date="2001-09", precision="month",
                  sentence_index=1, evidence=SECOND, start=68, quad=1, goldstein=3.0, plover=None, mode=None,
                  trigger="urged"),
        ], date="2001-09-24", source="Interfax", url="https://interfax.example/kz/1", title="Detentions"),
        result("a2", STORY, [
            event("m2", "a2", evidence=FIRST, place=ALMATY),
            event("c1", "a2", code="0311", src="RUSGOV", tgt="KAZGOV", date="2001-10-01", sentence_index=1,
                  evidence=SECOND, start=68, quad=1, goldstein=5.2, plover="AGREE", mode=None, place=KAZAKHSTAN,
                  trigger="ready"),
        ], date="2001-09-25", source="Reuters"),
        result("a3", "Police detained them.", [event("n1", "a3", date=None)], date=None),
    ])


@pytest.fixture
def db_path(tmp_path):
    path = str(tmp_path / "api.duckdb")
    with Store(path) as s:
        fill(s)
    return path


@pytest.fixture
def make_client(db_path, monkeypatch):
    """make_client(**options) -> a TestClient (closed at teardown)."""
    from fastapi.testclient import TestClient

    from steppe.api import ApiOptions, create_app

    monkeypatch.delenv("STEPPE_TOKEN", raising=False)
    clients = []

    def make(coder=None, settings=None, **options):
        opts = ApiOptions(**{"token": TOKEN, **options})
        client = TestClient(create_app(db_path, settings=settings, options=opts, coder=coder))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.__exit__(None, None, None)


@pytest.fixture
def client(make_client):
    return make_client()


@contextlib.contextmanager
def live_server(app, **server_options):
    """``app`` served by ``steppe.api.server.make_server`` on 127.0.0.1 and a free port, in a
    thread of this process; yields (base URL, port); stopped (bounded) on exit."""
    import socket
    import threading
    import time

    from steppe.api.server import make_server

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = make_server(app, "127.0.0.1", port, log_level="warning", access_log=False, **server_options)
    thread = threading.Thread(target=server.run, name="live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start within 30s"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", port
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        assert not thread.is_alive(), "the server did not stop within 30s"


def wait_for(predicate, timeout: float = 20.0, what: str = "condition"):
    """Poll ``predicate()`` every 50 ms until it is true (returned) or ``timeout`` s pass (fail)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"{what} not reached within {timeout:g}s")
        time.sleep(0.05)
