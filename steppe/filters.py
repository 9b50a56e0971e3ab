"""Checks of the event filters that `steppe events` and the HTTP API share, so that both accept
the same values and refuse the others with the same message.

Each check takes the parameter's name as the caller spells it (``--since`` on the command line,
``since`` in the API) and the value, and returns what is wrong with it, or None.

    >>> check_date("since", "2003-02-30")
    "since must be a date as YYYY-MM-DD, YYYY-MM or YYYY, not '2003-02-30'"
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_CODE = re.compile(r"\d{1,4}")


def check_date(name: str, value: str) -> Optional[str]:
    """A day (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY) of the calendar."""
    m = _DATE.fullmatch(value)
    ok = m is not None
    if ok:
        year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
        try:
            dt.date(year, month, day)
        except ValueError:
            ok = False
    return None if ok else f"{name} must be a date as YYYY-MM-DD, YYYY-MM or YYYY, not {value!r}"


def check_code(name: str, value: str) -> Optional[str]:
    """A CAMEO code prefix: 1 to 4 digits."""
    if _CODE.fullmatch(value):
        return None
    return f"{name} must be a CAMEO code or its first digits (1 to 4 digits, e.g. 17 or 173), not {value!r}"


def check_limit(name: str, value: int, most: Optional[int] = None) -> Optional[str]:
    """A number of rows: at least 1 (and at most ``most`` when given)."""
    if value < 1 or (most is not None and value > most):
        bounds = f"between 1 and {most}" if most is not None else "at least 1"
        return f"{name} must be {bounds}, not {value}"
    return None


__all__ = ["check_code", "check_date", "check_limit"]
