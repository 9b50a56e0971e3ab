"""Geocoding scorers for GeoWebNews and TR-News (called by ``steppe eval geowebnews|trnews PATH``).

Both run every article through the public API (``steppe.nlp.get_nlp`` + ``steppe.places.find_places``),
match each gold toponym to the predicted mention that overlaps it most (character overlap), and
report accuracy within 161 km (100 miles, great-circle) and the median error. A gold toponym with
no overlapping prediction, or resolved to a place with no coordinates, is a miss with the largest
possible error (half the Earth's circumference, 20,039 km).

The headline figure is end to end with demonyms as toponyms: adjectives and demonyms of place
("Syrian", "American") that the gold annotates are gold toponyms, and steppe resolves them
(``find_places(..., include_demonyms=True)``, the option ``steppe places --include-demonyms``
and event places share). The figure of the earlier scoring (GeoWebNews: ``Literal`` toponyms only;
both: demonyms left out of the output, so a gold demonym is a miss) is given beside it as
``old_scoring``, from the same parse.
"""
from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Sequence

MISS_KM = 20039.0
THRESHOLD_KM = 161.0


@dataclass(frozen=True)
class GoldToponym:
    article_id: str
    start: int
    end: int
    text: str
    lat: float
    lon: float


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (mean Earth radius 6371.0088 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _align(text: str, start: int, end: int, phrase: str, window: int = 8) -> tuple[int, int]:
    """Gold offsets that are off by a few characters are moved onto the phrase they name."""
    if text[start:end] == phrase:
        return start, end
    lo = max(0, start - window)
    hit = text.find(phrase, lo, end + window + len(phrase))
    return (hit, hit + len(phrase)) if hit >= 0 else (start, end)


def read_geowebnews(folder: str | Path,
                    types: Sequence[str] = ("Literal",)) -> tuple[dict[str, str], list[GoldToponym]]:
    """Articles (id -> text) and gold toponyms of the given types with coordinates, from GWN.xml."""
    root = ET.parse(Path(folder) / "GWN.xml").getroot()
    texts, gold = {}, []
    for art in root.iter("article"):
        aid = art.get("file") or str(len(texts))
        text = art.findtext("text") or ""
        texts[aid] = text
        for tp in art.iter("toponym"):
            if tp.findtext("type") not in types or not tp.findtext("latitude"):
                continue
            s, e = int(tp.findtext("start")), int(tp.findtext("end"))
            s, e = _align(text, s, e, tp.findtext("extractedName") or "")
            gold.append(GoldToponym(aid, s, e, text[s:e], float(tp.findtext("latitude")),
                                    float(tp.findtext("longitude"))))
    return texts, gold


def read_trnews(folder: str | Path) -> tuple[dict[str, str], list[GoldToponym]]:
    """Articles (id -> text) and gold toponyms with coordinates, from TR-News.xml."""
    root = ET.parse(Path(folder) / "TR-News.xml").getroot()
    texts, gold = {}, []
    for art in root.iter("article"):
        aid = art.get("docid") or str(len(texts))
        text = art.findtext("text") or ""
        texts[aid] = text
        for tp in art.iter("toponym"):
            tag = tp.find("gaztag")
            if tag is None or not tag.findtext("lat"):
                continue
            s, e = int(tp.findtext("start")), int(tp.findtext("end"))
            s, e = _align(text, s, e, tp.findtext("phrase") or "")
            gold.append(GoldToponym(aid, s, e, text[s:e], float(tag.findtext("lat")),
                                    float(tag.findtext("lon"))))
    return texts, gold


def predict(texts: dict[str, str], *, include_demonyms: bool = False, batch_size: int = 16) -> dict[str, list]:
    """``find_places`` over every article (article id -> list of PlaceMention)."""
    return predict_both(texts, batch_size=batch_size)[include_demonyms]


def predict_both(texts: dict[str, str], *, batch_size: int = 16) -> dict[bool, dict[str, list]]:
    """``find_places`` over every article with and without demonyms, from one parse
    ({include_demonyms: {article id: [PlaceMention]}})."""
    from steppe.nlp import get_nlp
    from steppe.places import find_places

    nlp = get_nlp()
    ids = list(texts)
    out: dict[bool, dict[str, list]] = {True: {}, False: {}}
    for aid, doc in zip(ids, nlp.pipe((texts[i] for i in ids), batch_size=batch_size)):
        for flag in (True, False):
            out[flag][aid] = find_places(doc, aid, include_demonyms=flag)
    return out


def score(gold: Iterable[GoldToponym], predictions: dict[str, list], *, n_examples: int = 10) -> dict:
    """Accuracy within 161 km, median error, recognised fraction, and example misses."""
    errors, misses, recognised = [], [], 0
    for g in gold:
        best, overlap = None, 0
        for pm in predictions.get(g.article_id, ()):
            ov = min(g.end, pm.end) - max(g.start, pm.start)
            if ov > overlap:
                best, overlap = pm, ov
        if best is None or best.place.lat is None:
            err = MISS_KM
        else:
            recognised += 1
            err = haversine_km(g.lat, g.lon, best.place.lat, best.place.lon)
        errors.append(err)
        if err > THRESHOLD_KM:
            misses.append({
                "article_id": g.article_id, "text": g.text, "gold": [g.lat, g.lon],
                "predicted": None if best is None else best.place.to_dict(),
                "error_km": round(err, 1),
            })
    n = len(errors)
    return {
        "n": n,
        "accuracy_161km": round(sum(e <= THRESHOLD_KM for e in errors) / n, 4) if n else None,
        "median_error_km": round(statistics.median(errors), 1) if n else None,
        "recognised": round(recognised / n, 4) if n else None,
        "misses": len(misses),
        "example_misses": misses[:n_examples],
    }


def _demonym_like(text: str) -> bool:
    from steppe.places.gazetteer import get_gazetteer
    from steppe.places.names import norm

    return norm(text) in get_gazetteer().demonyms


def _limit(texts: dict[str, str], gold: list[GoldToponym], limit: Optional[int]):
    if limit is None:
        return texts, gold
    keep = set(list(texts)[:limit])
    return {k: v for k, v in texts.items() if k in keep}, [g for g in gold if g.article_id in keep]


_SUMMARY = ("n", "accuracy_161km", "median_error_km", "recognised", "misses")


def score_geowebnews(folder: str | Path, *, limit: Optional[int] = None) -> dict:
    """Score the toponyms that name the place itself: GeoWebNews' ``Literal`` toponyms and its
    ``Literal_Modifier`` ones ("U.S. officials", "Syrian rebels": nouns and adjectives of place),
    end to end with demonyms resolved. ``old_scoring`` is the earlier figure: ``Literal`` only,
    demonyms left out of the output."""
    texts, gold = _limit(*read_geowebnews(folder, types=("Literal", "Literal_Modifier")), limit)
    literal = {(g.article_id, g.start) for g in _limit(*read_geowebnews(folder), limit)[1]}
    predictions = predict_both(texts)
    result = score(gold, predictions[True])
    old = score([g for g in gold if (g.article_id, g.start) in literal], predictions[False], n_examples=0)
    result.update(dataset="GeoWebNews", articles=len(texts), toponym_types=["Literal", "Literal_Modifier"],
                  include_demonyms=True,
                  old_scoring={"toponym_types": "Literal", "include_demonyms": False,
                               **{k: old[k] for k in _SUMMARY}})
    return result


def score_trnews(folder: str | Path, *, include_demonyms: bool = True, limit: Optional[int] = None) -> dict:
    """Score every TR-News toponym with coordinates. TR-News annotates adjectives of place
    ("Turkish", "Syrian") as toponyms resolved to their country, so by default the demonyms
    are resolved too (``find_places(..., include_demonyms=True)``, the mode that matches the
    annotation); ``include_demonyms=False`` scores ``find_places``' default output, where they
    count as misses. The result also gives the figures over the gold toponyms that are not
    demonyms (``without_demonyms``)."""
    texts, gold = _limit(*read_trnews(folder), limit)
    both = predict_both(texts)
    predictions = both[include_demonyms]
    result = score(gold, predictions)
    plain = [g for g in gold if not _demonym_like(g.text)]
    sub = score(plain, predictions, n_examples=0)
    old = score(gold, both[not include_demonyms], n_examples=0)
    result.update(
        dataset="TR-News", articles=len(texts), include_demonyms=include_demonyms,
        without_demonyms={k: sub[k] for k in _SUMMARY},
        old_scoring={"include_demonyms": not include_demonyms, **{k: old[k] for k in _SUMMARY}},
    )
    return result
