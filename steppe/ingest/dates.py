"""Publication dates, parsed once where articles come in (``steppe.ingest.boundary``).

News data gives the publication date in many shapes; each is read here into a ``PubDate``: an
ISO value (``2003-03-10``, ``2003-03`` or ``2003``) with its precision (day, month, year). The
rest of steppe reads only that value. A date this module cannot read without guessing
(``10/03/2003``: 10 March or October 3?) is not dropped silently: the article carries the flag
``date-unreadable: '10/03/2003'`` and has no publication date.

Accepted:
- ISO 8601 dates and datetimes, with or without a zone (``2003-03-10``, ``2003-03-10T08:00:00Z``,
  ``2003-03-10 08:00:00+05:00``, ``20030310``): the date as written (the local date where the
  news was published, not converted to UTC); ``2003-03`` and ``2003`` as month and year;
- RFC 2822 (``Mon, 10 Mar 2003 08:00:00 +0000``, the RSS form);
- month names: ``March 10, 2003``, ``Mar. 10 2003``, ``10 March 2003``, ``Monday, 10 March 2003``,
  ``March 2003``;
- numeric day/month orders only when they cannot be read two ways: ``2003/03/10``,
  ``25/03/2003`` (25 is no month), ``03/25/2003``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.utils import parsedate_tz
from typing import Optional

# Publication dates outside these years are placeholders or typos (the same bounds as
# steppe.dates.resolve.parse_article_date, which reads the value kept here)
MIN_YEAR, MAX_YEAR = 1000, 9998
UNREADABLE = "date-unreadable"
PRECISIONS = ("day", "month", "year", "unknown")

_MONTHS = {m: i for i, names in enumerate((
    (), ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec"))) for m in names}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME = r"(?:[T\s,]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:Z|UTC|GMT|[A-Z]{2,4}|[+-]\d{2}:?\d{2})?)?"
_ISO = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?" + _TIME, re.I)
_ISO_BASIC = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:T\d{2}(?:\d{2}(?:\d{2})?)?(?:Z|[+-]\d{2}:?\d{2})?)?", re.I)
_MDY = re.compile(_WEEKDAY + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _TIME, re.I)
_DMY = re.compile(_WEEKDAY + r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<y>\d{4})" + _TIME, re.I)
_MY = re.compile(_MONTH + r",?\s+(?P<y>\d{4})", re.I)
_YMD_SLASH = re.compile(r"(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})" + _TIME, re.I)
_NUMERIC = re.compile(r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4})" + _TIME, re.I)


@dataclass(frozen=True)
class PubDate:
    """A publication date: ``value`` in ISO form at its ``precision``, or None (unknown)."""

    value: Optional[str] = None  # 2003-03-10 | 2003-03 | 2003 | None
    precision: str = "unknown"  # day | month | year | unknown

    @property
    def day(self) -> Optional[dt.date]:
        """The date itself when the day is known."""
        return dt.date.fromisoformat(self.value) if self.precision == "day" else None


UNKNOWN = PubDate()


def _make(y: int, m: Optional[int] = None, d: Optional[int] = None) -> Optional[PubDate]:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        if d is not None:
            return PubDate(dt.date(y, m, d).isoformat(), "day")
        if m is not None:
            return PubDate(dt.date(y, m, 1).isoformat()[:7], "month")
    except (TypeError, ValueError):
        return None
    return PubDate(f"{y:04d}", "year")


def _month(name: str) -> Optional[int]:
    return _MONTHS.get(name.lower().rstrip("."))


def parse_pub_date(text: Optional[str]) -> tuple[PubDate, Optional[str]]:
    """``text`` as a ``PubDate`` and, when it names a date this cannot read for sure, the flag
    to put on the article (``date-unreadable: '10/03/2003'``). Blank or missing: unknown, no flag."""
    if text is None or not str(text).strip():
        return UNKNOWN, None
    raw = str(text).strip()
    found = _parse(raw)
    if found is None:
        return UNKNOWN, f"{UNREADABLE}: {raw[:64]!r}"
    return found, None


def _parse(s: str) -> Optional[PubDate]:
    m = _ISO.fullmatch(s)
    if m:
        return _make(int(m["y"]), m["m"] and int(m["m"]), m["d"] and int(m["d"]))
    m = _ISO_BASIC.fullmatch(s)
    if m:
        return _make(int(m["y"]), int(m["m"]), int(m["d"]))
    m = _YMD_SLASH.fullmatch(s)
    if m:
        return _make(int(m["y"]), int(m["m"]), int(m["d"]))
    for pattern in (_MDY, _DMY):
        m = pattern.fullmatch(s)
        if m and _month(m["month"]):
            return _make(int(m["y"]), _month(m["month"]), int(m["d"]))
    m = _MY.fullmatch(s)
    if m and _month(m["month"]):
        return _make(int(m["y"]), _month(m["month"]))
    m = _NUMERIC.fullmatch(s)
    if m:
        a, b = int(m["a"]), int(m["b"])
        if a > 12 >= b:
            return _make(int(m["y"]), b, a)  # 25/03/2003
        if b > 12 >= a:
            return _make(int(m["y"]), a, b)  # 03/25/2003
        if a == b:
            return _make(int(m["y"]), a, b)  # 03/03/2003 reads the same both ways
        return None  # 10/03/2003: either order
    parts = parsedate_tz(s)  # RFC 2822
    if parts and parts[0] and re.search(r"[A-Za-z]{3}", s):
        return _make(parts[0], parts[1], parts[2])
    return None


__all__ = ["PubDate", "UNKNOWN", "UNREADABLE", "parse_pub_date"]
