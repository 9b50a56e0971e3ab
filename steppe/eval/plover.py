"""Scorer for the PLOVER gold standard records (``steppe eval plover-gsr PATH``).

Each gold record is one sentence with a PLOVER event type (v0.5 names), source and target actors
(ISO3 country + sector). Each sentence is coded as one article (date 2000-01-01, the gold set's
placeholder). The prediction for a record is its first main-clause event that has a PLOVER type
(with none, the highest-confidence one)
(events coded 01x/02x, which PLOVER dropped, are ignored; ties go to the first event).

Figures:
- ``type_accuracy``: predicted type == gold type, over all records (no prediction = wrong).
- ``source_country_accuracy`` / ``target_country_accuracy``: the predicted event's source (target)
  resolves to one of the gold source (target) codes; over records that have a gold source
  (target); no prediction or no predicted actor = wrong.
- ``type_source_target_accuracy``: type right and source right and, when the gold record has a
  target, target right. When the gold record has no target the predicted target is ignored.
- the ``_given_type`` variants count actors only over records whose type is right.

Actor matching: a predicted actor's key is its ``country``; an actor with no country whose code
starts IGO or NGO matches gold ``IGO`` or ``NGO`` (the gold set mixes the two: the Red Cross and
Amnesty International are IGO there), one starting IMG matches gold ``IMG``. The gold set's
non-ISO codes ``JAP``, ``ITL``, ``VTN`` are read as ``JPN``, ``ITA``, ``VNM``.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from steppe.eval.metrics import ClassScores, ErrorLog, ratio, report
from steppe.eval.runs import Progress, code_all, first

GSR_FILE = "PLOVER_GSR_CAMEO.json"
DATE = "2000-01-01"  # the placeholder date of every gold record

# PLOVER v0.5 names (used by the gold records) -> 2021 names (steppe's cameo.tsv), as the gold
# set's notes state: FIGHT = ASSAULT, DEMAND = REQUEST, DISAPPROVE and INVESTIGATE = ACCUSE.
V05_TO_2021 = {"FIGHT": "ASSAULT", "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}  # non-ISO country codes in the gold records
# codes of actors with no country: the gold set labels international bodies IGO or NGO
# inconsistently (the Red Cross and Amnesty International are IGO there), so both read as IGO
TRANSNATIONAL = {"IGO": "IGO", "NGO": "IGO", "IMG": "IMG"}


@dataclass(frozen=True)
class PloverRecord:
    id: str
    text: str
    event: str  # 2021 PLOVER type
    sources: tuple[str, ...]  # gold source codes (ISO3, IGO, NGO); empty when absent
    targets: tuple[str, ...]  # gold target codes; empty when absent


def _codes(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):  # absent, null, "" (and one stray string)
        return ()
    codes = []
    for actor in value:
        code = str(actor.get("code") or "").strip().upper()
        if code:
            codes.append(TRANSNATIONAL.get(code, CODE_FIXES.get(code, code)))
    return tuple(dict.fromkeys(codes))


def read_plover(path: str | Path) -> list[PloverRecord]:
    """Gold records from the GSR JSON file (or the folder holding it); DOCUMENT records skipped."""
    path = Path(path)
    if path.is_dir():
        path = path / GSR_FILE
    records = []
    for r in json.loads(path.read_text(encoding="utf-8")):
        if r.get("event") == "DOCUMENT" or not r.get("text"):
            continue
        event = str(r["event"]).upper()
        records.append(PloverRecord(id=str(r["id"]), text=" ".join(str(r["text"]).split()),
                                    event=V05_TO_2021.get(event, event),
                                    sources=_codes(r.get("source")), targets=_codes(r.get("target"))))
    return records


def actor_key(actor) -> Optional[str]:
    """The code a predicted actor is compared on: its country, or IGO (for IGO and NGO codes),
    or IMG (international militant groups)."""
    if actor is None:
        return None
    if actor.country:
        return actor.country.upper()
    return TRANSNATIONAL.get((actor.code or "").upper()[:3])


def top_event(events: list) -> Optional[Any]:
    """The sentence's event: among events with a PLOVER type, the first of the main clause, else
    the highest-confidence one (first one on ties), or None."""
    typed = [e for e in events if e.plover_type]
    main = [e for e in typed if e.main_clause]
    if main:
        return main[0]
    best = None
    for e in typed:
        if best is None or e.confidence > best.confidence:
            best = e
    return best


def _actor_text(actor) -> Optional[str]:
    return f"{actor.code} ({actor.text})" if actor is not None else None


def score_plover(gold: list[PloverRecord], predictions: dict[str, list]) -> dict[str, Any]:
    """Score predicted events (by record id) against the gold records; returns a report dict."""
    types = ClassScores()
    errors = ErrorLog()
    n_type = n_src = n_tgt = n_all = 0
    src_total = tgt_total = src_given = tgt_given = src_given_total = tgt_given_total = 0
    for g in gold:
        events = predictions.get(g.id, [])
        p = top_event(events)
        ptype = p.plover_type if p is not None else None
        types.add_pair(g.event, ptype)
        type_ok = ptype == g.event
        src_ok = p is not None and actor_key(p.source) in g.sources
        tgt_ok = p is not None and actor_key(p.target) in g.targets
        n_type += type_ok
        if g.sources:
            src_total += 1
            n_src += src_ok
        if g.targets:
            tgt_total += 1
            n_tgt += tgt_ok
        if type_ok:
            if g.sources:
                src_given_total += 1
                src_given += src_ok
            if g.targets:
                tgt_given_total += 1
                tgt_given += tgt_ok
        n_all += type_ok and src_ok and (tgt_ok or not g.targets)
        case = {"id": g.id, "text": g.text,
                "gold": {"type": g.event, "source": list(g.sources), "target": list(g.targets)},
                "predicted": None if p is None else {
                    "type": ptype, "cameo": p.cameo, "trigger": p.trigger, "source": _actor_text(p.source),
                    "target": _actor_text(p.target), "explanation": p.explanation}}
        if p is None:
            other = sorted({e.cameo for e in events})
            errors.add("type: no event" if not other else "type: only events without a PLOVER type",
                       **case, other_codes=other)
            continue
        if not type_ok:
            errors.add(f"type: {ptype} instead of {g.event}", **case)
        if g.sources and not src_ok:
            errors.add("source: none" if p.source is None else "source: wrong", **case)
        if g.targets and not tgt_ok:
            errors.add("target: none" if p.target is None else "target: wrong", **case)
    n = len(gold)
    figures = {
        "type_accuracy": ratio(n_type, n),
        "type_source_target_accuracy": ratio(n_all, n),
        "source_country_accuracy": ratio(n_src, src_total),
        "target_country_accuracy": ratio(n_tgt, tgt_total),
        "source_country_accuracy_given_type": ratio(src_given, src_given_total),
        "target_country_accuracy_given_type": ratio(tgt_given, tgt_given_total),
        "type_macro_f1": types.macro_f1(),
    }
    counts = {"records": n, "with_prediction": sum(top_event(predictions.get(g.id, [])) is not None
                                                   for g in gold),
              "with_gold_source": src_total, "with_gold_target": tgt_total}
    return report("plover-gsr", n=n, figures=figures, tables={"PLOVER type": types}, counts=counts,
                  errors=errors, notes=[
                      "prediction = the sentence's first main-clause event with a PLOVER type, else the highest-confidence one",
                      "gold v0.5 types mapped: " + ", ".join(f"{k}->{v}" for k, v in V05_TO_2021.items()),
                      "records without a gold target: the predicted target is ignored"])


def run_plover(path: str | Path, *, limit: Optional[int] = None, progress: Progress = None,
               **settings: Any) -> dict[str, Any]:
    """Read the gold set at ``path``, code every sentence with ``steppe.code_articles``, score."""
    t0 = time.perf_counter()
    gold = first(read_plover(path), limit)
    articles = [{"id": g.id, "text": g.text} for g in gold]
    predictions, missing = code_all(articles, progress, date=DATE, **settings)
    result = score_plover(gold, predictions)
    result["counts"]["not_coded"] = len(missing)
    result["seconds"] = time.perf_counter() - t0
    return result
