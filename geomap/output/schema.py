"""The flat rows every output writes: one column schema, with types, for the places and the
incidents, shared by GeoJSON, CSV, the GeoPackage and the dataframes.

Incident columns use ACLED's names in ACLED's order (``event_id`` for ``event_id_cnty``),
then geomap's. Values are scalars only: lists are joined with ``"; "``, never written as
Python reprs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from geomap.geo import lon_lat
from geomap.kb.countries import country_iso3, country_name

if TYPE_CHECKING:  # pragma: no cover
    from geomap.models import Incident, Place, Report

LIST_SEPARATOR = "; "


class ColumnType(StrEnum):
    """A column's type, as each output spells it."""

    TEXT = "text"
    INTEGER = "integer"
    REAL = "real"
    DATE = "date"  # an ISO 8601 day

    @property
    def sql(self) -> str:
        """The GeoPackage (SQLite) column type."""
        return self.value.upper()

    @property
    def pandas(self) -> str:
        """The pandas dtype, nullable where the type has one."""
        return {"text": "string", "integer": "Int64", "real": "float64", "date": "string"}[self]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: ColumnType = ColumnType.TEXT


def _columns(*names: str, **types: ColumnType) -> tuple[Column, ...]:
    return tuple(Column(name, types.get(name, ColumnType.TEXT)) for name in names)


INTEGER, REAL, DATE = ColumnType.INTEGER, ColumnType.REAL, ColumnType.DATE
PLACE_COLUMNS = _columns(
    "doc_id", "text", "start", "end", "role", "name", "feature", "country_code", "admin1",
    "confidence", "source",
    start=INTEGER, end=INTEGER, confidence=REAL,
)  # fmt: skip
INCIDENT_COLUMNS = _columns(
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "actor2", "fatalities", "location", "admin1", "country", "iso3", "latitude", "longitude",
    "geo_precision", "source", "notes", "confidence", "place_source", "date_text", "doc_id",
    event_date=DATE, time_precision=INTEGER, fatalities=INTEGER, geo_precision=INTEGER,
    latitude=REAL, longitude=REAL, confidence=REAL,
)  # fmt: skip
PLACE_PROPERTIES = tuple(column.name for column in PLACE_COLUMNS)
INCIDENT_PROPERTIES = tuple(column.name for column in INCIDENT_COLUMNS)


def scalar(value: Any) -> str | int | float | bool | None:
    """A property value as a scalar: sequences joined with ``"; "``, mappings as JSON."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return LIST_SEPARATOR.join(str(scalar(item)) for item in items if item is not None)
    return str(value)


def place_properties(place: Place, doc_id: str) -> dict[str, Any]:
    """A place mention's columns (``PLACE_COLUMNS``)."""
    values = {"doc_id": doc_id, **place.to_dict()}
    return {name: values.get(name) for name in PLACE_PROPERTIES}


def incident_properties(incident: Incident, doc_id: str) -> dict[str, Any]:
    """An incident's ACLED-named columns (``INCIDENT_COLUMNS``), every value a scalar."""
    position: Sequence[float | None] = [None, None]
    if incident.lat is not None and incident.lon is not None:
        position = lon_lat(incident.lat, incident.lon)
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
        "source": scalar(incident.sources) or None,
        "notes": incident.notes or None,
        "confidence": round(incident.confidence, 3),
        "place_source": incident.place_source,
        "date_text": incident.date_text,
        "doc_id": doc_id,
    }
    return {name: scalar(values[name]) for name in INCIDENT_PROPERTIES}


def iter_incidents(reports: Iterable[Report]) -> Iterator[tuple[Incident, str]]:
    """Each incident of the reports with the id of the first report that holds it; an
    incident merged across articles and held by several reports comes once."""
    seen: set[Incident] = set()
    for report in reports:
        for incident in report.incidents:
            if incident not in seen:
                seen.add(incident)
                yield incident, report.id
