"""Temporal expressions resolved against the publication date (geomap.incidents.dates)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest

from geomap.incidents.dates import EventDate, find_dates, header_date

MON = dt.date(2019, 12, 30)  # a Monday


def only(text: str, published: dt.date | None = MON, anchor: dt.date | None = None) -> EventDate:
    """The single expression found in ``text``."""
    found = find_dates(text, published, anchor)
    assert len(found) == 1, found
    return found[0]


def resolved(text: str, published: dt.date | None = MON, anchor: dt.date | None = None):
    """(text, date, precision) of every expression found."""
    return [(f.text, f.date, f.precision) for f in find_dates(text, published, anchor)]


@pytest.mark.parametrize(
    ("sentence", "expected", "date", "precision"),
    [
        # weekdays
        ("Militias fired rockets on Sunday.", "on Sunday", dt.date(2019, 12, 29), 1),
        ("Sunday evening a drone struck the depot.", "Sunday evening", dt.date(2019, 12, 29), 1),
        ("Two were hurt Tuesday night.", "Tuesday night", dt.date(2019, 12, 24), 1),
        ("Officials condemned Sunday's strikes.", "Sunday", dt.date(2019, 12, 29), 1),
        ("Protesters gathered on Monday.", "on Monday", MON, 1),
        ("The convoy was hit last Friday.", "last Friday", dt.date(2019, 12, 27), 1),
        ("A vote is due next Friday.", "next Friday", dt.date(2020, 1, 3), 1),
        # today, yesterday and friends
        ("Shelling resumed today.", "today", MON, 1),
        ("Police fired tear gas this morning.", "this morning", MON, 1),
        ("More rallies are planned tonight.", "tonight", MON, 1),
        ("A bomb went off yesterday.", "yesterday", dt.date(2019, 12, 29), 1),
        ("Gunfire was heard last night.", "last night", dt.date(2019, 12, 29), 1),
        (
            "They left the day before yesterday.",
            "the day before yesterday",
            dt.date(2019, 12, 28),
            1,
        ),
        ("Talks open tomorrow.", "tomorrow", dt.date(2019, 12, 31), 1),
        # month and day
        ("the December 27 rocket attack", "December 27", dt.date(2019, 12, 27), 1),
        ("On December 16 gunmen stormed a bus.", "On December 16", dt.date(2019, 12, 16), 1),
        ("Clashes broke out on 27 December.", "on 27 December", dt.date(2019, 12, 27), 1),
        ("The raid of Dec. 27 killed four.", "Dec. 27", dt.date(2019, 12, 27), 1),
        ("By December 27th the town had fallen.", "December 27th", dt.date(2019, 12, 27), 1),
        ("A curfew began on the 5th of May.", "on the 5th of May", dt.date(2019, 5, 5), 1),
        ("Troops left on March 3.", "on March 3", dt.date(2019, 3, 3), 1),
        ("A summit opens on 3 January.", "on 3 January", dt.date(2020, 1, 3), 1),
        ("It was signed on December 27, 2018.", "on December 27, 2018", dt.date(2018, 12, 27), 1),
        ("It was signed 27 Dec 2017 in Doha.", "27 Dec 2017", dt.date(2017, 12, 27), 1),
        # numeric dates
        ("The log is dated 2019-12-29.", "2019-12-29", dt.date(2019, 12, 29), 1),
        ("The log is dated 12/29/2019.", "12/29/2019", dt.date(2019, 12, 29), 1),
        # months
        ("Fighting escalated in August.", "August", dt.date(2019, 8, 1), 3),
        ("the September drone attacks", "September", dt.date(2019, 9, 1), 3),
        ("Protests have continued since March.", "March", dt.date(2019, 3, 1), 3),
        ("August's strikes hit oil fields.", "August", dt.date(2019, 8, 1), 3),
        ("The truce held until May.", "May", dt.date(2019, 5, 1), 3),
        ("The camp was built in May 2018.", "May 2018", dt.date(2018, 5, 1), 3),
        ("Refugees arrived in early June.", "early June", dt.date(2019, 6, 1), 2),
        ("Refugees arrived in mid-June.", "mid-June", dt.date(2019, 6, 11), 2),
        ("Refugees arrived in late June 2017.", "late June 2017", dt.date(2017, 6, 21), 2),
        # years and parts of years
        ("The group was founded in 2014.", "2014", dt.date(2014, 1, 1), 4),
        ("They defended the 2015 nuclear deal.", "2015", dt.date(2015, 1, 1), 4),
        ("The siege began in late 2017.", "late 2017", dt.date(2017, 9, 1), 4),
        ("Elections are expected in early 2018.", "early 2018", dt.date(2018, 1, 1), 4),
        ("Aid was cut by mid-2019.", "mid-2019", dt.date(2019, 5, 1), 4),
        # seasons
        ("Wildfires spread this summer.", "this summer", dt.date(2019, 6, 1), 4),
        ("Floods struck last spring.", "last spring", dt.date(2019, 3, 1), 4),
        ("The offensive began in the spring.", "spring", dt.date(2019, 3, 1), 4),
        ("The offensive began in summer 2016.", "summer 2016", dt.date(2016, 6, 1), 4),
        ("The offensive began in the autumn of 2015.", "autumn of 2015", dt.date(2015, 9, 1), 4),
        ("Roads were closed last fall.", "last fall", dt.date(2019, 9, 1), 4),
        # spans relative to publication
        ("Three towns fell last week.", "last week", dt.date(2019, 12, 23), 2),
        ("Talks stalled earlier this week.", "earlier this week", MON, 2),
        ("Prices rose last month.", "last month", dt.date(2019, 11, 1), 3),
        ("Prices rose earlier this month.", "earlier this month", dt.date(2019, 12, 1), 3),
        ("Prices rose last year.", "last year", dt.date(2018, 1, 1), 4),
        ("Prices rose earlier this year.", "earlier this year", dt.date(2019, 1, 1), 4),
        ("He was freed two days ago.", "two days ago", dt.date(2019, 12, 28), 1),
        ("He was freed 3 weeks ago.", "3 weeks ago", dt.date(2019, 12, 9), 2),
        ("He was freed six months ago.", "six months ago", dt.date(2019, 6, 1), 3),
        ("He was freed a year ago.", "a year ago", dt.date(2018, 1, 1), 4),
    ],
)
def test_expression_resolves(sentence, expected, date, precision):
    found = only(sentence)
    assert (found.text, found.date, found.precision) == (expected, date, precision)
    assert sentence[found.start : found.end] == expected


@pytest.mark.parametrize(
    ("sentence", "anchor", "date", "precision"),
    [
        ("Six months later the camp was rebuilt.", dt.date(2018, 5, 1), dt.date(2018, 11, 1), 3),
        ("Two days later the town fell.", dt.date(2019, 12, 20), dt.date(2019, 12, 22), 1),
        ("The next day the army withdrew.", dt.date(2019, 12, 20), dt.date(2019, 12, 21), 1),
        ("The following week talks began.", dt.date(2019, 12, 2), dt.date(2019, 12, 9), 2),
        ("A year later he was freed.", dt.date(2016, 3, 1), dt.date(2017, 3, 1), 4),
        ("Three weeks after, aid arrived.", dt.date(2019, 1, 1), dt.date(2019, 1, 22), 2),
        ("Two days earlier a drone had struck.", dt.date(2019, 12, 20), dt.date(2019, 12, 18), 1),
        (
            "An hour later, on the same day, police left.",
            dt.date(2019, 5, 5),
            dt.date(2019, 5, 5),
            1,
        ),
    ],
)
def test_relative_to_anchor(sentence, anchor, date, precision):
    found = only(sentence, MON, anchor)
    assert (found.date, found.precision) == (date, precision)


def test_anchor_defaults_to_publication():
    assert resolved("The next day the army withdrew.") == [
        ("The next day", dt.date(2019, 12, 31), 1)
    ]


def test_earlier_expression_anchors_later_ones():
    text = "The camp was built in May 2018 and six months later it was shelled."
    assert resolved(text) == [
        ("May 2018", dt.date(2018, 5, 1), 3),
        ("six months later", dt.date(2018, 11, 1), 3),
    ]


def test_several_expressions_in_text_order():
    text = "On Sunday, two days after the December 27 rocket attack, the US struck back."
    assert resolved(text) == [
        ("On Sunday", dt.date(2019, 12, 29), 1),
        ("two days after", dt.date(2019, 12, 31), 1),
        ("December 27", dt.date(2019, 12, 27), 1),
    ]


@pytest.mark.parametrize(
    ("sentence", "published", "date"),
    [
        ("A rocket hit the base on December 27.", dt.date(2020, 1, 5), dt.date(2019, 12, 27)),
        ("A rocket hit the base on December 27.", dt.date(2019, 12, 20), dt.date(2019, 12, 27)),
        ("A rocket hit the base on March 27.", dt.date(2019, 2, 1), dt.date(2018, 3, 27)),
        ("Talks begin on January 4.", dt.date(2019, 12, 28), dt.date(2020, 1, 4)),
        ("Clashes began in November.", dt.date(2020, 1, 5), dt.date(2019, 11, 1)),
        ("Clashes began in January.", dt.date(2020, 1, 5), dt.date(2020, 1, 1)),
        ("Snow fell this winter.", dt.date(2020, 1, 15), dt.date(2019, 12, 1)),
        ("Snow fell last winter.", dt.date(2019, 7, 15), dt.date(2018, 12, 1)),
        ("Floods came last summer.", dt.date(2019, 7, 15), dt.date(2018, 6, 1)),
        ("It rained last week.", dt.date(2020, 1, 1), dt.date(2019, 12, 23)),
        ("It rained last month.", dt.date(2020, 1, 20), dt.date(2019, 12, 1)),
        ("It rained on Friday.", dt.date(2020, 1, 2), dt.date(2019, 12, 27)),
    ],
)
def test_year_chosen_around_publication(sentence, published, date):
    assert only(sentence, published).date == date


@pytest.mark.parametrize(
    ("sentence", "published", "expected", "date"),
    [
        ("THE MASS KIDNAPPING TOOK PLACE ON 30 DECEMBER", dt.date(1990, 1, 3), "ON 30 DECEMBER",
         dt.date(1989, 12, 30)),
        ("GUERRILLAS ATTACKED THE BARRACKS YESTERDAY", dt.date(1990, 1, 3), "YESTERDAY",
         dt.date(1990, 1, 2)),
        ("THE OFFENSIVE BEGAN IN MAY", dt.date(1990, 1, 3), "MAY", dt.date(1989, 5, 1)),
        ("ON 3 JAN 90, TROOPS ENTERED THE CAPITAL", None, "ON 3 JAN 90", dt.date(1990, 1, 3)),
        ("ON 3 JAN 90 TROOPS ENTERED THE CAPITAL", None, "ON 3 JAN", None),
    ],
)  # fmt: skip
def test_all_caps_text(sentence, published, expected, date):
    found = only(sentence, published)
    assert (found.text, found.date) == (expected, date)


@pytest.mark.parametrize(
    "sentence",
    [
        "They may strike again.",
        "Thousands joined a protest march through the capital.",
        "Theresa May said the talks were over.",
        "THEY MAY STRIKE AGAIN AT ANY TIME.",
        "Attacks have increased recently.",
        "Attacks have increased in recent weeks.",
        "Attacks have increased in the last two months.",
        "Attacks have increased in recent years.",
        "Attacks peaked in the last week of fighting.",
        "About 2000 people fled, more than 2015 were arrested.",
        "The fall of Mosul shocked the region.",
        "Children attended a summer camp.",
        "The blast happened at 3 pm near the market.",
    ],
)
def test_no_date_found(sentence):
    assert find_dates(sentence, MON) == []


@pytest.mark.parametrize(
    ("sentence", "expected", "precision"),
    [
        ("Rockets fell on Sunday.", "on Sunday", 1),
        ("A truck bomb exploded December 27.", "December 27", 1),
        ("Clashes spread in August.", "August", 3),
        ("Wildfires spread this summer.", "this summer", 4),
        ("Prices rose last month.", "last month", 3),
        ("He was freed two days ago.", "two days ago", 1),
        ("The next day police withdrew.", "The next day", 1),
    ],
)
def test_without_publication_date_year_is_never_invented(sentence, expected, precision):
    found = only(sentence, None)
    assert (found.text, found.date, found.precision) == (expected, None, precision)


@pytest.mark.parametrize(
    ("sentence", "date", "precision"),
    [
        ("The camp was built in May 2018.", dt.date(2018, 5, 1), 3),
        ("The siege began in late 2017.", dt.date(2017, 9, 1), 4),
        ("It was signed on December 27, 2019.", dt.date(2019, 12, 27), 1),
        ("The offensive began in summer 2016.", dt.date(2016, 6, 1), 4),
        ("The group was founded in 2014.", dt.date(2014, 1, 1), 4),
    ],
)
def test_without_publication_date_explicit_years_resolve(sentence, date, precision):
    found = only(sentence, None)
    assert (found.date, found.precision, found.explicit_year) == (date, precision, True)


def test_relative_to_given_anchor_without_publication():
    found = only("Six months later the camp was rebuilt.", None, dt.date(2018, 5, 1))
    assert (found.date, found.precision) == (dt.date(2018, 11, 1), 3)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rockets hit Sunday evening near the base.", "Sunday evening"),
        ("It was signed on December 27, 2019 in Doha.", "on December 27, 2019"),
        ("The siege began in late 2017.", "late 2017"),
        ("Aid stopped in late August 2019.", "late August 2019"),
        ("The log reads 2019-12-29.", "2019-12-29"),
    ],
)
def test_longest_expression_wins(sentence, expected):
    assert [f.text for f in find_dates(sentence, MON)] == [expected]


def test_explicit_year_flag():
    found = find_dates("On December 27, 2019 and on December 28 and in 2014.", MON)
    assert [f.explicit_year for f in found] == [True, False, True]


def test_years_from_until():
    assert resolved("from 2014 until 2016") == [
        ("2014", dt.date(2014, 1, 1), 4),
        ("2016", dt.date(2016, 1, 1), 4),
    ]


def test_event_date_is_frozen():
    found = only("on Sunday")
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.precision = 2  # type: ignore[misc]


SPAN_TEXTS = [
    "On Sunday evening, two days after the December 27 rocket attack, the US struck back.",
    "THE MASS KIDNAPPING TOOK PLACE ON 30 DECEMBER, YESTERDAY'S REPORT SAID.",
    "Since March, and in late 2017 and mid-2019, this summer and last week: 12/29/2019.",
    "In May 2018 the camp was built; six months later, the following week, it was shelled.",
]


@pytest.mark.parametrize("text", SPAN_TEXTS)
def test_offsets_slice_the_text(text):
    found = find_dates(text, MON)
    assert len(found) >= 2
    for item in found:
        assert text[item.start : item.end] == item.text
    spans = [(f.start, f.end) for f in found]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize(
    ("header", "date"),
    [
        ("SAN SALVADOR, 3 JAN 90 -- [TEXT] THE ARMY SAID TODAY", dt.date(1990, 1, 3)),
        ("Rebels seize town\nPublished: 14 May 2024\nBy staff", dt.date(2024, 5, 14)),
        ("Kabul blast kills 12\nMay 14, 2024\nA car bomb exploded", dt.date(2024, 5, 14)),
        ("2024-05-14T08:00 Reuters", dt.date(2024, 5, 14)),
        ("BAGHDAD, Dec. 30, 2019 — US strikes on Sunday killed", dt.date(2019, 12, 30)),
        ("Drone strikes hit bases on Sunday and in August.", None),
        ("Elections in 2014 changed little.", None),
        ("x" * 400 + " 14 May 2024", None),
    ],
)
def test_header_date(header, date):
    assert header_date(header) == date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bomb exploded on a Friday afternoon, at lunchtime.", []),  # no day in particular
        ("Markets close every Monday.", []),
        ("He spoke on the anniversary of Bloody Sunday.", []),  # a day's name
        ("The Good Friday agreement held.", []),
        ("Police were searching for the man behind a Friday blast.", [("Friday", 1)]),
        ("It happened on Friday, 21 July 1972, in the city.", [("21 July 1972", 1)]),
    ],
)
def test_weekdays_that_are_no_date_or_only_name_the_date_after_them(text, expected):
    found = find_dates(text, MON)
    assert [(f.text, f.precision) for f in found] == expected
