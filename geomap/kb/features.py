"""The kinds of place the gazetteer holds, read once from ``gazetteer/features.csv``.

Each feature (``city``, ``sea``, ``military_base``, ...) has a group and a scope, and flags
that the stages read instead of keeping sets of their own:

- ``scope``: how large a place of the kind is for placing an incident: ``country``,
  ``region``, ``town`` or ``site``; an incident placed at a country or region has geo
  precision 3, at a town or site 1;
- ``area``: the map draws a point of the kind as an area's centre, so as approximate;
- ``wide``: too wide for the distance to another place to say anything (resolution);
- ``division``: a division of the world, well known enough to be read alone or inside a
  name (recognition);
- ``salient``: a lone capitalised word naming a place of the kind is taken as a place;
- ``sized``: weighed by its population rather than by a prior for its kind;
- ``prior``: the starting weight of the kind in the resolver (blank: that of every
  kind without one, ``geomap.resolve.ranker.OTHER``).

A feature the table lacks (a user's own) behaves like ``place``: a site with no flags.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from enum import StrEnum

from geomap.kb.sources.curated import FEATURE_TABLE, curated_dir


class Scope(StrEnum):
    """How large a place is, for placing an incident."""

    COUNTRY = "country"
    REGION = "region"
    TOWN = "town"
    SITE = "site"
    UNKNOWN = "unknown"  # a place of no known feature, or a phrase not resolved


# ACLED geo precision of an incident placed at a place of each scope.
GEO_PRECISION = {Scope.COUNTRY: 3, Scope.REGION: 3, Scope.TOWN: 1, Scope.SITE: 1, Scope.UNKNOWN: 1}


@dataclass(frozen=True, slots=True)
class FeatureType:
    """One row of the feature table."""

    name: str
    group: str  # division, settlement, water, facility or landform
    scope: Scope
    area: bool
    wide: bool
    division: bool
    salient: bool
    sized: bool
    prior: float | None


def _flag(value: str, where: str) -> bool:
    if value not in ("yes", "no"):
        raise ValueError(f"{where}: expected yes or no, not {value!r}")
    return value == "yes"


def read_feature_table() -> dict[str, FeatureType]:
    """The feature table, by feature name, in the table's order."""
    path = curated_dir() / FEATURE_TABLE
    types: dict[str, FeatureType] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{path.name} line {number}"
            if row["feature"] in types:
                raise ValueError(f"{where}: {row['feature']!r} is declared twice")
            flags = {
                column: _flag(row[column], where)
                for column in ("area", "wide", "division", "salient", "sized")
            }
            types[row["feature"]] = FeatureType(
                name=row["feature"],
                group=row["group"],
                scope=Scope(row["scope"]),
                prior=float(row["prior"]) if row["prior"] else None,
                **flags,
            )
    return types


FEATURE_TYPES = read_feature_table()


def _having(flag: str) -> frozenset[str]:
    return frozenset(name for name, kind in FEATURE_TYPES.items() if getattr(kind, flag))


AREA_FEATURES = _having("area")
WIDE_FEATURES = _having("wide")
DIVISION_FEATURES = _having("division")
SALIENT_FEATURES = _having("salient")
SIZED_FEATURES = _having("sized")
FEATURE_PRIOR = {name: kind.prior for name, kind in FEATURE_TYPES.items() if kind.prior is not None}


def scope_of(feature: str) -> Scope:
    """The scope of a feature; a feature the table lacks is a site."""
    kind = FEATURE_TYPES.get(feature)
    return kind.scope if kind is not None else Scope.SITE
