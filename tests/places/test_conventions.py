"""GeoNames' own points for first-level regions, government words and hyphenated demonyms
(issue 17)."""
from __future__ import annotations

import pytest

from steppe.places import find_places
from steppe.places.build import admin1_points
from steppe.places.sources import read_tsv


def test_admin1_points_table_rows_are_well_formed():
    rows = read_tsv("admin1_points.tsv")
    assert len(rows) == len({(r["iso2"], r["geonames_name"]) for r in rows}) == 122
    for r in rows:
        assert len(r["iso2"]) == 2 and -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180
    assert admin1_points()[("CA", "quebec")] == (52.00017, -71.99907)  # keyed by normalised name


def test_regions_take_the_geonames_point_where_listed(gaz):
    alberta, texas = gaz.admin1["CA.01"], gaz.admin1["US.TX"]
    assert (alberta.lat, alberta.lon) == (52.28333, -117.469)  # 258 km from its towns' bounding box
    assert (texas.lat, texas.lon) == (31.25044, -99.25061)
    zh = gaz.admin1["KZ.17"]  # not listed: still placed from its towns
    assert 42.0 < zh.lat < 46.0 and 69.0 < zh.lon < 76.0


@pytest.mark.model
def test_a_government_word_makes_the_name_the_province_or_state(gaz):
    from steppe.nlp import get_nlp

    text = ("Montreal-area mayors will appeal to the Quebec government. "
            "Former New York Gov. Mario Cuomo spoke in Albany.")
    found = {text[m.start:m.end]: m.place for m in find_places(get_nlp()(text), "q1", gazetteer=gaz)}
    assert (found["Quebec"].feature, found["Quebec"].country) == ("admin1", "CAN")
    assert (found["New York"].feature, found["New York"].lat) == ("admin1", 43.00035)


@pytest.mark.model
def test_demonyms_joined_by_a_hyphen_are_both_places(gaz):
    from steppe.nlp import get_nlp

    text = "A 12-year-old German-Iraqi boy tried to blow up a market."
    found = {text[m.start:m.end]: m.place.country
             for m in find_places(get_nlp()(text), "d1", gazetteer=gaz, include_demonyms=True)}
    assert found == {"German": "DEU", "Iraqi": "IRQ"}
    assert find_places(get_nlp()(text), "d1", gazetteer=gaz) == []  # the default leaves demonyms out


def test_a_bare_region_name_beats_a_much_smaller_namesake_town(gaz):
    from steppe.places import resolve_name

    ontario = resolve_name("Ontario", gazetteer=gaz)  # not Ontario, California
    assert (ontario.feature, ontario.country) == ("admin1", "CAN")
    assert resolve_name("New York", gazetteer=gaz).feature == "city"  # the city holds much of the state


@pytest.mark.model
def test_the_country_an_article_keeps_naming_is_its_home(gaz):
    from steppe.nlp import get_nlp

    text = ("Organizers of a London rally thanked Canada for what it has done. The imam said Canada's "
            "stand is appreciated. \"We just want Canada to take more action,\" he said.")
    found = {text[m.start:m.end]: m.place.country for m in find_places(get_nlp()(text), "h1", gazetteer=gaz)}
    assert found["London"] == "CAN"  # London, Ontario
    once = "Organizers of a London rally thanked Canada for what it has done."
    found = {once[m.start:m.end]: m.place.country for m in find_places(get_nlp()(once), "h2", gazetteer=gaz)}
    assert found["London"] == "GBR"  # one mention of Canada does not move a world city


def test_a_town_next_to_a_place_named_beyond_doubt_gains(gaz):
    from steppe.places.resolve import NEAR_BONUS, Context, candidates, rank

    context = Context()
    chattanooga = gaz.lookup("chattanooga")[0][0]
    context.add_point("chattanooga", chattanooga)

    def scores(ctx):
        ranked = rank(candidates(gaz, "lafayette", allow_abbr=False, fuzzy=False, sub_spans=False),
                      "lafayette", ctx, None)
        return {(c.entry.admin1, c.entry.geonameid): c.score for c in ranked}

    plain, near = scores(Context()), scores(context)
    georgia = [k for k in plain if k[0] == "Georgia"]  # LaFayette, Georgia: 35 km from Chattanooga
    assert georgia and all(near[k] - plain[k] == pytest.approx(NEAR_BONUS) for k in georgia)
    assert all(near[k] == plain[k] for k in plain if k[0] == "Louisiana")


@pytest.mark.model
def test_place_in_region_is_qualified_by_it(gaz):
    from steppe.nlp import get_nlp

    text = "The family picked a spot in Monroe County in northeast Missouri last year."
    found = {text[m.start:m.end]: m.place for m in find_places(get_nlp()(text), "i1", gazetteer=gaz)}
    assert (found["Monroe County"].country, found["Monroe County"].admin1) == ("USA", "Missouri")
    text = "Protesters gathered outside Trump Tower in New York on Sunday."
    found = {text[m.start:m.end]: m.place for m in find_places(get_nlp()(text), "i2", gazetteer=gaz)}
    assert found["New York"].feature == "city"  # no region shape is asked of the second name


@pytest.mark.model
def test_an_organisations_name_carries_a_town_only_by_the_towns_own_name(gaz):
    from steppe.nlp import get_nlp

    # "Human" is Polish Humań, that is Uman (Ukraine): not a place in "Human Rights Watch"
    text = "Soldiers raped at least 20 women in the village, Human Rights Watch said. The Holy See Press Office denied it."
    found = {text[m.start:m.end]: m.place for m in find_places(get_nlp()(text), "q2", gazetteer=gaz)}
    assert "Human" not in found
    assert found["Holy See"].country == "VAT"  # a country also by another of its names
