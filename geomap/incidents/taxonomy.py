"""ACLED's event types and sub-event types, in its precedence order, and the event
words (``geomap.lexicon.events``) that name each type on their own.

An event word is typed from its lemma and the words around it: "rocket attack" is a
shelling/missile attack, "drone attacks" an air/drone strike, "attack" alone says only
that something violent happened (a *generic* type, refined by the sentence or by the
incident it is merged into).
"""

from __future__ import annotations

from geomap.lexicon.events import (
    ABDUCTION_WORDS,
    AGREEMENT_WORDS,
    AIR_STRIKE_WORDS,
    ARMED_CLASH_WORDS,
    ARRESTS_WORDS,
    DISRUPTED_WEAPONS_WORDS,
    GOVERNMENT_REGAINS_WORDS,
    GRENADE_WORDS,
    IED_WORDS,
    LOOTING_WORDS,
    MOB_VIOLENCE_WORDS,
    NON_STATE_OVERTAKES_WORDS,
    PEACEFUL_PROTEST_WORDS,
    SEXUAL_VIOLENCE_WORDS,
    SHELLING_WORDS,
    VIOLENT_DEMONSTRATION_WORDS,
)

BATTLES = "Battles"
PROTESTS = "Protests"
RIOTS = "Riots"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
STRATEGIC = "Strategic developments"

# Event types and their sub-event types, each in ACLED's precedence order.
TAXONOMY: dict[str, tuple[str, ...]] = {
    BATTLES: (
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Armed clash",
    ),
    PROTESTS: (
        "Excessive force against protesters",
        "Protest with intervention",
        "Peaceful protest",
    ),
    RIOTS: ("Violent demonstration", "Mob violence"),
    EXPLOSIONS: (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    VIOLENCE_AGAINST_CIVILIANS: ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    STRATEGIC: (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
EVENT_TYPE_OF = {sub: event for event, subs in TAXONOMY.items() for sub in subs}
# Lower is more important: the order above, types first.
PRECEDENCE = {sub: rank for rank, sub in enumerate(EVENT_TYPE_OF)}

AIR_STRIKE = "Air/drone strike"
SHELLING = "Shelling/artillery/missile attack"
IED = "Remote explosive/landmine/IED"
SUICIDE_BOMB = "Suicide bomb"
GRENADE = "Grenade"
CHEMICAL = "Chemical weapon"
ARMED_CLASH = "Armed clash"
GOVERNMENT_REGAINS = "Government regains territory"
NON_STATE_OVERTAKES = "Non-state actor overtakes territory"
ATTACK = "Attack"
ABDUCTION = "Abduction/forced disappearance"
SEXUAL_VIOLENCE = "Sexual violence"
PEACEFUL_PROTEST = "Peaceful protest"
PROTEST_WITH_INTERVENTION = "Protest with intervention"
EXCESSIVE_FORCE = "Excessive force against protesters"
VIOLENT_DEMONSTRATION = "Violent demonstration"
MOB_VIOLENCE = "Mob violence"
ARRESTS = "Arrests"
LOOTING = "Looting/property destruction"
DISRUPTED_WEAPONS = "Disrupted weapons use"
AGREEMENT = "Agreement"

# Event words (lemmas) that name their sub-event type on their own; "generic" words
# (``GENERIC_VIOLENCE``) name violence without its means, and the sentence refines them
# (see detect.refine).
SPECIFIC_WORDS: dict[str, str] = {
    word: sub_event_type
    for words, sub_event_type in (
        (AIR_STRIKE_WORDS, AIR_STRIKE),
        (IED_WORDS, IED),
        (SHELLING_WORDS, SHELLING),
        (GRENADE_WORDS, GRENADE),
        (ARMED_CLASH_WORDS, ARMED_CLASH),
        (GOVERNMENT_REGAINS_WORDS, GOVERNMENT_REGAINS),
        (NON_STATE_OVERTAKES_WORDS, NON_STATE_OVERTAKES),
        (ABDUCTION_WORDS, ABDUCTION),
        (SEXUAL_VIOLENCE_WORDS, SEXUAL_VIOLENCE),
        (PEACEFUL_PROTEST_WORDS, PEACEFUL_PROTEST),
        (VIOLENT_DEMONSTRATION_WORDS, VIOLENT_DEMONSTRATION),
        (MOB_VIOLENCE_WORDS, MOB_VIOLENCE),
        (ARRESTS_WORDS, ARRESTS),
        (LOOTING_WORDS, LOOTING),
        (DISRUPTED_WEAPONS_WORDS, DISRUPTED_WEAPONS),
        (AGREEMENT_WORDS, AGREEMENT),
    )
    for word in words
}

# What an event word tells: an act of violence, protest or arrest ("attacked", "bombing"),
# only its outcome ("died", "wounded": someone else's act), or only the weapon of an act
# ("the device", "bombs"). Outcomes and weapons join the act they belong to.
ACT = "act"
OUTCOME = "outcome"
WEAPON = "weapon"
