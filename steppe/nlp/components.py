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
    starts += _after_place_colon(doc)
    if starts:
        values = doc.to_array([SENT_START])
        values[starts] = 1
        doc.from_array([SENT_START], values)
    return doc


# "Kolkata: The West Bengal government ...", "new delhi: the bjp-led ...": a place (or a label) and a
# colon opening the story, as Indian and Pakistani papers write their datelines; not "He said: ..."
_PLACE_COLON = re.compile(r"([A-Za-z][\w.'’\-]*(?: [A-Za-z][\w.'’\-]*){0,2})\s*:\s+")
_SAYING = frozenset({"said", "says", "say", "added", "told", "asked", "wrote", "writes", "reads", "read", "notes",
                     "noted", "stated", "states", "declared", "explained", "warned", "tweeted"})


def _after_place_colon(doc: Doc) -> list[int]:
    """The token after a leading "Place:" (the first lines of the text only): it starts a sentence,
    so that the parser does not hang the story's first clause on the place's name."""
    from steppe.nlp.dateline import paragraph_starts

    out = []
    for start in paragraph_starts(doc.text):
        m = _PLACE_COLON.match(doc.text, start)
        if m is None or any(w.lower() in _SAYING for w in m.group(1).split()):
            continue
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            out.append(span.start)
    return out


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
    conjunct with that object; an organisation's acronym tagged as an adverb becomes a proper
    noun (the verb's subject where it stood for one); a speaker hung as an appositive on the noun
    before a sentence-final reporting verb becomes its subject."""
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
    for tok in doc:
        if _acronym_as_modifier(tok):
            # "USAID suspended aid": an agency's acronym the tagger took for an adverb
            tok.pos_, tok.tag_ = "PROPN", "NNP"
            if tok.dep_ in ("advmod", "npadvmod") and tok.i < tok.head.i and tok.head.pos_ in ("VERB", "AUX") \
                    and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.head.children):
                tok.dep_ = "nsubj"
    for sent in list(doc.sents):  # (the tree changes only inside a sentence)
        last = next((t for t in reversed(sent) if not (t.is_punct or t.is_space)), None)
        speaker = _stray_speaker(last) if last is not None else None
        if speaker is not None:
            speaker.head, speaker.dep_ = last, "nsubj"
    return doc


def _acronym_as_modifier(tok: Token) -> bool:
    """An all-capital name that the entity recognizer marks as an organisation, place or person
    but the tagger read as an adverb or adjective ("USAID" as "US-aid")."""
    return tok.pos_ in ("ADV", "ADJ", "X", "INTJ") and tok.is_upper and len(tok.text) >= 3 \
        and tok.text.isalpha() and tok.ent_type_ in ("ORG", "GPE", "PERSON", "NORP")


def _stray_speaker(verb: Token):
    """The speaker of a sentence-final reporting verb that the parser hung, as an appositive, on
    the noun before it: "... rallies against President Tokayev, RFE/RL's Kazakh Service reported."
    (Service -appos-> Tokayev; "reported" left without a subject). None when the parse is whole."""
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == verb.sent.start \
            or verb.dep_ not in ("ROOT", "advcl", "ccomp", "conj", "parataxis") \
            or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children):
        return None
    last = verb.doc[verb.i - 1]
    head = next((a for a in [last, *last.ancestors] if a.dep_ == "appos"), None)
    if head is None or head.right_edge.i != last.i or head.left_edge.i == 0 \
            or verb.doc[head.left_edge.i - 1].text != ",":
        return None
    return head
