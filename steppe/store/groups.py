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
- ``dyad_counts``: mentions and deduplicated events of each pair of actors (by code and by
  country), with how many are dated and their Goldstein sum: each batch adds its changes with
  one upsert (its mentions; the groups it created; for a group whose first report it replaced,
  the pair of the old first report is taken off and the new one's added).

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


def add_batch(con, events_rel: str, articles_rel: str, batch_articles: str = "_art") -> None:
    """Add the mentions of a batch of new articles (relations ``events_rel``, and the batch's
    articles as in ``batch_articles_sql``; ``batch_articles``: the batch's article rows) to the
    groups and the dyad counts: upserts, index probes only."""
    m = mentions_for_groups(events_rel, articles_rel)
    new_pairs = con.execute(f"INSERT INTO event_group_sources SELECT DISTINCT dedup_id, news_source FROM ({m}) "
                            "ON CONFLICT DO NOTHING RETURNING dedup_id").fetchall()
    counts = Counter(r[0] for r in new_pairs)
    con.register("_new_sources", pa.table({"dedup_id": pa.array(list(counts), pa.string()),
                                           "n": pa.array(list(counts.values()), pa.int64())}))
    try:
        cols = ", ".join(GROUP_COLUMNS)
        older = "EXCLUDED.root_key < event_groups.root_key"
        after = con.sql(f"""
            INSERT INTO event_groups ({cols}) SELECT {cols} FROM ({grouped_sql(m, '_new_sources')})
            ON CONFLICT (dedup_id) DO UPDATE SET
                num_mentions = event_groups.num_mentions + EXCLUDED.num_mentions,
                num_articles = event_groups.num_articles + EXCLUDED.num_articles,
                num_sources = event_groups.num_sources + EXCLUDED.num_sources,
                is_root_event = greatest(event_groups.is_root_event, EXCLUDED.is_root_event),
                root_event_id = CASE WHEN {older} THEN EXCLUDED.root_event_id ELSE event_groups.root_event_id END,
                source_country = CASE WHEN {older} THEN EXCLUDED.source_country ELSE event_groups.source_country END,
                target_country = CASE WHEN {older} THEN EXCLUDED.target_country ELSE event_groups.target_country END,
                root_key = least(event_groups.root_key, EXCLUDED.root_key)
            RETURNING dedup_id, num_mentions, root_event_id, {', '.join(DYAD_KEY)}""").to_arrow_table()
    finally:
        con.unregister("_new_sources")
    _add_batch_dyads(con, events_rel, articles_rel, batch_articles, after)


def _add_batch_dyads(con, events_rel: str, articles_rel: str, batch_articles: str, after: pa.Table) -> None:
    """The dyad counts of a batch of new articles: its mentions; each group it created; each
    group whose first report it replaced (only the countries change: the upsert keeps the other
    key columns), less the pair of the old first report (the earliest of the stored mentions)."""
    con.register("_after", after)
    try:
        touched = f"""
            SELECT a.*, a.num_mentions = n.n AS is_new FROM _after a
            JOIN (SELECT dedup_id, count(*) AS n FROM {events_rel} GROUP BY dedup_id) n USING (dedup_id)
            WHERE a.num_mentions = n.n OR a.root_event_id IN (SELECT event_id FROM {events_rel})"""
        changed = con.sql(f"SELECT dedup_id FROM ({touched}) WHERE NOT is_new").to_arrow_table()
        parts = [dyad_changes(f"(SELECT *, {date_start_sql('date')} AS date_start FROM {events_rel})", 1, 0),
                 dyad_changes(f"({touched})", 0, 1)]
        if changed.num_rows:
            con.register("_root_changed", changed)
            stored = mentions_for_groups(
                "events", STORED_ARTICLES,
                "WHERE e.dedup_id IN (SELECT dedup_id FROM _root_changed) "
                f"AND e.article_id NOT IN (SELECT article_id FROM {batch_articles})")
            old = f"""
                SELECT a.date_start, a.source_code, a.target_code, o.source_country, o.target_country, a.goldstein
                FROM _after a JOIN (SELECT dedup_id, arg_min(source_country, root_key) AS source_country,
                                           arg_min(target_country, root_key) AS target_country
                                    FROM ({stored}) GROUP BY dedup_id) o USING (dedup_id)"""
            parts.append(dyad_changes(f"({old})", 0, -1))
        apply_dyad_changes(con, parts)
    finally:
        con.unregister("_after")
        try:
            con.unregister("_root_changed")
        except Exception:  # not registered (no group changed its first report)
            pass


# -- dyad counts -------------------------------------------------------------------------------

DYAD_KEY = ("date_start", "source_code", "target_code", "source_country", "target_country", "goldstein")


def dyad_changes(rel: str, mentions: int, events: int) -> str:
    """Rows of ``rel`` (with the DYAD_KEY columns) as changes: ``mentions`` and ``events`` are
    what each row adds to the counts (1, -1 or 0)."""
    return (f"SELECT CAST(date_start AS DATE) AS date_start, source_code, target_code, source_country, "
            f"target_country, CAST(goldstein AS DOUBLE) AS goldstein, {int(mentions)} AS m, {int(events)} AS e "
            f"FROM {rel} x")


def dyad_counts_sql(parts: list[str]) -> str:
    """The rows of dyad_counts summed over changes (``dyad_changes``): pairs by code and by
    country (an actor without a country stands for itself by its code), both actors known."""
    changes = " UNION ALL ".join(f"({p})" for p in parts)
    levels = [("code", "source_code", "target_code"),
              ("country", "coalesce(source_country, source_code)", "coalesce(target_country, target_code)")]
    both = " UNION ALL ".join(f"SELECT '{lv}' AS level, {s} AS source, {t} AS target, date_start, goldstein, m, e "
                              f"FROM c" for lv, s, t in levels)
    dated = "CASE WHEN date_start IS NOT NULL THEN {x} ELSE 0 END"
    return f"""
        WITH c AS ({changes})
        SELECT level, source, target,
               CAST(sum(m) AS BIGINT) AS mentions, CAST(sum({dated.format(x='m')}) AS BIGINT) AS mentions_dated,
               coalesce(sum(goldstein * m), 0) AS mentions_goldstein,
               CAST(sum(e) AS BIGINT) AS events, CAST(sum({dated.format(x='e')}) AS BIGINT) AS events_dated,
               coalesce(sum(goldstein * e), 0) AS events_goldstein
        FROM ({both}) WHERE source IS NOT NULL AND target IS NOT NULL AND (m <> 0 OR e <> 0)
        GROUP BY level, source, target"""


DYAD_COUNT_COLUMNS = ("mentions", "mentions_dated", "mentions_goldstein", "events", "events_dated",
                      "events_goldstein")


def apply_dyad_changes(con, parts: list[str]) -> None:
    """Add changes (``dyad_changes``) to dyad_counts: one upsert."""
    sets = ", ".join(f"{c} = dyad_counts.{c} + EXCLUDED.{c}" for c in DYAD_COUNT_COLUMNS)
    con.execute(f"INSERT INTO dyad_counts {dyad_counts_sql(parts)} ON CONFLICT (level, source, target) "
                f"DO UPDATE SET {sets}")


def snapshot_dyads(con, events_where: str, group_ids: str) -> list[pa.Table]:
    """What the stored mentions (``events_where``, a condition on events) and groups (dedup_id
    IN the relation ``group_ids``) count now, as Arrow tables of changes taking it off."""
    return [con.sql(dyad_changes(f"(SELECT * FROM events WHERE {events_where})", -1, 0)).to_arrow_table(),
            con.sql(dyad_changes(f"(SELECT * FROM event_groups WHERE dedup_id IN (SELECT dedup_id FROM {group_ids}))",
                                     0, -1)).to_arrow_table()]


def rebuild_dyads(con) -> None:
    """Count dyad_counts again from the stored mentions and groups."""
    con.execute("DELETE FROM dyad_counts")
    con.execute(f"INSERT INTO dyad_counts {dyad_counts_sql(ALL_DYAD_CHANGES)}")


ALL_DYAD_CHANGES = [dyad_changes("events", 1, 0), dyad_changes("event_groups", 0, 1)]


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


def dyad_view(con, temp: bool = True) -> None:
    """dyad_counts as a view counting the events and event_groups in place."""
    kind = "TEMP VIEW" if temp else "VIEW"
    con.execute(f"CREATE OR REPLACE {kind} dyad_counts AS {dyad_counts_sql(ALL_DYAD_CHANGES)}")


def migrate_v6(con) -> None:
    """Count the dyads of the rows stored before version 6."""
    rebuild_dyads(con)


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
    dyad_view(con, temp)
    if not temp:  # a store of views has no actor registry of its own (its actors table stays)
        return
    con.execute(f"""CREATE OR REPLACE {kind} actors AS
        SELECT a.actor_id, a.code, a.country, a.sector, a.name, a.kind, coalesce(n.events, 0) AS events
        FROM {q('actors')} a LEFT JOIN ({actor_counts_sql()}) n USING (actor_id)""")
