"""Time expressions in a sentence, resolved against the article's publication date.

Explicit dates ("on September 24", "24 Sept 2001", "May 2002", "2001-09-24"), weekdays ("on
Tuesday"), relative expressions ("yesterday", "last week", "earlier this month", "in the first
week of May", "recently"). With no publication date, what is known is kept ("--09-24") and no
year is invented.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from steppe.records import EventDate

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
            "sunday": 6}
_MON = r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|" \
       r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_PATTERNS = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("mdy", re.compile(r"\b" + _MON + r"\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?", re.I)),
    ("dmy", re.compile(r"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"(?:,?\s+(?P<y>(?:19|20)\d\d))?\b", re.I)),
    ("week_of", re.compile(r"\b(?P<nth>first|second|third|fourth|last)\s+week\s+of\s+" + _MON + r"(?:\s+(?P<y>(?:19|20)\d\d))?\b", re.I)),
    ("my", re.compile(r"\b(?:in|since|during|by|until|of|early|late|mid-?)\s+" + _MON + r"(?:,?\s+(?P<y>(?:19|20)\d\d))?\b", re.I)),
    ("month_year", re.compile(r"\b" + _MON + r",?\s+(?P<y>(?:19|20)\d\d)\b", re.I)),
    ("weekday", re.compile(r"\b(?:on|last|this|since|early|late)\s+(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)),
    ("rel", re.compile(r"\b(?P<rel>yesterday|today|tonight|tomorrow|last\s+night|last\s+week|this\s+week|"
                       r"last\s+month|earlier\s+this\s+month|this\s+month|earlier\s+this\s+year|last\s+year|"
                       r"this\s+year|recently|earlier\s+this\s+week)\b", re.I)),
    ("year", re.compile(r"\b(?:in|since|during|by|of)\s+(?P<y>(?:19|20)\d\d)\b", re.I)),
    # relative to the day the article named last: "On December 13, X was detained. The following
    # day he was placed in pretrial detention."
    ("anchored", re.compile(r"\b(?:the|on\s+the)\s+(?P<anc>following\s+day|next\s+day|day\s+after|"
                            r"previous\s+day|day\s+before)\b", re.I)),
]


@dataclass(frozen=True)
class DateMention:
    start: int  # character offsets in the text given to find_dates
    end: int
    text: str
    date: EventDate


# Publication dates outside these years are placeholders ("0001-01-01", Go's zero time, is
# common in feeds) or typos, not a reference to resolve "yesterday" against (and near the ends
# of Python's calendar, resolving one would overflow).
MIN_YEAR, MAX_YEAR = 1000, 9998


def parse_article_date(value: Optional[str]) -> Optional[dt.date]:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not m or not MIN_YEAR <= int(m.group(1)) <= MAX_YEAR:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _year_for(month: int, day: int, ref: dt.date) -> int:
    """The year that puts month/day closest before (or just after) the reference date."""
    for year in (ref.year, ref.year - 1, ref.year + 1):
        try:
            cand = dt.date(year, month, min(day, 28) if day else 1)
        except ValueError:
            continue
        if -31 <= (cand - ref).days <= 7 or (year == ref.year - 1 and (ref - cand).days < 335):
            return year
    return ref.year


def _day(y: int, m: int, d: int) -> Optional[EventDate]:
    try:
        return EventDate(dt.date(y, m, d).isoformat(), "day", "sentence")
    except ValueError:
        return None


def _resolve(kind: str, m: re.Match, ref: Optional[dt.date], anchor: Optional[dt.date] = None) -> Optional[EventDate]:
    g = m.groupdict()
    if kind == "anchored":
        if anchor is None:
            return None
        step = 1 if g["anc"].lower().split()[0] in ("following", "next") or "after" in g["anc"].lower() else -1
        return EventDate((anchor + dt.timedelta(days=step)).isoformat(), "day", "sentence")
    if kind == "iso":
        return _day(int(g["y"]), int(g["m"]), int(g["d"]))
    if kind in ("mdy", "dmy"):
        mon, day = MONTHS[g["mon"].lower().rstrip(".")], int(g["d"])
        if not 1 <= day <= 31:
            return None
        if g.get("y"):
            return _day(int(g["y"]), mon, day)
        if ref is None:
            return EventDate(f"--{mon:02d}-{day:02d}", "day", "sentence") if _day(2000, mon, day) else None
        return _day(_year_for(mon, day, ref), mon, day)
    if kind in ("my", "month_year", "week_of"):
        mon = MONTHS[g["mon"].lower().rstrip(".")]
        if g.get("y"):
            return EventDate(f"{int(g['y']):04d}-{mon:02d}", "month", "sentence")
        if ref is None:
            return EventDate(None, "unknown", "sentence")
        return EventDate(f"{_year_for(mon, 1, ref):04d}-{mon:02d}", "month", "sentence")
    if kind == "year":
        return EventDate(g["y"], "year", "sentence")
    if ref is None:
        return EventDate(None, "unknown", "sentence")
    if kind == "weekday":
        back = (ref.weekday() - WEEKDAYS[g["wd"].lower()]) % 7
        return EventDate((ref - dt.timedelta(days=back)).isoformat(), "day", "sentence")
    rel = " ".join(g["rel"].lower().split())
    days = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1}
    if rel in days:
        return EventDate((ref + dt.timedelta(days=days[rel])).isoformat(), "day", "sentence")
    if rel in ("last week",):
        d = ref - dt.timedelta(days=7)
        return EventDate(f"{d.year:04d}-{d.month:02d}", "month", "sentence")
    if rel in ("this week", "earlier this week", "earlier this month", "this month", "recently"):
        return EventDate(f"{ref.year:04d}-{ref.month:02d}", "month", "sentence")
    if rel == "last month":
        d = ref.replace(day=1) - dt.timedelta(days=1)
        return EventDate(f"{d.year:04d}-{d.month:02d}", "month", "sentence")
    if rel in ("this year", "earlier this year"):
        return EventDate(f"{ref.year:04d}", "year", "sentence")
    if rel == "last year":
        return EventDate(f"{ref.year - 1:04d}", "year", "sentence")
    return None


def find_dates(text: str, article_date: Optional[str], anchor: Optional[str] = None) -> list[DateMention]:
    """Time expressions in ``text`` (non-overlapping, earlier and longer patterns first);
    ``anchor``: the last full date the article named before ``text`` ("the following day")."""
    ref = parse_article_date(article_date)
    anchor_day = parse_article_date(anchor)
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            near = anchor_day
            if kind == "anchored":  # "on November 26, ... killed the previous day": this sentence's day
                earlier = [d for d in out if d.end <= s and d.date.precision == "day" and d.date.value
                           and not d.date.value.startswith("--")]
                near = parse_article_date(max(earlier, key=lambda d: d.end).date.value) if earlier else anchor_day
            resolved = _resolve(kind, m, ref, near)
            if resolved is None:
                continue
            taken.append((s, e))
            out.append(DateMention(s, e, m.group(0), resolved))
    out.sort(key=lambda d: d.start)
    return out


def article_fallback(article_date: Optional[str]) -> EventDate:
    ref = parse_article_date(article_date)
    if ref is None:
        return EventDate(None, "unknown", "article")
    return EventDate(ref.isoformat(), "day", "article")
