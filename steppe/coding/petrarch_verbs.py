"""Users' PETRARCH/TABARI verb dictionaries: parsed and matched against spaCy parses.

steppe's own reader and matcher for the verb dictionary format PETRARCH inherited from TABARI
(written from the format's documentation, not from PETRARCH's code):

- ``--- NAME [CODE] ---`` starts a verb block; CODE is the block's default code (``[---]``: the
  bare verb codes no event). The lines that follow list the block's verbs: ``VERB``,
  ``VERB {IRREGULAR FORMS}``, ``VERB [OWN CODE]``; regular forms (-s, -ed, -ing) are generated.
  Multi-word verbs join words with ``_``; a ``+`` marks the verb word (``WIRE_+TAP``,
  ``+CORDON_OFF``); without one the first word is the verb.
- Pattern lines ``- UPPER * LOWER [CODE]``: ``*`` is the verb; words before it must appear
  before the verb (in order), words after it after the verb. A blank between two elements lets
  other words come between them, ``_`` makes them consecutive. ``$`` is the source (an actor
  noun phrase at that place), ``+`` the target, ``%`` a compound actor (before the verb: its
  members act on each other; after it: its members are the targets), ``^`` skips one noun phrase,
  ``&NAME`` is any phrase of a synonym set. The first pattern of a block (in file order) that
  matches gives the code; none: the verb's own or the block's code.
- Codes are passed through as written (``[023]``, ``[1717]``, ``[174K]``); ``[A:B]`` codes A from
  source to target and B from target to source ("left for Gondor": a visit and its reception).
- Synonym sets: ``&NAME`` then ``+PHRASE`` lines (consecutive words); regular plurals of the last
  word are added unless the phrase or the label ends with ``_``; a set may include another
  (``+&OTHER``). A pattern naming an undefined set is skipped, as PETRARCH does.
- ``#`` (and TABARI's ``;``) starts a comment outside ``[...]``; ``<!-- ... -->`` are comments.
- PETRARCH-2 dictionaries group a noun phrase in ``{...}`` and a prepositional phrase in ``(...)``:
  read as their words in order; ``[:B]`` codes only the target -> source direction. TABARI's
  disjunctive sets ``{A | B}`` are not supported (skipped, as PETRARCH does).

``load_verb_dictionary(paths)`` (cached by path and modification time) returns a
``VerbDictionary``; ``VerbDictionary.match(token)`` the ``VerbMatch`` for a verb token in a parsed
sentence, or None when the dictionary does not know the verb.
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional, Sequence

from spacy.tokens import Span, Token

from steppe.actors.index import tokenize_phrase
from steppe.errors import DictionaryError

NULL_CODE = "---"
_BRACKET = re.compile(r"\[([^\]]*)\]")
_BRACES = re.compile(r"\{([^}]*)\}")


# -- parsed structures ------------------------------------------------------------------------
@dataclass(frozen=True)
class VerbMatch:
    """What the dictionary says about one verb token.

    ``code`` is the code as written (``---``: the dictionary knows the verb and says it is no
    event); ``paired`` the second code of ``[A:B]`` (target -> source); the hints are tokens of the
    sentence at the pattern's ``$`` (source), ``+`` (target) and ``%`` (compound) positions;
    ``upper_span`` is the doc token span the pattern's words before the verb covered (the
    dictionary then decided about that context, e.g. ``NOT *`` or ``WILL NOT *``)."""

    code: str
    pattern: str
    paired: Optional[str] = None
    source_hint: Optional[Token] = None
    target_hint: Optional[Token] = None
    compound_hint: Optional[Token] = None
    upper_span: tuple[int, int] = (0, 0)
    verb_tokens: tuple[int, int] = (0, 0)  # token span of the (multi-word) verb in the doc

    @property
    def upper(self) -> bool:
        return self.upper_span[1] > self.upper_span[0]


@dataclass(frozen=True)
class _Elem:
    kind: str  # word | syn | src | tgt | cmp | skip
    glue: bool  # joined to the element before it (reading order) with "_"
    words: tuple[tuple[str, ...], ...] = ()  # word: one token sequence; syn: the set's phrases


@dataclass(frozen=True)
class _Pattern:
    upper: tuple[_Elem, ...]  # in text order
    lower: tuple[_Elem, ...]
    upper_glue: bool  # the last upper element is joined to "*"
    lower_glue: bool  # the first lower element is joined to "*"
    code: str
    paired: Optional[str]
    text: str
    where: str


@dataclass
class _Block:
    name: str
    code: str
    paired: Optional[str]
    where: str
    patterns: list[_Pattern] = field(default_factory=list)


@dataclass(frozen=True)
class _Form:
    words: tuple[str, ...]  # lowercased tokens of the (multi-word) verb form
    verb_index: int  # which of them is the verb
    block: "_Block"
    code: Optional[str]  # the verb line's own code
    paired: Optional[str]
    explicit: bool  # written in the file (not a generated regular form)
    where: str
    text: str


def _split_code(raw: str) -> tuple[str, Optional[str]]:
    raw = raw.strip()
    if ":" in raw:
        a, b = raw.split(":", 1)
        return a.strip() or NULL_CODE, (b.strip() or None)
    return raw or NULL_CODE, None


def _strip_comment(line: str) -> str:
    """Drop a ``#`` comment (or TABARI's ``;`` comment) that is not inside ``[...]`` (codes
    like ``[###]`` exist)."""
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch in "#;" and depth == 0:
            return line[:i]
    return line


def _plurals(word: str) -> list[str]:
    if word.endswith("ss"):
        return [word + "es"]
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return [word[:-1] + "ies"]
    return [word + "s"]


def regular_forms(verb: str) -> list[str]:
    """Regular English forms of a verb: -s, -ed, -ing (with the usual spelling changes)."""
    v = verb.lower()
    out = [v]
    if v.endswith(("s", "sh", "ch", "x", "z", "o")):
        out.append(v + "es")
    elif v.endswith("y") and len(v) > 1 and v[-2] not in "aeiou":
        out.append(v[:-1] + "ies")
    else:
        out.append(v + "s")
    if v.endswith("e"):
        out += [v + "d", v[:-1] + "ing"]
    elif v.endswith("y") and len(v) > 1 and v[-2] not in "aeiou":
        out += [v[:-1] + "ied", v + "ing"]
    else:
        out += [v + "ed", v + "ing"]
        if len(v) >= 3 and v[-1] not in "aeiouwxy" and v[-2] in "aeiou" and v[-3] not in "aeiou":
            out += [v + v[-1] + "ed", v + v[-1] + "ing"]  # stop -> stopped
    return out


def _phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tokenize_phrase(phrase.replace("_", " ").strip().lower())


# -- the reader -------------------------------------------------------------------------------
class VerbDictionary:
    """Verb blocks, their verbs' forms and patterns, and the synonym sets, from one or more files."""

    def __init__(self) -> None:
        self.synsets: dict[str, tuple[tuple[str, ...], ...]] = {}
        self._forms: dict[str, list[_Form]] = {}  # keyed by the verb word and by the first word
        self.blocks: list[_Block] = []
        self.skipped: list[str] = []  # patterns left out (undefined synset, bad syntax), with where

    # ---- reading
    def read(self, text: str, path: str = "<verbs>") -> "VerbDictionary":
        name = os.path.basename(path)
        text = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
        synset: Optional[tuple[str, bool, list[tuple[str, ...]]]] = None  # label, no_plural, phrases
        block: Optional[_Block] = None
        in_synset = False
        for lineno, raw in enumerate(text.splitlines(), start=1):
            where = f"{name}:{lineno}"
            line = _strip_comment(raw).strip()
            if not line:
                continue
            if line.startswith("---"):
                self._end_synset(synset)
                synset, in_synset = None, False
                header = line.strip("-").strip()
                codes = _BRACKET.findall(header)
                code, paired = _split_code(codes[0]) if codes else (NULL_CODE, None)
                block = _Block(_BRACKET.sub("", header).strip(), code, paired, where)
                self.blocks.append(block)
                continue
            if line.startswith("&"):
                self._end_synset(synset)
                label = line.split()[0]
                synset = (label.rstrip("_").upper(), label.endswith("_"), [])
                in_synset = True
                continue
            if line.startswith("+") and in_synset and synset is not None:
                self._synset_member(synset, line[1:].strip())
                continue
            if line.startswith("-"):
                in_synset = False
                if block is not None:
                    self._pattern(block, line[1:].strip(), where)
                continue
            in_synset = False
            if block is not None:
                self._verb_line(block, line, where)
        self._end_synset(synset)
        return self

    def _synset_member(self, synset, phrase: str) -> None:
        label, no_plural, phrases = synset
        if phrase.startswith("&"):  # an embedded set
            phrases.extend(self.synsets.get(phrase.rstrip("_").upper(), ()))
            return
        exact = phrase.endswith("_") or no_plural
        toks = _phrase_tokens(phrase)
        if not toks:
            return
        phrases.append(toks)
        if not exact and toks[-1].isalpha():
            for p in _plurals(toks[-1]):
                phrases.append(toks[:-1] + (p,))
        self.synsets[label] = tuple(dict.fromkeys(phrases))

    def _end_synset(self, synset) -> None:
        if synset is not None:
            self.synsets[synset[0]] = tuple(dict.fromkeys(synset[2]))

    def _verb_line(self, block: _Block, line: str, where: str) -> None:
        codes = _BRACKET.findall(line)
        code, paired = _split_code(codes[0]) if codes else (None, None)
        braces = _BRACES.search(line)
        main = _BRACES.sub(" ", _BRACKET.sub(" ", line)).strip()
        if not main:
            return
        irregular = braces.group(1).split() if braces else []
        words, vi = self._verb_words(main)
        if not words:
            return
        variants = [(words, vi, True)]
        for f in regular_forms(words[vi]):
            if f != words[vi]:
                variants.append((words[:vi] + (f,) + words[vi + 1:], vi, False))
        for irr in irregular:
            iw, ii = self._verb_words(irr)
            if iw:
                variants.append((iw, ii, True))
        for ws, i, explicit in variants:
            form = _Form(ws, i, block, code, paired, explicit, where, line)
            for key in {ws[i], ws[0]}:
                bucket = self._forms.setdefault(key, [])
                if form not in bucket:
                    bucket.append(form)

    @staticmethod
    def _verb_words(raw: str) -> tuple[tuple[str, ...], int]:
        """``WIRE_+TAP`` -> (("wire", "tap"), 1); ``LASH OUT`` -> (("lash", "out"), 0)."""
        parts = [p for p in re.split(r"[_\s]+", raw.strip()) if p.strip("+")]
        vi = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
        return tuple(p.strip("+").lower() for p in parts), vi

    def _pattern(self, block: _Block, body: str, where: str) -> None:
        codes = _BRACKET.findall(body)
        if not codes:
            self.skipped.append(f"{where}: no code")
            return
        code, paired = _split_code(codes[-1])
        spec = _BRACKET.sub(" ", body).strip()
        if "|" in spec:  # TABARI disjunctive sets {A | B}: not supported, as in PETRARCH
            self.skipped.append(f"{where}: disjunctive set")
            return
        # PETRARCH-2 groups a noun phrase in {...} and a prepositional phrase in (...): read as
        # their words in order, other words allowed between them
        spec = " ".join(re.sub(r"[(){}]", " ", spec).split())
        try:
            elems, glues = self._elements(spec)
        except KeyError as exc:
            self.skipped.append(f"{where}: undefined synonym set {exc.args[0]}")
            return
        stars = [i for i, e in enumerate(elems) if e == "*"]
        if len(stars) != 1:
            self.skipped.append(f"{where}: needs exactly one '*'")
            return
        k = stars[0]
        upper, lower = elems[:k], elems[k + 1:]
        star_glue = glues[k]  # "IN_*": the verb is joined to the word before it
        lower_glue = bool(lower) and lower[0].glue  # "*_OUT"
        block.patterns.append(_Pattern(tuple(upper), tuple(lower), star_glue, lower_glue, code, paired,
                                       f"- {spec} [{codes[-1].strip()}]", where))

    def _elements(self, spec: str) -> tuple[list, list[bool]]:
        """Pattern text -> elements ("*" for the verb) and, per element, whether it is joined by
        "_" to the element before it. A trailing "_" ("WAS_", TABARI's no-stem mark) joins nothing."""
        out: list = []
        glues: list[bool] = []
        for chunk in spec.split():
            glue = False
            for part in chunk.split("_"):
                if not part:
                    continue
                for piece in self._pieces(part):
                    out.append("*" if piece == "*" else _Elem(piece[0], glue, piece[1]))
                    glues.append(glue)
                    glue = True
        return out, glues

    def _pieces(self, part: str) -> Iterator:
        """One ``_``-free piece of a pattern: a marker, a synset, or a word (``+TO`` is a target
        marker followed by a word)."""
        if part == "*":
            yield "*"
            return
        if part in ("$", "+", "%", "^"):
            yield ({"$": "src", "+": "tgt", "%": "cmp", "^": "skip"}[part], ())
            return
        if part.startswith("&"):
            label = part.rstrip("_").upper()
            if label not in self.synsets:
                raise KeyError(label)
            yield ("syn", self.synsets[label])
            return
        if part[0] in "$+%^" and len(part) > 1:
            yield from self._pieces(part[0])
            yield from self._pieces(part[1:])
            return
        toks = _phrase_tokens(part)
        if toks:
            yield ("word", (toks,))

    # ---- matching
    def __len__(self) -> int:
        return len(self.blocks)

    def forms_for(self, tok: Token) -> list[tuple[_Form, int]]:
        """The verb forms ``tok`` may belong to, each with the position of ``tok`` in the form
        (the verb word, or the first word of a multi-word form: "wire" of "wire tap")."""
        low = tok.lower_
        out = [(f, f.verb_index if f.words[f.verb_index] == low else 0) for f in self._forms.get(low, ())]
        if not out and tok.tag_ in ("VBD", "VBN"):
            # an irregular past form the file does not list ("went"): the lemma's entries
            lemma = tok.lemma_.lower()
            if low not in regular_forms(lemma):
                out = [(f, f.verb_index) for f in self._forms.get(lemma, ())
                       if f.words[f.verb_index] == lemma]
        return out

    def match(self, verb: Token, is_actor: Optional[Callable[[Token], bool]] = None) -> Optional[VerbMatch]:
        """The dictionary's reading of ``verb`` in its sentence, or None when the verb is not in
        the dictionary. ``is_actor(token)`` (optional) tells whether a noun phrase headed by
        ``token`` denotes an actor; ``$``, ``+`` and ``%`` then only match such phrases."""
        sent = verb.sent
        toks = [t.lower_ for t in sent]
        base = sent.start
        found: list[tuple[int, int, int, _Form]] = []
        for form, k in self.forms_for(verb):
            n = len(form.words)
            start = verb.i - base - k
            if start < 0 or start + n > len(toks):
                continue
            if all(toks[start + j] == w for j, w in enumerate(form.words) if j != k):
                found.append((n, start, start + n, form))
        if not found:
            return None
        found.sort(key=lambda x: (-x[0], not x[3].explicit))
        best_len = found[0][0]
        ctx = _Context(sent, is_actor)
        tried = set()
        for n, start, end, form in found:
            if n != best_len:
                break
            if id(form.block) in tried:
                continue
            tried.add(id(form.block))
            for pat in self._patterns_for(form):
                m = ctx.match(pat, start, end)
                if m is not None:
                    ustart = m.pop("upper_start")
                    return VerbMatch(pat.code, f"{pat.where} {pat.text}", pat.paired,
                                     upper_span=(base + ustart, base + start),
                                     verb_tokens=(base + start, base + end), **m)
        n, start, end, form = found[0]
        if form.code is not None:
            code, paired = form.code, form.paired
            text = f"{form.where} {form.text.strip()}"
        else:
            block = self._last_block(form)
            code, paired = block.code, block.paired
            text = f"{form.where} {form.text.strip()} (block {block.where} [{block.code}"\
                   f"{':' + block.paired if block.paired else ''}])"
        return VerbMatch(code, text, paired, verb_tokens=(base + start, base + end))

    def _patterns_for(self, form: _Form) -> list[_Pattern]:
        """The block's patterns, then those of other blocks listing the same verb form (a verb
        defined twice, as SHOT is in PETRARCH's test dictionary)."""
        out = list(form.block.patterns)
        for other in self._forms.get(form.words[form.verb_index], ()):
            if other.words == form.words and other.block is not form.block:
                out.extend(p for p in other.block.patterns if p not in out)
        return out

    def _last_block(self, form: _Form) -> _Block:
        same = [f.block for f in self._forms.get(form.words[form.verb_index], ())
                if f.words == form.words and f.code is None]
        return same[-1] if same else form.block


class _Context:
    """Pattern matching over one sentence's tokens (indices relative to the sentence)."""

    def __init__(self, sent: Span, is_actor: Optional[Callable[[Token], bool]]) -> None:
        self.sent = sent
        self.toks = [t.lower_ for t in sent]
        self.n = len(self.toks)
        self.is_actor = is_actor
        base = sent.start
        self.chunks: list[tuple[int, int, Token]] = []  # (start, end, root) relative
        try:
            for ch in sent.noun_chunks:
                self.chunks.append((ch.start - base, ch.end - base, ch.root))
        except (ValueError, AttributeError):  # no parser
            pass
        self.chunk_at = {}
        for s, e, r in self.chunks:
            for i in range(s, e):
                self.chunk_at[i] = (s, e, r)

    def _actorish(self, root: Token) -> bool:
        return self.is_actor is None or bool(self.is_actor(root))

    # element matchers: forward from start -> list of (end, captures); backward from end -> starts
    def _fwd(self, el: _Elem, start: int) -> list[tuple[int, dict]]:
        if start >= self.n:
            return []
        if el.kind in ("word", "syn"):
            out = []
            for seq in el.words:
                if tuple(self.toks[start:start + len(seq)]) == seq:
                    out.append((start + len(seq), {}))
            return sorted(out, key=lambda x: -x[0])
        if el.kind == "skip":
            ch = self.chunk_at.get(start)
            return [(ch[1], {})] if ch else []
        ch = self.chunk_at.get(start)
        if ch is None or ch[0] != start:
            return []
        return self._np(el, ch)

    def _bwd(self, el: _Elem, end: int) -> list[tuple[int, dict]]:
        if end <= 0:
            return []
        if el.kind in ("word", "syn"):
            out = []
            for seq in el.words:
                s = end - len(seq)
                if s >= 0 and tuple(self.toks[s:end]) == seq:
                    out.append((s, {}))
            return sorted(out, key=lambda x: x[0])
        if el.kind == "skip":
            ch = self.chunk_at.get(end - 1)
            return [(ch[0], {})] if ch else []
        ch = self.chunk_at.get(end - 1)
        if ch is None or ch[1] != end:
            return []
        return [(ch[0], caps) for _, caps in self._np(el, ch)]

    def _np(self, el: _Elem, ch) -> list[tuple[int, dict]]:
        s, e, root = ch
        if el.kind == "cmp":
            top = root
            while top.dep_ == "conj" and top.head.i != top.i:
                top = top.head
            if not any(c.dep_ == "conj" for c in top.children) or not self._actorish(top):
                return []
            return [(e, {"cmp": top})]
        if not self._actorish(root):
            return []
        return [(e, {el.kind: root})]

    def _lower(self, elems: Sequence[_Elem], pos: int, glued: bool) -> Optional[dict]:
        if not elems:
            return {}
        el = elems[0]
        starts = [pos] if (glued or el.glue) else range(pos, self.n)
        for s in starts:
            for end, caps in self._fwd(el, s):
                rest = self._lower(elems[1:], end, False)
                if rest is not None:
                    return {**caps, **rest}
        return None

    def _upper(self, elems: Sequence[_Elem], pos: int, glued: bool) -> Optional[dict]:
        """Match ``elems`` (text order) ending at or before ``pos`` (exclusive), right to left;
        ``_start`` in the result is where the leftmost element begins."""
        if not elems:
            return {"_start": pos}
        el = elems[-1]
        ends = [pos] if glued else range(pos, 0, -1)
        for e in ends:
            for start, caps in self._bwd(el, e):
                rest = self._upper(elems[:-1], start, el.glue)
                if rest is not None:
                    return {**caps, **rest}
        return None

    def match(self, pat: _Pattern, vstart: int, vend: int) -> Optional[dict]:
        low = self._lower(pat.lower, vend, pat.lower_glue)
        if low is None:
            return None
        up = self._upper(pat.upper, vstart, pat.upper_glue)
        if up is None:
            return None
        caps = {**up, **low}
        out = {"upper_start": up["_start"]}
        if "src" in caps:
            out["source_hint"] = caps["src"]
        if "tgt" in caps:
            out["target_hint"] = caps["tgt"]
        if "cmp" in caps:
            if "cmp" in low:  # "* WITH %": the compound's members are the targets
                out.setdefault("target_hint", low["cmp"])
            else:  # "% HAVE *": the members act on each other
                out["compound_hint"] = up["cmp"]
        return out


# -- loading ----------------------------------------------------------------------------------
@functools.lru_cache(maxsize=8)
def _load(files: tuple[tuple[str, float, int], ...]) -> VerbDictionary:
    d = VerbDictionary()
    for path, _mtime, _size in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            d.read(f.read(), path)
    return d


def load_verb_dictionary(paths: Iterable[str]) -> VerbDictionary:
    """One ``VerbDictionary`` from the files at ``paths`` (in order), cached by path and mtime."""
    key = []
    for p in paths:
        if not os.path.isfile(p):
            raise DictionaryError(p, 0, "verb dictionary file does not exist")
        st = os.stat(p)
        key.append((os.path.abspath(p), st.st_mtime, st.st_size))
    return _load(tuple(key))


def parse_verbs(text: str, path: str = "<verbs>") -> VerbDictionary:
    """A ``VerbDictionary`` from dictionary text (for tests and in-memory use)."""
    return VerbDictionary().read(text, path)
