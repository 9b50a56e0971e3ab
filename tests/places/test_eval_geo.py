"""The geocoding scorers (steppe.eval.geo) on hand-made gold and predictions, no model."""
from __future__ import annotations

import pytest

from steppe.eval.geo import MISS_KM, GoldToponym, _align, haversine_km, read_trnews, score
from steppe.records import Place, PlaceMention


def test_haversine():
    assert haversine_km(0, 0, 0, 0) == 0
    assert haversine_km(42.87, 74.59, 43.25249, 76.9115) == pytest.approx(193.4, abs=0.5)  # Bishkek-Almaty
    assert haversine_km(0, 0, 0, 180) == pytest.approx(20015.1, abs=0.1)  # half the mean circumference


def test_offsets_off_by_one_are_realigned():
    text = "Police in Etobicoke, the west end."
    assert _align(text, 11, 20, "Etobicoke") == (10, 19)
    assert _align(text, 10, 19, "Etobicoke") == (10, 19)
    assert _align(text, 0, 3, "Nowhere") == (0, 3)


def test_score_matches_by_overlap_and_counts_misses():
    gold = [GoldToponym("a", 10, 16, "Almaty", 43.25, 76.91),
            GoldToponym("a", 30, 37, "Bishkek", 42.87, 74.59),
            GoldToponym("a", 50, 56, "Moscow", 55.75, 37.62)]
    almaty = Place("Almaty", "Almaty", "KAZ", None, 43.25249, 76.9115, "city", 1526384)
    far = Place("Bishkek", "Bishkek", "KGZ", None, 42.87, 80.0, "city", None)  # about 440 km east
    preds = {"a": [PlaceMention("a", 9, 16, almaty), PlaceMention("a", 30, 37, far)]}
    r = score(gold, preds)
    assert (r["n"], r["accuracy_161km"], r["recognised"], r["misses"]) == (3, 0.3333, 0.6667, 2)
    assert [m["text"] for m in r["example_misses"]] == ["Bishkek", "Moscow"]
    assert r["example_misses"][1]["error_km"] == MISS_KM
    assert r["median_error_km"] == pytest.approx(haversine_km(42.87, 74.59, 42.87, 80.0), abs=0.1)


def test_read_trnews_format(tmp_path):
    (tmp_path / "TR-News.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?><articles><article docid="7"><text><![CDATA[Flights to Ankara.]]>'
        "</text><toponyms><toponym><phrase>Ankara</phrase><start>11</start><end>17</end>"
        '<gaztag geonameid="323786"><name>Ankara</name><lat>39.91987</lat><lon>32.85427</lon></gaztag>'
        "</toponym></toponyms></article></articles>", encoding="utf-8")
    texts, gold = read_trnews(tmp_path)
    assert texts == {"7": "Flights to Ankara."}
    assert gold == [GoldToponym("7", 11, 17, "Ankara", 39.91987, 32.85427)]
