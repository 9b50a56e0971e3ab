"""Resolve toponyms to places: ``find_places(doc, article_id)`` and ``resolve_name(name)``.

Each mention's candidates come from the gazetteer's name index: the exact name, then the name
without a generic word ("Jambyl Province" -> "Jambyl", hinting a region) or a direction word
("Eastern Ghouta"), then transliteration variants ("Kazakstan", "Lugovoye"). Candidates are
ranked by a prior (country > continent/sea/region > first-level region > city by population),
the quality of the name match, and the article's context: countries and regions that other,
confidently resolved mentions point to, and an explicit qualifier ("Paris, Texas"). Two passes:
the first resolves without context and collects it, the second re-ranks with it.
"""
from __future__ import annotations

import functools
from importlib import resources
from collections import Counter
from dataclasses import dataclass
from math import cos, log10, radians
from typing import Optional, Sequence

from steppe.places.gazetteer import GazEntry, Gazetteer, get_gazetteer
from steppe.places.mentions import Mention, extract_mentions
from steppe.places.sources import read_tsv
from steppe.places.names import (
    DIRECTION_WORDS,
    FACILITY_WORDS,
    GENERIC_WORDS,
    norm,
    skeleton,
    split_generic,
    strip_direction,
)
from steppe.records import Place, PlaceMention

KIND_PRIOR = {"PCLI": 11.0, "CONT": 10.0, "ADM1": 8.5, "ADM2": 4.5}
OTHER_PRIOR = 10.5  # regions, seas, rivers, mountains ... (hand-picked in features.tsv)
CITY_PRIOR_CAP = 10.4  # no town outranks a country of the same name on its own
WORLD_CITY_CAP = 12.0  # among towns alone: up to a country named by its main name (11 + 1)
BROAD_KINDS = frozenset({"PCLI", "CONT", "ADM1"})
HINT_BONUS = {
    "admin1": {"ADM1": 3.0, "ADM2": 1.5, "city": -1.0},
    "admin2": {"ADM2": 3.0, "ADM1": 1.0, "city": -1.0},
    "city": {"city": 2.0},
    "polity": {"ADM1": 3.0, "PCLI": 3.0, "city": -1.0},  # a government word follows the name
}
QUALIFIER_BONUS = 4.0
QUALIFIER_SHAPE_BONUS = 2.5
CONTAINS_BONUS = 2.0  # a qualifier read as a region that has a place of the qualified name
REGION_KINDS = frozenset({"PCLI", "ADM1", "ADM2"})
LIST_BONUS = 2.0
COUNTRY_CONTEXT_BONUS = 2.0
NEAR_BONUS = 1.5  # a town within NEAR_KM of another place the article names
NEAR_KM = 50.0
CONTAINER_KM = 150.0  # a reading this close to the region that qualifies a name is in it
MAX_NEAR_POINTS = 60
CLEAR_MARGIN = 3.0  # a reading this far ahead of the next is beyond doubt
ADMIN1_CONTEXT_BONUS = 1.5
CAPITAL_CONTEXT_BONUS = 1.5  # a national capital whose country the article names


@dataclass
class Candidate:
    entry: GazEntry
    q: int  # 0 main name, 1 alternate, 2 abbreviation
    penalty: float  # how far the match had to go (generic word stripped, fuzzy, part of the span)
    hint: Optional[str]  # "admin1" | "admin2" | "city" from a generic word in the mention
    score: float = 0.0


def _group(e: GazEntry) -> str:
    return "city" if e.feature == "city" else e.kind


def is_broad(e: GazEntry) -> bool:
    """A country, continent, region or physical feature (not a town or a county)."""
    return e.kind in BROAD_KINDS or (e.feature == "other" and e.kind != "ADM2")


def prior(e: GazEntry, cap: float = CITY_PRIOR_CAP) -> float:
    """How likely a bare mention of the name means this entry: by kind, and for towns and
    counties by population and by how many names the place has in other languages. A town's
    prior is capped (``cap``) where a country or region of the same name competes."""
    if e.kind == "ADM2":
        p = min(1.5 + log10(e.population + 10) + 0.5 * log10(1 + e.alt_count), 8.0)
    elif e.kind in KIND_PRIOR:
        p = KIND_PRIOR[e.kind]
    elif e.feature == "city":
        p = 1.5 + 1.2 * log10(e.population + 10) + (1.0 if e.kind == "PPLC" else 0.0)
        p = min(p + 0.8 * log10(1 + e.alt_count), cap)
    else:
        p = OTHER_PRIOR
    return p - (3.0 if e.lat is None else 0.0)


class Context:
    """Countries and first-level regions an article points to, counted per mention key so a
    mention's own contribution can be left out when it is re-ranked."""

    def __init__(self) -> None:
        self.countries: Counter[str] = Counter()
        self.named: Counter[str] = Counter()  # countries named as such, or through a region
        self.points: list[tuple[str, float, float]] = []  # (key, lat, lon) of towns and features named
        self.admin1: Counter[str] = Counter()
        self._by_key: dict[str, Counter[str]] = {}

    def add_point(self, key: str, e: GazEntry) -> None:
        """A town or small place the article names beyond doubt, for nearness."""
        if e.lat is not None and e.lon is not None and e.kind not in ("CONT", "ADM1") \
                and len(self.points) < MAX_NEAR_POINTS and (e.kind != "PCLI" or e.population < 100_000):
            self.points.append((key, e.lat, e.lon))

    def add(self, key: str, e: GazEntry, weight: float = 1.0) -> None:
        own = self._by_key.setdefault(key, Counter())
        if e.cc:
            self.countries[e.cc] += weight
            own["c:" + e.cc] += weight
            if e.kind in ("PCLI", "ADM1"):
                self.named[e.cc] += weight
                own["n:" + e.cc] += weight
        if e.admin1_code:
            self.admin1[e.admin1_code] += weight
            own["a:" + e.admin1_code] += weight

    def bonus(self, e: GazEntry, key: str) -> float:
        own = self._by_key.get(key, Counter())
        b = 0.0
        if e.cc and self.countries[e.cc] - own["c:" + e.cc] > 0:
            # more for the country an article keeps naming, itself or its regions (its home country)
            named = self.named[e.cc] - own["n:" + e.cc]
            b += COUNTRY_CONTEXT_BONUS + 0.5 * min(max(named - 1, 0), 2)
        n_admin1 = self.admin1[e.admin1_code] - own["a:" + e.admin1_code] if e.admin1_code else 0
        if n_admin1 > 0:
            b += ADMIN1_CONTEXT_BONUS + 0.5 * min(n_admin1 - 1, 2)
        return b

    def names_country(self, cc: Optional[str], key: str) -> bool:
        """Another mention names the country ``cc`` itself, one of its regions, or its people."""
        own = self._by_key.get(key, Counter())
        return bool(cc) and self.named[cc] - own["n:" + cc] > 0

    def near(self, e: GazEntry, key: str) -> bool:
        """Another mention's reading lies within NEAR_KM of ``e`` (equirectangular distance)."""
        for k, lat, lon in self.points:
            if k == key:
                continue
            dy = (lat - e.lat) * 111.2
            dx = (lon - e.lon) * 111.2 * cos(radians((lat + e.lat) / 2))
            if dx * dx + dy * dy < NEAR_KM * NEAR_KM:
                return True
        return False

    def has_admin1(self, code: Optional[str], key: str) -> bool:
        own = self._by_key.get(key, Counter())
        return bool(code) and self.admin1[code] - own["a:" + code] > 0

    def has_country(self, cc: Optional[str], key: str) -> bool:
        own = self._by_key.get(key, Counter())
        return bool(cc) and self.countries[cc] - own["c:" + cc] > 0


def _sub_span_parts(text: str) -> list[tuple[str, float]]:
    """Runs of capitalised words inside a longer name ("Colchester General Hospital" ->
    "Colchester"), longest first, with a penalty growing as the part gets shorter. Runs made
    only of direction, generic or facility words are left out."""
    words = text.replace("-", " ").split()
    caps = [bool(w[:1].isupper()) for w in words]
    keys = [norm(w) for w in words]
    out: list[tuple[str, float]] = []
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            part = keys[i:i + n]
            if not all(caps[i:i + n]) or not all(part):
                continue
            if all(w in DIRECTION_WORDS or w in GENERIC_WORDS or w in FACILITY_WORDS or len(w) < 3
                   for w in part):
                continue
            out.append((" ".join(part), 1.5 + 0.5 * (len(words) - n)))
    return out


def candidates(gaz: Gazetteer, key: str, *, allow_abbr: bool, fuzzy: bool,
               sub_spans: bool, text: str = "") -> list[Candidate]:
    """Candidate entries for a normalised mention, from the cheapest match that finds any."""
    def exact(k: str, penalty: float, hint: Optional[str]) -> list[Candidate]:
        return [Candidate(e, q, penalty, hint) for e, q in gaz.lookup(k) if allow_abbr or q < 2]

    found = exact(key, 0.0, None)
    if found:
        return found
    base, hint = split_generic(key)
    if base != key:
        found = exact(base, 0.3, hint)
    if not found and strip_direction(base) != base:
        found = exact(strip_direction(base), 0.6, hint)
    if found or not fuzzy:
        return found
    for k in dict.fromkeys([key, base]):
        if len(k.replace(" ", "")) < 6:
            continue  # too short to tell a variant from another name
        for similar, ratio in gaz.similar_keys(k, min_score=85.0):
            found += exact(similar, 1.0 + (100.0 - ratio) / 5.0, hint)
        if found:
            return found
    if sub_spans:
        for part, penalty in _sub_span_parts(text or key):
            found += [c for c in exact(part, penalty, None)
                      if is_broad(c.entry) or c.entry.kind == "ADM2" or c.entry.population >= 10_000]
    return found


def rank(cands: list[Candidate], key: str, context: Optional[Context],
         region: Optional[GazEntry]) -> list[Candidate]:
    """Score candidates (best first). ``region`` is an explicit qualifier ("..., Texas")."""
    sk = skeleton(key)
    words = set(key.split())
    # among towns alone a world city keeps its full weight ("Rome", "Paris" against namesakes)
    cap = CITY_PRIOR_CAP if any(is_broad(c.entry) for c in cands) else WORLD_CITY_CAP
    for c in cands:
        e = c.entry
        s = prior(e, cap) - c.penalty
        if c.q == 0:
            s += 1.0
        main_words, main_sk = _name_keys(e.name)
        if main_sk == sk:
            s += 0.3
        elif c.q == 1 and e.kind != "PCLI" and not main_words & words:
            s -= 1.0  # an alternate name unlike the main one: "Waterloo" for Austin
        if c.hint:
            s += HINT_BONUS[c.hint].get(_group(e), 0.0)
        if context is not None:
            s += context.bonus(e, key)
            if cap == WORLD_CITY_CAP and e.feature == "city" and context.near(e, key):
                # among towns alone ("Mexico" stays the country): "the Vatican ... in Rome", a town
                # by another place the article names beyond doubt
                s += NEAR_BONUS
        if region is not None and e.id != region.id:
            s += QUALIFIER_BONUS if _inside(e, region) else -2.0
        c.score = s
    if context is not None:
        _capital_over_namesakes_abroad(cands, key, context)
    _big_region_over_small_town(cands, key, context)
    return sorted(cands, key=lambda c: -c.score)


def _capital_over_namesakes_abroad(cands: list[Candidate], key: str, context: Context) -> None:
    """A national capital whose country the article names gains ``CAPITAL_CONTEXT_BONUS``
    against namesakes abroad: "LONDON ... In Washington, ... the United States" is not
    Washington, Tyne and Wear, however many English towns the article names. It never passes a
    reading of its own country that was ahead of it ("Mexico" the country, "Washington" the
    state where the article reads it so)."""
    for c in cands:
        e = c.entry
        if e.kind != "PPLC" or not context.has_country(e.cc, key):
            continue
        abroad = [o.score for o in cands if o.entry.cc != e.cc]
        if not abroad or max(abroad) < c.score - CAPITAL_CONTEXT_BONUS:
            continue  # no namesake abroad within reach: the ranking stays as it is
        home_ahead = [o.score for o in cands if o is not c and o.entry.cc == e.cc and o.score >= c.score]
        raised = c.score + CAPITAL_CONTEXT_BONUS
        c.score = min(raised, min(home_ahead) - 0.01) if home_ahead else raised


SMALL_TOWN_SHARE = 0.1  # a town under a tenth of a same-named region's people is the lesser reading


def _big_region_over_small_town(cands: list[Candidate], key: str, context: Optional[Context]) -> None:
    """A bare first-level region name is the region, not a much smaller namesake town elsewhere
    ("Ontario" the province, not Ontario, California; "Quebec" the province): the region is
    raised just above the best such town. A capital, or a town holding a large part of the
    region's people ("New York"), keeps its reading, and so does a town in a country the article
    names when the region's country is not named ("Virginia" in an Irish article)."""
    towns = [c for c in cands if c.entry.feature == "city" and c.q == 0]
    for c in cands:
        e = c.entry
        if e.kind != "ADM1" or c.q != 0 or not e.population:
            continue
        rivals = [t for t in towns if t.score >= c.score]
        own_country = context is not None and context.has_country(e.cc, key)
        if rivals and all(t.entry.kind != "PPLC" and t.entry.population < SMALL_TOWN_SHARE * e.population
                          and (own_country or context is None or not context.has_country(t.entry.cc, key))
                          for t in rivals):
            c.score = max(t.score for t in rivals) + 0.1


@functools.lru_cache(maxsize=65536)
def _name_keys(name: str) -> tuple[frozenset[str], str]:
    """Words and skeleton of an entry's main name (cached: the same names come up often)."""
    key = norm(name)
    return frozenset(key.split()), skeleton(key)


@functools.lru_cache(maxsize=1)
def _admin_suffixes() -> dict[str, str]:
    text = (resources.files("steppe") / "data" / "places" / "admin_suffixes.tsv").read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")][1:]
    return {r[0].strip().lower(): r[1].strip() for r in rows if len(r) == 2}


def english_region(name: Optional[str]) -> Optional[str]:
    """A region's name with its generic word in English: "Zhambyl oblysy" -> "Zhambyl Region"."""
    if not name:
        return name
    head, _, last = name.rpartition(" ")
    english = _admin_suffixes().get(last.lower()) if head else None
    return f"{head} {english}" if english else name


def to_place(text: str, e: GazEntry) -> Place:
    return Place(text=text, name=english_region(e.name) if e.feature == "admin1" else e.name,
                 country=e.country, admin1=None if e.kind == "PCLI" else english_region(e.admin1),
                 lat=e.lat, lon=e.lon,
                 feature=e.feature, geonameid=e.geonameid)


class _ArticleResolver:
    def __init__(self, gaz: Gazetteer, mentions: list[Mention], text: str = ""):
        self.gaz = gaz
        self.text = text
        self.mentions = mentions
        self._cands: dict[tuple[str, bool, bool], list[Candidate]] = {}
        self._qualified = {id(m.qualifier): m for m in mentions if m.qualifier is not None}

    def _candidates(self, m: Mention, context: Optional[Context] = None) -> list[Candidate]:
        allow_abbr = m.qualifies or m.label == "GPE"
        ner = m.source == "ner"
        ck = (m.key, allow_abbr, ner)
        if ck not in self._cands:
            self._cands[ck] = candidates(self.gaz, m.key, allow_abbr=allow_abbr, fuzzy=ner,
                                         sub_spans=ner and m.n_tokens > 1, text=m.text)
        found = [Candidate(c.entry, c.q, c.penalty, c.hint) for c in self._cands[ck]]
        if not allow_abbr and context is not None and m.source in ("ner", "gaz"):
            # an abbreviation the model labels otherwise ("post-apartheid SA" as ORG) stands for a
            # country the article names by name elsewhere ("South Africans"): SA -> South Africa
            seen = {c.entry.id for c in found}
            found += [Candidate(e, q, 0.0, None) for e, q in self.gaz.lookup(m.key)
                      if q == 2 and e.id not in seen and context.names_country(e.cc, m.key)]
        if m.source == "local":  # a listed landmark ("Downing Street"), never a town of the name
            found = [c for c in found
                     if c.penalty == 0 and c.entry.feature == "other" and c.entry.kind != "ADM2"]
        return found

    def _demonym_entry(self, m: Mention) -> Optional[GazEntry]:
        cc, place = self.gaz.demonyms.get(m.key, (None, None))
        if place:
            ranked = rank(candidates(self.gaz, norm(place), allow_abbr=False, fuzzy=False,
                                     sub_spans=False), norm(place), None, None)
            in_country = [c for c in ranked if not cc or c.entry.cc == cc]
            if in_country:
                return in_country[0].entry
        return self.gaz.countries.get(cc) if cc else None

    def resolve(self, m: Mention, context: Optional[Context],
                region: Optional[GazEntry]) -> list[Candidate]:
        if m.source == "demonym":
            e = self._demonym_entry(m)
            return [Candidate(e, 0, 0.0, None, 10.0)] if e else []
        ranked = rank(self._candidates(m, context), m.key, context, region)
        if m.polity:  # "Quebec government", "New York Gov.": the province or state
            for c in ranked:
                c.score += HINT_BONUS["polity"].get(_group(c.entry), 0.0)
            ranked.sort(key=lambda c: -c.score)
        if m.qualifies:  # after "Churchill, ": a region or a country ("Man.", "Texas", "Syria")
            qualified = self._qualified.get(id(m))
            inner = self._candidates(qualified) if qualified is not None else []
            # after a street or a building ("Ramor Theatre, Virginia") a town is as likely
            street = qualified is not None and (qualified.source == "local" or _is_facility(qualified))
            for c in ranked:
                contains = c.entry.kind in REGION_KINDS and any(_inside(q.entry, c.entry) for q in inner)
                if (c.entry.kind in ("ADM1", "PCLI") and not street) or contains:
                    c.score += QUALIFIER_SHAPE_BONUS
                if contains:  # "Snetterton, Norfolk": the county that has a Snetterton
                    c.score += CONTAINS_BONUS
            ranked.sort(key=lambda c: -c.score)
        return ranked

    def run(self) -> list[Optional[Place]]:
        first = [self.resolve(m, None, None) for m in self.mentions]
        context = _collect_context(self.mentions, first)
        regions: dict[int, GazEntry] = {}
        for idx, m in enumerate(self.mentions):
            if m.qualifier is not None:
                q_ranked = self.resolve(m.qualifier, context, None)
                if q_ranked and q_ranked[0].entry.kind in REGION_KINDS:
                    if _smaller(first[idx], q_ranked[0].entry):
                        regions[idx] = q_ranked[0].entry
        # one sense per article: a name placed by a qualifier ("Churchill, Man.") keeps that
        # place where it recurs without one
        qualified: dict[str, Candidate] = {}
        for idx, region in regions.items():
            m = self.mentions[idx]
            ranked = self.resolve(m, context, region)
            if ranked and ranked[0].entry.cc == region.cc:
                qualified.setdefault(m.key, ranked[0])
        chosen: list[Optional[Candidate]] = []
        position = {id(m): idx for idx, m in enumerate(self.mentions)}
        for idx, m in enumerate(self.mentions):
            region = regions.get(idx)
            if region is None and m.key in qualified and m.source != "demonym":
                chosen.append(qualified[m.key])
                continue
            ranked = self.resolve(m, context, region)
            if m.listed_with is not None and m.qualifier is None and not m.qualifies:
                ranked = _like_the_list(ranked, first[position[id(m.listed_with)]])
            best = ranked[0] if ranked else None
            chosen.append(best if best and _accept(m, best, context, region) else None)
        self._features_by_head(chosen, context)
        self._drop_stray_fallbacks(chosen, context)
        home = _home_town(self.mentions, chosen)
        support = _region_support(self.mentions, chosen)
        listed = {id(x.listed_with) for x in self.mentions if x.listed_with is not None}
        out: list[Optional[Place]] = []
        for idx, (m, c) in enumerate(zip(self.mentions, chosen)):
            within = self._container(m, c, regions.get(idx), context)
            if within is not None:  # "Rockingham, Northamptonshire", "Delft in Cape Town"
                out.append(_local_place(m, within))
            elif home is not None and (_local(m, c) or _stray_facility(m, c, home, support)
                                       or _facility_abroad(m, c, home, context)
                                       or (_stray_abroad(m, c, home, context)
                                           and m.listed_with is None and id(m) not in listed)):
                out.append(_local_place(m, _nearby_town(m, self.mentions, chosen, home, support)))
            else:
                out.append(to_place(m.text, c.entry) if c else None)
        return out

    def _features_by_head(self, chosen: list[Optional[Candidate]], context: Context) -> None:
        """"the Gulf", "the Peninsula": a capitalised word after "the" that is the head word of
        listed features (``features.tsv``: "Persian Gulf", "Gulf of Aden"; "Korean Peninsula") and
        no broad place's name is the feature of that head nearest the article's other places, when
        one lies within ``FEATURE_HEAD_KM`` of them, rather than a first-level region, county or
        town of the same name in a country the article does not name (Papua New Guinea's Gulf
        Province in an article about Qatar and Saudi Arabia)."""
        heads = _feature_heads()
        others = [(m.key, c.entry) for m, c in zip(self.mentions, chosen)
                  if c is not None and c.entry.lat is not None and c.entry.kind != "CONT"]
        for idx, (m, c) in enumerate(zip(self.mentions, chosen)):
            if m.key not in heads or m.source == "demonym" or " " in m.key \
                    or not _after_the(self.text, m.start):
                continue
            if c is not None and (is_broad(c.entry) and c.entry.kind != "ADM1"
                                  or context.has_country(c.entry.cc, m.key)):
                continue  # a country, region or feature of its own name; a place of a country named
            if any(is_broad(e) and e.kind != "ADM1" for e, _ in self.gaz.lookup(m.key)):
                continue
            near: list[tuple[float, GazEntry]] = []
            for e in self._head_features(m.key):
                d = min((_km(e, o) for k, o in others if k != m.key), default=None)
                if d is not None and d <= FEATURE_HEAD_KM:
                    near.append((d, e))
            if near:
                chosen[idx] = Candidate(min(near, key=lambda t: t[0])[1], 0, 0.5, None)

    def _drop_stray_fallbacks(self, chosen: list[Optional[Candidate]], context: Context) -> None:
        """A reading found only through a fallback (a transliteration variant, a part of a longer
        name: ``penalty >= 1``) or of one of the names an entity was split into ("Nile" +
        "Delta") must be in a country the article names otherwise, or within ``FALLBACK_KM`` of
        another of its places; else it is a different place of the same spelling ("Delta" in
        "the Nile Delta" is not the Nigerian state, "Helmet" not Helmetta, New Jersey, "St
        George's Chapel" not the Bermudan parish). Countries, continents and listed features
        are left alone ("Greece Italy"). The mention then has no reading (a facility or a name
        the model calls a place still goes to the article's home town)."""
        others = [(m.key, c.entry) for m, c in zip(self.mentions, chosen)
                  if c is not None and c.entry.lat is not None and c.penalty < 1.0 and not m.part
                  and c.entry.kind not in ("CONT", "PCLI")]
        for idx, (m, c) in enumerate(zip(self.mentions, chosen)):
            if c is None or m.source == "demonym" or not (c.penalty >= 1.0 or m.part):
                continue
            e = c.entry
            if e.kind in ("PCLI", "CONT") or (e.feature == "other" and e.kind not in ("ADM1", "ADM2")) \
                    or e.lat is None or context.has_country(e.cc, m.key):
                continue
            if any(k != m.key and _km(e, o) <= FALLBACK_KM for k, o in others):
                continue
            chosen[idx] = None

    def _head_features(self, head: str) -> list[GazEntry]:
        out = []
        for name in _feature_heads()[head]:
            out += [e for e, q in self.gaz.lookup(name)
                    if q == 0 and e.feature == "other" and e.geonameid is None and e.lat is not None
                    and norm(e.name) == name]
        return out

    def _container(self, m: Mention, c: Optional[Candidate], region: Optional[GazEntry],
                   context: Context) -> Optional[GazEntry]:
        """The place that an explicit qualifier says ``m`` is in, when the gazetteer has no
        reading of ``m`` there: a county or first-level region after a comma or "in" ("Knockhill,
        Fife", "Rockingham, Northamptonshire": villages below the gazetteer's 500 people), or a
        town after "in" ("Delft in Cape Town", "Bambino Gesu Hospital in Rome") when the reading
        of ``m`` is not within ``NEAR_KM`` of it. Local place names (streets, buildings) keep
        their own rule. None otherwise."""
        if m.source == "demonym" or m.qualifier is None:
            return None
        if region is not None:
            if region.kind not in ("ADM1", "ADM2") or region.lat is None:
                return None
            # (by distance: a county of the qualifier's may be filed under another first-level region)
            near = c is not None and (_inside(c.entry, region) or c.entry.id == region.id
                                      or (c.entry.lat is not None and _km(c.entry, region) <= CONTAINER_KM)
                                      or is_broad(c.entry)
                                      # a large town keeps its reading unless a county says otherwise
                                      # ("Copenhagen, Hamburg" is a list; "Rockingham, Northamptonshire" is not)
                                      or (c.entry.population >= NEARBY_BIG_TOWN and region.kind != "ADM2"))
            return None if near else region
        if m.qualifier.qualifies:  # "Paris, Texas" with a town after the comma is a list, not a container
            return None
        q_ranked = self.resolve(m.qualifier, context, None)
        town = q_ranked[0].entry if q_ranked else None
        if town is None or town.feature != "city" or town.lat is None:
            return None
        if c is not None and (c.entry.id == town.id or (c.entry.lat is not None and _km(c.entry, town) <= NEAR_KM)
                              or is_broad(c.entry) or c.entry.kind in REGION_KINDS):
            return None
        if c is None and not _local(m, c):
            return None
        return town


FALLBACK_KM = 300.0  # a fallback reading this close to another place of the article stands
FEATURE_HEAD_KM = 1000.0  # "the Gulf" is a listed gulf this close to another place of the article
# Common nouns for a kind of physical feature that, capitalised after "the", stand for the
# feature of that kind the article is about ("the Gulf", "the Peninsula", "the Strait").
FEATURE_HEAD_WORDS = frozenset({"gulf", "peninsula", "strait", "channel", "canal", "strip", "heights",
                                "desert", "ocean", "sea"})


@functools.lru_cache(maxsize=1)
def _feature_heads() -> dict[str, tuple[str, ...]]:
    """Head words of the listed features (``features.tsv``), to the features' main names (keys):
    the last word of a name ("Persian Gulf") or the first before "of" ("Gulf of Aden"), when it
    is a common noun for a kind of feature (``FEATURE_HEAD_WORDS``)."""
    heads: dict[str, list[str]] = {}
    for r in read_tsv("features.tsv"):
        names = [norm(n) for n in r["names"].split("|") if n]
        for n in names:
            words = n.split()
            if len(words) < 2:
                continue
            head = words[0] if len(words) > 2 and words[1] == "of" else words[-1]
            if head not in FEATURE_HEAD_WORDS:
                continue
            heads.setdefault(head, [])
            if names[0] not in heads[head]:
                heads[head].append(names[0])
    return {h: tuple(v) for h, v in heads.items()}


def _after_the(text: str, start: int) -> bool:
    """The mention at ``start`` follows the word "the" ("the Gulf")."""
    return text[max(0, start - 4):start].lower() == "the "


def _collect_context(mentions: list[Mention], first: list[list[Candidate]]) -> Context:
    """The article's context from the first, context-free pass: the confident readings of
    every mention, then again keeping only the mentions that this context lets through
    (``_accept``), so words read as a small town but not kept as places ("Energy", "Agency")
    add nothing, while a run of small towns of one country still support each other."""
    confident = [(m, ranked[0]) for m, ranked in zip(mentions, first) if ranked and _confident(ranked)]
    draft = Context()
    for m, best in confident:
        draft.add(m.key, best.entry)
    context = Context()
    for m, best in confident:
        if _accept(m, best, draft, None):
            context.add(m.key, best.entry)
    for m, ranked in zip(mentions, first):  # places beyond doubt: no namesake within reach
        if ranked and m.source != "demonym" and (len(ranked) == 1 or ranked[0].score - ranked[1].score >= CLEAR_MARGIN) \
                and _accept(m, ranked[0], draft, None):
            context.add_point(m.key, ranked[0].entry)
    return context


def _like_the_list(ranked: list[Candidate], previous: list[Candidate]) -> list[Candidate]:
    """Items of a list are places of one kind: after a first-level region ("California or
    Washington") a region of the same country is preferred, after a country a country."""
    if not ranked or not previous or previous[0].entry.kind not in ("ADM1", "PCLI"):
        return ranked
    prev = previous[0].entry
    for c in ranked:
        if c.entry.kind == prev.kind and (prev.kind == "PCLI" or c.entry.cc == prev.cc):
            c.score += LIST_BONUS
    return sorted(ranked, key=lambda c: -c.score)


def _inside(e: GazEntry, region: GazEntry) -> bool:
    """Is ``e`` a place inside ``region`` (a country, or a first- or second-level region, told
    apart by first-level region only)?"""
    if e.id == region.id or e.cc != region.cc or not e.cc:
        return False
    return region.kind == "PCLI" or (e.admin1_code is not None and e.admin1_code == region.admin1_code)


def _smaller(ranked: list[Candidate], region: GazEntry) -> bool:
    """Can ``region`` qualify a mention read as ``ranked[0]``? Not when the mention is itself a
    country or broad region, or a first-level region "qualified" by another: "Russia, China"
    and "Texas, Ohio" are lists, "Paris, Texas" is a qualifier."""
    if not ranked:
        return True
    top = ranked[0].entry
    if top.kind == "ADM1":
        return region.kind == "PCLI" and top.cc == region.cc
    return not is_broad(top)


def _is_facility(m: Mention) -> bool:
    """A named street, building or site the model found ("Royal Street", "Colchester Hospital")."""
    return m.source == "ner" and m.n_tokens > 1 and any(w in FACILITY_WORDS for w in m.key.split()[1:])


DATELINE_CHARS = 100  # a dateline ("BOSTON (Reuters) -") opens the article
REGION_SUPPORT = 0.5  # per other place of the article in the same first-level region
NEARBY_CHARS = 100  # a town this close to a street or building name is where it is
NEARBY_BIG_TOWN = 50_000  # ... even in another first-level region than the home town


def _home_town(mentions: list[Mention], chosen: list[Optional[Candidate]]) -> Optional[GazEntry]:
    """The town an article is set in: its dateline town ("BOSTON (Reuters) -", in capitals
    near the start), else the town mentioned most in the country the article's places are in
    most often, counting half a mention for every other place of the article in the same
    first-level region ("New Orleans" beside "Louisiana" and "Lafayette"); a tie goes to the
    larger town; with no town, the county named most. Names the model labels a person,
    demonyms, and towns found only through an alternate name unlike their own ("Villanueva" for
    Tallahassee) do not count."""
    kept = [(m, c) for m, c in zip(mentions, chosen)
            if c is not None and c.entry.cc and m.label != "PERSON" and c.penalty < 1.0
            and m.source != "demonym"]
    if not kept:
        return None
    for m, c in kept:
        if m.start < DATELINE_CHARS and m.text.isupper() and len(m.text) > 2 and c.entry.feature == "city":
            return c.entry
    top_country = Counter(c.entry.cc for _, c in kept).most_common(1)[0][0]
    in_country = [(m, c) for m, c in kept if c.entry.cc == top_country]
    regions = Counter(c.entry.admin1_code for _, c in in_country if c.entry.admin1_code)
    counts: Counter[int] = Counter()
    entries: dict[int, GazEntry] = {}
    # no town named: a county ("Cuyahoga County"); with neither, a town the model labelled
    # otherwise on its span ("Dushanbe" as an organisation), if it is the only kind named
    for kind, strict_ok in (("city", False), ("ADM2", False), ("city", True)):
        for m, c in in_country:
            e = c.entry
            if _group(e) != kind or (m.strict and not m.embedded and not strict_ok) or not _own_name(c, m.key) \
                    or (strict_ok and m.label == "PERSON"):
                continue  # "South Side" labelled NORP on its span
            counts[e.id] += 1
            entries[e.id] = e
        if counts:
            break
    if not counts:
        return None

    def support(i: int) -> float:
        e = entries[i]
        return counts[i] + REGION_SUPPORT * (regions[e.admin1_code] - counts[i] if e.admin1_code else 0)

    return entries[max(counts, key=lambda i: (support(i), entries[i].population))]


def _region_support(mentions: list[Mention], chosen: list[Optional[Candidate]]) -> dict[str, set[str]]:
    """By first-level region, the names of the article's mentions that the model calls a town
    or region (not a facility) read as a place in it."""
    support: dict[str, set[str]] = {}
    for m, c in zip(mentions, chosen):
        if c is not None and c.entry.admin1_code and m.source == "ner" and m.label != "FAC":
            support.setdefault(c.entry.admin1_code, set()).add(m.key)
    return support


def _stray(e: GazEntry, key: str, home: GazEntry, support: dict[str, set[str]]) -> bool:
    """A small town or county outside the home town's region, in a region that no other
    place of the article is in."""
    return (e.population < NEARBY_BIG_TOWN and e.admin1_code != home.admin1_code
            and not support.get(e.admin1_code or "", set()) - {key})


def _stray_facility(m: Mention, c: Optional[Candidate], home: GazEntry,
                    support: dict[str, set[str]]) -> bool:
    """A name the model calls a facility that the gazetteer reads as a stray small town
    ("Washington Square" in New Orleans is not the Philadelphia neighbourhood): a local place."""
    return (c is not None and m.source == "ner" and m.label == "FAC"
            and (c.entry.feature == "city" or c.entry.kind == "ADM2")
            and _stray(c.entry, m.key, home, support))


def _nearby_town(m: Mention, mentions: list[Mention], chosen: list[Optional[Candidate]],
                 home: GazEntry, support: dict[str, set[str]]) -> GazEntry:
    """Where to put a local place: the closest town of the home town's country named within
    ``NEARBY_CHARS`` of it ("Collins Avenue in Miami Beach"), else the home town. A small town
    of another first-level region counts only when another place of the article that the model
    calls a town or region is in that region: otherwise it is more often a street or a surname read as a town ("State and Hubbard
    streets" in Chicago) than where the place is."""
    best, gap = home, NEARBY_CHARS + 1
    for other, c in zip(mentions, chosen):
        if (other is m or c is None or c.entry.feature != "city" or c.entry.cc != home.cc
                or other.label == "PERSON" or c.penalty >= 1.0 or not _own_name(c, other.key)
                or _stray(c.entry, other.key, home, support)):
            continue
        d = other.start - m.end if other.start >= m.end else m.start - other.end
        if d < gap:
            best, gap = c.entry, d
    return best


def _local_place(m: Mention, e: GazEntry) -> Place:
    """A place the gazetteer cannot name, put at the town or region ``e`` it lies in."""
    return Place(text=m.text, name=m.text, country=e.country, admin1=None if e.kind == "PCLI" else e.admin1,
                 lat=e.lat, lon=e.lon, feature="other", geonameid=None)


def _km(a: GazEntry, b: GazEntry) -> float:
    """Equirectangular distance in km (as ``Context.near``)."""
    dy = (a.lat - b.lat) * 111.2
    dx = (a.lon - b.lon) * 111.2 * cos(radians((a.lat + b.lat) / 2))
    return (dx * dx + dy * dy) ** 0.5


def _stray_abroad(m: Mention, c: Optional[Candidate], home: GazEntry, context: Context) -> bool:
    """A name the model calls a place that the gazetteer reads only as a small town abroad, in a
    country no other place of the article is in, while the article is set elsewhere ("Glenrock"
    in a Newcastle, New South Wales story is not the Wyoming town; "Rehab" beside Cairo is not
    the Jordanian village): a place of the home area the gazetteer does not know. (Items of a
    list of places are left alone: "Trips to Saipan, Guam, Alaska".)"""
    return (c is not None and m.source == "ner" and m.label in ("GPE", "LOC", "FAC")
            and c.entry.feature == "city" and c.entry.cc != home.cc and c.entry.cc is not None
            and c.entry.population < NEARBY_BIG_TOWN and not context.has_country(c.entry.cc, m.key))


def _facility_abroad(m: Mention, c: Optional[Candidate], home: GazEntry, context: Context) -> bool:
    """A name the model calls a facility that the gazetteer reads as a town, county or region
    abroad, in a country no other place of the article is in ("St George's Chapel" at Windsor is
    not the Bermudan parish, "Craven Cottage" in a Fulham story not the US county): a local place."""
    return (c is not None and m.source == "ner" and m.label == "FAC" and c.entry.cc is not None
            and c.entry.cc != home.cc and (c.entry.feature == "city" or c.entry.kind in ("ADM1", "ADM2"))
            and not context.has_country(c.entry.cc, m.key))


def _own_name(c: Candidate, key: str) -> bool:
    """Was the entry found through its own name (or an alternate name sharing a word with it)?"""
    if c.q == 0:
        return True
    main_words, main_sk = _name_keys(c.entry.name)
    return main_sk == skeleton(key) or bool(main_words & set(key.split()))


def _local(m: Mention, c: Optional[Candidate]) -> bool:
    """A mention to place at the article's home town: a named street or building the gazetteer
    cannot place (or places only through a part of its name), or any other entity the model
    calls a place that the gazetteer does not know ("Bywater", "Anfield")."""
    if c is not None and c.penalty < 1.0:
        return False
    return (_is_facility(m) or m.source == "local"
            or (m.source == "ner" and (c is None or m.label == "FAC")))


def _confident(ranked: list[Candidate]) -> bool:
    top = ranked[0]
    if is_broad(top.entry):
        return True
    rivals = [c for c in ranked[1:] if c.entry.cc != top.entry.cc]
    return not rivals or top.score - rivals[0].score >= 1.5


def _accept(m: Mention, best: Candidate, context: Context, region: Optional[GazEntry]) -> bool:
    """Keep a resolution? Entities the model calls places are kept; capitalised runs found only
    in the gazetteer need a strong reading (a broad place, a large town, one in a country the
    article is about, or one inside the region that qualifies it), the more so when the model
    gave them another label."""
    if m.source in ("ner", "demonym"):
        return True
    e = best.entry
    if m.source == "local":
        return True
    if region is not None and e.cc == region.cc:
        return True
    if m.n_tokens == 1 and not m.propn:
        return False
    if m.numeric:  # "Winnipeg" or "Manbij" labelled a date: a well-known place only
        return is_broad(e) or e.population >= 50_000
    in_context = context.has_country(e.cc, m.key)
    if m.embedded:  # part of an organisation's name: "Kentucky State Police", not "Department of Justice"
        if not _own_name(best, m.key) and not is_broad(e):
            # a name carries a town by the town's own name, not a foreign one ("Human Rights
            # Watch": not Humań, Uman); a country or province also by another ("the Holy See")
            return False
        return (is_broad(e) or e.population >= 50_000
                or (in_context and (e.kind == "ADM2" or e.population >= 20_000))
                or (context.has_admin1(e.admin1_code, m.key) and e.population >= 1_000))
    if m.strict:  # labelled PERSON / ORG / NORP ... on exactly this span
        big = 200_000 if m.label == "PERSON" else 50_000  # "Jackson said" is a person
        if m.label == "PERSON" and e.kind == "ADM1" and not in_context:
            return False  # "St Patrick" the saint, not the Dominican parish
        return is_broad(e) or e.population >= big or (in_context and e.population >= 1_000)
    return is_broad(e) or e.population >= 50_000 or (in_context and (e.population >= 1_000 or e.kind == "ADM2"))


def find_places(doc, article_id: str, *, include_demonyms: bool = False,
                gazetteer: Optional[Gazetteer] = None) -> list[PlaceMention]:
    """Every toponym in a parsed spaCy ``Doc`` with its resolved place, in text order.

    Offsets are Python string indices into ``doc.text``. Demonyms ("Kazakh", "Afghans") are not
    toponyms and are left out unless ``include_demonyms`` (then they resolve to their country);
    they still count as context for the other mentions."""
    gaz = gazetteer or get_gazetteer()
    mentions = extract_mentions(doc, gaz)
    resolved = _ArticleResolver(gaz, mentions, doc.text).run()
    return [PlaceMention(article_id=article_id, start=m.start, end=m.end, place=p)
            for m, p in zip(mentions, resolved)
            if p is not None and (m.source != "demonym" or include_demonyms)]


def resolve_name(name: str, context_countries: Sequence[str] = (), *,
                 gazetteer: Optional[Gazetteer] = None) -> Optional[Place]:
    """Resolve one place name (exact, then generic word / direction stripped, then fuzzy),
    preferring places in ``context_countries`` (ISO3 or ISO2 codes)."""
    gaz = gazetteer or get_gazetteer()
    key = norm(name)
    if not key:
        return None
    context = Context()
    for code in context_countries:
        e = gaz.countries_iso3.get(code.upper()) or gaz.countries.get(code.upper())
        if e is not None:
            context.add("\x00context", e)
    ranked = rank(candidates(gaz, key, allow_abbr=False, fuzzy=True, sub_spans=True, text=name),
                  key, context, None)
    return to_place(name, ranked[0].entry) if ranked else None
