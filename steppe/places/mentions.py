"""Toponym candidates in a parsed spaCy Doc.

Two sources, because the small English model both misses places and mislabels them:
- the model's GPE / LOC / FAC entities;
- runs of capitalised tokens whose text is a gazetteer name (longest match first).
They are merged: a longer gazetteer name absorbs the entity fragments it spans ("Baja" + "California"),
an entity that is several names run together is split ("Greece Italy"), and a gazetteer name
inside a person's name or a date is dropped (inside an organisation's name it is kept, but has to
pass a stricter test when resolved). Demonyms ("Kazakh", "Afghans") are marked, not toponyms.
"""
from __future__ import annotations

import bisect

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Optional

from steppe.places.gazetteer import Gazetteer
from steppe.places.sources import read_tsv
from steppe.places.names import (
    DIRECTION_WORDS,
    FACILITY_WORDS,
    GENERIC_WORDS,
    norm,
    split_generic,
    strip_direction,
)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# A gazetteer name strictly inside an entity with one of these labels is not a toponym.
INSIDE_BLOCK = frozenset({"PERSON", "NORP", "DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL",
                          "ORDINAL", "PERCENT", "LANGUAGE"})
# A gazetteer name that is exactly an entity with one of these labels needs a very strong reading.
NUMERIC_LABELS = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL", "PERCENT"})
@functools.lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    """Titles and institutions that are never toponyms alone (data/places/not_places.tsv)."""
    text = (resources.files("steppe") / "data" / "places" / "not_places.tsv").read_text(encoding="utf-8")
    rows = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return frozenset(rows[1:])


@functools.lru_cache(maxsize=1)
def org_words() -> frozenset[str]:
    """Nouns whose following name is an organisation's ("news agency Turan": data/places/org_words.tsv)."""
    return frozenset(r["word"] for r in read_tsv("org_words.tsv") if r["word"])


def _names_organisation(doc, i: int) -> bool:
    """Tokens from ``i`` are the name of an organisation just named by its kind: "the independent
    news agency Turan", "the newspaper Kommersant" (not "the agency in Turan")."""
    return i > 0 and doc[i - 1].lower_ in org_words() and doc[i - 1].text.islower()


@functools.lru_cache(maxsize=1)
def polity_words() -> frozenset[str]:
    """Words after a name that make it a polity ("Quebec government": data/places/polity_words.tsv)."""
    return frozenset(r["word"] for r in read_tsv("polity_words.tsv") if r["word"])


def _polity_follows(doc, j: int) -> bool:
    """A government word follows tokens ..j-1: "New York Gov.", "Quebec Health Minister"."""
    words = polity_words()
    if j < len(doc) and doc[j].lower_.rstrip(".") in words:
        return True
    return (j + 1 < len(doc) and _capitalised(doc[j]) and "\n" not in doc[j].whitespace_
            and doc[j + 1].lower_.rstrip(".") in words and _capitalised(doc[j + 1]))


@functools.lru_cache(maxsize=1)
def _local_word_rows() -> dict[str, bool]:
    return {r["word"]: r["surname"] == "yes" for r in read_tsv("local_words.tsv") if r["word"]}


def local_words() -> frozenset[str]:
    """Words ending the name of a street or a building (data/places/local_words.tsv)."""
    return frozenset(_local_word_rows())


@functools.lru_cache(maxsize=1)
def local_prefixes() -> frozenset[str]:
    """Words beginning the name of a street or square ("Rue", "Calle": data/places/local_prefixes.tsv)."""
    return frozenset(r["word"] for r in read_tsv("local_prefixes.tsv") if r["word"])


# Lowercase words and elisions inside names that begin with a street word ("Calle de Alcalá").
_POSSESSIVE = frozenset({"'s", "’s"})


def _saint(doc, k: int) -> bool:
    """"St"/"St."/"Saint" before a capitalised name: a saint, not a street ("St George's")."""
    return (0 <= k < len(doc) - 1 and doc[k].text in ("St", "St.", "Saint", "Ste", "Ste.")
            and _capitalised(doc[k + 1]))
_NAME_CONNECTORS = frozenset({"de", "del", "della", "di", "da", "do", "dos", "das", "la", "le", "les",
                              "los", "las", "des", "du", "von", "van"})


def _prefixed_local_names(doc) -> list[tuple[int, int]]:
    """"Rue Casa Calvo", "Rue d'Enghien", "Calle de Alcalá": a street word that begins a name,
    then up to four capitalised words or connectors, ending in a capitalised word."""
    prefixes = local_prefixes()
    out = []
    for tok in doc:
        if not _capitalised(tok) or tok.lower_ not in prefixes or tok.is_sent_start:
            continue
        j, last = tok.i + 1, None
        while j < len(doc) and j - tok.i <= 5 and "\n" not in doc[j - 1].whitespace_:
            w = doc[j]
            elided = w.lower_[:2] in ("d'", "d’", "l'", "l’") and w.text[2:3].isupper()
            if _capitalised(w) or elided:
                last = j
            elif w.lower_ not in _NAME_CONNECTORS and not (w.text in ("-", "–") and not doc[j - 1].whitespace_):
                break  # (a hyphen joins "Saint-Germain")
            j += 1
        if last is not None:
            out.append((tok.i, last + 1))
    return out


@functools.lru_cache(maxsize=1)
def _road_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(r["pattern"]) for r in read_tsv("road_numbers.tsv") if r["pattern"])


@functools.lru_cache(maxsize=1)
def _not_road_words() -> frozenset[str]:
    return frozenset(r["word"] for r in read_tsv("not_road_words.tsv") if r["word"])


def road_numbers(doc) -> list[tuple[int, int]]:
    """Token spans of road numbers used as names: "on the A120", "The A417 southbound", "via the
    A436, A40 and A429" (data/places/road_numbers.tsv); not "the A380 superjumbo"."""
    patterns, not_roads = _road_patterns(), _not_road_words()
    out: list[tuple[int, int]] = []
    for tok in doc:
        if not any(p.fullmatch(tok.text) for p in patterns):
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in not_roads:
            continue
        prev = doc[tok.i - 1] if tok.i > 0 else None
        listed = (prev is not None and prev.lower_ in (",", "and", "or") and out
                  and out[-1][1] >= tok.i - 2)  # the next item of a list of roads
        if (prev is not None and prev.lower_ == "the") or listed:
            out.append((tok.i, tok.i + 1))
    return out


@functools.lru_cache(maxsize=1)
def street_words() -> frozenset[str]:
    """Local words naming a road, shared in the plural by several names ("Elm and Oak streets")."""
    return frozenset(r["word"] for r in read_tsv("local_words.tsv") if r["word"] and r.get("street") == "yes")


def surname_words() -> frozenset[str]:
    """Local words that also end people's names ("Lane", "Hall", "Church")."""
    return frozenset(w for w, surname in _local_word_rows().items() if surname)


_COMMON_WORDS = DIRECTION_WORDS | FACILITY_WORDS | frozenset(GENERIC_WORDS)
# Names of days, months, seasons and holidays: a "date" that is also a town name is the date.
TEMPORAL_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "spring", "summer", "autumn", "fall", "winter", "christmas",
    "easter", "ramadan", "eid", "thanksgiving", "halloween", "passover", "hanukkah", "diwali",
    "nowruz", "lent", "advent", "pentecost", "new year", "day", "week", "noon", "midnight",
})
CONNECTORS = frozenset({"of", "de", "del", "di", "da", "la", "le", "al", "el", "upon", "on", "the",
                        "and", "es", "du", "des", "van", "von", "-", "'", "’", "&"})
LEADING_DROP = frozenset({"the", "The", "THE"})
TRAILING_DROP = frozenset({"'s", "’s", "'", "’", ".", ",", ";", ":", "-", ")", "(", '"'})
MAX_TOKENS = 6
_OPENERS = frozenset({'"', "“", "‘", "'", ":", "—", "–", "-", "(", "["})


@dataclass
class Mention:
    """A candidate toponym: character offsets into ``doc.text`` and how it was found."""

    start: int
    end: int
    text: str
    key: str  # names.norm(text)
    # "ner" (the model calls it a place) | "gaz" (a gazetteer name) | "demonym"
    # | "local" (a street or building name)
    source: str
    label: Optional[str]  # the model's label on exactly this span, if any
    n_tokens: int
    propn: bool = True  # every word token is tagged a proper noun
    strict: bool = False  # labelled as, or inside, a non-place entity: needs a strong reading
    embedded: bool = False  # part of a longer organisation / facility / event name
    numeric: bool = False  # the model labelled exactly this span a date, time or number
    qualifier: Optional["Mention"] = None  # "Gatineau, Que." -> the mention of "Que."
    qualifies: bool = False  # this mention follows "<place>, "
    listed_with: Optional["Mention"] = None  # the item before it in a list ("California or Washington")
    polity: bool = False  # a government word follows ("Quebec government"): a region or country
    part: bool = False  # one of several names an entity was split into ("Greece Italy")


def _capitalised(tok) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and any(ch.isalpha() for ch in t)


def _proper(tok) -> bool:
    """Tagged a proper noun, or capitalised where a common word would not be (inside a
    sentence, or an all-capitals dateline such as ``BEIRUT``)."""
    if tok.pos_ == "PROPN":
        return True
    if tok.is_upper and len(tok.text) > 2:
        return True
    if not _capitalised(tok) or tok.is_sent_start or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]  # after a quote, a colon or a line break any word may be capitalised
    return prev.text not in _OPENERS and not prev.is_space and "\n" not in prev.whitespace_


def _trim(doc, i: int, j: int) -> tuple[int, int]:
    """Drop a leading "the" and trailing possessives and punctuation from an entity span."""
    while i < j and doc[i].text in LEADING_DROP:
        i += 1
    while j > i and doc[j - 1].text in TRAILING_DROP:
        j -= 1
    return i, j


def _span_text(doc, i: int, j: int, text: Optional[str] = None) -> str:
    """Text of tokens i..j-1 (pass ``text=doc.text``: spaCy rebuilds it on every access)."""
    return (doc.text if text is None else text)[doc[i].idx: doc[j - 1].idx + len(doc[j - 1].text)]


def _run_ok(doc, i: int, j: int) -> bool:
    """Tokens i..j-1 can form one name: capitalised words, with connectors only inside, in one
    sentence, joined by at most single spaces."""
    if not (_capitalised(doc[i]) and _capitalised(doc[j - 1])):
        return False
    for k in range(i, j):
        tok = doc[k]
        if k > i and (tok.is_sent_start or "\n" in doc[k - 1].whitespace_):
            return False
        if k < j - 1 and len(tok.whitespace_) > 1:
            return False
        if not (_capitalised(tok) or tok.text.lower() in CONNECTORS):
            return False
        if tok.text in {"-", "'", "’"} and (tok.whitespace_ or doc[k - 1].whitespace_):
            return False
    return True


def gazetteer_runs(doc, gaz: Gazetteer, text: Optional[str] = None) -> list[tuple[int, int]]:
    """Longest gazetteer names (or demonyms) over capitalised runs, left to right."""
    text = doc.text if text is None else text
    n, i, out = len(doc), 0, []
    while i < n:
        if not _capitalised(doc[i]):
            i += 1
            continue
        match = None
        for j in range(min(n, i + MAX_TOKENS), i, -1):
            if not _run_ok(doc, i, j) or _inside_compound(doc, i, j, gaz):
                continue
            if j == i + 1 and doc[i].is_stop and not doc[i].is_upper:
                continue  # "She", "We", "In" at the start of a sentence
            key = norm(_span_text(doc, i, j, text))
            if key and (gaz.has_key(key) or key in gaz.demonyms):
                match = j
                break
        if match is None:
            i += 1
            continue
        out.append((i, match))
        i = match
    return out


def _joined(doc, k: int, gaz: Gazetteer, side: int) -> bool:
    """Token k is a hyphen written without spaces, joining a name to a capitalised word that is
    not a place name itself ("Champs-Élysées"; but "Calgary-Edmonton", "London-based" split)."""
    if not (0 < k < len(doc) - 1 and doc[k].text in {"-", "–"} and not doc[k].whitespace_
            and not doc[k - 1].whitespace_):
        return False
    other = doc[k + side]
    key = norm(other.text)  # a place or a demonym on the other side: "German-Iraqi", "Syrian-Turkish"
    return _capitalised(other) and not gaz.has_key(key) and key not in gaz.demonyms


def _modifier_compound(doc, j: int) -> bool:
    """Tokens before ``j`` are the first part of a hyphenated modifier ("US-based", "Saudi-led",
    "Canada-born"): a hyphen without spaces, then a lowercase word. Such a name is a place or a
    people even when the model runs it into a person's name before it ("By: Jane Doe US-based
    producer ...")."""
    return (j + 1 < len(doc) and doc[j].text in {"-", "–"} and not doc[j].whitespace_
            and not doc[j - 1].whitespace_ and doc[j + 1].text.isalpha() and doc[j + 1].text.islower())


def _inside_compound(doc, i: int, j: int, gaz: Gazetteer) -> bool:
    """Tokens i..j-1 are only part of a hyphenated name: "Champs" in "Champs-Élysées"."""
    return _joined(doc, j, gaz, 1) or _joined(doc, i - 1, gaz, -1)


def _resolvable(gaz: Gazetteer, key: str) -> bool:
    base, _ = split_generic(key)
    return gaz.has_key(key) or gaz.has_key(base) or gaz.has_key(strip_direction(base))


class _Collector:
    def __init__(self, doc, gaz: Gazetteer):
        self.doc, self.gaz, self.text = doc, gaz, doc.text
        self.mentions: list[Mention] = []
        self.taken = [False] * len(doc)

    def free(self, i: int, j: int) -> bool:
        return not any(self.taken[i:j])

    def add(self, i: int, j: int, source: str, label: Optional[str], strict: bool = False,
            embedded: bool = False, part: bool = False) -> None:
        doc = self.doc
        text = _span_text(doc, i, j, self.text)
        key = norm(text)
        if not key or not any(ch.isupper() for ch in text):
            return
        if (key in _COMMON_WORDS or key in not_places()) and source != "local":
            return  # "West", "Valley", "University", "Minister": words, not names ("State Street" is one)
        if _names_organisation(doc, i) and key not in self.gaz.demonyms:
            return
        if label in NUMERIC_LABELS and (key in TEMPORAL_WORDS or any(ch.isdigit() for ch in text)):
            return
        if key in self.gaz.demonyms:
            source = "demonym"
        words = [t for t in doc[i:j] if any(ch.isalpha() for ch in t.text)]
        propn = all(_proper(t) for t in words) if words else False
        self.mentions.append(Mention(
            start=doc[i].idx, end=doc[j - 1].idx + len(doc[j - 1].text), text=text, key=key,
            source=source, label=label, n_tokens=j - i, propn=propn, strict=strict or embedded,
            embedded=embedded, numeric=label in NUMERIC_LABELS, polity=_polity_follows(doc, j), part=part))
        for k in range(i, j):
            self.taken[k] = True

    def add_prefix(self, tok) -> None:
        """``U.S.-led``: the place before a hyphen inside one token."""
        prefix = tok.text.split("-", 1)[0]
        key = norm(prefix)
        if key and self.gaz.has_key(key) and prefix[:1].isupper():
            source = "demonym" if key in self.gaz.demonyms else "gaz"
            self.mentions.append(Mention(tok.idx, tok.idx + len(prefix), prefix, key, source, None, 1))
            self.taken[tok.i] = True


class _Spans:
    """Token spans (start, end) indexed by start, so that the spans inside or around a span are
    found by bisection rather than by a scan per entity (linear cost in the article's length)."""

    def __init__(self, spans) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.longest = max((e - s for s, e in self.spans), default=0)

    def around(self, i: int, j: int) -> list[tuple[int, int]]:
        """Spans that contain i..j-1, in order."""
        lo = bisect.bisect_left(self.starts, i - self.longest)
        hi = bisect.bisect_right(self.starts, i)
        return [r for r in self.spans[lo:hi] if r[1] >= j]

    def inside(self, i: int, j: int) -> list[tuple[int, int]]:
        """Spans within i..j-1, in order."""
        lo, hi = bisect.bisect_left(self.starts, i), bisect.bisect_left(self.starts, j)
        return [r for r in self.spans[lo:hi] if r[1] <= j]


def extract_mentions(doc, gaz: Gazetteer) -> list[Mention]:
    """Candidate toponyms of ``doc``, in text order, not overlapping."""
    col = _Collector(doc, gaz)
    runs = gazetteer_runs(doc, gaz, col.text)
    ent_of = [None] * len(doc)
    for ent in doc.ents:
        for k in range(ent.start, ent.end):
            ent_of[k] = ent
    streets = _coordinated_local_names(doc, street_words())
    locals_ = [(i, j) for i, j in local_names(doc, streets) if not _blocked_local(doc, i, j, ent_of)]
    local_index, run_index = _Spans(locals_), _Spans(runs)
    coordinated = {k for i, j in set(locals_) & set(streets) for k in range(i, j)}

    def in_local(i: int, j: int) -> bool:
        """Tokens i..j-1 are part of a longer street or building name ("Kingsley" in
        "Kingsley Road", "Rogers" in "Rogers Centre"), or cross the name of a street that
        shares a plural street word ("State" in "State and Hubbard streets")."""
        return (any(lj - li > j - i for li, lj in local_index.around(i, j))
                or any(k in coordinated for k in range(i, j)))

    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        i0, j0 = _trim(doc, ent.start, ent.end)
        if i0 >= j0 or not col.free(i0, j0) or in_local(i0, j0):
            continue
        longer = [r for r in run_index.around(i0, j0) if r[1] - r[0] > j0 - i0]
        if longer and col.free(*longer[0]):
            col.add(longer[0][0], longer[0][1], "ner", None)
            continue
        if _resolvable(gaz, norm(_span_text(doc, i0, j0, col.text))):
            col.add(i0, j0, "ner", ent.label_)
            continue
        inner = run_index.inside(i0, j0)
        covered = {k for r in inner for k in range(*r)}
        rest = [t for t in doc[i0:j0] if t.i not in covered and _capitalised(t)]
        if inner and not rest and (i0, j0) not in locals_:  # "Greece Italy", "Gatineau Que"; not "Rogers Centre"
            for r in inner:
                col.add(r[0], r[1], "ner", ent.label_, part=len(inner) > 1)
        else:
            col.add(i0, j0, "ner", ent.label_)
    for i, j in runs:
        if not col.free(i, j) or in_local(i, j):
            continue  # "Grace" in "Grace Hospital": part of a building's name
        label, strict, embedded, blocked = None, False, False, False
        for ent in {ent_of[k] for k in range(i, j) if ent_of[k] is not None}:
            ei, ej = _trim(doc, ent.start, ent.end)
            if (ei, ej) == (i, j):
                label, strict = ent.label_, ent.label_ not in PLACE_LABELS
            elif ei <= i and ej >= j:  # the name is part of a longer entity
                # a demonym inside a nationality entity still counts ("German-Iraqi")
                demonym_in_norp = ent.label_ == "NORP" and norm(_span_text(doc, i, j, col.text)) in gaz.demonyms
                # the last words of a person's name that open a modifier ("... Doe US-based") are not his
                modifier = ent.label_ == "PERSON" and ej == j and ei < i and _modifier_compound(doc, j)
                blocked = blocked or (ent.label_ in INSIDE_BLOCK and not demonym_in_norp and not modifier)
                embedded = True
        if not blocked:
            col.add(i, j, "gaz", label, strict, embedded)
    for tok in doc:
        if "-" in tok.text[1:-1] and not col.taken[tok.i] and _capitalised(tok):
            col.add_prefix(tok)
    for i, j in locals_:
        if col.free(i, j):
            col.add(i, j, "local", None)
    found = sorted(col.mentions, key=lambda m: m.start)
    _link_qualifiers(col.text, found)
    return found


def _blocked_local(doc, i: int, j: int, ent_of: list) -> bool:
    """Is the street or building name at tokens i..j-1 part of a person's name, a date ...? A
    span the model labels a person is still a street when it ends in a word that does not end
    people's names ("Dubonet Drive", "Victoria St."; but "Nathan Lane" is a person)."""
    street = doc[j - 1].lower_.rstrip(".") not in surname_words()
    for k in range(i, j):
        ent = ent_of[k]
        if ent is None or ent.label_ not in INSIDE_BLOCK:
            continue
        if not (street and ent.label_ == "PERSON" and ent.start >= i and ent.end <= j):
            return True
    return False


def local_names(doc, streets: Optional[list[tuple[int, int]]] = None) -> list[tuple[int, int]]:
    """Token spans of street and building names: up to four capitalised words ending in a
    capitalised street or building word ("Royal Street", "N. Bedford Drive", "Barclays Center";
    not "Street" or "The Hospital" alone, not "St. Louis"), and the names sharing a plural street
    word (``streets``, from ``_coordinated_local_names`` when not given)."""
    words = local_words()
    out = []
    for tok in doc:
        if tok.i == 0 or not _capitalised(tok) or tok.lower_.rstrip(".") not in words:
            continue
        if tok.i + 1 < len(doc) and _capitalised(doc[tok.i + 1]) and "\n" not in tok.whitespace_:
            continue  # "St. Louis", "Centre Court": the word starts a longer name
        i = tok.i
        while (i > 0 and tok.i - i < 4 and not doc[i].is_sent_start and "\n" not in doc[i - 1].whitespace_
               and (doc[i - 1].lower_.rstrip(".") not in words or _saint(doc, i - 1))):
            if doc[i - 1].lower_ in _POSSESSIVE and i > 2 and _capitalised(doc[i - 2]) \
                    and not doc[i - 2].whitespace_ and _saint(doc, i - 3):
                i -= 1  # "St George's Chapel", "St. Peter's Basilica": a saint's building
            elif not _capitalised(doc[i - 1]):
                break
            i -= 1
        if i > 0 and doc[i - 1].text in {"-", "–"} and not doc[i - 1].whitespace_:
            continue  # "Montreal-Pierre Elliott Trudeau International Airport": a longer name
        if i < tok.i and not (i == tok.i - 1 and doc[i].is_stop and doc[i].pos_ not in ("PROPN", "ADJ")):
            out.append((i, tok.i + 1))
    taken = {k for i, j in out for k in range(i, j)}
    if streets is None:
        streets = _coordinated_local_names(doc, street_words())
    out += [(i, j) for i, j in streets if not any(k in taken for k in range(i, j))]
    taken = {k for i, j in out for k in range(i, j)}
    out += [(i, j) for i, j in _prefixed_local_names(doc) + road_numbers(doc)
            if not any(k in taken for k in range(i, j))]
    return sorted(out)


def _name_before(doc, k: int, limit: int = 3) -> Optional[int]:
    """Start of a run of up to ``limit`` capitalised words ending at token ``k`` (inclusive),
    within one sentence and line; None if token ``k`` is not capitalised."""
    if k < 0 or not _capitalised(doc[k]) or doc[k].lower_ in _COORDINATORS:
        return None
    i = k
    while (i > 0 and k - i + 1 < limit and _capitalised(doc[i - 1]) and not doc[i].is_sent_start
           and "\n" not in doc[i - 1].whitespace_):
        i -= 1
    return i


_COORDINATORS = frozenset({"and", "&", "or", ","})


def _coordinated_local_names(doc, words: frozenset[str]) -> list[tuple[int, int]]:
    """Names of streets sharing one plural street word: "Bourbon and Dauphine streets", "at
    State and Hubbard streets", "Elm, Oak and Pine avenues". Each name is a local place (a
    street of the article's town), not a town elsewhere named the same."""
    out: list[tuple[int, int]] = []
    for tok in doc:
        low = tok.lower_
        if tok.i < 3 or not low.endswith("s") or low[:-1] not in words:
            continue
        names, k = [], tok.i - 1
        while True:
            i = _name_before(doc, k)
            if i is None:
                break
            names.append((i, k + 1))
            k = i - 1
            if k < 0 or doc[k].lower_ not in _COORDINATORS:
                break
            k -= 1
            if k >= 0 and doc[k].lower_ in _COORDINATORS:  # ", and"
                k -= 1
        if len(names) >= 2:
            out += names
    return out


_LIST_LINKS = (",", "and", ", and", "or", ", or")
_IN_REGION = re.compile(r" in (?:(?:north|south|east|west)(?:ern|east|west|eastern|western)?|central|rural) ?|"
                        r" in ")


def _link_qualifiers(text: str, mentions: list[Mention]) -> None:
    """``Gatineau, Que.`` / ``Paris, Texas``: the second mention qualifies the first, unless the
    pair is part of a longer list ("Washington, New York and Boston"). Items of a list are linked
    to the item before them."""
    def joined(a: Mention, b: Mention, links: tuple[str, ...]) -> bool:
        gap = text[a.end:b.start]
        return len(gap) <= 6 and gap.strip() in links

    for k, (a, b) in enumerate(zip(mentions, mentions[1:])):
        if joined(a, b, _LIST_LINKS):
            b.listed_with = a
        gap = text[a.end:b.start]
        if _IN_REGION.fullmatch(gap) and b.source != "demonym" and a.source != "demonym":
            # "Monroe County in northeast Missouri": the second qualifies the first when it reads as a
            # region on its own ("Trump Tower in New York" keeps the city: no region shape is asked)
            a.qualifier = b
            continue
        if gap.strip() != "," or len(gap) > 3:
            continue
        before = k > 0 and joined(mentions[k - 1], a, (",",))
        after = k + 2 < len(mentions) and joined(b, mentions[k + 2], _LIST_LINKS)
        if not (before or after):
            a.qualifier = b
            b.qualifies = True
