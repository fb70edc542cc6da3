"""Read articles from plain text, HTML, JSON Lines, CSV files and stdin as ``Document``s.

Formats are chosen by file extension:

* ``.txt`` / ``.text``: plain text, one document per file;
* ``.html`` / ``.htm``: HTML, one document per file with its visible text;
* ``.jsonl`` / ``.ndjson``: JSON Lines, one document per line;
* ``.csv``: CSV with a header row, one document per row.

Stdin (``"-"``) and files with no or another extension are sniffed from their first
8 KiB: if every one of the first few non-blank lines starts with ``{`` the input is
JSON Lines; if it starts with ``<!doctype html`` or ``<html`` it is HTML; otherwise it
is plain text (CSV is never guessed).

Bytes are decoded as UTF-8 (a BOM is dropped, invalid bytes become U+FFFD) and line
breaks are normalised to ``\\n`` so character offsets into ``Document.text`` are stable.
Files and streams are read in chunks: JSON Lines and CSV corpora are never held in
memory whole.
"""

from __future__ import annotations

import codecs
import csv
import functools
import json
import re
import sys
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from itertools import chain
from pathlib import Path
from typing import IO, Any, BinaryIO, NamedTuple, TextIO

from geomap.errors import InputError
from geomap.models import Document

__all__ = [
    "FORMATS",
    "HtmlPage",
    "extract_html",
    "parse_date",
    "read_csv_file",
    "read_documents",
    "read_file",
    "read_html_file",
    "read_jsonl_file",
    "read_text_file",
    "sniff_format",
]

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

STDIN_NAME = "stdin"  # name used for stdin in ids, origins and messages
HEAD_SIZE = 8192  # bytes inspected for binary content and format sniffing
CHUNK_SIZE = 65536  # bytes (or characters) read at a time after the head
CSV_FIELD_LIMIT = 64 * 1024 * 1024  # largest CSV field accepted, in characters
SNIFF_LINES = 5  # non-blank lines looked at when sniffing JSON Lines

Warn = Callable[[str], None]

# Control characters that make a sample look binary (\t \n \r \f are ordinary text).
_CONTROL_CHARS = "".join(chr(c) for c in [*range(32), 127] if chr(c) not in "\t\n\r\f")
_DROP_CONTROL = str.maketrans("", "", _CONTROL_CHARS)
_UTF16_32_BOMS = (
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
)
_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html)[\s>]", re.IGNORECASE)
_DATE_PREFIX = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")


# --------------------------------------------------------------------------- dates


def parse_date(value: str) -> date:
    """Parse an ISO 8601 date or datetime string and return its date part.

    Accepts e.g. ``"2019-12-30"``, ``"2019-12-30T08:00:00Z"``, ``"2019-12-30 08:00+03:00"``
    and ``"2019-12-30T08:00:00 GMT"`` (a full date followed by a time).  The date is taken
    as written; no time-zone conversion is done.  Raises ``InputError`` otherwise.
    """
    if not isinstance(value, str):
        raise InputError(f"not an ISO date: {value!r} is not a string")
    text = value.strip()
    for parse in (date.fromisoformat, lambda s: datetime.fromisoformat(s).date()):
        try:
            return parse(text)
        except ValueError:
            pass
    match = _DATE_PREFIX.match(text)
    if match:
        try:
            return date.fromisoformat(match.group(1))
        except ValueError:
            pass
    raise InputError(f"not an ISO date or datetime: {value!r}")


# --------------------------------------------------------------------------- public API


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
    seen_stdin = False
    for item in items:
        if _is_stdin(item):
            if seen_stdin:
                raise InputError("-: stdin given more than once")
            seen_stdin = True
        else:
            _check_path(Path(item), str(item))
    return _iter_documents(items, published, text_column, stdin, on_warning or _log_warning)


def expand_inputs(items: Sequence[str | Path]) -> list[str | Path]:
    """The inputs with each directory replaced by the files in it (and in its folders)
    that geomap reads by their extension, in name order; hidden files are skipped."""
    expanded: list[str | Path] = []
    for item in items:
        path = Path(item)
        if _is_stdin(item) or not path.is_dir():
            expanded.append(item)
            continue
        found = sorted(
            p for p in path.rglob("*")
            if p.is_file() and p.suffix.lower() in FORMATS
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )  # fmt: skip
        if not found:
            kinds = ", ".join(sorted(set(FORMATS)))
            raise InputError(f"{item}: the directory holds no file geomap reads ({kinds})")
        expanded.extend(found)
    return expanded


def read_file(
    path: str | Path, *, text_column: str = "text", on_warning: Warn | None = None
) -> Iterator[Document]:
    """Yield the documents of one file, its format chosen by extension or sniffed."""
    return _read_path(Path(path), None, text_column, on_warning or _log_warning)


def read_text_file(path: str | Path) -> Document:
    """Read a file as plain text: id is the file stem, origin the path, no title."""
    return _single(_read_path(Path(path), "text", "text", _log_warning))


def read_html_file(path: str | Path) -> Document:
    """Read an HTML file: its visible text plus title, published date and URL."""
    return _single(_read_path(Path(path), "html", "text", _log_warning))


def read_jsonl_file(path: str | Path, *, on_warning: Warn | None = None) -> Iterator[Document]:
    """Yield one document per valid line of a JSON Lines file (see ``read_documents``)."""
    return _read_path(Path(path), "jsonl", "text", on_warning or _log_warning)


def read_csv_file(
    path: str | Path, *, text_column: str = "text", on_warning: Warn | None = None
) -> Iterator[Document]:
    """Yield one document per row of a CSV file with a header and a ``text_column``."""
    return _read_path(Path(path), "csv", text_column, on_warning or _log_warning)


def document_from_record(
    record: Mapping[str, Any], default_id: str, *, on_warning: Warn | None = None
) -> Document:
    """A document from a mapping shaped like a line of a JSON Lines corpus: a string
    ``text`` and optional ``id``, ``published``, ``title`` and ``url``. ``default_id`` is
    used when it has no id; ``InputError`` when it has no text."""
    if not isinstance(record.get("text"), str):
        raise InputError(f'{default_id}: no string "text" field')
    text = record["text"].replace("\r\n", "\n").replace("\r", "\n")
    return _document(record, text, default_id, default_id, on_warning or _log_warning)


def sniff_format(sample: str) -> str:
    """Guess ``"jsonl"``, ``"html"`` or ``"text"`` from the start of an input."""
    if _HTML_START.match(sample):
        return "html"
    lines = [line.lstrip() for line in sample.splitlines() if line.strip()][:SNIFF_LINES]
    if lines and all(line.startswith("{") for line in lines):
        return "jsonl"
    return "text"


# --------------------------------------------------------------------------- dispatch


def _iter_documents(
    items: list[str | Path],
    published: date | None,
    text_column: str,
    stdin: TextIO | BinaryIO | None,
    warn: Warn,
) -> Iterator[Document]:
    """Read each input in turn, applying the default ``published`` date."""
    for item in items:
        if _is_stdin(item):
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
    with _open(path, name) as fh:
        head, rest = _start_bytes(lambda size: _read(fh.read, size, name), name, exact=True)
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
        head, rest = _start_bytes(lambda size: _read(read, size, STDIN_NAME), STDIN_NAME)
    else:
        read = source.read
        head, rest = _start_text(lambda size: _read(read, size, STDIN_NAME), STDIN_NAME)
    fmt = sniff_format(head)
    yield from _parse(fmt, chain([head], rest), STDIN_NAME, STDIN_NAME, text_column, warn)


def _parse(
    fmt: str, chunks: Iterable[str], name: str, stem: str, text_column: str, warn: Warn
) -> Iterator[Document]:
    """Turn decoded text chunks into documents according to ``fmt``."""
    normalised = _normalise_newlines(chunks)
    if fmt == "jsonl":
        yield from _parse_jsonl(_split_lines(normalised), name, stem, warn)
    elif fmt == "csv":
        yield from _parse_csv(_split_lines(normalised), name, stem, text_column, warn)
    elif fmt == "html":
        page = extract_html("".join(normalised))
        yield Document(stem, page.text, page.published, page.title, page.url, origin=name)
    else:
        yield Document(id=stem, text="".join(normalised), origin=name)


# --------------------------------------------------------------------------- reading bytes


def _check_path(path: Path, name: str) -> None:
    """Raise ``InputError`` if ``path`` is empty, missing or a directory."""
    if not name:
        raise InputError("an input path is empty")
    if path.is_dir():
        raise InputError(f"{name}: is a directory; give the files in it")
    if not path.exists():
        raise InputError(f"{name}: no such file")


def _open(path: Path, name: str) -> BinaryIO:
    """Open ``path`` for binary reading, turning OS errors into ``InputError``."""
    _check_path(path, name)
    try:
        return open(path, "rb")
    except FileNotFoundError as exc:
        raise InputError(f"{name}: no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{name}: is a directory; give the files in it") from exc
    except PermissionError as exc:
        raise InputError(f"{name}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{name}: cannot open ({exc.strerror or exc})") from exc


def _read(read: Callable[[int], Any], size: int, name: str) -> Any:
    """Call ``read(size)``, turning OS errors into ``InputError``."""
    try:
        return read(size)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from exc


def _start_bytes(
    read: Callable[[int], bytes], name: str, exact: bool = False
) -> tuple[str, Iterator[str]]:
    """Check the head of a byte stream, then decode it as UTF-8 chunk by chunk.

    Returns the decoded head (BOM dropped) and an iterator over the decoded rest.
    ``exact`` reads a full ``HEAD_SIZE`` bytes (for files) instead of what is available.
    """
    head = read(HEAD_SIZE)
    while exact and head and len(head) < HEAD_SIZE:
        more = read(HEAD_SIZE - len(head))
        if not more:
            break
        head += more
    if head.startswith(_UTF16_32_BOMS):
        raise InputError(f"{name}: looks like UTF-16 or UTF-32 text; convert it to UTF-8")
    _check_not_binary(head.decode("latin-1"), name)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def rest() -> Iterator[str]:
        for block in iter(lambda: read(CHUNK_SIZE), b""):
            yield decoder.decode(block)
        yield decoder.decode(b"", final=True)

    return decoder.decode(head).removeprefix("\ufeff"), rest()


def _start_text(read: Callable[[int], str], name: str) -> tuple[str, Iterator[str]]:
    """Like ``_start_bytes`` for a stream that already yields ``str``."""
    head = read(HEAD_SIZE)
    _check_not_binary(head, name)
    return head.removeprefix("\ufeff"), iter(lambda: read(CHUNK_SIZE), "")


def _check_not_binary(sample: str, name: str) -> None:
    """Raise ``InputError`` if ``sample`` has NULs or more than 30% control characters."""
    controls = len(sample) - len(sample.translate(_DROP_CONTROL))
    if "\x00" in sample or controls > 0.3 * len(sample):
        raise InputError(f"{name}: looks like a binary file, not text")


def _normalise_newlines(chunks: Iterable[str]) -> Iterator[str]:
    """Translate ``\\r\\n`` and lone ``\\r`` to ``\\n``, also across chunk boundaries."""
    after_cr = False
    for chunk in chunks:
        if not chunk:
            continue
        if after_cr and chunk.startswith("\n"):
            chunk = chunk[1:]  # second half of a \r\n already emitted as \n
        after_cr = chunk.endswith("\r")
        yield chunk.replace("\r\n", "\n").replace("\r", "\n")


def _split_lines(chunks: Iterable[str]) -> Iterator[str]:
    """Yield lines ending in ``\\n`` (the last one may not) from text chunks."""
    pending: list[str] = []
    for chunk in chunks:
        pieces = chunk.split("\n")
        if len(pieces) == 1:
            pending.append(chunk)
            continue
        pending.append(pieces[0])
        yield "".join(pending) + "\n"
        for piece in pieces[1:-1]:
            yield piece + "\n"
        pending = [pieces[-1]] if pieces[-1] else []
    if pending:
        yield "".join(pending)


# --------------------------------------------------------------------------- JSONL and CSV


def _parse_jsonl(lines: Iterable[str], name: str, stem: str, warn: Warn) -> Iterator[Document]:
    """Yield a document per JSON object line; warn about and skip bad lines."""
    for number, line in enumerate(lines, start=1):
        line = line.lstrip("\ufeff")  # BOMs left over from concatenated files
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            warn(f"{where}: not valid JSON ({exc.msg}); line skipped")
            continue
        except RecursionError:
            warn(f"{where}: JSON nested too deeply; line skipped")
            continue
        if not isinstance(record, dict):
            warn(f"{where}: not a JSON object; line skipped")
            continue
        if not isinstance(record.get("text"), str):
            warn(f'{where}: no string "text" field; line skipped')
            continue
        text = record["text"].replace("\r\n", "\n").replace("\r", "\n")
        yield _document(record, text, f"{stem}:{number}", where, warn)


def _parse_csv(
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


# --------------------------------------------------------------------------- HTML


class HtmlPage(NamedTuple):
    """What ``extract_html`` finds in a page."""

    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None


def extract_html(html: str) -> HtmlPage:
    """Extract the visible text and metadata of an HTML page; never fails on bad markup.

    Skips script, style, noscript, template and svg content and the head (the
    ``<title>`` becomes ``title``, it is not part of the text).  Block elements start
    new lines; spaces are collapsed within lines and blank lines dropped.  The title is
    ``<title>`` or else the first ``<h1>``.  The date comes from the first parsable of
    ``article:published_time``, ``<meta name="date">``, ``itemprop="datePublished"``
    and ``<time datetime>`` inside ``<article>``; the URL from ``<link rel="canonical">``
    or ``og:url``.
    """
    parser = _parser_class()()
    # "<![...]>" outside foreign content is a bogus comment to browsers but can make
    # HTMLParser raise; drop it up front as browsers do.
    html = re.sub(r"<!\[[^>]*>", "", html)
    try:
        parser.feed(html)
        parser.close()
    except AssertionError:  # HTMLParser's own complaint about markup; keep what we have
        pass
    page: HtmlPage = parser.page()
    return page


_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "math"})
_HEAD_TAGS = frozenset(
    {"head", "title", "meta", "link", "base", "style", "script", "noscript", "template"}
)
_CELLS = frozenset({"td", "th"})
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
})  # fmt: skip
_DATE_KEYS = ("article:published_time", "date", "datePublished", "time")


@functools.cache
def _parser_class() -> type[Any]:
    """``_PageCollector`` on top of ``HTMLParser``, imported only when HTML is read."""
    from html.parser import HTMLParser

    class _PageParser(_PageCollector, HTMLParser):
        def __init__(self) -> None:
            HTMLParser.__init__(self, convert_charrefs=True)
            _PageCollector.__init__(self)

    return _PageParser


class _PageCollector:
    """``HTMLParser`` handlers collecting the text, title, dates and URLs of a page."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.skipping: list[str] = []  # open elements whose content is hidden
        self.in_head = False
        self.capture: str | None = None  # "title" or "h1" while collecting it
        self.captured: list[str] = []
        self.found: dict[str, str] = {}  # first title/h1 text
        self.dates: dict[str, list[str]] = {key: [] for key in _DATE_KEYS}
        self.urls: dict[str, str] = {}
        self.article_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.capture == "title" or (self.capture == "h1" and tag in _BLOCKS):
            self._end_capture()  # a tag inside <title> (or a block in <h1>): it was unclosed
        self._metadata(tag, {key: value or "" for key, value in attrs})
        if tag == "head":
            self.in_head = True
        elif self.in_head and tag not in _HEAD_TAGS:
            self.in_head = False  # the body started without </head>
        if tag in _SKIPPED:
            self.skipping.append(tag)
        elif tag == "article":
            self.article_depth += 1
        if tag in ("title", "h1") and tag not in self.found and not self.skipping:
            self.capture, self.captured = tag, []
        self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.skipping:
            del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag) :]
        elif tag == "head":
            self.in_head = False
        elif tag == "article" and self.article_depth:
            self.article_depth -= 1
        if tag == self.capture:
            self._end_capture()
        self._break(tag)

    def _end_capture(self) -> None:
        text = " ".join("".join(self.captured).split())
        if self.capture and text:
            self.found[self.capture] = text
        self.capture = None

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.capture:
            self.captured.append(data)
        if self.in_head and self.capture != "title" and data.strip():
            self.in_head = False  # text outside <title> starts the body, as in browsers
        if not self.in_head and self.capture != "title":
            self.parts.append(data.replace("\r", " ").replace("\n", " "))

    def _break(self, tag: str) -> None:
        if self.skipping or self.in_head:
            return
        if tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in _CELLS:
            self.parts.append(" ")

    def _metadata(self, tag: str, attrs: dict[str, str]) -> None:
        """Note date and URL candidates carried by a tag's attributes."""
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or "").strip().lower()
            if key in ("article:published_time", "date"):
                self.dates[key].append(attrs.get("content", ""))
            elif key == "og:url" and attrs.get("content"):
                self.urls.setdefault("og:url", attrs["content"].strip())
        elif (
            tag == "link"
            and attrs.get("href")
            and "canonical" in attrs.get("rel", "").lower().split()
        ):
            self.urls.setdefault("canonical", attrs["href"].strip())
        if attrs.get("itemprop", "").strip().lower() == "datepublished":
            self.dates["datePublished"].append(attrs.get("content") or attrs.get("datetime", ""))
        elif tag == "time" and self.article_depth and attrs.get("datetime"):
            self.dates["time"].append(attrs["datetime"])

    def page(self) -> HtmlPage:
        """The collected result."""
        self._end_capture()  # in case <title> or <h1> was never closed
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return HtmlPage(
            text="\n".join(line for line in lines if line),
            title=self.found.get("title") or self.found.get("h1") or None,
            published=self._published(),
            url=self.urls.get("canonical") or self.urls.get("og:url"),
        )

    def _published(self) -> date | None:
        for key in _DATE_KEYS:
            for value in self.dates[key]:
                try:
                    return parse_date(value)
                except InputError:
                    continue
        return None


# --------------------------------------------------------------------------- small helpers


def _is_stdin(item: str | Path) -> bool:
    return isinstance(item, str) and item == "-"


def _single(docs: Generator[Document, None, None]) -> Document:
    """The first document of ``docs``, closing the generator (and its file)."""
    try:
        return next(docs)
    finally:
        docs.close()


def _log_warning(message: str) -> None:
    """Default ``on_warning``: log to the ``geomap`` logger."""
    import logging

    logging.getLogger("geomap").warning("%s", message)
