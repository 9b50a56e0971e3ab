"""`steppe code --workers N`: worker processes on one machine, output identical to one process.

The parent reads the inputs and writes the store (one writer); each worker process builds
``steppe.pipeline.Coder(settings)`` once and codes chunks of ``settings.batch_size`` items, the
same chunks the single-process ``Coder.code_stream`` parses with one ``nlp.pipe`` call each, so
every article is parsed in the same company and the events, ids and order are the same.
Results come back in input order; at most ``window`` chunks are in flight, so memory stays flat
whatever the corpus size. Workers return ``ArticleResult`` / ``Skipped`` records (plain
dataclasses: no spaCy objects cross processes).
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Iterable, Iterator, Optional, Union

from steppe.config import Settings
from steppe.errors import SteppeError
from steppe.records import Article, ArticleResult, Skipped

Item = Union[Article, Skipped]
Result = Union[ArticleResult, Skipped]

_CODER = None  # the worker process's Coder, built once by _init_worker
_INIT_ERROR: Optional[BaseException] = None  # why it could not be built: raised with the first chunk


def worker_count(workers: int) -> int:
    """``workers`` as given; 0 or less means one per CPU core."""
    return workers if workers > 0 else (os.cpu_count() or 1)


def portable(exc: BaseException) -> BaseException:
    """``exc`` if it survives pickling (to reach the parent as itself), else a SteppeError with
    the same message: the parent reports it as a single process would."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return SteppeError(str(exc))


def _init_worker(settings: Settings) -> None:
    global _CODER, _INIT_ERROR
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        from steppe.pipeline import Coder

        _CODER = Coder(settings)
    except Exception as exc:  # a missing model, a bad dictionary: the parent raises it
        _INIT_ERROR = portable(exc)


def _code_chunk(chunk: list[Item]) -> list[Result]:
    if _INIT_ERROR is not None:
        raise _INIT_ERROR
    try:
        # a chunk of batch_size items is exactly one nlp.pipe batch of Coder.code_stream
        return list(_CODER.code_stream(chunk))
    except Exception as exc:
        raise portable(exc) from None


def chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while True:
        chunk = list(islice(it, size))
        if not chunk:
            return
        yield chunk


def code_parallel(items: Iterable[Item], settings: Settings, workers: Optional[int] = None,
                  window: Optional[int] = None, start_method: str = "spawn") -> Iterator[Result]:
    """Code ``items`` in ``workers`` processes; yield results in input order.

    ``window`` bounds the chunks submitted but not yet yielded (default: 2 per worker + 1).
    Closing the generator early cancels what has not started and stops the workers.
    """
    n = worker_count(settings.workers if workers is None else workers)
    window = window or 2 * n + 1
    ctx = multiprocessing.get_context(start_method)
    pool = ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_init_worker, initargs=(settings,))
    pending: deque[Future] = deque()
    finished = False
    try:
        for chunk in chunks(items, max(1, settings.batch_size)):
            pending.append(pool.submit(_code_chunk, chunk))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
        finished = True
    except BrokenProcessPool as exc:
        raise SteppeError(f"a worker process died ({exc}); out of memory? try fewer --workers "
                          f"or a smaller --batch-size") from None
    finally:
        if not finished:
            for f in pending:
                f.cancel()
        pool.shutdown(wait=True, cancel_futures=not finished)
