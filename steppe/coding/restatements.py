"""One event per act within an article: restatements merged.

News tells an act several times: the lead sums it up, a later paragraph gives the details, a
quote repeats it. Events of one article, reported in different sentences, with agreeing CAMEO
codes (the same base code, or a "not specified" code and one of its family: 190 and 193, not 173
and 175), source and target of the same countries and compatible sectors, the same participants (the same known actor, or words in
common: "Hafiz Babali" / "Babali", "dozens of people" / "70 people"; not "a local man" / "several
others"), compatible dates (equal, one the more precise form of the other, or one with no date of
its own) and compatible places (the same place, or one with none) are one event. The first report
is kept, with what the others add: a date given elsewhere for the same act ("released ... on
February 22"), a place, the more specific code of the root, the highest confidence. ``mentions``
lists every sentence that reports it. An act reported in two named places stays two events. A
court's sentences told defendant by defendant, the later ones with no day of their own, are one
verdict. A telling with no agent ("two protesters were killed") of an act another telling gives
its agent ("police opened fire on the protesters, killing two of them") is merged into that one
(the coding guidelines: a passive's source is null unless the text names the agent for the same
act elsewhere), when it is the same kind of act on the same participants, by words that say who
they are, at an agreeing time and place.
"""
from __future__ import annotations

import dataclasses
from typing import Callable, Optional

from steppe.coding.cameo import is_violent
from steppe.records import Event, Mention


def _side(a) -> Optional[str]:
    return None if a is None else (a.country or a.code)


def _key(e: Event) -> tuple:
    """Root and the countries of source and target (sectors are compared apart: "Uzbekistan has
    freed" and "the state released" are one act)."""
    return (e.cameo_root, _side(e.source), _side(e.target))


def _stem(code: str) -> str:
    """A code's base for comparing acts: "190" (not specified) stands for the whole "19" family;
    "173" and "0841" for themselves at three digits ("173" is not "175")."""
    return code[:2] if len(code) == 3 and code.endswith("0") else code[:3]


def _codes_agree(a: Event, b: Event) -> bool:
    sa, sb = _stem(a.cameo), _stem(b.cameo)
    return sa.startswith(sb) or sb.startswith(sa)


def _own_date(e: Event) -> Optional[str]:
    return e.date if e.date_source == "sentence" and e.date else None


def _dates_agree(a: Event, b: Event) -> bool:
    da, db = _own_date(a), _own_date(b)
    if da is None or db is None:
        return True
    return da == db or da.startswith(db + "-") or db.startswith(da + "-")


def _places_agree(a: Event, b: Event, own_place: Callable[[Event], bool]) -> bool:
    if a.location is None or b.location is None or not (own_place(a) and own_place(b)):
        return True  # a place only the dateline or the article gives is no second place
    if (a.location.geonameid, a.location.name) == (b.location.geonameid, b.location.name):
        return True
    # a telling placed only in the country, another in a town of it: no second named place
    if a.location.country == b.location.country and "country" in (a.location.feature, b.location.feature):
        return True
    # the same for a region and a town in it ("attacked churches in Dagestan" / "opened fire in Derbent")
    return _within_region(a.location, b.location) or _within_region(b.location, a.location)


def _within_region(region, town) -> bool:
    if region.country != town.country or town.feature != "city" or region.feature in ("city", "country") \
            or not town.admin1:
        return False
    return town.admin1 == region.admin1 or town.admin1.split(",")[0].strip().lower() == region.name.lower()


_NAMED_KINDS = ("person", "country", "igo", "org")
_FUNCTION_WORDS = frozenset("""a an the of and or in on at to for from by with his her its their our
some several many more most other others another one two three four five dozens hundreds thousands
least than about over up new local""".split())


# one word for the same kind of participant ("20 persons" / "30 people")
_SAME_WORD = {"persons": "people", "person": "people", "individuals": "people", "individual": "people"}
_UNIDENTIFIED = frozenset({"UAF"})  # CAMEO: unidentified armed forces
_PRONOUNS = frozenset({"they", "them", "he", "him", "she", "her", "it"})


def _words(text: str) -> set[str]:
    words = (t.strip(".,;:'\"()“”’").lower() for t in text.split())
    return {_singular(_SAME_WORD.get(w, w)) for w in words
            if w and w not in _FUNCTION_WORDS and not any(c.isdigit() for c in w)}


def _singular(w: str) -> str:
    """One form for a noun and its plural ("churches and synagogues" / "the synagogue and church")."""
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _same_actor(a, b, ea: Event, eb: Event) -> bool:
    if a is None or b is None:
        return a is None and b is None
    # (a person known only by title, "our secretary of foreign affairs", is told as its office is)
    ka, kb = (("group" if x.kind == "person" and not x.name else x.kind) for x in (a, b))
    if ka != kb and (a.code.startswith(b.code) or b.code.startswith(a.code)) and (
            (ka in _NAMED_KINDS and kb in _NAMED_KINDS and "person" in (ka, kb))
            or ("country" in (ka, kb) and "person" not in (ka, kb))):
        # "The United States signed" / "signed by U.S. envoy Khalilzad", "Taliban militants" /
        # "Taliban leader Baradar", "Manila summoned" / "our secretary of foreign affairs
        # summoned": the state or body and the one who acts for it
        return True
    if ("(entailed)" in a.text) != ("(entailed)" in b.text) and a.country == b.country \
            and a is ea.source and b is eb.source and (
                _same_named(ea.target, eb.target)
                or (ea.target is not None and eb.target is not None and ea.target.code == eb.target.code
                    and bool(ea.target.sector) and ea.location == eb.location)):
        # (or the same kind of people at the same place: "its spree of arresting journalists" / "the
        # wave of detentions began last month")
        # "soldiers detained Bazoum" / "condemned the detention of Bazoum": the agent the act
        # only entails (the police of a detention) is the one another telling names
        return True
    if a.sector and b.sector and a.sector != b.sector:
        return False
    if ka in _NAMED_KINDS and kb in _NAMED_KINDS:
        return a.actor_id == b.actor_id
    if a.code == b.code and a.sector in _UNIDENTIFIED and not a.country:
        return True  # "armed assailants" / "the attackers": unidentified armed men have no name to tell apart
    if _indefinite_one(a, b, ea) or _indefinite_one(b, a, eb):
        return True
    if "(entailed)" in a.text or "(entailed)" in b.text:
        return True  # the agent the act names by itself is the same in every telling
    if a.text.lower() in _PRONOUNS or b.text.lower() in _PRONOUNS:
        return True  # "over 20 of them were detained": the group already named
    return bool(_words(a.text) & _words(b.text))


def _one_verdict(kept: Event, e: Event) -> bool:
    """A court's sentences told defendant by defendant ("X and Y were given life sentences and
    the remainder prison terms ..." then "Z was given 28 years; W 25 years"): one verdict, when the
    later telling gives no day of its own (a sentence passed on another day is another verdict)."""
    return kept.cameo.startswith("116") and e.cameo.startswith("116") and _own_date(e) is None \
        and kept.source is not None and kept.source.sector == "JUD" \
        and kept.target is not None and e.target is not None and kept.target.country == e.target.country


def _same_named(a, b) -> bool:
    """Both the same person or organisation, named."""
    return a is not None and b is not None and a.kind in ("person", "org") and a.actor_id == b.actor_id


def _indefinite_one(a, b, ea: Event) -> bool:
    """The lead's "a journalist", "an activist" and the person the details name ("Yusuf
    Ruzimuradov"): one participant, introduced and then named."""
    if b.kind != "person" or a.kind == "person" or not a.text or len(a.text.split()) > 3 or a.text.endswith("s"):
        return False
    return _word_before(a, ea) in ("a", "an")


def _word_before(a, e: Event) -> str:
    """The word the event's sentence puts just before the actor's words ("another", "a"), lowercased."""
    at = (e.evidence or "").find(a.text) if a.text else -1
    before = e.evidence[:at].split()[-1:] if at > 0 else []
    return before[0].lower() if before else ""


def _said_to_be_another(e: Event) -> bool:
    """"Another prominent Uzbek journalist ... was released": the telling says its participant is
    someone else than the one before."""
    return any(a is not None and _word_before(a, e) in ("another", "other") for a in (e.source, e.target))


def _mention(e: Event) -> Mention:
    return Mention(e.sentence_index, e.evidence_start, e.evidence_end, e.trigger, e.fatal)


def _absorb(kept: Event, other: Event) -> Event:
    """``kept`` with what ``other`` (a restatement of it) adds."""
    told = tuple(m for m in (other.mentions or (_mention(other),)) if m not in kept.mentions)
    changes: dict = {"mentions": kept.mentions + told,
                     "confidence": max(kept.confidence, other.confidence)}
    for side in ("source", "target"):  # the telling that names the sector
        mine, theirs = getattr(kept, side), getattr(other, side)
        if mine is not None and theirs is not None and not mine.sector and theirs.sector:
            changes[side] = theirs
    own_kept, own_other = _own_date(kept), _own_date(other)
    if own_other and (own_kept is None or len(own_other) > len(own_kept)):
        changes.update(date=other.date, date_precision=other.date_precision, date_source=other.date_source)
    if kept.location is None and other.location is not None:
        changes["location"] = other.location
    more_specific = (len(_stem(other.cameo)), len(other.cameo)) > (len(_stem(kept.cameo)), len(kept.cameo))
    if more_specific and _stem(other.cameo).startswith(_stem(kept.cameo)):
        # 190 then 193 "with small arms": the more specific code of the same act
        for f in ("cameo", "quad_class", "goldstein", "plover_type", "plover_mode", "trigger", "explanation"):
            changes[f] = getattr(other, f)
    if other.fatal and not kept.fatal:
        changes["fatal"] = True
    return dataclasses.replace(kept, **changes)


def _agentless_telling_of(e: Event, named: Event, own_place: Callable[[Event], bool]) -> bool:
    """``e`` tells with no agent ("one militant killed on the spot", "two people killed the
    previous day") the act ``named`` tells with its agent ("police killed one of them on the spot"):
    the same kind of act (agreeing codes, or both a killing: an agentless killing has no sectors to
    code it by, 180 or 190, where the named one is 175 by police on protesters), on the same
    participant, at an agreeing time and place, in another sentence. The coding guidelines code
    such a passive with the agent "the text names for the same act elsewhere"."""
    if e.source is not None or e.target is None or named.source is None or named.target is None:
        return False
    if "(entailed)" in named.source.text or _said_to_be_another(e):
        return False
    if not (_codes_agree(e, named) or (is_violent(e.cameo) and is_violent(named.cameo) and e.fatal and named.fatal)):
        return False
    if e.target.code != named.target.code or not _same_victims(e.target, named.target):
        return False
    return all(m.sentence_index != e.sentence_index for m in named.mentions) \
        and _dates_agree(e, named) and _places_agree(e, named, own_place)


_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve dozen dozens hundreds "
                          "thousands".split())
# words for anyone: a telling that names its participants only by these says nothing of who they were
_ANYONE = frozenset({"people", "civilian", "man", "men", "woman", "women", "resident", "victim"})


def _same_victims(a, b) -> bool:
    """Stricter than ``_same_actor``, for pairing an agentless telling with a named one: the same
    named person or body; or a pronoun ("killed one of them"); or the same kind of participant
    in words that say who they are ("two protesters" / "protesters", not "700 people" / "two
    people") with no counts that differ."""
    if a.kind in _NAMED_KINDS or b.kind in _NAMED_KINDS:
        return a.kind == b.kind and a.actor_id == b.actor_id
    ta, tb = a.text.lower().split(), b.text.lower().split()
    if set(ta) & _PRONOUNS or set(tb) & _PRONOUNS:
        return True
    counts = [{w for w in t if w in _NUMBER_WORDS or any(c.isdigit() for c in w)} for t in (ta, tb)]
    if all(counts) and not counts[0] & counts[1]:
        return False
    return bool((_words(a.text) & _words(b.text)) - _ANYONE)


def _merge_agentless(events: list[Event], own_place: Callable[[Event], bool]) -> list[Event]:
    """Agentless tellings merged into the telling that names the act's agent (before or after
    them in the article), which is kept where it stands."""
    out = list(events)
    gone: set[int] = set()
    for i, e in enumerate(events):
        if e.source is not None or e.target is None:
            continue
        j = next((j for j, n in enumerate(out) if j != i and j not in gone
                  and _agentless_telling_of(e, n, own_place)), None)
        if j is not None:
            out[j] = _absorb(out[j], e)
            gone.add(i)
    return [e for i, e in enumerate(out) if i not in gone]


def merge_restatements(events: list[Event], own_place: Callable[[Event], bool] = lambda e: True) -> list[Event]:
    """The article's events with restatements of one act merged (order of first report kept).
    ``own_place``: whether an event's place is its own sentence's (else the dateline's or the
    article's, which does not tell two acts apart)."""
    out: list[Event] = []
    by_key: dict[tuple, list[int]] = {}  # key -> positions in out (only events of one key compare)
    for e in events:
        e = e if e.mentions else dataclasses.replace(e, mentions=(_mention(e),))
        same = by_key.setdefault(_key(e), [])
        for i in same:
            kept = out[i]
            if _codes_agree(kept, e) and not _said_to_be_another(e) \
                    and all(m.sentence_index != e.sentence_index for m in kept.mentions) \
                    and _same_actor(kept.source, e.source, kept, e) \
                    and (_same_actor(kept.target, e.target, kept, e) or _one_verdict(kept, e)) \
                    and _dates_agree(kept, e) and _places_agree(kept, e, own_place):
                out[i] = _absorb(kept, e)
                break
        else:
            same.append(len(out))
            out.append(e)
    return _merge_agentless(out, own_place)
