"""Session 21 (fig21): an event's attributes — its toll, its day and its place — read from wordings probed with
sentences written for these tests (issue 13).

A victim count told as the verb's object with "another" ("wounded another 56 people") after the dead is the injured
count, not an increment; "Another nine were injured" goes on with the incident before it; a toll's subject may name
its incident at length before "has risen to"; a weekday opening a noun phrase ("The Tuesday evening attack") dates
the incident; a city's own official (its mayor, its city military administration) tells of the city.

Every sentence here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.figures import figures
from tests.fixtures import article_events, events_of

THURSDAY = "date 2024-05-16\n"  # a Thursday


def _reports(parser, text: str) -> list[tuple[str | None, str | None, int | None, int | None, str | None]]:
    reports = events_of(article_events(parser, THURSDAY + text), "casualty_report")
    return sorted(((e.place.name if e.place else None, e.admin1_code, e.killed, e.injured, e.when.date) for e in reports),
                  key=repr)


# -- "another N" as a verb's object ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text, injured", [
    ("A Russian missile struck a cafe in Sloviansk on Wednesday, killing at least seven people. The strike wounded "
     "another 31 people, the interior ministry said.\n", 31),
    ("Russian drones hit an apartment block in Sumy on Wednesday night, killing four people. The attack also injured "
     "another 12 residents, the governor said.\n", 12),
])
def test_another_n_wounded_after_the_dead_is_the_injured_count(parser, text, injured):
    [report] = _reports(parser, text)
    assert report[3] == injured


def test_another_n_killed_after_the_dead_stays_an_increment():
    [fig] = [f for f in figures("The shelling killed another three people.") if f.kind == "killed"]
    assert fig.role == "increment"


@pytest.mark.parametrize("text", [
    "Russian shelling of Nikopol killed two people on Wednesday. Another nine were injured, the regional governor said.\n",
    "A Russian drone hit a bus in Nikopol on Wednesday morning, killing two passengers. Another nine were wounded, the "
    "city administration said.\n",
])
def test_another_count_with_no_noun_goes_on_with_the_incident(parser, text):
    assert [(r[0], r[2], r[3]) for r in _reports(parser, text)] == [("Nikopol", 2, 9)]


def test_another_count_in_a_strike_of_its_own_stays_apart(parser):
    text = ("A missile hit a warehouse in Kharkiv on Wednesday, killing two. Another three were killed in a separate "
            "Russian strike on Izium on Thursday.\n")
    assert len(_reports(parser, text)) == 2


# -- a toll's long subject ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, kind, value", [
    ("The number of people injured in the Russian missile attack on the Saltivskyi district of Kharkiv late on Tuesday "
     "has risen to 14, the governor said.", "injured", 14),
    ("The death toll from Wednesday's Russian missile strike on a shopping mall in the city of Kremenchuk has climbed "
     "to 21, officials said.", "killed", 21),
])
def test_a_toll_whose_subject_names_its_incident_at_length(sentence, kind, value):
    assert (kind, value, "total") in {(f.kind, f.value, f.role) for f in figures(sentence)}


def test_a_long_toll_subject_takes_no_injured_count_for_the_dead():
    found = {(f.kind, f.value) for f in figures("The toll from the strike on the port of Izmail rose to 30 injured.")}
    assert ("killed", 30) not in found


def test_a_toll_that_may_rise_is_no_figure():
    assert not [f for f in figures("The death toll from the strike on the market in the town of X could rise to 30.")
                if f.kind == "killed"]


# -- a weekday opening the noun phrase of the attack ----------------------------------------------------------------
@pytest.mark.parametrize("text, day", [
    ("A Russian missile struck a cafe in Sloviansk, killing seven people, officials said Thursday. The Wednesday evening "
     "strike on Sloviansk also wounded 31 people.\n", "2024-05-15"),
    ("At least five people were killed in a Russian attack on Zaporizhzhia, authorities said Thursday. The Tuesday "
     "attack also damaged a school.\n", "2024-05-14"),
])
def test_a_weekday_before_the_attack_noun_dates_the_incident(parser, text, day):
    [report] = _reports(parser, text)
    assert report[4] == day


# -- a city's own official -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, place, code", [
    ("Russia claimed its forces captured the village of Ocheretyne in the Donetsk region. Meanwhile, Kharkiv Mayor Ihor "
     "Terekhov said a Russian drone attack overnight killed two people and injured 11.\n", "Kharkiv", "UA-63"),
    ("Ukraine's air force said it downed 20 Russian drones overnight. Separately, Serhii Popko, who heads Kyiv's city "
     "military administration, said three people died and 15 were hurt in a Russian missile attack.\n", "Kyiv", "UA-30"),
    ("Russian drones struck an oil depot in Bryansk overnight, officials said. Odesa Mayor Hennadiy Trukhanov said Russian "
     "drones had wounded four people in the city on Wednesday.\n", "Odesa", "UA-51"),
    ("Russian shelling killed a man on Wednesday, Kherson's city military administration said.\n", "Kherson", "UA-65"),
])
def test_a_city_officials_toll_with_no_other_place_is_the_citys(parser, text, place, code):
    assert (place, code) in {(r[0], r[1]) for r in _reports(parser, text)}


def test_a_city_officials_words_without_victims_place_nothing_at_the_city(parser):
    text = ("Russian forces shelled the village of Bilozerka on Wednesday. Kherson Mayor Roman Mrochko said the city "
            "was calm.\n")
    events = article_events(parser, THURSDAY + text)
    assert {e.place.name for e in events if e.place is not None} == {"Bilozerka"}


# -- a weekday strike told again ------------------------------------------------------------------------------------
def test_a_weekday_strike_told_again_with_the_other_kind_of_victims_is_one_incident(parser):
    text = ("A Russian missile struck a cafe in Sloviansk, killing seven people, officials said Thursday. The Wednesday "
            "evening strike on Sloviansk also wounded 31 people.\n")
    assert _reports(parser, text) == [("Slovyansk", "UA-14", 7, 31, "2024-05-15")]

