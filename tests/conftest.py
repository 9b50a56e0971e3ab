"""Shared fixtures. The spaCy model loads once per test session (tests marked `model`)."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def coder():
    from steppe.config import Settings
    from steppe.pipeline import Coder

    return Coder(Settings(places=False))


@pytest.fixture(scope="session")
def implied_coder(coder):
    """A coder with --implied-actors (guessed actors, marked "(implied)"); shares the model."""
    from steppe.config import Settings
    from steppe.pipeline import Coder

    return Coder(Settings(places=False, implied_actors=True))


@pytest.fixture(scope="session")
def nlp():
    from steppe.nlp import get_nlp

    return get_nlp()


@pytest.fixture
def store():
    from steppe.store import Store

    s = Store(":memory:")
    yield s
    s.close()


def code_text(coder, text, date=None, article_id="t"):
    from steppe.records import Article

    art = Article(id=article_id, text=text, date=date)
    return coder.code_doc(art, coder.nlp(text))


def triples(result):
    """(cameo, source code, target code) of each event, in order."""
    return [(e.cameo, e.source.code if e.source else None, e.target.code if e.target else None)
            for e in result.events]
