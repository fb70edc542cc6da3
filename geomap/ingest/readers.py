"""Readers: documents from files and stdin in any input format, and request lines from JSONL."""

from __future__ import annotations

import sys
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from itertools import chain
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO

from geomap.errors import InputError
from geomap.ingest.decode import (
    normalise_newlines,
    open_binary,
    read_or_fail,
    split_lines,
    start_bytes,
    start_text,
)
from geomap.ingest.discover import check_inputs, expand_inputs, is_stdin
from geomap.ingest.formats import (
    FORMATS,
    Warn,
    json_lines,
    log_warning,
    parse_csv,
    parse_jsonl,
    sniff_format,
)
from geomap.ingest.html_page import extract_html
from geomap.models import Document

STDIN_NAME = "stdin"  # name used for stdin in ids, origins and messages


def read_documents(
    inputs: Sequence[str | Path] | str | Path,
    *,
    published: date | None = None,
    text_column: str = "text",
    stdin: TextIO | BinaryIO | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Iterator[Document]:
    """Yield documents from files and ``"-"`` (stdin), in order, one input at a time.

    Every input is checked up front (missing files, directories, ``"-"`` given twice
    raise ``InputError`` before anything is read).  ``published`` is used for documents
    that carry no valid date of their own.  ``Document.text`` never contains ``\r``:
    line breaks are ``\n`` in every format, JSON string values included.  ``text_column``
    names the CSV text column.
    ``stdin`` replaces ``sys.stdin`` for ``"-"``.  Skipped JSONL lines and CSV rows are
    reported to ``on_warning`` (default: the ``geomap`` logger).
    """
    items = expand_inputs([inputs] if isinstance(inputs, (str, Path)) else list(inputs))
    check_inputs(items)
    return _iter_documents(items, published, text_column, stdin, on_warning or log_warning)


def read_file(
    path: str | Path, *, text_column: str = "text", on_warning: Warn | None = None
) -> Iterator[Document]:
    """Yield the documents of one file, its format chosen by extension or sniffed."""
    return _read_path(Path(path), None, text_column, on_warning or log_warning)


def read_text_file(path: str | Path) -> Document:
    """Read a file as plain text: id is the file stem, origin the path, no title."""
    return _single(_read_path(Path(path), "text", "text", log_warning))


def read_html_file(path: str | Path) -> Document:
    """Read an HTML file: its visible text plus title, published date and URL."""
    return _single(_read_path(Path(path), "html", "text", log_warning))


def read_jsonl_file(path: str | Path, *, on_warning: Warn | None = None) -> Iterator[Document]:
    """Yield one document per valid line of a JSON Lines file (see ``read_documents``)."""
    return _read_path(Path(path), "jsonl", "text", on_warning or log_warning)


def read_csv_file(
    path: str | Path, *, text_column: str = "text", on_warning: Warn | None = None
) -> Iterator[Document]:
    """Yield one document per row of a CSV file with a header and a ``text_column``."""
    return _read_path(Path(path), "csv", text_column, on_warning or log_warning)


def read_jsonl_records(name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` for each line of JSON Lines file ``name`` (``"-"``: stdin)
    that is an object with a string ``text``, as written, so that offsets into the text
    hold; other lines are skipped with a warning to the ``geomap`` logger."""
    path = Path(name)
    if name != "-":
        if not path.exists():
            raise InputError(f"{name}: no such file")
        if path.is_dir():
            raise InputError(f"{name}: is a directory; give a JSONL file")
    stream = sys.stdin if name == "-" else path.open(encoding="utf-8", errors="replace")
    with stream:
        for number, record in json_lines(stream, name, log_warning):
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                log_warning(
                    f"{name}:{number}: expected an object with a string 'text'; line skipped"
                )
                continue
            yield number, record


def _iter_documents(
    items: list[str | Path],
    published: date | None,
    text_column: str,
    stdin: TextIO | BinaryIO | None,
    warn: Warn,
) -> Iterator[Document]:
    """Read each input in turn, applying the default ``published`` date."""
    for item in items:
        if is_stdin(item):
            docs = _read_stdin(stdin, text_column, warn)
        else:
            docs = _read_path(Path(item), None, text_column, warn, name=str(item))
        for doc in docs:
            if doc.published is None and published is not None:
                doc = replace(doc, published=published)
            yield doc


def _read_path(
    path: Path, fmt: str | None, text_column: str, warn: Warn, name: str | None = None
) -> Generator[Document, None, None]:
    """Open ``path`` and parse it as ``fmt`` (or by extension, or sniffed)."""
    name = name or str(path)
    with open_binary(path, name) as fh:
        head, rest = start_bytes(lambda size: read_or_fail(fh.read, size, name), name, exact=True)
        fmt = fmt or FORMATS.get(path.suffix.lower()) or sniff_format(head)
        yield from _parse(fmt, chain([head], rest), name, path.stem, text_column, warn)


def _read_stdin(stream: IO[Any] | None, text_column: str, warn: Warn) -> Iterator[Document]:
    """Parse stdin (or ``stream``), always sniffing its format."""
    source: IO[Any] | None = stream
    if source is None:
        source = getattr(sys.stdin, "buffer", sys.stdin)  # bytes: decode errors are ours
        if source is None:
            raise InputError("-: stdin is not available")
    if isinstance(source.read(0), bytes):
        read = getattr(source, "read1", source.read)  # read1: do not wait for a full chunk
        head, rest = start_bytes(lambda size: read_or_fail(read, size, STDIN_NAME), STDIN_NAME)
    else:
        read = source.read
        head, rest = start_text(lambda size: read_or_fail(read, size, STDIN_NAME), STDIN_NAME)
    fmt = sniff_format(head)
    yield from _parse(fmt, chain([head], rest), STDIN_NAME, STDIN_NAME, text_column, warn)


def _parse(
    fmt: str, chunks: Iterable[str], name: str, stem: str, text_column: str, warn: Warn
) -> Iterator[Document]:
    """Turn decoded text chunks into documents according to ``fmt``."""
    normalised = normalise_newlines(chunks)
    if fmt == "jsonl":
        yield from parse_jsonl(split_lines(normalised), name, stem, warn)
    elif fmt == "csv":
        yield from parse_csv(split_lines(normalised), name, stem, text_column, warn)
    elif fmt == "html":
        page = extract_html("".join(normalised))
        yield Document(stem, page.text, page.published, page.title, page.url, origin=name)
    else:
        yield Document(id=stem, text="".join(normalised), origin=name)


def _single(docs: Generator[Document, None, None]) -> Document:
    """The first document of ``docs``, closing the generator (and its file)."""
    try:
        return next(docs)
    finally:
        docs.close()
