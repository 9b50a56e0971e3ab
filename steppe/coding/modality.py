"""Is a trigger an asserted action? Negation, modals, conditionals, wishes, beliefs, intents.

``assess(token, lexicon)`` walks from the trigger up the dependency tree and returns a
``Modality``: ``asserted`` (code the action), ``intent`` (code the intent to act; also a future
reported or announced: "said it would", "announced it will"), ``attempted``
("tried to assassinate": coded when the act is violence, since the attack took place), or ``blocked`` with
the reason (negated, hypothetical, conditional, desire, belief, future-less-intent...).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Token

from steppe.coding import roles
from steppe.coding.lexicon import CodingLexicon
from steppe.nlp.syntax import lemma_forms

_CLAUSAL = {"xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "conj", "csubj", "dep", "oprd"}


@dataclass(frozen=True)
class Modality:
    status: str  # asserted | intent | threat | demand | reject | attempted | blocked
    reason: Optional[str] = None


ASSERTED = Modality("asserted")


def word_class(tok: Token, lex: CodingLexicon) -> str:
    """The modality class of a word, robust to lemmatizer slips ("hopes" -> "hop")."""
    m = lex.modality
    for form in lemma_forms(tok):
        if form in m:
            return m[form]
    return ""


def _modals(tok: Token, lex: CodingLexicon) -> list[str]:
    return [lex.modality.get(c.lower_, "") for c in tok.children
            if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD"]


def _negated(tok: Token) -> bool:
    """"did not arrest", "never met", "shares no border" (a negated object), "no one was
    arrested" (a negated subject)."""
    if any(c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and c.lower_ in ("no", "never"))
           for c in tok.children):
        return True
    if any(c.dep_ == "dobj" and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children)
           for c in tok.children):
        return True
    # a negated subject: "not a single activist has been arrested", "no one was detained"
    return any(c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in ("nobody", "none") or any(
        g.dep_ in ("det", "neg", "preconj") and g.lower_ in ("no", "not") for g in c.children))
        for c in tok.children)


def _modal_bearer(verb: Token) -> Token:
    """The verb whose auxiliaries a verb shares: a conjoined verb with none of its own shares its
    first conjunct's ("will accept the request and lift martial law": the lifting is promised too)."""
    cur = verb
    while cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX") and cur.head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ in ("aux", "auxpass") for c in cur.children):
        cur = cur.head
    return cur


def _conditional(tok: Token, lex: CodingLexicon) -> bool:
    """The clause is an if-clause, or the consequence of one ("If X, Russia will attack")."""
    if any(c.dep_ == "mark" and lex.modality.get(c.lower_) == "conditional" for c in tok.children):
        return True
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and lex.modality.get(m.lower_) == "conditional"
                                         for m in c.children) for c in tok.children)


def _hypothetical_modifier(mod: Token, lex: CodingLexicon) -> bool:
    """"the potential use of force" is hypothetical; "the strongest possible cooperation" is not."""
    if mod.dep_ != "amod" or lex.modality.get(mod.lower_) != "hypothetical":
        return False
    prev = mod.doc[mod.i - 1] if mod.i > 0 else None
    return not (prev is not None and prev.tag_ in ("JJS", "RBS"))


def _reporting_class(tok: Token, lex: CodingLexicon) -> str:
    """'speech' or 'announce' when the clause of ``tok`` is the content of a reporting verb."""
    cur = tok
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ in ("ccomp", "xcomp"):
        cls = word_class(cur.head, lex)
        if cls in ("speech", "announce"):
            return cls
    if cur.dep_ in ("ccomp", "advcl") and cur.head.lemma_ == "clear" and cur.head.head.lemma_ == "make":
        return "announce"  # "has made it clear it will not lift the ban": a stated position
    return ""


def _must(tok: Token, lex: CodingLexicon) -> bool:
    """"must"/"should" on a clause reported by a speech verb: "said Libya must hand over"."""
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("must", "should") for c in tok.children) \
        and bool(_reporting_class(tok, lex))


def _denied_report(cur: Token, head: Token, lex: CodingLexicon) -> bool:
    """``cur`` is what a denied report says: the clause of "denied reports that it had
    withdrawn", "refuted reports of withdrawing" (not a phrase inside it: "denied reports about
    the two members arrested in Kolkata" does not deny the arrest)."""
    if head.pos_ == "ADP" and cur.dep_ == "pcomp" and head.lower_ in ("of", "about"):
        cur, head = head, head.head
    elif cur.dep_ not in ("acl", "ccomp") or cur.pos_ not in ("VERB", "AUX"):
        return False
    return head.pos_ == "NOUN" and head.lemma_.lower() in lex.classes.get("hearsay_n", ()) \
        and head.head.i != head.i and head.head.lemma_.lower() in lex.classes.get("denial_v", ())


def _demanded_clause(trigger: Token, lex: CodingLexicon) -> str:
    """Why the clause of ``trigger`` is demanded of someone, or "": a clause below one that is
    reported with "must" ("said US forces must be ready to mediate", "must ensure security to
    allow ..."), or the that-clause of a demand ("reiterated its demand that Israel ease ...")."""
    cur = trigger
    for _ in range(5):
        rel, head = cur.dep_, cur.head
        if head.i == cur.i or rel not in ("xcomp", "acomp", "advcl", "conj", "ccomp"):
            return ""
        if rel == "ccomp" and any(c.dep_ == "dobj" and word_class(c, lex) == "demand" for c in head.children):
            return f"demanded ({head.lemma_} ... demand)"
        if rel == "ccomp" and word_class(head, lex) in ("speech", "announce"):
            return ""
        if head.pos_ in ("VERB", "AUX", "ADJ") and _must(head, lex):
            return "must under a reporting verb"
        cur = head
    return ""


def _under_speech(tok: Token, lex: CodingLexicon) -> bool:
    return bool(_reporting_class(tok, lex))


_SPANS = frozenset({"year", "decade", "month", "generation", "century"})


def _standing(tok: Token) -> bool:
    """A standing relation told as a habit over an open span: "has for years clashed with",
    "has long championed", "for decades fought": no one act (undated background is not coded).
    A counted span is a term, not a habit: "jailed for five years" stays an act."""
    head = tok.head
    if tok.dep_ == "relcl" and any(c.dep_ == "auxpass" and c.lower_ in ("is", "are") for c in tok.children) \
            and not any(c.lower_ == "being" for c in tok.children):
        return True  # "a party that is backed by Ablyazov", "militias that are funded by Iran": a state
    if tok.dep_ == "acl" and head.lemma_.lower() in _SPANS and head.head.lower_ == "for" and not any(
            d.dep_ == "nummod" or d.like_num for d in head.children):
        return True  # "has for years clashed" parsed as "for [years clashed]"
    for c in tok.children:
        if c.dep_ == "advmod" and c.lower_ == "long" and any(a.dep_ == "aux" and a.lemma_ == "have" for a in tok.children):
            return True
        if c.dep_ == "prep" and c.lower_ == "for":
            for g in c.children:
                if g.dep_ == "pobj" and g.tag_ == "NNS" and g.lemma_.lower() in _SPANS and not any(
                        d.dep_ == "nummod" or d.like_num for d in g.children):
                    return True
        if c.dep_ == "prep" and c.lower_ == "since" and any(a.dep_ == "aux" and a.lemma_ == "have" for a in tok.children) \
                and any(g.dep_ == "pobj" and g.like_num and len(g.text) == 4 for g in c.children):
            return True  # "since 1978, the US has provided Egypt with ...": a habit over decades
    return False


# the prepositions that introduce what an accusation alleges ("accused of", "blamed for", "over")
_CLAIM_PREPS = frozenset({"of", "for", "over", "about", "with"})

_OPEN_QUOTES = frozenset("\"'“‘")


def _imperative(trigger: Token) -> bool:
    """A base-form verb with no subject or auxiliary after a colon or opening a quotation
    ("chanting: 'arrest Yoon Suk Yeol'", '"Release them now," the crowd shouted'): a command,
    whoever gives it."""
    if trigger.tag_ != "VB" or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in trigger.children):
        return False
    doc = trigger.doc
    i = trigger.i - 1
    while i >= 0 and doc[i].text in _OPEN_QUOTES:
        i -= 1
    if i >= 0 and doc[i].text == ":":
        return True
    quoted = i < trigger.i - 1
    return quoted and (i < 0 or doc[i + 1].is_sent_start or doc[i].text == ",")


def assess(trigger: Token, lex: CodingLexicon) -> Modality:
    """The modality of the action that ``trigger`` denotes."""
    if trigger.pos_ in ("VERB", "AUX") and _standing(trigger):
        return Modality("blocked", "standing relation")
    # an event noun is negated with the verb that carries it: "did not hold talks", "will not
    # launch an offensive"
    negated = trigger if _negated(trigger) else (
        trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubjpass")
        and trigger.head.pos_ in ("VERB", "AUX") and _negated(trigger.head) else None)
    if negated is not None:
        if negated is not trigger and trigger.lemma_.lower() in lex.classes.get("permission_n", ()):
            return Modality("reject", f"withheld ({negated.lemma_} not)")  # "did not give permission for the rally"
        future = [c for c in negated.children if c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "wo")]
        cannot = any(c.dep_ == "aux" and c.lower_ in ("can", "ca") for c in negated.children)
        if (future and (_reporting_class(negated, lex) or negated.dep_ == "ROOT")) \
                or (cannot and _reporting_class(negated, lex) == "speech"):
            # "said it would not accept more refugees"; "Israel will not release prisoners"; "told
            # the UN it cannot accept any more refugees": the actor's stated position, relayed
            return Modality("reject", "refusal stated")
        return Modality("blocked", "negated")
    if _conditional(trigger, lex):
        if trigger.dep_ == "xcomp" and word_class(trigger.head, lex) == "intent":
            # "is willing to withdraw its troops if ...", "ready to talk if ...": a conditional
            # offer is an offer (the guidelines code the intent of a conditional act)
            return Modality("intent", f"conditional offer ({trigger.head.lemma_})")
        if any(c.dep_ == "aux" and c.tag_ == "MD" for c in trigger.children):
            # "will withdraw its force unless ...", "may halt mediation if ...": a threat or promise
            unless = any(m.lower_ == "unless" for c in trigger.children if c.dep_ == "advcl"
                         for m in c.children if m.dep_ == "mark")
            return Modality("threat" if unless else "intent", "conditional statement")
        return Modality("blocked", "conditional")
    if _imperative(trigger):
        return Modality("demand", "imperative")  # chanting "arrest Yoon": a demand, not an arrest
    status = "asserted"
    if trigger.pos_ == "VERB" and trigger.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in trigger.children) \
            and any(c.dep_ == "aux" and c.tag_ == "TO" for c in trigger.children):
        status = "intent"  # a headline's future: "Israel to release 50 prisoners", "Biden, Xi to meet"
    # "we will effect preventive arrests": the light verb's modal; not a possessed noun's, which
    # names its owner's own act ("we will accept the Assembly's request": the request was made)
    carrier = trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubjpass") \
        and not any(c.dep_ == "poss" for c in trigger.children) else trigger
    modals = [c for c in _modal_bearer(carrier).children if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD"]
    if carrier is not trigger:
        modals += [c for c in trigger.children if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD"]
    for md in modals:
        cls = lex.modality.get(md.lower_, "")
        reporting = _reporting_class(trigger, lex)
        if md.lower_ in ("must", "should") and reporting:
            return Modality("demand", f"{md.lower_} under a reporting verb")  # "said Libya must hand over"
        if md.lower_ in ("would", "will", "shall") and reporting in ("speech", "announce"):
            # "said it would release", "announced it will extend the curfew": a stated intention
            # or threat, not the act (guidelines: "announced that he would dissolve Congress" is 132)
            status = "intent"
        elif cls == "future":
            status = "intent"
        elif cls == "hypothetical":
            return Modality("blocked", "hypothetical")
    if trigger.pos_ == "NOUN" and any(_hypothetical_modifier(c, lex) for c in trigger.children):
        return Modality("blocked", "hypothetical")
    phrase = trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ == "compound" else trigger
    if trigger.pos_ == "NOUN" and phrase.dep_ in ("dobj", "nsubjpass") \
            and phrase.head.lemma_.lower() in lex.classes.get("stop", ()):
        # "ended their strike": the ending is the act (so is the blocking of "blocked the aid package")
        return Modality("blocked", f"ended ({phrase.head.lemma_})")
    stopped = next((c for c in trigger.children if c.dep_ == "amod" and c.tag_ == "VBN"
                    and c.lemma_.lower() in lex.classes.get("stop", ())), None) if trigger.pos_ == "NOUN" else None
    if stopped is not None:
        return Modality("blocked", f"ended ({stopped.lemma_})")  # "the suspended aid", "halted talks"
    demanded = _demanded_clause(trigger, lex)
    if demanded:
        return Modality("demand", demanded)
    cur = trigger
    while cur.head.i != cur.i:
        rel, head = cur.dep_, cur.head
        if cur.i != trigger.i and _conditional(cur, lex):
            return Modality("blocked", "conditional")
        if _conditional(cur, lex):
            return Modality("blocked", "conditional")
        if rel == "relcl":
            break  # a relative clause asserts its own content ("the policemen who killed X")
        cls = word_class(head, lex)
        if _denied_report(cur, head, lex):
            return Modality("blocked", f"denied ({head.head.lemma_} {head.text})")  # "denied reports that it had withdrawn"
        if cls == "inference" and any(c.dep_ == "nsubj" and c.lemma_.lower() in lex.classes.get("evidence_n", ())
                                      for c in head.children):
            # the author's inference, not a report: "signs point to the trip having been brokered"
            return Modality("blocked", "inference")
        if rel in ("xcomp", "ccomp", "acl", "pcomp") and head.pos_ in ("VERB", "AUX", "NOUN", "ADJ") \
                and _negated(head):
            if head.lemma_.lower() in lex.classes["commitments"] and rel == "xcomp":  # "did not agree to meet": a refusal
                return Modality("reject", f"refused ({head.lemma_})")
            return Modality("blocked", "negated")  # "had not decided to close the border"
        if rel in _CLAUSAL or rel in ("pobj", "dobj", "prep", "nsubj", "nsubjpass", "attr", "acomp"):
            if rel in ("ccomp", "acl") and cls == "demand":
                return Modality("demand", f"demanded ({head.lemma_})")  # "its demand that Israel ease"
            if rel in ("nsubj", "nsubjpass") and trigger.pos_ == "NOUN" and cur.pos_ == "NOUN" \
                    and "hypothetical" in _modals(head, lex):
                return Modality("blocked", "hypothetical")  # "a second wave of releases could see 100 go free"
            if rel == "dobj" and cur.i == trigger.i and trigger.pos_ == "NOUN" and cls == "demand":
                # "demanded the arrest of the soldiers": the demand is the verb's event; the act
                # demanded did not happen
                return Modality("blocked", f"demanded ({head.lemma_})")
            if rel == "advcl" and cls in ("desire", "demand", "directive") and roles.for_to_clause(cur):
                # "called for Iran to release the prisoners": what is asked for, not done
                return Modality("demand" if cls == "demand" else "blocked", f"asked for ({head.lemma_})")
            if rel == "advcl" and cls == "intent" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
                return Modality("intent", f"intent ({head.lemma_})")  # "have sworn to fight" parsed as advcl
            if (rel in ("xcomp", "ccomp") or (rel == "acl" and head.pos_ == "NOUN")) and cls == "directive":
                # the order, not the act: "ordered troops to fire", "an ultimatum to surrender"
                return Modality("blocked", f"ordered ({head.lemma_})")
            if rel in ("xcomp", "ccomp", "acl", "pcomp", "acomp", "prep", "pobj", "dobj", "oprd"):
                if cls == "desire" and not (head.lemma_ == "have" and head.tag_ in ("VBD", "VBN") and rel == "dobj"):
                    # (have is an obligation, "have to", or possession, "has a deal"; "had talks
                    # with", "had lunch with" is the act)
                    if head.lemma_.lower() in lex.classes.get("attempt", ()) and rel in ("xcomp", "acl"):
                        return Modality("attempted", f"attempted ({head.lemma_})")  # "tried to kill"
                    return Modality("blocked", "desire")
                if cls == "belief" and rel in ("ccomp", "xcomp"):
                    return Modality("blocked", "belief")
                if cls == "hypothetical" and rel in ("ccomp", "xcomp") and head.pos_ in ("ADJ", "VERB"):
                    return Modality("blocked", "hypothetical")  # "are likely to be arrested"
                if cls == "claim" and not (rel == "prep" and cur.lower_ not in _CLAIM_PREPS):
                    # "accused the government of persecuting its critics", "blamed X for the attack"
                    # (not a phrase that frames the accusing: "at a rally ..., Guaido accused Maduro")
                    return Modality("blocked", "alleged")
                if cls == "denial" and (rel == "ccomp" or cur.i == trigger.i or cur.lemma_.lower() in lex.classes.get(
                        "permission_n", ())):
                    # "denied that it had attacked the village", "denied the arrests", "denied
                    # permission for the rally" (not "denied involvement in the attack": the attack happened)
                    return Modality("blocked", f"denied ({head.lemma_})")
                planned = rel == "dobj" and cur.i == trigger.i and trigger.pos_ == "NOUN" \
                    and trigger.lemma_.lower() not in lex.classes.get("feeling_n", ())  # "preparing an offensive"
                # (not "offering his condolences": offering a feeling expresses it)
                if cls == "intent" and (rel in ("xcomp", "acl", "pcomp") or head.pos_ == "ADJ" or planned):
                    return Modality("intent", f"intent ({head.lemma_})")
                if cls in ("speech", "announce") and rel == "ccomp":
                    break  # reported content keeps its own status
            if rel in ("xcomp", "ccomp", "conj", "acl", "pcomp") and head.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
                if _negated(head) and rel != "conj":
                    return Modality("blocked", "negated")
                hm = _modals(head, lex)
                if "hypothetical" in hm and not _under_speech(head, lex):
                    return Modality("blocked", "hypothetical")
        cur = head
    if status == "intent":
        return Modality("intent", "future")
    return ASSERTED
