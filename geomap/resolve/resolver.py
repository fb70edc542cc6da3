"""The resolver: a document's mentions grouped by name, each name's candidates scored on
the evidence over a few rounds (so that what is settled informs the rest), and each
name's decision turned into a ``Place`` per mention."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from geomap import ranking
from geomap.kb.sources.base import NameKind
from geomap.models import Entry, Mention, MentionOrigin, Place
from geomap.resolve import candidates, evidence
from geomap.resolve.candidates import Group
from geomap.resolve.decision import decide
from geomap.resolve.ranker import Ranker

if TYPE_CHECKING:  # pragma: no cover
    from geomap.kb.gazetteer import Gazetteer
    from geomap.kb.geocoder import FallbackGeocoder

ROUNDS = 3
REASON_SCORE = 0.2  # a piece of the document's evidence is told when it adds more than this


class Resolver:
    """Resolves the mentions of one document at a time."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        geocoder: FallbackGeocoder | None = None,
        ranker: Ranker | None = None,
    ):
        self.gazetteer = gazetteer
        self.geocoder = geocoder
        self.ranker = ranker if ranker is not None else Ranker.load()

    def resolve(
        self, text: str, mentions: Sequence[Mention], context: Sequence[Mention] = ()
    ) -> list[Place]:
        """Places for ``mentions``; ``context`` mentions add evidence but get no Place."""
        groups = self._scored_groups(text, mentions, context)
        by_mention = {}
        every_group = list(groups.values())
        for group in every_group:
            if all(m.origin == MentionOrigin.CONTEXT for m in group.mentions):
                continue  # evidence only: no Place, and no geocoder call, for it
            place_of = decide(group, every_group, self.ranker, self.geocoder)
            for mention in group.mentions:
                by_mention[(mention.start, mention.end)] = place_of(mention)
        return [by_mention[(m.start, m.end)] for m in mentions]

    def candidate_features(
        self, text: str, mentions: Sequence[Mention], context: Sequence[Mention] = ()
    ) -> list[tuple[list[Mention], list[Entry], list[dict[str, float]]]]:
        """For each name asked about: its mentions, its candidates and each candidate's
        features after the last round (what benchmarks/fit_resolver.py learns from)."""
        groups = self._scored_groups(text, mentions, context)
        return [
            (
                group.mentions,
                [candidate.entry for candidate in group.candidates],
                [candidate.features for candidate in group.candidates],
            )
            for group in groups.values()
            if any(m.origin != MentionOrigin.CONTEXT for m in group.mentions)
        ]

    def candidates(self, text: str) -> list[tuple[Entry, NameKind]]:
        """The gazetteer entries a name may mean, with how it matched each."""
        return candidates.lookup(self.gazetteer, text)

    def _scored_groups(
        self, text: str, mentions: Sequence[Mention], context: Sequence[Mention]
    ) -> dict[str, Group]:
        everything = [*mentions, *context]
        groups = candidates.group_mentions(everything, self.candidates)
        evidence.link_containers(text, everything, groups)
        every_group = list(groups.values())
        for group in every_group:
            self._prior(group)
        neighbours = evidence.Neighbours(every_group)
        for _ in range(ROUNDS):
            self._round(every_group, neighbours)
        return groups

    def _prior(self, group: Group) -> None:
        """Score each candidate on what the name alone says of it."""
        for candidate, (features, reasons) in zip(
            group.candidates, evidence.name_evidence(group), strict=True
        ):
            candidate.prior_features = features
            candidate.prior_reasons = reasons
            candidate.prior = self.ranker.score(features)
            candidate.score = candidate.prior
            candidate.features = dict(features)
            candidate.reasons = list(reasons)
        _share(group)

    def _round(self, groups: list[Group], neighbours: evidence.Neighbours) -> None:
        """Rescore every group with the evidence the other groups give now (each group in
        turn: a group's containers are read as they are when its turn comes)."""
        others = evidence.OtherNames(groups, neighbours)
        for group in groups:
            context = others.context(group)
            for candidate in group.candidates:
                features = dict(candidate.prior_features)
                why = list(candidate.prior_reasons)
                for name, value, reason in context.evidence(candidate):
                    features[name] = value
                    if reason and self.ranker.weights[name] * value > REASON_SCORE:
                        why.append(reason)
                candidate.score = self.ranker.score(features)
                candidate.reasons = why
                candidate.features = features
            _share(group)


def _share(group: Group) -> None:
    """Each candidate's share of the softmax over the group's scores."""
    shares = ranking.softmax([candidate.score for candidate in group.candidates])
    for candidate, share in zip(group.candidates, shares, strict=True):
        candidate.probability = share
