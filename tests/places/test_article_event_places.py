"""An article's events placed together (steppe.places.attach.article_event_places, issue 17):
the clause's place, the venue of the same parties, the dateline, the domestic scene, the
country of a domestic act, never the actor's country for an international act; and the realnews
scorer's place criterion."""
from __future__ import annotations

import pytest

from steppe.places.attach import CLAUSE, ELSEWHERE, GOVERNS, PARTICIPANT, Located, article_event_places
from steppe.records import Actor, Article, Place, PlaceMention

PRETORIA = Place("Pretoria", "Pretoria", "ZAF", None, -25.74, 28.19, "city", 964137)
DOHA = Place("DOHA", "Doha", "QAT", None, 25.29, 51.53, "city", 290030)
MINSK = Place("Minsk", "Minsk", "BLR", None, 53.9, 27.57, "city", 625144)
GAZA = Place("Gaza", "Gaza", "PSE", None, 31.5, 34.47, "city", 281133)


@pytest.fixture
def cache(gaz_path, monkeypatch):
    monkeypatch.setenv("STEPPE_CACHE_DIR", str(gaz_path.parent))
    return gaz_path


def test_a_firm_clause_place_is_kept_and_is_the_venue_of_the_same_parties(cache):
    found = [Located(None), Located(PRETORIA, CLAUSE), Located(GAZA, PARTICIPANT)]
    keys = [frozenset({"ETH"}), frozenset({"ETH"}), frozenset({"ETH"})]
    out = article_event_places(found, keys, [0, 1, 5], None)
    assert out == [PRETORIA, PRETORIA, PRETORIA]  # the nearest firm place of the same parties
    # other parties do not share it: a domestic act with no place of its own is in its country
    out = article_event_places(found, [frozenset({"ISR"}), keys[1], frozenset({"ETH", "ISR"})], [0, 1, 5], None)
    assert out[0].name == "Israel" and out[0].feature == "country" and out[1] is PRETORIA
    assert out[2] is GAZA  # no venue of its parties, no dateline: its sentence's weaker place


def test_the_dateline_places_the_lead_and_events_of_its_country(cache):
    dateline = PlaceMention("a", 0, 4, DOHA)
    found = [Located(None), Located(None), Located(None), Located(MINSK, GOVERNS)]
    keys = [frozenset({"USA", "AFG"}), frozenset({"USA", "AFG"}), frozenset({"QAT", "USA"}), frozenset({"BLR"})]
    out = article_event_places(found, keys, [0, 3, 4, 6], dateline)
    assert out[0] is DOHA  # the lead: "DOHA, Qatar (AP) — The United States signed ..."
    assert out[1] is None  # an international act later in the story, away from the dateline's country
    assert out[2] is DOHA and out[3] is MINSK


def test_a_domestic_act_takes_the_town_the_article_names_most_else_its_country(cache):
    places = [PlaceMention("a", 10, 15, MINSK), PlaceMention("a", 90, 95, MINSK)]
    found = [Located(None), Located(None), Located(None)]
    keys = [frozenset({"BLR"}), frozenset(), frozenset({"RUS", "BLR"})]
    out = article_event_places(found, keys, [0, 1, 2], None, places=places)
    assert out[0] is MINSK  # "Hundreds of people were detained" in a story of protests in Minsk
    assert out[1] is None and out[2] is None  # no actors; an international act without a venue
    out = article_event_places([Located(None)], [frozenset({"KGZ"})], [0], None, places=places)
    assert out[0].country == "KGZ" and out[0].feature == "country"


def test_an_act_told_for_several_places_is_no_venue_of_the_same_parties(cache):
    # "detained in Pretoria and Doha": one event per place, neither the venue of the others' acts
    found = [Located(PRETORIA, CLAUSE, venue=False), Located(DOHA, CLAUSE, venue=False), Located(None)]
    keys = [frozenset({"ETH"})] * 3
    out = article_event_places(found, keys, [0, 0, 1], None)
    assert out[:2] == [PRETORIA, DOHA] and out[2].feature == "country" and out[2].country == "ETH"


def test_a_country_wide_venue_does_not_override_a_town_of_the_events_own_sentence(cache):
    # "declared a state of emergency across the country" (firm, the country) and, in another
    # sentence, "rallies on the streets of Khartoum" (a weaker tie, but a town)
    sudan = Place("the country", "Sudan", "SDN", None, 15.0, 30.0, "country", 366755)
    khartoum = Place("Khartoum", "Khartoum", "SDN", None, 15.55, 32.53, "city", 379252)
    found = [Located(khartoum, PARTICIPANT), Located(sudan, CLAUSE), Located(None)]
    out = article_event_places(found, [frozenset({"SDN"})] * 3, [1, 4, 5], None)
    assert out == [khartoum, sudan, sudan]  # an event with no place of its own still takes the venue


def test_a_weak_place_of_the_sentence_before_the_domestic_fallback(cache):
    found = [Located(GAZA, ELSEWHERE)]
    assert article_event_places(found, [frozenset({"ISR"})], [3], None) == [GAZA]


def test_realnews_place_criterion_uses_the_gazetteer(cache):
    from steppe.eval.realnews import place_right

    astana = Place("Astana", "Astana", "KAZ", "Astana", 51.18, 71.45, "city", 1526273)
    khorugh = Place("Khorugh", "Khorugh", "TJK", "Kŭhistoni Badakhshon", 37.49, 71.55, "city", 1221328)
    dushanbe = Place("Dushanbe", "Dushanbe", "TJK", "Dushanbe", 38.54, 68.78, "city", 1221874)
    by_name = {"kazakhstan": "KAZ", "tajikistan": "TJK"}
    assert place_right({"name": "Nur-Sultan", "country": "KAZ"}, astana, by_name)  # the same place renamed
    assert place_right({"name": "Gorno-Badakhshan", "country": "TJK"}, khorugh, by_name)  # inside the region
    assert not place_right({"name": "Gorno-Badakhshan", "country": "TJK"}, dushanbe, by_name)
    assert not place_right({"name": "Khorugh", "country": "TJK"}, dushanbe, by_name)
    assert place_right({"name": "Tajikistan", "country": "TJK"}, dushanbe, by_name)


def test_a_name_after_an_organisation_noun_is_no_toponym(gaz):
    from steppe.nlp import get_nlp
    from steppe.places.mentions import extract_mentions

    doc = get_nlp()("Babali, an editor at the independent news agency Turan, was detained in Baku.")
    assert [m.text for m in extract_mentions(doc, gaz)] == ["Baku"]


@pytest.fixture
def coder(places_coder):
    return places_coder


def _code(coder, text):
    return coder.code_doc(Article("t", text, date="2020-01-10"), coder.nlp(text))


@pytest.mark.model
def test_an_event_noun_takes_the_place_of_its_light_verb(coder):
    r = _code(coder, "Israel launched its war in Gaza after gunmen from Hamas burst across the border fence.")
    wars = [e for e in r.events if e.trigger == "war"]
    assert wars and all(e.location is not None and e.location.name == "Gaza" for e in wars)


@pytest.mark.model
def test_demonyms_as_places_with_the_same_option_as_steppe_places(coder):
    import dataclasses

    from steppe.places.resolve import find_places

    text = "Kazakh police detained 20 Tajik citizens on Monday."
    plain = _code(coder, text)
    coder.settings = dataclasses.replace(coder.settings, place_demonyms=True)
    with_demonyms = _code(coder, text)
    assert [p.place.text for p in plain.places] == []
    assert [(p.place.text, p.place.country) for p in with_demonyms.places] == [("Kazakh", "KAZ"), ("Tajik", "TJK")]
    assert with_demonyms.places == find_places(coder.nlp(text), "t", include_demonyms=True)
    # actors are read the same way, and an international act still has no place of its own
    assert [(e.source.code, e.target.code, e.location) for e in with_demonyms.events] == \
        [(e.source.code, e.target.code, e.location) for e in plain.events]
    assert all(e.location is None for e in plain.events)


@pytest.mark.model
def test_a_place_deep_inside_what_the_event_is_about_is_not_its_place(coder):
    r = _code(coder, "DOHA, Qatar (AP) — The United States signed a peace agreement with Taliban militants on "
                     "Saturday aimed at bringing an end to 18 years of bloodshed in Afghanistan.")
    signed = [e for e in r.events if e.trigger == "signed"]
    assert signed and all(e.location is not None and e.location.name == "Doha" for e in signed)


@pytest.mark.model
def test_a_place_on_the_verbs_own_phrase_is_the_events_place(coder):
    r = _code(coder, "The rebel commander voluntarily surrendered himself to government forces in Khorugh, police said.")
    surrendered = [e for e in r.events if e.trigger == "surrendered"]
    assert surrendered and all(e.location is not None and e.location.name == "Khorugh" for e in surrendered)
