"""A geocoder's answer: the cacheable record of a geopy Location and the answer made from it."""

from __future__ import annotations

import json
import math
import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

_OSM_TYPES = {"n": "node", "w": "way", "r": "relation"}


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


def _freeze(value: Any) -> Any:
    """A read-only deep copy of JSON-like data (mappings become mapping proxies)."""
    if isinstance(value, Mapping):
        return types.MappingProxyType({str(k): _freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


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


def record_from_location(service: str, endpoint: str, location: Any) -> dict[str, Any]:
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


def answer_from_record(query: str, record: Mapping[str, Any]) -> GeocodeAnswer:
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
