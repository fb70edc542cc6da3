"""Reading a whole article as a coder does (geomap.incidents.discourse): which sentences
tell one event, what is no event, where and when an event happened when its own sentence
does not say, and which events are background. Short articles written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.config import Settings
from geomap.geo import haversine_km

pytestmark = [pytest.mark.model, pytest.mark.gazetteer]

PUBLISHED = "2024-05-14"  # a Tuesday


@pytest.fixture(scope="module")
def reader(gazetteer):
    """A pipeline that keeps every incident, whatever its confidence."""
    from geomap.pipeline import Pipeline

    with Pipeline(Settings(min_confidence=0.0), gazetteer=gazetteer) as opened:
        yield opened


def incidents_of(reader, text, published=PUBLISHED):
    return list(reader.parse(text, published=published).incidents)


def test_outcomes_told_in_later_sentences_join_the_act_and_their_victims_add_up(reader):
    text = (
        "A roadside bomb exploded under an army convoy near Kandahar on Monday, killing "
        "two soldiers.\n\nThree other soldiers were wounded, officials said.\n\n"
        "A local commander of the militia was also killed."
    )
    [incident] = incidents_of(reader, text)
    assert incident.sub_event_type == "Remote explosive/landmine/IED"
    assert incident.event_date == dt.date(2024, 5, 13)
    assert incident.fatalities == 3  # two soldiers, and a commander: other victims
    assert len(incident.evidence) == 3


def test_a_sentence_without_place_or_date_takes_them_from_the_one_before(reader):
    text = (
        "Shootings in Belfast continued overnight on Monday.\n\n"
        "In one incident, a man was killed in a gun battle between troops and gunmen."
    )
    battles = [i for i in incidents_of(reader, text) if i.sub_event_type == "Armed clash"]
    assert battles
    assert all(b.location == "Belfast" for b in battles)
    assert any(b.event_date == dt.date(2024, 5, 13) and b.fatalities == 1 for b in battles)


def test_a_street_the_gazetteer_lacks_is_coded_to_its_town(reader):
    text = "A bomb exploded in Victoria Street in Belfast on Monday, wounding four people."
    [incident] = incidents_of(reader, text)
    assert incident.location == "Belfast"
    assert incident.geo_precision == 2


def test_a_headline_and_the_lead_that_tells_it_are_one_incident(reader):
    text = (
        "Car bomb kills three in Kandahar\n"
        "A car bomb exploded outside a market in Kandahar on Sunday, killing three people."
    )
    [incident] = incidents_of(reader, text)
    assert incident.fatalities == 3 and incident.event_date == dt.date(2024, 5, 12)


@pytest.mark.parametrize(
    "text",
    [
        "The man is on trial on charges of murder and conspiracy.",  # a trial
        "The group planned to bomb the embassy in Nairobi.",  # a plan
        "A gas explosion in a restaurant in Lyon killed two people on Monday.",  # an accident
        "About 100 people have died in three months of street protests.",  # a statistic
        "Kidnappings and assassinations are commonplace in the region.",  # a habit
        "Eight people died of an unidentified disease in Maracay last week.",  # illness
        "The minister denied rumours of a coup in the capital.",  # a denial
        "Arrests of activists have accelerated in Caracas.",  # a trend
    ],
)
def test_what_is_no_event_makes_no_incident(reader, text):
    from geomap.incidents.confidence import min_confidence

    found = incidents_of(reader, text)
    # an event only named (the murder being tried) is kept, told in passing, under the default
    assert all(i.basis.passing and i.confidence < min_confidence() for i in found)


def test_an_old_event_without_its_own_date_and_place_is_told_in_passing(reader):
    kept = "In March 2015, a suicide bombing at a mosque in Kabul killed 20 worshippers."
    [old] = incidents_of(reader, kept)
    assert old.event_date == dt.date(2015, 3, 1)
    assert old.basis.background and old.basis.date_from == "own"
    assert not old.basis.passing
    unplaced = "Kabul was calm on Monday. Years ago, in 2015, a bombing killed 20 people."
    [bombing] = incidents_of(reader, unplaced)
    assert bombing.basis.background and bombing.basis.passing  # no place of its own
    assert bombing.confidence < old.confidence


def test_a_place_that_names_a_party_is_not_where_it_happened(reader):
    text = "Russia's ambassador was shot dead by a gunman on Monday."
    [incident] = incidents_of(reader, text)
    assert incident.country_code != "RU"
    assert not incident.located


def test_a_province_is_coded_at_its_largest_town(reader, gazetteer):
    text = "Gunmen killed five villagers in Kandahar province on Friday."
    [incident] = incidents_of(reader, text)
    [(city, _)] = [(e, k) for e, k in gazetteer.lookup("Kandahar") if e.feature == "city"][:1]
    assert incident.geo_precision == 3
    assert haversine_km(incident.lat, incident.lon, city.lat, city.lon) < 5


def test_a_relative_day_in_a_quotation_is_the_speakers_not_the_articles(reader):
    text = (
        'The mayor of Lyon spoke on Wednesday. "They attacked our market in Lyon today," he said.'
    )
    incidents = incidents_of(reader, text, published="2024-05-20")
    assert incidents
    assert all(i.event_date != dt.date(2024, 5, 20) for i in incidents)


def test_a_witness_retelling_the_blast_joins_the_incident(reader):
    text = (
        "A bomb exploded outside a bakery in Lyon on Friday, injuring 13 people.\n\n"
        "Police cordoned off the street.\n\nShops closed early.\n\nThe metro stopped.\n\n"
        '"There was an explosion and I thought it was a car crash," said a student.'
    )
    [incident] = incidents_of(reader, text, published="2024-05-17")
    assert len(incident.evidence) == 2


def test_each_incident_says_what_its_confidence_rests_on(reader):
    text = "Gunmen kidnapped three engineers in Kirkuk on Sunday, police said."
    [incident] = incidents_of(reader, text)
    basis = incident.basis
    assert basis.place_from == "own" and basis.date_from == "own" and basis.mentions == 1
    assert 0.0 < incident.confidence < 1.0
    assert incident.to_dict(explain=True)["basis"]["place_from"] == "own"
    assert "basis" not in incident.to_dict()


def test_the_pipeline_leaves_out_incidents_under_its_min_confidence(gazetteer):
    from geomap.pipeline import Pipeline

    text = "Gunmen kidnapped three engineers in Kirkuk on Sunday, police said."
    with Pipeline(Settings(min_confidence=1.0), gazetteer=gazetteer) as strict:
        assert strict.parse(text, published=PUBLISHED).incidents == ()
    with Pipeline(Settings(min_confidence=0.0), gazetteer=gazetteer) as lenient:
        assert len(lenient.parse(text, published=PUBLISHED).incidents) == 1


def test_an_outcome_takes_no_place_from_the_act_it_results_from(reader):
    text = (
        "Twelve sailors were injured in the port of Mombasa on Sunday as a result of an "
        "explosion caused by a bomb planted under a bus."
    )
    explosions = [i for i in incidents_of(reader, text) if i.event_type.startswith("Explosions")]
    assert explosions
    assert all(i.location == "Mombasa" for i in explosions)


def test_acts_told_together_share_the_place_of_either(reader):
    text = (
        "The minister also spoke of a mid-air plane explosion -- a terrorist act, in his "
        "words -- and the attack carried out against the police headquarters in Quetta "
        "with 300 kilograms of explosives."
    )
    [incident] = incidents_of(reader, text)
    assert incident.location == "Quetta"


def test_an_event_its_words_do_not_place_takes_the_town_of_its_sentence_not_the_country(reader):
    text = (
        "Nigeria's government condemned the murder of a senator.\n\n"
        "The senator was killed on Friday while attending an election rally in a Lagos suburb."
    )
    killings = [i for i in incidents_of(reader, text) if i.fatalities]
    assert killings
    assert all(i.location == "Lagos" for i in killings)


def test_a_government_warned_or_acting_is_no_place_of_the_event(reader):
    text = (
        "Pakistan has warned Washington will pay for the drone strikes on Sunday which "
        "killed 12 fighters."
    )
    incidents = incidents_of(reader, text)
    assert incidents
    assert all(i.country_code != "US" for i in incidents)


def test_a_death_put_down_to_gunshots_is_an_attack_and_the_dateline_day_no_toll(reader):
    text = (
        "BOGOTA, 22 MAR 90 (AFP) -- Jorge Andrade, the presidential candidate, has died from "
        "gunshot wounds, a spokesman has reported."
    )
    [incident] = incidents_of(reader, text, published="1990-03-22")
    assert incident.sub_event_type == "Attack"
    assert incident.fatalities == 1
