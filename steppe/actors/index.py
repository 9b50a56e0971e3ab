"""A phrase index over actor knowledge: token sequences -> what they denote.

Built once from the built-in lexicons (countries, IGOs, sectors) and any user dictionaries;
looked up by longest match over lowercased tokens. User entries win over built-in ones.
"""
from __future__ import annotations

import dataclasses
import functools
from importlib import resources
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from steppe.actors.lexicon import load_countries, load_igos, load_peoples, load_sectors

MAX_PHRASE = 8


@dataclass(frozen=True)
class Hit:
    """What a phrase denotes.

    kind: country (a country's name), adjective (a nationality adjective or demonym, or the name
    of a people without a state: then ``homelands`` lists the states it lives in), capital
    (a capital used for its government), igo, sector (a sector noun or title), actor (a user
    dictionary actor with its own code), agent (a user dictionary agent: sector code).
    """

    kind: str
    code: str  # ISO3 for country/adjective/capital, IGO code, sector code, or a dictionary code
    country: Optional[str] = None
    sector: Optional[str] = None
    name: Optional[str] = None
    sector_kind: Optional[str] = None  # title | group | org (sector hits)
    priority: int = 0  # user dictionaries: 10; built-in: 0
    cased: Optional[tuple[str, ...]] = None  # the exact tokens required (short acronyms)
    dated: tuple = ()  # ((start, end, code), ...) for dictionary codes valid in date ranges
    homelands: tuple[str, ...] = ()  # a people's states, the default first ("Kurdish": TUR IRQ SYR IRN)


@functools.lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def tokenize_phrase(phrase: str, lower: bool = True) -> tuple[str, ...]:
    """Split a lexicon phrase exactly as spaCy's English tokenizer splits running text."""
    toks = tuple(t.text for t in _tokenizer()(" ".join(phrase.replace("_", " ").split())))
    return tuple(t.lower() for t in toks) if lower else toks


def is_cased(phrase: str) -> bool:
    """Short all-capital names (US, UK, UN, EU) match only in capitals: "told us" is not USA."""
    letters = [c for c in phrase if c.isalpha()]
    return 0 < len(letters) <= 4 and all(c.isupper() for c in letters)


class PhraseIndex:
    """Exact phrases, plus stems: a phrase added with a trailing ``*`` matches any word that
    starts with its last word (TABARI's stem convention: ``ARGENTIN`` matches Argentina)."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, ...], list[Hit]] = {}
        self._stems: dict[tuple[str, ...], list[Hit]] = {}
        self._prefixes: set[tuple[str, ...]] = {()}
        self.max_len = 1
        self._stem_lens: set[int] = set()

    def add(self, phrase: str | Sequence[str], hit: Hit) -> None:
        stem = False
        if isinstance(phrase, str):
            stem = phrase.endswith("*")
            key = tokenize_phrase(phrase.rstrip("*"))
        else:
            key = tuple(phrase)
        if not key or len(key) > MAX_PHRASE:
            return
        if stem and len(key[-1]) >= 3:
            target = self._stems
            self._stem_lens.add(len(key[-1]))
        else:
            target = self._entries
        bucket = target.setdefault(key, [])
        if hit not in bucket:
            bucket.append(hit)
            bucket.sort(key=lambda h: -h.priority)
        for i in range(1, len(key)):
            self._prefixes.add(key[:i])
        self.max_len = max(self.max_len, len(key))

    def get(self, key: Sequence[str]) -> list[Hit]:
        return self._entries.get(tuple(key), [])

    def __len__(self) -> int:
        return len(self._entries) + len(self._stems)

    def _stem_hits(self, head: tuple[str, ...], word: str) -> Optional[list[Hit]]:
        if not self._stems:
            return None
        for n in sorted(self._stem_lens, reverse=True):
            if n <= len(word):
                hits = self._stems.get(head + (word[:n],))
                if hits:
                    return hits
        return None

    def scan(self, words: Sequence[str], raw: Optional[Sequence[str]] = None) -> list[tuple[int, int, list[Hit]]]:
        """Longest-match, left-to-right scan: (start, end, hits) over ``words`` (lowercased);
        ``raw`` (the original tokens) is checked for case-sensitive entries."""
        found = []
        i, n = 0, len(words)
        while i < n:
            best = None
            j = i
            while j < n and j - i < self.max_len:
                head = tuple(words[i:j])
                if head not in self._prefixes:
                    break
                key = head + (words[j],)
                hits = self._entries.get(key)
                stem = self._stem_hits(head, words[j])
                if stem and (not hits or stem[0].priority > hits[0].priority):
                    # a user dictionary's stem (GONDOR matches Gondorian) wins over a built-in
                    # exact name, as user entries win everywhere
                    hits = stem + [h for h in (hits or []) if h not in stem]
                if hits and raw is not None and hits[0].cased is not None:
                    hits = [h for h in hits if h.cased is None or tuple(raw[i:j + 1]) == h.cased] or None
                if hits:
                    best = (i, j + 1, hits)
                j += 1
            if best:
                found.append(best)
                i = best[1]
            else:
                i += 1
        return found

    def merged(self, other: "PhraseIndex") -> "PhraseIndex":
        out = PhraseIndex()
        for src in (self, other):
            for key, hits in src._entries.items():
                for h in hits:
                    out.add(key, h)
            for key, hits in src._stems.items():
                for h in hits:
                    out.add(" ".join(key) + "*", h)
        return out


def _add_variants(index: PhraseIndex, phrase: str, hit: Hit) -> None:
    if is_cased(phrase):
        hit = dataclasses.replace(hit, cased=tokenize_phrase(phrase, lower=False))
    index.add(phrase, hit)
    if phrase.lower().startswith("the "):
        index.add(phrase[4:], hit)


def _groups(filename: str = "groups.tsv") -> list[tuple[str, str, tuple[str, ...]]]:
    """Named actors with fixed codes: non-state groups (groups.tsv), state agencies (agencies.tsv),
    news agencies and broadcasters (media.tsv)."""
    text = (resources.files("steppe") / "data" / "actors" / filename).read_text(encoding="utf-8")
    rows = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")][1:]
    out = []
    for lineno, ln in enumerate(rows, start=2):
        parts = ln.split("\t")
        if len(parts) != 3 or not parts[0] or not parts[1]:
            raise ValueError(f"{filename} row {lineno}: expected code, name, aliases")
        out.append((parts[0], parts[1], tuple(a for a in parts[2].split("|") if a)))
    return out


def _regions() -> list[str]:
    text = (resources.files("steppe") / "data" / "actors" / "regions.tsv").read_text(encoding="utf-8")
    rows = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return rows[1:]


@functools.lru_cache(maxsize=1)
def builtin_index() -> PhraseIndex:
    index = PhraseIndex()
    for c in load_countries():
        for name in (c.name, *c.aliases):
            _add_variants(index, name, Hit("country", c.iso3, country=c.iso3, name=c.name))
        for adj in c.adjectives:
            index.add(adj, Hit("adjective", c.iso3, country=c.iso3, name=c.name))
        for cap in c.capitals:
            index.add(cap, Hit("capital", c.iso3, country=c.iso3, sector="GOV", name=c.name))
    for p in load_peoples():
        for form in p.forms:
            index.add(form, Hit("adjective", p.countries[0], country=p.countries[0], name=p.forms[0],
                                homelands=p.countries))
    for g in load_igos():
        for name in (g.name, *g.aliases):
            _add_variants(index, name, Hit("igo", g.code, name=g.name))
    for s in load_sectors():
        # kind "name": an institution only when written as a proper name, capitalised ("the
        # Department of Education", "County Commission"; not "the eastern department of Pando")
        cased = tokenize_phrase(s.phrase.title(), lower=False) if s.kind == "name" else None
        # a title abbreviation ("gov.") is one token as running text writes it ("Gov.")
        phrase = (s.phrase,) if s.phrase.endswith(".") and " " not in s.phrase else s.phrase
        index.add(phrase, Hit("sector", s.sector, sector=s.sector, sector_kind="org" if cased else s.kind,
                              cased=cased))
    for code, name, aliases in _groups() + _groups("agencies.tsv") + _groups("media.tsv"):
        for n in (name, *aliases):
            _add_variants(index, n, Hit("actor", code, country=code[:3] if code[:3] not in ("IMG", "IGO", "NGO") else None,
                                        sector=code[3:6] or None, name=name))
    for name in _regions():
        index.add(name, Hit("region", "", name=name, priority=1))
    return index


def build_index(extra: Iterable[tuple[str, Hit]] = ()) -> PhraseIndex:
    """The built-in index plus extra (user dictionary) entries, which take priority."""
    extra = list(extra)
    if not extra:
        return builtin_index()
    user = PhraseIndex()
    for phrase, hit in extra:
        user.add(phrase, hit)
    return builtin_index().merged(user)
