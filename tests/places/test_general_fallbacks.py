"""General resolution rules: hyphenated modifiers, a common-noun region against a well-known
feature, partial-name fallbacks, coordinated street names (hand-built Docs, invented sentences)."""
from __future__ import annotations

from steppe.places import find_places
from tests.places.test_resolve import _doc


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
