"""Recognition: finding the spans of a text that name places.

Three sources of mentions are combined:

- spaCy's entities (GPE, LOC, FAC; NORP when it is a demonym such as "Iraqi");
- a gazetteer-driven matcher over capitalised token runs, for names the model
  misses or mislabels ("K-1 base" is tagged PERSON by en_core_web_sm);
- the dateline ("Erbil, Kurdistan Region —"), read from the top of the article.

Each mention gets a role: ``dateline``, ``demonym``, ``metonym`` (a capital or
country speaking, as in "Tehran says") or ``place``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.kb.features import DIVISION_FEATURES, SALIENT_FEATURES
from geomap.kb.names import normalize_name, split_camel_case
from geomap.kb.sources.base import WEAK_KINDS, NameKind
from geomap.lexicon.grammar import LOCATIVE_WORDS
from geomap.lexicon.labels import DEMONYM_LABELS, EMBEDDING_LABELS, MISLABEL_LABELS, PLACE_LABELS
from geomap.lexicon.names import ABBREVIATIONS_READ_AS_TITLES, NAME_CONNECTORS
from geomap.lexicon.places import NAME_FEATURE_WORDS, PLACE_OF_NOUNS, STREET_WORDS
from geomap.lexicon.speech import GOVERNMENT_NOUNS, SPEECH_VERBS
from geomap.models import (
    Entry,
    Mention,
    MentionOrigin,
    ParsedText,
    Piece,
    Role,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from geomap.kb.gazetteer import Gazetteer

MAX_NAME_TOKENS = 6
SALIENT_POPULATION = 50_000
MAJOR_POPULATION = 1_000_000  # a city that any label but PERSON may hide ("Erbil was calm")
EMBEDDED_POPULATION = 50_000  # a town this big is read inside an organisation's name
CUED_POPULATION = 10_000  # ... and this big after "in" or as a hashtag
CONTEXT_POPULATION = 200_000  # a lone word counts as context for resolve() from this size
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z.'’\-]*(?:\s+[A-Z][A-Za-z.'’\-]*){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'’\-]*(?:\s+[A-Z][A-Za-z.'’\-]*){0,3}))?"
    r"(?:,?\s*(?:[A-Za-z]{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?"  # "BAGHDAD, Dec. 30, 2019"
    r"|\d{1,2}\s+[A-Za-z]{3,9}\.?(?:\s+\d{2,4})?))?"  # "SAN SALVADOR, 3 JAN 90"
    r"\s*(?:\((?:[A-Za-z .&\-]+)\))?"  # "(Reuters)", "(ACAN - EFE)"
    r"\s*(?:—|–|--|-|:)\s+"
)
_POSSESSIVE = ("'s", "’s", "'", "’")


@lru_cache(maxsize=1)
def load_stoplist() -> frozenset[str]:
    """Normalised names that look like places to a model but are not (armed groups, ...)."""
    from geomap.kb.sources.curated import STOPLIST, curated_dir

    path = Path(curated_dir()) / STOPLIST
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(normalize_name(line) for line in lines if line.strip() and line[0] != "#")


@dataclass(frozen=True, slots=True)
class _Match:
    start: int  # token indices into the Doc
    end: int
    entries: tuple[tuple[Entry, str], ...]


class Recogniser:
    """Finds place mentions in a text already read by spaCy."""

    def __init__(self, gazetteer: Gazetteer, stoplist: Iterable[str] | None = None):
        self.gazetteer = gazetteer
        self.stoplist = frozenset(stoplist) if stoplist is not None else load_stoplist()

    def recognise(self, parsed: ParsedText) -> list[Mention]:
        """Mentions of places in the text, in text order, without overlaps."""
        text = parsed.text
        mentions = self.dateline(text)
        first_names, surnames = _person_names(parsed.pieces)
        for offset, doc in parsed.pieces:
            mentions.extend(self._in_doc(doc, offset, first_names | surnames))
        mentions = [m for m in _without_overlaps(mentions) if not self._surname(text, m, surnames)]
        names = {
            m.text
            for m in mentions
            if m.role != Role.DEMONYM and len(m.text) > 2 and self._known_by_name(m.text)
        }
        for offset, doc in parsed.pieces:
            mentions.extend(self._repeated(names, mentions, doc, offset))
        return [
            m
            for m in _without_overlaps(mentions)
            if not _DISEASE_AFTER.match(text, m.end) and not self._surname(text, m, surnames)
        ]

    def _surname(self, text: str, mention: Mention, surnames: set[str]) -> bool:
        """A name the article gives a person ("Andrew Trapani ... Trapani said"), unless it
        also names a major place ("Jordan")."""
        if mention.role == Role.DATELINE or mention.text not in surnames:
            return False
        if _LOCATIVE_BEFORE.search(text, 0, mention.start):
            return False  # "born in Trapani"
        return not any(_major(entry) for entry, _ in self.gazetteer.lookup(mention.text, 20))

    def _repeated(
        self, names: AbstractSet[str], mentions: list[Mention], doc: Doc, offset: int
    ) -> list[Mention]:
        """Other occurrences of ``names``, names already taken as places: one name, one
        reading per article, even where the model labelled it otherwise ("Alexandria" as
        PERSON)."""
        if not names:
            return []
        text = doc.text
        taken = bytearray(len(text))  # 1 where a mention already lies
        for m in mentions:
            start, end = max(0, m.start - offset), min(len(text), m.end - offset)
            if start < end:
                taken[start:end] = b"\x01" * (end - start)
        entity_over: dict[int, tuple[int, int]] = {}  # character -> the entity's extent
        for ent in doc.ents:
            for i in range(ent.start_char, ent.end_char):
                entity_over[i] = (ent.start_char, ent.end_char)
        found = []
        for name in names:
            for hit in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                start, end = hit.span()
                if any(taken[start:end]):
                    continue
                outer = entity_over.get(start)
                if outer and outer[0] <= start and end <= outer[1] and outer != (start, end):
                    continue  # part of a longer name ("Texas A&M")
                span = doc.char_span(start, end)
                if span is not None and not _names_street(doc, span.end):
                    found.append(self._mention(span, offset, MentionOrigin.REPEAT, "GAZ"))
        return found

    # -- dateline ---------------------------------------------------------------------------

    def dateline(self, text: str) -> list[Mention]:
        """The place(s) of a dateline at the start of one of the first paragraphs."""
        position = 0
        for line in text[:1500].split("\n")[:6]:
            indent = len(line) - len(line.lstrip())  # wire copy indents its paragraphs
            match = _DATELINE.match(line, indent)
            if match and self._known(match.group("place")):
                found = [
                    Mention(position + match.start(group), position + match.end(group),
                            match.group(group), "GAZ", Role.DATELINE, MentionOrigin.DATELINE)
                    for group in ("place", "region")
                    if match.group(group) and self._known(match.group(group))
                ]  # fmt: skip
                return found
            position += len(line) + 1
        return []

    def _known_by_name(self, name: str) -> bool:
        """Whether the gazetteer has a place by this very name (not an alternate one)."""
        return any(kind not in WEAK_KINDS for _, kind in self.gazetteer.lookup(name, limit=20))

    def _known(self, name: str) -> bool:
        key = normalize_name(name)
        return bool(key) and key not in self.stoplist and self.gazetteer.contains(key)

    # -- entities and gazetteer matches -----------------------------------------------------

    def _in_doc(
        self, doc: Doc, offset: int, people: AbstractSet[str] = frozenset()
    ) -> list[Mention]:
        found: list[Mention] = []
        taken: set[int] = set()  # token indices already in a mention
        matches = self._gazetteer_matches(doc)
        for ent in doc.ents:
            span = _trim(ent)
            if span is None:
                continue
            key = normalize_name(span.text)
            if not key or key in self.stoplist:
                continue
            if ent.label_ in DEMONYM_LABELS and self._is_demonym(span.text):
                found.append(
                    self._mention(span, offset, MentionOrigin.NER, ent.label_, Role.DEMONYM)
                )
            elif ent.label_ in PLACE_LABELS:
                longer = _covering_match(matches, span)
                if longer is not None:
                    span = doc[longer.start : longer.end]
                elif not self._known(span.text) and not _has_place_cue(span):
                    continue  # "Ebola", "Rebels": the model's guess, with nothing to back it
                found.append(self._mention(span, offset, MentionOrigin.NER, ent.label_))
            elif ent.label_ in MISLABEL_LABELS and self._place_in_disguise(
                span, ent.label_, people
            ):
                found.append(self._mention(span, offset, MentionOrigin.NER, ent.label_))
            else:
                continue
            taken.update(range(span.start, span.end))
        ents = doc.ents
        blocked = {  # token -> the entity that is no place ("Aleppo" is NORP at times)
            i: ent
            for ent in ents
            if ent.label_ not in PLACE_LABELS and ent.label_ != "NORP"
            for i in range(ent.start, ent.end)
        }
        for match in matches:
            tokens = set(range(match.start, match.end))
            if tokens & taken:
                continue
            role = (
                Role.DEMONYM
                if all(kind == NameKind.DEMONYM for _, kind in match.entries)
                else Role.PLACE
            )
            overlapped = {blocked[i] for i in tokens if i in blocked}
            if overlapped and not _overrides_entities(overlapped, match):
                if role == Role.DEMONYM or not self._embedded(doc, ents, match):
                    continue
                role = Role.EMBEDDED
            elif not self._accept(doc, match):
                continue
            found.append(
                self._mention(
                    doc[match.start : match.end], offset, MentionOrigin.GAZETTEER, "GAZ", role
                )
            )
            taken.update(tokens)
        for i in _after_hash_signs(doc):
            if i not in taken and self._hashtag_place(doc[i].text):
                found.append(self._mention(doc[i : i + 1], offset, MentionOrigin.HASHTAG, "GAZ"))
        return found

    def _mention(
        self, span: Span, offset: int, origin: MentionOrigin, label: str, role: Role = Role.PLACE
    ) -> Mention:
        if role == Role.PLACE and _is_speaker(span):
            role = Role.METONYM
        return Mention(
            offset + span.start_char, offset + span.end_char, span.text, label, role, origin
        )

    def _place_in_disguise(
        self, span: Span, label: str, people: AbstractSet[str] = frozenset()
    ) -> bool:
        """A place the model labelled otherwise: a name after "the village of" and the like
        ("the village of Tell Zarzur", tagged PERSON by the small model, even when the
        gazetteer lacks it); a well-known place after a locative word ("the port of Umm
        Qasr"); a major city or a country under any label but PERSON and NORP ("Erbil was
        calm"); under those two, a sizeable town as a lone word that no person in the
        article is called by ("Alexandria woman charged", "the Sochi elections")."""
        doc = span.doc
        if _after_place_noun(span):
            return True
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        entries = self.gazetteer.lookup(span.text, limit=20)
        if _after_town(doc, span.start) and any(k == NameKind.ABBR for _, k in entries):
            return True  # "Springfield, IL" with IL tagged ORG
        found = [e for e, kind in entries if kind == NameKind.NAME]
        if before in LOCATIVE_WORDS and any(_embeddable(e, CUED_POPULATION) for e in found):
            return True  # "in Greer": a town of 10,000 or more, or a larger place
        if label in ("PERSON", "NORP"):  # "Alexandria woman charged", "Sochi elections"
            return (
                len(span) == 1
                and span.text not in people
                and any(entry.feature == "city" and _salient(entry) for entry in found)
            )
        return any(_major(entry) for entry in found)

    def _hashtag_place(self, word: str) -> bool:
        """A hashtag naming a town or a larger place: "#Ferguson", "#SouthSudan"."""
        spaced = split_camel_case(word)
        return any(
            kind not in WEAK_KINDS and _embeddable(entry, CUED_POPULATION)
            for name in {word, spaced}
            for entry, kind in self.gazetteer.lookup(name, limit=20)
        )

    def _is_demonym(self, text: str) -> bool:
        """ "Iraqi", "Iraqis"; not "Philippines", a country's own name that ends like a
        plural demonym."""
        kinds = {kind for _, kind in self.gazetteer.lookup(text, limit=20)}
        if NameKind.DEMONYM in kinds:
            return True
        if kinds & {NameKind.NAME, NameKind.ABBR} or not text.endswith("s"):
            return False
        return any(
            kind == NameKind.DEMONYM for _, kind in self.gazetteer.lookup(text[:-1], limit=5)
        )

    def _gazetteer_matches(self, doc: Doc) -> list[_Match]:
        """Longest runs of capitalised tokens that the gazetteer knows, left to right."""
        matches: list[_Match] = []
        i = 0
        while i < len(doc):
            if not _starts_name(doc[i]):
                i += 1
                continue
            ends = []
            j = i
            while j < len(doc) and j - i < MAX_NAME_TOKENS and _inside_name(doc, i, j):
                if _ends_name(doc[j]):
                    ends.append(j + 1)
                j += 1
            match = None
            for end in reversed(ends):
                key = normalize_name(doc[i:end].text)
                if key and key not in self.stoplist and self.gazetteer.contains(key):
                    entries = tuple(self.gazetteer.lookup(doc[i:end].text, limit=50))
                    match = _Match(i, end, entries)
                    break
            if match is None:
                i += 1
            else:
                matches.append(match)
                i = match.end
        return matches

    def _accept(self, doc: Doc, match: _Match) -> bool:
        """Whether a gazetteer match outside spaCy's entities is a place mention."""
        tokens = doc[match.start : match.end]
        if not any(t.pos_ in ("PROPN", "ADJ", "NOUN") or t.is_upper for t in tokens):
            return False
        if _names_street(doc, match.end):
            return False  # "Oxford Street", "London Road": a street, not the town
        if all(kind == NameKind.DEMONYM for _, kind in match.entries):
            return True
        surface = tokens.text
        if {kind for _, kind in match.entries} - WEAK_KINDS == {
            NameKind.ABBR
        }:  # "Miss." not "Miss X"
            if len(surface) == 2:  # a postal code only after a town: "Springfield, IL"
                return surface.isupper() and _after_town(doc, match.start)
            if _before_name(doc, match.end) and (
                surface in ABBREVIATIONS_READ_AS_TITLES or not _after_town(doc, match.start)
            ):
                return False  # a title: "Ms. Moayyad", "Mt. Everest"
            return surface.endswith(".") or surface.isupper()
        salient = any(_salient(entry) for entry, _ in match.entries)
        if len(tokens) == 1:  # a lone word: by its own name, not an alternate ("Peace", "Soul")
            salient = any(_salient(e) and kind not in WEAK_KINDS for e, kind in match.entries)
            return salient and (tokens[0].pos_ == "PROPN" or tokens[0].is_upper)
        return salient or any(kind == NameKind.NAME for _, kind in match.entries)

    def _embedded(self, doc: Doc, ents: Sequence[Span], match: _Match) -> bool:
        """A well-known place named inside an organisation's name: "Aleppo University",
        "Texas Department of Health", "University of Basra", "Gainesville Police"."""
        outer = next((e for e in ents if e.start <= match.start and match.end <= e.end), None)
        if (
            outer is None
            or outer.label_ not in EMBEDDING_LABELS
            or len(outer) == match.end - match.start
        ):
            return False
        first = doc[match.start]
        opening = outer.start + (doc[outer.start].lower_ == "the")
        if match.start != opening and doc[match.start - 1].lower_ != "of":
            return False
        if not (first.pos_ == "PROPN" or first.is_upper) or _names_street(doc, match.end):
            return False  # "Oxford Street bus station" names a street, not Oxford
        return any(
            kind in (NameKind.NAME, NameKind.ABBR) and _embeddable(entry)
            for entry, kind in match.entries
        )


def _overrides_entities(entities: AbstractSet[Span], match: _Match) -> bool:
    """A curated multi-word name may win over mislabelled entities inside it ("K-1 base"
    over PERSON "K-1"), never over one it only overlaps."""
    for ent in entities:
        inside = match.start <= ent.start and ent.end <= match.end
        if not inside or (ent.end - ent.start) >= (match.end - match.start):
            return False
    return any(entry.source.startswith(("curated:", "user:")) for entry, _ in match.entries)


def _person_names(pieces: Sequence[Piece]) -> tuple[set[str], set[str]]:
    """The first and the last names of the people an article names in full ("Andrew
    Trapani", "Paris Hilton")."""
    first, last = set(), set()
    for _, doc in pieces:
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) >= 2:
                span = _trim(ent)
                if span is not None and len(span) >= 2 and span[-1].text[:1].isupper():
                    first.add(span[0].text)
                    last.add(span[-1].text)
    return first, last


def _names_street(doc: Doc, end: int) -> bool:
    """Whether a name is followed by a capitalised street word ("Oxford Street")."""
    return end < len(doc) and doc[end].text[:1].isupper() and doc[end].lower_ in STREET_WORDS


def _after_town(doc: Doc, start: int) -> bool:
    return start > 1 and doc[start - 1].text == "," and doc[start - 2].text[:1].isupper()


def _before_name(doc: Doc, end: int) -> bool:
    return end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper()


def _after_place_noun(span: Span) -> bool:
    """ "the village of X", "the province of X"."""
    doc = span.doc
    return (
        span.start > 1
        and doc[span.start - 1].lower_ == "of"
        and (doc[span.start - 2].lower_ in PLACE_OF_NOUNS)
    )


def _has_place_cue(span: Span) -> bool:
    """Words around a name that say it is a place: "in X", "the village of X", "X province"."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if before == "of":
        return _after_place_noun(span)
    return before in LOCATIVE_WORDS or after in NAME_FEATURE_WORDS or after in PLACE_OF_NOUNS


def _salient(entry: Entry) -> bool:
    return entry.feature in SALIENT_FEATURES or entry.population >= SALIENT_POPULATION


def _embeddable(entry: Entry, population: int = EMBEDDED_POPULATION) -> bool:
    """An area, or a town of at least ``population``: a place well known enough to be
    read inside an organisation's name (or, with a lower bar, after "in")."""
    if entry.feature in DIVISION_FEATURES:
        return True
    return entry.feature == "city" and entry.population >= population


def _major(entry: Entry) -> bool:
    return entry.feature in ("country", "continent") or (
        entry.feature in ("city", "admin1") and entry.population >= MAJOR_POPULATION
    )


def _after_hash_signs(doc: Doc) -> list[int]:
    """The indices of the tokens that follow a "#" token (found without a Python loop
    over every token)."""
    from spacy.attrs import ORTH

    orth = doc.to_array(ORTH)
    return [int(i) + 1 for i in (orth[:-1] == doc.vocab.strings["#"]).nonzero()[0]]


def _starts_name(token: Token) -> bool:
    return token.text[:1].isupper() and not token.is_punct and token.lower_ != "the"


def _ends_name(token: Token) -> bool:
    text = token.text
    if token.is_punct:
        return False
    return text[:1].isupper() or text[:1].isdigit() or text in NAME_FEATURE_WORDS


def _inside_name(doc: Doc, start: int, j: int) -> bool:
    """Whether token ``j`` can continue a name that began at ``start``."""
    token = doc[j]
    if j > start and token.is_sent_start:
        return False
    text = token.text
    if text[:1].isupper() or text[:1].isdigit():
        return True
    if j == start:
        return False
    return text in NAME_CONNECTORS or text in NAME_FEATURE_WORDS or text in ("-", "'", "’", ".")


def _trim(span: Span) -> Span | None:
    """The entity without a leading 'the' or a trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct):
        if _abbreviation_period(doc, end - 1):
            break
        end -= 1
    return doc[start:end] if end > start else None


def _abbreviation_period(doc: Doc, i: int) -> bool:
    """The period of an abbreviation spaCy split off: "W.Va" + "."."""
    previous = doc[i - 1] if i > 0 else None
    return (
        doc[i].text == "."
        and previous is not None
        and not previous.whitespace_
        and "." in previous.text
    )


def _covering_match(matches: list[_Match], span: Span) -> _Match | None:
    for match in matches:
        if (
            match.start <= span.start
            and span.end <= match.end
            and match.end - match.start > len(span)
        ):
            return match
    return None


def _is_speaker(span: Span) -> bool:
    """'Tehran says', 'Washington has expressed alarm', "Iran's foreign ministry"."""
    root = span.root
    head = root.head
    if root.dep_ in ("nsubj", "nsubjpass") and head.lower_ in SPEECH_VERBS:
        return True
    if root.dep_ == "poss":
        nouns = {
            head.lower_,
            *(child.lower_ for child in head.children if child.dep_ == "compound"),
        }
        return bool(nouns & GOVERNMENT_NOUNS)
    return False


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Text order; where two overlap, the dateline, then the longer, mention wins."""
    ranked = sorted(mentions, key=lambda m: (m.role != Role.DATELINE, -(m.end - m.start), m.start))
    kept: list[Mention] = []
    for mention in ranked:
        if all(mention.end <= k.start or k.end <= mention.start for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


_LOCATIVE_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(LOCATIVE_WORDS - {"of", "to", "from"})) + r")\s+$", re.IGNORECASE
)
# A name that is part of a disease's name: "West Nile virus", "Lassa fever", "Lyme disease".
_DISEASE_AFTER = re.compile(
    r"[\s-]+(?:(?:ha?emorrhagic|respiratory|virus)\s+)?"
    r"(?:virus|viruses|virus's|fever|disease|flu|influenza|encephalitis|syndrome|ebolavirus)\b",
    re.IGNORECASE,
)
_CAPITALISED_RUN = re.compile(
    r"[A-Z][\w'’.\-]*(?:\s+(?:(?:of|de|del|the|and|al|el)\s+)?[A-Z][\w'’.\-]*){0,4}"
)


def context_mentions(
    gazetteer: Gazetteer, text: str, exclude: Sequence[tuple[int, int]]
) -> list[Mention]:
    """Well-known places named in ``text`` outside the ``exclude`` spans, found without a
    model: the evidence ``geomap resolve`` weighs when it is given only some spans."""
    found = []
    for run in _CAPITALISED_RUN.finditer(text):
        words = list(re.finditer(r"\S+", run.group()))
        i = 0
        while i < len(words):
            for j in range(len(words), i, -1):
                start = run.start() + words[i].start()
                end = run.start() + words[j - 1].end()
                while end > start and text[end - 1] in ".,;:'’":
                    end -= 1
                name = text[start:end]
                if any(s < end and start < e for s, e in exclude):
                    continue
                entries = (
                    gazetteer.lookup(name, limit=20)
                    if gazetteer.contains(normalize_name(name))
                    else []
                )
                if any(kind not in WEAK_KINDS and _context_worthy(e, j - i) for e, kind in entries):
                    found.append(
                        Mention(start, end, name, "GAZ", Role.PLACE, MentionOrigin.CONTEXT)
                    )
                    i = j - 1
                    break
            i += 1
    return found


def _context_worthy(entry: Entry, words: int) -> bool:
    if entry.feature in DIVISION_FEATURES:
        return True
    return words > 1 or entry.population >= CONTEXT_POPULATION


def given_mentions(text: str, spans: Iterable[tuple[int, int]]) -> list[Mention]:
    """Mentions for spans a caller already has (``geomap resolve``)."""
    return [Mention(s, e, text[s:e], "GIVEN", Role.PLACE, MentionOrigin.GIVEN) for s, e in spans]
