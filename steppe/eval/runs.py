"""Running the coder for a scorer: articles in, events per article id out (public API only)."""
from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping, Optional

Progress = Optional[Callable[[int, int], None]]


def code_all(articles: list[Mapping[str, Any]], progress: Progress = None,
             **settings: Any) -> tuple[dict[str, list], list[str]]:
    """Code ``articles`` (dicts in the input schema, each with a unique ``id``) through
    ``steppe.code_articles``; return (events by article id, ids the coder returned nothing for).

    ``progress(done, total)`` is called after each article. An article the pipeline skipped is
    reported in the second value rather than silently scored as "no events"."""
    import steppe

    # every gold text is coded: gold sets are English by construction (the language check is for
    # inputs of unknown language), and of an id repeated in a gold set the last text is the
    # one scored (a run skips a repeated id, as `steppe code` does)
    settings.setdefault("lang", "en")
    articles = list({str(a["id"]): a for a in articles}.values())
    events: dict[str, list] = {}
    total = len(articles)
    for i, res in enumerate(steppe.code_articles(articles, **settings), 1):
        events[res.article.id] = list(res.events)
        if progress is not None:
            progress(i, total)
    missing = [str(a["id"]) for a in articles if str(a["id"]) not in events]
    for aid in missing:
        events[aid] = []
    return events, missing


def by_mention(events: Iterable[Any]) -> list[Any]:
    """Each event once per sentence that reports it (``Event.mentions``), with that sentence's
    offsets and trigger: for gold sets labelled per sentence or per mention, where an act told
    twice is two labels."""
    import dataclasses

    out = []
    for e in events:
        for m in (e.mentions or [None]):
            out.append(e if m is None else dataclasses.replace(
                e, sentence_index=m.sentence_index, evidence_start=m.evidence_start,
                evidence_end=m.evidence_end, trigger=m.trigger or e.trigger,
                fatal=m.fatal if len(e.mentions) > 1 else e.fatal))
    return out


def first(items: Iterable[Any], limit: Optional[int]) -> list[Any]:
    """The first ``limit`` items (all when limit is None)."""
    items = list(items)
    return items if limit is None else items[:max(0, limit)]
