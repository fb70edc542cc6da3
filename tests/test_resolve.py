"""Resolution rules on a small gazetteer written here, so each rule is seen on its own.

The mentions are given directly (no spaCy model): what is tested is the ranking."""

from __future__ import annotations

import pytest

from geomap.kb.gazetteer import Gazetteer, build
from geomap.kb.sources.curated import CuratedSource
from geomap.models import (
    Mention,
    Role,
)
from geomap.resolve import Resolver

ROWS = """\
id,name,alt_names,feature,lat,lon,country_code,admin1,parent,radius_km,population,provenance
spr-il,Springfield,,city,39.80,-89.64,US,Illinois,US-IL,10,116000,test
spr-mo,Springfield,,city,37.21,-93.29,US,Missouri,US-MO,10,169000,test
il,Illinois,,admin1,40.0,-89.2,US,Illinois,US-IL,300,12800000,test
mo,Missouri,,admin1,38.4,-92.5,US,Missouri,US-MO,300,6100000,test
joplin,Joplin,,city,37.08,-94.51,US,Missouri,US-MO,10,51000,test
decatur,Decatur,,city,39.84,-88.95,US,Illinois,US-IL,10,70000,test
hamlet,Tiny Hollow,Bigtown,city,10.0,10.0,XX,,,1,300,test
iraq,Iraq,Iraqi,country,33.0,44.0,IQ,,,400,40000000,test
kirkuk,Kirkuk,,city,35.47,44.39,IQ,Kirkuk,IQ-KI,10,1000000,test
kirkuk-us,Kirkuk,,city,40.0,-100.0,US,Nebraska,US-NE,1,2000,test
paris-fr,Paris,,city,48.86,2.35,FR,Ile-de-France,FR-IDF,10,2100000,test
paris-tn,Paris,,city,36.30,-88.33,US,Tennessee,US-TN,5,10000,test
paris-ky,Paris,,city,38.21,-84.25,US,Kentucky,US-KY,5,9800,test
henry-tn,Henry County,,county,36.33,-88.32,US,Tennessee,US-TN,20,,test
henry-ky,Henry County,,county,38.45,-85.12,US,Kentucky,US-KY,20,,test
roch-ny,Rochester,,city,43.16,-77.61,US,New York,US-NY,10,210000,test
roch-mn,Rochester,,city,44.02,-92.46,US,Minnesota,US-MN,10,112000,test
ny,New York,,admin1,43.0,-75.5,US,New York,US-NY,300,19000000,test
mn,Minnesota,,admin1,46.3,-94.3,US,Minnesota,US-MN,300,5700000,test
us,United States,U.S.,country,39.8,-98.6,US,,,2000,330000000,test
nv,Nevada,,admin1,39.3,-116.6,US,Nevada,US-NV,500,3100000,test
nv-mo,Nevada,,city,37.84,-94.35,US,Missouri,US-MO,5,5000000,test
"""


@pytest.fixture(scope="module")
def resolver(tmp_path_factory):
    directory = tmp_path_factory.mktemp("gaz")
    (directory / "places.csv").write_text(ROWS, encoding="utf-8")
    path = directory / "g.sqlite"
    build(path, sources=[CuratedSource(directory)], progress=False)
    with Gazetteer(path) as gazetteer:
        yield Resolver(gazetteer)


def _mentions(text: str, *names: str, role: str = Role.PLACE) -> list[Mention]:
    found, start = [], 0
    for name in names:
        start = text.index(name, start)
        found.append(Mention(start, start + len(name), name, "GPE", role))
        start += len(name)
    return found


def _resolve(resolver, text, *names, role=Role.PLACE):
    return resolver.resolve(text, _mentions(text, *names, role=role))


def test_without_context_the_larger_place_wins(resolver):
    [place] = _resolve(resolver, "Officials in Springfield said so.", "Springfield")
    assert place.admin1 == "Missouri"


def test_a_town_named_like_a_state_elsewhere_is_a_namesake(resolver, tmp_path):
    from geomap.resolve import Ranker

    # The test's town in Missouri is made larger than the state, so size alone picks it.
    text = "Wildfires burned across Nevada."
    [place] = _resolve(resolver, text, "Nevada")
    assert place.feature == "admin1"
    path = tmp_path / "ranker.json"
    path.write_text('{"weights": {"state_namesake": 0.0}}', encoding="utf-8")
    blind = Resolver(resolver.gazetteer, ranker=Ranker.load(path))
    [place] = blind.resolve(text, _mentions(text, "Nevada"))
    assert (place.feature, place.admin1) == ("city", "Missouri")
    # its own state named beside it, the town wins
    town, _ = _resolve(resolver, "A fire in Nevada, Missouri.", "Nevada", "Missouri")
    assert (town.feature, town.admin1) == ("city", "Missouri")


def test_explicit_container_beats_size(resolver):
    text = "Officials in Springfield, Illinois said so."
    springfield, illinois = _resolve(resolver, text, "Springfield", "Illinois")
    assert springfield.admin1 == "Illinois"
    assert any("inside Illinois" in reason for reason in springfield.reasons)
    assert illinois.feature == "admin1"


def test_a_town_near_a_reading_of_another_name_is_preferred(resolver):
    # Neither name settles the other alone, but one reading of each lies beside the other.
    text = "Paris and Henry County are rich in history."
    paris, henry = _resolve(resolver, text, "Paris", "Henry County")
    assert (paris.admin1, henry.admin1) == ("Tennessee", "Tennessee")
    assert any(reason.startswith("near Henry County") for reason in paris.reasons)


def test_a_chain_of_containers_holds_the_first_name(resolver):
    text = "Rochester is a city in the U.S. state of Minnesota. It is not Rochester, New York."
    places = _resolve(resolver, text, "Rochester", "U.S.", "Minnesota", "Rochester", "New York")
    assert places[0].admin1 == "Minnesota"  # the first mention's container leads
    mentions = _mentions(text, "Rochester", "U.S.", "Minnesota")
    held = {
        g.text: [c.text for c in g.containers]
        for g in resolver._scored_groups(text, mentions, ()).values()
    }
    assert held == {"Rochester": ["U.S.", "Minnesota"], "U.S.": [], "Minnesota": []}


def test_other_places_in_the_article_point_the_way(resolver):
    text = "A storm hit Decatur on Monday. Later, Springfield closed its schools."
    _, springfield = _resolve(resolver, text, "Decatur", "Springfield")
    assert springfield.admin1 == "Illinois"
    assert any("Decatur" in r or "Illinois" in r for r in springfield.reasons)


def test_country_evidence_outweighs_population(resolver):
    text = "Iraq said rockets hit Kirkuk."
    _, kirkuk = _resolve(resolver, text, "Iraq", "Kirkuk")
    assert kirkuk.country_code == "IQ"


def test_one_name_one_place_per_document(resolver):
    text = "Springfield, Illinois. Later in Springfield a fire broke out; Springfield mourned."
    places = _resolve(resolver, text, "Springfield", "Illinois", "Springfield", "Springfield")
    springfields = [p for p in places if p.text == "Springfield"]
    assert len(springfields) == 3
    assert {p.source for p in springfields} == {"curated:places:spr-il"}


def test_unknown_names_are_kept_unresolved(resolver):
    [place] = _resolve(resolver, "Fighting near Qaryat Zarzur.", "Qaryat Zarzur")
    assert place.text == "Qaryat Zarzur"
    assert (place.lat, place.lon, place.source, place.confidence) == (None, None, None, 0.0)
    assert place.reasons[-1] == "not in the gazetteer"


def test_a_weak_far_fetched_candidate_is_not_forced(resolver):
    # "Bigtown" is only an alternate name of a 300-person hamlet, with nothing in the
    # text pointing there: better unresolved than placed wrongly.
    [place] = _resolve(resolver, "Crowds gathered in Bigtown.", "Bigtown")
    assert not place.resolved
    assert place.reasons[-1] == "only weak gazetteer candidates"


def test_dateline_role_is_kept_and_confidence_is_a_probability(resolver):
    text = "Kirkuk, Iraq — Talks resumed."
    kirkuk, iraq = _resolve(resolver, text, "Kirkuk", "Iraq", role=Role.DATELINE)
    assert kirkuk.role == Role.DATELINE and kirkuk.country_code == "IQ"
    assert 0.5 < kirkuk.confidence <= 1.0
    assert iraq.feature == "country"


@pytest.mark.gazetteer
def test_real_gazetteer_readings_of_tricky_names(pipeline):
    def resolve(text, name):
        start = text.index(name)
        [place] = pipeline.resolve(text, [(start, start + len(name))])
        return place

    assert resolve("Protests spread across #SouthSudan today", "SouthSudan").country_code == "SS"
    assert resolve("Swine flu cases rose in Mexico and Monterrey.", "Mexico").feature == "country"
    assert resolve("A storm hit Charleston, W.Va., overnight.", "W.Va.").name == "West Virginia"
    medina = resolve("Medina is a city in King County, Washington, United States.", "Medina")
    assert medina.admin1 == "Washington"  # the rest of the text is evidence, not output
    assert resolve("Floods hit North Texas overnight.", "North Texas").name == "Texas"
    assert resolve("Tornadoes struck Moore, Oklahoma.", "Oklahoma").feature == "admin1"
    assert resolve("Rockets hit Kirkuk on Friday.", "Kirkuk").feature == "city"
    clifton = resolve("Clifton is a town in Fairfax County, Virginia.", "Clifton")
    assert clifton.admin1 == "Virginia"  # 282 people: a post-office town


def test_the_ranker_weighs_named_features(resolver, tmp_path):
    from geomap.resolve import STARTING_WEIGHTS, Ranker

    text = "Officials in Springfield said so."
    path = tmp_path / "ranker.json"
    # A ranker that prefers smaller towns reverses the choice; features it does not name
    # keep their starting weights.
    path.write_text('{"weights": {"log_population": -2.0}}', encoding="utf-8")
    ranker = Ranker.load(path)
    assert ranker.weights["capital"] == STARTING_WEIGHTS["capital"]
    small_first = Resolver(resolver.gazetteer, ranker=ranker)
    [place] = small_first.resolve(text, _mentions(text, "Springfield"))
    assert place.admin1 == "Illinois"


def test_confidence_is_calibrated_on_the_share_and_the_place():
    from geomap.models import Entry
    from geomap.resolve import Ranker, confidence_features

    town = Entry(1, "t:1", "Town", "city", 0.0, 0.0, radius_km=5)
    country = Entry(2, "t:2", "Land", "country", 0.0, 0.0, radius_km=800)
    assert Ranker().confidence(confidence_features(0.8, town, {}, 3)) == pytest.approx(0.8)
    # A calibration that distrusts wide areas gives a country less confidence than a
    # town chosen with the same share.
    wary = Ranker(calibration={"share_logit": 0.5, "log_radius": -1.0, "bias": 1.0})
    for share in (0.3, 0.9, 0.999):
        assert wary.confidence(confidence_features(share, country, {}, 2)) < wary.confidence(
            confidence_features(share, town, {}, 2)
        )
    assert 0.0 < wary.confidence(confidence_features(0.0, town, {}, 1)) < 1.0


@pytest.mark.gazetteer
def test_a_name_that_speaks_is_read_as_a_seat_of_government(pipeline):
    from geomap.models import Role

    text = "Washington warned Tehran on Monday."
    [washington] = pipeline.resolver.resolve(
        text, [Mention(0, 10, "Washington", "GPE", Role.METONYM)]
    )
    assert washington.feature == "city" and washington.admin1 == "District of Columbia"
    assert any("government speaks" in reason for reason in washington.reasons)


@pytest.mark.gazetteer
def test_a_capital_named_among_capitals_is_the_capital(pipeline):
    text = "Envoys flew from Damascus and Tehran to Washington for talks."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Damascus", "Tehran", "Washington")]
    washington = pipeline.resolve(text, spans)[-1]
    assert washington.admin1 == "District of Columbia"
    assert any("a capital, as is" in reason for reason in washington.reasons)


def test_pairwise_distances_are_the_haversine_of_each_pair():
    import numpy as np

    from geomap.geo import haversine_km, pairwise_km

    points = [(36.19, 44.01), (35.47, 44.39), (-33.86, 151.2), (40.71, -74.0)]
    matrix = pairwise_km(np.array([p[0] for p in points]), np.array([p[1] for p in points]))
    for i, a in enumerate(points):
        for j, b in enumerate(points):
            assert matrix[i, j] == pytest.approx(haversine_km(*a, *b), abs=1e-6)


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_dateline_state_does_not_move_a_world_city_but_keeps_local_namesakes(pipeline):
    def paris(text):
        return next(p for p in pipeline.parse(text).places if p.text == "Paris")

    abroad = "AUSTIN, Texas — Police raised security after the attacks in Paris on Friday."
    assert paris(abroad).country_code == "FR"
    at_home = "PARIS, Tenn. — A Paris man was arrested on Sunday."
    assert paris(at_home).admin1 == "Tennessee"
