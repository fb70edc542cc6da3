"""From a read document and its resolved places to the incidents it reports.

Each sentence's event words (``detect``) become draft incidents with a date
(``dates``), actors (``actors``), deaths (``fatalities``) and the place the event
happened (``locate``); the drafts of one article are then merged (``merge``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from geomap.errors import InputError
from geomap.incidents import detect, locate
from geomap.incidents.actors import find_actors
from geomap.incidents.dates import EventDate, find_dates, header_date
from geomap.incidents.fatalities import count_fatalities
from geomap.models import Document, Evidence, Incident, Place

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from geomap.gazetteer import Gazetteer

# How near (in dependency steps) a date must hang to an event word to be its date.
MAX_DATE_STEPS = 7
OTHER = "Other"  # the sub-event type of a given event word geomap cannot type
NOBODY = {"group", "no group", "nobody", "no one", "someone", "one", "unknown"}
DEFINITE = {"the", "this", "these", "that", "those"}
NEAR_WORDS = {"near", "outside", "around", "outskirts", "vicinity", "close", "north", "south",
              "east", "west", "northeast", "northwest", "southeast", "southwest",
              "km", "kilometres", "kilometers", "miles"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Draft:
    """An incident as one sentence reports it, before merging."""

    incident: Incident
    generic: bool  # its type came from the words around the event word
    anchored: bool  # it has its own date or place (else it can only join another)
    refers: bool  # it names an event already told of ("the attack", "Sunday's strikes")
    order: int  # position in the article


def published_date(document: Document) -> dt.date | None:
    """The publication date given with the document, else one stated in its header."""
    return document.published or header_date(document.text)


def find_incidents(
    document: Document, pieces: Sequence[tuple[int, Doc]], places: Sequence[Place]
) -> list[Draft]:
    """Draft incidents of every sentence of a document read in ``pieces``."""
    published = published_date(document)
    anchor = published
    drafts: list[Draft] = []
    for offset, doc in pieces:
        for sentence in doc.sents:
            dates = [d for d in find_dates(sentence.text, published, anchor) if _dated(d)]
            anchor = next((d.date for d in reversed(dates) if d.date is not None), anchor)
            triggers = detect.find_triggers(sentence)
            if not triggers:
                continue
            found = [c for c in locate.candidates(sentence, places, offset) if _placeable(c)]
            groups = detect.group(triggers)
            mains = [members[0].token for members in groups]
            deaths = count_fatalities(sentence)
            for members in groups:
                drafts.extend(
                    _drafts(document, sentence, offset, members, groups, dates,
                            _own_places(members[0].token, mains, found), deaths, len(drafts))
                )  # fmt: skip
    return drafts


def _drafts(
    document: Document,
    sentence: Span,
    offset: int,
    members: list[detect.Trigger],
    groups: list[list[detect.Trigger]],
    dates: list[EventDate],
    found: list[locate.Candidate],
    deaths: int | None,
    order: int,
) -> list[Draft]:
    main = members[0]
    token = main.token
    when = _date_for(token, sentence, dates, groups)
    located = locate.choose(token, found)
    where = _places_of(located.candidate, found)
    actor1, actor2 = _actors(members)
    fatalities = _deaths_for(members, groups, deaths)
    trigger_start = offset + token.idx
    evidence = _evidence(document, offset, sentence, trigger_start, trigger_start + len(token))
    generic = all(t.generic for t in members) and not _typed_by_modifier(token)
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
            fatalities=fatalities if number == 0 else None,
            confidence=_confidence(main, when, located),
        )
        incident = place_at(incident, candidate, found)
        incident = replace(incident, id=incident_id(document.id, evidence, incident))
        anchored = when is not None or candidate is not None
        drafts.append(Draft(incident, generic, anchored, _refers(token), order + number))
    return drafts


def locate_events(
    document: Document,
    pieces: Sequence[tuple[int, Doc]],
    places: Sequence[Place],
    triggers: Sequence[tuple[int, int]],
) -> list[Incident]:
    """One incident per given event word (character offsets into the document), typed and
    dated as geomap would, and placed where the event happened (or nowhere)."""
    published = published_date(document)
    found_incidents = []
    for start, end in triggers:
        offset, doc = _piece_of(pieces, start)
        token = locate.trigger_token(doc, start - offset, end - offset)
        if token is None:
            raise InputError(f"no word at offsets {start}-{end} of the text")
        sentence = token.sent
        trigger = detect.typed(token) or detect.Trigger(token, OTHER, True, False)
        dates = find_dates(sentence.text, published)
        when = _date_for(token, sentence, dates, [[trigger]])
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


def _piece_of(pieces: Sequence[tuple[int, Doc]], start: int) -> tuple[int, Doc]:
    for offset, doc in reversed(pieces):
        if offset <= start:
            return offset, doc
    return pieces[0]


def _refers(token: Token) -> bool:
    """A definite, demonstrative or possessive event noun, or a specific one."""
    return any(
        (c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in token.children
    ) or (token.pos_ == "NOUN" and not detect.is_generic_word(token))


def _placeable(candidate: locate.Candidate) -> bool:
    """Whether a candidate may be where an incident is coded: a recognised place, a name
    the model calls a place, or one the words around it call a place ("the village of X",
    "the Abu Chir neighbourhood"); not a capitalised word after "in" or "with" that may be
    a weapon, a unit or a person ("with a Machinegun", "in the Infantry Brigade")."""
    if candidate.origin == "mention" or candidate.root.ent_type_ in locate.PLACE_LABELS:
        return True
    return locate.cue_of(candidate.span) == "place_noun"


def in_article_country(
    incidents: list[Incident], places: Sequence[Place], gazetteer: Gazetteer
) -> list[Incident]:
    """Incidents whose sentence names no place, coded to where the article is: the
    dateline's town when the article's places are mostly in its country (geo precision
    2: a local report, "AYACUCHO, 28 JAN 90"), else that country (geo precision 3). The
    location span stays null: no mention says where the incident happened. Incidents at
    a name no gazetteer knows ("the village of X") get that country's code only."""
    code = _article_country(places)
    if code is None:
        return incidents
    dateline = next(
        (p for p in places if p.role == "dateline" and p.resolved and p.country_code == code
         and p.feature not in ("country", "admin1", "region")),
        None,
    )  # fmt: skip
    if dateline is not None:
        where = dict(location=dateline.name, lat=dateline.lat, lon=dateline.lon, geo_precision=2,
                     admin1=dateline.admin1, place_source=dateline.source)  # fmt: skip
    else:
        country = gazetteer.country(code)
        if country is None:
            return incidents
        where = dict(location=country.name, lat=country.lat, lon=country.lon, geo_precision=3,
                     place_source=country.source)  # fmt: skip
    return [_in_country(incident, code, where) for incident in incidents]


def _in_country(incident: Incident, code: str, where: dict) -> Incident:
    if incident.location is None:
        return replace(incident, country_code=code, **where)
    if not incident.located and incident.country_code is None:
        return replace(incident, country_code=code)  # "the village of X": only its country
    return incident


def _article_country(places: Sequence[Place]) -> str | None:
    """The country most of the article's places are in (the dateline counts twice), when
    it holds at least half of them."""
    counts: dict[str, int] = {}
    for place in places:
        if place.resolved and place.country_code and place.role in ("place", "dateline"):
            weight = 2 if place.role == "dateline" else 1
            counts[place.country_code] = counts.get(place.country_code, 0) + weight
    if not counts:
        return None
    code = max(counts, key=counts.__getitem__)
    return code if counts[code] * 2 >= sum(counts.values()) else None  # else: no guess


def _dated(date: EventDate) -> bool:
    """Dates relative to another event ("a day after protesters gathered") are left out:
    the event they count from is not a date."""
    return not date.text.lower().endswith(("after", "before"))


def _own_places(
    token: Token, mains: list[Token], found: list[locate.Candidate]
) -> list[locate.Candidate]:
    """The candidates that do not belong to another event word of the sentence: "in
    Nasiriyah" in "the strike came a day after protesters gathered in Nasiriyah" is where
    they gathered."""
    others = [m for m in mains if m != token]
    return [
        c
        for c in found
        if not any(
            detect.tree_distance(c.root, other) < detect.tree_distance(c.root, token)
            for other in others
        )
    ]


def _typed_by_modifier(token: Token) -> bool:
    """ "rocket attack", "drone attacks": the event word's own modifiers name the means."""
    return any(c.dep_ in ("compound", "amod", "nmod") for c in token.children)


def _date_for(
    token: Token, sentence: Span, dates: list[EventDate], groups: list[list[detect.Trigger]]
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
        if any(detect.tree_distance(span.root, other) < steps for other in others):
            continue
        if steps < best_steps:
            best, best_steps = date, steps
    return best


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
    between = doc.text[previous.span.end_char : candidate.span.start_char]
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
        container = next(
            (c for c in found if c.start >= candidate.end and c.place and c.place.resolved), None
        )
        if container is None:
            return replace(incident, location=candidate.text, location_span=span)
        place, precision = container.place, 2
    if precision is None:
        precision = 3 if candidate.scope in ("country", "region") else 1
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
    if name is None or find_dates(name, None) or name.lower() in NOBODY:
        return None
    return name


def _deaths_for(
    members: list[detect.Trigger], groups: list[list[detect.Trigger]], deaths: int | None
) -> int | None:
    """The sentence's deaths go to its only event, or to the one its killing joined."""
    if deaths is None:
        return None
    if len(groups) == 1 or any(t.casualty for t in members):
        return deaths
    return None


def _confidence(main: detect.Trigger, when: EventDate | None, located: locate.Located) -> float:
    """A rough certainty that the incident is real and rightly coded."""
    score = 0.6 if main.generic else 0.75
    if when is not None:
        score += 0.1
    if located.candidate is not None:
        score += 0.15 * located.probability
    return round(min(score, 0.99), 3)


def incident_id(document_id: str, evidence: Evidence, incident: Incident) -> str:
    """A stable id: the same article gives the same ids on every run."""
    key = f"{document_id}|{evidence.trigger_start}|{incident.location_span}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
