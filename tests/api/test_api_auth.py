"""Writes need the token from STEPPE_TOKEN as 'Authorization: Bearer <token>'; reads do not."""
import pytest

from steppe.ingest.readers import content_hash
from steppe.records import ArticleResult, Sentence
from tests.api.conftest import TOKEN
from tests.factories import event

ARTICLE = {"id": "p1", "text": "Kazakh police detained 40 Uzbek citizens on March 3.", "date": "2003-03-10"}


class FakeCoder:
    """Stands in for steppe.pipeline.Coder: one canned event per article (no model)."""

    def __init__(self):
        self.seen = []

    def code_stream(self, items):
        for a in items:
            self.seen.append(a)
            yield ArticleResult(a, content_hash(a.text), sentences=[Sentence(a.id, 0, 0, len(a.text), a.text)],
                                events=[event(f"ev-{a.id}", a.id, evidence=a.text, src="KAZCOP", tgt="UZBCVL",
                                              date="2003-03-03")])


@pytest.fixture
def fake():
    return FakeCoder()


def test_without_a_configured_token_writes_are_refused(make_client, fake):
    client = make_client(coder=fake, token=None)
    for headers in ({}, {"Authorization": "Bearer anything"}, {"Authorization": f"Bearer {TOKEN}"}):
        r = client.post("/articles", json=ARTICLE, headers=headers)
        assert r.status_code == 403 and r.json()["error"] == "writes_disabled"
    assert fake.seen == [] and client.get("/health").json()["writes_enabled"] is False


def test_token_comes_from_the_environment(db_path, monkeypatch, fake):
    from fastapi.testclient import TestClient

    from steppe.api import create_app

    monkeypatch.setenv("STEPPE_TOKEN", "from-env")
    with TestClient(create_app(db_path, coder=fake)) as client:
        assert client.post("/articles", json=ARTICLE, headers={"Authorization": "Bearer from-env"}).status_code == 200
        assert client.post("/articles", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 403
    monkeypatch.setenv("STEPPE_TOKEN", "")
    with TestClient(create_app(db_path, coder=fake)) as client:  # an empty token is no token
        assert client.post("/articles", json=ARTICLE, headers={"Authorization": "Bearer "}).status_code == 403


@pytest.mark.parametrize("headers,status,error", [
    ({}, 401, "unauthorized"),
    ({"Authorization": TOKEN}, 401, "unauthorized"),
    ({"Authorization": f"Basic {TOKEN}"}, 401, "unauthorized"),
    ({"Authorization": "Bearer "}, 401, "unauthorized"),
    ({"Authorization": "Bearer wrong"}, 403, "forbidden"),
    ({"Authorization": f"Bearer {TOKEN}x"}, 403, "forbidden"),
    ({"Authorization": f"Bearer {TOKEN[:-1]}"}, 403, "forbidden"),
    ({"Authorization": "Bearer s3cret-tokén".encode("utf-8")}, 403, "forbidden"),
])
def test_missing_or_wrong_tokens_are_refused(client, fake, make_client, headers, status, error):
    client = make_client(coder=fake)
    r = client.post("/articles", json=ARTICLE, headers=headers)
    assert r.status_code == status and r.json()["error"] == error
    if status == 401:
        assert r.headers["www-authenticate"] == "Bearer"
    assert fake.seen == []
    assert client.get("/articles/p1").status_code == 404


def test_right_token_codes_stores_and_returns_the_events(make_client, fake):
    client = make_client(coder=fake)
    r = client.post("/articles", json={**ARTICLE, "title": "Detentions", "url": "https://x.example/1",
                                       "extra": "ignored"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["ok"] is True and body["article_id"] == "p1" and body["sentences"] == 1
    assert [e["event_id"] for e in body["events"]] == ["ev-p1"]
    a = fake.seen[0]
    assert (a.id, a.text, a.date, a.title, a.url, a.origin) == ("p1", ARTICLE["text"], "2003-03-10", "Detentions",
                                                               "https://x.example/1", "POST /articles")
    assert client.get("/articles/p1").json()["title"] == "Detentions"
    assert [e["event_id"] for e in client.get("/events", params={"article_id": "p1"}).json()["events"]] == ["ev-p1"]
    # posting the same id again replaces the article: nothing doubles
    assert client.post("/articles", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert client.get("/health").json()["counts"]["articles"] == 4


def test_reads_need_no_token(make_client):
    client = make_client(token=None)
    for path in ("/health", "/events", "/actors", "/dyads", "/dyads/KAZ/TJK/timeline", "/articles/a1", "/"):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("body,error", [
    ({"text": ""}, "invalid_parameter"),
    ({"id": "x"}, "invalid_parameter"),
    ({"text": 42}, "invalid_parameter"),
    ({"text": "   \n "}, "article_skipped"),
    ({"text": "Die kasachische Polizei hat am Montag vierzig usbekische Bürger in der Nähe der Grenze "
              "festgenommen, teilten die Behörden mit, und die Regierung schweigt dazu."}, "not_english"),
])
def test_unusable_articles_are_typed_errors(make_client, fake, body, error):
    client = make_client(coder=fake)
    r = client.post("/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422 and r.json()["error"] == error
    assert fake.seen == []


def test_malformed_json_is_a_typed_error(make_client, fake):
    client = make_client(coder=fake)
    r = client.post("/articles", content=b"{oops", headers={"Authorization": f"Bearer {TOKEN}",
                                                            "Content-Type": "application/json"})
    assert r.status_code == 422 and r.json()["ok"] is False
