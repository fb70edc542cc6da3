"""The interface every gazetteer source implements, and the record it yields."""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import ClassVar

from geomap.errors import GazetteerError


class NameKind(StrEnum):
    """How a name was obtained for a place. The gazetteer stores the value, and a lookup
    says which kind of name matched; being a ``str``, a kind compares, hashes and prints
    as its value."""

    NAME = "name"  # the place's own name
    ABBR = "abbr"  # an abbreviation or a code: "IQ", "U.S.", "BGW"
    ALT = "alt"  # an alternate name or spelling, or a variant of the name's key
    SHORT = "short"  # a bare stem: "DeKalb" for DeKalb County
    DEMONYM = "demonym"  # "Iraqi" for Iraq
    USER = "user"  # any name of a place in the user gazetteer (given at lookup)


# How an alias was obtained, best first; a name indexed twice for one place keeps the best kind.
NAME_KINDS = (NameKind.NAME, NameKind.ABBR, NameKind.ALT, NameKind.SHORT, NameKind.DEMONYM)
WEAK_KINDS = frozenset({NameKind.ALT, NameKind.SHORT})  # alone, they do not make a word a place


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One place as a source describes it, before it is stored."""

    source: str  # "<source name>:<id in that source>"
    name: str
    feature: str
    lat: float
    lon: float
    country_code: str | None = None
    admin1_code: str | None = None  # ISO 3166-2 code of the first-level subdivision
    admin1: str | None = None
    population: int = 0
    radius_km: float = 0.0
    capital: bool = False
    aliases: tuple[tuple[str, NameKind], ...] = ()  # (alias, kind), kind in NAME_KINDS


class Source(ABC):
    """A provider of gazetteer records (a data package, a curated table, a user file)."""

    name: ClassVar[str]

    @abstractmethod
    def fingerprint(self) -> str:
        """A string that changes whenever the records this source yields would change."""

    @abstractmethod
    def records(self) -> Iterator[SourceRecord]:
        """Every record of the source."""

    def aliases(self) -> list[tuple[str, str, NameKind]]:
        """(alias, target, kind): more names for places of any source, indexed after all
        records are in; a target is a source id, ``country:XX`` or ``continent:Name``."""
        return []


def package_dir(package: str) -> Path:
    """The directory of an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError(f"the data package {package!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def distribution_version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError as err:
        raise GazetteerError(f"the data package {distribution!r} is not installed") from err


def file_digest(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
