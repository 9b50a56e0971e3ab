"""Publication dates are parsed once at the way in: every accepted format gives the same typed
date; an ambiguous or unreadable one is flagged on the article, never dropped silently."""
import datetime as dt

import pytest

from steppe.ingest import Objects, ReadOptions, ingest
from steppe.ingest.dates import PubDate, parse_pub_date
from steppe.records import Article

MARCH_10 = PubDate("2003-03-10", "day")


@pytest.mark.parametrize("text", [
    "2003-03-10", "2003-03-10T08:00:00Z", "2003-03-10T23:30:00-05:00", "2003-03-10 08:00:00+05:30",
    "2003-03-10T08:00:00.250+00:00", "20030310", "20030310T080000Z", "2003/03/10",
    "Mon, 10 Mar 2003 08:00:00 +0000", "Mon, 10 Mar 2003 08:00:00 GMT", "10 Mar 2003 08:00 -0500",
    "March 10, 2003", "March 10 2003", "Mar. 10, 2003", "Monday, March 10, 2003", "March 10th, 2003",
    "10 March 2003", "10 Mar 2003", "Monday 10 March 2003", "10th of March, 2003",
    " 2003-03-10 ",
])
def test_every_accepted_format_gives_the_same_day(text):
    date, flag = parse_pub_date(text)
    assert (date, flag) == (MARCH_10, None)
    assert date.day == dt.date(2003, 3, 10)


@pytest.mark.parametrize("text,value,precision", [
    ("2003-03", "2003-03", "month"), ("March 2003", "2003-03", "month"), ("2003", "2003", "year"),
    ("25/03/2003", "2003-03-25", "day"), ("03/25/2003", "2003-03-25", "day"), ("03/03/2003", "2003-03-03", "day"),
])
def test_partial_and_unambiguous_numeric_dates(text, value, precision):
    assert parse_pub_date(text) == (PubDate(value, precision), None)


@pytest.mark.parametrize("text", ["10/03/2003", "03/10/2003", "yesterday", "2003-02-30", "0001-01-01", "Smarch 10, 2003"])
def test_ambiguous_or_unreadable_dates_are_flagged(text):
    date, flag = parse_pub_date(text)
    assert date.value is None and date.precision == "unknown"
    assert flag == f"date-unreadable: {text!r}"


def test_no_date_is_unknown_and_not_flagged():
    assert parse_pub_date(None) == (PubDate(None, "unknown"), None)
    assert parse_pub_date("  ") == (PubDate(None, "unknown"), None)


def test_the_article_carries_the_flag_and_the_default_date_fills_in():
    [a, b, c] = ingest(Objects([{"id": "a", "text": "Police detained ten men.", "date": "10/03/2003"},
                                {"id": "b", "text": "Police detained ten men.", "date": "March 10, 2003"},
                                Article(id="c", text="Police detained ten men.")]),
                       ReadOptions(date="2001-09-27"))
    assert a.flags == ("date-unreadable: '10/03/2003'",)
    assert (a.date, a.date_precision) == ("2001-09-27", "day")  # --date: for articles with no readable date
    assert (b.date, b.date_precision, b.flags) == ("2003-03-10", "day", ())
    assert (c.date, c.date_precision) == ("2001-09-27", "day")
    [d] = ingest(Objects([{"text": "Police detained ten men.", "date": "10/03/2003"}]))
    assert (d.date, d.date_precision, d.flags) == (None, "unknown", ("date-unreadable: '10/03/2003'",))
