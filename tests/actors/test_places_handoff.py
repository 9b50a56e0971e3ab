"""Places found in the article tell the country of actors named by a place below the country."""
import pytest


def _resolve_with_place(nlp, text, head_word, place_text, place_name, country):
    from steppe.actors.index import builtin_index
    from steppe.actors.resolve import ArticleActors
    from steppe.records import Place, PlaceMention

    doc = nlp(text)
    start = text.index(place_text)
    pm = PlaceMention("t", start, start + len(place_text), Place(text=place_text, name=place_name, country=country))
    actors = ArticleActors(doc, builtin_index(), places=[pm])
    return actors.resolve(next(t for t in doc if t.text == head_word))


@pytest.mark.model
def test_a_place_below_the_country_gives_the_actor_its_country(nlp):
    a = _resolve_with_place(nlp, "The government of Sindh province ordered patrols.", "government",
                            "Sindh", "Sindh", "PAK")
    assert (a.code, a.country) == ("PAKGOV", "PAK")


@pytest.mark.model
def test_a_place_guessed_from_a_distant_spelling_is_not_used(nlp):
    a = _resolve_with_place(nlp, "The government of Chenchen province ordered patrols.", "government",
                            "Chenchen", "Chuncheon", "KOR")
    assert a is None or a.country != "KOR"


@pytest.mark.model
def test_unnamed_group_takes_the_place_it_is_in_not_where_it_is_sent(nlp):
    a = _resolve_with_place(nlp, "Palestinian bombers killed 23 people in Tel Aviv.", "people",
                            "Tel Aviv", "Tel Aviv", "ISR")
    assert a.country == "ISR"
    b = _resolve_with_place(nlp, "Turkey is sending troops to Iraq.", "troops", "Iraq", "Iraq", "IRQ")
    assert b.country == "TUR"
