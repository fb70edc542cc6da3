"""The fallback geocoder: cached, throttled, switched off when it keeps failing."""

from __future__ import annotations

import inspect
import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Self

from geomap.errors import ConfigurationError, GeocoderError
from geomap.kb.geocoder.answers import GeocodeAnswer, answer_from_record, record_from_location
from geomap.kb.geocoder.cache import AnswerCache, default_cache_path
from geomap.kb.geocoder.services import COUNTRY_KEYWORD, build_service, service_endpoint
from geomap.kb.geocoder.settings import GeocoderSettings
from geomap.kb.geocoder.throttle import ThrottledCaller

logger = logging.getLogger("geomap")


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
        self._geocoder = build_service(settings)
        self.endpoint = service_endpoint(settings, self._geocoder)
        self._country_keyword = self._keyword(COUNTRY_KEYWORD.get(settings.service))
        self._addressdetails = self._keyword("addressdetails") is not None
        self.cache_path = cache_path if cache_path is not None else default_cache_path()
        self._cache: AnswerCache | None = AnswerCache(self.cache_path)
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
                return None if record is None else answer_from_record(query, record)
            try:
                record = self._caller(lambda: self._ask(text, countries))
            except GeocoderError as err:
                self._failed(err)
                return None
            self._failed_calls = 0
            self._cache.store(key, record)
            return None if record is None else answer_from_record(query, record)

    def _ask(self, query: str, countries: tuple[str, ...]) -> dict[str, Any] | None:
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
        return record_from_location(self.settings.service, self.endpoint, location)

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


def _normalise_countries(codes: Sequence[str] | str) -> tuple[str, ...]:
    """Sorted unique lower-case ISO alpha-2 codes; other values are dropped."""
    if isinstance(codes, str):
        codes = [codes]
    found = {c.strip().lower() for c in codes if isinstance(c, str)}
    return tuple(sorted(c for c in found if len(c) == 2 and c.isalpha() and c.isascii()))
