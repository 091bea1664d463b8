"""Annexation claims worded with a republic's name, "parts of the Russian Federation", or "the peninsula".

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from tests.fixtures import article_events as _events


def _claims(parser, text: str) -> dict[str, str | None]:
    return {e.admin1_code: e.when.date for e in _events(parser, text) if e.event_type == "annexation_claim"}


def test_republics_and_regions_made_parts_of_the_russian_federation_are_claims(parser):
    text = ("date 2022-10-06\nShelling was reported in Donetsk and Luhansk on Wednesday.\n\n"
            "The Kremlin said the Donetsk People's Republic, the Lugansk People's Republic and the Kherson region "
            "were now parts of the Russian Federation.")
    assert set(_claims(parser, text)) == {"UA-14", "UA-09", "UA-65"}


def test_a_republic_named_nowhere_else_gives_no_claim(parser):
    text = "date 2022-10-06\nThe Kremlin said the Donetsk People's Republic was now part of the Russian Federation."
    assert "UA-09" not in _claims(parser, text)


def test_the_peninsula_moscow_annexed_is_a_claim_on_the_unit_named_before(parser):
    text = ("date 2023-07-20\nDrones struck a fuel depot in Crimea on Tuesday, officials said. Kyiv has vowed to "
            "retake the peninsula, which Moscow annexed in 2014.")
    claims = _claims(parser, text)
    assert list(claims) == ["UA-43"]
    assert claims["UA-43"] is None  # "in 2014" dates no day: never the article's date


def test_the_peninsula_without_a_unit_before_gives_no_claim(parser):
    text = "date 2023-07-20\nKyiv has vowed to retake the peninsula, which Moscow annexed in 2014."
    assert _claims(parser, text) == {}
