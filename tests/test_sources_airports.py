"""OurAirports as a source: which airfields are kept, and the names each is stored under."""

from __future__ import annotations

from geomap.kb.sources.airports import AirportSource
from geomap.kb.sources.base import SourceRecord


def _by_name(records):
    return {r.name: r for r in records}


def test_kept_airfields_their_features_and_names():
    records = _by_name(AirportSource().records())
    assert "Total Rf Heliport" not in records  # heliports are left out
    schiphol = records["Amsterdam Airport Schiphol"]
    names = dict(schiphol.aliases)
    assert names == {"Amsterdam airport": "alt", "Schiphol airport": "alt", "AMS": "abbr"}
    assert schiphol.admin1_code == "NL-NH" and schiphol.radius_km == 3.0
    assert records["Shayrat Air Base"].feature == "military_base"
    # a keyword that says what the field is becomes a name; one naming a town does not
    assert ("Qadisiyah Airbase", "alt") in records["Al Asad Air Base"].aliases
    assert all(a != "Frankfurt" for r in records.values() for a, _ in r.aliases)


def test_a_curated_facility_nearby_with_a_shared_name_replaces_the_airfield():
    twin = SourceRecord("curated:facilities:x", "Al Asad Air Base", "military_base", 33.79, 42.44)
    far = SourceRecord("curated:facilities:y", "Shayrat Air Base", "military_base", 0.0, 0.0)
    names = {r.name for r in AirportSource(lambda: [twin, far]).records()}
    assert "Al Asad Air Base" not in names
    assert "Shayrat Air Base" in names  # the curated row of that name is far away
