"""Function words: pronouns, determiners, prepositions, auxiliaries and conjunctions."""

# -- pronouns and determiners --------------------------------------------------------------

# Pronouns and other words that stand for someone without naming them: never an actor.
PRONOUNS = frozenset(
    {
        "i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them",
        "who", "whom", "which", "that", "this", "these", "those", "one", "ones", "someone",
        "somebody", "anyone", "everyone", "others", "itself", "themselves", "himself",
    }
)  # fmt: skip
# Relative pronouns, which stand for the noun their clause hangs on ("soldiers who ...").
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
# Pronouns of one person: "he died" is one death.
SINGLE_PRONOUNS = frozenset({"he", "she", "him", "her"})
# Words that say nobody: "nobody was killed" is a toll of 0.
NOBODY_WORDS = frozenset({"nobody", "none", "noone", "no-one"})
# Stop words that can still name the dead ("no one was killed", "he died").
PERSON_STOPWORDS = SINGLE_PRONOUNS | NOBODY_WORDS | RELATIVE_PRONOUNS | {"one", "others", "they"}
# Determiners that make an event noun a reference to one already told ("the attack").
DEFINITE_DETERMINERS = {"the", "this", "these", "that", "those"}
# Leading words dropped from an actor's phrase: determiners and vague counts.
LEADING_DROPS = frozenset({"the", "a", "an", "some", "several", "many", "dozens", "hundreds"})
# Words that deny what follows them: "no one was killed", "without casualties".
NEGATIONS = frozenset({"no", "not", "n't", "never", "without"})
# Words that open a subset of a figure already given ("including four commanders").
SUBSET_WORDS = frozenset({"including", "among", "incl"})

# -- prepositions and conjunctions ---------------------------------------------------------

# Prepositions that introduce the target of an attack ("an attack on the base").
TARGET_PREPOSITIONS = frozenset({"on", "against", "at", "upon"})
# Prepositions of place that both the locator and the recogniser read as "where".
PLACE_PREPOSITIONS = {"in", "at", "near", "outside", "inside", "around", "across", "within",
                      "into", "towards", "toward", "through"}  # fmt: skip
# Prepositions that introduce where something happened (for the locator).
LOCATIVE_PREPOSITIONS = PLACE_PREPOSITIONS | {
    "throughout", "along", "over", "on", "off", "between", "onto", "beside", "behind",
    "among", "amid", "upon",
}  # fmt: skip
# Prepositions that may introduce a place without saying that something happened there.
SOURCE_PREPOSITIONS = {"from", "to", "for", "with", "against", "by", "about", "like"}
# Words before a name that reveal it is a place (for the recogniser).
LOCATIVE_WORDS = PLACE_PREPOSITIONS | {"from", "to", "of", "via"}
# Prepositions that name a past event as a cause or a time ("after the attack").
CAUSAL_PREPOSITIONS = {"for", "over", "after", "following", "to", "since", "despite",
                       "before", "amid", "of"}  # fmt: skip
# Prepositions before a year, which make a four-digit number a date ("in 1990").
TIME_PREPOSITIONS = frozenset({"in", "since", "of", "from", "until", "till", "by", "during"})
# Conjunctions that open a condition: "if the attacks continued".
CONDITIONAL_MARKS = {"if", "unless", "whether", "lest"}

# -- auxiliaries ---------------------------------------------------------------------------

# The modal verbs.
MODAL_VERBS = frozenset({"will", "would", "could", "might", "may", "should", "must", "can"})
# Auxiliaries that make a verb hypothetical or future, with their contractions ("'ll", the
# "wo" of "won't").
MODAL_AUXILIARIES = MODAL_VERBS | {"shall", "'ll", "’ll", "'d", "’d", "wo", "ca"}
# Auxiliaries of an event word that has not happened (yet), for the locator's "modal"
# feature: the modal verbs and the infinitive's "to".
MODAL_OR_TO = MODAL_VERBS | {"to"}
# Auxiliaries of the perfect: "have been killed since 2011".
PERFECT_AUXILIARIES = {"have", "has", "had", "'ve"}
