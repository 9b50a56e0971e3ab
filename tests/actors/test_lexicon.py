"""Schema and content tests for the built-in actor lexicons (steppe/data/actors/*.tsv)."""
from __future__ import annotations

import pycountry
import pytest

from steppe.actors.lexicon import (
    CountryEntry,
    load_countries,
    load_igos,
    load_sectors,
    parse_countries,
    parse_igos,
    parse_sectors,
)

ALLOWED_SECTORS = {
    "GOV", "LEG", "MIL", "COP", "SPY", "JUD", "OPP", "REB", "REF", "CVL", "EDU", "MED",
    "BUS", "LAB", "REL", "HLH", "NGO", "ELI", "AGR", "CRM", "PTY", "UAF", "RAD",
}


@pytest.fixture(scope="module")
def countries() -> dict[str, CountryEntry]:
    return {c.iso3: c for c in load_countries()}


def _country_strings(c: CountryEntry) -> list[str]:
    return [c.name, *c.aliases, *c.adjectives]


# -- countries ------------------------------------------------------------------------------

def test_every_pycountry_country_present(countries):
    missing = {c.alpha_3 for c in pycountry.countries} - set(countries)
    assert not missing
    assert "XKX" in countries and countries["XKX"].name == "Kosovo"


def test_iso2_matches_pycountry(countries):
    for c in pycountry.countries:
        assert countries[c.alpha_3].iso2 == c.alpha_2


def test_every_country_has_an_adjective(countries):
    assert [iso for iso, c in countries.items() if not c.adjectives] == []


def test_no_string_maps_to_two_countries(countries):
    owner: dict[str, str] = {}
    clashes = []
    for iso, c in countries.items():
        for s in _country_strings(c):
            prev = owner.setdefault(s.lower(), iso)
            if prev != iso:
                clashes.append((s, prev, iso))
    assert clashes == []


def test_capitals_do_not_collide_with_other_countries(countries):
    owner = {s.lower(): iso for iso, c in countries.items() for s in _country_strings(c)}
    seen: dict[str, str] = {}
    for iso, c in countries.items():
        for cap in c.capitals:
            assert owner.get(cap.lower(), iso) == iso, (cap, iso)
            assert seen.setdefault(cap.lower(), iso) == iso, (cap, iso)


def test_country_strings_do_not_collide_with_igos(countries):
    country_strings = {s.lower() for c in countries.values() for s in _country_strings(c)}
    for g in load_igos():
        for s in (g.name, *g.aliases):
            assert s.lower() not in country_strings, (s, g.code)


def test_no_lowercase_or_padded_country_strings(countries):
    for c in countries.values():
        for s in _country_strings(c):
            bare = s[4:] if s.startswith("the ") else s
            assert s == s.strip() and bare[:1].isupper(), (c.iso3, s)


def test_central_asia(countries):
    kaz = countries["KAZ"]
    assert {"Kazak", "Kazakh", "Kazakhs", "Kazakhstani"} <= set(kaz.adjectives)
    assert "Kazakstan" in kaz.aliases
    assert kaz.capitals[0] == "Astana"
    assert "Almaty" not in kaz.capitals
    assert "Tajik" in countries["TJK"].adjectives
    assert {"Kyrgyz", "Kirghiz"} <= set(countries["KGZ"].adjectives)
    assert "Kirghizia" in countries["KGZ"].aliases
    assert "Uzbek" in countries["UZB"].adjectives
    assert "Turkmen" in countries["TKM"].adjectives
    assert "Afghan" in countries["AFG"].adjectives


def test_common_short_names(countries):
    expected = {"RUS": "Russia", "IRN": "Iran", "KOR": "South Korea", "PRK": "North Korea",
                "SYR": "Syria", "VNM": "Vietnam", "BOL": "Bolivia", "TZA": "Tanzania",
                "MDA": "Moldova", "LAO": "Laos", "USA": "United States", "GBR": "United Kingdom"}
    assert {iso: countries[iso].name for iso in expected} == expected


def test_usa_and_gbr_aliases(countries):
    usa = countries["USA"]
    assert {"US", "U.S.", "United States of America"} <= set(usa.aliases)
    assert "United States" in (usa.name, *usa.aliases)
    assert {"American", "Americans"} <= set(usa.adjectives)
    assert {"Britain", "UK"} <= set(countries["GBR"].aliases)
    assert "British" in countries["GBR"].adjectives


@pytest.mark.parametrize("text, iso3", [
    ("Congo", "COG"), ("DR Congo", "COD"), ("Zaire", "COD"), ("Congolese", "COD"),
    ("Guinean", "GIN"), ("Dominican", "DOM"), ("Korean", "KOR"), ("North Korean", "PRK"),
    ("Sudanese", "SDN"), ("South Sudanese", "SSD"), ("Ivory Coast", "CIV"), ("Burma", "MMR"),
    ("Turkey", "TUR"), ("Turkiye", "TUR"), ("Czechia", "CZE"), ("Byelorussia", "BLR"),
    ("Moldavia", "MDA"), ("Palestinians", "PSE"), ("Israeli", "ISR"), ("Russians", "RUS"),
])
def test_ambiguous_names_resolve(countries, text, iso3):
    hits = [c.iso3 for c in countries.values() if text.lower() in {s.lower() for s in _country_strings(c)}]
    assert hits == [iso3]


def test_no_ordinary_word_adjectives(countries):
    all_adj = {a.lower() for c in countries.values() for a in c.adjectives}
    assert not all_adj & {"chad", "pole", "poles", "guinea", "congo"}


# -- IGOs -----------------------------------------------------------------------------------

def _igo_for(text: str) -> list[str]:
    return [g.code for g in load_igos() if text.lower() in {s.lower() for s in (g.name, *g.aliases)}]


def test_igo_aliases_unique():
    owner: dict[str, str] = {}
    for g in load_igos():
        for s in (g.name, *g.aliases):
            assert owner.setdefault(s.lower(), g.code) == g.code, s


@pytest.mark.parametrize("text, code", [
    ("NATO", "IGOWSTNAT"), ("UN", "IGOUNO"), ("U.N.", "IGOUNO"), ("United Nations", "IGOUNO"),
    ("European Union", "IGOEUREEC"), ("CIS", "IGOCIS"), ("CSTO", "IGOCST"),
    ("CIS Collective Security Treaty", "IGOCST"), ("Shanghai Five", "IGOSCO"),
    ("Shanghai Cooperation Organization", "IGOSCO"), ("OSCE", "IGOOSC"), ("IMF", "IGOIMF"),
    ("World Bank", "IGOWBK"), ("Red Cross", "NGORCR"), ("Human Rights Watch", "NGOHRW"),
])
def test_igo_lookup(text, code):
    assert _igo_for(text) == [code]


def test_igo_count():
    assert 40 <= len(load_igos()) <= 80


# -- sectors --------------------------------------------------------------------------------

def test_sector_codes_and_kinds():
    rows = load_sectors()
    assert len(rows) >= 200
    assert {s.sector for s in rows} <= ALLOWED_SECTORS
    assert {s.kind for s in rows} <= {"title", "group", "org", "name"}


def test_sector_phrases_unique_and_lowercase():
    phrases = [s.phrase for s in load_sectors()]
    assert len(phrases) == len(set(phrases))
    assert all(p == p.lower() == p.strip() for p in phrases)


@pytest.mark.parametrize("phrase, sector", [
    ("police", "COP"), ("refugees", "REF"), ("foreign minister", "GOV"), ("magazine", "MED"),
    ("opposition activist", "OPP"), ("rebels", "REB"), ("border guards", "COP"),
    ("defence minister", "GOV"), ("military", "MIL"), ("parliament", "LEG"), ("court", "JUD"),
    ("students", "EDU"), ("workers", "LAB"), ("activist", "CVL"), ("embassy", "GOV"),
    ("intelligence service", "SPY"), ("security council secretary", "GOV"),
])
def test_sector_lookup(phrase, sector):
    by_phrase = {s.phrase: s.sector for s in load_sectors()}
    assert by_phrase[phrase] == sector


def test_sector_kinds():
    kinds = {s.phrase: s.kind for s in load_sectors()}
    assert kinds["president"] == "title"
    assert kinds["refugees"] == "group"
    assert kinds["ministry"] == "org"


# -- loader ---------------------------------------------------------------------------------

def test_loaders_are_cached():
    assert load_countries() is load_countries()
    assert load_sectors() is load_sectors()


@pytest.mark.parametrize("parse, text, needle", [
    (parse_countries, "iso3\tiso2\tname\taliases\tadjectives\tcapital\nKAZ\tKZ\tKazakhstan\n",
     "countries.tsv line 2"),
    (parse_countries, "iso3\tiso2\tname\taliases\tadjectives\tcapital\n"
     "KAZ\tKZ\tKazakhstan\t\tKazakh\tAstana\nkaz\tKZ\tX\t\tY\t\n", "countries.tsv line 3"),
    (parse_countries, "iso3\tiso2\tname\taliases\tadjectives\tcapital\n"
     "KAZ\tKZ\tKazakhstan\tA||B\tKazakh\t\n", "countries.tsv line 2"),
    (parse_igos, "code\tname\taliases\nUNO\tUnited Nations\t\n", "igos.tsv line 2"),
    (parse_sectors, "phrase\tsector\tkind\npolice\tCOP\tperson\n", "sectors.tsv line 2"),
    (parse_sectors, "phrase\tsector\tkind\npolice\tCOP\tgroup\npolice\tCOP\tgroup\n",
     "sectors.tsv line 3"),
    (parse_sectors, "phrase sector kind\n", "sectors.tsv line 1"),
])
def test_malformed_rows_raise(parse, text, needle):
    with pytest.raises(ValueError, match=needle):
        parse(text)
