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

``read_jsonl_records`` reads the request lines of ``geomap resolve`` and ``geomap locate``:
JSON objects kept as written.
"""

from geomap.ingest.dates import parse_date
from geomap.ingest.discover import expand_inputs
from geomap.ingest.formats import FORMATS, document_from_record, sniff_format
from geomap.ingest.html_page import HtmlPage, extract_html
from geomap.ingest.readers import (
    read_csv_file,
    read_documents,
    read_file,
    read_html_file,
    read_jsonl_file,
    read_jsonl_records,
    read_text_file,
)

__all__ = [
    "FORMATS",
    "HtmlPage",
    "document_from_record",
    "expand_inputs",
    "extract_html",
    "parse_date",
    "read_csv_file",
    "read_documents",
    "read_file",
    "read_html_file",
    "read_jsonl_file",
    "read_jsonl_records",
    "read_text_file",
    "sniff_format",
]
