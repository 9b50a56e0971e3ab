"""The DuckDB store: the only code that writes the database.

Schema by versioned migrations (``steppe/store/migrations/NNN_name.sql``). Writes go in
batches, one transaction per batch, through Arrow tables. Re-coding an article with the same
id replaces its sentences, events and places.
"""
from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

import duckdb
import pyarrow as pa

from steppe.errors import StoreError
from steppe.records import ArticleResult, Skipped
from steppe.store import groups, keys
from steppe.store.groups import batch_actor_counts, date_start_sql, news_source_sql
from steppe.store.rows import (ARTICLE_COLUMNS, EVENT_COLUMNS, article_row, event_row, mentions_from_json,  # noqa: F401
                               mentions_json, place_row, row_to_event_dict, sentence_row)

# Data steps of migrations, run after the version's SQL in the same transaction.
_DATA_STEPS = {2: keys.fill_dedup_ids, 5: groups.migrate_v5, 6: groups.migrate_v6}


def migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("steppe") / "store" / "migrations"
    out = []
    for entry in folder.iterdir():
        m = re.match(r"(\d+)_.*\.sql$", entry.name)
        if m:
            out.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(out)


# DuckDB checkpoints (writes the WAL into the database file) when the WAL passes this size. Its
# default, 16 MB, checkpoints every few batches, and a checkpoint's cost grows with the database
# (5 of 7 s per 100k mentions at 400k): a writer waits for 1 GB of changes instead.
WRITE_CHECKPOINT = "1GB"


def _quiet(con) -> None:
    """No progress bar: DuckDB draws one on stderr for a query longer than 2 s (an export slice at
    10M mentions), and library code never prints. A session setting: each cursor sets it too."""
    con.execute("SET enable_progress_bar = false")


class Store:
    """A DuckDB database of articles, sentences, actors, events, places and skipped inputs."""

    def __init__(self, path: str = ":memory:", read_only: bool = False,
                 checkpoint_threshold: str = WRITE_CHECKPOINT) -> None:
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
        _quiet(self.con)
        if not read_only:
            if path != ":memory:":
                self.con.execute(f"SET checkpoint_threshold = '{_size(checkpoint_threshold)}'")
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
        _quiet(view.con)
        return view

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema -------------------------------------------------------------------------------
    def _compat_views(self) -> None:
        """A read-only database made by an older steppe lacks later columns and tables; temporary
        views add them (columns as NULL, or computed as the writer would) so that queries work
        without writing to the file."""
        try:
            have = {r[0] for r in self.con.execute("DESCRIBE events").fetchall()}
        except duckdb.Error:
            return
        db = self.con.execute("SELECT current_database()").fetchone()[0]
        missing = [c for c in EVENT_COLUMNS if c not in have]
        tables = {r[0] for r in self.con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()").fetchall()}
        if not missing and "date_start" in have:
            if "dyad_counts" not in tables:
                groups.dyad_view(self.con, temp=True)
            return
        if "dedup_id" in missing:  # older than schema 2: the ids the migration would fill
            keys.register_sql(self.con)
        extra = "".join(f", {keys.DEDUP_ID_SQL if c == 'dedup_id' else 'NULL'} AS {c}" for c in missing)
        if "date_start" not in have:
            extra += f", {date_start_sql('date')} AS date_start"
        self.con.execute(f'CREATE TEMP VIEW events AS SELECT *{extra} FROM "{db}".main.events')
        if "event_groups" in tables and "dyad_counts" not in tables:
            groups.dyad_view(self.con, temp=True)
        if "event_groups" not in tables:
            self.con.execute(f'CREATE TEMP VIEW articles AS SELECT *, {news_source_sql("x")} AS news_source '
                             f'FROM "{db}".main.articles x')
            groups.computed_views(self.con, temp=True, db=db)

    def use_computed_views(self) -> None:
        """Replace what the writer keeps (groups and their sources) by views computing it from
        the events and articles in place (a store whose tables are views, e.g. over Parquet)."""
        for t in ("event_groups", "event_group_sources", "dyad_counts"):
            self.con.execute(f"DROP TABLE IF EXISTS {t}")
        groups.computed_views(self.con, temp=False)

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
                if version in _DATA_STEPS:
                    _DATA_STEPS[version](self.con)
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
        """``{article_id: content_hash}`` of those of ``article_ids`` that are stored: one join of
        the ids (an Arrow table) to the articles (a point query per id costs ~7x more)."""
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return {}
        self.con.register("_lookup_ids", pa.table({"article_id": pa.array(ids, pa.string())}))
        try:
            return dict(self.con.execute("SELECT i.article_id, a.content_hash FROM _lookup_ids i "
                                         "JOIN articles a ON a.article_id = i.article_id").fetchall())
        finally:
            self.con.unregister("_lookup_ids")

    def stored_keys(self, article_ids: Sequence[str]) -> dict[str, tuple[str, Optional[str]]]:
        """``{article_id: (content_hash, settings_hash)}`` of those of ``article_ids`` that are
        stored (what a resumed run compares), one query per 512 ids."""
        out: dict[str, tuple[str, Optional[str]]] = {}
        ids = list(dict.fromkeys(article_ids))
        for i in range(0, len(ids), 512):
            part = ids[i:i + 512]
            marks = ", ".join("?" * len(part))
            out.update((r[0], (r[1], r[2])) for r in self.con.execute(
                f"SELECT article_id, content_hash, settings_hash FROM articles WHERE article_id IN ({marks})",
                part).fetchall())
        return out

    def write(self, results: Sequence[ArticleResult], skipped: Sequence[Skipped] = ()) -> None:
        """Store a batch in one transaction; articles already stored under the same id are replaced."""
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        ids = [r.article.id for r in results]
        # actors and their aliases in the order they first appear: the stored order is then the
        # same however the input is cut into batches (a resumed run's batches start elsewhere)
        articles, sentences, events, places, actors, aliases = [], [], [], [], {}, {}
        for r in results:
            articles.append(article_row(r, now))
            sentences.extend(sentence_row(s) for s in r.sentences)
            for e in r.events:
                events.append(event_row(e))
                for actor in (e.source, e.target):
                    if actor is not None and actor.actor_id:
                        actors.setdefault(actor.actor_id, {
                            "actor_id": actor.actor_id, "code": actor.code, "country": actor.country,
                            "sector": actor.sector, "name": actor.name, "kind": actor.kind})
                        aliases.setdefault((actor.actor_id, actor.text), None)
            places.extend(place_row(p) for p in r.places)
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            recoded = bool(ids) and bool(self.stored_hashes(ids))  # usually new articles: nothing to replace
            touched_groups: set[str] = set()
            touched_actors: set[str] = set()
            dyads_before: list[pa.Table] = []
            if recoded:
                id_table = pa.table({"article_id": pa.array(ids, pa.string())})
                con.register("_ids", id_table)
                old = con.execute("SELECT dedup_id, source_actor_id, target_actor_id FROM events "
                                  "WHERE article_id IN (SELECT article_id FROM _ids)").fetchall()
                touched_groups.update(r[0] for r in old if r[0])
                touched_groups.update(r["dedup_id"] for r in events)
                touched_actors.update(a for r in old for a in r[1:] if a)
                con.register("_gids_dyads", pa.table({"dedup_id": pa.array(sorted(touched_groups), pa.string())}))
                dyads_before = groups.snapshot_dyads(con, "article_id IN (SELECT article_id FROM _ids)", "_gids_dyads")
                for table in ("events", "sentences", "places", "articles"):
                    con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM _ids)")
                con.unregister("_ids")
            self._insert_typed("articles", articles, ARTICLE_COLUMNS, extra={"news_source": news_source_sql("b")},
                               keep="_art")
            self._insert_typed("events", events, EVENT_COLUMNS, extra={"date_start": date_start_sql("b.date")},
                               keep="_ev")
            self._insert("sentences", sentences)
            self._insert("places", places)
            counts = batch_actor_counts(events)
            if actors:
                rows = [dict(a, events=counts.get(a["actor_id"], 0)) for a in actors.values()]
                self._insert_new("actors", rows, ("actor_id",), add="events")
            if aliases:
                self._insert_new("actor_aliases", [{"actor_id": a, "alias": t} for a, t in aliases],
                                 ("actor_id", "alias"))
            if recoded:
                groups.rebuild(con, touched_groups)
                touched_actors.update(counts)
                groups.rebuild_actor_counts(con, touched_actors)
                self._recount_dyads(dyads_before, bool(events))
            elif events:
                groups.add_batch(con, "_ev", groups.batch_articles_sql("_art"), "_art")
            if skipped:
                self._insert("skipped", [{"origin": s.origin, "reason": s.reason, "article_id": s.article_id,
                                          "skipped_at": now} for s in skipped])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        finally:
            for name in ("_art", "_ev", "_gids_dyads", "_dyads_before"):
                try:
                    con.unregister(name)
                except Exception:  # not registered (an empty batch)
                    pass

    def _recount_dyads(self, before: list[pa.Table], new_events: bool) -> None:
        """Re-coded articles: take off what their old mentions and the groups they touched
        counted (``before``), add the new mentions and the rebuilt groups."""
        con = self.con
        con.register("_dyads_before", pa.concat_tables(before))
        parts = ["SELECT * FROM _dyads_before",
                 groups.dyad_changes("(SELECT * FROM event_groups WHERE dedup_id IN (SELECT dedup_id FROM _gids_dyads))",
                                     0, 1)]
        if new_events:
            parts.append(groups.dyad_changes(f"(SELECT *, {date_start_sql('date')} AS date_start FROM _ev)", 1, 0))
        groups.apply_dyad_changes(con, parts)
        con.execute("DELETE FROM dyad_counts WHERE mentions = 0 AND events = 0")

    def _schema(self, table: str, columns: Sequence[str]) -> pa.Schema:
        """The Arrow schema of ``columns`` of ``table`` (cached per Store)."""
        cache = self.__dict__.setdefault("_schemas", {})
        key = (table, tuple(columns))
        if key not in cache:
            cache[key] = self.con.sql(f"SELECT {', '.join(columns)} FROM {table} LIMIT 0").to_arrow_table().schema
        return cache[key]

    def _insert_typed(self, table: str, rows: list[dict[str, Any]], columns: Sequence[str],
                      extra: dict[str, str], keep: str) -> None:
        """Insert rows as an Arrow table typed like ``table`` (registered as ``keep`` until the
        batch ends), with ``extra`` columns computed in SQL from it (alias ``b``)."""
        if not rows:
            return
        data = pa.Table.from_pylist(rows, schema=self._schema(table, columns))  # keys not in columns are left out
        self.con.register(keep, data)
        cols = ", ".join(columns)
        more = "".join(f", {c}" for c in extra)
        exprs = "".join(f", {e}" for e in extra.values())
        self.con.execute(f"INSERT INTO {table} ({cols}{more}) SELECT {cols}{exprs} FROM {keep} b")

    def _insert_new(self, table: str, rows: list[dict[str, Any]], keys: Sequence[str],
                    add: Optional[str] = None) -> None:
        """Insert the rows whose ``keys`` are not stored yet, in the order given, and (``add``)
        add the column's value to the stored rows that are: the same rows in the same order for
        the same input, which DuckDB's INSERT ... ON CONFLICT does not keep."""
        cols = list(rows[0].keys())
        data = pa.Table.from_pylist([{**{c: r.get(c) for c in cols}, "_pos": i} for i, r in enumerate(rows)])
        self.con.register("_batch", data)
        try:
            match = " AND ".join(f"t.{k} = b.{k}" for k in keys)
            if add:
                self.con.execute(f"UPDATE {table} t SET {add} = t.{add} + b.{add} FROM _batch b WHERE {match}")
            col_sql = ", ".join(cols)
            self.con.execute(f"INSERT INTO {table} ({col_sql}) SELECT {col_sql} FROM _batch b "
                             f"WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE {match}) ORDER BY b._pos")
        finally:
            self.con.unregister("_batch")

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
                     limit: Optional[int] = None, offset: int = 0, plover: Optional[str] = None,
                     quad: Optional[int] = None) -> list[dict[str, Any]]:
        """Events (mentions) as flat rows, filtered, in ``EVENT_ORDER`` (dates with an unknown year
        last); every value is a bound parameter."""
        where, params = event_filters(actor, dyad, code, since, until, place, article_id, plover, quad)
        cond = " WHERE " + " AND ".join(where) if where else ""
        cols = f"{', '.join(EVENT_COLUMNS)}, date_start"
        if limit is None:
            return self.query(f"SELECT {cols} FROM events{cond} ORDER BY {EVENT_ORDER}", params)
        # A page: the top rows are found over the filter and order columns only, then their
        # wide columns fetched (in one statement, one snapshot); the top-N's dynamic filter on
        # date_start lets the scan skip the row groups past the page.
        page = f"SELECT rowid FROM events{cond} ORDER BY {EVENT_ORDER} LIMIT ? OFFSET ?"
        sql = f"SELECT {cols} FROM events WHERE rowid IN ({page}) ORDER BY {EVENT_ORDER}"
        return self.query(sql, params + [int(limit), int(offset)])

    def actors(self) -> list[dict[str, Any]]:
        """The actor registry with aliases and event counts (most events first)."""
        return self.query("""
            SELECT a.actor_id, a.code, a.country, a.sector, a.name, a.kind, al.aliases, a.events
            FROM actors a
            LEFT JOIN (SELECT actor_id, list(alias ORDER BY alias) AS aliases FROM actor_aliases GROUP BY actor_id) al
                   USING (actor_id)
            ORDER BY a.events DESC, a.code, a.actor_id""")

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]


# The order of events everywhere (queries and exports): by date, the first day of the known
# period first, dates with an unknown year (--MM-DD, then none) last.
EVENT_ORDER = "date_start NULLS LAST, date NULLS LAST, article_id, sentence_index, event_id"

def _size(value: str) -> str:
    """A DuckDB size setting (``256MB``, ``1GB``); StoreError otherwise."""
    if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]?i?B", value.strip(), re.I):
        raise StoreError(f"a size must look like 256MB or 1GB, not {value!r}")
    return value.strip()


_PERIOD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def period_bounds(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; StoreError otherwise."""
    m = _PERIOD.fullmatch(value or "")
    try:
        if not m:
            raise ValueError(value)
        y, mo, d = int(m.group(1)), m.group(2), m.group(3)
        if d is not None:
            day = dt.date(y, int(mo), int(d))
            return day, day
        if mo is not None:
            first = dt.date(y, int(mo), 1)
            nxt = dt.date(y + (first.month == 12), first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    except ValueError:
        raise StoreError(f"a date must be YYYY-MM-DD, YYYY-MM or YYYY, not {value!r}") from None


def event_filters(actor=None, dyad=None, code=None, since=None, until=None, place=None,
                  article_id=None, plover=None, quad=None) -> tuple[list[str], list[Any]]:
    """SQL conditions on events columns (and their parameters). ``since`` and ``until`` take
    YYYY, YYYY-MM or YYYY-MM-DD and compare the first day of the event's known period
    (``date_start``) with the first day of ``since`` and the last of ``until``: events whose
    year is unknown match neither."""
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
        where.append("date_start >= ?")
        params.append(period_bounds(since)[0])
    if until:
        where.append("date_start <= ?")
        params.append(period_bounds(until)[1])
    if place:
        where.append("(loc_name = ? OR loc_country = ? OR loc_admin1 = ?)")
        params += [place] * 3
    if article_id:
        where.append("article_id = ?")
        params.append(article_id)
    if plover:
        where.append("plover_type = ?")
        params.append(plover.upper())
    if quad is not None:
        where.append("quad_class = ?")
        params.append(int(quad))
    return where, params
