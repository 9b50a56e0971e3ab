"""Scorers for the gold sets (``steppe eval NAME PATH``); they call the public API only.

Event scorers (``plover``, ``petrarch``, ``india``, ``wikievents``) each read one gold format,
code its texts with ``steppe.code_articles`` and return a report dict: ``figures`` (headline
ratios), ``counts``, ``tables`` (per-class precision / recall / F1), ``error_kinds`` and
``errors`` (every error case, with a short pattern name). ``geo`` scores the geocoder.
See docs/eval.md for what each measures. Nothing is imported here until a scorer is run.
"""
from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any, Callable, Iterator

from steppe.registry import Scorer, names, scorers

# the gold sets steppe scores itself on: name -> Scorer(module, function, default folder under
# ../shared/eval, kind); another scorer is one function and one registration like these
for _name, _spec in {
    "realnews": ("steppe.eval.realnews", "run_realnews", "realnews-dev", "events"),
    "plover-gsr": ("steppe.eval.plover", "run_plover", "plover-gsr", "events"),
    "plv-train": ("steppe.eval.plv", "run_plv", "plv-train", "events"),
    "quad-train": ("steppe.eval.plv", "run_quad", "quad-train", "events"),
    "petrarch": ("steppe.eval.petrarch", "run_petrarch", "petrarch", "events"),
    "india-police": ("steppe.eval.india", "run_india", "india-police-events-dev", "events"),
    "wikievents": ("steppe.eval.wikievents", "run_wikievents", "wikievents-dev", "events"),
    "geowebnews": ("steppe.eval.geo", "score_geowebnews", "geowebnews", "geo"),
    "tr-news": ("steppe.eval.geo", "score_trnews", "tr-news", "geo"),
}.items():
    scorers.register(_name, func=Scorer(*_spec))


class _Scorers(Mapping):
    """The registered scorers by name (``steppe.registry.scorers``), in registration order."""

    def __getitem__(self, name: str) -> Scorer:
        if name not in scorers:
            raise KeyError(name)
        return scorers.get(name)

    def __iter__(self) -> Iterator[str]:
        return iter(names(scorers))

    def __len__(self) -> int:
        return len(names(scorers))


SCORERS: Mapping[str, Scorer] = _Scorers()


def scorer(name: str) -> Callable[..., dict[str, Any]]:
    """The scoring function for ``name`` (imported on demand)."""
    spec = SCORERS[name]
    return getattr(importlib.import_module(spec.module), spec.function)
