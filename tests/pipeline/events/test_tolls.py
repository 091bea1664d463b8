"""Session 16 (tolls22): the toll of an incident, by which figures belong to it and which is a total (issue 13).

A range's upper end is a guess, not an exact count that beats a stated total; a care phrase is no death; a sum over a
whole country or over an oblast is not a town's toll; victims named by kinds the figures did not know are counted.

Every sentence here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from pipeline.events.figures import figures
from pipeline.events.incidents import toll
from tests.fixtures import article_events, events_of

WEDNESDAY = "date 2024-05-15\n"  # a Wednesday


def _read(sentence: str) -> list[tuple[str, int, str, bool]]:
    return [(f.kind, f.value, f.role, f.approximate) for f in figures(sentence)]


# -- which figure is a total -----------------------------------------------------------------------------------------
def test_the_upper_end_of_a_range_is_approximate():
    assert _read("A soldier wrote that four, five men were killed.") == [("killed", 5, "total", True)]
    assert _read("Seven or eight people died under the rubble.") == [("killed", 8, "total", True)]
    # a day before a count is no range ("May 9, 3 were killed"), nor a higher number before a lower one
    assert _read("On May 9, 3 people were killed in the village.") == [("killed", 3, "total", False)]


def test_a_guessed_range_does_not_beat_a_stated_round_total():
    found = figures("Officials said about 90 people were killed in the strike on the barracks.") + \
        figures("A blogger wrote: there are two, three dead, maybe more.")
    assert toll([f for f in found if f.kind == "killed"]) == 90


def test_fighting_for_the_lives_of_patients_is_no_death():
    assert _read("Surgeons are fighting for the lives of three patients in intensive care.") == []
    assert _read("The shelling claimed the lives of three people.") == [("killed", 3, "total", False)]


def test_a_total_of_is_an_exact_count():
    assert _read("The bombing killed a total of six people and injured 40.") == \
        [("killed", 6, "total", False), ("injured", 40, "total", False)]


def test_a_count_reported_as_injured_is_a_total():
    assert _read("At least 14 people were reported as injured.") == [("injured", 14, "total", False)]


def test_victims_of_kinds_named_apart_are_counted():
    assert _read("About 30 prisoners of war were killed in the blast.") == [("killed", 30, "total", True)]
    assert _read("A rocket hit the dock, killing a local citizen and wounding four foreign sailors.") == \
        [("killed", 1, "individual", False), ("injured", 4, "total", False)]
    # "his parents" are two victims
    assert ("killed", 2, "individual", False) in _read("A drone hit the car, injuring a boy and killing his parents.")


def test_a_long_sub_count_in_a_parenthesis_keeps_the_total():
    assert _read("A total of 11 people, including a 12-year-old girl and a 70-year-old man, were wounded.") == \
        [("injured", 11, "total", False)]


def test_strikes_on_a_whole_country_killing_people_are_a_sum():
    assert _read("Russian strikes on Ukraine kill nine overnight") == [("killed", 9, "aggregate", False)]
    # a mention of attacks on a country elsewhere in the sentence does not make the toll a sum
    assert _read("The raid on the town killed seven people, a day after a general promised more strikes on Russia.") \
        == [("killed", 7, "total", False)]


# -- which figures belong to the town's incident ---------------------------------------------------------------------
def test_an_oblast_sum_is_not_the_towns_toll(parser):
    text = WEDNESDAY + (
        "A Russian missile hit an apartment block in Poltava on Wednesday, killing 12 people.\n\n"
        "Russian strikes on Poltava Oblast on Wednesday killed 15 people, the regional governor said.\n")
    reports = events_of(article_events(parser, text), "casualty_report")
    town = [e for e in reports if e.place is not None and e.place.name == "Poltava" and e.place.feature_kind != "admin1"]
    assert [e.killed for e in town] == [12]


def test_a_sentence_restating_the_toll_with_another_place_stays_with_the_incident(parser):
    text = WEDNESDAY + (
        "A Russian glide bomb hit a market in the village of Bohorodychne on Wednesday, killing 17 people.\n\n"
        "The bombing that killed 17 shoppers drew calls in Kyiv for more air defence, officials said on Wednesday. "
        "Another 30 people were injured.\n")
    reports = events_of(article_events(parser, text), "casualty_report")
    assert [(e.killed, e.injured) for e in reports] == [(17, 30)]
