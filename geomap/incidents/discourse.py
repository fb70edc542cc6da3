"""Reading an article as a coder does: which drafts tell one event, where and when an
event happened when its own sentence does not say, and which events are background.

1. A sentence that tells an event without its date or place takes them from the
   sentences just before it in its paragraph ("Shootings in Belfast had continued last
   night. In one incident, a man was killed ..."), unless it refers back to an event
   ("the explosion"), which it then joins.
2. Acts with a date or a place found events; a later act joins an event when their
   types, dates and places agree (``merge``'s rules).
3. The rest join the nearest event before them that they agree with: a definite
   reference anywhere in the article, an outcome ("three were wounded"), a weapon ("the
   device") or an undated, unplaced act only within the sentences just before. An act
   that joins nothing founds an event of its own (told only in passing, when it is a
   reference or someone's words without date or place); an outcome or a weapon that
   joins nothing is dropped.
4. Places: a name the gazetteer lacks is coded to the town around it (named in its
   sentence or just before, geo precision 2); a first-level region to its largest town
   (ACLED codes a province at its capital); an event placed nowhere takes the article's
   focus (its dateline's town in a local report, else the town of its most told event),
   else the article's country.
5. Background: an event dated more than a month before the article is kept with its
   confidence only when the text gives its own date and place; otherwise, like an event
   only named in passing, it is kept with a confidence that says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from geomap.incidents import locate
from geomap.incidents import taxonomy as tx
from geomap.incidents.build import (
    CONTEXT_WINDOW,
    Draft,
    Drafted,
    Sentence,
    place_at,
    published_date,
)
from geomap.incidents.confidence import calibrated
from geomap.incidents.dates import EventDate
from geomap.incidents.fatalities import total_deaths
from geomap.incidents.merge import combine, dates_agree, places_agree
from geomap.kb.features import Scope, scope_of
from geomap.lexicon.events import (
    CASUALTY_WORDS,
    GENERIC_VIOLENCE,
    OUTCOME_WORDS,
    POLITICAL_WORDS,
    WEAPON_NOUNS,
)
from geomap.lexicon.places import CARE_PLACES, PLACE_NOUNS, STREET_WORDS, TOWN_PARTS
from geomap.lexicon.speech import STATEMENT_WORDS
from geomap.models import (
    Document,
    Incident,
    IncidentBasis,
    Place,
    Role,
)

if TYPE_CHECKING:  # pragma: no cover
    from geomap.kb.gazetteer import Gazetteer

# How many sentences back an event without a date or place looks for them.
CONTEXT_SENTENCES = 2
# How many sentences back an outcome, a weapon or an unanchored act looks for its event.
JOIN_SENTENCES = 3
# How many sentences back the town around an unknown street or district is looked for.
AROUND_SENTENCES = CONTEXT_WINDOW
# Events dated this long before the article are background.
BACKGROUND_DAYS = 30
# The lead: the headline and the sentences that open the article.
LEAD_SENTENCES = 3
# Types a death, a wound or a generic "attack" can belong to.
VIOLENT_TYPES = {tx.BATTLES, tx.EXPLOSIONS, tx.VIOLENCE_AGAINST_CIVILIANS, tx.RIOTS}
TOWN_SCOPES = (Scope.SITE, Scope.TOWN)

OWN, CONTEXT, CONTAINER, FOCUS, COUNTRY = "own", "context", "container", "focus", "country"


@dataclass
class _Event:
    """An event as the reading goes: its drafts and the incident they make so far."""

    incident: Incident
    drafts: list[Draft]
    generic: bool  # no draft has named its kind yet ("attack")
    place_from: str | None  # OWN or CONTEXT, None while unplaced
    date_from: str | None
    tolls: list = field(default_factory=list)
    passing: bool = False  # only named in passing: its confidence says so

    def last_before(self, index: int) -> int | None:
        """The last sentence at or before ``index`` that tells of this event."""
        told = [d.sentence for d in self.drafts if d.sentence <= index]
        return max(told) if told else None


def read_article(
    document: Document, drafted: Drafted, places: Sequence[Place], gazetteer: Gazetteer
) -> list[Incident]:
    """The article's incidents: drafts merged into events, placed, dated, with the
    background left out unless it is dated and placed, and each with its confidence."""
    sentences = drafted.sentences
    drafts = _without_mishap_deaths(drafted.drafts, sentences)
    events = _political(_cluster(drafts, sentences))
    for event in events:
        _place_own(event, sentences, gazetteer)
        _place_by_sentence(event, sentences)
    code = _article_country(places, document.text)
    focus = _focus(events, places, code)
    published = published_date(document)
    incidents = []
    for event in events:
        _place_rest(event, focus, code, gazetteer)
        background = _background(event.incident, published)
        if background and not _told_with_date_and_place(event):
            event.passing = True  # background without a date and a place of its own
        deaths = total_deaths(event.tolls)
        incident = replace(event.incident, fatalities=deaths)
        basis = _basis(event, sentences, background)
        incidents.append(replace(incident, confidence=calibrated(basis), basis=basis))
    return incidents


# -- which drafts are one event --------------------------------------------------------------


def _cluster(drafts: Sequence[Draft], sentences: Sequence[Sentence]) -> list[_Event]:
    """Drafts merged into events, read in text order. A heading, and a definite reference
    with nothing before it to refer to, wait until the whole article has been read."""
    telling = {d.sentence for d in drafts}
    referring = {d.sentence for d in drafts if d.refers or d.reference}
    drafts = [
        d if d.sentence in referring else _in_context(_outcome_unplaced(d), sentences, telling)
        for d in drafts
    ]  # a sentence that refers to a known event is about that event
    events: list[_Event] = []
    waiting: list[Draft] = []
    for draft in drafts:
        if _founds(draft):
            found = (e for e in events if _agrees(draft, e) and _same_act(draft, e))
            event = _twin(draft, events) or next(found, None)
        else:
            event = _referent(draft, events, sentences, forward=False)
            if event is None and (draft.refers or sentences[draft.sentence].heading):
                waiting.append(draft)
                continue
        _place_draft(draft, event, events)
    for draft in waiting:
        _place_draft(draft, _referent(draft, events, sentences, forward=True), events)
    return sorted(events, key=lambda e: min(d.order for d in e.drafts))


def _twin(draft: Draft, events: list[_Event]) -> _Event | None:
    """For the second place of one telling ("targeting sites in Iraq and Syria"), when
    its first place joined an event told once in two places: the event at the second."""
    mine = draft.incident.evidence[0]
    sibling = next((e for e in events if mine in e.incident.evidence), None)
    if sibling is None:
        return None
    for event in events:
        shared = set(event.incident.evidence) & set(sibling.incident.evidence)
        same_place = event.incident.place_source == draft.incident.place_source
        if event is not sibling and shared and same_place and _agrees(draft, event):
            return event
    return None


def _place_draft(draft: Draft, event: _Event | None, events: list[_Event]) -> None:
    """The draft joins its event, or founds one when it tells an act. An event that only a
    reference to something never told founds ("following his arrest"), or someone's words
    that give it no date or place ("the US in fighting Daesh"), is told in passing."""
    if event is not None:
        _join(event, draft)
    elif draft.role == tx.ACT:
        event = _new_event(draft)
        event.passing = not _founds(draft) and (draft.reference or draft.refers or draft.quoted)
        events.append(event)


def _without_mishap_deaths(drafts: Sequence[Draft], sentences: Sequence[Sentence]) -> list[Draft]:
    """In an article that opens on a disaster, an accident or an illness, deaths told with
    no one who caused them ("more than 300 were killed in Malaysia") are its deaths."""
    if not any(s.mishap for s in sentences[:LEAD_SENTENCES]):
        return list(drafts)
    return [d for d in drafts if not _bare_deaths(d)]


def _bare_deaths(draft: Draft) -> bool:
    incident = draft.incident
    casualty = draft.lemma in CASUALTY_WORDS or draft.lemma in OUTCOME_WORDS
    return casualty and draft.generic and incident.actor1 is None


def _political(events: list[_Event]) -> list[_Event]:
    """The events without ordinary crime's arrests and arson: ACLED codes those when they
    belong to a conflict or to politics, which the article shows by telling of violence
    or protest too, or by their own words ("charged with treason", "in connection with
    the attack")."""
    ordinary = (tx.ARRESTS, tx.LOOTING)  # arrests and arson, which crime knows too
    conflict = any(e.incident.sub_event_type not in ordinary for e in events)
    return [e for e in events if e.incident.sub_event_type not in ordinary or conflict
            or any(_political_words(d) for d in e.drafts)]  # fmt: skip


def _political_words(draft: Draft) -> bool:
    words = {w.strip(".,;:'\"“”").lower() for w in draft.incident.evidence[0].text.split()}
    return bool(words & POLITICAL_WORDS)


def _founds(draft: Draft) -> bool:
    """An act told with a date or a place (its own, or its context's; a definite "the
    attack" only its own); an event named under a trial or an inquiry only with a place
    of its own ("investigating the killing of 12 officials near La Rochela") or a date and
    place said of it ("the December 27 rocket attack on K-1 base")."""
    if draft.role != tx.ACT:
        return False
    if draft.reference:
        return draft.bound or draft.placed_in_phrase
    if draft.refers:
        return draft.own_date or draft.own_place
    incident = draft.incident
    return incident.event_date is not None or incident.location is not None


def _in_context(draft: Draft, sentences: Sequence[Sentence], telling: set[int]) -> Draft:
    """The draft with the date and place of the sentences before it, where its own
    sentence gives none. A definite reference ("the device") takes them only from the
    sentence that names what it refers to, and only when that sentence tells no event
    (else it joins that event); a heading takes nothing."""
    incident = draft.incident
    here = sentences[draft.sentence]
    if here.heading or draft.reference:
        return draft
    for back in range(1, CONTEXT_SENTENCES + 1):
        index = draft.sentence - back
        if index < 0 or sentences[index].heading:
            break
        earlier = sentences[index]
        if draft.refers and not _names_antecedent(earlier, draft):
            continue
        if draft.refers and index in telling:
            break
        if (
            incident.event_date is None and not here.dates
            and (when := _last_date(earlier.dates)) is not None
        ):  # fmt: skip
            incident = replace(incident, event_date=when.date, time_precision=when.precision,
                               date_text=when.text)  # fmt: skip
        if (
            incident.location is None and not _names_places(here)
            and earlier.eventful  # "Officials met donors in Medellin": no place of violence
            and (where := _context_place(earlier)) is not None
        ):  # fmt: skip
            incident = place_at(incident, where, earlier.places)
        if draft.refers or (incident.event_date is not None and incident.location is not None):
            break
    return replace(draft, incident=incident) if incident is not draft.incident else draft


def _names_places(sentence: Sentence) -> bool:
    """Whether a sentence names a place: one the gazetteer knows, or one its words call a
    place ("the village of X"); not a capitalised word that may be anything."""
    return any(
        (c.place is not None and c.place.resolved) or locate.cue_of(c.span) == "place_noun"
        for c in sentence.places
    )


def _names_antecedent(sentence: Sentence, draft: Draft) -> bool:
    """Whether a sentence names what a definite reference refers to: the same word, or
    a weapon for "the device"."""
    if draft.lemma in sentence.nouns:
        return True
    return draft.lemma in WEAPON_NOUNS and bool(sentence.nouns & WEAPON_NOUNS)


def _last_date(dates: Sequence[EventDate]) -> EventDate | None:
    return next((d for d in reversed(dates) if d.date is not None), None)


def _context_place(sentence: Sentence) -> locate.Candidate | None:
    """The most precise place a sentence names where something happened (not who, nor
    where someone is): the only one of its precision, so that "from Idlib to Deraa and the
    suburbs of Damascus, across Syria" gives Syria."""
    named = [
        c
        for c in sentence.places
        if not _dateline(c)
        and not _where_someone_is(c)
        and ((c.place is not None and c.place.resolved) or _part_of_town(c.text))
    ]  # a village no gazetteer knows, in a sentence before, is too weak a guess
    for rank in sorted({_precision_rank(c) for c in named}):
        at_rank = [c for c in named if _precision_rank(c) == rank]
        if len({_identity(c) for c in at_rank}) == 1:
            return at_rank[0]  # one place of that precision: else the sentence names several
    return None


def _identity(candidate: locate.Candidate) -> str:
    place = candidate.place
    return place.source or place.text if place is not None and place.source else candidate.text


def _where_someone_is(candidate: locate.Candidate) -> bool:
    """A place that says where a person or a thing is, or where words were said, not
    where something happened: "their spokesman in Mexico City said", "told reporters in
    Kabul"."""
    root = candidate.root
    holder = root.head.head if root.dep_ == "pobj" else root.head
    if holder.pos_ in ("NOUN", "PROPN") and not _event_noun(holder):
        return holder.lemma_.lower() not in PLACE_NOUNS
    verb = next((t for t in root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb.lemma_.lower() in STATEMENT_WORDS


def _event_noun(token) -> bool:
    lemma = token.lemma_.lower()
    return lemma in tx.SPECIFIC_WORDS or lemma in GENERIC_VIOLENCE or lemma in CASUALTY_WORDS


def _dateline(candidate: locate.Candidate) -> bool:
    return candidate.place is not None and candidate.place.role == Role.DATELINE


def _precision_rank(candidate: locate.Candidate) -> int:
    scope = candidate.scope
    if candidate.place is not None and candidate.place.resolved:
        return {"site": 0, "town": 0, "region": 2, "country": 3}.get(scope, 1)
    return 1  # a name the gazetteer lacks: a street, a district, a village


def _new_event(draft: Draft) -> _Event:
    incident = draft.incident
    return _Event(
        incident=incident,
        drafts=[draft],
        generic=draft.generic,
        place_from=_origin(draft, incident.location is not None, draft.own_place),
        date_from=_origin(draft, incident.event_date is not None, draft.own_date),
        tolls=[draft.toll] if draft.toll is not None and draft.toll.count > 0 else [],
    )


def _origin(draft: Draft, has: bool, own: bool) -> str | None:
    return (OWN if own else CONTEXT) if has else None


def _join(event: _Event, draft: Draft) -> None:
    before = event.incident
    after = event.incident = _escalated(combine(before, draft, event.generic), draft.incident)
    new = draft.incident
    if new.location is not None and (
        (after.location, after.location_span) != (before.location, before.location_span)
        or (draft.own_place and after.place_source == new.place_source)
    ):
        event.place_from = _origin(draft, True, draft.own_place)
    same_date = after.date_text == new.date_text
    if new.event_date is not None and (
        after.event_date != before.event_date or (draft.own_date and same_date)
    ):
        event.date_from = _origin(draft, True, draft.own_date)
    event.generic = event.generic and draft.generic
    event.drafts.append(draft)
    if draft.toll is not None and draft.toll.count > 0:
        event.tolls.append(draft.toll)


def _outcome_unplaced(draft: Draft) -> Draft:
    """An outcome without its place when that is where the wounded were taken ("rushed to
    the hospital, where he died"), not where the act happened."""
    location = (draft.incident.location or "").lower()
    if draft.role != tx.OUTCOME or not any(word in location for word in CARE_PLACES):
        return draft
    unplaced = replace(draft.incident, location=None, location_span=None, lat=None, lon=None,
                       geo_precision=None, country_code=None, admin1=None,
                       place_source=None)  # fmt: skip
    return replace(draft, incident=unplaced, own_place=False)


def _escalated(incident: Incident, told: Incident) -> Incident:
    """A protest told to have met force takes the weightier type, by ACLED's precedence
    (a peaceful protest that the police broke up is a protest with intervention)."""
    if not (_demonstration(incident) and _demonstration(told)):
        return incident
    if tx.PRECEDENCE[told.sub_event_type] < tx.PRECEDENCE[incident.sub_event_type]:
        return replace(incident, event_type=told.event_type, sub_event_type=told.sub_event_type)
    return incident


def _agrees(draft: Draft, event: _Event) -> bool:
    """Same kind of event (a generic word, an outcome or a weapon agrees with any of its
    kind), dates and places that agree, and not a second place of the same words ("in
    Iraq and Syria" are two incidents)."""
    new, held = draft.incident, event.incident
    if new.evidence[0] in held.evidence:
        return False
    return _types_agree(draft, event) and dates_agree(new, held) and places_agree(new, held)


def _types_agree(draft: Draft, event: _Event) -> bool:
    new, held = draft.incident, event.incident
    if new.sub_event_type == held.sub_event_type:
        return True
    if _demonstration(new) and _demonstration(held):
        return True  # a protest and the police's answer to it ("fired tear gas")
    if draft.role == tx.WEAPON:
        return held.event_type == tx.EXPLOSIONS or (event.generic and _violent(held))
    if draft.role == tx.OUTCOME or draft.generic or event.generic:
        return (_violent(new) and _violent(held)) or (
            tx.ARRESTS in (new.sub_event_type, held.sub_event_type)
            and (draft.generic or event.generic)
        )
    return False


def _demonstration(incident: Incident) -> bool:
    return incident.event_type in (tx.PROTESTS, tx.RIOTS)


def _violent(incident: Incident) -> bool:
    return incident.event_type in VIOLENT_TYPES or incident.sub_event_type == tx.EXCESSIVE_FORCE


def _same_act(draft: Draft, event: _Event) -> bool:
    """Two acts are one only when they agree on something given, a date or a place:
    both, or one told close to the other, or far apart the same day or named place; when
    only one of them names its kind ("an attack", "the bombing"), only when told close
    together ("two paramilitaries were murdered" this morning is no bomb of this morning
    told paragraphs later)."""
    new, held = draft.incident, event.incident
    both_dated = new.event_date is not None and held.event_date is not None
    both_placed = new.location is not None and held.location is not None
    last = event.last_before(draft.sentence)
    near = last is not None and draft.sentence - last <= JOIN_SENTENCES
    if new.sub_event_type != held.sub_event_type:
        return near and (both_dated or both_placed)
    if both_dated and both_placed:
        return True
    return (both_dated or both_placed) and (near or _same_anchor(new, held))


def _same_anchor(new: Incident, held: Incident) -> bool:
    """The same day, or the same named place: what ties two tellings far apart."""
    same_day = (
        new.event_date is not None
        and new.event_date == held.event_date
        and (new.time_precision == held.time_precision == 1)
    )
    same_place = new.place_source is not None and new.place_source == held.place_source
    return same_day or same_place


def _referent(
    draft: Draft, events: list[_Event], sentences: Sequence[Sentence], forward: bool
) -> _Event | None:
    """The event a draft that cannot found one belongs to: the nearest one before it
    that it agrees with (a definite reference, or an act of a kind the article has told
    once, such as "an explosion" in a witness's words, may reach back to the lead); with
    ``forward``, for a heading or a reference with nothing before it ("its
    airstrikes on Sunday" in a lead), the nearest one after it."""
    agreeing = [e for e in events if _agrees(draft, e)]
    kind = draft.incident.sub_event_type
    of_kind = [e for e in events if e.incident.sub_event_type == kind]
    same_kind = not draft.generic and len(of_kind) == 1 and of_kind[0] in agreeing
    if same_kind and not draft.refers:
        agreeing = [e for e in agreeing if e.incident.sub_event_type == kind]
    if forward:
        return _nearest(draft, agreeing, JOIN_SENTENCES, forward=True)
    if sentences[draft.sentence].heading:
        return None
    reach = draft.sentence if draft.refers or same_kind else JOIN_SENTENCES
    return _nearest(draft, agreeing, reach, forward=False)


def _nearest(draft: Draft, events: list[_Event], reach: int, forward: bool) -> _Event | None:
    """The event told nearest ``draft`` before it (or after it), within ``reach``
    sentences; on a tie, the one told with the same word ("the attack" refers to "the
    rocket attack"), then the one told last."""
    best, best_key = None, None
    for event in events:
        if forward:
            after = [d.sentence - draft.sentence for d in event.drafts]
            distance = min((a for a in after if a > 0), default=reach + 1)
        else:
            last = event.last_before(draft.sentence)
            distance = draft.sentence - last if last is not None else reach + 1
        if distance > reach:
            continue
        same_word = any(d.lemma == draft.lemma for d in event.drafts)
        latest = max((d.order for d in event.drafts if d.order < draft.order), default=-1)
        key = (distance, not same_word, -latest)
        if best_key is None or key < best_key:
            best, best_key = event, key
    return best


# -- where ------------------------------------------------------------------------------------


def _focus(events: Sequence[_Event], places: Sequence[Place], code: str | None) -> Place | None:
    """Where the article's news happened, for events it does not place: the dateline's
    town when the dateline is in the article's country ``code`` (a local report), else the
    town or site of its most often told event placed there by its own words."""
    dateline = next(
        (p for p in places
         if p.role == Role.DATELINE and p.resolved and p.country_code == code
         and p.feature is not None and scope_of(p.feature) in TOWN_SCOPES),
        None,
    )  # fmt: skip
    if dateline is not None:
        return dateline
    placed = [
        e for e in events
        if e.place_from in (OWN, CONTAINER) and e.incident.located
        and e.incident.geo_precision in (1, 2)
    ]  # fmt: skip
    if not placed:
        return None
    main = max(placed, key=lambda e: (len({d.sentence for d in e.drafts}), -e.drafts[0].order))
    incident = main.incident
    return Place(start=-1, end=-1, text=incident.location or "", role=Role.PLACE,
                 name=incident.location, lat=incident.lat, lon=incident.lon,
                 country_code=incident.country_code, admin1=incident.admin1,
                 source=incident.place_source)  # fmt: skip


def _place_own(event: _Event, sentences: Sequence[Sentence], gazetteer: Gazetteer) -> None:
    """A region named as the event's place is coded at its largest town; a name the
    gazetteer lacks at the town around it (geo precision 2)."""
    incident = event.incident
    if incident.located:
        if event.place_from == OWN and incident.geo_precision == 3:
            event.incident = _at_seat(incident, gazetteer)
    elif incident.location is not None and _part_of_town(incident.location):
        around = _town_around(event, sentences)
        if around is not None:
            precision = 3 if around.feature and scope_of(around.feature) == Scope.REGION else 2
            placed = _at_place(incident, around, precision, keep_span=True)
            event.incident = _at_seat(placed, gazetteer)
            event.place_from = CONTAINER if event.place_from == OWN else CONTEXT


def _place_by_sentence(event: _Event, sentences: Sequence[Sentence]) -> None:
    """An event its words place nowhere takes the one town, site or region its own
    sentences name where something happened ("was killed while attending a rally in a
    Bogota suburb"), before any fallback to the article's focus or country."""
    incident = event.incident
    if incident.located or incident.location is not None:
        return
    for index in sorted({d.sentence for d in event.drafts}):
        where = _context_place(sentences[index])
        if where is not None and _below_country(where):
            event.incident = place_at(incident, where, sentences[index].places)
            event.place_from = CONTEXT
            return


def _place_rest(event: _Event, focus: Place | None, code: str | None, gazetteer: Gazetteer) -> None:
    """An event still unplaced takes the article's focus, else the article's country; a
    name no gazetteer knows keeps its name, and is coded to the focus when it names a
    part of a town, else only given the article's country."""
    incident = event.incident
    if incident.located:
        return
    if incident.location is not None:  # a name no gazetteer knows
        if focus is not None and _part_of_town(incident.location):
            event.incident = _at_place(incident, focus, 2, keep_span=True)
            event.place_from = CONTAINER if event.place_from == OWN else CONTEXT
        elif code is not None and incident.country_code is None:
            event.incident = replace(incident, country_code=code)
    elif focus is not None:
        event.incident = _at_place(incident, focus, 2, keep_span=False)
        event.place_from = FOCUS
    elif code is not None and (country := gazetteer.country(code)) is not None:
        event.incident = replace(
            incident, location=country.name, lat=country.lat, lon=country.lon, geo_precision=3,
            country_code=code, place_source=country.source,
        )  # fmt: skip
        event.place_from = COUNTRY


def _town_around(event: _Event, sentences: Sequence[Sentence]) -> Place | None:
    """The town, site or region around a place the gazetteer lacks: one whose name begins
    the name ("London Bridge" in London), else one named after it in its sentence
    ("Deerpark Road, in the Old Park district of Belfast"), else the nearest one named in
    the sentences before it."""
    incident = event.incident
    name = (incident.location or "").lower()
    told = min(d.sentence for d in event.drafts)
    nearby = [
        c for index in range(told, max(told - AROUND_SENTENCES - 1, -1), -1)
        for c in reversed(sentences[index].places)
        if c.place is not None and c.place.resolved and _below_country(c) and not _dateline(c)
    ]  # fmt: skip
    for candidate in (c for sentence in sentences for c in sentence.places):
        named = candidate.place is not None and candidate.place.resolved
        prefix = name.startswith(candidate.text.lower() + " ") and not _street(name)
        if named and prefix and _below_country(candidate):
            return candidate.place
    start = incident.location_span[0] if incident.location_span else None
    for candidate in sentences[told].places:
        if start is not None and candidate.start > start and candidate in nearby:
            return candidate.place
    earlier = [c for c in nearby if start is None or c.start < start]
    return earlier[0].place if earlier else None


def _part_of_town(name: str) -> bool:
    """A street, a district, an area or a site, which lies in the town the text is about;
    not a village, which may lie anywhere in the country."""
    last = name.lower().rsplit(" ", 1)[-1]
    return last in STREET_WORDS or last in TOWN_PARTS


def _street(name: str) -> bool:
    """ "Oxford Street", "Deerpark Road": a street, which may be named after another town."""
    return name.rsplit(" ", 1)[-1] in STREET_WORDS


def _below_country(candidate: locate.Candidate) -> bool:
    return candidate.scope != "country"


def _at_place(incident: Incident, place: Place, precision: int, keep_span: bool) -> Incident:
    return replace(
        incident, location=place.name, lat=place.lat, lon=place.lon, geo_precision=precision,
        country_code=place.country_code, admin1=place.admin1, place_source=place.source,
        location_span=incident.location_span if keep_span else None,
    )  # fmt: skip


def _at_seat(incident: Incident, gazetteer: Gazetteer) -> Incident:
    """An incident placed only in a first-level region, coded at the region's largest
    town with geo precision 3, as ACLED codes a province at its capital."""
    source = incident.place_source or ""
    if not source.startswith("iso3166-2:"):
        return incident
    entry = gazetteer.entry(source)
    if entry is None or entry.feature != "admin1" or not entry.country_code:
        return incident
    seat = gazetteer.seat(entry.country_code, entry.admin1_code or source.split(":", 1)[1])
    if seat is None:
        return incident
    return replace(incident, location=seat.name, lat=seat.lat, lon=seat.lon,
                   admin1=entry.name, place_source=seat.source)  # fmt: skip


def _article_country(places: Sequence[Place], text: str) -> str | None:
    """The country most of the article's places, demonyms and speaking capitals are in
    (the dateline counts twice; a place that only names a party, "Russia's ambassador",
    not at all), when it holds at least half of them."""
    counts: dict[str, int] = {}
    for place in places:
        if not place.resolved or not place.country_code or place.role == Role.EMBEDDED:
            continue
        if text[place.end : place.end + 2] in ("'s", "’s"):
            continue  # a party, not a place
        weight = 2 if place.role == Role.DATELINE else 1
        counts[place.country_code] = counts.get(place.country_code, 0) + weight
    if not counts:
        return None
    code = max(counts, key=counts.__getitem__)
    return code if counts[code] * 2 >= sum(counts.values()) else None  # else: no guess


# -- when, and how sure ------------------------------------------------------------------------


def _told_with_date_and_place(event: _Event) -> bool:
    """Whether the text links a date and a place to the event, in its sentences or the
    ones before them (not the article's focus or country)."""
    return event.date_from in (OWN, CONTEXT) and event.place_from in (OWN, CONTAINER, CONTEXT)


def _background(incident: Incident, published: dt.date | None) -> bool:
    """Whether the event happened well before the article was written."""
    if incident.event_date is None or published is None:
        return False
    if incident.time_precision == 4:
        return incident.event_date.year < published.year
    return (published - incident.event_date).days > BACKGROUND_DAYS


def _basis(event: _Event, sentences: Sequence[Sentence], background: bool) -> IncidentBasis:
    drafts = event.drafts
    incident = event.incident
    return IncidentBasis(
        place_from=event.place_from or "none",
        geo_precision=incident.geo_precision,
        date_from=event.date_from or "none",
        time_precision=incident.time_precision,
        mentions=len({d.sentence for d in drafts}),
        in_lead=any(d.sentence < LEAD_SENTENCES or sentences[d.sentence].headline for d in drafts),
        background=background,
        generic=event.generic,
        acts=len({d.sentence for d in drafts if d.role == tx.ACT}),
        references=len({d.sentence for d in drafts if d.reference}),
        passing=event.passing,
        deaths=incident.fatalities is not None and incident.fatalities > 0,
        actor=incident.actor1 is not None,
        locator=max(d.incident.confidence for d in drafts),
    )
