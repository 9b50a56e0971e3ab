"""Users' actor and agent dictionaries: the PETRARCH/TABARI text format, and a plain CSV.

PETRARCH text format (as in the Phoenix dictionaries):
- ``NAME_WITH_UNDERSCORES [CODE]``; ``+SYNONYM`` lines add names for the entry above; codes may
  follow on their own indented lines; ``[CODE >YYMMDD]``, ``[CODE <YYMMDD]`` and
  ``[CODE YYMMDD-YYMMDD]`` are valid from, until, or between dates.
- A trailing ``_`` makes a name exact; without it the last word matches as a stem (prefix).
- Agents: ``NOUN {PLURALS} [~CODE]`` (the code follows the actor's: ``ARN`` + ``GOVFRM``) or
  ``[CODE~]`` (it comes before: ``MSF [NGO~]``, "MSF Arnor" is ``NGOARN``); codes are kept whole
  and every agent of a phrase is added (``steppe.actors.resolve.compose_code``);
  ``!MACRO! = A, B`` defines substitutions; without braces, the regular plural (-S, -IES, -ES)
  is added.
- ``[A/B/C]``: one actor per code (PETRARCH codes each), split when events are built.
- ``#`` starts a comment; ``<!-- ... -->`` lines are comments.

CSV format (header required): ``phrase,code[,kind]`` where kind is ``actor`` (default) or
``agent`` (a sector code such as GOV appended to the actor's country).
"""
from __future__ import annotations

import csv
import functools
import io
import logging
import os
import re
from pathlib import Path
from typing import Iterable, Optional

from steppe.actors.index import Hit
from steppe.errors import DictionaryError

USER_PRIORITY = 10
_log = logging.getLogger("steppe.dictionaries")
_CODE_RE = re.compile(r"\[([^\]]*)\]")
_MACRO_RE = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")


def _yymmdd(s: str) -> str:
    s = s.strip()
    if len(s) == 8 and s.isdigit():
        return s
    if len(s) != 6 or not s.isdigit():
        raise ValueError(f"bad date {s!r} (expected YYMMDD)")
    yy = int(s[:2])
    century = "20" if yy < 30 else "19"  # TABARI's pivot: 00-29 -> 2000s
    return century + s


def parse_code(raw: str) -> tuple[str, Optional[str], Optional[str]]:
    """``KAZGOV >900424`` -> (KAZGOV, 19900424, None); ``X 911216-911221`` -> (X, start, end)."""
    parts = raw.split()
    if not parts:
        raise ValueError("empty code")
    code = parts[0].upper()
    start = end = None
    if len(parts) > 1:
        rng = "".join(parts[1:])
        if rng.startswith(">"):
            start = _yymmdd(rng[1:])
        elif rng.startswith("<"):
            end = _yymmdd(rng[1:])
        elif "-" in rng:
            a, b = rng.split("-", 1)
            start, end = _yymmdd(a), _yymmdd(b)
        else:
            raise ValueError(f"bad date restriction {rng!r}")
    return code, start, end


def _phrase(name: str) -> tuple[str, bool]:
    """Dictionary name -> (space-separated phrase, exact)."""
    exact = name.endswith("_")
    words = [w for w in name.strip("_").replace("_", " ").split() if w]
    return " ".join(words).lower(), exact


class _Entry:
    def __init__(self, names: list[str], codes: list[tuple[str, Optional[str], Optional[str]]]):
        self.names = names
        self.codes = codes


def _actor_hits(entry: _Entry) -> Iterable[tuple[str, Hit]]:
    if not entry.codes:
        return
    undated = [c for c, s, e in entry.codes if s is None and e is None]
    default = undated[-1] if undated else entry.codes[-1][0]
    dated = tuple((s, e, c) for c, s, e in entry.codes if s is not None or e is not None)
    if default in ("---", ""):
        return
    country = default[:3] if len(default) >= 3 and default[:3].isalpha() else None
    for name in entry.names:
        phrase, exact = _phrase(name)
        if not phrase:
            continue
        hit = Hit("actor", default, country=country, name=name.strip("_").replace("_", " ").title(),
                  priority=USER_PRIORITY, dated=dated)
        yield (phrase if exact else phrase + "*"), hit


def _expand_macros(name: str, macros: dict[str, list[str]]) -> list[str]:
    for macro, values in macros.items():
        if macro in name:
            return [n for v in values for n in _expand_macros(name.replace(macro, v), macros)]
    return [name]


def parse_petrarch(text: str, path: str = "<dictionary>",
                   problems: Optional[list[DictionaryError]] = None) -> list[tuple[str, Hit]]:
    """Entries of a PETRARCH-format actor or agent dictionary as (phrase, Hit) pairs.

    A line that cannot be parsed raises ``DictionaryError``, unless a ``problems`` list is given:
    then the error is appended there and the line is left out (large dictionaries such as
    Phoenix have a few malformed dates, e.g. ``[ARMUNR 9008223-911221]``)."""
    out: list[tuple[str, Hit]] = []
    macros: dict[str, list[str]] = {}
    current: Optional[_Entry] = None

    def flush() -> None:
        nonlocal current
        if current is not None:
            out.extend(_actor_hits(current))
        current = None

    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip()
        stripped = line.strip()
        if not stripped or stripped.startswith("<!--") or stripped.startswith("-->"):
            continue
        try:
            m = _MACRO_RE.match(stripped)
            if m:
                macros[m.group(1)] = [v.strip() for v in m.group(2).split(",") if v.strip()]
                continue
            codes = _CODE_RE.findall(stripped)
            name = _CODE_RE.sub("", stripped).strip()
            if "~" in "".join(codes):  # an agent line
                flush()
                out.extend(_agent_hits(name, codes, macros))
                continue
            if stripped.startswith("+"):
                if current is None:
                    raise ValueError("synonym '+' line with no entry above it")
                current.names.append(name[1:].strip())
                for c in codes:
                    current.codes.append(parse_code(c))
                continue
            if not name:  # a code line for the entry above: "\t[AFGGOV 780427-780430]"
                if current is None:
                    raise ValueError("code with no entry above it")
                current.codes.extend(parse_code(c) for c in codes)
                continue
            flush()
            current = _Entry([name], [parse_code(c) for c in codes])
        except ValueError as exc:
            if problems is None:
                raise DictionaryError(path, lineno, str(exc)) from None
            problems.append(DictionaryError(path, lineno, str(exc)))
    flush()
    return out


def _plural(name: str) -> str:
    """PETRARCH's regular plural of a phrase's last word: -S, -IES after a consonant + Y, -ES after SS."""
    up = name.upper()
    if up.endswith("SS"):
        return name + "ES"
    if up.endswith("Y") and len(up) > 1 and up[-2] not in "AEIOU":
        return name[:-1] + "IES"
    return name + "S"


def _agent_hits(name: str, codes: list[str], macros) -> list[tuple[str, Hit]]:
    """``NOUN {PLURALS} [~CODE]``: CODE follows the actor's code (``ARN`` + ``GOVFRM``);
    ``[CODE~]`` comes before it (``MSF [NGO~]``: "MSF Arnor" is ``NGOARN``). The code is kept
    whole; the hit's ``sector`` is its first three letters."""
    plural_m = re.search(r"\{([^}]*)\}", name)
    base = re.sub(r"\{[^}]*\}", "", name).strip()
    raw = "".join(codes[0].split()).upper()
    prefix = raw.endswith("~") and not raw.startswith("~")
    code = raw.strip("~")
    if not code or code == "---":
        return []
    names = _expand_macros(base, macros)
    if plural_m is None and "!" not in base:  # macros carry their own plurals (MAN, MEN)
        names = names + [_plural(n) for n in names]
    elif plural_m is not None:
        names = names + [p.strip() for p in re.split(r"[,\s]+", plural_m.group(1)) if p.strip()]
    hits = []
    for n in names:
        phrase, _ = _phrase(n)
        if phrase:
            hits.append((phrase, Hit("agent", code, sector=code[:3], sector_kind="prefix" if prefix else "title",
                                     priority=USER_PRIORITY)))
    return hits


def parse_csv(text: str, path: str = "<dictionary>") -> list[tuple[str, Hit]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"phrase", "code"} <= set(reader.fieldnames):
        raise DictionaryError(path, 1, "CSV dictionary needs a header with 'phrase' and 'code'")
    out = []
    for lineno, row in enumerate(reader, start=2):
        phrase, code = (row.get("phrase") or "").strip(), (row.get("code") or "").strip().upper()
        kind = (row.get("kind") or "actor").strip().lower()
        if not phrase or not code:
            raise DictionaryError(path, lineno, "empty phrase or code")
        if kind == "agent":
            out.append((phrase.lower(), Hit("agent", code, sector=code, sector_kind="title", priority=USER_PRIORITY)))
        elif kind == "actor":
            try:
                c, s, e = parse_code(code)
            except ValueError as exc:
                raise DictionaryError(path, lineno, str(exc)) from None
            out.append((phrase.lower(), Hit("actor", c, country=c[:3] if c[:3].isalpha() and not c.startswith("IGO") else None,
                                            name=phrase, priority=USER_PRIORITY)))
        else:
            raise DictionaryError(path, lineno, f"unknown kind {kind!r} (actor or agent)")
    return out


@functools.lru_cache(maxsize=16)
def _load_one(path: str, mtime: float, size: int) -> tuple[tuple[tuple[str, Hit], ...], tuple[DictionaryError, ...]]:
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    if path.lower().endswith(".csv"):
        return tuple(parse_csv(text, path)), ()
    problems: list[DictionaryError] = []
    entries = parse_petrarch(text, path, problems)
    return tuple(entries), tuple(problems)


def load_user_dictionaries(paths: Iterable[str]) -> list[tuple[str, Hit]]:
    """Entries of every dictionary; malformed lines are left out and logged (file and line)."""
    out: list[tuple[str, Hit]] = []
    for p in paths:
        if not os.path.isfile(p):
            raise DictionaryError(p, 0, "dictionary file does not exist")
        st = os.stat(p)
        entries, problems = _load_one(os.path.abspath(p), st.st_mtime, st.st_size)
        for problem in problems:
            _log.warning("dictionary line left out: %s", problem)
        out.extend(entries)
    return out
