"""Scorer for real news articles hand-coded at the article level (``steppe eval realnews PATH``).

The gold folder holds ``articles.jsonl`` (steppe's input format) and ``gold.jsonl``: one line per
gold event (CAMEO code, source and target codes, each a code, a list of equally right codes or null,
``symmetric``, ``background``, date, place, evidence) and the article's negatives (sentences that
must not be coded; ``must_not`` narrows a negative to some readings when the sentence also carries
a gold event). The coding conventions are the set's GUIDELINES.md.

Each article is coded whole, with its publication date. Matching a predicted event to a gold line
of the same article:
- lenient: same CAMEO root, and source and target agree on the country part (ISO3, or IGO/NGO/IMG
  for bodies with no country, or "none" for sector-only codes such as UAF); a null gold actor
  matches any predicted actor (or none);
- strict: same root, and the full actor codes agree (any code of a list); a null gold actor
  matches only an empty predicted actor.
A ``symmetric`` gold line may be matched in either direction.

Figures:
- recall (lenient, strict): gold lines found, one predicted event per gold line and one gold line
  per predicted event (a maximum matching within each article; a gold line tries first the
  predictions from its own sentences, and of those first the ones at its place);
- precision: predicted events of the gold articles that match (leniently) some gold line of their
  article; an event from a negative sentence (or matching a ``must_not`` reading) is counted as
  ``fp_negative``, apart from the other false positives;
- date accuracy over lenient matches: the predicted date agrees with the gold at the gold's
  precision (a day-level gold date needs the same day);
- place accuracy over lenient matches whose gold event has a place: same country, and the same
  name (accents, case and generic words aside; a country-level gold place needs a country-level
  or same-country prediction), or the same gazetteer place under another name (the gold name
  resolved within its country: "Nur-Sultan" is GeoNames' Astana), or a town inside a gold
  first-level region;
- shares of predicted events with no source, with an implied actor ("(implied)" in the actor's
  text), and self-dyads (source and target of the same country);
- calibration: the reliability table by tenths of confidence (events, mean confidence, share
  right, where right is the precision criterion), its expected calibration error, and the
  precision of the events with confidence >= 0.7;
- duplicates: the same act counted twice: for each gold line, the sentences beyond the first among
  its evidence and restated sentences that gave a predicted event matching it (leniently), except
  an event matched to another gold line told in that sentence (another act's telling is no
  second telling of this one); also shown,
  ``same_key_repeats``: events beyond the first with the same root, source and target code in one
  article (a cruder count: distinct acts can share the key, as 19 gold lines of realnews-dev do).
"""
from __future__ import annotations

import functools
import json
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from steppe.coding.confidence import reliability
from steppe.eval.metrics import ClassScores, ErrorLog, ratio, report
from steppe.eval.runs import Progress, code_all, first

ARTICLES_FILE = "articles.jsonl"
GOLD_FILE = "gold.jsonl"
NO_COUNTRY_PREFIXES = ("IGO", "NGO", "IMG", "MNC")
HIGH_CONFIDENCE = 0.7


@dataclass(frozen=True)
class GoldEvent:
    article_id: str
    event_id: str
    cameo: str
    root: str
    sources: Optional[tuple[str, ...]]  # None: the text names no source
    targets: Optional[tuple[str, ...]]
    symmetric: bool
    background: bool
    date: Optional[str]
    place: Optional[dict[str, Any]]
    evidence: str
    restated_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class Negative:
    article_id: str
    evidence: str
    why: str
    must_not: tuple[dict[str, Any], ...] = ()  # empty: any event from the sentence is wrong


def _codes(value: Any) -> Optional[tuple[str, ...]]:
    if value is None:
        return None
    values = value if isinstance(value, list) else [value]
    codes = tuple(dict.fromkeys(str(v).strip().upper() for v in values if v))
    return codes or None


def read_realnews(path: str | Path) -> tuple[list[dict[str, Any]], list[GoldEvent], list[Negative]]:
    """(articles, gold events, negatives) from the gold folder."""
    path = Path(path)
    articles = [json.loads(line) for line in (path / ARTICLES_FILE).read_text(encoding="utf-8").splitlines()
                if line.strip()]
    events: list[GoldEvent] = []
    negatives: list[Negative] = []
    for line in (path / GOLD_FILE).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        if d.get("negative"):
            negatives.append(Negative(d["article_id"], d["evidence"], d.get("why") or "",
                                      tuple(d.get("must_not") or ())))
            continue
        events.append(GoldEvent(
            article_id=d["article_id"], event_id=d["event_id"], cameo=str(d["cameo"]),
            root=str(d.get("root") or str(d["cameo"])[:2]), sources=_codes(d.get("source")),
            targets=_codes(d.get("target")), symmetric=bool(d.get("symmetric")),
            background=bool(d.get("background")), date=d.get("date"), place=d.get("place"),
            evidence=d.get("evidence") or "", restated_in=tuple(d.get("restated_in") or ())))
    return articles, events, negatives


# -- actors ---------------------------------------------------------------------------------------
def country_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}


def country_part(code: Optional[str], countries: frozenset[str]) -> str:
    """The country part of an actor code: its ISO3 prefix, IGO/NGO/IMG/MNC, or "" (no country)."""
    code = (code or "").upper()
    if code[:3] in countries or code[:3] in NO_COUNTRY_PREFIXES:
        return code[:3]
    return ""


def _pred_country(actor, countries: frozenset[str]) -> str:
    if actor.country:
        return actor.country.upper()
    return country_part(actor.code, countries)


def actor_matches(gold: Optional[tuple[str, ...]], actor, strict: bool, countries: frozenset[str]) -> bool:
    if gold is None:
        return actor is None if strict else True
    if actor is None:
        return False
    if strict:
        return (actor.code or "").upper() in gold
    return _pred_country(actor, countries) in {country_part(g, countries) for g in gold}


def event_matches(g: GoldEvent, e, strict: bool, countries: frozenset[str]) -> bool:
    if e.cameo_root != g.root:
        return False
    pairs = [(e.source, e.target)] + ([(e.target, e.source)] if g.symmetric else [])
    return any(actor_matches(g.sources, s, strict, countries) and actor_matches(g.targets, t, strict, countries)
               for s, t in pairs)


def max_matching(edges: dict[int, list[int]]) -> dict[int, int]:
    """A maximum one-to-one matching (gold index -> prediction index) by augmenting paths; each
    gold item tries its predictions in the order given."""
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for p in edges.get(g, ()):
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in edges:
        augment(g, set())
    return {g: p for p, g in owner.items()}


# -- dates and places -----------------------------------------------------------------------------
def date_right(gold: Optional[str], pred: Optional[str]) -> bool:
    """The predicted date agrees with the gold date at the gold's precision."""
    if not gold:
        return not pred
    return bool(pred) and (pred == gold or pred.startswith(gold + "-"))


_GENERIC = {"city", "region", "province", "district", "oblast", "gorge", "valley", "the", "of", "republic"}


def _name_key(name: str) -> set[str]:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return {w for w in re.split(r"[^a-z0-9]+", s) if w and w not in _GENERIC}


def place_right(gold: dict[str, Any], loc, countries_by_name: dict[str, str]) -> bool:
    if loc is None:
        return False
    gc = (gold.get("country") or "").upper() or None
    if gc and (loc.country or "").upper() != gc:
        return False
    gname = gold.get("name") or ""
    gold_is_country = countries_by_name.get(gname.lower()) == gc and gc is not None
    if gold_is_country:
        return True  # a domestic act placed in its country, or more precisely inside it
    if loc.feature == "country":
        return False
    gk = _name_key(gname)
    if bool(gk) and any(gk <= _name_key(n) or _name_key(n) <= gk and _name_key(n)
                        for n in (loc.name or "", loc.text or "")):
        return True
    # the same place under another name ("Nur-Sultan" is GeoNames' Astana), or more precisely
    # inside a gold first-level region (Khorugh in Gorno-Badakhshan), as for countries above
    g = _gold_place(gname, gc)
    if g is None or g.country != gc:
        return False
    if g.geonameid is not None and g.geonameid == loc.geonameid:
        return True
    return g.feature == "admin1" and loc.feature == "city" and bool(loc.admin1) and loc.admin1 == g.admin1


@functools.lru_cache(maxsize=512)
def _gold_place(name: str, country: Optional[str]):
    """The gold place name resolved in the gazetteer, within its country."""
    from steppe.places.resolve import resolve_name

    return resolve_name(name, [country] if country else [])


def _countries_by_name() -> dict[str, str]:
    from steppe.actors.lexicon import country_names

    return {name.lower(): code for code, name in country_names().items()}


# -- sentences ------------------------------------------------------------------------------------
def _norm(s: str) -> str:
    return " ".join(s.replace("“", '"').replace("”", '"').replace("’", "'").split())


def same_sentence(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a) and bool(b) and (a in b or b in a)


def _on_sentences(g: GoldEvent, e) -> bool:
    return any(same_sentence(s, e.evidence) for s in (g.evidence, *g.restated_in))


def negative_hit(neg: Negative, e, countries: frozenset[str]) -> bool:
    if not same_sentence(neg.evidence, e.evidence):
        return False
    if not neg.must_not:
        return True
    for cond in neg.must_not:
        roots = [str(r) for r in cond.get("roots") or ()]
        if roots and e.cameo_root not in roots:
            continue
        if cond.get("source") is not None and not actor_matches(_codes(cond["source"]), e.source, False, countries):
            continue
        if cond.get("target") is not None and not actor_matches(_codes(cond["target"]), e.target, False, countries):
            continue
        return True
    return False


def prediction_right(e, golds: list[GoldEvent], negatives: list[Negative], countries: frozenset[str]) -> bool:
    """The precision criterion: the event matches (leniently) a gold line of its article and
    comes from no negative sentence (nor matches a ``must_not`` reading)."""
    return not any(negative_hit(n, e, countries) for n in negatives) and any(
        event_matches(g, e, False, countries) for g in golds)


def _actor_text(actor) -> Optional[str]:
    return f"{actor.code} ({actor.text})" if actor is not None else None


def _pred_case(e) -> dict[str, Any]:
    return {"cameo": e.cameo, "trigger": e.trigger, "source": _actor_text(e.source),
            "target": _actor_text(e.target), "date": e.date,
            "place": e.location.name if e.location else None, "explanation": e.explanation}


def _is_implied(actor) -> bool:
    return actor is not None and "(implied)" in (actor.text or "")


# -- scoring --------------------------------------------------------------------------------------
def score_realnews(articles: list[dict[str, Any]], gold: list[GoldEvent], negatives: list[Negative],
                   predictions: dict[str, list]) -> dict[str, Any]:
    countries = country_codes()
    by_name = _countries_by_name()
    errors = ErrorLog()
    roots = ClassScores()
    ids = [str(a["id"]) for a in articles]
    gold_by = {aid: [g for g in gold if g.article_id == aid] for aid in ids}
    neg_by = {aid: [n for n in negatives if n.article_id == aid] for aid in ids}
    n_gold = n_pred = 0
    found = {"lenient": 0, "strict": 0}
    found_bg = bg_total = 0
    right_pred = fp_negative = fp_other = 0
    dates_right = places_right = places_total = 0
    no_source = implied = self_dyad = duplicates = same_key = 0
    confidences: list[float] = []
    rights: list[bool] = []
    for aid in ids:
        golds, events = gold_by[aid], predictions.get(aid, [])
        n_gold += len(golds)
        n_pred += len(events)
        matched = {}
        for mode in ("lenient", "strict"):
            # a gold line takes first the predictions coded from its own sentences, and of those
            # the one at its place (an act told for two places in one sentence is two events)
            edges = {gi: sorted((pi for pi, e in enumerate(events) if event_matches(g, e, mode == "strict", countries)),
                                key=lambda pi, g=g: (not _on_sentences(g, events[pi]),
                                                     not (g.place and place_right(g.place, events[pi].location, by_name))))
                     for gi, g in enumerate(golds)}
            matched[mode] = max_matching(edges)
            found[mode] += len(matched[mode])
        owner = {pi: gi for gi, pi in matched["lenient"].items()}  # prediction -> the gold line it is
        for gi, g in enumerate(golds):
            # a prediction the matching gives to another gold line of its own sentence is that
            # act's telling, not a second telling of this one ("recognized Guaido ... and praised
            # his plan": 054 and 051, one sentence)
            told = {e.sentence_index for pi, e in enumerate(events) if _on_sentences(g, e)
                    and event_matches(g, e, False, countries)
                    and not (owner.get(pi, gi) != gi and _on_sentences(golds[owner[pi]], e))}
            duplicates += max(0, len(told) - 1)
            bg_total += g.background
            pi = matched["lenient"].get(gi)
            if pi is None:
                roots[g.root].fn += 1
                same = [e for e in events if any(same_sentence(s, e.evidence) for s in (g.evidence, *g.restated_in))]
                if not same:
                    kind = "missed: no event from its sentences"
                elif not any(e.cameo_root == g.root for e in same):
                    kind = "missed: other root on its sentence"
                else:
                    kind = "missed: actors differ"
                errors.add(kind, id=g.event_id, text=g.evidence,
                           gold={"cameo": g.cameo, "source": g.sources, "target": g.targets, "date": g.date,
                                 "background": g.background},
                           predicted_on_sentence=[_pred_case(e) for e in same])
                continue
            roots[g.root].tp += 1
            found_bg += g.background
            e = events[pi]
            if date_right(g.date, e.date):
                dates_right += 1
            else:
                errors.add("date: wrong", id=g.event_id, text=g.evidence,
                           gold={"date": g.date, "background": g.background}, predicted=_pred_case(e))
            if g.place:
                places_total += 1
                if place_right(g.place, e.location, by_name):
                    places_right += 1
                else:
                    errors.add("place: wrong" if e.location else "place: none", id=g.event_id, text=g.evidence,
                               gold={"place": g.place}, predicted=_pred_case(e))
        seen_keys: set[tuple] = set()
        for e in events:
            key = (e.cameo_root, e.source.code if e.source else None, e.target.code if e.target else None)
            same_key += key in seen_keys
            seen_keys.add(key)
            no_source += e.source is None
            implied += _is_implied(e.source) or _is_implied(e.target)
            self_dyad += bool(e.source is not None and e.target is not None and e.source.country
                              and e.source.country == e.target.country)
            right = prediction_right(e, golds, neg_by[aid], countries)
            confidences.append(e.confidence)
            rights.append(right)
            if any(negative_hit(n, e, countries) for n in neg_by[aid]):
                fp_negative += 1
                roots[e.cameo_root].fp += 1
                errors.add("false positive: negative sentence", id=aid, text=e.evidence, predicted=_pred_case(e),
                           why=next(n.why for n in neg_by[aid] if negative_hit(n, e, countries)))
            elif any(event_matches(g, e, False, countries) for g in golds):
                right_pred += 1
            else:
                fp_other += 1
                roots[e.cameo_root].fp += 1
                on_gold = [g.event_id for g in golds
                           if any(same_sentence(s, e.evidence) for s in (g.evidence, *g.restated_in))]
                errors.add("false positive: gold sentence, no match" if on_gold else "false positive: other sentence",
                           id=aid, text=e.evidence, predicted=_pred_case(e), gold_on_sentence=on_gold)
    n_found = found["lenient"]
    table, ece = reliability(confidences, rights)
    high = [r for c, r in zip(confidences, rights) if c >= HIGH_CONFIDENCE]
    figures = {
        "recall_lenient": ratio(found["lenient"], n_gold),
        "recall_strict": ratio(found["strict"], n_gold),
        "precision": ratio(right_pred, n_pred),
        "date_accuracy": ratio(dates_right, n_found),
        "place_accuracy": ratio(places_right, places_total),
        "recall_background": ratio(found_bg, bg_total),
        "share_no_source": ratio(no_source, n_pred),
        "share_implied": ratio(implied, n_pred),
        "share_self_dyad": ratio(self_dyad, n_pred),
        "duplicates_per_10_articles": ratio(10 * duplicates, len(ids)),
        "expected_calibration_error": ece,
        "precision_conf_0.7": ratio(sum(high), len(high)),
    }
    counts = {"articles": len(ids), "gold_events": n_gold, "gold_background": bg_total,
              "negatives": len(negatives), "predicted": n_pred, "found_lenient": found["lenient"],
              "found_strict": found["strict"], "predicted_right": right_pred, "fp_negative": fp_negative,
              "fp_other": fp_other, "exact_duplicates": duplicates, "same_key_repeats": same_key, "matched_with_gold_place": places_total}
    result = report("realnews", n=n_gold, figures=figures, tables={"CAMEO root": roots}, counts=counts,
                  errors=errors, notes=[
                      "lenient: same root, source and target countries (a null gold actor matches anything); "
                      "strict: same root and full actor codes (a null gold actor matches only none)",
                      "recall: one-to-one matching within each article; symmetric gold lines either direction",
                      "precision: predicted events matching some gold line of their article (lenient)",
                      "table: per CAMEO root, tp/fn over gold lines (lenient), fp over predicted events",
                      f"precision_conf_0.7: precision of the {len(high)} events with confidence >= 0.7"])
    result["reliability"] = table
    return result


def run_realnews(path: str | Path, *, limit: Optional[int] = None, progress: Progress = None,
                 **settings: Any) -> dict[str, Any]:
    """Read the gold folder, code each article with its publication date, score."""
    t0 = time.perf_counter()
    articles, gold, negatives = read_realnews(path)
    articles = first(articles, limit)
    keep = {str(a["id"]) for a in articles}
    gold = [g for g in gold if g.article_id in keep]
    negatives = [n for n in negatives if n.article_id in keep]
    inputs = [{k: a.get(k) for k in ("id", "text", "title", "date", "url", "source")} for a in articles]
    predictions, missing = code_all(inputs, progress, **settings)
    result = score_realnews(articles, gold, negatives, predictions)
    result["counts"]["not_coded"] = len(missing)
    result["seconds"] = time.perf_counter() - t0
    return result
