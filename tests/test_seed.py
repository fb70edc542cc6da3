"""The article geomap was designed around, through the real command line.

The seed lives in ../shared/seed/ and is never copied into the repository."""

from __future__ import annotations

import pytest

from geomap.geo import haversine_km

pytestmark = [pytest.mark.model, pytest.mark.gazetteer]

NOT_PLACES = {
    *("Daesh", "Kataib Hezbollah", "Quds Force", "Mark Esper", "Mike Pompeo", "Trump"),
    *("Abbas Mousavi", "Jonathan Hoffman", "Abu Mahdi al-Muhandis", "Aramco", "PMF"),
}


@pytest.fixture(scope="module")
def seed_places(seed_report):
    assert seed_report["published"] == "2019-12-30"
    return seed_report["places"]


def _near(places, lat, lon, km, **fields):
    return [
        p
        for p in places
        if p["lat"] is not None
        and haversine_km(p["lat"], p["lon"], lat, lon) <= km
        and all(p[key] == value for key, value in fields.items())
    ]


def test_erbil_is_the_dateline(seed_places):
    [erbil] = _near(seed_places, 36.19, 44.01, 25, text="Erbil")
    assert erbil["role"] == "dateline"
    assert erbil["start"] < 200


def test_kirkuk_and_the_k1_base(seed_places):
    assert _near(seed_places, 35.4681, 44.3922, 25, text="Kirkuk")
    [base] = _near(seed_places, 35.5125, 44.2842, 5, feature="military_base")
    assert "K-1" in base["text"]


def test_the_sea_of_oman_as_a_sea(seed_places):
    [sea] = [p for p in seed_places if p["text"] == "Sea of Oman"]
    assert sea["feature"] in ("sea", "gulf")
    assert haversine_km(sea["lat"], sea["lon"], 24.5, 58.5) <= 300


@pytest.mark.parametrize(
    ("text", "code"), [("Iraq", "IQ"), ("Syria", "SY"), ("Saudi Arabia", "SA"), ("Bahrain", "BH")]
)
def test_countries(seed_places, text, code):
    found = [p for p in seed_places if p["text"] == text]
    assert found
    assert all(p["feature"] == "country" and p["country_code"] == code for p in found)


def test_demonyms_and_governments(seed_places):
    iraqi = [p for p in seed_places if p["text"] == "Iraqi"]
    assert iraqi and all(p["role"] == "demonym" and p["country_code"] == "IQ" for p in iraqi)
    assert [p["role"] for p in seed_places if p["start"] == 0] == ["metonym"]  # "Tehran says"


def test_no_groups_or_people_as_places(seed_places):
    assert not NOT_PLACES & {p["text"] for p in seed_places}


def test_every_place_is_resolved_and_explained_by_a_source(seed_places):
    for place in seed_places:
        assert place["source"], place
        assert 0 < place["confidence"] <= 1
