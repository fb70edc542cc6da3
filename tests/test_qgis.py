"""The GeoPackage and the GeoJSON files opened in real QGIS (Debian's python3-qgis, run by
``/usr/bin/python3 tests/qgis_check.py`` in a subprocess), and the GeoPackage checked by
GDAL's own validator. Skipped when QGIS is missing, unless GEOMAP_REQUIRE_SYSTEM_TESTS=1."""

from __future__ import annotations

import json
import os
import re
import subprocess
from functools import cache
from pathlib import Path

import pytest
from test_export import evidence, incident_report, k1_strike, unlocated_protest

from geomap.models import Place
from geomap.output.geojson import incidents_geojson, places_geojson, write_geojson
from geomap.output.geopackage import write_geopackage
from geomap.output.palette import EVENT_COLOURS

from conftest import REPO, require_system

SYSTEM_PYTHON = "/usr/bin/python3"
CHECK = REPO / "tests" / "qgis_check.py"
ODD_TYPE = 'Odd "type" <b>&</b> é'


@cache
def system_python_has(module: str) -> bool:
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        return False
    result = subprocess.run(
        [SYSTEM_PYTHON, "-c", f"import {module}"],
        capture_output=True,
        env=system_env(Path("/nonexistent")),
        timeout=120,
    )
    return result.returncode == 0


def system_env(home: Path) -> dict[str, str]:
    """A clean environment for the system Python: no venv, offscreen Qt, a private HOME."""
    drop = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
    )
    return env


def private_home(directory: Path) -> Path:
    home = directory / "home"
    for sub in ("config", "data", "cache"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    (home / "runtime").mkdir(mode=0o700, exist_ok=True)
    return home


def reports():
    place = Place(start=12, end=20, text="K-1 base", role="place", name="K-1 Air Base",
                  lat=35.5123456789, lon=44.2812345678, feature="military_base",
                  source="curated:k1", confidence=0.9, reasons=("curated", 'a "K-1"'))  # fmt: skip
    dateline = Place(start=0, end=6, text="Erbil", role="dateline", name="Erbil", lat=36.19,
                     lon=44.01, feature="city", country_code="IQ")  # fmt: skip
    first = incident_report(
        k1_strike(),
        unlocated_protest(),
        k1_strike(id="doc-1:3", event_type=ODD_TYPE, evidence=(evidence(text=ODD_TYPE),)),
        places=(place, dateline, Place(start=30, end=40, text="Qwertzabad", role="place")),
    )
    second = incident_report(
        k1_strike(id="doc-2:1", event_type="Battles", lat=-33.9249999999, lon=-70.123456789),
        doc_id="doc-2",
    )
    return [first, second]


EVENT_TYPES = ["Battles", "Protests", "Explosions/Remote violence", ODD_TYPE]  # style order
PLACES = 3
INCIDENTS = 4


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("qgis")
    data = reports()
    return {
        "gpkg": write_geopackage(data, directory / "geomap.gpkg"),
        "incidents": write_geojson(incidents_geojson(data), directory / "incidents.geojson"),
        "places": write_geojson(places_geojson(data), directory / "places.geojson"),
    }


@pytest.fixture(scope="module")
def qgis(outputs, tmp_path_factory) -> dict[str, dict]:
    """What QGIS reports of every layer, by layer name or file name."""
    require_system(system_python_has("qgis.core"), f"QGIS ({SYSTEM_PYTHON} with python3-qgis)")
    home = private_home(tmp_path_factory.mktemp("qgis-home"))
    paths = [str(outputs[key]) for key in ("gpkg", "incidents", "places")]
    result = subprocess.run(
        [SYSTEM_PYTHON, str(CHECK), *paths],
        capture_output=True,
        text=True,
        env=system_env(home),
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["qgis"].startswith("3.")
    layers = {}
    for layer in report["layers"]:
        uri = layer["uri"]
        key = uri.split("layername=")[1] if "|layername=" in uri else Path(uri).name
        layers[key] = layer
    return layers


def fields(layer: dict) -> dict[str, dict]:
    return {field["name"]: field for field in layer["fields"]}


def test_qgis_lists_the_two_gpkg_layers(qgis):
    assert {"incidents", "places"} <= set(qgis)
    assert "layer_styles" not in qgis  # QGIS hides its own style table


@pytest.mark.parametrize(("name", "count"), [("incidents", INCIDENTS), ("places", PLACES)])
def test_gpkg_layers_are_valid_points_in_wgs84(qgis, name, count):
    layer = qgis[name]
    assert layer["isValid"], layer.get("error")
    assert layer["crs"] == "EPSG:4326"
    assert layer["featureCount"] == count
    assert layer["geometryType"] == 0  # QgsWkbTypes.PointGeometry


def test_event_date_is_a_qgis_date(qgis):
    event_date = fields(qgis["incidents"])["event_date"]
    assert event_date["type"] == "QDate"
    assert event_date["typeName"].lower() == "date"
    typed = fields(qgis["incidents"])
    assert typed["fatalities"]["type"] in {"int", "qlonglong"}
    assert typed["confidence"]["type"] == "double"
    assert typed["notes"]["type"] == "QString"
    assert fields(qgis["places"])["end"]["type"] in {"int", "qlonglong"}


def test_default_style_is_applied_when_the_layer_opens(qgis):
    layer = qgis["incidents"]
    # QGIS applies the layer_styles row with useAsDefault on open (default LayerOptions)...
    renderer = layer["rendererOnOpen"]
    assert renderer["type"] == "categorizedSymbol"
    assert renderer["field"] == "event_type"
    assert [c["value"] for c in renderer["categories"]] == EVENT_TYPES
    colours = {c["value"]: c["colour"] for c in renderer["categories"]}
    assert colours["Battles"] == EVENT_COLOURS["Battles"]
    # ...not otherwise: without loadDefaultStyle it is QGIS's single symbol
    assert layer["rendererWithoutDefaultStyle"]["type"] == "singleSymbol"
    # and an explicit loadDefaultStyle() finds the same style in the GeoPackage
    assert layer["loadDefaultStyle"]["loaded"]
    assert layer["rendererAfterLoadDefaultStyle"] == renderer
    assert "incidents" in layer["databaseStyles"]


def test_places_default_style_is_by_role(qgis):
    renderer = qgis["places"]["rendererOnOpen"]
    assert renderer["type"] == "categorizedSymbol" and renderer["field"] == "role"
    assert [c["value"] for c in renderer["categories"]] == ["place", "dateline"]


@pytest.mark.parametrize(
    ("name", "count"), [("incidents.geojson", INCIDENTS), ("places.geojson", PLACES)]
)
def test_geojson_layers_open_in_qgis(qgis, name, count):
    layer = qgis[name]
    assert layer["isValid"], layer.get("error")
    assert layer["crs"] == "EPSG:4326"
    assert layer["featureCount"] == count


@pytest.mark.parametrize("key", ["incidents", "places"])
def test_geojson_text_is_rfc7946(outputs, key):
    text = outputs[key].read_text(encoding="utf-8")
    collection = json.loads(text)
    assert "crs" not in collection
    assert all("crs" not in feature for feature in collection["features"])
    located = [f for f in collection["features"] if f["geometry"]]
    # the numbers as written in the text, not as Python parses them
    written = re.findall(r'"coordinates":\[([^\]]*)\]', text)
    assert len(written) == len(located) > 0
    for pair in written:
        for number in pair.split(","):
            assert re.fullmatch(r"-?\d+(\.\d{1,6})?", number), pair


def test_gdal_validator_accepts_the_geopackage(outputs, tmp_path):
    require_system(
        system_python_has("osgeo_utils.samples.validate_gpkg"),
        f"GDAL's validate_gpkg ({SYSTEM_PYTHON} with python3-gdal)",
    )
    result = subprocess.run(
        [SYSTEM_PYTHON, "-m", "osgeo_utils.samples.validate_gpkg", "--extra",
         "--warning-as-error", str(outputs["gpkg"])],
        capture_output=True,
        text=True,
        env=system_env(private_home(tmp_path)),
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
