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


def _locative(tok: Token) -> bool:
    """Whether ``tok`` sits in a locative prepositional phrase."""
    cur = tok
    for _ in range(4):
        if cur.dep_ == "pobj" and cur.head.lower_ in _LOCATIVE:
            return True
        if cur.dep_ not in ("compound", "amod", "conj", "appos", "pobj", "prep", "nmod"):
            return False
        cur = cur.head
    return False


def event_location(trigger: Token, sent: Span, places: Sequence[PlaceMention],
                   actors: Sequence[Optional[Actor]] = ()) -> Optional[Place]:
    if not places:
        return None
    doc = sent.doc
    lo, hi = sent.start_char, sent.end_char
    in_sent = [p for p in places if lo <= p.start and p.end <= hi]
    if not in_sent:
        return None
    subtree = {t.i for t in trigger.subtree}
    actor_texts = {a.text for a in actors if a is not None}
    best, best_score = None, None
    for p in in_sent:
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        locative = _locative(root)
        score = (
            0 if (locative and root.i in subtree) else 1 if locative else 2,
            1 if any(p.place.text in t or t in p.place.text for t in actor_texts) else 0,
            abs(root.i - trigger.i),
        )
        if best_score is None or score < best_score:
            best, best_score = p, score
    if best is None or best_score[0] == 2 and best_score[1] == 1:
        return None
    return best.place
