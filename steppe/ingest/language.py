"""Is a text English? A function-word test: English news prose is 25-45% function words
("the", "of", "and", "to", ...); other languages written in Latin script share few of them,
and non-Latin scripts have none. Texts too short to judge are kept."""
from __future__ import annotations

import re
from typing import Iterable, Iterator, Union

from steppe.records import Article, Skipped

_FUNCTION_WORDS = frozenset("""
the of and to a in is was that for on with as by it at from he his be are were has have had
not this but an or which their they its will would said been who after also more than about
she her we our you there when into over can could other all up out one two new first
""".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS = 12
MIN_RATIO = 0.12


def english_ratio(text: str, sample: int = 4000) -> tuple[float, int]:
    words = _WORD.findall(text[:sample].lower())
    if not words:
        return 0.0, 0
    return sum(1 for w in words if w in _FUNCTION_WORDS) / len(words), len(words)


def is_english(text: str) -> bool:
    ratio, n = english_ratio(text)
    return n < MIN_WORDS or ratio >= MIN_RATIO


def language_filter(items: Iterable[Union[Article, Skipped]]) -> Iterator[Union[Article, Skipped]]:
    for item in items:
        if isinstance(item, Article) and not is_english(item.text):
            ratio, n = english_ratio(item.text)
            yield Skipped(item.origin or item.id,
                          f"not English ({ratio:.0%} English function words in {n} words; "
                          f"use --lang en to code it anyway)", item.id)
        else:
            yield item
