"""Which place an event happened at (the coding guidelines: the most specific place the text ties
to the act; a domestic act with no place named: its country; statements and international acts
with no venue: none).

``clause_place`` reads the event's sentence: a locative phrase on the event word or its verb chain
(or its light verb, or the destination of a visit), a seat of government, then one on the verb that
governs the event's clause, on a participant, or elsewhere. ``article_event_places`` places an
article's events together: the clause's place, else the venue of the nearest event of the same
parties, else the dateline city (for the lead and the dateline's country), else the sentence's
weaker place, else for a domestic act the town of its country the article names most, else that
country; the actor's country is never the place of an international act. See docs/gazetteer.md.
"""
from __future__ import annotations

import bisect
import functools
from collections import Counter
from dataclasses import dataclass
from typing import Optional, Sequence

from spacy.tokens import Doc, Span, Token

from steppe.nlp.dateline import find_dateline
from steppe.places.sources import read_tsv
from steppe.records import Actor, Place, PlaceMention

_LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "on", "around", "within", "into"}


def find_article_places(doc: Doc, article_id: str, *, include_demonyms: bool = False) -> list[PlaceMention]:
    """The article's toponyms for its events: the same option as ``steppe places
    --include-demonyms`` resolves demonyms ("Kazakh") to their country too."""
    from steppe.places.resolve import find_places

    return find_places(doc, article_id, include_demonyms=include_demonyms)


def is_demonym(text: str) -> bool:
    """``text`` is a demonym or adjective of place ("Kazakh", "Afghans"), not a toponym proper."""
    from steppe.places.gazetteer import get_gazetteer
    from steppe.places.names import norm

    return norm(text) in get_gazetteer().demonyms


def dateline_place(text: str, places: Sequence[PlaceMention]) -> Optional[PlaceMention]:
    """The place of the article's dateline ("BISHKEK (Reuters) - ..."), if it opens with one and
    the name was resolved."""
    d = find_dateline(text)
    if d is None or d.place_end == d.place_start:
        return None
    lo, hi = d.place_start, d.place_end
    return next((p for p in places if p.start >= lo and p.end <= hi + 1 and p.place.lat is not None), None)


@functools.lru_cache(maxsize=1)
def seats() -> tuple[frozenset[str], dict[str, tuple[str, str]]]:
    """Words naming a seat of government, and international organisations with the town and
    country of their headquarters (data/places/seats.tsv)."""
    rows = read_tsv("seats.tsv")
    words = frozenset(r["name"] for r in rows if r["kind"] == "word")
    return words, {r["name"]: (r["city"], r["iso2"]) for r in rows if r["kind"] == "org"}


_COUNTRY_WORDS = frozenset({"country", "nation"})


def _main_country(places: Sequence[PlaceMention], dateline: Optional[PlaceMention]) -> Optional[str]:
    """The article's country (ISO3): its dateline's, else the one its places name most."""
    if dateline is not None and dateline.place.country:
        return dateline.place.country
    counts = Counter(p.place.country for p in places if p.place.country)
    return counts.most_common(1)[0][0] if counts else None


def _seat_place(tok: Token, places: Sequence[PlaceMention], dateline: Optional[PlaceMention]) -> Optional[Place]:
    """The place a locative phrase names without a toponym: "across the country" (the article's
    country), "in the capital", "outside the Georgian parliament", "at the Kyrgyz Interior
    Ministry's headquarters" (the capital of the country named, else of the article's),
    "at UN headquarters" (New York)."""
    from steppe.places.gazetteer import get_gazetteer
    from steppe.places.names import norm
    from steppe.places.resolve import resolve_name, to_place

    words, orgs = seats()
    sub = list(tok.subtree)
    lemmas = {t.lemma_.lower() for t in sub}
    text = tok.doc[sub[0].i: sub[-1].i + 1].text
    gaz = get_gazetteer()
    if tok.lemma_.lower() in _COUNTRY_WORDS and all(t.dep_ in ("det", "poss") for t in tok.children):
        code = _main_country(places, dateline)
        e = gaz.countries_iso3.get(code) if code else None
        return to_place(text, e) if e is not None else None
    if tok.lemma_.lower() != "capital" and not (lemmas & words):
        return None
    written = " " + " ".join(t.text for t in sub) + " "
    for name, (city, iso2) in orgs.items():
        if f" {name} " in written and tok.lemma_.lower() != "capital":
            return resolve_name(city, [iso2], gazetteer=gaz)
    country = None
    for t in sub:  # "the Georgian parliament", "Kyrgyzstan's parliament"
        cc = gaz.demonyms.get(norm(t.text), (None, None))[0] if t.text[:1].isupper() else None
        if cc:
            country = gaz.countries.get(cc)
            break
        hit = next((p for p in places if p.start <= t.idx < p.end and p.place.feature == "country"), None)
        if hit is not None:
            country = gaz.countries_iso3.get(hit.place.country)
            break
    if country is None:
        code = _main_country(places, dateline)
        country = gaz.countries_iso3.get(code) if code else None
    capital = gaz.capital(country.cc) if country is not None and country.cc else None
    return to_place(text, capital) if capital is not None else None


@functools.lru_cache(maxsize=1)
def movement_words() -> dict[str, bool]:
    """Words of going somewhere, and whether their object is the place too
    (data/places/movement_words.tsv)."""
    return {r["word"]: r["object"] == "yes" for r in read_tsv("movement_words.tsv") if r["word"]}


@functools.lru_cache(maxsize=1)
def visit_words() -> frozenset[str]:
    """Movement words whose destination country stands for its capital (a state visit)."""
    return frozenset(r["word"] for r in read_tsv("movement_words.tsv") if r["capital"] == "yes")


def _visited_capital(p: PlaceMention, root: Token, attach: Token) -> Optional[Place]:
    """"A visit to Turkmenistan", "travelled to Kazakhstan": the capital of the country visited."""
    if p.place.feature != "country" or attach.lemma_.lower() not in visit_words() \
            or not (root.dep_ == "dobj" or root.head.lower_ == "to"):
        return None
    from steppe.places.gazetteer import get_gazetteer
    from steppe.places.resolve import to_place

    gaz = get_gazetteer()
    country = gaz.countries_iso3.get(p.place.country) if p.place.country else None
    capital = gaz.capital(country.cc) if country is not None and country.cc else None
    return to_place(p.place.text, capital) if capital is not None else None


def _locative_head(tok: Token) -> Optional[Token]:
    """The word a locative phrase containing ``tok`` attaches to ("in Bishkek" -> embassy; "a
    visit to Turkmenistan" -> visit; "visited Moscow" -> visited)."""
    moves = movement_words()
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lemma_.lower() in moves:
        return tok.head.head
    if tok.dep_ == "dobj" and moves.get(tok.head.lemma_.lower()):
        return tok.head
    cur = tok
    for _ in range(6):
        if cur.dep_ == "pobj" and cur.head.lower_ in _LOCATIVE:
            return cur.head.head
        if cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.lower_ in _LOCATIVE \
                and cur.head.head.dep_ == "prep":
            return cur.head.head.head  # "outside of the city of Basra"
        if cur.dep_ not in ("compound", "amod", "conj", "appos", "pobj", "prep", "nmod"):
            return None
        cur = cur.head
    return None


def _governs(verb: Token, trigger: Token) -> bool:
    """``verb`` governs the event's clause through clause links: the event of "told reporters
    in Ashgabat that his movement was offering support" is under "told", the pledge of "a visit
    to Turkmenistan to pledge support" under "visit"."""
    cur = trigger
    for _ in range(6):
        if cur.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "acl") or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.i == verb.i:
            return True
    return False


def _path_to(tok: Token, trigger: Token) -> Optional[list[str]]:
    """Dependency labels from ``tok`` up to ``trigger`` (None when the trigger is not above)."""
    labels, cur = [], tok
    for _ in range(12):
        if cur.i == trigger.i:
            return labels
        if cur.head.i == cur.i:
            return None
        labels.append(cur.dep_)
        cur = cur.head
    return None


# How firmly a place is tied to an event (lower is firmer).
CLAUSE = 0  # a locative phrase on the event word or its verb chain, a seat, a destination
GOVERNS = 1  # a locative phrase on the verb that governs the event ("told reporters in Ashgabat that ...")
PARTICIPANT = 2  # on a participant, or deep inside the event's object ("support for a pipeline across Afghanistan")
ELSEWHERE = 3  # a locative phrase elsewhere in the sentence
NONE = 9


@dataclass(frozen=True)
class Located:
    """A place found for one event from its own sentence, and how firmly it is tied to it."""

    place: Optional[Place]
    strength: int = NONE
    # False for one of the places an act is told at together ("detained in Almaty and Shymkent"):
    # an act told for several places is no venue for the article's other events
    venue: bool = True


def _nested(path: list[str], root: Token) -> bool:
    """The locative phrase sits below a phrase of another kind on a noun ("support for a pipeline
    across Afghanistan", "an end to years of bloodshed in Afghanistan"): it describes a thing the
    event is about, not where it happens. Locative phrases inside locative phrases ("at a rally in
    the east of the capital Caracas"), "of" ("the city of Makhachkala") and phrases on the verb
    ("surrendered to government forces in Romit") are no such level."""
    cur, own = root, True  # the phrase's own preposition ("a visit to Turkmenistan") is no level
    for _ in path:
        if cur.dep_ == "prep":
            if not own and cur.lower_ != "of" and cur.lower_ not in _LOCATIVE and cur.head.pos_ in ("NOUN", "PROPN"):
                return True
            own = False
        cur = cur.head
    return False


def _deep(attach: Token, trigger: Token) -> bool:
    """The word a locative phrase is on lies more than two links below the event ("signed an
    agreement aimed at bringing an end to 18 years of bloodshed in Afghanistan"): the phrase
    describes something the event is about. "of", coordination, apposition and compounds are no
    links ("the embassy in Bishkek" of "protested at the embassy", "government forces in Romit"
    of "surrendered to government forces" are two)."""
    hops, cur = 0, attach
    for _ in range(12):
        if cur.i == trigger.i:
            return False
        if cur.dep_ not in ("conj", "appos", "compound") and not (cur.dep_ == "pobj" and cur.head.lower_ == "of") \
                and not (cur.dep_ == "prep" and cur.lower_ == "of"):
            hops += 1
            if hops > 2:
                return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _specificity(p: PlaceMention) -> int:
    return {"city": 0, "other": 1, "admin2": 1, "admin1": 2, "country": 3}.get(p.place.feature, 2)


def _within(places: Sequence[PlaceMention], lo: int, hi: int) -> Sequence[PlaceMention]:
    """The places starting in [lo, hi]: places come in text order, so a sentence's are found by
    bisection, not by a scan of the article's per event."""
    return places[bisect.bisect_left(places, lo, key=lambda p: p.start):
                  bisect.bisect_right(places, hi, key=lambda p: p.start)]


def clause_place(trigger: Token, sent: Span, places: Sequence[PlaceMention],
                 dateline: Optional[PlaceMention] = None) -> Located:
    """The place the event's own sentence ties to it, and how firmly (``CLAUSE`` ... ``ELSEWHERE``):
    a locative phrase on the event word or below it, a seat of government or an organisation's
    headquarters ("outside the Georgian parliament", "at UN headquarters"), the destination of a
    visit, a locative phrase on the governing verb, on a participant, or elsewhere."""
    if not places:
        return Located(None)
    doc = sent.doc
    lo, hi = sent.start_char, sent.end_char
    where = _where_clause_place(trigger, _within(places, lo, hi))
    if where is not None:
        return Located(where.place, CLAUSE)
    best, best_score, best_at = None, None, None
    # an event noun's light verb carries its place: "launched its war in Gaza", "held talks in Doha"
    verb = trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubjpass") \
        and trigger.head.pos_ in ("VERB", "AUX") else None
    for p in _within(places, lo, hi):
        if dateline is not None and p is dateline:
            continue  # the dateline itself is no locative phrase of the event
        if not (lo <= p.start and p.end <= hi):
            continue
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        attach = _locative_head(root)
        if attach is None:
            continue
        path = _path_to(root, trigger)
        path_to_trigger = path is not None
        if path is None and verb is not None:
            path = _path_to(root, verb)  # "launched its war in Gaza"
        if path is not None and not any(d in ("nsubj", "nsubjpass", "relcl", "acl", "ccomp") for d in path) \
                and not _nested(path, root) and not _deep(attach, trigger if path_to_trigger else verb):
            rank = CLAUSE  # "detained ... in Jambyl Province", "protested ... at the embassy in Bishkek"
        elif _governs(attach, trigger):
            rank = GOVERNS  # on the verb that governs the event: "told reporters in Ashgabat that ..."
        elif path is not None:
            rank = PARTICIPANT  # through a participant: "refugees living in Kyrgyzstan have protested"
        else:
            rank = ELSEWHERE
        # nearest first; in one phrase the most specific ("Dagestan's largest city of Makhachkala")
        score = (rank, abs(attach.i - trigger.i), _specificity(p), abs(root.i - trigger.i))
        if best_score is None or score < best_score:
            best, best_score, best_at = p, score, (root, attach)
    if best is not None and best_score[0] == CLAUSE:
        return Located(_visited_capital(best, *best_at) or best.place, CLAUSE)
    for tok in sent:  # "across the country", "outside the Georgian parliament"
        if tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE and tok.pos_ == "NOUN":
            path = _path_to(tok, trigger)
            if path is not None and not any(d in ("nsubj", "nsubjpass", "relcl", "acl", "ccomp") for d in path):
                seat = _seat_place(tok, places, dateline)
                if seat is not None:
                    return Located(seat, CLAUSE)
    if best is None:
        return Located(None)
    if best_score[0] == GOVERNS:
        return Located(_visited_capital(best, *best_at) or best.place, GOVERNS)
    return Located(best.place, best_score[0])


def gapped_places(trigger: Token, sent: Span, places: Sequence[PlaceMention], own: Located) -> list[Located]:
    """Places of the same act told again with its verb left out ("70 people were detained in
    Nur-Sultan, and a similar number in Almaty"; "police detained 40 in Bishkek and 25 in Osh"):
    a conjunct of the event's verb that is a bare noun or number (no verb, no subject of its own)
    with a locative phrase naming a place other than ``own``'s; and the towns coordinated with the
    own place in its phrase ("rallies in Khartoum and Omdurman"). The guidelines code an act
    reported in several named places once per place."""
    if not places:
        return []
    doc = sent.doc
    out: list[Located] = []
    seen = {own.place.name} if own.place is not None else set()
    for q in _coordinated_places(sent, places, own):
        if q.place.name not in seen:
            seen.add(q.place.name)
            out.append(Located(q.place, own.strength, venue=False))
    if trigger.pos_ not in ("VERB", "AUX"):
        return out
    for rem in trigger.children:
        if rem.dep_ != "conj" or rem.pos_ not in ("NOUN", "NUM", "PROPN", "PRON") \
                or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "cop") for c in rem.children):
            continue
        for prep in rem.children:
            if prep.dep_ != "prep" or prep.lower_ not in _LOCATIVE:
                continue
            lo, hi = doc[prep.left_edge.i].idx, doc[prep.right_edge.i].idx + len(doc[prep.right_edge.i])
            inside = [p for p in _within(places, lo, hi) if p.end <= hi and p.place.lat is not None]
            if not inside:
                continue
            best = min(inside, key=lambda p: (_specificity(p), -p.start))  # "the commercial capital, Almaty"
            if best.place.name not in seen:
                seen.add(best.place.name)
                out.append(Located(best.place, CLAUSE, venue=False))
    return out


def _coordinated_places(sent: Span, places: Sequence[PlaceMention], own: Located) -> list[PlaceMention]:
    """The places coordinated with the event's own place in its locative phrase ("rallies on the
    streets of the capital, Khartoum, and its twin city of Omdurman", "detentions in Shymkent,
    Karaganda and Oral"): a town each, in text order (not for a place only found elsewhere in the sentence)."""
    if own.place is None or own.strength > PARTICIPANT:
        return []
    doc = sent.doc
    lo, hi = sent.start_char, sent.end_char
    places = [p for p in _within(places, lo, hi) if p.end <= hi]  # the sentence's
    mine = [p for p in places if p.place.name == own.place.name]
    if not mine:
        return []
    own_span = doc.char_span(mine[0].start, mine[0].end, alignment_mode="expand")
    if own_span is None:
        return []
    own_root = own_span.root
    up: dict[int, bool] = {}  # ancestors of the own place in its phrase: whether a coordination is passed
    cur, passed = own_root, False
    for _ in range(8):
        up[cur.i] = passed
        if cur.dep_ not in _PHRASE_LINKS:
            break
        passed = passed or cur.dep_ == "conj"
        cur = cur.head
    out = []
    for p in places:
        if p.place.name == own.place.name or p.place.lat is None:
            continue
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            continue
        cur, coordinated = span.root, False
        for _ in range(8):
            if cur.i in up:
                break
            if cur.dep_ not in _PHRASE_LINKS:
                cur = None
                break
            coordinated = coordinated or cur.dep_ == "conj"
            cur = cur.head
        else:
            cur = None
        if cur is not None and (coordinated or up[cur.i]) and p.place.feature != "country":
            out.append(p)
    return out


# the links inside one locative phrase ("the capital, Khartoum, and its twin city of Omdurman")
_PHRASE_LINKS = frozenset({"conj", "appos", "compound", "pobj", "prep", "nmod", "amod"})


def _where_clause_place(trigger: Token, places: Sequence[PlaceMention]) -> Optional[PlaceMention]:
    """The place a "where" clause of the event hangs on: "protests occurred in Shymkent, Karaganda
    and Oral, where detentions were also reported" (the detentions: in Oral, and the towns
    coordinated with it)."""
    verb = trigger.head if trigger.dep_ in ("nsubj", "nsubjpass", "dobj") else trigger
    if verb.dep_ != "relcl" or not any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children):
        return None
    head = verb.head
    return next((p for p in places if p.start <= head.idx < p.end and p.place.lat is not None), None)


def sentence_place(found: Located, dateline: Optional[PlaceMention]) -> Optional[Place]:
    """The place of one event from its sentence alone (what restatements are merged by, before
    ``article_event_places`` places the article's events together): a locative phrase tied to the
    event, its governing verb or a participant; else the article's dateline city; else a locative
    phrase elsewhere in the sentence."""
    if found.strength <= PARTICIPANT or dateline is None:
        return found.place
    return dateline.place


def event_key(actors: Sequence[Optional[Actor]]) -> frozenset[str]:
    """The parties of an event: its actors' countries, or the codes of actors with none
    ("IGOWAFWAS", "UAF"); events with the same key share their venue."""
    return frozenset(a.country or a.code for a in actors if a is not None and (a.country or a.code))


def _scene_towns(places: Sequence[PlaceMention]) -> dict[str, Place]:
    """For each country, the town the article names most (the first on a tie): where its domestic
    events happen when their sentences name no place ("Hundreds of people were detained" in a
    story of protests in Minsk)."""
    counts: Counter = Counter()
    first: dict[tuple[str, int], Place] = {}
    for p in places:
        if p.place.feature == "city" and p.place.country and p.place.geonameid is not None:
            k = (p.place.country, p.place.geonameid)
            counts[k] += 1
            first.setdefault(k, p.place)
    out: dict[str, Place] = {}
    for k in sorted(counts, key=lambda k: -counts[k]):  # stable: ties keep text order
        out.setdefault(k[0], first[k])
    return out


def article_event_places(found: Sequence[Located], keys: Sequence[frozenset[str]],
                         sentences: Sequence[int], dateline: Optional[PlaceMention],
                         lead_sentence: int = 0, places: Sequence[PlaceMention] = ()) -> list[Optional[Place]]:
    """Places for all events of one article, in the order of the coding guidelines: the place
    the event's clause names (a locative phrase on the event or its governing verb, a seat, a
    destination); else the venue of the nearest event of the same parties whose clause names one
    (the talks "in Pretoria" place the ceasefire agreed there; the police of a town's protests
    act in that town); else the dateline city, for the article's lead and for events of the
    dateline's country; else a locative phrase on a participant or elsewhere in the sentence;
    else, for a domestic act (every actor of one country), the town of that country the article
    names most, else that country; else none. The actor's country is never the place of an
    international act."""
    firm = [i for i, f in enumerate(found) if f.place is not None and f.strength <= GOVERNS and f.venue]
    scenes = _scene_towns(places)
    out: list[Optional[Place]] = []
    for i, f in enumerate(found):
        if f.place is not None and f.strength <= GOVERNS:
            out.append(f.place)
            continue
        key = keys[i]
        if key:
            same = [j for j in firm if keys[j] == key]
            if same:
                j = min(same, key=lambda j: (abs(sentences[j] - sentences[i]), sentences[j] > sentences[i]))
                venue = found[j].place
                if venue.feature == "country" and f.place is not None and f.place.feature != "country" \
                        and f.place.country == venue.country:
                    # a venue that is only the country ("across the country") says less than a town
                    # the event's own sentence gives ("rallies on the streets of Khartoum")
                    venue = f.place
                out.append(venue)
                continue
        if dateline is not None and (sentences[i] == lead_sentence or dateline.place.country in key):
            out.append(dateline.place)
            continue
        if f.place is not None:
            out.append(f.place)
            continue
        if len(key) == 1:
            (c,) = key
            out.append(scenes.get(c) or country_place(c))
            continue
        out.append(None)
    return out


def country_place(iso3: str, text: Optional[str] = None) -> Optional[Place]:
    """The country ``iso3`` as a place (GeoNames' country point), named by ``text`` (else by its
    gazetteer name)."""
    from steppe.places.gazetteer import get_gazetteer
    from steppe.places.resolve import to_place

    e = get_gazetteer().countries_iso3.get(iso3)
    return to_place(text or e.name, e) if e is not None else None
