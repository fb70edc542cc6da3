"""An OGC GeoPackage (1.3) of the incidents and the places, written with sqlite3.

Two point layers in EPSG:4326, ``incidents`` and ``places``, with the columns and types of
``geomap.output.schema`` (a place's ``reasons`` added as a JSON array), each with a default
QGIS style in ``layer_styles`` (the table QGIS itself writes) that colours the points by
event type or by role with ``geomap.output.palette``'s colours. Unlocated incidents and
unresolved places have a null geometry. The file is built beside the destination and
renamed over it only when complete.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import sqlite3
import struct
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.errors import ExportError
from geomap.output.files import atomic_path
from geomap.output.geojson import incident_feature, place_feature
from geomap.output.palette import (
    EVENT_COLOURS,
    OTHER_EVENT_COLOUR,
    ROLE_COLOURS,
    event_colour,
    in_key_order,
)
from geomap.output.schema import INCIDENT_COLUMNS, PLACE_COLUMNS, Column, iter_incidents

if TYPE_CHECKING:  # pragma: no cover
    from geomap.models import Report

APPLICATION_ID = 0x47504B47  # "GPKG"
USER_VERSION = 10300  # GeoPackage 1.3.0
SRS_ID = 4326
GEOMETRY_COLUMN = "geom"
STYLE_TABLE = "layer_styles"
WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
    'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]'
)
SPATIAL_REF_SYS = (
    ("WGS 84 geodetic", SRS_ID, "EPSG", SRS_ID, WGS84_WKT,
     "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
    ("Undefined cartesian SRS", -1, "NONE", -1, "undefined",
     "undefined cartesian coordinate reference system"),
    ("Undefined geographic SRS", 0, "NONE", 0, "undefined",
     "undefined geographic coordinate reference system"),
)  # fmt: skip
# The places layer: the place columns, then why each place was chosen.
PLACE_LAYER_COLUMNS = (*PLACE_COLUMNS, Column("reasons"))

_SCHEMA = """
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL,
  description TEXT
);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY,
  data_type TEXT NOT NULL,
  identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE,
  min_y DOUBLE,
  max_x DOUBLE,
  max_y DOUBLE,
  srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL,
  m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);
CREATE TABLE layer_styles (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  f_table_catalog TEXT(256),
  f_table_schema TEXT(256),
  f_table_name TEXT(256),
  f_geometry_column TEXT(256),
  styleName TEXT(30),
  styleQML TEXT,
  styleSLD TEXT,
  useAsDefault BOOLEAN,
  description TEXT,
  owner TEXT(30),
  ui TEXT(30),
  update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
"""
# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class _Layer:
    """One point feature table: its columns (name -> SQL type) and its rows."""

    name: str
    columns: dict[str, str]
    rows: list[tuple[Sequence[float] | None, dict[str, Any]]]
    style: str


def quote(identifier: str) -> str:
    """An SQL identifier in double quotes (``end`` is a keyword)."""
    return '"' + identifier.replace('"', '""') + '"'


def point_blob(position: Sequence[float] | None, srs_id: int = SRS_ID) -> bytes:
    """A GeoPackage geometry blob of a point ``[lon, lat]``: the ``GP`` header (version 0,
    little-endian, no envelope; the empty flag when ``position`` is None), then WKB."""
    empty = position is None
    x, y = (float("nan"), float("nan")) if position is None else position
    flags = 0b0000_0001 | (0b0001_0000 if empty else 0)
    return b"GP" + struct.pack("<BBi", 0, flags, srs_id) + struct.pack("<BIdd", 1, 1, x, y)


def _sql_value(value: Any) -> Any:
    """A value sqlite can store: lists and mappings as JSON text, never Python reprs."""
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _timestamp() -> str:
    """Now in UTC as GeoPackage DATETIME text (ISO 8601 with ``Z``)."""
    now = dt.datetime.now(dt.UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def _rgba(colour: str) -> str:
    """``#rrggbb`` as QGIS's ``r,g,b,a``."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"{red},{green},{blue},255"


def _xml_text(value: str) -> str:
    """A string XML can hold (ElementTree escapes the rest)."""
    return _NOT_XML.sub("", value)


def categorized_qml(field: str, categories: Sequence[tuple[str, str]]) -> str:
    """A QGIS style (QML) drawing points as circles filled by a categorised renderer on
    ``field``, one category per ``(value, colour)``."""
    root = ET.Element("qgis", version="3.22.0", styleCategories="Symbology")
    renderer = ET.SubElement(
        root, "renderer-v2", type="categorizedSymbol", attr=_xml_text(field),
        symbollevels="0", enableorderby="0", forceraster="0",
    )  # fmt: skip
    listed = ET.SubElement(renderer, "categories")
    symbols = ET.SubElement(renderer, "symbols")
    for index, (value, colour) in enumerate(categories):
        text = _xml_text(value)
        ET.SubElement(listed, "category", symbol=str(index), value=text, label=text, render="true")
        symbol = ET.SubElement(
            symbols, "symbol", type="marker", name=str(index), alpha="1",
            clip_to_extent="1", force_rhr="0",
        )  # fmt: skip
        attributes = {"class": "SimpleMarker", "enabled": "1", "locked": "0", "pass": "0"}
        layer = ET.SubElement(symbol, "layer", attributes)
        properties = {
            "name": "circle",
            "color": _rgba(colour),
            "outline_color": "35,35,35,255",
            "outline_style": "solid",
            "outline_width": "0.2",
            "outline_width_unit": "MM",
            "size": "3",
            "size_unit": "MM",
        }
        for key, prop in properties.items():
            ET.SubElement(layer, "prop", k=key, v=prop)
    ET.SubElement(renderer, "rotation")
    ET.SubElement(renderer, "sizescale")
    body = ET.tostring(root, encoding="unicode")
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + body + "\n"


def _incidents_layer(reports: Sequence[Report]) -> _Layer:
    features = [incident_feature(incident, doc_id) for incident, doc_id in iter_incidents(reports)]
    rows = [
        (f["geometry"]["coordinates"] if f["geometry"] else None, f["properties"]) for f in features
    ]
    types = in_key_order((props["event_type"] for _, props in rows), EVENT_COLOURS)
    style = categorized_qml("event_type", [(kind, event_colour(kind)) for kind in types])
    columns = {column.name: column.type.sql for column in INCIDENT_COLUMNS}
    return _Layer("incidents", columns, rows, style)


def _places_layer(reports: Sequence[Report]) -> _Layer:
    rows = []
    for report in reports:
        for place in report.places:
            feature = place_feature(place, report.id)
            properties = {**feature["properties"], "reasons": list(place.reasons)}
            geometry = feature["geometry"]
            rows.append((geometry["coordinates"] if geometry else None, properties))
    roles = in_key_order((props["role"] for _, props in rows), ROLE_COLOURS)
    style = categorized_qml(
        "role", [(role, ROLE_COLOURS.get(role, OTHER_EVENT_COLOUR)) for role in roles]
    )
    columns = {column.name: column.type.sql for column in PLACE_LAYER_COLUMNS}
    return _Layer("places", columns, rows, style)


def _extent(layer: _Layer) -> tuple[float | None, ...]:
    positions = [position for position, _ in layer.rows if position is not None]
    if not positions:
        return (None, None, None, None)
    xs, ys = [x for x, _ in positions], [y for _, y in positions]
    return (min(xs), min(ys), max(xs), max(ys))


def _write(db: sqlite3.Connection, layers: Sequence[_Layer]) -> None:
    db.execute("PRAGMA journal_mode = MEMORY")  # no journal file beside the temporary file
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {USER_VERSION}")
    db.executescript(_SCHEMA)
    now = _timestamp()
    with db:
        db.executemany(
            "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", SPATIAL_REF_SYS
        )
        db.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description,"
            " last_change) VALUES (?, 'attributes', ?, 'QGIS layer styles', ?)",
            (STYLE_TABLE, STYLE_TABLE, now),
        )
        for layer in layers:
            _write_layer(db, layer, now)


def _write_layer(db: sqlite3.Connection, layer: _Layer, now: str) -> None:
    table = quote(layer.name)
    definitions = ", ".join(f"{quote(name)} {kind}" for name, kind in layer.columns.items())
    db.execute(
        f"CREATE TABLE {table} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,"
        f" {quote(GEOMETRY_COLUMN)} POINT, {definitions})"
    )
    db.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change,"
        " min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, '', ?, ?, ?, ?, ?, ?)",
        (layer.name, layer.name, now, *_extent(layer), SRS_ID),
    )
    db.execute(
        "INSERT INTO gpkg_geometry_columns VALUES (?, ?, 'POINT', ?, 0, 0)",
        (layer.name, GEOMETRY_COLUMN, SRS_ID),
    )
    names = [GEOMETRY_COLUMN, *layer.columns]
    db.executemany(
        f"INSERT INTO {table} ({', '.join(map(quote, names))})"
        f" VALUES ({', '.join('?' * len(names))})",
        (
            (
                None if position is None else point_blob(position),
                *(_sql_value(properties.get(column)) for column in layer.columns),
            )
            for position, properties in layer.rows
        ),
    )
    db.execute(
        f"INSERT INTO {STYLE_TABLE} (f_table_catalog, f_table_schema, f_table_name,"
        " f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, owner,"
        " update_time) VALUES ('', '', ?, ?, ?, ?, '', 1, 'geomap default style', '', ?)",
        (layer.name, GEOMETRY_COLUMN, layer.name, layer.style, now),
    )


def write_geopackage(reports: Iterable[Report], path: str | Path) -> Path:
    """Write the reports' incidents and places as a GeoPackage, atomically."""
    path = Path(path)
    try:
        with atomic_path(path) as temp:
            reports = list(reports)
            layers = (_incidents_layer(reports), _places_layer(reports))
            with contextlib.closing(sqlite3.connect(temp)) as db:
                _write(db, layers)
    except sqlite3.Error as err:
        message = " ".join(str(err).split())
        raise ExportError(f"{path}: cannot write GeoPackage ({message})") from None
    return path
