"""The evidence about a candidate, as the named features the ranker weighs (see
``ranker.STARTING_WEIGHTS``), each with the reason it gives a reader:

- the name itself (``name_evidence``): how it matched (main name, alternate name,
  demonym), the kind of feature and its size, namesakes among the name's candidates;
- the rest of the document, as read at the start of a round (``OtherNames``): how much
  of the other names' weight falls in the candidate's country and first-level
  subdivision (the dateline counting double), the containers the text names for it
  (``link_containers``: "Kirkuk, northern Iraq"), the places already resolved nearby, and
  the likely readings of the other names close to it (``Neighbours``).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np

from geomap.geo import haversine_km, pairwise_km
from geomap.kb.features import FEATURE_PRIOR, SIZED_FEATURES, WIDE_FEATURES
from geomap.kb.names import COUNTY_SUFFIX
from geomap.kb.sources.base import WEAK_KINDS, NameKind
from geomap.models import Entry, Mention, MentionOrigin, Role
from geomap.resolve.candidates import ADMIN_SUFFIX, DIRECTION, Candidate, Group
from geomap.resolve.ranker import OTHER

DATELINE_VOTES = 2.0  # a dateline counts this much more than a name in the text
WORLD_CITY_POPULATION = 1_000_000  # a city this large is known abroad by its name
CONTEXT_VOTE = 0.5  # a name geomap resolve saw but was not asked about
PROXIMITY_KM = 100.0
NAMESAKE_TOWN_POPULATION = 50_000  # a town this big names its namesake subdivision's seat

_CONTAINER_GAP = re.compile(
    r"^(?:\s*,\s*|\s+in\s+(?:the\s+)?|\s*\(\s*|"
    r",?\s+(?:an?|the)\s+(?:[a-z-]+\s+){0,3}(?:in|of)\s+(?:the\s+)?|"
    r"\s+(?:is|was)\s+(?:an?|the)\s+(?:[a-z-]+,?\s+){0,8}?(?:in|of)\s+(?:the\s+)?)"
    rf"(?:(?:{DIRECTION}|mid)\s+)?$",
    re.IGNORECASE,
)
_QUALIFIER_GAP = re.compile(
    r"^\.?\s+(?:state|province|region|county|territory|prefecture|governorate)\s+of\s+$",
    re.IGNORECASE,
)
MAX_CHAIN = 4  # "Clifton, Fairfax County, Virginia, United States"
_KIND_TEXT = {NameKind.NAME: "name", NameKind.ABBR: "abbreviation", NameKind.ALT: "alternate name",
              NameKind.DEMONYM: "demonym", NameKind.SHORT: "short name",
              NameKind.USER: "user gazetteer name"}  # fmt: skip

Evidence = tuple[str, float, str | None]  # (feature, value, the reason it gives, if any)


def link_containers(text: str, mentions: Sequence[Mention], groups: dict[str, Group]) -> None:
    """'Kirkuk, northern Iraq' and 'K-1 base in Kirkuk': the second name contains the
    first. In a chain, 'Clifton, in Fairfax County, Virginia' or 'a city in the U.S.
    state of Minnesota', each name contains those before it (not a country before
    'state of'). The containers of a name's first mention lead: 'Rochester, in Fulton
    County ... named for Rochester, New York'."""
    group_of = {}
    for group in groups.values():
        for mention in group.mentions:
            group_of[(mention.start, mention.end)] = group
    ordered = sorted(mentions, key=lambda m: m.start)
    first_at = {id(g): min(m.start for m in g.mentions) for g in groups.values()}
    chain: list[Mention] = []
    for inner, outer in itertools.pairwise(ordered):
        gap = text[inner.end : outer.start]
        if not chain or chain[-1] is not inner:
            chain = [inner]
        if _CONTAINER_GAP.match(gap):
            held = chain[-MAX_CHAIN:]
        elif _QUALIFIER_GAP.match(gap) and len(chain) > 1:
            held = chain[-MAX_CHAIN:-1]  # "the U.S. state of Minnesota"
        else:
            chain = []
            continue
        chain.append(outer)
        outer_group = group_of[(outer.start, outer.end)]
        for mention in held:
            group = group_of[(mention.start, mention.end)]
            if outer_group is group:
                continue
            if outer_group not in group.containers:
                group.containers.append(outer_group)
            if mention.start == first_at[id(group)]:
                group.lead.append(outer_group)


def name_evidence(group: Group) -> list[tuple[dict[str, float], list[str]]]:
    """For each candidate of the group, the features the name alone gives it (how it
    matched, the kind and size of the place, its namesakes among the other candidates)
    and the reasons to tell."""
    text = group.text
    country_reading = any(
        c.entry.feature == "country" and c.kind not in WEAK_KINDS for c in group.candidates
    )
    state_readings = {
        (c.entry.country_code, c.entry.admin1_code)
        for c in group.candidates
        if c.entry.feature == "admin1" and c.kind == NameKind.NAME
    }
    admin_suffixed = ADMIN_SUFFIX.search(text) is not None  # "Kirkuk Governorate"
    county_suffixed = COUNTY_SUFFIX.search(text) is not None  # "Jefferson County"
    namesakes = set() if admin_suffixed else _namesake_towns(group.candidates)
    populations = [
        c.entry.population for c in group.candidates if c.entry.feature in SIZED_FEATURES
    ]
    largest = max(populations, default=0)
    speaks = any(m.role == Role.METONYM for m in group.mentions)
    found = []
    for candidate in group.candidates:
        entry, kind = candidate.entry, candidate.kind
        reasons = [
            f"{_KIND_TEXT.get(kind, kind)} of {entry.name} ({entry.source}, {_describe(entry)})"
        ]
        features: dict[str, float] = {}
        if kind != NameKind.NAME:
            features[f"kind={kind}"] = 1.0
        if group.demonym != (kind == NameKind.DEMONYM):
            features["demonym_mismatch"] = 1.0
        if entry.feature in SIZED_FEATURES:
            features["log_population"] = math.log10(entry.population + 10)
            if largest and entry.population == largest:
                features["largest_population"] = 1.0
            elif largest:
                features["population_gap"] = math.log10(largest + 10) - math.log10(
                    entry.population + 10
                )
            if entry.feature == "city" and entry.population >= WORLD_CITY_POPULATION:
                features["world_city"] = 1.0
            if entry.source.startswith("uspostal:"):
                features["postal_town"] = 1.0
            if entry.capital:
                features["capital"] = 1.0
                reasons.append("national capital")
        else:
            known = entry.feature if entry.feature in FEATURE_PRIOR else OTHER
            features[f"feature={known}"] = 1.0
            if entry.feature == "country":
                # orders of magnitude above or below ten million people
                features["country_population"] = math.log10(entry.population + 10) - 7
        if speaks and (entry.capital or entry.feature == "country"):
            features["speaker_seat"] = 1.0
            reasons.append("a government speaks from here")
        if country_reading and entry.feature == "city":
            features["country_namesake"] = 1.0  # "China" the country, not China in Japan
        if (
            state_readings
            and entry.feature == "city"
            and not entry.capital
            and (entry.country_code, entry.admin1_code) not in state_readings
        ):
            features["state_namesake"] = 1.0  # "California" the state, not California, MD
        if entry.feature == "admin1" and (entry.country_code, entry.admin1_code) in namesakes:
            features["namesake_subdivision"] = 1.0
        if admin_suffixed and entry.feature in ("admin1", "admin2", "region"):
            features["suffix_subdivision"] = 1.0
            reasons.append("the name says it is a subdivision")
        if county_suffixed and entry.feature == "county":
            features["suffix_county"] = 1.0
            reasons.append("the name says it is a county")
        found.append((features, reasons))
    return found


class OtherNames:
    """What the other names of the document say, as they are read at the start of a
    round: the countries and subdivisions their likely readings point at, the places
    already resolved (anchors), and how close each candidate lies to their readings. A
    name that is also a world city abroad ("Paris") weighs the dateline's state or country
    no more than any other name of the text: local evidence, not a reason to move the
    city."""

    def __init__(self, groups: list[Group], neighbours: Neighbours):
        self.votes = {group.key: votes(group) for group in groups}
        self.nearby = neighbours.closeness()
        self.all_countries = sum((v[0] for v in self.votes.values()), Counter())
        self.all_admin1 = sum((v[1] for v in self.votes.values()), Counter())
        self.world_cities = {group.key for group in groups if _names_a_world_city(group)}
        self.undated: dict[str, tuple[Counter[str], Counter[str]]] = {}
        self.undated_countries, self.undated_admin1 = self.all_countries, self.all_admin1
        if self.world_cities:  # only they need the votes without the dateline
            self.undated = {group.key: votes(group, with_dateline=False) for group in groups}
            self.undated_countries = sum((v[0] for v in self.undated.values()), Counter())
            self.undated_admin1 = sum((v[1] for v in self.undated.values()), Counter())
        self.anchors = [
            (group.key, best.entry)
            for group in groups
            if (best := group.best()) is not None
            and best.probability >= 0.5
            and _is_local(best.entry)
        ]

    def context(self, group: Group) -> Context:
        """The document as seen from ``group``: without its own votes, and with the
        readings its containers have now."""
        world_city = group.key in self.world_cities
        countries = self.undated_countries if world_city else self.all_countries
        admin1s = self.undated_admin1 if world_city else self.all_admin1
        own = self.undated[group.key] if world_city else self.votes[group.key]
        return Context(
            countries=countries - own[0],
            admin1s=admin1s - own[1],
            anchors=[entry for key, entry in self.anchors if key != group.key],
            containers=chosen(group.containers),
            lead=chosen(group.lead),
            nearby=self.nearby,
        )


@dataclass
class Context:
    """What the rest of the document says, as seen from one group of mentions."""

    countries: Counter[str]
    admin1s: Counter[str]
    anchors: list[Entry]
    containers: list[Entry]
    lead: list[Entry]  # the containers of the first mention
    nearby: dict[Candidate, tuple[float, Entry, float]]  # ``Neighbours.closeness``

    def __post_init__(self) -> None:
        # the same for every candidate of the group: summed once, not once a candidate
        self.country_total = sum(self.countries.values())
        self.admin1_total = sum(self.admin1s.values())

    def evidence(self, candidate: Candidate) -> Iterator[Evidence]:
        """(feature, value, reason) for each piece of evidence about a candidate."""
        entry = candidate.entry
        country_total, admin1_total = self.country_total, self.admin1_total
        is_country = entry.feature == "country"
        if country_total and entry.country_code:
            share = self.countries[entry.country_code] / country_total
            if share:
                yield (
                    "country_support",
                    share,
                    f"{share:.0%} of the article's other place evidence is in {entry.country_code}",
                )
            if entry.capital and share >= 0.5:
                yield "home_capital", 1.0, "the capital of the country the article is about"
        if entry.capital:
            other = next(
                (o for o in self.anchors if o.capital and o.country_code != entry.country_code),
                None,
            )
            if other is not None:
                yield "among_capitals", 1.0, f"a capital, as is {other.name}, also named"
        if admin1_total and (entry.admin1_code or is_country):
            if is_country:  # a country holds all its subdivisions' evidence
                inside = sum(
                    n for code, n in self.admin1s.items() if code[:2] == entry.country_code
                )
            else:
                inside = self.admin1s[cast(str, entry.admin1_code)]  # set: not a country
            share = inside / admin1_total
            if share:
                yield (
                    "admin1_support",
                    share,
                    f"{share:.0%} of it is in {entry.name if is_country else entry.admin1}",
                )
        contained = not_contained = 0.0
        for container in self.containers:
            if contains(container, entry):
                contained += 1.0
                why = f"inside {container.name}, which the text names as its container"
            elif container.feature in ("country", "admin1"):
                not_contained += 1.0
        if contained:
            yield "contained", contained, why
        if not_contained:
            yield "not_contained", not_contained, None
        if self.lead:
            outside = [c for c in self.lead if not contains(c, entry)]
            if not outside:
                yield "lead_contained", 1.0, None
            elif any(c.feature in ("country", "admin1") for c in outside):
                yield "lead_not_contained", 1.0, None
        others = [o for o in self.anchors if o.source != entry.source]
        if others and entry.feature != "continent":
            nearest, distance = min(
                ((o, _distance(entry, o)) for o in others), key=lambda pair: pair[1]
            )
            yield (
                "proximity",
                math.exp(-distance / PROXIMITY_KM),
                f"{distance:.0f} km from {nearest.name}, also named in the article",
            )
        if (near := self.nearby.get(candidate)) is not None:
            value, other_reading, any_value = near
            reason = f"near {other_reading.name}, a likely reading of another name in the text"
            yield "neighbour", value, reason
            yield "neighbour_any", any_value, None


class Neighbours:
    """How close each candidate lies to the local candidates (towns, counties, bases: not
    countries or states) of the other names in the document. Distances are computed once;
    each round weighs them by how likely each of those readings is now."""

    def __init__(self, groups: list[Group]):
        self.groups = groups
        local = [
            (group, candidate)
            for group in groups
            for candidate in group.candidates
            if _is_local(candidate.entry)
        ]
        self.local = local
        if len(local) < 2:
            return
        entries = [candidate.entry for _, candidate in local]
        radius = np.array([entry.radius_km for entry in entries])
        owner = np.array([id(group) for group, _ in local])
        source = [entry.source for entry in entries]
        km = pairwise_km(
            np.array([entry.lat for entry in entries]), np.array([entry.lon for entry in entries])
        )
        km = np.maximum(0.0, km - radius[:, None] - radius[None, :])  # less both extents
        kernel = np.exp(-km / PROXIMITY_KM)
        kernel[owner[:, None] == owner[None, :]] = 0.0  # a name is no evidence for itself
        for i, j in _same_source_pairs(source):
            kernel[i, j] = 0.0  # the same place under two names
        self.kernel = kernel
        self.nearest = kernel.max(axis=1)

    def closeness(self) -> dict[Candidate, tuple[float, Entry, float]]:
        """candidate -> (closeness, the reading it is close to, closeness to any reading):
        the largest exp(-km / 100) to another name's reading, times that reading's
        probability relative to the name's likeliest reading; and the largest whatever
        the probability."""
        if len(self.local) < 2:
            return {}
        top = {
            id(group): max((c.probability for c in group.candidates), default=0.0)
            for group in self.groups
        }
        likelihood = np.array(
            [candidate.probability / top[id(group)] if top[id(group)] else 0.0
             for group, candidate in self.local]
        )  # fmt: skip
        weighted = self.kernel * likelihood[None, :]
        best = weighted.argmax(axis=1)
        found = {}
        for row, (_, candidate) in enumerate(self.local):
            value = float(weighted[row, best[row]])
            if value > 0.01 or self.nearest[row] > 0.01:
                found[candidate] = (
                    value, self.local[best[row]][1].entry, float(self.nearest[row])
                )  # fmt: skip
        return found


def votes(group: Group, with_dateline: bool = True) -> tuple[Counter[str], Counter[str]]:
    """How much the group's current reading points at each country and subdivision (as
    an ordinary name of the text, without ``with_dateline``)."""
    countries: Counter[str] = Counter()
    admin1s: Counter[str] = Counter()
    weight = _weight(group) if with_dateline else _undated_weight(group)
    if not weight:
        return countries, admin1s
    for candidate in group.candidates:
        entry, p = candidate.entry, candidate.probability
        if entry.country_code:
            countries[entry.country_code] += weight * p  # type: ignore[assignment]  # weights
        if entry.admin1_code and entry.feature != "country":
            admin1s[entry.admin1_code] += weight * p  # type: ignore[assignment]  # weights
    return countries, admin1s


def _weight(group: Group) -> float:
    """What the group's mentions count for as evidence, the dateline more than a name."""
    dateline = any(m.role == Role.DATELINE for m in group.mentions)
    return _mention_votes(group.mentions) + (DATELINE_VOTES if dateline else 0.0)


def _undated_weight(group: Group) -> float:
    """What the group's mentions outside the dateline count for."""
    return _mention_votes(m for m in group.mentions if m.role != Role.DATELINE)


def _mention_votes(mentions: Iterable[Mention]) -> float:
    """What names count as evidence: one each, a name the caller only gave as context half."""
    return sum(CONTEXT_VOTE if m.origin == MentionOrigin.CONTEXT else 1.0 for m in mentions)


def chosen(groups: list[Group]) -> list[Entry]:
    """The entries the groups' best candidates are now."""
    return [best.entry for g in groups if (best := g.best()) is not None]


def contains(container: Entry, entry: Entry) -> bool:
    """Whether ``entry`` lies in ``container``: its country, its subdivision, or near."""
    if container.feature == "country":
        return entry.country_code == container.country_code
    if container.feature == "admin1" and container.admin1_code:
        return entry.admin1_code == container.admin1_code
    reach = max(container.radius_km, 30.0) + 50.0
    return haversine_km(container.lat, container.lon, entry.lat, entry.lon) <= reach


def _names_a_world_city(group: Group) -> bool:
    """Whether a name's candidates include a world city (a national capital, or a city
    of a million) beside smaller namesakes elsewhere."""
    cities = [c.entry for c in group.candidates if c.entry.feature == "city"]
    world = [e for e in cities if e.capital or e.population >= WORLD_CITY_POPULATION]
    return bool(world) and len(cities) > len(world)


def _namesake_towns(candidates: list[Candidate]) -> set[tuple[str | None, str | None]]:
    """Subdivisions that share their name with their own main town: "Kirkuk", "Basra" and
    "Aleppo" usually name the city; "Kirkuk Governorate" would name the governorate."""
    return {
        (c.entry.country_code, c.entry.admin1_code)
        for c in candidates
        if c.entry.feature == "city"
        and c.kind == NameKind.NAME
        and c.entry.population >= NAMESAKE_TOWN_POPULATION
    }


def _describe(entry: Entry) -> str:
    if entry.population:
        return f"{entry.feature}, population {entry.population:,}"
    return entry.feature


def _is_local(entry: Entry) -> bool:
    return entry.feature not in WIDE_FEATURES and entry.radius_km < PROXIMITY_KM


def _same_source_pairs(sources: list[str]) -> Iterator[tuple[int, int]]:
    at: dict[str, list[int]] = {}
    for i, source in enumerate(sources):
        at.setdefault(source, []).append(i)
    for rows in at.values():
        if len(rows) > 1:
            yield from itertools.permutations(rows, 2)


def _distance(entry: Entry, other: Entry) -> float:
    """Kilometres from a candidate's extent to another place; nothing between a country and
    a place inside it."""
    if entry.feature == "country" and other.country_code == entry.country_code:
        return 0.0
    return max(0.0, haversine_km(entry.lat, entry.lon, other.lat, other.lon) - entry.radius_km)
