"""Event places (steppe.places.attach): the locative phrase of the event's clause, seats of
government and institutions, the dateline city, never the actor's country by default (issue 17)."""
from __future__ import annotations

import pytest

from steppe.nlp.dateline import find_dateline
from steppe.places.attach import dateline_place, seats
from steppe.records import Place, PlaceMention


@pytest.mark.parametrize("opening, city", [
    ("BISHKEK (Reuters) - Kyrgyzstan's opposition said", "BISHKEK"),
    ("DOHA, Qatar (AP) — The United States signed", "DOHA"),
    ("BISHKEK. Jan 10 (Interfax) - Over 20 persons", "BISHKEK"),
    ("NUR-SULTAN (TCA) — Authorities detained", "NUR-SULTAN"),
    ("TASHKENT - Uzbekistan has freed a journalist", "TASHKENT"),
    ("CAMP MURRAY, Wash. — The Guard said", "CAMP MURRAY"),
])
def test_datelines_are_recognised(opening, city):
    d = find_dateline(opening)
    assert d is not None and opening[d.place_start:d.place_end] == city


@pytest.mark.parametrize("opening", [
    "Police in Tajikistan say security forces have closed in",
    "(Bloomberg) -- President Xi Jinping on Wednesday traveled",
    "US President Joe Biden said - in a statement",
])
def test_ordinary_openings_are_not_datelines(opening):
    d = find_dateline(opening)
    assert d is None or d.place_end == d.place_start  # no town named


def test_dateline_place_is_the_resolved_mention_inside_it():
    bishkek = Place("BISHKEK", "Bishkek", "KGZ", None, 42.87, 74.59, "city", 1528675)
    places = [PlaceMention("a", 0, 7, bishkek), PlaceMention("a", 40, 50, bishkek)]
    assert dateline_place("BISHKEK (Reuters) - Protesters gathered in Bishkek.", places) is places[0]
    assert dateline_place("Protesters gathered in BISHKEK (Reuters) - today", places) is None


def test_seats_table():
    words, orgs = seats()
    assert {"parliament", "ministry", "headquarters"} <= words and "embassy" not in words
    assert orgs["UN"] == ("New York City", "US") and orgs["NATO"] == ("Brussels", "BE")


@pytest.fixture
def coder(gaz_path, monkeypatch):
    from steppe.config import Settings
    from steppe.pipeline import Coder

    monkeypatch.setenv("STEPPE_CACHE_DIR", str(gaz_path.parent))
    return Coder(Settings(places=True))


def _locations(coder, text):
    from steppe.records import Article

    return [(e.cameo[:2], e.location.name if e.location else None, e.location.country if e.location else None)
            for e in coder.code_doc(Article("t", text, date="2020-01-10"), coder.nlp(text)).events]


@pytest.mark.model
def test_dateline_city_when_the_sentence_names_no_place(coder):
    locs = _locations(coder, "BISHKEK (Reuters) - Police detained 20 opposition activists on Thursday.")
    assert locs and all(loc[1:] == ("Bishkek", "KGZ") for loc in locs)


@pytest.mark.model
def test_no_place_named_a_domestic_act_is_in_its_country_a_statement_nowhere(coder):
    # the coding guidelines: "a domestic act with no place named: the country"; statements and
    # international acts with no venue have no place
    locs = _locations(coder, "Kyrgyz police detained 20 opposition activists on Thursday.")
    assert locs and all(loc[2] == "KGZ" for loc in locs)
    locs = _locations(coder, "The Kazakh foreign ministry criticized Russia on Thursday.")
    assert locs and all(loc[1] is None for loc in locs)


@pytest.mark.model
def test_a_seat_of_government_is_placed_in_the_capital(coder):
    text = ("Protesters clashed with police outside the Georgian parliament on Thursday. "
            "The opposition in Georgia called for new elections.")
    assert ("Tbilisi", "GEO") in [loc[1:] for loc in _locations(coder, text)]


@pytest.mark.model
def test_un_headquarters_is_in_new_york(coder):
    locs = _locations(coder, "Iranian protesters demonstrated at UN headquarters on Monday against Israel.")
    assert locs and locs[0][1:] == ("New York City", "USA")


@pytest.mark.model
def test_across_the_country_is_the_articles_country(coder):
    text = ("KHARTOUM, Sudan (AP) — Sudan's army chief declared a state of emergency across the country "
            "on Monday.")
    locs = _locations(coder, text)
    assert ("Sudan", "SDN") in [loc[1:] for loc in locs]


@pytest.mark.model
def test_a_visit_takes_place_where_it_goes(coder):
    locs = _locations(coder, "A Taliban delegation paid a visit to Turkmenistan to pledge support for a "
                             "pipeline across Afghanistan.")
    assert locs and locs[0][1:] == ("Ashgabat", "TKM")  # a state visit: the capital


@pytest.mark.model
def test_the_verb_that_governs_the_event_clause():
    from steppe.nlp import get_nlp
    from steppe.places.attach import _governs

    doc = get_nlp()("Shaheen told reporters in Ashgabat that his movement was offering support.")
    word = {t.text: t for t in doc}
    assert _governs(word["told"], word["offering"])  # "in Ashgabat" is where the statement was made
    assert not _governs(word["reporters"], word["offering"])
    assert not _governs(word["offering"], word["told"])


@pytest.mark.model
def test_an_act_told_for_a_second_place_with_its_verb_left_out_is_an_event_there(coder):
    # the guidelines: an act reported in several named places is coded once per place
    locs = _locations(coder, "Police detained 40 students in Bishkek on Monday and 25 in Osh.")
    assert sorted(loc for loc in locs if loc[0] == "17") == [("17", "Bishkek", "KGZ"), ("17", "Osh", "KGZ")]
    # a second place inside the same phrase is no second telling
    locs = _locations(coder, "Police detained 40 students in Osh, a city in Kyrgyzstan, on Monday.")
    assert [loc for loc in locs if loc[0] == "17"] == [("17", "Osh", "KGZ")]


@pytest.mark.model
def test_a_later_telling_of_one_of_the_places_is_the_same_event(coder):
    from steppe.records import Article

    text = ("About 50 people were detained in Almaty on Sunday, and a similar number in Shymkent. "
            "A rights group said up to 80 people were detained in Shymkent.")
    events = [e for e in coder.code_doc(Article("t", text, date="2020-01-10"), coder.nlp(text)).events
              if e.cameo_root == "17"]
    assert sorted(e.location.name for e in events) == ["Almaty", "Shymkent"]
    shymkent = next(e for e in events if e.location.name == "Shymkent")
    assert [m.sentence_index for m in shymkent.mentions] == [0, 1] and shymkent.date == "2020-01-05"


@pytest.mark.model
def test_an_act_in_coordinated_towns_is_an_event_in_each(coder):
    locs = _locations(coder, "Thousands of students joined rallies against the government in Bishkek and in "
                             "the southern city of Osh on Monday.")
    assert sorted(loc for loc in locs if loc[0] == "14") == [("14", "Bishkek", "KGZ"), ("14", "Osh", "KGZ")]


@pytest.mark.model
def test_a_where_clause_is_placed_at_the_towns_it_hangs_on(coder):
    locs = _locations(coder, "Rallies were held in Osh and Jalal-Abad, where police detained 30 students.")
    assert sorted(loc[1] for loc in locs if loc[0] == "17") == ["Jalal-Abad", "Osh"]

