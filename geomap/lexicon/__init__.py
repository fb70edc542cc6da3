"""The words geomap's rules read, kept apart from the rules, in the manner of spaCy's
``lang/`` folders: one module a subject, each holding only declarations, each list with
a line that says what it is for. A list is declared once; two lists that differ are
kept apart only where the rules need the difference, and are named by what they are for.

- ``events``: words that tell, type, rule out or refine an incident (ACLED's words).
- ``people``: people, groups, titles and organisations; who can and cannot be an actor.
- ``places``: place nouns, feature words, streets, directions and parts of towns.
- ``speech``: verbs and nouns of speaking, and of those who speak for a state.
- ``grammar``: function words: pronouns, determiners, prepositions, auxiliaries.
- ``numbers``: number words, vague amounts and what a number counting people is not.
- ``dates``: months, weekdays, seasons and the words around dates and periods.
- ``names``: the small words inside proper names, and abbreviations before them.
- ``casing``: what ``truecase`` knows of English words when it re-cases shouting text.
- ``labels``: spaCy's entity and dependency labels that the rules test.
- ``page``: the furniture of a web page that tells no news.

Nothing here imports from the rest of geomap. A list may be built from others of the
lexicon (a union, a difference, the months by number), so that the words two lists
share are written once.
"""
