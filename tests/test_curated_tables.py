"""Validation of the curated gazetteer tables in ``gazetteer/*.csv``.

The schema comes from ``geomap.kb.sources.curated``; the checks are on the
data itself: schema, value ranges, controlled vocabulary, alias hygiene and a
handful of facts that the rest of the project relies on.
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pytest

from geomap.kb.features import FEATURE_TYPES
from geomap.kb.sources.curated import (
    ALIAS_TABLE,
    CENTRE_TABLE,
    NON_PLACE_TABLES,
    PLACE_COLUMNS,
)

GAZETTEER = Path(__file__).resolve().parent.parent / "gazetteer"

HEADER = list(PLACE_COLUMNS)

# The curated tables name their places' kinds from the feature table, the generic kinds that
# only GeoNames imports and user rows fall back on left out.
GENERIC_FEATURES = {"admin", "admin3", "place", "water", "facility", "road", "terrain",
                    "undersea", "vegetation"}  # fmt: skip
FEATURES = set(FEATURE_TYPES) - GENERIC_FEATURES
LANDFORM_FEATURES = {name for name in FEATURES if FEATURE_TYPES[name].group == "landform"}

EXPECTED_FILES = [
    "water_bodies.csv",
    "facilities.csv",
    "regions.csv",
    "us_counties.csv",
    "landforms.csv",
]

COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
PARENT_RE = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
DECIMAL_RE = re.compile(r"^-?\d{1,3}(\.\d{1,4})?$")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres on a sphere of radius 6371 km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = []
        for lineno, values in enumerate(reader, start=2):
            assert len(values) == len(header), f"{path.name}:{lineno}: {len(values)} fields"
            rows.append(dict(zip(header, values, strict=True)))
    return header, rows


def aliases(row: dict[str, str]) -> list[str]:
    return row["alt_names"].split("|") if row["alt_names"] else []


def csv_files() -> list[Path]:
    return sorted(p for p in GAZETTEER.glob("*.csv") if p.name not in NON_PLACE_TABLES)


_cache: dict[str, list[dict[str, str]]] = {}


def rows_of(filename: str) -> list[dict[str, str]]:
    if filename not in _cache:
        _cache[filename] = read_table(GAZETTEER / filename)[1]
    return _cache[filename]


def test_expected_tables_present():
    present = {p.name for p in csv_files()}
    missing = [name for name in EXPECTED_FILES if name not in present]
    assert not missing, f"missing curated tables: {missing}"


@pytest.mark.parametrize("path", csv_files(), ids=lambda p: p.name)
def test_header_is_schema(path: Path):
    header, rows = read_table(path)
    assert header == HEADER
    assert rows, f"{path.name} has no rows"


@pytest.mark.parametrize("path", csv_files(), ids=lambda p: p.name)
def test_row_values(path: Path):
    _, rows = read_table(path)
    problems = []
    seen_ids = set()
    for row in rows:
        rid = row["id"]
        where = f"{path.name}:{rid}"
        if not rid or rid != rid.strip():
            problems.append(f"{where}: empty or padded id")
        if rid in seen_ids:
            problems.append(f"{where}: duplicate id")
        seen_ids.add(rid)
        if not row["name"].strip():
            problems.append(f"{where}: empty name")
        for key, low, high in (("lat", -90, 90), ("lon", -180, 180)):
            text = row[key]
            if not DECIMAL_RE.match(text):
                problems.append(f"{where}: {key} {text!r} is not a decimal with <= 4 places")
                continue
            if not low <= float(text) <= high:
                problems.append(f"{where}: {key} {text} out of range")
        if row["feature"] not in FEATURES:
            problems.append(f"{where}: feature {row['feature']!r} not in vocabulary")
        cc = row["country_code"]
        if cc and not COUNTRY_RE.match(cc):
            problems.append(f"{where}: country_code {cc!r}")
        parent = row["parent"]
        if parent:
            if not PARENT_RE.match(parent):
                problems.append(f"{where}: parent {parent!r} is not an ISO 3166 code")
            elif not cc or not parent.startswith(cc):
                problems.append(f"{where}: parent {parent!r} disagrees with country {cc!r}")
        try:
            radius = float(row["radius_km"])
            if not radius > 0:
                problems.append(f"{where}: radius_km must be positive")
        except ValueError:
            problems.append(f"{where}: radius_km {row['radius_km']!r} is not a number")
        if not row["provenance"].strip():
            problems.append(f"{where}: empty provenance")
        names = aliases(row)
        lowered = [a.strip().lower() for a in names]
        if any(not a.strip() or a != a.strip() for a in names):
            problems.append(f"{where}: empty or padded alias in {row['alt_names']!r}")
        if row["name"].strip().lower() in lowered:
            problems.append(f"{where}: alias repeats the name")
        if len(set(lowered)) != len(lowered):
            problems.append(f"{where}: duplicated alias in {row['alt_names']!r}")
    assert not problems, "\n".join(problems[:50])


def test_parent_codes_exist_in_iso3166_2():
    """Optional cross-check against the iso3166-2 package's data, when installed."""
    iso = pytest.importorskip("iso3166_2")
    import json

    data_file = Path(iso.__file__).resolve().parent / "iso3166-2.json"
    if not data_file.exists():
        pytest.skip("iso3166-2 data file not found")
    data = json.loads(data_file.read_text(encoding="utf-8"))
    known = set(data)
    for subdivisions in data.values():
        known.update(subdivisions)
    unknown = []
    for path in csv_files():
        for row in read_table(path)[1]:
            if row["parent"] and row["parent"] not in known:
                unknown.append(f"{path.name}:{row['id']}: {row['parent']}")
    assert not unknown, "\n".join(unknown[:50])


def find(filename: str, rid: str) -> dict[str, str]:
    matches = [r for r in rows_of(filename) if r["id"] == rid]
    assert len(matches) == 1, f"{filename} should have exactly one row {rid!r}"
    return matches[0]


def test_k1_air_base():
    rows = [r for r in rows_of("facilities.csv") if r["name"] == "K-1 Air Base"]
    assert len(rows) == 1
    row = rows[0]
    assert row["feature"] == "military_base"
    assert row["parent"] == "IQ-KI"
    assert row["country_code"] == "IQ"
    assert haversine_km(float(row["lat"]), float(row["lon"]), 35.5125, 44.2842) <= 5.0
    assert "K-1" not in aliases(row), "bare code aliases are not allowed"


def test_sea_of_oman_alias_is_gulf_of_oman():
    rows = [r for r in rows_of("water_bodies.csv") if "Sea of Oman" in aliases(r)]
    assert len(rows) == 1, "exactly one water body should carry the alias 'Sea of Oman'"
    row = rows[0]
    assert row["feature"] in {"gulf", "sea"}
    assert haversine_km(float(row["lat"]), float(row["lon"]), 24.5, 58.5) <= 300.0


def test_kurdistan_region_is_iraqi_region():
    rows = [r for r in rows_of("regions.csv") if r["name"] == "Kurdistan Region"]
    assert len(rows) == 1
    row = rows[0]
    assert row["feature"] == "region"
    assert row["country_code"] == "IQ"
    assert haversine_km(float(row["lat"]), float(row["lon"]), 36.2, 44.0) <= 100.0


def test_regions_use_region_or_continent_features():
    bad = [r["id"] for r in rows_of("regions.csv") if r["feature"] not in {"region", "continent"}]
    assert not bad


def test_landforms_use_landform_features():
    bad = [r["id"] for r in rows_of("landforms.csv") if r["feature"] not in LANDFORM_FEATURES]
    assert not bad


def _name_key(name: str) -> str:
    key = " ".join(name.casefold().split())
    return key[4:] if key.startswith("the ") else key


def test_landforms_do_not_repeat_other_tables():
    """A landform is not listed again under a name or alias that another curated
    table already uses (the Sahara, the Sinai and the Caucasus stay in regions.csv)."""
    taken = {}
    for filename in ("water_bodies.csv", "facilities.csv", "regions.csv"):
        for row in rows_of(filename):
            for name in (row["name"], *aliases(row)):
                taken[_name_key(name)] = f"{filename}:{row['id']}"
    clashes = [
        f"{row['id']}: {name!r} is {taken[_name_key(name)]}"
        for row in rows_of("landforms.csv")
        for name in (row["name"], *aliases(row))
        if _name_key(name) in taken
    ]
    assert not clashes, "\n".join(clashes)
    assert find("regions.csv", "sahara")["name"] == "Sahara"


def test_sumatra_and_borneo():
    sumatra = find("landforms.csv", "sumatra")
    assert (sumatra["name"], sumatra["feature"], sumatra["country_code"]) == (
        "Sumatra",
        "island",
        "ID",
    )
    assert haversine_km(float(sumatra["lat"]), float(sumatra["lon"]), -0.5, 101.5) <= 300.0
    borneo = find("landforms.csv", "borneo")
    assert borneo["country_code"] == "" and borneo["parent"] == "", "Borneo spans three countries"


def test_us_counties_table():
    rows = rows_of("us_counties.csv")
    assert len(rows) > 3000
    fips = [r["id"] for r in rows]
    assert all(re.match(r"^fips:\d{5}$", f) for f in fips)
    assert len(set(fips)) == len(fips), "FIPS codes must be unique"
    assert all(r["feature"] == "county" and r["country_code"] == "US" for r in rows)
    assert all(r["parent"].startswith("US-") for r in rows)
    # every FIPS state prefix should agree with a single parent code
    by_state: dict[str, set[str]] = {}
    for r in rows:
        by_state.setdefault(r["id"][5:7], set()).add(r["parent"])
    assert all(len(parents) == 1 for parents in by_state.values())


def test_cook_county_centroid():
    row = find("us_counties.csv", "fips:17031")
    assert row["name"] == "Cook County"
    assert row["parent"] == "US-IL"
    assert row["admin1"] == "Illinois"
    assert haversine_km(float(row["lat"]), float(row["lon"]), 41.84, -87.82) <= 30.0


def test_us_county_centroids_inside_state_envelopes():
    """A coarse sanity check of the derivation: county centroids fall in
    rough lat/lon boxes of a few states (catches swapped or unscaled axes)."""
    boxes = {
        "US-IL": (36.9, 42.6, -91.6, -87.4),
        "US-TX": (25.8, 36.6, -106.7, -93.5),
        "US-FL": (24.4, 31.1, -87.7, -79.9),
        "US-ME": (42.9, 47.5, -71.2, -66.9),
        "US-HI": (18.8, 22.3, -160.3, -154.7),
    }
    for row in rows_of("us_counties.csv"):
        box = boxes.get(row["parent"])
        if box:
            lat, lon = float(row["lat"]), float(row["lon"])
            assert box[0] <= lat <= box[1] and box[2] <= lon <= box[3], row["id"]


@pytest.mark.parametrize(
    ("filename", "rid", "lat", "lon", "max_km"),
    [
        ("water_bodies.csv", "strait-of-hormuz", 26.57, 56.25, 60),
        ("water_bodies.csv", "suez-canal", 30.7, 32.34, 60),
        ("facilities.csv", "ain-al-asad-air-base", 33.79, 42.44, 5),
        ("facilities.csv", "al-udeid-air-base", 25.12, 51.32, 5),
        ("facilities.csv", "zaporizhzhia-npp", 47.51, 34.59, 5),
        ("regions.csv", "gaza-strip", 31.4, 34.37, 25),
        ("landforms.csv", "mount-everest", 27.988, 86.925, 5),
        ("landforms.csv", "mount-etna", 37.751, 14.993, 5),
        ("landforms.csv", "kilauea", 19.421, -155.287, 10),
    ],
)
def test_spot_coordinates(filename, rid, lat, lon, max_km):
    row = find(filename, rid)
    assert haversine_km(float(row["lat"]), float(row["lon"]), lat, lon) <= max_km


def test_alias_table():
    with (GAZETTEER / ALIAS_TABLE).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["alias", "target", "kind", "provenance"]
        rows = list(reader)
    assert len({(r["alias"], r["target"]) for r in rows}) == len(rows)
    for row in rows:
        assert row["alias"].strip() == row["alias"] and row["alias"]
        assert row["kind"] in ("alt", "abbr", "demonym"), row
        assert row["provenance"], row
        scheme, _, value = row["target"].partition(":")
        assert scheme in ("country", "continent", "iso3166-2", "curated", "geonames"), row
        assert value, row
    targets = {r["alias"]: r["target"] for r in rows}
    assert targets["W.Va."] == "iso3166-2:US-WV"
    assert targets["Britain"] == "country:GB"


def test_country_centre_table():
    with (GAZETTEER / CENTRE_TABLE).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["country_code", "lat", "lon", "provenance"]
        rows = list(reader)
    assert len({r["country_code"] for r in rows}) == len(rows)
    for row in rows:
        assert len(row["country_code"]) == 2 and row["country_code"].isupper(), row
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row
        assert row["provenance"], row
    [us] = [r for r in rows if r["country_code"] == "US"]
    assert haversine_km(float(us["lat"]), float(us["lon"]), 39.83, -98.58) < 20
