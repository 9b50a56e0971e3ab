"""The export formats as SQL projections: one text line (or flat row) per event, computed by
DuckDB in bulk; Python only writes the lines. Lookups (country names and codes, IGO names, CAMEO
names, sector names, PLOVER quad classes) are small Arrow tables registered as ``_lk_*`` and joined to the rows (``LOOKUP_JOINS``).

Each function returns the SELECT list over a relation ``r`` with the columns of
``steppe.store.dedup.mentions_sql`` (mentions with their article's fields) and, for GDELT, the
group counts. Formats are described in ``steppe.store.formats``.
"""
from __future__ import annotations

import re

import pyarrow as pa

from steppe import __version__
from steppe.store.db import EVENT_COLUMNS

_TAB = "chr(9)"


def register_lookups(con) -> None:
    from steppe.store.formats import PLOVER_QUAD, SECTOR_NAMES, _cameo_names, _countries, _fips, _igo_names

    countries = _countries()
    tables = {
        "_lk_country": {"iso3": list(countries), "name": [v[0] for v in countries.values()],
                        "iso2": [v[1] or None for v in countries.values()]},
        "_lk_fips": {"iso3": list(_fips()), "fips": list(_fips().values())},
        "_lk_igo": {"code": list(_igo_names()), "name": list(_igo_names().values())},
        "_lk_cameo": {"code": list(_cameo_names()), "name": list(_cameo_names().values())},
        "_lk_sector": {"sector": list(SECTOR_NAMES), "name": list(SECTOR_NAMES.values())},
        "_lk_quad": {"ptype": list(PLOVER_QUAD), "quad": list(PLOVER_QUAD.values())},
    }
    for name, cols in tables.items():
        con.register(name, pa.table(cols))


_ALIAS = {"r.source_country": "lk_source_country", "r.target_country": "lk_target_country",
          "r.loc_country": "lk_loc_country", "r.source_code": "lk_source_igo", "r.target_code": "lk_target_igo"}

# The lookups, joined to the rows ``r`` (each key is unique in its table: no row is repeated).
LOOKUP_JOINS = """
    LEFT JOIN _lk_country lk_source_country ON lk_source_country.iso3 = r.source_country
    LEFT JOIN _lk_country lk_target_country ON lk_target_country.iso3 = r.target_country
    LEFT JOIN _lk_country lk_loc_country ON lk_loc_country.iso3 = r.loc_country
    LEFT JOIN _lk_igo lk_source_igo ON lk_source_igo.code = r.source_code
    LEFT JOIN _lk_igo lk_target_igo ON lk_target_igo.code = r.target_code
    LEFT JOIN _lk_sector lk_source_sector ON lk_source_sector.sector = r.source_sector
    LEFT JOIN _lk_sector lk_target_sector ON lk_target_sector.sector = r.target_sector
    LEFT JOIN _lk_sector lk_source_group ON lk_source_group.sector = substr(r.source_code, 1, 3)
    LEFT JOIN _lk_sector lk_target_group ON lk_target_group.sector = substr(r.target_code, 1, 3)
    LEFT JOIN _lk_cameo lk_cameo ON lk_cameo.code = r.cameo
    LEFT JOIN _lk_fips lk_fips ON lk_fips.iso3 = r.loc_country
    LEFT JOIN _lk_quad lk_quad ON lk_quad.ptype = r.plover_type"""
_JOINS = [(j.split()[3], j.strip()) for j in LOOKUP_JOINS.strip().splitlines()]  # (alias, join)


def lookup_aliases(*exprs: str) -> list[str]:
    """The lookups (aliases of ``LOOKUP_JOINS``) that ``exprs`` read, in the order of the joins."""
    used = set(re.findall(r"\b(lk_\w+)\.", " ".join(exprs)))
    return [a for a, _ in _JOINS if a in used]


def lookup_joins(*exprs: str) -> str:
    """The joins of ``LOOKUP_JOINS`` to the lookups that ``exprs`` read: a row is joined to the
    lookups its line uses, not to all twelve (PLOVER reads four)."""
    used = set(lookup_aliases(*exprs))
    return "".join(f"\n    {join}" for alias, join in _JOINS if alias in used)


def unregister_lookups(con) -> None:
    for name in ("_lk_country", "_lk_fips", "_lk_igo", "_lk_cameo", "_lk_sector", "_lk_quad"):
        try:
            con.unregister(name)
        except Exception:  # never registered (an error before)
            pass


def _clean(x: str) -> str:
    """A TSV cell: no tabs or line breaks inside; NULL -> ''."""
    v = f"CAST({x} AS VARCHAR)"
    has = f"(contains({v}, chr(9)) OR contains({v}, chr(10)) OR contains({v}, chr(13)))"
    return f"coalesce(CASE WHEN {has} THEN regexp_replace({v}, '[\\t\\r\\n]+', ' ', 'g') ELSE {v} END, '')"


def _num(x: str) -> str:
    """Numbers as GDELT and ICEWS print them: -5.0 -> '-5', 3.4 -> '3.4'; NULL -> ''."""
    return f"coalesce(printf('%.10g', CAST({x} AS DOUBLE)), '')"


def _country_name(iso3: str) -> str:
    """The country's name, the code itself if unknown, NULL for NULL or ''."""
    return f"CASE WHEN nullif({iso3}, '') IS NULL THEN NULL ELSE coalesce({_ALIAS[iso3]}.name, {iso3}) END"


def _igo_name(code: str) -> str:
    return f"{_ALIAS[code]}.name"


def _is_igo(code: str) -> str:
    return f"(substr({code}, 1, 3) IN ('IGO', 'NGO'))"


# -- GDELT 2.0 ---------------------------------------------------------------------------------

def _gdelt_actor(role: str) -> list[str]:
    code, iso3 = f"r.{role}_code", f"r.{role}_country"
    name = (f"coalesce(nullif(r.{role}_name, ''), nullif({_igo_name(code)}, ''), nullif({_country_name(iso3)}, ''), "
            f"nullif(r.{role}_text, ''), '')")
    has = f"nullif({code}, '') IS NOT NULL"
    return [
        f"coalesce({code}, '')",
        f"CASE WHEN {has} THEN upper({_clean(name)}) ELSE '' END",
        f"CASE WHEN {has} THEN coalesce({iso3}, '') ELSE '' END",
        f"CASE WHEN {has} AND {_is_igo(code)} THEN substr({code}, 4, 3) ELSE '' END",
        "''", "''", "''",
        f"CASE WHEN NOT {has} THEN '' WHEN {_is_igo(code)} THEN substr({code}, 1, 3) "
        f"ELSE coalesce(r.{role}_sector, '') END",
        "''", "''",
    ]


def _gdelt_action_geo() -> list[str]:
    has = "r.loc_name IS NOT NULL"
    fips = "coalesce(lk_fips.fips, '')"
    cname = _country_name("r.loc_country")
    admin1 = "nullif(r.loc_admin1, '')"
    name = "nullif(r.loc_name, '')"
    full = (f"concat_ws(', ', {name}, CASE WHEN {admin1} IS DISTINCT FROM {name} THEN {admin1} END, "
            f"CASE WHEN {cname} IS DISTINCT FROM {name} AND {cname} IS DISTINCT FROM {admin1} THEN {cname} END)")
    us = "r.loc_country = 'USA'"
    gtype = (f"CASE WHEN r.loc_feature = 'country' THEN '1' WHEN r.loc_feature = 'admin1' THEN "
             f"(CASE WHEN {us} THEN '2' ELSE '5' END) WHEN {us} THEN '3' ELSE '4' END")
    country_only = f"CASE WHEN r.loc_feature = 'country' THEN {fips} ELSE '' END"
    cols = [gtype, _clean(full), fips, country_only, "''", _num("r.loc_lat"), _num("r.loc_lon"), country_only]
    return [f"CASE WHEN {has} THEN {c} ELSE '' END" for c in cols]


def gdelt_line() -> str:
    """GDELT 2.0's 61 columns, tab-separated. The dates are those of the first day of the known
    period (``date_start``): SQLDATE, Year and FractionDate for every date with a known year,
    MonthYear when the month is known; empty when the year is unknown."""
    known = "r.date_start IS NOT NULL"
    month_known = f"({known} AND length(r.date) IN (7, 10))"
    frac = ("printf('%.4f', year(r.date_start) + ((month(r.date_start) - 1) * 30 + day(r.date_start)) / 365.0)")
    cols = [
        "CAST(CAST('0x' || substr(r.dedup_id, 1, 15) AS BIGINT) AS VARCHAR)",
        f"CASE WHEN {known} THEN strftime(r.date_start, '%Y%m%d') ELSE '' END",
        f"CASE WHEN {month_known} THEN strftime(r.date_start, '%Y%m') ELSE '' END",
        f"CASE WHEN {known} THEN CAST(year(r.date_start) AS VARCHAR) ELSE '' END",
        f"CASE WHEN {known} THEN {frac} ELSE '' END",
        *_gdelt_actor("source"), *_gdelt_actor("target"),
        "CAST(coalesce(r.is_root_event, 0) AS VARCHAR)", "r.cameo", "substr(r.cameo, 1, 3)", "r.cameo_root",
        "CAST(r.quad_class AS VARCHAR)", _num("r.goldstein"),
        "CAST(r.num_mentions AS VARCHAR)", "CAST(r.num_sources AS VARCHAR)", "CAST(r.num_articles AS VARCHAR)",
        "''",
        *(["''"] * 16),
        *_gdelt_action_geo(),
        "coalesce(strftime(r.coded_at, '%Y%m%d%H%M%S'), '')", _clean("r.article_url"),
    ]
    assert len(cols) == 61
    return f"concat_ws({_TAB}, {', '.join(cols)})"


# -- ICEWS -------------------------------------------------------------------------------------

def icews_event_id_sql(col: str = "r.event_id") -> str:
    """ICEWS's Event ID is an integer: the first 15 hex digits of steppe's event id (20 hex
    digits), or of the MD5 of an id that is not hexadecimal."""
    return (f"CAST(CAST('0x' || substr(CASE WHEN regexp_full_match({col}, '[0-9a-f]{{15,}}') THEN {col} "
            f"ELSE md5({col}) END, 1, 15) AS BIGINT) AS VARCHAR)")


def _icews_actor(role: str) -> list[str]:
    code, iso3, sector = f"r.{role}_code", f"r.{role}_country", f"nullif(r.{role}_sector, '')"
    has = f"nullif({code}, '') IS NOT NULL"
    country = f"coalesce({_country_name(iso3)}, '')"
    sectors = (f"CASE WHEN {_is_igo(code)} THEN lk_{role}_group.name WHEN {sector} IS NULL THEN '' "
               f"ELSE coalesce(lk_{role}_sector.name, {sector}) END")
    fallback = (f"CASE WHEN {sector} IS NOT NULL AND {country} <> '' THEN {sectors} || ' (' || {country} || ')' "
                f"ELSE coalesce(nullif({country}, ''), nullif(r.{role}_text, ''), {code}) END")
    name = f"coalesce(nullif(r.{role}_name, ''), nullif({_igo_name(code)}, ''), {fallback})"
    return [f"CASE WHEN {has} THEN {_clean(x)} ELSE '' END" for x in (name, sectors, country)]


def icews_line() -> str:
    loc = "r.loc_name IS NOT NULL"
    city = f"CASE WHEN {loc} AND r.loc_feature NOT IN ('admin1', 'country') THEN r.loc_name END"
    province = (f"CASE WHEN NOT {loc} THEN NULL WHEN r.loc_feature = 'admin1' THEN r.loc_name "
                f"WHEN r.loc_feature = 'country' THEN NULL ELSE r.loc_admin1 END")
    cols = [
        icews_event_id_sql(), "coalesce(strftime(r.date_start, '%Y-%m-%d'), '')",
        *_icews_actor("source")[:3],
        _clean("lk_cameo.name"), "r.cameo", _num("r.goldstein"),
        *_icews_actor("target")[:3],
        _clean("r.article_id"), "CAST(r.sentence_index + 1 AS VARCHAR)", _clean("r.article_source"),
        _clean(city), "''", _clean(province),
        f"CASE WHEN {loc} THEN {_clean(_country_name('r.loc_country'))} ELSE '' END",
        _num("r.loc_lat"), _num("r.loc_lon"),
    ]
    assert len(cols) == 20
    return f"concat_ws({_TAB}, {', '.join(cols)})"


# -- PLOVER and the event schema (JSON lines) ----------------------------------------------------

def _empty(x: str) -> str:
    """An empty list of the type of ``[x]``."""
    return f"[{x}][1:0]"


def _plover_actor(role: str) -> str:
    code = f"r.{role}_code"
    igo = _is_igo(code)
    s = (f"struct_pack(code := CASE WHEN {igo} THEN substr({code}, 1, 3) ELSE coalesce(r.{role}_country, "
         f"substr({code}, 1, 3)) END, sector := CASE WHEN {igo} THEN NULL ELSE r.{role}_sector END, "
         f"actor_text := r.{role}_text, identifier_id := r.{role}_actor_id, "
         f"identifier_text := coalesce(nullif(r.{role}_name, ''), CASE WHEN {igo} THEN {_igo_name(code)} END), "
         f"cameo_code := {code})")
    return f"CASE WHEN nullif({code}, '') IS NULL THEN {_empty(s)} ELSE [{s}] END"


def plover_line() -> str:
    """PLOVER JSON (rows where plover_type is set)."""
    loc = ("CASE WHEN r.loc_name IS NULL THEN NULL ELSE struct_pack(geonameid := r.loc_geonameid, "
           "name := r.loc_name, latitude := r.loc_lat, longitude := r.loc_lon, "
           "\"country code\" := lk_loc_country.iso2, cc3 := r.loc_country, "
           "admin1_name := r.loc_admin1, feature := r.loc_feature, place_text := r.loc_text) END")
    version = __version__.replace("'", "''")
    rec = (
        "struct_pack(id := r.event_id, date := r.date, date_precision := r.date_precision, "
        f"source := {_plover_actor('source')}, recipient := {_plover_actor('target')}, "
        "event := [r.plover_type], mode := r.plover_mode, context := [], event_loc := " + loc + ", "
        "event_text := CASE WHEN nullif(r.trigger, '') IS NULL THEN [r.trigger][1:0] ELSE [r.trigger] END, "
        "quad_code := lk_quad.quad, event_scale := r.goldstein, "
        "link := r.dedup_id, text := r.evidence, "
        "text_info := struct_pack(sequence := r.sentence_index, start := r.evidence_start, \"end\" := r.evidence_end), "
        "cite_info := struct_pack(citation := r.article_id, url := r.article_url, title := r.article_title, "
        "publication := r.article_source, language := 'en', "
        "codebook := 'CAMEO 1.1b3 with the CAMEO2PLOVER-2021 mapping'), "
        f"coder := 'steppe {version}', coded_date := strftime(r.coded_at, '%Y-%m-%d'), "
        "coded_time := strftime(r.coded_at, '%H:%M:%S'), cameo := r.cameo, confidence := r.confidence, "
        "fatal := r.fatal)")
    return f"CAST(to_json({rec}) AS VARCHAR)"


PLOVER_WHERE = "nullif(r.plover_type, '') IS NOT NULL"


def event_json_line(dedup: bool = False) -> str:
    """The event schema (``Event.to_dict``) as JSON; with ``dedup``, the group fields added."""
    def actor(role):
        fields = ", ".join(f"{f} := r.{role}_{f}" for f in ("text", "code", "country", "sector", "actor_id", "name"))
        return f"CASE WHEN r.{role}_code IS NULL THEN NULL ELSE struct_pack({fields}) END"

    loc_fields = ", ".join(f"{f} := r.loc_{f}" for f in ("text", "name", "country", "admin1", "lat", "lon", "feature",
                                                        "geonameid"))
    parts = [f"{c} := r.{c}" for c in ("event_id", "article_id", "sentence_index", "evidence", "evidence_start",
                                         "evidence_end", "date", "date_precision", "date_source")]
    parts += [f"source := {actor('source')}", f"target := {actor('target')}"]
    parts += [f"{c} := r.{c}" for c in ("cameo", "cameo_root", "quad_class", "goldstein", "plover_type",
                                         "plover_mode")]
    parts.append(f"location := CASE WHEN r.loc_name IS NULL THEN NULL ELSE struct_pack({loc_fields}) END")
    parts += [f"{c} := r.{c}" for c in ("confidence", "trigger", "explanation", "fatal", "background")]
    parts.append("mentions := coalesce(CAST(r.mentions AS JSON), CAST('[]' AS JSON))")
    parts.append("main_clause := r.main_clause")
    if dedup:
        parts += [f"{c} := r.{c}" for c in ("dedup_id", "num_mentions", "num_articles", "num_sources")]
    return f"CAST(to_json(struct_pack({', '.join(parts)})) AS VARCHAR)"


def flat_columns(dedup: bool = False) -> str:
    """CSV and Parquet: the flat event columns with ``date_start`` (DATE) after ``date_source``;
    with ``dedup``, the group counts after them."""
    cols = []
    for c in EVENT_COLUMNS:
        cols.append(f"r.{c}")
        if c == "date_source":
            cols.append("r.date_start")
    if dedup:
        cols += ["r.num_mentions", "r.num_articles", "r.num_sources", "r.is_root_event"]
    return ", ".join(cols)
