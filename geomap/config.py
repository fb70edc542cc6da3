"""Settings: defaults, then ``geomap.toml`` (user config dir, then working directory),
then ``GEOMAP_*`` environment variables, then command-line flags; later ones win."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geomap.errors import ConfigurationError
from geomap.kb.geocoder import GeocoderSettings

CONFIG_FILENAME = "geomap.toml"
# setting -> (type, environment variable)
KEYS: dict[str, tuple[type, str]] = {
    "model": (str, "GEOMAP_MODEL"),
    "geocoder": (str, "GEOMAP_GEOCODER"),
    "geocoder_url": (str, "GEOMAP_GEOCODER_URL"),
    "user_agent": (str, "GEOMAP_USER_AGENT"),
    "min_delay": (float, "GEOMAP_MIN_DELAY"),
    "timeout": (float, "GEOMAP_TIMEOUT"),
    "tiles": (str, "GEOMAP_TILES"),
    "min_confidence": (float, "GEOMAP_MIN_CONFIDENCE"),
}
TILES_DEFAULT = "osm"


@dataclass(frozen=True, slots=True)
class Settings:
    model: str | None = None
    geocoder: GeocoderSettings = field(default_factory=GeocoderSettings)
    tiles: str = TILES_DEFAULT  # the map's online basemap: "osm", "none" or a URL template
    min_confidence: float | None = None  # incidents below are left out; None: the fitted default


def config_files() -> list[Path]:
    import platformdirs

    return [Path(platformdirs.user_config_dir("geomap")) / CONFIG_FILENAME, Path(CONFIG_FILENAME)]


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ConfigurationError(f"{path}: cannot read the configuration ({err})") from None
    table = data.get("geomap", data)
    unknown = set(table) - set(KEYS) - {"geomap"}
    if unknown:
        raise ConfigurationError(
            f"{path}: unknown setting(s) {', '.join(sorted(unknown))}; known: {', '.join(KEYS)}"
        )
    return {key: (str(path), value) for key, value in table.items() if key in KEYS}


def _convert(key: str, value: Any, origin: str) -> Any:
    """The value as its setting's type; strings (from the environment) are parsed."""
    kind = KEYS[key][0]
    if kind is str and isinstance(value, str):
        return value
    if kind is float and not isinstance(value, bool):
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                pass
    expected = "a string" if kind is str else "a number"
    raise ConfigurationError(f"{origin}: {key} must be {expected}, got {value!r}")


def load_settings(
    flags: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    files: list[Path] | None = None,
) -> Settings:
    """The settings in force; ``flags`` maps setting names to values given (None = not given)."""
    environ = os.environ if environ is None else environ
    found: dict[str, tuple[str, Any]] = {}
    for path in config_files() if files is None else files:
        if path.is_file():
            found.update(_read_toml(path))
    for key, (_, variable) in KEYS.items():
        if environ.get(variable):
            found[key] = (variable, environ[variable])
    for key, value in (flags or {}).items():
        if value is not None and key in KEYS:
            found[key] = (f"--{key.replace('_', '-')}", value)
    values = {key: _convert(key, value, origin) for key, (origin, value) in found.items()}
    geocoder = GeocoderSettings(
        service=values.get("geocoder", "none"),
        url=values.get("geocoder_url"),
        user_agent=values.get("user_agent"),
        min_delay=values.get("min_delay"),
        timeout=values.get("timeout", 10.0),
    )
    tiles = values.get("tiles", TILES_DEFAULT)
    check_tiles(tiles, found.get("tiles", ("default",))[0])
    min_confidence = values.get("min_confidence")
    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        origin = found["min_confidence"][0]
        raise ConfigurationError(
            f"{origin}: min_confidence must lie between 0 and 1, got {min_confidence!r}"
        )
    return Settings(
        model=values.get("model"), geocoder=geocoder, tiles=tiles, min_confidence=min_confidence
    )


def check_tiles(tiles: str, origin: str) -> None:
    """Refuse a tiles setting that is neither "osm", "none" nor an http(s) URL template
    with ``{z}``, ``{x}`` and ``{y}``."""
    if tiles in ("osm", "none"):
        return
    if not tiles.startswith(("http://", "https://")) or not all(
        part in tiles for part in ("{z}", "{x}", "{y}")
    ):
        raise ConfigurationError(
            f"{origin}: tiles must be osm, none or an http(s) URL template with {{z}}, {{x}} "
            f"and {{y}}, got {tiles!r}"
        )
