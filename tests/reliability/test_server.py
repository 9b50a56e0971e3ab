"""The server against hostile and heavy use: injection strings in every parameter of every route
(read from the OpenAPI description, so a new filter is covered as soon as it exists), no parameter
reaching the filesystem, the token compared in constant time, request size limits, and a bounded
load test on loopback against a real `steppe serve` process."""
from __future__ import annotations

import json
import socket
import statistics
import threading
import time
from urllib.parse import quote

import httpx
import pytest

from tests.api.conftest import TOKEN, fill
from tests.api.test_api_injection import PAYLOADS

COUNTS = {"articles": 3, "sentences": 3, "events": 5, "actors": 4, "places": 0, "skipped": 0}
FILLERS = {"a": "KAZGOV", "b": "TJK", "article_id": "a1"}


@pytest.fixture
def client(tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from steppe.api import ApiOptions, create_app
    from steppe.store import Store

    monkeypatch.delenv("STEPPE_TOKEN", raising=False)
    db = str(tmp_path / "api.duckdb")
    with Store(db) as s:
        fill(s)
    with TestClient(create_app(db, options=ApiOptions(token=TOKEN, max_body_bytes=10_000))) as c:
        yield c


def _get_routes(client):
    spec = client.get("/openapi.json").json()
    for path, item in spec["paths"].items():
        if "get" in item:
            yield path, item["get"].get("parameters", [])


def _url(path, params, name=None, payload=None):
    for p in params:
        if p["in"] == "path":
            value = payload if p["name"] == name else FILLERS[p["name"]]
            path = path.replace("{" + p["name"] + "}", quote(value, safe=""))
    return path


def test_injection_strings_in_every_parameter_of_every_route(client):
    routes = list(_get_routes(client))
    names = {(path, p["name"]) for path, params in routes for p in params}
    # the filters the dashboard and `steppe events` use are all there
    assert {("/events", n) for n in ("actor", "dyad", "code", "since", "until", "place", "article_id",
                                     "dedup", "limit", "offset")} <= names
    assert ("/articles/{article_id}", "article_id") in names and ("/actors", "q") in names
    sent = 0
    for payload in PAYLOADS:
        for path, params in routes:
            for p in params:
                url = _url(path, params, p["name"], payload)
                query = {p["name"]: payload} if p["in"] == "query" else {}
                r = client.get(url, params=query)
                sent += 1
                assert r.status_code in (200, 404, 422), (path, p["name"], payload, r.status_code, r.text[:200])
                body = r.json()
                if body.get("ok") and p["name"] not in ("limit", "offset", "dedup", "symmetric", "interval", "level"):
                    for key in ("events", "actors", "dyads", "buckets"):
                        assert body.get(key, []) == [], (path, p["name"], payload)
    assert sent >= len(PAYLOADS) * 25
    assert client.get("/health").json()["counts"] == COUNTS


@pytest.mark.parametrize("url", [
    "/articles/../../../../etc/passwd",
    "/articles/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/articles/%2e%2e/%2e%2e/etc/passwd",
    "/articles/a1/../../steppe/cli.py",
    "/static/../../../../etc/passwd",
    "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%5c..%5c..%5cetc%5cpasswd",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/../api/app.py",
    "/static/..%2f..%2fapi%2fapp.py",
])
def test_no_parameter_reaches_the_filesystem(client, url):
    r = client.get(url)
    assert r.status_code in (404, 400, 422), (url, r.status_code)
    assert "root:" not in r.text and "import" not in r.text


def test_path_traversal_on_the_wire_against_a_real_server(serve):
    """Raw request lines (no client-side normalisation of ../) to a real `steppe serve`."""
    server = serve()
    for target in ("/static/../../../../../etc/passwd", "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
                   "/articles/../../../../etc/passwd", "/../../../../etc/passwd",
                   "/static/%2e%2e/%2e%2e/%2e%2e/steppe/cli.py"):
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            sock.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        status = int(data.split(b" ", 2)[1])
        assert status in (400, 404), (target, data[:200])
        assert b"root:" not in data and b"import " not in data


def test_token_is_compared_in_constant_time(client, monkeypatch):
    import hmac

    from steppe.api import state as app_module

    calls, real = [], hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(app_module.hmac, "compare_digest", spy)
    for given in ("x", TOKEN[:-1], TOKEN + "x", "s" * 1000):
        r = client.post("/articles", json={"text": "Police detained them."},
                        headers={"Authorization": f"Bearer {given}"})
        assert r.status_code == 403 and r.json()["error"] == "forbidden"
    # every wrong token, whatever its length or prefix, went through hmac.compare_digest
    assert [a for a, _ in calls] == [g.encode() for g in ("x", TOKEN[:-1], TOKEN + "x", "s" * 1000)]
    assert all(b == TOKEN.encode() for _, b in calls)


def test_request_size_limits(client):
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    big = json.dumps({"text": "x" * 20_000}).encode()
    r = client.post("/articles", content=big, headers=headers)
    assert r.status_code == 413 and r.json()["error"] == "body_too_large"
    r = client.post("/articles", content=iter([big[:5000], big[5000:]]), headers=headers)  # chunked
    assert r.status_code == 413
    r = client.post("/articles", content=b"{}", headers={**headers, "Content-Length": "abc"})
    assert r.status_code in (400, 413)
    # long query strings are bounded by the parameters' max_length
    r = client.get("/events", params={"actor": "K" * 20_000})
    assert r.status_code == 422
    assert client.get("/health").json()["counts"] == COUNTS


N_CLIENTS, N_REQUESTS, POST_EVERY = 8, 200, 10
TEXT = "Kazakh police detained {n} Uzbek citizens near Shymkent on Monday."


@pytest.mark.model
def test_load_8_clients_x_200_requests_mixing_posts_and_reads(serve, tmp_path):
    server = serve(places=False)
    headers = {"Authorization": f"Bearer {server.token}"}
    reads, writes, errors, posted = [], [], [], {}
    lock = threading.Lock()
    start = threading.Barrier(N_CLIENTS)

    def worker(c):
        filters = [{}, {"actor": "KAZ"}, {"code": "17"}, {"dedup": "true"}, {"actor": "UZB", "limit": "10"}]
        with httpx.Client(base_url=server.base, timeout=30) as http:
            start.wait(timeout=30)
            for i in range(N_REQUESTS):
                t0 = time.perf_counter()
                try:
                    if i % POST_EVERY == 0:
                        art_id = f"load-{c}-{i}"
                        r = http.post("/articles", json={"id": art_id, "date": "2003-03-10",
                                                         "text": TEXT.format(n=c * 1000 + i + 2)}, headers=headers)
                        ok = r.status_code == 200
                        if ok:
                            with lock:
                                posted[art_id] = len(r.json()["events"])
                        dt, bucket = time.perf_counter() - t0, writes
                    else:
                        r = http.get("/events", params={**filters[i % len(filters)], "limit": "50"})
                        ok = r.status_code == 200 and r.json()["ok"]
                        dt, bucket = time.perf_counter() - t0, reads
                except httpx.HTTPError as exc:
                    ok, dt, bucket, r = False, time.perf_counter() - t0, reads, exc
                with lock:
                    bucket.append(dt)
                    if not ok:
                        errors.append((c, i, getattr(r, "status_code", r), getattr(r, "text", "")[:200]))

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(c,)) for c in range(N_CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    wall = time.perf_counter() - t0
    assert not any(t.is_alive() for t in threads), "the load test did not finish within 120s"
    assert errors == []
    n_posts = N_CLIENTS * (N_REQUESTS // POST_EVERY)
    assert len(reads) + len(writes) == N_CLIENTS * N_REQUESTS and len(posted) == n_posts
    health = httpx.get(server.base + "/health", timeout=10).json()
    server.stop()

    from tests.reliability.conftest import rows

    stored = rows(server.db, "SELECT article_id, count(*) AS n FROM articles GROUP BY article_id")
    assert {r["article_id"] for r in stored} == set(posted) and all(r["n"] == 1 for r in stored)
    ev = rows(server.db, "SELECT article_id, count(*) AS n, count(DISTINCT event_id) AS d FROM events GROUP BY article_id")
    assert {r["article_id"]: r["n"] for r in ev} == {a: n for a, n in posted.items() if n}
    assert all(r["n"] == r["d"] for r in ev)
    assert health["counts"]["articles"] == n_posts

    reads.sort()
    figures = {
        "requests": len(reads) + len(writes), "posts": len(writes), "wall_s": round(wall, 2),
        "read_p50_ms": round(1000 * statistics.median(reads), 1),
        "read_p99_ms": round(1000 * reads[int(0.99 * (len(reads) - 1))], 1),
        "read_max_ms": round(1000 * reads[-1], 1),
        "post_p50_ms": round(1000 * statistics.median(writes), 1),
        "post_max_ms": round(1000 * max(writes), 1),
    }
    (tmp_path / "load.json").write_text(json.dumps(figures))
    print("load test:", json.dumps(figures))
    # reads are never blocked for long by writes (generous bounds: CI machines are slower)
    assert figures["read_max_ms"] < 3000 and figures["read_p99_ms"] < 1500, figures


def test_posted_article_with_lone_surrogates_is_a_typed_error_and_markup_is_stored_as_text(tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from steppe.api import ApiOptions, create_app
    from tests.api.test_api_auth import FakeCoder

    monkeypatch.delenv("STEPPE_TOKEN", raising=False)
    app = create_app(str(tmp_path / "p.duckdb"), options=ApiOptions(token=TOKEN), coder=FakeCoder())
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    with TestClient(app) as client:
        # JSON that is no valid Unicode (an unpaired surrogate escape): refused as invalid, not a 500
        r = client.post("/articles", content=b'{"id": "s", "text": "Police detained them. \\udfff"}', headers=headers)
        assert r.status_code == 422 and r.json()["error"] == "invalid_parameter"
        body = {"id": "../../etc/passwd", "text": "Police detained them. <script>x()</script>", "title": "<b>t</b>"}
        r = client.post("/articles", json=body, headers=headers)
        assert r.status_code == 200, r.text
        art = client.get("/articles/" + quote(body["id"], safe="")).json()
        assert (art["article_id"], art["text"], art["title"]) == (body["id"], body["text"], body["title"])
        assert client.get("/health").json()["counts"]["articles"] == 1
