"""Event geolocation: which place mention, if any, says where an event happened.

"The rocket attack on K-1 base in Kirkuk" happened at K-1 base; in "Tehran says the
strikes in Syria were illegal" the strikes happened in Syria, not in Tehran; "Obama won
Florida" names no place of an event. Each place mention of the sentence is a candidate;
a log-linear score over how it hangs on the event word in the dependency parse (the
preposition, the clauses between them, the distance) ranks them against "no place", whose
score is a fixed bias. The weights were fitted by ``benchmarks/fit_locator.py`` on half of
a public annotated corpus and checked on the other half.

Candidates are the recogniser's place mentions plus names the gazetteer does not know
but the syntax marks as places ("the village of Rasm al-Abboud", "in the Abu Chir
neighbourhood"), so an event can be placed at a name that only a geocoder can resolve.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.incidents.taxonomy import SPEECH_LEMMAS
from geomap.models import ROLE_DATELINE, ROLE_PLACE, Place

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

WEIGHTS_FILE = Path(__file__).with_name("locator_weights.json")
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Prepositions that introduce where something happened, and those that only may.
LOCATIVE_PREPOSITIONS = {"in", "at", "near", "outside", "inside", "around", "across",
                         "throughout", "within", "along", "over", "into", "on", "off",
                         "between", "towards", "toward", "through", "onto", "beside",
                         "behind", "among", "amid", "upon"}  # fmt: skip
SOURCE_PREPOSITIONS = {"from", "to", "for", "with", "against", "by", "about", "like"}
# Nouns whose "of" names a place ("the village of X", "the outskirts of X").
PLACE_NOUNS = {"village", "villages", "town", "towns", "city", "district", "province", "region",
               "port", "suburb", "suburbs", "neighborhood", "neighbourhood", "governorate",
               "county", "municipality", "area", "outskirts", "centre", "center", "capital",
               "state", "island", "camp", "border", "streets", "heart", "north", "south",
               "east", "west", "part", "parts", "countryside", "vicinity"}  # fmt: skip
# Lower-case words that end a place name the gazetteer may lack ("Kasese district").
FEATURE_NOUNS = {"district", "province", "governorate", "neighborhood", "neighbourhood",
                 "village", "town", "city", "camp", "base", "airbase", "airport", "region",
                 "county", "area", "prison", "square", "street", "road", "highway", "market",
                 "mosque", "church", "hospital", "university", "bridge", "dam", "station",
                 "checkpoint", "crossing", "hill", "mountains", "valley", "river",
                 "state"}  # fmt: skip
# Dependency labels that start a new clause: an event rarely reaches a place across them.
CLAUSE_LABELS = {"relcl", "ccomp", "advcl", "conj", "parataxis", "xcomp", "acl", "csubj"}
COUNTRY_FEATURES = {"country", "continent", "ocean"}
REGION_FEATURES = {"admin1", "admin2", "county", "region", "sea", "gulf", "bay", "strait",
                   "channel", "mountain_range", "desert", "peninsula", "valley", "delta", "plain",
                   "plateau", "archipelago", "lake", "river", "forest", "national_park",
                   "island"}  # fmt: skip
TOWN_FEATURES = {"city"}
MODALS = {"will", "would", "could", "might", "may", "should", "must", "can", "to"}
SKIPPED_LABELS = {"DATE", "TIME", "NORP", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span of the sentence that may be where the event happened."""

    start: int  # offsets into the document text
    end: int
    text: str
    span: Span  # the same words in the spaCy Doc
    origin: str  # "mention" (recognised place), "entity" (spaCy only), "cue" (syntax only)
    place: Place | None = None  # the resolved mention, when it was one

    @property
    def root(self) -> Token:
        return self.span.root

    @property
    def scope(self) -> str:
        """How large the place is: "site", "town", "region", "country" or "unknown"."""
        if self.place is None or self.place.feature is None:
            return "unknown"
        return scope_of(self.place.feature)


def scope_of(feature: str) -> str:
    if feature in COUNTRY_FEATURES:
        return "country"
    if feature in REGION_FEATURES:
        return "region"
    if feature in TOWN_FEATURES:
        return "town"
    return "site"


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
    found: list[Candidate] = []
    for place in places:
        if place.role not in (ROLE_PLACE, ROLE_DATELINE) or not lo <= place.start < hi:
            continue
        if doc.text[place.end - offset : place.end - offset + 1] == "-":
            continue  # "Tehran-backed militias", "US-led coalition": not a place of events
        span = doc.char_span(place.start - offset, place.end - offset, alignment_mode="expand")
        if span is not None:
            found.append(Candidate(place.start, place.end, place.text, span, "mention", place))
    extra = [(ent, "entity") for ent in sentence.ents if ent.label_ in PLACE_LABELS]
    extra += [(span, "cue") for span in _cued_names(sentence)]
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
        if doc[i].pos_ != "PROPN" or doc[i].ent_type_ in SKIPPED_LABELS:
            i += 1
            continue
        j = i + 1
        while j < sentence.end and doc[j].ent_type_ not in SKIPPED_LABELS and (
            doc[j].pos_ == "PROPN" or (doc[j].text in "-‘’'" and j + 1 < sentence.end
                                       and doc[j + 1].pos_ == "PROPN")
        ):  # fmt: skip
            j += 1
        if j < sentence.end and doc[j].lower_ in FEATURE_NOUNS:
            j += 1
        yield doc[i:j]
        i = j


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
    root = candidate.root
    up_trigger = _ancestors(trigger)
    up_place = _ancestors(root)
    common = next((t for t in up_place if t in up_trigger), None)
    f: dict[str, float] = {"bias": 1.0, f"origin={candidate.origin}": 1.0}
    f[f"cue={cue_of(candidate.span)}"] = 1.0
    label = root.ent_type_ if root.ent_type_ in PLACE_LABELS | {"PERSON", "ORG"} else "other"
    f[f"label={label}"] = 1.0
    scope = candidate.scope
    f[f"scope={scope}"] = 1.0
    if len(found) == 1:
        f["only"] = 1.0
    elif scope in ("country", "region") and any(
        c.scope in ("town", "site", "unknown") for c in found if c is not candidate
    ):
        f["broader_than_other"] = 1.0
    nearest = min(found, key=lambda c: abs(c.root.i - trigger.i))
    if candidate is nearest:
        f["nearest"] = 1.0
    if _names_container(candidate, found):
        f["before_its_container"] = 1.0
    if any(_names_container(c, found) and _next_after(c, found) is candidate for c in found):
        f["after_its_content"] = 1.0
    if root.dep_ in ("compound", "amod") and root.head.lower_ in PLACE_NOUNS:
        f["modifies_place_noun"] = 1.0  # "the West Bank town of Ramallah"
    if len(candidate.text) <= 3:
        f["short"] = 1.0
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
    preposition = _preposition(root)
    locative = preposition in LOCATIVE_PREPOSITIONS
    if root.dep_ == "dobj" and root.head == trigger:
        f[f"object_of={trigger.lemma_.lower()}"] = 1.0
    if common == trigger:
        f["under_trigger"] = 1.0
        if locative:
            f["locative_under_trigger"] = 1.0
    elif common == root:
        f["over_trigger"] = 1.0
    elif common.pos_ in ("VERB", "AUX"):
        f["shared_verb"] = 1.0
        if common.lemma_ in SPEECH_LEMMAS:
            f["under_speech"] = 1.0
        elif locative and common == trigger.head:
            f["locative_on_head_verb"] = 1.0
    if f"{trigger.pos_}" == "NOUN":
        f["nominal_trigger"] = 1.0
    if preposition is None:
        f[f"dep={_dep_class(root)}"] = 1.0
    elif locative:
        f["prep=locative"] = 1.0
        f[f"prep={preposition}"] = 1.0
    elif preposition == "of":
        owner = root.head.head
        f["prep=of_place" if owner.lower_ in PLACE_NOUNS else "prep=of"] = 1.0
    else:
        f["prep=other" if preposition not in SOURCE_PREPOSITIONS else f"prep={preposition}"] = 1.0
    distance = abs(root.i - trigger.i)
    f["distance"] = min(distance, 30) / 10
    f[f"distance={'1-3' if distance <= 3 else '4-8' if distance <= 8 else '9+'}"] = 1.0
    f["after" if root.i > trigger.i else "before"] = 1.0
    if candidate.place is not None and candidate.place.role == ROLE_DATELINE:
        f["dateline"] = 1.0
    return f


def _names_container(candidate: Candidate, found: Sequence[Candidate]) -> bool:
    """Whether the next candidate is its container, named right after it: "Jenin, West
    Bank", "Vedeno region of Chechnya", "Ngabe, a village in the Plateaux region"."""
    doc = candidate.root.doc
    following = _next_after(candidate, found)
    if following is None:
        return False
    gap = doc.text[candidate.root.idx :].find(following.text)
    between = doc.text[candidate.root.idx : candidate.root.idx + gap] if gap > 0 else ""
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


def _preposition(root: Token) -> str | None:
    """The preposition a place hangs on ("in" for "in Kirkuk"), through appositions and
    conjunctions ("in Iraq and Syria", "in Ngabe, a village")."""
    token = root
    for _ in range(4):
        if token.dep_ == "pobj":
            return token.head.lower_
        if token.dep_ in ("conj", "appos", "compound") and token.head != token:
            token = token.head
            continue
        return None
    return None


def _dep_class(root: Token) -> str:
    dep = root.dep_
    if dep in ("nsubj", "nsubjpass", "dobj", "poss", "compound", "appos", "npadvmod", "attr"):
        return dep
    return "other"


def none_features(trigger: Token) -> dict[str, float]:
    """What makes an event word unlikely to have a place in its sentence ("captured the
    title", "said"): the score of the "no place" option."""
    f = {"none:bias": 1.0, f"none:lemma={trigger.lemma_.lower()}": 1.0}
    f[f"none:pos={trigger.pos_}"] = 1.0
    f[f"none:dep={trigger.dep_ if trigger.dep_ in CLAUSE_LABELS else 'main'}"] = 1.0
    if any(child.dep_ == "neg" for child in trigger.children):
        f["none:negated"] = 1.0
    if any(
        child.dep_ in ("aux", "auxpass") and child.lower_ in MODALS for child in trigger.children
    ):
        f["none:modal"] = 1.0
    return f


@lru_cache(maxsize=1)
def fitted_weights() -> dict[str, float]:
    """The weights ``benchmarks/fit_locator.py`` stored."""
    return json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))["weights"]


def trigger_token(doc: Doc, start: int, end: int) -> Token | None:
    """The token of an event word given as character offsets into the Doc's text."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def observations(trigger: Token, found: Sequence[Candidate]) -> list[dict[str, float]]:
    """What the scorer sees: each candidate's features with their pairwise conjunctions
    (a preposition counts differently under the event word than across a clause), then
    the features of "no place"."""
    rows = []
    for candidate in found:
        row = features(trigger, candidate, found)
        flags = [name for name, value in row.items() if value == 1.0]
        for i, first in enumerate(flags):
            for second in flags[i + 1 :]:
                row[f"{first}&{second}"] = 1.0
        rows.append(row)
    return [*rows, none_features(trigger)]


def choose(trigger: Token, found: Sequence[Candidate]) -> Located:
    """The most likely place of the event of ``trigger`` among ``found``, or none."""
    if not found:
        return Located(None, 1.0)
    weights = fitted_weights()
    *scores, none_bias = [score(row, weights) for row in observations(trigger, found)]
    top = max([*scores, none_bias])
    exps = [math.exp(s - top) for s in scores]
    none = math.exp(none_bias - top)
    total = sum(exps) + none
    best = max(range(len(found)), key=scores.__getitem__)
    if scores[best] <= none_bias:
        return Located(None, none / total)
    return Located(_most_specific(found[best], found), exps[best] / total)


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
    return inner if inner is not None and inner.origin == "mention" else chosen


def score(values: dict[str, float], weights: dict[str, float]) -> float:
    return sum(weights.get(name, 0.0) * value for name, value in values.items())
