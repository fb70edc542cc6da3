"""ACLED's event types and sub-event types, in its precedence order, and geomap's
words for them.

An event word is typed from its lemma and the words around it: "rocket attack" is a
shelling/missile attack, "drone attacks" an air/drone strike, "attack" alone says only
that something violent happened (a *generic* type, refined by the sentence or by the
incident it is merged into).
"""

from __future__ import annotations

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

# Event words (lemmas) and what they say on their own. "generic" words name violence
# without its means; the sentence refines them (see detect.refine).
GENERIC_VIOLENCE = {"attack", "strike", "raid", "hit", "target", "assault", "offensive",
                    "bombard", "bombardment", "pound", "storm", "ambush"}  # fmt: skip
CASUALTY_WORDS = {"kill", "killing", "die", "dead", "death", "murder", "assassinate",
                  "assassination", "shoot", "shooting", "gun", "machinegun", "stab",
                  "stabbing", "massacre", "execute", "execution", "behead", "slay",
                  "wound", "injure"}  # fmt: skip
SPECIFIC_WORDS: dict[str, str] = {
    "airstrike": AIR_STRIKE, "air-strike": AIR_STRIKE, "airstrikes": AIR_STRIKE,
    "airraid": AIR_STRIKE, "bombing": IED, "bomb": IED, "explosion": IED, "blast": IED,
    "explode": IED, "detonate": IED, "device": IED, "blow": IED, "ied": IED, "landmine": IED,
    "dynamite": IED,
    "shell": SHELLING, "shelling": SHELLING, "rocket": SHELLING, "mortar": SHELLING,
    "missile": SHELLING, "artillery": SHELLING,
    "grenade": GRENADE,
    "clash": ARMED_CLASH, "fight": ARMED_CLASH, "fighting": ARMED_CLASH, "battle": ARMED_CLASH,
    "firefight": ARMED_CLASH, "gunfight": ARMED_CLASH, "skirmish": ARMED_CLASH,
    "recapture": GOVERNMENT_REGAINS, "retake": GOVERNMENT_REGAINS, "regain": GOVERNMENT_REGAINS,
    "liberate": GOVERNMENT_REGAINS,
    "capture": NON_STATE_OVERTAKES, "seize": NON_STATE_OVERTAKES, "overrun": NON_STATE_OVERTAKES,
    "kidnap": ABDUCTION, "kidnapping": ABDUCTION, "abduct": ABDUCTION, "abduction": ABDUCTION,
    "hostage": ABDUCTION,
    "rape": SEXUAL_VIOLENCE,
    "protest": PEACEFUL_PROTEST, "demonstrate": PEACEFUL_PROTEST,
    "demonstration": PEACEFUL_PROTEST, "rally": PEACEFUL_PROTEST, "march": PEACEFUL_PROTEST,
    "sit-in": PEACEFUL_PROTEST, "picket": PEACEFUL_PROTEST,
    "riot": VIOLENT_DEMONSTRATION, "lynch": MOB_VIOLENCE, "lynching": MOB_VIOLENCE,
    "arrest": ARRESTS, "detain": ARRESTS, "apprehend": ARRESTS,
    "loot": LOOTING, "torch": LOOTING, "arson": LOOTING, "ransack": LOOTING,
    "defuse": DISRUPTED_WEAPONS, "ceasefire": AGREEMENT, "truce": AGREEMENT,
}  # fmt: skip

# Words of the sentence that say how an attack was carried out.
AIR_CUES = {"airstrike", "airstrikes", "air", "drone", "drones", "warplane", "warplanes", "jet",
            "jets", "aircraft", "helicopter", "helicopters", "gunship", "gunships", "bomber",
            "bombers", "airforce", "uav", "uavs", "sorties", "sortie"}  # fmt: skip
SHELLING_CUES = {"rocket", "rockets", "mortar", "mortars", "missile", "missiles", "artillery",
                 "shell", "shells", "shelling", "katyusha", "howitzer"}  # fmt: skip
IED_CUES = {"bomb", "bombs", "ied", "ieds", "explosive", "explosives", "landmine", "landmines",
            "mine", "mines", "roadside", "car-bomb", "dynamite", "limpet", "booby", "device",
            "vbied"}  # fmt: skip
SUICIDE_CUES = {"suicide", "self-detonated", "kamikaze"}
GRENADE_CUES = {"grenade", "grenades"}
CHEMICAL_CUES = {"chemical", "chlorine", "sarin", "nerve", "mustard"}
FIREARM_CUES = {"gunmen", "gunman", "shot", "shooting", "gunfire", "rifle", "rifles",
                "machinegun", "machineguns", "machinegunned", "assailants", "shots"}  # fmt: skip
# Who is hit: armed people make a battle, objects a remote attack, others civilians.
ARMED_WORDS = {"soldier", "soldiers", "troops", "troop", "army", "militants", "militant",
               "fighters", "fighter", "rebels", "rebel", "insurgents", "insurgent", "police",
               "policeman", "policemen", "officers", "forces", "guerrillas", "guerrilla",
               "militia", "militias", "militiamen", "jihadists", "terrorists", "terrorist",
               "subversives", "extremists", "gunmen", "patrol", "convoy", "positions",
               "position", "garrison", "guards", "commanders", "battalion", "brigade",
               "checkpoint", "base", "bases", "outpost"}  # fmt: skip
OBJECT_WORDS = {"vessel", "vessels", "ship", "ships", "tanker", "tankers", "facility",
                "facilities", "pipeline", "pipelines", "depot", "depots", "plant", "refinery",
                "installation", "installations", "tower", "towers", "bridge", "bridges",
                "embassy", "building", "buildings", "office", "offices", "station",
                "infrastructure", "oilfield", "airport", "port", "power"}  # fmt: skip
CIVILIAN_WORDS = {"civilian", "civilians", "villagers", "villager", "peasants", "residents",
                  "children", "women", "worshippers", "students", "journalist", "journalists",
                  "protesters", "demonstrators", "farmers", "family", "people", "man", "woman",
                  "boy", "girl", "teacher", "priest", "priests", "doctor", "aid", "workers",
                  "worker", "contractor", "contractors", "mayor", "judge", "leader",
                  "official", "officials", "politician", "candidate", "businessman",
                  "refugees"}  # fmt: skip
INTERVENTION_CUES = {"dispersed", "disperse", "tear", "teargas", "water", "cannon", "arrested",
                     "detained", "baton", "batons", "rubber"}  # fmt: skip
RIOT_CUES = {"riot", "rioters", "rioting", "torched", "stones", "stone-throwing", "looted",
             "vandalised", "vandalized", "violent", "ransacked"}  # fmt: skip
LABOUR_CUES = {"general", "workers", "hunger", "union", "unions", "teachers", "doctors",
               "drivers", "labour", "labor", "nationwide", "go-slow"}  # fmt: skip

# Verbs of speaking (lemmas): what hangs on them is said, not done there ("Tehran says").
SPEECH_LEMMAS = {"say", "tell", "report", "announce", "warn", "claim", "accuse", "blame",
                 "deny", "condemn", "add", "state", "confirm", "quote"}  # fmt: skip
# ... and the words of statements, for dates said rather than of the event.
STATEMENT_WORDS = SPEECH_LEMMAS | {"describe", "reiterate", "express", "laud", "praise",
                                   "statement", "comment"}  # fmt: skip
