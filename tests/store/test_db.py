import dataclasses
import json

import duckdb
import pyarrow.parquet as pq

from steppe.records import Actor, Article, ArticleResult, Event, Sentence, Skipped
from steppe.store import Store, export
from steppe.store.db import migrations, row_to_event_dict


def _event(eid, article_id="a1", code="173", src="KAZGOV", tgt="TJKCVL", date="2001-09-23"):
    return Event(event_id=eid, article_id=article_id, sentence_index=0, evidence="Police detained them.",
                 evidence_start=0, evidence_end=21, date=date, date_precision="day", date_source="sentence",
                 source=Actor("Kazakh police", src, src[:3], src[3:], actor_id="s1"),
                 target=Actor("Tajik citizens", tgt, tgt[:3], tgt[3:], actor_id="t1") if tgt else None,
                 cameo=code, cameo_root=code[:2], quad_class=4, goldstein=-5.0, plover_type="COERCE",
                 plover_mode="arrest", location=None, confidence=0.75, trigger="detained", explanation="x")


def _result(article_id="a1", text="Police detained them.", events=()):
    return ArticleResult(Article(article_id, text, date="2001-09-27"), content_hash=text[:8],
                         sentences=[Sentence(article_id, 0, 0, len(text), text)], events=list(events))


def test_migrations_create_schema_and_record_version(store):
    assert store.schema_version() == max(v for v, _, _ in migrations())
    assert store.migrate() == store.schema_version()  # idempotent


def test_recoding_an_article_replaces_its_events(store):
    store.write([_result(events=[_event("e1"), _event("e2", code="174")])])
    store.write([_result(events=[_event("e1")])])
    assert store.counts()["events"] == 1 and store.counts()["articles"] == 1
    assert store.stored_hash("a1") == "Police d"


def test_filters_are_exact(store):
    store.write([_result(events=[_event("e1"), _event("e2", code="0311", src="RUSGOV", tgt="KAZGOV", date="2001-10-01")])])
    ids = lambda **kw: [r["event_id"] for r in store.query_events(**kw)]
    assert ids(actor="RUS") == ["e2"]
    assert ids(dyad=("KAZGOV", "TJK")) == ["e1"]
    assert ids(code="03") == ["e2"]
    assert ids(since="2001-09-30") == ["e2"]
    assert ids(until="2001-09-30") == ["e1"]
    assert ids(actor="x' OR '1'='1") == []


def test_skipped_are_stored_with_reason(store):
    store.write([], [Skipped("in.jsonl line 3", "malformed JSON: x")])
    assert store.query("SELECT origin, reason FROM skipped") == [{"origin": "in.jsonl line 3", "reason": "malformed JSON: x"}]


def test_row_to_event_dict_round_trips_the_schema():
    from steppe.store.db import event_row

    e = _event("e1")
    assert row_to_event_dict(event_row(e)) == e.to_dict()


def test_export_csv_parquet_jsonl_round_trip(store, tmp_path):
    store.write([_result(events=[_event("e1"), _event("e2", code="174", tgt=None)])])
    for fmt in ("csv", "parquet", "jsonl"):
        out = tmp_path / f"events.{fmt}"
        assert export(store, fmt, str(out)) == 2
    rows = duckdb.sql(f"SELECT event_id, cameo, target_code FROM read_csv_auto('{tmp_path / 'events.csv'}') ORDER BY event_id").fetchall()
    assert rows == [("e1", 173, "TJKCVL"), ("e2", 174, None)]
    table = pq.read_table(tmp_path / "events.parquet")
    assert table.column("cameo").to_pylist() == ["173", "174"]
    lines = [json.loads(x) for x in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert lines[0] == _event("e1").to_dict() and lines[1]["target"] is None


def test_actor_registry_lists_aliases_and_counts(store):
    store.write([_result(events=[_event("e1"), _event("e2", code="174")])])
    actors = {a["actor_id"]: a for a in store.actors()}
    assert actors["s1"]["events"] == 2 and actors["s1"]["aliases"] == ["Kazakh police"]


def test_file_database_persists(tmp_path):
    path = str(tmp_path / "x.duckdb")
    with Store(path) as s:
        s.write([_result(events=[_event("e1")])])
    with Store(path, read_only=True) as s:
        assert s.counts()["events"] == 1


def test_the_field_lists_are_derived_from_the_records_and_match_the_tables():
    import dataclasses

    from steppe.records import Event
    from steppe.store.rows import ARTICLE_COLUMNS, EVENT_COLUMNS, PLACE_COLUMNS, SENTENCE_COLUMNS

    with Store(":memory:") as store:
        def columns(table):
            return [r["column_name"] for r in store.query(f"SELECT column_name FROM (DESCRIBE {table})")]

        assert sorted(columns("events")) == sorted(EVENT_COLUMNS + ["date_start"])
        assert sorted(columns("articles")) == sorted(ARTICLE_COLUMNS + ["news_source"])
        assert columns("sentences") == SENTENCE_COLUMNS and columns("places") == PLACE_COLUMNS
    flat = {c.split("_", 1)[0] if c.startswith(("source_", "target_")) else c for c in EVENT_COLUMNS}
    for f in dataclasses.fields(Event):  # every field of the record has its column(s)
        assert f.name in flat or f.name == "location" and "loc_name" in EVENT_COLUMNS, f.name


def test_actors_and_aliases_are_stored_in_first_seen_order_however_the_batches_fall():
    """A run cut into other batches (a smaller --batch-size, or a resumed run whose batches start
    after the articles already stored) stores the actor registry in the same order as one batch:
    the order actors and their aliases first appear (found by killing a Dask run and resuming it)."""
    from tests.factories import event, result

    texts = {"KAZGOV": ["the Kazakh government", "Astana"], "TJKCVL": ["Tajik citizens", "Tajiks"],
             "UZBGOV": ["Tashkent", "the Uzbek government"]}

    def run(batches):
        results = []
        for i, (src, tgt) in enumerate([("UZBGOV", "TJKCVL"), ("KAZGOV", "UZBGOV"), ("TJKCVL", "KAZGOV")] * 2):
            e = event(f"e{i}", f"a{i}", src=src, tgt=tgt)
            e = dataclasses.replace(e, source=dataclasses.replace(e.source, text=texts[src][i // 3]),
                                    target=dataclasses.replace(e.target, text=texts[tgt][i // 3]))
            results.append(result(f"a{i}", events=[e]))
        with Store(":memory:") as store:
            start = 0
            for size in batches:
                store.write(results[start:start + size])
                start += size
            return [store.con.execute(f"SELECT * FROM {t}").fetchall() for t in ("actors", "actor_aliases")]

    one = run([6])
    assert one[1][:2] == [("a-uzbgov", "Tashkent"), ("a-tjkcvl", "Tajik citizens")]
    assert run([1] * 6) == one and run([2, 4]) == one and run([5, 1]) == one
