"""The HTML map (folium): a layer of the places each report names.

Article text is untrusted: everything taken from it is HTML-escaped before it
reaches a popup or tooltip.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.export import ATTRIBUTION, atomic_write
from geomap.models import ROLE_DATELINE, ROLE_DEMONYM, ROLE_METONYM, Place, Report

if TYPE_CHECKING:  # pragma: no cover
    import folium

ROLE_COLOURS = {"place": "#1f78b4", ROLE_DATELINE: "#6a3d9a", ROLE_DEMONYM: "#33a02c",
                ROLE_METONYM: "#ff7f00"}  # fmt: skip
AREA_FEATURES = {"country", "continent", "region", "admin1", "ocean", "sea", "gulf", "bay",
                 "strait", "lake", "archipelago", "mountain_range", "desert", "peninsula",
                 "valley", "delta", "plain", "plateau", "forest", "national_park"}  # fmt: skip
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
    cells = "".join(
        f"<tr><th>{_escape(label)}</th><td>{_escape(str(value))}</td></tr>"
        for label, value in rows
        if value is not None
    )
    return f'<table class="geomap-popup">{cells}</table>'


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
    """A folium map with one marker per distinct place and role, fitted to them."""
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
