"""Coding for ``POST /articles`` off the request's back: at most ``size`` codings at once, at most
``queue`` more waiting for one, each under a time budget.

By default each coding runs in a worker process of its own (``ProcessWorker``: spawned on first
use, loads the coder once, reused): a coding past its budget, or whose client went away, is
stopped by killing its process (a fresh one is started at once), so it neither holds a slot nor
burns a core after its request is answered. A ``coder`` handed to the app (tests, notebooks) runs
in a thread of this process instead (``ThreadWorker``): it cannot be stopped, so its slot stays
taken until it finishes, and its result is thrown away.

Nothing here writes the store: the route writes a result only if its request is still waiting
for it (see ``steppe.api.routes.post_article``).
"""
from __future__ import annotations

import multiprocessing
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable, Optional


class Busy(Exception):
    """Every coding slot and every queue place is taken."""


class Expired(Exception):
    """The job's budget ran out (waiting or coding), or its client went away."""

    def __init__(self, stage: str) -> None:
        super().__init__(stage)
        self.stage = stage  # "waiting" or "coding"


class WorkerFailed(Exception):
    """The coder raised, or its process died."""


def _worker_main(conn, factory: Callable[..., Any], settings: Any) -> None:
    """A worker process: builds the coder (in a thread, so that requests are read at once) and
    codes one article per message until it gets None or its pipe closes."""
    box: dict[str, Any] = {}

    def load() -> None:
        try:
            box["coder"] = factory(settings)
        except BaseException as exc:  # reported with the first article
            box["error"] = f"{type(exc).__name__}: {exc}"

    loader = threading.Thread(target=load, daemon=True)
    loader.start()
    while True:
        try:
            article = conn.recv()
        except (EOFError, OSError):
            return
        if article is None:
            return
        loader.join()
        if "error" in box:
            conn.send(("error", "cannot build the coder: " + box["error"]))
            continue
        try:
            result = next(iter(box["coder"].code_stream([article])))
        except Exception as exc:
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
            continue
        conn.send(("ok", result))


class ProcessWorker:
    """One coding process (spawned lazily, restarted after a kill or a crash)."""

    def __init__(self, factory: Callable[..., Any], settings: Any) -> None:
        self.factory, self.settings = factory, settings
        self.proc: Any = None
        self.conn: Any = None

    def _ensure(self) -> None:
        if self.proc is not None and self.proc.is_alive():
            return
        ctx = multiprocessing.get_context("spawn")  # never fork a process that runs threads
        ours, theirs = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(theirs, self.factory, self.settings),
                                name="steppe-coder", daemon=True)
        self.proc.start()
        theirs.close()
        self.conn = ours

    def start(self) -> None:
        """Start the process now (it loads the coder while the server answers other requests)."""
        self._ensure()

    def begin(self, article: Any) -> None:
        self._ensure()
        try:
            self.conn.send(article)
        except (OSError, ValueError) as exc:
            self.abort()
            raise WorkerFailed(f"the coding process is gone ({exc})") from None

    def poll(self, seconds: float) -> bool:
        try:
            return self.conn.poll(seconds)
        except (OSError, EOFError):
            return True  # recv() tells what happened

    def result(self) -> Any:
        try:
            status, value = self.conn.recv()
        except (EOFError, OSError):
            code = self.proc.exitcode if self.proc is not None else None
            self.abort()
            raise WorkerFailed(f"the coding process died (exit code {code})") from None
        if status != "ok":
            raise WorkerFailed(value)
        return value

    def abort(self) -> None:
        """Stop the coding at once: kill the process and start a fresh one."""
        self.close(graceful=False)
        self._ensure()

    def when_idle(self, callback: Callable[[], None]) -> None:
        callback()

    @property
    def running(self) -> bool:
        return False  # a killed process is replaced at once

    def close(self, graceful: bool = True) -> None:
        proc, conn = self.proc, self.conn
        self.proc = self.conn = None
        if proc is None:
            return
        if graceful and conn is not None and proc.is_alive():
            try:
                conn.send(None)
                proc.join(2)
            except (OSError, ValueError):
                pass
        if proc.is_alive():
            proc.kill()
            proc.join(5)
        if conn is not None:
            conn.close()


class ThreadWorker:
    """A given coder run in one thread of this process (cannot be stopped: see the module doc)."""

    def __init__(self, coder: Any) -> None:
        self.coder = coder
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="steppe-coder")
        self.future: Optional[Future] = None

    def start(self) -> None:
        pass

    def begin(self, article: Any) -> None:
        self.future = self.pool.submit(lambda: next(iter(self.coder.code_stream([article]))))

    def poll(self, seconds: float) -> bool:
        try:
            self.future.exception(timeout=seconds)
            return True
        except TimeoutError:
            return False

    def result(self) -> Any:
        try:
            return self.future.result()
        except Exception as exc:
            raise WorkerFailed(f"{type(exc).__name__}: {exc}") from None

    def abort(self) -> None:
        pass  # the thread runs on; ``when_idle`` gives the slot back when it is done

    def when_idle(self, callback: Callable[[], None]) -> None:
        if self.future is None:
            callback()
        else:
            self.future.add_done_callback(lambda _: callback())

    @property
    def running(self) -> bool:
        return self.future is not None and not self.future.done()

    def close(self, graceful: bool = True) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


class Job:
    """One admitted request: ``cancel()`` when its client goes away."""

    def __init__(self) -> None:
        self.cancelled = threading.Event()

    def cancel(self) -> None:
        self.cancelled.set()


class CodingPool:
    """At most ``len(workers)`` codings at once and ``queue`` requests waiting for one."""

    STEP = 0.05  # seconds between checks of a job's deadline and cancellation

    def __init__(self, workers: list, queue: int) -> None:
        self.workers = workers
        self.queue = queue
        self._free = list(workers)
        self._cond = threading.Condition()
        self._admitted = 0
        self._coding = 0

    def stats(self) -> dict[str, int]:
        with self._cond:
            busy = len(self.workers) - len(self._free)
            return {"max": len(self.workers), "queue": self.queue, "running": busy,
                    "waiting": max(0, self._admitted - self._coding)}

    def admit(self) -> Job:
        """A place for one more request, or ``Busy``."""
        with self._cond:
            if self._admitted >= len(self.workers) + self.queue:
                raise Busy()
            self._admitted += 1
        return Job()

    def run(self, job: Job, article: Any, deadline: float) -> Any:
        """Code ``article`` for an admitted ``job`` before ``deadline`` (``time.monotonic()``):
        its result, or ``Expired`` / ``WorkerFailed``. Blocks; call it from a thread."""
        try:
            worker = self._take(job, deadline)
            try:
                worker.begin(article)
                while not worker.poll(self.STEP):
                    if job.cancelled.is_set() or time.monotonic() >= deadline:
                        worker.abort()
                        raise Expired("coding")
                return worker.result()
            finally:
                with self._cond:
                    self._coding -= 1
                worker.when_idle(lambda: self._give(worker))
        finally:
            with self._cond:
                self._admitted -= 1
                self._cond.notify_all()

    def _take(self, job: Job, deadline: float):
        with self._cond:
            while not self._free:
                left = deadline - time.monotonic()
                if left <= 0 or job.cancelled.is_set():
                    raise Expired("waiting")
                self._cond.wait(min(left, self.STEP))
            self._coding += 1
            return self._free.pop(0)

    def _give(self, worker) -> None:
        with self._cond:
            self._free.append(worker)
            self._cond.notify_all()

    def start(self) -> None:
        for w in self.workers:
            w.start()

    def close(self) -> None:
        for w in self.workers:
            w.close()


def make_pool(settings: Any, size: int, queue: int, coder: Any = None,
              factory: Optional[Callable[..., Any]] = None) -> CodingPool:
    """``size`` process workers building ``factory(settings)`` (default ``steppe.pipeline.Coder``),
    or, with a ready ``coder``, one thread worker around it."""
    if coder is not None:
        return CodingPool([ThreadWorker(coder)], queue)
    if factory is None:
        from steppe.pipeline import Coder

        factory = Coder
    return CodingPool([ProcessWorker(factory, settings) for _ in range(size)], queue)


__all__ = ["Busy", "CodingPool", "Expired", "Job", "ProcessWorker", "ThreadWorker", "WorkerFailed", "make_pool"]
