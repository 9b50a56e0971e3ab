"""Background: events an article recounts as context, dated before its news.

The article's news date is the date of its first event that carries a date of its own (its
sentence names one) within the opening sentences, else the publication date. An event whose own
date (the whole period, for a month or a year) ends more than a day before that is background
("jailed in 1999", "last year a court banned it", "in early February" in a March report); an
event with no date of its own, or one of "this month", is part of the news.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional, Sequence

from steppe.dates.resolve import parse_article_date
from steppe.records import Event

LEDE_SENTENCES = 3  # the news date is read off the events of the opening sentences
SLACK = dt.timedelta(days=1)  # "yesterday's attacks" in today's report are news, not background


def period_start(value: Optional[str]) -> Optional[dt.date]:
    """The first day of a date of any precision (2001-09-23, 2001-09, 2001), else None."""
    if not value or value.startswith("--"):
        return None
    parts = value.split("-")
    try:
        return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def news_date(events: Sequence[Event], article_date: Optional[str]) -> Optional[dt.date]:
    """The date of the article's news (see the module's docstring)."""
    for e in sorted(events, key=lambda e: e.sentence_index):
        if e.sentence_index >= LEDE_SENTENCES:
            break
        if e.date_source == "sentence" and e.date_precision == "day":
            return period_start(e.date)
    return parse_article_date(article_date)


def period_end(value: Optional[str]) -> Optional[dt.date]:
    """The last day of a date of any precision (2001-09 -> 2001-09-30), else None."""
    start = period_start(value)
    if start is None:
        return None
    parts = value.split("-")
    if len(parts) >= 3:
        return start
    if len(parts) == 2:
        nxt = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(start.year, 12, 31)


def is_background(event: Event, news: Optional[dt.date]) -> bool:
    """Dated wholly before the news ("in 1999", "last year", "in early February" in a March
    report); a month or year that holds the news day ("recently", "this month") is not."""
    if news is None or event.date_source != "sentence":
        return False
    end = period_end(event.date)
    return end is not None and end < news - SLACK
