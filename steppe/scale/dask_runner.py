"""`steppe code --scheduler tcp://HOST:8786`: the same per-article pipeline on a Dask cluster.

1. The client plans partitions: the inputs in order (globs expanded, folders walked), JSONL files
   cut into line ranges (``partition_size`` lines each, by default adapted to the input and the
   cluster: ``adaptive_partition_size``; the text-mode offset of each range's first line is
   noted, so a worker seeks to it), other files grouped ``partition_size`` at a time. Resuming,
   a partition whose articles are all stored with the same text and settings hash is not sent;
   with ``--parquet`` (whose folder holds the whole run), one that an earlier run (published, or
   dead before publishing) coded from the same inputs, texts and settings hash is linked into
   the run's folder instead (``reuse_partitions``).
2. Each partition is one task. On its worker it reads its inputs with ``steppe.ingest``, applies
   the language check and codes the articles with a ``Coder`` cached per model and settings,
   then hands the rows (``steppe.store.rows``) to ``steppe.store.partitions.write_partition``:
   one Parquet file per table under the run's own folder ``DIR/.runs/<run id>/``: ``events/``
   (the columns of the events table, plus ``source_kind`` / ``target_kind``), ``articles/``,
   ``sentences/``, ``places/``, ``skipped/`` (language check) and ``reads/`` (every input item
   read, in order: what the client needs to replay the run).
3. The client merges partitions in input order through ``steppe.runner.consume`` into the Store
   (the only writer of the database): ids repeated across the run are skipped as duplicates,
   articles stored with the same text and settings are left as they are (``resume``), then
   results are written batch by batch. The database ends the same as after a single-process
   ``steppe code`` of the same inputs. With ``--parquet DIR`` the run's partitions are then
   published as ``DIR/events/part-00000.parquet``, ... in one step (``steppe.scale.runs.publish``: the table
   folders are links through ``DIR/.published``, one link replaced by one rename); a dead
   run's folder never is.

Inputs and the Parquet folder must be reachable from the client and every worker under the same
paths (one machine, or a shared file system), as with ``dask.dataframe.read_csv``.
The partitions can also be queried in place: ``steppe events --parquet DIR``.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import glob
import math
import os
import shutil
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Union

from steppe.config import Settings
from steppe.errors import SteppeError
from steppe.fingerprint import settings_hash
from steppe.ingest.boundary import JsonlRange, Paths, check_language, ingest
from steppe.ingest.checks import ReadOptions
from steppe.ingest.readers import content_hash, iter_paths, looks_binary
from steppe.records import Article, ArticleResult, Skipped
from steppe.runner import Progress, Summary, consume, duplicate_skip
from steppe.scale.local import portable
from steppe.scale.runs import RUNS, earlier_partitions, partition_folder, publish, published_run
from steppe.store.partitions import (copy_partition, parquet_store,  # noqa: F401  (parquet_store: moved)
                                     read_partition_rows, write_partition)
from steppe.store.rows import result_rows, results_from_rows

DEFAULT_PARTITION_SIZE = 500

# -- partitions --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Partition:
    """A slice of the inputs: ``files`` (paths), ``jsonl`` (line range of one file) or
    ``skipped`` (inputs named as unusable by the client: no task)."""

    index: int
    kind: str
    paths: tuple[str, ...] = ()
    offset: int = 0  # jsonl: text-mode position of the first line (TextIOWrapper.tell cookie)
    first_line: int = 1
    lines: int = 0
    skipped: tuple[Skipped, ...] = ()

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"


_GLOB_CHARS = set("*?[")


def _expand(raw: str) -> list[Union[str, Skipped]]:
    if raw == "-":
        raise SteppeError("stdin (-) cannot be coded on a cluster: write it to a file first")
    if not os.path.exists(raw) and _GLOB_CHARS & set(raw):
        matches = sorted(glob.glob(raw, recursive=True))
        return matches or [Skipped(raw, "no files match this pattern")]
    return [raw]


def plan_partitions(paths: Iterable[str], partition_size: int = DEFAULT_PARTITION_SIZE) -> list[Partition]:
    """Partitions of ``paths`` in input order (reads JSONL files' line breaks, nothing else)."""
    size = max(1, partition_size)
    parts: list[Partition] = []
    files: list[str] = []
    skips: list[Skipped] = []

    def flush_files() -> None:
        if files:
            parts.append(Partition(len(parts), "files", paths=tuple(files)))
            files.clear()

    def flush_skips() -> None:
        if skips:
            parts.append(Partition(len(parts), "skipped", skipped=tuple(skips)))
            skips.clear()

    for raw in paths:
        for entry in _expand(raw):
            for p in ([entry] if isinstance(entry, Skipped) else iter_paths([entry])):
                if isinstance(p, Skipped) or p.suffix.lower() == ".jsonl":
                    flush_files()
                    if isinstance(p, Skipped):
                        skips.append(p)
                        continue
                    flush_skips()
                    jsonl = _jsonl_partitions(p, size, len(parts))
                    if isinstance(jsonl, Skipped):
                        skips.append(jsonl)
                    else:
                        parts.extend(jsonl)
                    continue
                flush_skips()
                files.append(str(p))
                if len(files) >= size:
                    flush_files()
    flush_files()
    flush_skips()
    return parts


def _jsonl_partitions(path: Path, size: int, start_index: int) -> Union[list[Partition], Skipped]:
    try:
        with open(path, "rb") as fh:
            if looks_binary(fh.read(8192)):
                return Skipped(str(path), "binary file (NUL bytes), not JSON lines")
        out = []
        line = 1
        # the same decoding and line splitting as steppe.ingest.readers.read_jsonl_file
        with open(path, encoding="utf-8", errors="replace", newline="") as fh:
            while True:
                offset = fh.tell()
                n = 0
                while n < size and fh.readline():
                    n += 1
                if n == 0:
                    break
                out.append(Partition(start_index + len(out), "jsonl", paths=(str(path),), offset=offset,
                                     first_line=line, lines=n))
                line += n
        return out
    except OSError as exc:
        return Skipped(str(path), f"cannot read: {exc.strerror or exc}")


def read_partition(part: Partition, opts: ReadOptions) -> Iterator[Union[Article, Skipped]]:
    """The Article / Skipped records of a partition, exactly as ``steppe.ingest`` gives them
    for the whole inputs."""
    if part.kind == "files":
        yield from ingest(Paths(part.paths), opts)
    elif part.kind == "jsonl":
        yield from ingest(JsonlRange(part.paths[0], part.offset, part.first_line, part.lines), opts)
    else:
        yield from part.skipped


# -- on a worker ---------------------------------------------------------------------------------
_LOCK = threading.Lock()


@dataclass
class PartitionReads:
    """What reading a partition gives: every input item as a ``reads`` row (what the client
    replays), the articles to code (first of each id, English) and the language skips."""

    reads: list[dict[str, Any]]
    articles: list[Article]
    lang_skips: list[Skipped]


def read_partition_items(part: Partition, settings: Settings) -> PartitionReads:
    """Read a partition through ``steppe.ingest`` and apply the language check (on a worker
    before coding; on the client to see whether a resumed run can pass it over)."""
    out = PartitionReads([], [], [])
    seen: set[str] = set()
    for item in read_partition(part, ReadOptions(date=settings.date, max_chars=settings.max_chars)):
        if isinstance(item, Skipped):
            out.reads.append({"kind": "skipped", "article_id": item.article_id, "content_hash": None,
                              "origin": item.origin, "reason": item.reason})
            continue
        out.reads.append({"kind": "article", "article_id": item.id, "content_hash": content_hash(item.text),
                          "origin": item.origin or item.id, "reason": None})
        if item.id in seen:  # a duplicate: the client names it when it replays the reads
            continue
        seen.add(item.id)
        checked = next(check_language([item], settings.lang))
        if isinstance(checked, Skipped):
            out.lang_skips.append(checked)
            continue
        out.articles.append(item)
    return out


def code_partition(part: Partition, settings: Settings, out_dir: str) -> dict[str, Any]:
    """Code one partition and write its Parquet files into ``out_dir`` (the run's own folder);
    returns counts. Runs on a worker: the Coder (model, lexicons, dictionaries) is built on the
    first call in the worker process and kept per model and settings."""
    from steppe.pipeline import cached_coder

    t0 = time.perf_counter()
    try:
        got = read_partition_items(part, settings)
        with _LOCK:  # one Coder per process; threads of one worker take turns
            coder = cached_coder(settings)  # per model and settings, not per database
            results = [r for r in coder.code_stream(got.articles) if isinstance(r, ArticleResult)]
    except Exception as exc:  # reaches the client as itself when it can be pickled
        raise portable(exc) from None
    tables = result_tables(results)
    tables["reads"] = got.reads
    tables["skipped"] = [{"origin": s.origin, "reason": s.reason, "article_id": s.article_id}
                         for s in got.lang_skips]
    write_partition(out_dir, part.name, tables)
    return {"index": part.index, "articles": len(results), "reads": len(got.reads),
            "events": sum(len(r.events) for r in results), "seconds": time.perf_counter() - t0}


def result_tables(results: Iterable[ArticleResult]) -> dict[str, list[dict[str, Any]]]:
    """ArticleResults as rows of the Parquet tables (the store's rows, ``steppe.store.rows``)."""
    return result_rows(results, actor_kinds=True)


def load_partition(out_dir: str, part: Partition) -> tuple[list[dict], dict[str, ArticleResult], dict[str, Skipped]]:
    """A partition's Parquet files back as (reads, results by article id, language skips by id)."""
    def rows(name: str) -> list[dict[str, Any]]:
        return read_partition_rows(out_dir, part.name, name)

    results = results_from_rows(rows("articles"), rows("sentences"), rows("events"), rows("places"))
    skips = {s["article_id"]: Skipped(s["origin"], s["reason"], s["article_id"]) for s in rows("skipped")}
    return rows("reads"), results, skips


Loaded = tuple[list[dict], dict[str, ArticleResult], dict[str, Skipped]]


def replay(parts: list[Partition], load: Callable[[Partition], Loaded], summary: Summary,
           stored_keys: Optional[Callable[[list[str]], dict[str, tuple]]] = None,
           settings_hash: Optional[str] = None) -> Iterator[Union[ArticleResult, Skipped]]:
    """The results of the run in input order, as a single-process run yields them: duplicates
    across partitions skipped (first one wins), articles stored with the same text and
    ``settings_hash`` (looked up with ``stored_keys``, when resuming) counted and left out.
    ``load(part)`` gives a partition's (reads, results by id, language skips by id)."""
    seen: dict[str, tuple[str, str]] = {}
    for part in parts:
        if part.kind == "skipped":
            yield from part.skipped
            continue
        reads, results, lang_skips = load(part)
        stored = stored_keys([r["article_id"] for r in reads if r["kind"] == "article"]) if stored_keys else {}
        for r in reads:
            aid = r["article_id"]
            if r["kind"] == "skipped":
                yield Skipped(r["origin"], r["reason"], aid)
            elif aid in seen:
                yield duplicate_skip(aid, r["origin"], r["content_hash"], *seen[aid])
            else:
                seen[aid] = (r["content_hash"], r["origin"])
                if aid in lang_skips:
                    yield lang_skips.pop(aid)
                elif stored.get(aid) == (r["content_hash"], settings_hash):
                    summary.unchanged += 1
                else:
                    yield results.pop(aid)


def adaptive_partition_size(inputs: int, workers: int, most: int = DEFAULT_PARTITION_SIZE) -> int:
    """Inputs per partition: at least two tasks per worker (so a slow or lost worker leaves
    others busy), at most ``most`` inputs each (bounded memory per task)."""
    return max(1, min(most, math.ceil(inputs / max(1, 2 * workers))))


def _count_planned_inputs(paths: list[str]) -> int:
    from steppe.runner import count_inputs

    expanded = [e for raw in paths for e in _expand(raw) if not isinstance(e, Skipped)]
    return count_inputs(expanded) or 0


def _same_coding(folder: Path, name: str, got: PartitionReads, digest: str) -> bool:
    """Whether partition ``name`` in ``folder`` holds what coding ``got`` now would give: the
    same articles with the same text and settings hash (the rule a resumed run applies to the
    database), and the same language skips."""
    arts = read_partition_rows(str(folder), name, "articles")
    skips = read_partition_rows(str(folder), name, "skipped")
    return (sorted((a["article_id"], a["content_hash"], a["settings_hash"]) for a in arts)
            == sorted((a.id, content_hash(a.text), digest) for a in got.articles)
            and sorted((s["origin"], s["reason"], s["article_id"]) for s in skips)
            == sorted((s.origin, s.reason, s.article_id) for s in got.lang_skips))


def stored_partitions(work: list[Partition], settings: Settings, digest: str,
                      stored_keys: Callable[[list[str]], dict[str, tuple]]) -> dict[int, PartitionReads]:
    """Resuming without ``--parquet``: the partitions of ``work`` whose articles are all stored
    (``stored_keys``) with the same text and settings hash, by index, with what reading them
    gave (replayed without coding)."""
    unchanged: dict[int, PartitionReads] = {}
    earlier: set[str] = set()  # ids read in earlier partitions: repeats there are skipped, not coded
    for p in work:
        got = read_partition_items(p, settings)
        needed = [a for a in got.articles if a.id not in earlier]
        keys = stored_keys([a.id for a in needed])
        if all(keys.get(a.id) == (content_hash(a.text), digest) for a in needed):
            unchanged[p.index] = PartitionReads(got.reads, [], got.lang_skips)
        earlier.update(r["article_id"] for r in got.reads if r["kind"] == "article")
    return unchanged


def reuse_partitions(work: list[Partition], settings: Settings, digest: str, out_dir: Path,
                     run_dir: Path) -> set[int]:
    """Resuming with ``--parquet``: the partitions of ``work`` an earlier run already coded with
    the same inputs, texts and settings hash, linked into ``run_dir`` under their new names
    instead of being coded again; returns their indexes."""
    earlier = earlier_partitions(out_dir, run_dir)
    reused: set[int] = set()
    if not earlier:
        return reused
    for p in work:
        got = read_partition_items(p, settings)
        candidates = earlier.get(tuple(tuple(r.values()) for r in got.reads), [])
        hit = next((c for c in candidates if _same_coding(*c, got, digest)), None)
        if hit is not None:
            copy_partition(hit[0], hit[1], run_dir, p.name)
            reused.add(p.index)
    return reused


def _lost(scheduler: Any, exc: BaseException) -> SteppeError:
    """One line for a lost scheduler or worker pool (distributed's messages run over many lines)."""
    text = str(exc).strip()
    if isinstance(exc, (asyncio.CancelledError, concurrent.futures.CancelledError, ConnectionError)) \
            or type(exc).__name__ == "CommClosedError" or "connection-lost" in text:
        why = "the connection to the scheduler was lost"
    else:
        why = f"{type(exc).__name__}: {text.splitlines()[0] if text else 'no answer'}"
    return SteppeError(f"lost the Dask cluster at {scheduler} ({why}); what was merged is stored: "
                       "run the same command again to code the rest")


def code_on_cluster(paths: list[str], settings: Settings, scheduler: Any, store=None,
                    parquet_dir: Optional[str] = None, partition_size: Optional[int] = None,
                    on_result: Optional[Callable[[ArticleResult], None]] = None,
                    on_progress: Optional[Callable[[Progress], None]] = None,
                    resume: bool = True) -> Summary:
    """Code ``paths`` on the Dask cluster at ``scheduler`` (an address such as
    ``tcp://HOST:8786``, or a ``distributed.Client``) and merge the results into ``store``.

    Partitions (``partition_size`` inputs each; by default ``adaptive_partition_size``) are
    written under a folder of this run's own (``RUNS/<run id>``) in ``parquet_dir``, published
    there when the merge is done (replacing an earlier run's; a run that fails keeps its folder,
    unpublished, for the next run to reuse), or in a temporary folder next to the database
    (removed after the merge). Resuming without ``parquet_dir``, a partition whose articles are
    all stored with the same text and settings is not sent to the cluster; with it, a partition
    an earlier run coded the same is reused (``reuse_partitions``).
    A lost scheduler or worker pool is a ``SteppeError`` with one line saying so.
    """
    from distributed import Client, KilledWorker, wait as dask_wait

    summary = Summary()
    start = time.perf_counter()
    address = scheduler if isinstance(scheduler, str) else getattr(getattr(scheduler, "scheduler", None), "address",
                                                                    scheduler)
    try:
        client = scheduler if isinstance(scheduler, Client) else Client(scheduler, timeout="30s")
    except (OSError, TimeoutError) as exc:
        raise SteppeError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    tmp = None
    run = uuid.uuid4().hex[:12]
    run_dir: Optional[Path] = None
    try:
        if partition_size is None:
            workers = len(client.scheduler_info().get("workers", {})) or 1
            partition_size = adaptive_partition_size(_count_planned_inputs(paths), workers)
        parts = plan_partitions(paths, partition_size)
        total = None
        if on_progress is not None:
            total = sum(p.lines if p.kind == "jsonl" else len(p.paths) + len(p.skipped) for p in parts)
        if parquet_dir is None:
            tmp = partition_folder(store)
        out_dir = Path(parquet_dir or tmp).resolve()
        run_dir = out_dir / RUNS / run
        run_dir.mkdir(parents=True)
        digest = settings_hash(settings)
        work = [p for p in parts if p.kind != "skipped"]
        # with --parquet, the folder holds the whole run: resuming, what earlier runs coded the same is kept
        reused = reuse_partitions(work, settings, digest, out_dir, run_dir) if resume and parquet_dir else set()
        shown = published_run(out_dir)
        for stale in (out_dir / RUNS).glob("*"):  # folders of earlier runs, never published
            if stale not in (run_dir, shown):
                shutil.rmtree(stale, ignore_errors=True)
        lookup = store.stored_keys if resume and store is not None and store.has_articles() else None
        # without --parquet, nothing to keep but the database: what it holds the same is not sent
        unchanged = stored_partitions(work, settings, digest, lookup) if lookup and parquet_dir is None else {}
        futures = {p.index: client.submit(code_partition, p, settings, str(run_dir), pure=False,
                                          key=f"steppe-code-{run}-{p.name}")
                   for p in work if p.index not in unchanged and p.index not in reused}

        def load(part: Partition) -> Loaded:
            if part.index in unchanged:
                got = unchanged.pop(part.index)
                return got.reads, {}, {s.article_id: s for s in got.lang_skips}
            if part.index in reused:
                return load_partition(str(run_dir), part)
            fut = futures.pop(part.index)
            try:
                dask_wait(fut)
                fut.result()  # raises the worker's error here
            except KilledWorker as exc:
                raise SteppeError(f"the workers coding {part.name} died one after another ({exc}); out of "
                                  f"memory? try a smaller --partition-size") from None
            except Exception as exc:
                if fut.status == "error":
                    raise  # the task's own error (a bad dictionary, a missing model): as a single process says it
                raise _lost(address, exc) from None
            fut.release()
            return load_partition(str(run_dir), part)

        try:
            consume(replay(parts, load, summary, lookup, digest), settings, summary, start,
                    store, on_result, on_progress, total)
        finally:
            for fut in futures.values():
                fut.cancel()
        if parquet_dir is not None:
            publish(run_dir, out_dir)
    finally:
        if client is not scheduler:
            client.close()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        # a failed run's own folder under --parquet stays (never published): resuming keeps what it coded
    summary.seconds = time.perf_counter() - start
    return summary
