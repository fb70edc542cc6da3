"""Detection and typing of incidents, on sentences written for these tests."""

from __future__ import annotations

import pytest

from geomap.incidents.detect import find_triggers, group

pytestmark = [pytest.mark.model, pytest.mark.gazetteer]


def triggers(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(t.token.text, t.sub_event_type) for s in doc.sents for t in find_triggers(s)]


def main_types(nlp, text: str) -> list[str]:
    doc = nlp(text)
    return [g[0].sub_event_type for s in doc.sents for g in group(find_triggers(s))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Warplanes bombed a rebel convoy near the river on Friday.", "Air/drone strike"),
        ("A drone strike hit a car outside the town.", "Air/drone strike"),
        ("Two rockets slammed into the airport on Monday.", "Shelling/artillery/missile attack"),
        ("Militants shelled the garrison overnight.", "Shelling/artillery/missile attack"),
        ("A roadside bomb exploded as the patrol passed.", "Remote explosive/landmine/IED"),
        ("A suicide bomber blew himself up at the checkpoint.", "Suicide bomb"),
        ("Soldiers clashed with rebels in the hills.", "Armed clash"),
        ("Gunmen kidnapped four aid workers on the road.", "Abduction/forced disappearance"),
        ("Gunmen shot dead a teacher at her home.", "Attack"),
        ("Thousands protested against the new tax in the capital.", "Peaceful protest"),
        ("Police fired tear gas as hundreds protested outside parliament.",
         "Protest with intervention"),
        ("Rioters torched cars after the match.", "Violent demonstration"),
        ("Police arrested twelve suspects in a dawn raid.", "Arrests"),
    ],
)  # fmt: skip
def test_event_words_are_typed_with_acled_sub_event_types(nlp, text, expected):
    assert expected in main_types(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The militia threatened to attack the base if the troops stayed.",
        "Officials warned that the group could strike again within days.",
        "The minister said strikes would continue until the rebels surrendered.",
        "Washington warns of additional defensive actions.",
        "The army must prevent such attacks on its positions.",
        "At least 11 rocket attacks have targeted bases in the last two months.",
        "The two armies fought from 2014 until 2017.",
        "Workers went on strike over unpaid wages.",  # a strike, but a labour one
    ],
)
def test_threats_plans_counts_and_background_are_not_violent_incidents(nlp, text):
    violent = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
    from geomap.incidents.taxonomy import EVENT_TYPE_OF

    assert not [sub for _, sub in triggers(nlp, text) if EVENT_TYPE_OF[sub] in violent]


def test_a_killing_joins_the_event_that_caused_it(nlp):
    doc = nlp("The airstrike on the depot killed three guards and wounded two others.")
    [members] = group(find_triggers(next(doc.sents)))
    assert members[0].token.text == "airstrike"
    assert {t.token.text for t in members} == {"airstrike", "killed", "wounded"}


def test_two_events_in_one_sentence_stay_two(nlp):
    text = "Jets struck the town in response to the rocket attack on the base."
    assert main_types(nlp, text) == ["Air/drone strike", "Shelling/artillery/missile attack"]


def test_weapon_words_are_cues_not_events_of_their_own(nlp):
    assert [w for w, _ in triggers(nlp, "The rocket attack damaged a hangar.")] == ["attack"]


def test_a_crowd_counted_in_hundreds_is_not_a_count_of_events(nlp):
    text = "The strike came a day after several hundred protesters gathered in the square."
    assert ("gathered", "Peaceful protest") in triggers(nlp, text)


def roles(nlp, text: str) -> dict[str, str]:
    doc = nlp(text)
    return {t.token.text: t.role for s in doc.sents for t in find_triggers(s)}


def test_a_weapon_thrown_or_doing_harm_is_an_act_a_weapon_named_is_not(nlp):
    assert roles(nlp, "Two men threw an explosive device at a police post.")["device"] == "act"
    assert roles(nlp, "A bomb destroyed the telephone booth.")["bomb"] == "act"
    assert roles(nlp, "Police found the device near the school.").get("device") in (None, "weapon")


def test_deaths_and_wounds_are_outcomes_of_another_act(nlp):
    assert roles(nlp, "Three soldiers were wounded in the afternoon.")["wounded"] == "outcome"


def test_an_event_named_under_a_trial_is_a_reference(nlp):
    doc = nlp("Neither man was tried for the bombing of the cafe.")
    [bombing] = [t for s in doc.sents for t in find_triggers(s)]
    assert bombing.reference


@pytest.mark.parametrize(
    "text",
    [
        "If you refuse, they'll fire us all.",  # dismissal, not gunfire
        "The government targeted 13 officials with sanctions.",
        "She was moved to house arrest.",
        "Doctors called for resources to attack the virus.",
        "Is it safe to take the road?",
    ],
)
def test_words_of_violence_used_for_something_else_are_no_event(nlp, text):
    assert triggers(nlp, text) == []


def test_a_clash_of_students_with_police_is_a_riot(nlp):
    text = "Students clashed with security forces outside the campus on Friday."
    assert main_types(nlp, text) == ["Violent demonstration"]


def test_a_police_raid_is_an_arrest_and_a_knife_attack_an_attack_on_civilians(nlp):
    assert main_types(nlp, "Police launched raids in east London early Monday.") == ["Arrests"]
    assert "Attack" in main_types(nlp, "A man launched a knife attack on shoppers.")


def test_a_death_put_down_to_a_weapon_tells_an_attack(nlp):
    from geomap.incidents.taxonomy import ACT, OUTCOME

    for text in ("The candidate died of gunshot wounds.", "A guard died from stab wounds."):
        [trigger] = find_triggers(next(nlp(text).sents))
        assert trigger.role == ACT and not trigger.generic
    found = find_triggers(next(nlp("The guard died of his wounds after the bombing.").sents))
    assert [t.role for t in found if t.token.text == "died"] == [OUTCOME]
