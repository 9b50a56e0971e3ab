"""Scorer for IndiaPoliceEvents (``steppe eval india-police PATH``).

Gold: per sentence, labels for police actions (ARREST, KILL, FORCE, FAIL, ANY_ACTION) in Times of
India stories from March 2002 (``sents.jsonl``; dates from ``metadata.jsonl``).

How it is coded: each document is one article (its publication date from the metadata), its gold
sentences joined with a blank line. A blank line always ends a sentence in steppe, so every steppe
sentence (an event's evidence span) lies inside one gold sentence, and the event is assigned to
it by offset; coding whole documents keeps what a later sentence needs from an earlier one ("the
police ... they arrested"). The texts carry UTF-8 read as cp1252 ("â€™" for "’"); the common
sequences are repaired before coding (``repair=False`` keeps them).

Per sentence predictions:
- ``ARREST``: an event coded 173 whose source is police (sector COP, or COP in its code);
- ``ARREST_ANY_SOURCE``: an event coded 173, any source or none (police are often implied);
- ``KILL``: a killing (an event in the 18, 19 or 20 families or coded 175 whose text says someone
  died: ``Event.fatal``) with a police source: the gold labels are police actions;
- ``KILL_ANY_SOURCE``: a killing by anyone; ``VIOLENCE_ANY_SOURCE``: any 18x/19x/20x/175 event.
Each is scored with precision, recall and F1 over sentences against the gold ARREST / KILL label.
"""
from __future__ import annotations

import json
import time
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from steppe.eval.metrics import ClassScores, ErrorLog, report
from steppe.eval.runs import Progress, by_mention, code_all, first

SEPARATOR = "\n\n"
MOJIBAKE = (("â€˜", "‘"), ("â€™", "’"), ("â€œ", "“"), ("â€\x9d", "”"), ("â€�", "”"),
            ("â€”", "—"), ("â€“", "–"), ("â€¦", "…"), ("Â ", " "))
# prediction label -> (gold label, CAMEO test, needs a police source)
PREDICTIONS = {
    "ARREST": ("ARREST", "arrest", True),
    "ARREST_ANY_SOURCE": ("ARREST", "arrest", False),
    "KILL": ("KILL", "killing", True),
    "KILL_ANY_SOURCE": ("KILL", "killing", False),
    "VIOLENCE_ANY_SOURCE": ("KILL", "kill", False),
}


@dataclass(frozen=True)
class IndiaSentence:
    doc_id: int
    sent_id: int
    text: str
    labels: frozenset[str]


@dataclass(frozen=True)
class IndiaDoc:
    doc_id: int
    date: Optional[str]
    sentences: tuple[IndiaSentence, ...]


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_india(path: str | Path) -> list[IndiaDoc]:
    """Documents in file order with their sentences (by sent_id) and publication dates.

    ``path`` is the data folder (``sents.jsonl``, ``metadata.jsonl``) or a sentences file, with
    the metadata beside it."""
    path = Path(path)
    folder, sents = (path.parent, path) if path.is_file() else (path, path / "sents.jsonl")
    dates = {}
    meta = folder / "metadata.jsonl"
    if meta.is_file():
        dates = {m["doc_id"]: m.get("date") for m in _jsonl(meta)}
    by_doc: dict[int, list[IndiaSentence]] = {}
    for s in _jsonl(sents):
        by_doc.setdefault(s["doc_id"], []).append(
            IndiaSentence(s["doc_id"], s["sent_id"], s["sent_text"], frozenset(s.get("sent_labels") or ())))
    return [IndiaDoc(d, dates.get(d), tuple(sorted(ss, key=lambda s: s.sent_id))) for d, ss in by_doc.items()]


def repair_text(text: str) -> str:
    """Undo the common cp1252-read-as-UTF-8 sequences (curly quotes, dashes)."""
    for bad, good in MOJIBAKE:
        text = text.replace(bad, good)
    return text


def build_article(doc: IndiaDoc, repair: bool = True) -> tuple[dict[str, Any], list[int]]:
    """The article for a document and the start offset of each gold sentence in its text."""
    parts, starts, pos = [], [], 0
    for s in doc.sentences:
        text = repair_text(s.text) if repair else s.text
        starts.append(pos)
        parts.append(text)
        pos += len(text) + len(SEPARATOR)
    return {"id": str(doc.doc_id), "text": SEPARATOR.join(parts), "date": doc.date}, starts


def is_police(actor) -> bool:
    return actor is not None and (actor.sector == "COP" or "COP" in (actor.code or ""))


def _matches(event, test: str) -> bool:
    if test == "arrest":
        return event.cameo.startswith("173")
    violent = event.cameo[:2] in ("18", "19", "20") or event.cameo.startswith("175")
    if test == "killing":  # a killing: a violent event whose text says someone died
        return violent and bool(getattr(event, "fatal", False))
    return violent


def sentence_labels(events: list) -> set[str]:
    """The prediction labels (keys of PREDICTIONS) that a sentence's events give."""
    return {name for name, (_, test, police) in PREDICTIONS.items()
            if any(_matches(e, test) and (is_police(e.source) or not police) for e in events)}


def events_by_sentence(events: list, starts: list[int]) -> list[list]:
    """Events grouped by the gold sentence their evidence starts in."""
    out: list[list] = [[] for _ in starts]
    for e in events:
        i = bisect_right(starts, e.evidence_start) - 1
        if i >= 0:
            out[i].append(e)
    return out


def _why_missed(events: list, test: str) -> str:
    hits = [e for e in events if _matches(e, test)]
    if hits:
        return "coded, source not police: " + ", ".join(sorted({e.source.code if e.source else "none"
                                                                  for e in hits}))
    if events:
        return "other codes: " + ", ".join(sorted({e.cameo for e in events}))
    return "no event"


def score_india(docs: list[IndiaDoc], predictions: dict[str, list], starts: dict[str, list[int]]) -> dict[str, Any]:
    """Score events (by document id; ``starts``: gold sentence offsets per document)."""
    table = ClassScores(PREDICTIONS)
    errors = ErrorLog()
    gold_counts = {"ARREST": 0, "KILL": 0}
    n = 0
    for doc in docs:
        key = str(doc.doc_id)
        grouped = events_by_sentence(by_mention(predictions.get(key, [])), starts[key])
        for s, events in zip(doc.sentences, grouped):
            n += 1
            for lab in gold_counts:
                gold_counts[lab] += lab in s.labels
            got = sentence_labels(events)
            for name, (gold_label, test, police) in PREDICTIONS.items():
                g, p = gold_label in s.labels, name in got
                if g and p:
                    table[name].tp += 1
                elif p:
                    table[name].fp += 1
                elif g:
                    table[name].fn += 1
                if name not in ("ARREST", "KILL") or g == p:
                    continue
                case = {"id": f"{doc.doc_id}/{s.sent_id}", "text": s.text, "gold": sorted(s.labels),
                        "predicted": [f"{e.cameo} {e.source.code if e.source else '-'} "
                                      f"{e.target.code if e.target else '-'} ({e.trigger})" for e in events]}
                if g:
                    errors.add(f"{name} missed: " + _why_missed(events, test).split(":")[0], **case,
                               detail=_why_missed(events, test))
                else:
                    errors.add(f"{name} false alarm", **case)
    figures = {f"{name}_{m}": getattr(table[name], m) for name in PREDICTIONS
               for m in ("precision", "recall", "f1")}
    counts = {"sentences": n, "documents": len(docs), "gold_ARREST": gold_counts["ARREST"],
              "gold_KILL": gold_counts["KILL"],
              **{f"predicted_{name}": table[name].predicted for name in PREDICTIONS}}
    return report("india-police", n=n, figures=figures, tables={"sentence label": table}, counts=counts,
                  errors=errors, notes=[
                      "ARREST = 173 with a police source; KILL = a fatal 18x/19x/20x/175 event with a police source",
                      "documents coded whole (sentences joined by a blank line); events assigned by offset"])


def run_india(path: str | Path, *, limit: Optional[int] = None, progress: Progress = None,
              repair: bool = True, **settings: Any) -> dict[str, Any]:
    """Read the gold set at ``path`` (``limit``: first N documents), code, score."""
    t0 = time.perf_counter()
    docs = first(read_india(path), limit)
    articles, starts = [], {}
    for doc in docs:
        art, offs = build_article(doc, repair)
        articles.append(art)
        starts[art["id"]] = offs
    predictions, missing = code_all(articles, progress, **settings)
    result = score_india(docs, predictions, starts)
    result["counts"]["not_coded"] = len(missing)
    result["seconds"] = time.perf_counter() - t0
    return result
