"""What the writer keeps up to date for each batch, so that reads never regroup 10 million rows.

- ``events.date_start``: the event date as a DATE (first day of the known period; NULL when the
  year is unknown), from ``date_start_sql``.
- ``articles.news_source``: what NumSources counts (``news_source_sql``).
- ``event_groups`` / ``event_group_sources``: one row per deduplicated event with its counts and
  first report, and its news sources. A batch of new articles is added with one upsert (counts
  added, the first report kept or replaced, new sources found with ``INSERT ... RETURNING``):
  index probes only, no scan of the stored mentions. When an article is re-coded (its old
  mentions deleted), the groups it touched are rebuilt from the mentions instead.
- ``actors.events``: mentions naming the actor as source or target (once per mention).

All of it is SQL run by ``steppe.store.db.Store`` inside the batch's transaction; the same
definitions rebuild everything for the migration to schema version 5 and give computed views
for databases that cannot be written (read-only files of an older version, Parquet partitions).
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Optional

import pyarrow as pa


def date_start_sql(col: str = "date") -> str:
    """DATE of the first day of a ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` text date; NULL for
    NULL, year-less (``--MM-DD``) or malformed dates."""
    return (f"CASE WHEN {col} IS NULL OR starts_with({col}, '-') THEN NULL "
            f"WHEN length({col}) = 10 THEN TRY_CAST({col} AS DATE) "
            f"WHEN length({col}) = 7 THEN TRY_CAST({col} || '-01' AS DATE) "
            f"WHEN length({col}) = 4 THEN TRY_CAST({col} || '-01-01' AS DATE) END")


def date_precision_sql(col: str = "date") -> str:
    """day, month or year for the text dates ``date_start_sql`` reads; unknown otherwise."""
    return (f"CASE WHEN ({date_start_sql(col)}) IS NULL THEN 'unknown' WHEN length({col}) = 10 THEN 'day' "
            f"WHEN length({col}) = 7 THEN 'month' ELSE 'year' END")


def news_source_sql(a: str = "a") -> str:
    """The article's source, else its URL's host (without www.), else 'article:' || its id."""
    return (f"coalesce(nullif(trim({a}.source), ''), "
            f"nullif(regexp_extract(lower({a}.url), '^[a-z][a-z0-9+.-]*://(?:www\\.)?([^/:?#]+)', 1), ''), "
            f"'article:' || {a}.article_id)")


_KEY_COLS = ("date", "date_start", "source_code", "source_country", "target_code", "target_country", "cameo",
             "quad_class", "goldstein")
GROUP_COLUMNS = ("dedup_id",) + _KEY_COLS + ("num_mentions", "num_articles", "num_sources", "is_root_event",
                                             "root_event_id", "root_key")


def mentions_for_groups(events: str, articles: str, where: str = "") -> str:
    """The mention columns that groups need. ``articles`` gives article_id, pub_date, coded_at,
    news_source."""
    return f"""
        SELECT e.dedup_id, e.event_id, e.article_id, e.sentence_index, e.date, {date_start_sql('e.date')} AS date_start,
               e.source_code, e.source_country, e.target_code, e.target_country, e.cameo, e.quad_class, e.goldstein,
               coalesce(e.background, false) AS background,
               coalesce(a.news_source, 'article:' || e.article_id) AS news_source,
               struct_pack(pub_key := coalesce(a.pub_date, '9999'), coded_at := a.coded_at,
                           article_id := e.article_id, sentence_index := e.sentence_index,
                           event_id := e.event_id) AS root_key
        FROM {events} e LEFT JOIN {articles} a ON a.article_id = e.article_id {where}"""


def grouped_sql(mentions: str, sources: Optional[str] = None) -> str:
    """One row per dedup_id of ``mentions`` (``mentions_for_groups``): GROUP_COLUMNS. With
    ``sources`` (a relation of dedup_id, n), num_sources is taken from there (0 if absent)."""
    num_sources = "count(DISTINCT news_source)" if sources is None else "0"
    root = ", ".join(f"{c} := {c}" for c in _KEY_COLS)
    inner = f"""
        SELECT dedup_id, count(*) AS num_mentions, count(DISTINCT article_id) AS num_articles,
               {num_sources} AS num_sources, max(CASE WHEN sentence_index = 0 AND NOT background THEN 1 ELSE 0 END) AS is_root_event,
               min(root_key) AS root_key, arg_min(struct_pack({root}), root_key) AS r
        FROM ({mentions}) GROUP BY dedup_id"""
    key = ", ".join(f"g.r.{c} AS {c}" for c in _KEY_COLS)
    ns = "g.num_sources" if sources is None else "coalesce(s.n, 0)"
    join = "" if sources is None else f" LEFT JOIN {sources} s ON s.dedup_id = g.dedup_id"
    return f"""
        SELECT g.dedup_id, {key}, g.num_mentions, g.num_articles, {ns} AS num_sources, g.is_root_event,
               g.root_key.event_id AS root_event_id, g.root_key
        FROM ({inner}) g{join}"""


def batch_articles_sql(rel: str) -> str:
    return f"(SELECT article_id, pub_date, coded_at, {news_source_sql('b')} AS news_source FROM {rel} b)"


STORED_ARTICLES = "(SELECT article_id, pub_date, coded_at, news_source FROM articles)"


def add_batch(con, events_rel: str, articles_rel: str) -> None:
    """Add the mentions of a batch of new articles (relations ``events_rel``, and the batch's
    articles as in ``batch_articles_sql``) to the groups: one upsert, index probes only."""
    m = mentions_for_groups(events_rel, articles_rel)
    new_pairs = con.execute(f"INSERT INTO event_group_sources SELECT DISTINCT dedup_id, news_source FROM ({m}) "
                            "ON CONFLICT DO NOTHING RETURNING dedup_id").fetchall()
    counts = Counter(r[0] for r in new_pairs)
    con.register("_new_sources", pa.table({"dedup_id": pa.array(list(counts), pa.string()),
                                           "n": pa.array(list(counts.values()), pa.int64())}))
    try:
        cols = ", ".join(GROUP_COLUMNS)
        older = "EXCLUDED.root_key < event_groups.root_key"
        con.execute(f"""
            INSERT INTO event_groups ({cols}) SELECT {cols} FROM ({grouped_sql(m, '_new_sources')})
            ON CONFLICT (dedup_id) DO UPDATE SET
                num_mentions = event_groups.num_mentions + EXCLUDED.num_mentions,
                num_articles = event_groups.num_articles + EXCLUDED.num_articles,
                num_sources = event_groups.num_sources + EXCLUDED.num_sources,
                is_root_event = greatest(event_groups.is_root_event, EXCLUDED.is_root_event),
                root_event_id = CASE WHEN {older} THEN EXCLUDED.root_event_id ELSE event_groups.root_event_id END,
                source_country = CASE WHEN {older} THEN EXCLUDED.source_country ELSE event_groups.source_country END,
                target_country = CASE WHEN {older} THEN EXCLUDED.target_country ELSE event_groups.target_country END,
                root_key = least(event_groups.root_key, EXCLUDED.root_key)""")
    finally:
        con.unregister("_new_sources")


def rebuild(con, dedup_ids: Optional[Iterable[str]] = None) -> None:
    """Recompute the groups of ``dedup_ids`` (all when None) from the stored mentions."""
    cols = ", ".join(GROUP_COLUMNS)
    if dedup_ids is None:
        con.execute("DELETE FROM event_group_sources")
        con.execute("DELETE FROM event_groups")
        where = ""
    else:
        ids = sorted(set(dedup_ids))
        if not ids:
            return
        con.register("_gids", pa.table({"dedup_id": pa.array(ids, pa.string())}))
        con.execute("DELETE FROM event_group_sources WHERE dedup_id IN (SELECT dedup_id FROM _gids)")
        con.execute("DELETE FROM event_groups WHERE dedup_id IN (SELECT dedup_id FROM _gids)")
        where = "WHERE e.dedup_id IN (SELECT dedup_id FROM _gids)"
    try:
        m = mentions_for_groups("events", STORED_ARTICLES, where)
        con.execute(f"INSERT INTO event_group_sources SELECT DISTINCT dedup_id, news_source FROM ({m})")
        con.execute(f"INSERT INTO event_groups ({cols}) SELECT {cols} FROM ({grouped_sql(m)})")
    finally:
        if dedup_ids is not None:
            con.unregister("_gids")


_ACTOR_MENTIONS = """
    SELECT source_actor_id AS actor_id FROM events WHERE source_actor_id IS NOT NULL {and_}
    UNION ALL
    SELECT target_actor_id FROM events WHERE target_actor_id IS NOT NULL
      AND target_actor_id IS DISTINCT FROM source_actor_id {and_}"""


def actor_counts_sql(where: str = "") -> str:
    """(actor_id, events): mentions naming each actor as source or target (once per mention)."""
    and_ = f"AND {where}" if where else ""
    return f"SELECT actor_id, count(*) AS events FROM ({_ACTOR_MENTIONS.format(and_=and_)}) GROUP BY actor_id"


def rebuild_actor_counts(con, actor_ids: Optional[Iterable[str]] = None) -> None:
    """Recount ``actors.events`` for ``actor_ids`` (all when None) from the stored mentions."""
    if actor_ids is None:
        con.execute("UPDATE actors SET events = 0")
        con.execute(f"UPDATE actors SET events = n.events FROM ({actor_counts_sql()}) n "
                    "WHERE actors.actor_id = n.actor_id")
        return
    ids = sorted(set(actor_ids))
    if not ids:
        return
    con.register("_aids", pa.table({"actor_id": pa.array(ids, pa.string())}))
    try:
        con.execute("UPDATE actors SET events = 0 WHERE actor_id IN (SELECT actor_id FROM _aids)")
        cond = "actor_id IN (SELECT actor_id FROM _aids)"
        con.execute(f"UPDATE actors SET events = n.events FROM ({actor_counts_sql()}) n "
                    f"WHERE actors.actor_id = n.actor_id AND n.{cond}")
    finally:
        con.unregister("_aids")


def batch_actor_counts(event_rows: list[dict[str, Any]]) -> Counter:
    """Mentions naming each actor in a batch (the target once more only when it is another actor)."""
    n: Counter = Counter()
    for r in event_rows:
        s, t = r.get("source_actor_id"), r.get("target_actor_id")
        if s:
            n[s] += 1
        if t and t != s:
            n[t] += 1
    return n


def migrate_v5(con) -> None:
    """Fill what version 5 adds for the rows stored before it (inside the migration's transaction)."""
    con.execute(f"UPDATE events SET date_start = {date_start_sql('date')}")
    con.execute(f"UPDATE articles SET news_source = {news_source_sql('articles')}")
    rebuild(con)
    rebuild_actor_counts(con)


def computed_views(con, temp: bool = True, db: Optional[str] = None) -> None:
    """Views that compute what the writer keeps (for a database that cannot be written): the
    groups, the sources, and actors with their counts, over the events and articles in place.
    ``db``: the catalog of the stored tables (for temporary views over a read-only file)."""
    kind = "TEMP VIEW" if temp else "VIEW"
    q = (lambda t: f'"{db}".main.{t}') if db else (lambda t: t)
    arts = f"(SELECT article_id, pub_date, coded_at, {news_source_sql('x')} AS news_source FROM {q('articles')} x)"
    m = mentions_for_groups("events", arts)
    con.execute(f"CREATE OR REPLACE {kind} event_groups AS {grouped_sql(m)}")
    con.execute(f"CREATE OR REPLACE {kind} event_group_sources AS SELECT DISTINCT dedup_id, news_source FROM ({m})")
    if not temp:  # a store of views has no actor registry of its own (its actors table stays)
        return
    con.execute(f"""CREATE OR REPLACE {kind} actors AS
        SELECT a.actor_id, a.code, a.country, a.sector, a.name, a.kind, coalesce(n.events, 0) AS events
        FROM {q('actors')} a LEFT JOIN ({actor_counts_sql()}) n USING (actor_id)""")
