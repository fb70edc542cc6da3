"""Incidents through the pipeline: dates, fatalities, places, metonymy and merging,
on short articles written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.incidents.merge import dates_agree, merge_across, places_agree
from geomap.models import Document, Evidence, Incident

MONDAY = "2019-12-30"


def incidents_of(pipeline, text, published=MONDAY):
    return pipeline.parse(text, published=published).incidents


@pytest.mark.model
@pytest.mark.gazetteer
def test_the_event_place_is_not_the_speaker_capital(pipeline):
    [incident] = incidents_of(
        pipeline, "Tehran says the airstrikes in Syria on Sunday were illegal."
    )
    assert incident.country_code == "SY"
    assert incident.location_span is not None
    assert incident.event_date == dt.date(2019, 12, 29)


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_facility_in_a_town_is_the_more_precise_place(pipeline):
    text = "A rocket attack on K-1 base in Kirkuk on Friday wounded four soldiers."
    [incident] = incidents_of(pipeline, text)
    start, end = incident.location_span
    assert text[start:end] == "K-1 base"
    assert incident.geo_precision == 1
    assert incident.fatalities is None  # wounded are not fatalities
    assert incident.event_date == dt.date(2019, 12, 27)


@pytest.mark.model
@pytest.mark.gazetteer
def test_an_event_in_two_countries_is_coded_in_each(pipeline):
    text = "US jets struck militia depots in Iraq and Syria on Sunday, killing 12 fighters."
    found = incidents_of(pipeline, text)
    assert {i.country_code for i in found} == {"IQ", "SY"}
    assert all(i.geo_precision == 3 for i in found)
    assert sorted(i.fatalities for i in found if i.fatalities is not None) == [12]


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_second_mention_merges_into_the_first_with_its_deaths(pipeline):
    text = (
        "Militants fired rockets at the airport in Erbil on Saturday.\n\n"
        "The attack killed two guards, officials said."
    )
    [incident] = incidents_of(pipeline, text)
    assert incident.sub_event_type == "Shelling/artillery/missile attack"
    assert incident.fatalities == 2
    assert len(incident.evidence) == 2
    assert incident.event_date == dt.date(2019, 12, 28)


@pytest.mark.model
@pytest.mark.gazetteer
def test_near_a_town_is_geo_precision_2(pipeline):
    [incident] = incidents_of(pipeline, "A car bomb exploded near Mosul on Sunday.")
    assert incident.geo_precision == 2
    assert incident.location == "Mosul"


@pytest.mark.model
@pytest.mark.gazetteer
def test_without_a_publication_date_no_year_is_invented(pipeline):
    [incident] = incidents_of(
        pipeline, "Gunmen kidnapped three engineers in Kirkuk on Sunday.", published=None
    )
    assert incident.event_date is None
    assert incident.date_text == "on Sunday"
    assert incident.sub_event_type == "Abduction/forced disappearance"


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_date_in_the_header_anchors_relative_dates(pipeline):
    text = "BAGHDAD, Dec. 30, 2019 — Two rockets hit the Green Zone in Baghdad yesterday."
    [incident] = incidents_of(pipeline, text, published=None)
    assert incident.event_date == dt.date(2019, 12, 29)


@pytest.mark.model
@pytest.mark.gazetteer
def test_wire_copy_in_capitals_is_read(pipeline):
    text = (
        "LIMA, 15 JAN 90 -- A CAR BOMB EXPLODED YESTERDAY IN FRONT OF A BANK IN THE "
        "MIRAFLORES NEIGHBORHOOD OF LIMA, KILLING TWO POLICEMEN."
    )
    [incident] = incidents_of(pipeline, text, published=None)
    assert incident.event_type == "Explosions/Remote violence"
    assert incident.event_date == dt.date(1990, 1, 14)
    assert incident.fatalities == 2
    assert incident.country_code == "PE"
    assert incident.notes in text  # the evidence as the wire wrote it, not as re-cased


def _incident(doc_id, **fields):
    evidence = Evidence(doc_id, 0, 10, "text", 0, 4, source=f"https://example.org/{doc_id}")
    values = dict(
        id=f"{doc_id}-1", event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike", evidence=(evidence,),
        event_date=dt.date(2019, 12, 29), time_precision=1, location="Kirkuk", lat=35.47,
        lon=44.39, geo_precision=1, country_code="IQ", place_source="geonames:94787",
    )  # fmt: skip
    values.update(fields)
    return Incident(**values)


def test_articles_telling_of_one_incident_share_it_with_both_sources():
    from geomap.models import Report

    reports = [
        Report(Document("a", "text"), incidents=(_incident("a", fatalities=3),)),
        Report(Document("b", "text"), incidents=(_incident("b", fatalities=2),)),
        Report(Document("c", "text"), incidents=(_incident("c", event_date=dt.date(2019, 12, 1)),)),
    ]
    merged = merge_across(reports)
    first, second, third = (r.incidents[0] for r in merged)
    assert first == second
    assert first.sources == ("https://example.org/a", "https://example.org/b")
    assert first.fatalities == 2  # the lowest figure reported
    assert third.sources == ("https://example.org/c",)


def test_dates_agree_when_one_lies_in_the_others_period():
    day = _incident("a")
    month = _incident("b", event_date=dt.date(2019, 12, 1), time_precision=3)
    other_month = _incident("c", event_date=dt.date(2019, 11, 1), time_precision=3)
    assert dates_agree(day, month)
    assert not dates_agree(day, other_month)
    assert dates_agree(day, _incident("d", event_date=None, time_precision=None))


def test_places_agree_for_a_country_and_a_town_in_it():
    town = _incident("a")
    country = _incident("b", location="Iraq", geo_precision=3, place_source="geonames:99237")
    elsewhere = _incident("c", location="Syria", geo_precision=3, country_code="SY",
                          place_source="geonames:163843")  # fmt: skip
    assert places_agree(town, country)
    assert not places_agree(town, elsewhere)


@pytest.mark.model
@pytest.mark.gazetteer
def test_an_unplaced_incident_of_a_local_report_is_coded_to_its_dateline_town(pipeline):
    text = (
        "BOGOTA, Jan. 5, 2020 — Officials met donors in Medellin on Friday.\n\n"
        "Gunmen later kidnapped a judge, police said."
    )
    kidnapping = [i for i in incidents_of(pipeline, text, published=None)
                  if i.sub_event_type == "Abduction/forced disappearance"]  # fmt: skip
    [incident] = kidnapping
    assert incident.country_code == "CO" and incident.location == "Bogotá"
    assert incident.geo_precision == 2  # a representative town, not the named place
    assert incident.location_span is None  # no mention says where it happened


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_foreign_dateline_gives_only_the_articles_country(pipeline):
    text = (
        "BEIRUT, Jan. 5, 2020 — Fighting flared across Syria on Friday, from Idlib to Deraa "
        "and the suburbs of Damascus.\n\nGunmen later kidnapped a judge, police said."
    )
    [incident] = [i for i in incidents_of(pipeline, text, published=None)
                  if i.sub_event_type == "Abduction/forced disappearance"]  # fmt: skip
    assert incident.country_code == "SY" and incident.location == "Syria"
    assert incident.geo_precision == 3


@pytest.mark.gazetteer
def test_gazetteer_finds_a_country_by_its_code(gazetteer):
    assert gazetteer.country("co").name == "Colombia"
    assert gazetteer.country("XX") is None


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_village_the_gazetteer_lacks_keeps_its_name_and_gets_the_country(pipeline):
    text = "BOGOTA, Jan. 5, 2020 — Gunmen kidnapped a judge in the village of Zuqertaba."
    [incident] = incidents_of(pipeline, text, published=None)
    assert incident.location == "Zuqertaba"
    assert text[slice(*incident.location_span)] == "Zuqertaba"
    assert incident.lat is None and incident.geo_precision is None  # no invented point
    assert incident.country_code == "CO"


def test_an_incident_keeps_the_feature_of_the_place_its_location_names():
    from geomap.incidents import with_location_features
    from geomap.models import Place, Role

    evidence = Evidence("d", 0, 30, "Mines hit ships in the Sea of Oman.", 6, 9)
    at_sea = Incident("a", "Explosions/Remote violence", "Remote explosive/landmine/IED",
                      (evidence,), location="Gulf of Oman", location_span=(23, 34))  # fmt: skip
    unplaced = Incident("b", "Battles", "Armed clash", (evidence,))
    places = [
        Place(0, 5, "Mines", Role.PLACE),  # unresolved: no feature
        Place(23, 34, "Sea of Oman", Role.PLACE, name="Gulf of Oman", feature="gulf"),
    ]
    sea, nowhere = with_location_features([at_sea, unplaced], places)
    assert sea.location_feature == "gulf"
    assert nowhere.location_feature is None
    assert "location_feature" not in sea.to_dict()  # the JSON schema is unchanged
