"""Built-in actor knowledge: countries, international organisations and sector nouns.

The data lives in ``steppe/data/actors/*.tsv`` (tab-separated, one header line, list-valued
columns joined with ``|``). Each loader reads and validates its file once (cached); a
malformed row raises ``ValueError`` naming the file and line.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.resources import files
from typing import Iterator, Optional

COUNTRY_COLUMNS = ("iso3", "iso2", "name", "aliases", "adjectives", "capital")
IGO_COLUMNS = ("code", "name", "aliases")
SECTOR_COLUMNS = ("phrase", "sector", "kind")
SECTOR_KINDS = frozenset({"title", "group", "org", "name"})
PERSON_COLUMNS = ("code", "name", "short", "aliases")
PEOPLE_COLUMNS = ("forms", "countries")
_TRANSNATIONAL = frozenset({"IGO", "NGO", "IMG"})

_ISO3_RE = re.compile(r"^[A-Z]{3}$")
_ISO2_RE = re.compile(r"^[A-Z]{2}$")
# CAMEO codes organisations as IGO/NGO + 3 characters, optionally after a 3-letter region
# (IGOUNO; IGOEUREEC, IGOAFRAFU, IGOWAFWAS: CAMEO 1.1b3 actor codebook, the team guidelines)
_IGO_CODE_RE = re.compile(r"^(IGO|NGO)([A-Z]{3})?[A-Z0-9]{3}$")
_SECTOR_RE = re.compile(r"^[A-Z]{3}$")
_ACTOR_CODE_RE = re.compile(r"^[A-Z]{3}([A-Z0-9]{3}){0,2}$")


@dataclass(frozen=True)
class CountryEntry:
    iso3: str
    iso2: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True)
class IgoEntry:
    code: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class PersonEntry:
    code: str  # the state's ISO3 + sector (RUSGOV), or an organisation's code (IGOUNO, IMGALQ)
    name: str
    short: tuple[str, ...]  # forms that name the person alone ("Putin")
    aliases: tuple[str, ...]

    @property
    def country(self) -> Optional[str]:
        return None if self.code[:3] in _TRANSNATIONAL else self.code[:3]

    @property
    def sector(self) -> Optional[str]:
        return None if self.code[:3] in _TRANSNATIONAL else (self.code[3:] or None)


@dataclass(frozen=True)
class PeopleEntry:
    forms: tuple[str, ...]  # "Kurd", "Kurds", "Kurdish"
    countries: tuple[str, ...]  # ISO3, the default first


@dataclass(frozen=True)
class SectorEntry:
    phrase: str
    sector: str
    kind: str


def _rows(text: str, filename: str, columns: tuple[str, ...]) -> Iterator[tuple[str, list[str]]]:
    """(where, fields) for each data row of a TSV text; checks the header and field count.
    Comment lines (``#``) before the header are skipped."""
    lines = text.splitlines()
    top = 0
    while top < len(lines) and lines[top].startswith("#"):
        top += 1
    if top >= len(lines) or tuple(lines[top].split("\t")) != columns:
        raise ValueError(f"{filename} line {top + 1}: expected header {columns!r} (tab-separated)")
    for lineno, line in enumerate(lines[top + 1:], start=top + 2):
        if not line.strip():
            continue
        where = f"{filename} line {lineno}"
        fields = line.split("\t")
        if len(fields) != len(columns):
            raise ValueError(f"{where}: expected {len(columns)} tab-separated fields, got {len(fields)}")
        for col, value in zip(columns, fields):
            if value != value.strip():
                raise ValueError(f"{where}: {col} {value!r} has surrounding whitespace")
        yield where, fields


def _split(value: str, column: str, where: str) -> tuple[str, ...]:
    if not value:
        return ()
    parts = tuple(p.strip() for p in value.split("|"))
    if any(not p for p in parts):
        raise ValueError(f"{where}: empty item in {column} {value!r}")
    return parts


def _read(filename: str) -> str:
    return (files("steppe") / "data" / "actors" / filename).read_text(encoding="utf-8")


def parse_countries(text: str, filename: str = "countries.tsv") -> tuple[CountryEntry, ...]:
    out: list[CountryEntry] = []
    seen: set[str] = set()
    for where, (iso3, iso2, name, aliases, adjectives, capital) in _rows(text, filename, COUNTRY_COLUMNS):
        if not _ISO3_RE.match(iso3):
            raise ValueError(f"{where}: bad iso3 {iso3!r}")
        if not _ISO2_RE.match(iso2):
            raise ValueError(f"{where}: bad iso2 {iso2!r}")
        if not name:
            raise ValueError(f"{where}: empty name for {iso3}")
        if iso3 in seen:
            raise ValueError(f"{where}: duplicate iso3 {iso3!r}")
        seen.add(iso3)
        out.append(CountryEntry(iso3, iso2, name, _split(aliases, "aliases", where),
                                _split(adjectives, "adjectives", where),
                                _split(capital, "capital", where)))
    return tuple(out)


def parse_igos(text: str, filename: str = "igos.tsv") -> tuple[IgoEntry, ...]:
    out: list[IgoEntry] = []
    seen: set[str] = set()
    for where, (code, name, aliases) in _rows(text, filename, IGO_COLUMNS):
        if not _IGO_CODE_RE.match(code):
            raise ValueError(f"{where}: bad organisation code {code!r} (IGO/NGO [+ region] + 3 characters)")
        if not name:
            raise ValueError(f"{where}: empty name for {code}")
        if code in seen:
            raise ValueError(f"{where}: duplicate code {code!r}")
        seen.add(code)
        out.append(IgoEntry(code, name, _split(aliases, "aliases", where)))
    return tuple(out)


def parse_sectors(text: str, filename: str = "sectors.tsv") -> tuple[SectorEntry, ...]:
    out: list[SectorEntry] = []
    seen: set[str] = set()
    for where, (phrase, sector, kind) in _rows(text, filename, SECTOR_COLUMNS):
        if not phrase or phrase != phrase.lower():
            raise ValueError(f"{where}: phrase {phrase!r} must be non-empty lowercase")
        if not _SECTOR_RE.match(sector):
            raise ValueError(f"{where}: bad sector code {sector!r}")
        if kind not in SECTOR_KINDS:
            raise ValueError(f"{where}: bad kind {kind!r} (one of {sorted(SECTOR_KINDS)})")
        if phrase in seen:
            raise ValueError(f"{where}: duplicate phrase {phrase!r}")
        seen.add(phrase)
        out.append(SectorEntry(phrase, sector, kind))
    return tuple(out)


def parse_persons(text: str, filename: str = "persons.tsv") -> tuple[PersonEntry, ...]:
    out: list[PersonEntry] = []
    for where, (code, name, short, aliases) in _rows(text, filename, PERSON_COLUMNS):
        if not _ACTOR_CODE_RE.match(code):
            raise ValueError(f"{where}: bad actor code {code!r} (ISO3 + sector, or IGO/NGO/IMG [+ region] + 3)")
        if not name:
            raise ValueError(f"{where}: empty name for {code}")
        out.append(PersonEntry(code, name, _split(short, "short", where), _split(aliases, "aliases", where)))
    return tuple(out)


def parse_peoples(text: str, filename: str = "peoples.tsv") -> tuple[PeopleEntry, ...]:
    out: list[PeopleEntry] = []
    seen: set[str] = set()
    for where, (forms, countries) in _rows(text, filename, PEOPLE_COLUMNS):
        names = _split(forms, "forms", where)
        codes = tuple(countries.split())
        if not names or not codes or not all(_ISO3_RE.match(c) for c in codes):
            raise ValueError(f"{where}: expected forms and space-separated ISO3 codes, got {forms!r} {countries!r}")
        for n in names:
            if n.lower() in seen:
                raise ValueError(f"{where}: duplicate form {n!r}")
            seen.add(n.lower())
        out.append(PeopleEntry(names, codes))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def load_countries() -> tuple[CountryEntry, ...]:
    """Countries and territories (ISO 3166-1 plus Kosovo), in file order."""
    return parse_countries(_read("countries.tsv"))


@functools.lru_cache(maxsize=1)
def load_igos() -> tuple[IgoEntry, ...]:
    """International organisations (IGO...) and a few international NGOs (NGO...)."""
    return parse_igos(_read("igos.tsv"))


@functools.lru_cache(maxsize=1)
def load_persons() -> tuple[PersonEntry, ...]:
    """Prominent political figures with the code of the state or organisation they act for."""
    return parse_persons(_read("persons.tsv"))


@functools.lru_cache(maxsize=1)
def load_peoples() -> tuple[PeopleEntry, ...]:
    """Peoples without a state of their own and the states they mostly live in."""
    return parse_peoples(_read("peoples.tsv"))


@functools.lru_cache(maxsize=1)
def load_sectors() -> tuple[SectorEntry, ...]:
    """Sector nouns and titles (lowercase phrase -> CAMEO-style sector code, kind)."""
    return parse_sectors(_read("sectors.tsv"))


@functools.lru_cache(maxsize=1)
def member_heads() -> frozenset[str]:
    """Lemmas of nouns for members or units of a group ("personnel", "patrol", "fighters")."""
    rows = [ln.strip() for ln in _read("member_heads.tsv").splitlines()
            if ln.strip() and not ln.startswith("#")]
    if not rows or rows[0] != "lemma":
        raise ValueError("member_heads.tsv line 1: expected header 'lemma'")
    return frozenset(rows[1:])


@functools.lru_cache(maxsize=1)
def speaks_for() -> dict[str, str]:
    """Lemmas of nouns for persons who speak or act for another -> the preposition naming whom
    ("spokesperson" -> "for", "adviser" -> "to")."""
    rows = [ln.split("\t") for ln in _read("speaks_for.tsv").splitlines() if ln.strip() and not ln.startswith("#")]
    if not rows or rows[0] != ["lemma", "preposition"] or any(len(r) != 2 for r in rows):
        raise ValueError("speaks_for.tsv: expected header 'lemma<TAB>preposition' and two fields per row")
    return {r[0].strip(): r[1].strip() for r in rows[1:]}


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO3 -> the country's name."""
    return {c.iso3: c.name for c in load_countries()}
