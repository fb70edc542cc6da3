"""Publication dates written as ISO 8601 dates or datetimes."""

from __future__ import annotations

import re
from datetime import date, datetime

from geomap.errors import InputError

_DATE_PREFIX = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")


def parse_date(value: str) -> date:
    """Parse an ISO 8601 date or datetime string and return its date part.

    Accepts e.g. ``"2019-12-30"``, ``"2019-12-30T08:00:00Z"``, ``"2019-12-30 08:00+03:00"``
    and ``"2019-12-30T08:00:00 GMT"`` (a full date followed by a time).  The date is taken
    as written; no time-zone conversion is done.  Raises ``InputError`` otherwise.
    """
    if not isinstance(value, str):
        raise InputError(f"not an ISO date: {value!r} is not a string")
    text = value.strip()
    for parse in (date.fromisoformat, lambda s: datetime.fromisoformat(s).date()):
        try:
            return parse(text)
        except ValueError:
            pass
    match = _DATE_PREFIX.match(text)
    if match:
        try:
            return date.fromisoformat(match.group(1))
        except ValueError:
            pass
    raise InputError(f"not an ISO date or datetime: {value!r}")
