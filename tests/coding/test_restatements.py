"""One event per act within an article (restatements merged), and background dated apart."""
import dataclasses

import pytest

from steppe.coding.restatements import merge_restatements
from steppe.dates.background import is_background, news_date
from steppe.records import Actor, Place
from tests.eval.helpers import event
from tests.conftest import code_text

KAZCOP = Actor(text="Kazakh police", code="KAZCOP", country="KAZ", sector="COP", kind="group")
UZB = Actor(text="Uzbekistan", code="UZB", country="UZB", kind="country", actor_id="uzb")
UZBGOV_ENTAILED = Actor(text="the state (entailed)", code="UZBGOV", country="UZB", sector="GOV", kind="group")


def ev(cameo, source, target, sentence, target_text=None, date=None, date_source="article", place=None):
    if target_text is not None:
        target = dataclasses.replace(target, text=target_text)
    return dataclasses.replace(event(cameo, source=source, target=target, sentence_index=sentence),
                               date=date, date_source=date_source,
                               date_precision="day" if date and len(date) == 10 else "unknown",
                               location=place)


CVL = Actor(text="x", code="KAZCVL", country="KAZ", sector="CVL", kind="group")


def test_the_same_arrest_told_twice_is_one_event_with_both_mentions_and_the_date_given_later():
    lead = ev("173", KAZCOP, CVL, 0, "dozens of protesters")
    detail = ev("173", KAZCOP, CVL, 4, "70 protesters", date="2019-07-06", date_source="sentence")
    [e] = merge_restatements([lead, detail])
    assert [m.sentence_index for m in e.mentions] == [0, 4]
    assert (e.date, e.date_source) == ("2019-07-06", "sentence")


def test_different_people_or_places_or_days_stay_apart():
    a = ev("173", KAZCOP, CVL, 0, "a local man")
    b = ev("173", KAZCOP, CVL, 3, "several others")
    assert len(merge_restatements([a, b])) == 2  # no participant in common
    almaty = Place(text="Almaty", name="Almaty", country="KAZ", feature="city", geonameid=1)
    astana = Place(text="Astana", name="Astana", country="KAZ", feature="city", geonameid=2)
    c, d = ev("173", KAZCOP, CVL, 1, "70 people", place=almaty), ev("173", KAZCOP, CVL, 2, "100 people", place=astana)
    assert len(merge_restatements([c, d])) == 2  # an act in two named places is two events
    e1 = ev("173", KAZCOP, CVL, 1, "activists", date="2019-07-06", date_source="sentence")
    e2 = ev("173", KAZCOP, CVL, 2, "activists", date="2019-07-09", date_source="sentence")
    assert len(merge_restatements([e1, e2])) == 2


def test_the_telling_that_names_the_sector_gives_the_actor():
    lead = ev("0841", UZB, Actor(text="a journalist", code="UZBMED", country="UZB", sector="MED"), 0)
    detail = ev("0841", UZBGOV_ENTAILED, Actor(text="the journalist Yusuf", code="UZBMED", country="UZB", sector="MED"), 2)
    [e] = merge_restatements([lead, detail])
    assert e.source.code == "UZBGOV" and len(e.mentions) == 2


def test_two_acts_in_one_sentence_are_not_restatements():
    a = ev("051", KAZCOP, CVL, 1, "the protesters")
    b = dataclasses.replace(ev("051", KAZCOP, CVL, 1, "the protesters"), trigger="praised")
    assert len(merge_restatements([a, b])) == 2


def test_background_is_dated_more_than_a_day_before_the_news():
    news = ev("173", KAZCOP, CVL, 0, date="2019-07-06", date_source="sentence")
    old = ev("172", KAZCOP, CVL, 5, date="2018", date_source="sentence")
    yesterday = ev("190", KAZCOP, CVL, 6, date="2019-07-05", date_source="sentence")
    undated = ev("141", KAZCOP, CVL, 7, date="2019-07-07")
    d = news_date([news, old, yesterday, undated], "2019-07-07")
    assert str(d) == "2019-07-06"
    assert [is_background(e, d) for e in (news, old, yesterday, undated)] == [False, True, False, False]


def test_article_events_carry_background_and_mentions(coder):
    text = ("Kazakh police detained 40 Uzbek activists in Shymkent on March 3. "
            "In 1999, Kazakh police had detained Uzbek activists in Almaty.")
    r = code_text(coder, text, date="2003-03-05")
    assert [(e.date, e.background) for e in r.events] == [("2003-03-03", False), ("1999", True)]
    assert all(len(e.mentions) == 1 for e in r.events)


def test_acts_of_one_root_but_different_codes_stay_apart():
    repression = ev("175", KAZCOP, CVL, 0, "protesters")
    arrest = ev("173", KAZCOP, CVL, 2, "10,000 protesters")
    assert len(merge_restatements([repression, arrest])) == 2
    fight, small_arms = ev("190", KAZCOP, CVL, 0, "protesters"), ev("193", KAZCOP, CVL, 2, "the protesters")
    [e] = merge_restatements([fight, small_arms])
    assert e.cameo == "193"  # the more specific telling


def test_a_month_that_holds_the_news_day_is_not_background():
    news = ev("173", KAZCOP, CVL, 0, date="2001-09-23", date_source="sentence")
    recent = dataclasses.replace(ev("173", KAZCOP, CVL, 4, date="2001-09", date_source="sentence"), date_precision="month")
    earlier = dataclasses.replace(ev("173", KAZCOP, CVL, 5, date="2001-08", date_source="sentence"), date_precision="month")
    d = news_date([news, recent, earlier], "2001-09-27")
    assert [is_background(e, d) for e in (recent, earlier)] == [False, True]


@pytest.mark.model
def test_another_participant_is_another_act(coder):
    from tests.conftest import code_text

    text = ("Uzbekistan has freed a journalist after two decades behind bars. "
            "Another prominent Uzbek journalist, Muhammad Bekjanov, was released by Uzbekistan last year.")
    r = code_text(coder, text, date="2018-03-03")
    assert len([e for e in r.events if e.cameo == "0841"]) == 2


@pytest.mark.model
def test_the_group_named_again_by_a_pronoun_or_another_word_for_people_is_one_act(coder):
    text = ("Over 20 persons were detained by Kyrgyz police in Bishkek on Tuesday. "
            "The demonstrators headed to the presidential administration, and over 20 of them were "
            "detained by Kyrgyz police on the way.")
    r = code_text(coder, text, date="2023-01-10")
    arrests = [e for e in r.events if e.cameo == "173"]
    assert len(arrests) == 1 and len(arrests[0].mentions) == 2


def test_a_state_and_the_envoy_who_acts_for_it_tell_one_act():
    usa = Actor(text="The United States", code="USA", country="USA", kind="country", actor_id="usa")
    envoy = Actor(text="U.S. peace envoy Zalmay Khalilzad", code="USAGOV", country="USA", sector="GOV",
                  kind="person", actor_id="khalilzad", name="Zalmay Khalilzad")
    taliban = Actor(text="Taliban militants", code="AFGREB", country="AFG", sector="REB", kind="org", actor_id="tal")
    leader = Actor(text="Taliban leader Mullah Baradar", code="AFGREB", country="AFG", sector="REL",
                   kind="person", actor_id="baradar", name="Mullah Baradar")
    [e] = merge_restatements([ev("057", usa, taliban, 0), ev("057", envoy, leader, 10)])
    assert [m.sentence_index for m in e.mentions] == [0, 10]
    # two envoys of one state are two people: their acts stay apart
    other = dataclasses.replace(envoy, text="U.S. envoy John Doe", actor_id="doe", name="John Doe")
    assert len(merge_restatements([ev("057", envoy, leader, 1), ev("057", other, leader, 4)])) == 2


def test_a_participant_introduced_then_named_is_one_act():
    journalist = Actor(text="journalist", code="UZBMED", country="UZB", sector="MED", kind="group")
    named = Actor(text="Yusuf Ruzimuradov", code="UZB", country="UZB", kind="person", actor_id="yr")
    lead = dataclasses.replace(ev("0841", UZB, journalist, 0), evidence="Uzbekistan has freed a journalist.")
    detail = ev("0841", UZBGOV_ENTAILED, named, 2, date="2018-02-22", date_source="sentence")
    [e] = merge_restatements([lead, detail])
    assert e.date == "2018-02-22"
    # "the journalists" are not one person
    many = dataclasses.replace(lead, target=dataclasses.replace(journalist, text="journalists"),
                               evidence="Uzbekistan has freed journalists.")
    assert len(merge_restatements([many, detail])) == 2


def test_a_place_only_the_dateline_gives_is_no_second_place():
    doha = Place(text="DOHA", name="Doha", country="QAT", feature="city", geonameid=3)
    kabul = Place(text="Kabul", name="Kabul", country="AFG", feature="city", geonameid=4)
    a, b = ev("173", KAZCOP, CVL, 0, "activists", place=kabul), ev("173", KAZCOP, CVL, 3, "activists", place=doha)
    assert len(merge_restatements([a, b])) == 2  # both their sentences' own places
    assert len(merge_restatements([a, b], own_place=lambda e: e.sentence_index == 0)) == 1


def test_a_courts_sentences_told_defendant_by_defendant_are_one_verdict():
    court = Actor(text="a court (entailed)", code="KAZJUD", country="KAZ", sector="JUD", kind="group")
    a = Actor(text="Ermek Sadykov", code="KAZ", country="KAZ", kind="person", actor_id="p1", name="Ermek Sadykov")
    b = Actor(text="Aidos Nurlanov", code="KAZ", country="KAZ", kind="person", actor_id="p2", name="Aidos Nurlanov")
    first = ev("116", court, a, 1, date="2016-06-03", date_source="sentence")
    [e] = merge_restatements([first, ev("116", court, b, 3)])
    assert [m.sentence_index for m in e.mentions] == [1, 3]
    # a sentence passed on a day of its own is another verdict
    other_day = ev("116", court, b, 4, date="2015-11", date_source="sentence")
    assert len(merge_restatements([first, other_day])) == 2
    # an arrest of two different people stays two acts
    assert len(merge_restatements([ev("173", KAZCOP, a, 1), ev("173", KAZCOP, b, 3)])) == 2


UAF = Actor(text="armed assailants", code="UAF", sector="UAF", kind="group")
RUSREL = Actor(text="x", code="RUSREL", country="RUS", sector="REL", kind="group")


def test_unidentified_attackers_in_a_region_and_then_in_a_town_of_it_are_one_attack():
    region = Place(text="Dagestan", name="Dagestan", country="RUS", admin1="Dagestan, Respublika", feature="other")
    town = Place(text="Derbent", name="Derbent", country="RUS", admin1="Dagestan, Republic", feature="city", geonameid=5)
    other_region = Place(text="Chechnya", name="Chechnya", country="RUS", admin1="Chechnya", feature="other")
    lead = ev("180", UAF, RUSREL, 0, "Orthodox churches and synagogues", place=region)
    detail = ev("180", dataclasses.replace(UAF, text="Attackers"), RUSREL, 8, "the synagogue and church", place=town)
    merged = merge_restatements([lead, detail])
    assert len(merged) == 1 and len(merged[0].mentions) == 2  # one word for the attackers, singulars and plurals one
    elsewhere = ev("180", UAF, RUSREL, 8, "the synagogue and church", place=dataclasses.replace(town, admin1="Chechnya"))
    assert len(merge_restatements([dataclasses.replace(lead, location=other_region), detail])) == 2
    assert len(merge_restatements([lead, elsewhere])) == 2  # a town of another region is another place


def test_an_entailed_agent_and_the_named_state_are_one_act_on_the_same_people_at_one_place():
    aze = Place(text="Azerbaijan", name="Azerbaijan", country="AZE", feature="country")
    azegov = Actor(text="Azerbaijan's government", code="AZEGOV", country="AZE", sector="GOV", kind="group")
    azecop = Actor(text="the police (entailed)", code="AZECOP", country="AZE", sector="COP", kind="group")
    med = Actor(text="journalists", code="AZEMED", country="AZE", sector="MED", kind="group")
    a = ev("173", azegov, med, 0, "local independent journalists", place=aze)
    b = ev("173", azecop, med, 1, "journalists", place=aze)
    assert len(merge_restatements([a, b])) == 1
    astana = Place(text="Astana", name="Astana", country="AZE", feature="city", geonameid=9)
    assert len(merge_restatements([a, dataclasses.replace(b, location=astana)])) == 2


def test_a_bare_definite_act_noun_is_the_act_told_before(coder):
    # "died in the clash": the clash told the sentence before (its sides), one event per act
    r = code_text(coder, "Kenyan police and protesters clashed in Nairobi on Monday. Two people died in the clash.")
    assert sorted((e.cameo, e.source.code, e.target.code) for e in r.events) \
        == [("145", "KENCVL", "KENCOP"), ("175", "KENCOP", "KENCVL")]
    assert all(e.fatal for e in r.events)
    # "the arrests continue": the arrests told before, not new arrests by unnamed police
    r = code_text(coder, "Kenyan police arrested 30 journalists in Nairobi on Monday. But the arrests continue unabated.")
    assert [(e.cameo, e.source.code) for e in r.events] == [("173", "KENCOP")]


def test_the_act_told_before_is_found_across_paragraphs_but_only_as_the_same_kind_of_act(coder):
    filler = " ".join(f"The minister spoke about the economy in paragraph {i}." for i in range(8))
    r = code_text(coder, "Kenyan police and protesters clashed in Nairobi on Monday. " + filler
                  + " One person died in the clash.")
    assert all(e.fatal for e in r.events if e.cameo in ("145", "175"))
    # a truce only planned ("will start a truce") is not the act "once the truce is over" tells
    r = code_text(coder, "Israel and Hamas will start a truce on Friday. " + filler
                  + " Both sides said they will resume fighting once the truce is over.", date="2023-11-23")
    assert [e.cameo for e in r.events if e.cameo.startswith("08")] == []


def _fatal(e):
    return dataclasses.replace(e, fatal=True)


def test_an_agentless_telling_is_the_act_whose_agent_another_telling_names():
    # "two protesters were killed" (no agent; 180 by its victims alone), then "police opened fire
    # on the protesters, killing two of them" (175): one act, with the agent the text names
    told = _fatal(ev("180", None, CVL, 0, "Two protesters"))
    named = _fatal(ev("175", KAZCOP, CVL, 2, "the protesters"))
    [e] = merge_restatements([told, named])
    assert (e.cameo, e.source.code) == ("175", "KAZCOP")
    assert sorted(m.sentence_index for m in e.mentions) == [0, 2]


def test_an_agentless_telling_of_other_victims_stays_apart():
    named = _fatal(ev("175", KAZCOP, CVL, 0, "two protesters"))
    for text in ("700 people", "an estimated 40 protesters"):  # anyone; another count
        assert len(merge_restatements([named, _fatal(ev("180", None, CVL, 3, text))])) == 2, text
    priest = Actor(text="Nikolai, a priest", code="KAZREL", country="KAZ", sector="REL", kind="person",
                   actor_id="p1")
    churches = Actor(text="churches", code="KAZREL", country="KAZ", sector="REL", kind="group")
    # a named victim is not the group a lead names ("was killed in a knife attack": source null)
    assert len(merge_restatements([_fatal(ev("180", UZB, churches, 0)), _fatal(ev("180", None, priest, 2))])) == 2
    # a shooting that does not say it killed is not the killing
    assert len(merge_restatements([ev("175", KAZCOP, CVL, 0, "protesters"),
                                   _fatal(ev("180", None, CVL, 1, "two protesters"))])) == 2


def test_a_participle_of_killing_makes_the_act_fatal(coder):
    r = code_text(coder, "Kazakh police opened fire on protesters in Almaty on Monday, killing two of them.",
                  date="2022-01-06")
    assert [(e.cameo, e.fatal) for e in r.events] == [("175", True)]
