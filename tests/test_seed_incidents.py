"""The seed article's incidents, through the real command line (issue 3's checks).

The seed lives in ../shared/seed/ and is never copied into the repository."""

from __future__ import annotations

import pytest

from geomap.geo import haversine_km

from conftest import SEED

pytestmark = [pytest.mark.model, pytest.mark.gazetteer]

K1_BASE = (35.5125, 44.2842)
TEHRAN = (35.69, 51.42)
WASHINGTON = (38.90, -77.04)
IRAQ_OR_SYRIA = {"IQ", "SY"}


@pytest.fixture(scope="module")
def seed(seed_report):
    return seed_report, SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def incidents(seed):
    return seed[0]["incidents"]


def _of(incidents, sub_event_type, date_prefix):
    return [
        i
        for i in incidents
        if i["sub_event_type"] == sub_event_type and (i["event_date"] or "").startswith(date_prefix)
    ]


def test_us_airstrikes_of_sunday_in_iraq_and_syria_killed_25(incidents):
    strikes = _of(incidents, "Air/drone strike", "2019-12-29")
    assert strikes, incidents
    assert {s["country_code"] for s in strikes} <= IRAQ_OR_SYRIA
    assert {s["country_code"] for s in strikes} & IRAQ_OR_SYRIA
    assert all(s["event_type"] == "Explosions/Remote violence" for s in strikes)
    assert all(s["time_precision"] == 1 for s in strikes)
    assert [s["fatalities"] for s in strikes if s["fatalities"] is not None] == [25]
    assert any(s["actor1"] and "US" in s["actor1"] for s in strikes)
    country_level = [s for s in strikes if s["geo_precision"] == 3]
    assert country_level  # "five locations in Iraq and Syria": country precision


def test_rocket_attack_of_december_27_at_k1_base_killed_one(incidents, seed):
    [attack] = _of(incidents, "Shelling/artillery/missile attack", "2019-12-27")
    assert attack["event_type"] == "Explosions/Remote violence"
    assert attack["time_precision"] == 1
    assert attack["fatalities"] == 1  # "killed a US contractor"; the wounded do not count
    assert haversine_km(attack["lat"], attack["lon"], *K1_BASE) <= 15
    span = attack["location_span"]
    assert seed[1][span["start"] : span["end"]] == "K-1 base"
    assert len(attack["mentions"]) >= 2  # reported twice: one incident with both sentences


def test_vessel_attacks_in_the_sea_of_oman_this_summer(incidents):
    [vessels] = [i for i in incidents if "Oman" in (i["location"] or "")]
    assert vessels["event_type"] == "Explosions/Remote violence"
    assert vessels["event_date"].startswith("2019")
    assert vessels["time_precision"] == 4  # a season
    assert vessels["geo_precision"] == 3  # a sea


def test_aramco_drone_attacks_in_saudi_arabia_in_september(incidents):
    [aramco] = _of(incidents, "Air/drone strike", "2019-09")
    assert aramco["country_code"] == "SA"
    assert aramco["time_precision"] == 3


def test_strikes_on_pmf_depots_across_iraq_in_august(incidents):
    [depots] = [i for i in incidents if (i["event_date"] or "").startswith("2019-08")]
    assert depots["country_code"] == "IQ"
    assert depots["time_precision"] == 3


def test_no_incident_in_tehran_or_washington(incidents):
    for incident in incidents:
        if incident["lat"] is None:
            continue
        for city in (TEHRAN, WASHINGTON):
            assert haversine_km(incident["lat"], incident["lon"], *city) > 100, incident


def test_statements_and_background_are_not_incidents(incidents):
    notes = " ".join(i["notes"] for i in incidents)
    assert "Esper warned" not in notes  # a warning
    assert not any(i["event_date"] and i["event_date"] < "2019" for i in incidents)  # 2014-2017


def test_evidence_offsets_point_into_the_article(seed):
    report, text = seed
    for incident in report["incidents"]:
        for mention in incident["mentions"]:
            assert text[mention["start"] : mention["end"]].strip() == mention["text"]
            trigger = mention["trigger"]
            assert mention["start"] <= trigger["start"] < trigger["end"] <= mention["end"]
