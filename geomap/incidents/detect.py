"""Detection and typing: the words of a sentence that report an incident.

A sentence's event words ("struck", "airstrikes", "rocket attack", "kidnapped") are
typed with ACLED's sub-event types (see ``taxonomy``). Words that report no incident
are left out: hypothetical or future ones ("will face consequences", "threatened to
attack", "if the attacks continued"), negated or prevented ones ("to prevent such
attacks"), counts of many events ("11 rocket attacks in two months") and background
spanning years ("fought ISIS from 2014 until late 2017"). Event words that belong to
one event are grouped: in "the airstrikes, which killed 25 fighters", "killed" adds the
deaths of the airstrikes, not an incident of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from geomap.incidents import taxonomy as tx
from geomap.lexicon.dates import HABITUAL_WORDS, PERIOD_WORDS
from geomap.lexicon.events import (
    ACCIDENT_CUES,
    AGREEING_VERBS,
    AILMENTS,
    AIR_CUES,
    ANIMALS,
    CASUALTY_NOUNS,
    CASUALTY_WORDS,
    CHEMICAL_CUES,
    COMMUNAL_CUES,
    COUNT_HEADS,
    FIREARM_CUES,
    FIRED_THINGS,
    GENERIC_VIOLENCE,
    GOVERNMENT_REGAINS_WORDS,
    GRENADE_CUES,
    HARM_VERBS,
    IED_CUES,
    INTENT_VERBS,
    INTERVENTION_CUES,
    JUDICIAL_WORDS,
    LABOUR_CUES,
    LOCATING_VERBS,
    MEANS_CASUALTY_WORDS,
    MELEE_CUES,
    MISHAP_WORDS,
    MUNITIONS,
    NON_STATE_OVERTAKES_WORDS,
    NONVIOLENT_MEANS,
    OBJECT_WORDS,
    OUTCOME_WORDS,
    PEACEFUL_STRUGGLES,
    POINTER_NOUNS,
    PREVENTING_HEADS,
    PROTEST_CUES,
    RIOT_CUES,
    SHELLING_CUES,
    SUICIDE_CUES,
    TERROR_CUES,
    TREND_VERBS,
    USING_VERBS,
    WEAPON_NOUNS,
    WOUND_CAUSES,
)
from geomap.lexicon.grammar import CAUSAL_PREPOSITIONS, CONDITIONAL_MARKS, MODAL_AUXILIARIES
from geomap.lexicon.labels import NON_EVENT_LABELS
from geomap.lexicon.numbers import AGGREGATE_MODIFIERS
from geomap.lexicon.page import ASIDES
from geomap.lexicon.people import (
    ARMED_WORDS,
    CIVILIAN_WORDS,
    PERSON_NOUNS,
    PROTESTER_PARTIES,
    PROTESTER_WORDS,
    SECURITY_PARTIES,
)
from geomap.lexicon.places import PLACE_OBJECT_WORDS
from geomap.lexicon.speech import STATEMENT_WORDS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

# "two bomb attacks" are told of one by one; "11 rocket attacks in two months" are counted.
MAX_COUNTED_EVENTS = 3
YEAR_SPAN = re.compile(
    r"\b(?:from|between)\s+(?:\w+\s+)?(?:1[89]|20)\d\d\s+(?:until|till|to|and|through)\b"
    r"|\bsince\s+(?:1[89]|20)\d\d\b",
    re.IGNORECASE,
)
# Words naming the means of an attack, and the sub-event type each makes, in precedence.
MEANS = ((SUICIDE_CUES, tx.SUICIDE_BOMB), (AIR_CUES, tx.AIR_STRIKE),
         (SHELLING_CUES, tx.SHELLING), (GRENADE_CUES, tx.GRENADE),
         (IED_CUES, tx.IED))  # fmt: skip
HOSTILE_MEANS = ARMED_WORDS | AIR_CUES | SHELLING_CUES | IED_CUES | FIREARM_CUES
NON_HUMAN_ATTACKERS = ANIMALS | AILMENTS  # "a killer bee attack", "a heart attack"
EXECUTED_PEOPLE = CIVILIAN_WORDS | ARMED_WORDS | PERSON_NOUNS
WINDOW = 7  # tokens each side searched for words that refine a generic event word


@dataclass(frozen=True, slots=True)
class Trigger:
    """An event word and its type."""

    token: Token
    sub_event_type: str
    generic: bool  # typed from the sentence's words, not by the event word itself
    casualty: bool  # a word of killing or wounding ("killed", "shot")
    role: str = tx.ACT  # tx.ACT, tx.OUTCOME ("died") or tx.WEAPON ("the device")
    reference: bool = False  # named under a trial, a claim or a reaction, not told

    @property
    def event_type(self) -> str:
        return tx.EVENT_TYPE_OF[self.sub_event_type]


def event_words(sentence: Span) -> list[Trigger]:
    """Every word of the sentence that can name an event, typed, whether or not the
    sentence tells that the event happened."""
    return [trigger for token in sentence if (trigger := typed(token)) is not None]


def find_triggers(
    sentence: Span, headline: bool = False, words: list[Trigger] | None = None
) -> list[Trigger]:
    """The event words of a sentence that report incidents, typed, in text order (from
    ``words``, its ``event_words`` when already found). A sentence without a verb tells
    nothing (a link, a list item, a caption's tag) unless it is the ``headline``; neither
    does a question or an aside of the page ("Read more: ...")."""
    if not headline and not _tells(sentence):
        return []
    spans = [
        span.root
        for m in YEAR_SPAN.finditer(sentence.text)
        if (span := sentence.char_span(m.start(), m.end(), alignment_mode="expand")) is not None
    ]
    words = event_words(sentence) if words is None else words
    accidents = [t.token for t in words if _accident(t.token)]
    found = []
    for trigger in words:
        token = trigger.token
        if not reports_event(token):
            continue
        if trigger.casualty and any(tree_distance(token, a) <= 3 for a in accidents):
            continue  # "a gas explosion killed two": the deaths of an accident
        if any(tree_distance(token, root) <= 3 for root in spans):
            continue  # "fought ISIS from 2014 until late 2017": years of war, not an event
        if _referred(token):
            trigger = replace(trigger, reference=True)
        found.append(trigger)
    return found


def _tried_for(verb: Token) -> bool:
    """ "tried for the bombing": a trial, not an attempt."""
    return _lemma(verb) == "try" and any(c.lower_ == "for" for c in verb.children)


def _tells(sentence: Span) -> bool:
    """Whether a sentence can tell of an event: it has a verb, it is no question, and
    it is not a list item or a page's pointer to other pages."""
    text = sentence.text.strip()
    if not text or is_aside(sentence) or text.endswith("?"):
        return False
    return any(t.pos_ in ("VERB", "AUX") for t in sentence)


def is_aside(sentence: Span) -> bool:
    """A list item, a caption's tag or a page's pointer to other pages ("Read more: ")."""
    text = sentence.text.strip()
    return bool(text) and (text[0] in "*•" or text.lower().startswith(ASIDES))


def _referred(token: Token) -> bool:
    """An event named, not told: under a trial, an inquiry, a claim or a reaction
    ("on trial on charges of murder", "claimed responsibility for the attack", "a probe
    into the explosion", "condemned the bombing")."""
    head = token
    for _ in range(4):
        if head.head == head:
            return False
        head = head.head
        if _lemma(head) in JUDICIAL_WORDS or _tried_for(head):
            return True
        if head.pos_ in ("VERB", "AUX"):
            siblings = (c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj"))
            if any(_lemma(c) in JUDICIAL_WORDS for c in siblings):
                return True
    return False


def typed(token: Token) -> Trigger | None:
    """The token as an event word with its type, or None if it is not one."""
    kind = _kind(token)
    if kind is None:
        return None
    generic, casualty = kind == "generic", kind == "casualty"
    sub: str | None
    if kind == "protest":  # "protesters gathered", "thousands took to the streets"
        kind, sub = "specific", tx.PEACEFUL_PROTEST
    else:
        sub = tx.SPECIFIC_WORDS.get(_lemma(token)) if kind == "specific" else None
    sub = _refine(token, sub, generic, casualty)
    if sub is None:
        return None
    violent_death = _died_of_violence(token)  # "died of gunshot wounds": an attack told
    typed_by_means = casualty and (_lemma(token) in MEANS_CASUALTY_WORDS or violent_death)
    role = tx.ACT if violent_death else _role(token)
    return Trigger(token, sub, generic or (casualty and not typed_by_means), casualty, role)


def _role(token: Token) -> str:
    """Whether the word tells an act, only its outcome, or only its weapon."""
    lemma = _lemma(token)
    if lemma in OUTCOME_WORDS or lemma in POINTER_NOUNS:
        return tx.OUTCOME  # joins the act it belongs to
    if lemma in WEAPON_NOUNS and token.pos_ in ("NOUN", "PROPN") and not _did_harm(token):
        return tx.WEAPON
    return tx.ACT


def _died_of_violence(token: Token) -> bool:
    """ "Died of gunshot wounds", "died from stab wounds": a death its own words put down
    to a weapon."""
    if _lemma(token) != "die":
        return False
    causes = [child for child in token.children if child.lower_ in ("of", "from")]
    return any(
        word.lower_ in WOUND_CAUSES or word.lower_ in FIREARM_CUES
        or word.lower_ in MELEE_CUES
        for cause in causes for word in cause.subtree
    )  # fmt: skip


def _did_harm(weapon: Token) -> bool:
    """A weapon that did something or was used: "a bomb destroyed the booth", "destroyed
    by a bomb", "threw a grenade"."""
    head = weapon.head
    if weapon.dep_ in ("nsubj", "nsubjpass") and _lemma(head) in HARM_VERBS:
        return weapon.dep_ == "nsubj" or _lemma(head) in ("kill", "wound", "injure")
    if weapon.dep_ == "dobj" and _lemma(head) in USING_VERBS:
        return True  # "threw an explosive device at a police post"
    return weapon.dep_ == "pobj" and head.lower_ == "by" and head.dep_ == "agent"


def is_generic_word(token: Token) -> bool:
    """ "attack", "strike": words that name violence without its means."""
    return _lemma(token) in GENERIC_VIOLENCE or _lemma(token) in CASUALTY_WORDS


def lemma_of(token: Token) -> str:
    """The word's lemma in lower case (its text where the lemma is not a word)."""
    return _lemma(token)


def _lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    return lemma if lemma.isalpha() or "-" in lemma else token.lower_


def _kind(token: Token) -> str | None:
    """Whether ``token`` can be an event word: "specific", "generic", "casualty" or None."""
    if token.pos_ not in ("VERB", "NOUN", "PROPN") or token.ent_type_ in NON_EVENT_LABELS:
        return None
    if token.dep_ in ("compound", "amod") and token.head.pos_ in ("NOUN", "PROPN"):
        return None  # "rocket" in "rocket attack": a word of its head's type
    lemma = _lemma(token)
    if lemma in ("march", "rally", "fire", "bomb", "shell", "mine") and not _usable_ambiguous(
        token, lemma
    ):
        return None
    if lemma == "fire" or (lemma == "bomb" and token.pos_ == "VERB"):
        return "generic"
    if lemma == "gather" or (lemma == "take" and "streets" in {c.lower_ for c in token.subtree}):
        return "protest" if _protesters_act(token) else None
    if lemma == "blast" and token.pos_ == "VERB":
        return None  # "Democrats blast the ads": criticism
    if lemma in ("fight", "battle") and _peaceful_struggle(token):
        return None  # "a legal battle", "battled a blaze", "a fight with his girlfriend"
    if lemma == "blow":  # "blew himself up", not "a blow to the talks"
        up = any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children)
        return "specific" if up else None
    if lemma == "device" and any(c.lower_ in ("explosive", "incendiary") for c in token.children):
        return "specific"
    if lemma in ("ceasefire", "truce"):  # "agreed a ceasefire", not "the ceasefire collapsed"
        return "specific" if _lemma(token.head) in AGREEING_VERBS else None
    if lemma in tx.SPECIFIC_WORDS:
        if _demonstrates_something(token):
            return None
        if lemma in NON_STATE_OVERTAKES_WORDS or lemma in GOVERNMENT_REGAINS_WORDS:
            return "specific" if _takes_place(token) else None
        return "specific"
    if lemma in POINTER_NOUNS and token.pos_ == "NOUN":
        # "the incident took place in X", "the target was a factory in Y"
        definite = any(c.lower_ in ("the", "this", "that") for c in token.children)
        says_where = token.dep_ == "nsubj" and _lemma(token.head) in LOCATING_VERBS
        return "generic" if definite and says_where and token.tag_ == "NN" else None
    if lemma in GENERIC_VIOLENCE:
        return "generic" if _violent_use(token, lemma) else None
    if lemma in CASUALTY_WORDS and lemma not in ("dead", "death"):
        if lemma == "execute" and not _executes_someone(token):
            return None  # "executed a search warrant", "executed a complex attack"
        return "casualty" if token.pos_ == "VERB" or lemma in CASUALTY_NOUNS else None
    return None


def _peaceful_struggle(token: Token) -> bool:
    """A battle or a fight against no armed foe: "court battles", "battled a blaze"."""
    near = {c.lower_ for c in token.children} | {
        t.lower_ for c in token.children if c.dep_ in ("dobj", "prep") for t in c.subtree
    }
    if near & PEACEFUL_STRUGGLES:
        return True
    if any(c.dep_ in ("acl", "relcl") and any(g.lower_ == "to" for g in c.children)
           for c in token.children):  # fmt: skip
        return True  # "lost the battle to keep the case", "the fight to save the museum"
    if _lemma(token) == "fight" and token.pos_ == "NOUN":
        return not (_nearby_words(token) & (ARMED_WORDS | PROTESTER_PARTIES))
    return False


def _violent_use(token: Token, lemma: str) -> bool:
    """Whether a word that may name violence does here: "targets" as a noun are aims,
    a car "struck" in a lane or a swimmer who "strikes out" no violence."""
    if lemma in ("target", "hit", "strike") and token.pos_ == "NOUN" and lemma != "strike":
        return False
    if any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children):
        return False  # "strikes out", "lashed out"
    if lemma == "storm":
        return token.pos_ == "VERB"  # "stormed the compound", not "a storm"
    if lemma == "attack" and _by_animal_or_ailment(token):
        return False  # "a killer bee attack", "a heart attack"
    if lemma not in ("strike", "hit", "target", "pound"):
        return True
    words = _nearby_words(token) | _party_words(token)
    actors = [c for c in token.children if c.dep_ in ("nsubj", "compound", "amod", "poss")]
    return bool(words & HOSTILE_MEANS) or any(c.ent_type_ in ("NORP", "GPE", "ORG") for c in actors)


def _by_animal_or_ailment(token: Token) -> bool:
    around = [c for c in token.children if c.dep_ in ("compound", "amod", "nsubj", "agent")]
    around += [t for c in token.children if c.dep_ == "agent" for t in c.subtree]
    if token.dep_ == "nsubjpass" or token.dep_ == "dobj":
        around += [c for c in token.head.children if c.dep_ == "nsubj"]
    words = {t.lower_ for c in around for t in c.subtree}
    return bool(words & NON_HUMAN_ATTACKERS)


def _executes_someone(verb: Token) -> bool:
    """ "executed four hostages", "he was executed": a killing, not a warrant carried out."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(
        o.pos_ in ("PRON", "PROPN", "NUM") or o.ent_type_ == "PERSON"
        or o.lower_ in EXECUTED_PEOPLE
        for o in objects
    ) or not objects  # fmt: skip


def _demonstrates_something(token: Token) -> bool:
    """ "demonstrated Passover recipes", "how-to demonstrations": showing, not protesting."""
    lemma = _lemma(token)
    if lemma not in ("demonstrate", "demonstration"):
        return False
    if any(c.dep_ == "dobj" for c in token.children):
        return True
    return not _nearby_words(token) & PROTEST_CUES


def _protesters_act(token: Token) -> bool:
    """ "protesters gathered", "thousands took to the streets"."""
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    words = {t.lower_ for s in subjects for t in s.subtree}
    return bool(words & PROTESTER_WORDS)


def _usable_ambiguous(token: Token, lemma: str) -> bool:
    """ "march" and "rally" as protests, "fire" as gunfire, "bomb"/"shell" as weapons used."""
    if lemma in ("march", "rally"):
        start, end = sentence_bounds(token)
        return token.pos_ == "VERB" or any(
            w.lower_ in ("protest", "protesters", "demonstrators", "supporters", "thousands")
            for w in token.doc[start:end]
        )
    if lemma == "fire":  # "opened fire on", "fired rockets at"; not "they'll fire us"
        if token.pos_ == "NOUN":
            return token.head.lemma_ == "open"
        return token.pos_ == "VERB" and any(
            (c.dep_ == "prep" and c.lower_ in ("on", "at", "into", "upon", "toward", "towards"))
            or (c.dep_ == "dobj" and _lemma(c) in FIRED_THINGS)
            for c in token.children
        )
    if lemma == "mine":
        return token.pos_ == "NOUN"
    return True


def _takes_place(token: Token) -> bool:
    """ "captured the town" (territory) rather than "captured the title" or a person."""
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if token.dep_ == "acl" or token.dep_ == "amod":
        objects.append(token.head)
    return any(
        o.ent_type_ in ("GPE", "LOC", "FAC") or o.lower_ in PLACE_OBJECT_WORDS for o in objects
    )


def reports_event(token: Token) -> bool:
    """Whether the event word reports something that happened (not a threat, a plan, a
    condition, a negation, a denial, an accident, a habit or a count of many events)."""
    clause = token if token.pos_ == "VERB" else _governing_verb(token)
    if clause is not None and _hypothetical(clause) and not _presupposed(token, clause):
        return False
    if clause is not None and _aim(clause):
        return False  # "to attack the virus", "drones to launch attacks": an aim
    if clause is not None and (_habitual(token, clause) or _over_a_period(clause)):
        return False
    if any(c.dep_ == "neg" or c.lower_ in ("no", "without") for c in token.children):
        return False
    if clause is not None and clause is not token and _denied_object(token, clause):
        return False
    if _accident(token) or _mishap(token) or _nonviolent(token) or _trend(token):
        return False
    head = token.head
    for _ in range(3):  # "to prevent such attacks", "the threat of attacks"
        if _lemma(head) in PREVENTING_HEADS or _lemma(head) in COUNT_HEADS:
            return False
        if head.head == head:
            break
        head = head.head
    if any(c.dep_ == "nsubj" and _counted(c) for c in token.children):
        return False  # "11 rocket attacks have targeted bases"
    return not _counted(token)


def _counted(token: Token) -> bool:
    """A plural event noun counting many events ("at least 11 rocket attacks")."""
    lemma = _lemma(token)
    event_noun = lemma in tx.SPECIFIC_WORDS or lemma in GENERIC_VIOLENCE
    return token.tag_ == "NNS" and event_noun and lemma not in MUNITIONS and _aggregate(token)


def _denied_object(token: Token, clause: Token) -> bool:
    """An event noun in what a negated verb says ("there may not be any disease to
    battle", "did not see an attack"); not its subject ("the attack did not kill")."""
    if not any(c.dep_ == "neg" for c in clause.children):
        return False
    current = token
    while current.head != clause and current.head != current:
        current = current.head
    return current.dep_ not in ("nsubj", "nsubjpass")


def _aim(verb: Token) -> bool:
    """An infinitive of action, or one coordinated with it: what someone means to do
    ("to target security forces", "to carry out reconnaissance and drop bombs"); not "to
    be" ("believed to be behind attacks")."""
    for current in (verb, verb.head if verb.dep_ == "conj" else None):
        if (
            current is not None
            and _lemma(current) != "be"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
        ):
            return True
    return False


def _nonviolent(token: Token) -> bool:
    """ "targeted 13 officials with sanctions", "attack the virus", "house arrest",
    "detained in hospital": the word names no violence, no arrest."""
    lemma = _lemma(token)
    if lemma in ("arrest", "detain") and (
        any(c.lower_ == "house" for c in token.lefts) or "hospital" in _subtree_words(token)
    ):
        return True
    if lemma not in GENERIC_VIOLENCE:
        return False
    return bool(_subtree_words(token) & NONVIOLENT_MEANS)


def _subtree_words(token: Token) -> set[str]:
    return {t.lower_ for t in token.subtree if abs(t.i - token.i) <= 2 * WINDOW}


def _trend(token: Token) -> bool:
    """A bare plural event noun whose numbers move: "arrests have accelerated", "attacks
    on bases increased"; or an event word hanging on such a count ("numerous bombings
    targeted at the military")."""
    if token.dep_ in ("acl", "relcl", "amod") and _counted(token.head):
        return True
    if token.dep_ not in ("nsubj", "nsubjpass") or token.tag_ != "NNS":
        return False
    return _lemma(token.head) in TREND_VERBS


def _habitual(token: Token, clause: Token) -> bool:
    """A habit or a state rather than an event: "kidnappings are commonplace", "35
    soldiers are killed every day", "the region sees frequent attacks"."""
    words = {t.lower_ for t in clause.subtree if t.i - clause.i < 12}
    return bool(words & HABITUAL_WORDS) and not words & {"on", "yesterday", "today", "ago"}


def _over_a_period(clause: Token) -> bool:
    """Deaths counted over months or years, a statistic: "100 people have died in three
    months of protests", "by the end of 1972, 496 had been killed"."""
    if _lemma(clause) not in CASUALTY_WORDS:
        return False
    for prep in clause.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "over", "during", "by", "since"):
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and noun.lower_ in PERIOD_WORDS:
                counted = any(c.dep_ in ("nummod", "amod", "det") for c in noun.children)
                if counted or noun.lower_ == "end":
                    return True
    return False


def _mishap(token: Token) -> bool:
    """A death or a wound of an accident, a disaster or an illness: "a two-car accident
    killed one", "died in the crash", "deaths from the disease"."""
    lemma = _lemma(token)
    if lemma not in CASUALTY_WORDS and lemma not in OUTCOME_WORDS:
        return False
    heads = [token, token.head] if token.dep_ == "conj" else [token]  # "... and has killed"
    cause = [
        t for head in heads for c in head.children
        if c.dep_ in ("nsubj", "nsubjpass", "prep", "agent") for t in c.subtree
    ]  # fmt: skip
    if token.dep_ == "relcl":  # "the virus, which has killed sixteen people"
        cause.extend(t for t in token.head.lefts)
        cause.append(token.head)
    return any(t.lemma_.lower() in MISHAP_WORDS for t in cause)


def _accident(token: Token) -> bool:
    """An explosion of gas or of a machine, not a bomb ("a gas explosion in a restaurant")."""
    if _lemma(token) not in ("explosion", "blast", "explode", "blow"):
        return False
    start, end = sentence_bounds(token)
    near = token.doc[max(token.i - 3, start) : min(token.i + 4, end)]
    subjects = [t for c in token.children if c.dep_ == "nsubj" for t in c.subtree]
    return any(t.lower_ in ACCIDENT_CUES for t in near) or any(
        t.lower_ in ANIMALS for t in subjects
    )  # "toads exploded"


def _presupposed(token: Token, clause: Token) -> bool:
    """A past event named as a cause or a time ("consequences for its airstrikes", "after
    the attack", "in response to the rocket attack"), whatever the verb's mood."""
    current = token
    while current != clause and current.head != current:
        if current.dep_ == "pobj" and current.head.lower_ in CAUSAL_PREPOSITIONS:
            return True
        current = current.head
    return False


def _governing_verb(token: Token) -> Token | None:
    head = token
    for _ in range(6):
        if head.head == head:
            return None
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return head
    return None


def _hypothetical(verb: Token) -> bool:
    """A modal or future verb, a condition, or the complement of a verb of intent."""
    current = verb
    for _ in range(3):
        for child in current.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in MODAL_AUXILIARIES:
                return True
            if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
                return True
        if current.dep_ == "xcomp" and _lemma(current.head) in INTENT_VERBS:
            return True
        if current.dep_ not in ("conj", "xcomp", "advcl", "relcl", "acl", "pcomp"):
            break
        current = current.head
    return False


def _aggregate(token: Token) -> bool:
    """ "at least 11 rocket attacks", "repeated attacks": many events, none in particular."""
    for child in token.children:
        if child.dep_ == "nummod" and _number(child.lower_) > MAX_COUNTED_EVENTS:
            return True
        if child.dep_ == "amod" and child.lower_ in AGGREGATE_MODIFIERS:
            return True
    return False


def _number(word: str) -> int:
    words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
    return int(word) if word.isdigit() else words.get(word, MAX_COUNTED_EVENTS + 1)


def _refine(token: Token, sub: str | None, generic: bool, casualty: bool) -> str | None:
    """The sub-event type, from the event word and the words around it."""
    words = _nearby_words(token)
    if sub is not None and not generic and not casualty:
        return _refine_specific(token, sub, words)
    lemma = _lemma(token)
    on_strike = token.i > 0 and token.doc[token.i - 1].lower_ == "on" and token.lower_ == "strike"
    if lemma == "strike" and (words & LABOUR_CUES or on_strike):
        return tx.PEACEFUL_PROTEST
    means = _means(words)
    if means is not None:
        return means
    if lemma in ("bomb", "bombard", "bombardment", "pound") or (
        lemma == "strike" and not words & FIREARM_CUES  # "shots struck him": gunfire
    ):
        return tx.AIR_STRIKE
    targets = _target_words(token) | _victim_words(token)
    if casualty:
        if targets & {"protesters", "demonstrators", "protester", "demonstrator"}:
            return tx.EXCESSIVE_FORCE
        return tx.ARMED_CLASH if targets & ARMED_WORDS else tx.ATTACK
    by_parties = _typed_by_parties(token, words)
    if by_parties is not None:
        return by_parties
    if targets & OBJECT_WORDS and not targets & ARMED_WORDS:
        return tx.IED
    if targets & ARMED_WORDS:
        return tx.ARMED_CLASH
    if _hits_a_person(token):
        return tx.ATTACK  # "Dziekanski was hit with a stun gun by police"
    if targets & CIVILIAN_WORDS or words & (FIREARM_CUES | MELEE_CUES | TERROR_CUES):
        return tx.ATTACK
    return tx.ARMED_CLASH if words & ARMED_WORDS else tx.ATTACK


def _typed_by_parties(token: Token, words: set[str]) -> str | None:
    """Who faces whom: protesters against police make a riot, communities against each
    other mob violence, police raiding arrests; None when the parties say nothing."""
    words = words | _party_words(token)
    protesters = bool(words & PROTESTER_PARTIES)
    if protesters and words & SECURITY_PARTIES:
        if words & INTERVENTION_CUES:  # "police fired tear gas to disperse the crowd"
            return tx.PROTEST_WITH_INTERVENTION
        return tx.VIOLENT_DEMONSTRATION
    if words & COMMUNAL_CUES:
        return tx.MOB_VIOLENCE
    if _lemma(token) == "raid" and words & {"police", "counter-terror", "officers", "agents"}:
        return tx.ARRESTS
    return None


def _party_words(token: Token) -> set[str]:
    """The words of whoever takes part: subject, object and "between", "with" or "against"
    phrases of the event word or of the verb it is the object of."""
    found: set[str] = set()
    for head in (token, token.head):
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj") or (
                child.dep_ == "prep" and child.lower_ in ("between", "with", "against")
            ):
                found.update(t.lower_ for t in child.subtree)
    return found


def _refine_specific(token: Token, sub: str, words: set[str]) -> str:
    if sub == tx.ARMED_CLASH:
        return _typed_by_parties(token, words) or sub
    if sub == tx.IED:
        if words & SUICIDE_CUES:
            return tx.SUICIDE_BOMB
        if words & AIR_CUES and _lemma(token) in ("bombing", "bomb"):
            return tx.AIR_STRIKE
    if sub == tx.LOOTING and words & RIOT_CUES | {"protesters", "demonstrators", "mob"}:
        return tx.MOB_VIOLENCE if "mob" in words else tx.VIOLENT_DEMONSTRATION
    if sub == tx.SHELLING and words & AIR_CUES and "drone" in words:
        return tx.AIR_STRIKE
    if sub == tx.PEACEFUL_PROTEST:
        if words & {"killed", "shot", "killing", "dead"}:
            return tx.EXCESSIVE_FORCE
        if words & RIOT_CUES:
            return tx.VIOLENT_DEMONSTRATION
        if words & INTERVENTION_CUES:
            return tx.PROTEST_WITH_INTERVENTION
    return sub


def _means(words: set[str]) -> str | None:
    """The weapon the words name, in ACLED's precedence order."""
    if words & CHEMICAL_CUES and words & {"attack", "weapons", "gas", "weapon"}:
        return tx.CHEMICAL
    return next((sub for cues, sub in MEANS if words & cues), None)


def sentence_bounds(token: Token) -> tuple[int, int]:
    """The token indices where the token's sentence starts and ends, found by walking
    from the token (``token.sent`` walks the whole document each time)."""
    doc = token.doc
    start = token.i
    while start > 0 and not doc[start].is_sent_start:
        start -= 1
    end = token.i + 1
    while end < len(doc) and not doc[end].is_sent_start:
        end += 1
    return start, end


def _nearby_words(token: Token) -> set[str]:
    start, end = sentence_bounds(token)
    lo = max(start, token.i - WINDOW)
    hi = min(end, token.i + WINDOW + 1)
    words = {t.lower_ for t in token.doc[lo:hi]}
    words.update(t.lower_ for t in token.subtree if abs(t.i - token.i) <= 2 * WINDOW)
    return words


def _hits_a_person(token: Token) -> bool:
    """Whether the event word's object (or passive subject) is a named person or a
    pronoun for one."""
    hit = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(o.ent_type_ == "PERSON" or o.lower_ in ("him", "her", "he", "she") for o in hit)


def _victim_words(token: Token) -> set[str]:
    """Who the killing told beside the event word hit: "attacks across Paris, killing
    130 people"."""
    found: set[str] = set()
    verb = _governing_verb(token)
    for head in {token, token.head, *([verb] if verb is not None else [])}:
        for child in head.children:
            if child != token and _lemma(child) in CASUALTY_WORDS:
                for grandchild in child.children:
                    if grandchild.dep_ in ("dobj", "nsubjpass"):
                        found.update(t.lower_ for t in grandchild.subtree)
    return found


def _target_words(token: Token) -> set[str]:
    """Words of whoever or whatever the event hit: its object, its passive subject, or
    what an "on"/"against" phrase names."""
    found: set[str] = set()
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "pobj"):
            found.update(t.lower_ for t in child.subtree)
        if child.dep_ == "prep" and child.lower_ in ("on", "against", "at", "of"):
            for grandchild in child.children:
                found.update(t.lower_ for t in grandchild.subtree)
    if token.dep_ in ("acl", "relcl", "amod"):
        found.update(t.lower_ for t in token.head.subtree if t.i < token.i)
    return found


def group(triggers: list[Trigger]) -> list[list[Trigger]]:
    """Event words that report one event, main word first: a killing or wounding joins a
    nearby event word ("the attack killed", "struck ..., killing 25"), a generic word a
    nearby specific one ("strikes ..., targeting"), and two words of one type next to each
    other are one event ("a car bomb exploded")."""
    groups: dict[int, list[Trigger]] = {id(t): [t] for t in triggers}
    owner = {id(t): id(t) for t in triggers}
    for trigger in triggers:
        hosts = [
            other
            for other in triggers
            if other is not trigger and _rank(other) < _rank(trigger) and _joins(trigger, other)
        ]
        if hosts:
            host = min(hosts, key=lambda o: tree_distance(trigger.token, o.token))
            root = owner[id(host)]
            groups[root].extend(groups.pop(owner[id(trigger)]))
            for member in groups[root]:
                owner[id(member)] = root
    ordered = [sorted(members, key=_rank) for members in groups.values()]
    return sorted(ordered, key=lambda members: members[0].token.i)


def _joins(trigger: Trigger, other: Trigger) -> bool:
    """Whether ``trigger`` tells of the same event as ``other``: a killing or a generic
    word near it, or a word of the same type next to it ("a car bomb exploded")."""
    distance = tree_distance(trigger.token, other.token)
    if trigger.casualty or trigger.generic:
        return distance <= 3
    return distance <= 1 and trigger.event_type == other.event_type


def _rank(trigger: Trigger) -> tuple[int, int]:
    """Specific words lead, then generic ones, then killings."""
    return (2 if trigger.casualty else 1 if trigger.generic else 0, trigger.token.i)


def spoken_between(a: Token, b: Token) -> bool:
    """Whether the path from ``a`` to ``b`` in the parse goes through a verb of speech
    that neither of them is ("told reporters on Monday that the attacks ...")."""
    path = tree_path(a, b)
    return any(t not in (a, b) and _lemma(t) in STATEMENT_WORDS for t in path or ())


def tree_distance(a: Token, b: Token) -> int:
    """Dependency steps between two tokens (99 when they are not in one tree)."""
    path = tree_path(a, b)
    return len(path) - 1 if path is not None else 99


def tree_path(a: Token, b: Token) -> list[Token] | None:
    """The tokens from ``a`` up to the lowest head they share and down to ``b``."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return None
    return up_a[: up_a.index(common) + 1] + up_b[: up_b.index(common)][::-1]
