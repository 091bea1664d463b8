"""Session 14 (tolls18): "bombardment" names no weapon, so an outlet's "bombardment" and another's "missile" may be
one strike.

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.extract import merge_across_articles
from pipeline.events.triggers import triggers
from tests.fixtures import article_events as _events


@pytest.mark.parametrize(("sentence", "sub"), [
    ("The bombardment of the village was the deadliest of the year.", "attack"),
    ("Russian forces bombarded the town overnight.", "attack"),
    ("Aerial bombardment flattened the district on Monday.", "airstrike"),
    ("Artillery bombardment hit the port on Monday.", "shelling"),
    ("The town was bombed overnight.", "airstrike"),
])
def test_bombardment_names_a_weapon_only_with_one(sentence, sub):
    assert [t.sub for t in triggers(sentence) if not t.control][:1] == [sub]


def test_a_bombardment_and_a_missile_with_one_toll_are_one_strike(parser):
    vague = ("date 2024-05-09\nBombardment of Mala Danylivka kills 37\n\n"
             "The Russian bombardment of a shop in Mala Danylivka in the Kharkiv region on Thursday killed 37 "
             "people and injured 9, the governor said.")
    precise = ("date 2024-05-10\nA Russian missile struck a shop in the village of Mala Danylivka in the Kharkiv "
               "region on Thursday, killing 38 people and injuring 9, officials said.")
    merged = [e for e in merge_across_articles([_events(parser, vague, "a.txt"), _events(parser, precise, "b.txt")])
              if e.event_type == "casualty_report"]
    assert len(merged) == 1
    assert merged[0].sub_event_type == "missile_strike" and (merged[0].killed, merged[0].injured) == (38, 9)
