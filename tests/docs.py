"""Parses stated by hand: a spaCy ``Doc`` with the words, tags, lemmas, dependency tree
and entities a test writes out, on the blank English vocabulary, so a rule can be tested
on an exact parse without loading a model.

    doc = make_doc(
        # word      lemma      POS      tag    dep       head
        ("Gunmen",  "gunman",  "NOUN",  "NNS", "nsubj",  1),
        ("killed",  "kill",    "VERB",  "VBD", "ROOT",   1),
        ("three",   "three",   "NUM",   "CD",  "nummod", 3),
        ("people",  "people",  "NOUN",  "NNS", "dobj",   1),
        ("in",      "in",      "ADP",   "IN",  "prep",   1),
        ("Kirkuk",  "Kirkuk",  "PROPN", "NNP", "pobj",   4),
        (".",       ".",       "PUNCT", ".",   "punct",  1),
        ents=[(5, 6, "GPE")],
    )  # fmt: skip

- ``head`` is the absolute index of the head token (``token.i``, counted from 0); a root
  is its own head. Each root starts a sentence: a Doc of two sentences has two roots,
  and the tokens of each sentence must be contiguous (spaCy sets ``is_sent_start`` and
  ``doc.sents`` from the tree).
- ``ents`` are ``(start, end, label)`` in token indices, ``end`` exclusive, as in
  ``doc[start:end]``.
- A word is followed by a space unless the next word is punctuation or a clitic
  (``NO_SPACE_BEFORE``), so ``doc.text`` reads "Gunmen killed three people in Kirkuk.";
  give ``spaces`` (one bool a word) to say otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.tokens import Doc, Token

VOCAB = spacy.blank("en").vocab
NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "'s", "’s", "'", "n't", "%"}

Row = tuple[str, str, str, str, str, int]


def make_doc(
    *rows: Row,
    ents: Sequence[tuple[int, int, str]] = (),
    spaces: Sequence[bool] | None = None,
) -> Doc:
    """A Doc from ``(word, lemma, pos, tag, dep, head)`` rows (see the module's notes)."""
    for i, row in enumerate(rows):
        assert len(row) == 6, f"row {i} is not (word, lemma, pos, tag, dep, head): {row}"
        assert 0 <= row[5] < len(rows), f"row {i}: head {row[5]} is no token index"
        assert (row[4] == "ROOT") == (row[5] == i), f"row {i}: a ROOT, and only it, heads itself"
    words = [row[0] for row in rows]
    if spaces is None:
        spaces = [i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE
                  for i in range(len(words))]  # fmt: skip
    iob = ["O"] * len(words)
    for start, end, label in ents:
        iob[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 1)
    return Doc(
        VOCAB,
        words=words,
        spaces=list(spaces),
        lemmas=[row[1] for row in rows],
        pos=[row[2] for row in rows],
        tags=[row[3] for row in rows],
        deps=[row[4] for row in rows],
        heads=[row[5] for row in rows],
        ents=iob,
    )


def word(doc: Doc, text: str) -> Token:
    """The one token of ``doc`` whose text is ``text``."""
    [found] = [token for token in doc if token.text == text]
    return found
