"""The dyad of a sentence the rules typed no event in: who the classifier's event is between.

``clause_dyad(heads, doc)`` takes the sentence's resolved noun-phrase heads
(``SentenceCoder.last_heads``: token index -> ``Actor``) and returns (source, target) or None: the
subject of a verb (or the agent of a passive) and an actor of another code in that verb's clause,
neither implied nor entailed. Two actors merely named in one sentence are no dyad: the
classifier speaks of what one does to the other.
"""
from __future__ import annotations

from typing import Mapping, Optional

from steppe.records import Actor, Event

CLASSIFIER_PREFIX = "classifier:"  # how a classifier event's explanation begins


def is_guessed(actor: Actor) -> bool:
    """An actor the text does not name: implied or entailed (marked so in its text)."""
    return actor.text.endswith(("(implied)", "(entailed)"))


def _is_agent(tok) -> bool:
    return tok.dep_ == "pobj" and tok.head.dep_ == "agent"


def clause_dyad(heads: Mapping[int, Actor], doc) -> Optional[tuple[Actor, Actor]]:
    """(source, target) of one clause, or None: the source is the subject of a verb (or the agent
    of a passive, "by X"), the target an actor of another code in that verb's subtree outside
    the subject's phrase (an object, a prepositional object, a complement's actor). Two actors
    merely named in one sentence, or coordinated subjects ("the Pentagon and the State
    Department declined"), are no dyad."""
    named = {i: a for i, a in heads.items() if a.code and not is_guessed(a)}
    for i in sorted(named):
        tok = doc[i]
        if tok.dep_ == "nsubj" and tok.head.pos_ in ("VERB", "AUX"):
            verb = tok.head
        elif _is_agent(tok):
            verb = tok.head.head
        else:
            continue
        own = {t.i for t in tok.subtree}
        for j in sorted(named):
            if j not in own and named[j].code != named[i].code and any(t.i == j for t in verb.subtree):
                return named[i], named[j]
    return None


def is_classifier_event(e: Event) -> bool:
    return (e.explanation or "").startswith(CLASSIFIER_PREFIX)


__all__ = ["CLASSIFIER_PREFIX", "clause_dyad", "is_classifier_event"]
