"""The DuckDB store: the only code that writes the database.

Schema by versioned migrations (``steppe/store/migrations/NNN_name.sql``). Writes go in
batches, one transaction per batch, through Arrow tables. Re-coding an article with the same
id replaces its sentences, events and places.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

import duckdb
import pyarrow as pa

from steppe import __version__
from steppe.errors import StoreError
from steppe.records import ArticleResult, Event, Mention, Skipped
from steppe.store.keys import event_dedup_id

EVENT_COLUMNS = [
    "event_id", "article_id", "sentence_index", "evidence", "evidence_start", "evidence_end",
    "date", "date_precision", "date_source",
    "source_text", "source_code", "source_country", "source_sector", "source_actor_id", "source_name",
    "target_text", "target_code", "target_country", "target_sector", "target_actor_id", "target_name",
    "cameo", "cameo_root", "quad_class", "goldstein", "plover_type", "plover_mode",
    "loc_text", "loc_name", "loc_country", "loc_admin1", "loc_lat", "loc_lon", "loc_feature",
    "loc_geonameid", "confidence", "trigger", "explanation", "fatal", "dedup_id", "background", "mentions",
    "main_clause",
]
_ACTOR_FIELDS = ("text", "code", "country", "sector", "actor_id", "name")
_PLACE_FIELDS = ("text", "name", "country", "admin1", "lat", "lon", "feature", "geonameid")


def migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("steppe") / "store" / "migrations"
    out = []
    for entry in folder.iterdir():
        m = re.match(r"(\d+)_.*\.sql$", entry.name)
        if m:
            out.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(out)


def mentions_json(mentions: Sequence[Mention]) -> Optional[str]:
    """An event's mentions as the JSON text the ``mentions`` column holds."""
    return json.dumps([m.to_dict() for m in mentions], separators=(",", ":")) if mentions else None


def mentions_from_json(text: Optional[str]) -> tuple[Mention, ...]:
    return tuple(Mention(**m) for m in json.loads(text)) if text else ()


def event_row(e: Event) -> dict[str, Any]:
    row: dict[str, Any] = {
        "event_id": e.event_id, "article_id": e.article_id, "sentence_index": e.sentence_index,
        "evidence": e.evidence, "evidence_start": e.evidence_start, "evidence_end": e.evidence_end,
        "date": e.date, "date_precision": e.date_precision, "date_source": e.date_source,
        "cameo": e.cameo, "cameo_root": e.cameo_root, "quad_class": e.quad_class,
        "goldstein": e.goldstein, "plover_type": e.plover_type, "plover_mode": e.plover_mode,
        "confidence": e.confidence, "trigger": e.trigger, "explanation": e.explanation,
        "fatal": e.fatal, "dedup_id": event_dedup_id(e),
        "background": e.background, "mentions": mentions_json(e.mentions), "main_clause": e.main_clause,
    }
    for role, actor in (("source", e.source), ("target", e.target)):
        for f in _ACTOR_FIELDS:
            row[f"{role}_{f}"] = getattr(actor, f) if actor else None
    for f in _PLACE_FIELDS:
        row[f"loc_{f}"] = getattr(e.location, f) if e.location else None
    return row


def row_to_event_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A flat events row -> the nested JSON object of the event schema."""
    out = {k: row[k] for k in ("event_id", "article_id", "sentence_index", "evidence", "evidence_start",
                               "evidence_end", "date", "date_precision", "date_source")}
    for role in ("source", "target"):
        out[role] = ({f: row[f"{role}_{f}"] for f in _ACTOR_FIELDS}
                     if row.get(f"{role}_code") is not None else None)
    for k in ("cameo", "cameo_root", "quad_class", "goldstein", "plover_type", "plover_mode"):
        out[k] = row[k]
    out["location"] = ({f: row[f"loc_{f}"] for f in _PLACE_FIELDS}
                       if row.get("loc_name") is not None else None)
    for k in ("confidence", "trigger", "explanation", "fatal", "background"):
        out[k] = row.get(k)
    out["mentions"] = [m.to_dict() for m in mentions_from_json(row.get("mentions"))]
    out["main_clause"] = row.get("main_clause")
    for k in ("num_mentions", "num_articles", "num_sources"):
        if k in row:
            out[k] = row[k]
    return out


class Store:
    """A DuckDB database of articles, sentences, actors, events, places and skipped inputs."""

    def __init__(self, path: str = ":memory:", read_only: bool = False) -> None:
        self.path = path
        if path != ":memory:":
            if read_only and not Path(path).is_file():
                raise StoreError(f"database {path} does not exist (run `steppe code ... --db {path}` first)")
            if not read_only:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {path}: {exc}") from None
        if not read_only:
            self.migrate()
        else:
            self._compat_views()

    def close(self) -> None:
        self.con.close()

    def cursor(self) -> "Store":
        """A Store on a new cursor of this connection (duckdb ``connection.cursor()``): the same
        database, committed writes visible, safe to use from another thread. For reads (the one
        writer stays this Store); close it when done."""
        view = object.__new__(Store)
        view.path = self.path
        view.con = self.con.cursor()
        return view

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema -------------------------------------------------------------------------------
    def _compat_views(self) -> None:
        """A read-only database made by an older steppe lacks later columns; a temporary view
        adds them as NULL so that queries work without writing to the file."""
        try:
            have = {r[0] for r in self.con.execute("DESCRIBE events").fetchall()}
        except duckdb.Error:
            return
        missing = [c for c in EVENT_COLUMNS if c not in have]
        if not missing:
            return
        db = self.con.execute("SELECT current_database()").fetchone()[0]
        extra = ", ".join(f"NULL AS {c}" for c in missing)
        self.con.execute(f'CREATE TEMP VIEW events AS SELECT *, {extra} FROM "{db}".main.events')

    def schema_version(self) -> int:
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                         "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
        row = self.con.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def migrate(self) -> int:
        current = self.schema_version()
        for version, name, sql in migrations():
            if version <= current:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                                 [version, name, dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)])
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise
            current = version
        return current

    # -- writes -------------------------------------------------------------------------------
    def stored_hash(self, article_id: str) -> Optional[str]:
        row = self.con.execute("SELECT content_hash FROM articles WHERE article_id = ?", [article_id]).fetchone()
        return row[0] if row else None

    def has_articles(self) -> bool:
        return bool(self.con.execute("SELECT 1 FROM articles LIMIT 1").fetchall())

    def stored_hashes(self, article_ids: Sequence[str]) -> dict[str, str]:
        """``{article_id: content_hash}`` of those of ``article_ids`` that are stored: one query
        per 512 ids (a point query per id costs ~7x more)."""
        out: dict[str, str] = {}
        ids = list(dict.fromkeys(article_ids))
        for i in range(0, len(ids), 512):
            part = ids[i:i + 512]
            marks = ", ".join("?" * len(part))
            out.update(self.con.execute(
                f"SELECT article_id, content_hash FROM articles WHERE article_id IN ({marks})", part).fetchall())
        return out

    def write(self, results: Sequence[ArticleResult], skipped: Sequence[Skipped] = ()) -> None:
        """Store a batch in one transaction; articles already stored under the same id are replaced."""
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        ids = [r.article.id for r in results]
        articles, sentences, events, places, actors, aliases = [], [], [], [], {}, set()
        for r in results:
            a = r.article
            articles.append({"article_id": a.id, "content_hash": r.content_hash, "title": a.title,
                             "pub_date": a.date, "url": a.url, "source": a.source, "origin": a.origin,
                             "flags": list(a.flags), "text": a.text, "coded_at": now,
                             "steppe_version": __version__})
            sentences.extend({"article_id": s.article_id, "sentence_index": s.index, "start_char": s.start,
                              "end_char": s.end, "text": s.text} for s in r.sentences)
            for e in r.events:
                events.append(event_row(e))
                for actor in (e.source, e.target):
                    if actor is not None and actor.actor_id:
                        actors.setdefault(actor.actor_id, {
                            "actor_id": actor.actor_id, "code": actor.code, "country": actor.country,
                            "sector": actor.sector, "name": actor.name, "kind": actor.kind})
                        aliases.add((actor.actor_id, actor.text))
            places.extend({"article_id": p.article_id, "start_char": p.start, "end_char": p.end,
                           **{f: getattr(p.place, f) for f in _PLACE_FIELDS}} for p in r.places)
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            if ids and self.stored_hashes(ids):  # new articles (the usual case): nothing to replace
                id_table = pa.table({"article_id": pa.array(ids, pa.string())})
                con.register("_ids", id_table)
                for table in ("events", "sentences", "places", "articles"):
                    con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM _ids)")
                con.unregister("_ids")
            self._insert("articles", articles)
            self._insert("sentences", sentences)
            self._insert("events", events, EVENT_COLUMNS)
            self._insert("places", places)
            if actors:
                self._insert("actors", list(actors.values()), conflict="DO NOTHING")
            if aliases:
                self._insert("actor_aliases", [{"actor_id": a, "alias": t} for a, t in sorted(aliases)],
                             conflict="DO NOTHING")
            if skipped:
                self._insert("skipped", [{"origin": s.origin, "reason": s.reason, "article_id": s.article_id,
                                          "skipped_at": now} for s in skipped])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise

    def _insert(self, table: str, rows: list[dict[str, Any]], columns: Optional[list[str]] = None,
                conflict: Optional[str] = None) -> None:
        if not rows:
            return
        cols = columns or list(rows[0].keys())
        data = pa.Table.from_pylist([{c: r.get(c) for c in cols} for r in rows])
        self.con.register("_batch", data)
        try:
            col_sql = ", ".join(cols)
            tail = f" ON CONFLICT {conflict}" if conflict else ""
            self.con.execute(f"INSERT INTO {table} ({col_sql}) SELECT {col_sql} FROM _batch{tail}")
        finally:
            self.con.unregister("_batch")

    # -- reads --------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "sentences", "events", "actors", "places", "skipped")}

    def query_events(self, actor: Optional[str] = None, dyad: Optional[tuple[str, str]] = None,
                     code: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
                     place: Optional[str] = None, article_id: Optional[str] = None,
                     limit: Optional[int] = None, offset: int = 0) -> list[dict[str, Any]]:
        """Events as flat rows, filtered; every value is a bound parameter."""
        where, params = event_filters(actor, dyad, code, since, until, place, article_id)
        sql = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date NULLS LAST, article_id, sentence_index, event_id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        cur = self.con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def actors(self) -> list[dict[str, Any]]:
        """The actor registry with aliases and event counts (most events first)."""
        return self.query("""
            SELECT a.actor_id, a.code, a.country, a.sector, a.name, a.kind,
                   (SELECT list(alias ORDER BY alias) FROM actor_aliases x WHERE x.actor_id = a.actor_id) AS aliases,
                   (SELECT count(*) FROM events e WHERE e.source_actor_id = a.actor_id
                                                   OR e.target_actor_id = a.actor_id) AS events
            FROM actors a ORDER BY events DESC, a.code, a.actor_id""")

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]


def event_filters(actor=None, dyad=None, code=None, since=None, until=None, place=None,
                  article_id=None) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if actor:
        where.append("(source_code = ? OR target_code = ? OR source_country = ? OR target_country = ?"
                     " OR source_actor_id = ? OR target_actor_id = ?)")
        params += [actor] * 6
    if dyad:
        a, b = dyad
        where.append("((source_code = ? OR source_country = ?) AND (target_code = ? OR target_country = ?))")
        params += [a, a, b, b]
    if code:
        where.append("starts_with(cameo, ?)")
        params.append(code)
    if since:
        where.append("date >= ?")
        params.append(since)
    if until:
        where.append("(date <= ? OR starts_with(date, ?))")
        params += [until, until]
    if place:
        where.append("(loc_name = ? OR loc_country = ? OR loc_admin1 = ?)")
        params += [place] * 3
    if article_id:
        where.append("article_id = ?")
        params.append(article_id)
    return where, params
