"""Optional online geocoder fallback for names the local gazetteer cannot resolve.

Off by default (``service="none"``): place names leave the machine only when the
user asks for a service. Any geopy geocoder can be named; answers, including
"no result", are cached in SQLite so a name is asked at most once. Calls go
through a throttle with retries, and a breaker switches the service off for the
rest of the run after repeated failures, with a single warning.

geopy and platformdirs are imported lazily so that ``import geomap`` stays fast.
"""

from __future__ import annotations

import difflib
import importlib.metadata
import inspect
import json
import logging
import math
import os
import sqlite3
import threading
import time
import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeVar
from urllib.parse import urlsplit

from geomap.errors import (
    ConfigurationError,
    GeocoderError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)

if TYPE_CHECKING:  # pragma: no cover
    from geopy.geocoders.base import Geocoder

__all__ = [
    "CACHE_DIR_ENV",
    "CACHE_FILENAME",
    "FallbackGeocoder",
    "GeocodeAnswer",
    "GeocoderSettings",
    "ThrottledCaller",
    "default_cache_path",
    "default_user_agent",
    "make_geocoder",
    "split_url",
]

logger = logging.getLogger("geomap")
_T = TypeVar("_T")

CACHE_DIR_ENV = "GEOMAP_CACHE_DIR"
CACHE_FILENAME = "geocoder-cache.sqlite"
PUBLIC_NOMINATIM_DOMAIN = "nominatim.openstreetmap.org"
PUBLIC_NOMINATIM_MIN_DELAY = 1.0  # seconds; Nominatim's usage policy: at most 1 request/s

# Services named in error messages: those that work without an API key.
_SUGGESTED_SERVICES = ("none", "nominatim", "photon", "arcgis", "banfrance", "databc")

# geopy keyword that carries ISO alpha-2 country hints, per service.
_COUNTRY_KEYWORD = {
    "nominatim": "country_codes",
    "openmapquest": "country_codes",
    "pickpoint": "country_codes",
    "geolake": "country_codes",
    "opencage": "country",
    "mapbox": "country",
    "geonames": "country",
    "pelias": "countries",
    "geocodeearth": "countries",
}

_OSM_TYPES = {"n": "node", "w": "way", "r": "relation"}
_MAX_ERROR_TEXT = 200


def default_user_agent() -> str:
    """``geomap/<installed version>``, or ``geomap/0`` when not installed."""
    try:
        version = importlib.metadata.version("geomap")
    except importlib.metadata.PackageNotFoundError:
        version = "0"
    return f"geomap/{version}"


def default_cache_path() -> Path:
    """The cache file: ``$GEOMAP_CACHE_DIR`` or the user cache dir, plus the file name."""
    override = os.environ.get(CACHE_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser() / CACHE_FILENAME
    try:
        import platformdirs
    except ImportError:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "geomap" / CACHE_FILENAME
    return Path(platformdirs.user_cache_dir("geomap")) / CACHE_FILENAME


def split_url(url: str) -> tuple[str, str]:
    """Split ``http://host:port/prefix`` into geopy's ``scheme`` and ``domain``."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(
            f"geocoder URL {url!r} is not valid: expected http://HOST[:PORT][/PATH] "
            "or https://HOST[:PORT][/PATH]"
        )
    if parts.query or parts.fragment:
        raise ConfigurationError(
            f"geocoder URL {url!r} must not have a query or fragment; give the base URL only"
        )
    return parts.scheme, parts.netloc + parts.path.rstrip("/")


def _check_seconds(name: str, value: float, *, allow_zero: bool) -> None:
    """Raise ConfigurationError unless ``value`` is a finite number of seconds."""
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or value < 0 or (value == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise ConfigurationError(f"geocoder {name} must be a number of seconds {bound}: {value!r}")


@dataclass(frozen=True, slots=True)
class GeocoderSettings:
    """What the user chose with --geocoder, --geocoder-url, --user-agent, --min-delay, --timeout."""

    service: str = "none"  # "none" disables the fallback
    url: str | None = None
    user_agent: str | None = None
    min_delay: float | None = None  # None -> 1.0 for public nominatim, 0.0 otherwise
    timeout: float = 10.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "service", (self.service or "none").strip().lower() or "none")
        object.__setattr__(self, "url", (self.url or "").strip() or None)
        object.__setattr__(self, "user_agent", (self.user_agent or "").strip() or None)
        _check_seconds("timeout", self.timeout, allow_zero=False)
        if self.min_delay is not None:
            _check_seconds("min delay", self.min_delay, allow_zero=True)
        if self.url is not None:
            split_url(self.url)

    @property
    def enabled(self) -> bool:
        """True when a service was chosen."""
        return self.service != "none"

    @property
    def public_nominatim(self) -> bool:
        """True for Nominatim on the OpenStreetMap Foundation's public server."""
        if self.service != "nominatim":
            return False
        if self.url is None:
            return True
        host = urlsplit(self.url).hostname or ""
        return host.lower() == PUBLIC_NOMINATIM_DOMAIN

    @property
    def effective_min_delay(self) -> float:
        """The minimum delay between calls, with the default filled in."""
        if self.min_delay is not None:
            return float(self.min_delay)
        return PUBLIC_NOMINATIM_MIN_DELAY if self.public_nominatim else 0.0

    @property
    def effective_user_agent(self) -> str:
        """The User-Agent header sent, with the default filled in."""
        return self.user_agent or default_user_agent()


def _freeze(value: Any) -> Any:
    """A read-only deep copy of JSON-like data (mappings become mapping proxies)."""
    if isinstance(value, Mapping):
        return types.MappingProxyType({str(k): _freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


@dataclass(frozen=True, slots=True)
class GeocodeAnswer:
    """One place as a geocoder service found it."""

    query: str
    name: str  # display name / address from the service
    lat: float
    lon: float
    source: str  # "nominatim:relation/2914", or service + endpoint when no id is known
    feature: str | None  # e.g. Nominatim class/type "place/city"
    country_code: str | None  # ISO alpha-2, upper case, when the answer says
    raw: Mapping[str, Any] = field(compare=False, repr=False)  # read-only copy


def _text(value: Any) -> str | None:
    """``value`` as a non-empty string, else None."""
    if value is None or isinstance(value, Mapping | list | tuple):
        return None
    text = str(value).strip()
    return text or None


def _osm_id(record: Mapping[str, Any]) -> str | None:
    """``relation/2914`` from a record with ``osm_type`` and ``osm_id``."""
    kind = _text(record.get("osm_type"))
    ident = _text(record.get("osm_id"))
    if kind is None or ident is None:
        return None
    kind = _OSM_TYPES.get(kind.lower(), kind.lower())
    return f"{kind}/{ident}"


def _country_code(value: Any) -> str | None:
    """An ISO alpha-2 code in upper case, or None."""
    code = _text(value)
    if code is None or len(code) != 2 or not code.isalpha() or not code.isascii():
        return None
    return code.upper()


def _describe(raw: Mapping[str, Any]) -> tuple[str | None, str | None, str | None]:
    """The service's own id, feature and country code from a raw record, when present."""
    props = raw.get("properties")  # Photon and Pelias answer GeoJSON features
    inner: Mapping[str, Any] = props if isinstance(props, Mapping) else {}
    address = raw.get("address")
    addr: Mapping[str, Any] = address if isinstance(address, Mapping) else {}

    ident = _osm_id(raw) or _osm_id(inner) or _text(raw.get("place_id"))
    if ident is None:
        ident = _text(inner.get("gid")) or _text(inner.get("id"))

    if "class" in raw:  # Nominatim: class and type of the OSM object
        key, value = _text(raw.get("class")), _text(raw.get("type"))
    else:  # Photon: osm_key and osm_value in the feature's properties
        key, value = _text(inner.get("osm_key")), _text(inner.get("osm_value"))
    feature = f"{key}/{value}" if key and value else None

    country = (
        _country_code(addr.get("country_code"))
        or _country_code(inner.get("countrycode"))
        or _country_code(inner.get("country_code"))
    )
    return ident, feature, country


def _record(service: str, endpoint: str, location: Any) -> dict:
    """The cacheable form of a geopy Location; raises ValueError when it is unusable."""
    lat, lon, raw = location.latitude, location.longitude, location.raw
    lat_f, lon_f = float(lat), float(lon)
    if not (math.isfinite(lat_f) and math.isfinite(lon_f)):
        raise ValueError(f"coordinates are not finite: {lat!r}, {lon!r}")
    if not (-90.0 <= lat_f <= 90.0 and -180.0 <= lon_f <= 180.0):
        raise ValueError(f"coordinates out of range: {lat_f}, {lon_f}")
    raw_map: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
    ident, feature, country = _describe(raw_map)
    return {
        "name": str(location.address or ""),
        "lat": lat_f,
        "lon": lon_f,
        "source": f"{service}:{ident or endpoint}",
        "feature": feature,
        "country_code": country,
        "raw": json.loads(json.dumps(raw_map, default=str)),
    }


def _answer(query: str, record: Mapping[str, Any]) -> GeocodeAnswer:
    """A GeocodeAnswer for ``query`` from a cacheable record."""
    return GeocodeAnswer(
        query=query,
        name=record["name"],
        lat=float(record["lat"]),
        lon=float(record["lon"]),
        source=record["source"],
        feature=record.get("feature"),
        country_code=record.get("country_code"),
        raw=_freeze(record.get("raw") or {}),
    )


class _AnswerCache:
    """Persistent answers (and "no result" answers) in one SQLite table."""

    _SCHEMA = """
        CREATE TABLE IF NOT EXISTS geocoder_answers (
            service   TEXT NOT NULL,
            endpoint  TEXT NOT NULL,
            query     TEXT NOT NULL,
            countries TEXT NOT NULL,
            answer    TEXT,
            created   REAL NOT NULL,
            PRIMARY KEY (service, endpoint, query, countries)
        )
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=10.0, check_same_thread=False)
            self._db.execute(self._SCHEMA)
            self._db.commit()
        except (OSError, sqlite3.Error) as err:
            raise GeocoderError(f"cannot open the geocoder cache {path}: {err}") from err

    def lookup(self, key: tuple[str, str, str, str]) -> tuple[bool, dict | None]:
        """``(found, record)``; a found ``None`` record is a cached "no result"."""
        try:
            row = self._db.execute(
                "SELECT answer FROM geocoder_answers"
                " WHERE service = ? AND endpoint = ? AND query = ? AND countries = ?",
                key,
            ).fetchone()
        except sqlite3.Error as err:
            raise GeocoderError(f"cannot read the geocoder cache {self.path}: {err}") from err
        if row is None:
            return False, None
        if row[0] is None:
            return True, None
        try:
            return True, json.loads(row[0])
        except ValueError:
            logger.debug("ignoring a corrupt geocoder cache row for %r", key)
            return False, None

    def store(self, key: tuple[str, str, str, str], record: Mapping[str, Any] | None) -> None:
        """Remember an answer, or a "no result" when ``record`` is None."""
        payload = None if record is None else json.dumps(record, sort_keys=True)
        try:
            with self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO geocoder_answers"
                    " (service, endpoint, query, countries, answer, created)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (*key, payload, time.time()),
                )
        except sqlite3.Error as err:
            raise GeocoderError(f"cannot write the geocoder cache {self.path}: {err}") from err

    def close(self) -> None:
        """Close the database."""
        self._db.close()


def _translate(err: Exception, service: str, tries: int) -> GeocoderError:
    """geomap's error for a geopy (or parsing) error, after ``tries`` tries."""
    from geopy import exc

    text = " ".join(str(err).split())
    if len(text) > _MAX_ERROR_TEXT:
        text = text[:_MAX_ERROR_TEXT] + "..."
    detail = f"{type(err).__name__}: {text}" if text else type(err).__name__
    message = f"{service}: {detail} (after {tries} tr{'y' if tries == 1 else 'ies'})"
    if isinstance(err, exc.GeocoderTimedOut):
        return GeocoderTimedOut(message)
    if isinstance(err, exc.GeocoderParseError) or not _retryable(err):
        return GeocoderError(message)
    if isinstance(err, exc.GeocoderServiceError):  # unreachable, refused, 429, 5xx
        return GeocoderUnavailable(message)
    return GeocoderError(message)


def _retryable(err: Exception) -> bool:
    """False for errors a second try cannot fix (bad key, bad query, quota used up)."""
    from geopy import exc

    permanent = (
        exc.GeocoderAuthenticationFailure,
        exc.GeocoderInsufficientPrivileges,
        exc.GeocoderQueryError,
        exc.ConfigurationError,
    )
    if isinstance(err, permanent):
        return False
    if isinstance(err, exc.GeocoderQuotaExceeded):
        return isinstance(err, exc.GeocoderRateLimited)
    return True


class ThrottledCaller:
    """Calls a function at most once per ``min_delay`` seconds, retrying failures.

    A failed try waits ``backoff * 2**n`` seconds (or the service's Retry-After, when
    longer and at most ``max_retry_after``) before try ``n + 2``; after ``retries``
    retries the last error is raised as a ``GeocoderError``.
    """

    def __init__(
        self,
        *,
        service: str,
        min_delay: float = 0.0,
        retries: int = 2,
        backoff: float = 0.5,
        max_retry_after: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], object] = time.sleep,
    ) -> None:
        if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
            raise ConfigurationError(f"geocoder retries must be an integer >= 0: {retries!r}")
        _check_seconds("min delay", min_delay, allow_zero=True)
        _check_seconds("backoff", backoff, allow_zero=True)
        _check_seconds("max retry-after", max_retry_after, allow_zero=True)
        self.service = service
        self.min_delay = float(min_delay)
        self.retries = retries
        self.backoff = float(backoff)
        self.max_retry_after = float(max_retry_after)
        self._clock = clock
        self._sleep = sleep
        self._last_call: float | None = None
        self.calls = 0  # tries made, for diagnostics

    def _wait(self, at_least: float) -> None:
        """Sleep ``at_least`` seconds and until ``min_delay`` passed since the last try."""
        wait = at_least
        if self._last_call is not None and self.min_delay > 0:
            wait = max(wait, self.min_delay - (self._clock() - self._last_call))
        if wait > 0:
            self._sleep(wait)

    def _backoff_delay(self, err: Exception, tries: int) -> float | None:
        """Seconds to wait before the next try, or None to give up now."""
        delay = self.backoff * (2 ** (tries - 1))
        retry_after = getattr(err, "retry_after", None)
        if isinstance(retry_after, int | float) and retry_after > 0:
            if retry_after > self.max_retry_after:
                return None
            delay = max(delay, float(retry_after))
        return delay

    def __call__(self, func: Callable[[], _T]) -> _T:
        """``func()`` under the throttle and retry rules; errors become GeocoderError."""
        from geopy.exc import GeopyError

        delay = 0.0
        tries = 0
        while True:
            self._wait(delay)
            tries += 1
            self.calls += 1
            try:
                return func()
            except (GeopyError, KeyError, IndexError, TypeError, ValueError) as err:
                failure = err
            finally:
                self._last_call = self._clock()
            next_delay = self._backoff_delay(failure, tries)
            if tries > self.retries or not _retryable(failure) or next_delay is None:
                raise _translate(failure, self.service, tries) from failure
            logger.debug("geocoder %s failed (%s); retrying", self.service, failure)
            delay = next_delay


def _service_class(service: str) -> type[Geocoder]:
    """geopy's geocoder class for a service name, or ConfigurationError."""
    try:
        from geopy import geocoders
        from geopy.exc import GeocoderNotFound
    except ImportError as err:
        raise ConfigurationError(
            f"--geocoder {service} needs the geopy package: pip install geopy"
        ) from err
    try:
        return geocoders.get_geocoder_for_service(service)
    except GeocoderNotFound as err:
        known = sorted(getattr(geocoders, "SERVICE_TO_GEOCODER", {}))
        close = difflib.get_close_matches(service, [*known, "none"], n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ConfigurationError(
            f"unknown geocoder {service!r}; valid names include "
            f"{', '.join(_SUGGESTED_SERVICES)} (any geopy service name).{hint}"
        ) from err


def _build(settings: GeocoderSettings) -> Geocoder:
    """The geopy geocoder for the settings, or ConfigurationError."""
    cls = _service_class(settings.service)
    accepted = inspect.signature(cls.__init__).parameters
    kwargs: dict[str, Any] = {"user_agent": settings.effective_user_agent}
    kwargs["timeout"] = settings.timeout
    if "adapter_factory" in accepted:
        # geopy's requests adapter retries on its own; geomap's ThrottledCaller is the one
        # place that retries, so the plain urllib adapter is used.
        from geopy.adapters import URLLibAdapter

        kwargs["adapter_factory"] = URLLibAdapter
    if settings.url is not None:
        if "domain" not in accepted or "scheme" not in accepted:
            raise ConfigurationError(
                f"geocoder {settings.service!r} does not accept a custom URL (--geocoder-url)"
            )
        kwargs["scheme"], kwargs["domain"] = split_url(settings.url)
    missing = [
        name
        for name, param in accepted.items()
        if name != "self"
        and name not in kwargs
        and param.default is inspect.Parameter.empty
        and param.kind in (param.KEYWORD_ONLY, param.POSITIONAL_OR_KEYWORD)
    ]
    if missing:
        raise ConfigurationError(
            f"geocoder {settings.service!r} needs {', '.join(missing)}, which geomap cannot "
            f"pass; use one that needs no key, e.g. {', '.join(_SUGGESTED_SERVICES[1:])}"
        )
    from geopy.exc import GeopyError

    try:
        return cls(**kwargs)
    except (GeopyError, TypeError, ValueError) as err:
        raise ConfigurationError(f"cannot set up geocoder {settings.service!r}: {err}") from err


def _endpoint(settings: GeocoderSettings, geocoder: object) -> str:
    """The base URL asked, e.g. ``https://nominatim.openstreetmap.org``."""
    if settings.url is not None:
        scheme, domain = split_url(settings.url)
        return f"{scheme}://{domain}"
    scheme = getattr(geocoder, "scheme", None)
    domain = getattr(geocoder, "domain", None)
    if isinstance(scheme, str) and isinstance(domain, str) and domain:
        return f"{scheme}://{domain.strip('/')}"
    return "default"


def _normalise_countries(codes: Sequence[str] | str) -> tuple[str, ...]:
    """Sorted unique lower-case ISO alpha-2 codes; other values are dropped."""
    if isinstance(codes, str):
        codes = [codes]
    found = {c.strip().lower() for c in codes if isinstance(c, str)}
    return tuple(sorted(c for c in found if len(c) == 2 and c.isalpha() and c.isascii()))


class FallbackGeocoder:
    """A cached, throttled, retrying geocoder that switches itself off when it keeps failing.

    ``geocode()`` never raises for service failures: it returns None, and after
    ``max_failed_calls`` consecutive failed calls (each after its retries) the
    service is switched off for the rest of the run with one warning.
    """

    def __init__(
        self,
        settings: GeocoderSettings,
        cache_path: Path | None = None,
        *,
        retries: int = 2,
        backoff: float = 0.5,
        max_failed_calls: int = 1,
        max_retry_after: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], object] = time.sleep,
    ) -> None:
        if not settings.enabled:
            raise ConfigurationError("FallbackGeocoder needs a service; got 'none'")
        if isinstance(max_failed_calls, bool) or not isinstance(max_failed_calls, int):
            raise ConfigurationError(f"max_failed_calls must be an integer: {max_failed_calls!r}")
        if max_failed_calls < 1:
            raise ConfigurationError(f"max_failed_calls must be >= 1: {max_failed_calls!r}")
        self.settings = settings
        self._caller = ThrottledCaller(
            service=settings.service,
            min_delay=settings.effective_min_delay,
            retries=retries,
            backoff=backoff,
            max_retry_after=max_retry_after,
            clock=clock,
            sleep=sleep,
        )
        self._geocoder = _build(settings)
        self.endpoint = _endpoint(settings, self._geocoder)
        self._country_keyword = self._keyword(_COUNTRY_KEYWORD.get(settings.service))
        self._addressdetails = self._keyword("addressdetails") is not None
        self.cache_path = cache_path if cache_path is not None else default_cache_path()
        self._cache: _AnswerCache | None = _AnswerCache(self.cache_path)
        self._max_failed_calls = max_failed_calls
        self._failed_calls = 0
        self._available = True
        self.last_error: GeocoderError | None = None
        self._lock = threading.Lock()

    def _keyword(self, name: str | None) -> str | None:
        """``name`` when the geocoder's ``geocode`` accepts it, else None."""
        if name is None:
            return None
        return name if name in inspect.signature(self._geocoder.geocode).parameters else None

    @property
    def available(self) -> bool:
        """False once the breaker tripped (or after close)."""
        return self._available and self._cache is not None

    @property
    def calls(self) -> int:
        """Requests tried so far, retries included."""
        return self._caller.calls

    def geocode(self, query: str, country_codes: Sequence[str] = ()) -> GeocodeAnswer | None:
        """The service's best answer for ``query``, or None (no result, failure, switched off).

        Service failures never raise; GeocoderError is raised only when the cache
        cannot be read or written, or after close().
        """
        with self._lock:
            if self._cache is None:
                raise GeocoderError("the geocoder fallback is closed")
            text = " ".join(query.split())
            if not text or not self._available:
                return None
            countries = _normalise_countries(country_codes) if self._country_keyword else ()
            key = (self.settings.service, self.endpoint, text.casefold(), ",".join(countries))
            found, record = self._cache.lookup(key)
            if found:
                return None if record is None else _answer(query, record)
            try:
                record = self._caller(lambda: self._ask(text, countries))
            except GeocoderError as err:
                self._failed(err)
                return None
            self._failed_calls = 0
            self._cache.store(key, record)
            return None if record is None else _answer(query, record)

    def _ask(self, query: str, countries: tuple[str, ...]) -> dict | None:
        """One request to the service; the cacheable record or None for no result."""
        kwargs: dict[str, Any] = {"exactly_one": True}
        if self._addressdetails:
            kwargs["addressdetails"] = True
        if countries and self._country_keyword:
            kwargs[self._country_keyword] = list(countries)
        location = self._geocoder.geocode(query, **kwargs)
        if location is None:
            return None
        if isinstance(location, list):  # some services ignore exactly_one
            if not location:
                return None
            location = location[0]
        return _record(self.settings.service, self.endpoint, location)

    def _failed(self, err: GeocoderError) -> None:
        """Count a failed call; trip the breaker (one warning) at the limit."""
        self.last_error = err
        self._failed_calls += 1
        if self._failed_calls < self._max_failed_calls:
            logger.info("geocoder %s failed: %s", self.settings.service, err)
            return
        self._available = False
        logger.warning(
            "geocoder %s (%s) switched off for the rest of the run after %d failed call(s): "
            "%s; using the gazetteer's answers only",
            self.settings.service,
            self.endpoint,
            self._failed_calls,
            err,
        )

    def close(self) -> None:
        """Close the cache and the HTTP session; later geocode() calls raise GeocoderError."""
        with self._lock:
            if self._cache is None:
                return
            self._cache.close()
            self._cache = None
            adapter = getattr(self._geocoder, "adapter", None)
            exit_ = getattr(adapter, "__exit__", None)
            if callable(exit_):
                exit_(None, None, None)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def make_geocoder(
    settings: GeocoderSettings, cache_path: Path | None = None
) -> FallbackGeocoder | None:
    """The fallback geocoder for the settings; None when settings.service == 'none'."""
    if not settings.enabled:
        return None
    return FallbackGeocoder(settings, cache_path)
