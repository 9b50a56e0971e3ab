"""Name normalisation for the gazetteer: exact keys, transliteration folding, fuzzy skeletons.

Pure functions, no data: the builder and the resolver call the same ones, so a name indexed
at build time and a mention looked up at run time meet on the same key.
"""
from __future__ import annotations

import re
import unicodedata

# Words that say what kind of place a name is ("Jambyl Province", "Morris County").
# Value: the feature the word points to ("admin1", "admin2" or "city").
GENERIC_WORDS: dict[str, str] = {
    "province": "admin1", "region": "admin1", "state": "admin1", "oblast": "admin1",
    "oblysy": "admin1", "governorate": "admin1", "prefecture": "admin1", "territory": "admin1",
    "krai": "admin1", "kray": "admin1", "republic": "admin1", "canton": "admin1",
    "emirate": "admin1", "wilayah": "admin1", "vilayet": "admin1", "department": "admin1",
    "county": "admin2", "district": "admin2", "rayon": "admin2", "raion": "admin2",
    "parish": "admin2", "municipality": "admin2", "borough": "admin2", "audany": "admin2",
    "city": "city", "town": "city", "village": "city",
}

# Direction words stripped in a second try ("Eastern Ghouta" -> "Ghouta").
DIRECTION_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "upper", "lower", "greater", "northeast", "northwest", "southeast", "southwest",
    "northeastern", "northwestern", "southeastern", "southwestern",
})

# Words that name a kind of building, road or area: on their own they are not a place name.
FACILITY_WORDS = frozenset({
    "street", "st", "avenue", "ave", "road", "rd", "drive", "lane", "boulevard", "way", "parade",
    "place", "square", "plaza", "park", "garden", "gardens", "centre", "center", "hall", "church",
    "chapel", "cathedral", "basilica", "mosque", "temple", "airport", "station", "hospital",
    "university", "college", "school", "academy", "museum", "gallery", "library", "theatre",
    "theater", "stadium", "arena", "hotel", "tower", "palace", "castle", "house", "building",
    "prison", "court", "market", "mall", "campus", "estate", "farm", "bridge", "port", "harbour",
    "harbor", "beach", "bay", "island", "islands", "lake", "river", "valley", "mountain",
    "mountains", "hill", "hills", "forest", "national", "international", "memorial", "general",
    "medical", "government", "area", "local", "new", "old", "great", "little", "royal", "saint",
    "far", "deep", "coast", "field", "fields", "green", "union", "federal", "united", "crystal",
})

_DROP = re.compile(r"[.'’‘`ʻʼ,]")
_SPACE = re.compile(r"[^0-9a-z]+")
_TOKEN_MAP = {"saint": "st", "sainte": "ste", "sankt": "st"}

# Transliteration folding, applied in order on an already normalised key.
_FOLDS: tuple[tuple[str, str], ...] = (
    ("dzh", "j"), ("zh", "j"), ("dj", "j"), ("tch", "ch"), ("sch", "sh"), ("kh", "k"),
    ("gh", "g"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("w", "v"), ("x", "ks"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("iy", "i"), ("yy", "i"), ("ye", "e"), ("yo", "o"),
    ("yu", "u"), ("ya", "a"), ("ie", "i"), ("ei", "i"), ("y", "i"), ("ii", "i"),
)
_DOUBLE = re.compile(r"([a-z])\1+")
_VOWELS_TAIL = re.compile(r"[aeiou]+$")
_VOWELS = re.compile(r"[aeiou]")


def strip_accents(text: str) -> str:
    """``Biškek`` -> ``Biskek``; leaves non-Latin letters as they are."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_latin(text: str) -> bool:
    """True when the name, accents stripped, is written in ASCII letters and punctuation."""
    return strip_accents(text).isascii()


def norm(text: str) -> str:
    """The exact-match key: accents, case, periods and apostrophes dropped, other punctuation
    to single spaces, ``Saint`` as ``st``. ``U.S.`` and ``US`` meet on ``us``."""
    s = strip_accents(text).lower().replace("ß", "ss").replace("ı", "i")
    s = _DROP.sub("", s)
    s = _SPACE.sub(" ", s).strip()
    if not s:
        return ""
    return " ".join(_TOKEN_MAP.get(t, t) for t in s.split())


def fold(key: str) -> str:
    """Fold transliteration variants of a normalised key together (``zhambyl`` ~ ``jambil``,
    ``kazakstan`` ~ ``kazakhstan``); spaces are removed."""
    s = key.replace(" ", "")
    for old, new in _FOLDS:
        s = s.replace(old, new)
    return _DOUBLE.sub(r"\1", s)


def skeleton(key: str) -> str:
    """Blocking key for fuzzy lookup: the folded form without a final vowel cluster and without
    vowels after the first letter (``lugovoye`` and ``lugovoy`` -> ``lgv``)."""
    f = fold(key)
    if len(f) > 4:
        f = _VOWELS_TAIL.sub("", f)
    if not f:
        return ""
    return _DOUBLE.sub(r"\1", f[0] + _VOWELS.sub("", f[1:]))


def split_generic(key: str) -> tuple[str, str | None]:
    """Strip one generic word from the end or start of a key: ``jambyl province`` ->
    (``jambyl``, ``admin1``); ``republic of kazakhstan`` is left to the name index."""
    words = key.split()
    if len(words) < 2:
        return key, None
    if words[-1] in GENERIC_WORDS:
        return " ".join(words[:-1]), GENERIC_WORDS[words[-1]]
    if len(words) > 2 and words[0] in GENERIC_WORDS and words[1] == "of":
        hint = None if words[0] == "republic" else GENERIC_WORDS[words[0]]
        return " ".join(words[2:]), hint
    return key, None


def strip_direction(key: str) -> str:
    """``eastern ghouta`` -> ``ghouta``, ``north west london`` -> ``london``; the key itself
    when it has no leading direction word."""
    words = key.split()
    k = 0
    while k < len(words) - 1 and words[k] in DIRECTION_WORDS:
        k += 1
    return " ".join(words[k:])
