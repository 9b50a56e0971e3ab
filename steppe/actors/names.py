"""Name keys that survive transliteration: Nazarbayev/Nazarbaev, Kazakhstan/Kazakstan,
Zhakiyanov/Zhakianov, Kazakh/Kazak.

The key is a consonant skeleton (vowels, y, h and w dropped; doubled letters collapsed); two
names with the same key are the same name when their spellings are also close (edit
similarity). Both checks are general; no pair of names is listed anywhere.
"""
from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

_DROP = re.compile(r"[aeiouyhw]")
_NON_ALPHA = re.compile(r"[^a-z]")


def fold(text: str) -> str:
    """Lowercase ASCII: strip accents and anything but letters."""
    nfkd = unicodedata.normalize("NFKD", text)
    return _NON_ALPHA.sub("", nfkd.encode("ascii", "ignore").decode("ascii").lower())


def skeleton(text: str) -> str:
    f = fold(text)
    if not f:
        return ""
    head, rest = f[0], _DROP.sub("", f[1:])
    out = [head]
    for ch in rest:
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)


def same_name(a: str, b: str, threshold: float = 80.0) -> bool:
    """True when two spellings are transliteration variants of one name."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    if len(fa) < 4 or len(fb) < 4:
        return False
    return skeleton(a) == skeleton(b) and fuzz.ratio(fa, fb) >= threshold


def names_place(text: str, name: str) -> bool:
    """Whether a toponym's text is its resolved place's name (or a spelling of it, or contains
    it: "Sindh province"), not a guess from a distant spelling (Chenchen -> Chuncheon) or a
    longer name (Christian -> Christian County)."""
    ft, fn = fold(text), fold(name)
    return bool(fn) and (fn in ft or same_name(text, name, threshold=90.0))
