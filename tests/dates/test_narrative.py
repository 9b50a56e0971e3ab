"""The day a narration is at: past-tense acts after a sentence that names an earlier day."""
import pytest

from tests.conftest import code_text

pytestmark = pytest.mark.model

TEXT = ("Protests continued in Khorugh on November 27. "
        "Protesters carried the body of the man to the town square on November 25. "
        "In response, Tajik security forces fired on the protesters. "
        "Tajik police have detained 20 people, officials say.")


def test_past_acts_after_a_dated_sentence_take_its_day(coder):
    r = code_text(coder, TEXT, date="2021-11-27")
    by_trigger = {e.trigger: (e.date, e.date_source) for e in r.events}
    assert by_trigger["fired"] == ("2021-11-25", "narrative")
    # the present perfect is the news: the article's day
    assert by_trigger["detained"] == ("2021-11-27", "article")


def test_the_narrated_day_lasts_two_sentences(coder):
    # (a day named after the lead; one the lead names lasts the story, below)
    filler = "The region is remote. Its roads are poor. Few people live there. "
    text = ("Protests continued in Khorugh. Protesters carried the body of the man to the town square on "
            "November 25. " + filler + "Tajik security forces fired on the protesters.")
    [e] = [e for e in code_text(coder, text, date="2021-11-27").events if e.trigger == "fired"]
    assert (e.date, e.date_source) == ("2021-11-27", "article")


def test_a_relative_clause_keeps_its_own_time(coder):
    r = code_text(coder, "Uzbekistan has told the United States to leave a military base that has served as a hub "
                         "since the Sept. 11, 2001 attacks.", date="2005-07-31")
    [e] = r.events
    assert (e.cameo, e.date) == ("166", "2005-07-31")


def test_a_day_named_in_a_relative_clause_is_not_the_narrated_day(coder):
    text = ("The uprising, which began on Tuesday in a provincial town, was sparked by corruption. "
            "Kazakh police detained 20 protesters.")
    [e] = [e for e in code_text(coder, text, date="2010-04-08").events if e.trigger == "detained"]
    assert (e.date, e.date_source) == ("2010-04-08", "article")


def test_the_time_of_a_plan_is_not_the_time_of_its_announcement(coder):
    r = code_text(coder, "Israel and Hamas will start a four-day truce on Friday morning.", date="2023-11-23")
    assert {e.date for e in r.events} == {"2023-11-23"}
    r = code_text(coder, "Russia said on Monday it will withdraw its troops from Kherson.", date="2023-11-23")
    assert {e.date for e in r.events} == {"2023-11-20"}


def test_a_day_the_lead_names_is_the_day_of_the_whole_story(coder):
    filler = "The region is remote. Its roads are poor. Few people live there. "
    text = ("Kazakh police detained dozens of protesters in Almaty on July 6. " + filler
            + "Kazakh police also detained 40 activists in Shymkent. "
            + "On July 7, Kazakh police detained 12 journalists in Oral. " + filler
            + "Kazakh police detained 30 students in Taraz.")
    by_target = {e.target.text: (e.date, e.date_source) for e in code_text(coder, text, date="2019-07-08").events}
    assert by_target["40 activists"] == ("2019-07-06", "narrative")
    # a day named later ends the lead's day; its own scene lasts two sentences
    assert by_target["12 journalists"][0] == "2019-07-07"
    assert by_target["30 students"] == ("2019-07-08", "article")


def test_a_participle_is_told_in_its_clauses_tense(coder):
    text = ("Protesters carried the body of the man to the town square on November 25. "
            "Some in the crowd then tried to seize the building, wounding four Tajik police officers.")
    [e] = [e for e in code_text(coder, text, date="2021-11-27").events if e.trigger == "wounding"]
    assert (e.date, e.date_source) == ("2021-11-25", "narrative")


def test_an_undated_act_told_as_earlier_is_background_left_uncoded(coder):
    r = code_text(coder, "Kazakh police had detained the journalist previously.", date="2023-12-15")
    assert r.events == []
    # with a time of its own it is coded, with that time
    r = code_text(coder, "Kazakh police had detained the journalist earlier on Monday.", date="2023-12-15")
    assert [(e.cameo, e.date) for e in r.events] == [("173", "2023-12-11")]
