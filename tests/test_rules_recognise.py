"""The recogniser's rules (geomap.recognise) on parses written out by hand and a
gazetteer of a few places held in memory: no model, no built gazetteer. The parses and
entity labels are the ones en_core_web_sm gives (or the mistakes it makes, where a rule
exists to undo them)."""

from __future__ import annotations

import zlib

from geomap.kb.names import normalize_name
from geomap.models import Entry, Mention, ParsedText, Piece, Role
from geomap.recognise import Recogniser, _trim, _without_overlaps

from docs import make_doc
from parses import tehran_says_strikes_in_syria


def entry(name: str, feature: str, population: int = 0, source: str = "") -> Entry:
    return Entry(
        id=zlib.crc32(name.encode()), source=source or f"geonames:{name}", name=name,
        feature=feature, lat=0.0, lon=0.0, population=population,
    )  # fmt: skip


class Gazetteer:
    """Places by name, looked up by normalised name as the real gazetteer does."""

    def __init__(self, *names: tuple[str, Entry, str]):
        self.rows: dict[str, list[tuple[Entry, str]]] = {}
        for name, place, kind in names:
            self.rows.setdefault(normalize_name(name), []).append((place, kind))

    def contains(self, key: str) -> bool:
        return key in self.rows

    def lookup(self, name: str, limit: int = 20) -> list[tuple[Entry, str]]:
        return self.rows.get(normalize_name(name), [])[:limit]


KIRKUK = entry("Kirkuk", "city", 1_000_000)
SYRIA, IRAN, IRAQ = (entry(n, "country", 20_000_000) for n in ("Syria", "Iran", "Iraq"))
TEHRAN = entry("Tehran", "city", 8_000_000)
K1_CURATED = entry("K-1 Air Base", "military_base", source="curated:facilities:k1-air-base")
K1_GEONAMES = entry("K-1 Air Base", "military_base", source="geonames:1")


def found(gazetteer: Gazetteer, doc) -> list[tuple[str, str, str]]:
    """(text, role, origin) of the mentions the recogniser finds in ``doc``."""
    parsed = ParsedText(doc.text, (Piece(0, doc),))
    mentions = Recogniser(gazetteer, stoplist=()).recognise(parsed)
    for m in mentions:
        assert doc.text[m.start : m.end] == m.text
    return [(m.text, m.role, m.origin) for m in mentions]


def k1_base_in_kirkuk():
    # "A rocket attack on K-1 base in Kirkuk killed a contractor." ("K-1" tagged PERSON)
    return make_doc(
        ("A",          "a",          "DET",   "DT",  "det",      2),
        ("rocket",     "rocket",     "NOUN",  "NN",  "compound", 2),
        ("attack",     "attack",     "NOUN",  "NN",  "nsubj",    8),
        ("on",         "on",         "ADP",   "IN",  "prep",     2),
        ("K-1",        "K-1",        "PROPN", "NNP", "compound", 5),
        ("base",       "base",       "NOUN",  "NN",  "pobj",     3),
        ("in",         "in",         "ADP",   "IN",  "prep",     5),
        ("Kirkuk",     "Kirkuk",     "PROPN", "NNP", "pobj",     6),
        ("killed",     "kill",       "VERB",  "VBD", "ROOT",     8),
        ("a",          "a",          "DET",   "DT",  "det",      10),
        ("contractor", "contractor", "NOUN",  "NN",  "dobj",     8),
        (".",          ".",          "PUNCT", ".",   "punct",    8),
        ents=[(4, 5, "PERSON"), (7, 8, "GPE")],
    )  # fmt: skip


def test_a_curated_name_wins_over_a_mislabelled_entity_inside_it():
    doc = k1_base_in_kirkuk()
    curated = Gazetteer(("K-1 base", K1_CURATED, "name"), ("Kirkuk", KIRKUK, "name"))
    assert found(curated, doc) == [
        ("K-1 base", Role.PLACE, "gazetteer"),
        ("Kirkuk", Role.PLACE, "ner"),
    ]
    # a name from GeoNames does not overrule the model's entity
    geonames = Gazetteer(("K-1 base", K1_GEONAMES, "name"), ("Kirkuk", KIRKUK, "name"))
    assert found(geonames, doc) == [("Kirkuk", Role.PLACE, "ner")]


def test_a_country_or_capital_that_speaks_is_a_metonym():
    says = tehran_says_strikes_in_syria()
    # "Iran's foreign ministry condemned the strikes."
    ministry = make_doc(
        ("Iran",      "Iran",     "PROPN", "NNP", "poss",  3),
        ("'s",        "'s",       "PART",  "POS", "case",  0),
        ("foreign",   "foreign",  "ADJ",   "JJ",  "amod",  3),
        ("ministry",  "ministry", "NOUN",  "NN",  "nsubj", 4),
        ("condemned", "condemn",  "VERB",  "VBD", "ROOT",  4),
        ("the",       "the",      "DET",   "DT",  "det",   6),
        ("strikes",   "strike",   "NOUN",  "NNS", "dobj",  4),
        (".",         ".",        "PUNCT", ".",   "punct", 4),
        ents=[(0, 1, "GPE")],
    )  # fmt: skip
    gazetteer = Gazetteer(("Tehran", TEHRAN, "name"), ("Syria", SYRIA, "name"),
                          ("Iran", IRAN, "name"))  # fmt: skip
    assert found(gazetteer, says) == [
        ("Tehran", Role.METONYM, "ner"),
        ("Syria", Role.PLACE, "ner"),
    ]
    assert found(gazetteer, ministry) == [("Iran", Role.METONYM, "ner")]


def test_a_demonym_stands_for_its_country_a_country_named_like_one_is_a_place():
    # "Iraqis marched in the Philippines."
    doc = make_doc(
        ("Iraqis",      "Iraqis",      "PROPN", "NNPS", "nsubj", 1),
        ("marched",     "march",       "VERB",  "VBD",  "ROOT",  1),
        ("in",          "in",          "ADP",   "IN",   "prep",  1),
        ("the",         "the",         "DET",   "DT",   "det",   4),
        ("Philippines", "Philippines", "PROPN", "NNPS", "pobj",  2),
        (".",           ".",           "PUNCT", ".",    "punct", 1),
        ents=[(0, 1, "NORP"), (4, 5, "GPE")],
    )  # fmt: skip
    philippines = entry("Philippines", "country", 100_000_000)
    gazetteer = Gazetteer(("Iraqi", IRAQ, "demonym"), ("Philippines", philippines, "name"),
                          ("Philippine", philippines, "demonym"))  # fmt: skip
    assert found(gazetteer, doc) == [
        ("Iraqis", Role.DEMONYM, "ner"),  # the plural of a demonym the gazetteer knows
        ("Philippines", Role.PLACE, "ner"),  # a name, though "Philippine" is a demonym
    ]


def test_an_unknown_place_entity_needs_a_word_that_makes_it_a_place():
    # "Ebola spread in Zuqertaba." with both names tagged GPE
    doc = make_doc(
        ("Ebola",     "Ebola",     "PROPN", "NNP", "nsubj", 1),
        ("spread",    "spread",    "VERB",  "VBD", "ROOT",  1),
        ("in",        "in",        "ADP",   "IN",  "prep",  1),
        ("Zuqertaba", "Zuqertaba", "PROPN", "NNP", "pobj",  2),
        (".",         ".",         "PUNCT", ".",   "punct", 1),
        ents=[(0, 1, "GPE"), (3, 4, "GPE")],
    )  # fmt: skip
    assert found(Gazetteer(), doc) == [("Zuqertaba", Role.PLACE, "ner")]


def marched(*rows: tuple[str, str, str, str, str, int]):
    # "Protesters marched <rows>."
    return make_doc(
        ("Protesters", "protester", "NOUN",  "NNS", "nsubj", 1),
        ("marched",    "march",     "VERB",  "VBD", "ROOT",  1),
        *rows,
        (".",          ".",         "PUNCT", ".",   "punct", 1),
    )  # fmt: skip


def test_a_town_before_a_street_word_names_the_street():
    oxford = Gazetteer(("Oxford", entry("Oxford", "city", 150_000), "name"))
    street = marched(
        ("down",   "down",   "ADP",   "RP",  "prt",      1),
        ("Oxford", "Oxford", "PROPN", "NNP", "compound", 4),
        ("Street", "Street", "PROPN", "NNP", "npadvmod", 1),
    )  # fmt: skip
    town = marched(
        ("in",     "in",     "ADP",   "IN",  "prep", 1),
        ("Oxford", "Oxford", "PROPN", "NNP", "pobj", 2),
    )  # fmt: skip
    assert found(oxford, street) == []
    assert found(oxford, town) == [("Oxford", Role.PLACE, "gazetteer")]


def test_a_lone_capitalised_word_is_a_place_only_when_it_is_salient():
    small = Gazetteer(("Oxford", entry("Oxford", "city", 20_000), "name"))
    town = marched(
        ("in",     "in",     "ADP",   "IN",  "prep", 1),
        ("Oxford", "Oxford", "PROPN", "NNP", "pobj", 2),
    )  # fmt: skip
    assert found(small, town) == []


def test_the_longest_name_the_gazetteer_knows_is_taken():
    # "Tankers crossed the Gulf of Oman."
    doc = make_doc(
        ("Tankers", "tanker", "NOUN",  "NNS", "nsubj", 1),
        ("crossed", "cross",  "VERB",  "VBD", "ROOT",  1),
        ("the",     "the",    "DET",   "DT",  "det",   3),
        ("Gulf",    "Gulf",   "PROPN", "NNP", "dobj",  1),
        ("of",      "of",     "ADP",   "IN",  "prep",  3),
        ("Oman",    "Oman",   "PROPN", "NNP", "pobj",  4),
        (".",       ".",      "PUNCT", ".",   "punct", 1),
    )  # fmt: skip
    gazetteer = Gazetteer(
        ("Gulf of Oman", entry("Gulf of Oman", "gulf"), "name"),
        ("Oman", entry("Oman", "country", 5_000_000), "name"),
        ("Gulf", entry("Persian Gulf", "gulf"), "alt"),  # "the Gulf"
    )
    assert found(gazetteer, doc) == [("Gulf of Oman", Role.PLACE, "gazetteer")]


def aleppo_university(population: int):
    # "Students at Aleppo University marched." ("Aleppo University" tagged ORG)
    doc = make_doc(
        ("Students",   "student",    "NOUN",  "NNS", "nsubj",    4),
        ("at",         "at",         "ADP",   "IN",  "prep",     0),
        ("Aleppo",     "Aleppo",     "PROPN", "NNP", "compound", 3),
        ("University", "University", "PROPN", "NNP", "pobj",     1),
        ("marched",    "march",      "VERB",  "VBD", "ROOT",     4),
        (".",          ".",          "PUNCT", ".",   "punct",    4),
        ents=[(2, 4, "ORG")],
    )  # fmt: skip
    return doc, Gazetteer(("Aleppo", entry("Aleppo", "city", population), "name"))


def test_a_well_known_town_inside_an_organisations_name_is_embedded():
    doc, city = aleppo_university(1_800_000)
    assert found(city, doc) == [("Aleppo", Role.EMBEDDED, "gazetteer")]
    doc, village = aleppo_university(3_000)
    assert found(village, doc) == []


def test_hashtags_that_name_towns_or_countries_are_places():
    # "#Ferguson #SouthSudan #love"
    doc = make_doc(
        ("#",          "#",          "SYM",   "$",   "nmod",  1),
        ("Ferguson",   "Ferguson",   "PROPN", "NNP", "nmod",  5),
        ("#",          "#",          "SYM",   "$",   "nmod",  3),
        ("SouthSudan", "SouthSudan", "PROPN", "NNP", "appos", 1),
        ("#",          "#",          "SYM",   "$",   "punct", 5),
        ("love",       "love",       "NOUN",  "NN",  "ROOT",  5),
        spaces=[False, True, False, True, False, False],
    )  # fmt: skip
    assert doc.text == "#Ferguson #SouthSudan #love"
    gazetteer = Gazetteer(
        ("Ferguson", entry("Ferguson", "city", 21_000), "name"),  # too small as a plain word
        ("South Sudan", entry("South Sudan", "country", 11_000_000), "name"),
        ("Love", entry("Love", "city", 500), "name"),
    )
    assert found(gazetteer, doc) == [
        ("Ferguson", Role.PLACE, "hashtag"),
        ("SouthSudan", Role.PLACE, "hashtag"),
    ]


def test_a_persons_surname_is_no_place_unless_a_major_place_bears_it():
    # "Andrew Trapani is a producer. Trapani said so." (the second tagged GPE)
    trapani = make_doc(
        ("Andrew",   "Andrew",   "PROPN", "NNP", "compound", 1),
        ("Trapani",  "Trapani",  "PROPN", "NNP", "nsubj",    2),
        ("is",       "be",       "AUX",   "VBZ", "ROOT",     2),
        ("a",        "a",        "DET",   "DT",  "det",      4),
        ("producer", "producer", "NOUN",  "NN",  "attr",     2),
        (".",        ".",        "PUNCT", ".",   "punct",    2),
        ("Trapani",  "Trapani",  "PROPN", "NNP", "nsubj",    7),
        ("said",     "say",      "VERB",  "VBD", "ROOT",     7),
        ("so",       "so",       "ADV",   "RB",  "advmod",   7),
        (".",        ".",        "PUNCT", ".",   "punct",    7),
        ents=[(0, 2, "PERSON"), (6, 7, "GPE")],
    )  # fmt: skip
    # "Michael Jordan visited Jordan."
    jordan = make_doc(
        ("Michael", "Michael", "PROPN", "NNP", "compound", 1),
        ("Jordan",  "Jordan",  "PROPN", "NNP", "nsubj",    2),
        ("visited", "visit",   "VERB",  "VBD", "ROOT",     2),
        ("Jordan",  "Jordan",  "PROPN", "NNP", "dobj",     2),
        (".",       ".",       "PUNCT", ".",   "punct",    2),
        ents=[(0, 2, "PERSON"), (3, 4, "GPE")],
    )  # fmt: skip
    gazetteer = Gazetteer(("Trapani", entry("Trapani", "city", 70_000), "name"),
                          ("Jordan", entry("Jordan", "country", 10_000_000), "name"))  # fmt: skip
    assert found(gazetteer, trapani) == []
    mentions = Recogniser(gazetteer, stoplist=()).recognise(
        ParsedText(jordan.text, (Piece(0, jordan),))
    )
    assert [(m.text, m.start) for m in mentions] == [("Jordan", jordan.text.rindex("Jordan"))]


def test_the_dateline_names_where_the_report_was_filed():
    gazetteer = Gazetteer(("Mosul", entry("Mosul", "city", 1_500_000), "name"),
                          ("Iraq", IRAQ, "name"))  # fmt: skip
    recogniser = Recogniser(gazetteer, stoplist=())
    text = "Talks stall\n\nMOSUL, Iraq (Reuters) - Gunmen attacked a checkpoint."
    assert [(m.text, m.start, m.role) for m in recogniser.dateline(text)] == [
        ("MOSUL", 13, Role.DATELINE),
        ("Iraq", 20, Role.DATELINE),
    ]
    assert recogniser.dateline("Officials Said - nothing happened.") == []


def test_an_entity_loses_its_article_and_possessive_but_not_an_abbreviations_period():
    # "the Gulf's waters near W.Va." as the tokenizer splits it
    doc = make_doc(
        ("the",    "the",   "DET",   "DT",  "det",   1),
        ("Gulf",   "Gulf",  "PROPN", "NNP", "poss",  3),
        ("'s",     "'s",    "PART",  "POS", "case",  1),
        ("waters", "water", "NOUN",  "NNS", "ROOT",  3),
        ("near",   "near",  "ADP",   "IN",  "prep",  3),
        ("W.Va",   "W.Va",  "PROPN", "NNP", "pobj",  4),
        (".",      ".",     "PUNCT", ".",   "punct", 3),
        spaces=[True, False, True, True, True, False, False],
    )  # fmt: skip
    assert doc.text == "the Gulf's waters near W.Va."
    assert _trim(doc[0:3]).text == "Gulf"
    assert _trim(doc[5:7]).text == "W.Va."
    assert _trim(doc[0:1]) is None


def test_of_overlapping_mentions_the_dateline_then_the_longer_wins():
    def m(start, end, role=Role.PLACE):
        return Mention(start, end, "x" * (end - start), "GPE", role)

    dateline, longer, shorter, apart = m(0, 5, Role.DATELINE), m(0, 12), m(6, 10), m(20, 25)
    assert _without_overlaps([longer, apart, dateline]) == [dateline, apart]
    assert _without_overlaps([shorter, longer, apart]) == [longer, apart]
    assert _without_overlaps([apart, shorter]) == [shorter, apart]  # text order
