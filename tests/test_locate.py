"""The event locator: how a place hangs on the event word (on parses built by hand with
``docs.make_doc``), the trees that score the candidates, and the fitted model on a few
sentences."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.tokens import Doc

from geomap.incidents import locate
from geomap.incidents.forest import Forest

from docs import make_doc
from parses import (
    entity,
    mention,
    rocket_hit_k1_base_in_kirkuk,
    tehran_says_strikes_in_syria,
)


# "Gunmen killed three people in the city of Homs."
def homs() -> Doc:
    return make_doc(
        ("Gunmen", "gunman", "NOUN",  "NNS", "nsubj",  1),
        ("killed", "kill",   "VERB",  "VBD", "ROOT",   1),
        ("three",  "three",  "NUM",   "CD",  "nummod", 3),
        ("people", "people", "NOUN",  "NNS", "dobj",   1),
        ("in",     "in",     "ADP",   "IN",  "prep",   1),
        ("the",    "the",    "DET",   "DT",  "det",    6),
        ("city",   "city",   "NOUN",  "NN",  "pobj",   4),
        ("of",     "of",     "ADP",   "IN",  "prep",   6),
        ("Homs",   "Homs",   "PROPN", "NNP", "pobj",   7),
        (".",      ".",      "PUNCT", ".",   "punct",  1),
        ents=[(8, 9, "GPE")],
    )  # fmt: skip


def test_a_place_named_by_its_kind_hangs_on_the_preposition_before_the_kind():
    doc = homs()
    assert locate.place_phrase(doc[8]) == (doc[4], "in")
    features = locate.features(doc[1], entity(doc, 8, 9), [entity(doc, 8, 9)])
    assert features["anchor=trigger"] == features["prep=in"] == 1.0
    assert features["path=prep|"] == 1.0


def test_a_possessive_place_before_a_place_word_is_part_of_the_place_phrase():
    # "Militants shelled Syria's province of Idlib."
    doc = make_doc(
        ("Militants", "militant", "NOUN",  "NNS", "nsubj", 1),
        ("shelled",   "shell",    "VERB",  "VBD", "ROOT",  1),
        ("Syria",     "Syria",    "PROPN", "NNP", "poss",  4),
        ("'s",        "'s",       "PART",  "POS", "case",  2),
        ("province",  "province", "NOUN",  "NN",  "dobj",  1),
        ("of",        "of",       "ADP",   "IN",  "prep",  4),
        ("Idlib",     "Idlib",    "PROPN", "NNP", "pobj",  5),
        ents=[(2, 3, "GPE"), (6, 7, "GPE")],
    )  # fmt: skip
    assert locate.place_phrase(doc[2]) == (doc[4], None)
    features = locate.features(doc[1], entity(doc, 2, 3), [entity(doc, 2, 3)])
    assert features["dep=dobj"] == features["anchor=trigger"] == 1.0


def test_a_possessive_place_before_a_person_stays_a_possessive():
    # "Russia's ambassador was shot in Ankara."
    doc = make_doc(
        ("Russia",     "Russia",     "PROPN", "NNP", "poss",      2),
        ("'s",         "'s",         "PART",  "POS", "case",      0),
        ("ambassador", "ambassador", "NOUN",  "NN",  "nsubjpass", 4),
        ("was",        "be",         "AUX",   "VBD", "auxpass",   4),
        ("shot",       "shoot",      "VERB",  "VBN", "ROOT",      4),
        ("in",         "in",         "ADP",   "IN",  "prep",      4),
        ("Ankara",     "Ankara",     "PROPN", "NNP", "pobj",      5),
        ents=[(0, 1, "GPE"), (6, 7, "GPE")],
    )  # fmt: skip
    found = [mention(doc, 0, 1, "city"), mention(doc, 6, 7, "city")]
    russia = locate.features(doc[4], found[0], found)
    assert russia["dep=poss"] == russia["anchor=trigger_argument"] == 1.0
    assert russia["anchor_people"] == 1.0
    ankara = locate.features(doc[4], found[1], found)
    assert ankara["prep=in"] == ankara["anchor=trigger"] == 1.0
    assert "anchor_people" not in ankara


def test_the_speaker_hangs_on_a_verb_of_speech_above_the_event_word():
    doc = tehran_says_strikes_in_syria()
    found = locate.candidates(doc[:], [])
    assert [c.text for c in found] == ["Tehran", "Syria"]
    tehran = locate.features(doc[3], found[0], found)
    assert tehran["anchor=above_trigger"] == tehran["anchor_speech"] == 1.0
    syria = locate.features(doc[3], found[1], found)
    assert syria["anchor=trigger"] == syria["prep=in"] == 1.0


def test_a_site_in_a_town_is_inside_it_and_the_town_contains_it():
    doc = rocket_hit_k1_base_in_kirkuk(ents=[(4, 6, "FAC"), (7, 8, "GPE")])
    found = [mention(doc, 4, 6, "city"), mention(doc, 7, 8, "city")]
    base = locate.features(doc[2], found[0], found)
    kirkuk = locate.features(doc[2], found[1], found)
    assert base["inside_other"] == kirkuk["contains_other"] == 1.0
    assert "contains_other" not in base
    assert "inside_other" not in kirkuk
    assert kirkuk["anchor_place"] == 1.0


def test_a_name_the_model_took_for_a_people_is_a_candidate_after_in():
    # "A bomb exploded in Jezzine." with "Jezzine" labelled NORP
    doc = make_doc(
        ("A",        "a",       "DET",   "DT",  "det",   1),
        ("bomb",     "bomb",    "NOUN",  "NN",  "nsubj", 2),
        ("exploded", "explode", "VERB",  "VBD", "ROOT",  2),
        ("in",       "in",      "ADP",   "IN",  "prep",  2),
        ("Jezzine",  "Jezzine", "PROPN", "NNP", "pobj",  3),
        ents=[(4, 5, "NORP")],
    )  # fmt: skip
    assert [c.text for c in locate.candidates(doc[:], [])] == ["Jezzine"]


def test_a_people_before_its_fighters_is_no_candidate():
    # "Kurdish fighters advanced."
    doc = make_doc(
        ("Kurdish",  "Kurdish", "PROPN", "NNP", "amod",  1),
        ("fighters", "fighter", "NOUN",  "NNS", "nsubj", 2),
        ("advanced", "advance", "VERB",  "VBD", "ROOT",  2),
        ents=[(0, 1, "NORP")],
    )  # fmt: skip
    assert locate.candidates(doc[:], []) == []


def test_organisation_and_title_words_mark_names_that_are_no_places():
    # "Forces of the Syrian Arab Army met Gen. Hassan."
    doc = make_doc(
        ("Forces", "force",  "NOUN",  "NNS", "nsubj",    4),
        ("of",     "of",     "ADP",   "IN",  "prep",     0),
        ("the",    "the",    "DET",   "DT",  "det",      3),
        ("Army",   "Army",   "PROPN", "NNP", "pobj",     1),
        ("met",    "meet",   "VERB",  "VBD", "ROOT",     4),
        ("Gen.",   "Gen.",   "PROPN", "NNP", "compound", 6),
        ("Hassan", "Hassan", "PROPN", "NNP", "dobj",     4),
        ents=[(3, 4, "ORG"), (6, 7, "PERSON")],
    )  # fmt: skip
    found = locate.candidates(doc[:], [])
    army, hassan = (locate.features(doc[4], c, found) for c in found)
    assert army["organisation_word"] == 1.0
    assert hassan["title_word"] == hassan["label=PERSON"] == 1.0


def test_no_place_features_say_what_kind_of_event_word_it_is():
    # "Prices shot up in London."
    doc = make_doc(
        ("Prices", "price",  "NOUN",  "NNS", "nsubj", 1),
        ("shot",   "shoot",  "VERB",  "VBD", "ROOT",  1),
        ("up",     "up",     "ADP",   "RP",  "prt",   1),
        ("in",     "in",     "ADP",   "IN",  "prep",  1),
        ("London", "London", "PROPN", "NNP", "pobj",  3),
        ents=[(4, 5, "GPE")],
    )  # fmt: skip
    features = locate.none_features(doc[1])
    assert features["none:particle"] == features["none:lemma=shoot"] == 1.0
    assert features["none:object=none"] == 1.0


def test_observations_end_with_no_place_and_share_the_event_word_features():
    doc = homs()
    found = [entity(doc, 8, 9)]
    *rows, none = locate.observations(doc[1], found)
    assert len(rows) == 1 and none["none"] == 1.0
    assert rows[0]["none:lemma=kill"] == none["none:lemma=kill"] == 1.0
    assert rows[0]["first_linked"] == 1.0
    assert "none" not in rows[0]


# -- the trees --------------------------------------------------------------------------------


def stump(feature: str, below: float, above: float, constant: float = 0.0) -> Forest:
    """Two trees: ``feature`` <= 0.5 scores ``below``, else ``above``; then a leaf."""
    inf = np.inf
    return Forest(
        names=(feature,),
        feature=np.array([0, 0, 0, 0]),
        threshold=np.array([0.5, inf, inf, inf]),
        left=np.array([1, 1, 2, 3]),
        right=np.array([2, 1, 2, 3]),
        value=np.array([0.0, below, above, constant]),
        roots=np.array([0, 3]),
        depth=1,
    )


def test_a_row_scores_the_leaves_it_reaches():
    forest = stump("near", -1.0, 2.0, constant=0.5)
    scores = forest.scores([{"near": 1.0, "unknown": 3.0}, {}, {"near": 0.25}])
    assert scores.tolist() == [2.5, -0.5, -0.5]


def test_a_forest_is_saved_and_loaded_unchanged(tmp_path):
    forest = stump("near", -1.0, 2.0)
    forest.save(tmp_path / "model.npz")
    loaded = Forest.load(tmp_path / "model.npz")
    assert loaded.names == ("near",)
    assert loaded.scores([{"near": 1.0}, {}]).tolist() == [2.0, -1.0]


def test_a_forest_with_ragged_arrays_is_refused():
    with pytest.raises(ValueError, match="disagree"):
        Forest(("x",), np.array([0]), np.array([0.5, 1.0]), np.array([0]), np.array([0]),
               np.array([0.0]), np.array([0]), 1)  # fmt: skip


def test_choose_takes_the_best_option_or_none():
    doc = homs()
    found = [entity(doc, 8, 9)]
    placed = locate.choose(doc[1], found, model=stump("prep=in", -1.0, 2.0))
    assert placed.candidate is found[0]
    assert placed.probability == pytest.approx(np.exp(2.0) / (np.exp(2.0) + np.exp(-1.0)))
    nowhere = locate.choose(doc[1], found, model=stump("none", -1.0, 2.0))
    assert nowhere.candidate is None
    assert locate.choose(doc[1], []).candidate is None


# -- the fitted model, with the real parser ----------------------------------------------------


def test_the_stored_model_uses_features_the_locator_emits():
    forest = locate.fitted_weights()
    assert len(forest.names) > 50
    assert forest.scale > 0
    families = {name.split("=")[0].split(":")[-1] for name in forest.names}
    assert {"prep", "anchor", "origin", "lemma"} <= families


@pytest.mark.model
@pytest.mark.gazetteer
@pytest.mark.parametrize(
    ("text", "event", "place"),
    [
        ("Gunmen killed three villagers in the village of Rasm al-Abboud on Sunday.",
         "killed", "Rasm al-Abboud"),
        ("Tehran says the airstrikes in Syria on Sunday were illegal.", "airstrikes", "Syria"),
        ("Russia's ambassador to Turkey was shot dead at an art gallery in Ankara.",
         "shot", "Ankara"),
        ("The Jets captured the title on Sunday.", "captured", None),
    ],
)  # fmt: skip
def test_the_fitted_locator_on_plain_sentences(pipeline, text, event, place):
    start = text.index(event)
    [incident] = pipeline.locate(text, [(start, start + len(event))])
    found = None if incident.location_span is None else text[slice(*incident.location_span)]
    assert found == place
