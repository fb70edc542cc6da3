"""Exports: RFC 7946 GeoJSON of the places (incidents join them later), a GeoDataFrame,
and the atomic file writing every output goes through."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from geomap.errors import ExportError
from geomap.geo import lon_lat

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from geomap.models import Place, Report

ATTRIBUTION = "Place data: GeoNames (CC BY 4.0), ISO 3166-2, countryinfo, geomap curated tables"
PLACE_PROPERTIES = (
    "doc_id", "text", "start", "end", "role", "name", "feature", "country_code", "admin1",
    "confidence", "source",
)  # fmt: skip


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Write to a temporary file beside ``path``; rename it over ``path`` only on success."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
    except OSError as err:
        raise ExportError(f"{path}: cannot write ({err.strerror or err})") from None
    temp = Path(temp_name)
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(handle, mode, encoding=encoding) as stream:
            yield stream
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except OSError as err:
        temp.unlink(missing_ok=True)
        raise ExportError(f"{path}: cannot write ({err.strerror or err})") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


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
    return places_geojson([report])


def write_geojson(collection: dict[str, Any], path: str | Path) -> Path:
    with atomic_write(path) as stream:
        json.dump(collection, stream, ensure_ascii=False, separators=(",", ":"))
        stream.write("\n")
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
