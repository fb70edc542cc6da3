"""Typed values passed between the pipeline stages.

ingest -> ``Document``; recognise -> ``Mention``; the gazetteer -> ``Entry``;
resolve -> ``Place`` (an ``Entry`` chosen for a ``Mention``); the whole result -> ``Report``.
Coordinates are always ``lat, lon`` here; only the exporters write GeoJSON's
``lon, lat`` order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas

# Roles a place mention can play in an article.
ROLE_PLACE = "place"  # a literal place ("strikes in Kirkuk")
ROLE_DATELINE = "dateline"  # where the report was filed ("Erbil, Kurdistan Region —")
ROLE_DEMONYM = "demonym"  # an adjective or demonym standing for its country ("Iraqi")
ROLE_METONYM = "metonym"  # a capital standing for its government ("Tehran says")
ROLES = (ROLE_PLACE, ROLE_DATELINE, ROLE_DEMONYM, ROLE_METONYM)


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read from the input, with whatever metadata came with it."""

    id: str
    text: str
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    origin: str | None = None  # file path, "stdin", or "path:line" for corpora


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the document text that names a place."""

    start: int
    end: int
    text: str
    label: str  # spaCy label (GPE, LOC, FAC, NORP) or "GAZ" for gazetteer matches
    role: str = ROLE_PLACE
    origin: str = "ner"  # "ner", "gazetteer", "dateline", "given"


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the gazetteer: a place with its coordinates and hierarchy."""

    id: int
    source: str  # e.g. "geonames:95446", "iso3166-2:IQ-AR", "curated:facilities:k1-air-base"
    name: str
    feature: str  # country, admin1, city, county, sea, military_base, region, ...
    lat: float
    lon: float
    country_code: str | None = None
    admin1: str | None = None
    admin1_code: str | None = None
    population: int = 0
    radius_km: float = 0.0
    capital: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    """A mention with its resolution; ``lat``/``lon`` are None when unresolved."""

    start: int
    end: int
    text: str
    role: str
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    source: str | None = None
    confidence: float = 0.0
    reasons: tuple[str, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.lat is not None and self.lon is not None

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "feature": self.feature,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "source": self.source,
            "confidence": round(self.confidence, 3),
            "role": self.role,
        }
        if explain:
            out["reasons"] = list(self.reasons)
        return out


@dataclass(frozen=True, slots=True)
class Report:
    """Everything geomap found in one document."""

    document: Document
    places: tuple[Place, ...] = ()
    incidents: tuple[Any, ...] = field(default=())

    @property
    def id(self) -> str:
        return self.document.id

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        published = self.document.published
        return {
            "id": self.document.id,
            "published": published.isoformat() if published else None,
            "places": [place.to_dict(explain) for place in self.places],
            "incidents": [incident.to_dict() for incident in self.incidents],
        }

    def to_geojson(self) -> dict[str, Any]:
        """The report as an RFC 7946 FeatureCollection (see ``geomap.export``)."""
        from geomap.export import report_to_geojson

        return report_to_geojson(self)

    def to_geodataframe(self) -> geopandas.GeoDataFrame:
        """The resolved places as a GeoDataFrame in EPSG:4326 (needs geopandas)."""
        from geomap.export import report_to_geodataframe

        return report_to_geodataframe(self)

    def to_map(self) -> folium.Map:
        """A folium map of the report (see ``geomap.render``)."""
        from geomap.render import render_map

        return render_map([self])
