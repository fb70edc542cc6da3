"""Restoring case to upper-case wire text (geomap.truecase).

The sample sentences are written for these tests in the style of old wire reports.
"""

from __future__ import annotations

import pytest

from geomap.truecase import gazetteer_test, is_shouting, truecase, truecase_if_shouting

DISPATCH = (
    "   SAN SALVADOR, 12 FEB 90 -- [REPORT] [TEXT] THE ARMY REPORTED THAT GUERRILLAS OF THE\n"
    "FMLN ATTACKED A PATROL NEAR APOPA ON MONDAY.  TWO SOLDIERS WERE WOUNDED AND TAKEN TO\n"
    "THE MILITARY HOSPITAL IN LA PAZ DEPARTMENT.\n\n"
    "   THE SOURCE ADDED THAT THE REBELS FLED TOWARD SAN LUIS DE LA REINA ON 30 DECEMBER."
)
SAMPLES = [
    DISPATCH,
    "LIMA, 9 MAR 91 -- I SAW THE POLICE ARREST TWO MEN.",
    "THE U.S. EMBASSY SAID AN M-16 RIFLE AND A 3RD GRENADE WERE FOUND AT 5 P.M.",
    "DON'T FORGET THE COUNTRY'S DEBT, SAID MR. O'HIGGINS OF THE ARCE BATTALION.",
    "STRASSE İSTANBUL ÆRØ ß -- ODD LETTERS MUST KEEP THEIR PLACES",
    "",
    "mixed Case text Already HERE.",
]
PLACES = {"san salvador", "la paz", "san luis de la reina", "apopa", "lima"}


def names(name: str) -> bool:
    return name in PLACES


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("is_name", [None, names])
def test_same_length_and_same_letters_up_to_case(text, is_name):
    out = truecase(text, is_name)
    assert len(out) == len(text)
    for before, after in zip(text, out, strict=True):
        assert before == after or before.lower() == after.lower() or before.upper() == after


def test_shouting_is_detected_on_upper_case_text_only():
    assert is_shouting(DISPATCH)
    assert is_shouting("THE ARMY REPORTED 12 DEAD IN THE CLASHES NEAR THE BORDER, Ok")
    assert not is_shouting("The army reported that guerrillas attacked a patrol near Apopa.")
    assert not is_shouting("THE ARMY REPORTED that guerrillas attacked a patrol near Apopa.")
    assert not is_shouting("FMLN ATTACKS")  # too few letters to tell
    assert not is_shouting("12 34 -- 56")


def test_sentence_and_paragraph_starts_are_capitalised():
    out = truecase(DISPATCH, names)
    assert out.startswith("   San Salvador, 12 Feb 90 -- [report] [text] The army reported")
    assert "on Monday.  Two soldiers were wounded" in out
    assert "\n\n   The source added that the rebels fled" in out


def test_common_words_are_lower_case():
    out = truecase(DISPATCH, names)
    for word in ("army", "reported", "guerrillas", "attacked", "patrol", "soldiers", "hospital"):
        assert f" {word} " in out or f" {word}\n" in out, word
    assert "The Army" not in out and "Military Hospital" not in out


def test_gazetteer_known_names_are_capitalised_with_lower_case_particles():
    out = truecase(DISPATCH, names)
    assert "near Apopa on Monday" in out
    assert "in La Paz department" in out
    assert "toward San Luis de la Reina on 30 December" in out


def test_dictionary_words_become_names_only_when_the_test_knows_them():
    text = "THE REBELS ATTACKED LIMA AND TURKEY YESTERDAY."
    assert truecase(text, names) == "The rebels attacked Lima and turkey yesterday."
    assert "Lima" not in truecase(text)  # "lima" is a bean to the dictionary


def test_unknown_words_are_names_without_any_gazetteer():
    out = truecase("TROOPS CLASHED WITH REBELS NEAR USULUTAN AND CHALATENANGO.")
    assert out == "Troops clashed with rebels near Usulutan and Chalatenango."


def test_acronyms_stay_upper_case():
    out = truecase(
        "THE FARABUNDO MARTI NATIONAL LIBERATION FRONT [FMLN] AND THE ARMED FORCES PRESS "
        "COMMITTEE [COPREFA] SAID FARC [REVOLUTIONARY ARMED FORCES OF COLOMBIA] AND "
        "THE FARC AGREED."
    )
    assert "[FMLN]" in out
    assert "[COPREFA]" in out
    assert out.count("FARC") == 2
    assert out.startswith("The Farabundo Marti National Liberation Front [FMLN]")


def test_i_dates_titles_units_and_numbers():
    out = truecase(
        "ON 3 MAY I MET PRESIDENT BUSH AND THE ATONAL BATTALION, WHICH MAY FIRE AN AK-47 ON "
        "SUNDAY IN THE 3RD WEEK OF MARCH."
    )
    assert out == (
        "On 3 May I met President Bush and the Atonal Battalion, which may fire an AK-47 on "
        "Sunday in the 3rd week of march."
    )


def test_abbreviations_do_not_end_sentences():
    out = truecase("THE U.S. EMBASSY IN LIMA SAID MR. CRISTIANI LEFT AT 5 P.M. YESTERDAY.", names)
    assert out.startswith("The U.S. embassy in Lima said Mr. Cristiani left at 5 p.m.")


def test_mixed_case_text_is_left_alone_only_through_the_shouting_check():
    text = "Rebels attacked a patrol near Apopa, the army said."
    assert truecase_if_shouting(text, names) == text
    # truecase itself always re-cases: the caller decides when to use it.
    assert truecase("Rebels attacked a patrol near APOPA, the ARMY said.", names) == text
    assert truecase_if_shouting(text.upper(), names) == text


@pytest.mark.gazetteer
def test_real_gazetteer_capitalises_known_places(gazetteer):
    is_name = gazetteer_test(gazetteer)
    assert is_name("san salvador") and is_name("apopa")
    assert not is_name("location")  # only an alternate name of some town
    # The gazetteer knows "Usulutan Department" as a whole, so both words are capitalised.
    out = truecase(
        "   SAN SALVADOR, 5 JAN 90 -- TROOPS CLASHED WITH REBELS IN SANTA ELENA, USULUTAN "
        "DEPARTMENT, AND NEAR SAN MIGUEL AND EL SALVADOR'S CAPITAL. A SALVADORAN OFFICER SAID "
        "THE POLICE WERE READING REPORTS.",
        is_name,
    )
    assert out == (
        "   San Salvador, 5 Jan 90 -- Troops clashed with rebels in Santa Elena, Usulutan "
        "Department, and near San Miguel and El Salvador's capital. A Salvadoran officer said "
        "the police were reading reports."
    )
