"""Resolving toponyms: single names, hand-built Docs, and real parses (marked ``model``)."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from steppe.places import find_places, resolve_name
from steppe.records import Place, PlaceMention


def _doc(tokens, ents):
    """A Doc built by hand: tokens are (text, pos, space_after); ents are (start, end, label)."""
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=[t[0] for t in tokens], spaces=[t[2] for t in tokens],
              pos=[t[1] for t in tokens], sent_starts=[i == 0 for i in range(len(tokens))])
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return doc


def test_bishkek(gaz):
    p = resolve_name("Bishkek", gazetteer=gaz)
    assert (p.name, p.country, p.feature, p.geonameid) == ("Bishkek", "KGZ", "city", 1528675)
    assert p.lat == pytest.approx(42.87, abs=0.01) and p.lon == pytest.approx(74.59, abs=0.01)


def test_misspelt_country(gaz):
    p = resolve_name("Kazakstan", gazetteer=gaz)
    assert (p.text, p.name, p.country, p.feature, p.admin1) == ("Kazakstan", "Kazakhstan", "KAZ", "country", None)
    assert (p.lat, p.lon) == (48.0, 68.0)


def test_region_with_generic_word_and_variant_spelling(gaz):
    p = resolve_name("Jambyl Province", gazetteer=gaz)
    assert (p.name, p.country, p.feature, p.geonameid) == ("Zhambyl Region", "KAZ", "admin1", 1524444)


def test_lugovoye_in_kazakhstan_context(gaz):
    p = resolve_name("Lugovoye", ["KAZ"], gazetteer=gaz)
    assert (p.name, p.country, p.admin1, p.geonameid) == ("Lugovoy", "KAZ", "Zhambyl Region", 1521293)


def test_context_country_decides_georgia(gaz):
    assert resolve_name("Georgia", gazetteer=gaz).country == "GEO"
    assert resolve_name("Georgia", ["GEO"], gazetteer=gaz).feature == "country"


def test_unknown_name_is_none(gaz):
    assert resolve_name("Qwxzvbnm", gazetteer=gaz) is None
    assert resolve_name("  ", gazetteer=gaz) is None


def test_hand_built_doc_skips_demonyms_and_finds_regions(gaz):
    toks = [("Kazakh", "ADJ", True), ("police", "NOUN", True), ("detained", "VERB", True),
            ("20", "NUM", True), ("Tajik", "ADJ", True), ("citizens", "NOUN", True), ("in", "ADP", True),
            ("Almaty", "PROPN", True), ("and", "CCONJ", True), ("in", "ADP", True), ("Jambyl", "PROPN", True),
            ("Province", "PROPN", False), (".", "PUNCT", False)]
    doc = _doc(toks, [(0, 1, "NORP"), (4, 5, "NORP"), (7, 8, "GPE"), (10, 12, "GPE")])
    found = find_places(doc, "a1", gazetteer=gaz)
    assert [(m.start, m.end, m.place.text, m.place.country, m.place.feature) for m in found] == [
        (44, 50, "Almaty", "KAZ", "city"),
        (58, 73, "Jambyl Province", "KAZ", "admin1"),
    ]
    assert [doc.text[m.start:m.end] for m in found] == ["Almaty", "Jambyl Province"]
    assert all(isinstance(m, PlaceMention) and isinstance(m.place, Place) for m in found)
    assert found[0].to_dict()["article_id"] == "a1"
    with_demonyms = find_places(doc, "a1", include_demonyms=True, gazetteer=gaz)
    assert [(m.place.text, m.place.name) for m in with_demonyms][:2] == [
        ("Kazakh", "Kazakhstan"), ("Tajik", "Tajikistan")]


def test_gazetteer_name_the_model_missed_and_person_names(gaz):
    # "Kyrgyzstan" carries no entity label; "Georgia" inside a person's name is no place.
    toks = [("Troops", "NOUN", True), ("left", "VERB", True), ("Kyrgyzstan", "PROPN", True), ("with", "ADP", True),
            ("Georgia", "PROPN", True), ("Smith", "PROPN", False), (".", "PUNCT", False)]
    doc = _doc(toks, [(4, 6, "PERSON")])
    found = find_places(doc, "a2", gazetteer=gaz)
    assert [(m.place.text, m.place.country) for m in found] == [("Kyrgyzstan", "KGZ")]


@pytest.mark.model
def test_kazakh_authorities_in_almaty(gaz):
    from steppe.nlp import get_nlp

    text = "Kazakh authorities detained 20 Tajik citizens in Almaty on Monday."
    found = find_places(get_nlp()(text), "k1", gazetteer=gaz)
    assert [(m.start, m.end, text[m.start:m.end], m.place.country, m.place.feature) for m in found] == [
        (49, 55, "Almaty", "KAZ", "city")]


@pytest.mark.model
def test_article_context_and_qualifiers(gaz):
    from steppe.nlp import get_nlp

    text = ("Police in Paris, Texas, said the suspect fled to Lugovoye near the border. "
            "Officials in Kazakhstan and in Jambyl Province confirmed it; the U.S.-led inquiry goes on.")
    found = {text[m.start:m.end]: m.place for m in find_places(get_nlp()(text), "k2", gazetteer=gaz)}
    assert (found["Paris"].country, found["Paris"].admin1) == ("USA", "Texas")
    assert found["Texas"].feature == "admin1"
    assert (found["Lugovoye"].name, found["Lugovoye"].country) == ("Lugovoy", "KAZ")
    assert found["Jambyl Province"].country == "KAZ"
    assert found["U.S."].country == "USA"


def test_a_list_of_countries_is_not_a_qualifier(gaz):
    # regression: "Russia, U.S." once read as "Russia, Ohio"-style qualification (Russia, Ohio)
    toks = [("Envoys", "NOUN", True), ("from", "ADP", True), ("Russia", "PROPN", False), (",", "PUNCT", True),
            ("U.S.", "PROPN", True), ("and", "CCONJ", True), ("Iran", "PROPN", True), ("met", "VERB", False),
            (".", "PUNCT", False)]
    doc = _doc(toks, [(2, 3, "GPE"), (4, 5, "GPE"), (6, 7, "GPE")])
    found = find_places(doc, "a3", gazetteer=gaz)
    assert [(m.place.text, m.place.country, m.place.feature) for m in found] == [
        ("Russia", "RUS", "country"), ("U.S.", "USA", "country"), ("Iran", "IRN", "country")]


def test_a_town_qualified_by_its_region(gaz):
    toks = [("Born", "VERB", True), ("in", "ADP", True), ("Churchill", "PROPN", False), (",", "PUNCT", True),
            ("Man.", "PROPN", True), ("she", "PRON", True), ("moved", "VERB", True), ("from", "ADP", True),
            ("Churchill", "PROPN", False), (".", "PUNCT", False)]
    doc = _doc(toks, [(2, 3, "ORG"), (8, 9, "ORG")])
    found = find_places(doc, "a4", gazetteer=gaz)
    assert [(m.place.text, m.place.country, m.place.admin1) for m in found] == [
        ("Churchill", "CAN", "Manitoba"), ("Man.", "CAN", "Manitoba"), ("Churchill", "CAN", "Manitoba")]


def test_a_list_of_towns_is_not_a_town_and_its_qualifier(gaz):
    # "Washington, New York and Boston": New York is the next item, not Washington's state
    toks = [("Rallies", "NOUN", True), ("in", "ADP", True), ("Washington", "PROPN", False), (",", "PUNCT", True),
            ("New", "PROPN", True), ("York", "PROPN", True), ("and", "CCONJ", True), ("Boston", "PROPN", False),
            (".", "PUNCT", False)]
    doc = _doc(toks, [(2, 3, "GPE"), (4, 6, "GPE"), (7, 8, "GPE")])
    found = find_places(doc, "a5", gazetteer=gaz)
    assert [(m.place.text, m.place.name, m.place.feature) for m in found] == [
        ("Washington", "Washington", "city"), ("New York", "New York City", "city"),
        ("Boston", "Boston", "city")]
    assert found[0].place.geonameid == 4140963  # Washington, D.C.


def test_streets_and_buildings_are_put_at_the_home_town(gaz):
    # Neither name is in the gazetteer; the article is set in Winnipeg.
    toks = [("Fire", "NOUN", True), ("crews", "NOUN", True), ("in", "ADP", True), ("Winnipeg", "PROPN", True),
            ("went", "VERB", True), ("to", "ADP", True), ("Assiniboine", "PROPN", True), ("Avenue", "PROPN", True),
            ("and", "CCONJ", True), ("Grace", "PROPN", True), ("Hospital", "PROPN", False), (".", "PUNCT", False)]
    doc = _doc(toks, [(3, 4, "GPE")])
    found = find_places(doc, "a6", gazetteer=gaz)
    assert [(m.place.text, m.place.name, m.place.country, m.place.feature) for m in found] == [
        ("Winnipeg", "Winnipeg", "CAN", "city"),
        ("Assiniboine Avenue", "Assiniboine Avenue", "CAN", "other"),
        ("Grace Hospital", "Grace Hospital", "CAN", "other")]
    winnipeg = found[0].place
    assert all((m.place.lat, m.place.lon, m.place.geonameid) == (winnipeg.lat, winnipeg.lon, None)
               for m in found[1:])


def test_a_street_without_a_home_town_is_left_out(gaz):
    toks = [("They", "PRON", True), ("met", "VERB", True), ("on", "ADP", True), ("Assiniboine", "PROPN", True),
            ("Avenue", "PROPN", False), (".", "PUNCT", False)]
    assert find_places(_doc(toks, []), "a7", gazetteer=gaz) == []


def test_an_item_of_a_list_of_states_is_a_state(gaz):
    toks = [("Buyers", "NOUN", True), ("from", "ADP", True), ("California", "PROPN", True), ("or", "CCONJ", True),
            ("Washington", "PROPN", False), (".", "PUNCT", False)]
    doc = _doc(toks, [(2, 3, "GPE"), (4, 5, "GPE")])
    found = find_places(doc, "a8", gazetteer=gaz)
    assert [(m.place.text, m.place.name, m.place.feature) for m in found] == [
        ("California", "California", "admin1"), ("Washington", "Washington", "admin1")]


def _sentence_doc(text, places, labels=None):
    """A Doc from plain text split on spaces: capitalised words are proper nouns, and each
    phrase of ``places`` (exact words) is a GPE entity, or has its label in ``labels``."""
    labels = labels or {}
    words = text.split(" ")
    toks = [(w, "PUNCT" if w in ".,-" else "PROPN" if w[:1].isupper() else "NOUN", i + 1 < len(words))
            for i, w in enumerate(words)]
    ents, i = [], 0
    while i < len(words):
        for phrase in list(places) + list(labels):
            n = len(phrase.split(" "))
            if " ".join(words[i:i + n]) == phrase:
                ents.append((i, i + n, labels.get(phrase, "GPE")))
                i += n - 1
                break
        i += 1
    return _doc(toks, ents)


FILLER = " ".join(["the crews said that"] * 12)


def test_the_dateline_town_is_the_home_town(gaz):
    doc = _sentence_doc(f"BOSTON - Crews from Worcester and Worcester met . {FILLER} on Assiniboine Avenue .",
                        ["BOSTON", "Worcester"])
    found = {m.place.text: m.place for m in find_places(doc, "a9", gazetteer=gaz)}
    assert (found["BOSTON"].name, found["Worcester"].country) == ("Boston", "USA")
    street = found["Assiniboine Avenue"]
    assert (street.lat, street.lon, street.feature) == (found["BOSTON"].lat, found["BOSTON"].lon, "other")


def test_a_street_goes_to_the_town_named_beside_it(gaz):
    doc = _sentence_doc(f"Police in Fresno and Fresno said . {FILLER} a man was seen on Collins Avenue in Miami Beach .",
                        ["Fresno", "Miami Beach"])
    found = {m.place.text: m.place for m in find_places(doc, "a10", gazetteer=gaz)}
    assert found["Miami Beach"].name == "Miami Beach"
    assert (found["Collins Avenue"].lat, found["Collins Avenue"].lon) == (found["Miami Beach"].lat, found["Miami Beach"].lon)


def test_the_home_town_is_backed_by_its_region(gaz):
    # One mention each; New Orleans and Lafayette are in Louisiana, which is named too, and
    # New Orleans is the larger of the two.
    doc = _sentence_doc(f"Crews from Lafayette and New Orleans in Louisiana and from Franklin met . {FILLER} "
                        "on Royal Street .", ["Lafayette", "New Orleans", "Louisiana", "Franklin"])
    found = {m.place.text: m.place for m in find_places(doc, "a11", gazetteer=gaz)}
    assert found["New Orleans"].geonameid == 4335045
    assert (found["Royal Street"].lat, found["Royal Street"].lon) == (found["New Orleans"].lat, found["New Orleans"].lon)


def test_words_read_as_small_towns_give_no_context(gaz):
    # "Agency" (Iowa) and "Commissioner" are not kept as places, so they do not pull Geneva
    # to the United States.
    doc = _sentence_doc("Brazil and Venezuela told the Agency and the Commissioner in Geneva .",
                        ["Brazil", "Venezuela", "Geneva"])
    found = {m.place.text: m.place for m in find_places(doc, "a12", gazetteer=gaz)}
    assert set(found) == {"Brazil", "Venezuela", "Geneva"}
    assert (found["Geneva"].country, found["Geneva"].geonameid) == ("CHE", 2660646)


def test_a_world_city_beats_a_namesake_on_country_context_alone(gaz):
    assert resolve_name("London", ["CAN"], gazetteer=gaz).geonameid == 2643743  # London, England
    doc = _sentence_doc("Officials in Canada said the talks in London ended .", ["Canada", "London"])
    found = {m.place.text: m.place for m in find_places(doc, "a13", gazetteer=gaz)}
    assert (found["London"].country, found["London"].geonameid) == ("GBR", 2643743)


def test_a_namesake_wins_with_its_state_named_too(gaz):
    doc = _sentence_doc("Officials in Toronto , Ontario said the talks in London ended .",
                        ["Toronto", "Ontario", "London"])
    found = {m.place.text: m.place for m in find_places(doc, "a15", gazetteer=gaz)}
    assert (found["London"].country, found["London"].geonameid) == ("CAN", 6058560)
    doc = _sentence_doc("Police in Utica , New York said a man from Rome was held .", ["Utica", "New York", "Rome"])
    found = {m.place.text: m.place for m in find_places(doc, "a14", gazetteer=gaz)}
    assert (found["Rome"].country, found["Rome"].admin1, found["Rome"].geonameid) == ("USA", "New York", 5134295)


def _at(place):
    return (place.lat, place.lon)


def test_a_street_is_not_put_at_a_stray_small_town_beside_it(gaz):
    # "Hubbard" (a street here) reads as Hubbard, Ohio: no other place of the article is in
    # Ohio, so the hospital goes to Chicago, not to Hubbard.
    doc = _sentence_doc(f"Police in Chicago and Chicago said . {FILLER} he ran from State and Hubbard to "
                        "Mercy Hospital .", ["Chicago"])
    found = {m.place.text: m.place for m in find_places(doc, "a16", gazetteer=gaz)}
    assert found["Hubbard"].admin1 == "Ohio"
    assert _at(found["Mercy Hospital"]) == _at(found["Chicago"])


def test_a_qualifier_is_the_county_that_has_the_town(gaz):
    doc = _sentence_doc("Drivers from Parker and Ingram raced at Snetterton , Norfolk today .",
                        ["Snetterton", "Norfolk"])
    found = {m.place.text: m.place for m in find_places(doc, "a17", gazetteer=gaz)}
    assert (found["Norfolk"].name, found["Norfolk"].country) == ("Norfolk", "GBR")


def test_a_street_name_wins_over_a_town_inside_it(gaz):
    doc = _sentence_doc("Dogs were taken along Kingsley Road in Fredericton today .", ["Fredericton"],
                        {"Kingsley": "FAC"})
    found = {m.place.text: m.place for m in find_places(doc, "a18", gazetteer=gaz)}
    assert set(found) == {"Kingsley Road", "Fredericton"}
    assert _at(found["Kingsley Road"]) == _at(found["Fredericton"])


def test_a_street_labelled_a_person_is_still_a_street(gaz):
    doc = _sentence_doc("Police in Mississauga said a car hit Nathan Lane on Dubonet Drive today .",
                        ["Mississauga"], {"Nathan Lane": "PERSON", "Dubonet Drive": "PERSON"})
    found = {m.place.text: m.place for m in find_places(doc, "a19", gazetteer=gaz)}
    assert set(found) == {"Mississauga", "Dubonet Drive"}
    assert _at(found["Dubonet Drive"]) == _at(found["Mississauga"])


def test_a_facility_read_as_a_stray_small_town_is_local(gaz):
    doc = _sentence_doc(f"Crews from New Orleans and New Orleans met . {FILLER} in Washington Square .",
                        ["New Orleans"], {"Washington Square": "FAC"})
    found = {m.place.text: m.place for m in find_places(doc, "a20", gazetteer=gaz)}
    assert (found["Washington Square"].feature, _at(found["Washington Square"])) == (
        "other", _at(found["New Orleans"]))


def test_with_no_town_the_county_is_the_home_place(gaz):
    doc = _sentence_doc(f"Officials in Cuyahoga County said . {FILLER} at MetroHealth Medical Center .",
                        ["Cuyahoga County"])
    found = {m.place.text: m.place for m in find_places(doc, "a21", gazetteer=gaz)}
    assert _at(found["MetroHealth Medical Center"]) == _at(found["Cuyahoga County"])
