"""The GeoPackage export, read back with pyogrio/geopandas (GDAL) and checked with sqlite3:
layers, types, values, null geometries, the default QGIS styles, and atomic writing."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import sqlite3
import struct
import xml.etree.ElementTree as ET
from contextlib import closing

import pytest
from test_export import (
    evidence,
    incident_report,
    k1_strike,
    temp_files,
    unlocated_protest,
)

from geomap.errors import ExportError
from geomap.models import Place
from geomap.output import geopackage
from geomap.output.files import atomic_path
from geomap.output.geopackage import categorized_qml, point_blob, write_geopackage
from geomap.output.palette import EVENT_COLOURS, ROLE_COLOURS, event_colour
from geomap.output.schema import INCIDENT_PROPERTIES, incident_properties

pd = pytest.importorskip("pandas")
pyogrio = pytest.importorskip("pyogrio")

HOSTILE = 'He said "stop" & left; it\'s <script>alert("x")</script> ]]> — Kirkuk كركوك 🔥\n\tend'
PLACE_COLUMNS = [
    "doc_id", "text", "start", "end", "role", "name", "feature", "country_code", "admin1",
    "confidence", "source", "reasons",
]  # fmt: skip


def kirkuk(**changes) -> Place:
    values = dict(start=26, end=32, text="Kirkuk", role="place", name="Kirkuk", lat=35.4681,
                  lon=44.3922, feature="city", country_code="IQ", admin1="Kirkuk",
                  source="geonames:94787", confidence=0.9512,
                  reasons=("population", 'name "Kirkuk" matches', "é"))  # fmt: skip
    values.update(changes)
    return Place(**values)


def unresolved() -> Place:
    return Place(start=40, end=50, text="Qwertzabad", role="place")


@pytest.fixture
def reports():
    first = incident_report(
        k1_strike(),
        unlocated_protest(),
        k1_strike(id="doc-1:3", event_type="Battles", lat=36.19, lon=44.01, fatalities=None),
        places=(kirkuk(), unresolved(), kirkuk(start=0, end=6, role="dateline")),
    )
    second = incident_report(
        k1_strike(id="doc-2:1", event_type="Protests", lat=-33.925, lon=-70.1234567),
        doc_id="doc-2",
        places=(kirkuk(role="metonym", lat=33.34, lon=44.4),),
    )
    return [first, second]


@pytest.fixture
def gpkg(tmp_path, reports):
    return write_geopackage(reports, tmp_path / "out.gpkg")


def read(path, layer):
    return pyogrio.read_dataframe(path, layer=layer)


def cell(value):
    """A dataframe cell as a plain Python value (None for missing)."""
    if value is None or (not isinstance(value, str | list) and pd.isna(value)):
        return None
    return value


def styles(path) -> dict[str, tuple]:
    with closing(sqlite3.connect(path)) as db:
        rows = db.execute(
            "SELECT f_table_name, f_geometry_column, styleName, styleQML, useAsDefault,"
            " f_table_catalog, f_table_schema FROM layer_styles ORDER BY id"
        ).fetchall()
    return {row[0]: row[1:] for row in rows}


def categories(qml: str) -> list[tuple[str, str]]:
    """(value, fill colour) of each category of a categorised QML renderer."""
    root = ET.fromstring(qml.split("\n", 1)[1])
    renderer = root.find("renderer-v2")
    assert renderer is not None and renderer.get("type") == "categorizedSymbol"
    colours = {}
    for symbol in renderer.iterfind("symbols/symbol"):
        assert symbol.get("type") == "marker"
        props = {p.get("k"): p.get("v") for p in symbol.iterfind("layer/prop")}
        colours[symbol.get("name")] = props["color"]
    return [
        (c.get("value"), colours[c.get("symbol")]) for c in renderer.iterfind("categories/category")
    ]


def rgba(colour: str) -> str:
    return ",".join(str(int(colour[i : i + 2], 16)) for i in (1, 3, 5)) + ",255"


# -- read back with GDAL -----------------------------------------------------------------------


def test_layers_and_crs(gpkg):
    assert gpkg.name == "out.gpkg" and gpkg.is_file()
    layers = {str(name): kind for name, kind in pyogrio.list_layers(gpkg)}
    assert layers == {"incidents": "Point", "places": "Point", "layer_styles": None}
    for name, count in (("incidents", 4), ("places", 4)):
        info = pyogrio.read_info(gpkg, layer=name)
        assert info["driver"] == "GPKG"
        assert info["crs"] == "EPSG:4326"
        assert info["features"] == count
        assert info["geometry_name"] == "geom" and info["fid_column"] == "fid"
        assert read(gpkg, name).crs.to_epsg() == 4326


def test_incident_columns_are_typed(gpkg):
    info = pyogrio.read_info(gpkg, layer="incidents")
    assert tuple(info["fields"]) == INCIDENT_PROPERTIES
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert types["event_date"] == "OFTDate"
    for name in ("time_precision", "fatalities", "geo_precision"):
        assert types[name] in {"OFTInteger", "OFTInteger64"}, name
    for name in ("latitude", "longitude", "confidence"):
        assert types[name] == "OFTReal", name
    assert types["event_type"] == types["notes"] == "OFTString"
    frame = read(gpkg, "incidents")
    assert pd.api.types.is_datetime64_any_dtype(frame["event_date"])


def test_incidents_round_trip(gpkg, reports):
    frame = read(gpkg, "incidents")
    incidents = [(i, r.id) for r in reports for i in r.incidents]
    assert len(frame) == len(incidents)
    for (_, row), (incident, doc_id) in zip(frame.iterrows(), incidents, strict=True):
        expected = incident_properties(incident, doc_id)
        for column in INCIDENT_PROPERTIES:
            value, want = cell(row[column]), expected[column]
            if column == "event_date":
                assert value == (pd.Timestamp(want) if want else None)
            elif isinstance(want, float):
                assert value == pytest.approx(want), column
            else:
                assert value == want, column
        if incident.located:
            assert (row.geometry.x, row.geometry.y) == (expected["longitude"], expected["latitude"])
        else:
            assert row.geometry is None
    assert frame["event_date"].iloc[0] == pd.Timestamp("2019-12-27")
    assert (frame.geometry.iloc[3].x, frame.geometry.iloc[3].y) == (-70.123457, -33.925)


def test_places_round_trip(gpkg, reports):
    frame = read(gpkg, "places")
    assert list(frame.columns) == [*PLACE_COLUMNS, "geometry"]
    info = pyogrio.read_info(gpkg, layer="places")
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert types["start"] == types["end"] == "OFTInteger64"
    assert types["confidence"] == "OFTReal"
    places = [(p, r.id) for r in reports for p in r.places]
    assert len(frame) == len(places) == 4
    for (_, row), (place, doc_id) in zip(frame.iterrows(), places, strict=True):
        assert row["doc_id"] == doc_id
        assert (row["text"], row["role"]) == (place.text, place.role)
        assert (row["start"], row["end"]) == (place.start, place.end)
        assert cell(row["name"]) == place.name
        assert row["confidence"] == pytest.approx(round(place.confidence, 3))
        assert json.loads(row["reasons"]) == list(place.reasons)
        if place.resolved:
            assert row.geometry.x == pytest.approx(place.lon, abs=1e-6)
            assert row.geometry.y == pytest.approx(place.lat, abs=1e-6)
        else:
            assert row.geometry is None
    assert frame["reasons"].iloc[0] == '["population", "name \\"Kirkuk\\" matches", "é"]'
    assert frame["reasons"].iloc[1] == "[]"


def test_hostile_strings_are_kept_exactly(tmp_path):
    strike = k1_strike(event_type=HOSTILE, actor1=HOSTILE, evidence=(evidence(text=HOSTILE),))
    place = kirkuk(text=HOSTILE, name="'; DROP TABLE places; --", reasons=(HOSTILE, "[1]"))
    path = write_geopackage([incident_report(strike, places=(place,))], tmp_path / "h.gpkg")
    incidents = read(path, "incidents")
    assert incidents["event_type"].iloc[0] == HOSTILE
    assert incidents["actor1"].iloc[0] == HOSTILE
    assert incidents["notes"].iloc[0] == HOSTILE
    places = read(path, "places")
    assert places["text"].iloc[0] == HOSTILE
    assert places["name"].iloc[0] == "'; DROP TABLE places; --"
    assert json.loads(places["reasons"].iloc[0]) == [HOSTILE, "[1]"]
    assert categories(styles(path)["incidents"][2]) == [(HOSTILE, rgba(event_colour(HOSTILE)))]


def test_sqlite_structure(gpkg):
    db = sqlite3.connect(gpkg)
    try:
        assert db.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
        assert db.execute("PRAGMA user_version").fetchone()[0] in {10200, 10300}
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        required = {"gpkg_spatial_ref_sys", "gpkg_contents", "gpkg_geometry_columns"}
        assert required | {"incidents", "places", "layer_styles"} <= tables
        srs = {row[0]: row for row in db.execute("SELECT srs_id, organization,"
               " organization_coordsys_id, definition FROM gpkg_spatial_ref_sys")}  # fmt: skip
        assert set(srs) == {-1, 0, 4326}
        assert srs[4326][1:3] == ("EPSG", 4326)
        assert srs[4326][3].startswith('GEOGCS["WGS 84"')
        assert srs[-1][3] == srs[0][3] == "undefined"
        contents = {row[0]: row[1:] for row in db.execute(
            "SELECT table_name, data_type, identifier, last_change, min_x, min_y, max_x, max_y,"
            " srs_id FROM gpkg_contents")}  # fmt: skip
        assert set(contents) == {"incidents", "places", "layer_styles"}
        assert contents["layer_styles"][:2] == ("attributes", "layer_styles")
        assert contents["incidents"][:2] == ("features", "incidents")
        assert contents["incidents"][3:] == (-70.123457, -33.925, 44.281235, 36.19, 4326)
        assert contents["places"][3:] == (44.3922, 33.34, 44.4, 35.4681, 4326)
        for row in contents.values():
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", row[2]), row[2]
        assert sorted(db.execute("SELECT * FROM gpkg_geometry_columns")) == [
            ("incidents", "geom", "POINT", 4326, 0, 0),
            ("places", "geom", "POINT", 4326, 0, 0),
        ]
        declared = {row[1]: (row[2], row[5]) for row in db.execute('PRAGMA table_info("places")')}
        assert declared["fid"] == ("INTEGER", 1) and declared["geom"] == ("POINT", 0)
        assert declared["end"] == ("INTEGER", 0) and declared["reasons"] == ("TEXT", 0)
        declared = {row[1]: row[2] for row in db.execute('PRAGMA table_info("incidents")')}
        assert declared["event_date"] == "DATE" and declared["fatalities"] == "INTEGER"
        assert (
            "AUTOINCREMENT"
            in db.execute("SELECT sql FROM sqlite_master WHERE name = 'incidents'").fetchone()[0]
        )
        blob, date = db.execute("SELECT geom, event_date FROM incidents ORDER BY fid").fetchone()
        assert date == "2019-12-27"
        assert db.execute("SELECT geom FROM incidents WHERE fid = 2").fetchone()[0] is None
    finally:
        db.close()
    magic, version, flags, srs_id = struct.unpack_from("<2sBBi", blob)
    assert (magic, version, srs_id) == (b"GP", 0, 4326)
    assert flags & 0b1 == 1  # little-endian
    assert (flags >> 1) & 0b111 in {0, 1} and not flags & 0b10000  # envelope code, not empty
    offset = 8 + (32 if (flags >> 1) & 0b111 == 1 else 0)
    assert struct.unpack_from("<BIdd", blob, offset) == (1, 1, 44.281235, 35.512346)
    assert len(blob) == offset + 21


def test_empty_point_blob():
    blob = point_blob(None)
    magic, version, flags, srs_id = struct.unpack_from("<2sBBi", blob)
    assert (magic, version, srs_id) == (b"GP", 0, 4326)
    assert flags & 0b10000 and flags & 0b1
    order, kind, x, y = struct.unpack_from("<BIdd", blob, 8)
    assert (order, kind) == (1, 1) and math.isnan(x) and math.isnan(y)


def test_no_incidents_and_no_places(tmp_path):
    path = write_geopackage([incident_report()], tmp_path / "empty.gpkg")
    for name in ("incidents", "places"):
        info = pyogrio.read_info(path, layer=name)
        assert info["features"] == 0 and info["crs"] == "EPSG:4326"
        assert categories(styles(path)[name][2]) == []
    with closing(sqlite3.connect(path)) as db:
        extent = db.execute("SELECT min_x, max_y FROM gpkg_contents WHERE table_name = 'places'")
        assert extent.fetchone() == (None, None)


def test_incident_held_by_two_reports_comes_once(tmp_path):
    merged = k1_strike(evidence=(evidence(), evidence("doc-2")))
    reports = [incident_report(merged), incident_report(merged, doc_id="doc-2")]
    frame = read(write_geopackage(iter(reports), tmp_path / "m.gpkg"), "incidents")
    assert list(frame["event_id"]) == ["doc-1:1"] and list(frame["doc_id"]) == ["doc-1"]


# -- the default QGIS styles -------------------------------------------------------------------


def test_layer_styles_are_the_defaults(gpkg):
    rows = styles(gpkg)
    assert set(rows) == {"incidents", "places"}
    for name, (column, style_name, qml, default, catalog, schema) in rows.items():
        assert (column, style_name, default, catalog, schema) == ("geom", name, 1, "", "")
        assert qml.startswith("<!DOCTYPE qgis")
    with closing(sqlite3.connect(gpkg)) as db:
        declared = {row[1]: row[2] for row in db.execute('PRAGMA table_info("layer_styles")')}
    assert declared["useAsDefault"] == "BOOLEAN" and declared["update_time"] == "DATETIME"
    assert declared["styleQML"] == "TEXT"


def test_incidents_style_has_one_category_per_event_type(gpkg):
    qml = styles(gpkg)["incidents"][2]
    renderer = ET.fromstring(qml.split("\n", 1)[1]).find("renderer-v2")
    assert renderer.get("attr") == "event_type"
    present = {"Explosions/Remote violence", "Protests", "Battles"}
    expected = [kind for kind in EVENT_COLOURS if kind in present]
    assert categories(qml) == [(kind, rgba(EVENT_COLOURS[kind])) for kind in expected]
    labels = [c.get("label") for c in renderer.iterfind("categories/category")]
    assert labels == expected


def test_unknown_event_types_come_after_acled_types_by_name(tmp_path):
    report = incident_report(
        k1_strike(id="a", event_type="Zeta"), k1_strike(id="b", event_type="Alpha"),
        k1_strike(id="c", event_type="Riots"), k1_strike(id="d", event_type="Battles"),
        k1_strike(id="e", event_type="Riots"),
    )  # fmt: skip
    qml = styles(write_geopackage([report], tmp_path / "t.gpkg"))["incidents"][2]
    grey = rgba(event_colour("Zeta"))
    assert categories(qml) == [
        ("Battles", rgba(EVENT_COLOURS["Battles"])),
        ("Riots", rgba(EVENT_COLOURS["Riots"])),
        ("Alpha", grey),
        ("Zeta", grey),
    ]


def test_places_style_colours_by_role(gpkg):
    qml = styles(gpkg)["places"][2]
    assert ET.fromstring(qml.split("\n", 1)[1]).find("renderer-v2").get("attr") == "role"
    assert categories(qml) == [
        (role, rgba(ROLE_COLOURS[role])) for role in ("place", "dateline", "metonym")
    ]


def test_qml_drops_characters_xml_cannot_hold():
    qml = categorized_qml("event_type", [("bell\x07 & <b>", "#000000")])
    assert categories(qml) == [("bell & <b>", "0,0,0,255")]


# -- atomic writing ----------------------------------------------------------------------------


def test_atomic_path_renames_on_success(tmp_path):
    target = tmp_path / "sub" / "x.gpkg"
    with atomic_path(target) as temp:
        assert temp.parent == target.parent and temp.name.endswith(".tmp")
        temp.write_bytes(b"data")
        assert not target.exists()
    assert target.read_bytes() == b"data"
    assert temp_files(target.parent) == []


def test_existing_file_is_replaced(tmp_path, reports):
    path = tmp_path / "out.gpkg"
    write_geopackage([incident_report(unlocated_protest())], path)
    assert pyogrio.read_info(path, layer="incidents")["features"] == 1
    write_geopackage(reports, path)
    assert pyogrio.read_info(path, layer="incidents")["features"] == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.gpkg"]


def test_failed_first_write_leaves_nothing(tmp_path):
    def failing():
        yield incident_report(k1_strike())
        raise RuntimeError("the pipeline failed half-way")

    with pytest.raises(RuntimeError, match="half-way"):
        write_geopackage(failing(), tmp_path / "out.gpkg")
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_the_old_file(tmp_path, reports, monkeypatch):
    path = tmp_path / "out.gpkg"
    write_geopackage([incident_report(unlocated_protest())], path)
    before = path.read_bytes()

    def broken(db, layer, now):
        db.execute(f'INSERT INTO "{layer.name}" (no_such_column) VALUES (1)')

    monkeypatch.setattr(geopackage, "_write_layer", broken)
    with pytest.raises(ExportError) as raised:
        write_geopackage(reports, path)
    message = str(raised.value)
    assert str(path) in message and "\n" not in message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.gpkg"]


def test_writing_onto_a_directory_is_an_export_error(tmp_path, reports):
    target = tmp_path / "taken.gpkg"
    target.mkdir()
    with pytest.raises(ExportError, match=r"taken\.gpkg"):
        write_geopackage(reports, target)
    assert target.is_dir() and list(target.iterdir()) == []
    assert temp_files(tmp_path) == []


def test_dates_are_iso_text_for_qgis(gpkg):
    with closing(sqlite3.connect(gpkg)) as db:
        dates = [row[0] for row in db.execute("SELECT event_date FROM incidents ORDER BY fid")]
    assert dates == ["2019-12-27", None, "2019-12-27", "2019-12-27"]
    assert dt.date.fromisoformat(dates[0]) == k1_strike().event_date
