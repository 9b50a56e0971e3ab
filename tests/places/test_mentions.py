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
