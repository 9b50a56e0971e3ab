"""``steppe eval all``: every development set in one table, compared with a stored baseline.

Each scorer's headline figures (an event scorer's ``figures``; a geocoding scorer's scalar ratios)
are gathered under the set's name. The baseline is a JSON file of the same shape kept in the
repository (``eval-baseline.json``); each figure is shown with its baseline value and the change,
and a change past the tolerance in the wrong direction is flagged, so that a rule that lifts one
set and lowers another shows at once.
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Callable, Optional

from steppe.eval import SCORERS, scorer

# the sets `steppe eval all` runs, in order (every development set that has a scorer)
ALL_SETS = ("realnews", "plover-gsr", "plv-train", "quad-train", "petrarch", "india-police", "wikievents",
            "geowebnews", "tr-news")
# figures where lower is better
LOWER_IS_BETTER = ("share_", "duplicates", "median_error", "expected_calibration_error")
# geocoding reports: the scalar keys that are figures (ratios), not counts
GEO_FIGURES = ("accuracy_161km", "recognised", "median_error_km", "accuracy_161km_end_to_end")


def headline(name: str, result: dict[str, Any]) -> dict[str, float]:
    """The figures of one scorer's report that the table compares."""
    if SCORERS[name][3] == "geo":
        out = {k: v for k, v in result.items() if k in GEO_FIGURES and isinstance(v, (int, float))}
        sub = result.get("without_demonyms")
        if isinstance(sub, dict) and isinstance(sub.get("accuracy_161km"), (int, float)):
            out["accuracy_161km_without_demonyms"] = sub["accuracy_161km"]
        return out
    return {k: v for k, v in result.get("figures", {}).items() if isinstance(v, (int, float))}


def run_all(root: Path, sets: tuple[str, ...] = ALL_SETS,
            progress: Optional[Callable[[str, int, int], None]] = None,
            settings: Optional[dict[str, Any]] = None) -> dict[str, Any]:
    """Run each scorer on its default folder under ``root``; a set whose folder is missing is
    reported under ``missing`` rather than scored. ``settings`` (e.g. ``{"classifier": True}``)
    are passed to the event scorers (the geocoding scorers take none)."""
    figures: dict[str, dict[str, float]] = {}
    seconds: dict[str, float] = {}
    missing: list[str] = []
    for name in sets:
        path = root / SCORERS[name][2]
        if not path.exists():
            missing.append(name)
            continue
        t0 = time.perf_counter()
        func = scorer(name)
        if SCORERS[name][3] == "geo":
            result = func(path)
        else:
            result = func(path, progress=(lambda d, t, n=name: progress(n, d, t)) if progress else None,
                          **(settings or {}))
        figures[name] = headline(name, result)
        seconds[name] = time.perf_counter() - t0
    return {"figures": figures, "seconds": seconds, "missing": missing}


def lower_is_better(figure: str) -> bool:
    return figure.startswith(LOWER_IS_BETTER) or any(k in figure for k in LOWER_IS_BETTER)


def compare(now: dict[str, dict[str, float]], base: dict[str, dict[str, float]],
            tolerance: float = 0.02) -> list[dict[str, Any]]:
    """One row per figure: set, figure, baseline, now, change, and a flag ("worse" when the
    change passes the tolerance in the wrong direction, "better" in the right one)."""
    rows = []
    for name, figs in now.items():
        for fig, value in figs.items():
            old = base.get(name, {}).get(fig)
            delta = None if old is None else value - old
            flag = ""
            if delta is not None:
                scale = max(1.0, abs(old)) if fig.startswith(("median_error", "duplicates")) else 1.0
                worse = delta > 0 if lower_is_better(fig) else delta < 0
                if abs(delta) > tolerance * scale:
                    flag = "worse" if worse else "better"
            elif name in base:
                flag = "new"
            rows.append({"set": name, "figure": fig, "baseline": old, "now": value, "change": delta, "flag": flag})
    return rows


def load_baseline(path: Path) -> dict[str, dict[str, float]]:
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return data.get("figures", data)


def save_baseline(path: Path, figures: dict[str, dict[str, float]], old: dict[str, dict[str, float]],
                  note: str = "") -> None:
    """Write the baseline: the sets run now replace their entries; sets not run keep theirs."""
    merged = {**old, **figures}
    data = {"note": note or "steppe eval all --save: headline figures of every development set",
            "figures": {k: {f: round(v, 4) for f, v in merged[k].items()} for k in merged}}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
