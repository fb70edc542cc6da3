"""The local gazetteer: a versioned SQLite file built once from packaged data.

Two files live side by side:

- the *base* gazetteer, ``gazetteer-v<schema>-<fingerprint>.sqlite`` in the cache
  directory, built from the data packages and the curated tables; its name
  changes whenever a source changes, so a stale file is never used;
- the *user* gazetteer, ``user-gazetteer.sqlite`` in the data directory, holding
  what ``geomap gazetteer add`` and ``import`` put there; rebuilding the base
  never touches it.

Lookups read both, read-only.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sqlite3
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geomap.errors import GazetteerError
from geomap.kb.names import key_variants, normalize_name
from geomap.kb.sources.base import NAME_KINDS, NameKind, Source, SourceRecord, file_digest
from geomap.models import Entry
from geomap.output.files import atomic_path

SCHEMA_VERSION = 1
MAX_LOOKUP = 200  # places returned for one name at most, most populous first
LOOKUP_CACHE_SIZE = 20_000  # names whose answers a Gazetteer keeps in memory
USER_FILENAME = "user-gazetteer.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    feature TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country_code TEXT,
    admin1_code TEXT,
    admin1 TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    radius_km REAL NOT NULL DEFAULT 0,
    capital INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL,
    place_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (key, place_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS admin1_codes (
    country_code TEXT NOT NULL,
    geonames_code TEXT NOT NULL,
    iso_code TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (country_code, geonames_code)
) WITHOUT ROWID;
"""

_PLACE_COLUMNS = (
    "id, source, name, feature, lat, lon, country_code, admin1_code, admin1, "
    "population, radius_km, capital"
)
_KIND_RANK = {kind: rank for rank, kind in enumerate(NAME_KINDS)}
_KIND_OF = {str(kind): kind for kind in NameKind}  # a stored kind as its NameKind


def cache_dir() -> Path:
    """Where the base gazetteer and the geocoder cache live (``GEOMAP_CACHE_DIR`` overrides)."""
    if os.environ.get("GEOMAP_CACHE_DIR"):
        return Path(os.environ["GEOMAP_CACHE_DIR"])
    import platformdirs

    return Path(platformdirs.user_cache_dir("geomap"))


def data_dir() -> Path:
    """Where the user's own gazetteer lives (``GEOMAP_DATA_DIR`` overrides)."""
    if os.environ.get("GEOMAP_DATA_DIR"):
        return Path(os.environ["GEOMAP_DATA_DIR"])
    import platformdirs

    return Path(platformdirs.user_data_dir("geomap"))


def default_sources() -> list[Source]:
    """The packaged sources of the base gazetteer, in build order."""
    from geomap.kb.sources.airports import AirportSource
    from geomap.kb.sources.countries import ContinentSource, CountrySource
    from geomap.kb.sources.curated import CuratedSource
    from geomap.kb.sources.geonames import CitySource
    from geomap.kb.sources.postal import PostalTownSource
    from geomap.kb.sources.subdivisions import SubdivisionSource

    countries = CountrySource()
    subdivisions = SubdivisionSource()
    cities = CitySource([subdivisions.top_level(), subdivisions.flattened()], countries.capitals())
    subdivisions = SubdivisionSource(lambda: {iso for iso, _ in cities.admin1_table.values()})
    curated = CuratedSource()
    airports = AirportSource(curated.records)
    postal = PostalTownSource()
    return [countries, ContinentSource(), cities, subdivisions, postal, airports, curated]


def _build_code_digest() -> str:
    """The code that shapes the stored rows: changing it must rebuild the gazetteer too."""
    package = Path(__file__).resolve().parent
    files = [
        package / "gazetteer.py",
        package / "names.py",
        *sorted((package / "sources").glob("*.py")),
    ]
    return file_digest(*files)


def fingerprint(sources: Iterable[Source]) -> str:
    digest = hashlib.sha256(f"schema={SCHEMA_VERSION};code={_build_code_digest()}".encode())
    for source in sources:
        digest.update(type(source).__name__.encode())
        digest.update(source.fingerprint().encode())
    return digest.hexdigest()[:12]


def base_path(directory: Path | None = None, sources: Iterable[Source] | None = None) -> Path:
    """The path the base gazetteer has for the installed sources."""
    stamp = fingerprint(sources if sources is not None else default_sources())
    return (directory or cache_dir()) / f"gazetteer-v{SCHEMA_VERSION}-{stamp}.sqlite"


@dataclass(frozen=True, slots=True)
class BuildStats:
    path: Path
    places: int
    names: int
    seconds: float


class _Writer:
    """Inserts records into an open gazetteer database, indexing every name under its keys.

    A record whose source is already stored replaces the stored place.
    """

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection
        self._last_id = connection.execute("SELECT COALESCE(MAX(id), 0) FROM places").fetchone()[0]

    def add(self, records: Iterable[SourceRecord], on_record=None) -> int:
        """Store the records; returns how many there were."""
        place_rows: list[tuple] = []
        name_rows: list[tuple] = []
        count = 0
        for record in records:
            count += 1
            self._last_id += 1
            place_rows.append(
                (self._last_id, record.source, record.name, record.feature, record.lat,
                 record.lon, record.country_code, record.admin1_code, record.admin1,
                 record.population, record.radius_km, int(record.capital))
            )  # fmt: skip
            name_rows.extend((key, self._last_id, kind) for key, kind in _keys(record).items())
            if on_record:
                on_record()
            if len(place_rows) >= 20_000:
                self._flush(place_rows, name_rows)
        self._flush(place_rows, name_rows)
        return count

    def _flush(self, place_rows: list, name_rows: list) -> None:
        self.connection.executemany(
            f"INSERT OR REPLACE INTO places ({_PLACE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            place_rows,
        )
        self.connection.executemany(
            "INSERT OR REPLACE INTO names (key, place_id, kind) VALUES (?,?,?)", name_rows
        )
        place_rows.clear()
        name_rows.clear()

    def finish(self) -> tuple[int, int]:
        """Drop the names of replaced places; return (places, names) stored."""
        self.connection.execute("DELETE FROM names WHERE place_id NOT IN (SELECT id FROM places)")
        places = self.connection.execute("SELECT COUNT(*) FROM places").fetchone()[0]
        names = self.connection.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        return places, names


def _keys(record: SourceRecord) -> dict[str, NameKind]:
    """Lookup keys of a record and the kind of name each comes from (best kind wins)."""
    keys: dict[str, NameKind] = {}

    def put(key: str, kind: NameKind) -> None:
        if key and (key not in keys or _KIND_RANK[kind] < _KIND_RANK[keys[key]]):
            keys[key] = kind

    for alias, kind in ((record.name, NameKind.NAME), *record.aliases):
        key = normalize_name(alias)
        put(key, kind)
        for variant in key_variants(key):
            put(variant, NameKind.ALT if kind == NameKind.NAME else kind)
    return keys


def _progress(desc: str):
    from tqdm import tqdm

    return tqdm(desc=desc, unit=" places", total=0, file=sys.stderr, disable=None, leave=False)


@contextlib.contextmanager
def _replacing(path: Path, keep_existing: bool = False) -> Iterator[sqlite3.Connection]:
    """A connection to a temporary database that replaces ``path`` only on success;
    with ``keep_existing`` it starts as a copy of the current file."""
    with atomic_path(path, error=GazetteerError) as temp:
        connection = sqlite3.connect(temp)
        try:
            if keep_existing and path.is_file():
                current = sqlite3.connect(path)
                try:
                    current.backup(connection)
                finally:
                    current.close()
            connection.executescript(_SCHEMA)
            yield connection
            connection.commit()
        finally:
            connection.close()


def build(
    path: Path | None = None, sources: list[Source] | None = None, progress: bool = True
) -> BuildStats:
    """Build the base gazetteer at ``path`` (atomically: a temporary file, then a rename)."""
    began = time.perf_counter()
    sources = sources if sources is not None else default_sources()
    path = path or base_path(sources=sources)
    bar = _progress("Building gazetteer") if progress else None
    try:
        with _replacing(path) as connection:
            connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
            writer = _Writer(connection)
            for source in sources:
                records = list(source.records())
                if bar is not None:
                    bar.total += len(records)
                    bar.set_postfix_str(type(source).__name__)
                writer.add(records, on_record=bar.update if bar is not None else None)
                admin1_table = getattr(source, "admin1_table", None)
                if admin1_table:
                    connection.executemany(
                        "INSERT OR REPLACE INTO admin1_codes VALUES (?,?,?,?)",
                        [(cc, code, iso, name) for (cc, code), (iso, name) in admin1_table.items()],
                    )
            connection.execute("CREATE INDEX places_admin1 ON places (country_code, admin1_code)")
            _add_aliases(connection, [a for source in sources for a in source.aliases()])
            _fill_admin1_extent(connection)
            places, names = writer.finish()
            connection.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                [
                    ("schema", str(SCHEMA_VERSION)),
                    ("fingerprint", fingerprint(sources)),
                    ("built", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
                    ("sources", "; ".join(s.fingerprint() for s in sources)),
                ],
            )
            connection.commit()
            connection.execute("ANALYZE")
    finally:
        if bar is not None:
            bar.close()
    for stale in path.parent.glob("gazetteer-v*-*.sqlite"):
        if stale != path:
            stale.unlink(missing_ok=True)
    return BuildStats(path, places, names, time.perf_counter() - began)


def _add_aliases(connection: sqlite3.Connection, aliases: list[tuple[str, str, NameKind]]) -> None:
    """Index the sources' extra names (the curated alias table) under their places."""
    rows: list[tuple[str, int, str]] = []
    for alias, target, kind in aliases:
        scheme, _, value = target.partition(":")
        if scheme == "country":
            query, args = (
                "SELECT id FROM places WHERE feature = 'country' AND country_code = ?",
                (value,),
            )
        elif scheme == "continent":
            query, args = "SELECT id FROM places WHERE feature = 'continent' AND name = ?", (value,)
        else:
            query, args = "SELECT id FROM places WHERE source = ?", (target,)
        found = connection.execute(query, args).fetchone()
        if found is None:
            raise GazetteerError(f"aliases.csv: {alias!r} targets {target!r}, which no place has")
        rows.extend((key, found[0], kind) for key in {normalize_name(alias)} if key)
    connection.executemany(
        "INSERT OR REPLACE INTO names (key, place_id, kind) VALUES (?,?,?)", rows
    )


def _fill_admin1_extent(connection: sqlite3.Connection) -> None:
    """A first-level subdivision's population (the sum of its towns') and radius (how far
    90% of its towns lie from its centre): ISO 3166-2 gives neither."""
    from geomap.geo import haversine_km

    towns: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    query = (
        "SELECT admin1_code, lat, lon, population FROM places "
        "WHERE feature = 'city' AND admin1_code IS NOT NULL"
    )
    for code, lat, lon, population in connection.execute(query):
        towns[code].append((lat, lon, population))
    rows = []
    for place_id, code, lat, lon in connection.execute(
        "SELECT id, admin1_code, lat, lon FROM places WHERE feature = 'admin1'"
    ).fetchall():
        members = towns.get(code)
        if not members:
            continue
        distances = sorted(haversine_km(lat, lon, t[0], t[1]) for t in members)
        radius = min(max(distances[int(0.9 * (len(distances) - 1))], 10.0), 1500.0)
        rows.append((sum(t[2] for t in members), round(radius, 1), place_id))
    connection.executemany(
        "UPDATE places SET population = CASE WHEN population = 0 THEN ? ELSE population END, "
        "radius_km = CASE WHEN radius_km = 0 THEN ? ELSE radius_km END WHERE id = ?",
        rows,
    )


def _row_to_entry(row: tuple, id_sign: int = 1) -> Entry:
    return Entry(
        id=row[0] * id_sign,
        source=row[1],
        name=row[2],
        feature=row[3],
        lat=row[4],
        lon=row[5],
        country_code=row[6],
        admin1_code=row[7],
        admin1=row[8],
        population=row[9] or 0,
        radius_km=row[10] or 0.0,
        capital=bool(row[11]),
    )


class Gazetteer:
    """Read-only access to the base gazetteer and the user's own places."""

    def __init__(self, path: Path, user_path: Path | None = None):
        if not path.is_file():
            raise GazetteerError(f"{path}: no gazetteer there; run 'geomap gazetteer build'")
        self.path = path
        self.user_path = user_path if user_path is not None and user_path.is_file() else None
        try:
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self._db.execute("PRAGMA query_only = 1")
            self._db.execute("PRAGMA mmap_size = 268435456")
            if self.user_path is not None:
                self._db.execute("ATTACH DATABASE ? AS user", (f"file:{self.user_path}?mode=ro",))
        except sqlite3.Error as err:
            raise GazetteerError(f"{path}: cannot open the gazetteer ({err})") from err
        # Recognition and resolution ask for the same names many times; the answers never
        # change while the files are open, so a bounded cache keeps memory flat.
        self._rows = functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._rows_for_key)
        self._has = functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._has_key)
        self._country = functools.lru_cache(maxsize=1024)(self._country_row)
        self._seat = functools.lru_cache(maxsize=1024)(self._seat_row)

    @classmethod
    def open(cls, directory: Path | None = None, progress: bool = True) -> Gazetteer:
        """The default gazetteer, built first if the installed sources have none yet."""
        path = base_path(directory)
        if not path.is_file():
            build(path, progress=progress)
        return cls(path, data_dir() / USER_FILENAME)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _databases(self) -> Iterator[tuple[str, int]]:
        yield "main", 1
        if self.user_path is not None:
            yield "user", -1

    def contains(self, key: str) -> bool:
        """Whether some place is indexed under this normalised key."""
        return self._has(key)

    def _has_key(self, key: str) -> bool:
        return any(
            self._db.execute(f"SELECT 1 FROM {db}.names WHERE key = ? LIMIT 1", (key,)).fetchone()
            for db, _ in self._databases()
        )

    def lookup(self, name: str, limit: int = MAX_LOOKUP) -> list[tuple[Entry, NameKind]]:
        """Places named ``name`` (any spelling geomap knows), most populous first, with the
        kind of name that matched. A user place replaces a base place of the same source."""
        return list(self._rows(normalize_name(name))[:limit])

    def _rows_for_key(self, key: str) -> tuple[tuple[Entry, NameKind], ...]:
        found: dict[str, tuple[Entry, NameKind]] = {}
        for db, sign in reversed(list(self._databases())):
            rows = self._db.execute(
                f"SELECT p.{_PLACE_COLUMNS.replace(', ', ', p.')}, n.kind FROM {db}.names n "
                f"JOIN {db}.places p ON p.id = n.place_id WHERE n.key = ? "
                "ORDER BY p.population DESC LIMIT ?",
                (key, MAX_LOOKUP),
            ).fetchall()
            for row in rows:
                entry = _row_to_entry(row, sign)
                found.setdefault(
                    entry.source, (entry, NameKind.USER if sign < 0 else _KIND_OF[row[-1]])
                )
        return tuple(sorted(found.values(), key=lambda pair: -pair[0].population))

    def entry(self, source: str) -> Entry | None:
        """The place with this source id (``geonames:95446``), if the gazetteer has it."""
        for db, sign in reversed(list(self._databases())):
            row = self._db.execute(
                f"SELECT {_PLACE_COLUMNS} FROM {db}.places WHERE source = ?", (source,)
            ).fetchone()
            if row:
                return _row_to_entry(row, sign)
        return None

    def country(self, code: str) -> Entry | None:
        """The country with this ISO 3166-1 alpha-2 code, if the gazetteer has it."""
        return self._country(code.upper())

    def _country_row(self, code: str) -> Entry | None:
        for db, sign in reversed(list(self._databases())):
            row = self._db.execute(
                f"SELECT {_PLACE_COLUMNS} FROM {db}.places "
                "WHERE feature = 'country' AND country_code = ? ORDER BY population DESC",
                (code,),
            ).fetchone()
            if row:
                return _row_to_entry(row, sign)
        return None

    def seat(self, country_code: str, admin1_code: str) -> Entry | None:
        """The most populous town of a first-level region (ISO 3166-2 code), which stands
        for the region when an event is placed only in it (ACLED codes a province at its
        capital)."""
        return self._seat(country_code, admin1_code)

    def _seat_row(self, country_code: str, admin1_code: str) -> Entry | None:
        for db, sign in reversed(list(self._databases())):
            row = self._db.execute(
                f"SELECT {_PLACE_COLUMNS} FROM {db}.places WHERE country_code = ? "
                "AND admin1_code = ? AND feature = 'city' ORDER BY population DESC LIMIT 1",
                (country_code, admin1_code),
            ).fetchone()
            if row:
                return _row_to_entry(row, sign)
        return None

    def info(self) -> dict[str, object]:
        meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        counts = dict(
            self._db.execute("SELECT feature, COUNT(*) FROM places GROUP BY feature").fetchall()
        )
        out: dict[str, object] = {
            "path": str(self.path),
            "size_bytes": self.path.stat().st_size,
            "places": sum(counts.values()),
            "features": counts,
            **meta,
        }
        if self.user_path is not None:
            out["user_path"] = str(self.user_path)
            out["user_places"] = self._db.execute("SELECT COUNT(*) FROM user.places").fetchone()[0]
        return out


def add_to_user_gazetteer(source: Source, user_path: Path | None = None) -> int:
    """Store a user source's places in the user gazetteer; returns how many were stored.

    The write goes to a copy that replaces the file only once it is complete.
    """
    user_path = user_path or data_dir() / USER_FILENAME
    bar = _progress(f"Adding {source.fingerprint().split(':')[0]}")
    try:
        with _replacing(user_path, keep_existing=True) as connection:
            writer = _Writer(connection)
            added = writer.add(source.records(), on_record=bar.update)
            writer.finish()
    finally:
        bar.close()
    return added


def admin1_table() -> dict[tuple[str, str], tuple[str, str]]:
    """The GeoNames-to-ISO admin1 code table of the base gazetteer (built if needed)."""
    path = base_path()
    if not path.is_file():
        build(path)
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as base:
        rows = base.execute("SELECT country_code, geonames_code, iso_code, name FROM admin1_codes")
        return {(cc, code): (iso, name) for cc, code, iso, name in rows}
