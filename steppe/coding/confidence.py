"""Calibrated confidence: the chance that an event is right, from what the coder knows of it.

The coder's rule-based score (pattern with conditions, main clause, modality, missing actors) is
one feature among others it has when an event is complete: how each actor was found (named,
entailed, none), whether both carry a sector, an event noun or a verb, a stated rather than
asserted act, a verbal or material family, a date of its own, the number of sentences that report
it. A logistic model over these features gives the confidence; its weights are a data file
(``steppe/data/coding/confidence.tsv``) fitted on the development gold by ``python -m
steppe.eval.calibrate`` (see docs/eval.md), so that among events with confidence >= x the share
that are right is close to x.
"""
from __future__ import annotations

import functools
import math
from importlib import resources
from typing import Sequence

from steppe.records import Event

FEATURES = ("bias", "rule_score", "source_named", "source_entailed", "target_named", "both_sectors",
            "event_noun", "stated_not_done", "material_family", "own_date", "restated", "person_actor",
            "main_clause")


def _named(actor) -> bool:
    return actor is not None and "(entailed)" not in actor.text and "(implied)" not in actor.text


def features(e: Event) -> list[float]:
    """The event's feature vector, in the order of FEATURES."""
    why = e.explanation or ""
    return [
        1.0,
        e.confidence,
        float(_named(e.source)),
        float(e.source is not None and "(entailed)" in e.source.text),
        float(_named(e.target)),
        float(bool(e.source and e.source.sector and e.target and e.target.sector)),
        float("nouns.tsv" in why),
        float(any(f"; {m}:" in why for m in ("intent", "threat", "demand", "reject"))),
        float(e.cameo_root >= "14"),
        float(e.date_source == "sentence"),
        float(len(e.mentions) > 1),
        float(any(a is not None and a.kind == "person" for a in (e.source, e.target))),
        float(bool(e.main_clause)),
    ]


@functools.lru_cache(maxsize=1)
def load_weights() -> tuple[float, ...]:
    """The fitted weights (data/coding/confidence.tsv), in the order of FEATURES."""
    text = (resources.files("steppe") / "data" / "coding" / "confidence.tsv").read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")][1:]
    weights = {r[0].strip(): float(r[1]) for r in rows}
    missing = [f for f in FEATURES if f not in weights]
    if missing:
        raise ValueError(f"confidence.tsv: no weight for {', '.join(missing)}")
    return tuple(weights[f] for f in FEATURES)


def calibrated(e: Event, weights: Sequence[float]) -> float:
    """The event's confidence: the logistic model's probability that it is right."""
    z = sum(w * x for w, x in zip(weights, features(e)))
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 3)


def fit(rows: Sequence[Sequence[float]], labels: Sequence[int], l2: float = 3.0,
        iterations: int = 50) -> list[float]:
    """Logistic regression by Newton's method with an L2 penalty (the bias not penalised);
    ``python -m steppe.eval.calibrate`` picks the penalty by leave-one-article-out calibration."""
    import numpy as np

    x = np.asarray(rows, dtype=float)
    y = np.asarray(labels, dtype=float)
    w = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + penalty @ w
        hess = (x * (p * (1 - p))[:, None]).T @ x + penalty + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return [float(v) for v in w]


def reliability(confidences: Sequence[float], right: Sequence[bool], bins: int = 10) -> tuple[list[dict], float]:
    """The reliability table by tenths (events, mean confidence, share right) and the expected
    calibration error (the events-weighted mean gap between confidence and share right)."""
    table, ece, n = [], 0.0, len(confidences)
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, c in enumerate(confidences) if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if not idx:
            continue
        conf = sum(confidences[i] for i in idx) / len(idx)
        acc = sum(bool(right[i]) for i in idx) / len(idx)
        table.append({"bin": f"{lo:.1f}-{hi:.1f}", "events": len(idx), "confidence": conf, "right": acc})
        ece += len(idx) / n * abs(conf - acc) if n else 0.0
    return table, ece
