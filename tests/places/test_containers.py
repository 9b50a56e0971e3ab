"""Places the gazetteer cannot name, put where the text says they are (issue 17): inside the town
after "in", inside the county or region that qualifies them, or in the article's home area when
the only reading is a small town abroad."""
from __future__ import annotations

import pytest

from steppe.places import find_places


def _found(gaz, text):
    from steppe.nlp import get_nlp

    return {text[m.start:m.end]: m.place for m in find_places(get_nlp()(text), "c1", gazetteer=gaz)}


@pytest.mark.model
def test_a_place_in_a_town_is_in_that_town(gaz):
    found = _found(gaz, "She moved out of an informal settlement to live in Delft in Cape Town. "
                        "He was taken to the Bambino Gesu Paediatric Hospital in Rome.")
    cape_town, rome = found["Cape Town"], found["Rome"]
    assert (found["Delft"].country, found["Delft"].feature, found["Delft"].lat) == ("ZAF", "other", cape_town.lat)
    hospital = found["Bambino Gesu Paediatric Hospital"]
    assert (hospital.country, hospital.lat, hospital.lon) == ("ITA", rome.lat, rome.lon)


@pytest.mark.model
def test_a_town_read_near_its_qualifier_keeps_its_reading(gaz):
    found = _found(gaz, "Police in Paris, Texas, said the suspect fled. Shows in Copenhagen, Hamburg were cancelled.")
    assert (found["Paris"].feature, found["Paris"].admin1) == ("city", "Texas")
    assert (found["Copenhagen"].country, found["Copenhagen"].feature) == ("DNK", "city")


@pytest.mark.model
def test_a_village_the_gazetteer_lacks_is_placed_in_its_county(gaz):
    from spacy.tokens import Doc, Span

    from steppe.nlp import get_nlp

    nlp = get_nlp()
    words = ["The", "race", "is", "at", "Knockhill", ",", "Fife", ",", "on", "Sunday", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True, True, True, True, False, True, False, True, True, False, False])
    doc.ents = [Span(doc, 4, 5, label="GPE"), Span(doc, 6, 7, label="GPE")]
    found = {p.place.text: p.place for p in find_places(doc, "c2", gazetteer=gaz)}
    assert found["Knockhill"].feature == "other" and found["Knockhill"].country == "GBR"
    assert (found["Knockhill"].lat, found["Knockhill"].lon) == (found["Fife"].lat, found["Fife"].lon)


@pytest.mark.model
def test_a_small_town_abroad_that_nothing_else_points_to_is_in_the_home_area(gaz):
    found = _found(gaz, "Liverpool have academy branches in Cairo. Its coach runs the school in Rehab, east of Cairo.")
    assert (found["Rehab"].country, found["Rehab"].feature) == ("EGY", "other")  # not the Jordanian village
    assert (found["Rehab"].lat, found["Rehab"].lon) == (found["Cairo"].lat, found["Cairo"].lon)
    assert found["Liverpool"].country == "GBR"  # a large town abroad keeps its reading


def test_australian_state_abbreviations_and_sa(gaz):
    def targets(key):
        return {(e.cc, e.admin1_code if e.kind == "ADM1" else None) for e, q in gaz.lookup(key) if q == 2}

    assert ("AU", "AU.08") in targets("wa") and ("US", "US.WA") in targets("wa")  # the context decides
    assert ("AU", "AU.05") in targets("sa") and ("ZA", None) in targets("sa")
