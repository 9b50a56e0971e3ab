"""The event candidate a sentence coder finds (``steppe.coding.coder``, ``steppe.coding.user_verbs``)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Token

from steppe.records import Actor


@dataclass(frozen=True)
class Candidate:
    """An event found in a sentence, before dates and places are attached."""

    sentence_index: int
    trigger: Token
    code: str
    source: Optional[Actor]
    target: Optional[Actor]
    confidence: float
    explanation: str
    fatal: Optional[bool] = None
    # whether a missing target may be filled in from the context (the event's place, the
    # source's country); not for user verb dictionaries, whose convention is "no target"
    implied_target: bool = True
