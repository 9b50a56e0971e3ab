"""The read routes through an HTTP client against the app, with exact values."""
import threading
import time

import pytest

from steppe.api.app import ApiError
from steppe.store import dedup as dd
from tests.api.conftest import FIRST, SECOND, STORY
from tests.factories import ALMATY, event


def ids(resp):
    assert resp.status_code == 200, resp.text
    return [e["event_id"] for e in resp.json()["events"]]


def test_health(client):
    body = client.get("/health").json()
    from steppe.store.db import migrations

    assert body["ok"] is True and body["writes_enabled"] is True
    assert body["schema_version"] == max(v for v, _, _ in migrations())
    assert body["counts"] == {"articles": 3, "sentences": 3, "events": 5, "actors": 4, "places": 0, "skipped": 0}


def test_events_are_the_event_schema_in_store_order(client):
    body = client.get("/events").json()
    assert [e["event_id"] for e in body["events"]] == ["u1", "m1", "m2", "c1", "n1"]
    assert (body["count"], body["limit"], body["offset"], body["next_offset"], body["dedup"]) == (5, 100, 0, None, False)
    m1 = body["events"][1]
    assert m1 == event("m1", "a1", evidence=FIRST, place=ALMATY).to_dict()


def test_event_filters(client):
    get = lambda **p: ids(client.get("/events", params=p))
    assert get(actor="RUS") == ["c1"]
    assert get(actor="KAZGOV") == ["u1", "m1", "m2", "c1", "n1"]
    assert get(actor="a-igouno") == ["u1"]
    assert get(dyad="KAZGOV,TJK") == ["m1", "m2", "n1"]
    assert get(code="03") == ["c1"]
    assert get(code="17", since="2001-09-01", until="2001-09-30") == ["m1", "m2"]
    assert get(until="2001-09") == ["u1", "m1", "m2"]
    assert get(place="Almaty") == ["m1", "m2"]
    assert get(place="KAZ") == ["m1", "m2", "c1"]
    assert get(article_id="a2") == ["m2", "c1"]
    assert get(actor="XYZ") == []


def test_paging(client):
    first = client.get("/events", params={"limit": 2}).json()
    assert [e["event_id"] for e in first["events"]] == ["u1", "m1"] and first["next_offset"] == 2
    last = client.get("/events", params={"limit": 2, "offset": 4}).json()
    assert [e["event_id"] for e in last["events"]] == ["n1"] and last["next_offset"] is None


def test_dedup_view_counts_mentions_articles_sources(client):
    body = client.get("/events", params={"dedup": "true"}).json()
    assert body["dedup"] is True
    rows = {e["event_id"]: e for e in body["events"]}
    assert list(rows) == ["u1", "m1", "c1", "n1"]
    m1 = rows["m1"]
    assert (m1["num_mentions"], m1["num_articles"], m1["num_sources"], m1["mention_ids"]) == (2, 2, 2, ["m1", "m2"])
    assert m1["dedup_id"] == dd.dedup_id(dd.dedup_key("2001-09-23", "KAZGOV", "TJKCVL", "173", geonameid=1526384))
    assert ids(client.get("/events", params={"dedup": "true", "article_id": "a2"})) == ["m1", "c1"]


def test_row_cap_and_invalid_parameters_are_typed_json_errors(make_client):
    """A limit above the cap is capped, and the answer says so (issue 18: it was a 422)."""
    client = make_client(max_rows=3)
    for limit in (4, 5000):
        body = client.get("/events", params={"limit": limit}).json()
        assert (body["limit"], body["capped"], body["max_rows"], body["count"], body["next_offset"]) == (3, True, 3, 3, 3)
    body = client.get("/events", params={"limit": 2}).json()
    assert (body["limit"], body["capped"], body["count"]) == (2, False, 2)
    r = client.get("/events", params={"limit": 0})
    body = r.json()
    assert r.status_code == 422 and body["ok"] is False and body["error"] == "invalid_parameter"
    assert body["detail"][0]["loc"] == ["query", "limit"]
    for params in ({"code": "17a"}, {"since": "yesterday"}, {"dyad": "KAZ"}, {"offset": -1}, {"dedup": "maybe"}):
        r = client.get("/events", params=params)
        assert r.status_code == 422 and r.json()["error"] == "invalid_parameter", params
    r = client.get("/nowhere")
    assert r.status_code == 404 and r.json() == {"ok": False, "status": 404, "error": "not_found",
                                                  "title": "Not found", "detail": "Not Found"}
    r = client.delete("/events")
    assert r.status_code == 405 and r.json()["error"] == "method_not_allowed"


def test_actors(client):
    body = client.get("/actors").json()
    assert [(a["code"], a["events"]) for a in body["actors"]] == [("KAZGOV", 5), ("TJKCVL", 3), ("IGOUNO", 1),
                                                                  ("RUSGOV", 1)]
    assert body["actors"][1] == {"actor_id": "a-tjkcvl", "code": "TJKCVL", "country": "TJK", "sector": "CVL",
                                 "name": None, "kind": None, "aliases": ["Tajik citizens"], "events": 3}
    assert [a["code"] for a in client.get("/actors", params={"q": "rus"}).json()["actors"]] == ["RUSGOV"]
    page = client.get("/actors", params={"limit": 1, "offset": 1}).json()
    assert [a["code"] for a in page["actors"]] == ["TJKCVL"] and page["next_offset"] == 2


def test_dyads_by_code_and_by_country(client):
    body = client.get("/dyads").json()
    assert body["dyads"] == [
        {"source": "KAZGOV", "target": "TJKCVL", "events": 3, "dated": 2, "goldstein_mean": -5.0},
        {"source": "IGOUNO", "target": "KAZGOV", "events": 1, "dated": 1, "goldstein_mean": 3.0},
        {"source": "RUSGOV", "target": "KAZGOV", "events": 1, "dated": 1, "goldstein_mean": 5.2},
    ]
    countries = client.get("/dyads", params={"level": "country", "dedup": "true"}).json()["dyads"]
    assert [(d["source"], d["target"], d["events"]) for d in countries] == [("KAZ", "TJK", 2), ("IGOUNO", "KAZ", 1),
                                                                             ("RUS", "KAZ", 1)]


def test_timeline_per_day_week_month(client):
    url = "/dyads/KAZGOV/TJK/timeline"
    day = client.get(url, params={"interval": "day"}).json()
    assert day == {"ok": True, "source": "KAZGOV", "target": "TJK", "interval": "day", "symmetric": False,
                   "dedup": False, "undated": 1,
                   "buckets": [{"period": "2001-09-23", "events": 2, "goldstein_mean": -5.0,
                                "quad_class": {"1": 0, "2": 0, "3": 0, "4": 2}}]}
    week = client.get(url, params={"interval": "week"}).json()
    assert [(b["period"], b["events"]) for b in week["buckets"]] == [("2001-09-17", 2)]  # Sunday -> its Monday
    month = client.get(url, params={"interval": "month", "dedup": "true"}).json()
    assert [(b["period"], b["events"]) for b in month["buckets"]] == [("2001-09", 1)] and month["undated"] == 1
    # a month-precision date has a month bucket but no day bucket
    igo = lambda interval: client.get("/dyads/IGOUNO/KAZ/timeline", params={"interval": interval}).json()
    assert igo("day")["buckets"] == [] and igo("day")["undated"] == 1
    assert [(b["period"], b["goldstein_mean"], b["quad_class"]["1"]) for b in igo("month")["buckets"]] == \
        [("2001-09", 3.0, 1)]
    both = client.get("/dyads/KAZ/RUS/timeline", params={"symmetric": "true"}).json()
    assert [(b["period"], b["events"]) for b in both["buckets"]] == [("2001-10", 1)]
    assert client.get("/dyads/KAZ/RUS/timeline").json()["buckets"] == []
    assert client.get(url, params={"interval": "year"}).status_code == 422


def test_article_with_evidence_spans(client):
    body = client.get("/articles/a1").json()
    assert body["text"] == STORY and body["title"] == "Detentions" and body["date"] == "2001-09-24"
    assert body["spans"] == [{"start": 0, "end": 67, "sentence_index": 0, "event_ids": ["m1"]},
                             {"start": 68, "end": 91, "sentence_index": 1, "event_ids": ["u1"]}]
    assert [body["text"][s["start"]:s["end"]] for s in body["spans"]] == [FIRST, SECOND]
    assert [e["event_id"] for e in body["events"]] == ["u1", "m1"]
    r = client.get("/articles/nope")
    assert r.status_code == 404 and r.json()["error"] == "not_found" and "nope" in r.json()["detail"]


def test_every_route_is_documented_in_openapi(client):
    spec = client.get("/openapi.json").json()
    routes = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    assert routes == {("GET", "/health"), ("GET", "/events"), ("GET", "/actors"), ("GET", "/dyads"),
                      ("GET", "/dyads/{a}/{b}/timeline"), ("GET", "/articles/{article_id}"),
                      ("POST", "/articles")}
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            assert op.get("summary") and op.get("description"), (method, path)
            for p in op.get("parameters", []):
                assert p.get("description"), (method, path, p["name"])


def test_dashboard_docs_and_assets_are_served_with_a_strict_csp(client):
    for path, kind in (("/", "text/html"), ("/docs", "text/html"), ("/static/app.js", "javascript"),
                       ("/static/style.css", "text/css")):
        r = client.get(path)
        assert r.status_code == 200 and kind in r.headers["content-type"], path
        assert "default-src 'none'" in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"
    html = client.get("/").text
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    assert client.get("/static/../app.py").status_code == 404


def test_static_assets_reference_no_other_host():
    from steppe.api.app import static_dir

    for f in static_dir().glob("*.*"):
        text = f.read_text(encoding="utf-8")
        for bad in ("https://", "http://", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            if bad == "http://" and "http://www.w3.org/2000/svg" in text:
                text = text.replace("http://www.w3.org/2000/svg", "")
            assert bad not in text, (f.name, bad)


def test_slow_reads_are_stopped_with_a_504(make_client, monkeypatch):
    client = make_client(read_timeout=0.3)
    from steppe.store import queries

    def slow(view, **kw):
        return view.query("SELECT count(*) FROM range(10000000000) a, range(10) b WHERE a.range % 7 = b.range")

    monkeypatch.setattr(queries, "actors_page", slow)
    start = time.monotonic()
    r = client.get("/actors")
    assert r.status_code == 504 and r.json()["error"] == "query_timeout"
    assert time.monotonic() - start < 10
    assert client.get("/health").status_code == 200  # the server goes on


def test_state_read_interrupts_only_its_own_cursor(make_client):
    client = make_client(read_timeout=0.3)
    state = client.app.state.steppe
    with pytest.raises(ApiError) as err:
        state.read(lambda v: v.query("SELECT count(*) FROM range(10000000000) a, range(10) b "
                                     "WHERE a.range % 7 = b.range"))
    assert err.value.status == 504
    assert state.read(lambda v: v.counts())["events"] == 5


def test_concurrent_reads_during_writes(client):
    """Reads on cursors from many threads while the writer stores articles: no errors, and
    every read sees a committed state (all of an article's events or none)."""
    from tests.factories import result

    state = client.app.state.steppe
    errors, seen = [], set()

    def reader():
        try:
            for _ in range(30):
                n = client.get("/events", params={"limit": 1000}).json()["count"]
                seen.add(n)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    for i in range(20):
        with state.write_lock:
            state.store.write([result(f"w{i}", events=[event(f"w{i}a", f"w{i}"), event(f"w{i}b", f"w{i}")])])
    for t in threads:
        t.join(timeout=60)
    assert not errors
    assert all((n - 5) % 2 == 0 for n in seen)
    assert client.get("/health").json()["counts"]["events"] == 45


def test_request_bodies_over_the_limit_are_refused(make_client):
    client = make_client(max_body_bytes=1000)
    headers = {"Authorization": "Bearer s3cret-token", "Content-Type": "application/json"}
    r = client.post("/articles", content=b'{"text": "' + b"x" * 2000 + b'"}', headers=headers)
    assert r.status_code == 413 and r.json()["error"] == "body_too_large"

    def chunks():  # no Content-Length: counted while streaming
        yield b'{"text": "'
        for _ in range(10):
            yield b"x" * 200
        yield b'"}'

    r = client.post("/articles", content=chunks(), headers=headers)
    assert r.status_code == 413


def test_host_check_refuses_other_hosts(make_client):
    client = make_client(allowed_hosts=("127.0.0.1", "localhost", "::1"))
    assert client.get("/health", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/health", headers={"Host": "localhost"}).status_code == 200
    assert client.get("/health", headers={"Host": "[::1]:8000"}).status_code == 200
    r = client.get("/health", headers={"Host": "attacker.example:8000"})
    assert r.status_code == 400 and r.json()["error"] == "bad_host"
