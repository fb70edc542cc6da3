"""Numbers in words, vague amounts, and the words that make a number no head count."""

# Number words and their values.
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# Number words that multiply the one before them ("two dozen" is 24, "a dozen" 12).
MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
# ACLED's codes for counts given only in words: "several" and "many" are 10, "dozens" 12.
VAGUE_COUNTS = {
    "several": 10, "many": 10, "numerous": 10, "multiple": 10, "number": 10,
    "dozens": 12, "scores": 12, "hundreds": 100, "thousands": 1000,
    "few": 3, "handful": 3, "couple": 2,
}  # fmt: skip
# Words before a vague amount that make it no count ("as many as 40").
VAGUE_BLOCKERS = frozenset({"as", "how", "so", "too"})
# Words after a number that make it no head count: ages, years, percentages, measures.
NOT_A_COUNT_AFTER = frozenset(
    {"year", "years", "%", "percent", "per", "km", "kilometres", "kilometers", "miles",
     "metres", "meters", "hours", "minutes", "days", "weeks", "months", "am", "pm"}
)  # fmt: skip
# Modifiers that make a plural event word a count of many events ("repeated attacks").
AGGREGATE_MODIFIERS = {"repeated", "several", "numerous", "frequent", "increased", "more",
                       "many", "recurring", "regular", "additional", "such",
                       "sporadic", "daily", "nightly", "countless", "multiple"}  # fmt: skip
