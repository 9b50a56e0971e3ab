"""Formatting and exports of stored events: table, JSON lines (event schema), CSV, Parquet,
and the field's formats (GDELT 2.0, ICEWS, PLOVER: ``steppe.store.formats``)."""
from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from steppe.store.db import EVENT_COLUMNS, Store, row_to_event_dict


def _cell(v: Any, width: int) -> str:
    s = "" if v is None else str(v)
    return s if len(s) <= width else s[: width - 1] + "…"


def format_events(rows: list[dict[str, Any]], fmt: str, out: TextIO) -> None:
    if fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(row_to_event_dict(r), ensure_ascii=False, default=str) + "\n")
        return
    if fmt == "csv":
        w = csv.DictWriter(out, fieldnames=EVENT_COLUMNS, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
        return
    cols = [("date", 10), ("source_code", 10), ("cameo", 5), ("plover_type", 10), ("target_code", 10),
            ("loc_name", 14), ("confidence", 4), ("trigger", 10), ("evidence", 60)]
    head = "  ".join(f"{_cell(c.replace('_code', ''), w):<{w}}" for c, w in cols)
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


EXPORT_FORMATS = ("csv", "parquet", "jsonl", "gdelt", "icews", "plover")


def export(store: Store, fmt: str, path: str) -> int:
    """Write every event to ``path``: csv, parquet (flat columns) or jsonl (event schema), one row
    per mention; gdelt (GDELT 2.0 event table, one row per deduplicated event), icews (ICEWS-style
    TSV) or plover (PLOVER JSON lines, mentions with a PLOVER type). Returns the rows written."""
    if fmt in ("gdelt", "icews", "plover"):
        from steppe.store.formats import WRITERS

        with open(path, "w", encoding="utf-8", newline="") as fh:
            return WRITERS[fmt](store, fh)
    n = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    order = "ORDER BY date NULLS LAST, article_id, sentence_index, event_id"
    cols = ", ".join(EVENT_COLUMNS)
    if fmt in ("csv", "parquet"):
        opts = "(FORMAT CSV, HEADER)" if fmt == "csv" else "(FORMAT PARQUET)"
        safe = path.replace("'", "''")
        store.con.execute(f"COPY (SELECT {cols} FROM events {order}) TO '{safe}' {opts}")
        return n
    if fmt == "jsonl":
        with open(path, "w", encoding="utf-8") as fh:
            format_events(store.query_events(), "jsonl", fh)
        return n
    raise ValueError(f"unknown export format {fmt!r}")
