"""Cross-article dedup: mentions with the same date, dyad, CAMEO code and place are one event."""
import dataclasses

from steppe.store import Store
from steppe.store import dedup
from steppe.store.db import migrations
from tests.factories import ALMATY, event, result

DETAINED = "Kazakh police detained 20 Tajik citizens in Almaty."


def _three_reports(store):
    """The same detention reported by three articles from two sources, one twice in one article."""
    store.write([
        result("a1", DETAINED, [event("m1", "a1", place=ALMATY),
                                event("m1b", "a1", sentence_index=1, place=ALMATY)],
               date="2001-09-24", source="Interfax"),
        result("a2", DETAINED, [event("m2", "a2", place=ALMATY)], date="2001-09-25",
               url="https://www.example.org/news/1"),
        result("a3", DETAINED, [event("m3", "a3", place=ALMATY)], date="2001-09-26", source="Interfax"),
    ])


def test_migration_2_creates_the_views(store):
    assert [v for v, _, _ in migrations()][:2] == [1, 2]
    names = {r["table_name"] for r in store.query("SELECT table_name FROM information_schema.tables "
                                                   "WHERE table_type = 'VIEW'")}
    assert {"event_mentions", "events_dedup"} <= names


def test_same_event_in_three_articles_is_one_event_with_counts(store):
    _three_reports(store)
    rows = dedup.query_dedup(store)
    assert len(rows) == 1
    g = rows[0]
    assert (g["num_mentions"], g["num_articles"], g["num_sources"]) == (4, 3, 2)
    assert g["event_id"] == "m1"  # the first report (earliest publication date) represents the event
    assert list(g["mention_ids"]) == ["m1", "m1b", "m2", "m3"]
    key = dedup.dedup_key("2001-09-23", "KAZGOV", "TJKCVL", "173", geonameid=1526384)
    assert g["dedup_id"] == dedup.dedup_id(key)
    assert g["is_root_event"] == 1
    assert [m["event_id"] for m in dedup.mentions(store, g["dedup_id"])] == ["m1", "m1b", "m2", "m3"]
    assert [m["evidence"] for m in dedup.mentions(store, g["dedup_id"])] == ["Police detained them."] * 4
    assert dedup.dedup_id_of(store, "m2") == g["dedup_id"]
    assert dedup.counts(store) == {"mentions": 4, "events": 1}


def test_key_parts_keep_events_apart(store):
    store.write([
        result("a1", events=[
            event("base", "a1"),
            event("other-date", "a1", date="2001-09-24"),
            event("other-code", "a1", code="174"),
            event("other-target", "a1", tgt="UZBCVL"),
            event("reversed", "a1", src="TJKCVL", tgt="KAZGOV"),
            event("with-place", "a1", place=ALMATY),
            event("no-target", "a1", tgt=None),
        ]),
        result("a2", events=[event("base-2", "a2")]),
    ])
    groups = {tuple(g["mention_ids"]) for g in dedup.query_dedup(store)}
    assert groups == {("base", "base-2"), ("other-date",), ("other-code",), ("other-target",), ("reversed",),
                      ("with-place",), ("no-target",)}


def test_mentions_without_a_usable_date_are_never_merged(store):
    store.write([
        result("a1", events=[event("n1", "a1", date=None), event("y1", "a1", date="--03-03")]),
        result("a2", events=[event("n2", "a2", date=None), event("y2", "a2", date="--03-03")]),
    ])
    assert sorted(tuple(g["mention_ids"]) for g in dedup.query_dedup(store)) == [("n1",), ("n2",), ("y1",), ("y2",)]
    assert dedup.dedup_id_of(store, "n1") == dedup.dedup_id(dedup.dedup_key(None, "KAZGOV", "TJKCVL", "173",
                                                                            event_id="n1"))


def test_ids_are_stable_as_articles_arrive_and_counts_are_incremental(tmp_path):
    path = str(tmp_path / "d.duckdb")
    with Store(path) as s:
        s.write([result("a1", events=[event("m1", "a1")], source="Interfax")])
        first = dedup.query_dedup(s)[0]
        assert (first["num_mentions"], first["num_articles"], first["num_sources"]) == (1, 1, 1)
    with Store(path) as s:
        s.write([result("a2", events=[event("m2", "a2")], source="Reuters")])
        again = dedup.query_dedup(s)[0]
    assert again["dedup_id"] == first["dedup_id"]
    assert (again["num_mentions"], again["num_articles"], again["num_sources"]) == (2, 2, 2)
    with Store(path) as s:  # re-coding an article replaces its mentions: nothing is doubled
        s.write([result("a2", events=[event("m2", "a2")], source="Reuters")])
        assert dedup.query_dedup(s)[0]["num_mentions"] == 2
        s.write([result("a2", events=[])])
        assert dedup.query_dedup(s)[0]["num_mentions"] == 1


def test_filters_select_events_with_a_matching_mention_and_keep_full_counts(store):
    _three_reports(store)
    store.write([result("b1", events=[event("r1", "b1", code="0311", src="RUSGOV", tgt="KAZGOV",
                                            date="2001-10-01")])])
    ids = lambda **kw: [g["event_id"] for g in dedup.query_dedup(store, **kw)]
    assert ids(actor="RUS") == ["r1"]
    assert ids(actor="TJK") == ["m1"]
    assert ids(dyad=("KAZGOV", "TJK")) == ["m1"]
    assert ids(code="03") == ["r1"]
    assert ids(since="2001-09-30") == ["r1"]
    assert ids(until="2001-09-30") == ["m1"]
    assert ids(place="Almaty") == ["m1"]
    assert ids(article_id="a3") == ["m1"]
    assert dedup.query_dedup(store, article_id="a3")[0]["num_mentions"] == 4
    assert ids(actor="x' OR '1'='1") == []
    assert ids(limit=1, offset=1) == ["r1"]


def test_views_match_the_query_functions(store):
    _three_reports(store)
    store.write([result("b1", events=[event("r1", "b1", code="0311", date=None)])])
    view = store.query("SELECT dedup_id, num_mentions, num_articles, num_sources, event_id FROM events_dedup "
                       "ORDER BY date NULLS LAST, dedup_id")
    funcs = [{k: g[k] for k in ("dedup_id", "num_mentions", "num_articles", "num_sources", "event_id")}
             for g in dedup.query_dedup(store)]
    assert view == funcs


def test_group_to_dict_is_the_event_schema_plus_dedup_fields(store):
    _three_reports(store)
    d = dedup.group_to_dict(dedup.query_dedup(store)[0])
    assert d == {**event("m1", "a1", place=ALMATY).to_dict(), "dedup_id": d["dedup_id"], "num_mentions": 4,
                 "num_articles": 3, "num_sources": 2, "mention_ids": ["m1", "m1b", "m2", "m3"]}


def _keyed_events():
    """Mentions that exercise every branch of the key: a place by id and by name only, no target,
    no source, a year only, no date, a date without its year."""
    return [event("k1", "a1", place=ALMATY), event("k2", "a1", tgt=None), event("k3", "a1", date=None),
            event("k4", "a1", date="--03-03"), event("k5", "a1", src=None, date="2001"),
            event("k6", "a1", place=dataclasses.replace(ALMATY, geonameid=None, name="Žanaözen"))]


def _v1_database(path, fresh):
    """A database of schema 1 (before dedup ids) holding ``fresh``'s articles and events."""
    import duckdb

    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
    version, name, sql = migrations()[0]
    con.execute(sql)
    con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, name])
    for table in ("articles", "events"):
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
        con.register("_rows", fresh.con.sql(f"SELECT {', '.join(cols)} FROM {table}").to_arrow_table())
        con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT * FROM _rows")
        con.unregister("_rows")
    con.close()


def test_the_dedup_key_is_one_function_and_every_place_agrees(store, tmp_path):
    """The key is defined once (steppe.store.keys.dedup_key). The ids the store writes, the
    Parquet partitions of a Dask run, the SQL function, migration 2 filling an older database and
    the views over an older database opened read-only all agree."""
    from steppe.scale.dask_runner import result_tables
    from steppe.store import keys
    from steppe.store.db import _DATA_STEPS

    evs = _keyed_events()
    expected = {e.event_id: keys.dedup_id(keys.dedup_key(
        e.date, e.source.code if e.source else None, e.target.code if e.target else None, e.cameo,
        e.location.geonameid if e.location else None, e.location.name if e.location else None, e.event_id))
        for e in evs}
    assert len(set(expected.values())) == len(evs)
    assert {e.event_id: keys.event_dedup_id(e) for e in evs} == expected
    # the store's rows (DuckDB) and a Dask partition's rows (Parquet)
    store.write([result("a1", events=evs)])
    assert {r["event_id"]: r["dedup_id"] for r in store.query("SELECT event_id, dedup_id FROM events")} == expected
    parts = result_tables([result("a1", events=evs)])["events"]
    assert {r["event_id"]: r["dedup_id"] for r in parts} == expected
    # the same function called from SQL
    keys.register_sql(store.con)
    keys.register_sql(store.con)  # once is enough; again is harmless
    sql = store.query(f"SELECT event_id, {keys.DEDUP_ID_SQL} AS d FROM events")
    assert {r["event_id"]: r["d"] for r in sql} == expected
    # migration 2 fills an older database's rows with it, and no migration defines the key again
    assert _DATA_STEPS[2] is keys.fill_dedup_ids
    assert not [line for _, _, text in migrations() for line in text.splitlines()
                if "sha256" in line.lower() and not line.lstrip().startswith("--")]
    old = tmp_path / "v1.duckdb"
    _v1_database(old, store)
    with Store(str(old), read_only=True) as ro:  # not migrated: the views compute the ids
        assert {r["event_id"]: r["dedup_id"] for r in ro.query("SELECT event_id, dedup_id FROM events")} == expected
        assert {g["dedup_id"] for g in dedup.query_dedup(ro)} == set(expected.values())
    with Store(str(old)) as migrated:
        assert migrated.schema_version() == max(v for v, _, _ in migrations())
        assert {r["event_id"]: r["dedup_id"] for r in migrated.query("SELECT event_id, dedup_id FROM events")} \
            == expected
        assert {g["dedup_id"] for g in dedup.query_dedup(migrated)} == set(expected.values())


def test_exports_of_flat_columns_carry_the_dedup_id(store, tmp_path):
    import pyarrow.parquet as pq

    from steppe.store import export

    _three_reports(store)
    export(store, "parquet", str(tmp_path / "e.parquet"))
    assert set(pq.read_table(tmp_path / "e.parquet").column("dedup_id").to_pylist()) == \
        {dedup.query_dedup(store)[0]["dedup_id"]}
