"""Read queries behind the HTTP API and the dashboard: actors, dyads, timelines, articles.

Each function takes a ``Store`` (or a ``Store.cursor()`` for use from a server thread), binds
every value as a parameter, and returns plain dicts and lists ready for JSON.
"""
from __future__ import annotations

from typing import Any, Optional

from steppe.store.db import event_filters, row_to_event_dict

INTERVALS = ("day", "week", "month")

# Buckets of each interval (fixed SQL chosen by name, never built from input). Only dates with a
# year count: days and weeks need a day-precision date; months also take month-precision dates.
_BUCKET_SQL = {
    "day": "CASE WHEN length(date) = 10 THEN strftime(date_start, '%Y-%m-%d') END",
    "week": "CASE WHEN length(date) = 10 THEN strftime(date_trunc('week', date_start), '%Y-%m-%d') END",
    "month": "CASE WHEN length(date) IN (7, 10) THEN strftime(date_start, '%Y-%m') END",
}
_GROUP_COLS = "date, date_start, source_code, source_country, target_code, target_country, cameo, quad_class, goldstein"


def _source(dedup: bool, where: list[str]) -> str:
    """The rows to aggregate: mentions (``events``) or deduplicated events (``event_groups``,
    which carry the key columns of their first report), filtered: an event counts when at least
    one of its mentions matches."""
    if dedup:
        hit = f" WHERE dedup_id IN (SELECT dedup_id FROM events WHERE {' AND '.join(where)})" if where else ""
        return f"(SELECT {_GROUP_COLS} FROM event_groups{hit})"
    return f"(SELECT {_GROUP_COLS} FROM events" + (f" WHERE {' AND '.join(where)})" if where else ")")


def actors_page(store, q: Optional[str] = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """The actor registry with aliases and event counts (most events first); ``q`` matches the
    start of a code or any part of a name or alias, case-insensitively."""
    where, params = "", []
    if q:
        where = ("WHERE starts_with(lower(a.code), lower(?)) OR contains(lower(coalesce(a.name, '')), lower(?)) "
                 "OR a.actor_id IN (SELECT actor_id FROM actor_aliases WHERE contains(lower(alias), lower(?)))")
        params = [q, q, q]
    sql = f"""
        WITH page AS (
            SELECT a.actor_id, a.code, a.country, a.sector, a.name, a.kind, coalesce(a.events, 0) AS events
            FROM actors a {where}
            ORDER BY events DESC, a.code, a.actor_id
            LIMIT ? OFFSET ?)
        SELECT p.actor_id, p.code, p.country, p.sector, p.name, p.kind,
               coalesce((SELECT list(alias ORDER BY alias) FROM actor_aliases y WHERE y.actor_id = p.actor_id), [])
                   AS aliases,
               p.events
        FROM page p ORDER BY p.events DESC, p.code, p.actor_id"""
    return store.query(sql, params + [int(limit), int(offset)])


def dyads(store, actor: Optional[str] = None, code: Optional[str] = None, since: Optional[str] = None,
          until: Optional[str] = None, dedup: bool = False, level: str = "code",
          limit: int = 100) -> list[dict[str, Any]]:
    """Source -> target pairs with their event counts (``dated``: those whose date has a year)
    and mean Goldstein, most events first. ``level="country"`` pairs the actors' countries
    (an actor with no country, such as an IGO, stands for itself by its code)."""
    if level not in ("code", "country"):
        raise ValueError("level must be code or country")
    if not (actor or code or since or until):
        # every pair: the counts the writer keeps (steppe.store.groups), not a scan of the events
        n, d, g = ("events", "events_dated", "events_goldstein") if dedup else \
            ("mentions", "mentions_dated", "mentions_goldstein")
        return store.query(f"""
            SELECT source, target, {n} AS events, {d} AS dated, round({g} / {n}, 3) AS goldstein_mean
            FROM dyad_counts WHERE level = ? AND {n} > 0
            ORDER BY events DESC, source, target
            LIMIT ?""", [level, int(limit)])
    return dyads_scan(store, actor, code, since, until, dedup, level, limit)


def dyads_scan(store, actor: Optional[str] = None, code: Optional[str] = None, since: Optional[str] = None,
               until: Optional[str] = None, dedup: bool = False, level: str = "code",
               limit: int = 100) -> list[dict[str, Any]]:
    """``dyads`` counted from the events (or event_groups) that match the filters."""
    where, params = event_filters(actor=actor, code=code, since=since, until=until)
    if level == "code":
        src, tgt = "source_code", "target_code"
    else:
        src, tgt = "coalesce(source_country, source_code)", "coalesce(target_country, target_code)"
    where = where + [f"{src} IS NOT NULL", f"{tgt} IS NOT NULL"]
    sql = f"""
        SELECT {src} AS source, {tgt} AS target, count(*) AS events,
               count(date_start) AS dated,
               round(avg(goldstein), 3) AS goldstein_mean
        FROM {_source(dedup, where)}
        GROUP BY 1, 2
        ORDER BY events DESC, source, target
        LIMIT ?"""
    return store.query(sql, params + [int(limit)])


def timeline(store, a: str, b: str, interval: str = "month", code: Optional[str] = None,
             since: Optional[str] = None, until: Optional[str] = None, dedup: bool = False,
             symmetric: bool = False) -> dict[str, Any]:
    """Events from ``a`` to ``b`` (codes or countries; both directions with ``symmetric``) per day,
    week (starting Monday) or month: count, mean Goldstein and the count of each QuadClass.
    Events whose date cannot be placed in a bucket are counted in ``undated``."""
    if interval not in _BUCKET_SQL:
        raise ValueError(f"interval must be one of {', '.join(INTERVALS)}")
    where, params = event_filters(code=code, since=since, until=until)
    pair = "((source_code = ? OR source_country = ?) AND (target_code = ? OR target_country = ?))"
    dyad_params = [a, a, b, b]
    if symmetric:
        pair = f"({pair} OR {pair})"
        dyad_params += [b, b, a, a]
    where = [pair] + where
    params = dyad_params + params
    bucket = _BUCKET_SQL[interval]
    sql = f"""
        WITH r AS (SELECT {bucket} AS period, goldstein, quad_class FROM {_source(dedup, where)})
        SELECT period, count(*) AS events, round(avg(goldstein), 3) AS goldstein_mean,
               count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4
        FROM r GROUP BY period ORDER BY period NULLS LAST"""
    rows = store.query(sql, params)
    buckets, undated = [], 0
    for r in rows:
        if r["period"] is None:
            undated = int(r["events"])
            continue
        buckets.append({"period": r["period"], "events": int(r["events"]), "goldstein_mean": r["goldstein_mean"],
                        "quad_class": {"1": int(r["q1"]), "2": int(r["q2"]), "3": int(r["q3"]), "4": int(r["q4"])}})
    return {"source": a, "target": b, "interval": interval, "symmetric": symmetric, "dedup": dedup,
            "buckets": buckets, "undated": undated}


def article(store, article_id: str) -> Optional[dict[str, Any]]:
    """An article's text and fields, its events, the evidence spans (one per sentence that gave
    events, with their ids) and its toponyms; None if there is no such article."""
    rows = store.query("SELECT article_id, title, pub_date, url, source, text, flags, coded_at, steppe_version "
                       "FROM articles WHERE article_id = ?", [article_id])
    if not rows:
        return None
    a = rows[0]
    events = [row_to_event_dict(r) for r in store.query_events(article_id=article_id)]
    spans: dict[tuple[int, int], dict[str, Any]] = {}
    for e in events:
        key = (e["evidence_start"], e["evidence_end"])
        span = spans.setdefault(key, {"start": key[0], "end": key[1], "sentence_index": e["sentence_index"],
                                      "event_ids": []})
        span["event_ids"].append(e["event_id"])
    places = store.query("SELECT start_char AS start, end_char AS \"end\", text, name, country, admin1, lat, lon, "
                         "feature, geonameid FROM places WHERE article_id = ? ORDER BY start_char", [article_id])
    return {
        "article_id": a["article_id"], "title": a["title"], "date": a["pub_date"], "url": a["url"],
        "source": a["source"], "flags": list(a["flags"] or []), "text": a["text"],
        "coded_at": a["coded_at"].isoformat() if a["coded_at"] else None, "steppe_version": a["steppe_version"],
        "events": events, "spans": sorted(spans.values(), key=lambda s: (s["start"], s["end"])),
        "places": places,
    }
