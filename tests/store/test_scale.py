"""Issue 19 (a store that stays fast at 10M events) and issue 16's export points: what the writer
keeps (typed dates, groups, actor counts), the migration from version 3, exports in slices,
typed dates in exports, filters. Hand-built records, no model."""
import dataclasses
import datetime as dt
import importlib
import json

import duckdb
import pyarrow.parquet as pq
import pytest

from steppe.errors import StoreError
from steppe.records import Mention, Place
from steppe.store import Store, export
from steppe.store import dedup, groups
from steppe.store.db import migrations
from tests.factories import ALMATY, event, result

ASTANA = Place("Astana", "Astana", "KAZ", "Astana", 51.18, 71.45, "city", 1526273)


def _groups(store):
    return store.query("SELECT * EXCLUDE (root_key), root_key.event_id AS root FROM event_groups ORDER BY dedup_id")


def _actors(store):
    return store.query("SELECT actor_id, events FROM actors ORDER BY actor_id")


def _batches():
    """Three batches: repeated reports across articles and sources, a later but earlier-published
    report (the first report changes), year-less and unknown dates."""
    return [
        [result("a1", events=[event("m1", "a1", place=ALMATY), event("y1", "a1", date="--03-03", sentence_index=1),
                              event("n1", "a1", date=None, sentence_index=2)],
                date="2001-09-24", source="Interfax"),
         result("a2", events=[event("m2", "a2", place=ALMATY, sentence_index=1)], date="2001-09-25",
                url="https://www.reuters.com/x")],
        [result("a3", events=[event("m3", "a3", place=ALMATY), event("k1", "a3", code="0311", src="RUSGOV",
                                                                      tgt="KAZGOV", date="2001")],
                date="2001-09-20", source="Interfax"),  # published first: the new first report
         result("a4", events=[event("m4", "a4", place=ALMATY, sentence_index=3)], date="2001-09-26",
                url="https://www.reuters.com/y")],
        [result("a5", events=[event("k2", "a5", code="0311", src="RUSGOV", tgt="KAZGOV", date="2001",
                                    place=ASTANA)], date=None)],
    ]


def _filled():
    store = Store(":memory:")
    for batch in _batches():
        store.write(batch)
    return store


def test_groups_kept_by_the_writer_equal_a_rebuild_from_the_mentions():
    store = _filled()
    kept, actors = _groups(store), _actors(store)
    g = {r["root"]: r for r in kept}
    assert (g["m3"]["num_mentions"], g["m3"]["num_articles"], g["m3"]["num_sources"], g["m3"]["is_root_event"]) == \
        (4, 4, 2, 1)  # Interfax (a1, a3) and reuters.com (a2, a4); m3 was published first
    groups.rebuild(store.con)
    groups.rebuild_actor_counts(store.con)
    assert _groups(store) == kept and _actors(store) == actors
    assert dict((a["actor_id"], a["events"]) for a in actors)["a-kazgov"] == 8


def test_recoding_an_article_updates_groups_and_actor_counts():
    store = _filled()
    store.write([result("a3", text="changed", events=[event("k3", "a3", code="0311", src="RUSGOV", tgt="KAZGOV",
                                                              date="2001")], date="2001-09-20")])
    kept, actors = _groups(store), _actors(store)
    g = {r["root"]: r for r in kept}
    assert set(g) == {"m1", "k3", "k2", "y1", "n1"}
    assert (g["m1"]["num_mentions"], g["m1"]["num_articles"], g["m1"]["num_sources"]) == (3, 3, 2)
    groups.rebuild(store.con)
    groups.rebuild_actor_counts(store.con)
    assert _groups(store) == kept and _actors(store) == actors


def _dyad_pages(store):
    """Every unfiltered dyads page (levels x mentions/events): from the counts the writer keeps
    and counted from the events."""
    from steppe.store import queries

    kept, counted = {}, {}
    for level in ("code", "country"):
        for dd in (False, True):
            kept[level, dd] = queries.dyads(store, level=level, dedup=dd)
            counted[level, dd] = queries.dyads_scan(store, level=level, dedup=dd)
    return kept, counted


def _kept_dyads(store):
    return store.query("SELECT * FROM dyad_counts ORDER BY ALL")


def test_dyad_counts_kept_by_the_writer_equal_counting_the_events():
    """New articles, a report published earlier arriving later from another country's actor (the
    first report, and so the event's country pair, changes), re-coding, and a rebuild."""
    store = _filled()
    kept, counted = _dyad_pages(store)
    assert kept == counted
    assert kept["code", False][0] == {"source": "KAZGOV", "target": "TJKCVL", "events": 6, "dated": 4,
                                      "goldstein_mean": -5.0}
    assert kept["code", True][0]["events"] == 3  # m1..m4 are one event; y1, n1 are their own
    # an earlier report of m1's event whose source actor has another country: the pair moves
    moved = event("e0", "a0", place=ALMATY)
    moved = dataclasses.replace(moved, source=dataclasses.replace(moved.source, country="UZB"))
    store.write([result("a0", events=[moved], date="2001-09-01")])
    kept, counted = _dyad_pages(store)
    assert kept == counted
    assert {"source": "UZB", "target": "TJK", "events": 1, "dated": 1, "goldstein_mean": -5.0} in kept["country", True]
    store.write([result("a0", text="changed", events=[event("e9", "a0", code="0311", src="RUSGOV", tgt="KAZGOV",
                                                              date="2001")], date="2001-09-01")])
    store.write([result("a5", text="none now", events=[], date=None)])
    kept, counted = _dyad_pages(store)
    assert kept == counted
    assert not any(r["source"] == "UZB" for r in kept["country", True] + kept["country", False])
    rows = _kept_dyads(store)
    groups.rebuild_dyads(store.con)
    assert _kept_dyads(store) == rows


def test_a_version_5_database_counts_its_dyads_when_read_and_when_migrated(tmp_path):
    path = str(tmp_path / "v5.duckdb")
    with Store(path) as store:
        for batch in _batches():
            store.write(batch)
        fresh_pages, fresh_rows = _dyad_pages(store)[0], _kept_dyads(store)
        store.con.execute("DROP TABLE dyad_counts")
        store.con.execute("DELETE FROM schema_migrations WHERE version >= 6")  # and what later versions add
        for column in ("settings_hash", "pub_date_precision"):
            store.con.execute(f"ALTER TABLE articles DROP COLUMN {column}")
        assert store.con.execute("SELECT current_setting('checkpoint_threshold')").fetchone()[0] == "953.6 MiB"  # 1GB
    with Store(path, read_only=True) as old:  # not migrated: a view counts them
        assert _dyad_pages(old)[0] == fresh_pages
    with Store(path) as migrated:
        assert _kept_dyads(migrated) == fresh_rows and _dyad_pages(migrated)[0] == fresh_pages


def test_unknown_years_sort_last():
    store = _filled()
    ids = [r["event_id"] for r in store.query_events()]
    assert ids[-2:] == ["y1", "n1"]  # --03-03 (year unknown), then no date
    assert ids[:2] == ["k1", "k2"]  # 2001 -> 2001-01-01
    assert [r["event_id"] for r in dedup.query_dedup(store)][-2:] == ["y1", "n1"]


def test_date_start_is_the_first_day_of_the_known_period(store):
    store.write([result("a1", events=[event("d", date="2001-09-23"), event("m", date="2001-09", precision="month"),
                                      event("y", date="2001", precision="year"), event("x", date="--09-23"),
                                      event("n", date=None)])])
    got = {r["event_id"]: r["date_start"] for r in store.query("SELECT event_id, date_start FROM events")}
    assert got == {"d": dt.date(2001, 9, 23), "m": dt.date(2001, 9, 1), "y": dt.date(2001, 1, 1), "x": None,
                   "n": None}


def test_since_and_until_take_days_months_and_years():
    store = _filled()
    ids = lambda **kw: sorted(r["event_id"] for r in store.query_events(**kw))
    assert ids(since="2001-09") == ["m1", "m2", "m3", "m4"]
    assert ids(until="2001-08") == ["k1", "k2"]
    assert ids(since="2001", until="2001") == ["k1", "k2", "m1", "m2", "m3", "m4"]
    assert ids(until="2001-09-22") == ["k1", "k2"]
    with pytest.raises(StoreError, match="YYYY-MM-DD"):
        store.query_events(since="yesterday")


def test_plover_quad_and_article_filters():
    store = _filled()
    store.write([result("b1", events=[event("p1", "b1", code="0311", quad=1, goldstein=5.2, plover="AGREE",
                                            mode=None)])])
    ids = lambda **kw: sorted(r["event_id"] for r in store.query_events(**kw))
    assert ids(plover="agree") == ["p1"]
    assert ids(quad=1) == ["p1"]
    assert ids(article_id="a3") == ["k1", "m3"]
    assert ids(plover="COERCE", article_id="a3") == ["k1", "m3"]
    assert [r["event_id"] for r in dedup.query_dedup(store, article_id="a4")] == ["m3"]  # its event's first report


def test_dedup_page_has_mention_ids_in_report_order():
    store = _filled()
    page = dedup.query_dedup(store, limit=2, offset=2)
    assert [r["event_id"] for r in page] == ["m3", "y1"]
    assert page[0]["mention_ids"] == ["m3", "m1", "m2", "m4"] and page[0]["num_sources"] == 2
    assert page[1]["mention_ids"] == ["y1"]
    assert page[0]["news_source"] == "Interfax" and page[0]["article_url"] is None


def test_migration_from_version_3_fills_what_version_4_keeps(tmp_path):
    """An existing database (schema 3, written by the steppe of before) opens, migrates, and
    holds the same groups, counts and dates as one written now."""
    path = str(tmp_path / "v3.duckdb")
    fresh = _filled()
    con = duckdb.connect(path)
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
    for version, name, sql in migrations():
        if version <= 3:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, name])
    cols = [r[0] for r in con.execute("DESCRIBE events").fetchall()]
    for table, columns in (("articles", [r[0] for r in con.execute("DESCRIBE articles").fetchall()]),
                           ("sentences", None), ("events", cols), ("actor_aliases", None)):
        select = ", ".join(columns) if columns else "*"
        rows = fresh.con.sql(f"SELECT {select} FROM {table}").to_arrow_table()
        con.register("_rows", rows)
        con.execute(f"INSERT INTO {table} SELECT * FROM _rows")
        con.unregister("_rows")
    actors = fresh.con.sql("SELECT actor_id, code, country, sector, name, kind FROM actors").to_arrow_table()
    con.register("_rows", actors)
    con.execute("INSERT INTO actors SELECT * FROM _rows")
    con.close()

    with Store(path, read_only=True) as old:  # not migrated: computed views
        assert _groups(old) == _groups(fresh)
        assert _dyad_pages(old)[0] == _dyad_pages(fresh)[0]
        assert [r["event_id"] for r in old.query_events()] == [r["event_id"] for r in fresh.query_events()]
        assert [(a["actor_id"], a["events"]) for a in old.actors()] == \
            [(a["actor_id"], a["events"]) for a in fresh.actors()]
        for fmt in ("gdelt", "icews", "jsonl"):  # exports read the same views
            assert export(old, fmt, str(tmp_path / f"old.{fmt}")) == export(fresh, fmt, str(tmp_path / f"new.{fmt}"))
    with Store(path) as migrated:
        assert migrated.schema_version() == max(v for v, _, _ in migrations())
        assert _groups(migrated) == _groups(fresh) and _actors(migrated) == _actors(fresh)
        assert _kept_dyads(migrated) == _kept_dyads(fresh)
        assert migrated.query("SELECT count(*) AS n FROM events WHERE date_start IS NOT NULL")[0]["n"] == 6
        assert [r["event_id"] for r in dedup.query_dedup(migrated)] == [r["event_id"] for r in dedup.query_dedup(fresh)]


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl", "gdelt", "icews", "plover"])
def test_exports_in_many_date_slices_equal_one_slice(tmp_path, monkeypatch, fmt):
    store = _filled()
    export(store, fmt, str(tmp_path / "one"))
    monkeypatch.setattr(importlib.import_module("steppe.store.export"), "CHUNK_ROWS", 1)
    n = export(store, fmt, str(tmp_path / "many"))
    if fmt == "parquet":  # one row group per slice: compare the rows
        assert pq.read_table(tmp_path / "one").equals(pq.read_table(tmp_path / "many"))
    else:
        assert (tmp_path / "one").read_bytes() == (tmp_path / "many").read_bytes()
    assert n == (5 if fmt == "gdelt" else 8)  # 8 mentions, 5 events


def test_csv_and_parquet_carry_a_typed_date_and_unknown_years_last(tmp_path):
    store = _filled()
    export(store, "parquet", str(tmp_path / "e.parquet"))
    export(store, "csv", str(tmp_path / "e.csv"))
    t = pq.read_table(tmp_path / "e.parquet")
    assert str(t.schema.field("date_start").type) == "date32[day]" and t.schema.field("date").type == "string"
    assert t.column("event_id").to_pylist()[-2:] == ["y1", "n1"]
    assert t.column("date_start").to_pylist()[:1] == [dt.date(2001, 1, 1)]
    header = (tmp_path / "e.csv").read_text().splitlines()[0].split(",")
    assert header[:10] == ["event_id", "article_id", "sentence_index", "evidence", "evidence_start", "evidence_end",
                           "date", "date_precision", "date_source", "date_start"]
    rows = duckdb.sql(f"SELECT event_id, date_start FROM read_csv('{tmp_path / 'e.csv'}')").fetchall()
    assert rows[0] == ("k1", dt.date(2001, 1, 1)) and rows[-1] == ("n1", None)


def test_export_filters_and_dedup(tmp_path):
    store = _filled()
    n = export(store, "jsonl", str(tmp_path / "d.jsonl"), dedup=True, article_id="a4")
    recs = [json.loads(x) for x in (tmp_path / "d.jsonl").read_text().splitlines()]
    assert n == 1 and recs[0]["event_id"] == "m3" and recs[0]["num_mentions"] == 4 and recs[0]["num_sources"] == 2
    assert export(store, "csv", str(tmp_path / "c.csv"), code="03") == 2
    assert export(store, "icews", str(tmp_path / "i.tsv"), since="2001-09", until="2001-09-24") == 4
    assert export(store, "gdelt", str(tmp_path / "g.tsv"), actor="RUS") == 2


def test_jsonl_export_is_the_event_schema(tmp_path):
    store = Store(":memory:")
    e = dataclasses.replace(event("e1", place=ALMATY), fatal=True, evidence="Polícia «detained» them\t\n.",
                            background=False, main_clause=True,
                            mentions=(Mention(0, 0, 27, "detained", True), Mention(2, 40, 60)))
    store.write([result("a1", events=[e, event("e2", tgt=None, date=None)])])
    export(store, "jsonl", str(tmp_path / "e.jsonl"))
    lines = (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == [e.to_dict(), event("e2", tgt=None, date=None).to_dict()]
    assert list(json.loads(lines[0])) == list(e.to_dict())


def test_actor_filter_uses_the_date_order_to_stop_early():
    """EXPLAIN ANALYZE of the first page of an actor's events: the top-N pushes a dynamic filter
    on date_start into the scan (what lets 10M rows answer in milliseconds when the rows are
    in date order)."""
    store = _filled()
    sql = ("SELECT event_id FROM events WHERE source_country = 'KAZ' "
           "ORDER BY date_start NULLS LAST, date NULLS LAST, article_id, sentence_index, event_id LIMIT 2")
    plan = "\n".join(r[1] for r in store.con.execute("EXPLAIN ANALYZE " + sql).fetchall())
    assert "Dynamic Filter" in plan and "date_start" in plan


def test_background_is_never_a_root_event():
    # GDELT's IsRootEvent: reported in the lead sentence, and not context the article recounts
    import dataclasses

    from steppe.records import Actor, Article, ArticleResult, Sentence
    from steppe.store import Store
    from tests.eval.helpers import event

    kaz = Actor(text="Kazakh police", code="KAZCOP", country="KAZ", sector="COP")
    lead = dataclasses.replace(event("173", source=kaz, article_id="a1"), date="2003-03-03", event_id="e1")
    old = dataclasses.replace(event("172", source=kaz, article_id="a1"), date="1999", event_id="e2", background=True)
    res = ArticleResult(article=Article(id="a1", text="x" * 20, date="2003-03-05"), content_hash="h",
                        sentences=[Sentence("a1", 0, 0, 20, "x" * 20)], events=[lead, old])
    with Store(":memory:") as store:
        store.write([res])
        roots = dict(store.con.execute(
            "SELECT e.cameo, g.is_root_event FROM event_groups g JOIN events e ON e.dedup_id = g.dedup_id").fetchall())
    assert roots == {"173": 1, "172": 0}
