"""Exports written by DuckDB's COPY are byte for byte what the row-by-row writers wrote before
(issue 19): CSV as pyarrow's CSV writer (quoting "needed") wrote it, text lines as Python joined
them. Hand-built records with the awkward values (quotes, commas, line breaks, empty strings,
unicode, NULLs, integers and tiny or huge doubles, negative zero), no model."""
import dataclasses
import io
import math
import random
import struct

import duckdb
import pyarrow as pa
import pyarrow.csv as pcsv
import pytest

from steppe.records import Place
from steppe.store import Store, export
from steppe.store import export as export_module
from steppe.store import projections as pj
from tests.factories import ALMATY, event, result


def _awkward_store():
    store = Store(":memory:")
    odd = Place('Al "maty", north\nside', "Almaty, \"north\"", "KAZ", "", -0.0, 1e-7, "city", 1526384)
    huge = dataclasses.replace(ALMATY, lat=12345678901.5, lon=-0.000015)
    store.write([
        result("a1", events=[event("e1", "a1", place=odd, evidence='He said "no", then left.\r\nAgain.',
                                   confidence=0.1 + 0.2, goldstein=-0.0),
                             event("e2", "a1", tgt=None, date="--03-03", sentence_index=1, place=huge,
                                   evidence="Ünïcode — ok", goldstein=1e10, trigger="")],
               date="2001-09-24", source="Inter,fax"),
        result("a2", events=[event("e3", "a2", date=None, goldstein=3.4, confidence=1.0, plover=None, mode=None),
                             event("e4", "a2", date="2001", src="IGOUNO", place=ALMATY, goldstein=123456.789)],
               date="2001-09-25", url="https://www.reuters.com/x"),
    ])
    return store


def _pyarrow_csv(store, path, **kw):
    """The CSV export through pyarrow's writer (the way it was written before)."""
    orig = pj.csv_columns
    try:
        pj.csv_columns = lambda columns: None
        return export(store, "csv", str(path), **kw)
    finally:
        pj.csv_columns = orig


@pytest.mark.parametrize("kw", [{}, {"dedup": True}, {"actor": "KAZGOV"}, {"actor": "NOBODY"}])
def test_csv_by_copy_is_byte_identical_to_pyarrows_writer(tmp_path, kw):
    store = _awkward_store()
    n_new = export(store, "csv", str(tmp_path / "new.csv"), **kw)
    n_old = _pyarrow_csv(store, tmp_path / "old.csv", **kw)
    new, old = (tmp_path / "new.csv").read_bytes(), (tmp_path / "old.csv").read_bytes()
    assert n_new == n_old and new == old
    if kw.get("actor") == "NOBODY":
        assert n_new == 0 and new == b""
    else:
        assert new.count(b'"He said ""no"", then left.\r\nAgain."') == 1
        assert b",-0," in new and b",1e-7," in new and b",1e+10," in new


def test_doubles_print_as_arrow_prints_them():
    """arrow_double_sql against pyarrow's CSV writer on doubles of every size, and bit patterns."""
    rng = random.Random(19)
    vals = [0.0, -0.0, math.nan, math.inf, -math.inf, None, 5e-324, 1.7976931348623157e308, 1e-7, 1e-6, 1e-4,
            9.99999e-5, 1e10, 9999999999.0, 1e16, 2.5e15, 0.1, 100.0, -5.0, 0.72, 76.9115]
    for _ in range(20000):
        r = rng.random()
        if r < 0.4:
            vals.append(round(rng.uniform(-180, 180), rng.randint(0, 6)))
        elif r < 0.7:
            vals.append(rng.uniform(-1, 1) * 10 ** rng.randint(-30, 30))
        else:
            vals.append(struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0])
    table = pa.table({"d": pa.array(vals, pa.float64())})
    buf = io.BytesIO()
    pcsv.write_csv(table, buf, write_options=pcsv.WriteOptions(include_header=False))
    expected = buf.getvalue().decode().split("\n")[:-1]
    con = duckdb.connect()
    con.register("t", table)
    got = [r[0] or "" for r in con.execute(f"SELECT {pj.arrow_double_sql('d')} FROM t").fetchall()]
    assert got == expected


@pytest.mark.parametrize("fmt", ["jsonl", "gdelt", "icews", "plover"])
def test_text_lines_by_copy_are_the_lines_of_the_query(tmp_path, fmt):
    """COPY writes each line as it is (no quotes added, no escapes), one per row, in order."""
    store = _awkward_store()
    n = export(store, fmt, str(tmp_path / f"x.{fmt}"))
    text = (tmp_path / f"x.{fmt}").read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[-1] == "" and len(lines) - 1 == n + (1 if fmt == "icews" else 0)
    if fmt in ("jsonl", "plover"):
        import json

        docs = [json.loads(x) for x in lines[:-1]]
        field = "text" if fmt == "plover" else "evidence"
        assert 'He said "no", then left.\r\nAgain.' in [d[field] for d in docs]
    else:
        assert all(x.count("\t") == (60 if fmt == "gdelt" else 19) for x in lines[:-1])
