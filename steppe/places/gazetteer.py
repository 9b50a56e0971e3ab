"""The offline gazetteer: built once into an indexed SQLite file, then opened read-only.

    >>> from steppe.places.gazetteer import get_gazetteer
    >>> gaz = get_gazetteer()              # builds ~/.cache/steppe/gazetteer-*.sqlite on first use
    >>> [e.name for e, q in gaz.lookup("bishkek")]
    ['Bishkek']

The cache lives in ``cache_dir`` (argument), else ``$STEPPE_CACHE_DIR``, else ``~/.cache/steppe``.
Its file name carries a digest of the builder's version, the source packages' versions and
steppe's data files, so a change to any of them builds a new file (and removes the old one).
Opening an existing cache reads a few thousand rows (countries, regions, demonyms); names are
looked up through SQLite indexes, so nothing large is held in memory.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from steppe.errors import SteppeError
from steppe.places.names import fold, norm, skeleton

BUILDER_VERSION = "6"

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE place(
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, kind TEXT NOT NULL,
    feature TEXT NOT NULL, cc TEXT, country TEXT, admin1 TEXT, admin1_code TEXT,
    lat REAL, lon REAL, population INTEGER NOT NULL, alt_count INTEGER NOT NULL);
CREATE TABLE name(key TEXT NOT NULL, place INTEGER NOT NULL, q INTEGER NOT NULL);
CREATE TABLE fuzzy(skel TEXT NOT NULL, key TEXT NOT NULL);
CREATE TABLE demonym(key TEXT PRIMARY KEY, cc TEXT, place TEXT);
"""
_INDEXES = """
CREATE INDEX name_key ON name(key);
CREATE INDEX fuzzy_skel ON fuzzy(skel);
"""
_PLACE_COLS = ("id, geonameid, name, kind, feature, cc, country, admin1, admin1_code, lat, lon, "
               "population, alt_count")
# Arabic articles: "Al Qamishli" is also found as "Qamishli".
_ARTICLES = ("al ", "el ", "ad ", "ar ", "as ", "ash ", "at ", "az ", "an ", "adh ", "ath ")


class GazetteerError(SteppeError):
    """The gazetteer cache cannot be built or opened."""


@dataclass(frozen=True)
class GazEntry:
    """One row of the gazetteer."""

    id: int
    geonameid: Optional[int]
    name: str
    kind: str  # PCLI | CONT | ADM1 | ADM2 | PPL | PPLC | region | sea | river | ...
    feature: str  # country | admin1 | city | other
    cc: Optional[str]  # ISO2
    country: Optional[str]  # ISO3
    admin1: Optional[str]
    admin1_code: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    population: int
    alt_count: int


def _keys(names: dict[str, int]) -> dict[str, int]:
    """Normalised keys of an entry's names with their best quality; a name after an Arabic
    article is also indexed without it."""
    best: dict[str, int] = {}
    for n, q in names.items():
        k = norm(n)
        if not k:
            continue
        variants = [(k, q)]
        if k.startswith(_ARTICLES) and len(k.split(" ", 1)[1]) >= 4:
            variants.append((k.split(" ", 1)[1], max(q, 1)))
        for key, qual in variants:
            if qual < best.get(key, 9):
                best[key] = qual
    return best


def cache_key(versions: dict[str, str]) -> str:
    blob = json.dumps({"builder": BUILDER_VERSION, **versions}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:12]


def build(path: Path) -> dict[str, str]:
    """Build the gazetteer into ``path`` (written to a temporary file, then renamed)."""
    from steppe.places.build import assemble
    from steppe.places.sources import source_versions

    versions = source_versions()
    entries, iso3, demonyms = assemble()
    admin1_names = {e.admin1_code: e.name for e in entries if e.kind == "ADM1" and e.admin1_code}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        places, names, keys = [], [], set()
        for pid, e in enumerate(entries, start=1):
            admin1 = admin1_names.get(e.admin1_code) if e.admin1_code else None
            places.append((pid, e.geonameid, e.name, e.kind, e.feature, e.cc, iso3.get(e.cc or ""),
                           admin1, e.admin1_code, e.lat, e.lon, e.population, e.alt_count))
            for k, q in _keys(e.names).items():
                names.append((k, pid, q))
                keys.add(k)
        con.executemany(f"INSERT INTO place({_PLACE_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", places)
        con.executemany("INSERT INTO name VALUES (?,?,?)", names)
        con.executemany("INSERT INTO fuzzy VALUES (?,?)",
                        ((skeleton(k), k) for k in keys if len(k) >= 4))
        dem = {}
        for word, cc, place in demonyms:
            for form in (word, word + "s", word + "es"):
                dem.setdefault(norm(form), (cc or None, place or None))
        con.executemany("INSERT INTO demonym VALUES (?,?,?)", ((k, c, p) for k, (c, p) in dem.items()))
        meta = {"builder": BUILDER_VERSION, **versions, "places": str(len(places)), "names": str(len(names))}
        con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        con.executescript(_INDEXES)
        con.commit()
        con.execute("VACUUM")
        con.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return meta


_BUILD_LOCK = threading.Lock()


def ensure_built(cache_dir: Optional[os.PathLike] = None) -> Path:
    """Path of an up-to-date gazetteer file in the cache folder, building it if needed."""
    from steppe.places.sources import cache_dir as resolve_dir, source_versions

    folder = resolve_dir(cache_dir)
    path = folder / f"gazetteer-{cache_key(source_versions())}.sqlite"
    if path.exists():
        return path
    with _BUILD_LOCK:
        if not path.exists():
            try:
                build(path)
            except OSError as exc:
                raise GazetteerError(f"cannot build the gazetteer in {folder}: {exc}") from exc
            for old in folder.glob("gazetteer-*.sqlite"):
                if old != path:
                    old.unlink(missing_ok=True)
    return path


class Gazetteer:
    """Read-only access to a built gazetteer file."""

    def __init__(self, path: os.PathLike):
        self.path = Path(path)
        try:
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self.meta = dict(self._con.execute("SELECT key, value FROM meta"))
        except sqlite3.Error as exc:
            raise GazetteerError(f"cannot open the gazetteer {self.path}: {exc}") from exc
        self._lock = threading.Lock()
        rows = self._con.execute(
            f"SELECT {_PLACE_COLS} FROM place WHERE kind IN ('PCLI', 'ADM1')").fetchall()
        entries = [GazEntry(*r) for r in rows]
        self.countries: dict[str, GazEntry] = {e.cc: e for e in entries if e.kind == "PCLI" and e.cc}
        self.countries_iso3: dict[str, GazEntry] = {
            e.country: e for e in self.countries.values() if e.country}
        self.admin1: dict[str, GazEntry] = {
            e.admin1_code: e for e in entries if e.kind == "ADM1" and e.admin1_code}
        self.demonyms: dict[str, tuple[Optional[str], Optional[str]]] = {
            k: (c, p) for k, c, p in self._con.execute("SELECT key, cc, place FROM demonym")}
        self._entry_cache: dict[int, GazEntry] = {e.id: e for e in entries}
        self._key_cache: dict[str, bool] = {}  # has_key answers

    def close(self) -> None:
        self._con.close()

    def _entries(self, ids: list[int]) -> dict[int, GazEntry]:
        missing = [i for i in ids if i not in self._entry_cache]
        if missing:
            marks = ",".join("?" * len(missing))
            with self._lock:
                rows = self._con.execute(
                    f"SELECT {_PLACE_COLS} FROM place WHERE id IN ({marks})", missing).fetchall()
            if len(self._entry_cache) > 200_000:
                self._entry_cache = {k: v for k, v in self._entry_cache.items() if v.kind in ("PCLI", "ADM1")}
            for r in rows:
                self._entry_cache[r[0]] = GazEntry(*r)
        return {i: self._entry_cache[i] for i in ids if i in self._entry_cache}

    def capital(self, cc: str) -> Optional[GazEntry]:
        """The capital town of a country (ISO2), if the gazetteer has it."""
        with self._lock:
            row = self._con.execute(
                f"SELECT {_PLACE_COLS} FROM place WHERE kind = 'PPLC' AND cc = ? "
                "ORDER BY population DESC LIMIT 1", (cc,)).fetchone()
        return GazEntry(*row) if row else None

    def has_key(self, key: str) -> bool:
        known = self._key_cache.get(key)
        if known is not None:
            return known
        with self._lock:
            known = self._con.execute("SELECT 1 FROM name WHERE key = ? LIMIT 1", (key,)).fetchone() is not None
        if len(self._key_cache) > 200_000:  # bounded: a long run sees many distinct capitalised runs
            self._key_cache.clear()
        self._key_cache[key] = known
        return known

    def lookup(self, key: str, limit: int = 400) -> list[tuple[GazEntry, int]]:
        """Entries whose name (normalised with ``names.norm``) is exactly ``key``, with the
        name's quality (0 main name, 1 alternate name, 2 abbreviation)."""
        if not key:
            return []
        with self._lock:
            rows = self._con.execute(
                "SELECT n.place, n.q FROM name n JOIN place p ON p.id = n.place WHERE n.key = ? "
                "ORDER BY p.population DESC LIMIT ?", (key, limit)).fetchall()
        entries = self._entries([r[0] for r in rows])
        return [(entries[pid], q) for pid, q in rows if pid in entries]

    def similar_keys(self, key: str, min_score: float = 85.0, limit: int = 8) -> list[tuple[str, float]]:
        """Indexed names that are transliteration variants of ``key`` (same skeleton, folded
        forms at least ``min_score`` similar), best first."""
        from rapidfuzz import fuzz

        sk = skeleton(key)
        if len(sk) < 2:
            return []
        with self._lock:
            keys = [r[0] for r in self._con.execute("SELECT key FROM fuzzy WHERE skel = ?", (sk,))]
        target = fold(key)
        scored = [(k, fuzz.ratio(target, fold(k))) for k in keys if k != key]
        scored = [(k, s) for k, s in scored if s >= min_score]
        scored.sort(key=lambda ks: -ks[1])
        return scored[:limit]


@functools.lru_cache(maxsize=4)
def _open(folder: str) -> Gazetteer:
    return Gazetteer(ensure_built(folder))


def get_gazetteer(cache_dir: Optional[os.PathLike] = None) -> Gazetteer:
    """The gazetteer for this process (built into the cache folder on first use, then opened
    once per folder and process)."""
    from steppe.places.sources import cache_dir as resolve_dir

    return _open(str(resolve_dir(cache_dir)))
