"""Scorers for wire sentences labelled with one event type each (``steppe eval plv-train`` and
``steppe eval quad-train``).

plv-train (``PLV_train.tsv``, Zero-Shot-PLOVER): each sentence has a marked dyad (``<s>source</s>``,
``<t>target</t>``) and the PLOVER type of what the source did to the target. The prediction is
the sentence's event with a PLOVER type whose actors are the marked ones (its source's words
within the marked source, its target's within the marked target: each side that agrees counts
one), then the main clause, then the highest confidence. Types are compared as the set names them:
steppe's CONCEDE and RETREAT are YIELD, INVESTIGATE is ACCUSE.

quad-train (``train.tsv``, ConfliBERT's cameo_class split): each sentence has a quad class over
CAMEO roots: 0 statements and appeals (01-02), 1 verbal cooperation (03-05), 2 material
cooperation (06-08), 3 verbal conflict (09-13, 16), 4 material conflict (14, 15, 17-20). The
prediction is the sentence's main-clause event (else the highest-confidence one), read by root.

Figures: accuracy over all sentences (no event = wrong) and macro-F1 over the gold classes.
"""
from __future__ import annotations

import csv
import re
import time
from pathlib import Path
from typing import Any, Optional

from steppe.eval.metrics import ClassScores, ErrorLog, ratio, report
from steppe.eval.runs import Progress, code_all, first

PLV_FILE = "PLV_train.tsv"
QUAD_FILE = "train.tsv"
TYPE_AS_GOLD = {"CONCEDE": "YIELD", "RETREAT": "YIELD", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
DATE = "2000-01-01"


def quad_of_root(root: str) -> Optional[str]:
    if not root.isdigit():
        return None
    r = int(root)
    if r <= 2:
        return "0"
    if r <= 5:
        return "1"
    if r <= 8:
        return "2"
    if r <= 13 or r == 16:
        return "3"
    return "4" if r <= 20 else None


def _words(text: Optional[str]) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if len(w) > 2}


def _agrees(actor, marked: str) -> bool:
    """The actor's words are within the marked span (or the span's within the actor's)."""
    if actor is None or not marked:
        return False
    a, m = _words(actor.text), _words(marked)
    return bool(a) and bool(m) and (a <= m or m <= a or len(a & m) >= max(1, min(len(a), len(m)) // 2))


def _main_then_confidence(e) -> tuple:
    return (bool(getattr(e, "main_clause", None)), e.confidence)


def plv_pick(events: list, source: str, target: str):
    typed = [e for e in events if e.plover_type]
    if not typed:
        return None
    return max(typed, key=lambda e: (_agrees(e.source, source) + _agrees(e.target, target),
                                     *_main_then_confidence(e)))


def quad_pick(events: list):
    return max(events, key=_main_then_confidence) if events else None


def read_plv(path: str | Path) -> list[dict[str, str]]:
    path = Path(path)
    path = path / PLV_FILE if path.is_dir() else path
    with open(path, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r.get("sentence")]
    return [{"id": f"plv-{i}", "text": r["sentence"], "source": r.get("source") or "",
             "target": r.get("target") or "", "gold": (r.get("gold_root") or "").strip().upper()}
            for i, r in enumerate(rows)]


def read_quad(path: str | Path) -> list[dict[str, str]]:
    path = Path(path)
    path = path / QUAD_FILE if path.is_dir() else path
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        text, _, label = line.rpartition("\t")
        if text.strip() and label.strip().isdigit():
            out.append({"id": f"quad-{i}", "text": text.strip(), "gold": label.strip()})
    return out


def _score(records: list[dict[str, str]], predictions: dict[str, list], scorer: str, label_of, pick) -> dict[str, Any]:
    table = ClassScores()
    errors = ErrorLog()
    right = with_pred = 0
    for r in records:
        events = predictions.get(r["id"], [])
        e = pick(events, r) if events else None
        pred = label_of(e) if e is not None else None
        with_pred += pred is not None
        table.add_pair(r["gold"], pred)
        if pred == r["gold"]:
            right += 1
            continue
        errors.add("no event" if e is None else f"{pred} instead of {r['gold']}", id=r["id"], text=r["text"],
                   predicted=None if e is None else {"cameo": e.cameo, "trigger": e.trigger,
                                                     "source": e.source.text if e.source else None,
                                                     "target": e.target.text if e.target else None})
    n = len(records)
    figures = {"accuracy": ratio(right, n), "macro_f1": table.macro_f1()}
    return report(scorer, n=n, figures=figures, tables={"class": table},
                  counts={"sentences": n, "with_prediction": with_pred}, errors=errors)


def run_plv(path: str | Path, *, limit: Optional[int] = None, progress: Progress = None, **settings: Any) -> dict[str, Any]:
    t0 = time.perf_counter()
    records = first(read_plv(path), limit)
    predictions, missing = code_all([{"id": r["id"], "text": r["text"]} for r in records], progress,
                                    date=DATE, **settings)

    def label(e):
        return TYPE_AS_GOLD.get(e.plover_type, e.plover_type) if e.plover_type else None

    result = _score(records, predictions, "plv-train", label, lambda evs, r: plv_pick(evs, r["source"], r["target"]))
    result["counts"]["not_coded"] = len(missing)
    result["notes"] = ["prediction: the event on the marked dyad, then the main clause, then the highest confidence",
                       "YIELD = CONCEDE or RETREAT; INVESTIGATE read as ACCUSE"]
    result["seconds"] = time.perf_counter() - t0
    return result


def run_quad(path: str | Path, *, limit: Optional[int] = None, progress: Progress = None, **settings: Any) -> dict[str, Any]:
    t0 = time.perf_counter()
    records = first(read_quad(path), limit)
    predictions, missing = code_all([{"id": r["id"], "text": r["text"]} for r in records], progress,
                                    date=DATE, **settings)
    result = _score(records, predictions, "quad-train", lambda e: quad_of_root(e.cameo_root), lambda evs, r: quad_pick(evs))
    result["counts"]["not_coded"] = len(missing)
    result["notes"] = ["quad classes over CAMEO roots: 0 = 01-02, 1 = 03-05, 2 = 06-08, 3 = 09-13 and 16, "
                       "4 = 14, 15, 17-20 (not steppe's quad_class)",
                       "prediction: the main-clause event, else the highest confidence"]
    result["seconds"] = time.perf_counter() - t0
    return result
