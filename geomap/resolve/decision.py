"""The decision for a name: its best candidate unless that is only a far-fetched reading,
the calibrated confidence of the choice, the reasons a reader is shown (with the
runners-up), and the geocoder fallback for a name the gazetteer cannot answer."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from geomap.kb.sources.base import WEAK_KINDS
from geomap.models import Entry, Mention, MentionOrigin, Place
from geomap.resolve.candidates import Candidate, Group
from geomap.resolve.evidence import votes
from geomap.resolve.ranker import Ranker

if TYPE_CHECKING:  # pragma: no cover
    from geomap.kb.geocoder import FallbackGeocoder

WEAK_POPULATION = 1_000
GEOCODER_CONFIDENCE = 0.6
_ORIGIN_TEXT = {
    MentionOrigin.NER: "a spaCy {} entity",
    MentionOrigin.GAZETTEER: "a gazetteer name in the text",
    MentionOrigin.DATELINE: "the dateline",
    MentionOrigin.REPEAT: "another mention of a place named earlier",
    MentionOrigin.GIVEN: "a span given by the caller",
    MentionOrigin.HASHTAG: "a hashtag",
}


def confidence_features(
    share: float, entry: Entry, features: dict[str, float], candidates: int
) -> dict[str, float]:
    """What the confidence of a choice is calibrated on: its softmax share (as log-odds),
    the extent of the place (a country's point is seldom within 161 km of another's
    point for it), whether the name had a single candidate, read as an alternate name."""
    share = min(max(share, 1e-6), 1 - 1e-6)
    return {
        "share_logit": math.log(share / (1 - share)),
        "bias": 1.0,
        "log_radius": math.log10(entry.radius_km + 1),
        "lone_candidate": float(candidates == 1),
        "alternate_name": features.get("kind=alt", 0.0),
    }


def decide(
    group: Group, groups: list[Group], ranker: Ranker, geocoder: FallbackGeocoder | None
) -> Callable[[Mention], Place]:
    """A function giving each mention of the group its Place."""
    best = group.best()
    if best is not None and not is_weak(best):
        entry = best.entry
        reasons = list(best.reasons)
        runners = sorted(group.candidates, key=lambda c: -c.probability)[1:3]
        for runner in runners:
            other = runner.entry
            reasons.append(
                f"alternative: {other.name}, {other.country_code} "
                f"({other.source}, p={runner.probability:.2f})"
            )
        confidence = ranker.confidence(
            confidence_features(best.probability, entry, best.features, len(group.candidates))
        )
        resolved: dict[str, Any] = dict(
            name=entry.name, lat=entry.lat, lon=entry.lon, feature=entry.feature,
            country_code=entry.country_code, admin1=entry.admin1, source=entry.source,
            confidence=confidence, reasons=tuple(reasons),
        )  # fmt: skip
    else:
        resolved = _fallback(group, groups, best, geocoder)

    def place_of(mention: Mention) -> Place:
        found_by = _ORIGIN_TEXT.get(mention.origin, mention.origin).format(mention.label)
        fields = {**resolved, "reasons": (f"found as {found_by}", *resolved["reasons"])}
        return Place(mention.start, mention.end, mention.text, mention.role, **fields)

    return place_of


def is_weak(best: Candidate) -> bool:
    """A far-fetched reading: a hamlet's alternate name with nothing in the text for it."""
    entry = best.entry
    if (
        entry.feature != "city"
        or entry.population >= WEAK_POPULATION
        or best.kind not in WEAK_KINDS
    ):
        return False
    return best.score - best.prior < 1.0


def _fallback(
    group: Group, groups: list[Group], best: Candidate | None, geocoder: FallbackGeocoder | None
) -> dict[str, Any]:
    why = "not in the gazetteer" if best is None else "only weak gazetteer candidates"
    if geocoder is not None and geocoder.available:
        countries = _dominant_countries(groups, group)
        answer = geocoder.geocode(group.text, country_codes=countries)
        if answer is not None:
            return dict(
                name=answer.name, lat=answer.lat, lon=answer.lon, feature=answer.feature,
                country_code=answer.country_code, admin1=None, source=answer.source,
                confidence=GEOCODER_CONFIDENCE,
                reasons=(why, f"geocoder answer for {group.text!r}"),
            )  # fmt: skip
    return dict(confidence=0.0, reasons=(why,))


def _dominant_countries(groups: list[Group], exclude: Group) -> list[str]:
    """The country holding most of the article's evidence, if it holds most of it."""
    found: Counter[str] = Counter()
    for group in groups:
        if group is not exclude:
            found += votes(group)[0]
    total = sum(found.values())
    if not total:
        return []
    code, count = found.most_common(1)[0]
    return [code] if count / total >= 0.6 else []
