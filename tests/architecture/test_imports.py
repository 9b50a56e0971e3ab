"""The flow is one-directional: no module of steppe imports, directly or through others, a
module that imports it back (lazy imports inside functions count), and the layers named in
docs/architecture.md import only downwards."""
import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PKG = REPO / "steppe"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PKG.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                # "from steppe.store import rows" imports steppe.store.rows when that is a module
                targets = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in modules else node.module
                           for a in node.names]
            for t in targets:
                # the root package's face (``from steppe import __version__``) is no layer
                if t in modules and t != name and t != "steppe":
                    graph[name].add(t)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles():
    graph = import_graph()
    assert graph["steppe.api.app"] and graph["steppe.coding.user_verbs"]  # the graph is read
    assert cycles(graph) == []


def test_cycles_are_found_when_there_are_some():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


# lower layers never import higher ones (package and module prefixes, lowest first)
LAYERS = [
    ("steppe.errors", "steppe.records", "steppe.filters"),
    ("steppe.config",),
    ("steppe.ingest", "steppe.nlp", "steppe.dates"),
    ("steppe.fingerprint", "steppe.actors", "steppe.places"),
    ("steppe.coding",),
    ("steppe.pipeline", "steppe.store", "steppe.runner"),
    ("steppe.scale",),
    ("steppe.job",),
]


def layer_of(module: str):
    for i, names in enumerate(LAYERS):
        if any(module == n or module.startswith(n + ".") for n in names):
            return i
    return None


def test_layers_import_only_downwards():
    upward = []
    for mod, deps in import_graph().items():
        here = layer_of(mod)
        for dep in deps:
            there = layer_of(dep)
            if here is not None and there is not None and there > here:
                upward.append(f"{mod} -> {dep}")
    assert upward == []
