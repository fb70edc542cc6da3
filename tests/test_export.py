"""GeoJSON (RFC 7946), GeoDataFrame and atomic writing, on reports of the real pipeline."""

from __future__ import annotations

import json
import os
import stat

import pytest

from geomap.errors import ExportError
from geomap.export import atomic_write, place_feature, places_geojson, write_geojson
from geomap.geo import haversine_km

pytestmark = [pytest.mark.model, pytest.mark.gazetteer]

TEXT = (
    "Rockets hit Kirkuk and Mosul on Friday, officials in Baghdad said. "
    "Militants later fled toward the village of Qwertzabad near the border."
)
# Independent coordinates (lat, lon) of the cities the text names.
KNOWN = {"Mosul": (36.34, 43.13), "Kirkuk": (35.47, 44.39), "Baghdad": (33.34, 44.40)}
PROPERTY_KEYS = {
    "doc_id", "text", "start", "end", "role", "name", "feature", "country_code", "admin1",
    "confidence", "source",
}  # fmt: skip


@pytest.fixture(scope="module")
def report(pipeline):
    return pipeline.parse(TEXT, published="2024-05-14", id="export-doc")


@pytest.fixture(scope="module")
def collection(report):
    return report.to_geojson()


def decimals(number: float) -> int:
    text = repr(float(number))
    assert "e" not in text, text
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0


def features_named(collection, name):
    return [f for f in collection["features"] if f["properties"]["name"] == name]


def test_report_has_resolved_and_unresolved_places(report):
    """The fixture text does what the other tests rely on."""
    names = [place.name for place in report.places]
    assert {"Kirkuk", "Mosul", "Baghdad"} <= set(names)
    unresolved = [place for place in report.places if not place.resolved]
    assert [place.text for place in unresolved] == ["Qwertzabad"]


def test_feature_collection_is_rfc7946(collection, report):
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection
    features = collection["features"]
    assert len(features) == len(report.places)
    for feature, place in zip(features, report.places, strict=True):
        assert feature["type"] == "Feature"
        assert "crs" not in feature
        assert set(feature["properties"]) == PROPERTY_KEYS
        assert feature["properties"]["doc_id"] == "export-doc"
        assert feature["properties"]["text"] == place.text
        assert (feature["properties"]["start"], feature["properties"]["end"]) == (
            place.start,
            place.end,
        )
        geometry = feature["geometry"]
        if place.resolved:
            assert geometry["type"] == "Point"
            assert len(geometry["coordinates"]) == 2
            assert all(isinstance(c, float) for c in geometry["coordinates"])


def test_positions_are_lon_lat(collection):
    for name, (lat, lon) in KNOWN.items():
        (feature, *_) = features_named(collection, name)
        x, y = feature["geometry"]["coordinates"]
        assert abs(x - lon) < 0.1, (name, x, y)
        assert abs(y - lat) < 0.1, (name, x, y)


def test_positions_have_at_most_six_decimals(report):
    place = next(p for p in report.places if p.resolved)
    # a place with more precision than GeoJSON needs
    precise = type(place)(
        start=place.start, end=place.end, text=place.text, role=place.role, name=place.name,
        lat=36.123456789, lon=-43.987654321, feature=place.feature, source=place.source,
    )  # fmt: skip
    x, y = place_feature(precise, "d")["geometry"]["coordinates"]
    assert (x, y) == (-43.987654, 36.123457)
    for feature in report.to_geojson()["features"]:
        if feature["geometry"] is not None:
            assert all(decimals(c) <= 6 for c in feature["geometry"]["coordinates"])


def test_unresolved_places_have_null_geometry(collection):
    unresolved = [f for f in collection["features"] if f["properties"]["text"] == "Qwertzabad"]
    assert len(unresolved) == 1
    assert "geometry" in unresolved[0]
    assert unresolved[0]["geometry"] is None
    assert unresolved[0]["properties"]["name"] is None
    assert unresolved[0]["properties"]["confidence"] == 0.0


def test_properties_are_json_serialisable(collection):
    text = json.dumps(collection, allow_nan=False, ensure_ascii=False)
    assert json.loads(text) == collection


def test_places_geojson_of_several_reports(pipeline, report):
    other = pipeline.parse("Shelling was reported in Basra.", id="second-doc")
    collection = places_geojson([report, other])
    doc_ids = [f["properties"]["doc_id"] for f in collection["features"]]
    assert doc_ids == ["export-doc"] * len(report.places) + ["second-doc"] * len(other.places)
    assert len(other.places) >= 1


def test_write_geojson_round_trip_with_pyogrio(tmp_path, report):
    pyogrio = pytest.importorskip("pyogrio")
    path = write_geojson(report.to_geojson(), tmp_path / "places.geojson")
    assert path == tmp_path / "places.geojson"
    assert path.read_text(encoding="utf-8").endswith("\n")
    frame = pyogrio.read_dataframe(path)
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    assert len(frame) == len(report.places)
    for (_, row), place in zip(frame.iterrows(), report.places, strict=True):
        assert row["text"] == place.text
        if place.resolved:
            assert row["name"] == place.name
            assert row.geometry.x == pytest.approx(place.lon, abs=1e-6)
            assert row.geometry.y == pytest.approx(place.lat, abs=1e-6)
        else:
            assert row.geometry is None or row.geometry.is_empty


def test_write_geojson_round_trip_with_geopandas(tmp_path, report):
    geopandas = pytest.importorskip("geopandas")
    path = write_geojson(report.to_geojson(), tmp_path / "sub" / "places.geojson")
    frame = geopandas.read_file(path)
    assert frame.crs.to_epsg() == 4326
    resolved = frame[~(frame.geometry.isna() | frame.geometry.is_empty)]
    expected = [p for p in report.places if p.resolved]
    assert list(resolved["name"]) == [p.name for p in expected]
    for point, place in zip(resolved.geometry, expected, strict=True):
        km = haversine_km(point.y, point.x, place.lat, place.lon)
        assert km < 0.001, (place.name, point.x, point.y)


def test_to_geodataframe(report):
    pytest.importorskip("geopandas")
    frame = report.to_geodataframe()
    assert frame.crs.to_epsg() == 4326
    assert len(frame) == len(report.places)
    mosul = frame[frame["name"] == "Mosul"].iloc[0]
    lat, lon = KNOWN["Mosul"]
    assert abs(mosul.geometry.x - lon) < 0.1 and abs(mosul.geometry.y - lat) < 0.1


# -- atomic_write ------------------------------------------------------------------------------


def temp_files(directory):
    return [p for p in directory.iterdir() if p.name.endswith(".tmp")]


def write_then_fail(path, content: str, error: BaseException) -> None:
    with atomic_write(path) as stream:
        stream.write(content)
        stream.flush()
        raise error


def test_atomic_write_writes_and_leaves_no_temp_file(tmp_path):
    path = tmp_path / "out.txt"
    with atomic_write(path) as stream:
        stream.write("héllo\n")
        assert not path.exists()  # nothing at the destination until the block ends
    assert path.read_text(encoding="utf-8") == "héllo\n"
    assert temp_files(tmp_path) == []
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o644


def test_atomic_write_replaces_existing_file(tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("old\n", encoding="utf-8")
    with atomic_write(path) as stream:
        stream.write("new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("error", [RuntimeError("boom"), KeyboardInterrupt(), OSError(5, "EIO")])
def test_failed_write_keeps_the_old_file(tmp_path, error):
    path = tmp_path / "out.geojson"
    path.write_text("old content\n", encoding="utf-8")
    expected = ExportError if isinstance(error, OSError) else type(error)
    with pytest.raises(expected):
        write_then_fail(path, "half-written", error)
    assert path.read_text(encoding="utf-8") == "old content\n"
    assert temp_files(tmp_path) == []


def test_failed_first_write_leaves_nothing(tmp_path):
    path = tmp_path / "out.geojson"
    with pytest.raises(ValueError):
        write_then_fail(path, "{", ValueError("serialisation failed"))
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_creates_missing_directories(tmp_path):
    path = tmp_path / "a" / "b" / "out.bin"
    with atomic_write(path, "wb") as stream:
        stream.write(b"\x00\x01")
    assert path.read_bytes() == b"\x00\x01"
    assert temp_files(path.parent) == []


def test_atomic_write_onto_a_directory_is_an_export_error(tmp_path):
    target = tmp_path / "taken"
    target.mkdir()
    with pytest.raises(ExportError, match="taken"), atomic_write(target) as stream:
        stream.write("x")
    assert target.is_dir() and list(target.iterdir()) == []
    assert temp_files(tmp_path) == []


def test_write_geojson_failure_keeps_the_old_file(tmp_path):
    path = tmp_path / "places.geojson"
    path.write_text('{"type": "FeatureCollection", "features": []}\n', encoding="utf-8")
    bad = {"type": "FeatureCollection", "features": [{"properties": {"x": object()}}]}
    with pytest.raises(TypeError):
        write_geojson(bad, path)
    assert json.loads(path.read_text(encoding="utf-8"))["features"] == []
    assert temp_files(tmp_path) == []
