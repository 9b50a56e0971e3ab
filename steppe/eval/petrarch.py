"""Scorer for PETRARCH validation records (``steppe eval petrarch PATH``).

PATH is the folder (scores ``PETR.UnitTest.records.xml``) or a records file; PETRARCH-2's
``PETR2_GSR_validation.xml`` (real news sentences, real CAMEO codes) is read the same way.
Each ``<Sentence>`` (date, id, text) lists the expected codings (``sourcecode``, ``targetcode``,
``eventcode``) or ``noevents``. Every sentence is coded as one article with its date, with the
actor and agent dictionaries the file's ``<Environment>`` names, when they are next to it, passed
as user dictionaries: ``steppe.code_articles(..., dicts=(...))``. For the unit-test file these are
``PETR.Validate.actors.txt`` and ``.agents.txt`` (fictional countries: Arnor, Gondor, ...).
The unit-test file's event codes come from its own verbs dictionary, "mostly WEIS, not CAMEO"
(its header); the ``<Verbfile>`` it names is passed as a user verb dictionary (``verbs=(...)``),
so root figures measure steppe's reading of that dictionary.

Records left out, as the file itself directs: categories not in its ``<Include>`` list, records
marked ``sentence="false"`` (TABARI features PETRARCH never implemented), records whose coding
is an ``error=`` (tests of PETRARCH's input checks); and records with an empty ``<Text>``.
Codings whose actor is a quoted noun phrase (PETRARCH's ``new_actor_length`` option) are left
out too and counted. ``<Config>`` switches are ignored.

Per expected coding, among the predicted events of its sentence:
- ``root``: some event has the same CAMEO root (first two digits);
- ``source`` / ``target``: the best-matching event (most of root, source, target right; then exact
  code; then confidence) has exactly the gold actor code (uppercase; a missing predicted actor is
  ``---``, PETRARCH's "no actor"); ``*_prefix`` variants: the code starts with gold's first 3 letters;
- ``triple``: some event has the exact code, source and target; ``root_triple``: same with root.
Precision: a predicted event is right when some expected coding of its sentence has its root
(``event_precision_root``) or its full triple (``event_precision_triple``); on a noevents
sentence every predicted event is wrong.
"""
from __future__ import annotations

import re
import time
from html import unescape
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from steppe.eval.metrics import ClassScores, ErrorLog, ratio, report
from steppe.eval.runs import Progress, code_all, first

RECORDS_FILE = "PETR.UnitTest.records.xml"
NO_ACTOR = "---"


@dataclass(frozen=True)
class Coding:
    source: str
    target: str
    code: str

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class PetrarchRecord:
    key: str  # unique: position + id (the file repeats a few ids)
    id: str
    category: str
    date: Optional[str]  # YYYY-MM-DD
    text: str
    codings: tuple[Coding, ...]  # empty for noevents sentences
    dropped: int = 0  # codings with a quoted (new-actor) code


def _date(raw: Optional[str]) -> Optional[str]:
    raw = (raw or "").strip()
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}" if len(raw) == 8 and raw.isdigit() else None


def _records_path(path: Path) -> Path:
    return path / RECORDS_FILE if path.is_dir() else path


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)(?=<Sentence\b|</Sentences>|\Z)", re.S)
_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*("[^"]*"|'[^']*')""")


def _attrs(raw: str) -> dict[str, str]:
    return {k: v[1:-1] for k, v in _ATTR.findall(raw)}


def read_petrarch(path: str | Path) -> list[PetrarchRecord]:
    """The scored records of a PETRARCH validation file (or the folder holding the unit-test
    file). Read with a tolerant scanner: PETRARCH-2's GSR file is not well-formed XML."""
    raw = _COMMENT.sub(" ", _records_path(Path(path)).read_text(encoding="utf-8"))
    include = re.search(r"<Include>(.*?)</Include>", raw, re.S)
    categories = set(include.group(1).split()) if include else None
    records = []
    for i, m in enumerate(_SENTENCE.finditer(raw)):
        attrs, body = _attrs(m.group(1)), m.group(2)
        category = attrs.get("category", "")
        if categories is not None and category not in categories:
            continue
        if "false" in (attrs.get("sentence", "true").strip().lower(), attrs.get("evaluate", "true").strip().lower()):
            continue
        codings, dropped, error = [], 0, False
        for cm in _CODING.finditer(body):
            ec = _attrs(cm.group(1))
            if ec.get("error"):
                error = True
            elif ec.get("eventcode"):
                src, tgt = ec.get("sourcecode", "").strip(), ec.get("targetcode", "").strip()
                if src.startswith('"') or tgt.startswith('"'):
                    dropped += 1
                    continue
                codings.append(Coding(src.upper(), tgt.upper(), ec["eventcode"].strip().upper()))
        text = _TEXT.search(body)
        if error or text is None or not text.group(1).strip():  # one GSR record has no text
            continue
        sid = attrs.get("id", str(i))
        records.append(PetrarchRecord(key=f"{i:04d}:{sid}", id=sid, category=category,
                                      date=_date(attrs.get("date")), text=" ".join(unescape(text.group(1)).split()),
                                      codings=tuple(codings), dropped=dropped))
    return records


def dictionaries(path: str | Path) -> tuple[str, ...]:
    """The actor and agent dictionaries the file's ``<Environment>`` names (``<Actorfile>``,
    ``<Agentfile>``; comma-separated) that exist next to it: the unit-test file's
    PETR.Validate.actors.txt and .agents.txt; none for PETRARCH-2's GSR file, whose Phoenix
    dictionaries are not in that folder (steppe's built-in knowledge codes its real countries)."""
    records = _records_path(Path(path))
    raw = _COMMENT.sub(" ", records.read_text(encoding="utf-8"))
    names = [n.strip() for tag in ("Actorfile", "Agentfile")
             for m in re.finditer(rf"<{tag}>(.*?)</{tag}>", raw, re.S) for n in m.group(1).split(",")]
    return tuple(str(records.parent / n) for n in names if n and (records.parent / n).is_file())


def verb_dictionaries(path: str | Path) -> tuple[str, ...]:
    """The verb dictionaries the file's ``<Environment>`` names (``<Verbfile>``) that exist next
    to it: PETR.Validate.verbs.txt for the unit tests (its codes are "mostly WEIS, not CAMEO"),
    passed as ``verbs=`` so that steppe codes with the suite's own verb patterns."""
    records = _records_path(Path(path))
    raw = _COMMENT.sub(" ", records.read_text(encoding="utf-8"))
    names = [n.strip() for m in re.finditer(r"<Verbfile>(.*?)</Verbfile>", raw, re.S) for n in m.group(1).split(",")]
    return tuple(str(records.parent / n) for n in names if n and (records.parent / n).is_file())


def _code(actor) -> str:
    return (actor.code or NO_ACTOR).upper() if actor is not None else NO_ACTOR


def _prefix_ok(pred: str, gold: str) -> bool:
    return pred.startswith(gold[:3])


def _best(g: Coding, events: list) -> Optional[Any]:
    def rank(e):
        return (e.cameo[:2] == g.root) * 4 + (_code(e.source) == g.source) * 2 + (_code(e.target) == g.target), \
            e.cameo == g.code, e.confidence
    return max(events, key=rank) if events else None


def _event_case(e) -> dict[str, Any]:
    return {"cameo": e.cameo, "source": _code(e.source), "target": _code(e.target),
            "trigger": e.trigger, "explanation": e.explanation}


def _triple(e) -> tuple[str, str, str]:
    return e.cameo, _code(e.source), _code(e.target)


def coding_hits(g: Coding, events: list) -> tuple[dict[str, bool], Optional[Any]]:
    """Which figures one expected coding scores on, and the best-matching predicted event."""
    best = _best(g, events)
    src = _code(best.source) if best else None
    tgt = _code(best.target) if best else None
    return {
        "root": any(e.cameo[:2] == g.root for e in events),
        "source": src == g.source,
        "target": tgt == g.target,
        "triple": any(_triple(e) == (g.code, g.source, g.target) for e in events),
        "root_triple": any((e.cameo[:2], *_triple(e)[1:]) == (g.root, g.source, g.target) for e in events),
        "exact_code": any(e.cameo == g.code for e in events),
        "source_prefix": src is not None and _prefix_ok(src, g.source),
        "target_prefix": tgt is not None and _prefix_ok(tgt, g.target),
    }, best


def _score_roots(roots: ClassScores, rec: PetrarchRecord, events: list) -> None:
    gold_roots = {g.root for g in rec.codings}
    pred_roots = {e.cameo[:2] for e in events}
    for root in gold_roots:
        if root in pred_roots:
            roots[root].tp += 1
        else:
            roots[root].fn += 1
    for root in pred_roots - gold_roots:
        roots[root].fp += 1


def _log_errors(errors: ErrorLog, rec: PetrarchRecord, g: Coding, hit: dict[str, bool], best, events) -> None:
    case = {"id": rec.id, "category": rec.category, "text": rec.text,
            "gold": {"cameo": g.code, "source": g.source, "target": g.target},
            "predicted": _event_case(best) if best else None,
            "all_predicted": [" ".join(_triple(e)) for e in events]}
    if best is None:
        errors.add("no event", **case)
        return
    if not hit["root"]:
        errors.add("wrong root", **case)
    for role in ("source", "target"):
        if not hit[role]:
            none = _code(getattr(best, role)) == NO_ACTOR
            errors.add(f"{role}: none" if none else f"{role}: wrong", **case)


def score_petrarch(gold: list[PetrarchRecord], predictions: dict[str, list]) -> dict[str, Any]:
    """Score predicted events (by record key) against the expected codings."""
    n = {k: 0 for k in ("root", "source", "target", "triple", "root_triple", "exact_code",
                        "source_prefix", "target_prefix")}
    roots = ClassScores()
    errors = ErrorLog()
    n_codings = n_pred = pred_root_ok = pred_triple_ok = noevent_sents = noevent_clean = 0
    for rec in gold:
        events = predictions.get(rec.key, [])
        n_pred += len(events)
        pred_root_ok += sum(any(e.cameo[:2] == g.root for g in rec.codings) for e in events)
        pred_triple_ok += sum(_triple(e) in {(g.code, g.source, g.target) for g in rec.codings} for e in events)
        _score_roots(roots, rec, events)
        if not rec.codings:
            noevent_sents += 1
            noevent_clean += not events
            for e in events:
                errors.add("event on a noevents sentence", id=rec.id, text=rec.text, predicted=_event_case(e))
        for g in rec.codings:
            n_codings += 1
            hit, best = coding_hits(g, events)
            for k, v in hit.items():
                n[k] += v
            _log_errors(errors, rec, g, hit, best, events)
    figures = {f"{k}_accuracy": ratio(v, n_codings) for k, v in n.items()}
    figures.update(event_precision_root=ratio(pred_root_ok, n_pred),
                   event_precision_triple=ratio(pred_triple_ok, n_pred),
                   noevents_sentences_clean=ratio(noevent_clean, noevent_sents))
    counts = {"sentences": len(gold), "expected_codings": n_codings, "predicted_events": n_pred,
              "noevents_sentences": noevent_sents, "codings_left_out_new_actor": sum(r.dropped for r in gold)}
    return report("petrarch", n=n_codings, figures=figures, tables={"CAMEO root (per sentence)": roots},
                  counts=counts, errors=errors, notes=[
                      "accuracies are over expected codings; actor codes compared exactly (uppercase)",
                      "a missing predicted actor counts as '---'",
                      "root table: per sentence, a root is a true positive when both gold and prediction have it"])


def run_petrarch(path: str | Path, *, limit: Optional[int] = None, progress: Progress = None,
                 **settings: Any) -> dict[str, Any]:
    """Read the unit-test records at ``path``, code them with the suite's dictionaries, score."""
    t0 = time.perf_counter()
    gold = first(read_petrarch(path), limit)
    dicts = tuple(settings.pop("dicts", ())) + dictionaries(path)
    verbs = tuple(settings.pop("verbs", ())) + verb_dictionaries(path)
    articles = [{"id": r.key, "text": r.text, "date": r.date} for r in gold]
    predictions, missing = code_all(articles, progress, dicts=dicts, verbs=verbs, **settings)
    result = score_petrarch(gold, predictions)
    result["counts"]["not_coded"] = len(missing)
    result["seconds"] = time.perf_counter() - t0
    return result
