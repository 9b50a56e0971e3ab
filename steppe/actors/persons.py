"""Well-known political persons (``data/actors/persons.tsv``) found by name.

A name matches a person's full name or an alias; else its last word(s) match one of the
person's short forms ("Putin", "dos Santos"), any first name before them agreeing with the
person's; else the same two tests on a loose consonant key confirmed by edit similarity
(Bouteflicka/Bouteflika, Habyariman/Habyarimana). A name that fits people of different states
or organisations ("Kim", "Abdullah") names none.
"""
from __future__ import annotations

import functools
from typing import Iterable, Optional

from rapidfuzz import fuzz

from steppe.actors.lexicon import PersonEntry, load_persons
from steppe.actors.names import fold, same_name, skeleton

_ARTICLES = frozenset({"al", "el", "ad", "as", "ash", "an", "ar", "at", "az"})


def name_words(name: str) -> tuple[str, ...]:
    """The folded words of a name, Arabic articles dropped ("Omar el-Bashir" -> omar bashir)."""
    out = []
    for tok in name.split():
        low = tok.lower()
        if low in _ARTICLES:
            continue
        for art in ("al-", "el-"):
            if low.startswith(art) and len(low) > len(art):
                tok = tok[len(art):]
                break
        f = fold(tok)
        if f:
            out.append(f)
    return tuple(out)


def loose_key(words: Iterable[str]) -> str:
    """A consonant key that also merges c/k/q and ph/f spellings."""
    joined = "".join(words)
    return skeleton(joined.replace("ck", "k").replace("c", "k").replace("q", "k").replace("ph", "f"))


def _identity(e: PersonEntry) -> str:
    return e.country or e.code


def _unique(cands: list[PersonEntry]) -> Optional[PersonEntry]:
    return cands[0] if cands and len({_identity(e) for e in cands}) == 1 else None


class PersonIndex:
    def __init__(self, entries: Iterable[PersonEntry]) -> None:
        self.full: dict[tuple[str, ...], list[PersonEntry]] = {}
        self.short: dict[tuple[str, ...], list[PersonEntry]] = {}
        self.loose_full: dict[str, list[tuple[str, PersonEntry]]] = {}
        self.loose_short: dict[str, list[tuple[str, PersonEntry]]] = {}
        self.first: dict[int, list[tuple[str, ...]]] = {}  # id(entry) -> first words of its names
        for e in entries:
            names = [name_words(n) for n in (e.name, *e.aliases)]
            self.first[id(e)] = [w[:-1] for w in names if len(w) > 1]
            for words in names:
                self._add(self.full, self.loose_full, words, e)
            for s in e.short:
                self._add(self.short, self.loose_short, name_words(s), e)

    @staticmethod
    def _add(exact, loose, words, e) -> None:
        if not words:
            return
        bucket = exact.setdefault(words, [])
        if e not in bucket:
            bucket.append(e)
        loose.setdefault(loose_key(words), []).append(("".join(words), e))

    def _fits(self, e: PersonEntry, rest: tuple[str, ...]) -> bool:
        """Whether the words before a short form can be the person's first names ("Bill" for
        Bill Clinton; "B." for B. J. Habibie)."""
        if not rest:
            return True
        head = rest[0]
        return any(len(head) == 1 and head == f[0][:1] or same_name(head, f[0])
                   for f in self.first.get(id(e), ()) if f)

    def lookup(self, name: str) -> Optional[PersonEntry]:
        words = name_words(name)
        if not words:
            return None
        hit = _unique(self.full.get(words, []))
        if hit is not None:
            return hit
        for k in range(min(3, len(words)), 0, -1):
            cands = [e for e in self.short.get(words[-k:], []) if self._fits(e, words[:-k])]
            if cands:
                return _unique(cands)
        joined = "".join(words)
        if len(joined) >= 6:
            cands = [e for s, e in self.loose_full.get(loose_key(words), []) if fuzz.ratio(s, joined) >= 80]
            if cands:
                return _unique(cands)
        for k in range(min(3, len(words)), 0, -1):
            tail = "".join(words[-k:])
            if len(tail) < 6:
                continue
            cands = [e for s, e in self.loose_short.get(loose_key(words[-k:]), [])
                     if fuzz.ratio(s, tail) >= 80 and self._fits(e, words[:-k])]
            if cands:
                return _unique(cands)
        return None


@functools.lru_cache(maxsize=1)
def person_index() -> PersonIndex:
    return PersonIndex(load_persons())


def famous_person(name: str) -> Optional[PersonEntry]:
    """The well-known political person a name denotes, or None."""
    return person_index().lookup(name)
