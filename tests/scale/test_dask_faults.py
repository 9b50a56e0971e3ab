"""The Dask path under its own faults (a LocalCluster on 127.0.0.1): each run writes under its
own run id and publishes at the end in one step, so a late task of a dead run never lands in a
later run's folder and a client killed while publishing leaves one run's partitions; a resumed
run sends no partition whose articles are all stored with the same settings, nor with
--parquet one an earlier run coded the same; partitions adapt to the input and the cluster.
(A lost cluster, and kills of every kind: tests/scale/test_dask_kills.py.)"""
import io

import pytest

from steppe.cli import main
from steppe.config import Settings
from steppe.store import Store
from steppe.scale.runs import PUBLISHED, RUNS
from tests.scale.helpers import make_inputs, snapshot

pytestmark = pytest.mark.model


def _cluster(**kw):
    distributed = pytest.importorskip("distributed")
    return distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, host="127.0.0.1", protocol="tcp",
                                    dashboard_address=None, silence_logs=50, **kw)


@pytest.fixture(scope="module")
def cluster():
    with _cluster() as c:
        yield c


def test_partition_size_adapts_to_input_and_cluster():
    from steppe.scale.dask_runner import adaptive_partition_size

    assert adaptive_partition_size(600, 2) == 150  # 4 tasks for 2 workers, not 2 of 500 and 1 of 100
    assert adaptive_partition_size(10, 8) == 1
    assert adaptive_partition_size(1_000_000, 2) == 500  # bounded per task
    assert adaptive_partition_size(0, 2) == 1


def test_a_dead_runs_task_never_lands_in_a_later_run(tmp_path, cluster):
    from steppe.scale.dask_runner import Partition, code_partition

    paths = make_inputs(tmp_path)[:-1]
    parts = tmp_path / "parts"
    settings = Settings(places=False)
    with Store(":memory:") as store:
        from steppe.scale.dask_runner import code_on_cluster

        code_on_cluster(paths, settings, cluster.scheduler_address, store=store, parquet_dir=str(parts),
                        partition_size=2)
    published = sorted(p.name for p in (parts / "events").glob("*.parquet"))
    before = {p.name: p.read_bytes() for p in (parts / "events").glob("*.parquet")}
    # a task of a run whose client was killed finishes late: it writes into its own run folder
    late = Partition(0, "files", paths=(str(tmp_path / "examples" / sorted((tmp_path / "examples").iterdir())[0].name),))
    code_partition(late, settings, str(parts / RUNS / "deadbeef0000"))
    assert sorted(p.name for p in (parts / "events").glob("*.parquet")) == published
    assert {p.name: p.read_bytes() for p in (parts / "events").glob("*.parquet")} == before
    # the next run clears what dead runs left and publishes only its own partitions
    with Store(":memory:") as store:
        code_on_cluster(paths[1:], settings, cluster.scheduler_address, store=store, parquet_dir=str(parts),
                        partition_size=2)
    assert not (parts / RUNS / "deadbeef0000").exists()
    out = io.StringIO()
    assert main(["events", "--parquet", str(parts), "--format", "jsonl"], out=out) == 0
    assert '"article_id": "extra-1"' in out.getvalue() and '"article_id": "airbase-talks"' in out.getvalue()
    assert not any(f'"article_id": "{p.stem}"' in out.getvalue() for p in (tmp_path / "examples").glob("*.txt")
                   if p.stem != "airbase-talks")


def test_resume_sends_no_partition_already_stored(tmp_path, cluster):
    import distributed

    import steppe.scale.dask_runner as dr

    paths = make_inputs(tmp_path)[:-1]
    settings = Settings(places=False)
    sent = []
    with distributed.Client(cluster.scheduler_address) as client, Store(":memory:") as store:
        real = client.submit

        def counting(func, part, *args, **kwargs):
            sent.append(part.index)
            return real(func, part, *args, **kwargs)

        client.submit = counting
        first = dr.code_on_cluster(paths, settings, client, store=store, partition_size=2)
        db = snapshot(store)
        n = len(sent)
        assert first.articles == 6 and n >= 4
        again = dr.code_on_cluster(paths, settings, client, store=store, partition_size=2)
        assert len(sent) == n  # nothing sent: every partition's articles are stored with these settings
        assert (again.articles, again.unchanged) == (0, 6)
        assert [(s.origin, s.reason) for s in again.skipped] == [(s.origin, s.reason) for s in first.skipped]
        assert snapshot(store)["events"] == db["events"]
        other = dr.code_on_cluster(paths, Settings(places=False, min_confidence=0.01), client, store=store,
                                   partition_size=2)
        assert other.articles == 6 and len(sent) > n  # other settings: coded again


def _published(parts) -> dict[str, list[dict]]:
    import pyarrow.parquet as pq

    return {table: [pq.read_table(f).to_pylist() for f in sorted((parts / table).glob("*.parquet"))]
            for table in ("reads", "articles", "sentences", "events", "places", "skipped")}


def test_parquet_resume_codes_only_what_no_earlier_run_coded_the_same(tmp_path, cluster):
    """With --parquet the folder holds the whole run, yet a resumed run codes no partition an
    earlier run coded with the same inputs, texts and settings hash: the published partitions,
    or those of a run that died before publishing (its folder is kept for this). Other
    settings, or --force, code them again."""
    import distributed

    import steppe.scale.dask_runner as dr

    paths = make_inputs(tmp_path)[:-1]
    parts = tmp_path / "parts"
    settings = Settings(places=False)
    sent = []
    with distributed.Client(cluster.scheduler_address) as client:
        real = client.submit

        def counting(func, part, *args, **kwargs):
            sent.append(part.index)
            return real(func, part, *args, **kwargs)

        client.submit = counting

        def run(store, resume=True, on_progress=None, **kw):
            sent.clear()
            summary = dr.code_on_cluster(paths, kw.pop("settings", settings), client, store=store,
                                         parquet_dir=str(parts), partition_size=2, resume=resume,
                                         on_progress=on_progress, **kw)
            return summary, sorted(sent)

        with Store(":memory:") as store:
            first, coded = run(store)
            db, published = snapshot(store), _published(parts)
            assert first.articles == 6 and len(coded) >= 4
            again, none = run(store)
            assert none == [] and (again.articles, again.unchanged) == (0, 6)
            assert _published(parts) == published and snapshot(store)["events"] == db["events"]
            _, all_again = run(store, resume=False)  # --force
            assert all_again == coded and _published(parts) == published
            _, other = run(store, settings=Settings(places=False, min_confidence=0.01))
            assert other == coded  # another settings hash: every partition coded again
        # a run that dies half way (here: its merge fails) leaves its own folder, never published;
        # the next run keeps what it coded, and what it merged is not merged again
        with Store(":memory:") as store:
            def die(progress):
                if progress.done >= 3:
                    raise KeyboardInterrupt

            with pytest.raises(KeyboardInterrupt):
                run(store, on_progress=die)
            assert [p.name for p in (parts / RUNS).iterdir()] and _published(parts) != published
            resumed, recoded = run(store)
            assert len(recoded) < len(coded) and resumed.articles + resumed.unchanged == 6
            assert _published(parts) == published and snapshot(store)["events"] == db["events"]
            assert [d.name for d in (parts / RUNS).iterdir()] == [(parts / PUBLISHED).resolve().name]


def test_publishing_is_one_step_whenever_the_client_dies(tmp_path, cluster, monkeypatch):
    """A client killed while it publishes leaves the folder showing one run's partitions, all of
    them: the earlier run's or its own, never a mix (tried at every file system step of the
    publication). A folder published by an older steppe (the table folders themselves, no links)
    is taken over a table at a time: one may be missing after a kill there, none is another run's."""
    import steppe.scale.dask_runner as dr

    paths = make_inputs(tmp_path)[:-1]
    settings = Settings(places=False)
    tables = ("reads", "articles", "sentences", "events", "places", "skipped")

    def run(parts, store, inputs=paths):
        return dr.code_on_cluster(inputs, settings, cluster.scheduler_address, store=store, parquet_dir=str(parts),
                                  partition_size=2)

    real_replace, real_symlink, publish = dr.os.replace, dr.os.symlink, dr.publish

    def killed_at_every_step(parts, store, inputs, check) -> int:
        """Run until a run gets through: the n-th try dies at the n-th rename or link of its publication."""
        for step in range(1, 40):
            calls = []

            def dying(real):
                def call(*args, **kwargs):
                    calls.append(args)
                    if len(calls) == step:
                        raise KeyboardInterrupt  # the client dies here
                    return real(*args, **kwargs)
                return call

            def dying_publish(run_dir, out_dir):
                monkeypatch.setattr(dr.os, "replace", dying(real_replace))
                monkeypatch.setattr(dr.os, "symlink", dying(real_symlink))
                try:
                    publish(run_dir, out_dir)
                finally:
                    monkeypatch.setattr(dr.os, "replace", real_replace)
                    monkeypatch.setattr(dr.os, "symlink", real_symlink)

            monkeypatch.setattr(dr, "publish", dying_publish)
            try:
                run(parts, store, inputs)
            except KeyboardInterrupt:
                check(_published(parts), step)
                continue
            finally:
                monkeypatch.setattr(dr, "publish", publish)
            return step
        raise AssertionError("never got through")

    with Store(":memory:") as store:
        run(tmp_path / "whole", store)
        whole = _published(tmp_path / "whole")
    parts = tmp_path / "parts"
    with Store(":memory:") as store:
        run(parts, store, paths[1:])
        earlier = _published(parts)
        assert earlier != whole
        for table in tables:  # the layout an older steppe published: the table folders themselves
            real = (parts / table).resolve()
            (parts / table).unlink()
            real.rename(parts / table)
        (parts / PUBLISHED).unlink()

        def taken_over(shown, step):
            assert shown == whole or all(shown[t] in ([], earlier[t]) for t in tables), f"a mix after step {step}"

        assert killed_at_every_step(parts, store, paths, taken_over) > len(tables)
        assert _published(parts) == whole and all((parts / t).is_symlink() for t in tables)

        def one_run(shown, step):
            assert shown in (whole, earlier), f"a mix after step {step}"

        run(parts, store, paths[1:])
        assert _published(parts) == earlier
        assert killed_at_every_step(parts, store, paths, one_run) > 2
        assert _published(parts) == whole
        assert [d.name for d in (parts / RUNS).iterdir()] == [(parts / PUBLISHED).resolve().name]
