"""The formats ``geomap map`` writes, each a writer registered under its name."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.errors import ConfigurationError

if TYPE_CHECKING:  # pragma: no cover
    from geomap.models import Report

# A writer: the reports, the output folder, the files' name stem and the map's tiles ->
# the paths written.
Writer = Callable[[Sequence["Report"], Path, str, str], list[Path]]


def _html(reports: Sequence[Report], folder: Path, name: str, tiles: str) -> list[Path]:
    from geomap.output.render import write_map

    return [write_map(reports, folder / f"{name}.html", tiles=tiles)]


def _geojson(reports: Sequence[Report], folder: Path, name: str, tiles: str) -> list[Path]:
    """``NAME.places.geojson`` and ``NAME.incidents.geojson``; the places also under their
    name of release 0.1, ``NAME.geojson``, until the next release."""
    from geomap.output.files import atomic_path
    from geomap.output.geojson import incidents_geojson, places_geojson, write_geojson

    places = write_geojson(places_geojson(reports), folder / f"{name}.places.geojson")
    incidents = write_geojson(incidents_geojson(reports), folder / f"{name}.incidents.geojson")
    old_name = folder / f"{name}.geojson"
    with atomic_path(old_name) as temp:
        shutil.copyfile(places, temp)
    return [places, incidents, old_name]


def _gpkg(reports: Sequence[Report], folder: Path, name: str, tiles: str) -> list[Path]:
    from geomap.output.geopackage import write_geopackage

    return [write_geopackage(reports, folder / f"{name}.gpkg")]


def _csv(reports: Sequence[Report], folder: Path, name: str, tiles: str) -> list[Path]:
    from geomap.output.tables import write_incidents_csv

    return [write_incidents_csv(reports, folder / f"{name}.incidents.csv")]


WRITERS: dict[str, Writer] = {"html": _html, "geojson": _geojson, "gpkg": _gpkg, "csv": _csv}
FORMATS = tuple(WRITERS)


def parse_formats(text: str) -> list[str]:
    """The formats named in a comma-separated list, checked against ``FORMATS``."""
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in WRITERS]
    if unknown or not formats:
        given = ", ".join(unknown) or "(none)"
        raise ConfigurationError(
            f"unknown output format(s) {given}; choose from {', '.join(FORMATS)}"
        )
    return formats


def write_outputs(
    reports: Sequence[Report], folder: Path, name: str, formats: Sequence[str], tiles: str = "osm"
) -> list[Path]:
    """Write the reports in each of ``formats`` (in the order of ``FORMATS``) into
    ``folder``; the paths written."""
    return [
        path
        for format_name, write in WRITERS.items()
        if format_name in formats
        for path in write(reports, folder, name, tiles)
    ]
