"""The dyad of a sentence the rules typed no event in: who the classifier's event is between.

``sentence_dyad(heads)`` takes the sentence's resolved noun-phrase heads (``SentenceCoder.last_heads``:
token index -> ``Actor``) and returns (source, target) or None: two actors with different codes,
neither implied nor entailed. The source is the agent of a passive ("by X"), else a subject, else
the first actor named; the target is an object of that clause (direct, prepositional, a passive
subject), else the next actor named.
"""
from __future__ import annotations

from typing import Mapping, Optional

from steppe.records import Actor, Event

CLASSIFIER_PREFIX = "classifier:"  # how a classifier event's explanation begins


def _guessed(actor: Actor) -> bool:
    return actor.text.endswith(("(implied)", "(entailed)"))


def _is_agent(tok) -> bool:
    return tok.dep_ == "pobj" and tok.head.dep_ == "agent"


def sentence_dyad(heads: Mapping[int, Actor], doc) -> Optional[tuple[Actor, Actor]]:
    """(source, target) among the resolved heads (spaCy token index in ``doc`` -> actor), or None
    when there are not two actors with different codes."""
    named = [(i, a) for i, a in sorted(heads.items()) if a.code and not _guessed(a)]
    if len({a.code for _, a in named}) < 2:
        return None

    def dep(i: int) -> str:
        t = doc[i]
        return "agent" if _is_agent(t) else t.dep_

    def rank_source(item):
        d = dep(item[0])
        return (0 if d == "agent" else 1 if d == "nsubj" else 2, item[0])

    source = min(named, key=rank_source)[1]
    others = [(i, a) for i, a in named if a.code != source.code]

    def rank_target(item):
        d = dep(item[0])
        return (0 if d in ("dobj", "nsubjpass", "dative", "pobj") else 1, item[0])

    target = min(others, key=rank_target)[1]
    return source, target


def is_classifier_event(e: Event) -> bool:
    return (e.explanation or "").startswith(CLASSIFIER_PREFIX)


__all__ = ["CLASSIFIER_PREFIX", "is_classifier_event", "sentence_dyad"]
