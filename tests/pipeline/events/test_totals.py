"""Session 13 (totals15): which figure is an incident's toll, and which is a sum over a period or an area.

Every sentence here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.extract import Event
from pipeline.events.figures import aggregate_scope, continues_aggregate, figures
from pipeline.events.triggers import separate
from tests.fixtures import article_events as _events

FRIDAY = "date 2024-03-15\n"  # a Friday


def _read(sentence: str) -> list[tuple[str, int, str]]:
    return [(f.kind, f.value, f.role) for f in figures(sentence)]


def _reports(events: list[Event]) -> list[Event]:
    return [e for e in events if e.event_type == "casualty_report"]


# -- a total over a period or a wide area is a sum, not one incident's toll ----------------------------------------
@pytest.mark.parametrize("sentence", [
    "Over the course of the year, the shelling killed 212 people in the city.",
    "During the year, Russian troops killed 390 civilians in the southern region.",
    "The shelling has killed 64 residents since the war began, the mayor said.",
    "Since the start of the invasion, 48 people have died in the border district.",
    "Thirty people have been killed in the province since Moscow's offensive began.",
    "The attack killed nine people and wounded 30 more across the country, rescuers said.",
    "The barrage hit targets in eight regions, killing 14 people.",
    "So far this year, 17 civilians have been killed by drones in the town.",
])
def test_a_period_or_nationwide_total_is_an_aggregate(sentence):
    assert aggregate_scope(sentence)
    assert {role for _k, _v, role in _read(sentence)} == {"aggregate"}


@pytest.mark.parametrize("sentence", [
    "It was the deadliest strike on the town since the full-scale invasion began, killing 27 people.",
    "The blast killed 12 people in one of the bloodiest attacks of the war this year.",
    "A missile hit a school in the town on Tuesday, killing four people.",
])
def test_a_superlative_against_a_period_is_one_incident(sentence):
    assert not aggregate_scope(sentence)
    assert all(role == "total" for _k, _v, role in _read(sentence))


def test_another_figure_right_after_a_sum_adds_to_that_sum():
    first = "During the year, the shelling killed 390 people in the region."
    then = "Another 1,240 people, including 60 children, were wounded."
    assert continues_aggregate(first, then)
    assert {f.role for f in figures(then, scoped=True)} == {"aggregate"}
    # after one incident's toll, "another ..." is not a sum
    assert not continues_aggregate("A missile killed three people in the town on Monday.", then)


def test_a_period_total_does_not_become_the_toll_of_the_incident_told(parser):
    text = (FRIDAY + "Russian troops shelled Kherson on Thursday evening, and an 80-year-old man was killed, the "
            "city administration said. His neighbour, a 60-year-old woman, was also wounded.\n\n"
            "During the year, Russian shelling killed 390 people in the region. Another 1,240 people, including 60 "
            "children, were wounded.")
    reports = _reports(_events(parser, text))
    assert [(r.killed, r.injured) for r in reports] == [(1, 1)]
    assert {c.role for c in reports[0].casualty_claims if c.value in (390, 1240)} == {"aggregate"}


def test_a_sum_restated_in_a_quote_is_no_incident(parser):
    text = (FRIDAY + "30 killed in border region since the invasion: governor\n\n"
            "Thirty people have been killed and more than 100 injured in the Belgorod region since the start of "
            "the offensive, the governor told reporters.\n\n"
            "\"There are 30 dead, 104 people were wounded,\" the governor said.")
    assert _reports(_events(parser, text)) == []


def test_a_count_quoted_with_no_attack_day_or_place_is_no_incident(parser):
    text = (FRIDAY + "The foreign minister of Norway arrived in Kyiv on Friday to discuss military aid for the war "
            "against Russia.\n\nOn Thursday she visited Odesa to see the port that Russian missiles have damaged, "
            "and met soldiers defending the coast.\n\n\"The harbour cranes are idle. More than 20 people have been "
            "killed. Every night the drones come,\" she said.\n\nShe promised more air defence systems to shield "
            "Ukrainian cities from Russian missile and drone strikes.")
    assert _reports(_events(parser, text)) == []


# -- the right figure inside one incident ------------------------------------------------------------------------------
def test_a_list_does_not_start_inside_the_other_kinds_figure():
    assert _read("The strike claimed the lives of 40 civilians, and five people were injured.") == \
        [("killed", 40, "total"), ("injured", 5, "total")]


def test_the_victims_ages_are_not_figures():
    assert _read("Two men aged 40 and 20 were wounded in the shelling.") == [("injured", 2, "total")]
    assert _read("Three women aged 30, 45 and 61 were killed.") == [("killed", 3, "total")]


def test_injuries_told_as_received_and_fatal():
    assert _read("The strike on the house resulted in fatal injuries to two elderly women.") == [("killed", 2, "total")]
    assert _read("The blast caused injuries to four workers.") == [("injured", 4, "total")]


def test_one_victim_of_the_other_kind_is_not_one_more_of_it():
    figs = figures("A drone killed one person and wounded another near the village.")
    assert [(f.kind, f.value, f.role) for f in figs] == [("killed", 1, "individual"), ("injured", 1, "individual")]
    assert not any(f.additional for f in figs)
    # a headline's "and another injured" after a killed victim is one injured, however often the headline is retold
    assert [f.additional for f in figures("Strike on the city: man killed and another injured")] == [False]
    # the same kind before: one more
    assert [f.additional for f in figures("Two men were injured and another was injured later.")] == [False, True]
    # "wounded another three" is no single victim: three more (session 21: the verb's object is read as an increment)
    assert [(f.kind, f.value, f.role) for f in figures("The drone wounded another three people.")] == \
        [("injured", 3, "increment")]


def test_the_number_of_victims_killed_is_a_total_update():
    [fig] = figures("The number of victims killed has increased to 35 people.")
    assert (fig.kind, fig.value, fig.role, fig.update) == ("killed", 35, "total", True)


def test_victims_listed_with_also_are_counted():
    assert _read("A 15-year-old boy and his 50-year-old aunt were also injured.") == [("injured", 2, "individual")]


def test_an_earlier_update_retold_after_the_latest_does_not_win(parser):
    text = (FRIDAY + "A Russian missile struck an apartment block in Dnipro on Thursday. The number of people killed "
            "has risen to 35, the governor said. Rescuers are still searching the rubble.\n\n"
            "Earlier, the head of the city said 80 people were injured. The death toll rose to 30.")
    [report] = _reports(_events(parser, text))
    assert (report.killed, report.injured) == (35, 80)


def test_another_victim_is_not_another_incident(parser):
    assert not separate("Another woman from the city was wounded.")
    assert separate("Another strike hit the city.")
    text = (FRIDAY + "Russian forces shelled Kherson on Thursday evening, which resulted in fatal injuries to two "
            "women. Another woman from Kherson was wounded.")
    assert [(r.killed, r.injured) for r in _reports(_events(parser, text))] == [(2, 1)]


def test_the_town_where_the_wounded_are_treated_is_not_the_place(parser):
    text = (FRIDAY + "A Russian missile hit the council building in Kochubeivka on Friday, killing one person. "
            "The attack also injured three people, who were evacuated to hospitals in Kryvyi Rih, the official said.")
    reports = _reports(_events(parser, text))
    assert [(r.place.name, r.killed, r.injured) for r in reports] == [("Kochubeivka", 1, 3)]


def test_an_incident_over_other_regions_does_not_borrow_the_town_before(parser):
    text = (FRIDAY + "Officials in the city of Horlivka said on Friday that 11 civilians had been wounded by "
            "shelling.\n\n"
            "Separately, the ministry said 12 drones were downed overnight over the Kursk, Belgorod and Bryansk "
            "regions. A civilian was wounded by a falling drone, a governor said.")
    reports = _reports(_events(parser, text))
    assert all(r.admin1_code == "UA-14" for r in reports if r.place.name == "Horlivka")
    assert [r.injured for r in reports if r.place.name == "Horlivka"] == [11]


def test_figures_after_a_framing_count_of_their_kind_are_its_parts():
    assert _read("Of the 40 people hospitalised, six are in critical condition while 21 sustained severe injuries.") \
        == [("injured", 40, "total"), ("injured", 21, "subcount")]
    # the dead among the wounded are dead all the same
    assert ("killed", 2, "total") in _read("Of the 20 wounded, five are in serious condition and 2 died later.")


def test_a_figure_for_these_attacks_is_a_sum_over_them():
    assert {role for _k, _v, role in _read("Four people were killed and nine injured as a result of these attacks.")} \
        == {"aggregate"}


def test_the_injured_told_by_the_care_they_got():
    assert _read("Two people were provided with medical aid after the strike.") == [("injured", 2, "total")]
    assert _read("A woman received medical assistance at the scene.") == [("injured", 1, "individual")]
    assert _read("The medical staff treated the town's patients as usual.") == []


def test_one_attack_measured_against_a_period_keeps_its_toll():
    assert _read("The attack, the third on the town since March, killed four people.") == [("killed", 4, "total")]
    assert _read("During the occupation, a missile hit the theatre, killing 12 people.") == [("killed", 12, "total")]
