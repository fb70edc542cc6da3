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
                    "bombard", "bombardment", "pound", "storm", "ambush",
                    "confrontation"}  # fmt: skip
CASUALTY_WORDS = {"kill", "killing", "die", "dead", "death", "murder", "assassinate",
                  "assassination", "shoot", "shooting", "gun", "machinegun", "stab",
                  "stabbing", "massacre", "execute", "execution", "behead", "slay", "riddle",
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
    "shoot-out": ARMED_CLASH, "shootout": ARMED_CLASH, "gunbattle": ARMED_CLASH,
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
FIREARM_CUES = {"gunmen", "gunman", "shot", "shooting", "gunfire", "rifle", "rifles", "bullets",
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
               "opposition", "48-hour", "24-hour", "72-hour", "one-day", "two-day", "hour",
               "drivers", "labour", "labor", "nationwide", "go-slow"}  # fmt: skip

# Nouns that only point back at an event already told, to say where or when it happened
# ("the incident took place in Puerto Bello", "the target was a paint factory in San
# Diego"): they join that event, never found one.
POINTER_NOUNS = {"incident", "target", "action", "operation"}
# What an event word tells: an act of violence, protest or arrest ("attacked", "bombing"),
# only its outcome ("died", "wounded": someone else's act), or only the weapon of an act
# ("the device", "bombs"). Outcomes and weapons join the act they belong to.
ACT = "act"
OUTCOME = "outcome"
WEAPON = "weapon"
OUTCOME_WORDS = {"die", "dead", "death", "wound", "injure", "injury", "casualty"}
WEAPON_NOUNS = {"bomb", "device", "ied", "landmine", "mine", "rocket", "missile", "mortar",
                "shell", "grenade", "explosive", "dynamite"}  # fmt: skip
# Nouns and verbs of justice and inquiry: an event named under them ("charged with
# murder", "a probe into the explosion") is referred to, not told.
JUDICIAL_WORDS = {"charge", "trial", "convict", "conviction", "indict", "indictment",
                  "accuse", "accusation", "sentence", "plead", "prosecute", "prosecution",
                  "testify", "testimony", "investigation", "investigate", "probe", "suspect",
                  "complicity", "acquit", "guilty", "connection", "involvement", "link",
                  "accused", "allegedly", "anniversary", "memorial", "commemorate"}  # fmt: skip
# Spans of time long enough that deaths counted over them are a statistic, not an event.
PERIOD_WORDS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "decade",
                "decades", "end"}  # fmt: skip
# Adverbials of repetition: "35 soldiers are killed every day".
HABITUAL_WORDS = {"every", "each", "per", "daily", "weekly", "monthly", "yearly",
                  "annually", "regularly", "routinely", "often", "frequently", "usually",
                  "commonplace", "common", "frequent", "regular", "typical"}  # fmt: skip
# Words of explosions that are accidents, not attacks: "a gas explosion", "the boiler blew".
ACCIDENT_CUES = {"gas", "boiler", "cylinder", "leak", "leaking", "methane", "firework",
                 "fireworks", "industrial", "factory", "refinery", "short-circuit",
                 "transformer", "pressure", "cooker", "stove", "heater", "propane",
                 "butane", "coal", "dust"}  # fmt: skip
# Parties that make a clash a riot or a protest rather than a battle.
PROTESTER_PARTIES = {"protesters", "protester", "demonstrators", "demonstrator", "students",
                     "student", "rioters", "rioter", "mob", "mobs", "crowd", "crowds",
                     "fans", "youths", "activists", "strikers"}  # fmt: skip
SECURITY_PARTIES = {"police", "policemen", "officers", "troops", "soldiers", "forces",
                    "security", "guardsmen", "guards", "army", "gendarmes",
                    "riot"}  # fmt: skip
COMMUNAL_CUES = {"ethnic", "sectarian", "communal", "tribal", "clan", "inter-communal",
                 "interethnic", "religious"}  # fmt: skip
# Blades and vehicles: their attacks are on people, not remote violence.
MELEE_CUES = {"knife", "knives", "stab", "stabbed", "stabbing", "machete", "machetes", "axe",
              "van", "truck", "lorry", "car-ramming", "ramming", "rammed", "sword",
              "hatchet", "knife-wielding", "van-and-knife"}  # fmt: skip
TERROR_CUES = {"terror", "terrorist", "terrorism"}
# Modifiers of an event word that name its means: "rocket attack", "drone strikes".
MEANS_WORDS = (AIR_CUES | SHELLING_CUES | IED_CUES | SUICIDE_CUES | GRENADE_CUES
               | CHEMICAL_CUES | FIREARM_CUES | MELEE_CUES)  # fmt: skip
# Wounds that only a weapon makes, beside the firearms and blades named above: "died of
# gunshot wounds".
WOUND_CAUSES = {"gunshot", "gunshots", "bullet", "shrapnel"}
# Killing words that name their means: a shooting is no generic "attack".
MEANS_CASUALTY_WORDS = {"shoot", "shooting", "gun", "machinegun", "stab", "stabbing", "behead",
                        "execute", "execution", "massacre", "riddle"}  # fmt: skip
# What a "strike", "hit" or "target" done with these is not violence: "targeted 13
# officials with sanctions", "hit the firm with a fine".
NONVIOLENT_MEANS = {"sanction", "sanctions", "tariff", "tariffs", "fine", "fines", "criticism",
                    "lawsuit", "lawsuits", "ban", "restrictions", "measures", "ads",
                    "advertising", "propaganda", "tax", "taxes", "audit", "virus", "disease",
                    "cancer", "poverty", "prices", "inflation"}  # fmt: skip
# Nouns that count or deny events rather than tell one: "the rate of attacks", "the
# number of attacks", "denied rumours of a coup".
COUNT_HEADS = {"rate", "number", "frequency", "spate", "tally", "total", "count", "pattern",
               "history", "statistic", "statistics", "deny", "denial", "rumour", "rumor",
               "figure", "figures", "toll"}  # fmt: skip
# Animals, whose attacks are no political violence ("a killer bee attack").
ANIMALS = {"bee", "bees", "dog", "dogs", "shark", "sharks", "bear", "bears", "snake",
           "snakes", "wolf", "wolves", "lion", "lions", "tiger", "crocodile", "alligator",
           "elephant", "elephants", "horse", "bull", "animal", "animals", "wasp", "hornet",
           "pit", "cougar", "leopard", "hippo", "toad", "toads", "frog", "frogs", "bird",
           "birds", "whale", "whales", "cow", "cows", "fish"}  # fmt: skip
# Modifiers of "attack" that make it no violence at all.
AILMENTS = {"heart", "panic", "asthma", "anxiety", "cyber", "cyber-attack", "allergy",
            "gout", "migraine"}  # fmt: skip
# Words around a "demonstration" that make it a protest, not a show ("cooking
# demonstrations").
PROTEST_CUES = {"protest", "protests", "protesters", "protestors", "against", "demand",
                "demanding", "slogans", "chanting", "rally", "march", "crowd", "crowds",
                "police", "supporters", "opposition", "government", "students", "thousands",
                "hundreds", "anti-government", "banners", "placards", "riot", "tear",
                "dispersed", "activists", "workers", "strike", "pro-government"}  # fmt: skip
# What kills in accidents, disasters and illness: deaths told with them are no incident.
MISHAP_WORDS = {"accident", "crash", "wreck", "collision", "blaze", "flood", "flooding",
                "storm", "tornado", "hurricane", "cyclone", "earthquake", "avalanche",
                "landslide", "mudslide", "drowning", "overdose", "disease", "illness",
                "cancer", "virus", "infection", "epidemic", "outbreak", "derailment",
                "lightning", "heatwave", "stampede", "malnutrition", "diabetes", "leukemia",
                "pneumonia", "flu", "cholera", "ebola", "covid-19", "traffic", "aids", "hiv",
                "malaria", "tuberculosis", "bacteria", "bacterium", "liquor", "alcohol",
                "tsunami", "typhoon", "wildfire", "famine", "drought", "mercury",
                "poisoning", "starvation", "exposure", "hypothermia"}  # fmt: skip
# Modifiers and objects that make a "battle" or a "fight" no violence: "a legal battle",
# "battled a blaze", "fighting cancer".
PEACEFUL_STRUGGLES = {"legal", "court", "political", "custody", "electoral", "verbal",
                      "uphill", "budget", "bidding", "public", "personal", "long-running",
                      "fire", "blaze", "flames", "cancer", "disease", "illness", "addiction",
                      "odds", "corruption", "poverty", "charges", "case", "inflation",
                      "crime", "drugs", "obesity", "virus", "election", "bill", "aids",
                      "hiv", "malaria", "tuberculosis", "epidemic", "outbreak", "hunger",
                      "girlfriend", "boyfriend", "wife", "husband"}  # fmt: skip
# Words that put an arrest in a conflict or a political frame (ACLED codes those, not
# ordinary criminal arrests).
POLITICAL_WORDS = {"treason", "terrorism", "terrorist", "terrorists", "protest", "protests",
                   "protesters", "demonstrators", "activist", "activists", "opposition",
                   "journalist", "journalists", "rebel", "rebels", "militant", "militants",
                   "insurgent", "insurgents", "coup", "sedition", "extremist", "extremists",
                   "jihadist", "jihadists", "spy", "espionage", "dissident", "dissidents",
                   "separatist", "separatists", "guerrilla", "guerrillas", "militia",
                   "attack", "bombing", "assassination", "plot", "riot", "rioters",
                   "politician", "lawmaker", "general", "officers", "soldiers",
                   "leftists", "communist", "cartel", "gang"}  # fmt: skip
# Verbs that make a bare plural event noun a trend, not an event: "arrests have grown".
TREND_VERBS = {"accelerate", "increase", "rise", "grow", "mount", "escalate", "intensify",
               "decline", "drop", "fall", "surge", "spike", "soar", "double", "triple",
               "decrease"}  # fmt: skip
# Verbs whose object, when it is a weapon, was used: "threw an explosive device at".
USING_VERBS = {"throw", "hurl", "lob", "toss", "fire", "launch", "drop", "detonate", "explode",
               "set", "shoot"}  # fmt: skip
# Verbs whose subject, when it is a weapon, did the harm: "a bomb destroyed the booth".
HARM_VERBS = {"explode", "detonate", "go", "blast", "rip", "tear", "destroy", "damage", "kill",
              "wound", "injure", "hit", "strike", "shatter", "wreck", "level", "flatten",
              "land", "slam", "demolish", "claim", "devastate", "burst", "blow"}  # fmt: skip

# Verbs of speaking (lemmas): what hangs on them is said, not done there ("Tehran says").
# Verbs whose subject is where things happen ("Mosul saw heavy fighting"), unlike the
# subject of other verbs, which acts ("Washington will face consequences").
PLACE_SUBJECT_VERBS = {"see", "witness", "experience", "suffer", "endure", "record", "erupt",
                       "remain", "be", "become"}  # fmt: skip
SPEECH_LEMMAS = {"say", "tell", "report", "announce", "warn", "claim", "accuse", "blame",
                 "deny", "condemn", "add", "state", "confirm", "quote"}  # fmt: skip
# ... and the words of statements, for dates said rather than of the event.
STATEMENT_WORDS = SPEECH_LEMMAS | {"describe", "reiterate", "express", "laud", "praise",
                                   "statement", "comment", "speak"}  # fmt: skip
