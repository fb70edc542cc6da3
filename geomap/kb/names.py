"""Normalisation of place names, shared by the gazetteer and the recogniser.

Both sides must turn "Kata'ib", "Kurdistan-Region" and "St. Louis" into the same
lookup keys, so the one function that does it lives here.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans(dict.fromkeys("'’‘`´ʼʻ", ""))
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/]+")
_DROPPED = re.compile(r"[.,;:!?\"“”()\[\]{}«»]")
_LATIN = re.compile(r"^[\x20-\x7e\u00a0-\u024f\u1e00-\u1eff’‘ʻʼ´`]+$")
_CODE_LIKE = re.compile(r"^[A-Z]{3,4}$")  # IATA/ICAO codes in GeoNames' alternate names
_LEADING_ARTICLE = re.compile(r"^the\s+")
_CAMEL = re.compile(r"([a-z])([A-Z])")
# The word that ends the name of a US county or county-equivalent ("DeKalb County").
COUNTY_SUFFIX = re.compile(r"\s(county|parish|borough)$", re.IGNORECASE)


def strip_accents(text: str) -> str:
    """'Arbīl' -> 'Arbil'; keeps letters that have no decomposition."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def split_camel_case(text: str) -> str:
    """Hashtag-style names as words: 'SouthSudan' -> 'South Sudan'."""
    return _CAMEL.sub(r"\1 \2", text)


def normalize_name(name: str) -> str:
    """The lookup key of a name: accents, case, punctuation and a leading 'the' removed."""
    key = strip_accents(name).casefold().translate(_APOSTROPHES)
    key = _DROPPED.sub("", key)
    key = _SEPARATORS.sub(" ", key).strip()
    return _LEADING_ARTICLE.sub("", key)


def usable_alias(name: str) -> bool:
    """Whether an alternate name is worth indexing for English text.

    GeoNames' alternate names mix scripts, lower-case transliterations
    ('washntn') and airport codes ('EBL'); English news writes none of those.
    """
    name = name.strip()
    if len(name) < 2 or not _LATIN.match(name) or _CODE_LIKE.match(name):
        return False
    first = name[0]
    return first.isupper() or first.isdigit()


_VARIANT_PREFIXES = (
    ("saint ", "st "),
    ("st ", "saint "),
    ("sainte ", "ste "),
    ("mount ", "mt "),
    ("fort ", "ft "),
    ("al ", ""),
)


def key_variants(key: str) -> set[str]:
    """Other keys under which a normalised name is also written ('st louis', 'anbar')."""
    variants = set()
    for prefix, replacement in _VARIANT_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            variants.add(replacement + key[len(prefix) :])
    return variants
