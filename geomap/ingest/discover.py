"""Inputs: directories expanded to the files geomap reads, and every input checked up front."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from geomap.errors import InputError
from geomap.ingest.formats import FORMATS


def is_stdin(item: str | Path) -> bool:
    """True for ``"-"``, the name of standard input."""
    return isinstance(item, str) and item == "-"


def expand_inputs(items: Sequence[str | Path]) -> list[str | Path]:
    """The inputs with each directory replaced by the files in it (and in its folders)
    that geomap reads by their extension, in name order; hidden files are skipped."""
    expanded: list[str | Path] = []
    for item in items:
        path = Path(item)
        if is_stdin(item) or not path.is_dir():
            expanded.append(item)
            continue
        found = sorted(
            p for p in path.rglob("*")
            if p.is_file() and p.suffix.lower() in FORMATS
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )  # fmt: skip
        if not found:
            kinds = ", ".join(sorted(set(FORMATS)))
            raise InputError(f"{item}: the directory holds no file geomap reads ({kinds})")
        expanded.extend(found)
    return expanded


def check_inputs(items: Sequence[str | Path]) -> None:
    """Raise ``InputError`` for a missing file, a directory or ``"-"`` given twice."""
    seen_stdin = False
    for item in items:
        if is_stdin(item):
            if seen_stdin:
                raise InputError("-: stdin given more than once")
            seen_stdin = True
        else:
            check_path(Path(item), str(item))


def check_path(path: Path, name: str) -> None:
    """Raise ``InputError`` if ``path`` is empty, missing or a directory."""
    if not name:
        raise InputError("an input path is empty")
    if path.is_dir():
        raise InputError(f"{name}: is a directory; give the files in it")
    if not path.exists():
        raise InputError(f"{name}: no such file")
