"""Injection strings as every filter value: typed answers (200 with nothing matched, 404 or 422),
never a server error, and the database unchanged."""
from urllib.parse import quote

import pytest

from tests.api.conftest import TOKEN

PAYLOADS = [
    "' OR '1'='1",
    "KAZ' OR 1=1 --",
    "x'); DROP TABLE events; --",
    "1; DELETE FROM articles",
    '" OR ""="',
    "KAZGOV' UNION SELECT * FROM articles --",
    "' ; COPY events TO '/tmp/steppe-injected.csv'; --",
    "%' OR source_code LIKE '%",
    "*",
    "\\' OR 1=1 #",
    "$(touch /tmp/steppe-pwned)",
    "<script>alert(1)</script>",
    "../../../etc/passwd",
    "\x00",
    "KAZ\x00GOV",
    "\u202eKAZ",
    "\U0001F600",
    "a" * 5000,
]
EVENT_FILTERS = ["actor", "dyad", "code", "since", "until", "place", "article_id", "limit", "offset", "dedup"]


def _check(r):
    assert r.status_code in (200, 404, 422), (r.status_code, r.text[:300])
    body = r.json()
    assert "ok" in body
    return body


def _intact(client):
    counts = client.get("/health").json()["counts"]
    assert counts == {"articles": 3, "sentences": 3, "events": 5, "actors": 4, "places": 0, "skipped": 0}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injection_in_every_events_filter(client, payload):
    for name in EVENT_FILTERS:
        for dedup in ("false", "true"):
            params = {name: payload}
            if name != "dedup":
                params["dedup"] = dedup
            body = _check(client.get("/events", params=params))
            if body["ok"]:
                assert body["events"] == [], (name, payload)
    for name in ("actor", "code", "since", "until", "level", "limit", "dedup"):
        body = _check(client.get("/dyads", params={name: payload}))
        if body["ok"]:
            assert body["dyads"] == [], (name, payload)
    for name in ("q", "limit", "offset"):
        body = _check(client.get("/actors", params={name: payload}))
        if body["ok"]:
            assert body["actors"] == [], (name, payload)
    _intact(client)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injection_in_path_parameters_and_timeline_filters(client, payload):
    p = quote(payload, safe="")
    for url in (f"/dyads/{p}/TJK/timeline", f"/dyads/KAZGOV/{p}/timeline", f"/articles/{p}"):
        body = _check(client.get(url))
        if body["ok"] and "buckets" in body:
            assert body["buckets"] == [] and body["undated"] == 0
    for name in ("interval", "code", "since", "until", "dedup", "symmetric"):
        body = _check(client.get("/dyads/KAZGOV/TJK/timeline", params={name: payload}))
        assert not body["ok"] or name in ("code",) and body["buckets"] == []
    _intact(client)


@pytest.mark.parametrize("payload", PAYLOADS[:8])
def test_injection_in_the_posted_article_is_stored_as_text(make_client, payload):
    from tests.api.test_api_auth import FakeCoder

    client = make_client(coder=FakeCoder())
    body = {"id": f"inj {payload[:40]}", "text": f"Kazakh police detained them. {payload}", "title": payload,
            "url": payload, "source": payload, "date": payload[:60]}
    r = client.post("/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    art = client.get("/articles/" + quote(body["id"], safe="")).json()
    assert (art["title"], art["source"], art["text"]) == (payload, payload, body["text"])
    assert client.get("/health").json()["counts"]["events"] == 6


def test_no_file_was_written_by_an_injection():
    import os

    assert not os.path.exists("/tmp/steppe-injected.csv")
    assert not os.path.exists("/tmp/steppe-pwned")
