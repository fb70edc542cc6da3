"""Actor and target of an event word, on sentences parsed by the real spaCy model."""

from __future__ import annotations

import pytest

from geomap.incidents.actors import find_actors

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def model():
    from geomap.nlp import load_model

    return load_model()


def actors(model, text: str, trigger: str) -> tuple[str | None, str | None]:
    sentence = next(model(text).sents)
    token = next(token for token in sentence if token.text == trigger)
    return find_actors(token)


ACTIVE = [
    ("Gunmen attacked police in the northern city.", "attacked", ("Gunmen", "police")),
    ("The US killed Qasem Soleimani in a drone strike.", "killed", ("US", "Qasem Soleimani")),
    ("Police arrested five protesters during the rally.", "arrested", ("Police", "protesters")),
    ("Mobs attacked Christians in the village.", "attacked", ("Mobs", "Christians")),
    (
        "Unidentified gunmen abducted a local journalist in Mosul.",
        "abducted",
        ("Unidentified gunmen", "local journalist"),
    ),
    (
        "Security forces fired tear gas at demonstrators.",
        "fired",
        ("Security forces", "demonstrators"),
    ),
    (
        "Militants who stormed the prison freed dozens of inmates.",
        "stormed",
        ("Militants", None),
    ),
    (
        "ARMED MEN ATTACKED A POLICE STATION AND KILLED TWO GUARDS.",
        "KILLED",
        ("ARMED MEN", "GUARDS"),
    ),
]

PASSIVE = [
    (
        "Two people were kidnapped by terrorists of the FMLN.",
        "kidnapped",
        ("terrorists of the FMLN", "people"),
    ),
    ("Protesters were shot by police near the square.", "shot", ("police", "Protesters")),
    (
        "Villagers were attacked by a group of armed men.",
        "attacked",
        ("group of armed men", "Villagers"),
    ),
    ("A soldier was killed in the blast.", "killed", (None, "soldier")),
    ("Baghdad was attacked by insurgents.", "attacked", ("insurgents", None)),
]

NOMINAL = [
    (
        "The US airstrikes on Tehran-backed militias drew criticism.",
        "airstrikes",
        ("US", "Tehran-backed militias"),
    ),
    ("Kataib Hezbollah's attack on the PMF was condemned.", "attack", ("Kataib Hezbollah", "PMF")),
    (
        "The attack against the Yazidi community was carried out by jihadists.",
        "attack",
        ("jihadists", "Yazidi community"),
    ),
    (
        "The killing of three journalists by unknown gunmen shocked the country.",
        "killing",
        ("unknown gunmen", "journalists"),
    ),
    (
        "Israeli airstrikes killed at least 20 Palestinians.",
        "airstrikes",
        ("Israeli", "Palestinians"),
    ),
    ("Militants launched an attack on Kirkuk.", "attack", ("Militants", None)),
    ("Rocket attacks blamed on Kataib Hezbollah hit the base.", "attacks", (None, None)),
    ("The Kirkuk bombing shocked residents.", "bombing", (None, None)),
]

INHERITED_SUBJECT = [
    ("US forces struck the bases, killing 25 fighters.", "killing", ("US forces", "fighters")),
    ("Soldiers opened fire on the crowd, killing three people.", "killing", ("Soldiers", "people")),
    ("Rebels ambushed an army patrol and killed six soldiers.", "killed", ("Rebels", "soldiers")),
]

NOT_ACTORS = [
    ("They attacked the convoy at dawn.", "attacked", (None, None)),
    ("It killed 12 civilians.", "killed", (None, "civilians")),
    ("The militia attacked Kirkuk on Tuesday.", "attacked", ("militia", None)),
    ("US forces struck five locations in Iraq and Syria.", "struck", ("US forces", None)),
    ("The army shelled the facilities overnight.", "shelled", ("army", None)),
    ("An explosion killed four workers at the plant.", "killed", (None, "workers")),
    ("Iran attacked two tankers in the Gulf.", "attacked", ("Iran", None)),
]


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    ACTIVE + PASSIVE + NOMINAL + INHERITED_SUBJECT + NOT_ACTORS,
)
def test_find_actors(model, text, trigger, expected):
    assert actors(model, text, trigger) == expected
