"""Session 20 (tolls20): a total told by parts is a sum, each part its place's toll (issue 13).

A total stated first and broken down by place in a later sentence ("strikes on the region killed eleven. Nine were
killed in A while two others were killed in B") is the region's sum: each place's part is its own toll, and the
sum's other figures (the region's injured) are no town's toll. A region's total is its sum where the town counts its
victims one by one. A victim told as "another" opening an incident's count is set against victims told elsewhere.

Every sentence here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from tests.fixtures import article_events, events_of

THURSDAY = "date 2024-05-16\n"  # a Thursday


def _tolls(parser, text: str) -> list[tuple[str | None, int | None, int | None]]:
    reports = events_of(article_events(parser, text), "casualty_report")
    return sorted((e.place.name if e.place else None, e.killed, e.injured) for e in reports)


# -- a total broken down by place in a later sentence -----------------------------------------------------------------
def test_a_total_broken_down_by_town_in_the_next_sentence_is_each_towns_toll(parser):
    text = THURSDAY + ("Russian missile strikes on the Kharkiv region killed at least eleven people and injured 35 on "
                       "Wednesday, officials said.\n\nNine people were killed by the strikes in Chuhuiv, while two "
                       "others were killed in the town of Izium.\n")
    assert _tolls(parser, text) == [("Chuhuyiv", 9, None), ("Izyum", 2, None)]


def test_figures_by_town_that_do_not_add_up_to_the_total_split_nothing(parser):
    text = THURSDAY + ("Russian missile strikes on the Kharkiv region killed at least twelve people on Wednesday, "
                       "officials said.\n\nNine people were killed by the strikes in Chuhuiv, while two others were "
                       "killed in the town of Izium.\n")
    assert len(_tolls(parser, text)) == 1


def test_the_sums_figures_stay_as_claims(parser):
    text = THURSDAY + ("Russian missile strikes on the Kharkiv region killed at least eleven people and injured 35 on "
                       "Wednesday, officials said.\n\nNine people were killed by the strikes in Chuhuiv, while two "
                       "others were killed in the town of Izium.\n")
    reports = events_of(article_events(parser, text), "casualty_report")
    claims = {(c.kind, c.value, c.role) for e in reports for c in e.casualty_claims}
    assert {("killed", 11, "aggregate"), ("injured", 35, "aggregate")} <= claims


# -- a region's total against a town's victims told one by one --------------------------------------------------------
def test_a_regions_total_is_no_towns_toll_where_the_town_counts_its_dead_one_by_one(parser):
    text = THURSDAY + ("The death toll from Russian shelling of the Belgorod region rose to four on Wednesday, the "
                       "governor said.\n\nA Russian missile hit the town of Valuyki, where a woman was killed.\n")
    assert ("Valuyki", 1, None) in _tolls(parser, text)


def test_another_victim_opening_an_incidents_count_is_its_first(parser):
    text = THURSDAY + ("Russian shelling killed two people in Shebekino on Wednesday, the governor said.\n\n"
                       "Another resident of the region was killed when a Russian missile hit the town of Valuyki. "
                       "One person was killed there, the governor said.\n")
    assert ("Valuyki", 1, None) in _tolls(parser, text)


def test_each_part_of_a_sum_keeps_the_attack_the_sum_tells(parser):
    text = THURSDAY + ("Russian shelling killed four civilians in the Donetsk region on Wednesday, the governor said."
                       "\n\nThree people were killed in Kostiantynivka and one person was killed in Pokrovsk.\n")
    reports = events_of(article_events(parser, text), "casualty_report")
    assert sorted((e.killed, e.sub_event_type) for e in reports) == [(1, "shelling"), (3, "shelling")]
