"""What the user chose: service, URL, User-Agent, delay and timeout, checked."""

from __future__ import annotations

import importlib.metadata
import math
from dataclasses import dataclass
from urllib.parse import urlsplit

from geomap.errors import ConfigurationError

PUBLIC_NOMINATIM_DOMAIN = "nominatim.openstreetmap.org"
PUBLIC_NOMINATIM_MIN_DELAY = 1.0  # seconds; Nominatim's usage policy: at most 1 request/s


def default_user_agent() -> str:
    """``geomap/<installed version>``, or ``geomap/0`` when not installed."""
    try:
        version = importlib.metadata.version("geomap")
    except importlib.metadata.PackageNotFoundError:
        version = "0"
    return f"geomap/{version}"


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


def check_seconds(name: str, value: float, *, allow_zero: bool) -> None:
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
        check_seconds("timeout", self.timeout, allow_zero=False)
        if self.min_delay is not None:
            check_seconds("min delay", self.min_delay, allow_zero=True)
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
