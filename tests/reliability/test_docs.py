"""docs/reliability.md names a test for each case; every test it names exists."""
import ast
import re

from tests.conftest import REPO


def test_every_test_named_in_the_reliability_doc_exists():
    doc = (REPO / "docs" / "reliability.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", doc))
    assert len(named) >= 30
    for path, name in sorted(named):
        tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
        defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assert name in defined, f"docs/reliability.md names {path}::{name}, which does not exist"


def test_every_reliability_test_is_in_the_doc():
    doc = (REPO / "docs" / "reliability.md").read_text(encoding="utf-8")
    for path in sorted((REPO / "tests" / "reliability").glob("test_*.py")):
        if path.name == "test_docs.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                ref = f"tests/reliability/{path.name}::{node.name}"
                assert ref in doc, f"{ref} is not listed in docs/reliability.md"
