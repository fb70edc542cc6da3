"""Input bytes as text: files opened, binary and UTF-16/32 input refused, UTF-8 decoded in
chunks, line breaks normalised to ``\\n`` and split into lines."""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from geomap.errors import InputError
from geomap.ingest.discover import check_path

HEAD_SIZE = 8192  # bytes inspected for binary content and format sniffing
CHUNK_SIZE = 65536  # bytes (or characters) read at a time after the head

# Control characters that make a sample look binary (\t \n \r \f are ordinary text).
_CONTROL_CHARS = "".join(chr(c) for c in [*range(32), 127] if chr(c) not in "\t\n\r\f")
_DROP_CONTROL = str.maketrans("", "", _CONTROL_CHARS)
_UTF16_32_BOMS = (
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
)


def open_binary(path: Path, name: str) -> BinaryIO:
    """Open ``path`` for binary reading, turning OS errors into ``InputError``."""
    check_path(path, name)
    try:
        return open(path, "rb")
    except FileNotFoundError as exc:
        raise InputError(f"{name}: no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{name}: is a directory; give the files in it") from exc
    except PermissionError as exc:
        raise InputError(f"{name}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{name}: cannot open ({exc.strerror or exc})") from exc


def read_or_fail(read: Callable[[int], Any], size: int, name: str) -> Any:
    """Call ``read(size)``, turning OS errors into ``InputError``."""
    try:
        return read(size)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from exc


def start_bytes(
    read: Callable[[int], bytes], name: str, exact: bool = False
) -> tuple[str, Iterator[str]]:
    """Check the head of a byte stream, then decode it as UTF-8 chunk by chunk.

    Returns the decoded head (BOM dropped) and an iterator over the decoded rest.
    ``exact`` reads a full ``HEAD_SIZE`` bytes (for files) instead of what is available.
    """
    head = read(HEAD_SIZE)
    while exact and head and len(head) < HEAD_SIZE:
        more = read(HEAD_SIZE - len(head))
        if not more:
            break
        head += more
    if head.startswith(_UTF16_32_BOMS):
        raise InputError(f"{name}: looks like UTF-16 or UTF-32 text; convert it to UTF-8")
    _check_not_binary(head.decode("latin-1"), name)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def rest() -> Iterator[str]:
        for block in iter(lambda: read(CHUNK_SIZE), b""):
            yield decoder.decode(block)
        yield decoder.decode(b"", final=True)

    return decoder.decode(head).removeprefix("\ufeff"), rest()


def start_text(read: Callable[[int], str], name: str) -> tuple[str, Iterator[str]]:
    """Like ``start_bytes`` for a stream that already yields ``str``."""
    head = read(HEAD_SIZE)
    _check_not_binary(head, name)
    return head.removeprefix("\ufeff"), iter(lambda: read(CHUNK_SIZE), "")


def _check_not_binary(sample: str, name: str) -> None:
    """Raise ``InputError`` if ``sample`` has NULs or more than 30% control characters."""
    controls = len(sample) - len(sample.translate(_DROP_CONTROL))
    if "\x00" in sample or controls > 0.3 * len(sample):
        raise InputError(f"{name}: looks like a binary file, not text")


def normalise_newlines(chunks: Iterable[str]) -> Iterator[str]:
    """Translate ``\\r\\n`` and lone ``\\r`` to ``\\n``, also across chunk boundaries."""
    after_cr = False
    for chunk in chunks:
        if not chunk:
            continue
        if after_cr and chunk.startswith("\n"):
            chunk = chunk[1:]  # second half of a \r\n already emitted as \n
        after_cr = chunk.endswith("\r")
        yield chunk.replace("\r\n", "\n").replace("\r", "\n")


def split_lines(chunks: Iterable[str]) -> Iterator[str]:
    """Yield lines ending in ``\\n`` (the last one may not) from text chunks."""
    pending: list[str] = []
    for chunk in chunks:
        pieces = chunk.split("\n")
        if len(pieces) == 1:
            pending.append(chunk)
            continue
        pending.append(pieces[0])
        yield "".join(pending) + "\n"
        for piece in pieces[1:-1]:
            yield piece + "\n"
        pending = [pieces[-1]] if pieces[-1] else []
    if pending:
        yield "".join(pending)
