"""The small words inside proper names, and abbreviations that stand before names."""

# Spanish, Portuguese, French, Dutch, German and Arabic particles written in lower case
# inside names ("Rio de Janeiro", "San Luis de la Reina", "Umm al Qura").
NAME_PARTICLES = frozenset("de del des di da do dos das du la le les el y der den al".split())
# English words written in lower case inside names ("Gulf of Oman", "Isle of Man",
# "Trinidad and Tobago", "Newcastle upon Tyne").
ENGLISH_NAME_WORDS = frozenset("of and the on upon".split())
# Inner words of the multi-word names the recogniser looks up ("Frankfurt am Main").
NAME_CONNECTORS = NAME_PARTICLES | ENGLISH_NAME_WORDS | {"am", "an"}
# Particles that re-cased text writes in lower case inside a name; the articles among
# them open names ("La Paz").
CASED_PARTICLES = NAME_PARTICLES | frozenset("della las los e van von bin ibn".split())
# Words written in lower case inside a multi-word name the gazetteer knows ("Isle of Man").
NAME_INNER_WORDS = CASED_PARTICLES | ENGLISH_NAME_WORDS
# Words that open a name, so that the word after them is part of it ("SAN MIGUEL").
NAME_OPENERS = frozenset("san santa santo sao são".split())
# Articles that may open a name ("La Paz", "El Salvador", "Al Qaim").
NAME_ARTICLES = frozenset("la las le les los el al".split())
# Abbreviations of states that are also titles: before a name they are always the title
# ("Ms. Moayyad", "Mt. Everest"). Matched as written.
ABBREVIATIONS_READ_AS_TITLES = {"Ms.", "Ms", "Miss", "Miss.", "Mt.", "Mt"}
