"""Words of events: those that tell an incident, type it by ACLED's sub-event types,
join it to another, or show that no incident is told.

Words are lemmas unless a comment says "forms" (words as written, in lower case).
"""

# -- event words ---------------------------------------------------------------------------

# Event words that name violence without its means; the sentence refines them.
GENERIC_VIOLENCE = {"attack", "strike", "raid", "hit", "target", "assault", "offensive",
                    "bombard", "bombardment", "pound", "storm", "ambush",
                    "confrontation"}  # fmt: skip
# Words of killing and wounding.
CASUALTY_WORDS = {"kill", "killing", "die", "dead", "death", "murder", "assassinate",
                  "assassination", "shoot", "shooting", "gun", "machinegun", "stab",
                  "stabbing", "massacre", "execute", "execution", "behead", "slay", "riddle",
                  "wound", "injure"}  # fmt: skip
# ... those of them that are event words as nouns too ("the shooting").
CASUALTY_NOUNS = {"shooting", "killing", "murder", "assassination", "massacre", "execution",
                  "stabbing"}  # fmt: skip
# ... and those that name their means: a shooting is no generic "attack".
MEANS_CASUALTY_WORDS = {"shoot", "shooting", "gun", "machinegun", "stab", "stabbing", "behead",
                        "execute", "execution", "massacre", "riddle"}  # fmt: skip

# Event words that name their sub-event type on their own, one list a type.
AIR_STRIKE_WORDS = {"airstrike", "air-strike", "airstrikes", "airraid"}
IED_WORDS = {"bombing", "bomb", "explosion", "blast", "explode", "detonate", "device", "blow",
             "ied", "landmine", "dynamite"}  # fmt: skip
SHELLING_WORDS = {"shell", "shelling", "rocket", "mortar", "missile", "artillery"}
GRENADE_WORDS = {"grenade"}
ARMED_CLASH_WORDS = {"clash", "fight", "fighting", "battle", "firefight", "gunfight",
                     "skirmish", "shoot-out", "shootout", "gunbattle"}  # fmt: skip
GOVERNMENT_REGAINS_WORDS = {"recapture", "retake", "regain", "liberate"}
NON_STATE_OVERTAKES_WORDS = {"capture", "seize", "overrun"}
ABDUCTION_WORDS = {"kidnap", "kidnapping", "abduct", "abduction", "hostage"}
SEXUAL_VIOLENCE_WORDS = {"rape"}
PEACEFUL_PROTEST_WORDS = {"protest", "demonstrate", "demonstration", "rally", "march", "sit-in",
                          "picket"}  # fmt: skip
VIOLENT_DEMONSTRATION_WORDS = {"riot"}
MOB_VIOLENCE_WORDS = {"lynch", "lynching"}
ARRESTS_WORDS = {"arrest", "detain", "apprehend"}
LOOTING_WORDS = {"loot", "torch", "arson", "ransack"}
DISRUPTED_WEAPONS_WORDS = {"defuse"}
AGREEMENT_WORDS = {"ceasefire", "truce"}

# Event nouns: as a subject they are not the actor, their modifiers are ("US airstrikes").
EVENT_NOUNS = frozenset(
    {
        "attack", "airstrike", "strike", "bombing", "bomb", "explosion", "blast", "raid",
        "shelling", "assault", "offensive", "ambush", "shooting", "clash", "fighting",
        "operation", "campaign", "rocket", "missile", "drone", "fire", "violence", "riot",
        "protest", "killing", "massacre", "abduction", "kidnapping", "assassination",
        "barrage", "incursion", "invasion", "crackdown", "battle", "air", "mortar",
    }
)  # fmt: skip
# Nouns that only point back at an event already told, to say where or when it happened
# ("the incident took place in Puerto Bello"): they join that event, never found one.
POINTER_NOUNS = {"incident", "target", "action", "operation"}
# Verbs of a sentence that only says where or when an event was ("took place in").
LOCATING_VERBS = {"take", "occur", "happen", "be"}
# Words that tell only an event's outcome ("died", "wounded": someone else's act).
OUTCOME_WORDS = {"die", "dead", "death", "wound", "injure", "injury", "casualty"}
# Munitions: "two rockets landed" is one event with two rockets, not two events.
MUNITIONS = {"rocket", "missile", "mortar", "shell", "bomb", "grenade", "mine", "landmine",
             "ied", "explosive"}  # fmt: skip
# Words that tell only the weapon of an act ("the device", "bombs"): they join the act.
WEAPON_NOUNS = MUNITIONS | {"device", "dynamite"}
# Weapons and craft: as agents they stand for whoever flies or fires them.
ACTING_WEAPONS = frozenset(
    {"aircraft", "jet", "warplane", "drone", "helicopter", "plane", "tank", "artillery",
     "gunboat", "rocket", "missile", "mortar"}
)  # fmt: skip
# What is fired when "fire" is violence.
FIRED_THINGS = {"rocket", "missile", "shot", "bullet", "round", "shell", "mortar", "gas",
                "cannon", "weapon", "gun", "grenade", "salvo", "volley", "canister", "pellet",
                "projectile", "artillery", "flare", "arrow"}  # fmt: skip
# Verbs that make an event noun object the subject's act ("militants launched an attack").
LIGHT_VERBS = frozenset(
    {"launch", "carry", "conduct", "stage", "mount", "perform", "execute", "claim", "order",
     "commit", "unleash", "step", "continue", "begin", "start", "wage", "make"}
)  # fmt: skip
# Event nouns whose "of" phrase is the victim ("the killing of protesters").
VICTIM_OF_NOUNS = frozenset(
    {"killing", "murder", "massacre", "assassination", "abduction", "kidnapping",
     "execution", "arrest", "detention", "shooting", "torture", "beating", "death"}
)  # fmt: skip
# Verbs whose object an event noun subject hits ("the strike killed four fighters").
HITTING_VERBS = frozenset(
    {"hit", "kill", "target", "strike", "wound", "injure", "kidnap", "abduct", "attack"}
)
# Verbs whose object, when it is a weapon, was used: "threw an explosive device at".
USING_VERBS = {"throw", "hurl", "lob", "toss", "fire", "launch", "drop", "detonate", "explode",
               "set", "shoot"}  # fmt: skip
# Verbs whose subject, when it is a weapon, did the harm: "a bomb destroyed the booth".
HARM_VERBS = {"explode", "detonate", "go", "blast", "rip", "tear", "destroy", "damage", "kill",
              "wound", "injure", "hit", "strike", "shatter", "wreck", "level", "flatten",
              "land", "slam", "demolish", "claim", "devastate", "burst", "blow"}  # fmt: skip
# Verbs that make a ceasefire an agreement of the day ("agreed a ceasefire").
AGREEING_VERBS = {"agree", "sign", "declare", "announce", "reach", "broker", "accept",
                  "conclude", "seal", "strike"}  # fmt: skip

# -- deaths (forms) ------------------------------------------------------------------------

# Verbs whose object (active) or subject (passive) are the dead.
KILL_WORDS = frozenset(
    {
        "kill", "kills", "killed", "killing",
        "slay", "slays", "slew", "slain", "slaying",
        "murder", "murders", "murdered", "murdering",
        "execute", "executes", "executed", "executing",
        "assassinate", "assassinates", "assassinated", "assassinating",
        "massacre", "massacres", "massacred", "massacring",
        "behead", "beheads", "beheaded", "beheading",
    }
)  # fmt: skip
# Verbs whose subject is the dead.
DIE_WORDS = frozenset({"die", "dies", "died", "dying", "perish", "perished", "perishes"})
# Nouns that carry their own count: "30 deaths", "the deaths of 12 people".
DEATH_NOUNS = frozenset({"death", "deaths", "fatality", "fatalities", "bodies", "body"})
# Words of wounds, which are never deaths: a count is not read across them.
WOUND_WORDS = frozenset(
    {
        "wound", "wounds", "wounded", "wounding", "injure", "injures", "injured", "injuring",
        "injury", "injuries", "hurt", "hurting", "maimed", "hospitalised", "hospitalized",
    }
)  # fmt: skip
# Verbs of "lost their lives".
LOSE_WORDS = frozenset({"lose", "loses", "lost", "losing"})
# Wounds that only a weapon makes, beside the firearms and blades named below: "died of
# gunshot wounds" (forms).
WOUND_CAUSES = {"gunshot", "gunshots", "bullet", "shrapnel"}

# -- means: words of the sentence that say how an attack was carried out (forms) ------------

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
# Blades and vehicles: their attacks are on people, not remote violence.
MELEE_CUES = {"knife", "knives", "stab", "stabbed", "stabbing", "machete", "machetes", "axe",
              "van", "truck", "lorry", "car-ramming", "ramming", "rammed", "sword",
              "hatchet", "knife-wielding", "van-and-knife"}  # fmt: skip
TERROR_CUES = {"terror", "terrorist", "terrorism"}
# Modifiers of an event word that name its means: "rocket attack", "drone strikes".
MEANS_WORDS = (AIR_CUES | SHELLING_CUES | IED_CUES | SUICIDE_CUES | GRENADE_CUES
               | CHEMICAL_CUES | FIREARM_CUES | MELEE_CUES)  # fmt: skip

# -- who or what is hit, and who faces whom (forms) ----------------------------------------

# Things: hitting them makes a remote attack.
OBJECT_WORDS = {"vessel", "vessels", "ship", "ships", "tanker", "tankers", "facility",
                "facilities", "pipeline", "pipelines", "depot", "depots", "plant", "refinery",
                "installation", "installations", "tower", "towers", "bridge", "bridges",
                "embassy", "building", "buildings", "office", "offices", "station",
                "infrastructure", "oilfield", "airport", "port", "power"}  # fmt: skip
# Words of the police's answer to a protest.
INTERVENTION_CUES = {"dispersed", "disperse", "tear", "teargas", "water", "cannon", "arrested",
                     "detained", "baton", "batons", "rubber"}  # fmt: skip
# Words of a riot.
RIOT_CUES = {"riot", "rioters", "rioting", "torched", "stones", "stone-throwing", "looted",
             "vandalised", "vandalized", "violent", "ransacked"}  # fmt: skip
# Words that make a "strike" a labour strike.
LABOUR_CUES = {"general", "workers", "hunger", "union", "unions", "teachers", "doctors",
               "opposition", "48-hour", "24-hour", "72-hour", "one-day", "two-day", "hour",
               "drivers", "labour", "labor", "nationwide", "go-slow"}  # fmt: skip
# Words of a fight between communities: mob violence.
COMMUNAL_CUES = {"ethnic", "sectarian", "communal", "tribal", "clan", "inter-communal",
                 "interethnic", "religious"}  # fmt: skip
# Words around a "demonstration" that make it a protest, not a show ("cooking
# demonstrations").
PROTEST_CUES = {"protest", "protests", "protesters", "protestors", "against", "demand",
                "demanding", "slogans", "chanting", "rally", "march", "crowd", "crowds",
                "police", "supporters", "opposition", "government", "students", "thousands",
                "hundreds", "anti-government", "banners", "placards", "riot", "tear",
                "dispersed", "activists", "workers", "strike", "pro-government"}  # fmt: skip
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

# -- no incident told ----------------------------------------------------------------------

# Verbs whose complement has not (yet) happened: "threatened to attack", "plans to strike".
INTENT_VERBS = {"threaten", "vow", "plan", "seek", "try", "attempt", "want", "intend",
                "prepare", "aim", "look", "pledge", "promise", "warn", "decide", "hope",
                "expect", "order", "urge", "call", "need", "continue"}  # fmt: skip
# Verbs and nouns under which an event word is averted or only feared.
PREVENTING_HEADS = {"prevent", "deter", "stop", "cease", "halt", "avoid", "end", "foil",
                    "thwart", "threat", "fear", "risk", "warning", "possibility", "prospect",
                    "danger", "plan", "plot", "call", "ban", "prohibit", "against"}  # fmt: skip
# Nouns that count or deny events rather than tell one: "the rate of attacks", "the
# number of attacks", "denied rumours of a coup".
COUNT_HEADS = {"rate", "number", "frequency", "spate", "tally", "total", "count", "pattern",
               "history", "statistic", "statistics", "deny", "denial", "rumour", "rumor",
               "figure", "figures", "toll"}  # fmt: skip
# Verbs that make a bare plural event noun a trend, not an event: "arrests have grown".
TREND_VERBS = {"accelerate", "increase", "rise", "grow", "mount", "escalate", "intensify",
               "decline", "drop", "fall", "surge", "spike", "soar", "double", "triple",
               "decrease"}  # fmt: skip
# Nouns and verbs of justice and inquiry: an event named under them ("charged with
# murder", "a probe into the explosion") is referred to, not told.
JUDICIAL_WORDS = {"charge", "trial", "convict", "conviction", "indict", "indictment",
                  "accuse", "accusation", "sentence", "plead", "prosecute", "prosecution",
                  "testify", "testimony", "investigation", "investigate", "probe", "suspect",
                  "complicity", "acquit", "guilty", "connection", "involvement", "link",
                  "accused", "allegedly", "anniversary", "memorial", "commemorate"}  # fmt: skip
# Words of explosions that are accidents, not attacks: "a gas explosion", "the boiler blew"
# (forms).
ACCIDENT_CUES = {"gas", "boiler", "cylinder", "leak", "leaking", "methane", "firework",
                 "fireworks", "industrial", "factory", "refinery", "short-circuit",
                 "transformer", "pressure", "cooker", "stove", "heater", "propane",
                 "butane", "coal", "dust"}  # fmt: skip
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
# What a "strike", "hit" or "target" done with these is not violence: "targeted 13
# officials with sanctions", "hit the firm with a fine" (forms).
NONVIOLENT_MEANS = {"sanction", "sanctions", "tariff", "tariffs", "fine", "fines", "criticism",
                    "lawsuit", "lawsuits", "ban", "restrictions", "measures", "ads",
                    "advertising", "propaganda", "tax", "taxes", "audit", "virus", "disease",
                    "cancer", "poverty", "prices", "inflation"}  # fmt: skip
# Modifiers and objects that make a "battle" or a "fight" no violence: "a legal battle",
# "battled a blaze", "fighting cancer" (forms).
PEACEFUL_STRUGGLES = {"legal", "court", "political", "custody", "electoral", "verbal",
                      "uphill", "budget", "bidding", "public", "personal", "long-running",
                      "fire", "blaze", "flames", "cancer", "disease", "illness", "addiction",
                      "odds", "corruption", "poverty", "charges", "case", "inflation",
                      "crime", "drugs", "obesity", "virus", "election", "bill", "aids",
                      "hiv", "malaria", "tuberculosis", "epidemic", "outbreak", "hunger",
                      "girlfriend", "boyfriend", "wife", "husband"}  # fmt: skip
# Animals, whose attacks are no political violence ("a killer bee attack") (forms).
ANIMALS = {"bee", "bees", "dog", "dogs", "shark", "sharks", "bear", "bears", "snake",
           "snakes", "wolf", "wolves", "lion", "lions", "tiger", "crocodile", "alligator",
           "elephant", "elephants", "horse", "bull", "animal", "animals", "wasp", "hornet",
           "pit", "cougar", "leopard", "hippo", "toad", "toads", "frog", "frogs", "bird",
           "birds", "whale", "whales", "cow", "cows", "fish"}  # fmt: skip
# Modifiers of "attack" that make it no violence at all (forms).
AILMENTS = {"heart", "panic", "asthma", "anxiety", "cyber", "cyber-attack", "allergy",
            "gout", "migraine"}  # fmt: skip
