"""Words of war used in another sense, and war named in passing: no events (session 9, issue 13).

Every sentence here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.figures import figures
from pipeline.events.triggers import triggers


@pytest.mark.parametrize("sentence", [
    "The two carmakers struck a new agreement on battery supplies last week.",
    "Her speech struck a chord with the voters of the valley.",
    "A cyclist was hit by a truck on the ring road on Tuesday.",
    "The recession in the region had struck before the harvest.",
    "The shop is recalling shelled peanuts sold in paper bags.",
    "The home side stormed their way to a late win in the final.",
    "The old market square is surrounded by cafes and bakeries.",
    "Questions surrounding the mayor's budget remain open.",
])
def test_a_war_word_in_another_sense_is_no_trigger(sentence):
    assert triggers(sentence) == []


@pytest.mark.parametrize("sentence", [
    "Russian forces struck a bakery in the town overnight.",
    "The town was surrounded by Russian troops on Friday.",
    "Ukrainian troops are surrounding the city from the north.",
    "Russian artillery shelled the village before dawn.",
])
def test_the_same_words_of_war_are_triggers(sentence):
    assert triggers(sentence) != []


def test_animals_and_illness_are_no_casualties():
    assert figures("Inspectors found some 300 dead geese on the lake shore.") == []
    assert figures("The measles outbreak has killed 12 children this spring.") == []
    assert [(f.kind, f.value) for f in figures("A Russian drone killed 3 people and 2 horses.")] == [("killed", 3)]
    assert [f.value for f in figures("Russian shelling killed 12 people in the town.")] == [12]


def test_war_named_in_passing_maps_no_crime(parser):
    from tests.fixtures import article_events
    text = ("date 2011-04-02\nA gunman killed three people at a petrol station in Denver on Friday, police said. "
            "Officers closed the road for hours. The owner said the shop had reopened. Neighbours left flowers. "
            "The suspect's father had served in the war decades ago. A vigil is planned for Sunday. "
            "The station will stay shut. Police asked witnesses to call them.")
    assert article_events(parser, text) == []


def test_war_news_keeps_a_toll_told_without_a_war_word(parser):
    from tests.fixtures import article_events
    text = ("date 2023-05-15\nRussian missiles struck Sumy on Sunday. Russian shelling also hit the outskirts. "
            "Two people were killed in Sumy, the governor said.")
    assert [e.killed for e in article_events(parser, text) if e.event_type == "casualty_report"] == [2]


def test_capturing_soldiers_is_no_capture_of_the_town(parser):
    from tests.fixtures import article_events
    text = "date 2023-05-15\nUkrainian forces captured two Russian soldiers in Sumy on Sunday, the army said."
    assert [e for e in article_events(parser, text) if e.sub_event_type == "capture"] == []
