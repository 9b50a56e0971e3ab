"""Which place an event happened at: the toponym attached to the event, else the sentence's.

A place in a prepositional phrase (in/at/near/outside/across/on) on the event word or below
it wins; then any such place in the sentence; places that are the event's actors themselves
("protested their expulsion from Kazakhstan") are used only when nothing else is there.
"""
from __future__ import annotations

from typing import Optional, Sequence

from spacy.tokens import Doc, Span, Token

from steppe.records import Actor, Place, PlaceMention

_LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "on", "around", "within", "into"}


def find_article_places(doc: Doc, article_id: str) -> list[PlaceMention]:
    from steppe.places.resolve import find_places

    return find_places(doc, article_id)


def _locative_head(tok: Token) -> Optional[Token]:
    """The word a locative phrase containing ``tok`` attaches to ("in Bishkek" -> embassy)."""
    cur = tok
    for _ in range(6):
        if cur.dep_ == "pobj" and cur.head.lower_ in _LOCATIVE:
            return cur.head.head
        if cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.lower_ in _LOCATIVE \
                and cur.head.head.dep_ == "prep":
            return cur.head.head.head  # "outside of the city of Basra"
        if cur.dep_ not in ("compound", "amod", "conj", "appos", "pobj", "prep", "nmod"):
            return None
        cur = cur.head
    return None


def _path_to(tok: Token, trigger: Token) -> Optional[list[str]]:
    """Dependency labels from ``tok`` up to ``trigger`` (None when the trigger is not above)."""
    labels, cur = [], tok
    for _ in range(12):
        if cur.i == trigger.i:
            return labels
        if cur.head.i == cur.i:
            return None
        labels.append(cur.dep_)
        cur = cur.head
    return None


def event_location(trigger: Token, sent: Span, places: Sequence[PlaceMention],
                   actors: Sequence[Optional[Actor]] = ()) -> Optional[Place]:
    """The place in a locative phrase attached to the event (through its own phrases first, then
    through its participants' phrases, then anywhere in the sentence); None when the sentence
    names places only as actors ("Russia blessed Kazakhstan's support")."""
    if not places:
        return None
    doc = sent.doc
    lo, hi = sent.start_char, sent.end_char
    best, best_score = None, None
    for p in places:
        if not (lo <= p.start and p.end <= hi):
            continue
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        attach = _locative_head(root)
        if attach is None:
            continue
        path = _path_to(root, trigger)
        if path is not None and not any(d in ("nsubj", "nsubjpass", "relcl", "acl", "ccomp") for d in path):
            rank = 0  # "detained ... in Jambyl Province", "protested ... at the embassy in Bishkek"
        elif path is not None:
            rank = 1  # through a participant: "refugees living in Kyrgyzstan have protested"
        else:
            rank = 2
        score = (rank, abs(root.i - trigger.i))
        if best_score is None or score < best_score:
            best, best_score = p, score
    return best.place if best is not None else None
