"""Ethnic and national groups resolve to the country they live in when the phrase says so."""
import pytest

pytestmark = pytest.mark.model


def _actor(nlp, text, head_word):
    from steppe.actors.index import builtin_index
    from steppe.actors.resolve import ArticleActors

    doc = nlp(text)
    return ArticleActors(doc, builtin_index()).resolve(next(t for t in doc if t.text == head_word))


@pytest.mark.parametrize("text, head, country", [
    ("Bosnian Serbs demanded a truce.", "Serbs", "BIH"),
    ("The Albanians of southern Serbia are demanding autonomy.", "Albanians", "SRB"),
    ("Ethnic Albanians in south Serbia are demanding a referendum.", "Albanians", "SRB"),
    ("Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.", "Albanians", "SRB"),
    ("Serbian police detained ethnic Albanians on Tuesday.", "Albanians", "SRB"),
    ("Palestinians of the Israeli-occupied Gaza demonstrated.", "Palestinians", "PSE"),
    ("Albanians demonstrated in Tirana.", "Albanians", "ALB"),  # no sign of another country
    ("Albanian students demonstrated in Serbia.", "students", "ALB"),  # not an ethnic phrase
])
def test_residence(nlp, text, head, country):
    assert _actor(nlp, text, head).country == country


@pytest.mark.parametrize("text, head, country", [
    ("Pakistan rejected a fresh offer from Afganistan.", "Afganistan", "AFG"),  # misspelled
    ("The Phillippines military attacked the camp.", "military", "PHL"),  # misspelled
    ("Soviet troops left the city.", "troops", "RUS"),  # a historical state name
    ("Rhodesian forces attacked the camp.", "forces", "ZWE"),  # a historical state name
    ("Kazakh police arrested an anti-Russian activist.", "activist", "KAZ"),  # anti-: a stance
])
def test_country_named_in_other_forms(nlp, text, head, country):
    assert _actor(nlp, text, head).country == country


def test_a_leaders_administration_is_their_countrys(nlp):
    assert _actor(nlp, "China rejected the demands of the Bush administration.", "administration").code == "USAGOV"


def test_misspelled_country_before_a_title_is_not_a_name(nlp):
    assert _actor(nlp, "Quatar's emir met the Saudi king.", "emir").code == "QATGOV"


def test_partitive_head_with_its_own_nationality_keeps_it(nlp):
    a = _actor(nlp, "The Turkish and Greek sides of the island of Cyprus agreed to talk.", "sides")
    assert a.country in ("TUR", "GRC")
    assert _actor(nlp, "Dozens of Kyrgyz students protested.", "Dozens").country == "KGZ"


@pytest.mark.parametrize("text, head, country", [
    ("Chechen rebels attacked the convoy.", "rebels", "RUS"),          # a people of one state
    ("Yoruba leaders met on Tuesday.", "leaders", "NGA"),
    ("Kurdish rebels attacked a Turkish army post.", "rebels", "TUR"),  # several states: the article's
    ("Kurdish fighters attacked Syrian troops near Aleppo.", "fighters", "SYR"),
    ("Iraqi Kurds protested in Kirkuk.", "Kurds", "IRQ"),               # a nationality word wins
    ("Kurds in Syria protested against Turkey.", "Kurds", "SYR"),       # so does a place of residence
])
def test_peoples_without_a_state(nlp, text, head, country):
    assert _actor(nlp, text, head).country == country


def test_a_people_alone_does_not_decide_the_articles_country(nlp):
    from steppe.actors.index import builtin_index
    from steppe.actors.resolve import ArticleActors

    doc = nlp("Kurdish leaders met Iraqi officials in Baghdad.")
    assert ArticleActors(doc, builtin_index()).main_country == "IRQ"


def test_peoples_file_is_well_formed():
    from steppe.actors.lexicon import load_countries, load_peoples

    iso3 = {c.iso3 for c in load_countries()}
    peoples = load_peoples()
    assert len(peoples) >= 50
    assert all(set(p.countries) <= iso3 for p in peoples)
    forms = [f.lower() for p in peoples for f in p.forms]
    assert len(forms) == len(set(forms)) and "karen" not in forms  # a given name, left out


@pytest.mark.parametrize("text, head, code", [
    ("Indian police personnel fired at the crowd.", "personnel", "INDCOP"),
    ("An Indian army patrol shot two militants.", "patrol", "INDMIL"),
    ("Kazakh police officials said the border was closed.", "officials", "KAZCOP"),  # not GOV
    ("Kazakh opposition activists protested.", "activists", "KAZOPP"),
    ("Kazakh officials said the border was closed.", "officials", "KAZGOV"),
    ("A Kazakh military analyst said the talks failed.", "analyst", "KAZ"),  # not a member: no MIL
])
def test_members_of_a_group_take_its_sector(nlp, text, head, code):
    actor = _actor(nlp, text, head)
    assert (actor.code if actor else None) == code
