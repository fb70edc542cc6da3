"""Temporal expressions in news text, resolved against the publication date.

Every expression gets an ACLED-style time precision: 1 = the exact day, 2 = a span of
days up to about a week or ten days, 3 = a month, 4 = a season, a year or longer.
Dates are the first day of the period meant. A year is never invented: without a
publication date and without a year in the text, the date is ``None``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from geomap.lexicon.dates import (
    CAPITALISED_MONTHS,
    MONTH_ABBREVIATIONS,
    MONTH_CUES,
    MONTH_NAMES,
    MONTHS,
    MONTHS_AS_WORDS,
    SEASONS,
    WEEKDAYS,
)
from geomap.lexicon.numbers import NUMBER_WORDS

__all__ = ["EventDate", "find_dates", "header_date"]


@dataclass(frozen=True, slots=True)
class EventDate:
    """One temporal expression of a text and the period it refers to."""

    date: datetime.date | None
    precision: int
    text: str
    start: int
    end: int
    explicit_year: bool


# Number words that may count days, weeks, months or years ("two days ago", "a week later").
_NUMBERS = {"a": 1, "an": 1} | {word: n for word, n in NUMBER_WORDS.items() if 1 <= n <= 12}
# A day-month without a year may lie this far after publication (an announced event).
_SOON_AFTER = datetime.timedelta(days=14)
_UNIT_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 4}

_FULL = "|".join(MONTH_NAMES)
_ABBREVIATED = "|".join(MONTH_ABBREVIATIONS)
_ANY_MONTH = rf"(?P<month>(?:{_FULL})\b|(?:{_ABBREVIATED})\b\.?)"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"
_NUM = r"(?P<num>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an?)"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_I = re.IGNORECASE

_ISO_RE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?![\d-])")
_SLASH_RE = re.compile(r"\b(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d{2})\b")
_MONTH_DAY_RE = re.compile(rf"\b(?:on\s+)?{_ANY_MONTH}\s*{_DAY}(?:,?\s+(?P<year>\d{{4}})\b)?", _I)
_DAY_MONTH_RE = re.compile(
    rf"\b(?:on\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_ANY_MONTH}"
    r"(?:,?\s+(?P<year>\d{4}\b|\d{2}\b(?=\s*(?:[-–—,.:;(]|$))))?",
    _I,
)
_MONTH_RE = re.compile(
    r"(?:\b(?P<prep>(?!(?:early|late|mid|last|this|next)\b)[a-z]+)\s+)?(?:\b(?P<mod>early|late|mid|last|this|next)(?:\s+|-))?"
    rf"\b(?P<month>{_FULL})\b(?:,?\s+(?P<year>\d{{4}})\b)?",
    _I,
)
_WEEKDAY_RE = re.compile(
    rf"\b(?:(?P<cue>on|last|next|past|this)\s+)?(?P<wd>{'|'.join(WEEKDAYS)})\b"
    r"(?:\s+(?:morning|afternoon|evening|night)\b)?",
    _I,
)
_INDEFINITE_BEFORE_RE = re.compile(r"(?:\bon\s+(?:a|an|one)|\bevery|\beach|\bany)\s+$", _I)
_NAMED_DAY_RE = re.compile(
    r"\b(?:bloody|black|good|holy|ash|palm|easter|maundy|cyber|super|shrove)\s+$", _I
)
_MONTH_WORD = _ANY_MONTH.replace("?P<month>", "?:")
_DATE_AFTER_RE = re.compile(
    rf",?\s*(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_WORD}|{_MONTH_WORD}\s*\d)",
    _I,
)
_DAY_WORD_RE = re.compile(
    r"\b(?P<w>the\s+day\s+before\s+yesterday|today|tonight|this\s+(?:morning|afternoon|evening)"
    r"|last\s+night|(?:yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?)\b",
    _I,
)
_YEAR_PART_RE = re.compile(r"\b(?P<mod>early|mid|late)(?:\s+|-)(?P<year>\d{4})\b", _I)
_SEASON_RE = re.compile(
    r"(?:\b(?P<mod>this|last|next|past|early|late)\s+|\b(?P<the>the)\s+)?"
    rf"\b(?P<season>{'|'.join(SEASONS)})\b(?:\s+(?:of\s+)?(?P<year>\d{{4}})\b)?",
    _I,
)
_REL_SPAN_RE = re.compile(
    r"\b(?:(?:earlier|later)\s+)?(?<!the\s)(?P<rel>last|this|next)\s+(?P<unit>week|month|year)\b",
    _I,
)
_AGO_RE = re.compile(rf"\b{_NUM}\s+{_UNIT}\s+ago\b", _I)
_LATER_RE = re.compile(
    rf"\b{_NUM}\s+{_UNIT}\s+(?P<dir>later|afterwards|after|earlier|before|prior)\b", _I
)
_THE_NEXT_RE = re.compile(
    r"\bthe\s+(?P<dir>next|following|previous|preceding|same)\s+"
    r"(?P<unit>day|morning|afternoon|evening|night|week|month|year)\b",
    _I,
)
_THE_UNIT_AFTER_RE = re.compile(
    r"\bthe\s+(?P<unit>day|week|month|year)\s+(?P<dir>after|before)\b", _I
)
_YEAR_RE = re.compile(r"\b(?P<year>19\d\d|20\d\d|2100)\b(?![.,]\d)")
_QUANTITY_BEFORE_RE = re.compile(
    r"(?:[$£€#]|\d[.,]|\b(?:about|around|some|nearly|over|than|least|almost|approximately"
    r"|roughly|estimated|up\s+to|only|just|no\.?))\s*$",
    _I,
)
_COUNT_NOUN_AFTER_RE = re.compile(
    r"\s*(?:%|percent|per\s+cent|\b(?:people|persons|civilians|troops|soldiers|fighters"
    r"|militants|rebels|refugees|migrants|families|residents|men|women|children|homes|houses"
    r"|dollars|euros|pounds|tonnes|tons|km|kilometres|kilometers|metres|meters|miles|hours"
    r"|hrs|gmt|utc)\b)",
    _I,
)

Day = datetime.date | None
Resolved = tuple[Day, int, bool]


def _two_digit_year(value: str) -> int:
    """Full year of a written year: 00-49 -> 20xx, 50-99 -> 19xx."""
    year = int(value)
    if len(value) == 2:
        year += 2000 if year < 50 else 1900
    return year


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` shifted by whole months, the day clamped to the target month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for dom in range(day.day, 27, -1):
        try:
            return datetime.date(year, month + 1, dom)
        except ValueError:
            continue
    return datetime.date(year, month + 1, min(day.day, 28))


def _shift(day: datetime.date, unit: str, amount: int) -> datetime.date:
    """``day`` moved by ``amount`` days, weeks, months or years."""
    if unit == "day":
        return day + datetime.timedelta(days=amount)
    if unit == "week":
        return day + datetime.timedelta(weeks=amount)
    return _add_months(day, amount * (12 if unit == "year" else 1))


def _valid(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _month_ok(m: re.Match[str], caps: bool, cue: str | None, has_number: bool) -> bool:
    """Whether a month word is really a month (not the verb "may" or "a march")."""
    word = m.group("month")
    if word.lower() in CAPITALISED_MONTHS and not caps and not word[0].isupper():
        return False
    if has_number or word.lower() not in MONTHS_AS_WORDS:
        return True
    cue = (cue or "").lower()
    return cue in MONTH_CUES and not (caps and cue == "this" and word.lower() == "may")


# -- acceptance: the span of a match, or None when it is not a date -------------------------


def _accept_whole(m: re.Match[str], text: str, caps: bool) -> tuple[int, int] | None:
    return m.span()


def _accept_weekday(m: re.Match[str], text: str, caps: bool) -> tuple[int, int] | None:
    """A weekday, but not "on a Friday afternoon" or "every Monday" (no day in
    particular), nor one that only names the weekday of the date after it ("Friday, 21
    July 1972")."""
    before = text[: m.start()]
    if _INDEFINITE_BEFORE_RE.search(before) or _DATE_AFTER_RE.match(text, m.end()):
        return None
    if _NAMED_DAY_RE.search(before):
        return None  # "Bloody Friday", "Good Friday": a day's name, not a date
    return m.span()


def _numeric_month_day(m: re.Match[str]) -> tuple[int, int]:
    """Month and day of "2019-12-29" or "12/29/2019" (a day-first "29/12/2019" too)."""
    month, day = int(m.group("month")), int(m.group("day"))
    if month > 12 and "/" in m.group(0):
        month, day = day, month
    return month, day


def _accept_numeric(m: re.Match[str], text: str, caps: bool) -> tuple[int, int] | None:
    month, day = _numeric_month_day(m)
    return m.span() if _valid(_two_digit_year(m.group("year")), month, day) else None


def _accept_month_day(m: re.Match[str], text: str, caps: bool) -> tuple[int, int] | None:
    month = MONTHS[m.group("month").lower().rstrip(".")]
    year = _two_digit_year(m.group("year")) if m.group("year") else 2000
    if not _valid(year, month, int(m.group("day"))) or not _month_ok(m, caps, None, True):
        return None
    return m.span()


def _accept_month(m: re.Match[str], text: str, caps: bool) -> tuple[int, int] | None:
    cue = m.group("mod") or m.group("prep")
    if not _month_ok(m, caps, cue, m.group("year") is not None):
        return None
    return (m.start("mod") if m.group("mod") else m.start("month")), m.end()


def _accept_season(m: re.Match[str], text: str, caps: bool) -> tuple[int, int] | None:
    if m.group("year") is None:
        if m.group("mod") is None and m.group("the") is None:
            return None  # a bare "summer camp" or "spring" the verb
        if m.group("season").lower() == "fall" and m.group("mod") is None:
            return None  # "the fall of Mosul"
    return (m.start("mod") if m.group("mod") else m.start("season")), m.end()


def _accept_year(m: re.Match[str], text: str, caps: bool) -> tuple[int, int] | None:
    before = text[max(0, m.start() - 30) : m.start()]
    if _QUANTITY_BEFORE_RE.search(before) or _COUNT_NOUN_AFTER_RE.match(text, m.end()):
        return None  # "about 2000 people", "$2015"
    return m.span()


# -- resolution ----------------------------------------------------------------------------


def _resolve_numeric(m: re.Match[str], pub: Day, anc: Day) -> Resolved:
    month, day = _numeric_month_day(m)
    return datetime.date(_two_digit_year(m.group("year")), month, day), 1, True


def _resolve_month_day(m: re.Match[str], pub: Day, anc: Day) -> Resolved:
    month, day = MONTHS[m.group("month").lower().rstrip(".")], int(m.group("day"))
    if m.group("year"):
        return datetime.date(_two_digit_year(m.group("year")), month, day), 1, True
    if pub is None:
        return None, 1, False
    latest = pub + _SOON_AFTER
    for year in (pub.year + 1, pub.year, pub.year - 1):
        if _valid(year, month, day) and datetime.date(year, month, day) <= latest:
            return datetime.date(year, month, day), 1, False
    return None, 1, False


def _resolve_month(m: re.Match[str], pub: Day, anc: Day) -> Resolved:
    month = MONTHS[m.group("month").lower()]
    mod = (m.group("mod") or "").lower()
    first_day, precision = {"early": (1, 2), "mid": (11, 2), "late": (21, 2)}.get(mod, (1, 3))
    if m.group("year"):
        return datetime.date(int(m.group("year")), month, first_day), precision, True
    if pub is None:
        return None, precision, False
    year = pub.year
    if mod == "next":
        year += month <= pub.month
    elif mod == "last":
        year -= month >= pub.month
    elif mod != "this":
        year -= month > pub.month
    return datetime.date(year, month, first_day), precision, False


def _resolve_weekday(m: re.Match[str], pub: Day, anc: Day) -> Resolved:
    if pub is None:
        return None, 1, False
    wanted = WEEKDAYS.index(m.group("wd").lower())
    cue = (m.group("cue") or "").lower()
    if cue == "next":
        return pub + datetime.timedelta((wanted - pub.weekday()) % 7 or 7), 1, False
    back = (pub.weekday() - wanted) % 7
    if back == 0 and cue in ("last", "past"):
        back = 7
    return pub - datetime.timedelta(back), 1, False


def _resolve_day_word(m: re.Match[str], pub: Day, anc: Day) -> Resolved:
    if pub is None:
        return None, 1, False
    word = m.group("w").lower()
    offset = -2 if "before" in word else -1 if word.startswith(("yesterday", "last")) else 0
    offset = 1 if word.startswith("tomorrow") else offset
    return pub + datetime.timedelta(offset), 1, False


def _resolve_year_part(m: re.Match[str], pub: Day, anc: Day) -> Resolved:
    month = {"early": 1, "mid": 5, "late": 9}[m.group("mod").lower()]
    return datetime.date(int(m.group("year")), month, 1), 4, True


def _resolve_season(m: re.Match[str], pub: Day, anc: Day) -> Resolved:
    month = SEASONS[m.group("season").lower()]
    if m.group("year"):
        return datetime.date(int(m.group("year")), month, 1), 4, True
    if pub is None:
        return None, 4, False
    mod = (m.group("mod") or "").lower()
    if mod == "next":
        start = datetime.date(pub.year, month, 1)
        return (start if start > pub else datetime.date(pub.year + 1, month, 1)), 4, False
    if mod in ("last", "past"):
        recent = next(
            d for d in (datetime.date(y, month, 1) for y in (pub.year, pub.year - 1)) if d <= pub
        )
        if pub < _add_months(recent, 3):  # still in it: "last" is the one before
            recent = datetime.date(recent.year - 1, month, 1)
        return recent, 4, False
    year = pub.year - (month == 12 and pub.month < 9)
    return datetime.date(year, month, 1), 4, False


def _resolve_rel_span(m: re.Match[str], pub: Day, anc: Day) -> Resolved:
    unit = m.group("unit").lower()
    if pub is None:
        return None, _UNIT_PRECISION[unit], False
    step = {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
    if unit == "week":
        start = pub - datetime.timedelta(pub.weekday())
    elif unit == "month":
        start = pub.replace(day=1)
    else:
        start = pub.replace(month=1, day=1)
    return _shift(start, unit, step), _UNIT_PRECISION[unit], False


def _resolve_year(m: re.Match[str], pub: Day, anc: Day) -> Resolved:
    return datetime.date(int(m.group("year")), 1, 1), 4, True


def _count(m: re.Match[str]) -> int:
    num = m.group("num").lower()
    return int(num) if num.isdigit() else _NUMBERS[num]


def _resolve_ago(m: re.Match[str], pub: Day, anc: Day) -> Resolved:
    unit = m.group("unit").lower()
    if pub is None:
        return None, _UNIT_PRECISION[unit], False
    day = _shift(pub, unit, -_count(m))
    if unit == "month":
        day = day.replace(day=1)
    elif unit == "year":
        day = day.replace(month=1, day=1)
    return day, _UNIT_PRECISION[unit], False


def _resolve_later(m: re.Match[str], pub: Day, anc: Day) -> Resolved:
    unit = m.group("unit").lower()
    sign = 1 if m.group("dir").lower() in ("later", "afterwards", "after") else -1
    day = None if anc is None else _shift(anc, unit, sign * _count(m))
    return day, _UNIT_PRECISION[unit], False


def _resolve_the_next(m: re.Match[str], pub: Day, anc: Day) -> Resolved:
    unit = m.group("unit").lower()
    unit = unit if unit in _UNIT_PRECISION else "day"  # "the next morning"
    step = {"same": 0, "previous": -1, "preceding": -1, "before": -1}.get(m.group("dir").lower(), 1)
    day = None if anc is None else _shift(anc, unit, step)
    return day, _UNIT_PRECISION[unit], False


Acceptor = Callable[[re.Match[str], str, bool], tuple[int, int] | None]
Resolver = Callable[[re.Match[str], Day, Day], Resolved]

# Order matters only for ties (same span length and start).
_RULES: list[tuple[re.Pattern[str], Acceptor, Resolver]] = [
    (_ISO_RE, _accept_numeric, _resolve_numeric),
    (_SLASH_RE, _accept_numeric, _resolve_numeric),
    (_MONTH_DAY_RE, _accept_month_day, _resolve_month_day),
    (_DAY_MONTH_RE, _accept_month_day, _resolve_month_day),
    (_YEAR_PART_RE, _accept_whole, _resolve_year_part),
    (_MONTH_RE, _accept_month, _resolve_month),
    (_WEEKDAY_RE, _accept_weekday, _resolve_weekday),
    (_DAY_WORD_RE, _accept_whole, _resolve_day_word),
    (_SEASON_RE, _accept_season, _resolve_season),
    (_REL_SPAN_RE, _accept_whole, _resolve_rel_span),
    (_AGO_RE, _accept_whole, _resolve_ago),
    (_LATER_RE, _accept_whole, _resolve_later),
    (_THE_NEXT_RE, _accept_whole, _resolve_the_next),
    (_THE_UNIT_AFTER_RE, _accept_whole, _resolve_the_next),
    (_YEAR_RE, _accept_year, _resolve_year),
]


def _is_caps(text: str) -> bool:
    """Whether the text is written in capitals only (old wire copy)."""
    return any(c.isalpha() for c in text) and not any(c.islower() for c in text)


def find_dates(
    text: str, published: datetime.date | None, anchor: datetime.date | None = None
) -> list[EventDate]:
    """Every temporal expression in ``text``, in text order, resolved.

    ``published`` anchors expressions relative to now ("yesterday", "last week");
    ``anchor`` (default: ``published``) anchors "two days later", "the next day". Each
    resolved expression becomes the anchor for the ones after it.
    """
    caps = _is_caps(text)
    found: list[tuple[int, int, int, re.Match[str], Resolver]] = []
    for order, (pattern, accept, resolve) in enumerate(_RULES):
        for m in pattern.finditer(text):
            span = accept(m, text, caps)
            if span is not None:
                found.append((span[0], span[1], order, m, resolve))
    chosen: list[tuple[int, int, int, re.Match[str], Resolver]] = []
    for cand in sorted(found, key=lambda c: (c[0] - c[1], c[0], c[2])):  # longest first
        if all(cand[1] <= c[0] or cand[0] >= c[1] for c in chosen):
            chosen.append(cand)
    current = anchor if anchor is not None else published
    results = []
    for start, end, _, m, resolve in sorted(chosen, key=lambda c: c[0]):
        day, precision, explicit = resolve(m, published, current)
        results.append(EventDate(day, precision, text[start:end], start, end, explicit))
        current = day if day is not None else current
    return results


def header_date(text: str) -> datetime.date | None:
    """The publication date stated in an article's header (its first ~300 characters).

    Takes the first exact date with a written year: a dateline "SAN SALVADOR, 3 JAN 90 --",
    "Published: 14 May 2024", "May 14, 2024", "2024-05-14", "Dec. 30, 2019 —".
    """
    for found in find_dates(text[:300], None):
        if found.explicit_year and found.precision == 1 and found.date is not None:
            return found.date
    return None
