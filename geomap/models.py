"""Typed values passed between the pipeline stages.

ingest -> ``Document``; the model -> ``ParsedText`` (in ``Piece``s); recognise ->
``Mention``; the gazetteer -> ``Entry``; resolve -> ``Place`` (an ``Entry`` chosen for a
``Mention``); incidents -> ``Incident`` (with its ``Evidence``); the whole result ->
``Report``, or ``Failure`` for a document that could not be parsed.
Coordinates are always ``lat, lon`` here; only the exporters write GeoJSON's
``lon, lat`` order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas
    from spacy.tokens import Doc


class Role(StrEnum):
    """The role a place mention plays in an article."""

    PLACE = "place"  # a literal place ("strikes in Kirkuk")
    DATELINE = "dateline"  # where the report was filed ("Erbil, Kurdistan Region —")
    DEMONYM = "demonym"  # an adjective or demonym standing for its country ("Iraqi")
    METONYM = "metonym"  # a capital standing for its government ("Tehran says")
    EMBEDDED = "embedded"  # a place named inside an organisation's name ("Aleppo University")


class MentionOrigin(StrEnum):
    """How a place mention was found."""

    NER = "ner"  # a spaCy entity
    GAZETTEER = "gazetteer"  # a gazetteer name in the text
    DATELINE = "dateline"  # the dateline
    REPEAT = "repeat"  # another mention of a place named earlier
    HASHTAG = "hashtag"  # a hashtag ("#Kirkuk")
    GIVEN = "given"  # a span a caller gave (geomap resolve)
    CONTEXT = "context"  # a well-known place named elsewhere in a text whose spans were given


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read from the input, with whatever metadata came with it."""

    id: str
    text: str
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    origin: str | None = None  # file path, "stdin", or "path:line" for corpora


class Piece(NamedTuple):
    """A stretch of a text as the model read it: where it starts in the text, and its Doc."""

    offset: int
    doc: Doc


@dataclass(frozen=True, slots=True)
class ParsedText:
    """A text read by the model, in pieces (a long text is read in chunks). A piece's
    character offsets plus its ``offset`` index ``text``, the text as given; the model may
    have read a re-cased copy of the same length."""

    text: str
    pieces: tuple[Piece, ...]

    def piece_at(self, start: int) -> Piece:
        """The piece that holds the character at ``start``."""
        for piece in reversed(self.pieces):
            if piece.offset <= start:
                return piece
        return self.pieces[0]


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the document text that names a place."""

    start: int
    end: int
    text: str
    label: str  # spaCy label (GPE, LOC, FAC, NORP) or "GAZ" for gazetteer matches
    role: Role = Role.PLACE
    origin: MentionOrigin = MentionOrigin.NER


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
    role: Role
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
class Evidence:
    """Where a report says an incident happened: the sentence and its event word."""

    document_id: str
    start: int  # the sentence, as offsets into that document's text
    end: int
    text: str
    trigger_start: int
    trigger_end: int
    source: str | None = None  # the document's url or origin, when known

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document_id,
            "start": self.start,
            "end": self.end,
            "trigger": {"start": self.trigger_start, "end": self.trigger_end},
            "text": self.text,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class IncidentBasis:
    """What an incident rests on, as the reading of its article found it: the evidence
    its ``confidence`` weighs (``geomap parse --explain`` shows it)."""

    place_from: str  # "own", "container", "context", "focus", "country" or "none"
    geo_precision: int | None
    date_from: str  # "own", "context" or "none"
    time_precision: int | None
    mentions: int  # sentences that tell of it
    in_lead: bool  # the headline or the opening sentences tell of it
    background: bool  # dated well before the article
    generic: bool  # no sentence named its kind ("attack" only)
    acts: int  # sentences that tell the act, not only its outcome or weapon
    references: int  # sentences that name it under a trial or an inquiry
    passing: bool  # only named in passing (a reference to something never told, someone's
    # words without date or place) or background without a date and place of its own
    deaths: bool  # a death toll was given
    actor: bool  # someone is named as having done it
    locator: float  # how sure the event locator was of the place in its sentence

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class Incident:
    """One event an article reports, coded the way ACLED codes events.

    ``event_date`` is the first day of the period the text gives, ``time_precision``
    says how wide that period is (1 day, 2 week, 3 month, 4 season or year); it is None
    when the text gives no year and none can be anchored. ``location_span`` is the
    mention the incident is placed at, as offsets into ``evidence[0]``'s document, and
    ``location_feature`` the kind of place that mention names (None if it names none the
    gazetteer knows): the map draws a sea or a region as an area, not a point.
    """

    id: str
    event_type: str
    sub_event_type: str
    evidence: tuple[Evidence, ...]
    event_date: dt.date | None = None
    time_precision: int | None = None
    date_text: str | None = None
    location: str | None = None
    location_span: tuple[int, int] | None = None
    location_feature: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    country_code: str | None = None
    admin1: str | None = None
    place_source: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    fatalities: int | None = None
    confidence: float = 0.0
    basis: IncidentBasis | None = field(default=None, compare=False)

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def notes(self) -> str:
        """The evidence sentence, as ACLED's ``notes`` column holds it."""
        return self.evidence[0].text if self.evidence else ""

    @property
    def sources(self) -> tuple[str, ...]:
        """Every document (or its url) the incident was reported in, first-seen order."""
        seen = dict.fromkeys(e.source or e.document_id for e in self.evidence)
        return tuple(seen)

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        first = self.evidence[0] if self.evidence else None
        span = self.location_span
        out = {
            "id": self.id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "time_precision": self.time_precision,
            "date_text": self.date_text,
            "location": self.location,
            "lat": self.lat,
            "lon": self.lon,
            "geo_precision": self.geo_precision,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "location_span": {"start": span[0], "end": span[1]} if span else None,
            "place_source": self.place_source,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "fatalities": self.fatalities,
            "evidence": {"start": first.start, "end": first.end} if first else None,
            "notes": self.notes,
            "sources": list(self.sources),
            "mentions": [e.to_dict() for e in self.evidence],
            "confidence": round(self.confidence, 3),
        }
        if explain and self.basis is not None:
            out["basis"] = self.basis.to_dict()
        return out


@dataclass(frozen=True, slots=True)
class Report:
    """Everything geomap found in one document."""

    document: Document
    places: tuple[Place, ...] = ()
    incidents: tuple[Incident, ...] = field(default=())

    @property
    def id(self) -> str:
        return self.document.id

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        return {
            **_document_fields(self.document),
            "places": [place.to_dict(explain) for place in self.places],
            "incidents": [incident.to_dict(explain) for incident in self.incidents],
        }

    def to_geojson(self) -> dict[str, Any]:
        """The report as an RFC 7946 FeatureCollection (see ``geomap.output.geojson``)."""
        from geomap.output.geojson import report_to_geojson

        return report_to_geojson(self)

    def to_geodataframe(self) -> geopandas.GeoDataFrame:
        """The resolved places as a GeoDataFrame in EPSG:4326 (needs geopandas)."""
        from geomap.output.tables import report_to_geodataframe

        return report_to_geodataframe(self)

    def to_map(self) -> folium.Map:
        """A folium map of the report (see ``geomap.output.render``)."""
        from geomap.output.render import render_map

        return render_map([self])


@dataclass(frozen=True, slots=True)
class Failure:
    """A document that could not be parsed, and why; a corpus run records it and goes on."""

    document: Document
    error: str

    @property
    def id(self) -> str:
        return self.document.id

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        return {
            **_document_fields(self.document),
            "error": self.error,
            "places": [],
            "incidents": [],
        }


def _document_fields(document: Document) -> dict[str, Any]:
    published = document.published
    return {"id": document.id, "published": published.isoformat() if published else None}
