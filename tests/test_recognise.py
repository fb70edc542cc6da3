"""Recognition with the real spaCy model and the packaged gazetteer (tests marked
``model`` and ``gazetteer``); the rules on hand-built parses are in test_rules_recognise."""

from __future__ import annotations

import itertools

import pytest

from geomap.models import Role


@pytest.fixture
def mentions(pipeline):
    from geomap.nlp import read

    def find(text: str):
        [parsed] = read(pipeline.nlp, [text])
        return pipeline.recogniser.recognise(parsed)

    return find


def _by_text(found):
    return {m.text: m for m in found}


@pytest.mark.model
@pytest.mark.gazetteer
def test_dateline_with_region_and_agency(mentions):
    found = _by_text(mentions("MOSUL, Iraq (Reuters) - Gunmen attacked a checkpoint on Friday."))
    assert found["MOSUL"].role == Role.DATELINE
    assert found["Iraq"].role == Role.DATELINE


@pytest.mark.model
@pytest.mark.gazetteer
def test_dateline_after_a_headline(mentions):
    text = "Talks stall again\n\nErbil, Kurdistan Region — Officials met on Monday."
    found = _by_text(mentions(text))
    assert found["Erbil"].role == Role.DATELINE
    assert text[found["Erbil"].start : found["Erbil"].end] == "Erbil"


@pytest.mark.model
@pytest.mark.gazetteer
def test_no_dateline_without_a_known_place(mentions):
    found = mentions("Officials Said - nothing happened on Monday.")
    assert all(m.role != Role.DATELINE for m in found)


@pytest.mark.model
@pytest.mark.gazetteer
def test_gazetteer_name_wins_over_a_mislabelled_person(mentions):
    # en_core_web_sm tags "K-1" as PERSON; the curated table knows "K-1 base".
    found = _by_text(mentions("A rocket attack on K-1 base in Kirkuk killed a contractor."))
    assert "K-1 base" in found and found["K-1 base"].origin == "gazetteer"
    assert "Kirkuk" in found


@pytest.mark.model
@pytest.mark.gazetteer
def test_demonyms_are_mentions_of_their_country(mentions):
    found = _by_text(mentions("Iraqi troops and Kuwaiti officials met American diplomats."))
    for word in ("Iraqi", "Kuwaiti", "American"):
        assert found[word].role == Role.DEMONYM


@pytest.mark.model
@pytest.mark.gazetteer
def test_group_and_person_names_are_not_places(mentions):
    text = "Daesh fighters fled as Mark Esper met Jordan Peterson in Amman."
    found = _by_text(mentions(text))
    assert "Amman" in found
    assert not {"Daesh", "Jordan", "Mark Esper", "Jordan Peterson"} & set(found)


@pytest.mark.model
@pytest.mark.gazetteer
def test_governments_speaking_are_metonyms(mentions):
    found = _by_text(mentions("Tehran says the strikes were illegal, and Washington warned Iran."))
    assert found["Tehran"].role == Role.METONYM
    assert found["Washington"].role == Role.METONYM
    assert found["Iran"].role == Role.PLACE
    literal = _by_text(mentions("Rockets hit Tehran overnight."))
    assert literal["Tehran"].role == Role.PLACE


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_mislabelled_city_after_a_locative_word(mentions):
    found = _by_text(
        mentions("Clashes continued in Aleppo, and a ship docked at the port of Umm Qasr.")
    )
    assert {"Aleppo", "Umm Qasr"} <= set(found)


@pytest.mark.model
@pytest.mark.gazetteer
def test_longest_name_without_overlaps(mentions):
    found = mentions("Tankers crossed the Gulf of Oman and the Strait of Hormuz.")
    texts = [m.text for m in found]
    assert texts == ["Gulf of Oman", "Strait of Hormuz"]
    spans = sorted((m.start, m.end) for m in found)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


@pytest.mark.model
@pytest.mark.gazetteer
def test_state_abbreviations_need_their_period_or_a_town(mentions):
    found = _by_text(mentions("Police in Charleston, W.Va., and in Springfield, IL, said so."))
    assert {"W.Va.", "IL"} <= set(found)
    plain = {m.text for m in mentions("Miss Smith said it was OK to IN-clude everyone.")}
    assert not {"Miss", "OK", "IN"} & plain


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_name_read_as_a_place_once_is_read_so_everywhere(mentions):
    text = "Flooding hit Gainesville on Monday. Gainesville officials met Tuesday."
    found = [m for m in mentions(text) if m.text == "Gainesville"]
    assert len(found) == 2


@pytest.mark.model
@pytest.mark.gazetteer
def test_generic_direction_words_are_not_places(mentions):
    found = {m.text for m in mentions("West of the river, the Center said South winds rose.")}
    assert not {"West", "Center", "South"} & found


@pytest.mark.model
@pytest.mark.gazetteer
def test_places_inside_organisation_names_are_embedded(mentions):
    text = (
        "Students at Aleppo University marched, and the Texas Department of State Health "
        "Services said the University of Basra would help."
    )
    found = _by_text(mentions(text))
    for name in ("Aleppo", "Texas", "Basra"):
        assert found[name].role == Role.EMBEDDED, name
    assert "University" not in found


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_country_named_like_a_plural_demonym_is_a_place(mentions):
    found = _by_text(mentions("Six students in Ilocos Sur, Philippines tested positive."))
    assert found["Philippines"].role == Role.PLACE
    assert _by_text(mentions("Philippine troops arrived."))["Philippine"].role == Role.DEMONYM


@pytest.mark.model
@pytest.mark.gazetteer
def test_titles_before_a_name_are_not_state_abbreviations(mentions):
    found = _by_text(mentions("Ms. Moayyad moved to Jackson, Miss. in 1973 and climbed Mt. Hood."))
    assert "Ms." not in found and "Mt." not in found
    assert "Miss." in found


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_persons_surname_is_not_a_place_unless_the_text_says_so(mentions):
    text = "Andrew Trapani is a producer. Trapani said he grew up far away."
    assert "Trapani" not in _by_text(mentions(text))
    text = "Andrew Moore is a producer. He lives in Moore, a town in Oklahoma."
    assert _by_text(mentions(text))["Moore"].role == Role.PLACE
    text = "Michael Jordan visited Jordan last week."
    assert "Jordan" in _by_text(mentions(text))


@pytest.mark.model
@pytest.mark.gazetteer
def test_place_names_inside_disease_names_are_not_places(mentions):
    text = "West Nile virus and Lassa fever spread in Guinea; Ebola hemorrhagic fever too."
    found = _by_text(mentions(text))
    assert set(found) == {"Guinea"}


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_lone_town_name_tagged_as_a_person_is_a_place_unless_someone_bears_it(mentions):
    text = "Alexandria woman charged in connection with fire. Alexandria police said so."
    assert _by_text(mentions(text))["Alexandria"].role == Role.PLACE
    text = "Mary Lancaster sang on Sunday. Lancaster thanked the crowd."
    assert "Lancaster" not in _by_text(mentions(text))


@pytest.mark.model
@pytest.mark.gazetteer
def test_hashtags_that_name_places(mentions):
    found = _by_text(mentions("Police in riot gear. #Ferguson #SouthSudan #love #Peace"))
    assert set(found) == {"Ferguson", "SouthSudan"}


def test_a_text_written_a_paragraph_to_a_line_breaks_sentences_at_each_line():
    from geomap.nlp import lines_are_paragraphs

    one_per_line = "Bomb kills three in Kandahar\nA car bomb exploded on Sunday.\nPolice said so.\n"
    wrapped = (
        "A car bomb exploded outside the market in\nKandahar on Sunday, killing three\n"
        "people, police said.\n"
    )
    assert lines_are_paragraphs(one_per_line)
    assert not lines_are_paragraphs(wrapped)


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_headline_without_a_full_stop_is_its_own_sentence(nlp):
    doc = nlp("Bomb kills three in Kandahar\nA car bomb exploded outside a market on Sunday.")
    assert next(s.text.strip() for s in doc.sents) == "Bomb kills three in Kandahar"


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_town_before_a_street_word_names_the_street(mentions):
    found = mentions("The Oxford Street warning was heard at ten past two.")
    assert "Oxford" not in [m.text for m in found if m.role == Role.PLACE]


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_street_inside_a_facility_name_is_no_embedded_town(mentions):
    found = mentions("A bomb exploded at the Oxford Street bus station, killing six.")
    assert "Oxford" not in [m.text for m in found]


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_town_named_earlier_is_not_repeated_before_a_street_word(mentions):
    found = mentions(
        "Troops were sent to Oxford on Monday. Later the Oxford Street shops were closed."
    )
    oxfords = [m for m in found if m.text == "Oxford"]
    assert len(oxfords) == 1 and oxfords[0].start == 20
