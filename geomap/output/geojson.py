"""RFC 7946 GeoJSON of the incidents and of the places.

Incidents and places are two separate FeatureCollections (``incidents_geojson`` and
``places_geojson``), as the GeoPackage keeps them in two layers: their properties differ
and some names mean different things (an incident's ``source`` is the article it was
reported in, a place's the gazetteer record). ``report_to_geojson`` (``Report.to_geojson``)
stays the report's places. Properties are the columns of ``geomap.output.schema``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.geo import lon_lat
from geomap.output.files import atomic_write
from geomap.output.schema import incident_properties, iter_incidents, place_properties

if TYPE_CHECKING:  # pragma: no cover
    from geomap.models import Incident, Place, Report


def _point(lat: float | None, lon: float | None) -> dict[str, Any] | None:
    """A GeoJSON Point, or None (a null geometry) without coordinates."""
    if lat is None or lon is None:
        return None
    return {"type": "Point", "coordinates": lon_lat(lat, lon)}


def place_feature(place: Place, doc_id: str) -> dict[str, Any]:
    """One place as a GeoJSON Feature (geometry null when unresolved)."""
    properties = place_properties(place, doc_id)
    return {"type": "Feature", "geometry": _point(place.lat, place.lon), "properties": properties}


def places_geojson(reports: Iterable[Report]) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection of every place mention of the reports."""
    features = [place_feature(place, report.id) for report in reports for place in report.places]
    return {"type": "FeatureCollection", "features": features}


def report_to_geojson(report: Report) -> dict[str, Any]:
    """The report's places as a FeatureCollection (its incidents: ``incidents_geojson``)."""
    return places_geojson([report])


def incident_feature(incident: Incident, doc_id: str) -> dict[str, Any]:
    """One incident as a GeoJSON Feature (geometry null when it is not located)."""
    properties = incident_properties(incident, doc_id)
    return {
        "type": "Feature",
        "geometry": _point(incident.lat, incident.lon),
        "properties": properties,
    }


def incidents_geojson(reports: Iterable[Report]) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection of every incident of the reports, in report order."""
    features = [incident_feature(incident, doc_id) for incident, doc_id in iter_incidents(reports)]
    return {"type": "FeatureCollection", "features": features}


def write_geojson(collection: dict[str, Any], path: str | Path) -> Path:
    """Write a FeatureCollection as UTF-8 JSON, atomically."""
    with atomic_write(path) as stream:
        json.dump(collection, stream, ensure_ascii=False, separators=(",", ":"))
        stream.write("\n")
    return Path(path)
