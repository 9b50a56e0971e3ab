"""Counting helpers shared by the event scorers: precision, recall, F1 and accuracy.

Conventions: a ratio with a zero denominator is 0.0 (no predictions means precision 0.0, no gold
items means recall 0.0), and F1 is 0.0 when precision + recall is 0. Figures are rounded to four
decimals only when a report is written (``rounded``), never while counting.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Hashable, Iterable, Optional


def ratio(num: float, den: float) -> float:
    """num / den, or 0.0 when den is 0."""
    return num / den if den else 0.0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """(precision, recall, F1) from true positives, false positives and false negatives."""
    p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    return p, r, ratio(2 * p * r, p + r)


@dataclass
class Counts:
    """Counts of one class: ``tp`` gold items found, ``fn`` gold items missed, ``fp`` wrong
    predictions. When predictions and gold items are not one to one (several events on one gold
    trigger), ``tp_pred`` counts the right predictions and precision is tp_pred / (tp_pred + fp);
    otherwise (None) it is tp / (tp + fp)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tp_pred: Optional[int] = None

    @property
    def _right(self) -> int:
        return self.tp if self.tp_pred is None else self.tp_pred

    @property
    def precision(self) -> float:
        return ratio(self._right, self._right + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return ratio(2 * p * r, p + r)

    @property
    def support(self) -> int:
        """Gold items of the class (tp + fn)."""
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self._right + self.fp

    def __add__(self, other: "Counts") -> "Counts":
        tp_pred = None if self.tp_pred is None and other.tp_pred is None else self._right + other._right
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, tp_pred)

    def to_dict(self) -> dict[str, Any]:
        d = {"precision": self.precision, "recall": self.recall, "f1": self.f1,
             "tp": self.tp, "fp": self.fp, "fn": self.fn, "support": self.support}
        if self.tp_pred is not None:
            d["tp_pred"] = self.tp_pred
        return d


class ClassScores:
    """Per-class counts. ``add_pair`` scores one single-label decision (gold, predicted; either
    may be None for "no label"); ``counts[label]`` can also be updated directly for multi-label
    tasks."""

    def __init__(self, labels: Iterable[Hashable] = ()) -> None:
        self.counts: dict[Hashable, Counts] = {lab: Counts() for lab in labels}

    def __getitem__(self, label: Hashable) -> Counts:
        return self.counts.setdefault(label, Counts())

    def add_pair(self, gold: Optional[Hashable], pred: Optional[Hashable]) -> None:
        if gold is not None and gold == pred:
            self[gold].tp += 1
            return
        if gold is not None:
            self[gold].fn += 1
        if pred is not None:
            self[pred].fp += 1

    def micro(self) -> Counts:
        total = Counts()
        for c in self.counts.values():
            total = total + c
        return total

    def macro_f1(self, only_gold: bool = True) -> float:
        """Mean F1 over the classes (by default only those with gold items)."""
        f1s = [c.f1 for c in self.counts.values() if c.support or not only_gold]
        return ratio(sum(f1s), len(f1s))

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """Classes ordered by gold support (most frequent first), then name."""
        items = sorted(self.counts.items(), key=lambda kv: (-kv[1].support, str(kv[0])))
        return {str(k): v.to_dict() for k, v in items}


class ErrorLog:
    """Example errors, each a dict with a ``kind`` (a short pattern name) and the case."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def add(self, kind: str, **case: Any) -> None:
        self.items.append({"kind": kind, **case})

    def kinds(self) -> dict[str, int]:
        return dict(Counter(e["kind"] for e in self.items).most_common())


def rounded(value: Any, digits: int = 4) -> Any:
    """A report with every float rounded (for printing and JSON)."""
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, dict):
        return {k: rounded(v, digits) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [rounded(v, digits) for v in value]
    return value


def report(scorer: str, *, n: int, figures: dict[str, float], tables: dict[str, ClassScores],
           counts: Optional[dict[str, int]] = None, errors: Optional[ErrorLog] = None,
           notes: Iterable[str] = ()) -> dict[str, Any]:
    """The common report shape every event scorer returns (the CLI prints it, --json writes it)."""
    errors = errors or ErrorLog()
    return {
        "scorer": scorer,
        "n": n,
        "figures": dict(figures),
        "counts": dict(counts or {}),
        "tables": {title: t.to_dict() for title, t in tables.items()},
        "error_kinds": errors.kinds(),
        "errors": errors.items,
        "notes": list(notes),
    }
