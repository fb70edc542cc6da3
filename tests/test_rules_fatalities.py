"""ACLED's counting rules (geomap.incidents.fatalities) on parses written out by hand:
no model, no gazetteer. The parses follow what en_core_web_sm gives the sentence in each
comment, so these tests pin the rules, not the parser."""

from __future__ import annotations

import pytest

from geomap.incidents.fatalities import count_fatalities, sentence_toll, total_deaths

from docs import make_doc


def deaths(doc) -> int | None:
    return count_fatalities(doc[:])


def test_the_figure_on_the_victims_of_a_kill_verb_is_the_toll():
    # "Gunmen killed 11 people."
    doc = make_doc(
        ("Gunmen", "gunman", "NOUN",  "NNS", "nsubj",  1),
        ("killed", "kill",   "VERB",  "VBD", "ROOT",   1),
        ("11",     "11",     "NUM",   "CD",  "nummod", 3),
        ("people", "people", "NOUN",  "NNS", "dobj",   1),
        (".",      ".",      "PUNCT", ".",   "punct",  1),
    )  # fmt: skip
    assert deaths(doc) == 11


def test_coordinated_groups_of_victims_add_up():
    # "Three soldiers and two civilians were killed."
    doc = make_doc(
        ("Three",     "three",    "NUM",   "CD",  "nummod",    1),
        ("soldiers",  "soldier",  "NOUN",  "NNS", "nsubjpass", 6),
        ("and",       "and",      "CCONJ", "CC",  "cc",        1),
        ("two",       "two",      "NUM",   "CD",  "nummod",    4),
        ("civilians", "civilian", "NOUN",  "NNS", "conj",      1),
        ("were",      "be",       "AUX",   "VBD", "auxpass",   6),
        ("killed",    "kill",     "VERB",  "VBN", "ROOT",      6),
        (".",         ".",        "PUNCT", ".",   "punct",     6),
    )  # fmt: skip
    assert deaths(doc) == 5


def test_a_subset_of_the_victims_does_not_add_to_them():
    # "Airstrikes killed 25 fighters, including four commanders."
    doc = make_doc(
        ("Airstrikes", "airstrike", "NOUN",  "NNS", "nsubj",  1),
        ("killed",     "kill",      "VERB",  "VBD", "ROOT",   1),
        ("25",         "25",        "NUM",   "CD",  "nummod", 3),
        ("fighters",   "fighter",   "NOUN",  "NNS", "dobj",   1),
        (",",          ",",         "PUNCT", ",",   "punct",  3),
        ("including",  "include",   "VERB",  "VBG", "prep",   3),
        ("four",       "four",      "NUM",   "CD",  "nummod", 7),
        ("commanders", "commander", "NOUN",  "NNS", "pobj",   5),
        (".",          ".",         "PUNCT", ".",   "punct",  1),
    )  # fmt: skip
    assert deaths(doc) == 25


def test_of_two_figures_in_a_sentence_the_lowest_is_kept():
    # "Officials said 14 people died, but activists reported 20 deaths."
    doc = make_doc(
        ("Officials", "official", "NOUN",  "NNS", "nsubj",  1),
        ("said",      "say",      "VERB",  "VBD", "ROOT",   1),
        ("14",        "14",       "NUM",   "CD",  "nummod", 3),
        ("people",    "people",   "NOUN",  "NNS", "nsubj",  4),
        ("died",      "die",      "VERB",  "VBD", "ccomp",  1),
        (",",         ",",        "PUNCT", ",",   "punct",  4),
        ("but",       "but",      "CCONJ", "CC",  "cc",     1),
        ("activists", "activist", "NOUN",  "NNS", "nsubj",  8),
        ("reported",  "report",   "VERB",  "VBD", "conj",   1),
        ("20",        "20",       "NUM",   "CD",  "nummod", 10),
        ("deaths",    "death",    "NOUN",  "NNS", "dobj",   8),
        (".",         ".",        "PUNCT", ".",   "punct",  8),
    )  # fmt: skip
    assert deaths(doc) == 14


def test_of_a_range_the_lowest_figure_is_kept():
    # "Rebels killed 10 to 15 soldiers."
    doc = make_doc(
        ("Rebels",   "rebel",   "NOUN",  "NNS", "nsubj",    1),
        ("killed",   "kill",    "VERB",  "VBD", "ROOT",     1),
        ("10",       "10",      "NUM",   "CD",  "quantmod", 4),
        ("to",       "to",      "PART",  "TO",  "quantmod", 4),
        ("15",       "15",      "NUM",   "CD",  "nummod",   5),
        ("soldiers", "soldier", "NOUN",  "NNS", "dobj",     1),
        (".",        ".",       "PUNCT", ".",   "punct",    1),
    )  # fmt: skip
    assert deaths(doc) == 10


def vague_of_civilians(amount: str, lemma: str):
    # "<amount> of civilians were killed."
    return make_doc(
        (amount,      lemma,      "NOUN",  "NNS", "nsubjpass", 4),
        ("of",        "of",       "ADP",   "IN",  "prep",      0),
        ("civilians", "civilian", "NOUN",  "NNS", "pobj",      1),
        ("were",      "be",       "AUX",   "VBD", "auxpass",   4),
        ("killed",    "kill",     "VERB",  "VBN", "ROOT",      4),
        (".",         ".",        "PUNCT", ".",   "punct",     4),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("amount", "lemma", "expected"),
    [
        ("Dozens", "dozen", 12),
        ("Scores", "score", 12),
        ("Hundreds", "hundred", 100),
        ("Thousands", "thousand", 1000),
    ],
)
def test_vague_amounts_count_as_acled_codes_them(amount, lemma, expected):
    assert deaths(vague_of_civilians(amount, lemma)) == expected


def test_a_dozen_multiplies_the_number_before_it():
    # "Two dozen people died."
    doc = make_doc(
        ("Two",    "two",    "NUM",   "CD",  "nummod", 1),
        ("dozen",  "dozen",  "NOUN",  "NN",  "nummod", 2),
        ("people", "people", "NOUN",  "NNS", "nsubj",  3),
        ("died",   "die",    "VERB",  "VBD", "ROOT",   3),
        (".",      ".",      "PUNCT", ".",   "punct",  3),
    )  # fmt: skip
    assert deaths(doc) == 24


def test_a_bare_plural_is_several_and_a_singular_noun_one():
    # "Civilians were killed."
    civilians = make_doc(
        ("Civilians", "civilian", "NOUN",  "NNS", "nsubjpass", 2),
        ("were",      "be",       "AUX",   "VBD", "auxpass",   2),
        ("killed",    "kill",     "VERB",  "VBN", "ROOT",      2),
        (".",         ".",        "PUNCT", ".",   "punct",     2),
    )  # fmt: skip
    # "A soldier was killed."
    soldier = make_doc(
        ("A",       "a",       "DET",   "DT",  "det",       1),
        ("soldier", "soldier", "NOUN",  "NN",  "nsubjpass", 3),
        ("was",     "be",      "AUX",   "VBD", "auxpass",   3),
        ("killed",  "kill",    "VERB",  "VBN", "ROOT",      3),
        (".",       ".",       "PUNCT", ".",   "punct",     3),
    )  # fmt: skip
    assert deaths(civilians) == 10
    assert deaths(soldier) == 1


def test_nobody_killed_is_a_toll_of_zero_not_no_toll():
    # "No one was killed."
    no_one = make_doc(
        ("No",     "no",   "DET",   "DT",  "det",       1),
        ("one",    "one",  "NOUN",  "NN",  "nsubjpass", 3),
        ("was",    "be",   "AUX",   "VBD", "auxpass",   3),
        ("killed", "kill", "VERB",  "VBN", "ROOT",      3),
        (".",      ".",    "PUNCT", ".",   "punct",     3),
    )  # fmt: skip
    # "The soldiers were not killed."
    negated = make_doc(
        ("The",      "the",     "DET",   "DT",  "det",       1),
        ("soldiers", "soldier", "NOUN",  "NNS", "nsubjpass", 4),
        ("were",     "be",      "AUX",   "VBD", "auxpass",   4),
        ("not",      "not",     "PART",  "RB",  "neg",       4),
        ("killed",   "kill",    "VERB",  "VBN", "ROOT",      4),
        (".",        ".",       "PUNCT", ".",   "punct",     4),
    )  # fmt: skip
    assert deaths(no_one) == 0
    assert deaths(negated) == 0
    # "The explosion caused no casualties." (no death word: the wording says it)
    casualties = make_doc(
        ("The",        "the",       "DET",   "DT",  "det",   1),
        ("explosion",  "explosion", "NOUN",  "NN",  "nsubj", 2),
        ("caused",     "cause",     "VERB",  "VBD", "ROOT",  2),
        ("no",         "no",        "DET",   "DT",  "det",   4),
        ("casualties", "casualty",  "NOUN",  "NNS", "dobj",  2),
        (".",          ".",         "PUNCT", ".",   "punct", 2),
    )  # fmt: skip
    assert deaths(casualties) == 0


def test_the_wounded_and_the_arrested_are_not_counted():
    # "The militants killed 3 officers and wounded 12 others."
    killed_and_wounded = make_doc(
        ("The",       "the",      "DET",   "DT",  "det",    1),
        ("militants", "militant", "NOUN",  "NNS", "nsubj",  2),
        ("killed",    "kill",     "VERB",  "VBD", "ROOT",   2),
        ("3",         "3",        "NUM",   "CD",  "nummod", 4),
        ("officers",  "officer",  "NOUN",  "NNS", "dobj",   2),
        ("and",       "and",      "CCONJ", "CC",  "cc",     2),
        ("wounded",   "wound",    "VERB",  "VBD", "conj",   2),
        ("12",        "12",       "NUM",   "CD",  "nummod", 8),
        ("others",    "other",    "NOUN",  "NNS", "dobj",   6),
        (".",         ".",        "PUNCT", ".",   "punct",  2),
    )  # fmt: skip
    # "Twelve people were wounded."
    wounded = make_doc(
        ("Twelve",  "twelve", "NUM",   "CD",  "nummod",    1),
        ("people",  "people", "NOUN",  "NNS", "nsubjpass", 3),
        ("were",    "be",     "AUX",   "VBD", "auxpass",   3),
        ("wounded", "wound",  "VERB",  "VBN", "ROOT",      3),
        (".",       ".",      "PUNCT", ".",   "punct",     3),
    )  # fmt: skip
    # "Police arrested 40 suspects."
    arrested = make_doc(
        ("Police",   "police",  "NOUN",  "NNS", "nsubj",  1),
        ("arrested", "arrest",  "VERB",  "VBD", "ROOT",   1),
        ("40",       "40",      "NUM",   "CD",  "nummod", 3),
        ("suspects", "suspect", "NOUN",  "NNS", "dobj",   1),
        (".",        ".",       "PUNCT", ".",   "punct",  1),
    )  # fmt: skip
    assert deaths(killed_and_wounded) == 3
    assert deaths(wounded) is None
    assert deaths(arrested) is None


def death_toll_rose(*figure: tuple[str, str, str, str, str, int]):
    # "The death toll rose <figure>."
    return make_doc(
        ("The",   "the",   "DET",   "DT",  "det",      2),
        ("death", "death", "NOUN",  "NN",  "compound", 2),
        ("toll",  "toll",  "NOUN",  "NN",  "nsubj",    3),
        ("rose",  "rise",  "VERB",  "VBD", "ROOT",     3),
        *figure,
        (".",     ".",     "PUNCT", ".",   "punct",    3),
    )  # fmt: skip


def test_a_death_toll_is_the_figure_it_rose_to():
    to_30 = death_toll_rose(
        ("to", "to", "ADP", "IN", "prep", 3),
        ("30", "30", "NUM", "CD", "pobj", 4),
    )  # fmt: skip
    from_20_to_30 = death_toll_rose(
        ("from", "from", "ADP",  "IN", "prep",     3),
        ("20",   "20",   "NUM",  "CD", "quantmod", 7),
        ("to",   "to",   "PART", "TO", "quantmod", 7),
        ("30",   "30",   "NUM",  "CD", "pobj",     4),
    )  # fmt: skip
    assert deaths(to_30) == 30
    assert deaths(from_20_to_30) == 30  # the last figure, not the lowest


def test_lives_lost_are_deaths():
    # "Twelve people lost their lives."
    doc = make_doc(
        ("Twelve", "twelve", "NUM",   "CD",   "nummod", 1),
        ("people", "people", "NOUN",  "NNS",  "nsubj",  2),
        ("lost",   "lose",   "VERB",  "VBD",  "ROOT",   2),
        ("their",  "their",  "PRON",  "PRP$", "poss",   4),
        ("lives",  "life",   "NOUN",  "NNS",  "dobj",   2),
        (".",      ".",      "PUNCT", ".",    "punct",  2),
    )  # fmt: skip
    assert deaths(doc) == 12


def test_an_age_is_no_head_count():
    # "A 50-year-old farmer was shot dead."
    doc = make_doc(
        ("A",      "a",      "DET",   "DT",   "det",       6),
        ("50",     "50",     "NUM",   "CD",   "nummod",    3),
        ("-",      "-",      "PUNCT", "HYPH", "punct",     3),
        ("year",   "year",   "NOUN",  "NN",   "npadvmod",  5),
        ("-",      "-",      "PUNCT", "HYPH", "punct",     5),
        ("old",    "old",    "ADJ",   "JJ",   "amod",      6),
        ("farmer", "farmer", "NOUN",  "NN",   "nsubjpass", 8),
        ("was",    "be",     "AUX",   "VBD",  "auxpass",   8),
        ("shot",   "shoot",  "VERB",  "VBN",  "ROOT",      8),
        ("dead",   "dead",   "ADJ",   "JJ",   "oprd",      8),
        (".",      ".",      "PUNCT", ".",    "punct",     8),
        spaces=[True, False, False, False, False, True, True, True, True, False, False],
        ents=[(1, 6, "DATE")],
    )  # fmt: skip
    assert doc.text == "A 50-year-old farmer was shot dead."
    assert deaths(doc) == 1


def test_dead_takes_its_own_figure():
    # "The bombing left 12 dead."
    doc = make_doc(
        ("The",     "the",     "DET",   "DT",  "det",    1),
        ("bombing", "bombing", "NOUN",  "NN",  "nsubj",  2),
        ("left",    "leave",   "VERB",  "VBD", "ROOT",   2),
        ("12",      "12",      "NUM",   "CD",  "nummod", 4),
        ("dead",    "dead",    "ADJ",   "JJ",  "dobj",   2),
        (".",       ".",       "PUNCT", ".",   "punct",  2),
    )  # fmt: skip
    assert deaths(doc) == 12


def test_he_who_died_is_one():
    # "He died of his wounds."
    doc = make_doc(
        ("He",     "he",    "PRON",  "PRP",  "nsubj", 1),
        ("died",   "die",   "VERB",  "VBD",  "ROOT",  1),
        ("of",     "of",    "ADP",   "IN",   "prep",  1),
        ("his",    "his",   "PRON",  "PRP$", "poss",  4),
        ("wounds", "wound", "NOUN",  "NNS",  "pobj",  2),
        (".",      ".",     "PUNCT", ".",    "punct", 1),
    )  # fmt: skip
    assert deaths(doc) == 1


def test_a_relative_pronoun_counts_the_noun_it_stands_for():
    # "Five soldiers, who were killed in the ambush, were buried."
    counted = make_doc(
        ("Five",     "five",    "NUM",   "CD",  "nummod",    1),
        ("soldiers", "soldier", "NOUN",  "NNS", "nsubjpass", 11),
        (",",        ",",       "PUNCT", ",",   "punct",     1),
        ("who",      "who",     "PRON",  "WP",  "nsubjpass", 5),
        ("were",     "be",      "AUX",   "VBD", "auxpass",   5),
        ("killed",   "kill",    "VERB",  "VBN", "relcl",     1),
        ("in",       "in",      "ADP",   "IN",  "prep",      5),
        ("the",      "the",     "DET",   "DT",  "det",       8),
        ("ambush",   "ambush",  "NOUN",  "NN",  "pobj",      6),
        (",",        ",",       "PUNCT", ",",   "punct",     1),
        ("were",     "be",      "AUX",   "VBD", "auxpass",   11),
        ("buried",   "bury",    "VERB",  "VBN", "ROOT",      11),
        (".",        ".",       "PUNCT", ".",   "punct",     11),
    )  # fmt: skip
    # "Soldiers who were killed in the ambush were buried."
    bare = make_doc(
        ("Soldiers", "soldier", "NOUN",  "NNS", "nsubjpass", 8),
        ("who",      "who",     "PRON",  "WP",  "nsubjpass", 3),
        ("were",     "be",      "AUX",   "VBD", "auxpass",   3),
        ("killed",   "kill",    "VERB",  "VBN", "relcl",     0),
        ("in",       "in",      "ADP",   "IN",  "prep",      3),
        ("the",      "the",     "DET",   "DT",  "det",       6),
        ("ambush",   "ambush",  "NOUN",  "NN",  "pobj",      4),
        ("were",     "be",      "AUX",   "VBD", "auxpass",   8),
        ("buried",   "bury",    "VERB",  "VBN", "ROOT",      8),
        (".",        ".",       "PUNCT", ".",   "punct",     8),
    )  # fmt: skip
    assert deaths(counted) == 5
    assert deaths(bare) == 10  # "soldiers", a bare plural; "who" alone gives no figure


def strike_killed(*victims: tuple[str, str, str, str, str, int], ents=()):
    # "The strike killed <victims>."
    return make_doc(
        ("The",    "the",    "DET",   "DT",  "det",   1),
        ("strike", "strike", "NOUN",  "NN",  "nsubj", 2),
        ("killed", "kill",   "VERB",  "VBD", "ROOT",  2),
        *victims,
        (".",      ".",      "PUNCT", ".",   "punct", 2),
        ents=ents,
    )  # fmt: skip


def test_tolls_name_their_victims_so_that_tolls_of_different_victims_add_up():
    soldiers = strike_killed(
        ("23",       "23",      "NUM",  "CD",  "nummod", 5),
        ("Afghan",   "afghan",  "ADJ",  "JJ",  "amod",   5),
        ("soldiers", "soldier", "NOUN", "NNS", "dobj",   2),
        ents=[(3, 4, "CARDINAL"), (4, 5, "NORP")],
    )  # fmt: skip
    insurgents = strike_killed(
        ("20",         "20",        "NUM",  "CD",  "nummod", 4),
        ("insurgents", "insurgent", "NOUN", "NNS", "dobj",   2),
    )  # fmt: skip
    general = strike_killed(
        ("Qasem",     "Qasem",     "PROPN", "NNP", "compound", 4),
        ("Soleimani", "Soleimani", "PROPN", "NNP", "dobj",     2),
        ents=[(3, 5, "PERSON")],
    )  # fmt: skip
    tolls = [sentence_toll(doc[:]) for doc in (soldiers, insurgents, general)]
    assert [(t.count, set(t.victims)) for t in tolls] == [
        (23, {"afghan", "soldier"}),
        (20, {"insurgent"}),
        (1, set()),  # a named person: told again later under a title, not counted twice
    ]
    assert total_deaths(tolls[:2]) == 43
