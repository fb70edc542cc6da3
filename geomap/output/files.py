"""Writing files so that an interrupted run never leaves one half-written: every output is
built at a temporary path beside its target and renamed over it only on success."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from geomap.errors import ExportError, GeomapError

log = logging.getLogger("geomap")


def _cannot_write(path: Path, err: OSError, error: type[GeomapError]) -> GeomapError:
    return error(f"{path}: cannot write ({err.strerror or err})")


@contextlib.contextmanager
def atomic_path(path: str | Path, error: type[GeomapError] = ExportError) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` to build the output at; rename it over
    ``path`` only on success, and remove it on any failure (an ``OSError`` becomes
    ``error``, one line that names the file)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
        os.close(handle)
    except OSError as err:
        raise _cannot_write(path, err, error) from None
    temp = Path(temp_name)
    try:
        yield temp
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except GeomapError:
        temp.unlink(missing_ok=True)
        raise
    except OSError as err:
        temp.unlink(missing_ok=True)
        raise _cannot_write(path, err, error) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_write(
    path: str | Path, mode: str = "w", newline: str | None = None
) -> Iterator[IO[Any]]:
    """Write to a temporary file beside ``path``; rename it over ``path`` only on success.

    ``newline`` is passed to ``open`` in text mode (the csv module wants ``""``)."""
    binary = "b" in mode
    encoding = None if binary else "utf-8"
    newline = None if binary else newline
    with atomic_path(path) as temp, open(temp, mode, encoding=encoding, newline=newline) as stream:
        yield stream


def partial_path(output: Path) -> Path:
    """Where a streamed output grows until its run ends."""
    return output.with_name(output.name + ".partial")


@contextlib.contextmanager
def streamed_output(output: Path | None, kept: Sequence[str] = ()) -> Iterator[IO[str]]:
    """stdout, or ``output`` written line by line as ``output.partial`` (after the ``kept``
    lines of an earlier run) and renamed to ``output`` when the run ends; an interrupted
    run leaves the ``.partial`` file, which ``--resume`` continues."""
    if output is None:
        yield sys.stdout
        return
    partial = partial_path(output)
    if output.is_dir():
        raise ExportError(f"{output}: cannot write (Is a directory)")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        stream = partial.open("w", encoding="utf-8")
    except OSError as err:
        raise _cannot_write(output, err, ExportError) from None
    try:
        with stream:
            stream.writelines(kept)
            yield stream
    except BaseException:
        if partial.stat().st_size:
            log.info("the lines written so far are in %s; rerun with --resume to go on", partial)
        else:
            partial.unlink()
        raise
    try:
        os.replace(partial, output)
    except OSError as err:
        raise _cannot_write(output, err, ExportError) from None
