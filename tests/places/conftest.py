"""One gazetteer for the places tests: the one steppe itself uses, in its cache folder
(``STEPPE_CACHE_DIR``, else ~/.cache/steppe), built there if missing (about 15 s) as the first
`steppe code` would. The file is named by a digest of its sources and only read here, so a
built one is the same file a fresh build would give (the first-run test builds its own in a
temporary folder)."""
from __future__ import annotations

import pytest

from steppe.places.gazetteer import Gazetteer, ensure_built


@pytest.fixture(scope="session")
def gaz_path():
    return ensure_built()


@pytest.fixture(scope="session")
def gaz(gaz_path) -> Gazetteer:
    g = Gazetteer(gaz_path)
    yield g
    g.close()


@pytest.fixture
def places_coder(gaz_path, monkeypatch):
    """A coder that geocodes (the default settings), reading this session's gazetteer."""
    from steppe.config import Settings
    from steppe.pipeline import Coder

    monkeypatch.setenv("STEPPE_CACHE_DIR", str(gaz_path.parent))
    return Coder(Settings(places=True))
