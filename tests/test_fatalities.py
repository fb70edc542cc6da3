"""Fatality counts by ACLED's rules, on sentences parsed by the real spaCy model (tests
marked ``model``), and tolls added up across sentences (no model)."""

from __future__ import annotations

import pytest

from geomap.incidents.fatalities import count_fatalities


@pytest.fixture(scope="module")
def model():
    from geomap.nlp import load_model

    return load_model()


def fatalities(model, text: str) -> int | None:
    return count_fatalities(next(model(text).sents))


EXPLICIT = [
    ("Gunmen opened fire on a crowded market, killing at least 11 people.", 11),
    ("More than 40 people were killed in the fighting.", 40),
    ("Up to 15 villagers were killed, witnesses said.", 15),
    ("Two policemen died after gunmen opened fire on their checkpoint.", 2),
    ("Insurgents executed 4 hostages on Sunday.", 4),
    ("Five members of the same family were murdered in their home.", 5),
    ("Twenty-five people lost their lives in the fire.", 25),
    ("The bomb claimed the lives of 9 schoolchildren.", 9),
    ("Police found the bodies of 7 men near the river.", 7),
    ("The bombing left 12 dead and dozens injured.", 12),
    ("Police said 6 people were dead after the shooting.", 6),
    ("Security forces shot dead three protesters on Friday.", 3),
    ("The killing of four aid workers sparked outrage.", 4),
    ("An explosion that killed 4 people rocked the city.", 4),
    ("Five soldiers, who were killed in the ambush, were buried on Friday.", 5),
    ("Some 30 people were killed.", 30),
    ("As many as 40 people died.", 40),
    ("About 2,000 fighters have been killed since 2015.", 2000),
    ("Fighting in 2014 killed more than 1,200 people.", 1200),
    ("The war has displaced thousands of families, over 500 of whom have died.", 500),
]

DEATH_TOLL = [
    ("The death toll from the landslide rose to 30 on Sunday.", 30),
    ("The death toll is now 30.", 30),
    ("The second blast hit the mosque, raising the death toll to 30.", 30),
    ("The death toll rose from 20 to 30 overnight.", 30),
    ("The earthquake caused a death toll of 30.", 30),
    ("The death toll climbed to at least 52, with more than 100 injured.", 52),
]

SINGLE_PERSON = [
    ("The attack killed a US contractor and wounded several soldiers.", 1),
    ("A soldier was killed when the convoy hit a roadside bomb.", 1),
    ("The attack killed one soldier.", 1),
    ("A 50-year-old farmer was shot dead by gunmen in 2014.", 1),
    ("A 7-year-old boy died in hospital three days later.", 1),
    ("He died of his wounds on Tuesday.", 1),
    ("The drone strike killed Qasem Soleimani at Baghdad airport.", 1),
]

GROUPS_AND_SUBSETS = [
    ("Three soldiers and two civilians were killed in the blast.", 5),
    ("The raid killed two militants and a civilian.", 3),
    ("The troops killed the rebel commander and his deputy.", 2),
    ("US airstrikes killed 25 fighters, including four commanders, in western Iraq.", 25),
    ("Three people were killed, including a child.", 3),
    ("Israeli airstrikes killed at least 20 Palestinians, including 8 children, medics said.", 20),
]

RANGES_AND_LOWEST = [
    ("Between 10 and 15 people died in the clashes.", 10),
    ("Rebels killed 10 to 15 soldiers in the ambush.", 10),
    ("Officials said 14 people died, but activists reported 20 deaths.", 14),
    ("Gunmen killed 25, according to officials; other sources said 30.", 25),
    (
        "The strike killed 25 people, according to officials, while local sources put "
        "the death toll at 30.",
        25,
    ),
    ("The ministry recorded 30 deaths and 12 fatalities among rescuers.", 12),
    ("The blast killed 3 people and injured 10, bringing the death toll to 45.", 3),
]

VAGUE = [
    ("Dozens of civilians were killed in the shelling.", 12),
    ("Several dozen people died.", 12),
    ("Scores of villagers were massacred.", 12),
    ("A dozen miners were killed in the collapse.", 12),
    ("Hundreds of people have died since the siege began.", 100),
    ("Several protesters were killed by security forces.", 10),
    ("A number of civilians were killed.", 10),
    ("Protesters were killed by police during the march.", 10),
    ("A few soldiers died.", 3),
]

WOUNDED_EXCLUDED = [
    ("The militants killed 3 police officers and wounded 12 others.", 3),
    ("At least 11 were killed and 20 were wounded.", 11),
    ("Nine people were killed and 1,200 were wounded.", 9),
    ("3 were killed and 12 wounded.", 3),
    ("Two soldiers were killed and a third was wounded.", 2),
    ("The suicide bombing killed 14 worshippers and injured 30 in Kabul.", 14),
    ("Twelve people were wounded in the explosion.", None),
]

ZERO = [
    ("No one was killed in the attack.", 0),
    ("Nobody was hurt in the blast.", 0),
    ("None of the passengers died.", 0),
    ("The explosion caused no casualties, police said.", 0),
    ("The operation ended without casualties.", 0),
    ("There were no deaths reported after the storm.", 0),
    ("The clashes resulted in no casualties.", 0),
    ("The soldiers were not killed, the ministry said.", 0),
]

UPPER_CASE = [
    ("THREE SUBVERSIVES WERE KILLED AND SEVEN OTHERS WERE WOUNDED.", 3),
    ("GUNMEN KILLED FIVE PEASANTS IN THE VILLAGE OF SAN JOSE.", 5),
    ("TWO SOLDIERS DIED AND FOUR WERE WOUNDED IN AN AMBUSH.", 2),
    ("EIGHT PEOPLE WERE KILLED, INCLUDING THREE CHILDREN, WHEN A BOMB EXPLODED.", 8),
    ("KILLING AT LEAST 11 PEOPLE, THE REBELS FLED INTO THE HILLS.", 11),
    ("NO ONE WAS KILLED IN THE ATTACK.", 0),
]

NO_DEATHS = [
    ("The president visited the capital on Monday to discuss trade.", None),
    ("The police arrested 40 suspects after the riot.", None),
    ("He was sentenced to death in 2019.", None),
    ("The journalist received death threats.", None),
    ("The insurgents executed a complex attack on the base.", None),
]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    EXPLICIT
    + DEATH_TOLL
    + SINGLE_PERSON
    + GROUPS_AND_SUBSETS
    + RANGES_AND_LOWEST
    + VAGUE
    + WOUNDED_EXCLUDED
    + ZERO
    + UPPER_CASE
    + NO_DEATHS,
)
def test_count_fatalities(model, text, expected):
    assert fatalities(model, text) == expected


# -- adding up the tolls of one event --------------------------------------------------------


def test_tolls_of_different_victims_add_up_and_of_the_same_victims_keep_the_lowest():
    from geomap.incidents.fatalities import Toll, total_deaths

    soldiers, insurgents = (
        Toll(23, frozenset({"afghan", "soldier"})),
        Toll(20, frozenset({"insurgent"})),
    )
    assert total_deaths([soldiers, insurgents]) == 43
    assert total_deaths([soldiers, Toll(25, frozenset({"soldier"}))]) == 23  # one group, lowest
    assert total_deaths([Toll(9, frozenset({"people"})), Toll(11, frozenset())]) == 9
    assert total_deaths([]) is None


def test_the_parts_of_a_total_do_not_lower_it():
    from geomap.incidents.fatalities import Toll, total_deaths

    nine = Toll(9, frozenset({"people"}))  # "nine people were dead"
    six = Toll(6, frozenset({"ulsterbus", "worker", "soldier"}))  # "four workers and two soldiers"
    assert total_deaths([nine, six]) == 9
    assert total_deaths([Toll(3, frozenset({"people"})), six]) == 6  # the parts say more


@pytest.mark.model
def test_a_named_victim_is_not_counted_again_under_a_title(model):
    from geomap.incidents.fatalities import sentence_toll, total_deaths

    tolls = [
        sentence_toll(next(model(text).sents))
        for text in (
            "A roadside bomb killed a Russian major general near the city.",
            "Major General Ivan Petrov died after the bomb detonated under his convoy.",
            "A local commander of the militia was also killed.",
        )
    ]
    assert total_deaths(tolls) == 2
