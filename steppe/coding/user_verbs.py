"""Events from a user's PETRARCH verb dictionary match (``steppe code --verbs FILE``).

The dictionary gives the code (``VerbMatch``); roles come from the pattern's ``$`` / ``+`` / ``%``
positions where it marks them, otherwise from steppe's own role finding (subjects, passive
agents, objects, prepositional targets), as for steppe's own verb patterns. The dictionary's code
is kept as written: negation and other context words are the dictionary's business when its
pattern's words before the verb cover the negation, modal or condition (``WILL NOT *``); otherwise
steppe's modality check still drops negated, hypothetical, conditional and wished events.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Protocol

from spacy.tokens import Token

from steppe.coding import roles
from steppe.coding.candidate import Candidate
from steppe.coding.modality import assess
from steppe.coding.petrarch_verbs import NULL_CODE, VerbMatch
from steppe.coding.lexicon import CodingLexicon
from steppe.records import Actor


class VerbCoder(Protocol):
    """What user verb dictionaries code through: the sentence coder's role finding and event
    making (``steppe.coding.coder.SentenceCoder`` provides it)."""

    lex: CodingLexicon

    def find_actors(self, toks, heads, conj: bool = True) -> list[Actor]: ...

    def emit(self, trig, code, pat, mod, sources, targets, conf, sent_index, *args, **kwargs) -> list[Candidate]: ...

    def circumstance_agent(self, verb: Token, heads, roots: Optional[list[Token]] = None) -> list[Actor]: ...

    def speaker(self, verb: Token, pron: Optional[Token], heads) -> list[Actor]: ...

    def targets(self, verb: Token, heads, sources: list[Actor] = (), foreign: bool = False) -> list[Actor]: ...


@dataclass(frozen=True)
class _Why:
    """Stands in for a ``Pattern`` in ``VerbCoder.emit`` (only ``describe`` is used)."""

    text: str
    conditions: tuple = ()

    def describe(self) -> str:
        return self.text


def _clause_subject_actors(sc: VerbCoder, verb: Token, heads, exclude: set[str]) -> list[Actor]:
    """The subject of a clause above ``verb`` ("Gondor's minister noted that X regretted ..."),
    for patterns whose ``+`` took the verb's own subject as the target."""
    cur = verb
    for _ in range(4):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            acts = [a for a in sc.find_actors(roles.subject_heads(cur), heads) if a.code not in exclude]
            if acts:
                return acts
    return []


def verb_events(sc: VerbCoder, verb: Token, m: VerbMatch, heads, sent_index: int) -> list[Candidate]:
    """Candidates for one verb the user's dictionary matched."""
    paired = m.paired if m.paired and m.paired != NULL_CODE else None
    if m.code == NULL_CODE and paired is None:
        return []
    mod = assess(verb, sc.lex)
    if mod.status == "blocked" and not _context_in_pattern(verb, m):
        return []
    why = _Why(f"verbs {m.pattern} -> {m.code}{':' + m.paired if m.paired else ''}")
    conf = 0.85 if "- " in m.pattern else 0.75
    if m.compound_hint is not None:  # "% HAVE *": the compound's members act on each other
        members = sc.find_actors([m.compound_hint], heads)
        pairs = [(a, b) for a in members for b in members if a.code != b.code]
        out = []
        for a, b in pairs:
            if m.code != NULL_CODE:
                out.extend(sc.emit(verb, m.code, why, mod, [a], [b], conf, sent_index))
            if paired:
                out.extend(sc.emit(verb, paired, why, mod, [b], [a], conf, sent_index))
        if out:
            return out
    sources = _hint_actors(sc, m.source_hint, heads)
    targets = _hint_actors(sc, m.target_hint, heads)
    if m.source_hint is None:
        src_heads = roles.subject_heads(verb)
        if roles.is_passive(verb) and verb.dep_ != "conj":
            src_heads = roles.agent_heads(verb)
        sources = sc.find_actors(src_heads, heads)
        if not sources and roles.is_passive(verb):
            sources = sc.circumstance_agent(verb, heads)
        if src_heads and all(h.pos_ == "PRON" for h in src_heads):
            sources = sc.speaker(verb, src_heads[0], heads) or sources
        if targets and {a.code for a in sources} <= {a.code for a in targets}:
            sources = _clause_subject_actors(sc, verb, heads, {a.code for a in targets})
    if m.target_hint is None:
        targets = sc.targets(verb, heads, sources)
        cs = roles.complement_subject(verb)
        if targets and cs is not None and cs.i < verb.i:
            # "X is about to restore ..., an official said": the reported clause comes before the
            # speech verb; PETRARCH's target is in the verb's own phrase, after it
            reported = {a.code for a in sc.find_actors([cs], heads)}
            targets = [a for a in targets if a.code not in reported]
        targets = targets or _first_actor_after(sc, verb, m, heads, sources)
        if m.source_hint is not None:
            own = {a.code for a in sources}
            targets = [a for a in targets if a.code not in own]
            if not targets:  # "$" took the subject's place: the subject is the other party
                targets = [a for a in sc.find_actors(roles.subject_heads(verb), heads) if a.code not in own]
    if not targets and len(sources) > 1 and paired:
        # [A:B] with a compound subject and no other party: "Gondor and Osgiliath have renewed
        # diplomatic ties" -- each member towards the others
        out = []
        for a in sources:
            for b in sources:
                if a.code != b.code:
                    out.extend(sc.emit(verb, paired if m.code == NULL_CODE else m.code, why, mod,
                                        [a], [b], conf, sent_index))
        if out:
            return out
    out = sc.emit(verb, m.code, why, mod, sources, targets, conf, sent_index) if m.code != NULL_CODE else []
    if paired:
        # [A:B]: B from the target back to the source ("left for Gondor": Gondor receives the
        # visit); [:B] codes only that
        for c in sc.emit(verb, paired, why, mod, targets, sources, conf, sent_index):
            if c.source is not None and c.target is not None:
                out.append(c)
    return out


def _first_actor_after(sc: VerbCoder, verb: Token, m: VerbMatch, heads, sources) -> list[Actor]:
    """PETRARCH's target when the parse names none: the first actor after the verb in its
    phrase ("condemned an attack by Osgiliath soldiers", "cordoned off the roads leading into
    Mordor", "expressed hopes that Osgiliath ..."), with its conjuncts."""
    own = {a.code for a in sources}
    end = max(m.verb_tokens[1], verb.i + 1)
    for t in sorted(verb.subtree, key=lambda t: t.i):
        if t.i < end or t.i not in heads:
            continue
        acts = [a for a in sc.find_actors([t], heads) if a.code not in own]
        if acts:
            return acts
    return []


_CONTEXT_WORDS = {"not", "n't", "never", "no", "neither", "nor", "if", "unless"}


def _context_in_pattern(verb: Token, m: VerbMatch) -> bool:
    """Whether the pattern's words before the verb cover a negation, modal or condition word
    ("WILL NOT *", "&NEGAUX *"): the dictionary coded that context itself."""
    s, e = m.upper_span
    return any(t.dep_ == "neg" or t.tag_ == "MD" or t.lower_ in _CONTEXT_WORDS for t in verb.doc[s:e])


def _hint_actors(sc: VerbCoder, hint: Optional[Token], heads) -> list[Actor]:
    if hint is None:
        return []
    return sc.find_actors([hint], heads)
