"""spaCy's entity labels and dependency labels, as the rules group them."""

# -- entity labels -------------------------------------------------------------------------

# Entities that name places.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities of amounts, times and dates: never actors.
AMOUNT_LABELS = frozenset({"CARDINAL", "QUANTITY", "DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"})
# Entities whose proper nouns the locator does not read as part of a place name (unless
# the words around say so).
NON_PLACE_NAME_LABELS = AMOUNT_LABELS | {"NORP"}
# Entities that name a person, an organisation or a people: the locator's "label" feature.
NAME_LABELS = {"PERSON", "ORG", "NORP"}
# Entities whose words are never event words ("the Tet Offensive", "Operation Desert Storm").
NON_EVENT_LABELS = {"EVENT", "WORK_OF_ART", "LAW", "ORG", "PERSON", "PRODUCT"}
# Labels under which the small model puts demonyms ("Kuwaiti officials" as ORG or GPE).
DEMONYM_LABELS = {"NORP", "ORG", "PERSON", "GPE", "LOC"}
# Labels the small model wrongly gives some places ("in Aleppo" as LANGUAGE).
MISLABEL_LABELS = {"PERSON", "ORG", "NORP", "LANGUAGE", "WORK_OF_ART", "PRODUCT", "EVENT"}
# Entities whose names may hold a place: "Aleppo University", "Basra Police" (ORG).
EMBEDDING_LABELS = {"ORG"}

# -- dependency labels ---------------------------------------------------------------------

# Links that start a new clause: an event rarely reaches a place across them.
CLAUSE_LABELS = {"relcl", "ccomp", "advcl", "conj", "parataxis", "xcomp", "acl", "csubj"}
# Links by which a place phrase says where another place is ("K-1 base in Kirkuk").
NESTING_LABELS = {"prep", "pobj", "appos", "compound", "poss", "nmod", "acl", "npadvmod"}
# Left modifiers kept in an actor's phrase; determiners and counts are dropped.
KEPT_LEFT_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod", "case", "punct"})
# Links of a verb that takes its subject from the verb it hangs on.
SUBJECT_INHERITING_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp"})
# The words of a victim phrase that say who it is ("local commander", "Afghan soldiers"),
# not where or whose ("of Syria's National Defense Forces").
VICTIM_MODIFIERS = frozenset({"compound", "amod", "nmod"})
