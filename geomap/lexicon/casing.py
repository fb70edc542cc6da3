"""What ``truecase`` knows of English words when it restores the case of shouting text."""

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen col lt maj capt sgt cpl msgr sen gov rev st jr sr no vs messrs".split()
)
# Letter runs after a digit that stay lower case: "3rd", "30th", "3d", "10km".
NUMBER_SUFFIXES = frozenset("st nd rd th d km m kg".split())
# Initialisms written in lower case: "a.m.", "p.m.".
LOWER_ABBREVIATIONS = frozenset("am pm".split())
# Words from names that English always capitalises, though dictionaries list them.
ALWAYS_CAPITALISED = frozenset(
    """catholic catholics christian christians christianity jesuit jesuits muslim muslims
    islamic jewish protestant protestants marxist marxists leninist maoist sandinist sandinists
    sandinista sandinistas english spanish french german british latin god""".split()
)
# Endings of English words a dictionary may lack ("highranking", "whomever").
ENGLISH_ENDINGS = (
    "ly", "ing", "ings", "ness", "ment", "ments", "tion", "tions", "sion", "ity", "ous", "ive",
    "able", "ible", "ful", "less", "ism", "ist", "ists", "ever", "ized", "ised",
)  # fmt: skip
# Endings of demonyms: "Salvadoran", "Chinese", "Iraqi".
DEMONYM_ENDINGS = ("an", "ian", "ese", "ish", "i")

# Common news words, so that a gazetteer that has a village called "Police" or
# "Union" does not capitalise them, and words a dictionary may lack.
NEWS_WORDS = frozenset(
    """
    said says say told reported reports report announced added stated claimed confirmed denied
    according source sources official officials spokesman spokesmen spokeswoman communique
    statement news press radio television newspaper agency broadcast interview
    killed kill killing killings dead death deaths died wounded injured injuries hurt victims
    attack attacks attacked attacking assault bomb bombs bombing bombed blast exploded explosion
    explosive explosives dynamite grenade grenades rifle rifles mortar mortars rocket rockets
    shot shots shooting fired fire gunmen gunman armed arms weapons ammunition
    kidnapped kidnapping kidnappers abducted hostages hostage captured seized seizure released
    clash clashes fighting fought combat offensive ambush ambushed raid raids destroyed damage
    damaged burned sabotage massacre murder murdered assassinated assassination
    army military soldier soldiers troops police policemen guard guards patrol unit units
    battalion brigade regiment detachment garrison command commander forces force air navy
    government minister ministry president presidential cabinet congress assembly parliament
    party parties election elections vote campaign candidate mayor governor official
    rebel rebels guerrilla guerrillas terrorist terrorists terrorism insurgents subversive
    subversives extremist extremists militants leftist leftists rightist group groups front
    national liberation revolutionary democratic popular people peasants civilians residents
    workers students priests church union unions leaders leader member members movement
    city town towns village villages capital country countries region regions department
    departments province provinces district districts municipality jurisdiction area areas
    zone zones border highway road roads street bridge farm farms hacienda plant station
    camp base headquarters embassy hospital airport port building buildings office offices
    north south east west northern southern eastern western central
    today yesterday tomorrow morning afternoon evening night week weeks month months year years
    day days hours hour minutes ago later earlier recently meanwhile however also
    about some various several many few other others another same new old former
    one two three four five six seven eight nine ten hundred thousand million dozens
    first second third last next
    peace talks dialogue negotiations agreement accord ceasefire truce war
    human rights law justice court judge trial investigation case
    economic economy political politics social security situation crisis
    state states public private international foreign local
    mission hope victory independence progress liberty concord union commerce industry
    """.split()
)
