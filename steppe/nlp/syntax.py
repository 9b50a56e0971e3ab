"""Small facts about the dependency parse that several stages read (coordination)."""
from __future__ import annotations

from spacy.tokens import Token


# Verbs that only report what their clause says ("X said ...", "Y told reporters ..."): the
# reported clause carries the event, and the reporting verb's subject speaks for the "we" in it.
REPORTING_LEMMAS = frozenset({"say", "tell", "add", "announce", "state", "declare", "claim", "insist",
                              "write", "report", "confirm", "note", "allege", "assert", "stress",
                              "reiterate", "affirm", "maintain", "argue", "explain", "emphasize",
                              "emphasise"})


def with_conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the tokens coordinated with it ("Uzbekistan, Kyrgyzstan and Turkmenistan")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.extend(with_conjuncts(c))
        elif c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN") and any(g.dep_ == "conj" for g in c.children):
            # "Mordor, the Shire, Fornost and Bree" misparsed as an apposition with conjuncts: a list
            out.extend(with_conjuncts(c))
        elif coordinated_modifier(c):
            # "Fornost and the evil Gondor" misparsed as a modifier of Gondor carrying the "and"
            out = with_conjuncts(c) + out
    return out


def coordinated_modifier(tok: Token) -> bool:
    """A proper-noun modifier to the left of its head that carries a coordination ("Fornost
    and the evil awful Gondor" parsed as Fornost <- nmod Gondor): a conjunct, not a modifier."""
    return (tok.dep_ in ("nmod", "compound") and tok.pos_ in ("PROPN", "NOUN") and tok.i < tok.head.i
            and any(g.dep_ == "cc" for g in tok.children))


def lemma_forms(tok: Token) -> tuple[str, ...]:
    """A word's lemma, then its surface forms with an inflection stripped: robust lookups when
    the small model's lemmatizer slips ("hopes" -> "hop", "staged" -> "stag")."""
    low = tok.lower_
    forms = [tok.lemma_.lower(), low]
    if low.endswith("s"):
        forms.append(low[:-1])
    if low.endswith("d"):
        forms.append(low[:-1])  # "staged" -> "stage", "agreed" -> "agree"
    if low.endswith("ed"):
        forms.append(low[:-2])  # "demanded" -> "demand"
        if len(low) > 4 and low[-3] == low[-4] and low[-3] not in "aeiou":
            forms.append(low[:-3])  # "teargassed" -> "teargas"
    return tuple(forms)


SUBJECT_DEPS = ("nsubj", "csubj", "expl")


def nearest_conjunct_subjects(verb: Token) -> list[Token]:
    """The subjects of a conjoined verb that has none of its own: those of the nearest conjunct
    before it that names its own ("the militants arrived ..., but police sentries posted there
    killed one of them": the sentries), else []. A passive conjunct's subject is its patient,
    never the next verb's agent."""
    if verb.dep_ != "conj" or verb.head.i == verb.i:
        return []
    head = verb.head
    for sib in sorted((c for c in head.children if c.dep_ == "conj" and c.i < verb.i
                       and c.pos_ in ("VERB", "AUX")), key=lambda c: -c.i):
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in sib.children):
            continue
        own = [c for c in sib.children if c.dep_ in SUBJECT_DEPS and c.pos_ != "AUX"]
        if own:
            return own
    return []

