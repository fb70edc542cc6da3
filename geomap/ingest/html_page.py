"""Visible text, title, publication date and URL of an HTML page."""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Any, NamedTuple

from geomap.errors import InputError
from geomap.ingest.dates import parse_date


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
