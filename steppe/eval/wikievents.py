"""Scorer for WikiEvents (``steppe eval wikievents PATH``).

Gold: KAIROS event mentions (type + trigger tokens) in news articles (``dev.jsonl``). Each
document is coded as one article built from its sentences (the ``sentences`` field) joined by
a blank line, which always ends a sentence in steppe; the gold trigger's first token is located
in that text. KAIROS types with a CAMEO counterpart are mapped to a class and the CAMEO codes
that count for it (``CLASSES``); the other types are not scored and are counted.

A gold event is found when some predicted event whose code starts with one of its class's
prefixes has evidence (its sentence) containing the trigger. A predicted event of a class is
right when a gold event of that class has its trigger inside the event's evidence. Overall
precision counts each predicted event once (right if right for any class it belongs to).
"""
from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from steppe.eval.metrics import ClassScores, ErrorLog, ratio, report
from steppe.eval.runs import Progress, by_mention, code_all, first

DEV_FILE = "dev.jsonl"
SEPARATOR = "\n\n"

# class -> (KAIROS type prefixes, CAMEO code prefixes). Life.Die / Life.Injure count as
# VIOLENCE only in documents with a gold Conflict.Attack event (deaths caused by attacks).
CLASSES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "VIOLENCE": (("Conflict.Attack", "Life.Die", "Life.Injure",
                  "ArtifactExistence.DamageDestroyDisableDismantle.Damage",
                  "ArtifactExistence.DamageDestroyDisableDismantle.Destroy",
                  "ArtifactExistence.DamageDestroyDisableDismantle.Unspecified"), ("18", "19", "20")),
    "ARREST": (("Justice.ArrestJailDetain",), ("173",)),
    "LEGAL": (("Justice.ChargeIndict", "Justice.TrialHearing", "Justice.Sentence", "Justice.Convict"),
              ("173", "112")),
    "INVESTIGATE": (("Justice.InvestigateCrime",), ("09",)),
    "RELEASE": (("Justice.ReleaseParole",), ("084",)),
    "DEMONSTRATE": (("Conflict.Demonstrate",), ("14",)),
    "CONSULT": (("Contact.Contact.Meet", "Contact.Contact.Unspecified", "Contact.Contact.Correspondence"),
                ("04",)),
    "STATEMENT": (("Contact.Contact.Broadcast",), ("01",)),
    "REQUEST": (("Contact.RequestCommand",), ("02", "10")),
    "THREATEN": (("Contact.ThreatenCoerce",), ("13",)),
    "TRANSACTION": (("Transaction",), ("06", "07")),
}
CAUSED_BY_ATTACK = ("Life.Die", "Life.Injure")


@dataclass(frozen=True)
class GoldEvent:
    doc_id: str
    event_id: str
    kairos: str
    trigger: str
    offset: int  # character offset of the trigger's first token in the built article text
    sentence: str


@dataclass(frozen=True)
class WikiDoc:
    doc_id: str
    text: str
    events: tuple[GoldEvent, ...]


def _token_offsets(sentence: str, tokens: list[str]) -> list[int]:
    """Offsets of the tokens in the sentence text, found left to right."""
    out, pos = [], 0
    for tok in tokens:
        hit = sentence.find(tok, pos)
        if hit < 0:  # a token the text spells differently: keep the running position
            hit = pos
        out.append(hit)
        pos = hit + len(tok) if hit >= pos else pos
    return out


def read_wikievents(path: str | Path) -> list[WikiDoc]:
    """Documents (text built from the sentences) with their gold events located in that text."""
    path = Path(path)
    if path.is_dir():
        path = path / DEV_FILE
    docs = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            parts, offsets, pos = [], [], 0  # offsets: text offset of every doc token
            for toks, sent in d["sentences"]:
                offsets.extend(pos + o for o in _token_offsets(sent, [t[0] for t in toks]))
                parts.append(sent)
                pos += len(sent) + len(SEPARATOR)
            sent_of = [i for i, (toks, _) in enumerate(d["sentences"]) for _ in toks]
            events = []
            for e in d["event_mentions"]:
                start = e["trigger"]["start"]
                events.append(GoldEvent(d["doc_id"], e["id"], e["event_type"], e["trigger"]["text"],
                                        offsets[start], parts[sent_of[start]]))
            docs.append(WikiDoc(d["doc_id"], SEPARATOR.join(parts), tuple(events)))
    return docs


def gold_class(event: GoldEvent, doc_has_attack: bool) -> Optional[str]:
    """The class a gold event is scored in, or None when its type has no CAMEO counterpart."""
    if event.kairos.startswith(CAUSED_BY_ATTACK) and not doc_has_attack:
        return None
    for name, (kairos, _) in CLASSES.items():
        if event.kairos.startswith(kairos):
            return name
    return None


def event_classes(event) -> list[str]:
    """The classes whose CAMEO prefixes a predicted event's code starts with."""
    return [name for name, (_, cameo) in CLASSES.items() if event.cameo.startswith(cameo)]


def _inside(event, offset: int) -> bool:
    return event.evidence_start <= offset < event.evidence_end


def score_wikievents(docs: list[WikiDoc], predictions: dict[str, list]) -> dict[str, Any]:
    """Score predicted events (by document id) against the gold events."""
    table = ClassScores(CLASSES)
    for c in table.counts.values():
        c.tp_pred = 0
    by_type = ClassScores()
    errors = ErrorLog()
    unmapped: Counter = Counter()
    n_gold = found_all = n_pred = pred_ok = 0
    for doc in docs:
        events = by_mention(predictions.get(doc.doc_id, []))
        has_attack = any(g.kairos.startswith("Conflict.Attack") for g in doc.events)
        gold = [(g, gold_class(g, has_attack)) for g in doc.events]
        for g, cls in gold:
            if cls is None:
                unmapped[g.kairos] += 1
                continue
            n_gold += 1
            here = [e for e in events if _inside(e, g.offset)]
            found = any(cls in event_classes(e) for e in here)
            found_all += found
            for t in (table[cls], by_type[g.kairos]):
                t.tp += found
                t.fn += not found
            if not found:
                errors.add(f"{cls} missed: " + ("no event in sentence" if not here else "other codes"),
                           id=g.event_id, kairos=g.kairos, trigger=g.trigger, text=g.sentence,
                           predicted=[f"{e.cameo} ({e.trigger})" for e in here])
        for e in events:
            classes = event_classes(e)
            if not classes:
                continue
            n_pred += 1
            right_any = False
            for cls in classes:
                right = any(c == cls and _inside(e, g.offset) for g, c in gold)
                right_any = right_any or right
                if right:
                    table[cls].tp_pred += 1
                else:
                    table[cls].fp += 1
                    errors.add(f"{cls} false alarm", id=f"{doc.doc_id}/{e.sentence_index}", text=e.evidence,
                               predicted=f"{e.cameo} ({e.trigger})",
                               gold_here=sorted({g.kairos for g, _ in gold if _inside(e, g.offset)}))
            pred_ok += right_any
    precision, recall = ratio(pred_ok, n_pred), ratio(found_all, n_gold)
    figures = {"precision": precision, "recall": recall, "f1": ratio(2 * precision * recall, precision + recall),
               "macro_f1": table.macro_f1()}
    counts = {"documents": len(docs), "gold_events": sum(len(d.events) for d in docs), "gold_scored": n_gold,
              "gold_unmapped": sum(unmapped.values()), "predicted_scored": n_pred}
    result = report("wikievents", n=n_gold, figures=figures,
                    tables={"class": table, "KAIROS type (recall only)": by_type},
                    counts=counts, errors=errors, notes=[
                        "classes: " + "; ".join(f"{k} = {'/'.join(v[1])}" for k, v in CLASSES.items()),
                        "Life.Die / Life.Injure scored only in documents with a Conflict.Attack event",
                        "class table: tp = gold events found, fn = missed, fp = wrong predicted events, "
                        "right (tp_pred) = right predicted events; precision = right / (right + fp)",
                        "not scored (no CAMEO counterpart): "
                        + (", ".join(f"{k} {v}" for k, v in unmapped.most_common()) or "none")])
    for row in result["tables"]["KAIROS type (recall only)"].values():
        row["precision"] = row["f1"] = row["fp"] = None  # predicted events have classes, not KAIROS types
    return result


def run_wikievents(path: str | Path, *, limit: Optional[int] = None, progress: Progress = None,
                   **settings: Any) -> dict[str, Any]:
    """Read the gold set at ``path`` (``limit``: first N documents), code, score."""
    t0 = time.perf_counter()
    docs = first(read_wikievents(path), limit)
    articles = [{"id": d.doc_id, "text": d.text} for d in docs]
    predictions, missing = code_all(articles, progress, **settings)
    result = score_wikievents(docs, predictions)
    result["counts"]["not_coded"] = len(missing)
    result["seconds"] = time.perf_counter() - t0
    return result
