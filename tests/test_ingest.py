"""Tests for geomap.ingest: text, HTML, JSONL, CSV and stdin input."""

from __future__ import annotations

import io
import logging
import os
import stat
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from geomap.errors import GeomapError, InputError
from geomap.ingest import (
    extract_html,
    parse_date,
    read_csv_file,
    read_documents,
    read_html_file,
    read_jsonl_file,
    read_text_file,
    sniff_format,
)
from geomap.models import Document


def write(path: Path, data: str | bytes) -> Path:
    """Write bytes, or text as UTF-8 bytes (no newline translation), and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def read_all(*inputs: str | Path, **kwargs: Any) -> tuple[list[Document], list[str]]:
    """Read inputs, returning the documents and the warnings."""
    warnings: list[str] = []
    docs = list(read_documents(list(inputs), on_warning=warnings.append, **kwargs))
    return docs, warnings


# --------------------------------------------------------------------------- plain text


def test_text_file_bom_crlf_and_invalid_utf8(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", b"\xef\xbb\xbfBaghdad\r\nline two\rbad \xff byte\n")
    (doc,) = read_documents([path])
    assert doc.text == "Baghdad\nline two\nbad \ufffd byte\n"
    assert doc.id == "story"
    assert doc.origin == str(path)
    assert doc.title is None
    assert doc.published is None


def test_read_text_file_ignores_extension(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", "<p>not parsed</p>")
    assert read_text_file(path).text == "<p>not parsed</p>"


def test_crlf_and_multibyte_char_across_chunk_boundary(tmp_path: Path) -> None:
    # "\r" is the last byte of the 8 KiB head and "\n" the first byte after it;
    # "é" (2 bytes) straddles a later boundary.
    first = b"a" * 8191 + b"\r"
    second = b"\nx" + b"b" * (65536 - 3) + "é".encode() + b"end"
    path = write(tmp_path / "long.txt", first + second)
    text = read_text_file(path).text
    assert text == "a" * 8191 + "\nx" + "b" * (65536 - 3) + "éend"
    assert "\ufffd" not in text


def test_empty_text_file_gives_one_empty_document(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.txt", b"")
    assert [(d.id, d.text) for d in read_documents([path])] == [("empty", "")]


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    with pytest.raises(InputError) as info:
        list(read_documents([path]))
    assert str(info.value) == f"{path}: looks like a binary file, not text"


def test_many_control_characters_without_nul_is_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "blob", bytes([1, 2, 3, 65]) * 100)
    with pytest.raises(InputError, match="binary"):
        read_text_file(path)


def test_few_control_characters_is_still_text(tmp_path: Path) -> None:
    path = write(tmp_path / "ansi.txt", "\x1b[1mBold\x1b[0m text\tand a form feed\f here")
    assert "Bold" in read_text_file(path).text


def test_utf16_file_gets_a_clear_error(tmp_path: Path) -> None:
    path = write(tmp_path / "wide.txt", "Mosul".encode("utf-16"))
    with pytest.raises(InputError, match="UTF-16"):
        read_text_file(path)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(InputError) as info:
        read_documents([path])  # checked before iteration starts
    assert str(info.value) == f"{path}: no such file"
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, GeomapError)


def test_missing_file_detected_before_earlier_files_are_read(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "fine")
    with pytest.raises(InputError, match=r"missing\.txt: no such file"):
        read_documents([good, tmp_path / "missing.txt"])


def test_a_directory_is_read_file_by_file_in_name_order(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "second")
    write(tmp_path / "a" / "one.jsonl", '{"id": "x1", "text": "first"}\n')
    write(tmp_path / "notes.md", "not an article")
    write(tmp_path / ".hidden" / "c.txt", "hidden")
    docs = list(read_documents([str(tmp_path)]))
    assert [(d.id, d.text) for d in docs] == [("x1", "first"), ("b", "second")]


def test_a_directory_without_articles_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "notes.md", "not an article")
    with pytest.raises(InputError) as info:
        read_documents([str(tmp_path)])
    assert str(info.value).startswith(f"{tmp_path}: the directory holds no file geomap reads")
    with pytest.raises(InputError, match="is a directory"):
        read_text_file(tmp_path)


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions, non-root"
)
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", "x")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match=r"secret\.txt: permission denied"):
            read_text_file(path)
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_single_path_argument_is_not_split_into_characters(tmp_path: Path) -> None:
    path = write(tmp_path / "one.txt", "just one")
    assert [d.id for d in read_documents(str(path))] == ["one"]


# --------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html>
<head>
  <title>Strikes near  Kirkuk &amp; Erbil</title>
  <meta property="article:published_time" content="2019-12-30T08:00:00+03:00">
  <link rel="canonical" href="https://example.com/news/kirkuk">
  <meta property="og:url" content="https://example.com/og">
  <style>body { color: red; }</style>
  <script>var secretScript = "Tehran";</script>
</head>
<body>
  <noscript>Enable JavaScript please</noscript>
  <template><p>hidden template</p></template>
  <svg><title>share icon</title></svg>
  <h1>Rockets hit   K1 base</h1>
  <p>KIRKUK, Iraq &mdash; Rockets hit the <b>K1</b> base&nbsp;on Friday.</p>
  <p>Officials in <a href="/x">Baghdad</a> said&hellip;<br>Second line</p>
  <ul><li>One</li><li>Two</li></ul>
  <table><tr><td>Cell A</td><td>Cell B</td></tr></table>
  <script>document.write("also hidden")</script>
</body>
</html>
"""


def test_html_text_title_published_and_url(tmp_path: Path) -> None:
    path = write(tmp_path / "article.html", PAGE)
    (doc,) = read_documents([path])
    assert doc.text.splitlines() == [
        "Rockets hit K1 base",
        "KIRKUK, Iraq \u2014 Rockets hit the K1 base on Friday.",
        "Officials in Baghdad said\u2026",
        "Second line",
        "One",
        "Two",
        "Cell A Cell B",
    ]
    for hidden in ("secretScript", "color: red", "Enable JavaScript", "hidden", "share icon"):
        assert hidden not in doc.text
    assert doc.title == "Strikes near Kirkuk & Erbil"
    assert doc.published == date(2019, 12, 30)
    assert doc.url == "https://example.com/news/kirkuk"
    assert (doc.id, doc.origin) == ("article", str(path))


def test_html_fallbacks_h1_title_og_url_and_article_time(tmp_path: Path) -> None:
    html = """<html><body>
      <p>Updated <time datetime="2001-01-01">long ago</time></p>
      <meta name="date" content="not a date">
      <meta property="og:url" content="https://example.com/og">
      <article><h1>Floods in <i>Basra</i></h1>
      <time datetime="2020-03-04T10:00Z">4 March</time><p>Body</p></article>
    </body></html>"""
    doc = read_html_file(write(tmp_path / "a.htm", html))
    assert doc.title == "Floods in Basra"
    assert doc.published == date(2020, 3, 4)  # the time outside <article> is ignored
    assert doc.url == "https://example.com/og"
    assert "Floods in Basra\n4 March\nBody" in doc.text


def test_html_meta_name_date_and_itemprop() -> None:
    assert extract_html('<meta name="date" content="2018-05-06">').published == date(2018, 5, 6)
    page = extract_html('<span itemprop="datePublished" content="2017-01-02">x</span>')
    assert page.published == date(2017, 1, 2)
    assert extract_html("<p>no metadata</p>") == ("no metadata", None, None, None)


def test_html_without_head_end_tag_keeps_body_text() -> None:
    page = extract_html("<html><head><title>T</title><p>Body text</p>")
    assert page.text == "Body text"
    assert page.title == "T"


def test_html_unclosed_title_and_h1_do_not_swallow_the_body() -> None:
    page = extract_html("<title>Headline <p>Body text</p>")
    assert (page.title, page.text) == ("Headline", "Body text")
    page = extract_html("<h1>Headline<p>Body text</p>")
    assert (page.title, page.text) == ("Headline", "Headline\nBody text")


@pytest.mark.parametrize(
    "html",
    [
        "<div>" * 5000 + "deep text" + "</div>" * 5000,
        "<div>" * 5000 + "deep text",
        "<p>deep text<b><i></p></b></i></div></span><td>",
        "<html><body><p>deep text<!-- unclosed comment",
        "<p>deep text</p><![bogus section <a href='",
        "<p class='x>deep text</p>",
        "<<<>>>deep text</>&&&#xZZ;&#99999999999;",
        "<noscript>never closed <p>deep text",
    ],
)
def test_malformed_html_does_not_crash(tmp_path: Path, html: str) -> None:
    doc = read_html_file(write(tmp_path / "bad.html", html))
    assert isinstance(doc.text, str)
    if "noscript" not in html and "class='x" not in html:
        assert "deep text" in doc.text


def test_deeply_nested_html_text_is_extracted() -> None:
    page = extract_html("<div>" * 5000 + "inner <span>most</span>" + "</div>" * 5000)
    assert page.text == "inner most"


# --------------------------------------------------------------------------- JSONL

JSONL = (
    '{"id": "a1", "text": "Rockets hit Erbil.", "published": "2020-01-08T01:00:00Z",'
    ' "title": "Erbil", "url": "https://example.com/a1"}\n'
    "\n"
    '{"id": 42, "text": "Numeric id"}\n'
    "{not json}\n"
    '{"id": "no-text", "title": "missing text"}\n'
    '["not", "an", "object"]\n'
    '{"text": "Default id", "published": "someday"}\n'
    '{"id": "last", "text": 17}\n'
    '{"id": "ok", "text": "Multi\\r\\nline \\u00e9"}'  # no final newline
)


def test_jsonl_documents_and_warnings(tmp_path: Path) -> None:
    path = write(tmp_path / "corpus.jsonl", JSONL)
    docs, warnings = read_all(path)
    assert [d.id for d in docs] == ["a1", "42", "corpus:7", "ok"]
    first = docs[0]
    assert first.text == "Rockets hit Erbil."
    assert first.published == date(2020, 1, 8)
    assert (first.title, first.url) == ("Erbil", "https://example.com/a1")
    assert first.origin == f"{path}:1"
    assert docs[2].origin == f"{path}:7"
    assert docs[2].published is None
    assert docs[3].text == "Multi\nline é"  # newlines are normalised in JSON strings too
    assert warnings == [
        (
            f"{path}:4: not valid JSON (Expecting property name enclosed in double quotes); "
            "line skipped"
        ),
        f'{path}:5: no string "text" field; line skipped',
        f"{path}:6: not a JSON object; line skipped",
        f"{path}:7: \"published\" 'someday' is not an ISO date; ignored",
        f'{path}:8: no string "text" field; line skipped',
    ]


def test_jsonl_default_warning_goes_to_geomap_logger(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path / "c.ndjson", '{"text": "ok"}\nnot json\n')
    with caplog.at_level(logging.WARNING, logger="geomap"):
        docs = list(read_documents([path]))
    assert [d.id for d in docs] == ["c:1"]
    assert [r.name for r in caplog.records] == ["geomap"]
    assert (
        caplog.records[0].getMessage()
        == f"{path}:2: not valid JSON (Expecting value); line skipped"
    )


def test_jsonl_bad_ids_and_metadata_types(tmp_path: Path) -> None:
    path = write(
        tmp_path / "t.jsonl",
        '{"id": true, "text": "a", "title": 5}\n{"id": "", "text": "b", "url": null}\n'
        '{"id": 2.5, "text": "c", "published": null}\n',
    )
    docs, warnings = read_all(path)
    assert [(d.id, d.title, d.url) for d in docs] == [
        ("t:1", None, None),
        ("t:2", None, None),
        ("2.5", None, None),
    ]
    assert len(warnings) == 3
    assert warnings[0].startswith(f'{path}:1: "id" must be')
    assert warnings[1] == f'{path}:1: "title" is not a string; ignored'
    assert warnings[2].startswith(f"{path}:2:")


def test_jsonl_deeply_nested_line_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "deep.jsonl", "[" * 100_000 + "]" * 100_000 + '\n{"text": "x"}\n')
    docs, warnings = read_all(path)
    assert [d.text for d in docs] == ["x"]
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}:1: ")


def test_jsonl_crlf_line_endings_and_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "w.jsonl", b'\xef\xbb\xbf{"text": "a"}\r\n{"text": "b"}\r\n')
    docs, warnings = read_all(path)
    assert [(d.id, d.text) for d in docs] == [("w:1", "a"), ("w:2", "b")]
    assert warnings == []


def test_empty_jsonl_and_csv_give_no_documents(tmp_path: Path) -> None:
    docs, warnings = read_all(write(tmp_path / "e.jsonl", ""), write(tmp_path / "e.csv", ""))
    assert docs == [] and warnings == []


def test_read_jsonl_file_streams(tmp_path: Path) -> None:
    path = write(tmp_path / "s.jsonl", '{"text": "one"}\n{"text": "two"}\n')
    docs = read_jsonl_file(path)
    assert next(docs).text == "one"
    # The file is still open and being read lazily: appending shows up.
    with path.open("a", encoding="utf-8") as fh:
        fh.write('{"text": "three"}\n')
    assert [d.text for d in docs] == ["two", "three"]


# --------------------------------------------------------------------------- CSV


def test_csv_with_text_column(tmp_path: Path) -> None:
    big = "x" * 300_000  # larger than csv's default field limit of 131072
    content = (
        "id,title,text,published,url\r\n"
        'n1,First,"Strikes in\r\nKirkuk, Iraq",2021-02-03,https://e.x/1\r\n'
        "\r\n"
        f",Second,{big},,\r\n"
        "n3,Third,Short,bad date\r\n"
    )
    path = write(tmp_path / "news.csv", content)
    docs, warnings = read_all(path)
    assert [d.id for d in docs] == ["n1", "news:2", "n3"]
    assert docs[0].text == "Strikes in\nKirkuk, Iraq"
    assert docs[0].published == date(2021, 2, 3)
    assert (docs[0].title, docs[0].url, docs[0].origin) == ("First", "https://e.x/1", f"{path}:2")
    assert docs[1].text == big
    assert (docs[1].published, docs[1].url, docs[1].origin) == (None, None, f"{path}:5")
    assert docs[2].url is None
    assert warnings == [f"{path}:6: \"published\" 'bad date' is not an ISO date; ignored"]


def test_csv_custom_text_column_and_short_row(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "Body,other\nhello,1\n")
    assert [d.text for d in read_csv_file(path, text_column="body")] == ["hello"]
    path = write(tmp_path / "short.csv", "a,b,text\n1,2,three\n1\n")
    warnings: list[str] = []
    docs = list(read_csv_file(path, on_warning=warnings.append))
    assert [d.text for d in docs] == ["three"]
    assert warnings == [f"{path}:3: row has 1 fields, no 'text' value; row skipped"]


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = write(tmp_path / "no_text.csv", "id,body\n1,hello\n")
    with pytest.raises(InputError) as info:
        list(read_documents([path]))
    assert str(info.value) == f"{path}: no 'text' column; columns found: 'id', 'body'"


def test_csv_text_column_keyword(tmp_path: Path) -> None:
    path = write(tmp_path / "b.csv", "id,body\n1,hello\n")
    docs, _ = read_all(path, text_column="body")
    assert [(d.id, d.text) for d in docs] == [("1", "hello")]


# --------------------------------------------------------------------------- stdin and sniffing


def test_stdin_bytes_jsonl_is_sniffed() -> None:
    stream = io.BytesIO(b'\xef\xbb\xbf{"id": "s", "text": "from stdin \xff"}\n{"text": "two"}\n')
    docs, _ = read_all("-", stdin=stream)
    assert [(d.id, d.text, d.origin) for d in docs] == [
        ("s", "from stdin \ufffd", "stdin:1"),
        ("stdin:2", "two", "stdin:2"),
    ]


def test_stdin_text_stream_plain_and_html() -> None:
    docs, _ = read_all("-", stdin=io.StringIO("Hello\r\nMosul"))
    assert [(d.id, d.text, d.origin) for d in docs] == [("stdin", "Hello\nMosul", "stdin")]
    docs, _ = read_all("-", stdin=io.StringIO("<!doctype html><title>T</title><p>Body</p>"))
    assert [(d.title, d.text) for d in docs] == [("T", "Body")]


def test_stdin_binary_is_rejected() -> None:
    with pytest.raises(InputError, match=r"^stdin: looks like a binary file"):
        list(read_documents(["-"], stdin=io.BytesIO(b"\x00\x01\x02")))


def test_stdin_twice_is_an_error() -> None:
    with pytest.raises(InputError, match="more than once"):
        read_documents(["-", "-"], stdin=io.StringIO(""))


def test_stdin_pipe_streams_documents_before_eof() -> None:
    read_fd, write_fd = os.pipe()
    os.write(write_fd, b'{"text": "first"}\n')
    safety = threading.Timer(10, os.close, [write_fd])  # never hang the test run
    safety.start()
    with open(read_fd, "rb") as reader:
        docs = read_documents(["-"], stdin=reader)
        first = next(docs)
        got_first_before_eof = not safety.finished.is_set()
        safety.cancel()
        safety.join()
        if got_first_before_eof:
            os.write(write_fd, b'{"text": "second"}\n')
            os.close(write_fd)
        rest = list(docs)
    assert got_first_before_eof
    assert first.text == "first"
    assert [d.text for d in rest] == ["second"]


def test_extensionless_jsonl_file_is_sniffed(tmp_path: Path) -> None:
    path = write(tmp_path / "corpus", '\n{"text": "a"}\n  {"text": "b"}\n')
    docs, _ = read_all(path)
    assert [(d.id, d.text) for d in docs] == [("corpus:2", "a"), ("corpus:3", "b")]


def test_unknown_extension_html_and_text_are_sniffed(tmp_path: Path) -> None:
    html = write(tmp_path / "saved.php", "  <HTML><body><p>Hi</p><script>x</script></body></HTML>")
    text = write(tmp_path / "notes.md", "{braces} at the start\nbut plain text after\n")
    docs, _ = read_all(html, text)
    assert [(d.id, d.text) for d in docs] == [
        ("saved", "Hi"),
        ("notes", "{braces} at the start\nbut plain text after\n"),
    ]


def test_txt_extension_is_never_sniffed(tmp_path: Path) -> None:
    path = write(tmp_path / "x.txt", '{"text": "looks like json"}\n')
    (doc,) = read_documents([path])
    assert doc.text == '{"text": "looks like json"}\n'


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ('{"a": 1}\n{"b": 2}', "jsonl"),
        ('{"a": 1}\nplain', "text"),
        ("<!DOCTYPE html>\n<p>x", "html"),
        ("<htmlish>", "text"),
        ("", "text"),
        ("Just words", "text"),
    ],
)
def test_sniff_format(sample: str, expected: str) -> None:
    assert sniff_format(sample) == expected


# --------------------------------------------------------------------------- default date


def test_default_published_only_when_missing(tmp_path: Path) -> None:
    corpus = write(
        tmp_path / "c.jsonl",
        '{"text": "dated", "published": "2020-01-02"}\n{"text": "undated"}\n',
    )
    plain = write(tmp_path / "p.txt", "plain")
    docs, _ = read_all(corpus, plain, published=date(1999, 9, 9))
    assert [d.published for d in docs] == [date(2020, 1, 2), date(1999, 9, 9), date(1999, 9, 9)]
    docs, _ = read_all(corpus)
    assert [d.published for d in docs] == [date(2020, 1, 2), None]


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "value",
    [
        "2019-12-30",
        " 2019-12-30\n",
        "2019-12-30T08:00:00Z",
        "2019-12-30T23:30:00-05:00",
        "2019-12-30T08:00:00.123456+0000",
        "2019-12-30 08:00",
        "2019-12-30T08:00:00 GMT",
    ],
)
def test_parse_date_variants(value: str) -> None:
    assert parse_date(value) == date(2019, 12, 30)


@pytest.mark.parametrize(
    "value", ["", "30/12/2019", "Dec 30, 2019", "2019-13-01", "2019-12-30 lunchtime", "yesterday"]
)
def test_parse_date_errors(value: str) -> None:
    with pytest.raises(InputError, match="not an ISO date"):
        parse_date(value)


def test_parse_date_rejects_non_strings() -> None:
    with pytest.raises(ValueError, match="not an ISO date"):
        parse_date(20191230)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- import cost


IMPORT_PROBE = """
import sys
import geomap.errors, geomap.models
before = set(sys.modules)
import geomap.ingest
added = {name.partition(".")[0] for name in set(sys.modules) - before} - {"geomap"}
print(sorted(added - set(sys.stdlib_module_names)), sorted(added & {"logging", "email", "http"}))
"""


def test_import_is_cheap() -> None:
    root = str(Path(__file__).resolve().parents[1])
    out = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": root},
    )
    assert out.stdout.split() == ["[]", "[]"]  # only light stdlib modules of its own


def test_request_lines_skip_a_byte_order_mark_and_deep_nesting(tmp_path, caplog):
    from geomap.ingest import read_jsonl_records

    path = tmp_path / "requests.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    path.write_text('\ufeff{"text": "Kirkuk"}\n' + deep + '\n{"text": "Erbil"}\n', encoding="utf-8")
    records = list(read_jsonl_records(str(path)))
    assert [(number, record["text"]) for number, record in records] == [(1, "Kirkuk"), (3, "Erbil")]
    assert "requests.jsonl:2: JSON nested too deeply" in caplog.text
