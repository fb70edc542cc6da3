"""Tables: the incidents as CSV, and the places as a (Geo)DataFrame."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.errors import ExportError
from geomap.output.files import atomic_write
from geomap.output.geojson import report_to_geojson
from geomap.output.schema import (
    INCIDENT_PROPERTIES,
    PLACE_COLUMNS,
    ColumnType,
    incident_properties,
    iter_incidents,
)

if TYPE_CHECKING:  # pragma: no cover
    import geopandas
    import pandas

    from geomap.models import Report

# The columns of a dataframe of place rows: a place mention's columns, its coordinates,
# and the error of a document that failed (its only row).
PLACE_FRAME_DTYPES: dict[str, str] = {
    **{column.name: column.type.pandas for column in PLACE_COLUMNS},
    "lat": ColumnType.REAL.pandas,
    "lon": ColumnType.REAL.pandas,
    "error": ColumnType.TEXT.pandas,
}


def write_incidents_csv(reports: Iterable[Report], path: str | Path) -> Path:
    """Write the reports' incidents as UTF-8 CSV with a header of the incident columns,
    atomically; empty cells for missing values."""
    with atomic_write(path, newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=INCIDENT_PROPERTIES)
        writer.writeheader()
        for incident, doc_id in iter_incidents(reports):
            writer.writerow(incident_properties(incident, doc_id))
    return Path(path)


def places_frame(rows: list[dict[str, Any]]) -> pandas.DataFrame:
    """Place rows (``place.to_dict()`` with ``doc_id``, or a failure's ``error``) as a
    DataFrame with the columns and dtypes of ``PLACE_FRAME_DTYPES``."""
    import pandas

    frame = pandas.DataFrame.from_records(rows, columns=list(PLACE_FRAME_DTYPES))
    return frame.astype(PLACE_FRAME_DTYPES)


def report_to_geodataframe(report: Report) -> geopandas.GeoDataFrame:
    """The report's places as a GeoDataFrame in EPSG:4326 (needs the ``gis`` extra)."""
    try:
        import geopandas
    except ImportError as err:
        raise ExportError("to_geodataframe needs geopandas: pip install 'geomap[gis]'") from err
    return geopandas.GeoDataFrame.from_features(
        report_to_geojson(report)["features"], crs="EPSG:4326"
    )
