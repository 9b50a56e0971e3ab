"""Datelines: the "BISHKEK (Reuters) -" that opens a wire story.

A dateline gives the article's place (and sometimes its date and the news agency); it is never
an actor or an event. ``find_dateline`` reads it off the start of the text (or of its first
paragraph after a headline line) with the forms wire services use:

    BISHKEK (Reuters) -            WASHINGTON -               BAKU, Azerbaijan —
    DOHA, Qatar (AP) —             (Bloomberg) --             BISHKEK. Jan 10 (Interfax) -
    TASHKENT, March 3 (AFP) -      NEW YORK, Jan. 5, 2024 (AP) —
    KABUL (Pajhwok) :              (a colon only after a bracketed agency)

The place must be written in capitals (the wire convention) or the agency given in brackets, so
that an ordinary first sentence ("Police in Tajikistan say ...") is never read as a dateline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_PLACE = r"(?P<place>[A-Z][A-Z'’.\-]+(?:[ \-][A-Z][A-Z'’.\-]+)*)"  # BISHKEK, NUR-SULTAN, NEW YORK
_REGION = r"(?:,\s*(?P<region>[A-Z][A-Za-z.'’\-]+(?: [A-Z][A-Za-z.'’\-]+){0,3}))"  # , Qatar / , Azerbaijan
_DATE = rf"(?P<date{{n}}>{_MONTH}\s+\d{{{{1,2}}}}(?:,\s*\d{{{{4}}}})?)"
_AGENCY = r"\((?P<agency{n}>[A-Za-z][A-Za-z/&.'’\- ]{{0,40}})\)"
# a dash; or a colon after a bracketed agency ("KABUL (Pajhwok) :", "ISLAMABAD (APP):")
_DASH = r"(?P<sep>\s*(?:--|[-–—])\s+|\s*:\s+)"
_DATELINE = re.compile(
    rf"(?:{_PLACE}{_REGION}?(?:[,.]?\s*{_DATE.format(n=1)})?\s*(?:{_AGENCY.format(n=1)})?"  # PLACE[, Region][, Date] [(AGENCY)]
    rf"|(?:{_DATE.format(n=2)}\s*)?{_AGENCY.format(n=2)})"  # or [Date] (AGENCY) alone
    rf"{_DASH}")
_MAX_START = 300  # a dateline opens the article or the paragraph after a headline


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int  # offset just past the dash: the story proper starts here
    place: Optional[str]  # "BISHKEK", "DOHA, Qatar"
    date: Optional[str]  # the date as written ("Jan 10"), or None
    agency: Optional[str]  # "Reuters", "AP", or None
    place_start: int = 0  # offsets of the town's name ("DOHA" in "DOHA, Qatar (AP) —"); equal when none
    place_end: int = 0


def find_dateline(text: str) -> Optional[Dateline]:
    """The dateline opening ``text`` (or its first paragraphs), or None."""
    for start in paragraph_starts(text):
        m = _DATELINE.match(text, start)
        if m is None:
            continue
        place = m.group("place")
        if place is not None and (len(place.strip(".'’-")) < 3 or not any(c.isalpha() for c in place)):
            continue
        agency = m.group("agency1") or m.group("agency2")
        date = m.group("date1") or m.group("date2")
        if place is None and agency is None:
            continue
        if m.group("sep").strip() == ":" and agency is None:
            continue  # "WARNING: ..." or "UPDATE:": a colon alone does not end a dateline
        place = place.rstrip(".") if place else None
        where = place + (f", {m.group('region')}" if m.group("region") else "") if place else None
        ps = m.start("place") if place else m.start()
        pe = ps + len(place) if place else ps
        return Dateline(start=m.start(), end=m.end(), place=where, date=date, agency=agency,
                        place_start=ps, place_end=pe)
    return None


def paragraph_starts(text: str) -> list[int]:
    """Offsets where a dateline may stand: the text's first non-space character and the start of
    each following line within the first ``_MAX_START`` characters."""
    starts = []
    i = len(text) - len(text.lstrip())
    while i < min(len(text), _MAX_START):
        starts.append(i)
        nl = text.find("\n", i)
        if nl < 0:
            break
        i = nl + 1
        while i < len(text) and text[i].isspace():
            i += 1
    return starts


def dateline_date(text: str) -> Optional[str]:
    """The dateline's date as YYYY-MM-DD when it gives the year ("NEW YORK, Jan. 5, 2024 (AP) —"),
    else None: a date without its year is no reference to resolve "on Monday" against."""
    import datetime as dt

    d = find_dateline(text)
    if d is None or not d.date:
        return None
    m = re.match(r"([A-Za-z]+)\.?\s+(\d{1,2}),\s*(\d{4})", d.date)
    if m is None:
        return None
    months = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    mon = m.group(1)[:3].lower()
    if mon not in months:
        return None
    try:
        return dt.date(int(m.group(3)), months.index(mon) + 1, int(m.group(2))).isoformat()
    except ValueError:
        return None
