"""Resolution: choosing, for each place mention, the gazetteer entry it names.

Candidates come from the gazetteer. Each is scored by a log-linear sum of
evidence, computed over a few rounds so that what is settled informs the rest:

- the name itself: how it matched (main name, alternate name, demonym), the kind of
  feature and its size (population; countries, seas and curated places first);
- the document: how much of the other mentions' weight falls in the candidate's
  country and first-level subdivision (the dateline counting double);
- explicit containment: "Kirkuk, northern Iraq", "K-1 base in Kirkuk", "Erbil,
  Kurdistan Region";
- proximity to the places already resolved, and to the likely readings of the other
  names ("Paris and Henry County": the Paris in the Henry County one of the readings
  holds), and capitals named together.

Each piece of evidence is a named feature; a ``Ranker`` holds their weights (fitted by
benchmarks/fit_resolver.py, shipped as resolver_weights.json). One name means one place
within a document. The chosen candidate's share of the softmax over all candidates,
calibrated with what else is known of the choice, is its confidence, and the evidence
behind it is kept as readable reasons. A name with no candidate, or only weak far-away
ones, stays unresolved (null coordinates) unless a geocoder fallback answers for it.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from geomap.geo import haversine_km, pairwise_km
from geomap.kb.features import (
    FEATURE_PRIOR,
    OTHER,
    OTHER_PRIOR,
    SIZED_FEATURES,
    WIDE_FEATURES,
)
from geomap.kb.names import COUNTY_SUFFIX, normalize_name, split_camel_case
from geomap.kb.sources.base import WEAK_KINDS
from geomap.models import ROLE_DATELINE, ROLE_DEMONYM, ROLE_METONYM, Entry, Mention, Place

if TYPE_CHECKING:  # pragma: no cover
    from geomap.kb.gazetteer import Gazetteer
    from geomap.kb.geocoder import FallbackGeocoder

MAX_CANDIDATES = 60
ROUNDS = 3
DATELINE_VOTES = 2.0  # a dateline counts this much more than a name in the text
WORLD_CITY_POPULATION = 1_000_000  # a city this large is known abroad by its name
CONTEXT_VOTE = 0.5  # a name geomap resolve saw but was not asked about
PROXIMITY_KM = 100.0
NAMESAKE_TOWN_POPULATION = 50_000  # a town this big names its namesake subdivision's seat
WEAK_POPULATION = 1_000
WORLD_CITY_POPULATION = 1_000_000
GEOCODER_CONFIDENCE = 0.6
WEIGHTS_FILE = Path(__file__).with_name("resolver_weights.json")

# The evidence about a candidate, as named features. A candidate's score is the weighted
# sum of its features; its confidence is its share of the softmax over the name's
# candidates. The weights are fitted by benchmarks/fit_resolver.py and shipped in
# resolver_weights.json. These starting values, set by hand and then by coordinate
# descent, are the prior the fit is drawn towards: a feature the corpora rarely show
# (a nuclear site, a volcano) keeps its starting weight.
STARTING_WEIGHTS = {
    "kind=alt": -1.0, "kind=abbr": 0.0, "kind=demonym": 0.0, "kind=user": 1.0,
    "kind=short": -3.0,  # a county by its bare stem ("DeKalb"): only with its state behind it
    "demonym_mismatch": -4.0,  # a demonym read as a place name, or a place name as a demonym
    "log_population": 0.55, "capital": 1.0, "largest_population": 0.0,
    "population_gap": 0.0,  # orders of magnitude below the name's largest candidate
    "world_city": 0.0,  # a city of a million or more
    "postal_town": -1.0,  # a US town known only by its post office: no population
    "country_population": 0.5,  # a country's size: "French" is France's
    **{f"feature={name}": value for name, value in FEATURE_PRIOR.items()},
    f"feature={OTHER}": OTHER_PRIOR,
    "speaker_seat": 2.0,  # a capital or country for a name that speaks: "Washington said"
    "country_namesake": -3.0,  # a town named like a country: China in Japan
    "state_namesake": -2.0,  # a town named like a state or province elsewhere: California, MD
    "namesake_subdivision": -4.0,  # "Kirkuk" the governorate rather than the city
    "suffix_subdivision": 2.0,  # "Kirkuk Governorate" -> a governorate
    "suffix_county": 2.0,  # "Jefferson County" -> a county
    "country_support": 4.0,  # share of the article's other evidence in the candidate's country
    "home_capital": 1.5,  # the capital of the country most of the article is in: "Washington"
    "among_capitals": 1.0,  # a capital in an article naming other capitals: "Tehran, Washington"
    "admin1_support": 5.0,  # ... in its first-level subdivision
    "contained": 3.0, "not_contained": -3.0,  # "Kirkuk, northern Iraq"
    "lead_contained": 1.0, "lead_not_contained": -1.0,  # ... said of its first mention
    "proximity": 4.0,  # exp(-km / 100) to the nearest place already resolved
    "neighbour": 1.5,  # exp(-km / 100) to a likely reading of another name, by its likelihood
    "neighbour_any": 1.5,  # exp(-km / 100) to any local reading of another name
}  # fmt: skip
FEATURES = tuple(STARTING_WEIGHTS)


@dataclass(frozen=True)
class Ranker:
    """Feature weights that rank a name's candidates, and the calibration that turns the
    chosen candidate's softmax share into the chance that it lies within 161 km of the
    place meant: a logistic regression over ``confidence_features``."""

    weights: dict[str, float] = field(default_factory=lambda: dict(STARTING_WEIGHTS))
    calibration: dict[str, float] = field(default_factory=lambda: {"share_logit": 1.0})
    trained_on: tuple[str, ...] = ()

    @classmethod
    def load(cls, path: Path = WEIGHTS_FILE) -> Ranker:
        """The fitted ranker; any feature it lacks keeps its starting weight."""
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        fitted = data.get("weights", {})
        return cls(
            weights={name: float(fitted.get(name, v)) for name, v in STARTING_WEIGHTS.items()},
            calibration={k: float(v) for k, v in data.get("calibration", {}).items()}
            or {"share_logit": 1.0},
            trained_on=tuple(data.get("trained_on", ())),
        )

    def score(self, features: dict[str, float]) -> float:
        """A candidate's score: the weighted sum of its features."""
        weights = self.weights
        return sum(weights[name] * value for name, value in features.items())

    def confidence(self, values: dict[str, float]) -> float:
        """The calibrated confidence for a choice's ``confidence_features``."""
        z = sum(self.calibration.get(name, 0.0) * value for name, value in values.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def confidence_features(
    share: float, entry: Entry, features: dict[str, float], candidates: int
) -> dict[str, float]:
    """What the confidence of a choice is calibrated on: its softmax share (as log-odds),
    the extent of the place (a country's point is seldom within 161 km of another's
    point for it), whether the name had a single candidate, read as an alternate name."""
    share = min(max(share, 1e-6), 1 - 1e-6)
    return {
        "share_logit": math.log(share / (1 - share)),
        "bias": 1.0,
        "log_radius": math.log10(entry.radius_km + 1),
        "lone_candidate": float(candidates == 1),
        "alternate_name": features.get("kind=alt", 0.0),
    }


# A direction before a place's name: "northern Iraq", "North Texas", "south-eastern Turkey".
_DIRECTION = (
    r"(?:(?:north|south|east|west)(?:ern)?|(?:north|south)[- ]?(?:east|west)(?:ern)?|"
    r"central|upstate|downstate)"
)
_CONTAINER_GAP = re.compile(
    r"^(?:\s*,\s*|\s+in\s+(?:the\s+)?|\s*\(\s*|"
    r",?\s+(?:an?|the)\s+(?:[a-z-]+\s+){0,3}(?:in|of)\s+(?:the\s+)?|"
    r"\s+(?:is|was)\s+(?:an?|the)\s+(?:[a-z-]+,?\s+){0,8}?(?:in|of)\s+(?:the\s+)?)"
    rf"(?:(?:{_DIRECTION}|mid)\s+)?$",
    re.IGNORECASE,
)
_QUALIFIER_GAP = re.compile(
    r"^\.?\s+(?:state|province|region|county|territory|prefecture|governorate)\s+of\s+$",
    re.IGNORECASE,
)
MAX_CHAIN = 4  # "Clifton, Fairfax County, Virginia, United States"
_ADMIN_SUFFIX = re.compile(r"\s(province|governorate|state|region|oblast|prefecture)$", re.I)
_CITY_SUFFIX = re.compile(r"\s(city|town)$", re.I)
_DIRECTION_PREFIX = re.compile(rf"^(?:{_DIRECTION}|greater)\s+", re.IGNORECASE)


@dataclass
class _Group:
    """All mentions of one name in a document, resolved together."""

    key: str
    mentions: list[Mention]
    candidates: list[tuple[Entry, str]] = field(default_factory=list)
    prior: list[float] = field(default_factory=list)
    prior_features: list[dict[str, float]] = field(default_factory=list)
    prior_reasons: list[list[str]] = field(default_factory=list)
    features: list[dict[str, float]] = field(default_factory=list)
    score: list[float] = field(default_factory=list)
    reasons: list[list[str]] = field(default_factory=list)
    probs: list[float] = field(default_factory=list)
    containers: list[_Group] = field(default_factory=list)
    lead: list[_Group] = field(default_factory=list)  # the first mention's containers

    @property
    def text(self) -> str:
        return self.mentions[0].text

    @property
    def demonym(self) -> bool:
        return all(m.role == ROLE_DEMONYM for m in self.mentions)

    @property
    def votes(self) -> float:
        dateline = any(m.role == ROLE_DATELINE for m in self.mentions)
        return _mention_votes(self.mentions) + (DATELINE_VOTES if dateline else 0.0)

    @property
    def undated_votes(self) -> float:
        """The votes of the group's mentions outside the dateline."""
        return _mention_votes(m for m in self.mentions if m.role != ROLE_DATELINE)

    def best(self) -> int | None:
        if not self.candidates:
            return None
        return max(range(len(self.candidates)), key=lambda i: self.score[i])


class Resolver:
    """Resolves the mentions of one document at a time."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        geocoder: FallbackGeocoder | None = None,
        ranker: Ranker | None = None,
    ):
        self.gazetteer = gazetteer
        self.geocoder = geocoder
        self.ranker = ranker if ranker is not None else Ranker.load()

    def resolve(
        self, text: str, mentions: Sequence[Mention], context: Sequence[Mention] = ()
    ) -> list[Place]:
        """Places for ``mentions``; ``context`` mentions add evidence but get no Place."""
        groups = self._scored_groups(text, mentions, context)
        by_mention = {}
        for group in groups.values():
            if all(m.origin == "context" for m in group.mentions):
                continue  # evidence only: no Place, and no geocoder call, for it
            place_of = self._decide(group, list(groups.values()))
            for mention in group.mentions:
                by_mention[(mention.start, mention.end)] = place_of(mention)
        return [by_mention[(m.start, m.end)] for m in mentions]

    def candidate_features(
        self, text: str, mentions: Sequence[Mention], context: Sequence[Mention] = ()
    ) -> list[tuple[list[Mention], list[Entry], list[dict[str, float]]]]:
        """For each name asked about: its mentions, its candidates and each candidate's
        features after the last round (what benchmarks/fit_resolver.py learns from)."""
        groups = self._scored_groups(text, mentions, context)
        return [
            (group.mentions, [entry for entry, _ in group.candidates], group.features)
            for group in groups.values()
            if any(m.origin != "context" for m in group.mentions)
        ]

    def _scored_groups(
        self, text: str, mentions: Sequence[Mention], context: Sequence[Mention]
    ) -> dict[str, _Group]:
        everything = [*mentions, *context]
        groups = self._groups(everything)
        self._link_containers(text, everything, groups)
        for group in groups.values():
            self._prior(group)
        neighbours = _Neighbours(list(groups.values()))
        for _ in range(ROUNDS):
            self._round(list(groups.values()), neighbours)
        return groups

    # -- candidates -------------------------------------------------------------------------

    def _groups(self, mentions: Sequence[Mention]) -> dict[str, _Group]:
        groups: dict[str, _Group] = {}
        for mention in mentions:
            key = normalize_name(mention.text)
            if mention.role == ROLE_DEMONYM:
                key = "demonym:" + key
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(key, [])
                group.candidates = self.candidates(mention.text)
            group.mentions.append(mention)
        return groups

    def candidates(self, text: str) -> list[tuple[Entry, str]]:
        """The gazetteer entries a name may mean, with how it matched each."""
        found = self.gazetteer.lookup(text)
        if not found and text.endswith("s"):  # "Palestinians", "Iraqis"
            found = [pair for pair in self.gazetteer.lookup(text[:-1]) if pair[1] == "demonym"]
        if not found and (spaced := split_camel_case(text)) != text:  # "SouthSudan"
            found = self.gazetteer.lookup(spaced)
        if not found and (part := _DIRECTION_PREFIX.sub("", text)) != text:
            found = self.gazetteer.lookup(part)  # "North Texas", "East Ukraine"
        if not found:
            for suffix in (_ADMIN_SUFFIX, COUNTY_SUFFIX, _CITY_SUFFIX):
                stem = suffix.sub("", text)
                if stem != text:
                    found = self.gazetteer.lookup(stem)
                    break
        if len(found) > MAX_CANDIDATES:
            named = [pair for pair in found if pair[1] not in WEAK_KINDS]
            others = [pair for pair in found if pair[1] in WEAK_KINDS]
            found = (named + others)[:MAX_CANDIDATES]
        return found

    def _link_containers(
        self, text: str, mentions: Sequence[Mention], groups: dict[str, _Group]
    ) -> None:
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

    # -- scoring ----------------------------------------------------------------------------

    def _prior(self, group: _Group) -> None:
        text = group.text
        country_reading = any(
            e.feature == "country" and kind not in WEAK_KINDS for e, kind in group.candidates
        )
        state_readings = {
            (e.country_code, e.admin1_code)
            for e, kind in group.candidates
            if e.feature == "admin1" and kind == "name"
        }
        namesakes = set() if _ADMIN_SUFFIX.search(text) else _namesake_towns(group.candidates)
        populations = [e.population for e, _ in group.candidates if e.feature in SIZED_FEATURES]
        largest = max(populations, default=0)
        speaks = any(m.role == ROLE_METONYM for m in group.mentions)
        group.prior, group.prior_features, group.prior_reasons = [], [], []
        for entry, kind in group.candidates:
            reasons = [
                f"{_KIND_TEXT.get(kind, kind)} of {entry.name} ({entry.source}, {_describe(entry)})"
            ]
            features: dict[str, float] = {}
            if kind != "name":
                features[f"kind={kind}"] = 1.0
            if group.demonym != (kind == "demonym"):
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
            if _ADMIN_SUFFIX.search(text) and entry.feature in ("admin1", "admin2", "region"):
                features["suffix_subdivision"] = 1.0
                reasons.append("the name says it is a subdivision")
            if COUNTY_SUFFIX.search(text) and entry.feature == "county":
                features["suffix_county"] = 1.0
                reasons.append("the name says it is a county")
            group.prior.append(self.ranker.score(features))
            group.prior_features.append(features)
            group.prior_reasons.append(reasons)
        group.score = list(group.prior)
        group.features = [dict(f) for f in group.prior_features]
        group.reasons = [list(r) for r in group.prior_reasons]
        group.probs = _softmax(group.score)

    def _round(self, groups: list[_Group], neighbours: _Neighbours) -> None:
        """Rescore every group with the evidence the other groups give now. A name that is
        also a world city abroad ("Paris") weighs the dateline's state or country no more
        than any other name of the text: local evidence, not a reason to move the city."""
        votes = {group.key: _votes(group) for group in groups}
        nearby = neighbours.closeness()
        all_countries = sum((v[0] for v in votes.values()), Counter())
        all_admin1 = sum((v[1] for v in votes.values()), Counter())
        world_cities = {group.key for group in groups if _names_a_world_city(group)}
        undated: dict[str, tuple[Counter[str], Counter[str]]] = {}
        undated_countries, undated_admin1 = all_countries, all_admin1
        if world_cities:  # only they need the votes without the dateline
            undated = {group.key: _votes(group, with_dateline=False) for group in groups}
            undated_countries = sum((v[0] for v in undated.values()), Counter())
            undated_admin1 = sum((v[1] for v in undated.values()), Counter())
        anchors = [
            (group.key, group.candidates[i][0])
            for group in groups
            if (i := group.best()) is not None
            and group.probs[i] >= 0.5
            and group.candidates[i][0].feature not in WIDE_FEATURES
            and group.candidates[i][0].radius_km < 100
        ]
        for group in groups:
            world_city = group.key in world_cities
            countries = undated_countries if world_city else all_countries
            admin1s = undated_admin1 if world_city else all_admin1
            own = undated[group.key] if world_city else votes[group.key]
            context = _Context(
                countries=countries - own[0],
                admin1s=admin1s - own[1],
                anchors=[entry for key, entry in anchors if key != group.key],
                containers=_chosen(group.containers),
                lead=_chosen(group.lead),
            )
            scores, reasons, all_features = [], [], []
            for index, (entry, _) in enumerate(group.candidates):
                features = dict(group.prior_features[index])
                why = list(group.prior_reasons[index])
                evidence = context.evidence(entry)
                if (near := nearby.get((group.key, index))) is not None:
                    value, other, any_value = near
                    reason = f"near {other.name}, a likely reading of another name in the text"
                    evidence = itertools.chain(
                        evidence, [("neighbour", value, reason), ("neighbour_any", any_value, None)]
                    )
                for name, value, reason in evidence:
                    features[name] = value
                    if reason and self.ranker.weights[name] * value > 0.2:
                        why.append(reason)
                scores.append(self.ranker.score(features))
                reasons.append(why)
                all_features.append(features)
            group.score = scores
            group.probs = _softmax(scores)
            group.reasons = reasons
            group.features = all_features

    # -- decision ---------------------------------------------------------------------------

    def _decide(self, group: _Group, groups: list[_Group]):
        """A function giving each mention of the group its Place."""
        best = group.best()
        if best is not None and not self._weak(group, best):
            entry, _ = group.candidates[best]
            reasons = list(group.reasons[best])
            runner = sorted(range(len(group.candidates)), key=lambda i: -group.probs[i])[1:3]
            for i in runner:
                other = group.candidates[i][0]
                reasons.append(
                    f"alternative: {other.name}, {other.country_code} "
                    f"({other.source}, p={group.probs[i]:.2f})"
                )
            confidence = self.ranker.confidence(
                confidence_features(
                    group.probs[best], entry, group.features[best], len(group.candidates)
                )
            )
            resolved = dict(
                name=entry.name, lat=entry.lat, lon=entry.lon, feature=entry.feature,
                country_code=entry.country_code, admin1=entry.admin1, source=entry.source,
                confidence=confidence, reasons=tuple(reasons),
            )  # fmt: skip
        else:
            resolved = self._fallback(group, groups, best)

        def place_of(mention: Mention) -> Place:
            found_by = _ORIGIN_TEXT.get(mention.origin, mention.origin).format(mention.label)
            fields = {**resolved, "reasons": (f"found as {found_by}", *resolved["reasons"])}
            return Place(mention.start, mention.end, mention.text, mention.role, **fields)

        return place_of

    def _weak(self, group: _Group, best: int) -> bool:
        """A far-fetched reading: a hamlet's alternate name with nothing in the text for it."""
        entry, kind = group.candidates[best]
        if entry.feature != "city" or entry.population >= WEAK_POPULATION or kind not in WEAK_KINDS:
            return False
        return group.score[best] - group.prior[best] < 1.0

    def _fallback(self, group: _Group, groups: list[_Group], best: int | None) -> dict:
        why = "not in the gazetteer" if best is None else "only weak gazetteer candidates"
        if self.geocoder is not None and self.geocoder.available:
            countries = _dominant_countries(groups, group)
            answer = self.geocoder.geocode(group.text, country_codes=countries)
            if answer is not None:
                return dict(
                    name=answer.name, lat=answer.lat, lon=answer.lon, feature=answer.feature,
                    country_code=answer.country_code, admin1=None, source=answer.source,
                    confidence=GEOCODER_CONFIDENCE,
                    reasons=(why, f"geocoder answer for {group.text!r}"),
                )  # fmt: skip
        return dict(confidence=0.0, reasons=(why,))


@dataclass
class _Context:
    """What the rest of the document says, as seen from one group of mentions."""

    countries: Counter[str]
    admin1s: Counter[str]
    anchors: list[Entry]
    containers: list[Entry]
    lead: list[Entry]  # the containers of the first mention

    def evidence(self, entry: Entry) -> Iterator[tuple[str, float, str | None]]:
        """(feature, value, reason) for each piece of evidence about a candidate."""
        country_total = sum(self.countries.values())
        admin1_total = sum(self.admin1s.values())
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
                inside = self.admin1s[entry.admin1_code]
            share = inside / admin1_total
            if share:
                yield (
                    "admin1_support",
                    share,
                    f"{share:.0%} of it is in {entry.name if is_country else entry.admin1}",
                )
        contained = not_contained = 0.0
        for container in self.containers:
            if _contains(container, entry):
                contained += 1.0
                why = f"inside {container.name}, which the text names as its container"
            elif container.feature in ("country", "admin1"):
                not_contained += 1.0
        if contained:
            yield "contained", contained, why
        if not_contained:
            yield "not_contained", not_contained, None
        if self.lead:
            outside = [c for c in self.lead if not _contains(c, entry)]
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


class _Neighbours:
    """How close each candidate lies to the local candidates (towns, counties, bases: not
    countries or states) of the other names in the document. Distances are computed once;
    each round weighs them by how likely each of those readings is now."""

    def __init__(self, groups: list[_Group]):
        self.groups = groups
        local = [
            (group, index, entry)
            for group in groups
            for index, (entry, _) in enumerate(group.candidates)
            if _is_local(entry)
        ]
        self.local = local
        if len(local) < 2:
            return
        radius = np.array([entry.radius_km for _, _, entry in local])
        owner = np.array([id(group) for group, _, _ in local])
        source = [entry.source for _, _, entry in local]
        km = pairwise_km(
            np.array([entry.lat for _, _, entry in local]),
            np.array([entry.lon for _, _, entry in local]),
        )
        km = np.maximum(0.0, km - radius[:, None] - radius[None, :])  # less both extents
        kernel = np.exp(-km / PROXIMITY_KM)
        kernel[owner[:, None] == owner[None, :]] = 0.0  # a name is no evidence for itself
        for i, j in _same_source_pairs(source):
            kernel[i, j] = 0.0  # the same place under two names
        self.kernel = kernel
        self.nearest = kernel.max(axis=1)

    def closeness(self) -> dict[tuple[str, int], tuple[float, Entry, float]]:
        """(group key, candidate index) -> (closeness, the reading it is close to, closeness
        to any reading): the largest exp(-km / 100) to another name's reading, times that
        reading's probability relative to the name's likeliest reading; and the largest
        whatever the probability."""
        if len(self.local) < 2:
            return {}
        top = {id(group): max(group.probs, default=0.0) for group in self.groups}
        likelihood = np.array(
            [group.probs[index] / top[id(group)] if top[id(group)] else 0.0
             for group, index, _ in self.local]
        )  # fmt: skip
        weighted = self.kernel * likelihood[None, :]
        best = weighted.argmax(axis=1)
        found = {}
        for row, (group, index, _) in enumerate(self.local):
            value = float(weighted[row, best[row]])
            if value > 0.01 or self.nearest[row] > 0.01:
                found[(group.key, index)] = (
                    value, self.local[best[row]][2], float(self.nearest[row])
                )  # fmt: skip
        return found


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


_ORIGIN_TEXT = {"ner": "a spaCy {} entity", "gazetteer": "a gazetteer name in the text",
                "dateline": "the dateline", "repeat": "another mention of a place named earlier",
                "given": "a span given by the caller", "hashtag": "a hashtag"}  # fmt: skip
_KIND_TEXT = {"name": "name", "abbr": "abbreviation", "alt": "alternate name", "demonym": "demonym",
              "short": "short name", "user": "user gazetteer name"}  # fmt: skip


def _namesake_towns(found: list[tuple[Entry, str]]) -> set[tuple[str, str | None]]:
    """Subdivisions that share their name with their own main town: "Kirkuk", "Basra" and
    "Aleppo" usually name the city; "Kirkuk Governorate" would name the governorate."""
    return {
        (entry.country_code, entry.admin1_code)
        for entry, kind in found
        if entry.feature == "city"
        and kind == "name"
        and entry.population >= NAMESAKE_TOWN_POPULATION
    }


def _describe(entry: Entry) -> str:
    if entry.population:
        return f"{entry.feature}, population {entry.population:,}"
    return entry.feature


def _softmax(scores: list[float]) -> list[float]:
    if not scores:
        return []
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    total = sum(weights)
    return [w / total for w in weights]


def _votes(group: _Group, with_dateline: bool = True) -> tuple[Counter[str], Counter[str]]:
    """How much the group's current reading points at each country and subdivision (as
    an ordinary name of the text, without ``with_dateline``)."""
    countries: Counter[str] = Counter()
    admin1s: Counter[str] = Counter()
    weight = group.votes if with_dateline else group.undated_votes
    if not weight:
        return countries, admin1s
    for (entry, _), p in zip(group.candidates, group.probs, strict=True):
        if entry.country_code:
            countries[entry.country_code] += weight * p
        if entry.admin1_code and entry.feature != "country":
            admin1s[entry.admin1_code] += weight * p
    return countries, admin1s


def _mention_votes(mentions: Iterable[Mention]) -> float:
    """What names count as evidence: one each, a name the caller only gave as context half."""
    return sum(CONTEXT_VOTE if m.origin == "context" else 1.0 for m in mentions)


def _names_a_world_city(group: _Group) -> bool:
    """Whether a name's candidates include a world city (a national capital, or a city
    of a million) beside smaller namesakes elsewhere."""
    cities = [e for e, _ in group.candidates if e.feature == "city"]
    world = [e for e in cities if e.capital or e.population >= WORLD_CITY_POPULATION]
    return bool(world) and len(cities) > len(world)


def _chosen(groups: list[_Group]) -> list[Entry]:
    return [g.candidates[i][0] for g in groups if (i := g.best()) is not None]


def _contains(container: Entry, entry: Entry) -> bool:
    if container.feature == "country":
        return entry.country_code == container.country_code
    if container.feature == "admin1" and container.admin1_code:
        return entry.admin1_code == container.admin1_code
    reach = max(container.radius_km, 30.0) + 50.0
    return haversine_km(container.lat, container.lon, entry.lat, entry.lon) <= reach


def _dominant_countries(groups: list[_Group], exclude: _Group) -> list[str]:
    """The country holding most of the article's evidence, if it holds most of it."""
    votes: Counter[str] = Counter()
    for group in groups:
        if group is not exclude:
            votes += _votes(group)[0]
    total = sum(votes.values())
    if not total:
        return []
    code, count = votes.most_common(1)[0]
    return [code] if count / total >= 0.6 else []
