"""The cross-article dedup key of a mention (an event as one article reported it): defined once,
here, in ``dedup_key``.

Mentions with the same key are one event: same date (with a known year), source code, target
code, CAMEO code, and place where known (GeoNames id, else the place's canonical name, else
nothing). A mention whose date is unknown or has no year (``--03-03``) is keyed by its own
event id, so it is never merged. ``dedup_id`` is the first 20 hex digits of the key's SHA-256:
stable across databases and runs, and unchanged when more mentions of the event arrive.

Every place that needs a mention's id takes it from ``mention_dedup_id``: the store's rows
(``steppe.store.rows.event_row``, through ``event_dedup_id``: the database and the Parquet
partitions of a Dask run alike) and SQL, where ``register_sql`` makes the same Python function a
DuckDB function (``DEDUP_ID_SQL`` calls it): the migration that adds the column fills older rows
with it (``fill_dedup_ids``), and so do the views over a database too old to have the column.
"""
from __future__ import annotations

import hashlib
from typing import Any, Optional

SEP = "\x1f"

# The event columns the id is computed from, in the order ``mention_dedup_id`` takes them.
KEY_COLUMNS = ("date", "source_code", "target_code", "cameo", "loc_geonameid", "loc_name", "event_id")
SQL_FUNCTION = "steppe_dedup_id"
DEDUP_ID_SQL = f"{SQL_FUNCTION}({', '.join(KEY_COLUMNS)})"  # valid once ``register_sql`` ran on the connection
_SQL_TYPES = ["VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "BIGINT", "VARCHAR", "VARCHAR"]


def dedup_key(date: Optional[str], source_code: Optional[str], target_code: Optional[str], cameo: str,
              geonameid: Optional[int] = None, place_name: Optional[str] = None,
              event_id: Optional[str] = None) -> str:
    """The key of a mention: the one definition."""
    if date is None or date.startswith("--"):
        if event_id is None:
            raise ValueError("a mention without a usable date is keyed by its event_id")
        return SEP.join(["mention", event_id])
    place = str(geonameid) if geonameid is not None else (place_name if place_name is not None else "")
    return SEP.join(["v1", date, source_code or "", target_code or "", cameo, place])


def dedup_id(key: str) -> str:
    """The stable id of the event with this dedup key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def mention_dedup_id(date: Optional[str], source_code: Optional[str], target_code: Optional[str], cameo: str,
                     loc_geonameid: Optional[int], loc_name: Optional[str], event_id: Optional[str]) -> str:
    """The dedup id of a mention from its event columns (``KEY_COLUMNS``, in that order)."""
    return dedup_id(dedup_key(date, source_code, target_code, cameo, loc_geonameid, loc_name, event_id))


def event_dedup_id(e) -> str:
    """The dedup id of a ``steppe.records.Event``."""
    loc = e.location
    return mention_dedup_id(e.date, e.source.code if e.source else None, e.target.code if e.target else None,
                            e.cameo, loc.geonameid if loc else None, loc.name if loc else None, e.event_id)


def register_sql(con: Any) -> None:
    """Make ``mention_dedup_id`` the DuckDB function ``steppe_dedup_id`` on ``con`` (a
    connection; its cursors see it too), once."""
    known = con.execute("SELECT 1 FROM duckdb_functions() WHERE function_name = ? LIMIT 1",
                        [SQL_FUNCTION]).fetchall()
    if not known:
        con.create_function(SQL_FUNCTION, mention_dedup_id, _SQL_TYPES, "VARCHAR", null_handling="special",
                            side_effects=False)


def fill_dedup_ids(con: Any) -> None:
    """The data step of migration 2: the id of every mention stored before the column existed."""
    register_sql(con)
    con.execute(f"UPDATE events SET dedup_id = {DEDUP_ID_SQL}")


__all__ = ["DEDUP_ID_SQL", "KEY_COLUMNS", "dedup_id", "dedup_key", "event_dedup_id", "fill_dedup_ids",
           "mention_dedup_id", "register_sql"]
