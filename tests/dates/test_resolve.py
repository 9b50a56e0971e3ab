from steppe.dates.resolve import find_dates
from steppe.records import EventDate


def _one(text, date):
    found = find_dates(text, date)
    assert len(found) == 1, found
    return found[0]


def test_month_day_takes_the_article_year():
    m = _one("detained 113 Tajik citizens on September 23 and expelled them", "2001-09-27")
    assert (m.text, m.date) == ("September 23", EventDate("2001-09-23", "day", "sentence"))


def test_month_day_without_article_date_keeps_no_year():
    assert _one("on September 24", None).date == EventDate("--09-24", "day", "sentence")


def test_december_mention_in_january_article_is_last_year():
    assert _one("on December 30", "2002-01-04").date.value == "2001-12-30"


def test_explicit_formats():
    assert _one("on 24 Sept 2001", None).date.value == "2001-09-24"
    assert _one("in May 2002", None).date == EventDate("2002-05", "month", "sentence")
    assert _one("dated 2001-09-24 in", None).date.value == "2001-09-24"


def test_relative_expressions():
    assert _one("announced in the first week of May", "2002-05-20").date == EventDate("2002-05", "month", "sentence")
    assert _one("the decision earlier this month", "2002-05-20").date.value == "2002-05"
    assert _one("met on Tuesday", "2001-09-27").date.value == "2001-09-25"  # a Thursday article
    assert _one("talks yesterday", "2001-09-27").date.value == "2001-09-26"
    assert _one("detained recently", "2001-09-27").date == EventDate("2001-09", "month", "sentence")
    assert _one("since last year", "2001-09-27").date == EventDate("2000", "year", "sentence")


def test_relative_without_article_date_is_unknown():
    assert _one("met on Tuesday", None).date == EventDate(None, "unknown", "sentence")


def test_no_date_words_no_mentions():
    assert find_dates("Police may detain protesters.", "2001-09-27") == []


def test_the_following_day_is_the_day_after_the_last_date_named(coder):
    from tests.conftest import code_text

    text = ("On December 13, Azerbaijani police detained the journalist Hafiz Babali. "
            "The following day an Azerbaijani court sentenced Babali to three months in pretrial detention.")
    r = code_text(coder, text, date="2023-12-15")
    got = [(e.cameo, e.date) for e in r.events]
    assert got[0] == ("173", "2023-12-13") and ("116", "2023-12-14") in got


def test_the_previous_day_counts_from_a_day_named_before_it_in_the_same_sentence():
    from steppe.dates.resolve import find_dates

    text = "Protests were held on November 26, when crowds brought the coffins of two people killed the previous day."
    days = [m.date.value for m in find_dates(text, "2021-11-27", anchor="2021-11-20")]
    assert days == ["2021-11-26", "2021-11-25"]
