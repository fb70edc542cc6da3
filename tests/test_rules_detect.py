"""The rules of detection and typing (geomap.incidents.detect) on parses written out by
hand: no model, no gazetteer. The parses follow what en_core_web_sm gives the sentence in
each comment (or a variant of it), so these tests pin the rules, not the parser."""

from __future__ import annotations

import pytest

from geomap.incidents import detect
from geomap.incidents import taxonomy as tx

from docs import make_doc, word


def triggers(doc, headline: bool = False) -> list[str]:
    """The event words ``find_triggers`` keeps in the (single) sentence of ``doc``."""
    return [t.token.text for t in detect.find_triggers(doc[:], headline=headline)]


def sub_event(doc, text: str) -> str | None:
    """The sub-event type ``typed`` gives the word ``text``, None when it is no event word."""
    trigger = detect.typed(word(doc, text))
    return None if trigger is None else trigger.sub_event_type


# -- typing -----------------------------------------------------------------------------------


def attack_with(modifier: str, pos: str = "NOUN", dep: str = "compound"):
    # "The <modifier> attack damaged a hangar."
    return make_doc(
        ("The",     "the",     "DET",   "DT",  "det",      2),
        (modifier,  modifier,  pos,     "NN",  dep,        2),
        ("attack",  "attack",  "NOUN",  "NN",  "nsubj",    3),
        ("damaged", "damage",  "VERB",  "VBD", "ROOT",     3),
        ("a",       "a",       "DET",   "DT",  "det",      5),
        ("hangar",  "hangar",  "NOUN",  "NN",  "dobj",     3),
        (".",       ".",       "PUNCT", ".",   "punct",    3),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("modifier", "expected"),
    [
        ("rocket", tx.SHELLING),
        ("drone", tx.AIR_STRIKE),
        ("grenade", tx.GRENADE),
        ("suicide", tx.SUICIDE_BOMB),
        ("knife", tx.ATTACK),
    ],
)
def test_the_means_before_a_generic_attack_types_it(modifier, expected):
    doc = attack_with(modifier)
    found = detect.event_words(doc[:])
    # the modifier is a cue of its head, not an event word of its own
    assert [(t.token.text, t.sub_event_type) for t in found] == [("attack", expected)]
    assert found[0].generic


def test_of_two_means_named_the_first_in_acleds_order_types_the_attack():
    # "A drone missile attack damaged a hangar."
    doc = make_doc(
        ("A",       "a",       "DET",   "DT",  "det",      3),
        ("drone",   "drone",   "NOUN",  "NN",  "compound", 2),
        ("missile", "missile", "NOUN",  "NN",  "compound", 3),
        ("attack",  "attack",  "NOUN",  "NN",  "nsubj",    4),
        ("damaged", "damage",  "VERB",  "VBD", "ROOT",     4),
        ("a",       "a",       "DET",   "DT",  "det",      6),
        ("hangar",  "hangar",  "NOUN",  "NN",  "dobj",     4),
        (".",       ".",       "PUNCT", ".",   "punct",    4),
    )  # fmt: skip
    assert sub_event(doc, "attack") == tx.AIR_STRIKE  # not a missile (shelling) attack


def test_a_chemical_attack_is_a_chemical_weapon_whatever_else_is_named():
    assert sub_event(attack_with("chemical", "ADJ", "amod"), "attack") == tx.CHEMICAL


def test_a_strike_is_violence_only_with_means_or_a_state_behind_it():
    # "A US strike hit the depot." with and without "US" tagged as a country
    rows = (
        ("A",      "a",      "DET",   "DT",  "det",      2),
        ("US",     "US",     "PROPN", "NNP", "compound", 2),
        ("strike", "strike", "NOUN",  "NN",  "nsubj",    3),
        ("hit",    "hit",    "VERB",  "VBD", "ROOT",     3),
        ("the",    "the",    "DET",   "DT",  "det",      5),
        ("depot",  "depot",  "NOUN",  "NN",  "dobj",     3),
        (".",      ".",      "PUNCT", ".",   "punct",    3),
    )  # fmt: skip
    assert sub_event(make_doc(*rows, ents=[(1, 2, "GPE")]), "strike") == tx.AIR_STRIKE
    assert sub_event(make_doc(*rows), "strike") is None
    # "Workers went on strike."
    doc = make_doc(
        ("Workers", "worker", "NOUN",  "NNS", "nsubj", 1),
        ("went",    "go",     "VERB",  "VBD", "ROOT",  1),
        ("on",      "on",     "ADP",   "IN",  "prep",  1),
        ("strike",  "strike", "NOUN",  "NN",  "pobj",  2),
        (".",       ".",      "PUNCT", ".",   "punct", 1),
    )  # fmt: skip
    assert sub_event(doc, "strike") is None


def killed_by_police(victims: str):
    # "Police killed three <victims>."
    return make_doc(
        ("Police",  "police", "NOUN",  "NNS", "nsubj",  1),
        ("killed",  "kill",   "VERB",  "VBD", "ROOT",   1),
        ("three",   "three",  "NUM",   "CD",  "nummod", 3),
        (victims,   victims,  "NOUN",  "NNS", "dobj",   1),
        (".",       ".",      "PUNCT", ".",   "punct",  1),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("victims", "expected"),
    [
        ("protesters", tx.EXCESSIVE_FORCE),
        ("soldiers", tx.ARMED_CLASH),
        ("villagers", tx.ATTACK),
    ],
)
def test_a_killing_is_typed_by_who_was_killed(victims, expected):
    trigger = detect.typed(word(killed_by_police(victims), "killed"))
    assert trigger.sub_event_type == expected
    assert trigger.casualty and trigger.generic  # "killed" names no means


def clashed(subject: str, other: str):
    # "<subject> clashed with <other>."
    return make_doc(
        (subject,   subject,  "NOUN",  "NNS", "nsubj", 1),
        ("clashed", "clash",  "VERB",  "VBD", "ROOT",  1),
        ("with",    "with",   "ADP",   "IN",  "prep",  1),
        (other,     other,    "NOUN",  "NNS", "pobj",  2),
        (".",       ".",      "PUNCT", ".",   "punct", 1),
    )  # fmt: skip


def test_a_clash_of_protesters_with_security_forces_is_a_riot_not_a_battle():
    assert sub_event(clashed("Students", "police"), "clashed") == tx.VIOLENT_DEMONSTRATION
    assert sub_event(clashed("Soldiers", "rebels"), "clashed") == tx.ARMED_CLASH


def raided(subject: str):
    # "<subject> raided the house."
    return make_doc(
        (subject,  subject, "NOUN",  "NNS", "nsubj", 1),
        ("raided", "raid",  "VERB",  "VBD", "ROOT",  1),
        ("the",    "the",   "DET",   "DT",  "det",   3),
        ("house",  "house", "NOUN",  "NN",  "dobj",  1),
        (".",      ".",     "PUNCT", ".",   "punct", 1),
    )  # fmt: skip


def test_a_police_raid_is_an_arrest_and_a_raid_by_gunmen_an_attack():
    assert sub_event(raided("Police"), "raided") == tx.ARRESTS
    assert sub_event(raided("Gunmen"), "raided") == tx.ATTACK


def gathered(subject: str):
    # "<subject> gathered in the square."
    return make_doc(
        (subject,    subject,  "NOUN",  "NNS", "nsubj", 1),
        ("gathered", "gather", "VERB",  "VBD", "ROOT",  1),
        ("in",       "in",     "ADP",   "IN",  "prep",  1),
        ("the",      "the",    "DET",   "DT",  "det",   4),
        ("square",   "square", "NOUN",  "NN",  "pobj",  2),
        (".",        ".",      "PUNCT", ".",   "punct", 1),
    )  # fmt: skip


def test_a_gathering_is_a_protest_only_when_protesters_gather():
    assert sub_event(gathered("Protesters"), "gathered") == tx.PEACEFUL_PROTEST
    assert sub_event(gathered("Officials"), "gathered") is None


def captured(thing: str):
    # "Rebels captured the <thing>."
    return make_doc(
        ("Rebels",   "rebel",   "NOUN",  "NNS", "nsubj", 1),
        ("captured", "capture", "VERB",  "VBD", "ROOT",  1),
        ("the",      "the",     "DET",   "DT",  "det",   3),
        (thing,      thing,     "NOUN",  "NN",  "dobj",  1),
        (".",        ".",       "PUNCT", ".",   "punct", 1),
    )  # fmt: skip


def test_capturing_is_taking_territory_only_when_a_place_is_captured():
    assert sub_event(captured("town"), "captured") == tx.NON_STATE_OVERTAKES
    assert sub_event(captured("title"), "captured") is None


def test_executing_someone_is_a_killing_executing_a_warrant_is_not():
    # "Insurgents executed four hostages."
    hostages = make_doc(
        ("Insurgents", "insurgent", "NOUN",  "NNS", "nsubj",  1),
        ("executed",   "execute",   "VERB",  "VBD", "ROOT",   1),
        ("four",       "four",      "NUM",   "CD",  "nummod", 3),
        ("hostages",   "hostage",   "NOUN",  "NNS", "dobj",   1),
        (".",          ".",         "PUNCT", ".",   "punct",  1),
    )  # fmt: skip
    # "Police executed a search warrant."
    warrant = make_doc(
        ("Police",   "police",  "NOUN",  "NNS", "nsubj",    1),
        ("executed", "execute", "VERB",  "VBD", "ROOT",     1),
        ("a",        "a",       "DET",   "DT",  "det",      4),
        ("search",   "search",  "NOUN",  "NN",  "compound", 4),
        ("warrant",  "warrant", "NOUN",  "NN",  "dobj",     1),
        (".",        ".",       "PUNCT", ".",   "punct",    1),
    )  # fmt: skip
    executed = detect.typed(word(hostages, "executed"))
    assert executed.casualty and not executed.generic  # an execution names its means
    assert sub_event(warrant, "executed") is None


def test_a_battle_against_no_armed_foe_is_no_battle():
    # "The legal battle continued."
    legal = make_doc(
        ("The",       "the",      "DET",   "DT",  "det",   2),
        ("legal",     "legal",    "ADJ",   "JJ",  "amod",  2),
        ("battle",    "battle",   "NOUN",  "NN",  "nsubj", 3),
        ("continued", "continue", "VERB",  "VBD", "ROOT",  3),
        (".",         ".",        "PUNCT", ".",   "punct", 3),
    )  # fmt: skip
    # "The battle with rebels continued."
    armed = make_doc(
        ("The",       "the",      "DET",   "DT",  "det",   1),
        ("battle",    "battle",   "NOUN",  "NN",  "nsubj", 4),
        ("with",      "with",     "ADP",   "IN",  "prep",  1),
        ("rebels",    "rebel",    "NOUN",  "NNS", "pobj",  2),
        ("continued", "continue", "VERB",  "VBD", "ROOT",  4),
        (".",         ".",        "PUNCT", ".",   "punct", 4),
    )  # fmt: skip
    assert sub_event(legal, "battle") is None
    assert sub_event(armed, "battle") == tx.ARMED_CLASH


def test_fire_is_gunfire_when_something_is_fired_at_someone_not_a_dismissal():
    # "Soldiers fired rockets at the base."
    rockets = make_doc(
        ("Soldiers", "soldier", "NOUN",  "NNS", "nsubj", 1),
        ("fired",    "fire",    "VERB",  "VBD", "ROOT",  1),
        ("rockets",  "rocket",  "NOUN",  "NNS", "dobj",  1),
        ("at",       "at",      "ADP",   "IN",  "prep",  1),
        ("the",      "the",     "DET",   "DT",  "det",   5),
        ("base",     "base",    "NOUN",  "NN",  "pobj",  3),
        (".",        ".",       "PUNCT", ".",   "punct", 1),
    )  # fmt: skip
    # "The company will fire the manager."
    dismissal = make_doc(
        ("The",     "the",     "DET",   "DT",  "det",   1),
        ("company", "company", "NOUN",  "NN",  "nsubj", 3),
        ("will",    "will",    "AUX",   "MD",  "aux",   3),
        ("fire",    "fire",    "VERB",  "VB",  "ROOT",  3),
        ("the",     "the",     "DET",   "DT",  "det",   5),
        ("manager", "manager", "NOUN",  "NN",  "dobj",  3),
        (".",       ".",       "PUNCT", ".",   "punct", 3),
    )  # fmt: skip
    fired = detect.typed(word(rockets, "fired"))
    assert fired.generic and fired.sub_event_type == tx.SHELLING
    assert sub_event(dismissal, "fire") is None


def test_to_blast_is_to_criticise():
    # "Democrats blast the ads."
    doc = make_doc(
        ("Democrats", "Democrats", "PROPN", "NNPS", "nsubj", 1),
        ("blast",     "blast",     "VERB",  "VBP",  "ROOT",  1),
        ("the",       "the",       "DET",   "DT",   "det",   3),
        ("ads",       "ad",        "NOUN",  "NNS",  "dobj",  1),
        (".",         ".",         "PUNCT", ".",    "punct", 1),
        ents=[(0, 1, "NORP")],
    )  # fmt: skip
    assert detect.event_words(doc[:]) == []


def ceasefire(verb: str, lemma: str):
    # "The two sides <verb> a ceasefire."
    return make_doc(
        ("The",       "the",       "DET",   "DT",  "det",    2),
        ("two",       "two",       "NUM",   "CD",  "nummod", 2),
        ("sides",     "side",      "NOUN",  "NNS", "nsubj",  3),
        (verb,        lemma,       "VERB",  "VBD", "ROOT",   3),
        ("a",         "a",         "DET",   "DT",  "det",    5),
        ("ceasefire", "ceasefire", "NOUN",  "NN",  "dobj",   3),
        (".",         ".",         "PUNCT", ".",   "punct",  3),
    )  # fmt: skip


def test_a_ceasefire_is_an_agreement_when_it_is_agreed_not_when_it_is_broken():
    assert sub_event(ceasefire("agreed", "agree"), "ceasefire") == tx.AGREEMENT
    assert sub_event(ceasefire("violated", "violate"), "ceasefire") is None


def bomb_and(subject: str, verb: str, lemma: str):
    # "<subject> <verb> a bomb."
    return make_doc(
        (subject, subject, "NOUN",  "NNS", "nsubj", 1),
        (verb,    lemma,   "VERB",  "VBD", "ROOT",  1),
        ("a",     "a",     "DET",   "DT",  "det",   3),
        ("bomb",  "bomb",  "NOUN",  "NN",  "dobj",  1),
        (".",     ".",     "PUNCT", ".",   "punct", 1),
    )  # fmt: skip


def test_a_bomb_found_is_a_weapon_a_bomb_thrown_an_act():
    found = detect.typed(word(bomb_and("Police", "found", "find"), "bomb"))
    thrown = detect.typed(word(bomb_and("Militants", "threw", "throw"), "bomb"))
    assert (found.sub_event_type, found.role) == (tx.IED, tx.WEAPON)
    assert (thrown.sub_event_type, thrown.role) == (tx.IED, tx.ACT)


def died_of(*cause: tuple[str, str, str, str, str]):
    # "The guard died of <cause> wounds."
    n = len(cause)
    return make_doc(
        ("The",    "the",   "DET",   "DT",  "det",   1),
        ("guard",  "guard", "NOUN",  "NN",  "nsubj", 2),
        ("died",   "die",   "VERB",  "VBD", "ROOT",  2),
        ("of",     "of",    "ADP",   "IN",  "prep",  2),
        *[(*row, 4 + n) for row in cause],
        ("wounds", "wound", "NOUN",  "NNS", "pobj",  3),
        (".",      ".",     "PUNCT", ".",   "punct", 2),
    )  # fmt: skip


def test_a_death_of_gunshot_wounds_tells_an_attack_a_death_of_wounds_an_outcome():
    shot = detect.typed(word(died_of(("gunshot", "gunshot", "NOUN", "NN", "compound")), "died"))
    wounds = detect.typed(word(died_of(("his", "his", "PRON", "PRP$", "poss")), "died"))
    assert (shot.role, shot.generic) == (tx.ACT, False)
    assert (wounds.role, wounds.generic) == (tx.OUTCOME, True)


# -- what is reported ---------------------------------------------------------------------------


def militants_attack(*before_verb: tuple[str, str, str, str, str], verb=("attacked", "VBD")):
    # "Militants [<before_verb> ...] <verb> the base."
    n = len(before_verb)
    return make_doc(
        ("Militants", "militant", "NOUN",  "NNS",  "nsubj", 1 + n),
        *[(*row, 1 + n) for row in before_verb],
        (verb[0],     "attack",   "VERB",  verb[1], "ROOT",  1 + n),
        ("the",       "the",      "DET",   "DT",   "det",   3 + n),
        ("base",      "base",     "NOUN",  "NN",   "dobj",  1 + n),
        (".",         ".",        "PUNCT", ".",    "punct", 1 + n),
    )  # fmt: skip


def test_an_attack_told_is_reported_one_that_could_happen_or_did_not_is_not():
    assert triggers(militants_attack()) == ["attacked"]
    could = militants_attack(("could", "could", "AUX", "MD", "aux"), verb=("attack", "VB"))
    did_not = militants_attack(
        ("did", "do", "AUX", "VBD", "aux"), ("not", "not", "PART", "RB", "neg"),
        verb=("attack", "VB"),
    )  # fmt: skip
    for doc in (could, did_not):
        assert [t.token.text for t in detect.event_words(doc[:])] == ["attack"]
        assert triggers(doc) == []


def test_an_event_under_a_condition_is_not_reported():
    # "If the attacks continued, the army responded."
    doc = make_doc(
        ("If",        "if",       "SCONJ", "IN",  "mark",  3),
        ("the",       "the",      "DET",   "DT",  "det",   2),
        ("attacks",   "attack",   "NOUN",  "NNS", "nsubj", 3),
        ("continued", "continue", "VERB",  "VBD", "advcl", 7),
        (",",         ",",        "PUNCT", ",",   "punct", 7),
        ("the",       "the",      "DET",   "DT",  "det",   6),
        ("army",      "army",     "NOUN",  "NN",  "nsubj", 7),
        ("responded", "respond",  "VERB",  "VBD", "ROOT",  7),
        (".",         ".",        "PUNCT", ".",   "punct", 7),
    )  # fmt: skip
    assert detect.reports_event(word(doc, "attacks")) is False


def test_an_attack_named_as_the_cause_of_a_future_act_is_still_reported():
    # "The US will retaliate for the attack."
    doc = make_doc(
        ("The",       "the",       "DET",   "DT",  "det",   1),
        ("US",        "US",        "PROPN", "NNP", "nsubj", 3),
        ("will",      "will",      "AUX",   "MD",  "aux",   3),
        ("retaliate", "retaliate", "VERB",  "VB",  "ROOT",  3),
        ("for",       "for",       "ADP",   "IN",  "prep",  3),
        ("the",       "the",       "DET",   "DT",  "det",   6),
        ("attack",    "attack",    "NOUN",  "NN",  "pobj",  4),
        (".",         ".",         "PUNCT", ".",   "punct", 3),
        ents=[(1, 2, "GPE")],
    )  # fmt: skip
    assert triggers(doc) == ["attack"]


def troops_and_the_attack(verb: str, lemma: str):
    # "Troops <verb> the attack."
    return make_doc(
        ("Troops", "troop",  "NOUN",  "NNS", "nsubj", 1),
        (verb,     lemma,    "VERB",  "VBD", "ROOT",  1),
        ("the",    "the",    "DET",   "DT",  "det",   3),
        ("attack", "attack", "NOUN",  "NN",  "dobj",  1),
        (".",      ".",      "PUNCT", ".",   "punct", 1),
    )  # fmt: skip


def test_an_attack_prevented_did_not_happen():
    assert triggers(troops_and_the_attack("prevented", "prevent")) == []
    assert triggers(troops_and_the_attack("repelled", "repel")) == ["attack"]


def hit_the_base(count: tuple[str, str, str, str, str], subject: tuple[str, str]):
    # "<count> <subject> hit the base."
    return make_doc(
        (*count, 1),
        (*subject, "NOUN",  "NNS", "nsubj", 2),
        ("hit",  "hit",  "VERB",  "VBD", "ROOT",  2),
        ("the",  "the",  "DET",   "DT",  "det",   4),
        ("base", "base", "NOUN",  "NN",  "dobj",  2),
        (".",    ".",    "PUNCT", ".",   "punct", 2),
    )  # fmt: skip


FIVE = ("Five", "five", "NUM", "CD", "nummod")
TWO = ("Two", "two", "NUM", "CD", "nummod")
REPEATED = ("Repeated", "repeat", "VERB", "VBN", "amod")


@pytest.mark.parametrize(
    ("count", "subject", "expected"),
    [
        (TWO, ("attacks", "attack"), ["attacks", "hit"]),  # told one by one
        (FIVE, ("attacks", "attack"), []),  # more than three: a count of events
        (REPEATED, ("attacks", "attack"), []),
        (FIVE, ("rockets", "rocket"), ["rockets", "hit"]),  # five munitions, one event
    ],
)
def test_many_events_counted_together_are_no_event(count, subject, expected):
    assert triggers(hit_the_base(count, subject)) == expected


def fought_isis(*when: tuple[str, str, str, str, str, int]):
    # "The army fought ISIS <when>."
    return make_doc(
        ("The",    "the",   "DET",   "DT",  "det",   1),
        ("army",   "army",  "NOUN",  "NN",  "nsubj", 2),
        ("fought", "fight", "VERB",  "VBD", "ROOT",  2),
        ("ISIS",   "ISIS",  "PROPN", "NNP", "dobj",  2),
        *when,
        (".",      ".",     "PUNCT", ".",   "punct", 2),
        ents=[(3, 4, "ORG")],
    )  # fmt: skip


def test_fighting_over_years_is_background_not_an_event():
    years = fought_isis(
        ("from",  "from",  "ADP", "IN", "prep", 2),
        ("2014",  "2014",  "NUM", "CD", "pobj", 4),
        ("until", "until", "ADP", "IN", "prep", 2),
        ("2017",  "2017",  "NUM", "CD", "pobj", 6),
    )  # fmt: skip
    sunday = fought_isis(
        ("on",     "on",     "ADP",   "IN",  "prep", 2),
        ("Sunday", "Sunday", "PROPN", "NNP", "pobj", 4),
    )  # fmt: skip
    assert [t.token.text for t in detect.event_words(years[:])] == ["fought"]
    assert triggers(years) == []
    assert triggers(sunday) == ["fought"]


def explosion_killed(cause: str):
    # "A <cause> explosion killed two workers."
    return make_doc(
        ("A",         "a",         "DET",   "DT",  "det",      2),
        (cause,       cause,       "NOUN",  "NN",  "compound", 2),
        ("explosion", "explosion", "NOUN",  "NN",  "nsubj",    3),
        ("killed",    "kill",      "VERB",  "VBD", "ROOT",     3),
        ("two",       "two",       "NUM",   "CD",  "nummod",   5),
        ("workers",   "worker",    "NOUN",  "NNS", "dobj",     3),
        (".",         ".",         "PUNCT", ".",   "punct",    3),
    )  # fmt: skip


def test_a_gas_explosion_and_its_deaths_are_an_accident():
    assert triggers(explosion_killed("bomb")) == ["explosion", "killed"]
    assert triggers(explosion_killed("gas")) == []


def died_in_the(cause: str):
    # "Two people died in the <cause>."
    return make_doc(
        ("Two",    "two",    "NUM",   "CD",  "nummod", 1),
        ("people", "people", "NOUN",  "NNS", "nsubj",  2),
        ("died",   "die",    "VERB",  "VBD", "ROOT",   2),
        ("in",     "in",     "ADP",   "IN",  "prep",   2),
        ("the",    "the",    "DET",   "DT",  "det",    5),
        (cause,    cause,    "NOUN",  "NN",  "pobj",   3),
        (".",      ".",      "PUNCT", ".",   "punct",  2),
    )  # fmt: skip


def test_deaths_in_a_flood_are_no_incident():
    assert triggers(died_in_the("attack")) == ["died", "attack"]
    assert triggers(died_in_the("flood")) == []


def charged_with_the_bombing(verb: str, lemma: str):
    # "He was <verb> with the bombing."
    return make_doc(
        ("He",      "he",      "PRON",  "PRP", "nsubjpass", 2),
        ("was",     "be",      "AUX",   "VBD", "auxpass",   2),
        (verb,      lemma,     "VERB",  "VBN", "ROOT",      2),
        ("with",    "with",    "ADP",   "IN",  "prep",      2),
        ("the",     "the",     "DET",   "DT",  "det",       5),
        ("bombing", "bombing", "NOUN",  "NN",  "pobj",      3),
        (".",       ".",       "PUNCT", ".",   "punct",     2),
    )  # fmt: skip


def test_an_event_named_in_a_charge_is_a_reference_not_a_telling():
    [charged] = detect.find_triggers(charged_with_the_bombing("charged", "charge")[:])
    [credited] = detect.find_triggers(charged_with_the_bombing("credited", "credit")[:])
    assert charged.token.text == credited.token.text == "bombing"
    assert charged.reference and not credited.reference


def rockets_hit(end: str = "."):
    # "Rockets hit the base."
    return make_doc(
        ("Rockets", "rocket", "NOUN",  "NNS", "nsubj", 1),
        ("hit",     "hit",    "VERB",  "VBD", "ROOT",  1),
        ("the",     "the",    "DET",   "DT",  "det",   3),
        ("base",    "base",   "NOUN",  "NN",  "dobj",  1),
        (end,       end,      "PUNCT", ".",   "punct", 1),
    )  # fmt: skip


def test_a_question_tells_no_event():
    assert triggers(rockets_hit(".")) == ["Rockets", "hit"]
    assert triggers(rockets_hit("?")) == []


def test_a_sentence_without_a_verb_tells_an_event_only_as_a_headline():
    # "Bomb blast in Kabul"
    doc = make_doc(
        ("Bomb",  "bomb",  "NOUN",  "NN",  "compound", 1),
        ("blast", "blast", "NOUN",  "NN",  "ROOT",     1),
        ("in",    "in",    "ADP",   "IN",  "prep",     1),
        ("Kabul", "Kabul", "PROPN", "NNP", "pobj",     2),
        ents=[(3, 4, "GPE")],
    )  # fmt: skip
    assert triggers(doc) == []
    assert triggers(doc, headline=True) == ["blast"]


# -- grouping and the parse's geometry ---------------------------------------------------------


def test_a_killing_joins_the_specific_event_word_which_leads_the_group():
    # "Three guards were killed in an airstrike."
    doc = make_doc(
        ("Three",     "three",     "NUM",   "CD",  "nummod",    1),
        ("guards",    "guard",     "NOUN",  "NNS", "nsubjpass", 3),
        ("were",      "be",        "AUX",   "VBD", "auxpass",   3),
        ("killed",    "kill",      "VERB",  "VBN", "ROOT",      3),
        ("in",        "in",        "ADP",   "IN",  "prep",      3),
        ("an",        "an",        "DET",   "DT",  "det",       6),
        ("airstrike", "airstrike", "NOUN",  "NN",  "pobj",      4),
        (".",         ".",         "PUNCT", ".",   "punct",     3),
    )  # fmt: skip
    groups = detect.group(detect.find_triggers(doc[:]))
    assert [[t.token.text for t in g] for g in groups] == [["airstrike", "killed"]]
    assert groups[0][1].sub_event_type == tx.AIR_STRIKE  # the killing typed by its cue


def test_two_acts_of_different_types_stay_two_events():
    # "Rebels kidnapped a judge and shelled the town."
    doc = make_doc(
        ("Rebels",    "rebel",  "NOUN",  "NNS", "nsubj", 1),
        ("kidnapped", "kidnap", "VERB",  "VBD", "ROOT",  1),
        ("a",         "a",      "DET",   "DT",  "det",   3),
        ("judge",     "judge",  "NOUN",  "NN",  "dobj",  1),
        ("and",       "and",    "CCONJ", "CC",  "cc",    1),
        ("shelled",   "shell",  "VERB",  "VBD", "conj",  1),
        ("the",       "the",    "DET",   "DT",  "det",   7),
        ("town",      "town",   "NOUN",  "NN",  "dobj",  5),
        (".",         ".",      "PUNCT", ".",   "punct", 1),
    )  # fmt: skip
    groups = detect.group(detect.find_triggers(doc[:]))
    assert [[(t.token.text, t.sub_event_type) for t in g] for g in groups] == [
        [("kidnapped", tx.ABDUCTION)],
        [("shelled", tx.SHELLING)],
    ]


def test_tree_paths_and_what_is_spoken_between_two_words():
    # "Officials said the rockets hit the base. Police agreed."
    doc = make_doc(
        ("Officials", "official", "NOUN",  "NNS", "nsubj", 1),
        ("said",      "say",      "VERB",  "VBD", "ROOT",  1),
        ("the",       "the",      "DET",   "DT",  "det",   3),
        ("rockets",   "rocket",   "NOUN",  "NNS", "nsubj", 4),
        ("hit",       "hit",      "VERB",  "VBD", "ccomp", 1),
        ("the",       "the",      "DET",   "DT",  "det",   6),
        ("base",      "base",     "NOUN",  "NN",  "dobj",  4),
        (".",         ".",        "PUNCT", ".",   "punct", 1),
        ("Police",    "police",   "NOUN",  "NNS", "nsubj", 9),
        ("agreed",    "agree",    "VERB",  "VBD", "ROOT",  9),
        (".",         ".",        "PUNCT", ".",   "punct", 9),
    )  # fmt: skip
    rockets, base, officials = word(doc, "rockets"), word(doc, "base"), word(doc, "Officials")
    assert [t.text for t in detect.tree_path(rockets, base)] == ["rockets", "hit", "base"]
    assert detect.tree_distance(rockets, base) == 2
    assert detect.tree_distance(rockets, word(doc, "Police")) == 99  # another sentence
    assert not detect.spoken_between(rockets, base)
    assert detect.spoken_between(rockets, officials)  # through "said"
    assert detect.sentence_bounds(base) == (0, 8)
    assert detect.sentence_bounds(word(doc, "agreed")) == (8, 11)
