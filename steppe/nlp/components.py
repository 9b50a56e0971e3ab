"""steppe's spaCy components, registered with spaCy's factory registry."""
from __future__ import annotations

import functools
import re
from importlib.resources import files

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[A-Z\"“])")


@Language.component("steppe_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line (or a line break before a capital) starts a new sentence: headlines, bylines
    and paragraphs are not run into the next sentence. Runs before the parser, which respects
    boundaries already set.

    The starts are written in one ``Doc.from_array``: spaCy's ``Token.is_sent_start`` setter
    scans the whole Doc on each call, which made this quadratic in article length (issue 18)."""
    starts = [tok.i for tok in doc[1:] if _breaks_before(doc[tok.i - 1], tok)]
    if starts:
        values = doc.to_array([SENT_START])
        values[starts] = 1
        doc.from_array([SENT_START], values)
    return doc


def _breaks_before(prev: Token, tok: Token) -> bool:
    return bool(prev.is_space and _BREAK.search(prev.text) or (
        "\n" in prev.whitespace_ and _BREAK.search(prev.whitespace_ + tok.text[:1])))


@functools.lru_cache(maxsize=1)
def transitive_verbs() -> frozenset[str]:
    """Lemmas of verbs that are always transitive when active (steppe/data/nlp/transitive_verbs.tsv)."""
    text = (files("steppe") / "data" / "nlp" / "transitive_verbs.tsv").read_text(encoding="utf-8")
    rows = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return frozenset(rows[1:])  # first row is the header


_COMPLEMENTS = {"dobj", "dative", "ccomp", "xcomp", "attr", "oprd", "aux", "auxpass", "nsubjpass",
                "prt", "agent"}


def headline_passive(verb: Token, transitive: frozenset[str]) -> bool:
    """An always-transitive verb in the past with a subject and no object or auxiliary:
    "4 policemen and 4 civilians also killed", "Three activists detained" (headline style)."""
    return (verb.tag_ in ("VBD", "VBN") and verb.lemma_.lower() in transitive
            and any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN", "NUM") for c in verb.children)
            and not any(c.dep_ in _COMPLEMENTS for c in verb.children))


@Language.component("steppe_parse_repairs")
def parse_repairs(doc: Doc) -> Doc:
    """Relabel what the small parser gets wrong in a way later stages depend on. Runs last (it
    reads lemmas). Now: the subject of a headline passive becomes ``nsubjpass``; a participle
    conjoined to a verb but parsed as an adjective on its object ("had taken power and
    dissolved parliament": dissolved -amod-> parliament -conj-> taken) becomes the verb's
    conjunct with that object."""
    transitive = transitive_verbs()
    for tok in doc:
        if tok.pos_ == "VERB" and headline_passive(tok, transitive):
            for c in tok.children:
                if c.dep_ == "nsubj":
                    c.dep_ = "nsubjpass"
    for tok in doc:
        noun = tok.head
        if tok.tag_ == "VBN" and tok.dep_ == "amod" and tok.i > 0 and doc[tok.i - 1].dep_ == "cc" \
                and noun.i == tok.i + 1 and noun.dep_ == "conj" and noun.head.pos_ == "VERB" \
                and noun.head.tag_ in ("VBD", "VBN") and noun.head.i < tok.i:
            verb = noun.head
            tok.head, tok.dep_, tok.pos_ = verb, "conj", "VERB"
            noun.head, noun.dep_ = tok, "dobj"
    return doc
