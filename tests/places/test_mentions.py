"""Toponym candidates found without the model: street and building names (hand-built Docs)."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from steppe.places.mentions import local_names


def _doc(words, pos):
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, pos=pos, sent_starts=[i == 0 for i in range(len(words))])


def _names(doc):
    return [doc[i:j].text for i, j in local_names(doc)]


def test_street_and_building_names():
    doc = _doc(["Crews", "reached", "N.", "Bedford", "Drive", "near", "Barclays", "Center", "and", "Third",
                "Street", "today"],
               ["NOUN", "VERB", "PROPN", "PROPN", "PROPN", "ADP", "PROPN", "PROPN", "CCONJ", "ADJ", "PROPN", "NOUN"])
    assert _names(doc) == ["N. Bedford Drive", "Barclays Center", "Third Street"]


def test_saints_lone_words_and_lowercase_are_not_streets():
    doc = _doc(["He", "left", "St.", "Louis", "for", "the", "Hospital", "on", "a", "quiet", "street", "near",
                "The", "Street"],
               ["PRON", "VERB", "PROPN", "PROPN", "ADP", "DET", "PROPN", "ADP", "DET", "ADJ", "NOUN", "ADP",
                "DET", "PROPN"])
    assert _names(doc) == []


def _words(text):
    words = text.split()
    return _doc(words, ["PROPN" if w[:1].isupper() else "NOUN" for w in words])


def test_street_names_that_begin_with_the_street_word():
    doc = _words("They marched from Rue Casa Calvo down Calle de Alcalá to Boulevard Haussmann today")
    assert _names(doc) == ["Rue Casa Calvo", "Calle de Alcalá", "Boulevard Haussmann"]
    assert _names(_words("Rue")) == []  # a sentence start, and nothing after it


def test_road_numbers_after_the():
    doc = _words("A crash on the A120 closed it and traffic went via the A436 , A40 and A429 today")
    assert _names(doc) == ["A120", "A436", "A40", "A429"]


def test_aircraft_and_weapons_are_not_roads():
    assert _names(_words("Then the A380 superjumbo landed and the M16 rifle was found")) == []
    assert _names(_words("Airbus built A380 planes")) == []  # no "the"


def test_a_saints_building_keeps_its_possessive():
    words = ["Crowds", "filled", "St.", "Peter", "'s", "Basilica", "and", "St", "Mary", "Street", "today"]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[True, True, True, False, True, True, True, True,
                                                             True, True, False],
              pos=["NOUN", "VERB", "PROPN", "PROPN", "PART", "PROPN", "CCONJ", "PROPN", "PROPN", "PROPN", "NOUN"],
              sent_starts=[i == 0 for i in range(len(words))])
    assert _names(doc) == ["St. Peter's Basilica", "St Mary Street"]
