"""Incidents: the events an article reports, typed, dated, counted and located.

``find_article_incidents`` is the stage's one entry point: each sentence's events drafted
(``build``), then the article read as a whole (``discourse``)."""

from __future__ import annotations

from collections.abc import Sequence
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
    return [incident for incident in incidents if incident.confidence >= min_confidence]
