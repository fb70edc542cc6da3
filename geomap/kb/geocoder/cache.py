"""The persistent SQLite cache of answers, "no result" included, and where it lives."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from geomap.errors import GeocoderError

logger = logging.getLogger("geomap")

CACHE_DIR_ENV = "GEOMAP_CACHE_DIR"
CACHE_FILENAME = "geocoder-cache.sqlite"


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


class AnswerCache:
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

    def lookup(self, key: tuple[str, str, str, str]) -> tuple[bool, dict[str, Any] | None]:
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
