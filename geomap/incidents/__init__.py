"""Incidents: the events an article reports, typed, dated, counted and located.

``find_article_incidents`` is the stage's one entry point: each sentence's events drafted
(``build``), then the article read as a whole (``discourse``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from geomap.kb.gazetteer import Gazetteer
    from geomap.models import Document, Incident, ParsedText, Place


def find_article_incidents(
    document: Document,
    parsed: ParsedText,
    places: Sequence[Place],
    gazetteer: Gazetteer,
    min_confidence: float = 0.0,
) -> list[Incident]:
    """The incidents an article reports, as likely as ``min_confidence`` at least."""
    from geomap.incidents.build import find_incidents
    from geomap.incidents.discourse import read_article

    drafted = find_incidents(document, parsed, places)
    incidents = read_article(document, drafted, places, gazetteer)
    kept = [incident for incident in incidents if incident.confidence >= min_confidence]
    return with_location_features(kept, places)


def with_location_features(
    incidents: Sequence[Incident], places: Sequence[Place]
) -> list[Incident]:
    """The incidents with the feature of the place each one's ``location_span`` names."""
    feature_at = {(place.start, place.end): place.feature for place in places}
    return [
        replace(incident, location_feature=feature_at.get(incident.location_span))
        if incident.location_span
        else incident
        for incident in incidents
    ]
