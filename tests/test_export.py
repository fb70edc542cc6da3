"""GeoJSON (RFC 7946), GeoDataFrame and atomic writing, on reports of the real pipeline;
incident GeoJSON and CSV on incidents built by hand."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import stat

import pytest

from geomap.errors import ExportError
from geomap.geo import haversine_km
from geomap.models import Document, Evidence, Incident, Place, Report
from geomap.output.files import atomic_write
from geomap.output.geojson import (
    incident_feature,
    incidents_geojson,
    place_feature,
    places_geojson,
    write_geojson,
)
from geomap.output.schema import INCIDENT_PROPERTIES
from geomap.output.tables import write_incidents_csv

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


@pytest.mark.model
@pytest.mark.gazetteer
def test_report_has_resolved_and_unresolved_places(report):
    """The fixture text does what the other tests rely on."""
    names = [place.name for place in report.places]
    assert {"Kirkuk", "Mosul", "Baghdad"} <= set(names)
    unresolved = [place for place in report.places if not place.resolved]
    assert [place.text for place in unresolved] == ["Qwertzabad"]


@pytest.mark.model
@pytest.mark.gazetteer
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


@pytest.mark.model
@pytest.mark.gazetteer
def test_positions_are_lon_lat(collection):
    for name, (lat, lon) in KNOWN.items():
        (feature, *_) = features_named(collection, name)
        x, y = feature["geometry"]["coordinates"]
        assert abs(x - lon) < 0.1, (name, x, y)
        assert abs(y - lat) < 0.1, (name, x, y)


@pytest.mark.model
@pytest.mark.gazetteer
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


@pytest.mark.model
@pytest.mark.gazetteer
def test_unresolved_places_have_null_geometry(collection):
    unresolved = [f for f in collection["features"] if f["properties"]["text"] == "Qwertzabad"]
    assert len(unresolved) == 1
    assert "geometry" in unresolved[0]
    assert unresolved[0]["geometry"] is None
    assert unresolved[0]["properties"]["name"] is None
    assert unresolved[0]["properties"]["confidence"] == 0.0


@pytest.mark.model
@pytest.mark.gazetteer
def test_properties_are_json_serialisable(collection):
    text = json.dumps(collection, allow_nan=False, ensure_ascii=False)
    assert json.loads(text) == collection


@pytest.mark.model
@pytest.mark.gazetteer
def test_places_geojson_of_several_reports(pipeline, report):
    other = pipeline.parse("Shelling was reported in Basra.", id="second-doc")
    collection = places_geojson([report, other])
    doc_ids = [f["properties"]["doc_id"] for f in collection["features"]]
    assert doc_ids == ["export-doc"] * len(report.places) + ["second-doc"] * len(other.places)
    assert len(other.places) >= 1


@pytest.mark.model
@pytest.mark.gazetteer
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


@pytest.mark.model
@pytest.mark.gazetteer
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


@pytest.mark.model
@pytest.mark.gazetteer
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


# -- incidents ---------------------------------------------------------------------------------

SENTENCE = 'Rockets hit K-1 base near Kirkuk on Friday, killing "one" contractor; others hurt.'


def evidence(doc_id: str = "doc-1", text: str = SENTENCE, source: str | None = None):
    return Evidence(document_id=doc_id, start=0, end=len(text), text=text, trigger_start=0,
                    trigger_end=7, source=source)  # fmt: skip


def k1_strike(**changes) -> Incident:
    values = dict(
        id="doc-1:1", event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        evidence=(evidence(source="https://news.example/k1"),),
        event_date=dt.date(2019, 12, 27), time_precision=1, date_text="on Friday",
        location="K-1 Air Base", location_span=(12, 20), lat=35.5123456789, lon=44.2812345678,
        geo_precision=1, country_code="IQ", admin1="Kirkuk",
        place_source="curated:facilities:k1-air-base", actor1="Unidentified Armed Group (Iraq)",
        actor2="Civilians (United States)", fatalities=1, confidence=0.81234,
    )  # fmt: skip
    values.update(changes)
    return Incident(**values)


def unlocated_protest() -> Incident:
    return Incident(id="doc-1:2", event_type="Protests", sub_event_type="Peaceful protest",
                    evidence=(evidence(text="Crowds gathered somewhere."),))  # fmt: skip


def incident_report(*incidents: Incident, doc_id: str = "doc-1", places=()) -> Report:
    return Report(Document(id=doc_id, text=SENTENCE), tuple(places), tuple(incidents))


def test_incident_properties_use_acled_columns():
    feature = incident_feature(k1_strike(), "doc-1")
    assert feature["type"] == "Feature"
    assert tuple(feature["properties"]) == INCIDENT_PROPERTIES
    assert feature["properties"] == {
        "event_id": "doc-1:1",
        "event_date": "2019-12-27",
        "time_precision": 1,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "actor1": "Unidentified Armed Group (Iraq)",
        "actor2": "Civilians (United States)",
        "fatalities": 1,
        "location": "K-1 Air Base",
        "admin1": "Kirkuk",
        "country": "Iraq",
        "iso3": "IRQ",
        "latitude": 35.512346,
        "longitude": 44.281235,
        "geo_precision": 1,
        "source": "https://news.example/k1",
        "notes": SENTENCE,
        "confidence": 0.812,
        "place_source": "curated:facilities:k1-air-base",
        "date_text": "on Friday",
        "doc_id": "doc-1",
    }


@pytest.mark.parametrize(
    ("code", "country", "iso3"),
    [("SY", "Syria", "SYR"), ("ir", "Iran", "IRN"), ("ZZ", "ZZ", None), (None, None, None)],
)
def test_country_and_iso3_from_the_alpha2_code(code, country, iso3):
    properties = incident_feature(k1_strike(country_code=code), "d")["properties"]
    assert (properties["country"], properties["iso3"]) == (country, iso3)


def test_incident_position_is_lon_lat_with_at_most_six_decimals():
    geometry = incident_feature(k1_strike(), "doc-1")["geometry"]
    assert geometry == {"type": "Point", "coordinates": [44.281235, 35.512346]}
    west_south = incident_feature(k1_strike(lat=-33.9249999999, lon=-70.123456789), "d")
    x, y = west_south["geometry"]["coordinates"]
    assert (x, y) == (-70.123457, -33.925)
    assert all(decimals(c) <= 6 for c in (x, y))
    assert (west_south["properties"]["longitude"], west_south["properties"]["latitude"]) == (x, y)


def test_unlocated_incident_has_null_geometry():
    feature = incident_feature(unlocated_protest(), "doc-1")
    assert "geometry" in feature
    assert feature["geometry"] is None
    properties = feature["properties"]
    assert (properties["latitude"], properties["longitude"]) == (None, None)
    assert properties["event_date"] is None and properties["country"] is None
    assert properties["notes"] == "Crowds gathered somewhere."


def test_incidents_geojson_of_several_reports():
    first = incident_report(k1_strike(), unlocated_protest())
    second = incident_report(k1_strike(id="doc-2:1", lat=36.19, lon=44.01), doc_id="doc-2")
    collection = incidents_geojson([first, second])
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    rows = [
        (f["properties"]["event_id"], f["properties"]["doc_id"]) for f in collection["features"]
    ]
    assert rows == [("doc-1:1", "doc-1"), ("doc-1:2", "doc-1"), ("doc-2:1", "doc-2")]
    assert [f["geometry"] is None for f in collection["features"]] == [False, True, False]
    text = json.dumps(collection, allow_nan=False, ensure_ascii=False)
    assert json.loads(text) == collection


def test_incident_merged_across_reports_is_exported_once():
    merged = k1_strike(evidence=(evidence(source="https://a.example/1"), evidence("doc-2")))
    collection = incidents_geojson(
        [incident_report(merged), incident_report(merged, doc_id="doc-2")]
    )
    assert len(collection["features"]) == 1
    properties = collection["features"][0]["properties"]
    assert properties["doc_id"] == "doc-1"
    assert properties["source"] == "https://a.example/1; doc-2"


def test_incident_properties_are_scalars_not_python_reprs():
    many = k1_strike(
        evidence=(evidence(source="https://a.example/1"), evidence("doc-2"), evidence("doc-3")),
        actor1=("Militia A", "Militia B"),  # a tuple where a string belongs is still joined
    )
    collection = incidents_geojson([incident_report(many, unlocated_protest())])
    for feature in collection["features"]:
        for key, value in feature["properties"].items():
            assert value is None or isinstance(value, str | int | float), (key, value)
            if isinstance(value, str):
                assert not value.startswith(("[", "{", "(")), (key, value)
                assert "('" not in value and "['" not in value, (key, value)
    properties = collection["features"][0]["properties"]
    assert properties["source"] == "https://a.example/1; doc-2; doc-3"
    assert properties["actor1"] == "Militia A; Militia B"


def test_report_to_geojson_stays_the_places():
    place = Place(start=12, end=20, text="K-1 base", role="place", name="K-1 Air Base",
                  lat=35.51, lon=44.28, feature="military_base", source="curated:k1")  # fmt: skip
    report = incident_report(k1_strike(), places=(place,))
    features = report.to_geojson()["features"]
    assert len(features) == 1
    assert set(features[0]["properties"]) == PROPERTY_KEYS
    assert features[0]["properties"]["name"] == "K-1 Air Base"


def test_write_incidents_geojson_round_trip_with_pyogrio(tmp_path):
    pyogrio = pytest.importorskip("pyogrio")
    report = incident_report(k1_strike(), k1_strike(id="doc-1:3", lat=36.19, lon=44.01))
    path = write_geojson(incidents_geojson([report]), tmp_path / "incidents.geojson")
    frame = pyogrio.read_dataframe(path)
    assert frame.crs.to_epsg() == 4326
    assert list(frame["event_id"]) == ["doc-1:1", "doc-1:3"]
    assert list(frame["iso3"]) == ["IRQ", "IRQ"]
    assert frame.geometry.iloc[0].x == pytest.approx(44.281235)
    assert frame.geometry.iloc[0].y == pytest.approx(35.512346)


def test_incidents_geojson_round_trip_keeps_every_column(tmp_path):
    pyogrio = pytest.importorskip("pyogrio")
    incidents = (k1_strike(), unlocated_protest())
    report = incident_report(*incidents)
    path = write_geojson(incidents_geojson([report]), tmp_path / "incidents.geojson")
    frame = pyogrio.read_dataframe(path)
    assert tuple(column for column in frame.columns if column != "geometry") == INCIDENT_PROPERTIES
    for row, incident in zip(frame.to_dict("records"), incidents, strict=True):
        expected = incident_feature(incident, "doc-1")["properties"]
        for column, value in expected.items():
            read = row[column]
            if value is None:
                assert read is None or read != read, column  # null, or NaN in a number column
            elif isinstance(value, float):
                assert read == pytest.approx(value), column
            elif column == "event_date":
                assert str(read)[:10] == value  # GDAL reads an ISO date as a date
            else:
                assert read == value, column
    assert frame.geometry.iloc[1] is None


def test_incidents_csv_round_trip_with_pyogrio(tmp_path):
    pyogrio = pytest.importorskip("pyogrio")
    report = incident_report(k1_strike(), unlocated_protest())
    path = write_incidents_csv([report], tmp_path / "incidents.csv")
    frame = pyogrio.read_dataframe(path, read_geometry=False)
    assert tuple(frame.columns) == INCIDENT_PROPERTIES
    expected = incident_feature(report.incidents[0], "doc-1")["properties"]
    first = frame.iloc[0].to_dict()
    assert {key: str(value) for key, value in first.items()} == {
        key: "" if value is None else str(value) for key, value in expected.items()
    }
    assert frame.iloc[1]["event_id"] == "doc-1:2"


# -- incidents as CSV --------------------------------------------------------------------------


def test_incidents_csv_header_and_row_round_trip(tmp_path):
    tricky = SENTENCE + "\nA second line, with 'quotes' and é."
    report = incident_report(k1_strike(evidence=(evidence(text=tricky),)), unlocated_protest())
    path = write_incidents_csv([report], tmp_path / "out" / "incidents.csv")
    assert path == tmp_path / "out" / "incidents.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        assert tuple(reader.fieldnames) == INCIDENT_PROPERTIES
        rows = list(reader)
    assert len(rows) == 2
    expected = incident_feature(report.incidents[0], "doc-1")["properties"]
    assert rows[0] == {key: "" if value is None else str(value) for key, value in expected.items()}
    assert rows[0]["notes"] == tricky
    assert rows[0]["iso3"] == "IRQ" and rows[0]["country"] == "Iraq"
    assert rows[1]["event_id"] == "doc-1:2"
    assert rows[1]["latitude"] == "" and rows[1]["event_date"] == ""
    assert temp_files(path.parent) == []


def test_incidents_csv_of_no_incidents_is_a_header(tmp_path):
    path = write_incidents_csv([incident_report()], tmp_path / "none.csv")
    assert path.read_text(encoding="utf-8").splitlines() == [",".join(INCIDENT_PROPERTIES)]


def test_failed_incidents_csv_keeps_the_old_file(tmp_path):
    path = tmp_path / "incidents.csv"
    path.write_text("old content\n", encoding="utf-8")

    def reports():
        yield incident_report(k1_strike())
        raise RuntimeError("the pipeline failed half-way")

    with pytest.raises(RuntimeError, match="half-way"):
        write_incidents_csv(reports(), path)
    assert path.read_text(encoding="utf-8") == "old content\n"
    assert temp_files(tmp_path) == []
