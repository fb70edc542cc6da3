"""The HTML map without a browser: the data the page carries (markers, layers, the
article panel's links, areas), that the page loads nothing from the network, and that
article text cannot end the script element it travels in. ``test_map_browser.py`` drives
the same pages in headless Chromium."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from geomap.models import Document, Evidence, Incident, Place, Report
from geomap.output.palette import EVENT_COLOURS, ROLE_COLOURS
from geomap.output.render import (
    INCIDENT_FIELDS,
    PLACE_FIELDS,
    country_outlines,
    json_for_script,
    map_data,
    map_html,
    render_map,
    write_map,
)

SCRIPT = "<script>window.x=1</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE_SENTENCE = "Rockets hit <script>alert(1)</script> K-1 base `+alert(2)+` at ${dawn}."
DATA_ELEMENT = re.compile(
    r'<script type="application/json" id="(\w+)_data"\s*>(.*?)</script>', re.S
)


def page_data(page: str) -> dict:
    """The JSON document a page carries, as the page's script reads it."""
    found = DATA_ELEMENT.findall(page)
    assert len(found) == 1, "one data element"
    return json.loads(found[0][1])


def rows(data: dict, layer: str) -> list[dict]:
    """A layer's rows as dicts, with interned strings looked up as the page's script does."""
    table, strings = data[layer], data["strings"]

    def value(column, item):
        if column not in table["interned"] or item is None:
            return item
        return [strings[i] for i in item] if isinstance(item, list) else strings[item]

    return [
        {column: value(column, item) for column, item in zip(table["columns"], row, strict=True)}
        for row in table["rows"]
    ]


def incident(id: str, event_type: str, sub_event_type: str, lat=None, lon=None, **more):
    text = more.pop("sentence", f"Something happened ({id}).")
    doc = more.pop("doc", "doc-1")
    evidence = Evidence(document_id=doc, start=0, end=len(text), text=text, trigger_start=0,
                        trigger_end=4, source=more.pop("source", None))  # fmt: skip
    return Incident(id=id, event_type=event_type, sub_event_type=sub_event_type,
                    evidence=(evidence,), lat=lat, lon=lon, **more)  # fmt: skip


def place(start: int, text: str, role="place", **more) -> Place:
    values = {"name": text, "lat": 36.19, "lon": 44.01, "feature": "city",
              "country_code": "IQ", "source": f"geonames:{text}", "confidence": 0.9}  # fmt: skip
    values.update(more)
    return Place(start=start, end=start + len(text), text=text, role=role, **values)


TEXT = "Erbil — Rockets hit K-1 base near Kirkuk. Kirkuk was calm. Strikes hit Iraq. Zzyzx."


@pytest.fixture
def report() -> Report:
    """A dateline, an incident at K-1 base, Kirkuk named twice, a country-level incident,
    a place that was not resolved, and an incident with no location."""
    k1 = incident(
        "i1", "Explosions/Remote violence", "Shelling/artillery/missile attack", 35.51, 44.28,
        sentence=HOSTILE_SENTENCE, source="https://news.example/k1",
        event_date=dt.date(2019, 12, 27), time_precision=1, date_text="on Friday",
        location="K-1 Air Base", location_span=(20, 28), location_feature="military_base",
        geo_precision=1, admin1="Kirkuk",
        actor1="Kata'ib Hezbollah", fatalities=1, confidence=0.8,
    )  # fmt: skip
    country = incident(
        "i2", "Explosions/Remote violence", "Air/drone strike", 33.0, 44.0, country_code="IQ",
        event_date=dt.date(2019, 12, 1), time_precision=3, location="Iraq",
        location_span=(71, 75), location_feature="country", geo_precision=3,
    )  # fmt: skip
    protest = incident("i3", "Protests", "Peaceful protest", 30.51, 47.78, location="Basra")
    nowhere = incident("i4", "Battles", "Armed clash")
    places = (
        place(0, "Erbil", role="dateline"),
        place(20, "K-1 base", name="K-1 Air Base", lat=35.51, lon=44.28,
              feature="military_base", source="curated:k1"),
        place(34, "Kirkuk", lat=35.47, lon=44.39),
        place(42, "Kirkuk", lat=35.47, lon=44.39),
        place(71, "Iraq", lat=33.0, lon=44.0, feature="country"),
        Place(start=77, end=82, text="Zzyzx", role="place"),
    )  # fmt: skip
    assert [TEXT[p.start : p.end] for p in places] == [p.text for p in places]
    return Report(Document(id="doc-1", text=TEXT), places, (k1, country, protest, nowhere))


def test_located_incidents_become_markers_with_acled_values(report):
    incidents = rows(map_data([report]), "incidents")
    assert [i["key"] for i in incidents] == ["i0", "i1", "i2"]  # the battle has no place
    k1 = incidents[0]
    assert (k1["lat"], k1["lon"]) == (35.51, 44.28)
    assert (k1["location"], k1["admin1"]) == ("K-1 Air Base", "Kirkuk")
    assert (k1["event_date"], k1["time_precision"]) == ("2019-12-27", 1)
    assert k1["date_text"] == "on Friday"
    assert k1["notes"] == HOSTILE_SENTENCE  # as data; the page's script shows it as text
    assert k1["sources"] == ["https://news.example/k1"]
    assert (k1["fatalities"], k1["actor1"], k1["confidence"]) == (1, "Kata'ib Hezbollah", 0.8)
    assert not k1["approximate"]
    assert k1["area"] is None


def test_country_level_incident_is_an_area(report):
    country = rows(map_data([report]), "incidents")[1]
    assert country["approximate"]
    assert country["area"] == "IQ"
    assert country["country"] == "Iraq"
    assert "IQ" in country_outlines()
    assert country_outlines()["IQ"]["type"] in {"Polygon", "MultiPolygon"}


def test_a_sea_is_an_approximate_point_not_an_area():
    sea = incident("s", "Explosions/Remote violence", "Remote explosive/landmine/IED",
                   24.5, 58.5, location="Gulf of Oman", location_span=(0, 11),
                   location_feature="gulf", geo_precision=3)  # fmt: skip
    gulf = place(0, "Sea of Oman", name="Gulf of Oman", feature="gulf", country_code=None)
    report = Report(Document(id="d", text="Sea of Oman"), (gulf,), (sea,))
    (row,) = rows(map_data([report]), "incidents")
    assert row["approximate"]
    assert row["area"] is None


def test_places_layer_is_the_mentions_that_are_not_incident_locations(report):
    places = rows(map_data([report]), "places")
    assert [(p["name"], p["role"], p["count"]) for p in places] == [
        ("Erbil", "dateline", 1),
        ("Kirkuk", "place", 2),  # named twice, one marker
    ]
    assert all(not p["approximate"] for p in places)


def test_panel_names_link_to_incident_place_or_nothing(report):
    (document,) = map_data([report])["documents"]
    assert document["text"] == TEXT
    links = {TEXT[start:end]: key for start, end, key in document["names"]}
    assert len(document["names"]) == 6
    assert links == {"Erbil": "p0", "K-1 base": "i0", "Kirkuk": "p1", "Iraq": "i1",
                     "Zzyzx": None}  # fmt: skip
    assert [name[:2] for name in document["names"]] == sorted(n[:2] for n in document["names"])


def test_event_types_in_acled_order_with_colours_and_symbols(report):
    types = map_data([report])["event_types"]
    assert types == [
        ["Protests", EVENT_COLOURS["Protests"], "P", "protests", 1],
        ["Explosions/Remote violence", EVENT_COLOURS["Explosions/Remote violence"], "E",
         "explosions-remote-violence", 2],
    ]  # fmt: skip
    assert len(set(EVENT_COLOURS.values())) == len(EVENT_COLOURS) == 6
    assert not set(ROLE_COLOURS.values()) & set(EVENT_COLOURS.values())


def test_columns_are_declared_once(report):
    data = map_data([report])
    assert data["incidents"]["columns"] == list(INCIDENT_FIELDS)
    assert data["places"]["columns"] == list(PLACE_FIELDS)
    assert all(len(row) == len(INCIDENT_FIELDS) for row in data["incidents"]["rows"])
    assert all(len(row) == len(PLACE_FIELDS) for row in data["places"]["rows"])


def test_incident_held_by_two_reports_is_drawn_once(report):
    second = Report(Document(id="doc-2", text="More."), (), report.incidents[:1])
    incidents = rows(map_data([report, second]), "incidents")
    assert [i["doc"] for i in incidents].count("doc-1") == 3
    assert len(incidents) == 3


def test_repeated_strings_travel_once(report):
    data = map_data([report])
    assert len(data["strings"]) == len(set(data["strings"]))
    assert data["strings"].count("Explosions/Remote violence") == 1
    assert data["strings"].count("doc-1") == 1  # the incidents' and the places' document
    type_at = data["incidents"]["columns"].index("event_type")
    assert isinstance(data["incidents"]["rows"][0][type_at], int)


def test_evidence_in_the_document_travels_as_offsets():
    text = "Erbil — Rockets hit Kirkuk on Friday. Nothing else happened."
    sentence = "Rockets hit Kirkuk on Friday."
    start = text.index(sentence)
    evidence = Evidence(document_id="d", start=start, end=start + len(sentence), text=sentence,
                        trigger_start=start, trigger_end=start + 7)  # fmt: skip
    rockets = Incident(id="r", event_type="Explosions/Remote violence",
                       sub_event_type="Shelling/artillery/missile attack", evidence=(evidence,),
                       lat=35.47, lon=44.39, location="Kirkuk")  # fmt: skip
    data = map_data([Report(Document(id="d", text=text), (), (rockets,))])
    (row,) = rows(data, "incidents")
    assert row["notes"] is None
    assert text[row["evidence"][0] : row["evidence"][1]] == sentence


# -- the page -------------------------------------------------------------------------------------


@pytest.fixture
def page(report) -> str:
    return map_html([report])


def test_page_carries_the_data(report, page):
    expected = {**map_data([report]), "tiles_name": "OpenStreetMap"}
    assert page_data(page) == json.loads(json.dumps(expected))


def test_page_loads_nothing_from_the_network(page):
    assert re.search(r"<script[^>]+src=", page) is None
    assert re.search(r"<link[^>]+href=", page) is None
    assert "@import" not in page
    assert "Leaflet 1.9" in page  # inlined
    assert "markerClusterGroup" in page
    assert "window.geomapBuild" in page


def test_page_credits_its_sources(page):
    assert "GeoNames (CC BY 4.0)" in page
    assert "OpenStreetMap contributors" in page
    assert "countryinfo" in page


def test_article_markup_cannot_end_the_script_element(report, page):
    scripts = re.findall(r"<script\b", page)
    assert len(scripts) == page.count("</script>")
    assert len(scripts) == 6  # Leaflet, markercluster, geomap, folium's switches, data, map
    assert "<script>alert(1)" not in page
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page


@pytest.mark.parametrize("hostile", [SCRIPT, IMG, "</script><script>x()</script>", "<!--",
                                     "\u2028", "&lt;", "]]>", "${x}`"])  # fmt: skip
def test_json_for_script_round_trips_and_hides_markup(hostile):
    text = json_for_script({"text": hostile, hostile: [hostile]})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"text": hostile, hostile: [hostile]}


def test_hostile_document_fields_stay_in_the_data(tmp_path):
    document = Document(id=f"doc {SCRIPT}", text=f"Mosul {SCRIPT} {IMG}", title=IMG,
                        url="javascript:alert(1)")  # fmt: skip
    mosul = place(0, "Mosul", name=f"Mosul {IMG}", admin1=IMG, source=f"user:{SCRIPT}")
    odd = incident("x", f"Odd {IMG}", "Other", 33.0, 44.0, sentence=SCRIPT, doc=document.id)
    report = Report(document, (mosul,), (odd,))
    page = write_map([report], tmp_path / "hostile.html").read_text(encoding="utf-8")
    assert SCRIPT not in page
    assert IMG not in page
    assert "javascript:alert" not in page.split("<body>")[0]  # not in the header
    data = page_data(page)
    assert data["documents"][0]["url"] == "javascript:alert(1)"  # shown as text, never a link
    assert data["event_types"][0][0] == f"Odd {IMG}"
    assert "<title>geomap: &lt;img src=x onerror=alert(1)&gt;</title>" in page


def test_write_map_is_atomic_and_complete(tmp_path, report):
    path = write_map([report], tmp_path / "maps" / "article.html")
    assert path == tmp_path / "maps" / "article.html"
    written = path.read_text(encoding="utf-8")
    assert written.lstrip().lower().startswith("<!doctype html>")
    assert written.rstrip().endswith("</html>")
    assert [p.name for p in path.parent.iterdir()] == ["article.html"]


def test_empty_map_is_a_valid_page(tmp_path):
    page = map_html([Report(Document(id="empty", text=""))])
    data = page_data(page)
    assert data["incidents"]["rows"] == []
    assert data["places"]["rows"] == []
    assert data["event_types"] == []
    assert "L.map(" in page
    assert "L.map(" in write_map([], tmp_path / "none.html").read_text(encoding="utf-8")


def test_render_map_is_a_folium_map_that_saves_offline(tmp_path, report):
    fmap = render_map([report])
    fmap.save(str(tmp_path / "saved.html"))
    saved = (tmp_path / "saved.html").read_text(encoding="utf-8")
    assert re.search(r"<script[^>]+src=", saved) is None
    assert page_data(saved)["documents"][0]["id"] == "doc-1"


@pytest.mark.model
@pytest.mark.gazetteer
def test_parsed_article_with_markup(pipeline):
    text = f"Shelling hit Mosul {SCRIPT} overnight, and {IMG} Kirkuk was quiet, officials said."
    report = pipeline.parse(text, id=f"doc{SCRIPT}")
    assert {"Mosul", "Kirkuk"} <= {p.name for p in report.places}
    page = map_html([report])
    assert SCRIPT not in page
    assert IMG not in page
    assert page_data(page)["documents"][0]["text"] == text


# -- the online basemap ---------------------------------------------------------------------------


def test_default_basemap_is_openstreetmap_with_outlines_as_fallback(page):
    assert "tile.openstreetmap.org" in page
    assert page_data(page)["tiles_name"] == "OpenStreetMap"


def test_no_tiles_means_no_tile_server_in_the_page(report):
    page = map_html([report], tiles="none")
    assert "tile.openstreetmap.org" not in page
    assert "L.tileLayer" not in page
    data = page_data(page)
    assert data["tiles_name"] is None
    assert "GeoNames (CC BY 4.0)" in data["attribution"]


def test_own_tile_server(report):
    page = map_html([report], tiles="https://tiles.internal.example/{z}/{x}/{y}.png")
    assert "https://tiles.internal.example/{z}/{x}/{y}.png" in page
    assert "tile.openstreetmap.org" not in page
    assert "Tiles: tiles.internal.example" in page
