"""The feature table: every kind of place a source or table produces is declared in it once,
and its columns hold only what the stages can read."""

from __future__ import annotations

import pytest

from geomap.kb import features
from geomap.kb.features import FEATURE_TYPES, Scope
from geomap.kb.sources import geonames
from geomap.kb.sources.airports import AIRFIELD_FEATURES
from geomap.kb.sources.curated import FEATURE_TABLE, CuratedSource
from geomap.kb.sources.geonames_codes import FEATURE_CODES

GROUPS = {"division", "settlement", "water", "facility", "landform"}


def test_every_kind_is_in_a_known_group():
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


def test_a_feature_the_table_lacks_is_a_site():
    assert features.scope_of("my_own_feature") is Scope.SITE


def test_the_table_is_consistent():
    # too wide for distances is an area on the map; a kind weighed by population has no prior
    assert features.WIDE_FEATURES <= features.AREA_FEATURES
    assert not set(features.FEATURE_PRIOR) & features.SIZED_FEATURES


def test_a_kind_declared_twice_is_refused(tmp_path, monkeypatch):
    header = "feature,group,scope,area,wide,division,salient,sized,prior\n"
    row = "city,settlement,town,no,no,no,no,yes,\n"
    (tmp_path / FEATURE_TABLE).write_text(header + row + row, encoding="utf-8")
    monkeypatch.setattr(features, "curated_dir", lambda: tmp_path)
    with pytest.raises(ValueError, match="line 3: 'city' is declared twice"):
        features.read_feature_table()


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
