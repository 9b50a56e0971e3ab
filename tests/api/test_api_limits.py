"""Issue 18, in the app (TestClient, no model, no sockets): row caps everywhere, HEAD, 415, the
strict Host check for every bind, finite positive time options, and the coding pool's limits."""
from __future__ import annotations

import io
import math
import threading

import pytest

from steppe.api import ApiOptions
from steppe.api.app import host_name, parse_host_header
from steppe.api.coding import Busy, CodingPool, Expired, ThreadWorker
from steppe.cli import main
from steppe.commands.serve import allowed_hosts
from tests.api.conftest import TOKEN
from tests.api.test_api_auth import FakeCoder

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_every_read_caps_a_larger_limit_and_says_so(make_client):
    client = make_client(max_rows=1)
    for path in ("/events", "/actors", "/dyads"):
        body = client.get(path, params={"limit": 1000}).json()
        key = path.strip("/")
        assert (body["ok"], body["limit"], body["capped"], body["max_rows"], len(body[key])) == (True, 1, True, 1, 1), path
        body = client.get(path, params={"limit": 1}).json()
        assert (body["limit"], body["capped"]) == (1, False), path
    assert client.get("/health").json()["max_rows"] == 1


def test_article_answer_is_capped_with_the_spans_of_the_events_kept(make_client):
    full = make_client().get("/articles/a1").json()
    assert (len(full["events"]), full["events_total"], full["capped"]) == (2, 2, False)
    body = make_client(max_rows=1).get("/articles/a1").json()
    assert [e["event_id"] for e in body["events"]] == [full["events"][0]["event_id"]]
    assert (body["events_total"], body["capped"], body["max_rows"]) == (2, True, 1)
    assert body["spans"] == [s for s in full["spans"] if s["event_ids"] == [body["events"][0]["event_id"]]]
    assert body["text"] == full["text"]


def test_head_on_the_dashboard_and_health(client):
    for path in ("/", "/health"):
        r = client.head(path)
        assert r.status_code == 200 and r.content == b"", path
        assert r.headers["content-type"].startswith("text/html" if path == "/" else "application/json")


@pytest.mark.parametrize("headers", [{}, {"Content-Type": "text/plain"},
                                     {"Content-Type": "application/x-www-form-urlencoded"},
                                     {"Content-Type": "application/jsonx"}])
def test_post_without_a_json_content_type_is_415(make_client, headers):
    fake = FakeCoder()
    client = make_client(coder=fake)
    r = client.post("/articles", content=b'{"text": "Police detained them."}', headers={**AUTH, **headers})
    assert r.status_code == 415 and r.json()["error"] == "unsupported_media_type"
    assert fake.seen == []


def test_post_with_json_and_a_charset_is_coded(make_client):
    fake = FakeCoder()
    client = make_client(coder=fake)
    r = client.post("/articles", content=b'{"id": "j1", "text": "Police detained them."}',
                    headers={**AUTH, "Content-Type": "application/json; charset=utf-8"})
    assert r.status_code == 200 and r.json()["article_id"] == "j1"


@pytest.mark.parametrize("header, expected", [
    ("localhost", "localhost"), ("LOCALHOST:8000", "localhost"), ("127.0.0.1", "127.0.0.1"),
    ("127.0.0.1:8000", "127.0.0.1"), ("[::1]", "::1"), ("[::1]:8000", "::1"), ("[0:0:0:0:0:0:0:1]:80", "::1"),
    ("example.org:443", "example.org"),
    ("127.0.0.1:evil.com", None), ("::1", None), ("[::1", None), ("[127.0.0.1]", None), ("localhost:", None),
    ("localhost:99999", None), ("localhost:8000:1", None), ("evil.com@127.0.0.1", None), ("", None),
    ("localhost.", None), ("a b", None), ("[::1]evil", None), ("127.0.0.1 ", "127.0.0.1"),
])
def test_host_header_parsing_is_strict(header, expected):
    assert parse_host_header(header) == expected


@pytest.mark.parametrize("bind, extra, host, ok", [
    ("0.0.0.0", [], "evil.com", False),  # issue 18: a wildcard bind turned the check off
    ("0.0.0.0", [], "127.0.0.1:evil.com", False),
    ("0.0.0.0", [], "localhost:8000", True),
    ("0.0.0.0", ["steppe.example.org"], "steppe.example.org:8000", True),
    ("0.0.0.0", ["steppe.example.org"], "evil.com", False),
    ("::", [], "[::1]:8000", True),
    ("127.0.0.1", [], "[::1]", True),
    ("127.0.0.1", [], "evil.com", False),
    ("192.0.2.7", [], "192.0.2.7:8000", True),  # the bound address itself
    ("192.0.2.7", [], "192.0.2.8", False),
])
def test_host_check_holds_for_every_bind(make_client, bind, extra, host, ok):
    client = make_client(allowed_hosts=allowed_hosts(bind, extra))
    r = client.get("/health", headers={"Host": host})
    assert r.status_code == (200 if ok else 400), (bind, host, r.text)
    if not ok:
        assert r.json()["error"] == "bad_host"


def test_allowed_host_names_are_checked():
    assert host_name("[::1]") == "::1" and host_name("Example.ORG") == "example.org"
    for bad in ("bad host", "a:b", "-x.org", "", "x" * 300):
        with pytest.raises(ValueError):
            host_name(bad)


@pytest.mark.parametrize("name", ["read_timeout", "post_timeout"])
@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, -1.0, 0.0, 1e12])
def test_time_options_must_be_finite_and_positive(name, value):
    with pytest.raises(ValueError, match=name):
        ApiOptions(**{name: value})


@pytest.mark.parametrize("flag", ["--timeout", "--post-timeout", "--header-timeout", "--keep-alive"])
@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "0"])
def test_serve_time_options_must_be_finite_and_positive(flag, value):
    err = io.StringIO()
    assert main(["serve", "--db", "unused.duckdb", f"{flag}={value}"], out=io.StringIO(), err=err) == 2
    assert f"{flag} must be a finite number of seconds > 0" in err.getvalue()


@pytest.mark.parametrize("argv, message", [
    (["--allowed-host", "evil host"], "--allowed-host"), (["--max-codings", "0"], "--max-codings"),
    (["--post-queue", "-1"], "--post-queue"), (["--max-connections", "0"], "--max-connections"),
])
def test_serve_limits_are_checked(argv, message):
    err = io.StringIO()
    assert main(["serve", "--db", "unused.duckdb", *argv], out=io.StringIO(), err=err) == 2
    assert message in err.getvalue()


class BlockingCoder:
    """Codes nothing until ``release`` is set (bounded: 20 s)."""

    def __init__(self):
        self.release, self.started = threading.Event(), threading.Event()
        self.fake = FakeCoder()

    def code_stream(self, items):
        self.started.set()
        self.release.wait(20)
        yield from self.fake.code_stream(items)


def test_pool_admits_size_plus_queue_and_gives_a_slot_back_only_when_its_thread_is_done():
    coder = BlockingCoder()
    pool = CodingPool([ThreadWorker(coder)], queue=1)
    first, second = pool.admit(), pool.admit()
    with pytest.raises(Busy):
        pool.admit()
    import time

    from steppe.records import Article

    art = Article("p1", "Police detained them.")
    with pytest.raises(Expired) as exc:  # its budget runs out while coding; the thread runs on
        pool.run(first, art, time.monotonic() + 0.2)
    assert exc.value.stage == "coding" and coder.started.is_set()
    with pytest.raises(Expired) as exc:  # the one worker is still busy with the abandoned coding
        pool.run(second, art, time.monotonic() + 0.2)
    assert exc.value.stage == "waiting"
    assert pool.stats()["running"] == 1
    coder.release.set()
    third = pool.admit()
    result = pool.run(third, art, time.monotonic() + 20)
    assert result.article.id == "p1" and pool.stats() == {"max": 1, "queue": 1, "running": 0, "waiting": 0}
    pool.close()


def test_a_post_past_its_budget_is_504_and_never_stored(make_client):
    coder = BlockingCoder()
    client = make_client(coder=coder, post_timeout=0.3)
    r = client.post("/articles", json={"id": "late", "text": "Police detained them."}, headers=AUTH)
    assert r.status_code == 504 and r.json()["error"] == "coding_timeout"
    coder.release.set()  # the abandoned coding finishes now; its result is thrown away

    def idle():
        return client.get("/health").json()["codings"]["running"] == 0

    from tests.api.conftest import wait_for

    wait_for(idle, what="the abandoned coding to end")
    assert client.get("/articles/late").status_code == 404
    assert client.get("/health").json()["counts"]["articles"] == 3
    r = client.post("/articles", json={"id": "next", "text": "Police detained them."}, headers=AUTH)
    assert r.status_code == 200 and client.get("/articles/next").status_code == 200
