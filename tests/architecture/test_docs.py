"""docs/architecture.md stays true: every path it names exists, every dotted steppe name it
uses resolves, and every module of the flow it describes is named."""
import importlib
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")


def test_every_path_named_exists():
    paths = set(re.findall(r"`((?:steppe|tests)/[\w/.]*)`", DOC))
    assert len(paths) > 40  # the doc is read
    missing = sorted(p for p in paths if not (REPO / p).exists())
    assert missing == []


def test_every_dotted_name_resolves():
    names = set(re.findall(r"`(steppe(?:\.\w+)+)`", DOC)) - {"steppe.toml"}  # the config file
    assert "steppe.registry.export_formats" in names
    for name in sorted(names):
        module, attr = name, None
        while True:
            try:
                obj = importlib.import_module(module)
                break
            except ModuleNotFoundError:
                module, _, tail = module.rpartition(".")
                attr = tail if attr is None else f"{tail}.{attr}"
        for part in (attr.split(".") if attr else ()):
            obj = getattr(obj, part)


def test_the_names_in_code_spans_exist():
    from steppe.config import Settings
    from steppe.fingerprint import CODING_FIELDS  # noqa: F401
    from steppe.ingest import boundary
    from steppe.cli import EXTENSIONS  # noqa: F401

    for source in ("Paths", "JsonlRange", "Objects", "Body"):
        assert f"`{source}`" in DOC and hasattr(boundary, source)
    assert hasattr(Settings, "problem") and "`Settings.problem`" in DOC


def test_the_flow_modules_are_all_described():
    for module in ("steppe/job.py", "steppe/ingest/boundary.py", "steppe/store/rows.py", "steppe/registry.py",
                   "steppe/runner.py", "steppe/scale/dask_runner.py", "steppe/api/state.py"):
        assert f"`{module}`" in DOC, module
