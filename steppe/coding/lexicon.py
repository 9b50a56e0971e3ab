"""Loaders for the coding data files: verb and noun patterns, word classes, modality, intent."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Iterator

from steppe.coding.cameo import load_cameo_table

# The code of a sense that is no event at all ("committed crimes", "demonstrated his willingness"),
# as PETRARCH's [---]: the row stops the lemma's other rows from matching.
NO_EVENT = "---"
_CONDITION_KINDS = {"prt", "prep", "obj", "head", "xcomp", "pred", "pobj", "sub", "gov", "subj", "purpose", "that"}
_FLAGS = {"passive", "active", "posstarget", "victim", "alone"}
MODALITY_CLASSES = {"directive", "decision", "demand", "desire", "intent", "belief", "inference", "speech", "announce", "claim", "denial", "hypothetical", "future", "conditional"}


@dataclass(frozen=True)
class Condition:
    kind: str  # prt | prep | obj | head | xcomp | pred | pobj | sub | gov | subj | purpose | a flag (passive, active, alone, ...)
    value: str = ""  # a lemma, or @class

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}" if self.value else self.kind


@dataclass(frozen=True)
class Pattern:
    lemma: str
    conditions: tuple[Condition, ...]
    code: str
    line: int  # line in the data file (for explanations)
    source_file: str

    def describe(self) -> str:
        cond = " ".join(str(c) for c in self.conditions)
        where = f"{self.source_file}:{self.line}" if self.line else self.source_file  # 0: built in
        return f"{where} {self.lemma}{' ' + cond if cond else ''} -> {self.code}"


@dataclass(frozen=True)
class ViolenceRule:
    """A row of violence.tsv: a violent act's CAMEO family by its actors' sectors."""

    sources: frozenset[str]  # sectors, "*" any, "-" no actor, "@class" a word class in the text
    targets: frozenset[str]
    code: str
    line: int


@dataclass(frozen=True)
class EntailedAgent:
    """A row of entailed.tsv: the agent an act of ``code`` names by itself."""

    code: str  # CAMEO code prefix
    sector: str
    text: str
    why: str
    when: str  # patient: the act is done to people; noun: named by an event noun


@dataclass(frozen=True)
class CodingLexicon:
    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]
    classes: dict[str, frozenset[str]]
    modality: dict[str, str]
    intent: dict[str, str]
    demand: dict[str, str]
    reject: dict[str, str]
    violence: tuple[ViolenceRule, ...] = ()
    entailed: tuple[EntailedAgent, ...] = ()


def _rows(name: str) -> Iterator[tuple[int, list[str]]]:
    text = (resources.files("steppe") / "data" / "coding" / name).read_text(encoding="utf-8")
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        yield lineno, line.split("\t")


def _parse_conditions(raw: str, where: str, classes: dict[str, frozenset[str]]) -> tuple[Condition, ...]:
    out = []
    for item in raw.split():
        if item in _FLAGS:
            out.append(Condition(item))
            continue
        kind, _, value = item.partition(":")
        if kind not in _CONDITION_KINDS or not value:
            raise ValueError(f"{where}: bad condition {item!r}")
        if value not in ("*", "@named", "@place") and value.startswith("@") and value[1:] not in classes:
            raise ValueError(f"{where}: unknown word class {value!r}")
        out.append(Condition(kind, value))
    return tuple(out)


def _load_patterns(names: tuple[str, ...], classes: dict[str, frozenset[str]]) -> dict[str, tuple[Pattern, ...]]:
    """Patterns from the hand-written file and the files derived from it (``*_wordnet.tsv``: a
    fourth column says where each row came from); a lemma the hand-written file has is never
    taken from a derived one."""
    table = load_cameo_table()
    grouped: dict[str, list[Pattern]] = {}
    hand: set[str] = set()
    for name in names:
        _read_patterns(name, classes, table, grouped, hand)
    # more specific patterns first; file order among equals
    return {k: tuple(sorted(v, key=lambda p: -len(p.conditions))) for k, v in grouped.items()}


def _read_patterns(name, classes, table, grouped, hand) -> None:
    derived = name.endswith("_wordnet.tsv")
    for lineno, fields in _rows(name):
        where = f"{name} line {lineno}"
        if len(fields) != (4 if derived else 3):
            raise ValueError(f"{where}: expected {4 if derived else 3} tab-separated fields, got {len(fields)}")
        lemma, cond, code = (f.strip() for f in fields[:3])
        if derived and lemma in hand:
            continue
        if not derived:
            hand.add(lemma)
        if code not in table and code != NO_EVENT:
            raise ValueError(f"{where}: unknown CAMEO code {code!r}")
        pat = Pattern(lemma, _parse_conditions(cond, where, classes), code, lineno, name)
        grouped.setdefault(lemma, []).append(pat)


@functools.lru_cache(maxsize=1)
def load_coding_lexicon() -> CodingLexicon:
    classes: dict[str, frozenset[str]] = {}
    for lineno, fields in _rows("classes_wordnet.tsv"):  # nouns by their usual WordNet sense (wn_*)
        name = fields[0].strip()
        if len(fields) != 3 or not name.startswith("wn_") or name in classes:
            raise ValueError(f"classes_wordnet.tsv line {lineno}: expected a new wn_ class, lemmas, source")
        classes[name] = frozenset(fields[1].split())
    for lineno, fields in _rows("classes.tsv"):
        if len(fields) != 2 or fields[0].strip() in classes:
            raise ValueError(f"classes.tsv line {lineno}: expected 2 fields and a new class name")
        words = fields[1].split()
        # a member "@wn_food" adds a WordNet class (or an earlier class) whole
        for w in words:
            if w.startswith("@") and w[1:] not in classes:
                raise ValueError(f"classes.tsv line {lineno}: unknown word class {w!r}")
        classes[fields[0].strip()] = frozenset(w for w in words if not w.startswith("@")).union(
            *(classes[w[1:]] for w in words if w.startswith("@")))
    modality = {}
    for lineno, fields in _rows("modality.tsv"):
        if len(fields) != 2 or fields[1].strip() not in MODALITY_CLASSES:
            raise ValueError(f"modality.tsv line {lineno}: expected lemma and a known class")
        modality[fields[0].strip()] = fields[1].strip()
    table = load_cameo_table()
    intent = {}
    for lineno, fields in _rows("intent.tsv"):
        if len(fields) != 2 or fields[1].strip() not in table:
            raise ValueError(f"intent.tsv line {lineno}: expected root and a CAMEO code")
        intent[fields[0].strip()] = fields[1].strip()
    demand = _root_map("demand.tsv", table)
    reject = _root_map("reject.tsv", table)
    return CodingLexicon(
        verbs=_load_patterns(("verbs.tsv", "verbs_wordnet.tsv"), classes),
        nouns=_load_patterns(("nouns.tsv", "nouns_wordnet.tsv"), classes),
        classes=classes,
        modality=modality,
        intent=intent,
        demand=demand,
        reject=reject,
        violence=_violence_rules(table, classes),
        entailed=_entailed_agents(table),
    )


def _entailed_agents(table) -> tuple[EntailedAgent, ...]:
    out = []
    for lineno, fields in _rows("entailed.tsv"):
        if len(fields) != 5 or fields[0].strip() not in table or fields[4].strip() not in ("patient", "noun"):
            raise ValueError(f"entailed.tsv line {lineno}: expected a CAMEO code, sector, text, why, "
                             "when (patient or noun)")
        out.append(EntailedAgent(*(f.strip() for f in fields)))
    return tuple(out)


def _violence_rules(table, classes: dict[str, frozenset[str]]) -> tuple[ViolenceRule, ...]:
    rules = []
    for lineno, fields in _rows("violence.tsv"):
        if len(fields) != 4 or fields[2].strip() not in table:
            raise ValueError(f"violence.tsv line {lineno}: expected source, target, a CAMEO code, note")
        src, tgt = frozenset(fields[0].split()), frozenset(fields[1].split())
        for item in src | tgt:
            if item.startswith("@") and item[1:] not in classes:
                raise ValueError(f"violence.tsv line {lineno}: unknown word class {item!r}")
        rules.append(ViolenceRule(src, tgt, fields[2].strip(), lineno))
    return tuple(rules)


def _root_map(name: str, table) -> dict[str, str]:
    out = {}
    for lineno, fields in _rows(name):
        if len(fields) != 2 or fields[1].strip() not in table:
            raise ValueError(f"{name} line {lineno}: expected root and a CAMEO code")
        out[fields[0].strip()] = fields[1].strip()
    return out
