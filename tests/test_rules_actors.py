"""Who acted and against whom (geomap.incidents.actors), on parses written out by hand:
no model, no gazetteer. The parses follow what en_core_web_sm gives the sentence in each
comment, so these tests pin the rules, not the parser."""

from __future__ import annotations

from geomap.incidents.actors import find_actors

from docs import make_doc, word


def actors(doc, trigger: str) -> tuple[str | None, str | None]:
    return find_actors(word(doc, trigger))


def test_the_subject_of_an_active_verb_acts_on_its_object():
    # "Gunmen attacked police."
    doc = make_doc(
        ("Gunmen",   "gunman", "NOUN",  "NNS", "nsubj", 1),
        ("attacked", "attack", "VERB",  "VBD", "ROOT",  1),
        ("police",   "police", "NOUN",  "NNS", "dobj",  1),
        (".",        ".",      "PUNCT", ".",   "punct", 1),
    )  # fmt: skip
    assert actors(doc, "attacked") == ("Gunmen", "police")


def test_a_passive_verb_takes_its_actor_from_the_by_phrase():
    # "Protesters were shot by police."
    clause = make_doc(
        ("Protesters", "protester", "NOUN",  "NNS", "nsubjpass", 2),
        ("were",       "be",        "AUX",   "VBD", "auxpass",   2),
        ("shot",       "shoot",     "VERB",  "VBN", "ROOT",      2),
        ("by",         "by",        "ADP",   "IN",  "agent",     2),
        ("police",     "police",    "NOUN",  "NNS", "pobj",      3),
        (".",          ".",         "PUNCT", ".",   "punct",     2),
    )  # fmt: skip
    # "Protesters shot by police were buried."
    participle = make_doc(
        ("Protesters", "protester", "NOUN",  "NNS", "nsubjpass", 5),
        ("shot",       "shoot",     "VERB",  "VBN", "acl",       0),
        ("by",         "by",        "ADP",   "IN",  "agent",     1),
        ("police",     "police",    "NOUN",  "NNS", "pobj",      2),
        ("were",       "be",        "AUX",   "VBD", "auxpass",   5),
        ("buried",     "bury",      "VERB",  "VBN", "ROOT",      5),
        (".",          ".",         "PUNCT", ".",   "punct",     5),
    )  # fmt: skip
    assert actors(clause, "shot") == ("police", "Protesters")
    assert actors(participle, "shot") == ("police", "Protesters")


def test_a_relative_pronoun_stands_for_the_noun_it_describes():
    # "Militants who stormed the prison fled."
    doc = make_doc(
        ("Militants", "militant", "NOUN",  "NNS", "nsubj", 5),
        ("who",       "who",      "PRON",  "WP",  "nsubj", 2),
        ("stormed",   "storm",    "VERB",  "VBD", "relcl", 0),
        ("the",       "the",      "DET",   "DT",  "det",   4),
        ("prison",    "prison",   "NOUN",  "NN",  "dobj",  2),
        ("fled",      "flee",     "VERB",  "VBD", "ROOT",  5),
        (".",         ".",        "PUNCT", ".",   "punct", 5),
    )  # fmt: skip
    assert actors(doc, "stormed") == ("Militants", None)  # a prison is no target group


def attacked_the_convoy(subject: str):
    # "<subject> attacked the convoy." with the subject tagged GPE
    return make_doc(
        (subject,    subject,  "PROPN", "NNP", "nsubj", 1),
        ("attacked", "attack", "VERB",  "VBD", "ROOT",  1),
        ("the",      "the",    "DET",   "DT",  "det",   3),
        ("convoy",   "convoy", "NOUN",  "NN",  "dobj",  1),
        (".",        ".",      "PUNCT", ".",   "punct", 1),
        ents=[(0, 1, "GPE")],
    )  # fmt: skip


def test_a_country_acts_through_its_forces_a_town_does_not():
    assert actors(attacked_the_convoy("Iran"), "attacked") == ("Iran", None)
    assert actors(attacked_the_convoy("Kirkuk"), "attacked") == (None, None)


def test_a_place_attacked_is_no_target():
    # "The militia attacked Kirkuk."
    doc = make_doc(
        ("The",      "the",     "DET",   "DT",  "det",   1),
        ("militia",  "militia", "NOUN",  "NN",  "nsubj", 2),
        ("attacked", "attack",  "VERB",  "VBD", "ROOT",  2),
        ("Kirkuk",   "Kirkuk",  "PROPN", "NNP", "dobj",  2),
        (".",        ".",       "PUNCT", ".",   "punct", 2),
        ents=[(3, 4, "GPE")],
    )  # fmt: skip
    assert actors(doc, "attacked") == ("militia", None)


def test_an_event_noun_as_subject_stands_for_the_state_named_before_it():
    # "US airstrikes killed 20 Palestinians."
    doc = make_doc(
        ("US",           "US",          "PROPN", "NNP",  "compound", 1),
        ("airstrikes",   "airstrike",   "NOUN",  "NNS",  "nsubj",    2),
        ("killed",       "kill",        "VERB",  "VBD",  "ROOT",     2),
        ("20",           "20",          "NUM",   "CD",   "nummod",   4),
        ("Palestinians", "Palestinian", "PROPN", "NNPS", "dobj",     2),
        (".",            ".",           "PUNCT", ".",    "punct",    2),
        ents=[(0, 1, "GPE"), (3, 4, "CARDINAL"), (4, 5, "NORP")],
    )  # fmt: skip
    assert actors(doc, "killed") == ("US", "Palestinians")  # the count is dropped
    assert actors(doc, "airstrikes") == ("US", "Palestinians")  # the noun's verb's object


def test_an_event_noun_has_its_possessor_as_actor_and_its_on_phrase_as_target():
    # "Kataib Hezbollah's attack on the PMF was condemned."
    doc = make_doc(
        ("Kataib",    "Kataib",    "PROPN", "NNP", "compound",  1),
        ("Hezbollah", "Hezbollah", "PROPN", "NNP", "poss",      3),
        ("'s",        "'s",        "PART",  "POS", "case",      1),
        ("attack",    "attack",    "NOUN",  "NN",  "nsubjpass", 8),
        ("on",        "on",        "ADP",   "IN",  "prep",      3),
        ("the",       "the",       "DET",   "DT",  "det",       6),
        ("PMF",       "PMF",       "PROPN", "NNP", "pobj",      4),
        ("was",       "be",        "AUX",   "VBD", "auxpass",   8),
        ("condemned", "condemn",   "VERB",  "VBN", "ROOT",      8),
        (".",         ".",         "PUNCT", ".",   "punct",     8),
        ents=[(0, 2, "ORG"), (6, 7, "ORG")],
    )  # fmt: skip
    assert actors(doc, "attack") == ("Kataib Hezbollah", "PMF")


def test_the_of_phrase_of_a_killing_names_its_victims():
    # "The killing of three journalists by gunmen shocked the country."
    doc = make_doc(
        ("The",         "the",        "DET",   "DT",  "det",    1),
        ("killing",     "killing",    "NOUN",  "NN",  "nsubj",  7),
        ("of",          "of",         "ADP",   "IN",  "prep",   1),
        ("three",       "three",      "NUM",   "CD",  "nummod", 4),
        ("journalists", "journalist", "NOUN",  "NNS", "pobj",   2),
        ("by",          "by",         "ADP",   "IN",  "prep",   1),
        ("gunmen",      "gunman",     "NOUN",  "NNS", "pobj",   5),
        ("shocked",     "shock",      "VERB",  "VBD", "ROOT",   7),
        ("the",         "the",        "DET",   "DT",  "det",    9),
        ("country",     "country",    "NOUN",  "NN",  "dobj",   7),
        (".",           ".",          "PUNCT", ".",   "punct",  7),
    )  # fmt: skip
    assert actors(doc, "killing") == ("gunmen", "journalists")


def an_attack_on_the_convoy(verb: str, lemma: str):
    # "Militants <verb> an attack on the convoy."
    return make_doc(
        ("Militants", "militant", "NOUN",  "NNS", "nsubj", 1),
        (verb,        lemma,      "VERB",  "VBD", "ROOT",  1),
        ("an",        "an",       "DET",   "DT",  "det",   3),
        ("attack",    "attack",   "NOUN",  "NN",  "dobj",  1),
        ("on",        "on",       "ADP",   "IN",  "prep",  3),
        ("the",       "the",      "DET",   "DT",  "det",   6),
        ("convoy",    "convoy",   "NOUN",  "NN",  "pobj",  4),
        (".",         ".",        "PUNCT", ".",   "punct", 1),
    )  # fmt: skip


def test_who_launches_an_attack_makes_it_who_condemns_one_does_not():
    assert actors(an_attack_on_the_convoy("launched", "launch"), "attack") == ("Militants", None)
    assert actors(an_attack_on_the_convoy("condemned", "condemn"), "attack") == (None, None)


def test_a_participle_clause_takes_the_subject_of_its_verb():
    # "Forces struck the bases, killing 25 fighters."
    doc = make_doc(
        ("Forces",   "force",   "NOUN",  "NNS", "nsubj",  1),
        ("struck",   "strike",  "VERB",  "VBD", "ROOT",   1),
        ("the",      "the",     "DET",   "DT",  "det",    3),
        ("bases",    "base",    "NOUN",  "NNS", "dobj",   1),
        (",",        ",",       "PUNCT", ",",   "punct",  1),
        ("killing",  "kill",    "VERB",  "VBG", "advcl",  1),
        ("25",       "25",      "NUM",   "CD",  "nummod", 7),
        ("fighters", "fighter", "NOUN",  "NNS", "dobj",   5),
        (".",        ".",       "PUNCT", ".",   "punct",  1),
    )  # fmt: skip
    assert actors(doc, "killing") == ("Forces", "fighters")


def test_pronouns_and_bare_numbers_are_never_actors():
    # "They killed 12."
    doc = make_doc(
        ("They",   "they", "PRON",  "PRP", "nsubj", 1),
        ("killed", "kill", "VERB",  "VBD", "ROOT",  1),
        ("12",     "12",   "NUM",   "CD",  "dobj",  1),
        (".",      ".",    "PUNCT", ".",   "punct", 1),
        ents=[(2, 3, "CARDINAL")],
    )  # fmt: skip
    assert actors(doc, "killed") == (None, None)


def test_a_phrase_keeps_its_possessor_and_of_phrase_without_the_leading_article():
    # "The army's soldiers attacked the village."
    possessive = make_doc(
        ("The",      "the",     "DET",   "DT",  "det",   1),
        ("army",     "army",    "NOUN",  "NN",  "poss",  3),
        ("'s",       "'s",      "PART",  "POS", "case",  1),
        ("soldiers", "soldier", "NOUN",  "NNS", "nsubj", 4),
        ("attacked", "attack",  "VERB",  "VBD", "ROOT",  4),
        ("the",      "the",     "DET",   "DT",  "det",   6),
        ("village",  "village", "NOUN",  "NN",  "dobj",  4),
        (".",        ".",       "PUNCT", ".",   "punct", 4),
    )  # fmt: skip
    # "Villagers were attacked by a group of armed men."
    group = make_doc(
        ("Villagers", "villager", "NOUN",  "NNS", "nsubjpass", 2),
        ("were",      "be",       "AUX",   "VBD", "auxpass",   2),
        ("attacked",  "attack",   "VERB",  "VBN", "ROOT",      2),
        ("by",        "by",       "ADP",   "IN",  "agent",     2),
        ("a",         "a",        "DET",   "DT",  "det",       5),
        ("group",     "group",    "NOUN",  "NN",  "pobj",      3),
        ("of",        "of",       "ADP",   "IN",  "prep",      5),
        ("armed",     "armed",    "ADJ",   "JJ",  "amod",      8),
        ("men",       "man",      "NOUN",  "NNS", "pobj",      6),
        (".",         ".",        "PUNCT", ".",   "punct",     2),
    )  # fmt: skip
    assert actors(possessive, "attacked") == ("army's soldiers", None)
    assert actors(group, "attacked") == ("group of armed men", "Villagers")


def jets_struck(*nationality: tuple[str, str, str, str, str]):
    # "[<nationality>] jets struck the camp."
    n = len(nationality)
    return make_doc(
        *[(*row, n) for row in nationality],
        ("jets",   "jet",    "NOUN",  "NNS", "nsubj", 1 + n),
        ("struck", "strike", "VERB",  "VBD", "ROOT",  1 + n),
        ("the",    "the",    "DET",   "DT",  "det",   3 + n),
        ("camp",   "camp",   "NOUN",  "NN",  "dobj",  1 + n),
        (".",      ".",      "PUNCT", ".",   "punct", 1 + n),
        ents=[(0, 1, "NORP")] if n else [],
    )  # fmt: skip


def test_warplanes_stand_for_whoever_flies_them():
    israeli = ("Israeli", "israeli", "ADJ", "JJ", "amod")
    assert actors(jets_struck(israeli), "struck") == ("Israeli", None)
    assert actors(jets_struck(), "struck") == (None, None)
