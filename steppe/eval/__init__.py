"""Scorers for the gold sets (``steppe eval NAME PATH``); they call the public API only.

Event scorers (``plover``, ``petrarch``, ``india``, ``wikievents``) each read one gold format,
code its texts with ``steppe.code_articles`` and return a report dict: ``figures`` (headline
ratios), ``counts``, ``tables`` (per-class precision / recall / F1), ``error_kinds`` and
``errors`` (every error case, with a short pattern name). ``geo`` scores the geocoder.
See docs/eval.md for what each measures. Nothing is imported here until a scorer is run.
"""
from __future__ import annotations

import importlib
from typing import Any, Callable


# name -> (module, function, default folder under ../shared/eval, kind)
SCORERS: dict[str, tuple[str, str, str, str]] = {
    "realnews": ("steppe.eval.realnews", "run_realnews", "realnews-dev", "events"),
    "plover-gsr": ("steppe.eval.plover", "run_plover", "plover-gsr", "events"),
    "plv-train": ("steppe.eval.plv", "run_plv", "plv-train", "events"),
    "quad-train": ("steppe.eval.plv", "run_quad", "quad-train", "events"),
    "petrarch": ("steppe.eval.petrarch", "run_petrarch", "petrarch", "events"),
    "india-police": ("steppe.eval.india", "run_india", "india-police-events-dev", "events"),
    "wikievents": ("steppe.eval.wikievents", "run_wikievents", "wikievents-dev", "events"),
    "geowebnews": ("steppe.eval.geo", "score_geowebnews", "geowebnews", "geo"),
    "tr-news": ("steppe.eval.geo", "score_trnews", "tr-news", "geo"),
}


def scorer(name: str) -> Callable[..., dict[str, Any]]:
    """The scoring function for ``name`` (imported on demand)."""
    module, func, _, _ = SCORERS[name]
    return getattr(importlib.import_module(module), func)
