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


# -- a unit of one country told as another's, in passing ("Russia's X People's Republic") ----------------------------
def test_a_ukrainian_republic_told_as_russia_s_is_a_claim(parser):
    text = ("date 2024-03-02\nA Ukrainian rocket struck a market in the town of Alchevsk in Russia's Lugansk People's "
            "Republic on Friday, killing three people, the local head said.")
    assert _claims(parser, text) == {"UA-09": None}  # the possessive dates nothing


def test_a_ukrainian_region_told_as_russia_s_is_a_claim(parser):
    text = ("date 2024-03-02\nShelling damaged a school in the town of Nova Kakhovka in Russia's Kherson region on "
            "Friday, the installed authorities said.")
    assert set(_claims(parser, text)) == {"UA-65"}


def test_a_russian_region_told_as_russia_s_is_no_claim(parser):
    text = ("date 2024-03-02\nDrones attacked an oil depot in Russia's Voronezh region on Friday, the governor said, "
            "and air defences downed others over Ukraine's Sumy region.")
    assert _claims(parser, text) == {}


def test_a_ukrainian_region_told_as_ukraine_s_is_no_claim(parser):
    text = ("date 2024-03-02\nRussian shelling damaged a school in Ukraine's Kherson region on Friday, Russia's "
            "defence ministry denied it.")
    assert _claims(parser, text) == {}
