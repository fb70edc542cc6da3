"""Lookup: the gazetteer entries a name may mean, and what resolution works on, a
``Group`` of the mentions of one name with a ``Candidate`` for each of those entries."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from geomap.kb.names import COUNTY_SUFFIX, normalize_name, split_camel_case
from geomap.kb.sources.base import WEAK_KINDS, NameKind
from geomap.models import (
    Entry,
    Mention,
    Role,
)

if TYPE_CHECKING:  # pragma: no cover
    from geomap.kb.gazetteer import Gazetteer

MAX_CANDIDATES = 60

# A direction before a place's name: "northern Iraq", "North Texas", "south-eastern Turkey".
DIRECTION = (
    r"(?:(?:north|south|east|west)(?:ern)?|(?:north|south)[- ]?(?:east|west)(?:ern)?|"
    r"central|upstate|downstate)"
)
ADMIN_SUFFIX = re.compile(r"\s(province|governorate|state|region|oblast|prefecture)$", re.I)
_CITY_SUFFIX = re.compile(r"\s(city|town)$", re.I)
_DIRECTION_PREFIX = re.compile(rf"^(?:{DIRECTION}|greater)\s+", re.IGNORECASE)


@dataclass(eq=False)
class Candidate:
    """One gazetteer entry a name may mean, and what resolution has made of it so far."""

    entry: Entry
    kind: NameKind  # how the name matched the entry
    prior_features: dict[str, float] = field(default_factory=dict)  # from the name alone
    prior_reasons: list[str] = field(default_factory=list)
    prior: float = 0.0  # the score of the prior features
    features: dict[str, float] = field(default_factory=dict)  # the name's and the document's
    reasons: list[str] = field(default_factory=list)  # the evidence worth telling
    score: float = 0.0  # the weighted sum of ``features``
    probability: float = 0.0  # its share of the softmax over the name's candidates


@dataclass(eq=False)
class Group:
    """All mentions of one name in a document, resolved together."""

    key: str
    mentions: list[Mention]
    candidates: list[Candidate] = field(default_factory=list)
    containers: list[Group] = field(default_factory=list)
    lead: list[Group] = field(default_factory=list)  # the first mention's containers

    @property
    def text(self) -> str:
        return self.mentions[0].text

    @property
    def demonym(self) -> bool:
        return all(m.role == Role.DEMONYM for m in self.mentions)

    def best(self) -> Candidate | None:
        """The highest-scoring candidate (the first of equals)."""
        if not self.candidates:
            return None
        return max(self.candidates, key=lambda candidate: candidate.score)


def group_mentions(
    mentions: Sequence[Mention], lookup: Callable[[str], list[tuple[Entry, NameKind]]]
) -> dict[str, Group]:
    """The mentions by name (a demonym apart from the same word as a name), in the order
    of their first mention, each group with the candidates ``lookup`` gives its name."""
    groups: dict[str, Group] = {}
    for mention in mentions:
        key = normalize_name(mention.text)
        if mention.role == Role.DEMONYM:
            key = "demonym:" + key
        group = groups.get(key)
        if group is None:
            group = groups[key] = Group(key, [])
            group.candidates = [Candidate(entry, kind) for entry, kind in lookup(mention.text)]
        group.mentions.append(mention)
    return groups


def lookup(gazetteer: Gazetteer, text: str) -> list[tuple[Entry, NameKind]]:
    """The gazetteer entries a name may mean, with how it matched each: the name itself,
    else a demonym's singular, its words apart ("SouthSudan"), without a direction ("North
    Texas") or without a subdivision's, a county's or a city's suffix. At most
    ``MAX_CANDIDATES``, those matched by weak names last."""
    found = gazetteer.lookup(text)
    if not found and text.endswith("s"):  # "Palestinians", "Iraqis"
        found = [pair for pair in gazetteer.lookup(text[:-1]) if pair[1] == NameKind.DEMONYM]
    if not found and (spaced := split_camel_case(text)) != text:  # "SouthSudan"
        found = gazetteer.lookup(spaced)
    if not found and (part := _DIRECTION_PREFIX.sub("", text)) != text:
        found = gazetteer.lookup(part)  # "North Texas", "East Ukraine"
    if not found:
        for suffix in (ADMIN_SUFFIX, COUNTY_SUFFIX, _CITY_SUFFIX):
            stem = suffix.sub("", text)
            if stem != text:
                found = gazetteer.lookup(stem)
                break
    if len(found) > MAX_CANDIDATES:
        named = [pair for pair in found if pair[1] not in WEAK_KINDS]
        others = [pair for pair in found if pair[1] in WEAK_KINDS]
        found = (named + others)[:MAX_CANDIDATES]
    return found
