"""Restoring plausible case to ALL UPPER CASE news text (old wire services, MUC-3/4).

spaCy's small English model finds almost no entities, or far too many, in text that
shouts, so such text is re-cased before it is read. The result keeps every offset:
it has the same length as the input and the same characters up to case.

Every word is lower-cased, then these get a capital again: sentence starts, "I",
months and weekdays, and words that look like proper names. A word is a name when
it is not a common English word (spaCy's stop words, the news words of
``geomap.lexicon.casing``, and the WordNet lemma index shipped inside the installed
spaCy model), or when the caller's ``is_name`` test (the gazetteer) knows it and it is
not clearly a common word. Unknown short words and bracketed unknown words stay upper
case as acronyms.

Contract: :func:`truecase` re-cases whatever it is given, mixed-case text included;
call it only when :func:`is_shouting` says so, or use :func:`truecase_if_shouting`.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geomap.kb.sources.base import NameKind
from geomap.lexicon.casing import (
    ABBREVIATIONS,
    ALWAYS_CAPITALISED,
    DEMONYM_ENDINGS,
    ENGLISH_ENDINGS,
    LOWER_ABBREVIATIONS,
    NEWS_WORDS,
    NUMBER_SUFFIXES,
)
from geomap.lexicon.dates import MONTHS_NEAR_NUMBERS, UNAMBIGUOUS_MONTHS, WEEKDAYS
from geomap.lexicon.names import CASED_PARTICLES, NAME_ARTICLES, NAME_INNER_WORDS, NAME_OPENERS
from geomap.lexicon.people import MILITARY_UNITS, NAME_TITLES, ORGANISATION_NAME_WORDS

log = logging.getLogger("geomap")


SHOUTING_RATIO = 0.9  # share of cased letters that must be upper case
SHOUTING_MIN_LETTERS = 20  # texts with fewer cased letters are never "shouting"
MAX_NAME_WORDS = 6  # longest multi-word name tried against ``is_name``
MAX_ACRONYM_LEN = 4  # unknown words this short are taken for acronyms ("FAL", "ERP")
MAX_BRACKETED_ACRONYM_LEN = 5  # and unknown words this short in brackets ("[ARENA]")
SINGLE_WORD_KINDS = frozenset({NameKind.NAME, NameKind.DEMONYM, NameKind.USER})  # one word
SINGLE_WORD_MIN_POPULATION = 100_000  # a one-word town must be this big ("Freedom" is not)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_DOTTED = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]\.){2,}")  # "U.S.", "P.M."
_ROMAN = re.compile(r"^[ivx]{2,5}$")
_VOWELS = frozenset("aeiouy")


Verdict = str  # "lower", "cap" (first letter upper) or "upper"


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    word: str  # lower case
    verdict: Verdict = "lower"
    fixed: bool = False  # decided by a rule that later rules leave alone


def is_shouting(text: str) -> bool:
    """True when at least 90% of the cased letters are upper case and there are at least 20."""
    upper = lower = 0
    for ch in text:
        if ch.isupper():
            upper += 1
        elif ch.islower():
            lower += 1
    total = upper + lower
    return total >= SHOUTING_MIN_LETTERS and upper >= SHOUTING_RATIO * total


def truecase_if_shouting(text: str, is_name: Callable[[str], bool] | None = None) -> str:
    """``truecase(text)`` when the text shouts, else the text itself."""
    return truecase(text, is_name) if is_shouting(text) else text


def gazetteer_test(gazetteer: Any) -> Callable[[str], bool]:
    """An ``is_name`` test backed by a :class:`geomap.kb.gazetteer.Gazetteer`.

    A run of words is a name when any place is indexed under it. A single word must be
    the main name of a place or a demonym, and a town must be large: the gazetteer also
    indexes alternate names ("Location") and small towns ("Freedom") that are common words.
    """
    from geomap.kb.names import normalize_name

    def is_name(name: str) -> bool:
        key = normalize_name(name)
        if not key:
            return False
        if " " in key:
            return gazetteer.contains(key)
        return any(
            kind in SINGLE_WORD_KINDS
            and (entry.feature != "city" or entry.population >= SINGLE_WORD_MIN_POPULATION)
            for entry, kind in gazetteer.lookup(key)
        )

    return is_name


def truecase(text: str, is_name: Callable[[str], bool] | None = None) -> str:
    """A same-length copy of upper-case text with plausible English casing restored.

    ``is_name`` answers whether a lower-case name ("san miguel") is a known place.
    """
    tokens = [_Token(m.start(), m.end(), _lower(m.group())) for m in _WORD.finditer(text)]
    _mark_multiword_names(text, tokens, is_name)
    for token in tokens:
        if not token.fixed:
            token.verdict = _classify(token.word, is_name)
    _bracket_rules(text, tokens)
    _apply_context_rules(text, tokens)
    _mark_sentence_starts(text, tokens)
    return _render(text, tokens)


# --- the lexicon -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """WordNet lemmas by part of speech, with spaCy's English inflection rules."""

    index: dict[str, frozenset[str]]
    rules: dict[str, list[tuple[str, str]]]
    exceptions: dict[str, dict[str, list[str]]]

    def parts_of_speech(self, word: str) -> set[str]:
        """The parts of speech under which some lemma of the word is a dictionary word."""
        found = set()
        for pos, lemmas in self.index.items():
            candidates = {word, *self.exceptions.get(pos, {}).get(word, ())}
            for old, new in self.rules.get(pos, ()):
                if word.endswith(old) and len(word) > len(old):
                    candidates.add(word[: len(word) - len(old)] + new)
            if candidates & lemmas:
                found.add(pos)
        return found


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """The lemmatizer tables of the installed English model, read without loading it."""
    empty = _Lexicon({}, {}, {})
    path = _lookups_path()
    if path is None:
        log.warning("truecase: no spaCy English model lookups found; using word lists only")
        return empty
    import srsly
    from spacy.strings import hash_string  # type: ignore[attr-defined]  # not in its stub

    tables = srsly.msgpack_loads(path.read_bytes())
    names = {hash_string(pos): pos for pos in ("noun", "verb", "adj", "adv")}

    def by_pos(table: dict) -> dict:
        return {names[key]: value for key, value in table.items() if key in names}

    index = {pos: frozenset(words) for pos, words in by_pos(tables["lemma_index"]).items()}
    rules = {pos: [tuple(rule) for rule in r] for pos, r in by_pos(tables["lemma_rules"]).items()}
    return _Lexicon(index, rules, by_pos(tables["lemma_exc"]))


def _lookups_path() -> Path | None:
    from geomap.nlp import DEFAULT_MODELS

    for name in DEFAULT_MODELS:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        for folder in spec.submodule_search_locations:
            for path in sorted(Path(folder).glob("*/lemmatizer/lookups/lookups.bin")):
                return path
    return None


def _is_common(word: str) -> bool:
    """Whether a lower-case word is a common English word (in any dictionary)."""
    return word in _stop_words() or word in NEWS_WORDS or bool(_parts_of_speech(word))


@functools.lru_cache(maxsize=50_000)
def _parts_of_speech(word: str) -> frozenset[str]:
    return frozenset(_lexicon().parts_of_speech(word))


def _base(word: str) -> str:
    """The word without a possessive or clitic ending ("country's" -> "country")."""
    return re.split(r"['’]", word, maxsplit=1)[0]


# --- decisions ---------------------------------------------------------------------


def _classify(word: str, is_name: Callable[[str], bool] | None) -> Verdict:
    """The case of a word on its own, before its neighbours are looked at."""
    base = _base(word)
    if base == "i":
        return "cap"  # "I", "I'm"
    if base in NAME_OPENERS:
        return "cap"
    if len(base) == 1 or base in CASED_PARTICLES or base in NAME_TITLES or base in ABBREVIATIONS:
        return "lower"
    if base in _stop_words() or base in NEWS_WORDS:
        return "lower"
    if base in UNAMBIGUOUS_MONTHS or base in WEEKDAYS or base in ALWAYS_CAPITALISED:
        return "cap"
    pos = _parts_of_speech(base)
    if is_name is not None and is_name(base):
        # A known place that is a dictionary noun only ("Paris", "Lima") is a name, and
        # so is a demonym ("Salvadoran"); one that is also a verb or adjective
        # ("Reading", "Nice") is not.
        if pos - {"noun"} and not _looks_like_demonym(base):
            return "lower"
        return "cap"
    if base.endswith("s") and _looks_like_demonym(base[:-1]) and is_name and is_name(base[:-1]):
        return "cap"  # "Salvadorans"
    if pos or (len(base) > 5 and base.endswith(ENGLISH_ENDINGS)):
        return "lower"
    vowels = sum(ch in _VOWELS for ch in base)
    if vowels == 0 or len(base) < MAX_ACRONYM_LEN or (len(base) == MAX_ACRONYM_LEN and vowels < 2):
        return "upper"  # "FMLN", "ERP", "ANTEL" is taken for a name
    return "cap"


def _looks_like_demonym(word: str) -> bool:
    return len(word) > 4 and word.endswith(DEMONYM_ENDINGS)


def _mark_multiword_names(
    text: str, tokens: list[_Token], is_name: Callable[[str], bool] | None
) -> None:
    """Capitalise runs of words the caller's test knows as one name ("San Salvador")."""
    if is_name is None:
        return
    stop = _stop_words()
    i = 0
    while i < len(tokens):
        found = 0
        if tokens[i].word not in stop or tokens[i].word in NAME_ARTICLES:
            for n in range(min(MAX_NAME_WORDS, len(tokens) - i), 1, -1):
                run = tokens[i : i + n]
                words = [t.word for t in run[:-1]] + [_base(run[-1].word)]  # "salvador's"
                if _is_name_run(text, run, stop) and is_name(" ".join(words)):
                    found = n
                    break
        if not found:
            i += 1
            continue
        for k, token in enumerate(tokens[i : i + found]):
            inside = 0 < k < found - 1
            token.verdict = "lower" if inside and token.word in NAME_INNER_WORDS else "cap"
            token.fixed = True
        i += found


def _is_name_run(text: str, run: list[_Token], stop: frozenset[str]) -> bool:
    """Whether words can form a multi-word name: adjacent, not ending in a particle,
    and not made only of common words."""
    if any(not text[a.end : b.start].isspace() for a, b in itertools.pairwise(run)):
        return False
    last = run[-1].word
    if last in stop or last in NAME_INNER_WORDS:
        return False
    return any(t.word not in stop and t.word not in NEWS_WORDS for t in run)


def _bracket_rules(text: str, tokens: list[_Token]) -> None:
    """Unknown words in brackets are acronyms when short, after a comma, or alone in
    brackets right after a word: "[ARENA]", "[PRESS COMMITTEE, COPREFA]", "PRESS COMMITTEE
    [COPREFA]" (but not a speaker's name opening a paragraph, "[RODRIGUEZ] WE ...")."""
    depth = 0
    end = 0
    for token in tokens:
        gap = text[end : token.start]
        for ch in gap:
            if ch in "[(":
                depth += 1
            elif ch in "])":
                depth = max(0, depth - 1)
        end = token.end
        if depth == 0 or token.fixed or token.verdict != "cap" or _is_common(token.word):
            continue
        after_word = re.search(r"[^\W\d_]\s*\[\s*$", text[: token.start])
        alone = re.match(r"\s*\]", text[token.end :])
        short = len(token.word) <= MAX_BRACKETED_ACRONYM_LEN
        if short or gap.strip() == "," or (after_word and alone):
            token.verdict = "upper"  # "COMMITTEE, COPREFA]", "COMMITTEE [COPREFA]"
    _acronyms_before_brackets(text, tokens)


def _acronyms_before_brackets(text: str, tokens: list[_Token]) -> None:
    """In "FARC [REVOLUTIONARY ARMED FORCES OF COLOMBIA]" the short word is an acronym, and
    so is every other occurrence of it in the text."""
    stop = _stop_words()
    acronyms = set()
    for i, token in enumerate(tokens):
        word = token.word
        if len(word) > MAX_BRACKETED_ACRONYM_LEN + 1 or word in stop or word in NEWS_WORDS:
            continue
        if _parts_of_speech(word) - {"noun"} or len(word) < 2:
            continue
        if re.match(r"\s*[\[(]", text[token.end :]) and i + 2 < len(tokens):
            opening = text.index(
                "[" if "[" in text[token.end : tokens[i + 1].start] else "(", token.end
            )
            closing = re.search(r"[\])]", text[opening:])
            if closing and opening + closing.start() > tokens[i + 2].start:
                acronyms.add(word)  # followed by a bracketed expansion of two words or more
    for token in tokens:
        if token.word in acronyms and not token.fixed:
            token.verdict = "upper"


def _apply_context_rules(text: str, tokens: list[_Token]) -> None:
    """Neighbour rules: particles in names, organisations, titles, dates, digits."""
    n = len(tokens)

    def adjacent(a: int, b: int) -> bool:
        return 0 <= a < n and 0 <= b < n and text[tokens[a].end : tokens[b].start].isspace()

    def is_cap(i: int) -> bool:
        return tokens[i].verdict == "cap"

    for i, token in enumerate(tokens):
        word = token.word
        if token.fixed:
            # "SAN LUIS DE LA REINA" where the gazetteer knows "La Reina" on its own.
            if word in NAME_ARTICLES and _previous_is_name(text, tokens, i):
                token.verdict = "lower"
            continue
        # "LA PAZ" -> "La Paz"; "SAN LUIS DE LA REINA" -> "... de la Reina".
        if word in CASED_PARTICLES:
            token.verdict = "lower"
            if word in NAME_ARTICLES and adjacent(i, i + 1) and _next_is_name(tokens, i):
                token.verdict = "lower" if _previous_is_name(text, tokens, i) else "cap"
        # "SAN SALVADOR": the word after "San" is part of the name.
        if (
            word in NAME_OPENERS
            and adjacent(i, i + 1)
            and tokens[i + 1].word not in CASED_PARTICLES
        ):
            tokens[i + 1].verdict = "cap"
        # Roman numerals after a name: "JOHN PAUL II".
        if _ROMAN.match(word) and adjacent(i - 1, i) and is_cap(i - 1):
            token.verdict = "upper"
        # Dates: "30 MAY", "3 JAN 90".
        if word in MONTHS_NEAR_NUMBERS and _next_to_number(text, token):
            token.verdict = "cap"

    # Dictionary nouns after a personal name: "GREGORIO ROSA CHAVEZ", "JAIRO ORTEGA".
    surnames: set[str] = set()
    changed = True
    while changed:
        changed = False
        for i, token in enumerate(tokens):
            if token.verdict != "lower" or not _may_be_surname(token.word):
                continue
            if adjacent(i - 1, i) and _is_personal_name(tokens[i - 1]):
                token.verdict = "cap"
                surnames.add(token.word)
                changed = True
    # ... and the same words elsewhere in the text: "ROSA CHAVEZ SAID".
    for token in tokens:
        if token.word in surnames and token.verdict == "lower":
            token.verdict = "cap"

    # Organisations: a name followed by organisation words; a unit named by its word.
    for i, token in enumerate(tokens):
        if token.word in MILITARY_UNITS and adjacent(i - 1, i):
            previous = tokens[i - 1]
            if previous.word not in _stop_words() and previous.verdict == "lower":
                previous.verdict = "cap"
        if (
            token.word in ORGANISATION_NAME_WORDS
            and token.verdict == "lower"
            and adjacent(i - 1, i)
        ):
            previous = tokens[i - 1]
            named = previous.verdict == "cap" or (
                previous.verdict == "upper" and token.word in MILITARY_UNITS
            )
            if named and previous.word not in NAME_TITLES:
                token.verdict = "cap"

    # Titles: "PRESIDENT BUSH" -> "President Bush" (the name may be a dictionary word).
    for i, token in enumerate(tokens):
        if token.word not in NAME_TITLES or i + 1 >= n:
            continue
        if not re.fullmatch(r"\.?\s+", text[token.end : tokens[i + 1].start]):
            continue
        following = tokens[i + 1]
        if following.word in _stop_words() or following.word in NEWS_WORDS:
            continue
        if following.word in NAME_TITLES or following.verdict == "upper":
            continue
        following.verdict = "cap"
        token.verdict = "cap"

    for token in tokens:
        _digit_rules(text, token)
        _dotted_rules(text, token)


def _may_be_surname(word: str) -> bool:
    """A lower-case word that is only a dictionary noun as it stands (no plural), and not
    a news word: WordNet lists many surnames ("chavez", "ortega")."""
    if word in NEWS_WORDS or word in _stop_words() or len(word) < 3:
        return False
    return word in _lexicon().index.get("noun", ()) and _parts_of_speech(word) == {"noun"}


def _is_personal_name(token: _Token) -> bool:
    return (
        token.verdict == "cap"
        and (not _parts_of_speech(token.word) or _may_be_surname(token.word))
        and not _looks_like_demonym(token.word)
        and token.word not in ALWAYS_CAPITALISED
    )


def _previous_is_name(text: str, tokens: list[_Token], i: int) -> bool:
    """Whether the particle continues a name, perhaps after others ("LUIS DE LA")."""
    while i > 0 and text[tokens[i - 1].end : tokens[i].start].isspace():
        i -= 1
        if tokens[i].verdict == "cap":
            return True
        if tokens[i].word not in CASED_PARTICLES:
            return False
    return False


def _next_is_name(tokens: list[_Token], i: int) -> bool:
    """Whether a name follows, perhaps after more particles ("DE LA REINA")."""
    for token in tokens[i + 1 : i + 4]:
        if token.verdict == "cap":
            return True
        if token.word not in CASED_PARTICLES:
            return False
    return False


def _next_to_number(text: str, token: _Token) -> bool:
    before = text[max(0, token.start - 3) : token.start]
    after = text[token.end : token.end + 3]
    return bool(re.search(r"\d[\s,.]*$", before) or re.match(r"[\s,.]*\d", after))


def _digit_rules(text: str, token: _Token) -> None:
    """Letters glued to digits: "M-16" and "AK47" stay upper, "3RD" becomes "3rd"."""
    before = text[token.start - 1] if token.start else ""
    after = text[token.end] if token.end < len(text) else ""
    if before.isdigit() and token.word in NUMBER_SUFFIXES:
        token.verdict = "lower"
    elif (
        after.isdigit()
        or before.isdigit()
        or (after == "-" and text[token.end + 1 : token.end + 2].isdigit())
    ):
        token.verdict = "upper"


def _dotted_rules(text: str, token: _Token) -> None:
    """Initialisms written with full stops: "U.S." stays upper, "P.M." becomes "p.m."."""
    if len(token.word) != 1:
        return
    for match in _DOTTED.finditer(text, max(0, token.start - 8), token.end + 8):
        if match.start() <= token.start < match.end():
            letters = _lower(match.group().replace(".", ""))
            token.verdict = "lower" if letters in LOWER_ABBREVIATIONS else "upper"
            return


def _mark_sentence_starts(text: str, tokens: list[_Token]) -> None:
    """Capitalise the first word of each sentence, paragraph and dateline body."""
    pending = True  # the next word outside brackets starts a sentence
    depth = 0  # bracket nesting: "[TEXT]" markers do not take the capital
    words_in_paragraph = 0
    previous: _Token | None = None
    for token in [*tokens, None]:
        gap = text[previous.end if previous else 0 : token.start if token else len(text)]
        blank_line = False
        newline_seen = False
        for k, ch in enumerate(gap):
            if ch == "\n":
                blank_line = blank_line or newline_seen
                newline_seen = True
            elif not ch.isspace():
                newline_seen = False
            if blank_line:
                pending, words_in_paragraph, blank_line = True, 0, False
            if ch in "[(":
                depth += 1
            elif ch in "])":
                depth = max(0, depth - 1)
            elif ch in ".!?" and _ends_sentence(gap, k, previous):
                pending = True
            elif ch.isdigit() and depth == 0:
                pending = False
            elif gap.startswith("--", k) and words_in_paragraph <= 8:
                pending = True
        if token is None:
            break
        if depth == 0:
            if pending and token.verdict == "lower":
                token.verdict = "cap"
            pending = False
            words_in_paragraph += 1
        previous = token


def _ends_sentence(gap: str, k: int, previous: _Token | None) -> bool:
    following = gap[k + 1 : k + 2]
    if following and not (following.isspace() or following in "\"')]”’"):
        return False  # "NO.4", "5.30"
    # "MR. CRISTIANI", "U.S. EMBASSY"
    return not (
        k == 0
        and previous is not None
        and (previous.word in ABBREVIATIONS or len(previous.word) == 1)
    )


def _render(text: str, tokens: list[_Token]) -> str:
    chars = [_lower(ch) for ch in text]
    for token in tokens:
        if token.verdict == "upper":
            chars[token.start : token.end] = [_upper(ch) for ch in text[token.start : token.end]]
        elif token.verdict == "cap":
            chars[token.start] = _upper(text[token.start])
            # "O'HIGGINS" -> "O'Higgins", "D'AUBUISSON" -> "D'Aubuisson".
            if token.end - token.start > 3 and text[token.start + 1] in "'’":
                chars[token.start + 2] = _upper(text[token.start + 2])
    return "".join(chars)


def _lower(s: str) -> str:
    """Lower case that never changes the length ("İ".lower() has two characters)."""
    return "".join(c if len(low := c.lower()) != 1 else low for c in s)


def _upper(s: str) -> str:
    """Upper case that never changes the length ("ß".upper() is "SS")."""
    return "".join(c if len(up := c.upper()) != 1 else up for c in s)
