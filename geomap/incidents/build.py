"""From a read document and its resolved places to the incidents it reports.

Each sentence's event words (``detect``) become draft incidents with a date
(``dates``), actors (``actors``), deaths (``fatalities``) and the place the event
happened (``locate``); the drafts of one article are then merged (``merge``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from geomap.errors import InputError
from geomap.incidents import detect, locate
from geomap.incidents import taxonomy as tx
from geomap.incidents.actors import find_actors
from geomap.incidents.dates import EventDate, find_dates, header_date
from geomap.incidents.fatalities import Toll, sentence_toll
from geomap.kb.features import GEO_PRECISION
from geomap.lexicon.events import MEANS_WORDS, MISHAP_WORDS
from geomap.lexicon.grammar import DEFINITE_DETERMINERS
from geomap.lexicon.labels import PLACE_LABELS
from geomap.lexicon.people import ARMED_WORDS, CIVILIAN_WORDS, NOBODY_ACTORS
from geomap.lexicon.places import NEAR_WORDS, PLACE_SUBJECT_VERBS
from geomap.lexicon.speech import STATEMENT_WORDS
from geomap.models import (
    Document,
    Evidence,
    Incident,
    ParsedText,
    Place,
    Role,
)
from geomap.nlp import SENTENCE_ENDS, lines_are_paragraphs

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token


# How near (in dependency steps) a date must hang to an event word to be its date.
MAX_DATE_STEPS = 7
OTHER = "Other"  # the sub-event type of a given event word geomap cannot type
PLACE_ROLES = (Role.PLACE, Role.DATELINE)
HEADING_WORDS = 16  # a longer line without a full stop is a sentence cut short
# How many sentences before an event the reading may look back for its place or date.
CONTEXT_WINDOW = 5


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as the incident step reads it: where it lies, and the dates and place
    names it gives (what a later sentence's event may inherit)."""

    index: int
    start: int  # offsets into the document text
    end: int
    paragraph: int
    headline: bool  # the article's first line, without a full stop
    heading: bool  # a line of its own without a full stop: a headline or a section title
    eventful: bool  # it names an event, told or not ("tried to plant a bomb")
    mishap: bool  # it names a disaster, an accident or an illness ("the tsunami")
    dates: tuple[EventDate, ...]
    places: tuple[locate.Candidate, ...]  # where an event may be coded, in text order (only
    # gathered for sentences that tell an event or lie just before one)
    nouns: frozenset[str]  # lemmas of its nouns: what a later "the device" may refer to


@dataclass(frozen=True, slots=True)
class Draft:
    """An incident as one sentence reports it, before the article is read as a whole."""

    incident: Incident
    generic: bool  # its type came from the words around the event word
    role: str  # taxonomy.ACT, OUTCOME or WEAPON: what the event words tell
    reference: bool  # named under a trial, a claim or a reaction rather than told
    refers: bool  # it names an event already told of ("the attack", "Sunday's strikes")
    quoted: bool  # told inside a quotation: someone's words
    lemma: str  # of its main event word
    sentence: int  # index of its sentence
    order: int  # position in the article
    toll: Toll | None  # the deaths its sentence gives it, with their victims
    own_date: bool  # the date and place come from its own sentence
    own_place: bool
    bound: bool  # date and place both in the event word's own phrase ("the December 27
    # rocket attack on K-1 base"), so that even a reference tells them
    placed_in_phrase: bool  # its place is in the event word's own phrase ("the killing of
    # 12 officials near La Rochela")

    @property
    def anchored(self) -> bool:
        return self.own_date or self.own_place


@dataclass(frozen=True, slots=True)
class Drafted:
    """A document's sentences and the draft incidents they tell."""

    sentences: tuple[Sentence, ...]
    drafts: tuple[Draft, ...]


def published_date(document: Document) -> dt.date | None:
    """The publication date given with the document, else one stated in its header."""
    return document.published or header_date(document.text)


def find_incidents(document: Document, parsed: ParsedText, places: Sequence[Place]) -> Drafted:
    """Draft incidents of every sentence of a document as the model read it. The place
    names of a sentence are gathered only where an event is told, or a few sentences
    before one (where a later event may look for its place)."""
    published = published_date(document)
    anchor = published
    by_start = sorted((p for p in places if p.role in PLACE_ROLES), key=lambda p: p.start)
    starts = [p.start for p in by_start]
    read: list[tuple[int, Span, list[EventDate], list[detect.Trigger], bool, bool, int]] = []
    paragraph = 0
    for offset, doc in parsed.pieces:
        paragraphs = lines_are_paragraphs(doc.text)
        for sentence in doc.sents:
            paragraph += _breaks_before(doc, sentence, paragraphs) and bool(read)
            dates = [d for d in find_dates(sentence.text, published, anchor) if _dated(d)]
            anchor = next((d.date for d in reversed(dates) if d.date is not None), anchor)
            heading = _is_heading(doc, sentence)
            headline = not read and heading
            words = detect.event_words(sentence)
            read.append((offset, sentence, dates, words, headline,
                         heading or detect.is_aside(sentence), paragraph))  # fmt: skip
    triggers = [
        detect.find_triggers(sentence, headline=headline, words=words)
        for _, sentence, _, words, headline, _, _ in read
    ]
    told = [i for i, found in enumerate(triggers) if found]
    needed = {i - back for i in told for back in range(CONTEXT_WINDOW + 1)}
    sentences: list[Sentence] = []
    drafts: list[Draft] = []
    for index, (offset, sentence, dates, words, headline, heading, paragraph) in enumerate(read):
        found: list[locate.Candidate] = []
        if index in needed:
            lo = bisect_left(starts, offset + sentence.start_char)
            hi = bisect_left(starts, offset + sentence.end_char)
            found = [
                c for c in locate.candidates(sentence, by_start[lo:hi], offset)
                if _placeable(c) and not names_party(c)
            ]  # fmt: skip
        sentences.append(
            Sentence(index, offset + sentence.start_char, offset + sentence.end_char,
                     paragraph, headline, heading, bool(words),
                     any(t.lemma_.lower() in MISHAP_WORDS for t in sentence),
                     _event_dates(sentence, dates), tuple(found),
                     frozenset(t.lemma_.lower() for t in sentence if t.pos_ == "NOUN"))
        )  # fmt: skip
        if not triggers[index]:
            continue
        groups = detect.group(triggers[index])
        acts = [members[0].token for members in groups if members[0].role == tx.ACT]
        toll = sentence_toll(sentence)
        for members in groups:
            drafts.extend(
                _drafts(document, sentence, offset, members, groups, dates,
                        _own_places(members[0].token, acts, found), toll, index,
                        len(drafts), published)
            )  # fmt: skip
    return Drafted(tuple(sentences), tuple(drafts))


def _breaks_before(doc: Doc, sentence: Span, paragraphs: bool) -> bool:
    """Whether a paragraph ends before ``sentence``: a blank line, or a line break in a
    text written a paragraph to a line."""
    if sentence.start == 0:
        return False
    space = doc[sentence.start - 1]
    gap = space.text if space.is_space else space.whitespace_
    breaks = gap.count("\n")
    return breaks >= 2 or (breaks == 1 and paragraphs)


def _event_dates(sentence: Span, dates: list[EventDate]) -> tuple[EventDate, ...]:
    """The dates of a sentence that may date an event: not those of a statement ("told
    reporters on Monday", "said Tuesday")."""
    kept = []
    for date in dates:
        span = sentence.char_span(date.start, date.end, alignment_mode="expand")
        heads = [span.root.head, span.root.head.head] if span is not None else []
        if not any(detect.lemma_of(h) in STATEMENT_WORDS for h in heads):
            kept.append(date)
    return tuple(kept)


def _is_heading(doc: Doc, sentence: Span) -> bool:
    """A line that stands alone: it starts a line, ends at a line break (or the text's
    end) with no full stop, and is short."""
    starts_line = sentence.start == 0 or "\n" in doc[sentence.start - 1].text_with_ws
    text = sentence.text
    ends_line = sentence.end == len(doc) or "\n" in doc[sentence.end - 1].text_with_ws
    words = sum(1 for t in sentence if not t.is_space and not t.is_punct)
    return (
        starts_line and ends_line and words <= HEADING_WORDS
        and not text.rstrip().endswith(SENTENCE_ENDS)
    )  # fmt: skip


def names_party(candidate: locate.Candidate) -> bool:
    """A place that names a party, not a place of events: "Russia's ambassador",
    "Syria's National Defense Forces", a government that acts or is spoken to ("Tehran
    blamed", "warned Washington")."""
    root = candidate.root
    following = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
    if root.dep_ == "poss" or (following is not None and following.tag_ == "POS"):
        return True
    verb, lemma = root.head, root.head.lemma_.lower()
    if root.dep_ in ("dobj", "dative") and lemma in STATEMENT_WORDS:
        return True
    return (
        root.dep_ == "nsubj" and verb.pos_ in ("VERB", "AUX")
        and lemma not in PLACE_SUBJECT_VERBS
    )  # fmt: skip


def _drafts(
    document: Document,
    sentence: Span,
    offset: int,
    members: list[detect.Trigger],
    groups: list[list[detect.Trigger]],
    dates: list[EventDate],
    found: list[locate.Candidate],
    toll: Toll | None,
    index: int,
    order: int,
    published: dt.date | None,
) -> list[Draft]:
    main = _typed_by_victims(members, toll)
    token = main.token
    text = document.text
    when = _date_for(token, sentence, dates, groups, text, offset)
    when = when or _just_happened(token, published)
    located = _located(members, token, found)
    where = _places_of(located.candidate, found)
    actor1, actor2 = _actors(members)
    toll = _toll_for(members, groups, toll)
    trigger_start = offset + token.idx
    evidence = _evidence(document, offset, sentence, trigger_start, trigger_start + len(token))
    generic = all(t.generic for t in members) and not _typed_by_modifier(token)
    role = tx.ACT if any(t.role == tx.ACT for t in members) else main.role
    if role != tx.ACT and any(t.role == tx.WEAPON for t in members):
        role = tx.WEAPON
    reference = all(t.reference for t in members)
    drafts = []
    for number, candidate in enumerate(where or [None]):
        incident = Incident(
            id="",
            event_type=main.event_type,
            sub_event_type=main.sub_event_type,
            evidence=(evidence,),
            **_date_fields(when),
            actor1=actor1,
            actor2=actor2,
            # the figure stays with the first place: the text does not say where they died
            fatalities=toll.count if toll is not None and number == 0 else None,
            confidence=round(located.probability, 3),
        )
        incident = place_at(incident, candidate, found)
        incident = replace(incident, id=incident_id(document.id, evidence, incident))
        drafts.append(
            Draft(incident, generic, role, reference, _refers(token),
                  in_quotation(text, offset + token.idx), token.lemma_.lower(),
                  index, order + number,
                  toll if number == 0 else None, when is not None, candidate is not None,
                  _bound(token, sentence, when, candidate), _in_phrase(token, candidate))
        )  # fmt: skip
    return drafts


def locate_events(
    document: Document,
    parsed: ParsedText,
    places: Sequence[Place],
    triggers: Sequence[tuple[int, int]],
) -> list[Incident]:
    """One incident per given event word (character offsets into the document), typed and
    dated as geomap would, and placed where the event happened (or nowhere)."""
    published = published_date(document)
    found_incidents = []
    for start, end in triggers:
        offset, doc = parsed.piece_at(start)
        token = locate.trigger_token(doc, start - offset, end - offset)
        if token is None:
            raise InputError(f"no word at offsets {start}-{end} of the text")
        sentence = token.sent
        trigger = detect.typed(token) or detect.Trigger(token, OTHER, True, False)
        dates = find_dates(sentence.text, published)
        when = _date_for(token, sentence, dates, [[trigger]], document.text, offset)
        found = locate.candidates(sentence, places, offset)
        located = locate.choose(token, found)
        evidence = _evidence(document, offset, sentence, start, end)
        incident = Incident(
            id="",
            event_type=trigger.event_type,
            sub_event_type=trigger.sub_event_type,
            evidence=(evidence,),
            **_date_fields(when),
            confidence=round(located.probability, 3),
        )
        incident = place_at(incident, located.candidate, found)
        found_incidents.append(replace(incident, id=incident_id(document.id, evidence, incident)))
    return found_incidents


def _evidence(
    document: Document, offset: int, sentence: Span, trigger_start: int, trigger_end: int
) -> Evidence:
    """The sentence as the document has it (the model may have read it re-cased)."""
    start, end = offset + sentence.start_char, offset + sentence.end_char
    return Evidence(
        document_id=document.id, start=start, end=end, text=document.text[start:end].strip(),
        trigger_start=trigger_start, trigger_end=trigger_end,
        source=document.url or document.origin,
    )  # fmt: skip


def _date_fields(when: EventDate | None) -> dict:
    if when is None:
        return {"event_date": None, "time_precision": None, "date_text": None}
    return {"event_date": when.date, "time_precision": when.precision, "date_text": when.text}


def _refers(token: Token) -> bool:
    """A definite, demonstrative or possessive event noun: "the attack", "these strikes",
    "Sunday's airstrike"."""
    return token.pos_ in ("NOUN", "PROPN") and any(
        (c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS) or c.dep_ == "poss"
        for c in token.children
    )


def _placeable(candidate: locate.Candidate) -> bool:
    """Whether a candidate may be where an incident is coded: a recognised place, a name
    the model calls a place, or one the words around it call a place ("the village of X",
    "the Abu Chir neighbourhood"); not a capitalised word after "in" or "with" that may be
    a weapon, a unit or a person ("with a Machinegun", "in the Infantry Brigade")."""
    if (
        candidate.origin == locate.CandidateOrigin.MENTION
        or candidate.root.ent_type_ in PLACE_LABELS
    ):
        return True
    return locate.cue_of(candidate.span) == "place_noun"


def _located(
    members: list[detect.Trigger], token: Token, found: list[locate.Candidate]
) -> locate.Located:
    """Where the event of ``token`` happened, or, when its own word has no place, where
    an act told with it does: "the explosion and the attack in Bogota"."""
    located = locate.choose(token, found)
    for member in members:
        if located.candidate is not None:
            break
        if member.role == tx.ACT and member.token.i != token.i:
            located = locate.choose(member.token, found)
    return located


def _dated(date: EventDate) -> bool:
    """Dates relative to another event ("a day after protesters gathered") are left out:
    the event they count from is not a date."""
    return not date.text.lower().endswith(("after", "before"))


def _own_places(
    token: Token, acts: list[Token], found: list[locate.Candidate]
) -> list[locate.Candidate]:
    """The candidates that do not belong to another act of the sentence: "in Nasiriyah" in
    "the strike came a day after protesters gathered in Nasiriyah" is where they gathered.
    An outcome takes no place from its act: "injured in Callao by an explosion" tells
    where the explosion was."""
    others = [m for m in acts if m != token]
    return [
        c
        for c in found
        if not any(
            detect.tree_distance(c.root, other) < detect.tree_distance(c.root, token)
            for other in others
        )
    ]


def _bound(
    token: Token, sentence: Span, when: EventDate | None, where: locate.Candidate | None
) -> bool:
    """Whether the date and the place are both said of the event word itself: inside
    its phrase ("the December 27 rocket attack on K-1 base in Kirkuk")."""
    if when is None or not _in_phrase(token, where):
        return False
    span = sentence.char_span(when.start, when.end, alignment_mode="expand")
    return span is not None and _inside(span.root, token)


def _in_phrase(token: Token, where: locate.Candidate | None) -> bool:
    """Whether the place is said of the event word itself, inside its phrase."""
    return where is not None and _inside(where.root, token)


def _inside(word: Token, phrase_head: Token) -> bool:
    """Whether ``word`` lies in the phrase ``phrase_head`` heads."""
    return word.i == phrase_head.i or phrase_head.is_ancestor(word)


def _typed_by_victims(members: list[detect.Trigger], toll: Toll | None) -> detect.Trigger:
    """The main event word, retyped by who its killing hit when the word itself says
    only "attack": civilians make an attack on civilians, armed men an armed clash."""
    main = members[0]
    kinds = (tx.ATTACK, tx.ARMED_CLASH)
    if not main.generic or main.sub_event_type not in kinds or toll is None or not toll.victims:
        return main
    if not any(t.casualty for t in members[1:]):
        return main
    if toll.victims & ARMED_WORDS:
        return replace(main, sub_event_type=tx.ARMED_CLASH)
    if toll.victims & CIVILIAN_WORDS:
        return replace(main, sub_event_type=tx.ATTACK)
    return main


def _just_happened(token: Token, published: dt.date | None) -> EventDate | None:
    """The publication day for an event told in the present perfect with no date of its
    own ("a confrontation has left one student injured"): news of the day."""
    clause = token if token.pos_ == "VERB" else token.head
    if published is None or clause.tag_ != "VBN":
        return None
    have = next((c for c in clause.children if c.dep_ == "aux" and c.lower_ in ("has", "have")),
                None)  # fmt: skip
    if have is None or any(c.dep_ == "auxpass" for c in clause.children):
        return None
    first, last = detect.sentence_bounds(token)
    sentence = token.doc[first:last]
    start, end = have.idx - sentence.start_char, clause.idx + len(clause) - sentence.start_char
    return EventDate(published, 1, sentence.text[start:end], start, end, False)


def _typed_by_modifier(token: Token) -> bool:
    """ "rocket attack", "drone attacks": the event word's own modifiers name the means."""
    return any(
        c.dep_ in ("compound", "amod", "nmod") and c.lower_ in MEANS_WORDS for c in token.children
    )


def _date_for(
    token: Token,
    sentence: Span,
    dates: list[EventDate],
    groups: list[list[detect.Trigger]],
    text: str,
    offset: int,
) -> EventDate | None:
    """The date expression nearest the event word in the parse, if no other event word
    of the sentence is nearer to it."""
    best, best_steps = None, MAX_DATE_STEPS + 1
    others = [g[0].token for g in groups if g[0].token != token]
    for date in dates:
        span = sentence.char_span(date.start, date.end, alignment_mode="expand")
        if span is None:
            continue
        steps = detect.tree_distance(span.root, token)
        if detect.spoken_between(span.root, token):
            continue  # "told reporters on Monday": the date of the words, not the event
        if _quoted_relative(date, text, offset + sentence.start_char):
            continue  # "they tried to kill me today", said last week: not today
        if any(detect.tree_distance(span.root, other) < steps for other in others):
            continue
        if steps < best_steps:
            best, best_steps = date, steps
    return best


def _quoted_relative(date: EventDate, text: str, sentence_start: int) -> bool:
    """A date relative to the day of speaking ("today", "on Friday") inside a quotation:
    its day is the speaker's, which the article may not give."""
    if date.explicit_year or any(c.isdigit() for c in date.text):
        return False
    return in_quotation(text, sentence_start + date.start)


def in_quotation(text: str, at: int) -> bool:
    """Whether character ``at`` of the document's text lies inside a quotation opened in
    its paragraph."""
    paragraph = text.rfind("\n", 0, at) + 1
    before = text[paragraph:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _places_of(
    chosen: locate.Candidate | None, found: list[locate.Candidate]
) -> list[locate.Candidate]:
    """The chosen place and the places coordinated with it ("in Iraq and Syria")."""
    if chosen is None:
        return []
    places = [chosen]
    linked = {chosen.root.i}
    for candidate in found:
        root = candidate.root
        if candidate is chosen or candidate.scope != chosen.scope:
            continue  # "Kirkuk, northern Iraq" names one place, "Iraq and Syria" two
        if (root.dep_ == "conj" and root.head.i in linked) or _listed_after(places[-1], candidate):
            places.append(candidate)
            linked.add(root.i)
    return places


def _listed_after(previous: locate.Candidate, candidate: locate.Candidate) -> bool:
    """ "Iraq and Syria", "Idlib, Hama and Aleppo": the words between are a list's."""
    doc = candidate.span.doc
    if not 0 <= candidate.span.start - previous.span.end <= 2:
        return False
    between = doc[previous.span.end : candidate.span.start].text
    return between.strip() in ("and", ",", ", and", "or", ", or")


def place_at(
    incident: Incident, candidate: locate.Candidate | None, found: Sequence[locate.Candidate]
) -> Incident:
    """The incident placed at a candidate: its coordinates, or those of the place that
    contains it when the candidate cannot be resolved ("the Abu Chir neighbourhood in
    Baghdad" is coded to Baghdad with geo precision 2)."""
    if candidate is None:
        return incident
    span = (candidate.start, candidate.end)
    place = candidate.place if candidate.place is not None and candidate.place.resolved else None
    precision = 2 if _near(candidate) else None
    if place is None:
        place = next(
            (c.place for c in found if c.start >= candidate.end and c.place and c.place.resolved),
            None,
        )
        if place is None:
            return replace(incident, location=candidate.text, location_span=span)
        precision = 2
    if precision is None:
        precision = GEO_PRECISION[candidate.scope]
    return replace(
        incident,
        location=place.name,  # for a part of a town, the town, as ACLED codes it
        location_span=span,
        lat=place.lat,
        lon=place.lon,
        geo_precision=precision,
        country_code=place.country_code,
        admin1=place.admin1,
        place_source=place.source,
    )


def _near(candidate: locate.Candidate) -> bool:
    """ "near Kirkuk", "20 km south of Mosul", "the outskirts of Aleppo"."""
    doc = candidate.span.doc
    before = doc[max(candidate.span.start - 4, 0) : candidate.span.start]
    return any(t.lower_ in NEAR_WORDS for t in before)


def _actors(members: list[detect.Trigger]) -> tuple[str | None, str | None]:
    actor1 = actor2 = None
    for trigger in members:
        first, second = (_no_date(name) for name in find_actors(trigger.token))
        actor1, actor2 = actor1 or first, actor2 or second
    return actor1, actor2


def _no_date(name: str | None) -> str | None:
    """An actor, unless it is a date ("the December 27 rocket attack") or says nobody."""
    if name is None or find_dates(name, None) or name.lower() in NOBODY_ACTORS:
        return None
    return name


def _toll_for(
    members: list[detect.Trigger], groups: list[list[detect.Trigger]], toll: Toll | None
) -> Toll | None:
    """The sentence's deaths go to its only event, or to the one its killing joined."""
    if toll is None:
        return None
    if len(groups) == 1 or any(t.casualty for t in members):
        return toll
    return None


def incident_id(document_id: str, evidence: Evidence, incident: Incident) -> str:
    """A stable id: the same article gives the same ids on every run."""
    key = f"{document_id}|{evidence.trigger_start}|{incident.location_span}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
