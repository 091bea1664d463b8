"""Session 22 (fig22): events extracted but wrong in a detail (issue 13): the toll, the day, the type, one incident
made into two or two into one.

Classes: sentences glued with no space after the full stop (two incidents read as one, the second one's figures taken
as the first's toll); injured counted "in various attacks" (a sum over many incidents, never one's toll); victims
listed with a count and one person ("28 adults and a child suffered wounds"), with their ages, or by their role
("two volunteers"); those taken to hospital when the injured are told with no number (a part, not the toll); where the
victims come from ("a woman from X") is not where the attack happened.

Every sentence here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.figures import figures
from pipeline.events.incidents import split_sentences
from tests.fixtures import article_events, events_of

MONDAY = "date 2024-05-13\n\n"  # a Monday


def _read(sentence: str) -> list[tuple[str, int, str]]:
    return [(f.kind, f.value, f.role) for f in figures(sentence)]


def _reports(parser, text: str) -> list[tuple[str | None, str, int | None, int | None, str | None]]:
    return sorted(((e.place.name if e.place else None, e.admin1_code, e.killed, e.injured, e.when.date)
                   for e in events_of(article_events(parser, text), "casualty_report")), key=repr)


# -- sentences glued with no space --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, parts", [
    ("Shelling hit the market on Sunday.Nine more were wounded.", ["Shelling hit the market on Sunday.",
                                                                   "Nine more were wounded."]),
    ("The mayor spoke on Monday.A second strike followed.", ["The mayor spoke on Monday.", "A second strike followed."]),
    ("The governor said.In the evening, drones returned.", ["The governor said.", "In the evening, drones returned."]),
])
def test_sentences_glued_after_a_full_stop_are_two(text, parts):
    assert [text[s:e] for s, e, _p in split_sentences(text)] == parts


@pytest.mark.parametrize("text", [
    "A drone hit a bus in the St.Petersburg district, officials said.",
    "The U.S.Embassy condemned the strike.",
    "The crater was 4.5 metres deep.",
    "The report is on ukrinform.ua and on pravda.com.ua today.",
    "Mr.Kovalenko said the shelling stopped.",
    "It happened on Sept.Twelve is the count.",
])
def test_abbreviations_initials_addresses_and_decimals_glue_nothing(text):
    assert len(split_sentences(text)) == 1


def test_an_earlier_incident_glued_to_the_lede_is_an_incident_of_its_own(parser):
    text = MONDAY + ("A Russian missile struck a school in Kramatorsk on Sunday, killing four people.Another seven "
                     "people were injured, the governor said.In the night of May 1, three people were wounded in "
                     "shelling of Kramatorsk, officials said.\n")
    assert _reports(parser, text) == [("Kramatorsk", "UA-14", 4, 7, "2024-05-12"),
                                      ("Kramatorsk", "UA-14", None, 3, "2024-05-01")]


# -- a sum over many attacks -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "Twelve people were injured on Sunday in various attacks, the governor said.",
    "Nine civilians were wounded in different strikes on Sunday, the regional governor said.",
    "In numerous attacks on Sunday, eight more people were hurt, according to the administration.",
    "Five people were injured in a number of shelling attacks on the district.",
    "Three residents were wounded in other attacks in the region.",
])
def test_the_injured_of_various_attacks_are_a_sum(sentence):
    assert {role for _k, _v, role in _read(sentence)} == {"aggregate"}


@pytest.mark.parametrize("sentence, expected", [
    ("A drone attack on Sumy injured six people; the drones were of various types.", [("injured", 6, "total")]),
    ("The strike, which used different missiles, killed three people.", [("killed", 3, "total")]),
])
def test_various_weapons_in_one_attack_are_no_sum(sentence, expected):
    assert _read(sentence) == expected


def test_the_injured_of_various_attacks_are_no_toll_of_the_strike(parser):
    text = MONDAY + ("A Ukrainian missile hit a residential block in Shebekino on Sunday, killing five people.\n\n"
                     "Twelve people were injured on Sunday in various attacks, the governor said.\n")
    assert _reports(parser, text) == [("Shebekino", "RU-BEL", 5, None, "2024-05-12")]


# -- victims listed, with their ages, by their role --------------------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("A man died, and another 14 adults and two children suffered shrapnel wounds.",
     [("killed", 1, "individual"), ("injured", 16, "individual")]),
    ("Six adults and a teenager sustained injuries, the governor said.", [("injured", 7, "individual")]),
    ("A man died and a further three people and a child were injured.",
     [("killed", 1, "individual"), ("injured", 4, "individual")]),
    ("A man and a woman from the Kherson region were killed, their son was wounded.",
     [("killed", 2, "individual"), ("injured", 1, "individual")]),
    ("Two women, aged 45 and 61, suffered injuries, the prosecutors said.", [("injured", 2, "total")]),
    ("Three farmers, aged 30, 41 and 52, received wounds.", [("injured", 3, "total")]),
    ("Two volunteers were wounded while delivering food.", [("injured", 2, "total")]),
])
def test_victims_listed_counted_and_aged_are_summed(sentence, expected):
    assert _read(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Two men and a dog were injured, the police said.",  # a dog is no victim of the count
    "Three tanks and an armoured vehicle were destroyed.",
])
def test_lists_with_other_than_people_count_nothing(sentence):
    assert [f for f in _read(sentence) if f[0] == "injured" and f[1] > 2] == []


# -- those treated beside injured told with no number ------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "A drone hit an oil depot in the Belgorod region on Wednesday, the governor said.\n"
    "Several people were injured in the attack, he wrote.\nTwo people were taken to a hospital, the agency reported.\n",
    "A missile struck a factory in Zaporizhzhia on Wednesday. Some people were hurt, and three were hospitalised.\n",
    "A drone struck a shop in Kherson on Wednesday, injuring several people. Four of the victims remain in hospital.\n",
])
def test_those_treated_are_a_part_of_injured_told_with_no_number(parser, text):
    [report] = [e for e in article_events(parser, "date 2024-03-13\n\n" + text) if e.event_type != "annexation_claim"]
    assert report.injured is None


@pytest.mark.parametrize("text, injured", [
    ("A drone hit a house in Kupiansk on Wednesday. Three people were hospitalised, the governor said.\n", 3),
    ("A missile struck a factory in Zaporizhzhia on Wednesday, injuring nine people. Four were hospitalised.\n", 9),
])
def test_those_treated_alone_or_beside_a_count_keep_the_toll(parser, text, injured):
    [report] = events_of(article_events(parser, "date 2024-03-13\n\n" + text), "casualty_report")
    assert report.injured == injured


# -- where the victims come from ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, place", [
    ("Shelling hit Chuhuiv on Sunday. Two volunteers from the Poltava region were wounded, police said.\n", "UA-63"),
    ("A Ukrainian drone attacked a car near Horlivka on Sunday. A man and a woman from Donetsk were killed, "
     "their son was wounded.\n", "UA-14"),
    ("A Russian drone hit a minibus near Kupiansk on Sunday. A woman from Kyiv was killed.\n", "UA-63"),
])
def test_where_victims_come_from_is_not_where_the_attack_was(parser, text, place):
    events = [e for e in article_events(parser, MONDAY + text) if e.event_type != "annexation_claim"]
    assert [e.admin1_code for e in events] == [place]
    assert events[0].event_type == "casualty_report"


def test_people_moved_out_of_a_town_leave_it_the_place(parser):
    text = MONDAY + "Rescuers evacuated two residents from Vovchansk on Sunday after shelling killed two people there.\n"
    assert _reports(parser, text) == [("Vovchansk", "UA-63", 2, None, "2024-05-12")]


# -- a number right after a day's number -------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("On March 3 two civilians were killed in the shelling.", [("killed", 2, "total")]),
    ("During the night of May 9 five people died and 12 were wounded.", [("killed", 5, "total"),
                                                                          ("injured", 12, "total")]),
])
def test_a_count_right_after_a_calendar_day_is_the_count(sentence, expected):
    assert _read(sentence) == expected


# -- two incidents on a page with no date, told by the days they name ------------------------------------------------
def test_an_undated_page_tells_two_incidents_by_their_written_days(parser):
    text = ("\nShelling hit a market in Horlivka on Saturday, killing 11 people. A further nine people were injured, "
            "the mayor said. During the night of March 8, three people died and 14 were wounded in strikes on "
            "Horlivka, officials said.\n")
    assert _reports(parser, text) == [("Horlivka", "UA-14", 11, 9, None), ("Horlivka", "UA-14", 3, 14, None)]


@pytest.mark.parametrize("text", [
    # one of the incident's days named again
    "\nShelling hit a market in Horlivka on Saturday, killing 11 people. On Saturday, March 9, the mayor said nine "
    "people were wounded.\n",
    # the toll of the day told again, updated
    "\nShelling hit a market in Horlivka on March 9, killing 11 people. The toll from the March 9 strike rose to 15.\n",
])
def test_an_undated_page_naming_the_same_day_tells_one_incident(parser, text):
    assert len(_reports(parser, text)) == 1


# -- a victim told by a pronoun ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("He was injured on May 30 while delivering aid in the town.", [("injured", 1, "individual")]),
    ("She was seriously wounded by shrapnel, the police said.", [("injured", 1, "individual")]),
    ("The driver said he was not injured.", []),
    ("The minister said he was hurt by the remarks.", []),
])
def test_a_victim_told_by_a_pronoun_is_one_injured(sentence, expected):
    assert _read(sentence) == expected


# -- a weapon named after a place -------------------------------------------------------------------------------------
def test_a_weapon_named_after_a_place_does_not_place_the_strike(parser):
    text = MONDAY + ("At least nine people were killed on Sunday when a rocket hit a dormitory, officials said.\n\n"
                     "The attack on the region of Belgorod involved Tochka missiles and Adler and RM-70 (MLRS) "
                     "multiple launch rocket systems, the ministry said.\n\n"
                     "Debris of a downed missile damaged a house in the city of Belgorod.\n")
    assert [r[1:] for r in _reports(parser, text)] == [("RU-BEL", 9, None, "2024-05-12")]


def test_a_place_qualifying_an_attack_is_still_its_place(parser):
    text = MONDAY + "A Kharkiv missile attack on Sunday killed three people, the governor said.\n"
    assert [r[1:3] for r in _reports(parser, text)] == [("UA-63", 3)]


# -- the lede's weapon told with an abbreviation ----------------------------------------------------------------------
def test_missiles_launched_with_an_abbreviation_on_the_way_are_a_strike_of_that_day(parser):
    text = MONDAY + ("The army launched several U.S.-made long-range missiles on the Kherson region on Saturday, the "
                     "ministry said. The attack killed two people.\n")
    assert [(r[1], r[2], r[4]) for r in _reports(parser, text)] == [("UA-65", 2, "2024-05-11")]


# -- a city-region inside the region that surrounds it ---------------------------------------------------------------
def test_a_city_region_is_inside_its_surrounding_region(parser):
    text = MONDAY + ("Ukraine launched five missiles on Crimea on Sunday, the ministry said. The attack killed three "
                     "people. Debris of one missile hit a beach in the city of Sevastopol.\n")
    assert [(r[0], r[1], r[2], r[4]) for r in _reports(parser, text)] == [("Sevastopol", "UA-40", 3, "2024-05-12")]


def test_a_town_of_another_region_is_another_incident(parser):
    text = MONDAY + ("Missiles hit the Kherson region on Sunday, killing two people. On Saturday, a drone struck a "
                     "shop in Zaporizhzhia, the mayor said.\n")
    events = [e for e in article_events(parser, text) if e.event_type != "annexation_claim"]
    assert sorted(e.admin1_code for e in events) == ["UA-23", "UA-65"]


def test_a_toll_told_in_a_city_region_is_its_own_incident(parser):
    text = MONDAY + ("Missiles hit the Kyiv region on Sunday, killing two people, the governor said.\n\nDebris fell on a "
                     "house in the city of Kyiv, injuring five people, the mayor said.\n")
    events = [e for e in article_events(parser, text) if e.event_type != "annexation_claim"]
    assert sorted((e.admin1_code, e.killed, e.injured) for e in events) == [("UA-30", None, 5), ("UA-32", 2, None)]


# -- one more dead told with no noun; bodies pulled out -----------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("One person died on the spot, and another died in hospital.", 2),
    ("A pensioner was killed; a second died later in hospital.", 2),
])
def test_one_more_dead_told_with_no_noun_is_counted(sentence, expected):
    from pipeline.events.figures import individuals
    assert individuals(figures(sentence)) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Rescuers pulled nine bodies from the rubble.", [("killed", 9, "total")]),
    ("Rescuers pulled two people from the rubble alive.", []),
    ("Another shell hit the school.", []),
])
def test_bodies_pulled_out_are_the_dead_and_people_pulled_out_are_not(sentence, expected):
    assert _read(sentence) == expected


# -- days counted back ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, day", [
    ("Two days ago, a missile struck a school in the town, killing a teacher.", "2024-05-11"),
    ("Shelling hit the market three days ago, the mayor said.", "2024-05-10"),
    # the named day is the statement's; the day before is counted from it
    ("On Monday, the governor reported that the day before a missile hit a factory.", "2024-05-12"),
    ("On Sunday, the mayor said that on the previous day, shells hit a school.", "2024-05-11"),
    # the named day is the attack's when the day before dates the statement
    ("On Saturday a missile hit the port, the governor said the day before.", "2024-05-11"),
    ("On Monday, shelling hit the town.", "2024-05-13"),
])
def test_days_counted_back_from_the_page_or_from_a_statement(sentence, day):
    from pipeline.text.dates import EventDate, explicit_date
    assert explicit_date(sentence, EventDate("2024-05-13", 1, "page")).date == day


# -- one incident, or two, across a day's report ----------------------------------------------------------------------
def test_more_victims_said_a_day_later_are_the_same_attack(parser):
    text = MONDAY + ("A Russian missile hit the Shevchenkivskyi district of Kharkiv on Sunday, killing three people, the "
                     "mayor said.\n\nIn Kharkiv, 12 more people were injured, the governor said on Monday.\n")
    assert _reports(parser, text) == [("Kharkiv", "UA-63", 3, 12, "2024-05-12")]


def test_a_new_toll_on_the_next_day_is_its_own_incident(parser):
    # control: no "more", an attack of its own on the day named
    text = MONDAY + ("Russian shelling of Kherson on Sunday killed two people, officials said.\n\n"
                     "The Russian army shelled the city again on Monday morning, injuring three.\n")
    assert [r[2:] for r in _reports(parser, text)] == [(2, None, "2024-05-12"), (None, 3, "2024-05-13")]


def test_another_weapon_with_a_toll_of_its_own_is_another_attack(parser):
    text = MONDAY + ("Russian troops shelled Nikopol on Sunday, killing two people. The artillery attack also damaged "
                     "a school.\n\nA drone struck a car in the town the same evening, injuring a man, the governor "
                     "said.\n")
    assert [r[1:] for r in _reports(parser, text)] == [("UA-12", 2, None, "2024-05-12"),
                                                       ("UA-12", None, 1, "2024-05-12")]


@pytest.mark.parametrize("text, toll", [
    # both weapons told for one attack
    ("Russian missiles and drones hit Nikopol on Sunday, killing two people. A drone struck a car, injuring a man.\n",
     (2, 1)),
    # the weapon referred back to
    ("Russian shelling of Nikopol on Sunday killed two people. The shelling also injured a man.\n", (2, 1)),
])
def test_one_attack_with_both_weapons_or_referred_back_stays_one(parser, text, toll):
    assert [r[2:4] for r in _reports(parser, MONDAY + text)] == [toll]


@pytest.mark.parametrize("sentence, day", [
    ("Later that day a drone hit a shop.", "2024-05-12"),
    ("The same day, shelling hit the port.", "2024-05-12"),
    ("Later that day, the army confirmed it had struck the depot.", None),  # the statement's day
    ("A drone hit a shop.", None),
])
def test_the_same_day_is_the_day_told_before(sentence, day):
    from pipeline.text.dates import EventDate, same_day
    found = same_day(EventDate("2024-05-12", 1, "on Sunday"), sentence)
    assert (found.date if found else None) == day


# -- a part told inside the count, bare ages, a toll revised ----------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("Six civilians, two of them teenagers, were injured.", [("injured", 6, "total")]),
    ("Three people, among them a nurse, suffered injuries.", [("injured", 3, "total")]),
    ("The police said two women, 48 and 70, were wounded.", [("injured", 2, "total")]),
    ("Nine people were killed, four of whom were children.", [("killed", 9, "total")]),
])
def test_a_part_or_ages_inside_the_count_leave_the_count(sentence, expected):
    assert _read(sentence) == expected


def test_a_toll_revised_down_is_the_latest(parser):
    text = MONDAY + ("A missile hit a hotel in Kharkiv on Sunday. At first, officials reported six dead; the toll was "
                     "later revised to five.\n")
    assert [r[2] for r in _reports(parser, text)] == [5]


# -- a victim told by its role in what was hit; a couple ------------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("A drone struck a bus in the city, killing the driver and injuring six passengers.",
     [("killed", 1, "individual"), ("injured", 6, "total")]),
    ("A drone attacked a minibus near the village, injuring its driver.", [("injured", 1, "individual")]),
    ("Artillery shelled the town, wounding an elderly couple.", [("injured", 2, "individual")]),
    ("Artillery shelled the town, killing the driver of a tractor.", [("killed", 1, "individual")]),
])
def test_a_victim_told_by_its_role_or_as_a_couple_is_counted(sentence, expected):
    assert _read(sentence) == expected


# -- a hospital struck in a town; a day written before "May" -----------------------------------------------------------
def test_a_hospital_struck_in_a_town_places_the_strike_there(parser):
    text = "date 2024-05-15\n\nA Russian missile hit a hospital in Dnipro early on Tuesday, the governor said. Two " \
           "people were killed.\n"
    assert [r[:3] for r in _reports(parser, text)] == [("Dnipro", "UA-12", 2)]


def test_the_wounded_taken_to_a_hospital_in_a_town_leave_it_no_place(parser):
    text = "date 2024-05-15\n\nThree people were wounded in the shelling of Vovchansk and were taken to a hospital " \
           "in Kharkiv, the governor said.\n"
    assert [r[:2] for r in _reports(parser, text)] == [("Vovchansk", "UA-63")]


@pytest.mark.parametrize("sentence, day", [
    ("Drones attacked the city on the evening of 14 May, injuring a woman.", "2024-05-14"),
    ("Officials said the number of 14 may rise.", None),
])
def test_a_day_before_may_after_of_is_a_date(sentence, day):
    from pipeline.text.dates import EventDate, explicit_date
    found = explicit_date(sentence, EventDate("2024-05-15", 1, "page"))
    assert (found.date if found else None) == day
