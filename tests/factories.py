"""Hand-built records for store, export and API tests (no model needed)."""
from __future__ import annotations

from typing import Optional

from steppe.records import Actor, Article, ArticleResult, Event, Place, Sentence

ALMATY = Place("Almaty", "Almaty", "KAZ", "Almaty", 43.25249, 76.9115, "city", 1526384)


def actor(code: Optional[str], text: str = "", name: Optional[str] = None) -> Optional[Actor]:
    if code is None:
        return None
    country = code[:3] if not code.startswith(("IGO", "NGO")) else None
    sector = code[3:6] or None if country else None
    return Actor(text or code, code, country, sector, actor_id=f"a-{code.lower()}", name=name)


def event(eid: str, article_id: str = "a1", code: str = "173", src: Optional[str] = "KAZGOV",
          tgt: Optional[str] = "TJKCVL", date: Optional[str] = "2001-09-23", sentence_index: int = 0,
          evidence: str = "Police detained them.", start: int = 0, place: Optional[Place] = None,
          quad: int = 4, goldstein: float = -5.0, plover: Optional[str] = "COERCE",
          mode: Optional[str] = "arrest", precision: str = "day", confidence: float = 0.75,
          trigger: str = "detained") -> Event:
    return Event(event_id=eid, article_id=article_id, sentence_index=sentence_index, evidence=evidence,
                 evidence_start=start, evidence_end=start + len(evidence), date=date,
                 date_precision=precision if date else "unknown", date_source="sentence",
                 source=actor(src, "Kazakh police"), target=actor(tgt, "Tajik citizens"),
                 cameo=code, cameo_root=code[:2], quad_class=quad, goldstein=goldstein, plover_type=plover,
                 plover_mode=mode, location=place, confidence=confidence, trigger=trigger, explanation="x")


def result(article_id: str = "a1", text: str = "Police detained them.", events=(), date: str = "2001-09-27",
           source: Optional[str] = None, url: Optional[str] = None, title: Optional[str] = None) -> ArticleResult:
    sentences = [Sentence(article_id, 0, 0, len(text), text)]
    return ArticleResult(Article(article_id, text, title=title, date=date, url=url, source=source),
                         content_hash=text[:8], sentences=sentences, events=list(events))
