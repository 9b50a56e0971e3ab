"""Who does it and to whom: source and target heads of a trigger from the dependency parse."""
from __future__ import annotations

from typing import Iterator, Optional

from spacy.tokens import Token

from steppe.nlp.syntax import coordinated_modifier, nearest_conjunct_subjects, with_conjuncts  # noqa: F401  (re-exported)

# Prepositions that introduce the recipient of an action, in order of preference.
TARGET_PREPS = ("against", "with", "on", "to", "toward", "towards", "from", "for", "at", "into",
                "over", "upon", "of", "between", "among", "across", "throughout")
# Verbs whose object is the subject of their open complement ("allow X to use", "urge X to").
OBJECT_CONTROL = {"allow", "permit", "ask", "urge", "tell", "order", "force", "prompt", "persuade",
                  "invite", "encourage", "enable", "help", "require", "call"}
SUBJ = ("nsubj", "csubj", "expl")
# Verbs and nouns whose conjoined subjects act on each other ("X and Y met", "talks between").
RECIPROCAL = {"meet", "talk", "negotiate", "confer", "consult", "sign", "clash", "fight", "agree",
              "cooperate", "meeting", "talks", "talk", "negotiation", "summit", "discuss",
              "exchange"}  # (WordNet exchange.v.01 "give to, and receive from, one another")


def reciprocal_object(verb: Token) -> bool:
    """Whether the verb acts on "each other" / "one another" (directly or through a preposition):
    "X and Y accused each other", "fired at one another"."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    objs += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for o in objs:
        if o.lower_ == "other" and any(d.lower_ == "each" for d in o.children):
            return True
        if o.lower_ == "another" and any(d.lower_ == "one" for d in o.children):
            return True
    return False


def is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    return reduced_passive(verb)


def reduced_passive(verb: Token) -> bool:
    """A participle modifying a noun or clause: "Ablyazov, accused of abuse of power", "the
    arrested activists"."""
    return (verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl", "amod")
            and not any(c.dep_ in ("aux", "nsubj", "dobj") for c in verb.children))


def existential(noun: Token) -> bool:
    """The noun an existential "there" introduces ("there were protests in Almaty", "there have
    been clashes"): it stands as its clause's subject."""
    return noun.dep_ == "attr" and noun.head.lemma_ == "be" and any(
        c.dep_ == "expl" for c in noun.head.children)


# Documents a passive act is done in, whose sender is its agent ("was announced in a letter from
# the ministry", "was ordered in a decree from the president")
DOCUMENTS = frozenset({"letter", "statement", "decree", "order", "notice", "circular", "communique",
                       "communiqué", "memo", "memorandum", "directive"})


def agent_heads(verb: Token) -> list[Token]:
    """The agent of a passive verb: its by-phrase, else the sender of the document it was done in."""
    for c in verb.children:
        if c.dep_ == "agent":
            return [g for g in c.children if g.dep_ == "pobj"]
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "through", "via", "by"):
            for doc in (g for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in DOCUMENTS):
                # ("a letter to universities from the ministry": the parser may hang it on the addressee)
                sender = [g for p in doc.subtree if p.dep_ == "prep" and p.lower_ == "from"
                          and p.head.pos_ in ("NOUN", "PROPN") for g in p.children if g.dep_ == "pobj"]
                if sender:
                    return sender
    return []


def subjects_on_auxiliary(verb: Token, deps=SUBJ) -> list[Token]:
    """A parse slip: the subject hung on the verb's auxiliary ("Qatar is mediating": Qatar <-nsubj- is;
    "Kazakhstan is committed to": Kazakhstan <-nsubj- is)."""
    return [g for c in verb.children if c.dep_ in ("aux", "auxpass") for g in c.children if g.dep_ in deps]


def subject_heads(verb: Token, depth: int = 0) -> list[Token]:
    """The subject of a verb, inherited along conj/xcomp/advcl/relcl/acl where it is implicit."""
    if depth > 6:
        return []
    if depth > 0 and verb.pos_ in ("NOUN", "PROPN"):
        # reached a noun from a clause below it ("the U.N.'s commitment to supporting Lebanon",
        # "reiterated its commitment to ..."): whose the noun is, else the subject of its verb
        mods = [c for c in verb.children if c.dep_ in ("poss", "compound", "nmod")
                or (c.dep_ == "amod" and (c.pos_ == "PROPN" or c.text[:1].isupper()))]
        if mods:
            return [mods[-1]]
        if verb.dep_ in ("dobj", "pobj") and verb.head.i != verb.i:
            return subject_heads(verb.head, depth + 1)
        return []
    if is_passive(verb):  # the parser sometimes labels a passive subject nsubj
        return agent_heads(verb)
    subs = [c for c in verb.children if c.dep_ in SUBJ and c.pos_ != "AUX"]
    # "The Red Cross operating in Iraq said": a participle misparsed as the subject, its own
    # subject the real one
    subs = [next((g for g in c.children if g.dep_ == "nsubj"), c) if c.tag_ == "VBG" else c for c in subs]
    head, rel = verb.head, verb.dep_
    if subs and rel == "relcl" and all(s.tag_ in ("WP", "WDT") for s in subs):
        return [head]  # "the policemen who killed X": the relative pronoun stands for its noun
    if subs and rel == "conj" and all(s.tag_ in ("WP", "WDT") for s in subs):
        # "Han, who was present for the vote and who has clashed with Yoon": a second relative
        # clause conjoined to the first stands for the same noun
        first = head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.dep_ == "relcl":
            return [first.head]
    if subs:
        return subs
    subs = subjects_on_auxiliary(verb)
    if subs:
        return subs
    if head.i == verb.i:
        return []
    if rel == "conj":
        if head.lemma_ in OBJECT_CONTROL and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            # "prompting Maduro ... to break relations": an open complement parsed as a conjunct
            objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if objs:
                return objs
        # the nearest conjunct before it that names its own subject, else the first conjunct's
        own = nearest_conjunct_subjects(verb)
        if own:
            return own
        return subject_heads(head, depth + 1) if not is_passive(head) else agent_heads(head)
    if rel == "xcomp":
        if head.lemma_ in OBJECT_CONTROL:
            objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if objs:
                return objs
        return subject_heads(head, depth + 1)
    if rel == "dep" and head.pos_ == "VERB" and head.tag_ in ("VBN", "VBD"):
        # a parse slip: "police sentries posted there killed one of them" (killed -dep-> posted)
        return subject_heads(head, depth + 1)
    if rel in ("advcl", "pcomp", "pobj", "acomp", "attr", "oprd"):
        return subject_heads(head, depth + 1)
    if rel == "relcl":
        return [head]
    if rel == "acl":
        # "the decision to allow": the decider is the noun's possessor or nationality modifier
        if head.pos_ in ("NOUN", "PROPN"):
            # a common adjective says what kind of statement it is ("a joint statement
            # criticising ..."); a possessor, name or nationality says whose it is
            mods = [c for c in head.children if c.dep_ in ("poss", "compound", "nmod")
                    or (c.dep_ == "amod" and (c.pos_ == "PROPN" or c.text[:1].isupper()))]
            if mods:
                return [mods[-1]]
            return subject_heads(head.head, depth + 1) if head.head.i != head.i else []
        return [head]
    if rel == "prep":
        return subject_heads(head, depth + 1)
    return []


def prep_objects(tok: Token, preps=TARGET_PREPS) -> Iterator[tuple[str, Token]]:
    """(preposition, object) pairs below ``tok``, in the order of ``preps``."""
    found = {}
    for c in tok.children:
        if c.lower_ == "to" and any(g.lower_ == "according" for g in c.children) or (
                c.lower_ == "according"):
            continue  # "according to health authorities": who reports it, not a participant
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            for g in c.children:
                if g.dep_ == "pobj":
                    found.setdefault(c.lower_, g)
                elif g.dep_ == "prep" and g.lower_ in ("of",):  # "out of"
                    for h in g.children:
                        if h.dep_ == "pobj":
                            found.setdefault(c.lower_, h)
    for p in preps:
        if p in found:
            yield p, found[p]


def object_heads(verb: Token) -> list[Token]:
    if reduced_passive(verb):
        return [verb.head] if verb.dep_ in ("acl", "amod") else subject_heads(verb.head)
    if is_passive(verb):
        subs = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")] or [
            # "80 workers were on Wednesday taken into custody": the subject hung on the auxiliary
            g for c in verb.children if c.dep_ in ("auxpass", "aux") for g in c.children
            if g.dep_ in ("nsubjpass", "nsubj")]
        if subs and verb.dep_ == "relcl" and all(s.tag_ in ("WP", "WDT") for s in subs):
            return [verb.head]  # "the terrorists who were shot dead"
        return subs or (
            subject_heads(verb.head) if verb.dep_ == "conj" and is_passive(verb.head) else [])
    objs = [c for c in verb.children if c.dep_ in ("dobj", "dative", "attr", "oprd")]
    # "vetoed a Security Council resolution censuring ...": a participle misparsed as the
    # object, the noun before it the real one
    objs = [next((g for g in c.children if g.dep_ in ("compound", "nsubj") and g.pos_ in ("NOUN", "PROPN")), c)
            if c.tag_ == "VBG" else c for c in objs]
    if not objs and verb.dep_ == "conj":
        # "were detained ... and sent back": a conjoined passive shares the first verb's subject
        head = verb.head
        if is_passive(head):
            objs = [c for c in head.children if c.dep_ == "nsubjpass"]
    return objs


def complement_subject(verb: Token) -> Optional[Token]:
    """Subject of the clausal complement: "allow [the US] to use" parsed as ccomp/xcomp nsubj, and
    of a for-to complement ("called for [Iran] to release", parsed as an adverbial clause)."""
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp") or for_to_clause(c):
            for g in c.children:
                if g.dep_ == "nsubj":
                    return g
    return None


def for_to_clause(clause: Token) -> bool:
    """A clause "for X to do Y" below a verb ("pushed for Congress to update the law"): the parser
    makes it an adverbial clause marked by "for"; it is the verb's complement, what is asked for."""
    return clause.dep_ in ("advcl", "ccomp", "xcomp") and any(
        m.dep_ == "mark" and m.lower_ == "for" for m in clause.children) and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in clause.children)


def noun_source_heads(noun: Token) -> list[Token]:
    """Possessor or nationality modifier of an event noun ("Kazakhstan's support", "Russian attack")."""
    return [c for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod")
            and c.pos_ in ("PROPN", "NOUN", "ADJ", "PRON")]


def stray_dative(verb: Token) -> Optional[Token]:
    """The object of a "to" phrase the parser hung inside the direct object's phrase instead of on
    the verb: "returned dozens of artifacts to the Embassy of El Salvador" (to under "artifacts"),
    "returned 12 skulls that date back to A.D. 640 to Peru" (a second "to" on the clause inside).
    Only a name counts (a proper noun, or a noun with a proper or national modifier: "to Russian
    authorities"); None when there is none."""
    found = None
    for o in (c for c in verb.children if c.dep_ == "dobj"):
        for t in o.subtree:
            if t.dep_ != "prep" or t.lower_ != "to" or t.i == o.i:
                continue
            second = t.head.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "prep" and c.lower_ == "to" and c.i < t.i for c in t.head.children)
            if t.head.pos_ in ("VERB", "AUX") and not second:
                continue  # the inner verb's own "to" ("date back to")
            g = next((g for g in t.children if g.dep_ == "pobj"), None)
            if g is not None and (g.pos_ == "PROPN" or any(c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "GPE")
                                                         for c in g.children)):
                found = g
    return found
