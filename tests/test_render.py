"""The HTML map: markers, popups, attribution, incident layers and legend, and that
article text cannot inject markup or script into the page (string checks on the
rendered HTML; no browser)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest

from geomap.models import Document, Evidence, Incident, Place, Report
from geomap.render import EVENT_COLOURS, ROLE_COLOURS, render_map, write_map

pytestmark = [pytest.mark.model, pytest.mark.gazetteer]

TEXT = (
    "Rockets hit Kirkuk and Mosul on Friday. Later, more rockets hit Kirkuk, and a drone "
    "struck near Umm Qasr. Militants fled toward the village of Qwertzabad."
)
SCRIPT = "<script>window.x=1</script>"
IMG = "<img src=x onerror=alert(1)>"
MARKER = "L.circleMarker("


def page_of(reports) -> str:
    return render_map(reports).get_root().render()


def popup_row(label: str, value: str) -> str:
    return f"<tr><th>{label}</th><td>{html.escape(value)}</td></tr>"


# a marker and the layer (feature group) it is added to, as folium writes them
MARKER_IN_LAYER = re.compile(r"L\.circleMarker\(\s*\[[^\]]*\],\s*(\{[^}]*\})\s*\)\.addTo\((\w+)\)")
# the overlays of the layer control: "name" : variable,
OVERLAY = re.compile(r'"((?:[^"\\]|\\.)*)"\s*:\s*(feature_group_\w+)\s*,')


def layer_names(page: str) -> dict[str, str]:
    """The overlay layers of the page: the feature group variable -> the name shown."""
    return {var: json.loads(f'"{name}"') for name, var in OVERLAY.findall(page)}


def markers_by_layer(page: str) -> dict[str, list[dict]]:
    """The options of each circle marker, by the name of the layer it is in."""
    names = layer_names(page)
    markers: dict[str, list[dict]] = {name: [] for name in names.values()}
    for options, var in MARKER_IN_LAYER.findall(page):
        markers[names[var]].append(json.loads(options))
    return markers


@pytest.fixture(scope="module")
def report(pipeline):
    return pipeline.parse(TEXT, published="2024-05-14", id="render-doc")


@pytest.fixture(scope="module")
def page(report):
    return page_of([report])


def test_one_marker_per_distinct_place(report, page):
    resolved = [p for p in report.places if p.resolved]
    assert [p.name for p in resolved].count("Kirkuk") == 2  # named twice, one marker
    distinct = {(p.source, p.role) for p in resolved}
    assert len(distinct) == 3  # Kirkuk, Mosul, Umm Qasr
    assert len(markers_by_layer(page)["Places"]) == len(distinct)
    assert "Kirkuk (place, named 2×)" in page
    assert "Mosul (place, named 1×)" in page


def test_unresolved_places_get_no_marker(report, page):
    unresolved = [p for p in report.places if not p.resolved]
    assert [p.text for p in unresolved] == ["Qwertzabad"]
    assert popup_row("Text", "Qwertzabad") not in page
    assert "Qwertzabad (place" not in page


def test_popups_carry_name_text_and_confidence(report, page):
    umm_qasr = next(p for p in report.places if p.text == "Umm Qasr")
    assert umm_qasr.name != umm_qasr.text  # the gazetteer spelling differs from the text
    for place in {(p.source, p.role): p for p in report.places if p.resolved}.values():
        assert popup_row("Place", place.name) in page, place.name
        assert popup_row("Text", place.text) in page, place.text
        assert popup_row("Confidence", f"{place.confidence:.2f}") in page
        assert popup_row("Source", place.source) in page
    assert popup_row("Document", "render-doc") in page


def test_marker_positions(report, page):
    for place in report.places:
        if place.resolved:
            assert re.search(rf"\[{re.escape(str(place.lat))},\s*{re.escape(str(place.lon))}\]",
                             page), place.name  # fmt: skip


def test_attribution_in_page(page):
    assert "GeoNames (CC BY 4.0)" in page
    assert "OpenStreetMap contributors" in page


def test_write_map(tmp_path, report):
    path = write_map([report], tmp_path / "maps" / "article.html")
    assert path == tmp_path / "maps" / "article.html"
    written = path.read_text(encoding="utf-8")
    assert written.lstrip().lower().startswith("<!doctype html>")
    assert written.rstrip().endswith("</html>")
    assert len(markers_by_layer(written)["Places"]) == 3
    assert "GeoNames (CC BY 4.0)" in written
    assert [p.name for p in path.parent.iterdir()] == ["article.html"]


def test_empty_report_renders_a_valid_page(tmp_path):
    empty = Report(Document(id="empty", text=""))
    page = page_of([empty])
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert page.rstrip().endswith("</html>")
    assert "L.map(" in page
    assert MARKER not in page
    assert "GeoNames (CC BY 4.0)" in page
    path = write_map([], tmp_path / "none.html")
    assert "L.map(" in path.read_text(encoding="utf-8")


# -- safety: article text is untrusted ---------------------------------------------------------


def assert_no_injection(page: str) -> None:
    assert "<script>window.x" not in page
    assert "<img src=x" not in page
    assert "onerror=alert(1)>" not in page
    # every script element the page opens is folium's own and is closed once
    assert page.count("<script") == page.count("</script>")


def test_parsed_article_with_markup_is_escaped(pipeline):
    text = f"Shelling hit Mosul {SCRIPT} overnight, and {IMG} Kirkuk was quiet, officials said."
    report = pipeline.parse(text, id=f"doc{SCRIPT}")
    assert {"Mosul", "Kirkuk"} <= {p.name for p in report.places}
    page = page_of([report])
    assert_no_injection(page)
    assert "&lt;script&gt;window.x=1&lt;/script&gt;" in page  # the document id, escaped


@pytest.fixture
def hostile_report() -> Report:
    text = f"Mosul {SCRIPT} {IMG}"
    place = Place(
        start=0, end=5, text=SCRIPT, role="place", name=f"Mosul {IMG}", lat=36.335,
        lon=43.11889, feature="city", country_code="IQ", admin1=IMG,
        source=f"user:{SCRIPT}", confidence=0.75,
    )  # fmt: skip
    area = Place(
        start=6, end=10, text=IMG, role="dateline", name=SCRIPT, lat=33.0, lon=44.0,
        feature="country", country_code="IQ", source="user:area", confidence=0.5,
    )  # fmt: skip
    return Report(Document(id=f"doc {SCRIPT}", text=text), (place, area))


def test_hostile_names_and_texts_are_escaped(hostile_report):
    page = page_of([hostile_report])
    assert_no_injection(page)
    assert page.count(MARKER) == 2
    escaped_script = "&lt;script&gt;window.x=1&lt;/script&gt;"
    assert popup_row("Text", SCRIPT) in page
    assert popup_row("Place", f"Mosul {IMG}") in page
    assert escaped_script in page
    assert html.escape(IMG) in page


@pytest.mark.parametrize(
    "payload",
    ["${alert(document.domain)}", "`+alert(document.domain)+`"],
    ids=["template-substitution", "backtick"],
)
@pytest.mark.parametrize("field", ["name", "text", "doc_id"])
def test_text_cannot_break_out_of_javascript_strings(payload, field):
    """folium puts popup and tooltip HTML inside JavaScript template literals, where
    ``${...}`` runs and a backtick ends the string: HTML escaping alone is not enough."""
    values = {"name": "Mosul", "text": "Mosul", "doc_id": "doc"}
    values[field] = f"Mosul {payload}"
    place = Place(
        start=0, end=5, text=values["text"], role="place", name=values["name"], lat=36.335,
        lon=43.11889, feature="city", country_code="IQ", source="geonames:99072",
        confidence=0.9,
    )  # fmt: skip
    page = page_of([Report(Document(id=values["doc_id"], text="Mosul"), (place,))])
    assert MARKER in page
    # a JavaScript escape (\${, \`) or an HTML one (&#36;, &#96;) would both be safe
    unescaped = re.search(r"(?<!\\)" + re.escape(payload), page)
    assert unescaped is None, page[unescaped.start() - 200 : unescaped.end() + 50]


def test_corpus_id_cannot_run_script(tmp_path, pipeline):
    """End to end: a JSONL corpus (untrusted input) whose id is a template substitution."""
    from geomap.ingest import read_documents

    payload = "${alert(document.domain)}"
    line = json.dumps({"id": f"a{payload}", "text": "Shelling hit Mosul on Friday."})
    (tmp_path / "corpus.jsonl").write_text(line + "\n", encoding="utf-8")
    documents = list(read_documents([tmp_path / "corpus.jsonl"]))
    reports = list(pipeline.parse_many(documents))
    assert [p.name for p in reports[0].places] == ["Mosul"]
    page = write_map(reports, tmp_path / "corpus.html").read_text(encoding="utf-8")
    assert MARKER in page
    assert re.search(r"(?<!\\)" + re.escape(payload), page) is None


# -- incidents ---------------------------------------------------------------------------------

HOSTILE_SENTENCE = "Rockets hit <script>alert(1)</script> K-1 base `+alert(2)+` at ${dawn}."


def incident(id: str, event_type: str, sub_event_type: str, lat=None, lon=None, **more):
    text = more.pop("sentence", f"Something happened ({id}).")
    evidence = Evidence(document_id="doc-1", start=0, end=len(text), text=text, trigger_start=0,
                        trigger_end=4, source=more.pop("source", None))  # fmt: skip
    return Incident(id=id, event_type=event_type, sub_event_type=sub_event_type,
                    evidence=(evidence,), lat=lat, lon=lon, **more)  # fmt: skip


@pytest.fixture
def incidents_report() -> Report:
    k1 = incident(
        "i1", "Explosions/Remote violence", "Shelling/artillery/missile attack", 35.51, 44.28,
        sentence=HOSTILE_SENTENCE, source="https://news.example/k1",
        event_date=dt.date(2019, 12, 27), time_precision=1, date_text="on Friday",
        location="K-1 Air Base", geo_precision=1, admin1="Kirkuk", actor1="Kata'ib Hezbollah",
        actor2="Military Forces of the United States", fatalities=1, confidence=0.8,
    )  # fmt: skip
    drone = incident(
        "i2", "Explosions/Remote violence", "Air/drone strike", 33.26, 44.23,
        event_date=dt.date(2019, 12, 1), time_precision=3, location="Al-Qaim", geo_precision=2,
    )  # fmt: skip
    protest = incident(
        "i3", "Protests", "Peaceful protest", 30.51, 47.78, event_date=dt.date(2019, 6, 1),
        time_precision=4, location="Basra", geo_precision=1, fatalities=0,
    )  # fmt: skip
    nowhere = incident("i4", "Battles", "Armed clash")  # not located: no layer, no marker
    place = Place(start=0, end=6, text="Erbil", role="dateline", name="Erbil", lat=36.19,
                  lon=44.01, feature="city", country_code="IQ", source="geonames:95446",
                  confidence=0.9)  # fmt: skip
    document = Document(id="doc-1", text=HOSTILE_SENTENCE)
    return Report(document, (place,), (k1, drone, protest, nowhere))


@pytest.fixture
def incidents_page(incidents_report) -> str:
    return page_of([incidents_report])


def legend_of(page: str) -> str:
    match = re.search(r'<div class="geomap-legend".*?</div></div>', page, re.S)
    assert match, "no legend"
    return match.group(0)


def test_a_layer_per_event_type_present(incidents_page):
    markers = markers_by_layer(incidents_page)
    assert set(markers) == {"Places", "Explosions/Remote violence (2)", "Protests (1)"}
    assert len(markers["Explosions/Remote violence (2)"]) == 2
    assert len(markers["Protests (1)"]) == 1
    assert len(markers["Places"]) == 1  # the places layer stays


def test_each_event_type_has_its_own_colour(incidents_page):
    markers = markers_by_layer(incidents_page)
    explosions = {m["fillColor"] for m in markers["Explosions/Remote violence (2)"]}
    protests = {m["fillColor"] for m in markers["Protests (1)"]}
    assert explosions == {EVENT_COLOURS["Explosions/Remote violence"]}
    assert protests == {EVENT_COLOURS["Protests"]}
    assert len(set(EVENT_COLOURS.values())) == len(EVENT_COLOURS) == 6
    assert not set(ROLE_COLOURS.values()) & set(EVENT_COLOURS.values())


def test_incident_popup_rows(incidents_page):
    for row in [
        popup_row("Date", "2019-12-27 (exact day)"),
        popup_row("Date in text", "on Friday"),
        popup_row("Event", "Explosions/Remote violence / Shelling/artillery/missile attack"),
        popup_row("Actor 1", "Kata'ib Hezbollah"),
        popup_row("Actor 2", "Military Forces of the United States"),
        popup_row("Fatalities", "1"),
        popup_row("Location", "K-1 Air Base, Kirkuk (geo precision 1: the named town or site)"),
        popup_row("Source", "https://news.example/k1"),
        popup_row("Date", "2019-12-01 (within a month)"),
        popup_row("Date", "2019-06-01 (season or year)"),
        popup_row("Fatalities", "0"),
        popup_row("Location", "Al-Qaim (geo precision 2: near a town or part of a region)"),
    ]:
        assert row in incidents_page, row


def test_incident_popup_escapes_the_evidence_sentence(incidents_page):
    escaped = (
        "Rockets hit &lt;script&gt;alert(1)&lt;/script&gt; K-1 base &#96;+alert(2)+&#96; "
        "at &#36;{dawn}."
    )
    assert f"<tr><th>Evidence</th><td>{escaped}</td></tr>" in incidents_page
    assert "<script>alert(1)" not in incidents_page
    assert "`+alert(2)+`" not in incidents_page
    assert re.search(r"(?<!\\)\$\{dawn\}", incidents_page) is None
    assert incidents_page.count("<script") == incidents_page.count("</script>")


def test_legend_lists_the_event_types_present(incidents_page):
    legend = legend_of(incidents_page)
    assert "Explosions/Remote violence" in legend
    assert "Protests" in legend
    assert EVENT_COLOURS["Explosions/Remote violence"] in legend
    assert EVENT_COLOURS["Protests"] in legend
    for absent in ("Battles", "Riots", "Violence against civilians", "Strategic developments"):
        assert absent not in legend
    assert legend.index("Protests") < legend.index("Explosions/Remote violence")  # ACLED order


def test_no_incidents_no_legend(hostile_report):
    assert "geomap-legend" not in page_of([hostile_report])


def test_map_fits_incidents_and_places(incidents_page):
    match = re.search(r"fitBounds\(\s*(\[\[.*?\]\])", incidents_page, re.S)
    assert match
    (south, west), (north, east) = json.loads(match.group(1))
    assert (south, west) == (30.51, 44.01)  # Basra's latitude (an incident), Erbil's longitude
    assert (north, east) == (36.19, 47.78)  # Erbil's latitude (a place), Basra's longitude


def test_hostile_event_type_is_escaped():
    odd = incident("x", f"Odd {IMG}", "Other", 33.0, 44.0, sentence="Quiet.")
    page = page_of([Report(Document(id="d", text="Quiet."), (), (odd,))])
    assert_no_injection(page)
    assert f"Odd {html.escape(IMG)}" in legend_of(page)
    assert set(markers_by_layer(page)) == {"Places", f"Odd {html.escape(IMG)} (1)"}
