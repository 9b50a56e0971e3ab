"""The folders of Dask runs under a partition folder DIR (``steppe code --scheduler``): each run
writes its partitions into ``DIR/.runs/<run id>/`` and, with ``--parquet``, publishes them in one
step when its merge is done (``publish``); what earlier runs left there can be found again
(``earlier_partitions``: a resumed run reuses what they coded the same). Without ``--parquet``, a
run's partitions go to a temporary folder next to the database (``partition_folder``).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Optional

from steppe.store.partitions import TABLES, complete_partitions, read_partition_rows

RUNS = ".runs"  # under the partition folder: each run writes into RUNS/<run id>/ until it is published
PUBLISHED = ".published"  # a link to the published run's folder; DIR/<table> link to PUBLISHED/<table>


def published_run(out_dir: Path) -> Optional[Path]:
    """The folder of the run whose partitions ``out_dir`` shows (None before the first)."""
    pointer = out_dir / PUBLISHED
    return pointer.resolve() if pointer.is_symlink() else None


def publish(run_dir: Path, out_dir: Path) -> None:
    """Make the run's partitions the folder's in one step: ``DIR/<table>`` are links to
    ``DIR/.published/<table>`` and ``DIR/.published`` a link to the published run's folder, which
    one rename replaces, so a reader (or a client killed while publishing) sees one run's
    partitions, all of them, never a mix. The earlier run's folder is removed after. A task of a
    dead run writes into its own run folder, which is never published, so it cannot land among
    these."""
    for name in TABLES:
        (run_dir / name).mkdir(parents=True, exist_ok=True)
    _link_tables(out_dir)
    before = published_run(out_dir)
    _point(out_dir, run_dir)  # the one step
    for name in TABLES:  # the first publication in this folder: its links
        if not (out_dir / name).is_symlink():
            os.symlink(os.path.join(PUBLISHED, name), out_dir / name, target_is_directory=True)
    if before is not None and before != run_dir.resolve():
        shutil.rmtree(before, ignore_errors=True)


def _point(out_dir: Path, folder: Path) -> None:
    """``DIR/.published`` made a link to ``folder`` by one rename."""
    swap = out_dir / f"{PUBLISHED}-{folder.name}"
    if swap.is_symlink():
        swap.unlink()
    os.symlink(os.path.relpath(folder, out_dir), swap, target_is_directory=True)
    os.replace(swap, out_dir / PUBLISHED)


def _link_tables(out_dir: Path) -> None:
    """A folder published by an older steppe holds the table folders themselves: they are moved
    into a run folder of their own and shown through the links like any run's. One table at a
    time: a table can be missing for that moment (or, after a kill there, until the next run),
    never shown from another run."""
    legacy = [name for name in TABLES if (out_dir / name).is_dir() and not (out_dir / name).is_symlink()]
    if not legacy:
        return
    shown = published_run(out_dir)
    if shown is None:
        shown = out_dir / RUNS / "published-before-links"
        shown.mkdir(parents=True, exist_ok=True)
        _point(out_dir, shown)
    for name in legacy:
        os.replace(out_dir / name, shown / name)
        os.symlink(os.path.join(PUBLISHED, name), out_dir / name, target_is_directory=True)


def earlier_partitions(out_dir: Path, run_dir: Path) -> dict[tuple, list[tuple[Path, str]]]:
    """The complete partitions earlier runs left in ``out_dir``: the published ones, and those in
    the folders of runs that died before publishing (a killed client, a lost scheduler), by
    their ``reads`` (every input item of the partition, with its text's hash): the published
    ones first, then the dead runs' in folder order."""
    found: dict[tuple, list[tuple[Path, str]]] = {}
    shown = published_run(out_dir)  # read through out_dir's links
    runs = sorted(d for d in (out_dir / RUNS).glob("*") if d.is_dir() and d not in (run_dir, shown))
    for folder in [out_dir, *runs]:
        for name in complete_partitions(folder):
            key = tuple(tuple(r.values()) for r in read_partition_rows(str(folder), name, "reads"))
            found.setdefault(key, []).append((folder, name))
    return found


def partition_folder(store) -> str:
    """A new temporary folder for a run's partitions without ``--parquet``: next to the database
    (inputs and partitions must be reachable by the workers), named after it. Those of this
    database's earlier runs that were killed before removing theirs are removed first: the
    database is open for writing here, so no other run of it is alive."""
    if store is None or store.path == ":memory:":
        return tempfile.mkdtemp(prefix="steppe-parts-")
    db = Path(store.path).resolve()
    prefix = f"steppe-parts-{db.name}-"
    for stale in db.parent.glob(prefix + "?" * 8):  # mkdtemp's 8 characters
        shutil.rmtree(stale, ignore_errors=True)
    return tempfile.mkdtemp(prefix=prefix, dir=db.parent)


__all__ = ["PUBLISHED", "RUNS", "earlier_partitions", "partition_folder", "publish", "published_run"]
