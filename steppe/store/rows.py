"""Records <-> rows: the one mapping between ``steppe.records`` and the store's tables, used by
the DuckDB store, the Parquet partitions of a Dask run and the JSON of the event schema alike.

The event columns are derived from ``Event``'s fields: scalars as they are, ``source`` and
``target`` flattened to ``source_<f>`` / ``target_<f>`` over ``Actor``'s fields (its ``kind`` is
kept in the actors table), ``location`` to ``loc_<f>`` over ``Place``'s fields, ``mentions`` as
JSON text, and ``dedup_id`` (``steppe.store.keys``), which the store adds, after ``fatal``. A
field added to a record is a column here with no second list to edit (and a migration).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any, Iterable, Optional, Sequence

from steppe import __version__
from steppe.records import Actor, Article, ArticleResult, Event, Mention, Place, PlaceMention, Sentence
from steppe.store.keys import event_dedup_id

ACTOR_FIELDS = tuple(f.name for f in dataclasses.fields(Actor) if f.name != "kind")
PLACE_FIELDS = tuple(f.name for f in dataclasses.fields(Place))
_FLATTENED = {"source": ("source_", ACTOR_FIELDS), "target": ("target_", ACTOR_FIELDS),
              "location": ("loc_", PLACE_FIELDS)}
_COMPUTED_AFTER = {"fatal": ("dedup_id",)}  # columns the store computes, and where they stand


def _event_columns() -> list[str]:
    cols: list[str] = []
    for f in dataclasses.fields(Event):
        if f.name in _FLATTENED:
            prefix, names = _FLATTENED[f.name]
            cols.extend(prefix + n for n in names)
        else:
            cols.append(f.name)
        cols.extend(_COMPUTED_AFTER.get(f.name, ()))
    return cols


EVENT_COLUMNS = _event_columns()
EVENT_SCALARS = tuple(f.name for f in dataclasses.fields(Event) if f.name not in _FLATTENED)
# the fields of the event schema's JSON object that are flat columns of their own (not nested)
_SCHEMA_SCALARS = tuple(n for n in EVENT_SCALARS if n != "mentions")

ARTICLE_COLUMNS = ["article_id", "content_hash", "title", "pub_date", "url", "source", "origin", "flags", "text",
                   "coded_at", "steppe_version", "settings_hash", "pub_date_precision"]
SENTENCE_COLUMNS = ["article_id", "sentence_index", "start_char", "end_char", "text"]
PLACE_COLUMNS = ["article_id", "start_char", "end_char", *PLACE_FIELDS]


# -- mentions ------------------------------------------------------------------------------------
def mentions_json(mentions: Sequence[Mention]) -> Optional[str]:
    """An event's mentions as the JSON text the ``mentions`` column holds."""
    return json.dumps([m.to_dict() for m in mentions], separators=(",", ":")) if mentions else None


def mentions_from_json(text: Optional[str]) -> tuple[Mention, ...]:
    return tuple(Mention(**m) for m in json.loads(text)) if text else ()


# -- records -> rows -----------------------------------------------------------------------------
def event_row(e: Event) -> dict[str, Any]:
    """An event as a row of the events table (``EVENT_COLUMNS``, ``date_start`` left to SQL)."""
    row: dict[str, Any] = {n: getattr(e, n) for n in EVENT_SCALARS}
    row["mentions"] = mentions_json(e.mentions)
    row["dedup_id"] = event_dedup_id(e)
    for name, (prefix, names) in _FLATTENED.items():
        value = getattr(e, name)
        for n in names:
            row[prefix + n] = getattr(value, n) if value is not None else None
    return row


def article_row(r: ArticleResult, coded_at: Optional[dt.datetime] = None) -> dict[str, Any]:
    a = r.article
    return {"article_id": a.id, "content_hash": r.content_hash, "title": a.title, "pub_date": a.date,
            "url": a.url, "source": a.source, "origin": a.origin, "flags": list(a.flags), "text": a.text,
            "coded_at": coded_at, "steppe_version": __version__, "settings_hash": r.settings_hash,
            "pub_date_precision": a.date_precision}


def sentence_row(s: Sentence) -> dict[str, Any]:
    return {"article_id": s.article_id, "sentence_index": s.index, "start_char": s.start, "end_char": s.end,
            "text": s.text}


def place_row(p: PlaceMention) -> dict[str, Any]:
    return {"article_id": p.article_id, "start_char": p.start, "end_char": p.end,
            **{f: getattr(p.place, f) for f in PLACE_FIELDS}}


def result_rows(results: Iterable[ArticleResult], coded_at: Optional[dt.datetime] = None,
                actor_kinds: bool = False) -> dict[str, list[dict[str, Any]]]:
    """Rows of the articles, sentences, events and places tables for ``results``; with
    ``actor_kinds``, events also carry ``source_kind`` / ``target_kind`` (what the actors table
    needs when the rows are turned back into records)."""
    out: dict[str, list[dict[str, Any]]] = {"articles": [], "sentences": [], "events": [], "places": []}
    for r in results:
        out["articles"].append(article_row(r, coded_at))
        out["sentences"].extend(sentence_row(s) for s in r.sentences)
        for e in r.events:
            row = event_row(e)
            if actor_kinds:
                row["source_kind"] = e.source.kind if e.source else None
                row["target_kind"] = e.target.kind if e.target else None
            out["events"].append(row)
        out["places"].extend(place_row(p) for p in r.places)
    return out


# -- rows -> records -----------------------------------------------------------------------------
def _actor(row: dict[str, Any], role: str) -> Optional[Actor]:
    if row.get(f"{role}_code") is None:
        return None
    return Actor(**{f: row[f"{role}_{f}"] for f in ACTOR_FIELDS}, kind=row.get(f"{role}_kind"))


def event_from_row(row: dict[str, Any]) -> Event:
    loc = Place(**{f: row[f"loc_{f}"] for f in PLACE_FIELDS}) if row.get("loc_name") is not None else None
    keep = {k: row[k] for k in EVENT_SCALARS if k in row}
    keep["mentions"] = mentions_from_json(keep.get("mentions"))
    return Event(**keep, source=_actor(row, "source"), target=_actor(row, "target"), location=loc)


def results_from_rows(articles: Iterable[dict], sentences: Iterable[dict], events: Iterable[dict],
                      places: Iterable[dict]) -> dict[str, ArticleResult]:
    """Rows of the four tables back as ``ArticleResult`` records, by article id."""
    results: dict[str, ArticleResult] = {}
    for a in articles:
        art = Article(id=a["article_id"], text=a["text"], title=a["title"], date=a["pub_date"], url=a["url"],
                      source=a["source"], origin=a["origin"], flags=tuple(a["flags"] or ()),
                      date_precision=a.get("pub_date_precision"))
        results[art.id] = ArticleResult(article=art, content_hash=a["content_hash"],
                                        settings_hash=a.get("settings_hash"))
    for s in sentences:
        results[s["article_id"]].sentences.append(
            Sentence(s["article_id"], s["sentence_index"], s["start_char"], s["end_char"], s["text"]))
    for e in events:
        results[e["article_id"]].events.append(event_from_row(e))
    for p in places:
        results[p["article_id"]].places.append(PlaceMention(
            p["article_id"], p["start_char"], p["end_char"], Place(**{f: p[f] for f in PLACE_FIELDS})))
    return results


def row_to_event_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A flat events row -> the nested JSON object of the event schema (``Event.to_dict``'s
    shape), with the counts of a deduplicated event when the row has them."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(Event):
        name = f.name
        if name in _FLATTENED:
            prefix, names = _FLATTENED[name]
            key = "loc_name" if name == "location" else f"{prefix}code"
            out[name] = {n: row[prefix + n] for n in names} if row.get(key) is not None else None
        elif name == "mentions":
            out[name] = [m.to_dict() for m in mentions_from_json(row.get("mentions"))]
        else:
            out[name] = row.get(name)
    for k in ("num_mentions", "num_articles", "num_sources"):
        if k in row:
            out[k] = row[k]
    return out


__all__ = ["ACTOR_FIELDS", "ARTICLE_COLUMNS", "EVENT_COLUMNS", "EVENT_SCALARS", "PLACE_COLUMNS", "PLACE_FIELDS",
           "SENTENCE_COLUMNS", "article_row", "event_from_row", "event_row", "mentions_from_json",
           "mentions_json", "place_row", "result_rows", "results_from_rows", "row_to_event_dict",
           "sentence_row"]
