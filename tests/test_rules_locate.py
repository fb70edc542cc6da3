"""The locator's rules (geomap.incidents.locate) on parses written out by hand: which
spans are candidates, what the features say about a candidate (its scope, the words
around it, the people it names) and which candidate an event is placed at once the
trees have chosen. No model, no gazetteer: the trees are a one-split stand-in."""

from __future__ import annotations

import numpy as np
import pytest

from geomap.incidents import locate
from geomap.incidents.forest import Forest
from geomap.models import (
    Place,
    Role,
)

from docs import make_doc, word
from parses import entity, mention, rocket_hit_k1_base_in_kirkuk


def preferring(feature: str) -> Forest:
    """One tree: a row with ``feature`` scores 1, any other row 0."""
    inf = np.inf
    return Forest(
        names=(feature,), feature=np.array([0, 0, 0]), threshold=np.array([0.5, inf, inf]),
        left=np.array([1, 1, 2]), right=np.array([2, 1, 2]), value=np.array([0.0, 0.0, 1.0]),
        roots=np.array([0]), depth=1,
    )  # fmt: skip


# -- scope ------------------------------------------------------------------------------------


def test_a_feature_the_table_lacks_is_a_site():
    assert locate.scope_of("my_own_feature") == "site"


def test_a_candidate_without_a_resolved_feature_has_an_unknown_scope():
    doc = make_doc(("Mosul", "Mosul", "PROPN", "NNP", "ROOT", 0))
    assert entity(doc, 0, 1).scope == "unknown"
    assert mention(doc, 0, 1).scope == "unknown"
    assert mention(doc, 0, 1, "city").scope == "town"


# -- candidates -------------------------------------------------------------------------------


def test_candidates_are_the_sentences_place_mentions_not_its_demonyms():
    # "Iraqi troops shelled Mosul. Talks began in Baghdad." read from character 100 of a text
    doc = make_doc(
        ("Iraqi",   "iraqi",   "ADJ",   "JJ",  "amod",  1),
        ("troops",  "troop",   "NOUN",  "NNS", "nsubj", 2),
        ("shelled", "shell",   "VERB",  "VBD", "ROOT",  2),
        ("Mosul",   "Mosul",   "PROPN", "NNP", "dobj",  2),
        (".",       ".",       "PUNCT", ".",   "punct", 2),
        ("Talks",   "talk",    "NOUN",  "NNS", "nsubj", 6),
        ("began",   "begin",   "VERB",  "VBD", "ROOT",  6),
        ("in",      "in",      "ADP",   "IN",  "prep",  6),
        ("Baghdad", "Baghdad", "PROPN", "NNP", "pobj",  7),
        (".",       ".",       "PUNCT", ".",   "punct", 6),
        ents=[(0, 1, "NORP"), (3, 4, "GPE"), (8, 9, "GPE")],
    )  # fmt: skip
    text = doc.text
    places = [
        Place(100 + text.index(name), 100 + text.index(name) + len(name), name, role)
        for name, role in (("Iraqi", Role.DEMONYM), ("Mosul", Role.PLACE), ("Baghdad", Role.PLACE))
    ]
    first = next(doc.sents)
    found = locate.candidates(first, places, offset=100)
    assert [(c.start, c.end, c.text, c.origin) for c in found] == [(121, 126, "Mosul", "mention")]
    assert found[0].span.text == "Mosul"  # the same words in the Doc
    assert found[0].place is places[1]


def test_a_place_before_a_hyphen_is_no_candidate():
    # "Tehran-backed militias attacked Kirkuk."
    doc = make_doc(
        ("Tehran",   "Tehran",  "PROPN", "NNP",  "npadvmod", 2),
        ("-",        "-",       "PUNCT", "HYPH", "punct",    2),
        ("backed",   "back",    "VERB",  "VBN",  "amod",     3),
        ("militias", "militia", "NOUN",  "NNS",  "nsubj",    4),
        ("attacked", "attack",  "VERB",  "VBD",  "ROOT",     4),
        ("Kirkuk",   "Kirkuk",  "PROPN", "NNP",  "dobj",     4),
        (".",        ".",       "PUNCT", ".",    "punct",    4),
        spaces=[False, False, True, True, True, False, False],
        ents=[(0, 1, "GPE"), (5, 6, "GPE")],
    )  # fmt: skip
    assert doc.text == "Tehran-backed militias attacked Kirkuk."
    places = [Place(0, 6, "Tehran", Role.PLACE), Place(32, 38, "Kirkuk", Role.PLACE)]
    assert [(c.text, c.origin) for c in locate.candidates(doc[:], places)] == [
        ("Kirkuk", "mention")
    ]


def test_a_name_the_recogniser_missed_is_a_candidate_where_the_syntax_says_place():
    # "Gunmen killed villagers in the village of Rasm al-Abboud." (tagged PERSON)
    doc = make_doc(
        ("Gunmen",    "gunman",   "NOUN",  "NNS", "nsubj",    1),
        ("killed",    "kill",     "VERB",  "VBD", "ROOT",     1),
        ("villagers", "villager", "NOUN",  "NNS", "dobj",     1),
        ("in",        "in",       "ADP",   "IN",  "prep",     1),
        ("the",       "the",      "DET",   "DT",  "det",      5),
        ("village",   "village",  "NOUN",  "NN",  "pobj",     3),
        ("of",        "of",       "ADP",   "IN",  "prep",     5),
        ("Rasm",      "Rasm",     "PROPN", "NNP", "compound", 10),
        ("al",        "al",       "PROPN", "NNP", "compound", 10),
        ("-",         "-",        "PUNCT", "HYPH", "punct",   10),
        ("Abboud",    "Abboud",   "PROPN", "NNP", "pobj",     6),
        (".",         ".",        "PUNCT", ".",   "punct",    1),
        spaces=[True] * 7 + [True, False, False, False, False],
        ents=[(7, 11, "PERSON")],
    )  # fmt: skip
    [found] = locate.candidates(doc[:], [])
    assert (found.text, found.origin) == ("Rasm al-Abboud", "cue")
    assert locate.cue_of(found.span) == "place_noun"
    assert locate.place_phrase(found.root) == (word(doc, "in"), "in")


def test_a_feature_word_after_a_name_belongs_to_the_name_even_when_tagged_a_people():
    # "Clashes erupted in Kheda district." with "Kheda" tagged NORP
    doc = make_doc(
        ("Clashes",  "clash",    "NOUN",  "NNS", "nsubj",    1),
        ("erupted",  "erupt",    "VERB",  "VBD", "ROOT",     1),
        ("in",       "in",       "ADP",   "IN",  "prep",     1),
        ("Kheda",    "Kheda",    "PROPN", "NNP", "compound", 4),
        ("district", "district", "NOUN",  "NN",  "pobj",     2),
        (".",        ".",        "PUNCT", ".",   "punct",    1),
        ents=[(3, 4, "NORP")],
    )  # fmt: skip
    [found] = locate.candidates(doc[:], [])
    assert (found.text, found.origin) == ("Kheda district", "cue")


@pytest.mark.parametrize(
    ("rows", "cue"),
    [
        (  # "Fighting in the northern Hama."
            [("Fighting", "fighting", "NOUN",  "NN",  "ROOT",  0),
             ("in",       "in",       "ADP",   "IN",  "prep",  0),
             ("the",      "the",      "DET",   "DT",  "det",   4),
             ("northern", "northern", "ADJ",   "JJ",  "amod",  4),
             ("Hama",     "Hama",     "PROPN", "NNP", "pobj",  1),
             (".",        ".",        "PUNCT", ".",   "punct", 0)],
            "locative",
        ),
        (  # "Fighting near Hama."
            [("Fighting", "fighting", "NOUN",  "NN",  "ROOT",  0),
             ("near",     "near",     "ADP",   "IN",  "prep",  0),
             ("Hama",     "Hama",     "PROPN", "NNP", "pobj",  1),
             (".",        ".",        "PUNCT", ".",   "punct", 0)],
            "locative",
        ),
        (  # "The outskirts of Hama."
            [("The",       "the",      "DET",   "DT",  "det",   1),
             ("outskirts", "outskirt", "NOUN",  "NNS", "ROOT",  1),
             ("of",        "of",       "ADP",   "IN",  "prep",  1),
             ("Hama",      "Hama",     "PROPN", "NNP", "pobj",  2),
             (".",         ".",        "PUNCT", ".",   "punct", 1)],
            "place_noun",
        ),
        (  # "The Hama district."
            [("The",      "the",      "DET",   "DT",  "det",      2),
             ("Hama",     "Hama",     "PROPN", "NNP", "compound", 2),
             ("district", "district", "NOUN",  "NN",  "ROOT",     2),
             (".",        ".",        "PUNCT", ".",   "punct",    2)],
            "place_noun",
        ),
        (  # "The leaders of Hama."
            [("The",     "the",    "DET",   "DT",  "det",   1),
             ("leaders", "leader", "NOUN",  "NNS", "ROOT",  1),
             ("of",      "of",     "ADP",   "IN",  "prep",  1),
             ("Hama",    "Hama",   "PROPN", "NNP", "pobj",  2),
             (".",       ".",      "PUNCT", ".",   "punct", 1)],
            "none",
        ),
        (  # "Fighters from Hama."
            [("Fighters", "fighter", "NOUN",  "NNS", "ROOT",  0),
             ("from",     "from",    "ADP",   "IN",  "prep",  0),
             ("Hama",     "Hama",    "PROPN", "NNP", "pobj",  1),
             (".",        ".",       "PUNCT", ".",   "punct", 0)],
            "none",
        ),
    ],
)  # fmt: skip
def test_the_words_around_a_name_cue_it_as_a_place(rows, cue):
    doc = make_doc(*rows)
    hama = word(doc, "Hama")
    assert locate.cue_of(doc[hama.i : hama.i + 1]) == cue


# -- features ---------------------------------------------------------------------------------


def test_a_place_before_a_word_for_people_names_them_not_where_it_happened():
    # "A Beijing resident was stabbed."
    resident = make_doc(
        ("A",        "a",        "DET",   "DT",  "det",       2),
        ("Beijing",  "Beijing",  "PROPN", "NNP", "compound",  2),
        ("resident", "resident", "NOUN",  "NN",  "nsubjpass", 4),
        ("was",      "be",       "AUX",   "VBD", "auxpass",   4),
        ("stabbed",  "stab",     "VERB",  "VBN", "ROOT",      4),
        (".",        ".",        "PUNCT", ".",   "punct",     4),
        ents=[(1, 2, "GPE")],
    )  # fmt: skip
    # "Rockets hit a US base."
    base = make_doc(
        ("Rockets", "rocket", "NOUN",  "NNS", "nsubj",    1),
        ("hit",     "hit",    "VERB",  "VBD", "ROOT",     1),
        ("a",       "a",      "DET",   "DT",  "det",      4),
        ("US",      "US",     "PROPN", "NNP", "compound", 4),
        ("base",    "base",   "NOUN",  "NN",  "dobj",     1),
        (".",       ".",      "PUNCT", ".",   "punct",    1),
        ents=[(3, 4, "GPE")],
    )  # fmt: skip
    beijing = entity(resident, 1, 2)
    us = entity(base, 3, 4)
    beijing_features = locate.features(word(resident, "stabbed"), beijing, [beijing])
    us_features = locate.features(word(base, "hit"), us, [us])
    assert beijing_features["names_people"] == 1.0
    assert "names_people" not in us_features
    assert us_features["acronym"] == us_features["short"] == 1.0
    assert "acronym" not in beijing_features and "short" not in beijing_features


def activists_protested(place_on_the_people: bool):
    """ "Kurdish activists in Germany protested." or "Kurdish activists protested in
    Germany." """
    if place_on_the_people:
        return make_doc(
            ("Kurdish",   "kurdish",  "ADJ",   "JJ",  "amod",  1),
            ("activists", "activist", "NOUN",  "NNS", "nsubj", 4),
            ("in",        "in",       "ADP",   "IN",  "prep",  1),
            ("Germany",   "Germany",  "PROPN", "NNP", "pobj",  2),
            ("protested", "protest",  "VERB",  "VBD", "ROOT",  4),
            (".",         ".",        "PUNCT", ".",   "punct", 4),
            ents=[(0, 1, "NORP"), (3, 4, "GPE")],
        )  # fmt: skip
    return make_doc(
        ("Kurdish",   "kurdish",  "ADJ",   "JJ",  "amod",  1),
        ("activists", "activist", "NOUN",  "NNS", "nsubj", 2),
        ("protested", "protest",  "VERB",  "VBD", "ROOT",  2),
        ("in",        "in",       "ADP",   "IN",  "prep",  2),
        ("Germany",   "Germany",  "PROPN", "NNP", "pobj",  3),
        (".",         ".",        "PUNCT", ".",   "punct", 2),
        ents=[(0, 1, "NORP"), (4, 5, "GPE")],
    )  # fmt: skip


def test_a_place_on_the_people_who_act_says_where_they_are_from():
    on_people = activists_protested(place_on_the_people=True)
    on_event = activists_protested(place_on_the_people=False)
    [germany] = locate.candidates(on_people[:], [])
    features = locate.features(word(on_people, "protested"), germany, [germany])
    assert features["anchor=trigger_argument"] == features["anchor_people"] == 1.0
    assert features["anchor_pos=noun"] == 1.0
    [germany] = locate.candidates(on_event[:], [])
    features = locate.features(word(on_event, "protested"), germany, [germany])
    assert features["anchor=trigger"] == features["prep=in"] == 1.0
    assert "anchor_people" not in features


def test_a_name_on_a_place_noun_modifies_it_and_the_of_phrase_is_the_place():
    # "Settlers attacked the West Bank town of Ramallah."
    doc = make_doc(
        ("Settlers", "settler",  "NOUN",  "NNS", "nsubj",    1),
        ("attacked", "attack",   "VERB",  "VBD", "ROOT",     1),
        ("the",      "the",      "DET",   "DT",  "det",      5),
        ("West",     "West",     "PROPN", "NNP", "compound", 4),
        ("Bank",     "Bank",     "PROPN", "NNP", "compound", 5),
        ("town",     "town",     "NOUN",  "NN",  "dobj",     1),
        ("of",       "of",       "ADP",   "IN",  "prep",     5),
        ("Ramallah", "Ramallah", "PROPN", "NNP", "pobj",     6),
        (".",        ".",        "PUNCT", ".",   "punct",    1),
        ents=[(3, 5, "GPE"), (7, 8, "GPE")],
    )  # fmt: skip
    found = [mention(doc, 3, 5, "region"), mention(doc, 7, 8, "city")]
    attacked = word(doc, "attacked")
    bank, ramallah = (locate.features(attacked, c, found) for c in found)
    assert bank["modifies_place_noun"] == 1.0
    assert "modifies_place_noun" not in ramallah
    assert locate.place_phrase(word(doc, "Ramallah")) == (word(doc, "town"), None)
    assert ramallah["dep=dobj"] == ramallah["anchor=trigger"] == 1.0


def test_a_town_named_before_its_country_and_the_broader_place():
    # "Troops entered Mosul, Iraq."
    doc = make_doc(
        ("Troops",  "troop", "NOUN",  "NNS", "nsubj", 1),
        ("entered", "enter", "VERB",  "VBD", "ROOT",  1),
        ("Mosul",   "Mosul", "PROPN", "NNP", "dobj",  1),
        (",",       ",",     "PUNCT", ",",   "punct", 2),
        ("Iraq",    "Iraq",  "PROPN", "NNP", "appos", 2),
        (".",       ".",     "PUNCT", ".",   "punct", 1),
        ents=[(2, 3, "GPE"), (4, 5, "GPE")],
    )  # fmt: skip
    found = [mention(doc, 2, 3, "city"), mention(doc, 4, 5, "country")]
    assert [c.scope for c in found] == ["town", "country"]
    mosul, iraq = (locate.features(word(doc, "entered"), c, found) for c in found)
    assert mosul["before_its_container"] == iraq["after_its_content"] == 1.0
    assert "after_its_content" not in mosul and "before_its_container" not in iraq
    assert iraq["broader_than_other"] == 1.0
    assert "broader_than_other" not in mosul
    # "Iraq" hangs on "Mosul" as the place it lies in
    assert iraq["contains_other"] == mosul["inside_other"] == 1.0


# -- choosing ---------------------------------------------------------------------------------


def test_an_event_placed_in_a_town_is_placed_at_the_site_named_in_it():
    doc = rocket_hit_k1_base_in_kirkuk()
    base, kirkuk = mention(doc, 4, 6, "military_base"), mention(doc, 7, 8, "city")
    hit = word(doc, "hit")
    chosen = locate.choose(hit, [base, kirkuk], model=preferring("contains_other"))
    assert chosen.candidate is base  # the trees chose Kirkuk, which contains K-1 base
    # a site the recogniser did not take is no more specific place
    unknown = entity(doc, 4, 6)
    chosen = locate.choose(hit, [unknown, kirkuk], model=preferring("contains_other"))
    assert chosen.candidate is kirkuk
    assert chosen.probability == pytest.approx(np.e / (np.e + 2))  # 1 against 0 and 0


# -- the "no place" option --------------------------------------------------------------------


def test_a_toll_since_a_year_has_the_marks_of_a_war_not_an_event():
    # "More than 250,000 people have been killed since 2011."
    toll = make_doc(
        ("More",    "more",    "ADJ",   "JJR", "amod",      2),
        ("than",    "than",    "ADP",   "IN",  "quantmod",  2),
        ("250,000", "250,000", "NUM",   "CD",  "nummod",    3),
        ("people",  "people",  "NOUN",  "NNS", "nsubjpass", 6),
        ("have",    "have",    "AUX",   "VBP", "aux",       6),
        ("been",    "be",      "AUX",   "VBN", "auxpass",   6),
        ("killed",  "kill",    "VERB",  "VBN", "ROOT",      6),
        ("since",   "since",   "SCONJ", "IN",  "prep",      6),
        ("2011",    "2011",    "NUM",   "CD",  "pobj",      7),
        (".",       ".",       "PUNCT", ".",   "punct",     6),
        ents=[(0, 3, "CARDINAL"), (8, 9, "DATE")],
    )  # fmt: skip
    # "Gunmen killed three people."
    event = make_doc(
        ("Gunmen", "gunman", "NOUN",  "NNS", "nsubj",  1),
        ("killed", "kill",   "VERB",  "VBD", "ROOT",   1),
        ("three",  "three",  "NUM",   "CD",  "nummod", 3),
        ("people", "people", "NOUN",  "NNS", "dobj",   1),
        (".",      ".",      "PUNCT", ".",   "punct",  1),
    )  # fmt: skip
    war = locate.none_features(word(toll, "killed"))
    told = locate.none_features(word(event, "killed"))
    marks = {"none:perfect", "none:since", "none:large_number"}
    assert marks <= set(war)
    assert not marks & set(told)
    assert war["none:object=people"] == told["none:object=people"] == 1.0


def test_a_negated_or_modal_event_word_is_marked_and_not_reported():
    # "Rebels did not attack the base." / "Rebels could attack the base."
    def rebels(*aux):
        n = len(aux)
        return make_doc(
            ("Rebels", "rebel",  "NOUN",  "NNS", "nsubj", 1 + n),
            *[(*row, 1 + n) for row in aux],
            ("attack", "attack", "VERB",  "VB",  "ROOT",  1 + n),
            ("the",    "the",    "DET",   "DT",  "det",   3 + n),
            ("base",   "base",   "NOUN",  "NN",  "dobj",  1 + n),
            (".",      ".",      "PUNCT", ".",   "punct", 1 + n),
        )  # fmt: skip

    negated = locate.none_features(
        word(rebels(("did", "do", "AUX", "VBD", "aux"), ("not", "not", "PART", "RB", "neg")),
             "attack")
    )  # fmt: skip
    modal = locate.none_features(word(rebels(("could", "could", "AUX", "MD", "aux")), "attack"))
    assert negated["none:negated"] == negated["none:not_reported"] == 1.0
    assert modal["none:modal"] == modal["none:not_reported"] == 1.0
    assert "none:modal" not in negated and "none:negated" not in modal
    assert negated["none:object=other"] == 1.0  # "base" is neither a place noun nor people


@pytest.mark.parametrize(
    ("obj", "pos", "label", "kind"),
    [("towns", "NOUN", "", "place"), ("Hama", "PROPN", "GPE", "place"),
     ("Hassan", "PROPN", "PERSON", "person"), ("residents", "NOUN", "", "people"),
     ("cars", "NOUN", "", "other")],
)  # fmt: skip
def test_what_an_event_word_acts_on(obj, pos, label, kind):
    # "Gunmen attacked <obj>."
    doc = make_doc(
        ("Gunmen",   "gunman", "NOUN",  "NNS", "nsubj", 1),
        ("attacked", "attack", "VERB",  "VBD", "ROOT",  1),
        (obj,        obj,      pos,     "NN",  "dobj",  1),
        (".",        ".",      "PUNCT", ".",   "punct", 1),
        ents=[(2, 3, label)] if label else [],
    )  # fmt: skip
    features = locate.none_features(word(doc, "attacked"))
    assert features[f"none:object={kind}"] == 1.0
    assert sum(1 for name in features if name.startswith("none:object=")) == 1
