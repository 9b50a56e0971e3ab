"""The cross-article dedup key of a mention (an event as one article reported it).

Mentions with the same key are one event: same date (with a known year), source code, target
code, CAMEO code, and place where known (GeoNames id, else the place's canonical name, else
nothing). A mention whose date is unknown or has no year (``--03-03``) is keyed by its own
event id, so it is never merged. ``dedup_id`` is the first 20 hex digits of the key's SHA-256:
stable across databases and runs, and unchanged when more mentions of the event arrive.

The store computes the id of each mention when it writes it (``events.dedup_id``); the SQL in
``DEDUP_ID_SQL`` is the same definition, used to fill the column of rows stored before it existed.
"""
from __future__ import annotations

import hashlib
from typing import Optional

SEP = "\x1f"

DEDUP_KEY_SQL = (
    "CASE WHEN date IS NULL OR starts_with(date, '--') THEN concat_ws(chr(31), 'mention', event_id) "
    "ELSE concat_ws(chr(31), 'v1', date, coalesce(source_code, ''), coalesce(target_code, ''), cameo, "
    "coalesce(CAST(loc_geonameid AS VARCHAR), loc_name, '')) END"
)
DEDUP_ID_SQL = f"substr(sha256({DEDUP_KEY_SQL}), 1, 20)"


def dedup_key(date: Optional[str], source_code: Optional[str], target_code: Optional[str], cameo: str,
              geonameid: Optional[int] = None, place_name: Optional[str] = None,
              event_id: Optional[str] = None) -> str:
    """The key of a mention (``DEDUP_KEY_SQL`` in Python)."""
    if date is None or date.startswith("--"):
        if event_id is None:
            raise ValueError("a mention without a usable date is keyed by its event_id")
        return SEP.join(["mention", event_id])
    place = str(geonameid) if geonameid is not None else (place_name if place_name is not None else "")
    return SEP.join(["v1", date, source_code or "", target_code or "", cameo, place])


def dedup_id(key: str) -> str:
    """The stable id of the event with this dedup key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def event_dedup_id(e) -> str:
    """The dedup id of a ``steppe.records.Event``."""
    loc = e.location
    return dedup_id(dedup_key(e.date, e.source.code if e.source else None, e.target.code if e.target else None,
                              e.cameo, loc.geonameid if loc else None, loc.name if loc else None, e.event_id))
