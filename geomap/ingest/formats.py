"""Input formats: the format of a file by suffix or sniffed, and JSON Lines and CSV as documents."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from geomap.errors import InputError
from geomap.ingest.dates import parse_date
from geomap.models import Document

#: Format by lower-cased file suffix; other suffixes (and none) are sniffed.
FORMATS: Mapping[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}

CSV_FIELD_LIMIT = 64 * 1024 * 1024  # largest CSV field accepted, in characters
SNIFF_LINES = 5  # non-blank lines looked at when sniffing JSON Lines

Warn = Callable[[str], None]

_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html)[\s>]", re.IGNORECASE)


def log_warning(message: str) -> None:
    """Default ``on_warning``: log to the ``geomap`` logger."""
    import logging

    logging.getLogger("geomap").warning("%s", message)


def sniff_format(sample: str) -> str:
    """Guess ``"jsonl"``, ``"html"`` or ``"text"`` from the start of an input."""
    if _HTML_START.match(sample):
        return "html"
    lines = [line.lstrip() for line in sample.splitlines() if line.strip()][:SNIFF_LINES]
    if lines and all(line.startswith("{") for line in lines):
        return "jsonl"
    return "text"


def json_lines(lines: Iterable[str], name: str, warn: Warn) -> Iterator[tuple[int, Any]]:
    """``(line number, value)`` for each non-blank line that parses as JSON, byte-order
    marks (of concatenated files) removed. Lines that do not parse, or are nested too
    deeply for the parser, are reported to ``warn`` as ``name:number`` and skipped."""
    for number, marked in enumerate(lines, start=1):
        line = marked.lstrip("\ufeff")
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            warn(f"{name}:{number}: not valid JSON ({exc.msg}); line skipped")
            continue
        except RecursionError:
            warn(f"{name}:{number}: JSON nested too deeply; line skipped")
            continue
        yield number, value


def parse_jsonl(lines: Iterable[str], name: str, stem: str, warn: Warn) -> Iterator[Document]:
    """Yield a document per JSON object line; warn about and skip bad lines."""
    for number, record in json_lines(lines, name, warn):
        where = f"{name}:{number}"
        if not isinstance(record, dict):
            warn(f"{where}: not a JSON object; line skipped")
            continue
        if not isinstance(record.get("text"), str):
            warn(f'{where}: no string "text" field; line skipped')
            continue
        text = record["text"].replace("\r\n", "\n").replace("\r", "\n")
        yield _document(record, text, f"{stem}:{number}", where, warn)


def parse_csv(
    lines: Iterable[str], name: str, stem: str, text_column: str, warn: Warn
) -> Iterator[Document]:
    """Yield a document per CSV row; the first non-blank row is the header."""
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    reader = csv.reader(lines)
    header: list[str] = []
    while not header:  # skip blank lines before the header
        row = _next_row(reader, name)
        if row is None:
            return  # empty file
        header = [column.strip() for column in row]
    columns = {key: _column(header, key) for key in ("id", "published", "title", "url")}
    text_index = _column(header, text_column)
    if text_index is None:
        found = ", ".join(repr(column) for column in header)
        raise InputError(f"{name}: no {text_column!r} column; columns found: {found}")
    row_number = 0
    while True:
        start_line = reader.line_num + 1
        row = _next_row(reader, name)
        if row is None:
            return
        if not row:
            continue  # blank line
        row_number += 1
        where = f"{name}:{start_line}"
        if text_index >= len(row):
            warn(f"{where}: row has {len(row)} fields, no {text_column!r} value; row skipped")
            continue
        fields = {
            key: row[index].strip() or None
            for key, index in columns.items()
            if index is not None and index < len(row)
        }
        yield _document(fields, row[text_index], f"{stem}:{row_number}", where, warn)


def _next_row(reader: Any, name: str) -> list[str] | None:
    """The next CSV row, ``None`` at the end; CSV syntax errors become ``InputError``."""
    try:
        return next(reader, None)
    except csv.Error as exc:
        raise InputError(f"{name}:{reader.line_num}: bad CSV ({exc})") from exc


def _column(header: list[str], wanted: str) -> int | None:
    """Index of column ``wanted``: exact match first, else a unique case-insensitive one."""
    if wanted in header:
        return header.index(wanted)
    matches = [i for i, column in enumerate(header) if column.casefold() == wanted.casefold()]
    return matches[0] if len(matches) == 1 else None


def document_from_record(
    record: Mapping[str, Any], default_id: str, *, on_warning: Warn | None = None
) -> Document:
    """A document from a mapping shaped like a line of a JSON Lines corpus: a string
    ``text`` and optional ``id``, ``published``, ``title`` and ``url``. ``default_id`` is
    used when it has no id; ``InputError`` when it has no text."""
    if not isinstance(record.get("text"), str):
        raise InputError(f'{default_id}: no string "text" field')
    text = record["text"].replace("\r\n", "\n").replace("\r", "\n")
    return _document(record, text, default_id, default_id, on_warning or log_warning)


def _document(
    fields: Mapping[str, Any], text: str, default_id: str, where: str, warn: Warn
) -> Document:
    """Build a corpus document from its optional ``id/published/title/url`` fields."""
    doc_id = fields.get("id")
    if isinstance(doc_id, (int, float)) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    elif doc_id is not None and not (isinstance(doc_id, str) and doc_id):
        warn(f'{where}: "id" must be a non-empty string or a number; using {default_id!r}')
        doc_id = None
    published = None
    raw_date = fields.get("published")
    if raw_date is not None:
        try:
            published = parse_date(raw_date)
        except InputError:
            warn(f'{where}: "published" {raw_date!r} is not an ISO date; ignored')
    return Document(
        id=doc_id or default_id,
        text=text,
        published=published,
        title=_optional_str(fields, "title", where, warn),
        url=_optional_str(fields, "url", where, warn),
        origin=where,
    )


def _optional_str(fields: Mapping[str, Any], key: str, where: str, warn: Warn) -> str | None:
    """``fields[key]`` if it is a string; warn about any other non-null value."""
    value = fields.get(key)
    if value is None or isinstance(value, str):
        return value or None
    warn(f'{where}: "{key}" is not a string; ignored')
    return None
