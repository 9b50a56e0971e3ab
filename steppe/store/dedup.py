"""Cross-article deduplication: mentions (rows of ``events``) grouped into events, as in GDELT.

The same event reported by several articles -- same date, dyad (source code, target code),
CAMEO code, and place where known (``steppe.store.keys``) -- is one event with
``num_mentions`` (mentions, counting repeats inside one article), ``num_articles`` (distinct
articles) and ``num_sources`` (distinct news sources: the article's ``source``, else its URL's
host, else the article itself). Each mention keeps its own evidence in ``events``.

Incremental: the store computes each mention's ``dedup_id`` once, when it writes it, and keeps
one row per event in ``event_groups`` (counts, first report) up to date for every batch
(``steppe.store.groups``); reads take a page of groups and fetch only its mentions. The id of an
event is stable: a hash of its key. The views ``event_mentions`` and ``events_dedup`` give the
same in SQL.
"""
from __future__ import annotations

from typing import Any, Iterator, Optional

from steppe.store.db import EVENT_COLUMNS, event_filters, row_to_event_dict
from steppe.store.keys import dedup_id, dedup_key

__all__ = ["dedup_id", "dedup_key", "query_dedup", "iter_dedup", "iter_mentions", "mentions", "dedup_id_of",
           "counts", "group_to_dict", "grouped_sql", "mentions_sql", "GROUP_ORDER"]

ARTICLE_COLUMNS = ["pub_date", "coded_at", "article_title", "article_url", "article_source", "news_source"]
GROUP_COLUMNS = ["num_mentions", "num_articles", "num_sources", "is_root_event", "mention_ids"]
_MENTION_ORDER = "coalesce(pub_date, '9999'), coded_at, article_id, sentence_index, event_id"
GROUP_ORDER = "g.date_start NULLS LAST, g.date NULLS LAST, g.dedup_id"
_ARTICLE_FIELDS = """a.pub_date AS pub_date, a.coded_at AS coded_at, a.title AS article_title,
       a.url AS article_url, a.source AS article_source,
       coalesce(a.news_source, 'article:' || e.article_id) AS news_source"""


def mentions_sql(where: str = "") -> str:
    """Every mention (the event columns, ``dedup_id`` and ``date_start`` among them) with its
    article's fields; ``where``: a condition on the mention (alias ``e``)."""
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    tail = f" WHERE {where}" if where else ""
    return (f"SELECT {cols}, e.date_start, {_ARTICLE_FIELDS} "
            f"FROM events e LEFT JOIN articles a ON a.article_id = e.article_id{tail}")


def grouped_sql(where: list[str]) -> str:
    """One row per event: the first report's mention and the counts, restricted to the events
    with at least one mention matching ``where`` (conditions on event columns), in GROUP_ORDER.
    For bulk reads (exports); pages use ``query_dedup``."""
    hit = f"WHERE g.dedup_id IN (SELECT dedup_id FROM events WHERE {' AND '.join(where)})" if where else ""
    return f"""
SELECT g.num_mentions, g.num_articles, g.num_sources, g.is_root_event, r.*
FROM event_groups g JOIN ({mentions_sql()}) r ON r.event_id = g.root_event_id
{hit}
ORDER BY {GROUP_ORDER}"""


def _in(values: list[Any]) -> str:
    return ", ".join("?" for _ in values)


def _page(store, where: list[str], params: list[Any], limit: Optional[int], offset: int) -> list[dict[str, Any]]:
    """A page of event_groups rows (restricted as in ``grouped_sql``), in GROUP_ORDER."""
    hit = f"WHERE g.dedup_id IN (SELECT dedup_id FROM events WHERE {' AND '.join(where)})" if where else ""
    sql = (f"SELECT g.dedup_id, g.date_start, g.num_mentions, g.num_articles, g.num_sources, g.is_root_event, "
           f"g.root_event_id FROM event_groups g {hit} ORDER BY {GROUP_ORDER}")
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = params + [int(limit), int(offset)]
    return store.query(sql, params)


def _mention_rows(store, event_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Mentions by id with their article's fields: point lookups by primary key, no join scan."""
    if not event_ids:
        return {}
    cols = ", ".join(EVENT_COLUMNS)
    rows = store.query(f"SELECT {cols}, date_start FROM events WHERE event_id IN ({_in(event_ids)})", event_ids)
    art_ids = sorted({r["article_id"] for r in rows})
    arts = {a["article_id"]: a for a in store.query(
        "SELECT article_id, pub_date, coded_at, title AS article_title, url AS article_url, "
        "source AS article_source, coalesce(news_source, 'article:' || article_id) AS news_source "
        f"FROM articles WHERE article_id IN ({_in(art_ids)})", art_ids)} if art_ids else {}
    out = {}
    for r in rows:
        a = arts.get(r["article_id"], {})
        for c in ARTICLE_COLUMNS:
            r[c] = a.get(c)
        if r["news_source"] is None:
            r["news_source"] = "article:" + r["article_id"]
        out[r["event_id"]] = r
    return out


def _mention_ids(store, page: list[dict[str, Any]]) -> dict[str, list[str]]:
    """``mention_ids`` (first report first) of the groups of a page. A group's mentions share its
    date, so the lookup is bounded by the page's dates (the scan skips the rest)."""
    out = {g["dedup_id"]: [g["root_event_id"]] for g in page if g["num_mentions"] == 1}
    many = [g for g in page if g["num_mentions"] > 1]
    if not many:
        return out
    ids = [g["dedup_id"] for g in many]
    dates = [g["date_start"] for g in many if g["date_start"] is not None]
    cond = f"dedup_id IN ({_in(ids)})"
    params: list[Any] = list(ids)
    if len(dates) == len(many):
        cond += " AND date_start BETWEEN ? AND ?"
        params += [min(dates), max(dates)]
    rows = store.query(f"SELECT dedup_id, event_id, article_id, sentence_index FROM events WHERE {cond}", params)
    art_ids = sorted({r["article_id"] for r in rows})
    keys = {a["article_id"]: a for a in store.query(
        f"SELECT article_id, pub_date, coded_at FROM articles WHERE article_id IN ({_in(art_ids)})", art_ids)
    } if art_ids else {}

    def order(r):
        a = keys.get(r["article_id"], {})
        return (a.get("pub_date") or "9999", a.get("coded_at") is None, a.get("coded_at") or 0, r["article_id"],
                r["sentence_index"], r["event_id"])

    for r in sorted(rows, key=order):
        out.setdefault(r["dedup_id"], []).append(r["event_id"])
    return out


def query_dedup(store, actor: Optional[str] = None, dyad: Optional[tuple[str, str]] = None,
                code: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
                place: Optional[str] = None, article_id: Optional[str] = None,
                limit: Optional[int] = None, offset: int = 0, plover: Optional[str] = None,
                quad: Optional[int] = None) -> list[dict[str, Any]]:
    """Deduplicated events as flat rows (the first report's mention, the counts and
    ``mention_ids``), with the filters of ``Store.query_events``: an event is returned when at
    least one of its mentions matches. Every value is a bound parameter."""
    where, params = event_filters(actor, dyad, code, since, until, place, article_id, plover, quad)
    page = _page(store, where, params, limit, offset)
    roots = _mention_rows(store, [g["root_event_id"] for g in page])
    ids = _mention_ids(store, page)
    out = []
    for g in page:
        r = roots.get(g["root_event_id"])
        if r is None:
            continue
        out.append({"num_mentions": g["num_mentions"], "num_articles": g["num_articles"],
                    "num_sources": g["num_sources"], "is_root_event": g["is_root_event"], **r,
                    "mention_ids": ids.get(g["dedup_id"], [])})
    return out


def iter_dedup(store, batch: int = 10_000) -> Iterator[dict[str, Any]]:
    """Every deduplicated event (without ``mention_ids``), streamed in batches."""
    yield from _stream(store, grouped_sql([]), [], batch)


def iter_mentions(store, batch: int = 10_000) -> Iterator[dict[str, Any]]:
    """Every mention (event row) with its article's fields and its ``dedup_id``, streamed."""
    from steppe.store.db import EVENT_ORDER

    yield from _stream(store, f"SELECT * FROM ({mentions_sql()}) ORDER BY {EVENT_ORDER}", [], batch)


def _stream(store, sql: str, params: list[Any], batch: int) -> Iterator[dict[str, Any]]:
    cur = store.cursor().con
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
    return store.query(f"SELECT * FROM ({mentions_sql('e.dedup_id = ?')}) ORDER BY {_MENTION_ORDER}", [dedup_id_])


def dedup_id_of(store, event_id: str) -> Optional[str]:
    """The dedup_id of the event a mention belongs to (None if the mention is unknown)."""
    rows = store.query("SELECT dedup_id FROM events WHERE event_id = ?", [event_id])
    return rows[0]["dedup_id"] if rows else None


def counts(store) -> dict[str, int]:
    """Mentions and deduplicated events in the store."""
    m = store.query("SELECT count(*) AS n FROM events")[0]["n"]
    e = store.query("SELECT count(*) AS n FROM event_groups")[0]["n"]
    return {"mentions": int(m), "events": int(e)}


def group_to_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A grouped row -> the event schema object of its first report plus the dedup fields."""
    out = row_to_event_dict(row)
    out["dedup_id"] = row["dedup_id"]
    out["num_mentions"] = int(row["num_mentions"])
    out["num_articles"] = int(row["num_articles"])
    out["num_sources"] = int(row["num_sources"])
    out["mention_ids"] = list(row.get("mention_ids") or [])
    return out
