"""The geopy geocoder behind a service name: looked up, built for the settings, its endpoint."""

from __future__ import annotations

import difflib
import inspect
from typing import TYPE_CHECKING, Any

from geomap.errors import ConfigurationError
from geomap.kb.geocoder.settings import GeocoderSettings, split_url

if TYPE_CHECKING:  # pragma: no cover
    from geopy.geocoders.base import Geocoder

# Services named in error messages: those that work without an API key.
_SUGGESTED_SERVICES = ("none", "nominatim", "photon", "arcgis", "banfrance", "databc")

# geopy keyword that carries ISO alpha-2 country hints, per service.
COUNTRY_KEYWORD = {
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


def build_service(settings: GeocoderSettings) -> Geocoder:
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
        service_class: type[Any] = geocoders.get_geocoder_for_service(service)
        return service_class
    except GeocoderNotFound as err:
        known = sorted(getattr(geocoders, "SERVICE_TO_GEOCODER", {}))
        close = difflib.get_close_matches(service, [*known, "none"], n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ConfigurationError(
            f"unknown geocoder {service!r}; valid names include "
            f"{', '.join(_SUGGESTED_SERVICES)} (any geopy service name).{hint}"
        ) from err


def service_endpoint(settings: GeocoderSettings, geocoder: object) -> str:
    """The base URL asked, e.g. ``https://nominatim.openstreetmap.org``."""
    if settings.url is not None:
        scheme, domain = split_url(settings.url)
        return f"{scheme}://{domain}"
    given_scheme = getattr(geocoder, "scheme", None)
    given_domain = getattr(geocoder, "domain", None)
    if isinstance(given_scheme, str) and isinstance(given_domain, str) and given_domain:
        return f"{given_scheme}://{given_domain.strip('/')}"
    return "default"
