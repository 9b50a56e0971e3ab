"""Tests for the packaged CAMEO codebook (steppe/data/cameo.tsv) and its loader."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from steppe.coding.cameo import CameoCode, CameoTable, _parse_row, load_cameo_table

REPO_ROOT = Path(__file__).resolve().parents[2]
PLOVER_TABLE = REPO_ROOT.parent / "shared" / "eval" / "plover-gsr" / "CAMEO2PLOVER-2021.txt"
ROOTS = [f"{i:02d}" for i in range(1, 21)]


@pytest.fixture(scope="module")
def table() -> CameoTable:
    return load_cameo_table()


def _expected_quad(root: str) -> int:
    r = int(root)
    if r <= 5:
        return 1
    if r <= 9:
        return 2
    if r <= 14:
        return 3
    return 4


def test_row_count(table):
    assert 280 <= len(table) <= 330
    assert len(list(table)) == len(table)


def test_all_roots_present(table):
    for root in ROOTS:
        assert root in table, root
        assert table.get(root).name.isupper()


def test_every_code_has_known_root_and_parent(table):
    for c in table:
        assert re.fullmatch(r"\d{2,4}", c.code), c.code
        assert c.root in ROOTS, c.code
        if len(c.code) == 3:
            assert c.root in table, c.code
        elif len(c.code) == 4:
            assert c.code[:3] in table, c.code


def test_every_root_has_its_zero_code(table):
    for root in ROOTS:
        assert root + "0" in table, root


def test_quad_class_and_goldstein_ranges(table):
    for c in table:
        assert c.quad_class == _expected_quad(c.root), c.code
        assert -10.0 <= c.goldstein <= 10.0, c.code


def test_iteration_sorted_and_unique(table):
    codes = [c.code for c in table]
    assert codes == sorted(codes)
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize(
    "code, name_part, goldstein, quad, ptype, pmode",
    [
        ("173", "Arrest", -5.0, 4, "COERCE", "arrest"),  # PLOVER 2021: arrest is a COERCE mode
        ("0311", "Express intent to cooperate economically", 5.2, 1, "AGREE", None),
        ("040", "Consult", 1.0, 1, "CONSULT", None),
        ("1041", "Demand change in leadership", -5.0, 3, "REQUEST", "change"),
        ("190", "Use conventional military force", -10.0, 4, "ASSAULT", None),
        ("01", "MAKE PUBLIC STATEMENT", 0.0, 1, None, None),
        ("02", "APPEAL", 3.0, 1, None, None),
        ("0214", "Appeal for intelligence", 3.4, 1, None, None),
        ("1721", "Impose restrictions on political freedoms", -5.0, 4, "COERCE", "restrict"),
        ("2042", "Detonate nuclear weapons", -10.0, 4, "ASSAULT", "unconventional"),
    ],
)
def test_exact_rows(table, code, name_part, goldstein, quad, ptype, pmode):
    c = table.get(code)
    assert name_part in c.name
    assert c.goldstein == goldstein
    assert c.quad_class == quad
    assert c.plover_type == ptype
    assert c.plover_mode == pmode
    assert c.root == code[:2]


@pytest.mark.parametrize(
    "code, goldstein",
    [
        ("010", 0.0), ("020", 3.0), ("036", 4.0), ("040", 1.0), ("042", 1.9), ("043", 2.8),
        ("051", 3.4), ("057", 8.0), ("061", 6.4), ("070", 7.0), ("0874", 10.0), ("111", -2.0),
        ("112", -2.0), ("120", -4.0), ("130", -4.4), ("138", -7.0), ("140", -6.5), ("141", -6.5),
        ("160", -4.0), ("163", -8.0), ("172", -5.0), ("173", -5.0), ("174", -5.0), ("175", -9.0),
        ("180", -9.0), ("181", -9.0), ("183", -10.0), ("190", -10.0), ("193", -10.0),
        ("195", -10.0), ("200", -10.0),
    ],
)
def test_published_goldstein_values(table, code, goldstein):
    assert table.get(code).goldstein == goldstein


def test_roots_take_their_zero_code_goldstein_except_13(table):
    # The published CAMEO/GDELT Goldstein table gives every root the value of its
    # "x0" code, except root 13 (THREATEN) which is listed as -6.0 while 130 is -4.4.
    for root in ROOTS:
        if root == "13":
            assert table.get(root).goldstein == -6.0
        else:
            assert table.get(root).goldstein == table.get(root + "0").goldstein, root


def _read_plover_table(path: Path) -> dict[str, tuple[str, str | None]]:
    """code -> (type, mode); the first entry wins when a code is listed twice."""
    out: dict[str, tuple[str, str | None]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):(.*)$", line)
        if not m:
            continue
        fields = [f.strip() for f in m.group(2).split("#", 1)[0].split(",")]
        mode = fields[1] if len(fields) > 1 and fields[1] else None
        out.setdefault(m.group(1), (fields[0], mode))
    return out


@pytest.mark.skipif(not PLOVER_TABLE.exists(), reason=f"CAMEO->PLOVER 2021 table not found at {PLOVER_TABLE}")
def test_plover_types_match_published_table(table):
    listed = _read_plover_table(PLOVER_TABLE)
    assert len(listed) > 250
    for code, (ptype, pmode) in listed.items():
        assert code in table, f"{code} listed in CAMEO2PLOVER-2021 but missing from cameo.tsv"
        c = table.get(code)
        assert c.plover_type == ptype, code
        assert c.plover_mode == pmode, code


@pytest.mark.skipif(not PLOVER_TABLE.exists(), reason=f"CAMEO->PLOVER 2021 table not found at {PLOVER_TABLE}")
def test_unlisted_codes_inherit_from_nearest_listed_parent(table):
    listed = _read_plover_table(PLOVER_TABLE)
    for c in table:
        if c.code in listed:
            continue
        chain = ([c.code[:3]] if len(c.code) == 4 else []) + ([c.root] if len(c.code) > 2 else [])
        parent = next((p for p in chain if p in listed), None)
        expected = listed[parent] if parent else (None, None)
        assert (c.plover_type, c.plover_mode) == expected, c.code


def test_statements_and_appeals_have_no_plover_type(table):
    for c in table:
        if c.root in ("01", "02"):
            assert c.plover_type is None and c.plover_mode is None, c.code


def test_unknown_code_raises_keyerror_naming_it(table):
    with pytest.raises(KeyError, match="9999"):
        table.get("9999")
    assert "9999" not in table
    assert 173 not in table  # codes are strings


def test_loader_is_cached():
    assert load_cameo_table() is load_cameo_table()


def test_table_is_immutable(table):
    with pytest.raises(AttributeError):
        table._by_code = {}
    with pytest.raises(TypeError):
        table._by_code["999"] = None  # read-only mapping
    with pytest.raises(Exception):
        table.get("173").goldstein = 0.0  # frozen dataclass


@pytest.mark.parametrize(
    "fields",
    [
        ["173", "Arrest", "-5.0", "4", "COERCE"],  # too few fields
        ["21", "Bogus root", "0.0", "4", "", ""],
        ["173", "", "-5.0", "4", "COERCE", "arrest"],
        ["173", "Arrest", "abc", "4", "COERCE", "arrest"],
        ["173", "Arrest", "-11.0", "4", "COERCE", "arrest"],
        ["173", "Arrest", "-5.0", "3", "COERCE", "arrest"],  # wrong quad for root 17
        ["173", "Arrest", "-5.0", "4", "coerce", "arrest"],
        ["173", "Arrest", "-5.0", "4", "", "arrest"],  # mode without type
    ],
)
def test_bad_rows_raise_valueerror_naming_the_line(fields):
    with pytest.raises(ValueError, match="line 7"):
        _parse_row(fields, "cameo.tsv line 7")


def test_good_row_parses():
    assert _parse_row(["0311", "X", "5.2", "1", "AGREE", ""], "l") == CameoCode(
        "0311", "X", 5.2, 1, "AGREE", None
    )
