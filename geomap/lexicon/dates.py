"""Months, weekdays, seasons, and the words around dates and spans of time."""

from geomap.lexicon.grammar import TIME_PREPOSITIONS

# The months' names, in the year's order.
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")  # fmt: skip
# Abbreviations of the months' names, and the month each stands for.
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sept": 9,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Every word for a month, and the month's number.
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)} | MONTH_ABBREVIATIONS
# Months that are also common words: "they may strike", "a protest march".
MONTHS_AS_WORDS = frozenset({"may", "march"})
# Months that mixed-case text capitalises when it means the month ("in August").
CAPITALISED_MONTHS = MONTHS_AS_WORDS | {"august"}
# Months that no other word is spelled like: capitalised anywhere in re-cased text.
UNAMBIGUOUS_MONTHS = frozenset(MONTH_NAMES) - MONTHS_AS_WORDS
# Months that are also common words, and abbreviations: capitalised in re-cased text only
# next to a number ("30 MAY", "3 JAN 90").
MONTHS_NEAR_NUMBERS = MONTHS_AS_WORDS | frozenset(MONTH_ABBREVIATIONS)
# The days of the week, Monday first (the order of ``datetime.date.weekday``).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Seasons and the month each begins in (northern hemisphere).
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
# Words before "may" or "march" that make it the month ("in May", "since March").
MONTH_CUES = TIME_PREPOSITIONS | {
    "early", "late", "mid", "last", "this", "next", "before", "after", "through",
}  # fmt: skip
# Spans of time long enough that deaths counted over them are a statistic, not an event.
PERIOD_WORDS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "decade",
                "decades", "end"}  # fmt: skip
# Adverbials of repetition: "35 soldiers are killed every day".
HABITUAL_WORDS = {"every", "each", "per", "daily", "weekly", "monthly", "yearly",
                  "annually", "regularly", "routinely", "often", "frequently", "usually",
                  "commonplace", "common", "frequent", "regular", "typical"}  # fmt: skip
