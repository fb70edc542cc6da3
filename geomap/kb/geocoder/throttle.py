"""Calls to a service spaced out and retried; geopy's errors translated to geomap's."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from geomap.errors import (
    ConfigurationError,
    GeocoderError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geomap.kb.geocoder.settings import check_seconds

logger = logging.getLogger("geomap")
_T = TypeVar("_T")

_MAX_ERROR_TEXT = 200


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
        check_seconds("min delay", min_delay, allow_zero=True)
        check_seconds("backoff", backoff, allow_zero=True)
        check_seconds("max retry-after", max_retry_after, allow_zero=True)
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
        delay: float = self.backoff * (2 ** (tries - 1))
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
