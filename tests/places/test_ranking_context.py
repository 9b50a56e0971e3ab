"""Ranking by article context: a national capital against namesakes abroad, and macro-regions
(sentences written for these tests)."""
from __future__ import annotations

from steppe.places import find_places
from steppe.places.resolve import Context, candidates, rank
from tests.places.test_resolve import _sentence_doc


def test_a_capital_of_a_named_country_beats_a_namesake_in_a_much_named_region(gaz):
    # An article naming Britain and English towns three times each (England in context) and the
    # United States three times: Washington, Tyne and Wear gains country and region context, the
    # capital only its country's; a capital of a named country keeps its namesakes abroad behind.
    ctx = Context()
    for i, name in enumerate(["london", "manchester", "leeds", "bristol"]):
        ctx.add(f"t{i}", rank(candidates(gaz, name, allow_abbr=False, fuzzy=False, sub_spans=False),
                              name, None, None)[0].entry)
    for i in range(3):
        ctx.add(f"gb{i}", gaz.countries["GB"])
        ctx.add(f"us{i}", gaz.countries["US"])
    ranked = rank(candidates(gaz, "washington", allow_abbr=False, fuzzy=False, sub_spans=False),
                  "washington", ctx, None)
    assert (ranked[0].entry.cc, ranked[0].entry.geonameid) == ("US", 4140963)


def test_the_capital_bonus_never_passes_its_own_country_or_state(gaz):
    doc = _sentence_doc("Firms moved from California or Washington to Texas and Mexico .",
                        ["California", "Washington", "Texas", "Mexico"])
    found = {m.place.text: m.place for m in find_places(doc, "c2", gazetteer=gaz)}
    assert (found["Washington"].feature, found["Washington"].country) == ("admin1", "USA")
    assert found["Mexico"].feature == "country"


def test_an_abbreviation_labelled_an_organisation_stands_for_a_country_the_article_names(gaz):
    doc = _sentence_doc("Miners in South Africa protested . Platinum reserves in SA are the largest .",
                        ["South Africa"], {"SA": "ORG"})
    found = {m.place.text: m.place for m in find_places(doc, "c3", gazetteer=gaz)}
    assert (found["SA"].country, found["SA"].feature) == ("ZAF", "country")


def test_an_abbreviation_labelled_an_organisation_is_no_place_without_its_country(gaz):
    doc = _sentence_doc("Miners in Chile protested . Shares of Anglo SA fell .", ["Chile"], {"Anglo SA": "ORG"})
    assert "SA" not in {m.place.text for m in find_places(doc, "c4", gazetteer=gaz)}
