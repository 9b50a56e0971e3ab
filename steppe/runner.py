"""Read inputs, code them, store them: the job behind `steppe code`, as a library function.

No printing: progress goes to a callback; the result is a summary record.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional, TextIO, Union

from steppe.config import Settings
from steppe.ingest.readers import ReadOptions, content_hash, read_inputs
from steppe.records import Article, ArticleResult, Skipped


@dataclass
class Summary:
    articles: int = 0
    sentences: int = 0
    events: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    flagged: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    unchanged: int = 0  # already stored with the same text (resumed runs)
    seconds: float = 0.0


@dataclass(frozen=True)
class Progress:
    done: int
    events: int
    elapsed: float

    @property
    def rate(self) -> float:
        return self.done / self.elapsed if self.elapsed > 0 else 0.0


def dedupe_ids(items: Iterable[Union[Article, Skipped]]) -> Iterator[Union[Article, Skipped]]:
    """Within one run, a second article with an id already seen is skipped with the reason."""
    seen: dict[str, tuple[str, str]] = {}
    for item in items:
        if isinstance(item, Article):
            h = content_hash(item.text)
            if item.id in seen:
                first_hash, first_origin = seen[item.id]
                why = "same text" if h == first_hash else "different text"
                yield Skipped(item.origin or item.id,
                              f"duplicate id {item.id!r} ({why}; first seen in {first_origin})", item.id)
                continue
            seen[item.id] = (h, item.origin or item.id)
        yield item


def code_paths(paths: list[str], settings: Settings, store=None, stdin: Optional[TextIO] = None,
               on_result: Optional[Callable[[ArticleResult], None]] = None,
               on_progress: Optional[Callable[[Progress], None]] = None,
               resume: bool = True) -> Summary:
    """Code every input in ``paths`` into ``store`` (a ``steppe.store.Store``), batch by batch.

    With ``resume``, articles already stored with the same id and text are not coded again, so
    running the same command after an interruption finishes the rest.
    """
    from steppe.pipeline import Coder

    opts = ReadOptions(date=settings.date, max_chars=settings.max_chars)
    items: Iterable[Union[Article, Skipped]] = dedupe_ids(read_inputs(paths, opts, stdin=stdin))
    if settings.lang is None:
        from steppe.ingest.language import language_filter

        items = language_filter(items)
    summary = Summary()
    start = time.perf_counter()
    if resume and store is not None:
        items = _skip_unchanged(items, store, summary)
    coder = Coder(settings)
    pending: list[ArticleResult] = []
    pending_skips: list[Skipped] = []

    def flush() -> None:
        if store is not None and (pending or pending_skips):
            store.write(pending, pending_skips)
        pending.clear()
        pending_skips.clear()

    for res in coder.code_stream(items):
        if isinstance(res, Skipped):
            summary.skipped.append(res)
            pending_skips.append(res)
        else:
            summary.articles += 1
            summary.sentences += len(res.sentences)
            summary.events += len(res.events)
            if res.article.flags:
                summary.flagged.append((res.article.origin or res.article.id, res.article.flags))
            pending.append(res)
            if on_result is not None:
                on_result(res)
        if len(pending) >= settings.batch_size:
            flush()
        if on_progress is not None:
            on_progress(Progress(summary.articles + len(summary.skipped), summary.events,
                                 time.perf_counter() - start))
    flush()
    summary.seconds = time.perf_counter() - start
    return summary


def _skip_unchanged(items, store, summary: Summary):
    for item in items:
        if isinstance(item, Article) and store.stored_hash(item.id) == content_hash(item.text):
            summary.unchanged += 1
            continue
        yield item
