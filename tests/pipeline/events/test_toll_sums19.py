"""Session 19 (tolls19): a total broken down by place is a sum, each place's part its own toll (issue 13).

"Ten were injured in the region, seven in A and three more in B" tells two incidents, A's and B's; "shelling of the X
hromada left three dead. Two were killed in A. A strike on B killed a woman." tells the same, the first sentence
only summing the two. A total that the figures after it do not add up to stays the toll.

Every sentence here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from tests.fixtures import article_events, events_of

THURSDAY = "date 2024-05-16\n"  # a Thursday


def _tolls(parser, text: str) -> list[tuple[str | None, int | None, int | None, str | None]]:
    reports = events_of(article_events(parser, text), "casualty_report")
    return sorted((e.place.name if e.place else None, e.killed, e.injured, e.when.date) for e in reports)


# -- the breakdown in the sentence of the sum --------------------------------------------------------------------------
def test_a_regional_total_broken_down_by_town_is_each_towns_toll(parser):
    text = THURSDAY + ("Ten people were injured in drone attacks on the Sumy region on Wednesday, the governor said, "
                       "adding that seven were wounded in Okhtyrka and three more were injured in Konotop.\n")
    assert [t[:3] for t in _tolls(parser, text)] == [("Konotop", None, 3), ("Okhtyrka", None, 7)]


def test_figures_that_do_not_add_up_to_the_total_leave_it_the_toll(parser):
    text = THURSDAY + ("Ten people were injured in drone attacks on the Sumy region on Wednesday, the governor said, "
                       "adding that seven were wounded in Okhtyrka and two more were injured in Konotop.\n")
    tolls = _tolls(parser, text)
    assert len(tolls) == 1 and tolls[0][1:3] == (None, 10)


# -- the breakdown told by the incidents after the sum ----------------------------------------------------------------
def test_a_hromadas_total_told_then_by_village_is_no_incident_of_its_own(parser):
    text = THURSDAY + ("Russian troops shelled the Pokrovsk hromada on Wednesday, killing three people.\n\n"
                       "Two women were killed in a strike on the village of Rodynske. A drone attack on the village of "
                       "Hryshyne claimed the life of a man.\n")
    assert _tolls(parser, text) == [("Hryshyne", 1, None, "2024-05-15"), ("Rodynske", 2, None, "2024-05-15")]


def test_a_districts_injured_told_then_by_settlement_take_the_sums_day(parser):
    text = THURSDAY + ("Russian troops shelled the Kupiansk district on Wednesday, wounding five people.\n\n"
                       "Three people were wounded in a strike on the town of Kupiansk-Vuzlovyi. A drone attack on the "
                       "village of Petropavlivka injured two men.\n")
    assert _tolls(parser, text) == [("Kupiansk-Vuzlovyi", None, 3, "2024-05-15"),
                                    ("Petropavlivka", None, 2, "2024-05-15")]


def test_a_towns_toll_with_one_more_town_after_it_stays(parser):
    text = THURSDAY + ("Russian troops shelled the Pokrovsk hromada on Wednesday, killing three people.\n\n"
                       "Two women were killed in a strike on the village of Rodynske.\n")
    assert sorted(t[1] for t in _tolls(parser, text)) == [2, 3]
