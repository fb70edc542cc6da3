"""The ``geomap`` command line.

Exit status: 0 on success; 2 on bad usage, unreadable input or an unwritable
output (one line on stderr); 1 on an internal error.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from geomap import __version__
from geomap.errors import (
    ConfigurationError,
    ExportError,
    GeomapError,
    InputError,
)
from geomap.output.writers import FORMATS

if TYPE_CHECKING:  # pragma: no cover
    from geomap.models import Document, Failure, Report
    from geomap.pipeline import Pipeline

log = logging.getLogger("geomap")
USAGE_ERRORS = (InputError, ConfigurationError, ExportError)


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"geomap: error: {message} (see '{self.prog} --help')\n")


def _add_common(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("pipeline settings (also GEOMAP_* variables, geomap.toml)")
    group.add_argument("--model", help="spaCy pipeline to use (default: the small English model)")
    group.add_argument(
        "--geocoder",
        help="geocoder fallback for names the gazetteer lacks: a geopy service name "
        "(nominatim, photon, ...) or none (default: none; names then never leave the machine)",
    )
    group.add_argument("--geocoder-url", help="self-hosted endpoint of that service")
    group.add_argument("--user-agent", help="User-Agent sent to the geocoder")
    group.add_argument("--min-delay", type=float, help="seconds between geocoder calls")
    group.add_argument("--timeout", type=float, help="geocoder timeout in seconds")
    parser.add_argument("-q", "--quiet", action="store_true", help="only print errors")
    parser.add_argument("-v", "--verbose", action="store_true", help="print debugging detail")


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs", nargs="+", metavar="INPUT",
        help="text, HTML, JSONL or CSV files, directories of them, or - for standard input",
    )  # fmt: skip
    parser.add_argument("--published", help="publication date (YYYY-MM-DD) for relative dates")
    parser.add_argument("--text-column", default="text", help="text column of CSV input")
    run = parser.add_mutually_exclusive_group()
    run.add_argument(
        "--workers", type=_positive_int, default=1, metavar="N",
        help="parse in N processes, each with its own model (default 1); same results",
    )  # fmt: skip
    run.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="send the corpus to the Dask cluster whose scheduler is at ADDRESS "
        "(tcp://host:8786; needs geomap[dask]); same results",
    )  # fmt: skip
    parser.add_argument(
        "--strict", action="store_true",
        help="exit 1 if any document fails (by default it is recorded and the run goes on)",
    )  # fmt: skip
    parser.add_argument(
        "--min-confidence", type=float, metavar="P",
        help="leave out incidents less likely than P to be right (0 to 1; default: the "
        "threshold chosen on annotated reports, see 'geomap info'; 0 keeps every incident)",
    )  # fmt: skip


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {value!r}")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="geomap", description="News articles to mapped places, offline.")
    parser.add_argument("--version", action="version", version=f"geomap {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    map_cmd = commands.add_parser(
        "map",
        help="write the offline HTML map, GeoJSON, GeoPackage and CSV of articles' incidents"
        " and places",
    )
    _add_inputs(map_cmd)
    map_cmd.add_argument("--out", default="maps", help="output directory (default: maps/)")
    map_cmd.add_argument("--name", help="file name stem (default: the first input's)")
    map_cmd.add_argument(
        "--formats", default=",".join(FORMATS), help=f"comma-separated: {', '.join(FORMATS)}"
    )
    map_cmd.add_argument(
        "--tiles",
        help="online basemap of the HTML map: osm (default), none (country outlines only, so "
        "viewing the map asks no server), or a tile URL template such as "
        "https://tiles.example/{z}/{x}/{y}.png",
    )
    _add_common(map_cmd)

    parse_cmd = commands.add_parser(
        "parse", help="print places and incidents found, one JSON line a document"
    )
    _add_inputs(parse_cmd)
    parse_cmd.add_argument("-o", "--output", help="write JSON Lines here instead of stdout")
    parse_cmd.add_argument("--explain", action="store_true", help="add each place's reasons")
    parse_cmd.add_argument(
        "--resume", action="store_true",
        help="skip the documents already parsed into -o FILE (or its .partial file)",
    )  # fmt: skip
    _add_common(parse_cmd)

    resolve_cmd = commands.add_parser(
        "resolve", help="resolve given toponym spans (JSONL with text and toponyms)"
    )
    resolve_cmd.add_argument("input", metavar="IN.jsonl", help="JSONL file, or - for stdin")
    resolve_cmd.add_argument("-o", "--output", help="write JSON Lines here instead of stdout")
    resolve_cmd.add_argument("--explain", action="store_true", help="add each place's reasons")
    _add_common(resolve_cmd)

    locate_cmd = commands.add_parser(
        "locate",
        help="place given events (JSONL with text and events[].trigger) where they happened",
    )
    locate_cmd.add_argument("input", metavar="IN.jsonl", help="JSONL file, or - for stdin")
    locate_cmd.add_argument("-o", "--output", help="write JSON Lines here instead of stdout")
    _add_common(locate_cmd)

    gaz = commands.add_parser("gazetteer", help="build, inspect and extend the local gazetteer")
    gaz_cmds = gaz.add_subparsers(dest="action", required=True, parser_class=_Parser)
    gaz_cmds.add_parser("build", help="(re)build the gazetteer from the packaged data")
    gaz_cmds.add_parser("info", help="where the gazetteer is and what it holds")
    lookup = gaz_cmds.add_parser("lookup", help="places known by a name")
    lookup.add_argument("name")
    lookup.add_argument("--limit", type=int, default=20)
    add = gaz_cmds.add_parser("add", help="add your own places from a CSV or GeoJSON file")
    add.add_argument("file")
    imp = gaz_cmds.add_parser("import", help="import a GeoNames dump (allCountries.zip, ...)")
    imp.add_argument("dump")
    for sub in (gaz, *gaz_cmds.choices.values()):
        sub.add_argument("-q", "--quiet", action="store_true", help="only print errors")
        sub.add_argument("-v", "--verbose", action="store_true", help="print debugging detail")

    info = commands.add_parser("info", help="versions, model and gazetteer in use")
    info.add_argument("--json", action="store_true", help="print JSON")
    _add_common(info)
    return parser


# -- commands ----------------------------------------------------------------------------------


def _settings(args: argparse.Namespace):
    from geomap.config import load_settings

    keys = ("model", "geocoder", "geocoder_url", "user_agent", "min_delay", "timeout", "tiles",
            "min_confidence")  # fmt: skip
    return load_settings({key: getattr(args, key, None) for key in keys})


def _documents(args: argparse.Namespace):
    from geomap.ingest import parse_date, read_documents

    published = parse_date(args.published) if args.published else None
    return read_documents(args.inputs, published=published, text_column=args.text_column)


def _pipeline(args: argparse.Namespace, settings=None):
    from geomap.pipeline import Pipeline

    return Pipeline(settings or _settings(args))


def cmd_parse(args: argparse.Namespace) -> int:
    from geomap.batch import RunSummary, done_ids
    from geomap.output.files import partial_path, streamed_output

    output = Path(args.output) if args.output and args.output != "-" else None
    if args.resume and output is None:
        raise ConfigurationError("--resume needs -o FILE: the documents done are read from it")
    documents = _documents(args)  # checks every input before the model loads
    skip: set[str] = set()
    kept: list[str] = []
    if args.resume and output is not None:
        partial = partial_path(output)
        skip, kept = done_ids(partial if partial.is_file() else output)
    summary = RunSummary()
    with (
        _pipeline(args) as pipeline,
        streamed_output(output, kept) as out,
        _progress(args, len(skip)) as progress,
    ):
        for outcome in _corpus_run(args, pipeline, documents, skip=skip, summary=summary):
            out.write(json.dumps(outcome.to_dict(explain=args.explain), ensure_ascii=False))
            out.write("\n")
            out.flush()
            progress.update()
    log.info("%s", summary)
    return 1 if args.strict and summary.failed else 0


def _corpus_run(
    args: argparse.Namespace, pipeline: Pipeline, documents: Iterator[Document], **run: Any
) -> Iterator[Report | Failure]:
    """The corpus parsed here, in ``--workers`` processes, or on the Dask cluster at
    ``--scheduler``: the same outcomes in the same order."""
    from geomap.batch import Backend, ProcessPool, parse_corpus

    backend: Backend | Pipeline = pipeline
    if args.scheduler:
        from geomap.distributed import DaskCluster

        backend = DaskCluster(pipeline.settings, args.scheduler)
    elif args.workers > 1:
        backend = ProcessPool(pipeline.settings, args.workers)
    return parse_corpus(backend, documents, **run)


class _progress:
    """A progress bar on stderr (documents, documents per second, time left) when stderr
    is a terminal; nothing otherwise."""

    def __init__(self, args: argparse.Namespace, done: int = 0):
        self.bar = None
        if sys.stderr.isatty() and not args.quiet:
            from tqdm import tqdm

            from geomap.batch import count_documents

            total = count_documents(args.inputs)
            total = max(0, total - done) if total is not None else None
            self.bar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True)

    def __enter__(self) -> _progress:
        return self

    def update(self) -> None:
        if self.bar is not None:
            self.bar.update()

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def cmd_map(args: argparse.Namespace) -> int:
    from geomap.batch import RunSummary
    from geomap.incidents.merge import CorpusMerge
    from geomap.models import Report
    from geomap.output.schema import iter_incidents
    from geomap.output.writers import parse_formats, write_outputs

    formats = parse_formats(args.formats)
    first = args.inputs[0]
    name = args.name or ("stdin" if first == "-" else Path(first).stem) or "map"
    out_dir = Path(args.out)
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"{out_dir}: exists and is not a directory")
    settings = _settings(args)
    documents = _documents(args)  # checks every input before the model loads
    summary, merge = RunSummary(), CorpusMerge()
    with _pipeline(args, settings) as pipeline, _progress(args) as progress:
        reports = []
        for outcome in _corpus_run(args, pipeline, documents, summary=summary, merge=merge):
            if isinstance(outcome, Report):
                reports.append(outcome)
            progress.update()
    if summary.failed:
        log.info("%s", summary)
    if args.strict and summary.failed:
        return 1
    collected = [merge.finished(report) for report in reports]
    written = write_outputs(collected, out_dir, name, formats, tiles=settings.tiles)
    places = sum(len(r.places) for r in collected)
    resolved = sum(p.resolved for r in collected for p in r.places)
    incidents = [incident for incident, _ in iter_incidents(collected)]
    log.info(
        "%d document(s), %d place mention(s), %d resolved, %d incident(s), %d located",
        len(collected), places, resolved, len(incidents), sum(i.located for i in incidents),
    )  # fmt: skip
    for path in written:
        print(path)
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from geomap.ingest import read_jsonl_records
    from geomap.pipeline import Pipeline

    pipeline = Pipeline(_settings(args))
    with pipeline, _output(args.output) as out:
        for number, record in read_jsonl_records(args.input):
            spans = _toponym_spans(record, f"{args.input}:{number}")
            if spans is None:
                continue
            places = pipeline.resolve(record["text"], spans)
            for toponym, place in zip(record["toponyms"], places, strict=True):
                toponym.update(
                    lat=place.lat, lon=place.lon, name=place.name, source=place.source,
                    confidence=round(place.confidence, 3), feature=place.feature,
                    country_code=place.country_code,
                )  # fmt: skip
                if args.explain:
                    toponym["reasons"] = list(place.reasons)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


def cmd_locate(args: argparse.Namespace) -> int:
    from geomap.ingest import parse_date, read_jsonl_records
    from geomap.pipeline import Pipeline

    pipeline = Pipeline(_settings(args))
    with pipeline, _output(args.output) as out:
        for number, record in read_jsonl_records(args.input):
            where = f"{args.input}:{number}"
            spans = _trigger_spans(record, where)
            if spans is None:
                continue
            published = record.get("published")
            try:
                day = parse_date(published) if isinstance(published, str) and published else None
            except InputError:
                log.warning("%s: unreadable 'published' %r; read without it", where, published)
                day = None
            for event, incident in zip(
                record["events"], pipeline.locate(record["text"], spans, day), strict=True
            ):
                span = incident.location_span
                event.update(
                    location_span={"start": span[0], "end": span[1]} if span else None,
                    location=incident.location, lat=incident.lat, lon=incident.lon,
                    geo_precision=incident.geo_precision, country_code=incident.country_code,
                    confidence=incident.confidence,
                )  # fmt: skip
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


def _toponym_spans(record: dict[str, Any], where: str) -> list[tuple[int, int]] | None:
    return _given_spans(record, where, "toponyms", "toponym", lambda toponym: toponym)


def _trigger_spans(record: dict[str, Any], where: str) -> list[tuple[int, int]] | None:
    return _given_spans(record, where, "events", "event trigger", lambda e: e.get("trigger"))


def _given_spans(
    record: dict[str, Any], where: str, key: str, noun: str, offsets_of: Any
) -> list[tuple[int, int]] | None:
    """The ``start``/``end`` of every item of ``record[key]``, or None (with one warning)
    when one of them does not mark words of the record's text."""
    items = record.get(key)
    if not isinstance(items, list):
        log.warning("%s: expected a '%s' list; line skipped", where, key)
        return None
    text = record["text"]
    spans = []
    for item in items:
        offsets = offsets_of(item) if isinstance(item, dict) else None
        start = offsets.get("start") if isinstance(offsets, dict) else None
        end = offsets.get("end") if isinstance(offsets, dict) else None
        if not (isinstance(start, int) and isinstance(end, int)) or not (
            0 <= start < end <= len(text) and text[start:end].strip()
        ):
            log.warning("%s: %s %r has no valid start/end in the text; line skipped",
                        where, noun, item)  # fmt: skip
            return None
        spans.append((start, end))
    return spans


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from geomap.kb import gazetteer as gz

    if args.action == "build":
        stats = gz.build(progress=not args.quiet)
        print(
            f"{stats.path}: {stats.places:,} places, {stats.names:,} names, {stats.seconds:.1f} s"
        )
        return 0
    if args.action in ("add", "import"):
        if args.action == "add":
            from geomap.kb.sources.base import Source
            from geomap.kb.sources.curated import UserFileSource

            source: Source = UserFileSource(Path(args.file))
        else:
            from geomap.kb.sources.geonames import GeoNamesDumpSource

            source = GeoNamesDumpSource(Path(args.dump), gz.admin1_table())
        count = gz.add_to_user_gazetteer(source)
        print(f"{count:,} place(s) added to {gz.data_dir() / gz.USER_FILENAME}")
        return 0
    with gz.Gazetteer.open(progress=not args.quiet) as gazetteer:
        if args.action == "info":
            for key, value in gazetteer.info().items():
                print(f"{key}: {json.dumps(value) if isinstance(value, dict) else value}")
            return 0
        found = gazetteer.lookup(args.name, limit=args.limit)
        if not found:
            print(f"no place named {args.name!r}")
            return 0
        for entry, kind in found[: args.limit]:
            print(
                f"{entry.name}\t{entry.feature}\t{entry.country_code or '-'}\t{entry.admin1 or '-'}"
                f"\t{entry.population}\t{entry.lat:.4f}\t{entry.lon:.4f}\t{entry.source}\t{kind}"
            )
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    import importlib.metadata
    import platform

    from geomap.incidents.confidence import min_confidence
    from geomap.kb import ATTRIBUTION
    from geomap.kb import gazetteer as gz
    from geomap.nlp import default_model_name

    settings = _settings(args)
    model = settings.model or default_model_name()
    try:
        model_version = importlib.metadata.version(model.replace("_", "-"))
    except importlib.metadata.PackageNotFoundError:
        model_version = None
    path = gz.base_path()
    user = gz.data_dir() / gz.USER_FILENAME
    info = {
        "geomap": __version__,
        "python": platform.python_version(),
        "spacy": importlib.metadata.version("spacy"),
        "spacy_model": model,
        "spacy_model_version": model_version,
        "gazetteer": str(path),
        "gazetteer_built": path.is_file(),
        "gazetteer_size_bytes": path.stat().st_size if path.is_file() else 0,
        "user_gazetteer": str(user) if user.is_file() else None,
        "geocoder": settings.geocoder.service,
        "geocoder_url": settings.geocoder.url,
        "min_confidence": min_confidence(settings.min_confidence),
        "data_credits": ATTRIBUTION,
    }
    if args.json:
        print(json.dumps(info, indent=2))
    else:
        for key, value in info.items():
            print(f"{key}: {value}")
    return 0


class _output:
    """stdout, or a file written atomically."""

    def __init__(self, path: str | None):
        self.path = path
        self._context = None

    def __enter__(self):
        if self.path is None or self.path == "-":
            return sys.stdout
        from geomap.output.files import atomic_write

        self._context = atomic_write(self.path)
        return self._context.__enter__()

    def __exit__(self, *exc: object):
        if self._context is not None:
            return self._context.__exit__(*exc)
        return False


COMMANDS = {
    "parse": cmd_parse,
    "map": cmd_map,
    "resolve": cmd_resolve,
    "locate": cmd_locate,
    "gazetteer": cmd_gazetteer,
    "info": cmd_info,
}


def _configure_logging(args: argparse.Namespace) -> None:
    level = logging.INFO
    if getattr(args, "quiet", False):
        level = logging.ERROR
    elif getattr(args, "verbose", False):
        level = logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("geomap: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _configure_logging(args)
    try:
        return COMMANDS[args.command](args)
    except USAGE_ERRORS as err:
        print(f"geomap: error: {err}", file=sys.stderr)
        return 2
    except GeomapError as err:
        print(f"geomap: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("geomap: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except Exception as err:
        log.debug("internal error", exc_info=True)
        print(f"geomap: internal error: {type(err).__name__}: {err} (rerun with -v for details)",
              file=sys.stderr)  # fmt: skip
        return 1


if __name__ == "__main__":
    sys.exit(main())
