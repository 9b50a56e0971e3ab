"""GDELT and ICEWS exports written by DuckDB's COPY are byte for byte what the former writer
(lines fetched and joined in Python) wrote (issue 19). Hand-built records with awkward values
(quotes, commas, line breaks, tabs, empty strings, unicode, NULLs, tiny and huge doubles), no model."""
import dataclasses
import importlib

import pytest

from steppe.records import Place
from steppe.store import Store, export
from tests.factories import ALMATY, event, result

export_module = importlib.import_module("steppe.store.export")  # steppe.store.export is also the function


def _awkward_store():
    store = Store(":memory:")
    odd = Place('Al "maty",\tnorth\nside', "Almaty, \"north\"", "KAZ", "", -0.0, 1e-7, "city", 1526384)
    huge = dataclasses.replace(ALMATY, lat=12345678901.5, lon=-0.000015)
    store.write([
        result("a1", events=[event("e1", "a1", place=odd, evidence='He said "no", then left.\r\nAgain.',
                                   confidence=0.1 + 0.2, goldstein=-0.0),
                             event("e2", "a1", tgt=None, date="--03-03", sentence_index=1, place=huge,
                                   evidence="Ünïcode — ok", goldstein=1e10, trigger="")],
               date="2001-09-24", source="Inter,fax"),
        result("a2", events=[event("e3", "a2", date=None, goldstein=3.4, confidence=1.0, plover=None, mode=None),
                             event("e4", "a2", date="2001", src="IGOUNO", place=ALMATY, goldstein=123456.789)],
               date="2001-09-25", url="https://www.reuters.com/x?a=\"1\""),
    ])
    return store


@pytest.mark.parametrize("fmt", ["gdelt", "icews"])
@pytest.mark.parametrize("kw", [{}, {"actor": "KAZGOV"}, {"actor": "NOBODY"}, {"since": "2001"}])
def test_copy_writes_the_bytes_the_python_writer_wrote(tmp_path, monkeypatch, fmt, kw):
    store = _awkward_store()
    n_copy = export(store, fmt, str(tmp_path / "copy.txt"), **kw)
    monkeypatch.setattr(export_module, "COPY_FORMATS", ())
    n_python = export(store, fmt, str(tmp_path / "python.txt"), **kw)
    by_copy, by_python = (tmp_path / "copy.txt").read_bytes(), (tmp_path / "python.txt").read_bytes()
    assert n_copy == n_python and by_copy == by_python
    lines = by_copy.decode("utf-8").split("\n")
    assert lines[-1] == "" and len(lines) - 1 == n_copy + (1 if fmt == "icews" else 0)
    assert all(x.count("\t") == (60 if fmt == "gdelt" else 19) for x in lines[:-1])
    if kw.get("actor") == "NOBODY":
        assert n_copy == 0
    else:  # quotes written as they are, not doubled or escaped
        assert n_copy > 0 and 'Almaty, "north"' in by_copy.decode("utf-8")
