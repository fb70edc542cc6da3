"""The SQLite gazetteer: building, lookups, users' own places and GeoNames dumps."""

from __future__ import annotations

import json
import zipfile

import pytest

from geomap.errors import GazetteerError, InputError
from geomap.geo import haversine_km
from geomap.kb.gazetteer import Gazetteer, add_to_user_gazetteer, build, fingerprint
from geomap.kb.sources.curated import CuratedSource, UserFileSource
from geomap.kb.sources.geonames import GeoNamesDumpSource, geonames_feature

HEADER = "id,name,alt_names,feature,lat,lon,country_code,admin1,parent,radius_km,provenance\n"


def _table(directory, rows: str, name: str = "places.csv"):
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(HEADER + rows, encoding="utf-8")
    return directory


@pytest.fixture
def small(tmp_path):
    curated = _table(
        tmp_path / "curated",
        "harbour-base,Harbour Air Base,Harbour base|Al-Mina Airfield,military_base,30.1,47.9,"
        'IQ,Basra,IQ-BA,2,"test row"\n'
        'st-olaf,Saint Olaf,,city,60.0,10.0,NO,,,1,"test row"\n',
    )
    path = tmp_path / "g.sqlite"
    stats = build(path, sources=[CuratedSource(curated)], progress=False)
    return curated, path, stats


def test_build_indexes_names_aliases_and_variants(small):
    _, path, stats = small
    assert stats.places == 2
    assert not list(path.parent.glob("*.tmp"))
    with Gazetteer(path) as gazetteer:
        [(entry, kind)] = gazetteer.lookup("harbour base")
        assert (entry.name, entry.feature, entry.admin1_code, kind) == (
            "Harbour Air Base", "military_base", "IQ-BA", "alt")  # fmt: skip
        assert gazetteer.lookup("Harbour Air Base")[0][1] == "name"
        assert gazetteer.lookup("Mina Airfield")  # "Al-" dropped as a variant
        assert gazetteer.lookup("St. Olaf")[0][0].name == "Saint Olaf"
        assert gazetteer.contains("harbour base")
        assert not gazetteer.contains("nowhere at all")
        assert gazetteer.entry("curated:places:st-olaf").country_code == "NO"


def test_fingerprint_follows_the_curated_tables(small):
    curated, _, _ = small
    before = fingerprint([CuratedSource(curated)])
    _table(curated, "extra,Extra Place,,landmark,1,1,,,,1,test\n", name="more.csv")
    assert fingerprint([CuratedSource(curated)]) != before


def test_a_failed_build_leaves_nothing_behind(tmp_path):
    curated = _table(tmp_path / "bad", 'x,Bad Place,,city,north,10,,,,1,"test"\n')
    path = tmp_path / "g.sqlite"
    with pytest.raises(InputError, match=r"places.csv:2: latitude 'north'"):
        build(path, sources=[CuratedSource(curated)], progress=False)
    assert list(tmp_path.glob("*.sqlite")) == []
    assert list(tmp_path.glob(".*tmp")) == []


def test_opening_a_missing_gazetteer_is_a_clear_error(tmp_path):
    with pytest.raises(GazetteerError, match="geomap gazetteer build"):
        Gazetteer(tmp_path / "absent.sqlite")


def test_user_places_from_csv_and_geojson_join_lookups(small, tmp_path):
    _, path, _ = small
    user = tmp_path / "user.sqlite"
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text(
        "name,lat,lon,alt_names,feature\nCamp Juniper,31.5,45.5,Juniper camp,camp\n"
    )
    geojson = tmp_path / "mine.geojson"
    ring = [[10, 50], [12, 50], [12, 52], [10, 50]]
    feature = {
        "type": "Feature",
        "properties": {"name": "Blue Lagoon Field"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    geojson.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    assert add_to_user_gazetteer(UserFileSource(csv_file), user) == 1
    assert add_to_user_gazetteer(UserFileSource(geojson), user) == 1
    assert add_to_user_gazetteer(UserFileSource(csv_file), user) == 1  # re-adding replaces
    with Gazetteer(path, user) as gazetteer:
        [(camp, kind)] = gazetteer.lookup("juniper camp")
        assert (camp.source, camp.feature, kind) == ("user:mine:2", "camp", "user")
        [(field, _)] = gazetteer.lookup("Blue Lagoon Field")
        assert (field.lat, field.lon) == (51.0, 11.0)
        assert field.radius_km > 50
        assert gazetteer.info()["user_places"] == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,lat\nX,1\n", "missing column"),
        ("name,lat,lon\nX,95,1\n", "outside WGS84"),
        ("name,lat,lon\n,1,1\n", "needs a name"),
    ],
)
def test_bad_user_files_name_the_problem(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(InputError, match=message):
        add_to_user_gazetteer(UserFileSource(path), tmp_path / "u.sqlite")
    assert not (tmp_path / "u.sqlite").exists()


DUMP_ROWS = [
    # geonameid name asciiname alternatenames lat lon class code cc cc2 admin1 admin2 admin3
    # admin4 population elevation dem timezone modified
    ["9000001", "Qal'at Test", "Qal'at Test", "Qalat Test,Test Fort", "35.1", "44.2", "S", "MILB",
     "IQ", "", "13", "", "", "", "0", "", "300", "Asia/Baghdad", "2024-01-01"],
    ["9000002", "Testabad", "Testabad", "", "35.3", "44.1", "P", "PPL", "IQ", "", "13", "", "",
     "", "12000", "", "320", "Asia/Baghdad", "2024-01-01"],
    ["9000003", "Test Lake", "Test Lake", "", "35.0", "44.0", "H", "LK", "IQ", "", "13", "", "",
     "", "0", "", "200", "Asia/Baghdad", "2024-01-01"],
]  # fmt: skip


@pytest.mark.parametrize("zipped", [False, True])
def test_geonames_dump_import(small, tmp_path, zipped):
    _, path, _ = small
    text = "".join("\t".join(row) + "\n" for row in DUMP_ROWS)
    dump = tmp_path / "IQ.txt"
    dump.write_text(text, encoding="utf-8")
    if zipped:
        archive = tmp_path / "IQ.zip"
        with zipfile.ZipFile(archive, "w") as out:
            out.writestr("IQ.txt", text)
            out.writestr("readme.txt", "not data")
        dump = archive
    user = tmp_path / "user.sqlite"
    table = {("IQ", "13"): ("IQ-KI", "Kirkuk")}
    assert add_to_user_gazetteer(GeoNamesDumpSource(dump, table), user) == 3
    with Gazetteer(path, user) as gazetteer:
        [(fort, _)] = gazetteer.lookup("Test Fort")
        assert (fort.feature, fort.admin1, fort.admin1_code, fort.source) == (
            "military_base", "Kirkuk", "IQ-KI", "geonames:9000001")  # fmt: skip
        assert gazetteer.lookup("Testabad")[0][0].population == 12000
        assert gazetteer.lookup("Test Lake")[0][0].feature == "lake"


def test_malformed_dump_line_is_named(tmp_path):
    dump = tmp_path / "bad.txt"
    dump.write_text("\t".join(DUMP_ROWS[0]) + "\n1\tonly\tthree\n")
    with pytest.raises(InputError, match=r"bad.txt:2: expected GeoNames' 19"):
        add_to_user_gazetteer(GeoNamesDumpSource(dump, {}), tmp_path / "u.sqlite")


def test_geonames_feature_codes():
    assert geonames_feature("A", "PCLI") == "country"
    assert geonames_feature("A", "ADM3") == "admin3"
    assert geonames_feature("P", "PPLA2") == "city"
    assert geonames_feature("H", "STMI") == "water"


# -- the real, packaged gazetteer ---------------------------------------------------------------


def _best(gazetteer, name, feature=None):
    found = [(e, k) for e, k in gazetteer.lookup(name) if feature is None or e.feature == feature]
    assert found, f"{name!r} ({feature}) not in the gazetteer"
    return found[0][0]


@pytest.mark.gazetteer
def test_packaged_gazetteer_knows_the_places_news_needs(gazetteer):
    erbil = _best(gazetteer, "Erbil", "city")
    assert (erbil.country_code, erbil.admin1, erbil.admin1_code) == ("IQ", "Erbil", "IQ-AR")
    assert erbil.population > 500_000
    k1 = _best(gazetteer, "K-1 base")
    assert k1.feature == "military_base" and k1.admin1_code == "IQ-KI"
    assert haversine_km(k1.lat, k1.lon, 35.5125, 44.2842) < 5
    oman = _best(gazetteer, "Sea of Oman")
    assert oman.feature in ("gulf", "sea") and haversine_km(oman.lat, oman.lon, 24.5, 58.5) < 300
    assert _best(gazetteer, "Kurdistan Region").feature == "region"
    assert _best(gazetteer, "Middle East", "region").radius_km > 500
    assert _best(gazetteer, "Syrian Arab Republic").country_code == "SY"
    iraqi = gazetteer.lookup("Iraqi")
    assert [(e.country_code, k) for e, k in iraqi] == [("IQ", "demonym")]
    assert len([e for e, _ in gazetteer.lookup("Jefferson County") if e.feature == "county"]) > 20
    assert _best(gazetteer, "Kirkuk", "city").admin1_code == "IQ-KI"
    assert _best(gazetteer, "California", "admin1").admin1 == "California"


@pytest.mark.gazetteer
def test_packaged_gazetteer_info(gazetteer):
    info = gazetteer.info()
    assert info["places"] > 200_000
    assert info["features"]["country"] > 200
    assert info["features"]["county"] > 3000
    assert info["schema"] == "1"


@pytest.mark.gazetteer
def test_small_us_towns_come_from_their_post_offices(gazetteer):
    towns = [e for e, _ in gazetteer.lookup("Clifton") if e.admin1_code == "US-VA"]
    assert [t.source for t in towns] == ["uspostal:VA:clifton"]
    [clifton] = towns
    assert haversine_km(clifton.lat, clifton.lon, 38.78, -77.39) < 10  # Fairfax County
    assert clifton.population == 0 and clifton.admin1 == "Virginia"
    # a town cities500 already holds is stored once, from GeoNames
    richmond = [
        e
        for e, _ in gazetteer.lookup("Richmond")
        if e.admin1_code == "US-VA" and e.feature == "city"
    ]
    assert richmond and all(e.source.startswith("geonames:") for e in richmond)


@pytest.mark.gazetteer
def test_airfields_and_bases_come_from_ourairports(gazetteer):
    schiphol = _best(gazetteer, "Schiphol airport")
    assert (schiphol.feature, schiphol.country_code) == ("airport", "NL")
    assert schiphol.source.startswith("ourairports:")
    dfw = _best(gazetteer, "DFW")
    assert dfw.feature == "airport" and haversine_km(dfw.lat, dfw.lon, 32.90, -97.04) < 5
    # closed since 2014, and still in the news
    donetsk = _best(gazetteer, "Donetsk airport")
    assert donetsk.admin1_code == "UA-14" and donetsk.feature == "airport"
    assert _best(gazetteer, "Shayrat Air Base").feature == "military_base"
    # a curated base is stored once: OurAirports' record of it is left out
    assert [e.source for e, _ in gazetteer.lookup("Al Asad Air Base")] == [
        "curated:facilities:ain-al-asad-air-base"
    ]
    # a town an airport serves is not an airport's name
    assert all(e.feature != "airport" for e, _ in gazetteer.lookup("Brussels"))


@pytest.mark.gazetteer
def test_bodies_short_forms_and_regional_demonyms(gazetteer):
    eu = _best(gazetteer, "EU", "landmark")
    assert eu.country_code == "BE" and haversine_km(eu.lat, eu.lon, 50.84, 4.38) < 5
    un = _best(gazetteer, "United Nations")
    assert haversine_km(un.lat, un.lon, 40.75, -73.97) < 5
    assert _best(gazetteer, "DPRK").country_code == "KP"
    assert _best(gazetteer, "ROK").country_code == "KR"
    assert _best(gazetteer, "B.C.", "admin1").admin1_code == "CA-BC"
    assert _best(gazetteer, "Holy See").country_code == "VA"
    kurdish = gazetteer.lookup("Kurdish")
    assert [(e.name, k) for e, k in kurdish] == [("Kurdistan", "demonym")]
    # a county also goes by its bare name, a short name
    clarke = [(e.admin1_code, k) for e, k in gazetteer.lookup("Clarke") if e.feature == "county"]
    assert ("US-GA", "short") in clarke
