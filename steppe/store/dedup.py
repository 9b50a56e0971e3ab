"""Cross-article deduplication: mentions (rows of ``events``) grouped into events, as in GDELT.

The same event reported by several articles -- same date, dyad (source code, target code),
CAMEO code, and place where known (``steppe.store.keys``) -- is one event with
``num_mentions`` (mentions, counting repeats inside one article), ``num_articles`` (distinct
articles) and ``num_sources`` (distinct news sources: the article's ``source``, else its URL's
host, else the article itself). Each mention keeps its own evidence in ``events``.

Incremental: the store computes each mention's ``dedup_id`` once, when it writes it; the groups
are counted at query time over that column (the migration ``002_dedup.sql`` defines the same as
the views ``event_mentions`` and ``events_dedup``), so they are consistent after every write
and nothing is rebuilt when articles arrive. The id of an event is stable: a hash of its key.
"""
from __future__ import annotations

from typing import Any, Iterator, Optional

from steppe.store.db import EVENT_COLUMNS, event_filters, row_to_event_dict
from steppe.store.keys import dedup_id, dedup_key

__all__ = ["dedup_id", "dedup_key", "query_dedup", "iter_dedup", "iter_mentions", "mentions", "dedup_id_of",
           "counts", "group_to_dict", "grouped_sql", "mentions_sql"]

_ARTICLE_FIELDS = """a.pub_date AS pub_date, a.coded_at AS coded_at, a.title AS article_title,
       a.url AS article_url, a.source AS article_source,
       coalesce(nullif(trim(a.source), ''),
                nullif(regexp_extract(lower(a.url), '^[a-z][a-z0-9+.-]*://(?:www\\.)?([^/:?#]+)', 1), ''),
                'article:' || e.article_id) AS news_source"""

ARTICLE_COLUMNS = ["pub_date", "coded_at", "article_title", "article_url", "article_source", "news_source"]
GROUP_COLUMNS = ["num_mentions", "num_articles", "num_sources", "is_root_event", "mention_ids"]
_FIRST_REPORT = "(coalesce(pub_date, '9999'), coded_at, article_id, sentence_index, event_id)"
_MENTION_ORDER = "coalesce(pub_date, '9999'), coded_at, article_id, sentence_index, event_id"


def mentions_sql() -> str:
    """Every mention (the event columns, ``dedup_id`` among them) with its article's fields."""
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    return f"SELECT {cols}, {_ARTICLE_FIELDS} FROM events e LEFT JOIN articles a ON a.article_id = e.article_id"


def grouped_sql(where: list[str]) -> str:
    """One row per event: the first report's mention and the counts, restricted to the events
    with at least one mention matching ``where`` (conditions on event columns)."""
    hit = f"WHERE dedup_id IN (SELECT dedup_id FROM m WHERE {' AND '.join(where)})" if where else ""
    cols = ", ".join(f"r.{c}" for c in EVENT_COLUMNS + ARTICLE_COLUMNS)
    return f"""
WITH m AS ({mentions_sql()}),
g AS (
    SELECT dedup_id AS group_id,
           count(*) AS num_mentions,
           count(DISTINCT article_id) AS num_articles,
           count(DISTINCT news_source) AS num_sources,
           max(CASE WHEN sentence_index = 0 THEN 1 ELSE 0 END) AS is_root_event,
           arg_min(event_id, {_FIRST_REPORT}) AS root_event_id
    FROM m {hit}
    GROUP BY dedup_id
)
SELECT g.num_mentions, g.num_articles, g.num_sources, g.is_root_event, {cols}
FROM g JOIN m r ON r.event_id = g.root_event_id
ORDER BY r.date NULLS LAST, r.dedup_id"""


def _with_mention_ids(store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add ``mention_ids`` (first report first) to a page of grouped rows."""
    if not rows:
        return rows
    ids = [r["dedup_id"] for r in rows]
    marks = ", ".join("?" for _ in ids)
    found = store.query(f"SELECT dedup_id, list(event_id ORDER BY {_MENTION_ORDER}) AS ids "
                        f"FROM ({mentions_sql()}) WHERE dedup_id IN ({marks}) GROUP BY dedup_id", ids)
    by_id = {f["dedup_id"]: list(f["ids"]) for f in found}
    for r in rows:
        r["mention_ids"] = by_id.get(r["dedup_id"], [])
    return rows


def query_dedup(store, actor: Optional[str] = None, dyad: Optional[tuple[str, str]] = None,
                code: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
                place: Optional[str] = None, article_id: Optional[str] = None,
                limit: Optional[int] = None, offset: int = 0) -> list[dict[str, Any]]:
    """Deduplicated events as flat rows (the first report's mention, the counts and
    ``mention_ids``), with the filters of ``Store.query_events``: an event is returned when at
    least one of its mentions matches. Every value is a bound parameter."""
    where, params = event_filters(actor, dyad, code, since, until, place, article_id)
    sql = grouped_sql(where)
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    return _with_mention_ids(store, store.query(sql, params))


def iter_dedup(store, batch: int = 10_000) -> Iterator[dict[str, Any]]:
    """Every deduplicated event (without ``mention_ids``), streamed in batches (for exports)."""
    yield from _stream(store, grouped_sql([]), [], batch)


def iter_mentions(store, batch: int = 10_000) -> Iterator[dict[str, Any]]:
    """Every mention (event row) with its article's fields and its ``dedup_id``, streamed."""
    sql = f"SELECT * FROM ({mentions_sql()}) ORDER BY date NULLS LAST, article_id, sentence_index, event_id"
    yield from _stream(store, sql, [], batch)


def _stream(store, sql: str, params: list[Any], batch: int) -> Iterator[dict[str, Any]]:
    cur = store.con.cursor()
    try:
        res = cur.execute(sql, params)
        names = [d[0] for d in res.description]
        while True:
            rows = res.fetchmany(batch)
            if not rows:
                return
            for r in rows:
                yield dict(zip(names, r))
    finally:
        cur.close()


def mentions(store, dedup_id_: str) -> list[dict[str, Any]]:
    """The mentions of one deduplicated event, first reported first (empty if unknown)."""
    return store.query(f"SELECT * FROM ({mentions_sql()}) WHERE dedup_id = ? ORDER BY {_MENTION_ORDER}",
                       [dedup_id_])


def dedup_id_of(store, event_id: str) -> Optional[str]:
    """The dedup_id of the event a mention belongs to (None if the mention is unknown)."""
    rows = store.query(f"SELECT dedup_id FROM ({mentions_sql()}) WHERE event_id = ?", [event_id])
    return rows[0]["dedup_id"] if rows else None


def counts(store) -> dict[str, int]:
    """Mentions and deduplicated events in the store."""
    row = store.query(f"SELECT count(*) AS mentions, count(DISTINCT dedup_id) AS events FROM ({mentions_sql()})")[0]
    return {"mentions": int(row["mentions"]), "events": int(row["events"])}


def group_to_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A grouped row -> the event schema object of its first report plus the dedup fields."""
    out = row_to_event_dict(row)
    out["dedup_id"] = row["dedup_id"]
    out["num_mentions"] = int(row["num_mentions"])
    out["num_articles"] = int(row["num_articles"])
    out["num_sources"] = int(row["num_sources"])
    out["mention_ids"] = list(row.get("mention_ids") or [])
    return out
