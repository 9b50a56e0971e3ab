"""Hand-built predicted events for the scorer tests (no model needed)."""
from pathlib import Path

from steppe.records import Actor, Event

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def actor(code, country=None, sector=None, text=None):
    return Actor(text=text or code, code=code, country=country, sector=sector)


def event(cameo, plover=None, source=None, target=None, confidence=0.8, start=0, end=10,
          sentence_index=0, article_id="a", fatal=None):
    return Event(event_id=f"{cameo}-{start}", article_id=article_id, sentence_index=sentence_index,
                 evidence="...", evidence_start=start, evidence_end=end, date=None,
                 date_precision="unknown", date_source="article", source=source, target=target,
                 cameo=cameo, cameo_root=cameo[:2], quad_class=1, goldstein=0.0, plover_type=plover,
                 plover_mode=None, location=None, confidence=confidence, trigger="t", explanation="test",
                 fatal=fatal)
