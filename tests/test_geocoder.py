"""Tests of the optional geocoder fallback against a real local Nominatim look-alike."""

from __future__ import annotations

import dataclasses
import ipaddress
import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from geomap.errors import (
    ConfigurationError,
    GeocoderError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geomap.kb.geocoder import (
    CACHE_DIR_ENV,
    CACHE_FILENAME,
    FallbackGeocoder,
    GeocodeAnswer,
    GeocoderSettings,
    default_cache_path,
    default_user_agent,
    make_geocoder,
    split_url,
)

try:
    from tests.nominatim_server import (
        BAD_JSON,
        ERROR_500,
        HANG,
        RATE_LIMITED_429,
        NominatimServer,
        nominatim_place,
    )
except ImportError:  # tests/ itself is on sys.path (pytest's default rootdir-less import)
    from nominatim_server import (  # type: ignore[no-redef]
        BAD_JSON,
        ERROR_500,
        HANG,
        RATE_LIMITED_429,
        NominatimServer,
        nominatim_place,
    )

pytest.importorskip("geopy")

KIRKUK = nominatim_place(
    "Kirkuk, Kirkuk Governorate, Iraq",
    35.4681,
    44.3922,
    osm_type="relation",
    osm_id=2914,
    place_class="place",
    place_type="city",
    country_code="iq",
    country="Iraq",
    place_id=101,
    importance=0.61,
)
ERBIL = nominatim_place(
    "Erbil, Erbil Governorate, Kurdistan Region, Iraq",
    36.1912,
    44.0092,
    osm_type="node",
    osm_id=276_459_471,
    place_class="place",
    place_type="city",
    country_code="iq",
    country="Iraq",
    place_id=102,
)
PARIS_TX = nominatim_place(
    "Paris, Lamar County, Texas, United States",
    33.6609,
    -95.5555,
    osm_type="relation",
    osm_id=115_327,
    place_class="boundary",
    place_type="administrative",
    country_code="us",
    country="United States",
    place_id=201,
)
PARIS_FR = nominatim_place(
    "Paris, Ile-de-France, France",
    48.8589,
    2.3200,
    osm_type="relation",
    osm_id=7444,
    place_class="boundary",
    place_type="administrative",
    country_code="fr",
    country="France",
    place_id=202,
    importance=0.9,
)
PLACES = {"Kirkuk": [KIRKUK], "Erbil": [ERBIL], "Paris": [PARIS_FR, PARIS_TX]}

FAST = {"retries": 2, "backoff": 0.01}  # real sleeps of 0.01 + 0.02 s at most


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No proxies, no real user cache, and no connection anywhere but loopback."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("ALL_PROXY", raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "user-cache"))
    real = socket.create_connection

    def loopback_only(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        host = address[0]
        if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
            raise AssertionError(f"test tried to reach {address}")
        return real(address, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "create_connection", loopback_only)


@pytest.fixture
def nominatim() -> Iterator[NominatimServer]:
    """A running local Nominatim look-alike with a few places."""
    with NominatimServer(PLACES) as server:
        yield server


@pytest.fixture
def cache_file(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "geocoder.sqlite"


@pytest.fixture
def make(nominatim: NominatimServer, cache_file: Path) -> Iterator[Callable[..., FallbackGeocoder]]:
    """Build FallbackGeocoders on the local server and the test's cache; closes them after."""
    made: list[FallbackGeocoder] = []

    def build(
        *, timeout: float = 2.0, min_delay: float | None = None, **kwargs: object
    ) -> FallbackGeocoder:
        settings = GeocoderSettings(
            service="nominatim", url=nominatim.url, timeout=timeout, min_delay=min_delay
        )
        options = {**FAST, **kwargs}
        geocoder = FallbackGeocoder(settings, cache_file, **options)  # type: ignore[arg-type]
        made.append(geocoder)
        return geocoder

    yield build
    for geocoder in made:
        geocoder.close()


class FakeTime:
    """A clock that moves only when slept on; remembers the sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "geomap" and r.levelno == logging.WARNING]


# --- answers -----------------------------------------------------------------------------


def test_found_answer_has_typed_fields(
    make: Callable[..., FallbackGeocoder], nominatim: NominatimServer
) -> None:
    answer = make().geocode("Kirkuk")

    assert isinstance(answer, GeocodeAnswer)
    assert answer.query == "Kirkuk"
    assert answer.name == "Kirkuk, Kirkuk Governorate, Iraq"
    assert isinstance(answer.lat, float) and isinstance(answer.lon, float)
    assert (answer.lat, answer.lon) == pytest.approx((35.4681, 44.3922))
    assert answer.source == "nominatim:relation/2914"
    assert answer.feature == "place/city"
    assert answer.country_code == "IQ"
    assert answer.raw["place_id"] == 101
    assert answer.raw["address"]["country_code"] == "iq"
    with pytest.raises(TypeError):
        answer.raw["lat"] = "0"  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        answer.lat = 0.0  # type: ignore[misc]

    (request,) = nominatim.requests
    assert request.path == "/search"
    assert request.params["q"] == "Kirkuk"
    assert request.params["format"] == "json"
    assert request.params["limit"] == "1"
    assert request.params["addressdetails"] == "1"
    assert "countrycodes" not in request.params


def test_node_answer_source_names_the_node(make: Callable[..., FallbackGeocoder]) -> None:
    answer = make().geocode("Erbil")
    assert answer is not None
    assert answer.source == "nominatim:node/276459471"


def test_unknown_name_is_none_and_cached(
    make: Callable[..., FallbackGeocoder], nominatim: NominatimServer
) -> None:
    geocoder = make()
    assert geocoder.geocode("Atlantis") is None
    assert geocoder.geocode("Atlantis") is None
    assert geocoder.geocode("  atlantis ") is None
    assert len(nominatim.requests) == 1
    assert geocoder.available


def test_found_answer_is_cached(
    make: Callable[..., FallbackGeocoder], nominatim: NominatimServer
) -> None:
    geocoder = make()
    first = geocoder.geocode("Kirkuk")
    second = geocoder.geocode("kirkuk")
    assert first is not None and second is not None
    assert second.query == "kirkuk"
    assert dataclasses.replace(second, query="Kirkuk") == first
    assert len(nominatim.requests) == 1


def test_cache_persists_across_instances(
    make: Callable[..., FallbackGeocoder], nominatim: NominatimServer
) -> None:
    with make() as first:
        found = first.geocode("Kirkuk")
        assert first.geocode("Atlantis") is None
    assert len(nominatim.requests) == 2

    nominatim.set_mode(ERROR_500)  # a request now would fail, and be seen
    second = make()
    assert second.geocode("Kirkuk") == found
    assert second.geocode("Atlantis") is None
    assert len(nominatim.requests) == 2
    assert second.available


def test_country_hint_is_sent_and_part_of_the_cache_key(
    make: Callable[..., FallbackGeocoder], nominatim: NominatimServer
) -> None:
    geocoder = make()
    texas = geocoder.geocode("Paris", ["US"])
    assert texas is not None and texas.country_code == "US"
    assert nominatim.requests[-1].params["countrycodes"] == "us"

    anywhere = geocoder.geocode("Paris")
    assert anywhere is not None and anywhere.country_code == "FR"
    assert "countrycodes" not in nominatim.requests[-1].params

    assert geocoder.geocode("Paris", ("us",)) == texas
    assert geocoder.geocode("Paris", ("de",)) is None
    assert nominatim.requests[-1].params["countrycodes"] == "de"
    assert len(nominatim.requests) == 3


def test_user_agent_default_is_sent(
    make: Callable[..., FallbackGeocoder], nominatim: NominatimServer
) -> None:
    make().geocode("Kirkuk")
    assert nominatim.requests[0].user_agent == default_user_agent()
    assert default_user_agent().startswith("geomap/")


def test_custom_user_agent_and_path_prefix_are_used(
    nominatim: NominatimServer, cache_file: Path
) -> None:
    settings = GeocoderSettings(
        service="nominatim", url=f"{nominatim.url}/nominatim/", user_agent="geomap-test/9 (ops)"
    )
    with FallbackGeocoder(settings, cache_file, **FAST) as geocoder:  # type: ignore[arg-type]
        assert geocoder.geocode("Erbil") is not None
        assert geocoder.endpoint == f"{nominatim.url}/nominatim"
    (request,) = nominatim.requests
    assert request.path == "/nominatim/search"
    assert request.user_agent == "geomap-test/9 (ops)"


def test_transient_failure_is_retried_then_answered(
    make: Callable[..., FallbackGeocoder],
    nominatim: NominatimServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    nominatim.set_mode(ERROR_500, fail_times=1)
    geocoder = make()
    with caplog.at_level(logging.DEBUG, logger="geomap"):
        answer = geocoder.geocode("Kirkuk")
    assert answer is not None and answer.source == "nominatim:relation/2914"
    assert len(nominatim.requests) == 2
    assert geocoder.available
    assert warnings_of(caplog) == []


# --- failures and the breaker ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "error_type"),
    [
        (ERROR_500, GeocoderUnavailable),
        (RATE_LIMITED_429, GeocoderUnavailable),
        (BAD_JSON, GeocoderError),
    ],
)
def test_failing_service_is_retried_then_switched_off(
    make: Callable[..., FallbackGeocoder],
    nominatim: NominatimServer,
    caplog: pytest.LogCaptureFixture,
    mode: str,
    error_type: type[GeocoderError],
) -> None:
    nominatim.set_mode(mode)
    geocoder = make(retries=2)
    with caplog.at_level(logging.INFO, logger="geomap"):
        assert geocoder.geocode("Kirkuk") is None
        assert len(nominatim.requests) == 3  # one try and two retries
        assert not geocoder.available
        assert type(geocoder.last_error) is error_type

        nominatim.set_mode("normal")
        assert geocoder.geocode("Kirkuk") is None
        assert geocoder.geocode("Erbil") is None
    assert len(nominatim.requests) == 3
    (warning,) = warnings_of(caplog)
    assert "nominatim" in warning.getMessage()
    assert "switched off" in warning.getMessage()


def test_errors_are_not_cached(
    make: Callable[..., FallbackGeocoder], nominatim: NominatimServer
) -> None:
    nominatim.set_mode(ERROR_500)
    with make(retries=0) as broken:
        assert broken.geocode("Kirkuk") is None
    nominatim.set_mode("normal")
    answer = make().geocode("Kirkuk")
    assert answer is not None
    assert len(nominatim.requests) == 2


def test_hanging_service_times_out_and_is_switched_off(
    make: Callable[..., FallbackGeocoder],
    nominatim: NominatimServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    nominatim.set_mode(HANG)
    geocoder = make(timeout=0.3, retries=1)
    started = time.monotonic()
    assert geocoder.geocode("Kirkuk") is None
    assert geocoder.geocode("Erbil") is None
    elapsed = time.monotonic() - started
    assert elapsed < 2.0
    assert len(nominatim.requests) == 2
    assert isinstance(geocoder.last_error, GeocoderTimedOut)
    assert isinstance(geocoder.last_error, TimeoutError)
    assert not geocoder.available
    assert len(warnings_of(caplog)) == 1


def test_refused_connection_switches_off(
    cache_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = GeocoderSettings(service="nominatim", url=f"http://127.0.0.1:{port}", timeout=1.0)
    with FallbackGeocoder(settings, cache_file, retries=1, backoff=0.0) as geocoder:
        assert geocoder.geocode("Kirkuk") is None
        assert geocoder.calls == 2
        assert isinstance(geocoder.last_error, GeocoderUnavailable)
        assert isinstance(geocoder.last_error, ConnectionError)
        assert geocoder.geocode("Erbil") is None
        assert geocoder.calls == 2
    assert len(warnings_of(caplog)) == 1


def test_breaker_waits_for_n_failed_calls(
    make: Callable[..., FallbackGeocoder],
    nominatim: NominatimServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    nominatim.set_mode(ERROR_500)
    geocoder = make(retries=0, max_failed_calls=2)
    assert geocoder.geocode("Kirkuk") is None
    assert geocoder.available
    assert warnings_of(caplog) == []
    assert geocoder.geocode("Kirkuk") is None  # failures are not cached: asked again
    assert not geocoder.available
    assert len(warnings_of(caplog)) == 1
    assert geocoder.geocode("Erbil") is None
    assert len(nominatim.requests) == 2


def test_a_success_resets_the_failure_count(
    make: Callable[..., FallbackGeocoder], nominatim: NominatimServer
) -> None:
    geocoder = make(retries=0, max_failed_calls=2)
    nominatim.set_mode(ERROR_500, fail_times=1)
    assert geocoder.geocode("Kirkuk") is None
    assert geocoder.geocode("Erbil") is not None
    nominatim.set_mode(ERROR_500, fail_times=1)
    assert geocoder.geocode("Kirkuk") is None
    assert geocoder.available


# --- throttle and backoff (fake time) ---------------------------------------------------------


def test_min_delay_is_kept_between_calls(
    make: Callable[..., FallbackGeocoder], nominatim: NominatimServer
) -> None:
    fake = FakeTime()
    geocoder = make(min_delay=1.0, clock=fake.clock, sleep=fake.sleep)
    assert geocoder.geocode("Kirkuk") is not None
    assert fake.sleeps == []
    assert geocoder.geocode("Erbil") is not None
    assert fake.sleeps == [1.0]
    fake.now += 0.25
    assert geocoder.geocode("Atlantis") is None
    assert fake.sleeps == [1.0, 0.75]
    assert geocoder.geocode("Kirkuk") is not None  # cached: no request, no wait
    fake.now += 5.0
    assert geocoder.geocode("Paris") is not None  # long enough ago: no wait
    assert fake.sleeps == [1.0, 0.75]
    assert len(nominatim.requests) == 4


def test_retries_back_off_exponentially(
    make: Callable[..., FallbackGeocoder], nominatim: NominatimServer
) -> None:
    fake = FakeTime()
    nominatim.set_mode(ERROR_500)
    geocoder = make(retries=3, backoff=0.5, min_delay=0.0, clock=fake.clock, sleep=fake.sleep)
    assert geocoder.geocode("Kirkuk") is None
    assert fake.sleeps == [0.5, 1.0, 2.0]
    assert len(nominatim.requests) == 4


def test_backoff_and_min_delay_combine(
    make: Callable[..., FallbackGeocoder], nominatim: NominatimServer
) -> None:
    fake = FakeTime()
    nominatim.set_mode(ERROR_500, fail_times=2)
    geocoder = make(retries=2, backoff=0.5, min_delay=1.0, clock=fake.clock, sleep=fake.sleep)
    assert geocoder.geocode("Kirkuk") is not None
    assert fake.sleeps == [1.0, 1.0]  # min_delay 1.0 outweighs backoff 0.5, equals 2 * 0.5


def test_retry_after_is_honoured(
    make: Callable[..., FallbackGeocoder], nominatim: NominatimServer
) -> None:
    fake = FakeTime()
    nominatim.retry_after = 3
    nominatim.set_mode(RATE_LIMITED_429, fail_times=1)
    geocoder = make(retries=2, backoff=0.5, clock=fake.clock, sleep=fake.sleep)
    assert geocoder.geocode("Kirkuk") is not None
    assert fake.sleeps == [3.0]


def test_long_retry_after_gives_up_at_once(
    make: Callable[..., FallbackGeocoder], nominatim: NominatimServer
) -> None:
    fake = FakeTime()
    nominatim.retry_after = 3600
    nominatim.set_mode(RATE_LIMITED_429)
    geocoder = make(retries=2, clock=fake.clock, sleep=fake.sleep)
    assert geocoder.geocode("Kirkuk") is None
    assert fake.sleeps == []
    assert len(nominatim.requests) == 1
    assert not geocoder.available


# --- settings and construction ----------------------------------------------------------------


def test_unknown_service_is_a_configuration_error(cache_file: Path) -> None:
    with pytest.raises(ConfigurationError) as info:
        make_geocoder(GeocoderSettings(service="nominatimm"), cache_file)
    message = str(info.value)
    assert "nominatimm" in message
    assert "nominatim" in message.replace("nominatimm", "")
    assert "photon" in message
    assert isinstance(info.value, ValueError)
    assert not cache_file.exists()


def test_service_none_gives_no_geocoder(cache_file: Path) -> None:
    assert make_geocoder(GeocoderSettings(), cache_file) is None
    assert make_geocoder(GeocoderSettings(service=" None "), cache_file) is None
    assert not GeocoderSettings().enabled
    assert GeocoderSettings(service="Photon").enabled
    assert not cache_file.exists()


def test_make_geocoder_builds_for_a_service(nominatim: NominatimServer, cache_file: Path) -> None:
    geocoder = make_geocoder(GeocoderSettings(service="nominatim", url=nominatim.url), cache_file)
    assert isinstance(geocoder, FallbackGeocoder)
    with geocoder:
        assert geocoder.geocode("Kirkuk") is not None
        assert geocoder.cache_path == cache_file
    with pytest.raises(GeocoderError):
        geocoder.geocode("Kirkuk")


def test_service_that_needs_a_key_is_a_configuration_error(cache_file: Path) -> None:
    with pytest.raises(ConfigurationError, match="api_key"):
        make_geocoder(GeocoderSettings(service="opencage"), cache_file)


def test_url_for_a_service_without_domain_is_a_configuration_error(cache_file: Path) -> None:
    with pytest.raises(ConfigurationError, match="URL"):
        make_geocoder(GeocoderSettings(service="here", url="http://127.0.0.1:9"), cache_file)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:8080/nominatim", ("http", "127.0.0.1:8080/nominatim")),
        ("http://127.0.0.1:8080", ("http", "127.0.0.1:8080")),
        ("https://geo.example.org/", ("https", "geo.example.org")),
        (" https://geo.example.org:8443/a/b/ ", ("https", "geo.example.org:8443/a/b")),
    ],
)
def test_url_is_split_into_scheme_and_domain(url: str, expected: tuple[str, str]) -> None:
    assert split_url(url) == expected


@pytest.mark.parametrize(
    "url", ["127.0.0.1:8080", "ftp://host/x", "http://", "http://host/search?q=x", "nominatim"]
)
def test_bad_url_is_a_configuration_error(url: str) -> None:
    with pytest.raises(ConfigurationError):
        split_url(url)
    with pytest.raises(ConfigurationError):
        GeocoderSettings(service="nominatim", url=url)


def test_url_reaches_geopy_as_scheme_and_domain(cache_file: Path) -> None:
    settings = GeocoderSettings(service="nominatim", url="http://127.0.0.1:8080/nominatim")
    with FallbackGeocoder(settings, cache_file) as geocoder:
        inner = geocoder._geocoder
        assert (inner.scheme, inner.domain) == ("http", "127.0.0.1:8080/nominatim")
        assert inner.headers["User-Agent"] == default_user_agent()
        assert inner.timeout == 10.0


def test_min_delay_defaults() -> None:
    assert GeocoderSettings(service="nominatim").effective_min_delay == 1.0
    public = GeocoderSettings(service="nominatim", url="https://nominatim.openstreetmap.org")
    assert public.effective_min_delay == 1.0
    local = GeocoderSettings(service="nominatim", url="http://127.0.0.1:8080")
    assert local.effective_min_delay == 0.0
    assert GeocoderSettings(service="photon").effective_min_delay == 0.0
    assert GeocoderSettings(service="nominatim", min_delay=0.2).effective_min_delay == 0.2
    assert GeocoderSettings().timeout == 10.0


@pytest.mark.parametrize(
    "kwargs",
    [{"timeout": 0}, {"timeout": -1}, {"timeout": float("nan")}, {"min_delay": -0.5}],
)
def test_bad_numbers_are_configuration_errors(kwargs: dict[str, float]) -> None:
    with pytest.raises(ConfigurationError):
        GeocoderSettings(service="nominatim", **kwargs)  # type: ignore[arg-type]


def test_bad_retry_settings_are_configuration_errors(cache_file: Path) -> None:
    settings = GeocoderSettings(service="nominatim", url="http://127.0.0.1:9")
    with pytest.raises(ConfigurationError):
        FallbackGeocoder(settings, cache_file, retries=-1)
    with pytest.raises(ConfigurationError):
        FallbackGeocoder(settings, cache_file, max_failed_calls=0)


def test_default_cache_path_follows_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, nominatim: NominatimServer
) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "elsewhere"))
    expected = tmp_path / "elsewhere" / CACHE_FILENAME
    assert default_cache_path() == expected
    with make_geocoder(GeocoderSettings(service="nominatim", url=nominatim.url)) as geocoder:
        assert geocoder is not None
        assert geocoder.cache_path == expected
        geocoder.geocode("Kirkuk")
    assert expected.is_file()


def test_default_cache_path_without_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CACHE_DIR_ENV)
    path = default_cache_path()
    assert path.name == CACHE_FILENAME
    assert "geomap" in path.parts[-2].lower() or "geomap" in str(path.parent).lower()


def test_photon_style_answer_is_described() -> None:
    from geomap.kb.geocoder.answers import record_from_location

    photon = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [43.13, 36.34]},
        "properties": {
            "osm_type": "R",
            "osm_id": 2_914_133,
            "osm_key": "place",
            "osm_value": "city",
            "countrycode": "IQ",
        },
    }
    location = SimpleNamespace(address="Mosul, Nineveh, Iraq", latitude=36.34, longitude=43.13)

    record = record_from_location(
        "photon", "https://photon.komoot.io", SimpleNamespace(**vars(location), raw=photon)
    )
    assert record["source"] == "photon:relation/2914133"
    assert record["feature"] == "place/city"
    assert record["country_code"] == "IQ"

    arcgis = SimpleNamespace(**vars(location), raw={"attributes": {"Score": 100}})
    record = record_from_location("arcgis", "https://geocode.arcgis.com", arcgis)
    assert record["source"] == "arcgis:https://geocode.arcgis.com"
    assert record["feature"] is None and record["country_code"] is None


def test_import_does_not_load_geopy() -> None:
    code = "import sys, geomap.kb.geocoder; print('geopy' in sys.modules)"
    root = Path(__file__).resolve().parents[1]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]),
    }
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "False"
