"""Resolve noun phrases in a parsed article to actors (country + sector, persons, IGOs).

Works from the dependency parse and the phrase index, not from the small model's entity
labels (it tags bare surnames as ORG and magazines as PERSON). Per article, it keeps the
actors mentioned so far, so that later bare mentions ("Nazarbayev", "he", "the president",
"the government") resolve to the same actor.
"""
from __future__ import annotations

import bisect
import functools
import hashlib
from collections import Counter
from importlib import resources
from dataclasses import dataclass, replace
from typing import Optional, Sequence

from spacy.tokens import Doc, Span, Token

from steppe.actors.index import Hit, PhraseIndex, tokenize_phrase
from steppe.actors.dictionaries import USER_PRIORITY
from steppe.actors.lexicon import load_countries, member_heads, speaks_for
from steppe.actors.names import fold, names_place, same_name, skeleton
from steppe.actors.persons import famous_person
from steppe.nlp.dateline import find_dateline
from steppe.nlp.syntax import REPORTING_LEMMAS, coordinated_modifier, nearest_conjunct_subjects, with_conjuncts
from steppe.records import Actor, PlaceMention

_LEFT_DEPS = {"compound", "amod", "poss", "nmod", "det", "nummod", "quantmod", "case", "punct",
              "npadvmod", "advmod", "cc", "conj"}
# CAMEO's unidentified armed forces (UAF): a country only when the phrase names it ("Syrian
# gunmen"), never from the place or the article ("unidentified gunmen in Dagestan" are UAF)
_UNIDENTIFIED_SECTORS = frozenset({"UAF"})
_THE_COUNTRY = frozenset({"country", "nation"})  # "the country": the article's country
# Definite descriptions of an organisation ("the bloc", "the alliance"): the one last named
_IGO_DESCRIPTORS = frozenset({"bloc", "alliance", "organisation", "organization", "authority", "body",
                              "grouping", "union", "commission", "community"})
_OFFICE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP"})
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
# a state named by its owner ("his country", "our nation")
_COUNTRY_NOUNS = frozenset({"country", "nation", "homeland", "motherland"})
_THING_PRONOUNS = {"it", "its"}
_PLURAL_PRONOUNS = {"they", "them", "their", "theirs"}
_SKIP_NAME_WORDS = {"the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.",
                    "dr.", "'s", "-", ",", "former", "top", "prominent"}




def _speaker_subject(tok: Token) -> Optional[Token]:
    """The subject of the speech verb whose reported clause holds ``tok`` ("the minister said
    the shelling had killed 12 of our soldiers" -> minister), or None."""
    cur = tok
    for _ in range(8):
        if cur.head.i == cur.i:
            return None
        if cur.dep_ in ("ccomp", "parataxis") and cur.head.lemma_.lower() in REPORTING_LEMMAS:
            return next((c for c in cur.head.children if c.dep_ == "nsubj"), None)
        cur = cur.head
    return None


# Counts that stand for people when they count nothing named ("thousands took part in a protest",
# "dozens were detained"): sectors.tsv codes them CVL; with an of-phrase they are what it names.
_PEOPLE_COUNTS = frozenset({"thousands", "hundreds", "dozens"})


@functools.lru_cache(maxsize=1)
def kin_nouns() -> frozenset[str]:
    """Kinship nouns (data/actors/kin.tsv): a relative of a known person is of that person's country."""
    text = (resources.files("steppe") / "data" / "actors" / "kin.tsv").read_text(encoding="utf-8")
    rows = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")][1:]
    return frozenset(rows)


@functools.lru_cache(maxsize=1)
def _heads() -> dict[str, str]:
    """data/actors/heads.tsv: word -> kind (quantity, partitive, collective)."""
    text = (resources.files("steppe") / "data" / "actors" / "heads.tsv").read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")][1:]
    return {r[0].strip(): (r[1].strip() if len(r) > 1 else "") for r in rows if r and r[0].strip()}


@functools.lru_cache(maxsize=1)
def of_phrase_heads() -> frozenset[str]:
    """Heads that take their identity from their of-phrase."""
    return frozenset(_heads())


@functools.lru_cache(maxsize=1)
def own_group_heads() -> frozenset[str]:
    """A body a person belongs to ("his movement", "her organisation")."""
    return frozenset(w for w, kind in _heads().items() if kind == "own")


@functools.lru_cache(maxsize=1)
def quantity_heads() -> frozenset[str]:
    """The quantity words among them ("some", "dozens", "two")."""
    return frozenset(w for w, kind in _heads().items() if kind == "quantity")


@dataclass
class _Mention:
    actor: Actor
    plural: bool
    sentence: int
    token: int = -1  # the head's index in the document


def dated_code(hit: Hit, date: Optional[str]) -> str:
    """The code of a dictionary hit valid on ``date`` (YYYY-MM-DD); the default otherwise."""
    if not hit.dated or not date:
        return hit.code
    d = date.replace("-", "")[:8]
    if len(d) < 8:
        return hit.code
    for start, end, code in hit.dated:
        if (start is None or d >= start) and (end is None or d <= end):
            return code
    return hit.code


class ArticleActors:
    """Actor resolution for one article (state: what was mentioned so far)."""

    def __init__(self, doc: Doc, index: PhraseIndex, date: Optional[str] = None,
                 places: Sequence[PlaceMention] = (), title: Sequence[str] = ()) -> None:
        """``places``: the article's resolved toponyms (steppe.places), which tell the country of
        a phrase that names only a place below the country ("the Sindh government"); ``title``:
        the headline's tokens, which count towards the article's main country twice as much as the lede."""
        self._title = list(title)
        self.doc = doc
        self.index = index
        self.date = date
        self.mentions: list[_Mention] = []
        self.people: list[Actor] = []
        self._text = doc.text  # spaCy rebuilds Doc.text on every access: read it once
        # a dateline ("DOHA, Qatar (AP) —") names the article's place and agency, never an actor
        dateline = find_dateline(self._text)
        self._dateline_end = dateline.end if dateline is not None else 0
        self._words = [t.text.lower() for t in doc]
        self._spans = self._scan(doc)
        self._places: dict[int, str] = {}  # token index -> ISO3 of the place it names
        self._regions: set[int] = set()  # token indexes of places that are a country's regions (admin1)
        self._place_order: Optional[list[int]] = None
        for pm in places:
            span = doc.char_span(pm.start, pm.end, alignment_mode="expand")
            if span is not None and pm.place.country and names_place(pm.place.text, pm.place.name):
                for t in span:
                    self._places[t.i] = pm.place.country
            if span is not None and pm.place.feature == "admin1" and all(t.pos_ == "PROPN" for t in span):
                self._regions.update(t.i for t in span)  # ("Tigray": GeoNames spells it "Tigrai")
        self.main_country = self._main_country()

    # -- whole-article pass -------------------------------------------------------------------
    def _scan(self, doc: Doc) -> dict[int, tuple[int, int, list[Hit]]]:
        """Phrase hits per token index (each token maps to the hit that covers it)."""
        covered: dict[int, tuple[int, int, list[Hit]]] = {}
        for start, end, hits in self.index.scan(self._words, [t.text for t in doc]):
            if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in _TIME_PREFIXES:
                continue  # "post-Soviet wars", "pre-war Iraq", "ex-Yugoslav states": a time, not an actor
            for i in range(start, end):
                covered[i] = (start, end, hits)
        return covered

    def _main_country(self) -> Optional[str]:
        """The article's main country: the most mentioned, mentions in the first two sentences
        (headline, lede) counting five times."""
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}  # ties go to the country named first (headline, then text)
        for start, end, hits in self.index.scan([w.lower() for w in self._title], self._title):
            h = hits[0]
            if h.country and len(h.homelands) <= 1:
                counts[h.country] += 10  # the headline names what the article is about
                first.setdefault(h.country, -1)
        lede_end = len(self.doc)
        for n, sent in enumerate(self.doc.sents):
            if n == 1:
                lede_end = sent.end
                break
        seen = set()
        for start, end, hits in self._spans.values():
            if start in seen or self.doc[start].idx < self._dateline_end:
                continue
            seen.add(start)
            h = hits[0]
            if h.country and len(h.homelands) <= 1:  # "Kurdish" alone does not say which state
                counts[h.country] += 5 if start < lede_end else 1
                first[h.country] = min(first.get(h.country, start), start)
        if not counts:  # no country named: the country of the places named ("Sindh province")
            counts.update(self._places.values())
            first = {c: i for i, c in sorted(self._places.items(), reverse=True)}
        if not counts:
            return None
        return max(counts, key=lambda c: (counts[c], -first.get(c, len(self.doc))))

    # -- noun phrases -------------------------------------------------------------------------
    @staticmethod
    def np_tokens(head: Token) -> list[Token]:
        """The tokens of the noun phrase headed by ``head`` (left modifiers, of-PP, appositive)."""
        toks = {head.i: head}
        stack = [c for c in head.lefts if (c.dep_ in _LEFT_DEPS or c.dep_.startswith("compound"))
                 and not coordinated_modifier(c)]
        while stack:
            t = stack.pop()
            if t.dep_ == "conj" and t.head.i == head.i:
                continue
            toks[t.i] = t
            stack.extend(t.children)
        for c in head.rights:
            if c.dep_ in ("appos", "compound", "flat", "nmod"):
                for t in c.subtree:
                    if t.dep_ not in ("relcl", "acl") or t.i == c.i:
                        toks[t.i] = t
            elif c.dep_ == "prep" and c.lower_ in ("of", "from") and head.pos_ != "PRON":
                for t in c.subtree:
                    toks[t.i] = t
        return [toks[i] for i in sorted(toks)]

    def _hits_in(self, tokens: list[Token]) -> list[tuple[int, int, list[Hit]]]:
        idx = {t.i for t in tokens}
        out, seen = [], set()
        for t in tokens:
            span = self._spans.get(t.i)
            if span and span[0] not in seen and all(i in idx for i in range(span[0], span[1])):
                seen.add(span[0])
                out.append(span)
        return out

    def _name_run(self, tokens: list[Token], covered: set[int]) -> Optional[Span]:
        """The longest run of proper-noun tokens not explained by the lexicon: a name."""
        best: Optional[tuple[int, int]] = None
        run_start = None
        prev = None
        for t in tokens + [None]:
            ok = (t is not None and t.i not in covered and (t.tag_ in ("NNP", "NNPS") or
                  (t.pos_ == "PROPN")) and t.lower_ not in _SKIP_NAME_WORDS and t.text[:1].isupper()
                  and (prev is None or t.i == prev.i + 1 or run_start is None))
            if ok:
                if run_start is None:
                    run_start = t.i
                prev = t
                continue
            if run_start is not None and prev is not None:
                if best is None or (prev.i + 1 - run_start) >= (best[1] - best[0]):
                    best = (run_start, prev.i + 1)
            run_start, prev = None, None
            if t is not None and t.i not in covered and t.tag_ in ("NNP", "NNPS") and t.text[:1].isupper():
                run_start, prev = t.i, t
        return self.doc[best[0]:best[1]] if best else None

    def resolve(self, head: Token, sent_index: int = 0, sector_adjective: bool = False) -> Optional[Actor]:
        """The actor denoted by the noun phrase headed by ``head``, or None. ``sector_adjective``:
        an adjective that names a sector denotes it too ("the military takeover": the military's)."""
        if head.idx < self._dateline_end:
            return None  # the dateline's place and agency
        low = head.lower_
        partitive = low in quantity_heads() and any(c.dep_ == "prep" for c in head.children)
        if not partitive and (head.pos_ == "PRON" or low in _PERSON_PRONOUNS | _THING_PRONOUNS | _PLURAL_PRONOUNS):
            return self._pronoun(head, sent_index)
        own = self._spans.get(head.i)
        named = own is not None and own[0] < head.i and own[2][0].kind == "agent"  # "human rights activists"
        national = any(c.dep_ in ("amod", "compound", "nmod", "poss") and self._country_at(c.i)
                       for c in head.lefts)  # "the Turkish and Greek sides of Cyprus": their own
        if head.lemma_.lower() in of_phrase_heads() and not named and not national:
            # "some of", and for a quantity also "some in the crowd", "many among the protesters"
            preps = ("of", "in", "among", "from") if head.lemma_.lower() in quantity_heads() else ("of",)
            of_obj = next((g for c in head.children if c.dep_ == "prep" and c.lower_ in preps
                           for g in c.children if g.dep_ == "pobj"), None)
            if of_obj is not None:  # "dozens of Kyrgyz students" -> the students
                found = self.resolve(of_obj, sent_index)
                if found is not None:
                    return found
                if low in _PEOPLE_COUNTS:
                    return None  # "thousands of dollars": not people
        if head.lemma_.lower() in _THE_COUNTRY and self.main_country and any(
                c.dep_ == "det" and c.lower_ == "the" for c in head.children) and not any(
                c.dep_ in ("amod", "compound", "nmod", "poss", "prep", "relcl", "acl") for c in head.children):
            # "across the country", "the country's army": the country the article is about
            a = Actor(text=self._np_text(self.np_tokens(head)), code=self.main_country,
                      country=self.main_country, kind="country")
            a = replace(a, actor_id=actor_id(a))
            self._remember(a, head, sent_index)
            return a
        if head.lemma_.lower() in kin_nouns():
            owner = next((self.resolve(c, sent_index) for c in head.children if c.dep_ == "poss"), None)
            if owner is not None and owner.country and owner.kind == "person":
                # "Hasina's son", "Nazarzoda's brother": a person of the relative's country
                a = Actor(text=self._np_text(self.np_tokens(head)), code=owner.country, country=owner.country,
                          kind="person")
                a = replace(a, actor_id=actor_id(a))
                self._remember(a, head, sent_index)
                return a
        tokens = self.np_tokens(head)
        hits = self._hits_in(tokens)
        poss = next((c for c in head.children if c.dep_ == "poss"), None) \
            if head.lemma_.lower() in own_group_heads() else None
        if poss is not None and all(poss.left_edge.i <= s and e <= poss.right_edge.i + 1 for s, e, _ in hits):
            # (words inside the owner's phrase name the owner: "the Kazakh president's office")
            owner = self.resolve(poss, sent_index)
            if owner is not None and owner.sector and (owner.kind in ("person", "org") or (
                    owner.kind != "country" and poss.pos_ == "NOUN")):  # "the governor's office"
                # "Shaheen ... told reporters that his movement was offering": the body he is of
                a = Actor(text=self._np_text(tokens), code=owner.code, country=owner.country,
                          sector=owner.sector, kind="group")
                a = replace(a, actor_id=actor_id(a))
                self._remember(a, head, sent_index)
                return a
        if head.lemma_.lower() == "party" and not hits:
            owner = next((self.resolve(c, sent_index) for c in head.children if c.dep_ == "poss"), None)
            if owner is not None and owner.kind == "person" and owner.country:
                # "the leader of his own party", "Yoon's party": the political party the person is of
                a = Actor(text=self._np_text(tokens), code=owner.country + "PTY", country=owner.country,
                          sector="PTY", kind="group")
                a = replace(a, actor_id=actor_id(a))
                self._remember(a, head, sent_index)
                return a
        if low.endswith("-led") and not hits and head.dep_ == "amod":
            # "the U.S.-led invasion", "a Russian-led alliance": who leads it is its agent
            led = [h for h in self.index.get(tokenize_phrase(head.text[:-4])) if h.kind in ("country", "adjective")]
            if led:
                c = led[0].code[:3]
                a = Actor(text=head.text, code=c, country=c, kind="country")
                a = replace(a, actor_id=actor_id(a))
                self._remember(a, head, sent_index)
                return a
        if head.lemma_.lower() in _IGO_DESCRIPTORS and not hits and any(
                c.dep_ == "det" and c.lower_ == "the" for c in head.children) and not any(
                c.dep_ in ("amod", "compound", "poss", "prep", "nmod") for c in head.children):
            # "ECOWAS ... The authority also condemned", "the alliance": the organisation just named
            org = next((m.actor for m in reversed(self.mentions)
                        if m.actor.kind == "igo" and sent_index - m.sentence <= 3), None)
            if org is not None:
                return replace(org, text=self._np_text(tokens))
        if low == "others" and not hits:
            # "killed 13 members of the group and arrested 32 others", "wounding several others":
            # more of the group last named in the sentence
            group = next((m.actor for m in reversed(self.mentions)
                          if m.sentence == sent_index and m.actor.kind != "person" and m.actor.sector), None)
            return replace(group, text=self._np_text(tokens)) if group is not None else None
        if head.pos_ == "ADJ" and not any(h[2][0].kind in ("adjective", "country") for h in hits) and not (
                sector_adjective and any(h[2][0].kind == "sector" for h in hits)):
            return None  # only nationality adjectives denote actors ("Russian", not "military")
        prep = speaks_for().get(head.lemma_.lower())
        if prep and not any(hs[0].country or hs[0].kind in ("igo", "actor", "org") for _, _, hs in hits):
            # "a spokesperson for the Israeli prime minister", "an adviser to the president": the
            # side they speak for (not the nearest place named in the sentence)
            principal = next((self.resolve(g, sent_index) for c in head.children if c.dep_ == "prep"
                              and c.lower_ == prep for g in c.children if g.dep_ == "pobj"), None)
            if principal is not None and principal.code:
                a = Actor(text=self._np_text(tokens), code=principal.code, country=principal.country,
                          sector=principal.sector, kind="person")
                a = replace(a, actor_id=actor_id(a))
                self._remember(a, head, sent_index)
                return a
        actor = self._from_hits(head, tokens, hits, sent_index)
        if actor is None and head.pos_ == "NOUN":
            # "The leader of the takeover, General Abdel Fattah al-Burhan": the name beside it
            named = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if named is not None:
                return self.resolve(named, sent_index)
        # the coding guidelines' Karabakh separatists are REB: armed forces named by a region, not
        # by their state ("regional forces from Tigray"), and the forces or authorities of a people
        # ("ethnic Armenian forces", "the ethnic-Armenian authorities in Karabakh") are an armed group
        regional = actor is not None and actor.sector == "MIL" and head.lemma_.lower() in _REGIONAL_FORCES \
            and any(t.i in self._regions for t in tokens) \
            and not any(hs[0].kind in ("adjective", "country", "capital") for _, _, hs in hits)
        ethnic = actor is not None and actor.sector in ("MIL", "GOV", "COP") and actor.kind != "person" and any(
            t.lower_ == "ethnic" or t.lower_.startswith("ethnic-") for t in tokens if t.i < head.i)
        if regional or ethnic:
            actor = replace(actor, code=f"{actor.country}REB" if actor.country else "REB", sector="REB")
        if actor is not None and actor.sector is None and actor.country and head.lemma_.lower() == "leader" \
                and not any(c.dep_ == "prep" for c in head.children) \
                and any(hs[0].kind in ("adjective", "country") and not hs[0].homelands for _, _, hs in hits):
            # "the Chinese leader": a state's leader is its head of government; a people's
            # ("the Kurdish leader") or a group's ("leader of the opposition") is not
            actor = replace(actor, code=f"{actor.country}GOV", sector="GOV")
        if actor is not None and actor.sector and actor.sector not in _OFFICE_SECTORS and any(
                t.lower_ in ("former", "ex") and any(s <= t.head.i < e and hs[0].kind == "sector" and hs[0].sector == actor.sector
                                                     for s, e, hs in hits) for t in tokens):
            # "a former English teacher": what the person no longer is says nothing of their sector
            actor = replace(actor, code=actor.country, sector=None) if actor.country else None
        if actor is not None and actor.country and actor.sector in _OFFICE_SECTORS and any(
                t.lower_ in ("former", "ex") or t.lower_.startswith("ex-") for t in tokens if t.i < head.i):
            # "former Nigerian President Obasanjo": out of office, an elite (CAMEO ELI: former
            # government officials), not the government
            actor = replace(actor, code=f"{actor.country}ELI", sector="ELI")
        if actor is not None:
            actor = replace(actor, actor_id=actor_id(actor))
            self._remember(actor, head, sent_index)
        return actor

    def expand_of_conjuncts(self, head: Token, actor: Actor) -> list[Actor]:
        """"citizens of Uzbekistan, Kyrgyzstan and Turkmenistan" -> one actor per country."""
        of_objs = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj"]
        if not of_objs or not any(c.dep_ == "conj" for c in of_objs[0].children):
            return self._expand_user_conjuncts(head, actor)
        out = []
        stack = [of_objs[0]]
        while stack:
            tok = stack.pop(0)
            stack.extend(c for c in tok.children if c.dep_ == "conj")
            span = self._spans.get(tok.i)
            country = next((h.country for h in span[2] if h.country), None) if span else None
            if country is None:
                continue
            a = replace(actor, country=country, code=country + (actor.sector or ""))
            out.append(replace(a, actor_id=actor_id(a)))
        return [x for a in (out or [actor]) for x in split_codes(a)]

    def _expand_user_conjuncts(self, head: Token, actor: Actor) -> list[Actor]:
        """A phrase coded by the dictionary actor of one of its words that is coordinated ("a
        resumption of ties between Gondor and Osgiliath"): one actor per conjunct, as PETRARCH
        codes each. Only for user dictionary actors (the first in the phrase, as ``_from_hits``)."""
        for t in self.np_tokens(head):
            span = self._spans.get(t.i)
            if span is None or span[2][0].kind != "actor" or span[2][0].priority < USER_PRIORITY:
                continue
            base = dated_code(span[2][0], self.date)
            # the word of the name that carries the coordination: "Minas Tirith and Osgiliath"
            t = next((w for w in self.doc[span[0]:span[1]] if not span[0] <= w.head.i < span[1]), t)
            if t.i == head.i or not actor.code.startswith(base):
                break
            out = [actor]
            for m in with_conjuncts(t)[1:]:
                ms = self._spans.get(m.i)
                mh = ms[2][0] if ms else None
                if mh is None or not (mh.country or mh.kind in ("actor", "igo")):
                    continue
                mcode = dated_code(mh, self.date) if mh.kind in ("actor", "igo") else mh.country
                rest = actor.code[len(base):]
                code = "/".join(p + rest for p in mcode.split("/"))
                a = replace(actor, code=code, country=mh.country or (code[:3] if code[:3].isalpha() else None))
                out.append(replace(a, actor_id=actor_id(a)))
            return [x for a in out for x in split_codes(a)]
        return split_codes(actor)

    def _from_hits(self, head: Token, tokens: list[Token], hits, sent_index: int = 0) -> Optional[Actor]:
        covered = {i for s, e, _ in hits for i in range(s, e)}
        text = self._np_text(tokens)
        # 1. user dictionary actors and IGOs name the actor outright
        national = [s for s, e, hs in hits if hs[0].kind in ("adjective", "country")]
        # user dictionary actors: the first in the phrase, as PETRARCH reads "Ithilen's minister
        # Calimehtar" (ITH...); built-in ones: the nearest to the head
        for s, e, hs in sorted(hits, key=lambda x: (-x[2][0].priority,
                                                    x[0] if x[2][0].priority >= USER_PRIORITY else abs(head.i - x[0]))):
            h = hs[0]
            if h.kind == "igo" and any(n < s for n in national):
                continue  # "the Russian Security Council" is Russia's, not the UN's
            if h.kind in ("actor", "igo"):
                code = dated_code(h, self.date)
                agents = self._user_agents(hits, (s, e))
                agent = self._sector(hits, head)
                if agents:
                    code = compose_code(code, agents)
                    agent = agents[-1][0][:3]
                elif h.kind == "actor" and agent == "OPP" and h.country and not s <= head.i < e:
                    code = h.country + agent  # "Kremlin critics": the body's opponents, not the body
                elif h.kind == "actor" and agent and not code.endswith(agent):
                    code = code + agent if len(code) == 3 else code
                country = h.country if h.country else (code[:3] if h.kind == "actor" and len(code) >= 3 and code[:3].isalpha() and not code.startswith("IGO") else None)
                person = self._titled_name(tokens, covered, hits, head)
                if person is None and head.ent_type_ == "PERSON" and not s <= head.i < e:
                    # "Suhail Shaheen, a member of the Taliban": a person of the body named beside him
                    run = self._name_run(tokens, covered)
                    person = run.text if run is not None and run.start <= head.i < run.end else None
                if person is not None:  # "U.N. Secretary-General Kofi Annan": a person of the UN
                    return Actor(text=text, code=code, country=country, sector=agent or h.sector,
                                 name=person, kind="person")
                return Actor(text=text, code=code, country=country, sector=agent or h.sector,
                             name=h.name, kind="igo" if h.kind == "igo" else "org")
        country, country_is_head, capital_head = self._country(hits, head)
        if country is not None and not country_is_head:
            country = self._residence(head, tokens, hits, country)
        sector = self._sector(hits, head)
        if capital_head:
            sector = sector or "GOV"
        name_span = self._name_run(tokens, covered)
        name = name_span.text if name_span is not None and len(name_span.text) > 1 else None
        if name and name_span is not None and not (name_span.start <= head.i < name_span.end) \
                and sector is None and country is None:
            name = None
        if name is None and country is None and sector is None and head.pos_ == "NOUN" \
                and head.text[:1].isupper() and not head.is_sent_start and not hits:
            # "gratitude to Obasanjo": a surname the tagger took for a common noun, of a person
            # named in full before
            known = self._known_person(head.text)
            if known is not None:
                return replace(known, text=text)
        if name and country is None and sector is None:
            known = self._known_person(name) or self._famous(name, text, None)
            if known is not None:
                return replace(known, text=text)
            fuzzy = self._fuzzy_country(name) or self._places.get(head.i)
            if fuzzy:
                return Actor(text=text, code=fuzzy, country=fuzzy, kind="country")
            if name_span is not None and name_span.start <= head.i < name_span.end \
                    and all(t.ent_type_ == "PERSON" for t in name_span) and self.main_country:
                # a person the knowledge files do not list ("Authorities accuse Nazarzoda"):
                # the article's country, the weakest evidence (no sector is guessed)
                return Actor(text=text, code=self.main_country, country=self.main_country,
                             name=name, kind="person")
            return None
        if country is None and sector is None:
            if head.lemma_.lower() in _COUNTRY_NOUNS and not name:
                # "Putin said his country will not lift the ban": the owner's country
                owner = self._owner_country(tokens, sent_index)
                if owner is not None:
                    return Actor(text=text, code=owner, country=owner, kind="country")
            return None
        if name and sector is not None:
            known = self._known_person(name)
            if known is not None and country is None:
                return replace(known, text=text)
        named_head = name_span is not None and name_span.start <= head.i < name_span.end
        kind = "person" if name and (self._is_title(hits, head) or (named_head and sector)) else (
            "country" if country_is_head else "group")
        if kind == "person" and country is None and name:
            famous = self._famous(name, text, sector)  # "President Bill Clinton"
            if famous is not None:
                return famous
            country = self._fuzzy_country(name)  # "Quatar's emir": a misspelled country, not a name
            if country is not None:
                name = None
        if country is None and kind != "person" and name:
            # "Phillippines military"; "the Bush administration" (a leader's government)
            led_by = famous_person(name)
            country = self._fuzzy_country(name) or (led_by.country if led_by is not None else None)
        if country is None and kind == "group" and head.tag_ in ("NNS", "NNPS") and any(
                c.dep_ == "amod" and c.lower_ in _OTHERS for c in head.children):
            # "foreign governments", "foreign diplomats": unnamed members of no one country, which
            # the coding guidelines leave uncoded (never the article's own country)
            return None
        if country is None and sector is not None:
            # "his forces", "its army", "our soldiers": the owner's country
            country = self._owner_country(tokens, sent_index)
        if country is None and sector in _UNIDENTIFIED_SECTORS:
            pass  # "unidentified gunmen in Dagestan": whose they are is what the text does not say
        elif country is None and kind != "person":
            # a place in the phrase ("the Sindh government"), else in its sentence ("killed 23
            # people in Tel Aviv"): where an unnamed group is, rather than the last country named
            country = next((self._places[t.i] for t in tokens if t.i in self._places and not self._stance(t.i)), None) or \
                self.sentence_place(head)
        if country is None and not country_is_head and sector not in _UNIDENTIFIED_SECTORS:
            country = self.main_country if kind == "person" else self._context_country(sector)
        agents = self._user_agents(hits, None)
        if agents and country is not None:  # user dictionary agents, all of them: ARN + GOVFRM
            code = compose_code(country, agents)
        else:
            code = (country or "") + (sector or "")
        # "the Kazakh president", "the minister": one person by title, whom "he" or "she" can name later
        titled = kind == "group" and head.tag_ == "NN" and any(
            s <= head.i < e and hs[0].kind == "sector" and hs[0].sector_kind == "title" for s, e, hs in hits)
        return Actor(text=text, code=code or "---", country=country, sector=sector,
                     name=name if kind == "person" else (name if name and sector in ("MED", "BUS") else None),
                     kind="person" if titled else kind)

    def _titled_name(self, tokens: list[Token], covered: set[int], hits, head: Token) -> Optional[str]:
        """The name of a person heading the phrase after a title, or None."""
        span = self._name_run(tokens, covered)
        if span is None or not (span.start <= head.i < span.end) or not self._is_title(hits, head):
            return None
        return span.text

    @staticmethod
    def _user_agents(hits, skip: Optional[tuple[int, int]]) -> list[tuple[str, bool]]:
        """The user dictionary agents of a phrase in text order, as (code, prefix): PETRARCH
        adds every agent of the phrase to the actor's code ("Danish Islamist media": DNKMUSMED)."""
        out = []
        for s, e, hs in sorted(hits, key=lambda x: x[0]):
            if skip is not None and s < skip[1] and e > skip[0]:
                continue
            h = hs[0]
            if h.kind == "agent" and h.priority >= USER_PRIORITY:
                item = (h.code, h.sector_kind == "prefix")
                if item not in out:
                    out.append(item)
        return out

    def _np_text(self, tokens: list[Token]) -> str:
        toks = [t for t in tokens if t.dep_ != "punct" or t.i not in (tokens[0].i, tokens[-1].i)]
        while toks and toks[0].dep_ in ("det", "cc", "case", "punct"):
            toks = toks[1:]
        if not toks:
            return tokens[0].text
        return self._text[toks[0].idx: toks[-1].idx + len(toks[-1].text)]

    def _country(self, hits, head: Token) -> tuple[Optional[str], bool, bool]:
        best = None
        for s, e, hs in hits:
            h = hs[0]
            if h.country and h.kind in ("country", "adjective", "capital") and not self._stance(s):
                is_head = s <= head.i < e
                score = (is_head, -abs(head.i - s))
                if best is None or score > best[0]:
                    best = (score, h, is_head)
        if best is None:
            return None, False, False
        _, h, is_head = best
        country = h.country
        if h.homelands and self.main_country in h.homelands:
            country = self.main_country  # "Kurdish fighters" in an article about Syria
        return country, is_head and h.kind in ("country", "capital"), is_head and h.kind == "capital"

    def _residence(self, head: Token, tokens: list[Token], hits, kin: str) -> str:
        """The country an ethnic or national group lives in, when the phrase says it is not its
        kin state's: another nationality word ("Bosnian Serbs"), a place in the phrase ("Albanians
        of southern Serbia", "ethnic Albanians in south Serbia", "guerrillas operating in
        Macedonia"); for "ethnic X" with neither, the nearest other country in the sentence,
        before the phrase first. Otherwise ``kin``."""
        national = [(s, h.country) for s, e, hs in hits for h in hs[:1]
                    if h.country and h.kind in ("adjective", "country", "capital") and not self._agentive(e)
                    and not (s <= head.i < e and h.homelands)]  # a people's own default state
        ethnic = any(t.lower_ == "ethnic" for t in tokens)
        own = self._spans.get(head.i)
        demonym_head = own is not None and own[2][0].kind == "adjective" and head.tag_ in ("NNS", "NNPS")
        if not (ethnic or demonym_head):
            return kin
        others = [c for _, c in national if c != kin]
        if others:
            return others[0]
        around = [c for c in head.children if c.dep_ == "prep"]
        around += [g for c in head.children if c.dep_ in ("acl", "relcl") for g in c.children if g.dep_ == "prep"]
        for prep in around:
            if prep.lower_ in ("in", "of", "inside", "within"):
                for t in prep.subtree:
                    c = self._country_at(t.i)
                    if c and c != kin:
                        return c
        if not ethnic:
            return kin
        sent = head.sent
        before = [t.i for t in sent if t.i < head.i and self._country_at(t.i) not in (None, kin)]
        after = [t.i for t in sent if t.i > head.i and self._country_at(t.i) not in (None, kin)]
        if before:
            return self._country_at(before[-1]) or kin
        return (self._country_at(after[0]) or kin) if after else kin

    def _owner_country(self, tokens: list[Token], sent_index: int) -> Optional[str]:
        """The country of a possessive pronoun's owner in the phrase: "his forces" after "Putin
        said" (an earlier mention), "our soldiers" in what a speaker says (the speaker)."""
        for t in tokens:
            if t.dep_ != "poss" or t.pos_ != "PRON":
                continue
            low = t.lower_
            if low in ("our", "my"):
                speaker = _speaker_subject(t)
                owner = self.resolve(speaker, sent_index) if speaker is not None else None
            elif low in _PERSON_PRONOUNS | _THING_PRONOUNS | _PLURAL_PRONOUNS:
                owner = self._pronoun(t, sent_index)
            else:
                owner = None
            if owner is not None and owner.country:
                return owner.country
        return None

    def distributed_nationalities(self, head: Token, sent_index: int = 0) -> list[Actor]:
        """"Tajik and Kyrgyz border guards": one actor per coordinated nationality, each with the
        head's sector (not the nationalities as actors of their own); [] when the phrase is not
        of that shape."""
        for m in head.lefts:
            if m.dep_ not in ("amod", "nmod", "compound") or not any(g.dep_ == "cc" for g in m.children):
                continue
            toks = [m]
            while True:
                nxt = next((g for g in toks[-1].children if g.dep_ == "conj"), None)
                if nxt is None:
                    break
                toks.append(nxt)
            countries = [self._country_at(t.i) for t in toks]
            if len(toks) < 2 or not all(countries):
                return []
            base = self.resolve(head, sent_index)
            if base is None or not base.sector:
                return []
            out = []
            for c in dict.fromkeys(countries):
                a = replace(base, country=c, code=c + base.sector)
                out.append(replace(a, actor_id=actor_id(a)))
            return out
        return []

    def sentence_place(self, head: Token) -> Optional[str]:
        """The country of the place named nearest to ``head`` in its sentence, or None."""
        sent = head.sent
        if self._place_order is None:  # token indices of places, sorted once per article
            self._place_order = sorted(self._places)
        lo, hi = bisect.bisect_left(self._place_order, sent.start), bisect.bisect_left(self._place_order, sent.end)
        near = [i for i in self._place_order[lo:hi] if is_locative(self.doc[i])]
        return self._places[min(near, key=lambda i: abs(i - head.i))] if near else None

    def _stance(self, start: int) -> bool:
        """A country word after "anti-" or "pro-" ("an anti-Syria journalist", "pro-Russian
        separatists") names whom the actor is against or for, not the actor's country."""
        doc = self.doc
        return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in ("anti", "pro")

    def _agentive(self, end: int) -> bool:
        """A nationality word ending at ``end`` that names who occupies, leads or backs something
        ("Israeli-occupied", "US-led"), not whose it is."""
        doc = self.doc
        return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].tag_ == "VBN"

    def _country_at(self, i: int) -> Optional[str]:
        """The country named by the token at ``i`` (a country, nationality or capital word, or a
        resolved place), or None."""
        span = self._spans.get(i)
        if span is not None:
            h = span[2][0]
            if h.country and h.kind in ("adjective", "country", "capital"):
                return None if self._agentive(span[1]) else h.country
        return self._places.get(i)

    @staticmethod
    def _sector(hits, head: Token) -> Optional[str]:
        """The sector of the phrase: a sector word that is the head, a title before a name, or a
        sector word before a noun for the group's members or units ("police personnel")."""
        best = None
        members = head.lemma_.lower() in member_heads()
        for s, e, hs in hits:
            on_head = s <= head.i < e
            for h in hs:
                if h.kind in ("sector", "agent"):
                    if not on_head and not head.pos_ == "PROPN" and not (members and e <= head.i) \
                            and not (h.kind == "agent" and head.i == e):
                        break
                    # a member noun's own sector ("officials") yields to its group's ("police")
                    score = ((s <= head.i < e) != members, h.priority, e - s, -abs(head.i - s))
                    if best is None or score > best[0]:
                        best = (score, h.sector or h.code)
                    break
        return best[1] if best else None

    @staticmethod
    def _is_title(hits, head: Token) -> bool:
        return any(h.kind in ("sector", "agent") and (h.sector_kind in ("title", None)) for _, _, hs in hits for h in hs[:1])

    def _fuzzy_country(self, name: str) -> Optional[str]:
        """A country named in a spelling of its own (Afganistan, Phillippines, Kazakstan): one
        mentioned in the article, else any country whose name has the same key."""
        key = skeleton(name)
        if len(key) < 3:
            return None
        for country_name, iso3 in country_keys().get(key, ()):
            if same_name(country_name, name):
                return iso3
        # two spellings that are the same name have the same key: only those phrases are compared
        for phrase, iso3 in self._country_phrases.get(key, ()):
            if same_name(phrase, name):
                return iso3
        return None

    @functools.cached_property
    def _country_phrases(self) -> dict[str, list[tuple[str, str]]]:
        """Skeleton key -> (phrase, ISO3) of the country phrases of the article, each once, in
        text order: built once per article, so that each unresolved name costs a lookup, not a
        pass over the article (issue 18)."""
        out: dict[str, list[tuple[str, str]]] = {}
        seen: set[tuple[str, str]] = set()
        spans = {(s, e, id(h)): h for s, e, h in self._spans.values()}
        for (start, end, _), hits in sorted(spans.items(), key=lambda x: x[0]):
            h = hits[0]
            if h.country and h.kind == "country":
                phrase = " ".join(self._words[start:end])
                if (phrase, h.country) not in seen:
                    seen.add((phrase, h.country))
                    out.setdefault(skeleton(phrase), []).append((phrase, h.country))
        return out

    @staticmethod
    def _famous(name: str, text: str, sector: Optional[str]) -> Optional[Actor]:
        """A well-known political person (data/actors/persons.tsv) with the code of the state or
        organisation they act for; a title's sector wins over the listed one."""
        e = famous_person(name)
        if e is None:
            return None
        code = e.code if e.country is None else e.country + (sector or e.sector or "")
        return Actor(text=text, code=code, country=e.country, sector=sector or e.sector,
                     name=name, kind="person")

    # -- coreference --------------------------------------------------------------------------
    def _known_person(self, name: str) -> Optional[Actor]:
        parts = [p for p in name.split() if fold(p)]
        if not parts:
            return None
        last = _surname(parts)
        for actor in reversed(self.people):
            if not actor.name:
                continue
            known_last = _surname(actor.name.split())
            if known_last and same_name(known_last, last):
                return actor
        return None

    def _remember(self, actor: Actor, head: Token, sent_index: int) -> None:
        plural = head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children)
        self.mentions.append(_Mention(actor, plural, sent_index, head.i))
        if actor.kind == "person" and actor.name and self._known_person(actor.name) is None:
            self.people.append(actor)

    def _context_country(self, sector: Optional[str]) -> Optional[str]:
        for m in reversed(self.mentions):
            if m.actor.kind == "org":
                continue  # a named body ("a State Department official") says nothing of "the government"
            if m.actor.country and (sector is None or m.actor.sector == sector):
                return m.actor.country
        return self.main_country

    def _pronoun(self, tok: Token, sent_index: int) -> Optional[Actor]:
        low = tok.lower_
        # an object pronoun is not its own clause's subject ("Otunbayeva had told him": not her;
        # "police sentries killed one of them": not the sentries)
        own_subjects = {c.i for c in _clause_subjects(tok)}
        def fits(m: _Mention) -> bool:
            if low in _PERSON_PRONOUNS:
                return m.actor.kind == "person"
            if low in _THING_PRONOUNS:
                return m.actor.kind != "person" and not m.plural
            return low in _PLURAL_PRONOUNS and m.plural

        recent = []
        for m in reversed(self.mentions):
            if sent_index - m.sentence > 2:
                break
            if m.token not in own_subjects and fits(m):
                recent.append(m)
        if not recent:
            return None
        if tok.dep_ in ("nsubj", "nsubjpass") and recent[0].sentence < sent_index:
            # a subject pronoun opening a clause continues the last sentence's subject ("The UN
            # mission asked the Taliban administration to revoke the decision. It also urged ...")
            last = recent[0].sentence
            subject = next((m for m in recent if m.sentence == last and 0 <= m.token < len(self.doc)
                            and self.doc[m.token].dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                return replace(subject.actor, text=tok.text)
        return replace(recent[0].actor, text=tok.text)


def _clause_subjects(tok: Token) -> list[Token]:
    """The subjects of the clause whose object (or object's part) a pronoun is: "told him",
    "fired at them", "killed one of them" (the verb's own subject, or a conjoined verb's: the
    nearest conjunct's before it that names one, as in "the militants arrived ..., but police
    sentries posted there killed one of them", else the first's: "chased the raiders and shot one
    of them"). Empty for a pronoun in a subject."""
    cur = tok
    for _ in range(6):
        if cur.dep_ not in ("dobj", "dative", "pobj", "prep") or cur.head.i == cur.i:
            return []
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            break
    else:
        return []
    if cur.pos_ not in ("VERB", "AUX"):
        return []
    for _ in range(4):
        subjects = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")] or nearest_conjunct_subjects(cur)
        if subjects or cur.dep_ != "conj" or cur.head.i == cur.i:
            return subjects
        cur = cur.head
    return []


_TIME_PREFIXES = frozenset({"post", "pre", "ex"})
_OTHERS = frozenset({"foreign"})  # "foreign governments": not the country at hand
_REGIONAL_FORCES = frozenset({"force", "forces", "fighter", "fighters", "militia", "militias"})
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _surname(parts: list[str]) -> str:
    """The family name of a name's words: "Ferdinand Marcos Jr." -> "Marcos"."""
    words = [p for p in parts if p.lower().strip(",") not in _NAME_SUFFIXES]
    return words[-1] if words else ""


_LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "within", "across"})


def is_locative(tok: Token) -> bool:
    """Whether a place word is in a phrase saying where ("in Tel Aviv", "near the town of
    Samarra"), not where to or from ("sending troops to Iraq")."""
    cur = tok
    for _ in range(4):
        if cur.dep_ == "pobj" and cur.head.lower_ in _LOCATIVE_PREPS:
            return True
        if cur.dep_ not in ("compound", "amod", "pobj", "prep", "appos", "conj") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


@functools.lru_cache(maxsize=1)
def country_keys() -> dict[str, list[tuple[str, str]]]:
    """Skeleton key -> (name, ISO3) of every country name and alias."""
    out: dict[str, list[tuple[str, str]]] = {}
    for c in load_countries():
        for n in (c.name, *c.aliases):
            out.setdefault(skeleton(n), []).append((n, c.iso3))
    return out


def compose_code(code: str, agents: list[tuple[str, bool]]) -> str:
    """An actor code with user dictionary agents: ``~X`` agents follow it, ``X~`` agents come
    before it; an agent the code already ends (or starts) with is not repeated (USAGOV + GOV).
    Each part of a multi-code ``A/B`` gets the agents."""
    parts = []
    for part in code.split("/"):
        for agent, prefix in agents:
            if prefix:
                part = part if part.startswith(agent) else agent + part
            elif not part.endswith(agent):
                part = part + agent
        parts.append(part)
    return "/".join(parts)


def split_codes(actor: Actor) -> list[Actor]:
    """A dictionary actor coded ``[FRO/BIL/SAM]`` is three actors, as PETRARCH codes it."""
    if "/" not in actor.code:
        return [actor]
    out = []
    for part in actor.code.split("/"):
        if not part:
            continue
        country = part[:3] if actor.country and part[:3].isalpha() and not part.startswith(("IGO", "NGO", "IMG")) else actor.country
        a = replace(actor, code=part, country=country)
        out.append(replace(a, actor_id=actor_id(a)))
    return out or [actor]


def as_place(actor: Actor) -> Actor:
    """A capital named as where something happens ("exploded in Kabul"): its country, not its
    government (which the capital stands for as an agent: "Kabul said")."""
    if actor.kind != "country" or actor.sector != "GOV" or not actor.country:
        return actor
    a = replace(actor, code=actor.country, sector=None)
    return replace(a, actor_id=actor_id(a))


def actor_id(actor: Actor) -> str:
    """Stable registry id: the code, and for named actors the transliteration key of the name
    (so Nursultan Nazarbayev and Nursultan Nazarbaev are one actor across articles)."""
    key = actor.code
    if actor.name:
        key += "|" + " ".join(skeleton(p) for p in actor.name.split())
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
