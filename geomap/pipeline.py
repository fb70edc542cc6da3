"""The pipeline: a document in, a ``Report`` out (recognise, resolve, incidents).

A ``Pipeline`` loads its spaCy model and opens its gazetteer on first use, so
creating one is cheap; reuse it for many documents.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from geomap.config import Settings, load_settings
from geomap.models import Document, Incident, Place, Report
from geomap.recognise import Recogniser, context_mentions, given_mentions
from geomap.resolve import Resolver

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from geomap.kb.gazetteer import Gazetteer
    from geomap.kb.geocoder import FallbackGeocoder

log = logging.getLogger("geomap")
BATCH_SIZE = 16


class Pipeline:
    """Reusable geoparser: ``Pipeline().parse(text)`` or ``parse_many(texts)``."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        model: str | None = None,
        gazetteer: Gazetteer | None = None,
        geocoder: FallbackGeocoder | None = None,
    ):
        self.settings = settings or load_settings({"model": model})
        self._given_gazetteer = gazetteer
        self._given_geocoder = geocoder
        self._unresolved_hint_given = False

    @cached_property
    def nlp(self) -> Language:
        from geomap.nlp import load_model

        return load_model(self.settings.model)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        from geomap.kb.gazetteer import Gazetteer

        return self._given_gazetteer or Gazetteer.open()

    @cached_property
    def geocoder(self) -> FallbackGeocoder | None:
        from geomap.kb.geocoder import make_geocoder

        return self._given_geocoder or make_geocoder(self.settings.geocoder)

    @cached_property
    def min_confidence(self) -> float:
        """The confidence under which incidents are left out of reports."""
        from geomap.incidents.confidence import min_confidence

        return min_confidence(self.settings.min_confidence)

    @cached_property
    def recogniser(self) -> Recogniser:
        return Recogniser(self.gazetteer)

    @cached_property
    def resolver(self) -> Resolver:
        return Resolver(self.gazetteer, self.geocoder)

    def parse(
        self, text: str | Document, published: dt.date | str | None = None, id: str = "doc"
    ) -> Report:
        """Places (and, later, incidents) of one text or ``Document``."""
        return next(self.parse_many([text], published=published, ids=[id]))

    def parse_many(
        self,
        items: Iterable[str | Document],
        published: dt.date | str | None = None,
        ids: Sequence[str] | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> Iterator[Report]:
        """Reports for many texts or documents, in input order, read in batches."""
        default_date = _as_date(published)
        batch: list[Document] = []
        for number, item in enumerate(items):
            if isinstance(item, Document):
                document = item
                if document.published is None and default_date is not None:
                    document = _with_date(document, default_date)
            else:
                doc_id = ids[number] if ids is not None else str(number + 1)
                document = Document(id=doc_id, text=item, published=default_date)
            batch.append(document)
            if len(batch) >= batch_size:
                yield from self._parse_batch(batch)
                batch = []
        if batch:
            yield from self._parse_batch(batch)

    def _parse_batch(self, documents: list[Document]) -> Iterator[Report]:
        from geomap.incidents import find_article_incidents
        from geomap.incidents.build import published_date
        from geomap.nlp import read

        texts = [d.text for d in documents]
        parsed_texts = read(self.nlp, texts, self.readable_text)
        for document, parsed in zip(documents, parsed_texts, strict=True):
            mentions = self.recogniser.recognise(parsed)
            places = self.resolver.resolve(document.text, mentions)
            self._hint_unresolved(places)
            if document.published is None:
                document = _with_date(document, published_date(document))
            incidents = find_article_incidents(
                document, parsed, places, self.gazetteer, self.min_confidence
            )
            yield Report(document=document, places=tuple(places), incidents=tuple(incidents))

    def readable_text(self, text: str) -> str:
        """The text as the model should read it: wire copy in capitals is re-cased (same
        length, so every offset still points into the original)."""
        from geomap.truecase import gazetteer_test, is_shouting, truecase

        if not is_shouting(text):
            return _unwrapped(text, shouting=False)
        return _unwrapped(truecase(text, gazetteer_test(self.gazetteer)), shouting=True)

    def locate(
        self, text: str, triggers: Iterable[tuple[int, int]], published: dt.date | None = None
    ) -> list[Incident]:
        """For event words a caller found (offsets into ``text``), where each event
        happened: an ``Incident`` per word, with ``location_span`` None when the text
        names no place of it. Typing and dates are geomap's own."""
        from geomap.incidents import with_location_features
        from geomap.incidents.build import locate_events
        from geomap.nlp import read

        document = Document(id="text", text=text, published=published)
        parsed = next(read(self.nlp, [text], self.readable_text))
        places = self.resolver.resolve(text, self.recogniser.recognise(parsed))
        return with_location_features(
            locate_events(document, parsed, places, list(triggers)), places
        )

    def resolve(self, text: str, spans: Iterable[tuple[int, int]]) -> list[Place]:
        """Resolve spans a caller already found. No other span is returned, but the
        well-known places the text names elsewhere count as evidence."""
        spans = list(spans)
        context = context_mentions(self.gazetteer, text, spans)
        return self.resolver.resolve(text, given_mentions(text, spans), context)

    def _hint_unresolved(self, places: Sequence[Place]) -> None:
        if self._unresolved_hint_given or self.geocoder is not None:
            return
        if any(not place.resolved for place in places):
            self._unresolved_hint_given = True
            log.info(
                "some places are not in the local gazetteer; a geocoder fallback can resolve "
                "them (--geocoder nominatim, optionally with --geocoder-url for your own server)"
            )

    def close(self) -> None:
        if "gazetteer" in self.__dict__ and self._given_gazetteer is None:
            self.gazetteer.close()
        if (
            "geocoder" in self.__dict__
            and self.geocoder is not None
            and self._given_geocoder is None
        ):
            self.geocoder.close()

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_WRAPPED_LINE = re.compile(r"(?<=\S)\n(?=[ \t]*\S)")
_WRAPPED_LOWER = re.compile(r"(?<=[\w,;])\n(?=[a-z])")


def _unwrapped(text: str, shouting: bool) -> str:
    """Hard-wrapped lines joined by a space (same length) so that the parser does not end
    a sentence at each line end: every single line break of wire copy in capitals, and in
    other text a break inside a sentence ("the disappearance\nand kidnapping")."""
    pattern = _WRAPPED_LINE if shouting else _WRAPPED_LOWER
    return pattern.sub(" ", text)


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    from geomap.ingest import parse_date

    return parse_date(value)


def _with_date(document: Document, published: dt.date | None) -> Document:
    from dataclasses import replace

    return replace(document, published=published)
