"""The spelling rules of pipeline.text.translit (national 2010 system, press and Russian-based forms)."""

from __future__ import annotations

import pytest

from pipeline.text.translit import name_variants, ru_latin, uk_national, uk_popular, uk_to_ru


@pytest.mark.parametrize(("uk", "latin"), [
    # examples of the KMU resolution 55 (2010) table
    ("Алушта", "Alushta"), ("Згорани", "Zghorany"), ("Розгон", "Rozghon"), ("Галич", "Halych"),
    ("Ґорґани", "Gorgany"), ("Єнакієве", "Yenakiieve"), ("Гаєвич", "Haievych"), ("Короп’є", "Koropie"),
    ("Їжакевич", "Yizhakevych"), ("Кадиївка", "Kadyivka"), ("Маріїнка", "Mariinka"),
    ("Йосипівка", "Yosypivka"), ("Стрий", "Stryi"), ("Олексій", "Oleksii"), ("Жданов", "Zhdanov"),
    ("Юрій", "Yurii"), ("Корюківка", "Koriukivka"), ("Яготин", "Yahotyn"), ("Костянтин", "Kostiantyn"),
    ("Знам’янка", "Znamianka"), ("Феодосія", "Feodosiia"), ("Щербухи", "Shcherbukhy"),
    ("Гоща", "Hoshcha"), ("Русь", "Rus"), ("Львів", "Lviv"), ("Запоріжжя", "Zaporizhzhia"),
])
def test_national_transliteration_follows_the_2010_table(uk, latin):
    assert uk_national(uk) == latin


def test_every_apostrophe_character_is_read_as_the_apostrophe():
    forms = {uk_national(f"Лук{a}янівка") for a in "'’ʼ`"}
    assert forms == {"Lukianivka"}


def test_popular_form_keeps_ya_and_apostrophes():
    assert uk_popular("Лук'янівка") == "Luk'yanivka"
    assert uk_popular("Вінницькі Хутори") == "Vinnyts'ki Khutory"


@pytest.mark.parametrize(("uk", "ru"), [
    ("Михайлівка", "Михайловка"), ("Сергіївка", "Сергеевка"), ("Покровське", "Покровское"),
    ("Луганськ", "Луганск"), ("Київ", "Киев"), ("Миколаїв", "Николаев"), ("Бердичів", "Бердичев"),
    ("Чаплине", "Чаплино"), ("Красний Лиман", "Красный Лиман"), ("Вінниця", "Винница"),
])
def test_russian_form_by_rule(uk, ru):
    assert ru in uk_to_ru(uk)


@pytest.mark.parametrize(("uk", "latin"), [
    ("Харків", "Kharkov"), ("Миколаїв", "Nikolayev"), ("Запоріжжя", "Zaporozhye"), ("Луганськ", "Lugansk"),
    ("Ізюм", "Izyum"), ("Ізюм", "Izum"), ("Святогірськ", "Svyatogorsk"), ("Чаплине", "Chaplino"),
    ("Гроза", "Groza"), ("Лисичанськ", "Lisichansk"), ("Костянтинівка", "Kostyantynivka"),
    ("Сергіївка", "Serhiyivka"), ("Лук'янівка", "Luk'yanivka"), ("Лук'янівка", "Lukyanivka"),
    ("Вінниця", "Vinnitsa"), ("Житомир", "Zhitomir"), ("Красний Лиман", "Krasny Liman"),
])
def test_news_spellings_are_among_the_variants(uk, latin):
    assert latin in name_variants(uk)["latin"]


def test_variants_keep_both_cyrillic_forms_and_the_official_form_first():
    v = name_variants("Слов’янськ")
    assert v["uk_latin"] == ["Sloviansk"]
    assert v["latin"][0] == "Sloviansk"
    assert {"Слов'янськ", "Словянськ", "Слов’янськ"} <= set(v["uk_cyrillic"])
    assert v["ru_cyrillic"]


def test_russian_romanisation_writes_ye_after_vowels_and_soft_signs():
    assert ru_latin("Енакиево")[0] == "Yenakiyevo"
    assert ru_latin("Запорожье")[0] == "Zaporozhye"
    assert ru_latin("Курск")[0] == "Kursk"
