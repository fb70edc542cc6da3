"""Dask: geomap over a Dask bag or dataframe, partition by partition, and a corpus run
sent to a running Dask cluster (``geomap parse --scheduler ADDRESS``). Needs the
``dask`` extra: ``pip install 'geomap[dask]'``.

Every worker needs geomap (the same version) and its spaCy model installed; it builds
or opens its own gazetteer. Each worker thread keeps one pipeline for the run's settings,
so a worker started with one thread (``dask worker ADDRESS --nthreads 1``,
``LocalCluster(threads_per_worker=1)``) holds one model; spaCy gains nothing from more.

Reports come back per article. Incidents told by several articles are merged by the
caller: ``geomap parse --scheduler`` does it as the reports arrive, in input order, so
its output is the one a local run gives; ``parse_bag``'s reports can be merged with
``geomap.incidents.merge.merge_across``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import logging
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from geomap.batch import (
    BATCH_SIZE,
    Backend,
    InProcess,
    error_line,
    in_order,
    parse_on_worker,
    pipeline_for,
    sharing_geocoder,
)
from geomap.errors import ClusterError, InputError
from geomap.models import Document, Failure, Report
from geomap.output.tables import places_frame

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag
    import dask.dataframe
    import pandas
    from distributed import Client

    from geomap.config import Settings
    from geomap.pipeline import Pipeline

CONNECT_TIMEOUT = 10  # seconds to reach the scheduler, and to wait for a first worker


def parse_bag(
    bag: dask.bag.Bag, settings: Settings | None = None, *, batch_size: int = BATCH_SIZE
) -> dask.bag.Bag:
    """A bag with a ``Report``, or a ``Failure``, for each element of ``bag``, in order.

    Elements are ``Document`` objects, strings, or mappings shaped like a line of a JSON
    Lines corpus (``text``, and optionally ``id``, ``published``, ``title``, ``url``), as
    ``dask.bag.read_text("articles-*.jsonl").map(json.loads)`` gives. An element without
    an id gets ``"<partition>:<position>"``; one that is not a document (no text) becomes
    a ``Failure``. ``settings`` default to the caller's (``geomap.toml``, ``GEOMAP_*``)::

        import dask.bag as db
        from geomap.distributed import parse_bag

        reports = parse_bag(db.read_text("wires/*.jsonl").map(json.loads))
        reports.map(lambda report: report.to_dict()).map(json.dumps).to_textfiles("out/*.jsonl")
    """
    import dask
    import dask.bag

    settings = settings if settings is not None else _caller_settings()
    parse = dask.delayed(_parse_partition, pure=True)
    parts = bag.to_delayed(optimize_graph=True)
    return dask.bag.from_delayed(
        [parse(part, number, settings, batch_size) for number, part in enumerate(parts)]
    )


def parse_dataframe(
    frame: dask.dataframe.DataFrame,
    *,
    text: str = "text",
    id: str | None = None,
    published: str | None = None,
    settings: Settings | None = None,
    batch_size: int = BATCH_SIZE,
) -> dask.dataframe.DataFrame:
    """The place mentions of the articles in ``frame``, one row each (``PLACE_FRAME_DTYPES``),
    parsed partition by partition.

    ``text`` names the column of article texts; ``id`` the column of document ids (default:
    the frame's index); ``published`` a column of publication dates (dates, timestamps or
    ISO strings) that anchor relative dates. ``doc_id`` ties each row to its article; an
    article with no place has no row, and one that failed has a single row with only
    ``doc_id`` and ``error``::

        import dask.dataframe as dd
        from geomap.distributed import parse_dataframe

        articles = dd.read_parquet("wires/")
        places = parse_dataframe(articles, id="story_id", published="date")
        places[places.feature == "city"].groupby("name").size().compute()
    """
    missing = [c for c in (text, id, published) if c is not None and c not in frame.columns]
    if missing:
        raise InputError(f"no column {', '.join(map(repr, missing))} in the dataframe")
    settings = settings if settings is not None else _caller_settings()
    return frame.map_partitions(
        _places_table, text, id, published, settings, batch_size, meta=places_frame([])
    )


class DaskCluster(Backend):
    """Batches parsed on the Dask cluster whose scheduler is at ``scheduler``
    (``tcp://host:8786``): they go out in input order, at most two per worker thread at a
    time, and come back in it. A batch lost with its worker is parsed again a document at
    a time; a document that fails even so becomes a ``Failure``."""

    def __init__(self, settings: Settings, scheduler: str) -> None:
        self.settings, self.scheduler = settings, scheduler

    def parsed(
        self, documents: Iterator[Document], batch_size: int
    ) -> Iterator[list[Report | Failure]]:
        client = connect(self.scheduler)  # imports distributed, and so creates its loggers
        with _distributed_logs_quiet(), client:
            try:
                client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
            except TimeoutError:
                raise ClusterError(f"the Dask cluster at {self.scheduler} has no workers") from None
            threads = sum(client.nthreads().values())
            shared = sharing_geocoder(self.settings, threads)
            yield from in_order(
                lambda batch: _ClusterBatch(client, shared, batch),
                documents, 2 * threads, batch_size,
            )  # fmt: skip


def connect(scheduler: str) -> Client:
    """A client of the Dask scheduler at ``scheduler``, or ``ClusterError`` in one line."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError(
            "sending a corpus to a Dask cluster needs the dask extra: pip install 'geomap[dask]'"
        ) from None
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} ({reason})") from None


@contextlib.contextmanager
def _distributed_logs_quiet() -> Iterator[None]:
    """Dask's own log records (tracebacks of a lost connection) kept off stderr, unless
    geomap logs at debug level (-v): geomap reports what matters in one line."""
    names = ["distributed"] + [
        name for name in logging.root.manager.loggerDict if name.startswith("distributed.")
    ]
    levels = {name: logging.getLogger(name).level for name in names}
    if not logging.getLogger("geomap").isEnabledFor(logging.DEBUG):
        for name in names:
            logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


class _ClusterBatch:
    """A batch submitted to the cluster; ``result()`` gives its outcomes even if the
    task failed (a worker killed by one document): then each document is sent alone."""

    def __init__(
        self, client: Client, settings: Settings, batch: list[Document], work=parse_on_worker
    ):
        self.client, self.settings, self.batch, self.work = client, settings, batch, work
        self.future = client.submit(work, settings, batch, pure=False)

    def result(self) -> list[Report | Failure]:
        try:
            return self.future.result()
        except Exception as err:
            if self.client.status != "running":  # the scheduler is gone, not one document
                raise ClusterError(f"lost the Dask scheduler ({error_line(err)})") from None
            if len(self.batch) == 1:
                return [Failure(self.batch[0], error_line(err))]
        # one at a time, so that a document that kills its worker takes no other with it
        return [
            outcome
            for document in self.batch
            for outcome in _ClusterBatch(self.client, self.settings, [document], self.work).result()
        ]


def _caller_settings() -> Settings:
    from geomap.config import load_settings

    return load_settings()


def _parse_partition(
    elements: Iterable[Any], number: int, settings: Settings, batch_size: int
) -> list[Report | Failure]:
    """One partition of a bag parsed by this worker's pipeline, in order."""
    items: list[Document | Failure] = []
    for position, element in enumerate(elements):
        items.append(_as_document(element, f"{number}:{position}"))
    return _parse_in_order(pipeline_for(settings), items, batch_size)


def _as_document(element: Any, default_id: str) -> Document | Failure:
    from geomap.ingest import document_from_record

    if isinstance(element, Document):
        return element
    if isinstance(element, str):
        return Document(id=default_id, text=element)
    if isinstance(element, Mapping):
        try:
            return document_from_record(element, default_id)
        except InputError as err:
            return Failure(Document(id=str(element.get("id") or default_id), text=""), str(err))
    kind = type(element).__name__
    return Failure(Document(id=default_id, text=""), f"not a document but {kind} {element!r:.60}")


def _parse_in_order(
    pipeline: Pipeline, items: list[Document | Failure], batch_size: int
) -> list[Report | Failure]:
    """The documents among ``items`` parsed a batch at a time, the failures kept in place."""
    documents = (item for item in items if isinstance(item, Document))
    batches = InProcess(pipeline).parsed(documents, batch_size)
    outcomes = itertools.chain.from_iterable(batches)
    return [next(outcomes) if isinstance(item, Document) else item for item in items]


def _places_table(
    part: pandas.DataFrame,
    text: str,
    id: str | None,
    published: str | None,
    settings: Settings,
    batch_size: int,
) -> pandas.DataFrame:
    """One partition's articles parsed into place rows."""
    ids = part[id] if id is not None else part.index
    dates = part[published] if published is not None else [None] * len(part)
    items: list[Document | Failure] = []
    for doc_id, body, date in zip(ids, part[text], dates, strict=True):
        doc_id = str(doc_id)
        if not isinstance(body, str):
            items.append(Failure(Document(id=doc_id, text=""), f"{doc_id}: no text"))
        else:
            items.append(Document(id=doc_id, text=body, published=_as_date(date)))
    rows: list[dict[str, Any]] = []
    for outcome in _parse_in_order(pipeline_for(settings), items, batch_size):
        if isinstance(outcome, Failure):
            rows.append({"doc_id": outcome.id, "error": outcome.error})
        else:
            rows.extend({"doc_id": outcome.id, **p.to_dict()} for p in outcome.places)
    return places_frame(rows)


def _as_date(value: Any) -> dt.date | None:
    """A publication date from a dataframe cell: a date, a timestamp or an ISO string."""
    import pandas

    from geomap.ingest import parse_date

    if value is None or (pandas.api.types.is_scalar(value) and pandas.isna(value)):
        return None  # None, NaN, NaT, NA
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return parse_date(value)
        except InputError:
            return None
    return None
