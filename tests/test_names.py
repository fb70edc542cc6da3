from geomap.kb.names import key_variants, normalize_name, usable_alias


def test_normalize_removes_case_accents_punctuation_and_article():
    assert normalize_name("Arbīl") == "arbil"
    assert normalize_name("Kata'ib  Hizbollah") == "kataib hizbollah"
    assert normalize_name("Kata’ib Hizbollah") == "kataib hizbollah"
    assert normalize_name("the Sea of Oman") == "sea of oman"
    assert normalize_name("Kurdistan-Region") == normalize_name("Kurdistan Region")
    assert normalize_name("St. Louis") == "st louis"
    assert normalize_name("K-1 base") == "k 1 base"


def test_key_variants_cover_saint_and_arabic_article():
    assert "saint louis" in key_variants("st louis")
    assert "st petersburg" in key_variants("saint petersburg")
    assert "anbar" in key_variants("al anbar")
    assert key_variants("paris") == set()


def test_usable_alias_drops_codes_lowercase_and_other_scripts():
    assert usable_alias("Hewlêr")
    assert not usable_alias("EBL")  # airport code
    assert not usable_alias("washntn")  # lower-case transliteration
    assert not usable_alias("أربيل")
    assert not usable_alias("X")
