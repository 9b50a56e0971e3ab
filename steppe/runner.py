"""The bookkeeping of a coding run (``steppe.job.Job``): its summary and progress, ids
repeated within the run, articles already stored unchanged, and results written to the store
batch by batch in input order.

No printing: progress goes to a callback; the result is a summary record.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator, Optional, Union

from steppe.config import Settings
from steppe.ingest.readers import content_hash
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
    total: Optional[int] = None  # inputs expected (JSONL lines, files), when cheap to count
    unchanged: int = 0  # passed over: already stored with the same text

    @property
    def rate(self) -> float:
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> Optional[float]:
        """Seconds left at the current rate, when the total is known."""
        if self.total is None or self.rate <= 0:
            return None
        return max(0.0, self.total - self.done - self.unchanged) / self.rate


def count_inputs(paths: Iterable[str]) -> Optional[int]:
    """How many inputs ``paths`` hold (JSONL lines, other files), counted cheaply without
    parsing; None when unknown (stdin)."""
    from steppe.ingest.readers import iter_paths

    total = 0
    for raw in paths:
        if raw == "-":
            return None
        for p in iter_paths([raw]):
            if isinstance(p, Skipped) or p.suffix.lower() != ".jsonl":
                total += 1
                continue
            try:
                with open(p, "rb") as fh:
                    last = b"\n"
                    for block in iter(lambda: fh.read(1 << 20), b""):
                        total += block.count(b"\n")
                        last = block[-1:]
                    total += last != b"\n"
            except OSError:
                total += 1
    return total


def duplicate_skip(article_id: str, origin: str, chash: str, first_hash: str, first_origin: str) -> Skipped:
    why = "same text" if chash == first_hash else "different text"
    return Skipped(origin, f"duplicate id {article_id!r} ({why}; first seen in {first_origin})", article_id)


def dedupe_ids(items: Iterable[Union[Article, Skipped]]) -> Iterator[Union[Article, Skipped]]:
    """Within one run, a second article with an id already seen is skipped with the reason."""
    seen: dict[str, tuple[str, str]] = {}
    for item in items:
        if isinstance(item, Article):
            h = content_hash(item.text)
            if item.id in seen:
                yield duplicate_skip(item.id, item.origin or item.id, h, *seen[item.id])
                continue
            seen[item.id] = (h, item.origin or item.id)
        yield item


def consume(results: Iterable[Union[ArticleResult, Skipped]], settings: Settings, summary: Summary,
            start: float, store=None, on_result: Optional[Callable[[ArticleResult], None]] = None,
            on_progress: Optional[Callable[[Progress], None]] = None, total: Optional[int] = None) -> None:
    """Count, report and store coded results in order, one store transaction per batch."""
    pending: list[ArticleResult] = []
    pending_skips: list[Skipped] = []

    def flush() -> None:
        if store is not None and (pending or pending_skips):
            store.write(pending, pending_skips)
        pending.clear()
        pending_skips.clear()

    for res in results:
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
                                 time.perf_counter() - start, total, summary.unchanged))
    flush()


def skip_unchanged(items, store, summary: Summary, settings_hash: Optional[str], batch: int = 256):
    """Leave out articles stored with the same text and settings hash, looking them up ``batch``
    at a time (an article coded with other settings is coded again). With nothing stored when
    the run starts, nothing can be (ids repeated within the run are skipped as duplicates
    before this), so nothing is looked up."""
    if not store.has_articles():
        yield from items
        return
    it = iter(items)
    while True:
        chunk = list(islice(it, batch))
        if not chunk:
            return
        stored = store.stored_keys([a.id for a in chunk if isinstance(a, Article)])
        for item in chunk:
            if isinstance(item, Article) and stored.get(item.id) == (content_hash(item.text), settings_hash):
                summary.unchanged += 1
                continue
            yield item
