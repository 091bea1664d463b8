"""Session 23 (cas23): casualty reports with the wrong toll or day, and one incident made into two (issue 13).

Classes: a lede naming the city only as "Ukraine's capital" (its toll given to the next town told); the headline's
"missile strike" and the body's "the airstrike" made two incidents; a toll told as grown "from 14 to 17" read as a
guess between the two; the day a "since the invasion began on ..." clause names taken as the attack's; a headline or
lede and the body telling one toll at one city split by their wording; two attacks on one city whose counts agree
made into one; bodies found a day or two later made a new event; the toll of an attack on a whole country given to a
town; "in addition to A, B was hit" told at A.

Every sentence here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.figures import aggregate_scope, figures
from pipeline.text.dates import EventDate, explicit_date
from tests.fixtures import article_events, events_of

MONDAY = "date 2024-05-13\n\n"  # a Monday


def _reports(parser, text: str) -> list[tuple[str | None, int | None, int | None, str | None]]:
    return sorted(((e.place.name if e.place else None, e.killed, e.injured, e.when.date)
                   for e in events_of(article_events(parser, text), "casualty_report")), key=repr)


def _read(sentence: str) -> list[tuple[str, int, str, bool]]:
    return [(f.kind, f.value, f.role, f.approximate) for f in figures(sentence)]


# -- "Ukraine's capital" ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, phrase, code", [
    ("A drone attack on Ukraine's capital overnight killed four people.", "Ukraine's capital", "UA-30"),
    ("Russia’s capital city was attacked by drones on Sunday.", "Russia’s capital city", "RU-MOW"),
])
def test_a_country_s_capital_told_by_its_possessive_is_the_city(parser, text, phrase, code):
    places = {p.text: p for p in parser.parse_places(text)}
    assert places[phrase].admin1_code == code and places[phrase].feature_kind == "city"


@pytest.mark.parametrize("text", [
    "Ukraine's capital region was hit overnight.",  # the unit around the city, not the city
    "Ukraine's capital Kyiv was hit overnight.",  # the city names itself
    "Poland's capital hosted the talks.",  # not a country of the war
])
def test_a_possessive_capital_region_or_named_capital_is_not_read_as_the_city(parser, text):
    assert not any(p.text.endswith(("capital", "capital city")) for p in parser.parse_places(text))


def test_a_lede_at_ukraine_s_capital_keeps_its_toll_and_another_town_its_own(parser):
    text = MONDAY + ("A Russian missile and drone attack on Ukraine's capital overnight killed three people and "
                     "injured others, officials said.\n\nAnother person was killed and five were wounded overnight in "
                     "the city of Bila Tserkva, south of the capital, the regional governor said.\n\nThe Kyiv mayor "
                     "said three people were confirmed dead in the Solomianskyi district.\n")
    reports = _reports(parser, text)
    assert ("Kyiv", 3, None, "2024-05-13") in reports
    assert ("Bila Tserkva", 1, 5, "2024-05-13") in reports


# -- the headline's weapon and the body's "the airstrike" -----------------------------------------------------------
def test_the_airstrike_written_as_one_word_refers_back_to_the_headline_s_missile_strike(parser):
    text = MONDAY + ("Toll of missile strike on the village of Hroza rises to 9\n\nThe number of victims of a missile "
                     "strike on Hroza in the Kharkiv region increased to 9. There are already 12 wounded.\n\n"
                     "\"The number of killed and injured people as a result of the airstrike launched by Russian "
                     "aircraft on the morning of May 12 in the village of Hroza has increased. So, 9 people were "
                     "killed, 12 were injured,\" the regional administration said.\n")
    reports = _reports(parser, text)
    assert len(reports) == 1 and reports[0][1:] == (9, 12, "2024-05-12")


# -- "from 14 to 17" -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, value", [
    ("The number of people killed in the missile attacks on two apartment blocks in the city on Sunday evening and "
     "Monday morning has increased from 14 to 17, the governor said.", 17),
    ("The death toll from Saturday's missile strike on a residential block in the centre of the city has risen "
     "from 9 to 14.", 14),
    ("The toll rose from three to five.", 5),
])
def test_a_toll_grown_from_one_count_to_another_is_the_later_count_and_no_guess(sentence, value):
    assert ("killed", value, "total", False) in _read(sentence)


def test_a_range_of_counts_is_still_a_guess():
    assert _read("From 10 to 12 people were injured in the attack.") == [("injured", 12, "total", True)]


def test_a_grown_toll_outranks_the_bodies_found_in_one_building(parser):
    text = MONDAY + ("The number of people killed in the Russian missile attacks on two apartment blocks in Dnipro on "
                     "Sunday evening and Monday morning has increased from 14 to 17, the regional governor said.\n\n"
                     "Rescuers recovered the bodies of five people, including a child, from the rubble of one of the "
                     "buildings.\n")
    assert [r[1] for r in _reports(parser, text)] == [17]


# -- the day of a "since" clause ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, day", [
    ("At least eight people died in what was the largest attack on the city since the invasion began on "
     "24 February.", None),
    ("It was the deadliest strike on the town since the full-scale war started on February 24, 2022.", None),
    ("Nine people have been killed since the start of the offensive on March 3.", None),
    ("A missile hit the station on Monday, the first strike since the invasion began.", "2024-05-13"),
    ("Drones hit the port on May 10, the first attack since the war broke out.", "2024-05-10"),
    ("Since the war began, the city has been shelled daily; on Sunday a shell killed two.", "2024-05-12"),
])
def test_the_day_a_since_clause_names_opens_a_span_and_dates_nothing(sentence, day):
    found = explicit_date(sentence, EventDate("2024-05-13", 1))
    assert (found.date if found is not None else None) == day


# -- one toll at one city told by the headline or lede and by the body -----------------------------------------------
def test_a_headline_and_the_body_telling_one_toll_with_two_weapons_are_one_incident(parser):
    text = MONDAY + ("Deadly shelling destroys a market in Kherson\n\nAt least nine people died in what officials "
                     "called the worst attack on the city since the full-scale invasion began on February 24, 2022.\n\n"
                     "On Saturday evening, the covered market in the centre of Kherson was hit by a Russian airstrike. "
                     "At least nine people died, the regional governor said.\n")
    assert _reports(parser, text) == [("Kherson", 9, None, "2024-05-11")]


@pytest.mark.parametrize("text, expected", [
    # two days named, one weapon, one count: two attacks
    ("Shelling killed two people in Kherson on Saturday, the regional governor said.\n\nOn Sunday, Russian shelling "
     "killed two people in Kherson, the governor said.\n", 2),
    # one day, two weapons each named with its own time: two attacks
    ("Russian shelling killed two people in Kherson on Sunday morning, the regional governor said.\n\nOn Sunday "
     "evening, a drone attack on Kherson killed two people, the governor said.\n", 2),
    # two calendar days
    ("Russian forces shelled Nikopol on May 9, killing three people, the governor said.\n\nOn May 11, Russian "
     "artillery shelled Nikopol again, killing three people.\n", 2),
    # the same attack told again, referred back to
    ("Russian shelling killed two people in Kherson on Sunday, the regional governor said. The shelling on Sunday "
     "killed two residents of the city's Dnipro district.\n", 1),
    # the same day and weapon told twice
    ("A missile strike on Kharkiv killed three people on Sunday, the mayor said.\n\nOn Sunday, three people were "
     "killed when a missile hit a building in Kharkiv.\n", 1),
    # a night and the statement's day
    ("Drones attacked Odesa overnight, killing two people.\n\nOn Sunday, two people were killed in Odesa by Russian "
     "drones, the governor said on Monday.\n", 1),
])
def test_two_attacks_on_one_city_whose_counts_agree_stay_two(parser, text, expected):
    assert len(_reports(parser, MONDAY + text)) == expected


# -- dead found later ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("later", [
    "Rescuers found two more bodies under the rubble overnight.",
    "Two more of the wounded died in hospital on Monday.",
])
def test_dead_found_or_dying_a_day_or_two_later_are_the_incident_s(parser, later):
    text = MONDAY + ("The death toll from Russia's missile strike on Dnipro on Saturday has risen to 14, the governor "
                     "said on Monday. " + later + "\n")
    assert _reports(parser, text) == [("Dnipro", 14, None, "2024-05-11")]


def test_more_injured_or_dead_elsewhere_a_day_later_are_not_the_incident_s(parser):
    text = MONDAY + ("A Russian missile hit an apartment block in Dnipro on Saturday, killing nine people, the "
                     "governor said. On Monday, two more people were killed when shells hit Nikopol.\n")
    assert [r[0] for r in _reports(parser, text)] == ["Dnipro", "Nikopol"]


# -- an attack on a whole country ------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, wide", [
    ("A massive Russian attack on Ukraine's energy grid on Sunday killed seven people, officials said.", True),
    ("A drone attack on Ukraine overnight killed two people and injured 11, officials said.", True),
    ("The attack on Ukraine left 5 people dead, including two in Kyiv.", True),
    ("Russia's overnight attack on Ukraine killed three people in Lviv, the mayor said.", False),
    ("A Russian attack on Ukraine's capital overnight killed six people.", False),
    ("The strike on Ukraine's power system injured four energy workers in the Kharkiv region.", False),
])
def test_the_toll_of_an_attack_on_a_whole_country_is_a_sum_unless_placed(sentence, wide):
    assert aggregate_scope(sentence) is wide


def test_a_country_s_toll_is_not_given_to_the_town_told_next(parser):
    text = MONDAY + ("A massive Russian attack on Ukraine's energy grid on Sunday killed seven people, officials said. "
                     "In Odesa, a missile hit a residential area, injuring four people, the regional governor said.\n")
    assert [(r[0], r[1]) for r in _reports(parser, text)] == [("Odesa", None)]


# -- a place set aside -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lead", ["In addition to Kostiantynivka", "Besides Kostiantynivka",
                                  "Apart from Kostiantynivka"])
def test_a_town_hit_besides_the_one_told_is_an_incident_of_its_own(parser, lead):
    text = MONDAY + ("Russian forces shelled Kostiantynivka on Sunday, killing a man and injuring three people, the "
                     "regional governor said.\n\n" + lead + ", Kramatorsk was hit, where a guided bomb struck a "
                     "residential area. A 70-year-old man was wounded.\n")
    places = [r[0] for r in _reports(parser, text)]
    assert "Kramatorsk" in places and len(places) == 2


# -- a city's district named like another city's ----------------------------------------------------------------------
def test_a_city_district_sharing_its_name_with_another_city_s_is_the_city_told(parser):
    text = MONDAY + ("Russian shelling of Kherson killed three people and wounded four on Sunday, the regional "
                     "governor said. A 65-year-old woman was killed in the Dniprovskyi district, and two men were "
                     "killed in the Korabelnyi district.\n")
    assert _reports(parser, text) == [("Kherson", 3, 4, "2024-05-12")]


@pytest.mark.parametrize("district, place", [("Pokrovsk", "Pokrovsk"), ("Synelnykove", "Synelnykove")])
def test_a_rural_district_named_by_its_seat_stays_a_place_of_its_own(parser, district, place):
    text = MONDAY + ("Russian shelling of Kherson killed one person on Sunday, the regional governor said.\n\n"
                     f"In the {district} district, a drone attack killed two people on Sunday.\n")
    assert sorted(r[0] for r in _reports(parser, text)) == sorted(["Kherson", place])


# -- a wire dateline's day -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, day", [
    ("KYIV, May 13 (Reuters) - Two Russian missiles struck a training institute in Poltava on Sunday, killing 41.",
     "2024-05-12"),
    ("KHARKIV, Ukraine, May 13 (Reuters) - A guided bomb hit the city on Saturday.", "2024-05-11"),
    ("May 13 (Reuters) - A missile hit Odesa on May 11, killing one.", "2024-05-11"),
    ("KYIV, May 13 (Reuters) - Russian drones attacked the capital, officials said.", None),
    ("On May 11 - a Saturday - a missile hit Odesa.", "2024-05-11"),  # no dateline: the day told
])
def test_a_wire_dateline_s_day_is_the_filing_s_not_the_attack_s(sentence, day):
    found = explicit_date(sentence, EventDate("2024-05-13", 1))
    assert (found.date if found is not None else None) == day


# -- one town's share of a sum ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, share", [
    ("Overnight Russian strikes killed 13 people across Ukraine, including six in Zaporizhzhia, officials said.", 6),
    ("Russian attacks killed 10 civilians in the Donetsk region over the past day, including three in Kurakhove.", 3),
    ("Russian attacks wounded 10 civilians across the Kherson region, including three in the city of Kherson.", 3),
    # no one town's: several towns, a district, a group of people
    ("Russian strikes killed 13 people across Ukraine, including six in Zaporizhzhia and two in Kharkiv.", None),
    ("Russian attacks killed 10 civilians in the Donetsk region over the past day, including three in the Pokrovsk "
     "district.", None),
    ("Russian strikes killed 13 people across Ukraine, including six children.", None),
])
def test_a_town_s_share_of_a_sum_over_many_incidents_is_its_toll(sentence, share):
    totals = [f.value for f in figures(sentence) if f.role == "total"]
    assert totals == ([share] if share is not None else [])


def test_a_town_s_share_of_the_night_s_sum_is_its_casualty_report(parser):
    text = MONDAY + ("Overnight Russian strikes killed 13 people across Ukraine, including six in Zaporizhzhia, "
                     "officials said on Monday. In Zaporizhzhia, a missile hit an apartment block, the governor said.\n")
    assert _reports(parser, text) == [("Zaporizhzhya", 6, None, "2024-05-13")]


# -- the attack referred back to, its figures said a day later --------------------------------------------------------
def test_figures_of_the_attack_referred_back_to_said_a_day_later_are_its_own(parser):
    text = MONDAY + ("A Russian missile hit a residential area of Kramatorsk on Sunday evening, killing four people, "
                     "the Donetsk regional governor said. Russian forces also shelled Sloviansk on Sunday, damaging a "
                     "school.\n\nThe attack on Kramatorsk also injured 11 people, the governor said on Monday.\n")
    assert _reports(parser, text) == [("Kramatorsk", 4, 11, "2024-05-12")]


@pytest.mark.parametrize("later, second", [
    # an attack of its own on the day it names
    ("On Monday, a Russian drone attack on Kramatorsk killed two people and injured 11, the governor said.",
     ("Kramatorsk", 2, 11, "2024-05-13")),
    # the attack on a town nearby, referred back to
    ("The strike on Sloviansk killed two people, the governor said on Monday.", ("Slovyansk", 2, None, "2024-05-13")),
])
def test_another_attack_or_another_town_said_a_day_later_stays_apart(parser, later, second):
    text = MONDAY + ("A Russian missile hit a residential area of Kramatorsk on Sunday evening, killing four people, "
                     "the governor said.\n\n" + later + "\n")
    assert _reports(parser, text) == sorted([("Kramatorsk", 4, None, "2024-05-12"), second], key=repr)


# -- the toll of the attack the news is measured from ----------------------------------------------------------------
@pytest.mark.parametrize("sentence, role", [
    ("The attack came a week after a strike on the same city killed 14 people.", "background"),
    ("The strike comes days after an attack on the port that killed four.", "background"),
    ("Days after the attack on the market that killed 17 people, a missile hit the town again.", "background"),
    # the incident's own dead, told after it
    ("Hours after the strike, rescuers found two bodies.", "total"),
    ("Shortly after the attack three people died in hospital.", "total"),
])
def test_the_toll_of_an_earlier_attack_told_after_the_news_is_background(sentence, role):
    assert [f.role for f in figures(sentence)] == [role]


def test_an_earlier_attack_s_toll_is_not_the_news_toll(parser):
    text = MONDAY + ("A Russian missile hit a shopping centre in Dnipro on Sunday, killing five people, the governor "
                     "said. The attack came a week after a strike on the same city killed 14 people.\n")
    assert _reports(parser, text) == [("Dnipro", 5, None, "2024-05-12")]
