"""Corpus runs: documents streamed through a pipeline in input order, a ``Failure`` in
place of the report of any document that cannot be parsed, incidents merged across
articles as they pass, and what a run needs to resume and to show its progress.

Memory stays flat over a corpus: documents are read, parsed and handed on one batch at
a time; only the merged incidents, one per distinct incident, are kept.
"""

from __future__ import annotations

import json
import logging
import threading
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.incidents.merge import CorpusMerge
from geomap.models import Document, Failure, Report

if TYPE_CHECKING:  # pragma: no cover
    from geomap.config import Settings
    from geomap.pipeline import Pipeline

log = logging.getLogger("geomap")
BATCH_SIZE = 16


@dataclass
class RunSummary:
    """What a corpus run did."""

    parsed: int = 0
    failed: int = 0
    skipped: int = 0  # already in the output of an earlier run (--resume)

    def __str__(self) -> str:
        text = f"{self.parsed} document(s) parsed, {self.failed} failed"
        return text + (f", {self.skipped} skipped as already done" if self.skipped else "")


class Backend(ABC):
    """Where a corpus's batches are parsed: here (``InProcess``), in a pool of processes
    (``ProcessPool``) or on a Dask cluster (``geomap.distributed.DaskCluster``)."""

    @abstractmethod
    def parsed(
        self, documents: Iterator[Document], batch_size: int
    ) -> Iterator[list[Report | Failure]]:
        """The outcomes of each batch of ``documents``, in input order."""


class InProcess(Backend):
    """Every batch parsed by one pipeline, in this process."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def parsed(
        self, documents: Iterator[Document], batch_size: int
    ) -> Iterator[list[Report | Failure]]:
        while batch := list(islice(documents, batch_size)):
            yield parse_batch(self.pipeline, batch)


class ProcessPool(Backend):
    """Batches parsed in ``workers`` processes, each with its own pipeline (its own model,
    the gazetteer opened read-only). Batches go out in input order and come back in it, at
    most two per worker at a time, so memory stays flat (see also ``sharing_geocoder``)."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings, self.workers = settings, workers

    def parsed(
        self, documents: Iterator[Document], batch_size: int
    ) -> Iterator[list[Report | Failure]]:
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        settings = sharing_geocoder(self.settings, self.workers)
        with ProcessPoolExecutor(
            self.workers, mp_context=get_context("spawn"), initializer=pipeline_for,
            initargs=(settings,),
        ) as pool:  # fmt: skip
            yield from in_order(lambda batch: pool.submit(parse_on_worker, settings, batch),
                                documents, 2 * self.workers, batch_size)  # fmt: skip


def parse_corpus(
    backend: Backend | Pipeline,
    documents: Iterable[Document],
    *,
    skip: frozenset[str] | set[str] = frozenset(),
    summary: RunSummary | None = None,
    merge: CorpusMerge | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Report | Failure]:
    """A ``Report`` or a ``Failure`` for each document not in ``skip``, in input order,
    parsed by ``backend`` (a ``Pipeline``: in this process), with incidents merged across
    the articles seen so far (``merge``; after the run, ``merge.final`` gives an incident
    with every telling). Merging happens here, in input order, so every backend gives the
    output one process gives."""
    summary = summary if summary is not None else RunSummary()
    merge = merge if merge is not None else CorpusMerge()
    backend = backend if isinstance(backend, Backend) else InProcess(backend)
    todo = not_skipped(documents, skip, summary)
    for outcomes in backend.parsed(todo, batch_size):
        yield from tallied(outcomes, summary, merge)


def sharing_geocoder(settings: Settings, workers: int) -> Settings:
    """The settings with the geocoder's minimum delay stretched by the number of
    workers, so that together they keep to it."""
    geocoder = settings.geocoder
    if not geocoder.enabled or workers <= 1:
        return settings
    stretched = replace(geocoder, min_delay=geocoder.effective_min_delay * workers)
    return replace(settings, geocoder=stretched)


def in_order(
    submit: Callable[[list[Document]], Any], documents: Iterator[Document],
    in_flight: int, batch_size: int = BATCH_SIZE,
) -> Iterator[list[Report | Failure]]:  # fmt: skip
    """The outcomes of each batch of ``documents``, in input order, with at most
    ``in_flight`` batches submitted and not yet handed on (``submit`` returns a future
    with a ``result()``: concurrent.futures' or Dask's)."""
    pending: deque = deque()
    while True:
        while len(pending) < in_flight and (batch := list(islice(documents, batch_size))):
            pending.append(submit(batch))
        if not pending:
            return
        yield pending.popleft().result()


def tallied(
    outcomes: list[Report | Failure], summary: RunSummary, merge: CorpusMerge
) -> Iterator[Report | Failure]:
    """The outcomes counted, failures logged, reports merged with the earlier ones."""
    for outcome in outcomes:
        if isinstance(outcome, Failure):
            summary.failed += 1
            log.warning("%s: not parsed (%s)", outcome.id, outcome.error)
            yield outcome
        else:
            summary.parsed += 1
            yield merge.add(outcome)


_pipelines = threading.local()


def pipeline_for(settings: Settings) -> Pipeline:
    """This thread's pipeline for ``settings``, made on first use and kept: a worker
    process (of a process pool or a Dask cluster) loads the model and opens the gazetteer
    once, not once per batch."""
    from geomap.pipeline import Pipeline

    made: dict[Settings, Pipeline] = _pipelines.__dict__.setdefault("made", {})
    if settings not in made:
        made[settings] = Pipeline(settings)
    return made[settings]


def parse_on_worker(settings: Settings, batch: list[Document]) -> list[Report | Failure]:
    """A batch parsed by a worker's pipeline (see ``pipeline_for``)."""
    return parse_batch(pipeline_for(settings), batch)


def not_skipped(
    documents: Iterable[Document], skip: frozenset[str] | set[str], summary: RunSummary
) -> Iterator[Document]:
    """The documents whose ids are not in ``skip``, the others counted as skipped."""
    for document in documents:
        if document.id in skip:
            summary.skipped += 1
        else:
            yield document


def parse_batch(pipeline: Pipeline, batch: list[Document]) -> list[Report | Failure]:
    """The batch parsed together; if that fails, each document alone, so that only the
    documents that fail by themselves are lost."""
    try:
        return list(pipeline.parse_many(batch, batch_size=len(batch)))
    except Exception as err:
        if len(batch) == 1:
            return [Failure(batch[0], error_line(err))]
    return [outcome for document in batch for outcome in parse_batch(pipeline, [document])]


def error_line(err: BaseException) -> str:
    """An exception in one line: its type and the first line of its message."""
    message = str(err).splitlines()[0] if str(err) else ""
    return f"{type(err).__name__}: {message}" if message else type(err).__name__


def done_ids(path: Path) -> tuple[set[str], list[str]]:
    """The ids of the documents an earlier run parsed into ``path`` (JSON Lines), and
    those lines. Failed documents and a last line cut short are left out, to be done
    again."""
    ids: set[str] = set()
    kept: list[str] = []
    if not path.is_file():
        return ids, kept
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if not line.endswith("\n"):
                break  # cut short by an interrupted run
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and "id" in record and "error" not in record:
                ids.add(str(record["id"]))
                kept.append(line)
    return ids, kept


def count_documents(inputs: Iterable[str]) -> int | None:
    """How many documents the inputs hold, counted cheaply for a progress bar's time
    left (JSON Lines and CSV by lines); None for stdin."""
    from geomap.ingest import FORMATS, expand_inputs

    total = 0
    for item in expand_inputs(list(inputs)):
        if str(item) == "-":
            return None
        path = Path(item)
        fmt = FORMATS.get(path.suffix.lower())
        if fmt in ("jsonl", "csv"):
            with path.open("rb") as stream:
                lines = sum(1 for line in stream if line.strip())
            total += max(0, lines - (fmt == "csv"))
        else:
            total += 1
    return total
