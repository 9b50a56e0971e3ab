"""The checks every article passes on its way in, whatever it came from (files, JSONL, stdin,
an HTTP body, Python objects, Dask partitions): the text (blank, too long, undecodable
characters) and the publication date, parsed once (``steppe.ingest.dates``). The same input
gets the same reason or flags on every path.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Union

from steppe.ingest.dates import parse_pub_date
from steppe.records import Article, Skipped

DEFAULT_MAX_CHARS = 1_000_000
INVALID = "invalid-utf8"
EMPTY = "empty text"
# lone surrogates: undecodable bytes read with errors="surrogateescape" (U+DC80..U+DCFF) and
# unpaired \ud800 escapes in JSON; neither can be encoded, parsed or stored
_SURROGATES = re.compile("[\ud800-\udfff]")
_NOT_ESCAPED_BYTES = re.compile("[\ud800-\udc7f\udd00-\udfff]")


@dataclass(frozen=True)
class ReadOptions:
    date: Optional[str] = None  # publication date for articles that have none
    max_chars: int = DEFAULT_MAX_CHARS  # longer texts are truncated and flagged


def repair_text(value: Optional[str]) -> tuple[Optional[str], bool]:
    """``value`` with lone surrogates replaced as UTF-8 decoding with errors="replace" would
    (U+FFFD), and whether any were found."""
    if not value or not _SURROGATES.search(value):
        return value, False
    value = _NOT_ESCAPED_BYTES.sub("\ufffd", value)
    return value.encode("utf-8", "surrogateescape").decode("utf-8", errors="replace"), True


def validate(article: Article, opts: ReadOptions = ReadOptions()) -> Union[Article, Skipped]:
    """``article`` checked: Skipped when its text is blank (``empty text``); otherwise with
    undecodable characters replaced (``invalid-utf8``), cut to ``opts.max_chars``
    (``truncated-to-N-chars``) and its publication date parsed (an ISO value and its precision;
    ``date-unreadable: '...'`` when it cannot be read for sure). Articles without a readable
    date take ``opts.date``. Validating a valid article again changes nothing."""
    fields = {}
    repaired = False
    for name in ("id", "text", "title", "date", "url", "source"):
        fields[name], bad = repair_text(getattr(article, name))
        repaired = repaired or bad
    text = fields["text"]
    where = article.origin or fields["id"]
    if not text or not text.strip():
        return Skipped(where, EMPTY, fields["id"])
    flags = article.flags
    if repaired and INVALID not in flags:
        flags = flags + (INVALID,)
    if len(text) > opts.max_chars:
        text = text[: opts.max_chars]
        flags = flags + (f"truncated-to-{opts.max_chars}-chars",)
        if not text.strip():
            return Skipped(where, f"empty text in the first {opts.max_chars} characters (--max-chars)",
                           fields["id"])
    fields["text"] = text
    date, problem = parse_pub_date(fields["date"])
    if problem and problem not in flags:
        flags = flags + (problem,)
    if date.value is None and opts.date:
        date, _ = parse_pub_date(opts.date)
    fields["date"] = date.value
    if (not repaired and text is article.text and flags is article.flags and fields["date"] == article.date
            and article.date_precision == date.precision):
        return article
    return Article(**fields, origin=article.origin, flags=flags, date_precision=date.precision)


__all__ = ["DEFAULT_MAX_CHARS", "EMPTY", "INVALID", "ReadOptions", "repair_text", "validate"]
