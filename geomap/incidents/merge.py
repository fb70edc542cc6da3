"""Merging: one event reported several times becomes one incident with all its evidence.

Within an article, two drafts are one incident when their types agree (a generic
"attack" agrees with any violent type), their dates agree (or one has none) and their
places agree (or one has none). A draft with neither date nor place ("The attack killed
a US contractor") joins the nearest compatible incident before it, or after it, when it
refers back to one ("the attack", "these strikes", "Sunday's airstrike"); otherwise it
is kept only when it names a specific act of violence ("the murder of the judge") and
dropped as background when it does not ("attacks on bases have increased"). Across
articles, incidents merge only when type, date and place are all given and equal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from geomap.incidents import taxonomy as tx
from geomap.incidents.build import Draft
from geomap.models import Incident, Report

# The longest span of days each time precision stands for (1 day ... 4 a year).
PERIOD_DAYS = {1: 1, 2: 7, 3: 31, 4: 366}
VIOLENT_TYPES = {tx.BATTLES, tx.EXPLOSIONS, tx.VIOLENCE_AGAINST_CIVILIANS}
# Acts named precisely enough to be incidents without a date or place of their own.
SELF_STANDING = {tx.ATTACK, tx.ABDUCTION, tx.SEXUAL_VIOLENCE, tx.IED, tx.SUICIDE_BOMB,
                 tx.GRENADE, tx.CHEMICAL}  # fmt: skip


def merge_article(drafts: Sequence[Draft]) -> list[Incident]:
    """The article's incidents, each draft merged into the one it repeats."""
    merged: list[tuple[Draft, Incident]] = []  # (the draft that founded it, the incident)
    anchored = [d for d in drafts if d.anchored]
    for draft in anchored + [d for d in drafts if not d.anchored]:
        if draft.anchored:
            index = next(
                (i for i, (first, incident) in enumerate(merged)
                 if _compatible(draft, first, incident)),
                None,
            )  # fmt: skip
        else:
            index = _referent(draft, merged)
            if index is None and not _told_of_itself(draft):
                continue
        if index is None:
            merged.append((draft, draft.incident))
        else:
            first, incident = merged[index]
            kept_first = draft if first.generic and not draft.generic else first
            merged[index] = (kept_first, combine(incident, draft, first.generic))
    return [incident for _, incident in merged]


def _told_of_itself(draft: Draft) -> bool:
    """An unanchored draft that is still an incident: a specific act of violence ("the
    murder of Luis Carlos Galan", "the kidnapping of the mayor", "he was shot to death"),
    not a generic "attacks" or a protest that may be background."""
    sub_event_type = draft.incident.sub_event_type
    killing = sub_event_type == tx.ATTACK  # "the councilman was shot to death"
    return sub_event_type in SELF_STANDING and (killing or not draft.generic)


def _referent(draft: Draft, merged: list[tuple[Draft, Incident]]) -> int | None:
    """The incident an unanchored draft refers back to: the nearest compatible one."""
    if not draft.refers:
        return None
    earlier = [i for i, (first, _) in enumerate(merged) if first.order < draft.order]
    for i in sorted(earlier, key=lambda i: -merged[i][0].order):
        if _types_agree(draft, merged[i][0], merged[i][1]):
            return i
    return None


def _compatible(draft: Draft, first: Draft, incident: Incident) -> bool:
    new = draft.incident
    both_dated = new.event_date is not None and incident.event_date is not None
    both_placed = new.location is not None and incident.location is not None
    return (
        (both_dated or both_placed)  # something to agree on, not only gaps
        and _types_agree(draft, first, incident)
        and dates_agree(new, incident)
        and places_agree(new, incident)
        and new.evidence[0] != incident.evidence[0]  # "in Iraq and Syria": two places
    )


def _types_agree(draft: Draft, first: Draft, incident: Incident) -> bool:
    new = draft.incident
    if new.sub_event_type == incident.sub_event_type:
        return True
    if draft.generic or first.generic:
        return new.event_type in VIOLENT_TYPES and incident.event_type in VIOLENT_TYPES
    return False


def dates_agree(a: Incident, b: Incident) -> bool:
    """Equal dates, or one within the other's period, or one of them unknown."""
    if a.event_date is None or b.event_date is None:
        return True
    if a.event_date == b.event_date:
        return True
    coarse, fine = (a, b) if (a.time_precision or 1) > (b.time_precision or 1) else (b, a)
    days = PERIOD_DAYS[coarse.time_precision or 1]
    return coarse.event_date <= fine.event_date < coarse.event_date + dt.timedelta(days=days)


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
    if other.located and (
        not kept.located or (other.geo_precision or 9) < (kept.geo_precision or 9)
    ):
        kept = replace(
            kept, location=other.location, location_span=other.location_span, lat=other.lat,
            lon=other.lon, geo_precision=other.geo_precision, country_code=other.country_code,
            admin1=other.admin1, place_source=other.place_source,
        )  # fmt: skip
    elif kept.location is None and other.location is not None:
        kept = replace(kept, location=other.location, location_span=other.location_span)
    return _join(kept, other)


def merge_across(reports: Sequence[Report]) -> list[Report]:
    """Reports whose incidents of the same type, date and place (all given) are one
    incident, held by every report that tells of it, with every source."""
    merge = CorpusMerge()
    for report in reports:
        merge.add(report)
    return [
        replace(report, incidents=tuple(merge.final(incident) for incident in report.incidents))
        for report in reports
    ]


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
