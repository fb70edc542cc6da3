"""Colours and symbols shared by every output that draws incidents and places: the HTML
map, its legend, and the default QGIS style of the GeoPackage."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from geomap.models import Role

# ACLED's six event types, in ACLED's precedence order, each with its colour and a
# one-letter symbol drawn on its marker (none of the colours is a place role's colour).
EVENT_COLOURS = {
    "Battles": "#e41a1c",
    "Protests": "#e6ab02",
    "Riots": "#a65628",
    "Explosions/Remote violence": "#e7298a",
    "Violence against civilians": "#00a6a6",
    "Strategic developments": "#737373",
}
EVENT_SYMBOLS = {
    "Battles": "B",
    "Protests": "P",
    "Riots": "R",
    "Explosions/Remote violence": "E",
    "Violence against civilians": "V",
    "Strategic developments": "S",
}
OTHER_EVENT_COLOUR = "#bdbdbd"  # an event type outside the taxonomy
OTHER_EVENT_SYMBOL = "?"

ROLE_COLOURS: dict[str, str] = {
    Role.PLACE: "#1f78b4",
    Role.DATELINE: "#6a3d9a",
    Role.DEMONYM: "#33a02c",
    Role.METONYM: "#ff7f00",
    Role.EMBEDDED: "#b15928",
}


def in_key_order(values: Iterable[str | None], known: Mapping[str, str]) -> list[str]:
    """The distinct values present, those that are keys of ``known`` in its order (ACLED's
    precedence for event types), then the rest by name: the order of legends and styles."""
    present = {value for value in values if value is not None}
    return [key for key in known if key in present] + sorted(present - set(known))


def event_colour(event_type: str | None) -> str:
    """The colour of an event type; grey for one outside ACLED's taxonomy."""
    return EVENT_COLOURS.get(event_type or "", OTHER_EVENT_COLOUR)


def event_symbol(event_type: str | None) -> str:
    """The one-letter symbol of an event type."""
    return EVENT_SYMBOLS.get(event_type or "", OTHER_EVENT_SYMBOL)
