"""The HTML map (folium): one layer per event type of the reports' incidents, each in
its own colour and listed in a legend, and a layer of the places the reports name.

Article text is untrusted: everything taken from it is HTML-escaped before it
reaches a popup, tooltip, layer name or the legend.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.export import ATTRIBUTION, atomic_write, iter_incidents
from geomap.models import ROLE_DATELINE, ROLE_DEMONYM, ROLE_METONYM, Incident, Place, Report

if TYPE_CHECKING:  # pragma: no cover
    import folium

ROLE_COLOURS = {"place": "#1f78b4", ROLE_DATELINE: "#6a3d9a", ROLE_DEMONYM: "#33a02c",
                ROLE_METONYM: "#ff7f00"}  # fmt: skip
AREA_FEATURES = {"country", "continent", "region", "admin1", "ocean", "sea", "gulf", "bay",
                 "strait", "lake", "archipelago", "mountain_range", "desert", "peninsula",
                 "valley", "delta", "plain", "plateau", "forest", "national_park"}  # fmt: skip
# ACLED's six event types, in ACLED's precedence order, each with its marker colour (none
# of them a place role's colour; incident markers also have a dark outline).
EVENT_COLOURS = {
    "Battles": "#e41a1c",
    "Protests": "#e6ab02",
    "Riots": "#a65628",
    "Explosions/Remote violence": "#e7298a",
    "Violence against civilians": "#00a6a6",
    "Strategic developments": "#737373",
}
OTHER_EVENT_COLOUR = "#bdbdbd"  # an event type outside the taxonomy
TIME_PRECISION_WORDS = {1: "exact day", 2: "within a week", 3: "within a month",
                        4: "season or year"}  # fmt: skip
GEO_PRECISION_WORDS = {1: "the named town or site", 2: "near a town or part of a region",
                       3: "a larger region, sea or country"}  # fmt: skip
TILE_ATTRIBUTION = "&copy; OpenStreetMap contributors"
# folium puts popup and tooltip HTML inside JavaScript template literals: besides HTML's
# specials, "`", "$" and "\\" must not reach the page as themselves.
_JS_TEMPLATE_SPECIALS = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


def _escape(text: str) -> str:
    """Text safe inside HTML that folium embeds in a JavaScript template literal."""
    return html.escape(text).translate(_JS_TEMPLATE_SPECIALS)


def _popup_html(place: Place, doc_id: str) -> str:
    rows = [
        ("Place", place.name),
        ("Text", place.text),
        ("Role", place.role),
        ("Type", place.feature),
        ("Country", place.country_code),
        ("Admin1", place.admin1),
        ("Confidence", f"{place.confidence:.2f}"),
        ("Source", place.source),
        ("Document", doc_id),
    ]
    return _table(rows, "geomap-popup")


def _table(rows: list[tuple[str, object]], css_class: str) -> str:
    """A popup table of the rows that have a value, every cell escaped."""
    cells = "".join(
        f"<tr><th>{_escape(label)}</th><td>{_escape(str(value))}</td></tr>"
        for label, value in rows
        if value is not None
    )
    return f'<table class="{css_class}">{cells}</table>'


def _date_text(incident: Incident) -> str:
    if incident.event_date is None:
        return f"unknown ({incident.date_text})" if incident.date_text else "unknown"
    words = TIME_PRECISION_WORDS.get(incident.time_precision)
    date = incident.event_date.isoformat()
    return f"{date} ({words})" if words else date


def _location_text(incident: Incident) -> str | None:
    place = ", ".join(part for part in (incident.location, incident.admin1) if part)
    words = GEO_PRECISION_WORDS.get(incident.geo_precision)
    if words:
        return f"{place} (geo precision {incident.geo_precision}: {words})"
    return place or None


def _incident_popup_html(incident: Incident, doc_id: str) -> str:
    rows = [
        ("Date", _date_text(incident)),
        ("Date in text", incident.date_text),
        ("Event", f"{incident.event_type} / {incident.sub_event_type}"),
        ("Actor 1", incident.actor1),
        ("Actor 2", incident.actor2),
        ("Fatalities", incident.fatalities),
        ("Location", _location_text(incident)),
        ("Evidence", incident.notes or None),
        ("Source", "; ".join(incident.sources) or None),
        ("Document", doc_id),
        ("Confidence", f"{incident.confidence:.2f}"),
    ]
    return _table(rows, "geomap-popup geomap-incident")


def _event_colour(event_type: str) -> str:
    return EVENT_COLOURS.get(event_type, OTHER_EVENT_COLOUR)


def _located_incidents(reports: Iterable[Report]) -> dict[str, list[tuple[Incident, str]]]:
    """Located incidents by event type (taxonomy order, then others by name), each with the
    id of the report it came from; an incident in several reports is drawn once."""
    by_type: dict[str, list[tuple[Incident, str]]] = {}
    for incident, doc_id in iter_incidents(reports):
        if incident.located:
            by_type.setdefault(incident.event_type, []).append((incident, doc_id))
    order = list(EVENT_COLOURS)
    return dict(
        sorted(
            by_type.items(),
            key=lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0]),
        )
    )


def _legend_html(event_types: Iterable[str]) -> str:
    """A small fixed box listing the colour of each event type on the map."""
    items = "".join(
        f'<div><span style="display:inline-block;width:12px;height:12px;border-radius:6px;'
        f'margin-right:6px;vertical-align:middle;background:{_event_colour(event_type)}">'
        f"</span>{_escape(event_type)}</div>"
        for event_type in event_types
    )
    return (
        '<div class="geomap-legend" style="position:fixed;bottom:24px;left:12px;z-index:1000;'
        "background:rgba(255,255,255,0.9);padding:6px 10px;border:1px solid #999;"
        'border-radius:4px;font:12px/1.5 sans-serif">'
        f"<strong>Incidents</strong>{items}</div>"
    )


def _add_incident_layers(fmap: folium.Map, reports: Iterable[Report]) -> list[tuple]:
    """One toggleable layer per event type present, with the legend; returns the points."""
    import folium

    points = []
    by_type = _located_incidents(reports)
    for event_type, incidents in by_type.items():
        colour = _event_colour(event_type)
        name = _escape(f"{event_type} ({len(incidents)})")
        layer = folium.FeatureGroup(name=name, show=True).add_to(fmap)
        for incident, doc_id in incidents:
            where = incident.location or "unnamed place"
            tooltip = _escape(f"{incident.sub_event_type or event_type}: {where}")
            popup = folium.Popup(_incident_popup_html(incident, doc_id), max_width=400)
            folium.CircleMarker(
                [incident.lat, incident.lon], radius=9, color="#222222", weight=2,
                fill=True, fill_color=colour, fill_opacity=0.9, tooltip=tooltip, popup=popup,
            ).add_to(layer)  # fmt: skip
            points.append((incident.lat, incident.lon))
    if by_type:
        fmap.get_root().html.add_child(folium.Element(_legend_html(by_type)))
    return points


def _distinct(reports: Iterable[Report]) -> list[tuple[Place, str, int]]:
    """Resolved places, one per (document, place, role), with how often each was named."""
    counts: dict[tuple, list] = {}
    for report in reports:
        for place in report.places:
            if not place.resolved:
                continue
            key = (report.id, place.source, place.role)
            if key in counts:
                counts[key][2] += 1
            else:
                counts[key] = [place, report.id, 1]
    return [tuple(value) for value in counts.values()]


def render_map(reports: Sequence[Report]) -> folium.Map:
    """A folium map with a layer per event type of the located incidents (drawn over the
    places), a legend of those types, and one marker per distinct place and role in a
    places layer; fitted to the incidents and places."""
    import folium

    fmap = folium.Map(location=[20.0, 0.0], zoom_start=2, tiles=None, control_scale=True)
    folium.TileLayer(
        "OpenStreetMap", attr=f"{TILE_ATTRIBUTION}; {ATTRIBUTION}", name="OpenStreetMap"
    ).add_to(fmap)
    layer = folium.FeatureGroup(name="Places", show=True).add_to(fmap)
    points = []
    for place, doc_id, count in _distinct(reports):
        colour = ROLE_COLOURS.get(place.role, ROLE_COLOURS["place"])
        tooltip = _escape(f"{place.name} ({place.role}, named {count}×)")
        popup = folium.Popup(_popup_html(place, doc_id), max_width=360)
        if place.feature in AREA_FEATURES:
            folium.CircleMarker(
                [place.lat, place.lon], radius=10, color=colour, fill=True, fill_opacity=0.15,
                dash_array="4 4", tooltip=tooltip + " — approximate centre", popup=popup,
            ).add_to(layer)  # fmt: skip
        else:
            folium.CircleMarker(
                [place.lat, place.lon], radius=7, color=colour, fill=True, fill_opacity=0.8,
                tooltip=tooltip, popup=popup,
            ).add_to(layer)  # fmt: skip
        points.append((place.lat, place.lon))
    points += _add_incident_layers(fmap, reports)
    if points:
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        fmap.fit_bounds(
            [[min(lats), min(lons)], [max(lats), max(lons)]], padding=(30, 30), max_zoom=9
        )
    folium.LayerControl(collapsed=False).add_to(fmap)
    return fmap


def write_map(reports: Sequence[Report], path: str | Path) -> Path:
    """Render the reports' map and write it as a standalone HTML file."""
    page = render_map(reports).get_root().render()
    with atomic_write(path) as stream:
        stream.write(page)
    return Path(path)
