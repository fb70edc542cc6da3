"""Tables of places written by people: geomap's curated ``gazetteer/`` CSVs and users' files.

The curated tables share one schema (see ``gazetteer/README.md``):
``id,name,alt_names,feature,lat,lon,country_code,admin1,parent,radius_km,provenance``.
Users' files (``geomap gazetteer add``) may be CSV with at least ``name,lat,lon``
and any of the other columns, or GeoJSON with point (or area) features whose
properties hold ``name`` and optionally the same columns.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from geomap.errors import InputError
from geomap.kb.names import COUNTY_SUFFIX
from geomap.kb.sources.base import NAME_KINDS, NameKind, Source, SourceRecord, file_digest

_PACKAGE_DIR = Path(__file__).resolve().parents[2]  # geomap/
# The columns of every place table in gazetteer/ (documented in gazetteer/README.md).
PLACE_COLUMNS = ("id", "name", "alt_names", "feature", "lat", "lon", "country_code", "admin1",
                 "parent", "radius_km", "provenance")  # fmt: skip
ALIAS_TABLE = "aliases.csv"  # alias,target,kind,provenance: more names for known places
CENTRE_TABLE = "country_centres.csv"  # country_code,lat,lon,provenance: better country points
STOPLIST = "not_places.txt"  # names a model takes for places that are not
FEATURE_TABLE = "features.csv"  # the kinds of place (geomap.kb.features); not read here
NON_PLACE_TABLES = {ALIAS_TABLE, CENTRE_TABLE, FEATURE_TABLE}


def curated_dir() -> Path:
    """Where the curated tables are: inside the installed wheel, or the source checkout."""
    for candidate in (_PACKAGE_DIR / "data" / "gazetteer", _PACKAGE_DIR.parent / "gazetteer"):
        if candidate.is_dir() and any(candidate.glob("*.csv")):
            return candidate
    raise InputError("geomap's curated gazetteer tables are missing from the installation")


def _number(value: Any, what: str, where: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{where}: {what} {value!r} is not a number") from None
    if not math.isfinite(number):
        raise InputError(f"{where}: {what} {value!r} is not a finite number")
    return number


def record_from_row(row: Mapping[str, Any], source: str, where: str) -> SourceRecord:
    """A record from one table row; raises InputError naming ``where`` on bad values."""
    name = str(row.get("name") or "").strip()
    if not name:
        raise InputError(f"{where}: a place needs a name")
    lat = _number(row.get("lat"), "latitude", where)
    lon = _number(row.get("lon"), "longitude", where)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"{where}: coordinates {lat}, {lon} are outside WGS84 bounds")
    aliases = [a.strip() for a in str(row.get("alt_names") or "").split("|") if a.strip()]
    parent = str(row.get("parent") or "").strip() or None
    country = str(row.get("country_code") or "").strip().upper() or None
    if parent and not country:
        country = parent[:2]
    return SourceRecord(
        source=source,
        name=name,
        feature=str(row.get("feature") or "place").strip() or "place",
        lat=lat,
        lon=lon,
        country_code=country,
        admin1_code=parent if parent and "-" in parent else None,
        admin1=str(row.get("admin1") or "").strip() or None,
        population=int(_number(row.get("population") or 0, "population", where)),
        radius_km=_number(row.get("radius_km") or 0, "radius_km", where),
        aliases=tuple((a, NameKind.ALT) for a in dict.fromkeys(aliases) if a != name),
    )


def _csv_records(path: Path, prefix: str) -> Iterator[SourceRecord]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"name", "lat", "lon"} - set(reader.fieldnames or ())
        if missing:
            raise InputError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        for number, row in enumerate(reader, start=2):
            row_id = (row.get("id") or "").strip() or str(number)
            yield record_from_row(row, f"{prefix}:{row_id}", f"{path}:{number}")


def _representative_point(geometry: Mapping[str, Any], where: str) -> tuple[float, float, float]:
    """(lat, lon, radius_km) of a GeoJSON geometry: a point, or the centre of its bounds."""
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    if kind == "Point" and isinstance(coords, list) and len(coords) >= 2:
        return float(coords[1]), float(coords[0]), 0.0
    points: list[tuple[float, float]] = []

    def walk(value: Any) -> None:
        if isinstance(value, list) and value and isinstance(value[0], (int, float)):
            points.append((float(value[0]), float(value[1])))
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(coords)
    if not points:
        raise InputError(f"{where}: geometry of type {kind!r} has no coordinates")
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    lat, lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    radius = (
        111.0
        * max(max(lats) - min(lats), (max(lons) - min(lons)) * math.cos(math.radians(lat)))
        / 2
    )
    return lat, lon, round(radius, 1)


def _geojson_records(path: Path, prefix: str) -> Iterator[SourceRecord]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: not valid GeoJSON ({err})") from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise InputError(f"{path}: expected a GeoJSON FeatureCollection")
    for number, feature in enumerate(features, start=1):
        where = f"{path}: feature {number}"
        if not isinstance(feature, dict) or not isinstance(feature.get("geometry"), dict):
            raise InputError(f"{where}: has no geometry")
        props = dict(feature.get("properties") or {})
        lat, lon, radius = _representative_point(feature["geometry"], where)
        props.update(lat=lat, lon=lon)
        props.setdefault("radius_km", radius)
        if isinstance(props.get("alt_names"), list):
            props["alt_names"] = "|".join(map(str, props["alt_names"]))
        row_id = props.get("id") or feature.get("id") or number
        yield record_from_row(props, f"{prefix}:{row_id}", where)


class CuratedSource(Source):
    """geomap's own tables in ``gazetteer/``: water bodies, facilities, regions, counties."""

    name = "curated"

    def __init__(self, directory: Path | None = None):
        self.directory = directory or curated_dir()

    def tables(self) -> list[Path]:
        """The place tables (every CSV but the alias, country-centre and feature tables)."""
        return sorted(p for p in self.directory.glob("*.csv") if p.name not in NON_PLACE_TABLES)

    def fingerprint(self) -> str:
        files = [*self.directory.glob("*.csv"), *self.directory.glob("*.txt")]
        files = [path for path in files if path.name != FEATURE_TABLE]
        return f"curated:{file_digest(*files)}"

    def records(self) -> Iterator[SourceRecord]:
        for table in self.tables():
            for record in _csv_records(table, f"{self.name}:{table.stem}"):
                yield _with_county_stem(record) if record.feature == "county" else record

    def aliases(self) -> list[tuple[str, str, NameKind]]:
        return read_aliases(self.directory)


def _with_county_stem(record: SourceRecord) -> SourceRecord:
    """A US county also under its bare name, as local news writes it ("DeKalb", "Clarke"):
    a short name, which wins only with the article's state behind it ("Gulf" stays the
    Persian Gulf)."""
    stem = COUNTY_SUFFIX.sub("", record.name)
    if stem == record.name:
        return record
    return replace(record, aliases=(*record.aliases, (stem, NameKind.SHORT)))


def read_aliases(directory: Path | None = None) -> list[tuple[str, str, NameKind]]:
    """(alias, target, kind) rows of the alias table; targets are source ids
    (``iso3166-2:US-WV``), ``country:XX`` or ``continent:Name``."""
    path = (directory or curated_dir()) / ALIAS_TABLE
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if unknown := sorted({row["kind"] for row in rows} - set(NAME_KINDS)):
        raise InputError(f"{path}: unknown name kinds {unknown} (known: {', '.join(NAME_KINDS)})")
    return [(row["alias"], row["target"], NameKind(row["kind"])) for row in rows]


def read_country_centres(directory: Path | None = None) -> dict[str, tuple[float, float]]:
    """Country points that replace countryinfo's, by ISO alpha-2 code."""
    path = (directory or curated_dir()) / CENTRE_TABLE
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["country_code"]: (float(row["lat"]), float(row["lon"]))
            for row in csv.DictReader(handle)
        }


class UserFileSource(Source):
    """A user's own places, from a CSV or GeoJSON file."""

    name = "user"

    def __init__(self, path: Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise InputError(f"{self.path}: no such file")
        if self.path.suffix.lower() not in {".csv", ".geojson", ".json"}:
            raise InputError(f"{self.path}: expected a .csv, .geojson or .json file")

    def fingerprint(self) -> str:
        return f"{self.path.name}:{file_digest(self.path)}"

    def records(self) -> Iterator[SourceRecord]:
        prefix = f"{self.name}:{self.path.stem}"
        if self.path.suffix.lower() == ".csv":
            yield from _csv_records(self.path, prefix)
        else:
            yield from _geojson_records(self.path, prefix)
