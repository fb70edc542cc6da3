"""ISO 3166-2 subdivisions with coordinates and English names (the ``iso3166-2`` package)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from geomap.kb.names import strip_accents
from geomap.kb.sources.base import (
    NameKind,
    Source,
    SourceRecord,
    distribution_version,
    package_dir,
)

_BRACKETED = re.compile(r"\[[^\]]*\]")
_ENGLISH_NAME = re.compile(r"([^,()]+?)\s*\(eng\)")
# Subdivision types whose name is also written with the type as a suffix in the news.
_SUFFIXED_TYPES = {
    "province",
    "governorate",
    "state",
    "region",
    "district",
    "department",
    "county",
    "prefecture",
    "oblast",
}


@dataclass(frozen=True, slots=True)
class Subdivision:
    code: str  # "IQ-KI"
    country_code: str
    name: str  # the English name when the data has one, else the ISO name
    iso_name: str
    type: str
    parent: str | None
    lat: float
    lon: float
    english_names: tuple[str, ...]


def _display_name(iso_name: str, english: tuple[str, ...]) -> str:
    """The name to show: an English name close to ISO's ("Erbil" for "Arbīl"), else ISO's.

    The "(eng)" names also hold nicknames and long forms ("The Golden State",
    "Gateway of India"), which are skipped.
    """
    plain = strip_accents(iso_name)
    options = [
        n for n in english
        if not n.startswith("The ") and " of " not in n and len(n.split()) <= 3
    ]  # fmt: skip
    if not options:
        return plain

    def likeness(name: str) -> float:
        return SequenceMatcher(None, plain.casefold(), name.casefold()).ratio()

    best = max(options, key=likeness)
    if not iso_name.isascii():
        return best
    # A plain ISO name gives way only to a shorter English one ("Shanghai Shi" -> "Shanghai").
    return best if likeness(best) >= 0.6 and len(best) < len(iso_name) else plain


@lru_cache(maxsize=1)
def load_subdivisions() -> tuple[Subdivision, ...]:
    """Every subdivision with coordinates, read once per process."""
    path = package_dir("iso3166_2") / "iso3166-2.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for country_code, entries in data.items():
        for code, entry in entries.items():
            lat_lon = entry.get("latLng") or []
            if len(lat_lon) != 2:
                continue
            english = tuple(
                dict.fromkeys(
                    m.strip() for m in _ENGLISH_NAME.findall(entry.get("localOtherName") or "")
                )
            )
            iso_name = _BRACKETED.sub("", entry["name"]).strip()
            # "Central Luzon (Region III)": the bracketed designation is not part of the name
            iso_name = re.sub(r"\s*\([^)]*\)$", "", iso_name) or iso_name
            out.append(
                Subdivision(
                    code=code,
                    country_code=country_code,
                    name=_display_name(iso_name, english),
                    iso_name=iso_name,
                    type=(entry.get("type") or "").strip(),
                    parent=entry.get("parentCode"),
                    lat=float(lat_lon[0]),
                    lon=float(lat_lon[1]),
                    english_names=english,
                )
            )
    return tuple(out)


class SubdivisionSource(Source):
    """Subdivisions of every country; top-level ones are ``admin1``, nested ones ``admin2``."""

    name = "iso3166-2"

    def __init__(self, admin1_codes: Callable[[], set[str]] | None = None):
        """``admin1_codes`` tells which units count as first-level (those GeoNames' towns
        were matched to); by default ISO's top level."""
        self._admin1_codes = admin1_codes or set

    def fingerprint(self) -> str:
        return f"iso3166-2=={distribution_version('iso3166-2')}"

    @property
    def subdivisions(self) -> tuple[Subdivision, ...]:
        return load_subdivisions()

    def top_level(self) -> dict[str, list[Subdivision]]:
        """First-level subdivisions by country code, as ISO defines them."""
        by_country: dict[str, list[Subdivision]] = {}
        for sub in self.subdivisions:
            if sub.parent is None:
                by_country.setdefault(sub.country_code, []).append(sub)
        return by_country

    def flattened(self) -> dict[str, list[Subdivision]]:
        """Like ``top_level``, but a top-level unit with children replaced by its children
        (Iraq's Kurdistan Region by its three governorates)."""
        children: dict[str, list[Subdivision]] = {}
        for sub in self.subdivisions:
            if sub.parent is not None:
                children.setdefault(sub.parent, []).append(sub)
        return {
            country: [child for sub in subs for child in children.get(sub.code, [sub])]
            for country, subs in self.top_level().items()
        }

    def records(self) -> Iterator[SourceRecord]:
        by_code = {sub.code: sub for sub in self.subdivisions}
        admin1 = self._admin1_codes() or {s.code for s in self.subdivisions if s.parent is None}
        holds_admin1 = {by_code[code].parent for code in admin1 if by_code.get(code)}
        for sub in self.subdivisions:
            level = sub
            while level.code not in admin1 and level.parent in by_code:
                level = by_code[level.parent]
            within: Subdivision | None = level
            if level.code in admin1:
                feature = "admin1" if level is sub else "admin2"
            else:  # above the first level, as Iraq's Kurdistan Region is, or unplaced
                feature = "region" if sub.code in holds_admin1 else "admin1"
                within = sub if feature == "admin1" else None
            aliases = [(n, NameKind.ALT) for n in (sub.iso_name, *sub.english_names)]
            kind = sub.type.casefold()
            if kind in _SUFFIXED_TYPES:
                type_word = sub.type.title()
                aliases += [(f"{n} {type_word}", NameKind.ALT) for n in {sub.name, sub.iso_name}]
                if kind == "governorate":
                    aliases.append((f"{sub.name} Province", NameKind.ALT))
            yield SourceRecord(
                source=f"{self.name}:{sub.code}",
                name=sub.name,
                feature=feature,
                lat=sub.lat,
                lon=sub.lon,
                country_code=sub.country_code,
                admin1_code=within.code if within else None,
                admin1=within.name if within else None,
                aliases=tuple((a, k) for a, k in aliases if a != sub.name),
            )
