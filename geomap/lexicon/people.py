"""People, groups, titles and organisations: who can be an actor or a victim, and who not."""

# -- who is hit ----------------------------------------------------------------------------

# Armed people and their posts: hitting them makes a battle.
ARMED_WORDS = {"soldier", "soldiers", "troops", "troop", "army", "militants", "militant",
               "fighters", "fighter", "rebels", "rebel", "insurgents", "insurgent", "police",
               "policeman", "policemen", "officers", "forces", "guerrillas", "guerrilla",
               "militia", "militias", "militiamen", "jihadists", "terrorists", "terrorist",
               "subversives", "extremists", "gunmen", "patrol", "convoy", "positions",
               "position", "garrison", "guards", "commanders", "battalion", "brigade",
               "checkpoint", "base", "bases", "outpost"}  # fmt: skip
# Unarmed people: hitting them makes an attack on civilians.
CIVILIAN_WORDS = {"civilian", "civilians", "villagers", "villager", "peasants", "residents",
                  "children", "women", "worshippers", "students", "journalist", "journalists",
                  "protesters", "demonstrators", "farmers", "family", "people", "man", "woman",
                  "boy", "girl", "teacher", "priest", "priests", "doctor", "aid", "workers",
                  "worker", "contractor", "contractors", "mayor", "judge", "leader",
                  "official", "officials", "politician", "candidate", "businessman",
                  "refugees"}  # fmt: skip
# Nouns for people, beside the civilians and the armed above: "executed four hostages".
PERSON_NOUNS = {"hostage", "hostages", "prisoner", "prisoners", "men", "person", "persons",
                "members", "member", "suspects", "suspect", "captives", "captive", "detainees",
                "victims"}  # fmt: skip
# Parties that make a clash a riot or a protest rather than a battle.
PROTESTER_PARTIES = {"protesters", "protester", "demonstrators", "demonstrator", "students",
                     "student", "rioters", "rioter", "mob", "mobs", "crowd", "crowds",
                     "fans", "youths", "activists", "strikers"}  # fmt: skip
# ... and the forces they face.
SECURITY_PARTIES = {"police", "policemen", "officers", "troops", "soldiers", "forces",
                    "security", "guardsmen", "guards", "army", "gendarmes",
                    "riot"}  # fmt: skip
# Subjects that make "gathered" or "took to the streets" a protest.
PROTESTER_WORDS = {"protesters", "demonstrators", "protestors", "thousands", "hundreds",
                   "supporters", "crowds", "students", "workers", "residents"}  # fmt: skip
# Nouns of people: a place on them says where they are from or live, not where an
# event happened ("a Beijing resident", "Kurdish activists in Germany").
PEOPLE_WORDS = {"resident", "residents", "native", "natives", "people", "citizen", "citizens",
                "official", "officials", "police", "troops", "soldiers", "forces", "activists",
                "demonstrators", "protesters", "students", "workers", "man", "woman", "men",
                "women", "fighters", "militants", "rebels", "refugees", "supporters",
                "authorities", "government", "leaders", "mayor", "governor", "ambassador",
                "minister", "president", "embassy", "team", "family", "villagers"}  # fmt: skip

# -- victims and tolls ---------------------------------------------------------------------

# Singular nouns that are not one person even with "a"/"the" before them.
NOT_ONE_PERSON = frozenset(
    {
        "family", "crowd", "group", "convoy", "unit", "patrol", "team", "squad", "people",
        "number", "dozen", "lot", "couple", "handful", "few", "attack", "plan", "order",
        "operation", "deal", "bill", "project", "toll", "bodies", "body",
    }
)  # fmt: skip
# Victim words that name nobody in particular: such tolls never add to another.
GENERAL_VICTIMS = frozenset({"people", "person", "victim", "life", "other", "more"})

# -- actors --------------------------------------------------------------------------------

# Short names of states, which act through their forces ("US airstrikes").
STATE_ABBREVIATIONS = frozenset({"us", "u.s.", "usa", "u.s.a.", "uk", "u.k.", "uae", "eu"})
# Actor phrases that name nobody: "no group has claimed the attack".
NOBODY_ACTORS = {"group", "no group", "nobody", "no one", "someone", "one", "unknown"}
# Nouns for places, buildings, things, times and gatherings: targets, but not actors.
NON_ACTOR_NOUNS = frozenset(
    {
        "location", "site", "facility", "base", "building", "house", "home", "village",
        "town", "city", "area", "region", "district", "province", "position", "target",
        "depot", "vehicle", "car", "truck", "checkpoint", "office", "headquarters",
        "compound", "camp", "market", "school", "hospital", "mosque", "church", "temple",
        "road", "bridge", "infrastructure", "warehouse", "airport", "embassy", "ship",
        "tanker", "field", "pipeline", "weapon", "storage", "plant", "station", "port",
        "border", "street", "neighbourhood", "neighborhood", "property", "shop", "store",
        "bank", "hotel", "restaurant", "consulate", "palace", "prison", "tower",
        "capital", "country", "territory", "land", "crop", "farm", "installation",
        "stronghold", "hideout", "arsenal", "equipment", "aircraft", "plane", "helicopter",
        "boat", "bus", "train", "convoy", "place", "structure", "zone", "front",
        "gas", "bullet", "round", "shot", "shell", "grenade", "stone", "rock", "cannon",
        "ammunition", "explosive", "device", "tank", "artillery", "jet", "warplane",
        "dawn", "dusk", "night", "morning", "evening", "afternoon", "noon", "midnight",
        "time", "hour", "day", "week", "wedding", "funeral", "ceremony", "gathering",
        "rally", "meeting", "celebration", "event",
    }
)  # fmt: skip

# -- titles --------------------------------------------------------------------------------

# Titles and offices before a person's name, in full and abbreviated.
PERSONAL_TITLES = frozenset(
    """president minister general gen colonel col lt maj capt sgt commander mr mrs ms dr
    senator sen ambassador judge governor mayor prince king sheikh""".split()
)
# Words in or beside a name that make it a person's, not a place's ("Gen. Giap"), for the
# locator: the titles, and offices that stand before or after a name.
TITLE_WORDS = PERSONAL_TITLES | {
    "prime", "sheik", "chairman", "leader", "secretary", "spokesman", "spokeswoman",
    "emir", "chief", "director",
}  # fmt: skip
# Titles that re-cased text capitalises with the name after them ("PRESIDENT ALFREDO
# CRISTIANI", "FATHER ELLACURIA").
NAME_TITLES = PERSONAL_TITLES | frozenset(
    """vice lieutenant major captain sergeant corporal cpl admiral miss father bishop
    archbishop monsignor msgr deputy gov queen pope ayatollah rev reverend brother
    sister""".split()
)

# -- organisations -------------------------------------------------------------------------

# Military units, named by the word before them ("ATONAL BATTALION").
MILITARY_UNITS = frozenset({"battalion", "brigade", "regiment"})
# Nouns that make a name an organisation's ("Popular Mobilisation Forces").
ORGANISATION_NOUNS = MILITARY_UNITS | {
    "army", "forces", "front", "division", "party", "movement", "council", "committee",
    "organization", "organisation", "union", "alliance", "commission", "guard",
}  # fmt: skip
# Words in or beside a name that make it an organisation, not a place, for the locator
# ("Syrian Arab Army", "Jaysh al-Islam").
ORGANISATION_WORDS = ORGANISATION_NOUNS | {
    "force", "brigades", "corps", "group", "ministry", "agency", "news", "tv", "television",
    "radio", "units", "observatory", "network", "press", "company", "corporation",
    "coalition", "militia", "navy", "islamic", "jaysh", "jabhat", "harakat", "liwa", "liwaa",
    "faylaq", "kataib", "ahrar",
}  # fmt: skip
# Words that continue an organisation's name after a proper name in re-cased text:
# "FARABUNDO MARTI NATIONAL LIBERATION FRONT".
ORGANISATION_NAME_WORDS = ORGANISATION_NOUNS | frozenset(
    """national liberation revolutionary democratic popular armed patriotic socialist
    communist christian republican command federation association coordinator institute
    university church nationalist workers peasants students unity resistance
    republic""".split()
)
