"""One coding job: sources in, coded results out to sinks. The CLI (`steppe code`, with or
without ``--workers`` / ``--scheduler``), the Python API (``steppe.code_articles``) and
``POST /articles`` all run through ``Job``, so they read, check, code and store articles the
same way.

    Job(settings).run([Paths(("news.jsonl",))], store=store)        # steppe code news.jsonl
    Job(settings).results([Objects(["Kazakh police detained ..."])])  # steppe.code_articles
    Job(settings).articles([Body(obj, "POST /articles")])          # POST /articles (coded in its pool)

The stages, in order: ``steppe.ingest`` reads each source and validates every article (one
boundary), ids repeated within the run are skipped as duplicates, articles that do not look
English are skipped (unless ``settings.lang == "en"``), articles already stored with the same
text and settings are passed over (``resume``), the rest are coded (in this process, in
``settings.workers`` processes, or on a Dask cluster) and written, batch by batch, to the sinks.
"""
from __future__ import annotations

import contextlib
import functools
import time
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, Union

from steppe.config import Settings
from steppe.errors import ConfigError
from steppe.fingerprint import settings_hash
from steppe.ingest.boundary import Paths, Source, check_language, ingest
from steppe.ingest.checks import ReadOptions
from steppe.records import Article, ArticleResult, Skipped
from steppe.runner import Progress, Summary, consume, count_inputs, dedupe_ids, skip_unchanged

Item = Union[Article, Skipped]
Result = Union[ArticleResult, Skipped]


class Job:
    """``settings`` (validated: ``Settings.check``) and how to run: ``resume`` passes over
    articles stored with the same text and settings; ``scheduler`` (a Dask address or
    ``distributed.Client``) codes on a cluster, with partitions kept in ``parquet_dir``."""

    def __init__(self, settings: Settings = Settings(), resume: bool = True, scheduler: Any = None,
                 parquet_dir: Optional[str] = None, partition_size: Optional[int] = None) -> None:
        settings.check()
        if partition_size is not None and partition_size < 1:
            raise ConfigError(f"--partition-size must be at least 1, not {partition_size}")
        self.settings = settings
        self.resume = resume
        self.scheduler = scheduler
        self.parquet_dir = parquet_dir
        self.partition_size = partition_size

    @functools.cached_property
    def settings_hash(self) -> str:
        """The digest of the settings that change codings (stored with every article)."""
        return settings_hash(self.settings)

    @property
    def read_options(self) -> ReadOptions:
        return ReadOptions(date=self.settings.date, max_chars=self.settings.max_chars)

    def articles(self, sources: Iterable[Source], store=None, summary: Optional[Summary] = None) -> Iterator[Item]:
        """The run's articles, read and checked, duplicates and non-English texts skipped with
        their reasons; with ``store`` and ``resume``, those stored unchanged are counted in
        ``summary.unchanged`` and left out."""
        opts = self.read_options
        items: Iterable[Item] = (item for source in sources for item in ingest(source, opts))
        items = check_language(dedupe_ids(items), self.settings.lang)
        if self.resume and store is not None:
            items = skip_unchanged(items, store, summary if summary is not None else Summary(),
                                   self.settings_hash)
        return iter(items)

    def code(self, items: Iterable[Item]) -> Iterator[Result]:
        """Code checked articles in this process or in ``settings.workers`` processes."""
        if self.settings.workers != 1:
            from steppe.scale.local import code_parallel

            return code_parallel(items, self.settings)
        from steppe.pipeline import cached_coder  # with workers, this process never loads the model

        return cached_coder(self.settings).code_stream(items)

    def results(self, sources: Iterable[Source]) -> Iterator[Result]:
        """Every source read, checked and coded: ``ArticleResult`` and ``Skipped`` records in input order."""
        return self.code(self.articles(sources))

    def run(self, sources: Sequence[Source], store=None, sinks: Sequence[Callable[[ArticleResult], None]] = (),
            on_progress: Optional[Callable[[Progress], None]] = None) -> Summary:
        """Code ``sources`` into ``store`` (a ``steppe.store.Store``: the only writer of the
        database), calling each of ``sinks`` with every result; returns the run's summary."""
        def on_result(res: ArticleResult) -> None:
            for sink in sinks:
                sink(res)

        if self.scheduler is not None:
            return self._run_on_cluster(sources, store, on_result, on_progress)
        summary = Summary()
        start = time.perf_counter()
        total = None
        if on_progress is not None and all(isinstance(s, Paths) for s in sources):
            total = count_inputs([p for s in sources for p in s.paths])
        results = self.code(self.articles(sources, store, summary))
        with contextlib.closing(results):
            consume(results, self.settings, summary, start, store, on_result, on_progress, total)
        summary.seconds = time.perf_counter() - start
        return summary

    def _run_on_cluster(self, sources, store, on_result, on_progress) -> Summary:
        from steppe.scale.dask_runner import code_on_cluster

        if not all(isinstance(s, Paths) for s in sources):
            raise TypeError("a cluster codes files: give Paths sources")
        paths = [p for s in sources for p in s.paths]
        return code_on_cluster(paths, self.settings, self.scheduler, store=store, parquet_dir=self.parquet_dir,
                               partition_size=self.partition_size,
                               on_result=on_result, on_progress=on_progress, resume=self.resume)


__all__ = ["Job"]
