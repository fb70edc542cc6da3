"""Event geolocation: which place mention, if any, says where an event happened.

"The rocket attack on K-1 base in Kirkuk" happened at K-1 base; in "Tehran says the
strikes in Syria were illegal" the strikes happened in Syria, not in Tehran; "Obama won
Florida" names no place of an event. Each place mention of the sentence is a candidate,
and so is "no place". Each is described by named features: how the place phrase hangs
on the event word in the dependency parse (its preposition, the word it modifies, the
way from there to the event word), what kind of name it is, how it stands to the other
candidates, and what the event word is. Boosted trees (``forest``) score the options;
they were fitted by ``benchmarks/fit_locator.py`` on half of a public annotated corpus
and checked on the other half.

Candidates are the recogniser's place mentions plus names the gazetteer does not know
but the syntax marks as places ("the village of Rasm al-Abboud", "in the Abu Chir
neighbourhood"), so an event can be placed at a name that only a geocoder can resolve.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from geomap import ranking
from geomap.incidents import detect
from geomap.incidents.forest import Forest
from geomap.kb.features import Scope, scope_of
from geomap.lexicon.grammar import (
    LOCATIVE_PREPOSITIONS,
    MODAL_OR_TO,
    PERFECT_AUXILIARIES,
    SOURCE_PREPOSITIONS,
)
from geomap.lexicon.labels import (
    CLAUSE_LABELS,
    NAME_LABELS,
    NESTING_LABELS,
    NON_PLACE_NAME_LABELS,
    PLACE_LABELS,
)
from geomap.lexicon.people import ORGANISATION_WORDS, PEOPLE_WORDS, TITLE_WORDS
from geomap.lexicon.places import FEATURE_NOUNS, PLACE_NOUNS, SITUATING_VERBS
from geomap.lexicon.speech import SPEECH_LEMMAS
from geomap.models import (
    Place,
    Role,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

MODEL_FILE = Path(__file__).with_name("locator_model.npz")
CONTAINER_REACH = 40  # tokens after a place within which its container may be named
LARGE_TOLL = 100  # "more than 250,000 people have been killed": a war's toll


class CandidateOrigin(StrEnum):
    """How a span came to be a candidate for where an event happened."""

    MENTION = "mention"  # a recognised place mention
    ENTITY = "entity"  # a place entity to spaCy only
    CUE = "cue"  # a name the words around it mark as a place ("the village of X")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span of the sentence that may be where the event happened."""

    start: int  # offsets into the document text
    end: int
    text: str
    span: Span  # the same words in the spaCy Doc
    origin: CandidateOrigin
    place: Place | None = None  # the resolved mention, when it was one

    @property
    def root(self) -> Token:
        return self.span.root

    @property
    def scope(self) -> Scope:
        """How large the place is."""
        if self.place is None or self.place.feature is None:
            return Scope.UNKNOWN
        return scope_of(self.place.feature)


@dataclass(frozen=True, slots=True)
class Located:
    """The chosen candidate (None: the sentence names no place of this event)."""

    candidate: Candidate | None
    probability: float


def candidates(sentence: Span, places: Iterable[Place], offset: int = 0) -> list[Candidate]:
    """Place spans of ``sentence``: recognised (and resolved) places, then spaCy's place
    entities and names in place-like syntax that overlap none of them. ``offset`` maps
    the sentence's document to the text the places index (for texts read in pieces)."""
    doc = sentence.doc
    lo, hi = offset + sentence.start_char, offset + sentence.end_char
    text = sentence.text
    found: list[Candidate] = []
    for place in places:
        if place.role not in (Role.PLACE, Role.DATELINE) or not lo <= place.start < hi:
            continue
        if text[place.end - lo : place.end - lo + 1] == "-":
            continue  # "Tehran-backed militias", "US-led coalition": not a place of events
        span = doc.char_span(place.start - offset, place.end - offset, alignment_mode="expand")
        if span is not None:
            found.append(
                Candidate(place.start, place.end, place.text, span, CandidateOrigin.MENTION, place)
            )
    extra = [(ent, CandidateOrigin.ENTITY) for ent in sentence.ents if ent.label_ in PLACE_LABELS]
    extra += [(span, CandidateOrigin.CUE) for span in _cued_names(sentence)]
    for span, origin in extra:
        if span.end < len(doc) and doc[span.end].text == "-":
            continue
        start, end = offset + span.start_char, offset + span.end_char
        if all(end <= c.start or c.end <= start for c in found):
            found.append(Candidate(start, end, span.text, span, origin))
    return sorted(found, key=lambda c: c.start)


def _cued_names(sentence: Span) -> Iterable[Span]:
    """Proper-noun runs ("Al-Zarzour", "Tal Afar", "Bustan al-Basha District"), whatever
    entity label the model gave them: the syntax around them decides (see ``cue_of``)."""
    doc = sentence.doc
    i = sentence.start
    while i < sentence.end:
        if not _nameable(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < sentence.end and (
            _nameable(doc[j]) or (doc[j].text in "-‘’'" and j + 1 < sentence.end
                                  and _nameable(doc[j + 1]))
        ):  # fmt: skip
            j += 1
        if j < sentence.end and doc[j].lower_ in FEATURE_NOUNS:
            j += 1
        yield doc[i:j]
        i = j


def _nameable(token: Token) -> bool:
    """A proper noun that may be part of a place name: not a date or a number, nor a
    people ("Kurdish"), unless the words around it make it a place ("Kheda district",
    "in Jezzine", which the model may take for a people or a date)."""
    if token.pos_ != "PROPN":
        return False
    if token.ent_type_ not in NON_PLACE_NAME_LABELS:
        return True
    if token.ent_type_ not in ("NORP", "DATE"):
        return False
    doc = token.doc
    after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    before = doc[token.i - 1].lower_ if token.i > 0 else ""
    return after in FEATURE_NOUNS or before in LOCATIVE_PREPOSITIONS


def cue_of(span: Span) -> str:
    """What the words around a name say about it: "locative" ("in X", "at X"), "place_noun"
    ("the village of X", "X district") or "none"."""
    doc = span.doc
    if span[-1].lower_ in FEATURE_NOUNS or (
        span.end < len(doc) and doc[span.end].lower_ in FEATURE_NOUNS
    ):
        return "place_noun"
    i = span.start - 1
    while i >= 0 and (doc[i].lower_ in ("the", "a") or doc[i].pos_ == "ADJ"):
        i -= 1
    if i < 0:
        return "none"
    if doc[i].lower_ == "of" and i > 0 and doc[i - 1].lower_ in PLACE_NOUNS:
        return "place_noun"
    return "locative" if doc[i].lower_ in LOCATIVE_PREPOSITIONS else "none"


def features(trigger: Token, candidate: Candidate, found: Sequence[Candidate]) -> dict[str, float]:
    """How the candidate hangs on the event word, as named indicators and scaled values."""
    f: dict[str, float] = {"bias": 1.0}
    f.update(_name_features(candidate))
    f.update(_link_features(trigger, candidate, found))
    f.update(_context_features(trigger, candidate, found))
    return f


def _name_features(candidate: Candidate) -> dict[str, float]:
    """What kind of name the candidate is: known to the gazetteer, a place to the model,
    or words that make it a person or an organisation ("Syrian Arab Army", "Gen. Giap")."""
    span, root = candidate.span, candidate.root
    doc = span.doc
    f = {f"origin={candidate.origin}": 1.0, f"cue={cue_of(span)}": 1.0}
    label = root.ent_type_ if root.ent_type_ in PLACE_LABELS | NAME_LABELS else "other"
    f[f"label={label}"] = 1.0
    f[f"scope={candidate.scope}"] = 1.0
    words = {t.lower_.rstrip(".") for t in span}
    before = doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if words & ORGANISATION_WORDS or after in ORGANISATION_WORDS:
        f["organisation_word"] = 1.0
    if words & TITLE_WORDS or before in TITLE_WORDS or after in TITLE_WORDS:
        f["title_word"] = 1.0
    if after in PEOPLE_WORDS:
        f["names_people"] = 1.0  # "Beijing resident", "Hong Kong police"
    if candidate.text.isupper() and len(candidate.text) <= 5:
        f["acronym"] = 1.0
    if len(candidate.text) <= 3:
        f["short"] = 1.0
    if root.pos_ == "ADJ" or root.ent_type_ == "NORP":
        f["adjective"] = 1.0
    if candidate.place is not None and candidate.place.role == Role.DATELINE:
        f["dateline"] = 1.0
    return f


def _link_features(
    trigger: Token, candidate: Candidate, found: Sequence[Candidate]
) -> dict[str, float]:
    """How the place phrase hangs on the event word: the preposition that introduces it,
    the word it modifies, and the way from that word to the event word."""
    top, preposition = place_phrase(candidate.root)
    anchor = top.head
    f: dict[str, float] = {}
    if preposition is None:
        f[f"dep={_dep_class(top)}"] = 1.0
    elif preposition in LOCATIVE_PREPOSITIONS:
        f["prep=locative"] = 1.0
        f[f"prep={preposition}"] = 1.0
    elif preposition in SOURCE_PREPOSITIONS:
        f[f"prep={preposition}"] = 1.0
    else:
        f["prep=other"] = 1.0
    if anchor == top:
        f["anchor=root"] = 1.0
        return f
    if anchor == trigger:
        relation = "trigger"
    elif anchor.head == trigger and anchor != trigger.head:
        relation = "trigger_argument"  # "activists in Germany protested", "raids on Fallujah"
    elif anchor == trigger.head:
        relation = "trigger_head"
    elif anchor in trigger.ancestors:
        relation = "above_trigger"
    elif trigger in anchor.ancestors:
        relation = "below_trigger"
    else:
        relation = "apart"
    f[f"anchor={relation}"] = 1.0
    if relation != "trigger":
        f[f"anchor_pos={_pos_class(anchor)}"] = 1.0
        lemma = anchor.lemma_.lower()
        if lemma in SPEECH_LEMMAS:
            f["anchor_speech"] = 1.0
        elif anchor.lower_ in PEOPLE_WORDS or anchor.ent_type_ == "PERSON":
            f["anchor_people"] = 1.0
        elif anchor.ent_type_ == "ORG":
            f["anchor_organisation"] = 1.0
        if anchor.dep_ in ("relcl", "acl") and anchor.head != trigger:
            f["anchor_describes_noun"] = 1.0  # "an Israeli Arab living in Jerusalem"
        if any(c.root == anchor for c in found if c is not candidate):
            f["anchor_place"] = 1.0  # "K-1 base in Kirkuk": Kirkuk says where K-1 base is
    path = _path(top, trigger)
    if path is not None:
        f[f"path={path}"] = 1.0
    return f


def place_phrase(root: Token) -> tuple[Token, str | None]:
    """The top of the phrase that names the place, and its preposition: for "Homs" in
    "killed in the city of Homs", the "in" that hangs on "killed"."""
    token, preposition = root, None
    for _ in range(8):
        head = token.head
        if head == token:
            break
        placelike = head.lower_ in PLACE_NOUNS or head.ent_type_ in PLACE_LABELS
        if (
            token.dep_ in ("conj", "appos")
            or (token.dep_ == "compound" and (head.pos_ == "PROPN" or placelike))
            or (token.dep_ == "poss" and placelike)
        ):  # "the Kirkuk base", "Syria's northern province of Aleppo"
            token = head
            continue
        if token.dep_ == "pobj" and head.dep_ == "prep" and head.head != head:
            owner = head.head
            if head.lower_ == "of" and owner.lower_ in PLACE_NOUNS:
                token = owner  # "the city of Homs": the phrase goes on from "city"
                continue
            return head, head.lower_
        break
    return token, preposition


def _path(top: Token, trigger: Token) -> str | None:
    """The dependency labels from the place phrase up to the event word's branch and down
    to the event word ("prep^" for a phrase on the event word, "prep^nsubj^" for one on
    its subject), or None when the way is long."""
    up_trigger = [trigger, *trigger.ancestors]
    ups: list[str] = []
    token = top
    while token not in up_trigger:
        ups.append(token.dep_)
        if token.head == token or len(ups) > 3:
            return None
        token = token.head
    downs = [t.dep_ for t in up_trigger[: up_trigger.index(token)]]
    if len(downs) > 2:
        return None
    return "^".join(ups) + "|" + "^".join(downs)


def _context_features(
    trigger: Token, candidate: Candidate, found: Sequence[Candidate]
) -> dict[str, float]:
    """Where the candidate stands among the sentence's candidates and to the event word."""
    root = candidate.root
    f: dict[str, float] = {}
    scope = candidate.scope
    if len(found) == 1:
        f["only"] = 1.0
    elif scope in ("country", "region") and any(
        c.scope in ("town", "site", "unknown") for c in found if c is not candidate
    ):
        f["broader_than_other"] = 1.0
    nearest = min(found, key=lambda c: abs(c.root.i - trigger.i))
    if candidate is nearest:
        f["nearest"] = 1.0
    known = [c for c in found if c.origin == CandidateOrigin.MENTION]
    if known and candidate is min(known, key=lambda c: abs(c.root.i - trigger.i)):
        f["nearest_known"] = 1.0
    if _names_container(candidate, found):
        f["before_its_container"] = 1.0
    if any(_names_container(c, found) and _next_after(c, found) is candidate for c in found):
        f["after_its_content"] = 1.0
    if root.dep_ in ("compound", "amod") and root.head.lower_ in PLACE_NOUNS:
        f["modifies_place_noun"] = 1.0  # "the West Bank town of Ramallah"
    if root.dep_ == "conj" and any(c.root == root.head for c in found):
        f["listed_after_place"] = 1.0
    others = [c for c in found if c is not candidate]
    if any(_contains(candidate, c) for c in others):
        f["contains_other"] = 1.0  # Kirkuk in "K-1 base in Kirkuk"
    if any(_contains(c, candidate) for c in others):
        f["inside_other"] = 1.0  # K-1 base
    up_trigger = _ancestors(trigger)
    up_place = _ancestors(root)
    common = next((t for t in up_place if t in up_trigger), None)
    if common is None:
        f["no_path"] = 1.0
        return f
    steps_place = up_place.index(common)
    steps_trigger = up_trigger.index(common)
    f["steps"] = min(steps_place + steps_trigger, 8) / 4
    f[f"steps={min(steps_place + steps_trigger, 5)}"] = 1.0
    crossings = sum(1 for t in up_place[:steps_place] if t.dep_ in CLAUSE_LABELS)
    crossings += sum(1 for t in up_trigger[:steps_trigger] if t.dep_ in CLAUSE_LABELS)
    f["clauses"] = min(crossings, 3)
    if root.dep_ == "dobj" and root.head == trigger:
        f[f"object_of={trigger.lemma_.lower()}"] = 1.0
    if common == trigger:
        f["under_trigger"] = 1.0
    elif common == root:
        f["over_trigger"] = 1.0
    elif common.pos_ in ("VERB", "AUX"):
        f["shared_verb"] = 1.0
        if common.lemma_ in SPEECH_LEMMAS:
            f["under_speech"] = 1.0
    distance = abs(root.i - trigger.i)
    f["distance"] = min(distance, 30) / 10
    f[f"distance={'1-3' if distance <= 3 else '4-8' if distance <= 8 else '9+'}"] = 1.0
    f["after" if root.i > trigger.i else "before"] = 1.0
    return f


def _contains(outer: Candidate, inner: Candidate) -> bool:
    """Whether ``outer`` hangs on ``inner`` as the place it lies in: "K-1 base in Kirkuk",
    "Mosul, Iraq's third city", "the Dabbit Hospital located in Aleppo"."""
    token = outer.root
    for _ in range(5):
        head = token.head
        if head == token:
            return False
        if inner.span.start <= head.i < inner.span.end:
            return token.dep_ in NESTING_LABELS
        if token.dep_ not in NESTING_LABELS or not (
            head.pos_ == "ADP" or head.lower_ in PLACE_NOUNS or head.lemma_ in SITUATING_VERBS
        ):
            return False
        token = head
    return False


def _names_container(candidate: Candidate, found: Sequence[Candidate]) -> bool:
    """Whether the next candidate is its container, named right after it: "Jenin, West
    Bank", "Vedeno region of Chechnya", "Ngabe, a village in the Plateaux region"."""
    root = candidate.root
    following = _next_after(candidate, found)
    if following is None:
        return False
    text = root.doc[root.i : root.i + CONTAINER_REACH].text  # farther is no container
    gap = text.find(following.text)
    between = text[:gap] if gap > 0 else ""
    return 0 < len(between.split()) <= 8 and any(w in between for w in (",", " of ", " in "))


def _next_after(candidate: Candidate, found: Sequence[Candidate]) -> Candidate | None:
    later = [c for c in found if c.start >= candidate.end]
    return min(later, key=lambda c: c.start) if later else None


def _ancestors(token: Token) -> list[Token]:
    """The token and its heads up to the sentence root."""
    chain = [token]
    while chain[-1].head != chain[-1] and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def _dep_class(token: Token) -> str:
    dep = token.dep_
    if dep in ("nsubj", "nsubjpass", "dobj", "poss", "compound", "appos", "npadvmod", "attr"):
        return dep
    return "other"


def _pos_class(token: Token) -> str:
    if token.pos_ in ("VERB", "AUX"):
        return "verb"
    return "noun" if token.pos_ in ("NOUN", "PROPN", "PRON", "NUM") else "other"


def none_features(trigger: Token) -> dict[str, float]:
    """What makes an event word unlikely to have a place in its sentence ("captured the
    title", "said"): the score of the "no place" option."""
    f = {"none:bias": 1.0, f"none:lemma={trigger.lemma_.lower()}": 1.0}
    f[f"none:pos={trigger.pos_}"] = 1.0
    f[f"none:tag={trigger.tag_}"] = 1.0
    f[f"none:dep={trigger.dep_ if trigger.dep_ in CLAUSE_LABELS else 'main'}"] = 1.0
    if any(child.dep_ == "neg" for child in trigger.children):
        f["none:negated"] = 1.0
    if any(
        child.dep_ in ("aux", "auxpass") and child.lower_ in MODAL_OR_TO
        for child in trigger.children
    ):
        f["none:modal"] = 1.0
    event = detect.typed(trigger)
    if event is None:
        f["none:not_an_event_word"] = 1.0  # "captured the title", "shot up"
    elif not detect.reports_event(trigger):
        f["none:not_reported"] = 1.0  # threatened, prevented or counted
    if any(t.lemma_ in SPEECH_LEMMAS for t in trigger.ancestors):
        f["none:under_speech"] = 1.0
    if any(child.dep_ == "prt" for child in trigger.children):
        f["none:particle"] = 1.0  # "shot up", "broke out"
    auxiliaries = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")}
    if auxiliaries & PERFECT_AUXILIARIES:
        f["none:perfect"] = 1.0  # "have been killed since 2011": a toll, not an event
    if any(t.lower_ == "since" for t in trigger.sent):
        f["none:since"] = 1.0
    if any(_number(c) >= LARGE_TOLL for c in trigger.subtree if c.dep_ == "nummod"):
        f["none:large_number"] = 1.0
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    f[f"none:object={_object_kind(objects[0]) if objects else 'none'}"] = 1.0
    return f


def _number(token: Token) -> float:
    text = token.text.replace(",", "")
    return float(text) if text.replace(".", "", 1).isdigit() else 0.0


def _object_kind(token: Token) -> str:
    """What an event word acts on: a "place", "people", a "person" or "other"."""
    if token.ent_type_ in PLACE_LABELS or token.lower_ in PLACE_NOUNS:
        return "place"
    if token.ent_type_ == "PERSON":
        return "person"
    if token.lower_ in PEOPLE_WORDS or token.pos_ == "PRON":
        return "people"
    return "other"


@lru_cache(maxsize=1)
def fitted_weights() -> Forest:
    """The trees ``benchmarks/fit_locator.py`` stored."""
    return Forest.load(MODEL_FILE)


def trigger_token(doc: Doc, start: int, end: int) -> Token | None:
    """The token of an event word given as character offsets into the Doc's text."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def observations(trigger: Token, found: Sequence[Candidate]) -> list[dict[str, float]]:
    """What the scorer sees: for each candidate, its features, how it compares with the
    other candidates, and the event word's features; then "no place" with the event
    word's features."""
    rows = [features(trigger, candidate, found) for candidate in found]
    linked = [i for i, row in enumerate(rows) if _linked(row)]
    shared = none_features(trigger)
    shared[f"none:candidates={min(len(found), 4)}"] = 1.0
    shared[f"none:linked={min(len(linked), 2)}"] = 1.0
    known = sum(1 for c in found if c.origin == CandidateOrigin.MENTION)
    shared[f"none:known={min(known, 3)}"] = 1.0
    for i, row in enumerate(rows):
        if linked and i == linked[0]:
            row["first_linked"] = 1.0
        elif linked and i not in linked:
            row["other_linked"] = 1.0
        row.update(shared)
    return [*rows, {**shared, "none": 1.0}]


def _linked(row: dict[str, float]) -> bool:
    """A place phrase on the event word or its argument, with a locative preposition."""
    on_trigger = "anchor=trigger" in row or "anchor=trigger_argument" in row
    return on_trigger and "prep=locative" in row


def choose(trigger: Token, found: Sequence[Candidate], model: Forest | None = None) -> Located:
    """The most likely place of the event of ``trigger`` among ``found``, or none."""
    if not found:
        return Located(None, 1.0)
    forest = model or fitted_weights()
    scores = forest.scale * forest.scores(observations(trigger, found))
    shares = ranking.softmax_array(scores)
    best = int(np.argmax(scores))
    if best == len(found):
        return Located(None, float(shares[best]))
    return Located(_most_specific(found[best], found), float(shares[best]))


def _most_specific(chosen: Candidate, found: Sequence[Candidate]) -> Candidate:
    """The place named inside the chosen one, when the text says so: "the attack on K-1
    base in Kirkuk" happened at K-1 base, "in Jenin, West Bank" in Jenin."""
    root = chosen.root
    if root.dep_ == "pobj" and root.head.lower_ in ("in", "of", "near", "outside"):
        holder = root.head.head
    elif root.dep_ == "appos":
        holder = root.head
    else:
        return chosen
    inner = next((c for c in found if c.root == holder and c is not chosen), None)
    return inner if inner is not None and inner.origin == CandidateOrigin.MENTION else chosen
