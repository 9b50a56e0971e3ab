"""Verb and noun patterns matched on the parse: the conditions of steppe/data/coding/verbs.tsv
and nouns.tsv (particle, preposition, object class, complement, governing word, subtree)."""
from __future__ import annotations

from typing import Iterator, Optional

from spacy.tokens import Token

from steppe.coding import roles
from steppe.coding.lexicon import CodingLexicon, Condition, Pattern
from steppe.nlp.syntax import lemma_forms


def _in_class(word: str, value: str, lex: CodingLexicon) -> bool:
    if value == "*":
        return True
    if value.startswith("@"):
        return word in lex.classes.get(value[1:], ())
    return word == value


# what a verb can take besides its subject
_ARGUMENTS = ("dobj", "dative", "iobj", "xcomp", "ccomp", "prep", "advcl", "attr", "oprd", "prt", "agent")


def _holds(cond: Condition, tok: Token, lex: CodingLexicon) -> bool:
    kind, value = cond.kind, cond.value
    if kind == "passive":
        return roles.is_passive(tok)
    if kind == "active":
        return not roles.is_passive(tok)
    if kind == "alone":  # no object, clause, phrase or person addressed: "Mendeloff asked."
        return not any(c.dep_ in _ARGUMENTS for c in tok.children)
    if kind in ("posstarget", "victim"):
        return True  # flags read by the coder, not tests
    if kind == "prt":
        return any(c.dep_ in ("prt", "advmod") and c.lower_ == value for c in tok.children)
    if kind == "prep":  # a time phrase ("agreed on Saturday") is not the verb's argument
        # (nor is a phrase the parser hung on the direct object: "returned an ancient sculpture to
        # Algeria" is returned ... to Algeria; an event noun's phrase may hang on its light verb:
        # "had lunch with Macron")
        heads = [tok] + ([tok.head] if tok.pos_ == "NOUN" and tok.dep_ == "dobj"
                         and lemma_in(tok.head, lex.classes.get("light", frozenset())) else [])
        return any(c.dep_ in ("prep", "dative", "agent") and c.lower_ == value and not _temporal(c, lex)
                   for h in heads for c in h.children) or any(
            g.dep_ == "prep" and g.lower_ == value and value in _DATIVE_PREPS
            for c in tok.children if c.dep_ == "dobj" for g in c.children) or (
            value in _DATIVE_PREPS and roles.stray_dative(tok) is not None) or (
            value == "for" and any(roles.for_to_clause(c) for c in tok.children))  # "called for Iran to release"
    if kind == "obj":
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
        objs += [x for o in objs for x in o.conjuncts]  # "distributed tents, food and medicine"
        if not objs:  # "declared a state of siege to begin at midnight": the object parsed as the to-clause's subject
            objs = [g for c in tok.children if c.dep_ in ("ccomp", "xcomp")
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                    for g in c.children if g.dep_ == "nsubj"]
        # "25,000 tons of food aid": a measure noun's of-object is the real object
        # (not an event noun's: "a meeting of officials was held" holds a meeting, not officials)
        # (and its conjuncts: "a team of medical experts, equipment and drugs")
        # (and a sum's in-object: "20 million euros in emergency aid", "$3 billion in loans")
        objs += [x for o in objs if o.lemma_.lower() not in lex.nouns for c in o.children
                 if c.dep_ == "prep" and (c.lower_ == "of" or (c.lower_ == "in" and _sum(o)))
                 for g in c.children if g.dep_ == "pobj" for x in (g, *g.conjuncts)]
        if value == "@place":  # a named town, region or country ("took over Kirkuk")
            return any(o.ent_type_ in ("GPE", "LOC", "FAC") for o in objs)
        if value == "@named":  # "called Lavrov", "called the minister": a person or body named
            return any(o.pos_ == "PROPN" or o.lemma_.lower() in lex.classes.get("person_words", ()) for o in objs)
        return any(_in_class(o.lemma_.lower(), value, lex) or any(
            _in_class(c.lemma_.lower(), value, lex) for c in o.children if c.dep_ in ("compound", "amod"))
            for o in objs)
    if kind == "head":  # the direct object's own word, without its modifiers or of-phrase ("the health needs of people": needs)
        return any(_in_class(c.lemma_.lower(), value, lex) for c in tok.children if c.dep_ in ("dobj", "nsubjpass"))
    if kind == "gov":  # (through a carrier noun: "sent a condolence message" is sent condolences)
        gov = tok.head.head if tok.dep_ == "compound" and tok.head.lemma_.lower() in lex.classes.get(
            "carrier_nouns", ()) else tok.head
        return _in_class(gov.lemma_.lower(), value, lex) and gov.i != tok.i
    if kind == "xcomp":  # ("*": any clause, a verb; "considers the opposition a terrorist group" has none)
        return any(c.dep_ in ("xcomp", "ccomp") and _in_class(c.lemma_.lower(), value, lex)
                   and (value != "*" or c.pos_ in ("VERB", "AUX")) for c in tok.children)
    if kind == "that":  # a finite clause below the verb ("agree with X that Y should", "agree that ...")
        clauses = [c for c in tok.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")
                   and not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
        # (the parser may hang it on the preposition's object, as a "relative clause" marked by "that")
        clauses += [r for p in tok.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"
                    for r in g.children if r.dep_ == "relcl"
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in r.children)]
        return any(_in_class(c.lemma_.lower(), value, lex) for c in clauses)
    if kind == "pred":  # a secondary predicate: "left two dead", "was found dead" (not a to-clause:
        # "called Lavrov to discuss Syria" says why, not what he was called)
        return any(c.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and _in_class(c.lemma_.lower(), value, lex)
                   and not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                   or c.dep_ == "dobj" and any(g.dep_ == "amod" and _in_class(g.lemma_.lower(), value, lex)
                                               for g in c.children)  # "left one dead" as amod
                   for c in tok.children)
    if kind == "pobj":
        return any(g.dep_ == "pobj" and _in_class(g.lemma_.lower(), value, lex)
                   for c in tok.children if c.dep_ == "prep" for g in c.children)
    if kind == "purpose":  # a to-clause of purpose: "called Lavrov to discuss Syria"
        return any(c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                   and _in_class(c.lemma_.lower(), value, lex) for c in tok.children)
    if kind == "subj":  # the subject's head, or what a measure subject counts ("hundreds of protesters")
        subs = roles.subject_heads(tok) if not roles.is_passive(tok) else []
        subs += [g for s in subs for c in s.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"]
        return any(_in_class(s.lemma_.lower(), value, lex) for s in subs)
    if kind == "sub":
        return any(_in_class(t.lemma_.lower(), value, lex) for t in clause_tokens(tok) if t.i != tok.i)
    return False


def _sum(tok: Token) -> bool:
    """A sum of money or a counted amount: "$50 million", "20 million euros"."""
    return tok.tag_ == "$" or tok.pos_ == "NUM" or any(c.dep_ == "nummod" for c in tok.children)


# prepositions of a recipient or destination, which the parser often hangs on the object
_DATIVE_PREPS = frozenset({"to"})


def lemma_in(tok: Token, words: frozenset[str]) -> bool:
    """Whether a verb's lemma is in ``words``, robust to lemmatizer slips ("staged" -> "stag")."""
    return any(f in words for f in lemma_forms(tok))


def clause_tokens(root: Token) -> Iterator[Token]:
    """The subtree of ``root`` without the clauses coordinated with it: in "a woman was burnt
    and a youth perished in police firing" the firing is not in the burning's clause."""
    stack = [root]
    while stack:
        t = stack.pop()
        yield t
        stack.extend(c for c in t.children
                     if not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and t.pos_ in ("VERB", "AUX")))


def _temporal(prep: Token, lex: CodingLexicon) -> bool:
    return any(g.dep_ == "pobj" and (g.ent_type_ in ("DATE", "TIME") or g.lower_ in lex.classes["time_words"])
               for g in prep.children)




def match_pattern(tok: Token, patterns: tuple[Pattern, ...], lex: CodingLexicon) -> Optional[Pattern]:
    for pat in patterns:
        if all(_holds(c, tok, lex) for c in pat.conditions):
            return pat
    return None


# Prepositions that put an event noun in the frame of the clause's subject ("After talks with X, Y ...").
