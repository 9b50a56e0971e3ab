"""The same bad inputs give the same reasons and flags through the CLI, the Python API and
POST /articles: all three go through steppe.job.Job and steppe.ingest (issue 15)."""
import io
import json

import pytest

import steppe
from steppe.cli import main
from steppe.config import Settings
from steppe.records import Article, Skipped
from steppe.store import Store
from tests.api.conftest import TOKEN, db_path, make_client  # noqa: F401  (fixtures)
from tests.api.test_api_auth import FakeCoder

ENGLISH = ("Kazakh police detained forty Uzbek citizens near Shymkent on Monday, and the government of "
           "Uzbekistan said it would protest to the embassy in Astana about the arrests of its people. ")
GERMAN = ("Die kasachische Polizei hat am Montag vierzig usbekische Bürger in der Nähe der Grenze "
          "festgenommen, teilten die Behörden mit, und die Regierung schweigt dazu.")
MAX = 200
BAD = {  # id -> the article, and what every path must say about it
    "blank": ({"id": "blank", "text": "   \n "}, ("skipped", "empty text")),
    "german": ({"id": "german", "text": GERMAN}, ("skipped", "not English")),
    "long": ({"id": "long", "text": ENGLISH * 3, "date": "2003-03-10"}, ("flags", (f"truncated-to-{MAX}-chars",))),
    "date": ({"id": "date", "text": ENGLISH, "date": "10/03/2003"}, ("flags", ("date-unreadable: '10/03/2003'",))),
    "rfc": ({"id": "rfc", "text": ENGLISH, "date": "Mon, 10 Mar 2003 08:00:00 +0000"}, ("flags", ())),
}


def _outcome(item):
    if isinstance(item, Skipped):
        return ("skipped", "not English" if item.reason.startswith("not English") else item.reason)
    return ("flags", tuple(item.flags))


def _expected():
    return {k: want for k, (_, want) in BAD.items()}


class PassingFake(FakeCoder):
    """FakeCoder that passes Skipped records through, as steppe.pipeline.Coder does."""

    def code_stream(self, items):
        for item in items:
            yield item if isinstance(item, Skipped) else next(super().code_stream([item]))


@pytest.fixture
def fake(monkeypatch):
    """The coder of every path, without the model."""
    coder = PassingFake()
    monkeypatch.setattr("steppe.pipeline.cached_coder", lambda settings: coder)
    return coder


def test_cli(tmp_path, fake):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a, _ in BAD.values()), encoding="utf-8")
    db = str(tmp_path / "c.duckdb")
    err = io.StringIO()
    assert main(["code", str(src), "--db", db, "--max-chars", str(MAX), "--no-places"], out=io.StringIO(),
                err=err) == 0
    got = {}
    with Store(db, read_only=True) as store:
        for r in store.query("SELECT article_id, flags, pub_date, pub_date_precision FROM articles"):
            got[r["article_id"]] = ("flags", tuple(r["flags"]))
            if r["article_id"] == "rfc":
                assert (r["pub_date"], r["pub_date_precision"]) == ("2003-03-10", "day")
        for r in store.query("SELECT article_id, reason FROM skipped"):
            got[r["article_id"]] = _outcome(Skipped("", r["reason"]))
    assert got == _expected()
    # and each is printed: the skips with their reasons, the flags as notes
    text = err.getvalue()
    assert f"skipped: {src} line 1: empty text" in text and f"skipped: {src} line 2: not English" in text
    assert f"note: {src} line 4: date-unreadable: '10/03/2003'" in text


def test_python_api(fake):
    articles = [a for a, _ in BAD.values()]
    checked = steppe.check_articles(articles, max_chars=MAX)
    assert {(i.article_id if isinstance(i, Skipped) else i.id): _outcome(i) for i in checked} == _expected()
    skipped = []
    coded = list(steppe.code_articles(articles, max_chars=MAX, on_skip=skipped.append))
    got = {r.article.id: _outcome(r.article) for r in coded} | {s.article_id: _outcome(s) for s in skipped}
    assert got == _expected()
    assert [a.id for a in fake.seen] == ["long", "date", "rfc"]


def test_post_articles(make_client):
    fake = FakeCoder()
    client = make_client(coder=fake, settings=Settings(max_chars=MAX))
    got = {}
    for aid, (body, _) in BAD.items():
        r = client.post("/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        if r.status_code == 422:
            got[aid] = _outcome(Skipped("", r.json()["detail"]))
        else:
            assert r.status_code == 200, r.text
            got[aid] = ("flags", tuple(r.json()["flags"]))
    assert got == _expected()


def test_python_objects_are_checked_like_jsonl_lines():
    [s, a, n] = steppe.check_articles(["   ", Article(id="x", text=ENGLISH * 10_000), 42])
    assert isinstance(s, Skipped) and s.reason == "empty text" and s.origin == "<text 0>"
    assert a.flags == ("truncated-to-1000000-chars",) and len(a.text) == 1_000_000  # spaCy's E088 limit
    assert isinstance(n, Skipped) and n.reason == "expected str, dict or Article, got int"


def test_settings_are_checked_in_python_as_on_the_command_line():
    from steppe.errors import ConfigError

    with pytest.raises(ConfigError, match="--max-chars must be between 1 and 1,000,000, not 0"):
        steppe.check_articles(["text"], max_chars=0)


def test_without_on_skip_a_skipped_article_is_logged(fake, caplog):
    with caplog.at_level("WARNING", logger="steppe"):
        assert list(steppe.code_articles(["   "])) == []
    assert [r.getMessage() for r in caplog.records] == ["skipped: <text 0>: empty text"]
