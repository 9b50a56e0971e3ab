"""Coders that stand in for steppe.pipeline.Coder in the API's worker processes (no model).

Importable by name, so that ``create_app(..., coder_factory=SlowCoder)`` can build them in
spawned processes."""
from __future__ import annotations

import time

from steppe.ingest.readers import content_hash
from steppe.records import ArticleResult, Sentence
from tests.factories import event

SLOW_CHARS = 100_000  # articles at least this long are "slow": their coding takes (almost) for ever


class SlowCoder:
    """One canned event per article; an article of SLOW_CHARS or more, or whose text starts with
    SLOW, codes for two minutes (the tests stop it long before)."""

    def __init__(self, settings=None) -> None:
        self.settings = settings

    def code_stream(self, items):
        for a in items:
            if len(a.text) >= SLOW_CHARS or a.text.startswith("SLOW"):
                time.sleep(120)
            yield ArticleResult(a, content_hash(a.text), sentences=[Sentence(a.id, 0, 0, len(a.text), a.text)],
                                events=[event(f"ev-{a.id}", a.id, evidence=a.text, src="KAZCOP", tgt="UZBCVL",
                                              date="2003-03-03")])
