"""Merging: one event reported several times becomes one incident with all its evidence.

Two tellings agree when their dates agree (or one has none) and their places agree (or
one has none); ``combine`` makes one incident of them, keeping the more specific type,
date and place. Which tellings of an article are one event is ``discourse``'s reading.
Across articles, incidents merge only when type, date and place are all given and equal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from geomap.incidents.build import Draft
from geomap.models import Incident, Report

# The longest span of days each time precision stands for (1 day ... 4 a year).
PERIOD_DAYS = {1: 1, 2: 7, 3: 31, 4: 366}
# A season is the precision of a year, but three months long.
SEASON = re.compile(r"\b(?:spring|summer|autumn|fall|winter)\b", re.IGNORECASE)
SEASON_DAYS = 92


def dates_agree(a: Incident, b: Incident) -> bool:
    """Equal dates, or one within the other's period, or one of them unknown."""
    if a.event_date is None or b.event_date is None:
        return True
    if a.event_date == b.event_date:
        return True
    if (a.time_precision or 1) > (b.time_precision or 1):
        coarse, start, day = a, a.event_date, b.event_date
    else:
        coarse, start, day = b, b.event_date, a.event_date
    days = PERIOD_DAYS[coarse.time_precision or 1]
    if coarse.time_precision == 4 and SEASON.search(coarse.date_text or ""):
        days = SEASON_DAYS
    return start <= day < start + dt.timedelta(days=days)


def places_agree(a: Incident, b: Incident) -> bool:
    """The same place, or a country and a place in it, or one of them unplaced."""
    if a.location is None or b.location is None:
        return True
    if a.place_source is not None and a.place_source == b.place_source:
        return True
    if a.place_source is None and b.place_source is None:
        return a.location.lower() == b.location.lower()
    coarse = [i for i in (a, b) if i.geo_precision == 3]
    return bool(coarse) and a.country_code is not None and a.country_code == b.country_code


def combine(incident: Incident, draft: Draft, incident_generic: bool) -> Incident:
    """One incident from two reports of it: the more specific type, date and place; the
    lowest death toll reported; every piece of evidence."""
    other = draft.incident
    kept = incident
    if incident_generic and not draft.generic:
        kept = replace(kept, event_type=other.event_type, sub_event_type=other.sub_event_type)
    if other.event_date is not None and (
        kept.event_date is None or (other.time_precision or 9) < (kept.time_precision or 9)
    ):
        kept = replace(kept, event_date=other.event_date, time_precision=other.time_precision,
                       date_text=other.date_text)  # fmt: skip
    if other.located and (not kept.located or _more_precise(other, kept)):
        kept = replace(
            kept, location=other.location, location_span=other.location_span, lat=other.lat,
            lon=other.lon, geo_precision=other.geo_precision, country_code=other.country_code,
            admin1=other.admin1, place_source=other.place_source,
        )  # fmt: skip
    elif kept.location is None and other.location is not None:
        kept = replace(kept, location=other.location, location_span=other.location_span)
    return _join(kept, other)


def _more_precise(a: Incident, b: Incident) -> bool:
    """A finer geo precision, or at the same one a place inside a country rather than the
    country itself ("Kandahar province" over "Afghanistan")."""
    if (a.geo_precision or 9) != (b.geo_precision or 9):
        return (a.geo_precision or 9) < (b.geo_precision or 9)
    return _is_country(b) and not _is_country(a) and a.country_code == b.country_code


def _is_country(incident: Incident) -> bool:
    return incident.location is not None and incident.admin1 is None and incident.geo_precision == 3


def merge_across(reports: Sequence[Report]) -> list[Report]:
    """Reports whose incidents of the same type, date and place (all given) are one
    incident, held by every report that tells of it, with every source."""
    merge = CorpusMerge()
    for report in reports:
        merge.add(report)
    return [merge.finished(report) for report in reports]


class CorpusMerge:
    """Merging across articles as they stream past. Incidents are blocked by their
    identity (type, date and place), so each is compared with none but its own block. An
    incident keeps the id of its first telling; each later telling is the incident as
    merged so far, so the last copy of an id holds every source."""

    def __init__(self) -> None:
        self._merged: dict[tuple, Incident] = {}

    def add(self, report: Report) -> Report:
        """The report with each incident merged with its earlier tellings."""
        incidents = []
        for incident in report.incidents:
            key = _identity(incident)
            if key is not None:
                known = self._merged.get(key)
                incident = self._merged[key] = incident if known is None else _join(known, incident)
            incidents.append(incident)
        return replace(report, incidents=tuple(incidents))

    def final(self, incident: Incident) -> Incident:
        """The incident with every telling seen so far."""
        key = _identity(incident)
        return self._merged.get(key, incident) if key is not None else incident

    def finished(self, report: Report) -> Report:
        """The report with each incident as merged over the whole corpus."""
        return replace(report, incidents=tuple(self.final(i) for i in report.incidents))

    def __len__(self) -> int:
        return len(self._merged)


def _identity(incident: Incident) -> tuple | None:
    if incident.event_date is None or incident.place_source is None:
        return None
    return (incident.sub_event_type, incident.event_date, incident.time_precision,
            incident.place_source)  # fmt: skip


def _join(kept: Incident, other: Incident) -> Incident:
    """``kept`` with the deaths, actors, evidence and confidence ``other`` adds."""
    figures = [f for f in (kept.fatalities, other.fatalities) if f is not None]
    return replace(
        kept,
        fatalities=min(figures) if figures else None,
        actor1=kept.actor1 or other.actor1,
        actor2=kept.actor2 or other.actor2,
        evidence=kept.evidence + tuple(e for e in other.evidence if e not in kept.evidence),
        confidence=max(kept.confidence, other.confidence),
    )
