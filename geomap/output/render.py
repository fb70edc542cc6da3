"""The HTML map: a folium page that needs no network to display.

Leaflet and Leaflet.markercluster are written into the page from the ``folium-offline``
package; geomap's own script (``assets/map.js``) and style (``assets/map.css``) follow,
then the map's data as one JSON document. The script builds, from that data, a clustered
layer per event type, a places layer, a legend, a time control over the incident dates,
the article panel with each recognised place name linked to its marker, and a basemap of
country outlines for when the online tiles cannot load.

Article text is untrusted. It reaches the page only inside the JSON document (with ``<``,
``>`` and ``&`` written as JSON escapes, so it cannot end the script element) and the
script puts it in the page as text, never as HTML.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

import folium
from branca.element import Element, Figure, MacroElement
from folium.plugins import MarkerCluster

from geomap.errors import ExportError
from geomap.kb import ATTRIBUTION
from geomap.kb.countries import alpha2, country_name, countryinfo_records
from geomap.kb.features import AREA_FEATURES
from geomap.output.files import atomic_write
from geomap.output.palette import (
    EVENT_COLOURS,
    ROLE_COLOURS,
    event_colour,
    event_symbol,
    in_key_order,
)
from geomap.output.schema import iter_incidents

if TYPE_CHECKING:  # pragma: no cover
    from geomap.models import Document, Incident, Place, Report

__all__ = ["EVENT_COLOURS", "ROLE_COLOURS", "map_data", "map_html", "render_map", "write_map"]

TIME_PRECISION_WORDS = {1: "exact day", 2: "within a week", 3: "within a month",
                        4: "season or year"}  # fmt: skip
GEO_PRECISION_WORDS = {1: "the named town or site", 2: "near a town or part of a region",
                       3: "a larger region, sea or country"}  # fmt: skip
TILE_ATTRIBUTION = "&copy; OpenStreetMap contributors"
OUTLINE_ATTRIBUTION = "Country outlines: countryinfo"
OUTLINE_DIGITS = 3  # about 100 m, far finer than the outlines themselves
INCIDENT_FIELDS = (
    "key", "lat", "lon", "event_type", "sub_event_type", "event_date", "time_precision",
    "date_text", "actor1", "actor2", "fatalities", "location", "admin1", "country",
    "geo_precision", "notes", "evidence", "sources", "doc", "confidence", "approximate",
    "area",
)  # fmt: skip
PLACE_FIELDS = (
    "key", "lat", "lon", "name", "text", "role", "feature", "country_code", "admin1",
    "confidence", "source", "doc", "count", "approximate",
)  # fmt: skip


# Columns whose values repeat from row to row ("Explosions/Remote violence", a document's
# id): the page carries each distinct string once, in ``strings``, and the rows its index.
INCIDENT_INTERNED = ("event_type", "sub_event_type", "date_text", "actor1", "actor2",
                     "location", "admin1", "country", "sources", "doc")  # fmt: skip
PLACE_INTERNED = ("name", "role", "feature", "country_code", "admin1", "source", "doc")


class RenderError(ExportError):
    """The page cannot be made self-contained (an asset is missing)."""


# ---------------------------------------------------------------- the map's data


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-") or "other"


def _event_types(incidents: Iterable[Incident]) -> list[list[Any]]:
    """[name, colour, symbol, css key, count] per event type present, ACLED's order first."""
    counts = Counter(incident.event_type for incident in incidents)
    return [
        [name, event_colour(name), event_symbol(name), _slug(name), counts[name]]
        for name in in_key_order(counts, EVENT_COLOURS)
    ]


def _evidence(incident: Incident, document: Document) -> tuple[str | None, list[int] | None]:
    """The evidence sentence as offsets into the document's text when it is there (the
    page shows that text anyway), else as text."""
    first = incident.evidence[0] if incident.evidence else None
    if first is None:
        return None, None
    if first.document_id == document.id and document.text[first.start : first.end] == first.text:
        return None, [first.start, first.end]
    return first.text, None


def _incident_row(incident: Incident, key: str, document: Document) -> list[Any]:
    """A located incident's row."""
    feature = incident.location_feature
    notes, evidence = _evidence(incident, document)
    country = country_name(incident.country_code)
    approximate = feature in AREA_FEATURES or (feature is None and incident.geo_precision == 3)
    is_country = feature == "country" or (
        feature is None and bool(country) and incident.location == country
    )
    values = {
        "key": key,
        "lat": round(cast(float, incident.lat), 6),
        "lon": round(cast(float, incident.lon), 6),
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "event_date": incident.event_date.isoformat() if incident.event_date else None,
        "time_precision": incident.time_precision,
        "date_text": incident.date_text,
        "actor1": incident.actor1,
        "actor2": incident.actor2,
        "fatalities": incident.fatalities,
        "location": incident.location,
        "admin1": incident.admin1,
        "country": country,
        "geo_precision": incident.geo_precision,
        "notes": notes,
        "evidence": evidence,
        "sources": list(incident.sources),
        "doc": document.id,
        "confidence": round(incident.confidence, 2),
        "approximate": approximate,
        "area": incident.country_code.upper() if is_country and incident.country_code else None,
    }
    return [values[field] for field in INCIDENT_FIELDS]


def _place_row(place: Place, key: str, doc_id: str) -> list[Any]:
    """A resolved place's row; its ``count`` of mentions starts at 0."""
    values = {
        "key": key,
        "lat": round(cast(float, place.lat), 6),
        "lon": round(cast(float, place.lon), 6),
        "name": place.name,
        "text": place.text,
        "role": place.role,
        "feature": place.feature,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "confidence": round(place.confidence, 2),
        "source": place.source,
        "doc": doc_id,
        "count": 0,
        "approximate": place.feature in AREA_FEATURES,
    }
    return [values[field] for field in PLACE_FIELDS]


def map_data(reports: Sequence[Report]) -> dict[str, Any]:
    """Everything the page draws, as plain JSON values.

    Incidents and places are column tables (``columns`` and ``rows``) to keep large maps
    small: their repeated strings are indexes into ``strings``, and an incident's evidence
    sentence is offsets into its document's text when it is found there. Each located
    incident and each distinct resolved place (per document, gazetteer record and role)
    gets a marker key; a document's ``names`` are its place mentions as
    ``[start, end, key]``: the key of the incident located by that mention, else of the
    mention's place, else null when it was not resolved. The places layer holds the places
    that some mention names other than as an incident's location."""
    incident_rows, keys = [], {}
    located = [(i, doc) for i, doc in iter_incidents(reports) if i.located]
    documents_by_id = {report.id: report.document for report in reports}
    for number, (incident, doc_id) in enumerate(located):
        key = keys[incident] = f"i{number}"
        incident_rows.append(_incident_row(incident, key, documents_by_id[doc_id]))

    # (document, gazetteer record, role) -> row
    place_rows: dict[tuple[str, str | None, str], list[Any]] = {}
    count_at = PLACE_FIELDS.index("count")
    documents = []
    for report in reports:
        spans = {
            tuple(incident.location_span): keys[incident]
            for incident in report.incidents
            if incident in keys and incident.location_span
        }
        names = []
        for place in report.places:
            shown = spans.get((place.start, place.end))
            if shown is None and place.resolved:
                identity = (report.id, place.source, place.role)
                row = place_rows.get(identity)
                if row is None:
                    row = place_rows[identity] = _place_row(place, f"p{len(place_rows)}", report.id)
                row[count_at] += 1
                shown = row[0]
            names.append([place.start, place.end, shown])
        document = report.document
        documents.append(
            {
                "id": report.id,
                "title": document.title,
                "url": document.url,
                "origin": document.origin,
                "published": document.published.isoformat() if document.published else None,
                "text": document.text,
                "names": sorted(names),
            }
        )
    strings: dict[str, int] = {}
    return {
        "incidents": _interned(INCIDENT_FIELDS, incident_rows, INCIDENT_INTERNED, strings),
        "places": _interned(PLACE_FIELDS, list(place_rows.values()), PLACE_INTERNED, strings),
        "strings": list(strings),
        "documents": documents,
        "event_types": _event_types(i for i, _ in located),
        "roles": ROLE_COLOURS,
        "outlines": country_outlines(),
        "outline_attribution": OUTLINE_ATTRIBUTION,
        "attribution": ATTRIBUTION,  # on the map whatever the basemap
        "words": {"time_precision": TIME_PRECISION_WORDS, "geo_precision": GEO_PRECISION_WORDS},
    }


def _interned(
    columns: Sequence[str], rows: list[list[Any]], interned: Sequence[str], strings: dict[str, int]
) -> dict[str, Any]:
    """A column table whose ``interned`` columns hold indexes into the shared ``strings``
    (a list of strings, a list of indexes); null stays null."""

    def index(value: str) -> int:
        return strings.setdefault(value, len(strings))

    positions = [columns.index(name) for name in interned]
    for row in rows:
        for at in positions:
            value = row[at]
            if isinstance(value, list):
                row[at] = [index(item) for item in value]
            elif value is not None:
                row[at] = index(value)
    return {"columns": list(columns), "interned": list(interned), "rows": rows}


def _rounded(coordinates: Any) -> Any:
    if coordinates and isinstance(coordinates[0], int | float):
        return [round(value, OUTLINE_DIGITS) for value in coordinates]
    return [_rounded(part) for part in coordinates]


@cache
def country_outlines() -> dict[str, dict[str, Any]]:
    """Country outline geometries (GeoJSON) by ISO alpha-2 code, from ``countryinfo``'s
    data: the offline basemap and the areas of country-level incidents."""
    outlines = {}
    for record in countryinfo_records():
        code = alpha2(record)
        features = (record.get("geoJSON") or {}).get("features") or []
        if code and features and features[0].get("geometry"):
            geometry = features[0]["geometry"]
            outlines[code.upper()] = {
                "type": geometry["type"],
                "coordinates": _rounded(geometry["coordinates"]),
            }
    return outlines


# ---------------------------------------------------------------- the page


@cache
def _offline_assets() -> dict[str, str]:
    """Leaflet's and Leaflet.markercluster's JavaScript and CSS, by folium's CDN address,
    as the ``folium-offline`` package embeds them."""
    try:
        from offlinefolium.elements import _res as embedded
    except ImportError as err:  # pragma: no cover - a dependency of geomap
        raise RenderError(f"the offline map needs folium-offline ({err})") from None
    return embedded


def _asset(url: str) -> str:
    text = _offline_assets().get(url)
    if text is None:
        raise RenderError(f"folium-offline does not embed {url}; folium and folium-offline differ")
    if "</script" in text.lower() or "</style" in text.lower():
        raise RenderError(f"{url} cannot be inlined: it contains a closing tag")
    return text


def _own_asset(name: str) -> str:
    return resources.files("geomap.output").joinpath("assets", name).read_text(encoding="utf-8")


def _scripts() -> list[str]:
    leaflet = dict(folium.Map.default_js)["leaflet"]
    cluster = dict(MarkerCluster.default_js)["markerclusterjs"]
    return [_asset(leaflet), _asset(cluster), _own_asset("map.js")]


def _styles() -> list[str]:
    leaflet = dict(folium.Map.default_css)["leaflet_css"]
    return [
        _asset(leaflet),
        *(_asset(url) for _, url in MarkerCluster.default_css),
        _own_asset("map.css"),
    ]


def json_for_script(value: Any) -> str:
    """JSON that is safe inside a ``<script type="application/json">`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class OfflineMap(folium.Map):
    """A folium map that loads nothing from a CDN: geomap writes its assets into the page."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 - folium's class attributes
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


class _Verbatim(Element):
    """Text that goes into the page as it is. Unlike branca's ``Element``, it is not
    compiled as a Jinja template, which for a map of many incidents would cost seconds."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class _MapContent(MacroElement):
    """The inlined assets, the article panel, the map's data and the call that draws it."""

    def __init__(self, data: dict[str, Any], title: str, control: str, tiles: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca is not typed
        self._name = "geomap_content"
        self.data = data
        self.title = title
        self.control = control
        self.tiles = tiles

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # branca's says str
        figure = cast(Figure, self.get_root())
        parent = cast(Element, self._parent)
        name = self.get_name()
        styles = "".join(f"<style>{style}</style>\n" for style in _styles())
        scripts = "".join(f"<script>{script}</script>\n" for script in _scripts())
        header = f"<title>{html.escape(self.title)}</title>\n{styles}{scripts}"
        body = (
            '<div id="geomap-panel"><button class="geomap-panel-toggle" type="button">'
            'Article text</button><div class="geomap-panel-body"></div></div>\n'
            f'<script type="application/json" id="{name}_data">'
            f"{json_for_script(self.data)}</script>"
        )
        script = (
            f"var {name} = geomapBuild({parent.get_name()}, {self.control}, "
            f'{self.tiles}, "{name}_data");'
        )
        figure.header.add_child(_Verbatim(header), name=name)
        figure.html.add_child(_Verbatim(body), name=name)
        figure.script.add_child(_Verbatim(script), name=name)


def _title(reports: Sequence[Report]) -> str:
    if len(reports) == 1:
        document = reports[0].document
        return f"geomap: {document.title or document.id}"
    return f"geomap: {len(reports)} documents"


def _tile_layer(tiles: str) -> folium.TileLayer | None:
    """The online basemap: OpenStreetMap, none, or the user's own tile server."""
    if tiles == "none":
        return None
    if tiles == "osm":
        return folium.TileLayer("OpenStreetMap", attr=TILE_ATTRIBUTION, name="OpenStreetMap")
    host = html.escape(urlsplit(tiles).hostname or "your tile server")
    return folium.TileLayer(tiles, attr=f"Tiles: {host}", name="Online tiles")


def render_map(reports: Sequence[Report], tiles: str = "osm") -> folium.Map:
    """A folium map of the reports' incidents and places that displays with no network.

    ``tiles`` is the online basemap: ``"osm"``, ``"none"`` (country outlines only, so that
    viewing the map asks no server anything) or a tile URL template."""
    reports = list(reports)
    fmap = OfflineMap(location=[20.0, 0.0], zoom_start=2, tiles=None, control_scale=True)
    layer = _tile_layer(tiles)
    if layer is not None:
        layer.add_to(fmap)
    control = folium.LayerControl(collapsed=False).add_to(fmap)
    data = map_data(reports)
    data["tiles_name"] = layer.tile_name if layer is not None else None
    tiles_variable = layer.get_name() if layer is not None else "null"
    _MapContent(data, _title(reports), control.get_name(), tiles_variable).add_to(fmap)
    return fmap


def map_html(reports: Sequence[Report], tiles: str = "osm") -> str:
    """The map of the reports as one standalone HTML page."""
    return render_map(reports, tiles).get_root().render()


def write_map(reports: Sequence[Report], path: str | Path, tiles: str = "osm") -> Path:
    """Write the reports' map as a standalone HTML file, atomically."""
    page = map_html(reports, tiles)
    with atomic_write(path) as stream:
        stream.write(page)
    return Path(path)
