"""The feature table: every kind of place a source or table produces is declared in it once,
and its columns hold only what the stages can read."""

from __future__ import annotations

import csv

import pytest

from geomap.kb import features
from geomap.kb.features import FEATURE_TYPES, Scope
from geomap.kb.sources import geonames
from geomap.kb.sources.airports import AIRFIELD_FEATURES
from geomap.kb.sources.curated import FEATURE_TABLE, CuratedSource, curated_dir
from geomap.kb.sources.geonames_codes import FEATURE_CODES

GROUPS = {"division", "settlement", "water", "facility", "landform"}


def test_table_rows_are_complete_and_unique():
    with (curated_dir() / FEATURE_TABLE).open(encoding="utf-8", newline="") as handle:
        names = [row["feature"] for row in csv.DictReader(handle)]
    assert len(names) == len(set(names)) == len(FEATURE_TYPES)
    assert {kind.group for kind in FEATURE_TYPES.values()} <= GROUPS


def test_every_curated_table_feature_is_declared():
    source = CuratedSource()
    undeclared = {r.feature for r in source.records() if r.feature not in FEATURE_TYPES}
    assert not undeclared


def test_every_geonames_feature_is_declared():
    produced = {
        geonames.geonames_feature(feature_class, code)
        for feature_class in "APHLSTRUV"
        for code in (*FEATURE_CODES, "ADM4", "XXX")
    }
    assert produced - set(FEATURE_TYPES) == set()


def test_airfields_and_defaults_are_declared():
    assert set(AIRFIELD_FEATURES) <= set(FEATURE_TYPES)
    assert "place" in FEATURE_TYPES  # what a user's row without a feature becomes


@pytest.mark.gazetteer
def test_every_feature_in_the_built_gazetteer_is_declared(gazetteer):
    assert set(gazetteer.info()["features"]) <= set(FEATURE_TYPES)


def test_scope_and_precision():
    assert features.scope_of("city") is Scope.TOWN
    assert features.scope_of("country") is Scope.COUNTRY
    assert features.scope_of("my_own_feature") is Scope.SITE
    assert features.GEO_PRECISION[features.scope_of("sea")] == 3
    assert features.GEO_PRECISION[features.scope_of("military_base")] == 1


def test_flag_sets_follow_the_table():
    assert "sea" in features.AREA_FEATURES and "river" not in features.AREA_FEATURES
    assert features.WIDE_FEATURES <= features.AREA_FEATURES
    assert "city" not in features.SALIENT_FEATURES
    assert features.FEATURE_PRIOR["country"] > features.FEATURE_PRIOR["admin2"]
    assert not set(features.FEATURE_PRIOR) & features.SIZED_FEATURES


def test_a_bad_flag_is_refused(tmp_path, monkeypatch):
    table = tmp_path / FEATURE_TABLE
    table.write_text(
        "feature,group,scope,area,wide,division,salient,sized,prior\n"
        "city,settlement,town,no,no,no,maybe,yes,\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(features, "curated_dir", lambda: tmp_path)
    with pytest.raises(ValueError, match="line 2: expected yes or no"):
        features.read_feature_table()
