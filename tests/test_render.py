"""The HTML map: markers, popups, attribution, and that article text cannot inject markup
or script into the page (string checks on the rendered HTML; no browser)."""

from __future__ import annotations

import html
import json
import re

import pytest

from geomap.models import Document, Place, Report
from geomap.render import render_map, write_map

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
    assert page.count(MARKER) == len(distinct)
    assert "Kirkuk (place, named 2×)" in page
    assert "Mosul (place, named 1×)" in page


def test_unresolved_places_get_no_marker(report, page):
    unresolved = [p for p in report.places if not p.resolved]
    assert [p.text for p in unresolved] == ["Qwertzabad"]
    assert "Qwertzabad" not in page


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
    assert written.count(MARKER) == 3
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
