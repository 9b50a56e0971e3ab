"""POST /articles codes live through the same pipeline as `steppe code` (loads the model)."""
import pytest

from tests.api.conftest import TOKEN

pytestmark = pytest.mark.model

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_post_article_codes_and_stores_it(make_client, coder):
    client = make_client(coder=coder)
    text = "Kazakh police detained 40 Uzbek citizens near Shymkent on March 3."
    r = client.post("/articles", json={"id": "live/1", "text": text, "date": "2003-03-10", "source": "test"},
                    headers=AUTH)
    assert r.status_code == 200, r.text
    events = r.json()["events"]
    assert [(e["cameo"], e["source"]["code"], e["target"]["code"], e["date"]) for e in events] == \
        [("173", "KAZCOP", "UZBCVL", "2003-03-03")]
    assert events[0]["evidence"] == text and events[0]["article_id"] == "live/1"
    stored = client.get("/events", params={"article_id": "live/1"}).json()["events"]
    assert stored == events
    art = client.get("/articles/live/1").json()
    assert art["spans"] == [{"start": 0, "end": len(text), "sentence_index": 0, "event_ids": [events[0]["event_id"]]}]
    # the same article again: the same event id, nothing doubled
    again = client.post("/articles", json={"id": "live/1", "text": text, "date": "2003-03-10"}, headers=AUTH).json()
    assert [e["event_id"] for e in again["events"]] == [events[0]["event_id"]]
    assert len(client.get("/events", params={"article_id": "live/1"}).json()["events"]) == 1


def test_post_builds_its_coder_from_the_settings(make_client):
    """Without an injected coder the app codes in worker processes, each building
    steppe.pipeline.Coder(settings) once (here: places off, so no place target)."""
    from steppe.config import Settings

    client = make_client(settings=Settings(places=False))
    r = client.post("/articles", json={"text": "Russia praised Kazakhstan on Monday.", "date": "2003-03-10"},
                    headers=AUTH)
    assert r.status_code == 200, r.text
    body = r.json()
    assert [(e["cameo"], e["source"]["code"], e["target"]["code"]) for e in body["events"]] == [("051", "RUS", "KAZ")]
    assert client.app.state.steppe.coder is None
    assert [w.proc is not None and w.proc.is_alive() for w in client.app.state.steppe.coding.workers] == [True, False]
