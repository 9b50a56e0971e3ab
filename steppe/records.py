"""Typed records that flow between the stages (house rule 1).

Field names follow ../docs/event-schema.md (the output contract): extend, never rename.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Optional


@dataclass(frozen=True)
class Article:
    """One input article. Only ``text`` is required by the input schema."""

    id: str
    text: str
    title: Optional[str] = None
    # publication date: ISO 8601 at its precision (2003-03-10 | 2003-03 | 2003) once the article
    # has passed steppe.ingest.checks.validate, which parses every input format once
    date: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    origin: Optional[str] = None  # file (and line) the article came from
    flags: tuple[str, ...] = ()  # e.g. ("invalid-utf8",) when the reader had to repair the input
    date_precision: Optional[str] = None  # day | month | year | unknown (None: not validated yet)


@dataclass(frozen=True)
class Skipped:
    """An input that could not be coded, with the reason and where it came from."""

    origin: str  # "path" or "path line N"
    reason: str
    article_id: Optional[str] = None


@dataclass(frozen=True)
class Actor:
    text: str
    code: str
    country: Optional[str] = None
    sector: Optional[str] = None
    actor_id: Optional[str] = None
    name: Optional[str] = None
    kind: Optional[str] = None  # country | igo | person | org | group  (extension)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "actor_id": self.actor_id,
            "name": self.name,
        }


@dataclass(frozen=True)
class Place:
    text: str
    name: str
    country: Optional[str] = None
    admin1: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    feature: str = "other"  # country | admin1 | city | other
    geonameid: Optional[int] = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class PlaceMention:
    """A toponym in an article's text, with its resolution (a row of `steppe places`)."""

    article_id: str
    start: int
    end: int
    place: Place

    def to_dict(self) -> dict[str, Any]:
        d = self.place.to_dict()
        d.update(article_id=self.article_id, start=self.start, end=self.end)
        return d


@dataclass(frozen=True)
class EventDate:
    value: Optional[str]  # 2001-09-23 | 2001-09 | 2001 | --09-23 | None
    precision: str  # day | month | year | unknown
    source: str  # sentence | narrative (a day named in a recent sentence) | article


@dataclass(frozen=True)
class Mention:
    """One sentence that reports an event (an event restated in an article has several)."""

    sentence_index: int
    evidence_start: int
    evidence_end: int
    trigger: Optional[str] = None
    fatal: Optional[bool] = None  # this telling says someone died

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Event:
    event_id: str
    article_id: str
    sentence_index: int
    evidence: str
    evidence_start: int
    evidence_end: int
    date: Optional[str]
    date_precision: str
    date_source: str
    source: Optional[Actor]
    target: Optional[Actor]
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover_type: Optional[str]
    plover_mode: Optional[str]
    location: Optional[Place]
    confidence: float
    # extensions (allowed by the schema: extend, never rename)
    trigger: Optional[str] = None  # the word(s) the code came from
    explanation: Optional[str] = None  # which rule or pattern produced the code
    fatal: Optional[bool] = None  # the text says someone died in this event (PLOVER magnitude)
    background: Optional[bool] = None  # context the article recounts, dated before its news
    mentions: tuple[Mention, ...] = ()  # every sentence reporting it (restatements), in order
    main_clause: Optional[bool] = None  # its trigger is the sentence's main verb (or its event noun)

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "evidence": self.evidence,
            "evidence_start": self.evidence_start,
            "evidence_end": self.evidence_end,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_source": self.date_source,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover_type": self.plover_type,
            "plover_mode": self.plover_mode,
            "location": self.location.to_dict() if self.location else None,
            "confidence": self.confidence,
            "trigger": self.trigger,
            "explanation": self.explanation,
            "fatal": self.fatal,
            "background": self.background,
            "mentions": [m.to_dict() for m in self.mentions],
            "main_clause": self.main_clause,
        }


@dataclass(frozen=True)
class Sentence:
    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass
class ArticleResult:
    """Everything the pipeline computed for one article; the store writes it as a unit."""

    article: Article
    content_hash: str
    settings_hash: Optional[str] = None  # steppe.fingerprint.settings_hash of the settings it was coded with
    sentences: list[Sentence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
