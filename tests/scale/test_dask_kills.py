"""The Dask path killed mid-run: a worker, the client or the scheduler, on a LocalCluster and with
separate `dask scheduler` / `dask worker` processes on 127.0.0.1.

Each kill happens at a point the test knows exactly: the client (`steppe code --scheduler`
itself, in its own process: ``tests.scale.killable_client``; or a ``Job`` in this process) pauses
once it has stored its first results, the test kills, then lets the client go on or kills the
client itself there. After the kill the run goes on (a worker: the cluster recomputes what it
lost) or the same job run again resumes it; either way the database ends identical to a clean
local run's: every table in stored order, without timestamps (``skipped`` as a set: every run
records its skips)."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from steppe.config import Settings
from steppe.errors import SteppeError
from steppe.ingest import Paths
from steppe.scale.runs import PUBLISHED, RUNS
from steppe.job import Job
from steppe.store import Store
from tests.conftest import REPO
from tests.scale.helpers import free_port, listening, make_inputs, snapshot, wait_for
from tests.scale.killable_client import ARGS, SETTINGS, pause_hook

pytestmark = [pytest.mark.model, pytest.mark.slow]
distributed = pytest.importorskip("distributed")
DASK = Path(sys.executable).parent / "dask"

PAUSE_AFTER = 5  # inputs merged (articles, stored 4 per transaction, and skips) when the kill comes
CODED = 12  # articles the inputs give (the rest are skipped with reasons)
LOST = ("lost the Dask cluster at {} (the connection to the scheduler was lost); what was merged is stored: "
        "run the same command again to code the rest")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    """The bundled examples, the runner's awkward JSONL lines, and a few generated articles."""
    tmp = tmp_path_factory.mktemp("inputs")
    gen = tmp / "generated.jsonl"
    gen.write_text("".join(json.dumps({
        "id": f"g{i}", "date": f"2004-06-0{i + 1}",
        "text": f"Kazakh police detained {i + 2} Uzbek traders near Shymkent on Monday. "
                "Uzbekistan's foreign ministry protested to Astana."}) + "\n" for i in range(6)), encoding="utf-8")
    return make_inputs(tmp)[:-1] + [str(gen)]


@pytest.fixture(scope="module")
def reference(inputs) -> dict[str, list[tuple]]:
    """A clean local run (this process, no cluster) of the inputs (the batch size is the
    default: it changes when the store commits, not what it holds)."""
    with Store(":memory:") as store:
        assert Job(SETTINGS.replace(batch_size=Settings.batch_size)).run([Paths(tuple(inputs))], store=store).articles \
            == CODED
        return snapshot(store)


def assert_identical(db: Path, reference: dict[str, list[tuple]]) -> None:
    with Store(str(db), read_only=True) as store:
        got = snapshot(store)
    assert set(got.pop("skipped")) == set(reference["skipped"])
    assert got["events"] == reference["events"]
    assert got == {k: v for k, v in reference.items() if k != "skipped"}


def code(scheduler, db: Path, inputs: list[str], on_progress=None, parquet=None):
    """The killed run's job, in this process: the same settings and partitions."""
    with Store(str(db)) as store:
        return Job(SETTINGS, scheduler=scheduler, parquet_dir=parquet, partition_size=2).run(
            [Paths(tuple(inputs))], store=store, on_progress=on_progress)


def stored_articles(db: Path) -> int:
    with Store(str(db), read_only=True) as store:
        return store.counts()["articles"]


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STEPPE_") or k == "STEPPE_CACHE_DIR"}
    env["PYTHONPATH"] = str(REPO)
    return env


class PausedClient:
    """`steppe code --scheduler ADDRESS` in its own process, paused once its first results are
    stored (``tests.scale.killable_client``)."""

    def __init__(self, address: str, inputs: list[str], db: Path, tmp: Path, parquet: Path = None) -> None:
        self.marker, self.go = tmp / "paused", tmp / "go"
        argv = [*ARGS, *inputs, "--db", str(db), "--scheduler", address] + (["--parquet", str(parquet)] if parquet else [])
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.scale.killable_client", str(PAUSE_AFTER),
                                      str(self.marker), str(self.go), "--", *argv], cwd=tmp, env=child_env(),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if not wait_for(lambda: self.marker.exists() or self.proc.poll() is not None, 60) \
                or not self.marker.exists():
            self.close()
            pytest.fail(f"the client did not pause: {self.proc.stderr.read()}")

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        assert self.proc.wait(10) == -signal.SIGKILL

    def resume(self) -> tuple[int, str]:
        """Let it go on; its exit status and stderr."""
        self.go.touch()
        _, err = self.proc.communicate(timeout=60)
        return self.proc.returncode, err

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self.proc.stderr.close()


def count_submits(client) -> list[int]:
    """The partitions ``client`` sends (their indexes), recorded as they are submitted."""
    sent: list[int] = []
    real = client.submit

    def counting(func, part, *args, **kwargs):
        sent.append(part.index)
        return real(func, part, *args, **kwargs)

    client.submit = counting
    return sent


# -- the three kills ------------------------------------------------------------------------------
def worker_killed_run(address: str, inputs, reference, tmp_path: Path) -> None:
    """A worker process SIGKILLed while the client (this process) is paused after its first
    results: the run finishes (the cluster recomputes what the worker held, its nanny starts
    another), and a second run finds everything stored."""
    db = tmp_path / "w.duckdb"
    killed = []

    with distributed.Client(address, timeout="30s") as client:
        def kill_worker(progress) -> None:
            if progress.done >= PAUSE_AFTER and not killed:
                pid = sorted(client.run(os.getpid).values())[0]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

        summary = code(client, db, inputs, kill_worker)
    assert killed and summary.articles == CODED
    assert_identical(db, reference)
    again = code(address, db, inputs)
    assert (again.unchanged, again.articles) == (CODED, 0)
    assert_identical(db, reference)


def client_killed_run(address: str, inputs, reference, tmp_path: Path, parquet: bool = False) -> None:
    """`steppe code` SIGKILLed once it has stored its first results, then the same job run again:
    it codes only the rest (with ``--parquet``, the partitions the dead run wrote are linked, not
    coded again), and the database is the clean run's."""
    db = tmp_path / "k.duckdb"
    parts = tmp_path / "parts" if parquet else None
    client = PausedClient(address, inputs, db, tmp_path, parts)
    try:
        client.kill()
    finally:
        client.close()
    merged = stored_articles(db)
    assert 0 < merged < CODED
    leftovers = (lambda: [d for d in (parts / RUNS).iterdir() if d != (parts / PUBLISHED).resolve()]) if parts \
        else (lambda: list(tmp_path.glob("steppe-parts-k.duckdb-*")))
    assert leftovers()  # the dead run's partitions
    with distributed.Client(address, timeout="30s") as dask_client:
        # a task the dead client left running writes into the dead run's folder, never into this
        # run's; it may do so after this run removed that folder (the run after removes it again):
        # waiting for them here keeps the check of what is left exact
        assert wait_for(lambda: not any(dask_client.processing().values()), 30)
        sent = count_submits(dask_client)
        summary = code(dask_client, db, inputs, parquet=parts and str(parts))
    assert (summary.unchanged, summary.articles) == (merged, CODED - merged)
    assert_identical(db, reference)
    assert not leftovers()  # removed by the run after
    if parts is not None:
        planned = len(list((parts / "reads").glob("part-*.parquet")))
        assert len(sent) < planned  # at least the partitions merged before the kill are not coded again
        assert_published_is_the_run(parts, db)


def assert_published_is_the_run(parts: Path, db: Path) -> None:
    """The published partitions hold every article and event the database stores."""
    import pyarrow.parquet as pq

    def rows(table):
        return [r for f in sorted((parts / table).glob("part-*.parquet")) for r in pq.read_table(f).to_pylist()]

    coded = {(r["article_id"], r["content_hash"]) for r in rows("articles")}  # as coded: a repeated id's text too
    with Store(str(db), read_only=True) as store:
        stored = set(store.con.execute("SELECT article_id, content_hash FROM articles").fetchall())
        events = {r[0] for r in store.con.execute("SELECT event_id FROM events").fetchall()}
    assert stored <= coded and events <= {r["event_id"] for r in rows("events")}


def scheduler_lost_run(address: str, kill, resume_address: str, inputs, reference, tmp_path: Path,
                       paused: bool = True) -> None:
    """The scheduler dies while the client is paused after its first results: `steppe code`
    says so in one line and exits with status 1 (``paused``; else a Job in this process raises
    the same one-line error); the same job on a running cluster resumes it, and the database is
    the clean run's."""
    db = tmp_path / "s.duckdb"
    if paused:
        client = PausedClient(address, inputs, db, tmp_path)
        try:
            kill()
            status, err = client.resume()
        finally:
            client.close()
        assert status == 1 and err.splitlines() == [f"steppe code: error: {LOST.format(address)}"], err
    else:
        def at_pause(progress):
            if progress.done >= PAUSE_AFTER:
                kill()

        with pytest.raises(SteppeError) as lost:
            code(address, db, inputs, at_pause)
        # closed in this process, the loss can show as a closed connection or a cancelled wait
        assert re.fullmatch(re.escape(LOST.format(address)).replace(
            re.escape("(the connection to the scheduler was lost)"), r"\([^\n]+\)"), str(lost.value))
    merged = stored_articles(db)
    assert 0 < merged < CODED
    summary = code(resume_address, db, inputs)
    assert (summary.unchanged, summary.articles) == (merged, CODED - merged)
    assert_identical(db, reference)


# -- on a LocalCluster (its worker kill last, below: the nanny's new worker loads the model again) ------
def test_local_cluster_client_killed(local_cluster, inputs, reference, tmp_path):
    client_killed_run(local_cluster.scheduler_address, inputs, reference, tmp_path)


def test_local_cluster_scheduler_killed(local_cluster, inputs, reference, tmp_path):
    doomed = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, host="127.0.0.1",
                                      protocol="tcp", dashboard_address="127.0.0.1:0", silence_logs=50)
    try:
        scheduler_lost_run(doomed.scheduler_address, doomed.close, local_cluster.scheduler_address, inputs,
                           reference, tmp_path, paused=False)
    finally:
        doomed.close()


# -- `dask scheduler` and `dask worker` processes ------------------------------------------------------
class Processes:
    """A `dask scheduler` and a `dask worker` (with its nanny) on 127.0.0.1, output discarded."""

    def __init__(self, cwd: Path, nworkers: int) -> None:
        port = free_port()
        self.address = f"tcp://127.0.0.1:{port}"
        quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=child_env(), cwd=cwd)
        self.scheduler = subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                           "--dashboard-address", "127.0.0.1:0"], **quiet)
        self.procs = [self.scheduler]
        try:
            assert wait_for(lambda: listening(port), 30), "the scheduler did not listen"
            self.procs.append(subprocess.Popen([str(DASK), "worker", self.address, "--nworkers", str(nworkers),
                                                "--nthreads", "1", "--host", "127.0.0.1",
                                                "--dashboard-address", "127.0.0.1:0"], **quiet))
            with distributed.Client(self.address, timeout="30s") as client:
                client.wait_for_workers(nworkers, timeout=60)
        except BaseException:
            self.close()
            raise

    @property
    def alive(self) -> bool:
        return self.scheduler.poll() is None

    def kill_scheduler(self) -> None:
        self.scheduler.send_signal(signal.SIGKILL)
        self.scheduler.wait(10)

    def close(self) -> None:
        for p in self.procs:
            if p.poll() is None:
                p.kill()
            p.wait(10)


@pytest.fixture(scope="module")
def cluster_processes(tmp_path_factory):
    """A function giving the module's scheduler and workers, started anew if a test killed them."""
    if not DASK.exists():
        pytest.skip("the dask command is not installed")
    started: list[Processes] = []

    def get() -> Processes:
        if not started or not started[-1].alive:
            started.append(Processes(tmp_path_factory.mktemp("dask"), nworkers=2))
        return started[-1]

    yield get
    for cluster in started:
        cluster.close()


def test_processes_client_killed_with_parquet(cluster_processes, inputs, reference, tmp_path):
    client_killed_run(cluster_processes().address, inputs, reference, tmp_path, parquet=True)


def test_processes_worker_killed(cluster_processes, inputs, reference, tmp_path):
    worker_killed_run(cluster_processes().address, inputs, reference, tmp_path)


def test_processes_scheduler_killed(cluster_processes, local_cluster, inputs, reference, tmp_path):
    """The scheduler process killed: the resumed run goes to another cluster (any will do)."""
    doomed = cluster_processes()
    scheduler_lost_run(doomed.address, doomed.kill_scheduler, local_cluster.scheduler_address, inputs, reference,
                       tmp_path)


# -- the LocalCluster's worker kill ---------------------------------------------------------------------
def test_local_cluster_worker_killed(local_cluster, inputs, reference, tmp_path):
    worker_killed_run(local_cluster.scheduler_address, inputs, reference, tmp_path)
