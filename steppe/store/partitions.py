"""Parquet partitions of a Dask run (``steppe code --scheduler``): written by the workers through
``write_partition``, read back by the client, and queried in place (``parquet_store``, for
`steppe events --parquet DIR`). Their columns are the store's own (``steppe.store.rows``, types
from the migrations), so the store stays the one place that decides rows and runs SQL.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from steppe.errors import SteppeError
from steppe.store.rows import ARTICLE_COLUMNS, EVENT_COLUMNS

TABLES = ("reads", "articles", "sentences", "events", "places", "skipped")

_S = pa.string()
_OWN_SCHEMAS = {
    "reads": pa.schema([("kind", _S), ("article_id", _S), ("content_hash", _S), ("origin", _S), ("reason", _S)]),
    "skipped": pa.schema([("origin", _S), ("reason", _S), ("article_id", _S)]),
}
_STORE_COLUMNS = {  # None: every column of the store's table
    "articles": [c for c in ARTICLE_COLUMNS if c != "coded_at"],  # coded_at: when the store writes it
    "sentences": None,
    "events": EVENT_COLUMNS,
    "places": None,
}


@functools.lru_cache(maxsize=1)
def schemas() -> dict[str, pa.Schema]:
    """Parquet schemas: the store's own column types (from its migrations), so the partitions
    follow the events table as it grows; events also carry the actors' kinds."""
    from steppe.store import Store

    out = dict(_OWN_SCHEMAS)
    with Store(":memory:") as store:
        for name, cols in _STORE_COLUMNS.items():
            sql = f"SELECT {', '.join(cols) if cols else '*'} FROM {name} LIMIT 0"
            out[name] = store.con.sql(sql).to_arrow_table().schema
    out["events"] = out["events"].append(pa.field("source_kind", _S)).append(pa.field("target_kind", _S))
    return out


def write_partition(out_dir: str, part_name: str, tables: dict[str, list[dict[str, Any]]]) -> None:
    """One Parquet file per table for the partition ``part_name`` under ``out_dir``, each
    written aside and renamed into place (a reader never sees half a file)."""
    for name in TABLES:
        folder = Path(out_dir) / name
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{part_name}.parquet.tmp"
        pq.write_table(pa.Table.from_pylist(tables[name], schema=schemas()[name]), tmp)
        os.replace(tmp, folder / f"{part_name}.parquet")


def read_partition_rows(out_dir: str, part_name: str, table: str) -> list[dict[str, Any]]:
    return pq.read_table(Path(out_dir) / table / f"{part_name}.parquet").to_pylist()


def complete_partitions(out_dir: Path) -> list[str]:
    """Names of the partitions under ``out_dir`` that have all their tables (each file is renamed
    into place whole, so a partition with every table is complete), in name order."""
    names = None
    for name in TABLES:
        here = {f.name[:-len(".parquet")] for f in (out_dir / name).glob("part-*.parquet")}
        names = here if names is None else names & here
    return sorted(names or ())


def copy_partition(src_dir: Path, src_name: str, dst_dir: Path, dst_name: str) -> None:
    """The files of partition ``src_name`` under ``src_dir`` as partition ``dst_name`` under
    ``dst_dir``: hard links where the file system allows (the files never change once written),
    else copies; each made aside and renamed into place."""
    import shutil

    for name in TABLES:
        src = src_dir / name / f"{src_name}.parquet"
        folder = dst_dir / name
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{dst_name}.parquet.tmp"
        tmp.unlink(missing_ok=True)
        try:
            os.link(src, tmp)
        except OSError:
            shutil.copyfile(src, tmp)
        os.replace(tmp, folder / f"{dst_name}.parquet")


def parquet_store(parquet_dir: str):
    """An in-memory Store whose events, articles, sentences and places tables are views over the
    Parquet partitions in ``parquet_dir`` (as coded: duplicates across partitions not resolved)."""
    from steppe.store import Store
    from steppe.store.groups import date_start_sql, news_source_sql

    folder = Path(parquet_dir)
    if not (folder / "events").is_dir():
        raise SteppeError(f"{parquet_dir} holds no events/ partitions (written by `steppe code --scheduler`)")
    store = Store(":memory:")
    cols = {"events": EVENT_COLUMNS, "articles": None, "sentences": None, "places": None}
    for name, columns in cols.items():
        files = sorted((folder / name).glob("part-*.parquet"))
        if not files:
            continue
        listing = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
        select = ", ".join(columns) if columns else "*"
        if name == "events":
            select += f", {date_start_sql('date')} AS date_start"
        if name == "articles":
            select = f"*, NULL::TIMESTAMP AS coded_at, {news_source_sql('p')} AS news_source"
        store.con.execute(f"DROP TABLE {name}")
        store.con.execute(f"CREATE VIEW {name} AS SELECT {select} FROM read_parquet([{listing}]) p")
    store.use_computed_views()  # groups and actor counts computed over the partitions in place
    return store
