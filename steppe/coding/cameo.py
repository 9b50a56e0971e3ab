"""The CAMEO 1.1b3 event codebook: names, Goldstein values, quad classes and PLOVER types.

Data lives in ``steppe/data/cameo.tsv``; ``load_cameo_table()`` reads and validates it once.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.resources import files
from types import MappingProxyType
from typing import Iterator, Mapping

_HEADER = ("code", "name", "goldstein", "quad_class", "plover_type", "plover_mode")
_CODE_RE = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$")
_PLOVER_TYPE_RE = re.compile(r"^[A-Z]+$")


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


def is_violent(code: str) -> bool:
    """Physical violence: the roots 18-20 (assault, fight, mass violence) and 175 (repression by
    force), which one act told in several words may be coded as by who acts on whom."""
    return code[:2] in ("18", "19", "20") or code.startswith("175")


def quad_class_for_root(root: str) -> int:
    """Quad class of a CAMEO root: 1 verbal coop (01-05), 2 material coop (06-09),
    3 verbal conflict (10-14), 4 material conflict (15-20)."""
    r = int(root)
    if not 1 <= r <= 20:
        raise ValueError(f"not a CAMEO root: {root!r}")
    return 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4


class CameoTable:
    """Immutable lookup of CAMEO codes (strings with leading zeros, e.g. "0311")."""

    __slots__ = ("_by_code",)

    def __init__(self, codes: Mapping[str, CameoCode] | list[CameoCode] | tuple[CameoCode, ...]):
        items = codes.values() if isinstance(codes, Mapping) else codes
        by_code = {c.code: c for c in sorted(items, key=lambda c: c.code)}
        object.__setattr__(self, "_by_code", MappingProxyType(by_code))

    def __setattr__(self, name, value):
        raise AttributeError("CameoTable is immutable")

    def get(self, code: str) -> CameoCode:
        try:
            return self._by_code[code]
        except (KeyError, TypeError):
            raise KeyError(f"unknown CAMEO code: {code!r}") from None

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._by_code

    def __iter__(self) -> Iterator[CameoCode]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def __repr__(self) -> str:
        return f"CameoTable({len(self)} codes)"


def _parse_row(fields: list[str], where: str) -> CameoCode:
    if len(fields) != len(_HEADER):
        raise ValueError(f"{where}: expected {len(_HEADER)} tab-separated fields, got {len(fields)}")
    code, name, goldstein_s, quad_s, ptype, pmode = fields
    if not _CODE_RE.match(code):
        raise ValueError(f"{where}: bad CAMEO code {code!r}")
    if not name.strip():
        raise ValueError(f"{where}: empty name for code {code!r}")
    try:
        goldstein = float(goldstein_s)
    except ValueError:
        raise ValueError(f"{where}: bad goldstein value {goldstein_s!r}") from None
    if not -10.0 <= goldstein <= 10.0:
        raise ValueError(f"{where}: goldstein {goldstein} outside -10..10")
    try:
        quad = int(quad_s)
    except ValueError:
        raise ValueError(f"{where}: bad quad_class {quad_s!r}") from None
    if quad != quad_class_for_root(code[:2]):
        raise ValueError(f"{where}: quad_class {quad} does not match root {code[:2]}")
    if ptype and not _PLOVER_TYPE_RE.match(ptype):
        raise ValueError(f"{where}: bad plover_type {ptype!r}")
    if pmode and not ptype:
        raise ValueError(f"{where}: plover_mode {pmode!r} without plover_type")
    return CameoCode(code, name, goldstein, quad, ptype or None, pmode or None)


@functools.lru_cache(maxsize=1)
def load_cameo_table() -> CameoTable:
    """Read and validate the packaged CAMEO codebook (cached)."""
    resource = files("steppe") / "data" / "cameo.tsv"
    text = resource.read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or tuple(lines[0].split("\t")) != _HEADER:
        raise ValueError(f"cameo.tsv line 1: expected header {_HEADER!r} (tab-separated)")
    codes: dict[str, CameoCode] = {}
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        row = _parse_row(line.split("\t"), f"cameo.tsv line {lineno}")
        if row.code in codes:
            raise ValueError(f"cameo.tsv line {lineno}: duplicate code {row.code!r}")
        codes[row.code] = row
    for c in codes.values():
        parent = c.code[:-1] if len(c.code) == 4 else c.code[:2]
        if len(c.code) > 2 and parent not in codes:
            raise ValueError(f"cameo.tsv: code {c.code!r} has no parent {parent!r}")
    return CameoTable(codes)
