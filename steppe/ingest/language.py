"""Is a text English? A function-word test: English news prose is 25-45% function words
("the", "of", "and", "to", ...); other languages written in Latin script share few of them,
and non-Latin scripts have none.

A text is judged not English only when its count of function words would be improbable for
English: below 1% under a binomial with the low end of English's rate (28%). A twelve-word
headline-like sentence with one function word ("Syrian troops killed five rebels near Homs, the
website Al-Monitor reported.") is kept; a German or Russian paragraph is not. Texts mostly in
another script are not English at any length."""
from __future__ import annotations

import math
import re
from typing import Iterable, Iterator, Union

from steppe.records import Article, Skipped

_FUNCTION_WORDS = frozenset("""
the of and to a in is was that for on with as by it at from he his be are were has have had
not this but an or which their they its will would said been who after also more than about
she her we our you there when into over can could other all up out one two new first
""".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
ENGLISH_RATE = 0.28  # the low end of English news prose's share of these words
ALPHA = 0.01  # how improbable for English a text's count must be to skip it


def english_ratio(text: str, sample: int = 4000) -> tuple[float, int]:
    words = _WORD.findall(text[:sample].lower())
    if not words:
        return 0.0, 0
    return sum(1 for w in words if w in _FUNCTION_WORDS) / len(words), len(words)


def _improbable_for_english(k: int, n: int) -> bool:
    """P(at most k function words in n | English) < ALPHA (the binomial's lower tail)."""
    tail = 0.0
    for i in range(k + 1):
        tail += math.comb(n, i) * ENGLISH_RATE ** i * (1 - ENGLISH_RATE) ** (n - i)
        if tail >= ALPHA:
            return False
    return True


def is_english(text: str, sample: int = 4000) -> bool:
    head = text[:sample]
    letters = [c for c in head if c.isalpha()]
    if len(letters) >= 20 and sum(c.isascii() for c in letters) < len(letters) / 2:
        return False  # mostly another script (Cyrillic, Arabic, Chinese ...)
    ratio, n = english_ratio(text, sample)
    # (at English's own rate or above the tail is at least a half: no sum needed)
    return ratio >= ENGLISH_RATE or not _improbable_for_english(round(ratio * n), n)


def language_filter(items: Iterable[Union[Article, Skipped]]) -> Iterator[Union[Article, Skipped]]:
    for item in items:
        if isinstance(item, Article) and not is_english(item.text):
            ratio, n = english_ratio(item.text)
            yield Skipped(item.origin or item.id,
                          f"not English ({ratio:.0%} English function words in {n} words; "
                          f"use --lang en to code it anyway)", item.id)
        else:
            yield item
