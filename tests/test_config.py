"""Settings: defaults < geomap.toml files < GEOMAP_* environment variables < flags."""

from __future__ import annotations

import pytest

from geomap.config import KEYS, Settings, load_settings
from geomap.errors import ConfigurationError
from geomap.kb.geocoder import make_geocoder


def write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_disable_the_geocoder():
    settings = load_settings({}, environ={}, files=[])
    assert isinstance(settings, Settings)
    assert settings.model is None
    assert settings.geocoder.service == "none"
    assert settings.geocoder.enabled is False
    assert settings.geocoder.url is None
    assert settings.geocoder.min_delay is None
    assert settings.geocoder.timeout == 10.0
    assert make_geocoder(settings.geocoder) is None


def test_missing_files_are_ignored(tmp_path):
    settings = load_settings({}, environ={}, files=[tmp_path / "absent.toml"])
    assert settings.geocoder.service == "none"


def test_top_level_keys_in_toml(tmp_path):
    path = write(
        tmp_path / "geomap.toml",
        'model = "en_core_web_md"\ngeocoder = "nominatim"\n'
        'geocoder_url = "http://localhost:8080"\nmin_delay = 0.5\ntimeout = 3\n',
    )
    settings = load_settings({}, environ={}, files=[path])
    assert settings.model == "en_core_web_md"
    assert settings.geocoder.service == "nominatim"
    assert settings.geocoder.url == "http://localhost:8080"
    assert settings.geocoder.min_delay == 0.5
    assert settings.geocoder.timeout == 3.0
    assert isinstance(settings.geocoder.timeout, float)


def test_geomap_table_in_toml(tmp_path):
    path = write(
        tmp_path / "geomap.toml",
        '[geomap]\ngeocoder = "photon"\nuser_agent = "newsroom-tests/1.0"\n',
    )
    settings = load_settings({}, environ={}, files=[path])
    assert settings.geocoder.service == "photon"
    assert settings.geocoder.user_agent == "newsroom-tests/1.0"


def test_later_file_wins(tmp_path):
    user = write(tmp_path / "user.toml", 'geocoder = "photon"\ntimeout = 4.0\n')
    local = write(tmp_path / "local.toml", '[geomap]\ngeocoder = "nominatim"\n')
    settings = load_settings({}, environ={}, files=[user, local])
    assert settings.geocoder.service == "nominatim"
    assert settings.geocoder.timeout == 4.0  # kept from the first file


def test_environment_overrides_file(tmp_path):
    path = write(
        tmp_path / "geomap.toml",
        'geocoder = "photon"\nmin_delay = 0.5\nmodel = "from_file"\n',
    )
    environ = {"GEOMAP_GEOCODER": "nominatim", "GEOMAP_MIN_DELAY": "2.5"}
    settings = load_settings({}, environ=environ, files=[path])
    assert settings.geocoder.service == "nominatim"
    assert settings.geocoder.min_delay == 2.5
    assert settings.model == "from_file"  # not overridden


def test_empty_environment_variable_is_not_a_setting(tmp_path):
    path = write(tmp_path / "geomap.toml", 'geocoder = "photon"\n')
    settings = load_settings({}, environ={"GEOMAP_GEOCODER": ""}, files=[path])
    assert settings.geocoder.service == "photon"


def test_flags_override_environment_and_file(tmp_path):
    path = write(tmp_path / "geomap.toml", 'geocoder = "photon"\ntimeout = 4.0\n')
    environ = {
        "GEOMAP_GEOCODER": "nominatim",
        "GEOMAP_TIMEOUT": "5",
        "GEOMAP_MODEL": "env_model",
        "GEOMAP_GEOCODER_URL": "http://env.example:8080",
    }
    flags = {"geocoder": "pelias", "timeout": 7.5, "model": None, "geocoder_url": None}
    settings = load_settings(flags, environ=environ, files=[path])
    assert settings.geocoder.service == "pelias"
    assert settings.geocoder.timeout == 7.5
    assert settings.model == "env_model"  # a flag given as None is not given
    assert settings.geocoder.url == "http://env.example:8080"


def test_flag_none_disables_an_environment_geocoder():
    settings = load_settings({"geocoder": "none"}, environ={"GEOMAP_GEOCODER": "nominatim"},
                             files=[])  # fmt: skip
    assert settings.geocoder.enabled is False


def test_every_key_has_an_environment_variable():
    environ = {
        "GEOMAP_MODEL": "m",
        "GEOMAP_GEOCODER": "nominatim",
        "GEOMAP_GEOCODER_URL": "http://localhost:8080",
        "GEOMAP_USER_AGENT": "ua/1",
        "GEOMAP_MIN_DELAY": "0.25",
        "GEOMAP_TIMEOUT": "2",
        "GEOMAP_TILES": "none",
        "GEOMAP_MIN_CONFIDENCE": "0.4",
    }
    assert {variable for _, variable in KEYS.values()} == set(environ)
    settings = load_settings({}, environ=environ, files=[])
    assert settings.model == "m"
    assert settings.tiles == "none"
    assert settings.geocoder.service == "nominatim"
    assert settings.geocoder.url == "http://localhost:8080"
    assert settings.geocoder.user_agent == "ua/1"
    assert settings.geocoder.min_delay == 0.25
    assert settings.geocoder.timeout == 2.0
    assert settings.min_confidence == 0.4


def test_min_confidence_outside_0_and_1_is_refused_with_its_origin(tmp_path):
    path = write(tmp_path / "geomap.toml", "min_confidence = 1.2\n")
    with pytest.raises(ConfigurationError, match=r"geomap\.toml: min_confidence must lie"):
        load_settings({}, environ={}, files=[path])
    assert load_settings({}, environ={}, files=[]).min_confidence is None  # the fitted default


def test_unknown_key_in_toml_is_named(tmp_path):
    path = write(tmp_path / "geomap.toml", 'geocoder = "none"\ngeocodr_url = "x"\n')
    with pytest.raises(ConfigurationError, match="geocodr_url"):
        load_settings({}, environ={}, files=[path])


def test_unknown_key_in_geomap_table_is_named(tmp_path):
    path = write(tmp_path / "geomap.toml", "[geomap]\nmin_dealy = 1.0\n")
    with pytest.raises(ConfigurationError, match="min_dealy") as info:
        load_settings({}, environ={}, files=[path])
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('min_delay = "soon"', "min_delay"),
        ("timeout = [1, 2]", "timeout"),
        ("min_delay = true", "min_delay"),
        ('geocoder = ["nominatim"]', "geocoder"),
        ("model = 3", "model"),
    ],
)
def test_bad_type_in_toml(tmp_path, line, key):
    path = write(tmp_path / "geomap.toml", line + "\n")
    with pytest.raises(ConfigurationError, match=key) as info:
        load_settings({}, environ={}, files=[path])
    assert str(path) in str(info.value)


def test_bad_type_in_environment():
    with pytest.raises(ConfigurationError, match="GEOMAP_TIMEOUT"):
        load_settings({}, environ={"GEOMAP_TIMEOUT": "forever"}, files=[])


def test_invalid_toml(tmp_path):
    path = write(tmp_path / "geomap.toml", 'geocoder = "nominatim\nmin_delay = \n')
    with pytest.raises(ConfigurationError) as info:
        load_settings({}, environ={}, files=[path])
    assert str(path) in str(info.value)


def test_configuration_error_is_a_value_error(tmp_path):
    path = write(tmp_path / "geomap.toml", "[[[\n")
    with pytest.raises(ValueError):
        load_settings({}, environ={}, files=[path])


def test_negative_delay_is_rejected():
    with pytest.raises(ConfigurationError):
        load_settings({"min_delay": -1.0}, environ={}, files=[])


@pytest.mark.parametrize(
    "tiles",
    ["osm", "none", "https://tiles.example/{z}/{x}/{y}.png", "http://localhost:8080/{z}/{x}/{y}"],
)
def test_tiles_setting_accepts_osm_none_and_url_templates(tiles):
    assert load_settings({"tiles": tiles}, environ={}, files=[]).tiles == tiles


@pytest.mark.parametrize(
    "tiles", ["google", "https://tiles.example/tile.png", "file:///tiles/{z}/{x}/{y}.png"]
)
def test_tiles_setting_refuses_anything_else(tiles):
    with pytest.raises(ConfigurationError, match="--tiles: tiles must be osm, none or an http"):
        load_settings({"tiles": tiles}, environ={}, files=[])


def test_tiles_default_and_environment():
    assert load_settings({}, environ={}, files=[]).tiles == "osm"
    assert load_settings({}, environ={"GEOMAP_TILES": "none"}, files=[]).tiles == "none"
