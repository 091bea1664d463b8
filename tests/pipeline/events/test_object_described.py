"""The object of a change of control told through the speaker's description (issue 13, session 22): "took control of
what it described as the strategically important logistics hub of X" takes X; the "as" of the description is no
conjunction opening another clause. Another object described ("captured the ridge, known as a height over X") is not
X, nor is a place named in a clause after "as".

Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from tests.fixtures import article_events

WAR = "Russian troops have pressed their offensive in eastern Ukraine for months, the army said.\n\n"


def _captures(parser, body: str, date: str = "2024-09-20") -> list[str]:
    events = article_events(parser, f"date {date}\n\n{WAR}{body}\n")
    return sorted(e.place.text for e in events if e.sub_event_type == "capture" and e.place is not None)


def test_the_settlement_the_speaker_described_is_taken(geoparser):
    body = ("The Russian military said on Tuesday that its forces had taken control of what it described as the "
            "strategically important logistics hub of Ocheretyne in eastern Ukraine.")
    assert _captures(geoparser, body) == ["Ocheretyne"]


@pytest.mark.parametrize("body", [
    "Russian forces captured the ridge, known as a key height overlooking Ocheretyne, on Sunday.",
    "Russian forces took control of the area as Ukrainian troops pulled back towards Ocheretyne on Sunday.",
])
def test_another_object_or_a_clause_after_as_takes_no_settlement(geoparser, body):
    assert _captures(geoparser, body) == []
