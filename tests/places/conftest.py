"""One gazetteer for the places tests, built into a temporary cache folder (about 15 s)."""
from __future__ import annotations

import pytest

from steppe.places.gazetteer import Gazetteer, ensure_built


@pytest.fixture(scope="session")
def gaz_path(tmp_path_factory):
    return ensure_built(tmp_path_factory.mktemp("steppe-cache"))


@pytest.fixture(scope="session")
def gaz(gaz_path) -> Gazetteer:
    g = Gazetteer(gaz_path)
    yield g
    g.close()
