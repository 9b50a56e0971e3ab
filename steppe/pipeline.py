"""The per-article pipeline: parse -> actors -> events -> dates, places -> records.

``Coder`` holds what is loaded once (model, lexicons, dictionaries); ``code_stream`` parses in
batches with ``nlp.pipe`` and yields one ``ArticleResult`` per article (or a ``Skipped``).
The same ``Coder`` runs in each worker process and on each Dask worker.
"""
from __future__ import annotations

import re
import dataclasses
import functools
import hashlib
from typing import Iterable, Iterator, Optional, Union

from spacy.tokens import Doc, Span, Token

from steppe import __version__
from steppe.actors.dictionaries import load_user_dictionaries
from steppe.actors.index import build_index
from steppe.actors.lexicon import country_names
from steppe.actors.names import names_place
from steppe.actors.resolve import ArticleActors, actor_id
from steppe.coding.cameo import CameoCode, load_cameo_table, quad_class_for_root
from steppe.coding.coder import Candidate, SentenceCoder, main_clause
from steppe.coding.dyad import clause_dyad, is_classifier_event
from steppe.coding.lexicon import load_coding_lexicon
from steppe.coding.petrarch_verbs import load_verb_dictionary
from steppe.config import Settings
from steppe.coding.confidence import calibrated, load_weights
from steppe.coding.restatements import merge_restatements
from steppe.dates.background import is_background, news_date
from steppe.dates.resolve import DateMention, article_fallback, find_dates
from steppe.fingerprint import settings_hash
from steppe.ingest.readers import content_hash
from steppe.nlp import get_nlp
from steppe.nlp.dateline import dateline_date
from steppe.nlp.pieces import parse_texts
from steppe.places.attach import (Located, article_event_places, clause_place, country_place, dateline_place,
                                  event_key, find_article_places, gapped_places, is_demonym, sentence_place)
from steppe.records import Actor, Article, ArticleResult, Event, EventDate, Place, PlaceMention, Sentence, Skipped

_DISABLE = ()  # every component of en_core_web_sm is used (ner helps places and names)


def event_id(article_id: str, chash: str, cand: Candidate, place: str = "") -> str:
    """A stable id: the article, its text, the sentence, trigger, code and actors (and, for an act
    told for several places in one clause, the place)."""
    parts = [
        article_id, chash, str(cand.sentence_index), str(cand.trigger.i), cand.code,
        cand.source.code if cand.source else "", cand.target.code if cand.target else "",
        __version__,
    ]
    key = "|".join(parts + [place] if place else parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def _telling(placed: dict[tuple[int, Optional[str]], list[Located]], sentence_index: int,
             trigger: Optional[str], where: Optional[Place]) -> Located:
    """The place found for one telling of an event (its sentence and trigger); of an act told for
    several places in one clause, the telling of the event's own place."""
    found = placed.get((sentence_index, trigger)) or [Located(None)]
    same = [f for f in found if where is not None and f.place is not None and f.place.name == where.name]
    return (same or found)[0]


def _may_date(text: str) -> bool:
    """A cheap test before the date patterns run on a sentence with no event (only to anchor "the
    following day"): a digit, which every explicit date has; a bare weekday there is not read."""
    return any(ch.isdigit() for ch in text)


def _nested(tok: Token, trigger: Token, event_nouns) -> bool:
    """Whether ``tok`` hangs from another clause with its own subject, or an event noun, below
    the trigger: "accuse X of leading the September 4 attacks" dates the attacks, not the
    accusation; "jailed for attempting to overthrow the government in 1999" dates the jailing."""
    cur = tok
    for _ in range(30):
        if cur.i == trigger.i or cur.head.i == cur.i:
            return False
        cur = cur.head
        own_clause = cur.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children)
        if cur.i != trigger.i and (own_clause or cur.lemma_.lower() in event_nouns):
            return any(t.i == trigger.i for t in cur.ancestors)
    return False


# How many sentences a narrated day lasts after the sentence that names it ("Protesters brought
# the body to the square on November 25 ... Some in the crowd then attempted to seize the
# building ... In response, security forces fired on protesters").
_SCENE_SENTENCES = 2
# A day the lead names for its news ("On March 7 night, more than a thousand people gathered ...",
# "Authorities detained dozens of people on July 6") is the day of the whole story: it lasts until
# another day is named.
_LEAD_SENTENCES = 1


def _past_act(trigger: Token) -> bool:
    """A past-tense act (or an event noun in a past-tense clause): what the narration recounts,
    not a present statement or a plan."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for _ in range(4):  # "attempted to seize the building, wounding four": the participle's clause
        if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "acl", "xcomp", "conj", "pcomp") and verb.head.i != verb.i:
            verb = verb.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.tag_ not in ("VBD", "VBN"):
        return False
    chain = [verb]
    while chain[-1].dep_ == "conj" and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)  # "have killed 13 and arrested 32": the first verb's auxiliaries
    # "will", "would"; "has detained" is the present perfect of the news
    return not any(c.dep_ in ("aux", "auxpass") and (c.tag_ == "MD" or c.tag_ in ("VBZ", "VBP"))
                   for v in chain for c in v.children)


# Adverbs that put a past-perfect act before the story ("had been interrogated previously")
_EARLIER = frozenset({"previously", "earlier", "once", "formerly", "before"})


def _undated_earlier(trigger: Token) -> bool:
    """A past-perfect act told as earlier than the story with no time of its own ("Babali had been
    interrogated previously"): undated background, which the coding guidelines leave uncoded."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    perfect = any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)
    return perfect and any(c.dep_ == "advmod" and c.lower_ in _EARLIER for c in verb.children)


# "Hours after the September 4 attacks, the president dismissed ...": the act below dates this one
_SAME_DAY_AFTER = re.compile(r"\b(?:hours|minutes|moments|shortly|just|soon)\s+(?:after|before)\b[^.;]{0,40}$", re.I)


def _not_after(when: EventDate, article_date: Optional[str]) -> EventDate:
    """A reported act cannot have happened after the report: a date later than the publication
    date is that of what was promised, threatened or planned ("promised to hold elections in July
    2023"); the intent, threat or plan itself is dated by the report."""
    if when.value and article_date and not when.value.startswith("--") \
            and when.value > article_date[:len(when.value)]:
        return article_fallback(article_date)
    return when


def _mention_root(sent: Span, m: DateMention) -> Optional[Token]:
    span = sent.doc.char_span(sent.start_char + m.start, sent.start_char + m.end, alignment_mode="expand")
    return span.root if span is not None else None


def _in_other_clause(tok: Optional[Token], trigger: Optional[Token]) -> bool:
    """Whether ``tok`` lies in a relative or noun-modifying clause or an appositive that does not
    hold ``trigger`` ("a base that has served as a hub since the Sept. 11, 2001 attacks")."""
    cur = tok
    for _ in range(30):
        if cur is None or cur.head.i == cur.i:
            return False
        if (cur.dep_ in ("relcl", "acl") and cur.pos_ in ("VERB", "AUX")) or cur.dep_ == "appos":
            # (an appositive describes a participant: "Maduro, the country's leader since 2013")
            return trigger is None or not any(t.i == trigger.i for t in cur.subtree)
        cur = cur.head
    return False


def _event_date(trigger: Token, sent: Span, mentions: list[DateMention],
                article_date: Optional[str], event_nouns=frozenset()) -> EventDate:
    """The time expression attached to the trigger's clause (not one of a verb or event noun below
    it), else the sentence's, else the article's."""
    if not mentions:
        return article_fallback(article_date)
    subtree = {t.i for t in trigger.subtree}
    head = trigger
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head  # "detained ... on September 23 and expelled them": share the date
    subtree |= {t.i for t in head.subtree}
    doc = sent.doc
    carrier = trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubjpass") else trigger
    will = next((c.i for c in carrier.children if c.dep_ in ("aux", "auxpass")
                 and c.lower_ in ("will", "shall", "'ll")), None)
    # what comes after "will" in its clause dates the plan ("will start a truce on Friday"); what
    # comes before it dates the saying ("said on Monday it will withdraw", however it is parsed)
    planned = {t.i for t in carrier.subtree if t.i > will} if will is not None else set()
    if trigger.pos_ == "NOUN" and trigger.dep_ == "nsubj":
        # "mediators in Qatar said Israel and Hamas will start a truce on Friday": the plan
        # reported below the subject's verb has its own day ("talks will start on Friday" keeps
        # its: that plan is the subject's own act)
        # (however it is parsed: the plan below the saying, or the saying hung off the plan)
        says = trigger.head
        plans = [c for c in says.children if c.dep_ == "ccomp"]
        if says.dep_ in ("parataxis", "ccomp", "advcl") and says.head.i != says.i:
            plans.append(says.head)  # "..., mediators said, Reuters reported": the plan beside it
            plans += [c for c in says.head.children if c.dep_ == "ccomp" and c.i != says.i]
        for v in plans:
            if any(a.dep_ == "aux" and a.lower_ in ("will", "shall", "'ll") for a in v.children):
                planned |= {t.i for t in v.subtree} - {t.i for t in trigger.subtree} - {says.i}
    best, best_score = None, None
    for m in mentions:
        span = doc.char_span(sent.start_char + m.start, sent.start_char + m.end, alignment_mode="expand")
        inside = span is not None and any(t.i in subtree for t in span)
        if inside and _nested(span.root, trigger, event_nouns) and not _SAME_DAY_AFTER.search(sent.text[:m.start]):
            continue  # the date of an act inside this one ("hours after the September 4 attacks": its day)
        if span is not None and _in_other_clause(span.root, trigger):
            continue  # a relative clause's own time ("a base that has served ... since 2001")
        if span is not None and any(t.i in planned for t in span):
            continue  # "will start a truce on Friday": when the plan is to happen, not when it was made
        dist = abs((span.start if span is not None else sent.start) - trigger.i)
        score = (0 if inside else 1, dist)
        if best_score is None or score < best_score:
            best, best_score = m, score
    return best.date if best is not None else article_fallback(article_date)


_OPENING_JUNK = "\"'”’)]} \t\r\n"


def evidence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """A sentence's offsets without surrounding whitespace or a stray closing quote that the
    sentence splitter attached to its start."""
    while start < end and text[start] in _OPENING_JUNK:
        if text[start] in "\"”'’" and start + 1 < end and not text[start + 1].isspace():
            break  # an opening quote belongs to the sentence
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Event families whose unnamed recipient is the state where they happen.
_PLACE_TARGET_ROOTS = {"08", "14", "15", "17", "18", "19", "20"}
# Event families whose unnamed agent is coded to the country where they happen (attacks).
_PLACE_SOURCE_ROOTS = {"18", "19", "20"}


def _place_actor(where: PlaceMention) -> Actor:
    """The country of a resolved place as an actor (the state where an event happens), implied."""
    return _country_actor(f"{where.text} (implied)", where.country)


def _is_implied(actor: Actor) -> bool:
    """An actor the pipeline implied from the place or the source's country ("Kyrgyzstan (implied)")."""
    return actor.text.endswith("(implied)")


def _country_actor(text: str, country: str) -> Actor:
    actor = Actor(text=text, code=country, country=country, kind="country")
    return dataclasses.replace(actor, actor_id=actor_id(actor))


def cached_coder(settings: Settings) -> "Coder":
    """One ``Coder`` per model and coding settings in a process, kept for the next call (the
    database path and the number of workers do not change what it loads)."""
    return _coder(settings.replace(db=Settings.db, workers=1), settings_hash(settings))


@functools.lru_cache(maxsize=2)
def _coder(settings: Settings, digest: str) -> "Coder":
    return Coder(settings)  # ``digest`` in the key: an edited dictionary file is loaded anew


class Coder:
    """Loads the model, lexicons and dictionaries once; codes articles."""

    def __init__(self, settings: Settings = Settings()) -> None:
        self.settings = settings
        self.nlp = get_nlp(settings.model)
        self.table = load_cameo_table()
        self.lex = load_coding_lexicon()
        self.index = build_index(load_user_dictionaries(settings.dicts))
        self.verbs = load_verb_dictionary(settings.verbs) if settings.verbs else None
        self.weights = load_weights()
        self.settings_hash = settings_hash(settings)
        self.classifier = None
        if settings.classifier:  # the optional second opinion (steppe[ml]); its model loads here, once
            from steppe.coding.classifier import cached_classifier

            self.classifier = cached_classifier(settings.classifier_head, settings.classifier_threshold)

    def code_doc(self, article: Article, doc: Doc) -> ArticleResult:
        chash = content_hash(article.text)
        if not article.date:
            # "NEW YORK, Jan. 5, 2024 (AP) —": the dateline's date is the publication date
            stated = dateline_date(article.text)
            if stated:
                article = dataclasses.replace(article, date=stated)
        result = ArticleResult(article=article, content_hash=chash, settings_hash=self.settings_hash)
        places = find_article_places(doc, article.id, include_demonyms=self.settings.place_demonyms) \
            if self.settings.places else []
        # the places found are handed to the actors: "the government of Sindh province" is Pakistan's
        title = [t.text for t in self.nlp.make_doc(article.title)] if article.title else ()
        # (the actors are read with the toponyms proper: demonyms, when included, are no places of theirs)
        actor_places = [p for p in places if not is_demonym(p.place.text)] if self.settings.place_demonyms \
            else places
        actors = ArticleActors(doc, self.index, date=article.date, places=actor_places, title=title)
        coder = SentenceCoder(self.lex, actors, verbs=self.verbs, implied=self.settings.implied_actors,
                              entailed=self.settings.entailed_agents)
        result.places = places
        text = doc.text  # rebuilt by spaCy on every access: once per article
        dateline = dateline_place(text[:1000], places) if places else None
        located: list[Located] = []
        anchor: Optional[str] = None  # the last full date named so far ("the following day")
        # the day a narration is at: a full date before the news day, named in a recent sentence;
        # past-tense acts told after it with no time expression of their own took place then
        scene: Optional[tuple[str, int]] = None
        asked: list[tuple[int, Span, Candidate, list[DateMention], Optional[str]]] = []  # for the classifier
        for si, sent in enumerate(doc.sents):
            start, end = evidence_bounds(text, sent.start_char, sent.end_char)
            result.sentences.append(Sentence(article.id, si, start, end, text[start:end]))
            cands = coder.code(sent, si)
            mentions = find_dates(sent.text, article.date, anchor) if cands or _may_date(sent.text) else []
            if self.classifier is not None and not any(self._code_info(c.code).plover_type for c in cands):
                dyad = clause_dyad(coder.last_heads, doc)
                if dyad is not None:  # a dyad and no typed event: the classifier's turn (after the loop)
                    when = mentions if cands or _may_date(sent.text) else find_dates(sent.text, article.date, anchor)
                    told_now = scene[0] if scene is not None and si - scene[1] <= _SCENE_SENTENCES else None
                    asked.append((len(result.events), sent, Candidate(si, sent.root, "", dyad[0], dyad[1], 0.0, "",
                                                                      implied_target=False), when, told_now))
            named = [m.date.value for m in mentions if m.date.precision == "day" and m.date.value
                     and not m.date.value.startswith("--")]
            anchor = named[-1] if named else anchor
            told = scene[0] if scene is not None and (si - scene[1] <= _SCENE_SENTENCES or scene[1] < _LEAD_SENTENCES) \
                else None
            for cand in cands:
                found = clause_place(cand.trigger, sent, places, dateline) if places else Located(None)
                event = self._event(article, chash, sent, cand, mentions, places, result.sentences[-1],
                                    found, dateline, told)
                if event.date_source == "article" and _undated_earlier(cand.trigger):
                    continue  # "had been interrogated previously": undated background is not coded
                located.append(found)
                result.events.append(event)
                others = gapped_places(cand.trigger, sent, places, found)
                if others:
                    # the same act told for other places (coordinated, or with its verb left out):
                    # one event per place, none of them the venue of other events
                    located[-1] = dataclasses.replace(found, venue=False)
                for there in others:
                    located.append(there)
                    result.events.append(dataclasses.replace(
                        event, event_id=event_id(article.id, chash, cand, there.place.name),
                        location=sentence_place(there, dateline)))
            if named:
                # a day named in a relative clause ("the uprising, which began on Tuesday") is
                # background to the sentence, not the day its narration is at
                told_days = [m.date.value for m in mentions if m.date.value in named
                             and not _in_other_clause(_mention_root(sent, m), None)]
                scene = (told_days[-1], si) if told_days and article.date and told_days[-1] < article.date[:10] \
                    else None
        if asked:
            self._second_opinion(article, chash, asked, result, located, places, dateline)
        # one event per act (restatements merged, by the places their sentences give), then the
        # article's events placed together (steppe.places.attach), then background: context dated
        # before the news
        placed: dict[tuple[int, Optional[str]], list[Located]] = {}
        for e, f in zip(result.events, located):
            placed.setdefault((e.sentence_index, e.trigger), []).append(f)
        events = merge_restatements(
            result.events, own_place=lambda e: _telling(placed, e.sentence_index, e.trigger, e.location).place is not None)
        if self.settings.places:
            events = self._place_events(events, placed, result.sentences, places, dateline)
        news = news_date(events, article.date)
        events = [dataclasses.replace(e, background=is_background(e, news)) for e in events]
        if self.settings.calibrated_confidence:  # the chance the event is right (confidence.py)
            events = [e if is_classifier_event(e) else dataclasses.replace(e, confidence=calibrated(e, self.weights))
                      for e in events]
        result.events = [e for e in events if e.confidence >= self.settings.min_confidence]
        return result

    def _second_opinion(self, article: Article, chash: str, asked: list, result: ArticleResult,
                        located: list[Located], places: list[PlaceMention], dateline: Optional[PlaceMention]) -> None:
        """The classifier's events for the sentences in ``asked`` (one batch per article), each
        inserted where the sentence's rule events would be."""
        opinions = self.classifier.opinions([s.text for _, s, _, _, _ in asked])
        for (at, sent, cand, mentions, told), op in reversed(list(zip(asked, opinions))):
            if op is None:
                continue
            why = (f"classifier: {op.plover_type} with probability {op.probability:.3f} (MiniLM sentence model "
                   f"and logistic head trained on plv-train; confidence scaled by the share it got right "
                   f"in cross-validation); the rules found no typed event in this sentence")
            cand = dataclasses.replace(cand, code=op.code, confidence=op.confidence, explanation=why)
            found = clause_place(cand.trigger, sent, places, dateline) if places else Located(None)
            event = self._event(article, chash, sent, cand, mentions, places, result.sentences[cand.sentence_index],
                                found, dateline, told)
            result.events.insert(at, event)
            located.insert(at, found)

    @staticmethod
    def _place_events(events: list[Event], placed: dict[tuple[int, Optional[str]], list[Located]],
                      sentences: list[Sentence], places: list[PlaceMention],
                      dateline: Optional[PlaceMention]) -> list[Event]:
        """Each event's place from the article (``article_event_places``): its own sentence's, the
        firmest among the sentences that tell it."""
        found = []
        for e in events:
            tellings = [_telling(placed, m.sentence_index, m.trigger, e.location) for m in (e.mentions or ())] \
                or [_telling(placed, e.sentence_index, e.trigger, e.location)]
            found.append(min(tellings, key=lambda f: f.strength))
        keys = [event_key([a for a in (e.source, e.target) if a is not None and not _is_implied(a)]) for e in events]
        lead = next((s.index for s in sentences if dateline is not None and s.start <= dateline.start < s.end), 0)
        wheres = article_event_places(found, keys, [e.sentence_index for e in events], dateline, lead, places)
        return [dataclasses.replace(e, location=w) for e, w in zip(events, wheres)]

    def _event(self, article: Article, chash: str, sent: Span, cand: Candidate,
               mentions: list[DateMention], places: list[PlaceMention], sentence: Sentence,
               found: Located, dateline: Optional[PlaceMention], scene: Optional[str] = None) -> Event:
        info = self._code_info(cand.code)
        when = _not_after(_event_date(cand.trigger, sent, mentions, article.date, self.lex.nouns), article.date)
        if when.source == "article" and scene is not None and _past_act(cand.trigger):
            when = EventDate(scene, "day", "narrative")
        # the place from the event's sentence alone (the article's places are set in code_doc)
        where = sentence_place(found, dateline)
        if where is None and self.settings.places and info.quad_class in (2, 4):
            # a domestic material act with no place named happened in its country (the coding
            # guidelines); statements and international acts with no venue stay unplaced
            sides = {a.country for a in (cand.source, cand.target) if a is not None}
            if len(sides) == 1 and None not in sides:
                (c,) = sides
                where = country_place(c, country_names().get(c, c))
        source, target, explanation = cand.source, cand.target, cand.explanation
        implied = cand.implied_target and self.settings.implied_actors
        if target is None and implied and where is not None and where.country \
                and cand.code[:2] in _PLACE_TARGET_ROOTS:
            # a domestic protest, crackdown or concession with no named recipient is directed at
            # the state where it happens ("Kurds demonstrated in Kirkuk" -> IRQ)
            target = _place_actor(where)
            explanation = f"{explanation}; target implied: the event's place"
        if source is None and where is not None and where.country and cand.code[:2] in _PLACE_SOURCE_ROOTS \
                and implied and names_place(where.text, where.name):
            # an attack with no attacker named is coded to the country where it happens ("a
            # roadside bomb near Samarra killed a US soldier" -> IRQ), as the PLOVER/ICEWS data do
            source = _place_actor(where)
            explanation = f"{explanation}; source implied: the event's place (no attacker named)"
        if target is None and implied and source is not None and source.country \
                and cand.code[:2] != "04":  # talks or a visit with someone unnamed
            # an act with no named recipient is the source's own country's affair ("the president
            # threatened to impose a curfew", "students rioted"): the domestic target of PLOVER
            # and ICEWS coding
            c = source.country
            target = _country_actor(f"{country_names().get(c, c)} (implied)", c)
            explanation = f"{explanation}; target implied: the source's country"
        return Event(
            event_id=event_id(article.id, chash, cand),
            article_id=article.id,
            sentence_index=cand.sentence_index,
            evidence=sentence.text,
            evidence_start=sentence.start,
            evidence_end=sentence.end,
            date=when.value,
            date_precision=when.precision,
            date_source=when.source,
            source=source,
            target=target,
            cameo=cand.code,
            cameo_root=info.root,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            plover_type=info.plover_type,
            plover_mode=info.plover_mode,
            location=where,
            confidence=cand.confidence,
            trigger=cand.trigger.text,
            explanation=explanation,
            fatal=cand.fatal,
            main_clause=main_clause(cand.trigger),
        )

    def _code_info(self, code: str) -> CameoCode:
        """The codebook entry of a code. Codes from user verb dictionaries are passed through
        as written: one that is not a CAMEO code takes Goldstein value, QuadClass and PLOVER type
        from its nearest CAMEO parent (1717 -> 171); with none (345, WEIS codes), Goldstein 0, no
        PLOVER type, and the QuadClass of its root when that is a CAMEO root (else 0)."""
        if code in self.table:
            return self.table.get(code)
        for n in (3, 2):
            parent = code[:n]
            if len(code) > n and parent in self.table:
                p = self.table.get(parent)
                return CameoCode(code, p.name, p.goldstein, p.quad_class, p.plover_type, p.plover_mode)
        root = code[:2]
        quad = quad_class_for_root(root) if root.isdigit() and 1 <= int(root) <= 20 else 0
        return CameoCode(code, "", 0.0, quad, None, None)

    def code_stream(self, items: Iterable[Union[Article, Skipped]]) -> Iterator[Union[ArticleResult, Skipped]]:
        """Code a stream of articles, parsing in batches; Skipped records pass through in order."""
        batch: list[Union[Article, Skipped]] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.settings.batch_size:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def _code_batch(self, batch: list[Union[Article, Skipped]]) -> Iterator[Union[ArticleResult, Skipped]]:
        arts = [a for a in batch if isinstance(a, Article)]
        docs = iter(parse_texts(self.nlp, [a.text for a in arts], self.settings.batch_size))  # long ones in pieces
        for item in batch:
            if isinstance(item, Skipped):
                yield item
                continue
            yield self.code_doc(item, next(docs))
