"""General resolution rules: hyphenated modifiers, a common-noun region against a well-known
feature, partial-name fallbacks, coordinated street names (hand-built Docs, invented sentences)."""
from __future__ import annotations

from steppe.places import find_places
from tests.places.test_resolve import FILLER, _at, _doc, _sentence_doc


def _places(doc, gaz):
    return [(doc.text[m.start:m.end], m.place.name, m.place.country) for m in find_places(doc, "g", gazetteer=gaz)]


def test_a_place_before_a_hyphenated_modifier_survives_a_person_entity(gaz):
    # the model runs "Norway" into the byline's person: "Norway-based" still names the country
    toks = [("By", "ADP", False), (":", "PUNCT", True), ("Ann", "PROPN", True), ("Olsen", "PROPN", True),
            ("Norway", "PROPN", False), ("-", "PUNCT", False), ("based", "VERB", True), ("shipper", "NOUN", True),
            ("Fjordline", "PROPN", True), ("grew", "VERB", False), (".", "PUNCT", False)]
    doc = _doc(toks, [(2, 5, "PERSON")])
    assert _places(doc, gaz) == [("Norway", "Norway", "NOR")]


def test_a_hyphenated_surname_is_not_a_modifier(gaz):
    # "Olsen Norway-Smith": a capitalised word after the hyphen keeps the person's name whole
    toks = [("By", "ADP", True), ("Ann", "PROPN", True), ("Norway", "PROPN", False), ("-", "PUNCT", False),
            ("Smith", "PROPN", True), ("wrote", "VERB", False), (".", "PUNCT", False)]
    doc = _doc(toks, [(1, 5, "PERSON")])
    assert _places(doc, gaz) == []


def test_the_gulf_is_the_listed_gulf_near_the_articles_places(gaz):
    doc = _sentence_doc("Ministers from Kuwait and Bahrain discussed shipping in the Gulf today .",
                        ["Kuwait", "Bahrain", "Gulf"])
    found = {m.place.text: m.place for m in find_places(doc, "g1", gazetteer=gaz)}
    assert (found["Gulf"].name, found["Gulf"].feature) == ("Persian Gulf", "other")
    doc = _sentence_doc("Oil rigs off Louisiana and Texas were shut as a storm crossed the Gulf .",
                        ["Louisiana", "Texas", "Gulf"])
    found = {m.place.text: m.place for m in find_places(doc, "g2", gazetteer=gaz)}
    assert found["Gulf"].name == "Gulf of Mexico"


def test_the_gulf_far_from_any_listed_gulf_keeps_its_reading(gaz):
    # an article about Papua New Guinea: no listed gulf within reach, the province stays
    doc = _sentence_doc("Floods hit Kerema and Port Moresby and the Gulf this week .",
                        ["Kerema", "Port Moresby", "Gulf"])
    found = {m.place.text: m.place for m in find_places(doc, "g3", gazetteer=gaz)}
    assert (found["Gulf"].country, found["Gulf"].feature) == ("PNG", "admin1")


def test_a_split_part_far_from_the_article_is_dropped(gaz):
    # "Nile Delta" is split into "Nile" and "Delta": the Nigerian state of Delta is far from
    # Cairo and Nigeria is not named, so only the river stays
    doc = _sentence_doc("He grew up in a village north of Cairo in the Nile Delta .", ["Cairo", "Nile Delta"],
                        {"Nile Delta": "LOC"})
    found = [(m.place.text, m.place.name, m.place.country) for m in find_places(doc, "g4", gazetteer=gaz)]
    assert ("Nile", "Nile", None) in found
    assert not any(country == "NGA" for _, _, country in found)


def test_a_split_part_in_a_country_the_article_names_stays(gaz):
    doc = _sentence_doc("Protests in Lagos spread to Warri Delta and to Nigeria 's capital .",
                        ["Lagos", "Warri Delta", "Nigeria"], {"Warri Delta": "LOC"})
    found = {m.place.text: m.place for m in find_places(doc, "g5", gazetteer=gaz)}
    assert (found["Delta"].country, found["Delta"].feature) == ("NGA", "admin1")


def test_a_transliteration_variant_abroad_is_not_taken(gaz):
    # "Hammad" is only a fuzzy variant of Hamada, Japan: beside Cairo it is a local name
    doc = _sentence_doc("Police in Cairo and Giza said Hammad was calm .", ["Cairo", "Giza", "Hammad"])
    found = {m.place.text: m.place for m in find_places(doc, "g6", gazetteer=gaz)}
    assert found["Hammad"].country == "EGY"
    assert found["Hammad"].geonameid is None


def test_names_sharing_a_plural_street_word_are_streets_of_the_home_town(gaz):
    # "Salem" and "Dover" are towns elsewhere; "Salem and Dover avenues" are streets of Fresno
    doc = _sentence_doc(f"Police in Fresno and Fresno said . {FILLER} a car hit a pole at Salem and Dover avenues .",
                        ["Fresno"])
    found = [(m.place.text, m.place.feature, _at(m.place)) for m in find_places(doc, "g7", gazetteer=gaz)]
    fresno = next(at for text, _, at in found if text == "Fresno")
    assert [(t, f, at == fresno) for t, f, at in found if t in ("Salem", "Dover")] == [
        ("Salem", "other", True), ("Dover", "other", True)]


def test_towns_before_a_plural_building_word_stay_towns(gaz):
    # airports are named after their towns: "Leeds and Glasgow airports" keep the towns
    doc = _sentence_doc("Flights from Leeds and Glasgow airports were cancelled in Britain .",
                        ["Leeds", "Glasgow", "Britain"])
    found = {m.place.text: m.place for m in find_places(doc, "g8", gazetteer=gaz)}
    assert (found["Leeds"].feature, found["Glasgow"].feature) == ("city", "city")


def test_a_person_read_as_a_region_abroad_is_no_place(gaz):
    doc = _sentence_doc("In Dublin , Michael told reporters the deal was done .", ["Dublin"], {"Michael": "PERSON"})
    assert [m.place.text for m in find_places(doc, "g9", gazetteer=gaz)] == ["Dublin"]
    # in an article about the region's country it is still the region
    doc = _sentence_doc("Protests in Venezuela spread from Caracas to Miranda on Sunday .", ["Venezuela", "Caracas"],
                        {"Miranda": "PERSON"})
    found = {m.place.text: m.place for m in find_places(doc, "g10", gazetteer=gaz)}
    assert (found["Miranda"].country, found["Miranda"].feature) == ("VEN", "admin1")
