"""Who acted and against whom, for one event word, read off the dependency parse.

``find_actors`` returns ``(actor1, actor2)``: the agent (subject of an active verb, the
"by" phrase of a passive one, the possessor or modifier of an event noun) and the
target when the target is people or a group (object, passive subject, "on"/"against"
phrase). Places, buildings, things, bare numbers and pronouns are never actors: the side
is None then. Phrases come back as clean text without leading determiners or counts.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from geomap.kb.countries import geonames_countries
from geomap.lexicon.events import (
    ACTING_WEAPONS,
    EVENT_NOUNS,
    HITTING_VERBS,
    LIGHT_VERBS,
    VICTIM_OF_NOUNS,
)
from geomap.lexicon.grammar import LEADING_DROPS, PRONOUNS, RELATIVE_PRONOUNS, TARGET_PREPOSITIONS
from geomap.lexicon.labels import (
    AMOUNT_LABELS,
    KEPT_LEFT_DEPS,
    PLACE_LABELS,
    SUBJECT_INHERITING_DEPS,
)
from geomap.lexicon.people import NON_ACTOR_NOUNS, STATE_ABBREVIATIONS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

MAX_WORDS = 8
SELF_ACTING_NOUNS = EVENT_NOUNS | ACTING_WEAPONS  # "the blast killed": its own actor
NOT_ACTOR_LABELS = PLACE_LABELS | AMOUNT_LABELS
NOT_ACTOR_HEADS = NON_ACTOR_NOUNS | EVENT_NOUNS


def find_actors(trigger: Token) -> tuple[str | None, str | None]:
    """(actor1, actor2) for the event word `trigger`: who acted, and against whom."""
    if _is_verb(trigger):
        return _verb_actors(trigger)
    return _noun_actor(trigger), _noun_target(trigger)


# --- verbs --------------------------------------------------------------------------------


def _is_verb(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB")


def _is_hitting(token: Token) -> bool:
    return _is_verb(token) and token.lemma_.lower() in HITTING_VERBS


def _is_passive(verb: Token) -> bool:
    if any(child.dep_ in {"auxpass", "nsubjpass"} for child in verb.children):
        return True
    return verb.dep_ in {"acl", "amod"} and verb.tag_ == "VBN" and not _child(verb, "dobj")


def _verb_actors(verb: Token) -> tuple[str | None, str | None]:
    if _is_passive(verb):
        victim = _child(verb, "nsubjpass")
        if victim is None and verb.dep_ in {"acl", "amod"}:
            victim = verb.head  # "protesters shot by police"
        victim = _antecedent(victim, verb) if victim is not None else None
        return _agent_text(_by_agent(verb)), _target_text(victim)
    target = _target_text(_child(verb, "dobj"))
    target = target or _target_text(_prep_object(verb, TARGET_PREPOSITIONS))
    return _agent_text(_subject(verb)), target


def _subject(verb: Token) -> Token | None:
    """The verb's own subject, else the subject (or passive agent) of the verb it hangs from."""
    seen = 0
    while verb is not None and seen < 6:
        subject = _child(verb, "nsubj")
        if subject is not None:
            return _antecedent(subject, verb)
        if _is_passive(verb):
            return _by_agent(verb)
        if verb.dep_ not in SUBJECT_INHERITING_DEPS or verb.head == verb:
            return None
        verb, seen = verb.head, seen + 1
    return None


def _by_agent(head: Token) -> Token | None:
    """The object of a "by" phrase ("kidnapped by terrorists", "an attack by gunmen")."""
    for child in head.children:
        if child.lower_ == "by" and child.dep_ in {"agent", "prep"}:
            return _child(child, "pobj")
    return None


def _antecedent(token: Token, verb: Token) -> Token:
    """The noun a relative pronoun stands for ("militants who attacked the base")."""
    if token.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    return token


# --- event nouns --------------------------------------------------------------------------


def _noun_actor(noun: Token) -> str | None:
    """Actor of an event noun: possessor, "by" phrase, named modifier, or light-verb subject."""
    for token in (_child(noun, "poss"), _by_agent(noun)):
        text = _agent_text(token)
        if text:
            return text
    modifier = _named_modifier(noun)
    if modifier:
        return modifier
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in LIGHT_VERBS:
        return _agent_text(_subject(head))
    if noun.dep_ == "nsubjpass":
        return _agent_text(_by_agent(head))
    return None


def _noun_target(noun: Token) -> str | None:
    """Target of an event noun: "on"/"against" phrase, "of" for killings, the verb's object."""
    target = _prep_object(noun, TARGET_PREPOSITIONS)
    if target is None and noun.lemma_.lower() in VICTIM_OF_NOUNS:
        target = _prep_object(noun, {"of"})
    head = noun.head
    if target is None and noun.dep_ == "nsubj" and head.lemma_.lower() in HITTING_VERBS:
        target = _child(head, "dobj")  # "US airstrikes hit Kataib Hezbollah"
    for child in noun.children:
        if target is None and child.dep_ in {"acl", "relcl"} and _is_hitting(child):
            target = _child(child, "dobj")  # "airstrikes (that) killed 20 Palestinians"
    return _target_text(target)


def _named_modifier(noun: Token) -> str | None:
    """A name or nationality before an event noun: "US airstrikes", "Israeli raids"."""
    names = [
        child
        for child in noun.lefts
        if child.dep_ in {"compound", "amod", "nmod", "nsubj"}
        and (child.ent_type_ in {"NORP", "ORG", "PERSON", "GPE"} or child.pos_ == "PROPN")
    ]
    for name in names:
        if name.ent_type_ == "GPE" and not _is_state(name):
            continue
        return _clean(_phrase_tokens(name))
    return None


# --- phrases ------------------------------------------------------------------------------


def _agent_text(token: Token | None) -> str | None:
    """The actor phrase for an agent; an event noun stands for its own actor."""
    if token is None:
        return None
    if token.lemma_.lower() in SELF_ACTING_NOUNS:
        return _noun_actor(token)
    if token.ent_type_ == "GPE" and _is_state(token):
        return _clean(_phrase_tokens(token))
    return _actor_text(token)


def _target_text(token: Token | None) -> str | None:
    return _actor_text(token) if token is not None else None


def _actor_text(token: Token) -> str | None:
    """The clean phrase headed by `token`, or None when it is not a person or group."""
    word = token.lower_
    if token.pos_ == "PRON" or (word in PRONOUNS and not token.ent_type_) or token.like_num:
        return None
    if token.ent_type_ in NOT_ACTOR_LABELS and not _names_group(token):
        return None
    if token.lemma_.lower() in NOT_ACTOR_HEADS:
        return None
    return _clean(_phrase_tokens(token)) or None


def _names_group(token: Token) -> bool:
    """A noun entity head that is not itself a place ("Iraqi troops" under a GPE tag)."""
    return token.pos_ == "NOUN" and token.lemma_.lower() not in NON_ACTOR_NOUNS


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    return frozenset(country["name"].lower() for country in geonames_countries().values())


def _is_state(token: Token) -> bool:
    """Whether a place name is a country, which acts through its forces."""
    name = " ".join(t.lower_ for t in _phrase_tokens(token) if t.lower_ != "the")
    return name in STATE_ABBREVIATIONS or name in _country_names()


def _phrase_tokens(head: Token) -> list[Token]:
    """The head with its kept left modifiers and a short "of" phrase."""
    tokens = [head]
    for child in head.lefts:
        if child.dep_ in KEPT_LEFT_DEPS:
            tokens.extend(child.subtree)
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            extra = list(child.subtree)
            if len(tokens) + len(extra) <= MAX_WORDS:
                tokens.extend(extra)
        elif child.dep_ == "case":
            tokens.append(child)
    return sorted(set(tokens), key=lambda t: t.i)


def _clean(tokens: list[Token]) -> str:
    """Phrase text without leading determiners and counts or trailing punctuation."""
    while tokens and _droppable_lead(tokens[0]):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "case"):
        tokens = tokens[:-1]
    words = "".join(token.text_with_ws for token in tokens).split()
    return " ".join(words[:MAX_WORDS])


def _droppable_lead(token: Token) -> bool:
    return token.lower_ in LEADING_DROPS or token.like_num or token.is_punct


def _child(token: Token, dep: str) -> Token | None:
    return next((child for child in token.children if child.dep_ == dep), None)


def _prep_object(head: Token, prepositions: set[str] | frozenset[str]) -> Token | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            return _child(child, "pobj")
    return None
