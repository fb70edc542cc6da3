"""Hand-built parses (``docs.make_doc``), and the locator's candidates over them, that
several rule tests share."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from geomap.incidents import locate
from geomap.incidents.locate import CandidateOrigin
from geomap.models import Place, Role

from docs import make_doc


def mention(doc: Doc, start: int, end: int, feature: str | None = None) -> locate.Candidate:
    """A recognised place over ``doc[start:end]``, resolved to a place of ``feature``."""
    span = doc[start:end]
    place = Place(span.start_char, span.end_char, span.text, Role.PLACE, feature=feature)
    return locate.Candidate(
        span.start_char, span.end_char, span.text, span, CandidateOrigin.MENTION, place
    )


def entity(doc: Doc, start: int, end: int) -> locate.Candidate:
    """A place entity of the model that the recogniser did not take."""
    span = doc[start:end]
    return locate.Candidate(span.start_char, span.end_char, span.text, span, CandidateOrigin.ENTITY)


def tehran_says_strikes_in_syria() -> Doc:
    """ "Tehran says the strikes in Syria were illegal." (a capital that speaks)"""
    return make_doc(
        ("Tehran",  "Tehran",  "PROPN", "NNP", "nsubj", 1),
        ("says",    "say",     "VERB",  "VBZ", "ROOT",  1),
        ("the",     "the",     "DET",   "DT",  "det",   3),
        ("strikes", "strike",  "NOUN",  "NNS", "nsubj", 6),
        ("in",      "in",      "ADP",   "IN",  "prep",  3),
        ("Syria",   "Syria",   "PROPN", "NNP", "pobj",  4),
        ("were",    "be",      "AUX",   "VBD", "ccomp", 1),
        ("illegal", "illegal", "ADJ",   "JJ",  "acomp", 6),
        (".",       ".",       "PUNCT", ".",   "punct", 1),
        ents=[(0, 1, "GPE"), (5, 6, "GPE")],
    )  # fmt: skip


def rocket_hit_k1_base_in_kirkuk(ents: Sequence[tuple[int, int, str]] = ((7, 8, "GPE"),)) -> Doc:
    """ "A rocket hit the K-1 base in Kirkuk." (a site inside a town); by default only
    Kirkuk is an entity, as en_core_web_sm has it."""
    return make_doc(
        ("A",      "a",      "DET",   "DT",  "det",      1),
        ("rocket", "rocket", "NOUN",  "NN",  "nsubj",    2),
        ("hit",    "hit",    "VERB",  "VBD", "ROOT",     2),
        ("the",    "the",    "DET",   "DT",  "det",      5),
        ("K-1",    "K-1",    "PROPN", "NNP", "compound", 5),
        ("base",   "base",   "NOUN",  "NN",  "dobj",     2),
        ("in",     "in",     "ADP",   "IN",  "prep",     5),
        ("Kirkuk", "Kirkuk", "PROPN", "NNP", "pobj",     6),
        (".",      ".",      "PUNCT", ".",   "punct",    2),
        ents=ents,
    )  # fmt: skip
