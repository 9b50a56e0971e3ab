"""Issue 18, on the wire: the server (``steppe.api.server.make_server``, as `steppe serve` builds
it) on 127.0.0.1 in a thread of the test, against slow clients, idle connections, long codings
and clients that give up. No model: POST /articles codes with ``tests.api.fakes.SlowCoder`` in
real worker processes. Every wait is bounded; request counts are fixed."""
from __future__ import annotations

import json
import socket
import threading

import httpx
import pytest

from steppe.api import ApiOptions, create_app
from tests.api.conftest import TOKEN, live_server, wait_for
from tests.api.fakes import SLOW_CHARS, SlowCoder

AUTH = {"Authorization": f"Bearer {TOKEN}"}
N_SLOW = 150


def _closed_by_server(sock: socket.socket, timeout: float = 15.0) -> bool:
    """Whether the server closes ``sock`` within ``timeout`` s (whatever it sends before)."""
    sock.settimeout(timeout)
    try:
        while sock.recv(65536):
            pass
        return True
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False


def test_slow_header_connections_neither_block_requests_nor_stay_open(make_client, db_path):
    app = create_app(db_path, options=ApiOptions(token=TOKEN, allowed_hosts=("127.0.0.1",)))
    with live_server(app, header_timeout=1.0, max_connections=100) as (base, port):
        slow = []
        try:
            for i in range(N_SLOW):  # a request head begun and never finished
                s = socket.create_connection(("127.0.0.1", port), timeout=10)
                s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + str(i).encode())
                slow.append(s)
            for _ in range(3):
                r = httpx.get(base + "/health", timeout=10)
                assert r.status_code == 200 and r.json()["ok"] is True
            # past the limit the oldest were closed at once, the others after the header timeout
            assert all(_closed_by_server(s) for s in slow)
        finally:
            for s in slow:
                s.close()
        assert httpx.get(base + "/health", timeout=10).status_code == 200


def test_an_idle_keep_alive_connection_is_closed(db_path):
    app = create_app(db_path, options=ApiOptions(token=TOKEN))
    with live_server(app, keep_alive=1.0) as (base, port):
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            head = s.recv(65536)
            assert head.startswith(b"HTTP/1.1 200")
            assert _closed_by_server(s)


def _post(base, art_id, text, out, key):
    try:
        out[key] = httpx.post(base + "/articles", json={"id": art_id, "text": text}, headers=AUTH, timeout=60)
    except httpx.HTTPError as exc:  # recorded, and fails the test below
        out[key] = exc


def test_a_long_post_neither_delays_a_small_one_nor_is_stored_past_its_budget(db_path):
    """A 1M-character article whose coding outlives its budget is answered 504 and stopped; a
    small POST meanwhile is coded in the other slot; with both slots taken, a third is 503 with
    Retry-After."""
    options = ApiOptions(token=TOKEN, post_timeout=4.0, max_codings=2, post_queue=0)
    app = create_app(db_path, options=options, coder_factory=SlowCoder)
    sentence = "The police said that they had detained the men in the city and that they would be deported. "
    long_text = (sentence * (1_000_000 // len(sentence) + 1))[:1_000_000]
    assert len(long_text) >= SLOW_CHARS
    with live_server(app) as (base, port):
        app.state.steppe.coding.start()
        out: dict[str, object] = {}
        running = lambda n: httpx.get(base + "/health", timeout=10).json()["codings"]["running"] >= n  # noqa: E731
        first = threading.Thread(target=_post, args=(base, "long-1", long_text, out, "long-1"))
        first.start()
        wait_for(lambda: running(1), what="the long coding to start")
        small = httpx.post(base + "/articles", json={"id": "small-1", "text": "Police detained them."},
                           headers=AUTH, timeout=30)
        assert small.status_code == 200, small.text
        assert [e["event_id"] for e in small.json()["events"]] == ["ev-small-1"]
        second = threading.Thread(target=_post, args=(base, "long-2", "SLOW " + long_text[:100], out, "long-2"))
        second.start()
        wait_for(lambda: running(2), what="the second long coding to start")
        full = httpx.post(base + "/articles", json={"id": "small-2", "text": "Police detained them."},
                          headers=AUTH, timeout=30)
        assert full.status_code == 503 and full.json()["error"] == "busy"
        assert int(full.headers["Retry-After"]) >= 1
        first.join(60)
        second.join(60)
        for key in ("long-1", "long-2"):
            r = out[key]
            assert isinstance(r, httpx.Response) and r.status_code == 504, (key, r)
            assert r.json()["error"] == "coding_timeout"
        # the stopped codings' processes were replaced: the slots serve again
        again = httpx.post(base + "/articles", json={"id": "small-3", "text": "Police detained them."},
                           headers=AUTH, timeout=30)
        assert again.status_code == 200, again.text
        for art_id, status in (("long-1", 404), ("long-2", 404), ("small-1", 200), ("small-2", 404),
                               ("small-3", 200)):
            assert httpx.get(f"{base}/articles/{art_id}", timeout=10).status_code == status, art_id


def test_an_abandoned_post_is_stopped_and_never_stored(db_path):
    """The client goes away while its article is coded: the coding is stopped (long before its
    budget of 60 s) and nothing is written."""
    options = ApiOptions(token=TOKEN, post_timeout=60.0, max_codings=1, post_queue=0)
    app = create_app(db_path, options=options, coder_factory=SlowCoder)
    with live_server(app) as (base, port):
        app.state.steppe.coding.start()
        health = lambda: httpx.get(base + "/health", timeout=10).json()  # noqa: E731
        body = json.dumps({"id": "gone", "text": "SLOW Police detained them."}).encode()
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            s.sendall(b"POST /articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                      b"Authorization: Bearer " + TOKEN.encode() + b"\r\nContent-Length: "
                      + str(len(body)).encode() + b"\r\n\r\n" + body)
            wait_for(lambda: health()["codings"]["running"] == 1, what="the coding to start")
        wait_for(lambda: health()["codings"]["running"] == 0, timeout=20, what="the abandoned coding to stop")
        assert httpx.get(base + "/articles/gone", timeout=10).status_code == 404
        assert health()["counts"]["articles"] == 3
