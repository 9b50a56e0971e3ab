"""Formatting and exports of stored events: table, JSON lines (event schema), CSV, Parquet,
and the field's formats (GDELT 2.0, ICEWS, PLOVER: ``steppe.store.formats``)."""
from __future__ import annotations

import csv
import json
import os
import queue
import threading
from typing import Any, TextIO

from steppe.registry import export_formats, names
from steppe.store.db import EVENT_COLUMNS, Store, row_to_event_dict


def _cell(v: Any, width: int) -> str:
    s = "" if v is None else str(v)
    return s if len(s) <= width else s[: width - 1] + "…"


FLAT_COLUMNS = [c for e in EVENT_COLUMNS for c in ((e, "date_start") if e == "date_source" else (e,))]
DEDUP_COLUMNS = ["num_mentions", "num_articles", "num_sources", "is_root_event"]


def format_events(rows: list[dict[str, Any]], fmt: str, out: TextIO, dedup: bool = False) -> None:
    """Events as a table, JSON lines (the event schema; with ``dedup``, the group fields added)
    or CSV (the flat columns with ``date_start``; with ``dedup``, the counts)."""
    if fmt == "jsonl":
        from steppe.store.dedup import group_to_dict

        to_dict = group_to_dict if dedup else row_to_event_dict
        for r in rows:
            out.write(json.dumps(to_dict(r), ensure_ascii=False, default=str) + "\n")
        return
    if fmt == "csv":
        w = csv.DictWriter(out, fieldnames=FLAT_COLUMNS + (DEDUP_COLUMNS if dedup else []), extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
        return
    cols = [("date", 10), ("source_code", 10), ("cameo", 5), ("plover_type", 10), ("target_code", 10),
            ("loc_name", 14), ("confidence", 4), ("trigger", 10), ("evidence", 60)]
    if dedup:
        cols.insert(0, ("num_mentions", 4))
    head = "  ".join(f"{_cell(c.replace('_code', '').replace('num_mentions', 'n'), w):<{w}}" for c, w in cols)
    out.write(head + "\n" + "-" * len(head) + "\n")
    for r in rows:
        out.write("  ".join(f"{_cell(r.get(c), w):<{w}}" for c, w in cols).rstrip() + "\n")
    out.write(f"({len(rows)} events)\n")


def format_actors(rows: list[dict[str, Any]], fmt: str, out: TextIO) -> None:
    if fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        return
    cols = [("actor_id", 12), ("code", 10), ("name", 24), ("events", 6), ("aliases", 60)]
    out.write("  ".join(f"{c:<{w}}" for c, w in cols) + "\n")
    for r in rows:
        vals = dict(r, aliases=" | ".join(r.get("aliases") or []))
        out.write("  ".join(f"{_cell(vals.get(c), w):<{w}}" for c, w in cols).rstrip() + "\n")



CHUNK_ROWS = 1_000_000  # rows sorted at a time: an export sorts one slice of dates after another
MEMORY_LIMIT = "1GB"  # DuckDB's memory limit while exporting (it spills to a temporary folder)
_BATCH = 25_000  # rows a batch (CSV, Parquet: a Parquet row group each)
PREFETCH = 8  # batches computed ahead of the writer
# Line formats: small batches (PLOVER: ~2.3 MB of text each). A batch's text is a buffer that
# DuckDB allocates with malloc and the writer frees: buffers of 30 MB (25,000 PLOVER lines) were
# each new memory from the kernel, faulted in page by page, while buffers this small are reused
# from the heap (PLOVER at 10M mentions: 6.3M -> 5.1M page faults, several s less system time).
_LINE_BATCH = 2_048
_LINE_PREFETCH = 24  # batches ahead: ~55 MB of PLOVER lines
# How much of a slice's lines DuckDB computes ahead of the writer: with its default (10 MB, four
# batches of PLOVER lines) it computed them on one thread at a time (a slice of 930k PLOVER lines
# at 10M mentions: 2.8 s after its sort, 1.5 s with this). Not for CSV and Parquet (their batches
# are wider and parallel as they are; this only raised their peak memory).
STREAM_BUFFER = "100MB"
DROP_STEP = 64 << 20  # bytes written between two hand-backs of the output's pages (_Writer._drop_behind)
# Formats whose lines DuckDB's COPY writes (a file per slice, appended). Measured at 1M mentions
# on this machine: ICEWS faster than lines fetched and joined in Python, GDELT the same; JSON
# lines and PLOVER (five times the bytes) slower for the extra copy of each slice's file, and
# DuckDB's CSV writer slower than pyarrow's, so those stay as they were (README, issue 19).
COPY_FORMATS = ("gdelt", "icews")
# The article fields each format reads (the join to articles is the costliest part of a slice).
_ARTICLE_FIELDS = {
    "gdelt": (("coded_at", "coded_at"), ("url", "article_url")),
    "icews": (("source", "article_source"),),
    "plover": (("coded_at", "coded_at"), ("url", "article_url"), ("title", "article_title"),
               ("source", "article_source")),
}


def export(store: Store, fmt: str, path: str, dedup: bool = False, memory_limit: str = MEMORY_LIMIT,
           **filters: Any) -> int:
    """Write the events to ``path`` in the format registered as ``fmt`` (``steppe.registry.
    export_formats``) and return the rows written."""
    if fmt not in export_formats:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(names(export_formats))}")
    return export_formats.get(fmt)(store, path, dedup=dedup, memory_limit=memory_limit, **filters)


def _export_sql(store: Store, fmt: str, path: str, dedup: bool = False, memory_limit: str = MEMORY_LIMIT,
                **filters: Any) -> int:
    """Write the events to ``path`` and return the rows written (the built-in formats).

    csv, parquet (flat columns with ``date_start``, a DATE) and jsonl (the event schema): one
    row per mention, or with ``dedup`` one per deduplicated event (its first report with the
    counts); gdelt: the GDELT 2.0 event table (always deduplicated, no header, as GDELT's files);
    icews: ICEWS-style TSV with a header; plover: PLOVER JSON lines (mentions with a PLOVER type).
    ``filters``: those of ``Store.query_events`` (actor, dyad, code, since, until, place,
    article_id, plover, quad); with deduplication an event is written when one of its mentions
    matches. Rows are in date order (unknown years last). DuckDB computes every row; the rows
    are streamed to the file slice of dates by slice, so memory stays flat."""
    from steppe.store import projections as pj
    from steppe.store.db import event_filters
    from steppe.store.formats import ICEWS_COLUMNS

    where, params = event_filters(**filters)
    grouped = dedup or fmt == "gdelt"
    articles = _ARTICLE_FIELDS.get(fmt, ())
    lines = {"gdelt": pj.gdelt_line, "icews": pj.icews_line, "plover": pj.plover_line}
    line = lines[fmt]() if fmt in lines else pj.event_json_line(grouped) if fmt == "jsonl" else None
    if line is not None:
        # COPY ends each line itself; for the lines written here DuckDB appends the newline, so
        # a batch's string data is the bytes of the file as they are (_lines_bytes)
        cols = f"{line} AS line" if fmt in COPY_FORMATS else f"coalesce({line}, '') || chr(10) AS line"
        kind = "lines"
    else:
        cols, kind = pj.flat_columns(grouped), fmt
    keep = f" WHERE {pj.PLOVER_WHERE}" if fmt == "plover" else ""
    order = "r.date_start NULLS LAST, r.date NULLS LAST, r.dedup_id" if grouped else \
        "r.date_start NULLS LAST, r.date NULLS LAST, r.article_id, r.sentence_index, r.event_id"
    cur = store.con  # not a cursor: a read-only database of an older version is read through temporary views
    settings = _limit_memory(cur, memory_limit, STREAM_BUFFER if kind == "lines" and fmt not in COPY_FORMATS else "")
    try:
        pj.register_lookups(cur)
        n = 0
        header = "\t".join(ICEWS_COLUMNS) + "\n" if fmt == "icews" else None
        tails = []  # each slice of dates: FROM ... ORDER BY ..., and its parameters
        joins = pj.lookup_joins(cols) if articles else ""  # the lookups the line reads
        looked = "".join(f", {a}" for a in pj.lookup_aliases(cols)) if articles else ""
        for cond, cparams in _date_slices(cur, grouped, where, params):
            rows = _rows_sql(grouped, articles, where, cond)
            tails.append((f"FROM ({rows}) r{joins}{keep} ORDER BY {order}",
                          params + cparams * (2 if grouped else 1) + (cparams if articles else [])))
        if kind == "lines" and fmt not in COPY_FORMATS:
            # JSON lines and PLOVER: the line is computed after the sort, so DuckDB sorts the
            # columns it is made of, not the line (1.1 KB a PLOVER line, twice their width; the
            # sorted lines spilled to disk); each lookup passes the sort as a struct column of
            # its alias (lk_quad.quad reads the same in the line). GDELT and ICEWS (short lines,
            # written by COPY) are computed before the sort, as they were.
            slices = [(f"SELECT {cols} FROM (SELECT r.*{looked} {t}) r", p) for t, p in tails]
        else:
            slices = [(f"SELECT {cols} {t}", p) for t, p in tails]
        if fmt in COPY_FORMATS:  # one short line per row: DuckDB writes them, no quoting or escaping
            return _copy(cur, slices, path, header, options=", QUOTE '', ESCAPE ''")
        batches = _prefetched(cur, slices, _LINE_BATCH, _LINE_PREFETCH) if kind == "lines" else _prefetched(cur, slices)
        with _Writer(kind, path, header=header) as out:
            for batch in batches:
                n += out.write(batch)
        return n
    finally:
        _restore(cur, settings)
        pj.unregister_lookups(cur)


def _prefetched(cur, slices: list[tuple[str, list[Any]]], rows: int = _BATCH, ahead_batches: int = PREFETCH):
    """The Arrow batches of each slice's query in order (``rows`` rows each), computed by DuckDB
    in a thread that keeps up to ``ahead_batches`` batches ahead: the next slice is sorted while
    this one is written."""
    ahead: queue.Queue = queue.Queue(maxsize=ahead_batches)
    stop = threading.Event()
    done = object()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                ahead.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for sql, sql_params in slices:
                for batch in cur.sql(sql, params=sql_params).to_arrow_reader(rows):
                    if not put(batch):
                        return
            put(done)
        except BaseException as exc:  # handed to the consumer, raised there
            put(exc)

    worker = threading.Thread(target=produce, name="steppe-export", daemon=True)
    worker.start()
    try:
        while True:
            item = ahead.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join()


def _builtin(fmt: str, doc: str) -> None:
    """Register ``fmt``, computed by ``_export_sql``."""
    def run(store: Store, path: str, *, dedup: bool = False, memory_limit: str = MEMORY_LIMIT, **filters: Any) -> int:
        return _export_sql(store, fmt, path, dedup=dedup, memory_limit=memory_limit, **filters)

    run.__doc__ = doc
    export_formats.register(fmt, func=run)


for _fmt, _doc in (
        ("csv", "flat columns with a header, date_start among them"),
        ("parquet", "flat columns, date_start a DATE"),
        ("jsonl", "the event schema, one object per line"),
        ("gdelt", "GDELT 2.0 event table, deduplicated, no header"),
        ("icews", "ICEWS-style TSV with a header"),
        ("plover", "PLOVER JSON lines")):
    _builtin(_fmt, _doc)


def export_format_names() -> list[str]:
    """The registered export formats, built-in ones first."""
    return names(export_formats)


def _copy(cur, slices: list[tuple[str, list[Any]]], path: str, header: Any, options: str = "") -> int:
    """Rows written by DuckDB's COPY as CSV (``options`` added to its own), one file per slice
    of dates appended to ``path`` in order: no row passes through Python. ``header`` starts
    the file."""
    import os
    import shutil

    n = 0
    part = f"{path}.part"
    with open(path, "wb") as out:
        if header:
            out.write(header.encode("utf-8"))
        try:
            for sql, sql_params in slices:
                got = cur.execute(f"COPY ({sql}) TO '{_quote(part)}' (FORMAT csv, HEADER false, NEW_LINE '\\n'"
                                  f"{options})", sql_params).fetchone()
                rows = int(got[0]) if got else 0
                if rows:
                    out.flush()
                    with open(part, "rb") as src:
                        shutil.copyfileobj(src, out, 1 << 20)
                n += rows
        finally:
            if os.path.exists(part):
                os.remove(part)
    return n


def _quote(path: str) -> str:
    return path.replace("'", "''")


def _rows_sql(grouped: bool, articles: tuple[tuple[str, str], ...], where: list[str], cond: str) -> str:
    """The rows of one date slice (``cond`` on ``{d}``): mentions matching ``where``, or the
    groups with a matching mention joined to their first report; with ``articles``, the
    mention's article fields (column, alias) too."""
    if grouped:
        hit = [f"dedup_id IN (SELECT dedup_id FROM events WHERE {' AND '.join(where)})"] if where else []
        groups = f"SELECT * FROM event_groups WHERE {' AND '.join(hit + [cond.format(d='date_start')])}"
        events = f"SELECT * FROM events WHERE {cond.format(d='date_start')}"
        counts = "g.num_mentions, g.num_articles, g.num_sources, g.is_root_event"
        rel = f"(SELECT e.*, {counts} FROM ({groups}) g JOIN ({events}) e ON e.event_id = g.root_event_id)"
    else:
        rel = f"(SELECT * FROM events WHERE {' AND '.join(where + [cond.format(d='date_start')])})"
    if not articles:
        return f"SELECT * FROM {rel}"
    fields = ", ".join(f"a.{c} AS {alias}" for c, alias in articles)
    # only the articles of the slice's events: the join does not probe every article of the store
    # for each slice (at 10M mentions, 5M articles a slice)
    cols = ", ".join(dict.fromkeys(["article_id", *(c for c, _ in articles)]))
    own = (f"(SELECT {cols} FROM articles WHERE article_id IN "
           f"(SELECT article_id FROM events WHERE {cond.format(d='date_start')}))")
    return f"SELECT e.*, {fields} FROM {rel} e LEFT JOIN {own} a ON a.article_id = e.article_id"


def _date_slices(cur, grouped: bool, where: list[str], params: list[Any]) -> list[tuple[str, list[Any]]]:
    """Conditions on ``{d}`` (the date_start column) that cut the rows into consecutive date
    ranges of about CHUNK_ROWS rows each, then the rows without a known year."""
    if grouped:
        hit = f" WHERE dedup_id IN (SELECT dedup_id FROM events WHERE {' AND '.join(where)})" if where else ""
        sql = f"SELECT date_trunc('month', date_start) AS m, count(*) AS n FROM event_groups{hit} GROUP BY 1"
    else:
        cond = f" WHERE {' AND '.join(where)}" if where else ""
        sql = f"SELECT date_trunc('month', date_start) AS m, count(*) AS n FROM events{cond} GROUP BY 1"
    months = sorted((r for r in cur.execute(sql, params).fetchall() if r[0] is not None), key=lambda r: r[0])
    out: list[tuple[str, list[Any]]] = []
    start, size = None, 0
    for i, (m, n) in enumerate(months):
        if start is None:
            start = m
        size += n
        if size >= CHUNK_ROWS or i == len(months) - 1:
            nxt = months[i + 1][0] if i + 1 < len(months) else None
            if nxt is None:
                out.append(("{d} >= ?", [start]))
            else:
                out.append(("{d} >= ? AND {d} < ?", [start, nxt]))
            start, size = None, 0
    out.append(("{d} IS NULL", []))
    return out


def _limit_memory(cur, limit: str, stream_buffer: str = "") -> dict[str, str]:
    """Set DuckDB's memory limit (it spills to the temporary folder past it) and, when given,
    how much of a result it computes ahead of the reader; returns the former settings."""
    import tempfile

    names = ("memory_limit", "streaming_buffer_size") if stream_buffer else ("memory_limit",)
    old = {k: cur.execute(f"SELECT current_setting('{k}')").fetchall()[0][0] for k in names}
    cur.execute(f"SET memory_limit = '{_safe_size(limit)}'")
    if stream_buffer:
        cur.execute(f"SET streaming_buffer_size = '{_safe_size(stream_buffer)}'")
    if not cur.execute("SELECT current_setting('temp_directory')").fetchall()[0][0]:
        cur.execute(f"SET temp_directory = '{tempfile.gettempdir()}'")
    return old


def _safe_size(limit: str) -> str:
    import re

    if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]?i?B", limit.strip(), re.I):
        raise ValueError(f"memory limit must look like 1GB or 512MB, not {limit!r}")
    return limit.strip()


def _restore(cur, old: dict[str, str]) -> None:
    for name, value in old.items():
        cur.execute(f"SET {name} = '{_safe_size(value)}'")


def _lines_bytes(col) -> memoryview:
    """The bytes of a string column's values, one after the other (each line already ends in a
    newline): the slice of its data buffer that the values use, written as it is."""
    import numpy as np
    import pyarrow as pa

    if len(col) == 0:
        return memoryview(b"")
    _, offsets, data = col.buffers()
    width = np.int64 if pa.types.is_large_string(col.type) else np.int32
    first, last = np.frombuffer(offsets, dtype=width)[[col.offset, col.offset + len(col)]]
    return memoryview(data)[int(first):int(last)]


class _Writer:
    """Writes Arrow batches: Parquet and CSV as tables, ``lines`` (one string column) as text."""

    def __init__(self, kind: str, path: str, header: Any = None) -> None:
        self.kind, self.path, self.header = kind, path, header
        self._pq = self._fh = None
        self._kept = self._kicked = 0  # the file's bytes before these are handed back (_drop_behind)

    def __enter__(self) -> "_Writer":
        if self.kind != "parquet":
            self._fh = open(self.path, "wb")
            if self.header:
                self._fh.write(self.header.encode("utf-8"))
        return self

    def write(self, batch) -> int:
        import pyarrow as pa

        if self.kind == "lines":
            self._fh.write(_lines_bytes(batch.column(0)))
            self._drop_behind()
            return batch.num_rows
        if self.kind == "parquet":
            import pyarrow.parquet as pq

            if self._pq is None:
                self._pq = pq.ParquetWriter(self.path, batch.schema)
            self._pq.write_table(pa.Table.from_batches([batch]))
            return batch.num_rows
        import pyarrow.csv as pcsv

        if self._pq is None:
            self._fh.write((",".join(batch.schema.names) + "\n").encode("utf-8"))
            self._pq = pcsv.CSVWriter(self._fh, batch.schema,
                                      write_options=pcsv.WriteOptions(include_header=False, quoting_style="needed"))
        self._pq.write_batch(batch)
        self._drop_behind()
        return batch.num_rows

    def _drop_behind(self) -> None:
        """Every DROP_STEP bytes: start writing the newest bytes to disk and drop the step
        before from the page cache (on disk by then). An export writes gigabytes once (PLOVER at
        10M mentions: 10.4 GB); left in the page cache, every page of it is memory the kernel
        must find and fill, which on this machine (a virtual one) costs 2.5-3 s of system time
        a GB: 1 GB written to a new file, 2.6 s of system time, 0.2 s when dropped behind
        (README, issue 19). It also leaves the database's own pages in the cache."""
        if self._fh is None or self._kicked < 0:
            return
        try:
            self._fh.flush()
            pos = self._fh.tell()
            if pos - self._kicked < DROP_STEP:
                return
            os.posix_fadvise(self._fh.fileno(), self._kept, pos - self._kept, os.POSIX_FADV_DONTNEED)
        except (AttributeError, OSError):  # not on this system, or not a file (a pipe)
            self._kicked = -1
            return
        self._kept, self._kicked = self._kicked, pos

    def __exit__(self, *exc) -> None:
        if self._pq is not None:
            self._pq.close()
        elif self.kind == "parquet":
            self._write_empty_parquet()
        if self._fh is not None:
            self._fh.close()

    def _write_empty_parquet(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.table({}), self.path)
