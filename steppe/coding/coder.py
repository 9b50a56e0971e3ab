"""The event coder: triggers (verbs and event nouns) with source, target and CAMEO code.

For each sentence: find triggers whose lemma has patterns; pick the first pattern whose
conditions hold on the parse; check modality (negated, hypothetical, wished... are not coded);
find source and target heads from the parse; resolve them to actors; emit one candidate per
(source, target) pair, conjunctions expanded.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from spacy.tokens import Span, Token

from steppe.actors.resolve import ArticleActors, as_place, is_locative
from steppe.coding.dyad import is_guessed
from steppe.coding.candidate import Candidate  # noqa: F401  (its own module: user_verbs needs it, not this one)
from steppe.coding import roles
from steppe.coding.cameo import is_violent, quad_class_for_root
from steppe.coding.lexicon import NO_EVENT, CodingLexicon, Pattern
from steppe.coding.modality import Modality, assess, word_class
from steppe.coding.patterns import clause_tokens, lemma_in, match_pattern
from steppe.nlp.syntax import REPORTING_LEMMAS, lemma_forms
from steppe.records import Actor


# Event families whose noun takes its source from a from-phrase: what is said, asked, offered or
# refused comes from someone ("condemnation from the UN", "calls from Washington", "support from
# China"); for the others "from" names a place or what is left ("withdrawal from Kabul").
_STANCE_ROOTS = {"01", "02", "03", "04", "05", "06", "07", "10", "11", "12", "13", "16"}
# Families whose acts are coded even when the text names no agent: coercion and violence done to
# someone ("hundreds were detained", "seven were killed by gunfire") still say what happened to
# whom. A statement, appeal, offer, visit or concession with no one making it is coded only as the
# sentence's main act; in a subordinate clause it is a side reading (on real news, 1 in 40 such
# predictions matched an expert's event).
SOURCELESS_ROOTS = {"17", "18", "19", "20"}
# Stances on an act (criticise, accuse, reject, protest): "condemned the actions" is aimed at the
# agent of the act told before.
_STANCE_ON_ACTS = {"11", "12", "14"}
_DEMAND_ROOT = "10"
# Acts done to someone that others condemn or demand be undone (coerce, assault, fight, mass violence)
_COERCIVE_ROOTS = {"17", "18", "19", "20"}
_MATERIAL_CONFLICT_ROOTS = {"15", "16", "17", "18", "19", "20"}  # QuadClass 4
# Families whose object is often the source's own forces, sent or shown: aid (07: "sent troops to
# Syria") and force posture (15: "deployed troops to the border").
_MEANS_ROOTS = {"06", "07", "15"}  # (06: "joined forces with Germany": its forces are how it cooperates)
_MEDIATION = "045"  # CAMEO 045 mediate
# "similar statements", "the same step": the act just told, done again by others
_ECHO_ADJECTIVES = {"similar", "same", "identical", "like"}
# Prepositions whose object, a decision or act of someone's (classes stance_obj, seat_n), makes
# that someone the target: "protested against the government's decision", "appealed against the
# court's ruling"; and the places a protest is held that name whom it addresses.
_OWNER_PREPS = ("against",)
_PROTEST_SITES = ("outside", "near", "in", "at")
# prepositions of extent: the area an act spread over ("protests across the country")
_SPREAD_PREPS = ("across", "throughout")
# Families whose acts are coded with no recipient named: intentions, aid, yielding ("resigned",
# "withdrew its troops"), protests, force postures, coercion and violence. A statement, appeal,
# consultation, praise, investigation, demand, criticism, rejection, threat or cut in relations
# addressed to no one named is coded only as the sentence's main act; in a subordinate clause it is
# a side reading, not a dyadic event (on real news, 1 in 45 such predictions matched
# an expert's event).
TARGETLESS_ROOTS = {"03", "07", "08", "14", "15", "17", "18", "19", "20"}
_FRAME_PREPS = {"after", "during", "following", "before", "at", "in", "under", "amid", "since", "for"}
# What an order or an approval does not make its own act: statements, appeals, intents and
# demands ("approved a request", "approved the proposal": the approver accedes, it did not ask)
_NOT_DECIDED = frozenset({"01", "02", "03", "10"})
_ANTECEDENT_PREPS = {"after", "following", "since", "amid", "before"}  # an act the clause answers or follows


# An act with no pattern of its own that is demanded of someone ("said Sudan must return the
# helicopter"): the demand is coded, 100 (demand, not specified) through demand.tsv's root 01.
DEMANDED_ACT = Pattern("(any act)", (), "010", 0, "demand.tsv")


class SentenceCoder:
    def __init__(self, lex: CodingLexicon, actors: ArticleActors, verbs=None, implied: bool = False,
                 entailed: bool = True) -> None:
        self.lex = lex
        self.actors = actors
        self.implied = implied  # guess agents the text leaves out, marked "(implied)"
        self.entailed = entailed  # agents the act names by itself (police for an arrest), "(entailed)"
        self.verbs = verbs  # user verb dictionaries (steppe.coding.petrarch_verbs.VerbDictionary)
        self.history: list[Candidate] = []  # the article's events so far ("condemned the actions")
        self._sent_index = 0  # the sentence being coded
        self.last_heads: dict[int, Actor] = {}  # the actors of the sentence coded last (for the classifier)

    def resolve_heads(self, sent: Span, sent_index: int) -> dict[int, Actor]:
        """Resolve every noun-phrase head of the sentence, in order (pronouns see what came before)."""
        out: dict[int, Actor] = {}
        for tok in sent:
            quantity = tok.pos_ in ("DET", "NUM") and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") \
                and any(c.dep_ == "prep" for c in tok.children)  # "some in the crowd", "two of them"
            if quantity or tok.pos_ in ("NOUN", "PROPN", "PRON", "ADJ") and tok.dep_ not in ("compound", "amod", "flat") \
                    or (tok.dep_ == "amod" and tok.head.pos_ in ("NOUN",)
                        and tok.head.lemma_ in self.lex.nouns):
                if tok.pos_ == "ADJ" and tok.dep_ not in ("amod", "nsubj", "conj", "pobj", "dobj"):
                    continue
                actor = self.actors.resolve(tok, sent_index)
                if actor is not None:
                    out[tok.i] = actor
        return out

    def code(self, sent: Span, sent_index: int) -> list[Candidate]:
        self._sent_index = sent_index
        heads = self.resolve_heads(sent, sent_index)
        self.last_heads = heads
        found: list[Candidate] = []
        for tok in sent:
            lemma = tok.lemma_.lower()
            if (tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound")) \
                    or (tok.pos_ == "AUX" and tok.dep_ in ("ROOT", "ccomp")) or _verb_tagged_noun(tok) \
                    or (tok.dep_ == "amod" and tok.tag_ == "VBN" and lemma in self.lex.classes["person_only_verbs"]):
                # (the last: "the arrested activists" reports an arrest)
                # --- user verb dictionaries (--verbs): their match wins over verbs.tsv; see user_verbs.py
                if self.verbs is not None:
                    m = self.verbs.match(tok, lambda t, h=heads: t.i in h)
                    if m is not None:
                        from steppe.coding.user_verbs import verb_events
                        found.extend(replace(c, implied_target=False)
                                     for c in verb_events(self, tok, m, heads, sent_index))
                        continue
                # --- end user verb dictionaries
                pats = self.lex.verbs.get(lemma) or (next(
                    (self.lex.verbs[f] for f in lemma_forms(tok)[1:] if f in self.lex.verbs), None)
                    if tok.pos_ == "VERB" else None)  # the lemmatizer's slips: "raped" -> "rap"
                evs = self._verb_events(tok, pats, heads, sent_index) if pats else []
                found.extend(evs)
                if not evs and (any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in tok.children)
                                or (tok.dep_ in ("acl", "ccomp") and word_class(tok.head, self.lex) == "demand")):
                    # "Russia said Sudan must return the helicopter", "its demands that Burundi's
                    # government grant ...": a demand, whatever the act
                    found.extend(self._verb_events(tok, (DEMANDED_ACT,), heads, sent_index, demand_only=True))
            elif tok.tag_ in ("NN", "NNS") and not (tok.is_title and tok.i != sent.start) \
                    and not _nested_event(tok, self.lex):
                pats = self.lex.nouns.get(lemma) or self.lex.nouns.get(_hyphenated(tok) or "")
                if pats:
                    found.extend(self._noun_events(tok, pats, heads, sent_index))
        if not found:
            found = self._echoes(sent, sent_index, heads)
        found += self._reported_accusations(found, heads, sent_index) + self._attributions(sent, heads, sent_index)
        out = _dedupe(_protest_addressee(found))
        self.history.extend(out)
        return out

    # -- verbs --------------------------------------------------------------------------------
    def _verb_events(self, verb: Token, pats, heads, sent_index, demand_only: bool = False) -> list[Candidate]:
        pat = match_pattern(verb, pats, self.lex)
        if pat is None or pat.code == NO_EVENT:
            return []
        if self._decided_act(verb) is not None:
            return []  # "ordered an investigation into X": the decision is the act; the noun carries it
        if self._toll_of(verb, pat.code):
            return []  # "a war that has killed thousands": the war's toll so far, not an act of its own
        mod = assess(verb, self.lex)
        if demand_only and mod.status != "demand":
            return []
        code = self._code_for(pat.code, mod)
        if code is None:
            return []
        src_heads = roles.subject_heads(verb)
        if (roles.is_passive(verb) and verb.dep_ != "conj") or (verb.tag_ == "VBN" and roles.agent_heads(verb)):
            # ("talks mediated by the AU": a participle with a by-agent, however it is parsed)
            src_heads = roles.agent_heads(verb)
            if not src_heads and verb.lower_ in self.lex.classes.get("stative_participles", ()):
                # "Israel is opposed to French mediation": a state of the subject, not a passive
                src_heads = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")] \
                    or roles.subjects_on_auxiliary(verb, ("nsubjpass", "nsubj"))
        victim = any(c.kind == "victim" for c in pat.conditions)
        if victim:  # "97 died in police firing": the subject is the victim
            victims = self._actors(src_heads, heads)
            sources = self._circumstance_agent(verb, heads)
            return self._emit(verb, code, pat, mod, sources, victims, 0.8, sent_index)
        sources = self._actors(src_heads, heads)
        if not sources and verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
            sources = self._actors([verb.head], heads)  # "police firing on the mob": who the participle modifies acts
        if not sources and roles.is_passive(verb):
            sources = self._circumstance_agent(verb, heads)
        elif not sources and src_heads:  # "police firing left two dead": the subject names the means
            sources = self._circumstance_agent(verb, heads, src_heads)
        code = self._means_code(src_heads, code)  # ("killed by Israeli bombardment": the bombardment's code)
        if mod.status == "intent" and mod.reason == "future" and sources:
            # a future told by a speaker is a stated intent of the speaker's own side only ("said
            # it would release"); of another it is a prediction or plan, not coded ("said this
            # would be monitored by an AU panel"; guidelines)
            # (nor is a passive's: "adding that this would be supervised by an AU panel" tells what
            # will happen to something, not what the speaker undertakes)
            if roles.is_passive(verb) or (verb.tag_ == "VBN" and roles.agent_heads(verb)):
                return []
            speakers = self._speaker(verb, None, heads)
            if speakers and not any(_one_side(s, p) for s in sources for p in speakers):
                return []
        if mod.status == "demand":
            # "Britain said Libya must hand over the suspects": Britain demands, of Libya
            demanders = self._demander(verb, heads)
            if sources and demanders and {a.code for a in sources} <= {a.code for a in demanders}:
                # "Russia said it must protect its citizens": an obligation it states for itself
                if pat is DEMANDED_ACT:
                    return []
                mod = Modality("intent", "stated obligation")
                code = self._code_for(pat.code, mod)
                if code is None:
                    return []
                targets = self._targets(verb, heads, sources)
                return self._emit(verb, code, pat, mod, sources, targets, 0.7, sent_index)
            return self._emit(verb, code, pat, mod, demanders, sources, 0.7, sent_index)
        if src_heads and all(h.pos_ == "PRON" for h in src_heads):
            sources = self._speaker(verb, src_heads[0], heads) or sources
        reciprocal = code in self.lex.classes.get("reciprocal_codes", ())  # talks, agreements: both sides'
        # (roles are the act's: "will deploy troops to Haiti" is a threat or intent aimed at Haiti,
        # the troops being the means, as they are when deployed)
        targets = self._targets(verb, heads, sources, means=pat.code[:2] in _MEANS_ROOTS or code[:2] in _MEANS_ROOTS,
                                protest=code[:2] == "14", mutual_act=reciprocal,
                                violent=code[:2] in _COERCIVE_ROOTS)
        told_note = ""
        if code[:2] in _STANCE_ON_ACTS or code[:2] == _DEMAND_ROOT:
            # "condemned the detention of Bazoum", "called for the release of those arrested":
            # aimed at whoever did the act the article told, not at the one it was done to
            told, told_note = self._agent_of_act_on(verb, heads, sources, targets)
            targets = told or targets
        if not targets and code[:2] in _STANCE_ON_ACTS:
            targets = self._agent_of_told_act(verb, sources, sent_index, heads)
        weak = not targets
        mutual = len({a.code for a in sources}) > 1 and (verb.lemma_.lower() in roles.RECIPROCAL or reciprocal)
        if weak and not mutual:  # (sides that act together are each other's targets: _emit)
            targets = self._complement_targets(verb, heads, sources) or self._clause_others(
                verb, heads, sources, protest=code[:2] == "14", mutual=reciprocal)
        if code.startswith(_MEDIATION) and sources:
            # "a deal was brokered by Russian peacekeepers", "talks mediated by the AU": the
            # mediator acts for every party the sentence names (one event each; guidelines)
            parties = self._parties(verb.sent, heads, sources)
            if len(parties) > len(targets):
                targets, weak, told_note = parties, False, ""
        conf = 0.85 if pat.conditions else 0.75
        return self._emit(verb, code, pat, mod, sources, targets, conf, sent_index, weak_target=weak,
                          note=told_note)

    def _toll_of(self, verb: Token, code: str) -> bool:
        """A violent verb in the present perfect in a relative clause on a violent event noun ("a
        war that has killed thousands", "the fighting, which has displaced millions"): the
        cumulative toll of that event, which is told (and coded) as the noun."""
        if verb.dep_ not in ("relcl", "acl") or code[:2] not in _VIOLENT_ROOTS or verb.head.tag_ not in ("NN", "NNS"):
            return False
        if not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
            return False
        pats = self.lex.nouns.get(verb.head.lemma_.lower())
        pat = match_pattern(verb.head, pats, self.lex) if pats else None
        return pat is not None and pat.code[:2] in _VIOLENT_ROOTS

    def _decided_act(self, verb: Token) -> Optional[Token]:
        """The act noun an order or authorisation decides ("ordered an investigation", "authorized
        sanctions on X"; class decision_light), which then is the event, or None."""
        if not lemma_in(verb, self.lex.classes.get("decision_light", frozenset())) or roles.is_passive(verb):
            return None
        for c in verb.children:
            if c.dep_ == "dobj" and c.tag_ in ("NN", "NNS"):
                pats = self.lex.nouns.get(c.lemma_.lower())
                pat = match_pattern(c, pats, self.lex) if pats else None
                if pat is not None and pat.code != NO_EVENT and pat.code[:2] not in _NOT_DECIDED:
                    return c
        return None

    def _parties(self, sent: Span, heads, sources: list[Actor]) -> list[Actor]:
        """The sides a mediator acts between: every state, body or group the sentence names
        (or "both sides"), except the mediator's own and the places where it happens."""
        own = {a.code for a in sources}
        out: list[Actor] = []
        for t in sent:
            found = [heads[t.i]] if t.i in heads else (self._both_sides(t) if t.pos_ in ("NOUN", "PROPN") else [])
            for a in found:
                if a.code in own or any(a.code == b.code for b in out) or (a.kind == "group" and not a.sector) \
                        or a.sector in ("CVL", "MED"):
                    continue  # (civilians, hostages: whom a deal is about, not a side to it; the news agency reporting it)
                if a.kind == "country" and is_locative(t):
                    continue  # "in the South African capital Pretoria": where, not between whom
                out.append(a)
        return out[:4]

    def _echoes(self, sent: Span, sent_index: int, heads) -> list[Candidate]:
        """"That was followed by similar statements from Canada and ... Brazil and Colombia",
        "Britain and France followed suit": the act just told, done again by others. The act is the
        main event of the last sentence that told one (at most two sentences back); the others are
        every state, body or person named with the echo that is not a side of that act."""
        echo = None
        for tok in sent:
            if tok.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lemma_.lower() in _ECHO_ADJECTIVES for c in tok.children) \
                    and tok.lemma_.lower() in self.lex.classes.get("speech_n", frozenset()) | self.lex.classes.get("act_anaphor", frozenset()):
                echo = tok
            elif tok.lemma_.lower() == "follow" and any(c.dep_ == "dobj" and c.lower_ == "suit" for c in tok.children):
                echo = tok
            if echo is not None:
                break
        if echo is None:
            return []
        told = [c for c in self.history if 0 < sent_index - c.sentence_index <= 2 and c.source is not None]
        if not told:
            return []
        last = max(c.sentence_index for c in told)
        told = [c for c in told if c.sentence_index == last]
        act = next((c for c in told if main_clause(c.trigger)), told[0])
        sides = {a.country for a in (act.source, act.target) if a is not None and a.country}
        if echo.pos_ == "VERB":
            scope = [t for s in roles.subject_heads(echo) for t in s.subtree]
        else:
            scope = [t for t in echo.subtree] + [t for c in echo.children if c.dep_ == "conj" for t in c.subtree]
        others: list[Actor] = []
        for t in scope:
            a = heads.get(t.i)
            if a is None or a.kind not in ("country", "person", "org", "igo") or a.country in sides:
                continue
            if all(a.code != b.code for b in others):
                others.append(a)
        why = f"a similar act to '{act.trigger.text}' (sentence {act.sentence_index + 1}): {act.explanation}"
        return [replace(act, sentence_index=sent_index, trigger=echo, source=a,
                                    confidence=act.confidence - 0.1, explanation=why) for a in others]

    def _agent_of_act_on(self, verb: Token, heads, sources: list[Actor],
                         found: list[Actor]) -> tuple[list[Actor], str]:
        """The agent of a coercive act the article told, when the verb's object is that act done
        to someone: "condemned the detention of Bazoum" (told: soldiers detained Bazoum),
        "called for the release of those arrested" (told: security forces arrested Hamdok and
        other officials). The act noun names the one it was done to, never its agent; targets
        ``found`` otherwise (a seat of power the protest is held at) are kept. Returns the agent
        and the note for the explanation."""
        own = {a.code for a in sources}
        preps = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "against", "over")
                 for p in c.children if p.dep_ == "pobj"]
        acts, releases = self.lex.classes.get("act_anaphor", frozenset()), self.lex.classes.get("release", frozenset())
        for obj in roles.object_heads(verb) + preps:
            lemma = obj.lemma_.lower()
            release = lemma in releases
            if not release and lemma not in acts:
                continue
            poss = next((c for c in obj.children if c.dep_ == "poss"), None)
            if poss is not None and not release:
                continue  # "the army's detention of ...": the owner is named (_targets)
            patient = poss or next((p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                                    for p in c.children if p.dep_ == "pobj"), None)
            if patient is None:
                continue
            said = next((c for c in patient.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)
            done_to = heads.get(patient.i)
            if found and (done_to is None or all(a.actor_id != done_to.actor_id for a in found)):
                return [], ""
            for c in reversed(self.history):
                if c.source is None or c.source.code in own or c.code[:2] not in _COERCIVE_ROOTS \
                        or "(entailed)" in c.source.text:
                    continue  # (an agent the told act only entails is not named: no target from it)
                note = f"; target: who did the '{c.trigger.text}' of sentence {c.sentence_index + 1}"
                if done_to is not None and c.target is not None and c.target.actor_id == done_to.actor_id:
                    return [c.source], note
                if done_to is None and said is not None and c.trigger.lemma_.lower() == said.lemma_.lower():
                    return [c.source], note  # "those arrested": the ones the told arrest took
        return [], ""

    def _agent_of_told_act(self, verb: Token, sources: list[Actor], sent_index: int, heads) -> list[Actor]:
        """"Manila condemned the actions": a bare definite act noun as the object of criticism or
        rejection is the act told just before; its agent is criticised (one of another country
        than the critic, from the two sentences before). So is a definite noun of a material
        conflict act done to things, not to anyone named ("condemning the suspension of democratic
        institutions" after the coup was told): the act noun names no agent of its own."""
        definite = ("the", "this", "these", "that", "those")
        anaphors = self.lex.classes.get("act_anaphor", ())
        objs = [o for o in roles.object_heads(verb)
                if (o.lemma_.lower() in anaphors and any(c.dep_ == "det" and c.lower_ in definite for c in o.children)
                    and not any(c.dep_ in ("poss", "compound", "amod", "acl", "relcl")
                                or (c.dep_ == "prep" and c.lower_ != "as") for c in o.children))
                or (any(c.dep_ == "det" and c.lower_ == "the" for c in o.children)
                    and self._conflict_act_on_things(o, heads))]
        if not objs:
            return []
        own = {a.country for a in sources if a.country}
        for c in reversed(self.history):
            if c.sentence_index >= sent_index:
                continue
            if sent_index - c.sentence_index > 2:
                break
            if c.source is not None and c.source.country and c.source.country not in own:
                return [c.source]
            if c.source is not None and c.source.country in own and c.code[:2] in _STANCE_ON_ACTS \
                    and c.target is not None and c.target.country not in own:
                return [c.target]  # "accused China's coastguard of ... Manila condemned the actions"
        return []

    def _conflict_act_on_things(self, noun: Token, heads) -> bool:
        """``noun`` names a material conflict act (CAMEO 15-20 by its noun pattern) with no agent
        of its own (no owner, no "by") done to things, not to any actor: "the suspension of
        democratic institutions", "the closure of the border"."""
        pats = self.lex.nouns.get(noun.lemma_.lower())
        pat = match_pattern(noun, pats, self.lex) if pats else None
        if pat is None or pat.code == NO_EVENT or pat.code[:2] not in _MATERIAL_CONFLICT_ROOTS:
            return False
        of = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        return bool(of) and not any(c.dep_ in ("poss", "compound") or (c.dep_ == "prep" and c.lower_ == "by")
                                    for c in noun.children) \
            and not any(t.i in heads for p in of for t in p.subtree)

    def _circumstance_agent(self, verb: Token, heads, roots: Optional[list[Token]] = None) -> list[Actor]:
        """Who did it when the text names only the means or the circumstance: "killed in police
        firing", "died of police bullets", "killed ... when the police fired 15 rounds", "police
        firing left two dead". Looks in the verb's clause (or in ``roots``) for a word of armed
        violence and the actor attached to it."""
        violence = self.lex.classes.get("violence_n", frozenset())
        clause = roots if roots is not None else ([verb] if verb.dep_ != "conj" else [verb, verb.head])
        for root in clause:
            for t in sorted(clause_tokens(root), key=lambda x: x.i):
                lemma = t.lemma_.lower()
                if t.i == verb.i or not (lemma in violence or lemma in self.lex.classes["fire_verbs"]):
                    continue
                near = [c for c in t.children if c.dep_ in ("compound", "poss", "amod", "nmod", "nsubj")]
                if t.dep_ in ("acl", "compound"):
                    near.append(t.head)  # "police firing" parsed as police <- acl firing
                prev = t.doc[t.i - 1] if t.i > 0 else None
                if prev is not None and prev.pos_ in ("NOUN", "PROPN") and prev not in near:
                    near.append(prev)  # "in police firing" parsed as pobj police, advcl firing
                for c in near:
                    acts = self._actors([c], heads, conj=False)
                    if acts:
                        return acts[:1]
        if roots is None:  # "two persons have been killed in police (action)": the force itself
            for _, pobj in roles.prep_objects(verb, ("in", "during")):
                acts = [a for a in self._actors([pobj], heads, conj=False)
                        if a.sector in self.lex.classes.get("force_sectors", ())]
                if acts:
                    return acts[:1]
        return []

    def _means_code(self, subjects: list[Token], code: str) -> str:
        """A violent act whose subject is a more specific act noun is that act: "a suicide bombing
        killed 12" is the bombing (1831), "an airstrike killed five" the airstrike (195)."""
        if code[:2] not in _VIOLENT_ROOTS:
            return code
        for h in subjects:
            pats = self.lex.nouns.get(h.lemma_.lower()) if h.tag_ in ("NN", "NNS") else None
            pat = match_pattern(h, pats, self.lex) if pats else None
            if pat is not None and pat.code[:2] in _VIOLENT_ROOTS and not pat.code.endswith("0") \
                    and len(pat.code) >= len(code):
                return pat.code
        return code

    def _demander(self, verb: Token, heads) -> list[Actor]:
        """Who demands the action of a demanded clause: the speaker of "X said Y must ...", the
        subject of "X demanded that ...", the possessor of "its demand that ..." (or the subject
        of the clause holding that noun: "the ILO reiterated its demand that ...")."""
        cur = verb
        for _ in range(6):
            head = cur.head
            if head.i == cur.i:
                return []
            cls = word_class(head, self.lex)
            if cur.dep_ in ("ccomp", "acl") and cls in ("speech", "announce", "demand"):
                if head.pos_ == "NOUN":
                    found = self._actors(roles.noun_source_heads(head), heads)
                    if found:
                        return found
                    return self._actors(roles.subject_heads(head.head), heads) if head.dep_ == "dobj" else []
                return self._actors(roles.subject_heads(head), heads)
            cur = head
        return []

    def _reported_accusations(self, cands: list[Candidate], heads, sent_index: int) -> list[Candidate]:
        """Who reports that another side used violence accuses it (guidelines: "Authorities said
        Ziyobekov opened fire on officers" is Ziyobekov -> officers plus the authorities'
        accusation, 112). Not the news media (they report), not the agent's own side ("the army
        said it killed 20 militants")."""
        out: list[Candidate] = []
        seen: set[tuple[str, str]] = set()
        for c in cands:
            if c.code[:2] not in _VIOLENT_ROOTS or c.source is None or is_guessed(c.source) \
                    or not c.source.country or c.trigger.pos_ != "VERB":  # (unidentified attackers: no one accused)
                continue
            out += self._accusations(c.trigger, c.source, c.confidence - 0.2, sent_index, heads, seen,
                                     f"accusation: says {c.source.text} used violence ('{c.trigger.text}')")
        return out

    def _attributions(self, sent: Span, heads, sent_index: int) -> list[Candidate]:
        """Who says that someone "was behind" or "was responsible for" an act accuses them (CAMEO
        112: "the government said Taliban militants were responsible"); said in the author's own
        voice it is no one's event, and "was not behind" is no accusation."""
        out: list[Candidate] = []
        seen: set[tuple[str, str]] = set()
        for tok in sent:
            if tok.lemma_ != "be" or any(c.dep_ == "neg" for c in tok.children) or not any(
                    (c.dep_ == "prep" and c.lower_ == "behind" and self._names_hostile_act(c))
                    or (c.dep_ == "acomp" and c.lower_ == "responsible" and (
                        not any(p.dep_ == "prep" for p in c.children)
                        or any(self._names_hostile_act(p) for p in c.children if p.lower_ == "for")))
                    for c in tok.children):
                continue  # ("behind bars", "responsible for the security of": no act charged)
            named = [t for t in roles.subject_heads(tok) if t.pos_ != "PRON"]  # ("claimed they were responsible": their own claim)
            for accused in self._actors(named, heads):
                if not is_guessed(accused) and (accused.country or accused.kind in ("person", "org", "igo")):
                    out += self._accusations(tok, accused, 0.75, sent_index, heads, seen,
                                             f"accusation: says {accused.text} {tok.text} behind or responsible")
        return out

    def _names_hostile_act(self, prep: Token) -> bool:
        """The object of ``prep`` is an event noun of a conflictual act (quad classes 3-4 but for
        demands, CAMEO 11-20: "the attack", "the killings", "the protests")."""
        for o in prep.children:
            pats = self.lex.nouns.get(o.lemma_.lower()) if o.dep_ == "pobj" else None
            if pats and any(p.code[:2].isdigit() and quad_class_for_root(p.code[:2]) >= 3 and p.code[:2] != _DEMAND_ROOT
                            for p in pats):
                return True
        return False

    def _accusations(self, clause: Token, accused: Actor, conf: float, sent_index: int, heads,
                     seen: set, why: str) -> list[Candidate]:
        """112 from the speakers of the verb of saying above ``clause`` (a ccomp of say, claim,
        ...) to ``accused``: not the news media (they report), not the accused's own side."""
        cur = clause
        while cur.dep_ == "conj" and cur.head.i != cur.i:
            cur = cur.head
        if cur.dep_ != "ccomp" or cur.head.lemma_.lower() not in _ACCUSING_SPEECH:
            return []
        out = []
        for s in self._actors(roles.subject_heads(cur.head), heads):
            if s.sector == "MED" or _one_side(s, accused) or (s.code, accused.code) in seen:
                continue
            if cur.head.lemma_.lower() == "report" and not s.sector:
                continue  # "..., Al-Monitor reported": who reports with no office named is a news outlet or reporter
            seen.add((s.code, accused.code))
            # (its trigger is the verb of saying: dated and placed as the statement, not the act)
            out.append(self._candidate(sent_index, cur.head, "112", s, accused, conf, why, None))
        return out

    def _speaker(self, verb: Token, pron: Optional[Token], heads) -> list[Actor]:
        """In reported speech a subject pronoun usually refers to the speaker: "The government
        disclosed that it would impose ..." -> the government."""
        cur = verb
        while cur.dep_ == "conj" and cur.head.i != cur.i:
            cur = cur.head
        if cur.dep_ != "ccomp" or word_class(cur.head, self.lex) not in ("speech", "announce"):
            return []
        said = cur.head
        subjects = roles.subject_heads(said)
        if not subjects and said.dep_ in ("advcl", "conj") and word_class(said.head, self.lex) in ("speech", "announce"):
            subjects = roles.subject_heads(said.head)  # "said Obasanjo, adding that ...": who said it adds it
        speakers = self._actors(subjects, heads)
        if pron is None:
            return speakers
        person = pron.lower_ in ("he", "she")
        thing = pron.lower_ == "it"
        return [a for a in speakers if (not person or a.kind == "person")
                and (not thing or a.kind != "person")]

    def _targets(self, verb: Token, heads, sources: list[Actor] = (), foreign: bool = False,
                 means: bool = False, protest: bool = False, mutual_act: bool = False,
                 violent: bool = False) -> list[Actor]:
        """The verb's recipients; ``foreign``: only actors of another country than the sources';
        ``means``: the sources' own forces named as the object are what they send or deploy
        ("Russia deployed troops to Georgia", "sent troops to Syria"), not the recipient;
        ``protest``: where a protest is held names whom it addresses when that is an office or its
        building ("gathered outside parliament", "near the Interior Ministry's headquarters")."""
        own = {a.code for a in sources}
        own_countries = {a.country for a in sources if a.country}
        if means:
            forces = self.lex.classes.get("force_sectors", frozenset())
            # (bare "troops" are the sender's own, whatever place the sentence names: "the
            # Pentagon sent troops to Poland")
            # (nor are people sent to someone: "sent 200 doctors to Italy" sends them to Italy)
            sent_to = next(roles.prep_objects(verb, ("to",)), None) is not None
            own |= {a.code for o in roles.object_heads(verb) for a in self._actors([o], heads)
                    if (a.sector in forces or sent_to) and (a.country in own_countries or _bare(o))}

        def distinct(a: Actor) -> bool:  # in violence, "a mob lynched two men": other people of one code
            return violent and _other_people(a, sources)

        def found(toks, others=True) -> list[Actor]:
            return [a for a in self._actors(toks, heads) if not (others and a.code in own and not distinct(a))
                    and not (foreign and a.country in own_countries)]

        objs = roles.object_heads(verb)
        if verb.lemma_.lower() in self.lex.classes.get("topic_verbs", frozenset()) and not roles.is_passive(verb):
            objs = []  # "discussed Syria": what they talked about; with whom is a with-phrase
        # "Syria offered its troops to Lebanon": an object that is the source's own is not the target
        objs = [o for o in objs if not (any(c.dep_ == "poss" and c.pos_ == "PRON" for c in o.children)
                                        and (heads.get(o.i) is not None and heads[o.i].country in own_countries))]
        acts = found(objs)
        if acts:
            return acts
        if violent:  # "torched a police station", "shelled the army's headquarters": whose it is
            acts = [a for o in objs for a in self._owners(o, heads) if a.code not in own or distinct(a)]
            if acts:
                return acts
        cs = roles.complement_subject(verb)
        if cs is not None:
            acts = found([cs], others=False)
            if acts:
                return acts
        # "students and police clashed in Kathmandu", "NATO met in Brussels": a place is not the
        # other side of a clash or a meeting
        mutual = verb.lemma_.lower() in roles.RECIPROCAL or mutual_act  # ("talks were held in Geneva")
        venues = self.lex.classes.get("venue_n", frozenset())
        # a protest's place is its target only when it is a seat of power ("outside parliament",
        # "in front of the embassy"); "protested in Moscow" names where, not whom
        preps = tuple(dict.fromkeys(_PROTEST_SITES + roles.TARGET_PREPS)) if protest else (
            roles.TARGET_PREPS + (() if mutual else ("in", "inside", "into")))
        seats = self.lex.classes.get("seat_n", frozenset())
        for prep, pobj in roles.prep_objects(verb, preps):
            if pobj.lemma_.lower() in venues or (protest and prep in _SPREAD_PREPS):
                continue  # "poured into the streets of Minsk", "protested across Kenya": where it happened, not to whom
            if prep == "in" and pobj.lower_ == "front":  # "in front of parliament"
                pobj = next((g for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"
                             for g in c.children if g.dep_ == "pobj"), pobj)
            elif protest and prep in _PROTEST_SITES and (
                    pobj.ent_type_ in ("GPE", "LOC") or pobj.lemma_.lower() in self.lex.classes.get("territory_n", ())):
                continue  # a town or a region: where, not whom
            owners = [a for a in self._owners(pobj, heads) if a.code not in own] if (
                not mutual and (prep in _OWNER_PREPS or protest or (violent and prep in ("to", "on", "at")))) else []
            # "near the Interior Ministry's headquarters": the ministry's; "rallied against the
            # government's decision": the government
            named = found([pobj])
            if prep in ("in", "inside") and is_locative(pobj):
                named = [as_place(a) for a in named]  # "a bomb exploded in Kabul": Afghanistan, not its government
            if protest and prep in _PROTEST_SITES:
                named = [a for a in named if a.kind != "country" and a.sector]  # "in the centre of Minsk"
            if pobj.lemma_.lower() in seats and owners and (any(a.sector for a in owners) or not named):
                acts = owners
            else:
                acts = named or owners
            if acts:
                return acts
        for o in objs:  # "protested their expulsion from Kazakhstan", "a visa requirement for citizens of X"
            for _, pobj in roles.prep_objects(o):
                acts = found([pobj], others=False)
                if acts:
                    return acts
        stray = roles.stray_dative(verb)  # "returned dozens of artifacts to the Embassy of El Salvador"
        return found([stray]) if stray is not None else []

    def _complement_targets(self, verb: Token, heads, sources: list[Actor], depth: int = 0) -> list[Actor]:
        """Recipients read less directly: the possessor of the object ("welcomed President
        Reagan's statement"); with none, the recipient of the open complement's act ("threatened
        to cut off electricity to Nakhichevan", "refused to meet Jordan's King")."""
        own = {a.code for a in sources}
        for o in roles.object_heads(verb):
            acts = [a for a in self._actors([c for c in o.children if c.dep_ == "poss" and c.pos_ != "PRON"], heads)
                    if a.code not in own] or [a for a in self._owners(o, heads) if a.code not in own]
            if acts:  # "welcomed President Reagan's statement", "challenged the official count"
                return acts
        attempts = self.lex.classes.get("attempt", frozenset()) | self.lex.classes.get("carrier_nouns", frozenset())
        purposes = [c for c in verb.children if c.dep_ == "advcl"] + [
            # "used tear gas in an attempt to disperse the demonstrators"
            a for p in verb.children if p.dep_ == "prep" for n in p.children
            if n.dep_ == "pobj" and n.lemma_.lower() in attempts for a in n.children if a.dep_ == "acl"]
        for c in purposes:
            if c.pos_ == "VERB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                # "poured into the streets to challenge the early count": whom the purpose
                # clause acts on, or whose decision, act or office it opposes
                acts = [a for o in roles.object_heads(c) for a in (self._actors([o], heads) or self._owners(o, heads))
                        if a.code not in own]
                if acts:
                    return acts
        for c in verb.children:
            if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                # the complement's own-country participants are the source's means ("refused to
                # deploy peacekeepers in Iraq"); a domestic recipient is implied later anyway
                acts = self._targets(c, heads, sources, foreign=True) or (
                    self._complement_targets(c, heads, sources, depth + 1) if depth < 2 else [])
                if acts:
                    return acts
        return []

    def _clause_others(self, trig: Token, heads, sources: list[Actor], protest: bool = False,
                       mutual: bool = False) -> list[Actor]:
        """The first actor of another country than the sources' named in the trigger's clause
        outside its subject and any reporting clause ("Iran threatened to launch an offensive
        in its war with Iraq", "... unless Israel rescinded the annexation"): the act's most
        likely recipient when no phrase names one."""
        own = {a.code for a in sources}
        own_countries = {a.country for a in sources if a.country}
        forces = self.lex.classes.get("force_sectors", frozenset())
        clauses = [trig]
        if trig.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in trig.children):
            clauses.append(trig.head)  # a purpose clause: "sent personnel to Bosnia to investigate"
        elif trig.dep_ == "advcl" and trig.tag_ == "VBG":
            clauses.append(trig.head)  # "sent a letter to the WHO threatening to pull funding": whom the letter went to
        for clause in clauses:
            skip: set[int] = {clause.i}
            topic = clause.lemma_.lower() in self.lex.classes.get("topic_verbs", frozenset())
            for c in clause.children:
                if c.dep_ in roles.SUBJ + ("nsubjpass", "parataxis") or (topic and c.dep_ == "dobj") or (
                        c.dep_ == "ccomp" and word_class(c, self.lex) in ("speech", "announce")):
                    skip.update(t.i for t in c.subtree)
                elif clause is not trig and c.dep_ == "dobj" and c.i in heads and heads[c.i].sector in forces \
                        and _bare(c):
                    skip.update(t.i for t in c.subtree)  # "sent 21 officers to Bosnia to investigate": the means sent
            for t in clause.subtree:
                a = heads.get(t.i)
                if a is None or t.i in skip or t.i == trig.i or a.code in own:
                    continue
                if a.kind == "group" and not a.sector:
                    continue  # a nationality word on a thing ("the Thai border")
                if (a.sector == "GOV" or ((protest or mutual) and a.kind == "country")) and is_locative(t):
                    continue  # "met in Brussels", "protested in Minsk": where it happens, not to whom
                if (a.country and a.country not in own_countries) or (not a.country and a.kind == "igo"):
                    return [a]
        return []

    # -- nouns --------------------------------------------------------------------------------
    def _noun_events(self, noun: Token, pats, heads, sent_index) -> list[Candidate]:
        pat = match_pattern(noun, pats, self.lex)
        if pat is None or pat.code == NO_EVENT:
            return []
        mod = assess(noun, self.lex)
        code = self._code_for(pat.code, mod)
        if code is None:
            return []
        sources: list[Actor] = []
        targets: list[Actor] = []
        trig = noun
        if noun.lemma_.lower() in self.lex.classes.get("agent_n", ()):
            return self._agent_noun_events(noun, code, pat, mod, heads, sent_index)
        if noun.dep_ == "compound" and noun.head.lemma_.lower() in self.lex.classes.get("carrier_nouns", ()):
            # "a mediation mission between Syria and the PLO": the phrase's head carries the event
            noun = noun.head
        else:
            # "began a new round of talks", "launched ten days of war games": the count or span
            # of the acts stands where the act would; so does a part ("held one of the largest
            # rallies", "staged the latest in a series of rallies")
            for _ in range(2):
                if not _partitive_of(noun, self.lex):
                    break
                noun = noun.head.head
        preps = dict((p, o) for p, o in roles.prep_objects(noun, roles.TARGET_PREPS + ("by",)) if o.i != trig.i)
        if noun is not trig:
            for p, o in roles.prep_objects(trig, roles.TARGET_PREPS + ("by",)):
                preps.setdefault(p, o)
        if noun.dep_ == "nsubj" and lemma_in(noun.head, self.lex.classes.get("occur_v", frozenset())):
            # "clashes broke out between protesters and police": the occurrence verb's phrases are the event's
            for p, o in roles.prep_objects(noun.head, roles.TARGET_PREPS + ("by",)):
                preps.setdefault(p, o)
        if "of" in preps and "by" not in preps:
            # "the rape of a student by two policemen": the parser hangs the agent on the of-object
            preps.update(roles.prep_objects(preps["of"], ("by",)))
        patient_poss = any(c.kind == "posstarget" for c in pat.conditions)
        if any(c.kind == "victim" for c in pat.conditions):
            # "the number of deaths in police firing", "deaths have taken place due to police
            # firing": a death is an event only with the means that caused it and its actor
            clause = [noun] + [a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")][:1]
            sources = self._circumstance_agent(noun, heads, clause)
            if not sources:
                return []
            targets = self._actors(roles.noun_source_heads(noun), heads) or (
                self._actors([preps["of"]], heads) if "of" in preps else [])
            return self._emit(trig, code, pat, mod, sources, targets, 0.6, sent_index)
        if "between" in preps and trig.lemma_.lower() in self.lex.classes.get("third_party", ()):
            # "a mediation mission between Syria and the PLO": both sides receive it; the
            # mediator is the subject of the light verb below
            targets = self._actors(roles.with_conjuncts(preps["between"]), heads, conj=False)
        elif "between" in preps and trig.lemma_.lower() in roles.RECIPROCAL:
            # "clashes between protesters and police", "talks between X and Y": each side acts on
            # the other (both directions, each coded by its own sectors)
            sources = self._actors(roles.with_conjuncts(preps["between"]), heads, conj=False)
        elif "between" in preps:
            pair = roles.with_conjuncts(preps["between"])
            sources = self._actors(pair[:1], heads, conj=False)
            targets = self._actors(pair[1:], heads, conj=False)
        elif patient_poss:
            # "their expulsion from Kazakhstan", "the arrest of X by police": the possessor and
            # the of-object are the patients; by/from name the agent
            targets = self._actors(roles.noun_source_heads(noun), heads) or (
                self._actors([preps["of"]], heads) if "of" in preps else [])
            for p in ("by", "from"):
                if p in preps and not sources:
                    sources = self._actors([preps[p]], heads)
        else:
            sources = self._actors(roles.noun_source_heads(noun), heads)
            if trig.lemma_.lower() in roles.RECIPROCAL and len(sources) < 2 and "with" not in preps:
                # "the police-VHP clash", "India-Pakistan talks": each side named in the modifiers
                sides = self._modifier_sides(noun, heads)
                if len(sides) > len(sources):
                    sources = sides
            if "by" in preps and not sources:
                sources = self._actors([preps["by"]], heads)
            agent_preps = set()
            if not sources and "of" in preps and trig.lemma_.lower() in self.lex.classes.get("of_agent_nouns", ()):
                sources, agent_preps = self._actors([preps["of"]], heads), {"of"}  # "the visit of a US official"
            if not sources and code[:2] in _STANCE_ROOTS:
                # "condemnation from the UN"; "drew condemnation from the UN", "won backing from Washington"
                frm = preps.get("from") or (dict(roles.prep_objects(noun.head, ("from",))).get("from")
                                            if noun.dep_ == "dobj" else None)
                if frm is not None:
                    sources, agent_preps = self._actors([frm], heads), {"from"}
                    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.lex.classes.get("receive_verbs", ()):
                        # "Guaido won backing from Washington": who receives it is the target
                        targets = [a for a in self._actors(roles.subject_heads(noun.head), heads)
                                   if a.code not in {s.code for s in sources}]
            for p in ("with", "against", "on", "to", "of", "for", "from", "toward", "towards"):
                if p in preps and p not in agent_preps and not targets:
                    targets = self._actors([preps[p]], heads) or (
                        self._owners(preps[p], heads) if p in _OWNER_PREPS or (
                            p == "on" and code[:2] in _MATERIAL_CONFLICT_ROOTS) else [])  # "an attack on the army's base"
                    if p == "of" and code[:2] in _MEANS_ROOTS:
                        # "the deployment of 230 troops": the forces sent are the means, not the target
                        forces = self.lex.classes.get("force_sectors", frozenset())
                        targets = [a for a in targets if a.sector not in forces]
                    if targets:  # "rallies against the military takeover": the military
                        break
            if not targets and "of" in preps:  # "a suspension of air links with Serbia"
                for _, pobj in roles.prep_objects(preps["of"], ("with", "to", "against", "between")):
                    targets = self._actors([pobj], heads, conj=False)
                    if targets:
                        break
        if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX") \
                and (lemma_in(noun.head, self.lex.classes.get("light", frozenset()))
                     or (noun.dep_ == "dobj" and getattr(self._decided_act(noun.head), "i", None) == noun.i)  # "ordered an investigation"
                     or word_class(noun.head, self.lex) == "intent"  # "preparing an offensive", "offered talks"
                     or any(c.kind == "gov" for c in pat.conditions)):  # the pattern names its verb: "set a deadline"
            # light verbs carry the event noun: "staged rallies", "launched an investigation"
            gov = noun.head
            if not sources:
                sources = self._actors(roles.subject_heads(gov), heads)
                if word_class(gov, self.lex) in ("speech", "announce"):
                    # "State television announced the detention of ...": the news media report
                    # what others did; they are never its agent
                    sources = [a for a in sources if a.sector != "MED"]
            if not targets:  # "gave Nazarzoda an ultimatum": the light verb's indirect object
                targets = self._actors([c for c in gov.children if c.dep_ == "dative" and c.pos_ != "ADP"], heads)
            if not targets and roles.is_passive(gov) and noun.dep_ == "dobj":
                # "the deputy leaders were given life sentences": who was given it
                targets = self._actors([c for c in gov.children if c.dep_ in ("nsubjpass", "nsubj")], heads)
            if not targets:  # the same, parsed as a second direct object
                targets = self._actors([c for c in gov.children if c.dep_ == "dobj" and c.i != noun.i
                                        and c.i < noun.i], heads)
            if not targets:
                for prep, pobj in roles.prep_objects(gov):
                    if code[:2] == "14" and prep in _SPREAD_PREPS:
                        continue  # "vigils were held across Kenya": where the protest was, not whom it addressed
                    targets = self._actors([pobj], heads)
                    if targets:
                        break
        if not sources:  # "the arrests made by the Abids police": a light verb's agent
            for c in noun.children:
                if c.dep_ == "acl" and lemma_in(c, self.lex.classes.get("light", frozenset())):
                    sources = self._actors(roles.agent_heads(c), heads)
                    if sources:
                        break
        if not sources and not targets:
            sources, targets = self._told_act_sides(trig, code, sent_index)
        if not sources and noun.dep_ == "pobj" and noun.head.dep_ == "prep":
            # "After talks with X, Y declared": the clause's subject took part in the talks;
            # "Y (is) ready for cooperation with X": the subject of the adjective
            prep, gov = noun.head, noun.head.head
            framed = (gov.pos_ in ("VERB", "AUX") and (prep.lower_ in _FRAME_PREPS or (
                prep.lower_ == "on" and trig.lemma_.lower() in self.lex.classes.get("journey_n", ())))) \
                or gov.pos_ == "ADJ"  # ("on a visit to Moscow")
            if prep.lower_ in _ANTECEDENT_PREPS and code[:2] in _MATERIAL_CONFLICT_ROOTS | {"14"}:
                # "sent a condolence message following the terrorist assault", "resigned after the
                # protests": the clause's subject answers the act, it did not do it
                framed = False
            if code[:2] in _MATERIAL_CONFLICT_ROOTS and gov.lemma_.lower() in self.lex.classes.get("lethal", ()) \
                    and trig.lemma_.lower() not in roles.RECIPROCAL:
                # "during an hour of bombing at least 11 people died": who died suffered it (but
                # "rebels were killed in clashes with troops" took part in them)
                framed = False
            if framed and assess(gov, self.lex).status != "blocked":
                if roles.is_passive(gov) and lemma_in(gov, self.lex.classes.get("participation", frozenset())):
                    # "Serb forces were engaged in ethnic cleansing": the subject takes part
                    sources = self._actors([c for c in gov.children if c.dep_ in ("nsubjpass", "nsubj")], heads)
                else:
                    sources = self._actors(roles.subject_heads(gov), heads)
                if sources and not targets and trig.lemma_.lower() in roles.RECIPROCAL \
                        and gov.pos_ in ("VERB", "AUX") and not roles.is_passive(gov):
                    # "Tillerson joined Zarif for a meeting", "invited Ruto for talks": the verb's
                    # object is the other side
                    own = {a.code for a in sources}
                    targets = [a for a in self._actors([c for c in gov.children if c.dep_ == "dobj"], heads)
                               if a.code not in own]
                if prep.lower_ in ("under", "in") and gov.lemma_ == "be" and not targets:
                    targets, sources = sources, []  # "X is under house arrest"
        if not sources and not targets and self._implied_agent(code, trig) is None:
            return []
        return self._emit(trig, code, pat, mod, sources, targets, 0.65, sent_index)

    def _told_act_sides(self, noun: Token, code: str, sent_index: int) -> tuple[list[Actor], list[Actor]]:
        """"One person died in the clash": a bare definite event noun that names no side refers to
        the act of the same word the article told in the fifteen sentences before ("VHP activists
        and police clashed"), when that telling coded the same kind of act (not "will start a
        truce", an intent, for "once the truce is over"); its sides are that act's. A
        restatement, which restatements.py then merges with the act it restates (one event per act)."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) or any(
                c.dep_ in ("poss", "compound", "amod", "nmod", "prep", "acl", "relcl") for c in noun.children):
            return [], []
        lemma = noun.lemma_.lower()
        for c in reversed(self.history):
            if c.sentence_index >= sent_index:
                continue
            if sent_index - c.sentence_index > 15:
                break
            if c.trigger.lemma_.lower() != lemma or c.source is None or not _same_act_family(c.code, code):
                continue
            told = [d for d in self.history if d.sentence_index == c.sentence_index and d.trigger.i == c.trigger.i]
            sides = list({a.code: a for d in told for a in (d.source, d.target) if a is not None}.values())
            if lemma in roles.RECIPROCAL:
                return sides, []
            return [c.source], ([c.target] if c.target is not None else [])
        return [], []

    def _agent_noun_events(self, noun: Token, code: str, pat, mod, heads, sent_index) -> list[Candidate]:
        """A noun that names who does the act (class agent_n: "mediators in Qatar said", "Egyptian
        mediators"): its own actor, or the country it is said to be in or from, acts; a mediator
        acts for every party the sentence names (one event each)."""
        own = heads.get(noun.i)
        if own is None or own.kind not in ("country", "igo", "person", "org"):
            own = next((heads[o.i] for _, o in roles.prep_objects(noun, ("in", "from"))
                        if o.i in heads and heads[o.i].kind in ("country", "igo")), own)
        if own is None or not own.country and own.kind != "igo":
            return []
        targets = self._parties(noun.sent, heads, [own]) if code.startswith(_MEDIATION) else []
        if not targets:
            return []
        return self._emit(noun, code, pat, mod, [own], targets, 0.6, sent_index)

    def _owners(self, tok: Token, heads) -> list[Actor]:
        """Whose decision, act or building a noun names when it names no actor (classes
        stance_obj, seat_n and military_facility): its possessor or a nationality/sector modifier ("the government's
        decision", "the military takeover", "the Interior Ministry's headquarters"), else the agent
        of a participle on it ("a law passed by parliament")."""
        lemma = tok.lemma_.lower()
        if not any(lemma in self.lex.classes.get(c, ()) for c in ("stance_obj", "seat_n", "military_facility")):
            return []
        out: list[Actor] = []
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "nmod", "amod"):
                a = heads.get(c.i)
                if a is None and c.pos_ in ("NOUN", "PROPN", "ADJ"):
                    a = self.actors.resolve(c, sector_adjective=True)
                if a is not None:
                    out.extend(self.actors.expand_of_conjuncts(c, a))
        if not out:
            for c in tok.children:
                if c.dep_ == "acl" and c.tag_ == "VBN":
                    out = self._actors(roles.agent_heads(c), heads)
                    if out:
                        break
        return out

    def _modifier_sides(self, noun: Token, heads) -> list[Actor]:
        """The actors named on either side of a hyphen in a noun's left modifiers ("police-VHP
        clash", "India-Pakistan talks"); "Russian government talks" names one side only."""
        out: list[Actor] = []
        doc = noun.doc
        for left in noun.lefts:
            if left.dep_ not in ("compound", "amod", "nmod", "poss"):
                continue
            for t in left.subtree:
                hyphened = (t.i + 1 < len(doc) and doc[t.i + 1].text == "-") or (t.i > 0 and doc[t.i - 1].text == "-")
                if t.pos_ not in ("NOUN", "PROPN", "ADJ") or not hyphened:
                    continue
                a = heads.get(t.i) or self.actors.resolve(t)
                if a is not None and all(a.code != b.code for b in out):
                    out.append(a)
        return out

    # -- shared -------------------------------------------------------------------------------
    def _code_for(self, code: str, mod: Modality) -> Optional[str]:
        if mod.status == "blocked":
            return None
        if mod.status == "attempted":  # an attempted attack is an attack; other attempts are not acts
            return code if code[:2] in ("18", "19", "20") else None
        if mod.status == "intent" and not code.startswith("03"):
            return self.lex.intent.get(code[:2])
        if mod.status == "threat":  # "will withdraw its troops unless ...": a threat, whatever the act
            intent = self.lex.intent.get(code[:2], "130")
            return "130" if intent.startswith("03") else intent
        if mod.status == "demand":
            return self.lex.demand.get(code[:2])
        if mod.status == "reject":
            return self.lex.reject.get(code[:2])
        return code

    def _both_sides(self, tok: Token) -> list[Actor]:
        """"both sides", "the two parties" (or "delegates from both sides"): the two sides of the
        reciprocal act told last, at most two sentences back ("The government and forces from
        Tigray agreed to cease hostilities ... delegates from both sides signed an agreement")."""
        if not self.history:
            return []
        cands = [tok] + [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "from", "in")
                         for g in c.children if g.dep_ == "pobj"]
        if not any(t.lemma_.lower() in ("side", "party") and t.tag_ == "NNS"
                   and any(c.lower_ in ("both", "two") for c in t.children) for t in cands):
            return []
        for c in reversed(self.history):
            if self._sent_index - c.sentence_index > 2:
                break
            if c.source is not None and c.target is not None and c.source.code != c.target.code and any(
                    d.source is not None and d.target is not None and d.source.code == c.target.code
                    and d.target.code == c.source.code for d in self.history):
                return [c.source, c.target]
        return []

    def _actors(self, toks, heads, conj: bool = True) -> list[Actor]:
        out = []
        for t in toks:
            if t.i not in heads:
                pair = self._both_sides(t)
                if pair:
                    out.extend(pair)
                    continue
            spread = self.actors.distributed_nationalities(t) if conj else []
            if spread:  # "Tajik and Kyrgyz border guards": one actor per nationality
                out.extend(spread)
                continue
            for c in (roles.with_conjuncts(t) if conj else [t]):
                a = heads.get(c.i)
                if a is None and c.pos_ in ("NOUN", "PROPN"):  # pronouns: resolved in order above only
                    a = self.actors.resolve(c)
                if a is not None:
                    out.extend(self.actors.expand_of_conjuncts(c, a))
        return out

    def _implied_agent(self, code: str, trig: Token, targets: list[Actor] = ()) -> Optional[tuple[Actor, str]]:
        """The agent the text leaves out. Entailed (``self.entailed``, on by default): an arrest
        of people is made by the police, marked "(entailed)" -- an agent the act itself names, as a
        sentence names a court, or as "protests" name the protesters (entailed.tsv). Their country: the reporting state's ("Kazakh officials said that
        100 Afghan citizens were detained"), else the place named in the sentence, else the
        arrested people's, else the article's.
        Implied (``self.implied``, off by default: a guess): armed militants killed with no agent
        named ("two of the militants were killed") were killed by the security forces."""
        entailed = next((e for e in self.lex.entailed if code.startswith(e.code)), None) if self.entailed else None
        if entailed is not None and (_has_person_patient(trig, self.lex) if entailed.when == "patient"
                                     # ("Protests also occurred in Shymkent", "demonstrations turned violent",
                                     # "there were protests in Shymkent";
                                     # not "riot shields", "a ban on demonstrations", "a campaign that saw rallies")
                                     else trig.pos_ == "NOUN" and (trig.dep_ in ("nsubj", "nsubjpass", "ROOT")
                                                                   or roles.existential(trig))):
            speakers = [a for a in self._speaker(trig, None, {}) if a.country and a.kind != "person"]
            country = (speakers[0].country if speakers else None) or self.actors.sentence_place(trig) \
                or next((t.country for t in targets if t is not None and t.country), None) \
                or self.actors.main_country
            return (Actor(text=f"{entailed.text} (entailed)", code=(country or "") + entailed.sector,
                          country=country, sector=entailed.sector, kind="group"), f"entailed: {entailed.why}")
        if not self.implied:
            return None
        country = self.actors.main_country
        armed = self.lex.classes.get("armed_sectors", frozenset())
        if code[:2] in ("18", "19", "20") and targets and all(t.sector in armed for t in targets) \
                and trig.pos_ == "VERB" and roles.is_passive(trig) and _fatal(trig, self.lex):
            return (Actor(text="security forces (implied)", code=(country or "") + "COP", country=country,
                          sector="COP", kind="group"), "armed militants killed with no agent named")
        return None

    def _emit(self, trig, code, pat, mod, sources, targets, conf, sent_index,
              weak_target: bool = False, note: str = "") -> list[Candidate]:
        """Candidates for each (source, target) pair; ``weak_target``: the targets were read off
        a complement clause and rank the event as if it had none; ``note``: how the actors were
        found, for the explanation."""
        pat_note = note
        own = isinstance(pat, Pattern)  # (not a user verb dictionary's match)
        if not sources and code[:2] == "15" and targets and all(
                a.sector in self.lex.classes.get("force_sectors", frozenset()) for a in targets):
            # "150 troops had been deployed to Romit": the force that is deployed or put on
            # alert shows the force (CAMEO 15: exhibit force posture), whoever sent it
            sources, targets = targets, []
        if not sources:
            implied = self._implied_agent(code, trig, targets)
            if implied is not None:
                sources = [implied[0]]
                conf -= 0.1
                pat_note = f"; source {implied[1] if implied[1].startswith('entailed') else 'implied (' + implied[1] + ')'}"
        if main_clause(trig):
            conf += 0.05  # the main clause's event outranks those in subordinate clauses
        conf -= _clause_penalty(trig, self.lex)
        if mod.status in ("intent", "threat", "demand", "reject", "attempted"):
            conf -= 0.05
        if weak_target and targets:
            pat_note += "; target from the clause"
        why = pat.describe() + ("" if mod.status == "asserted" else f"; {mod.status}: {mod.reason}") + pat_note
        out = []
        if not sources and not targets:
            return out
        if not sources and code[:2] not in SOURCELESS_ROOTS and not main_clause(trig):
            return out  # "talks would be held", "was urged to": who acts is the event
        if not sources and mod.status in ("intent", "threat", "demand", "reject"):
            return out  # "hostages would be freed", "a travel ban will be imposed": an intent, threat or demand is someone's
        fatal = _fatal(trig, self.lex) if code[:2] in ("17", "18", "19", "20") else None
        if fatal and mod.status == "attempted":
            fatal = False  # "tried to assassinate": the attack took place, the death did not
        if code == "150" and trig.lemma_.lower() in self.lex.classes.get("exercise_n", ()) and (
                (not targets and len({a.code for a in sources}) > 1)
                or (targets and any(p.dep_ == "prep" and p.lower_ == "with" for p in (*trig.children, *trig.head.children)))):
            code = "062"  # "US and Western allies launch war games", "held drills with Russia": held together, they cooperate militarily
        if not targets and len(sources) > 1 and (trig.lemma_.lower() in roles.RECIPROCAL
                                                 or roles.reciprocal_object(trig)
                                                 or code in self.lex.classes.get("reciprocal_codes", ())):
            # "The ministers of Tajikistan and Uzbekistan met": each met the other (both directions)
            pairs = [(a, b) for i, a in enumerate(sources) for b in sources[i + 1:] if a.code != b.code]
            pairs += [(b, a) for a, b in pairs]
            if pairs:
                return [self._candidate(sent_index, trig, code, a, b, conf, why, fatal, own) for a, b in pairs]
        pairs = []
        for s in sources or [None]:
            for t in targets or [None]:
                if s is not None and t is not None and (
                        (s.actor_id == t.actor_id and not (code[:2] in _COERCIVE_ROOTS and _other_people(t, [s])))
                        or s.text.lower() == t.text.lower()):
                    # an actor acting on itself: the target was misread (but two unnamed groups of
                    # one code that fight are different people: "a mob lynched two men")
                    t = None
                pairs.append((s, t))
        one_way = _one_sided_intent(trig, mod) or lemma_in(trig, self.lex.classes.get("directed_acts", frozenset()))
        for s, t in (pairs if one_way else self._reciprocal_pairs(code, pairs, trig)):
            if t is None and code[:2] not in TARGETLESS_ROOTS and not main_clause(trig) \
                    and not (mod.status in ("intent", "threat") and trig.pos_ in ("VERB", "AUX")):
                # a statement, appeal or criticism addressed to no one named (a stated intent or
                # threat is the content of what was said: "said he would lift martial law" is 03x;
                # not an event noun's, whose owner is not who intends: "we will accept the Assembly's request")
                continue
            c = conf - (0.15 if s is None else 0) - (0.05 if t is None or weak_target else 0)
            out.append(self._candidate(sent_index, trig, code, s, t, c, why, fatal, own))
        return out

    def _reciprocal_pairs(self, code: str, pairs: list, trig: Token) -> list:
        """Talks, negotiations and signed agreements are acts of both sides (reciprocal_codes in
        classes.tsv): "Xi held talks with Tokayev" is coded both ways. So is a clash (class
        reciprocal_violence; not "fought with", which may be alongside): "police clashed with protesters" is the police's
        act and the protesters', each direction coded by its own sectors (175, 145)."""
        violent = code[:2] in _VIOLENT_ROOTS and lemma_in(trig, self.lex.classes.get("reciprocal_violence", frozenset()))
        if code not in self.lex.classes.get("reciprocal_codes", ()) and not violent:
            return pairs
        out = list(pairs)
        for s, t in pairs:
            if s is not None and t is not None and (t, s) not in out:
                out.append((t, s))
        return out

    def _candidate(self, sent_index, trig, code, source, target, conf, why, fatal, own: bool = True) -> Candidate:
        """One event; a violent act takes its CAMEO family from who acts on whom (violence.tsv).
        ``own``: coded by steppe's own patterns (a user verb dictionary's codes keep their sense)."""
        if own and code[:2] == "19" and _verbal_attack(trig, source, target, self.lex):
            code, why = "111", f"{why}; 111: an attack by a person or a body of words on no armed side is criticism"
        if own and code == "173" and source is not None and source.sector in self.lex.classes.get("abductor_sectors", ()):
            # "gunmen seized two journalists", "rebels captured three soldiers": no state detains
            # them; the codebook's abduction (181)
            code, why = "181", f"{why}; 181: held by an armed group or criminals, not by a state (abductor_sectors)"
        pair_code = violence_code(code, source, target, self.lex)
        if pair_code != code and code[:3] == "183":
            why = f"{why}; {pair_code}: a state's bombing (codebook 183 is non-military bombing)"
        elif pair_code != code:
            why = f"{why}; {pair_code} by the actors' sectors (violence.tsv)"
        return Candidate(sent_index, trig, pair_code, source, target, round(max(conf, 0.05), 3), why, fatal)

    # -- the public face user verb dictionaries code through (steppe.coding.user_verbs.VerbCoder)
    find_actors = _actors
    emit = _emit
    circumstance_agent = _circumstance_agent
    speaker = _speaker
    targets = _targets




# Verbs of saying whose speaker, telling of another side's violence, accuses it
_ACCUSING_SPEECH = frozenset({"say", "tell", "claim", "allege", "state", "insist", "assert", "add", "report", "confirm"})
_STATE_SECTORS = frozenset({"GOV", "COP", "MIL", "JUD", "SPY"})


def _one_side(a: Actor, b: Actor) -> bool:
    """The same actor, or two organs of one state (a country named as an actor is its state)."""
    def state(x: Actor) -> bool:
        return x.sector in _STATE_SECTORS or x.kind == "country"
    return a.code == b.code or (a.country is not None and a.country == b.country and state(a) and state(b))


def _verb_tagged_noun(tok: Token) -> bool:
    """A verb the tagger took for a noun, as in headlines ("Kenyan police arrest 40 protesters"):
    a root noun with a subject and a direct object of its own."""
    return tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and tok.tag_ in ("NN", "NNS") \
        and any(c.dep_ == "nsubj" for c in tok.children) and any(c.dep_ == "dobj" for c in tok.children)


def _hyphenated(tok: Token) -> Optional[str]:
    """A noun written with a hyphen that the tokenizer split ("sit - in"): "sit-in", else None."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].head.i == tok.i:
        return f"{doc[tok.i - 2].lower_}-{tok.lemma_.lower()}"
    return None


def main_clause(trig: Token) -> bool:
    """Whether the trigger is the sentence's main verb (or coordinated with it), or the event noun
    it governs ("staged a protest", "talks resumed"), or its open complement ("have sworn to
    fight"); a reported clause counts as main when the main verb only reports it ("Albanians
    demonstrated in Serbia, Belgrade radio said")."""
    to_clause = trig.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in trig.children)
    top = trig.head if trig.dep_ in ("dobj", "nsubjpass", "nsubj", "conj", "xcomp") or to_clause else trig
    if top.dep_ == "ccomp" and top.head.dep_ == "ROOT" and top.head.lemma_.lower() in REPORTING_LEMMAS:
        top = top.head
    return top.dep_ == "ROOT"


def _sector_matches(items: frozenset[str], actor: Optional[Actor], lex: CodingLexicon) -> bool:
    if "*" in items:
        return True
    if actor is None:
        return "-" in items
    if actor.sector in items:
        return True
    words = {w.lower() for w in (actor.text or "").split()}
    return any(i.startswith("@") and words & lex.classes.get(i[1:], frozenset()) for i in items)


def violence_code(code: str, source: Optional[Actor], target: Optional[Actor], lex: CodingLexicon) -> str:
    """A violent act's code by who uses force against whom (violence.tsv, after the CAMEO
    codebook): police firing on protesters is repression (175), a crowd storming a building a
    riot (145), gunmen attacking a church unconventional violence (180); soldiers fighting
    rebels stays conventional force (19x). A bombing (183: "non-military bombing") by a state
    or its forces is the use of aerial weapons (195): "Ugandan fighter jets bombed rebel bases"."""
    if code[:3] == "183" and source is not None and (
            source.sector in lex.classes.get("force_sectors", ()) or source.sector == "GOV"
            or (source.sector is None and source.code == source.country and source.kind in ("country", "group"))):
        # (a state named bare: "Israel", "Ugandan fighter jets"; not a person of that country)
        return "195"
    if code[:2] != "19" and code not in _PROPERTY_VIOLENCE:
        return code
    for rule in lex.violence:
        if code in _PROPERTY_VIOLENCE and rule.code != "145":
            continue  # property destroyed: a riot when a crowd does it, else as coded
        if _sector_matches(rule.sources, source, lex) and _sector_matches(rule.targets, target, lex):
            return rule.code
    return code


# Destroying or looting property (1712, 171): by crowds and protesters it is rioting (codebook 145:
# "protest violently, riot", including property destruction)
_PROPERTY_VIOLENCE = frozenset({"1712", "171"})


def _verbal_attack(trig: Token, source: Optional[Actor], target: Optional[Actor], lex: CodingLexicon) -> bool:
    """"Former prime minister Keating launched an attack on the spy chiefs", "lawmakers attacked
    the minister": a person, or a body that acts in words (speaking_sectors: legislators, parties,
    the press, former officials), attacking a person or a body that is not a state or an armed side
    criticises (111); states, armies and armed groups attack with force."""
    if trig.lemma_.lower() not in lex.classes.get("attack_words", ()) or source is None:
        return False
    armed = lex.classes.get("armed_sectors", frozenset()) | lex.classes.get("force_sectors", frozenset())
    if source.sector in armed or not (source.kind == "person" or source.sector in lex.classes.get("speaking_sectors", ())):
        return False
    return target is not None and target.kind not in ("country", "igo") and target.sector not in armed


def _one_sided_intent(trig: Token, mod) -> bool:
    """A stated intent to meet or talk is its speaker's alone ("Putin said he would meet Zelensky",
    "expressed his readiness to meet"): coded one way, not both as talks held are, unless the
    sides agreed on it ("agreed to meet", "agreed with Kyiv to hold talks")."""
    if mod.status not in ("intent", "threat"):
        return False
    cur = trig
    for _ in range(4):
        if cur.lemma_.lower() == "agree":
            return False
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return True


def _fatal(trig: Token, lex: CodingLexicon) -> bool:
    """Whether the clause of a violent event says someone died: a killing word as the trigger,
    in its clause, or as the clause it belongs to ("killed in police firing", "shot dead")."""
    deadly = lex.classes.get("lethal", frozenset())
    words = {trig.lemma_.lower(), trig.lower_}
    words |= {t.lemma_.lower() for t in trig.children if t.dep_ in ("acomp", "oprd", "advmod", "xcomp", "dobj")
              or (t.dep_ == "advcl" and t.tag_ == "VBG")}  # "opened fire, killing two"
    words |= {g.lemma_.lower() for t in trig.children if t.dep_ in ("dobj", "nsubj") for g in t.children
              if g.dep_ == "amod"}  # "left one dead", "One dead in police-VHP clash" (headline)
    head = trig.head
    if trig.dep_ in ("pobj", "prep") or (trig.dep_ in ("advcl", "conj") and head.pos_ == "VERB"):
        words.add(head.lemma_.lower())
    if trig.dep_ == "pobj" and head.head.i != head.i:
        words.add(head.head.lemma_.lower())  # "killed in police firing"
        words |= {c.lemma_.lower() for c in head.head.children if c.dep_ in ("amod", "acomp")}  # "one dead in"
    if words & deadly:
        return True
    # the clauses the event is subordinate to: "one person died ... after activists and police
    # clashed" (not the clauses merely coordinated with it: "exploded a grenade ... and killed")
    cur, subordinate = trig, False
    for _ in range(4):
        if cur.dep_ not in ("advcl", "ccomp", "conj", "pcomp", "pobj", "prep") or cur.head.i == cur.i:
            break
        subordinate = subordinate or cur.dep_ != "conj"
        cur = cur.head
        if subordinate and (cur.lemma_.lower() in deadly or any(
                c.dep_ == "conj" and c.lemma_.lower() in deadly for c in cur.children)):
            return True
    return False


def _clause_penalty(trig: Token, lex: CodingLexicon) -> float:
    """Events in background clauses rank below the sentence's main event: purpose clauses
    ("demonstrated to demand ..."), relative and participial clauses ("the curfew imposed in
    1990"), adverbial clauses ("... as police cracked down")."""
    cur = trig
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    rel = cur.dep_
    purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children) and word_class(cur.head, lex) == ""
    if rel in ("advcl", "xcomp", "acl") and purpose:
        return 0.15
    if rel in ("relcl", "acl") or (rel == "advcl" and cur.tag_ in ("VBG", "VBN")):
        return 0.15
    if rel == "advcl":
        return 0.1
    return 0.0


_PERSON_PRONOUNS = {"them", "him", "her", "he", "she", "they", "those", "who"}


def _has_person_patient(trig: Token, lex: CodingLexicon) -> bool:
    """Whether the patient of an arrest-like word denotes people ("five activists", "3,976 persons",
    "the accomplice"), not things ("a meeting was held")."""
    if trig.lemma_.lower() in lex.classes["person_only_verbs"] and trig.pos_ == "VERB":
        return True  # only people are arrested or detained
    if trig.pos_ == "NOUN":  # "432 arrests", "arrest of terrorists"
        return trig.tag_ == "NNS" or any(c.dep_ == "prep" and c.lower_ == "of" for c in trig.children)
    patients = [c for c in trig.children if c.dep_ in ("dobj", "nsubjpass")]
    if roles.is_passive(trig):
        # the passive's patient wherever the parse hangs it ("the persons arrested", a subject on
        # the auxiliary)
        patients += roles.object_heads(trig)
    return any(c.lemma_.lower() in lex.classes["person_words"] or c.ent_type_ in ("PERSON", "NORP")
               or (c.tag_ in ("NNPS", "NNP", "CD")
                   and not any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children))  # "a new iPhone"
               or any(g.dep_ == "nummod" for g in c.children) or c.lower_ in _PERSON_PRONOUNS
               for c in patients)


def _partitive_of(noun: Token, lex: CodingLexicon) -> bool:
    """Whether ``noun`` is the of- or in-object of a count, span or part of acts: "a round of
    talks", "one of the largest rallies", "the latest in a series of protests"."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("of", "in") or noun.head.dep_ != "prep":
        return False
    part, prep = noun.head.head, noun.head.lower_
    if part.lemma_.lower() in lex.classes.get("series_n", ()):
        return prep == "of"
    rank = part.tag_ == "JJS" or part.lower_ in lex.classes.get("rank_n", ())
    if prep == "in":  # "the latest in a series": a rank, not a count ("one dead in a clash" is not a part)
        return rank
    return rank or part.tag_ == "CD" or part.lemma_.lower() in lex.classes.get("part_n", ())


def _nested_event(noun: Token, lex: CodingLexicon) -> bool:
    """An event noun inside another event noun's phrase is that event's content, not an event:
    "support for a US military offensive" is support, the offensive is not asserted."""
    cur = noun
    for _ in range(4):
        if cur.dep_ not in ("pobj", "prep", "compound", "amod") or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.pos_ == "ADP":
            continue
        if cur.tag_ in ("NN", "NNS") and cur.lemma_.lower() in lex.nouns:
            return True
    return False


# Verbal acts: a statement ("010") that says one of these is that act.
_SPEECH_ROOTS = frozenset({"01", "02", "03", "04", "05", "10", "11", "12", "13"})


def _subsumed(c: Candidate, others: list[Candidate]) -> bool:
    """A "not specified" code (130) when the same source has a specific one of the root (138):
    "Iran threatened to shell Iraqi towns" is one threat, coded 138."""
    src = c.source.code if c.source else None
    if c.trigger.pos_ == "NOUN" and c.trigger.dep_ == "dobj" and any(
            d is not c and d.trigger.i == c.trigger.head.i
            and (d.source.code if d.source else None) == src for d in others):
        # "was offering full support", "agreed a free trade agreement": the verb's event, coded
        # with its object, is the act
        return True
    if len(c.code) != 3 or not c.code.endswith("0"):
        return False
    if c.trigger.dep_ in ("xcomp", "advcl") and any(
            d is not c and d.code[:2] == c.code[:2] and d.code != c.code and d.trigger.i == c.trigger.head.i
            for d in others):
        return True  # "called Lavrov to discuss Syria": the call (041) is the consultation; discussing its purpose
    if c.code == "010" and any(d is not c and d.code[:2] in _SPEECH_ROOTS and d.code != "010"
                               and (d.source.code if d.source else None) == src for d in others):
        return True  # "released a statement criticising Russia": the statement is the criticism
    return any(d is not c and d.code != c.code and d.code[:2] == c.code[:2]
               and (d.source.code if d.source else None) == src
               and (c.target is None or (d.target is not None and d.target.code == c.target.code))
               and not _conjoined_verbs(c.trigger, d.trigger)
               for d in others)


def _conjoined_verbs(a: Token, b: Token) -> bool:
    """Two verbs joined by "and": two acts ("killing 1,200 people and seizing 240 hostages")."""
    return a.i != b.i and a.pos_ == b.pos_ == "VERB" and (
        (a.dep_ == "conj" and a.head.i == b.i) or (b.dep_ == "conj" and b.head.i == a.i))


# Physical violence: one act told with several verbs in a sentence ("fired on protesters,
# killing one and wounding several others"; "seven were killed and 140 injured").
_VIOLENT_ROOTS = frozenset({"18", "19", "20"})


def _same_act_family(a: str, b: str) -> bool:
    if is_violent(a) and is_violent(b):
        return True
    # within a root, one act unless both codes name different kinds ("173" arrest, "175"
    # repression); the root's "not specified" code ("170") stands for any of them
    return a[:2] == b[:2] and (a[:3] == b[:3] or a[2] == "0" or b[2] == "0")


def _slot_covered(part: Optional[Actor], full: Optional[Actor]) -> bool:
    """Whether ``part`` says no more than ``full``: empty, the same code, or only its country."""
    if part is None:
        return True
    if full is None:
        return False
    return part.code == full.code or (part.code == (full.country or "") and not part.sector)


def _bare(tok: Token) -> bool:
    """A noun with no nationality, sector or owner word before it ("troops", "21 officers")."""
    return not any(c.dep_ in ("amod", "compound", "poss", "nmod") for c in tok.children)


def _other_people(a: Actor, sources) -> bool:
    """``a`` is an unnamed group told in other words than the sources ("two men" / "a mob"): other
    people, even when its code is theirs."""
    return a.kind == "group" and not a.name and a.text.lower() not in {s.text.lower() for s in sources}


def _unspecified_violence(code: str) -> bool:
    """180, 190, 200: the violent root's "not specified" code."""
    return code[:2] in _VIOLENT_ROOTS and len(code) == 3 and code.endswith("0")


def _fuller_telling(c: Candidate, others: list[Candidate]) -> Optional[Candidate]:
    """An event of the sentence that names fewer actors (or only a country where the other names
    its sector) than another telling of the same act in it: "signed a peace agreement with the Taliban" gives (US, Taliban) from the verb and (none,
    Taliban) from the noun; "killed and 140 injured" gives (none, civilians) and (none, Sudan).
    The guidelines code one event per act, so the partial telling is dropped."""
    if c.source is not None and c.target is not None:
        return None
    def key(a: Optional[Actor]) -> Optional[str]:
        return a.code if a is not None else None

    return next((d for d in others if d is not c and _same_act_family(c.code, d.code)
                 and (key(d.source), key(d.target)) != (key(c.source), key(c.target))
                 and _slot_covered(c.source, d.source) and _slot_covered(c.target, d.target)), None)


def _protest_addressee(cands: list[Candidate]) -> list[Candidate]:
    """A demand a protest makes in its purpose clause ("gathered near the ministry to demand the
    release of activists") is addressed to whom the protest is: the protest's target; and a
    protest that names no target is aimed at whom its purpose clause's demand is ("rallied in
    Minsk to demand the resignation of Lukashenko", "marched to demand that Hasina step down")."""
    out = []
    for c in cands:
        if c.target is None and c.code[:2] == "10" and c.trigger.dep_ in ("advcl", "xcomp"):
            rally = next((p for p in cands if p.code[:2] == "14" and p.target is not None
                          and p.trigger.i == c.trigger.head.i and _same_side(c, p)), None)
            if rally is not None:
                c = replace(c, target=rally.target, explanation=c.explanation + "; addressed to whom the protest is")
        elif c.target is None and c.code[:2] == "14" and c.source is not None:
            demand = next((d for d in cands if d.code[:2] == "10" and d.target is not None and _same_side(c, d)
                           and d.target.code != c.source.code and _in_purpose_clause(d.trigger, c.trigger)), None)
            if demand is not None:
                c = replace(c, target=demand.target,
                            explanation=c.explanation + f"; target: whom its demand ('{demand.trigger.text}') is addressed to")
        out.append(c)
    return out


def _same_side(a: Candidate, b: Candidate) -> bool:
    return a.source is None or b.source is None or a.source.code == b.source.code


def _in_purpose_clause(tok: Token, verb: Token) -> bool:
    """``tok`` lies in a clause that ``verb`` governs as its purpose or manner ("marched to
    demand that Hasina step down": demand, step), at most three clause links down."""
    cur = tok
    for _ in range(3):
        if cur.dep_ not in ("advcl", "xcomp", "ccomp", "dobj") or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.i == verb.i:
            return True
    return False


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    seen, out = set(), []
    cands = [c for c in cands if not _subsumed(c, cands)]
    drop = set()
    for i, c in enumerate(cands):
        fuller = _fuller_telling(c, cands)
        if fuller is None:
            continue
        drop.add(i)
        j = next(k for k, d in enumerate(cands) if d is fuller)
        if c.fatal and not fuller.fatal:  # "40 deaths ... due to police firing on mobs": the firing killed
            cands[j] = replace(cands[j], fatal=True)
        if _unspecified_violence(fuller.code) and c.code[:2] in _VIOLENT_ROOTS and not _unspecified_violence(c.code):
            # "a car bomb exploded in Kabul, killing four policemen": the killing names the victims,
            # the explosion how (183)
            cands[j] = replace(cands[j], code=c.code, explanation=f"{cands[j].explanation}; {c.code} from "
                               f"'{c.trigger.text}', the same act told by how it was done")
    cands = [c for i, c in enumerate(cands) if i not in drop]
    for c in cands:
        key = (c.code, c.source.code if c.source else None, c.target.code if c.target else None)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out
