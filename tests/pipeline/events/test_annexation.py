"""Annexation claims worded with a republic's name, "parts of the Russian Federation", or "the peninsula".

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

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


# -- session 22: the act and its day, claims told in passing, plans and near-misses ------------------------------------
# (every sentence below was written for these tests)
def _stages(parser, text: str) -> dict[str, tuple[str, str | None]]:
    return {e.admin1_code: (e.sub_event_type, e.when.date) for e in _events(parser, text)
            if e.event_type == "annexation_claim"}


FOUR = ("UA-09", "UA-14", "UA-23", "UA-65")


def test_treaties_bringing_regions_into_russia_are_claims_on_the_day_told(parser):
    text = ("date 2022-10-01\nPresident Vladimir Putin on Friday signed treaties bringing the Kherson and Zaporizhzhia "
            "regions into Russia.")
    assert _stages(parser, text) == {"UA-65": ("annexation", "2022-09-30"), "UA-23": ("annexation", "2022-09-30")}


def test_republics_made_subjects_of_the_russian_federation_are_claims(parser):
    text = ("date 2022-10-01\nOn Friday, Putin signed decrees recognising the Donetsk and Luhansk People's Republics "
            "as new subjects of the Russian Federation.")
    assert _stages(parser, text) == {"UA-14": ("annexation", "2022-09-30"), "UA-09": ("annexation", "2022-09-30")}


def test_the_treaty_on_the_peninsula_and_the_city_of_sevastopol_claims_both_units(parser):
    text = ("date 2014-03-19\nRussia and Crimea signed a treaty on Tuesday making the peninsula and the city of "
            "Sevastopol part of the Russian Federation.")
    assert _stages(parser, text) == {"UA-43": ("annexation", "2014-03-18"), "UA-40": ("annexation", "2014-03-18")}


def test_a_parliament_approving_the_treaties_is_the_ratification_stage(parser):
    text = "date 2022-10-04\nThe Duma on Monday approved the treaties absorbing the Donetsk and Luhansk regions into Russia."
    assert _stages(parser, text) == {"UA-14": ("ratification", "2022-10-03"), "UA-09": ("ratification", "2022-10-03")}


def test_an_act_told_without_a_day_is_undated_not_the_page_s(parser):
    text = "date 2014-03-22\nLawmakers in Moscow ratified the treaty that admitted Crimea and Sevastopol into Russia."
    assert _stages(parser, text) == {"UA-43": ("ratification", None), "UA-40": ("ratification", None)}


def test_a_referendum_told_with_its_day_is_the_referendum_stage(parser):
    text = "date 2022-09-28\nVoting ended on Tuesday in Kremlin-organised referendums in the Kherson and Zaporizhzhia regions."
    assert _stages(parser, text) == {"UA-65": ("referendum", "2022-09-27"), "UA-23": ("referendum", "2022-09-27")}


@pytest.mark.parametrize("text, code", [
    ("date 2024-06-24\nA drone struck a fuel depot in Russian-annexed Crimea on Monday, officials said.", "UA-43"),
    ("date 2023-08-01\nThe Russian-installed governor of the annexed Kherson region said two people were hurt on "
     "Monday.", "UA-65"),
    ("date 2023-07-18\nRussia said on Monday that drones hit the bridge linking annexed Crimea to the mainland.", "UA-43"),
    ("date 2024-02-01\nThe blast occurred on Monday in Melitopol, in the part of the Zaporizhzhia region that Russia "
     "claims as its own.", "UA-23"),
    ("date 2024-03-18\nCrimea marked ten years since its reunification with Russia on Monday.", "UA-43"),
    ("date 2024-01-10\nShelling hit villages in the Zaporizhzhia region, which Russia claims, on Tuesday.", "UA-23"),
])
def test_a_claim_told_in_passing_is_stage_claim_and_undated(parser, text, code):
    assert _stages(parser, text) == {code: ("claim", None)}  # the day told is the incident's, not the claim's


def test_regions_called_russia_s_new_regions_are_claims_in_passing(parser):
    text = "date 2023-05-10\nMoscow says the Zaporizhzhia and Kherson regions are among Russia's new regions."
    assert _stages(parser, text) == {"UA-23": ("claim", None), "UA-65": ("claim", None)}


def test_a_clause_about_an_earlier_annexation_is_dated_by_its_own_words(parser):
    text = "date 2023-08-01\nFighting continues in the Luhansk region, which Russia illegally annexed in September 2022."
    claim = next(e for e in _events(parser, text) if e.event_type == "annexation_claim")
    assert (claim.admin1_code, claim.sub_event_type, claim.when.date, claim.when.precision) == \
        ("UA-09", "claim", "2022-09-01", 3)  # the month the clause tells, at month precision


def test_one_of_four_regions_moscow_claims_to_have_annexed_claims_all_four(parser):
    text = ("date 2023-05-03\nShelling hit the city of Kherson, the capital of one of four regions Moscow claims to have "
            "annexed.")
    assert _stages(parser, text) == {code: ("claim", None) for code in FOUR}


def test_four_regions_annexed_in_a_reference_clause_claims_all_four_undated(parser):
    text = "date 2022-10-01\nUkraine applied to join NATO on Friday after Russia annexed four regions."
    assert _stages(parser, text) == {code: ("claim", None) for code in FOUR}


def test_four_regions_before_the_referendums_were_announced_are_not_the_four(parser):
    text = "date 2022-06-01\nShelling hit Kherson, one of four regions Moscow says it has annexed, on Tuesday."
    assert set(_stages(parser, text)) <= {"UA-65"}


def test_annexed_sevastopol_is_a_claim_on_its_own_unit(parser):
    text = ("date 2024-06-24\nThe governor of Moscow-annexed Sevastopol said on Sunday that debris fell on a beach.")
    assert _stages(parser, text) == {"UA-40": ("claim", None)}
    text = ("date 2024-06-24\nThe head of the annexed city of Sevastopol said on Sunday that debris fell on a beach, "
            "Russian media reported.")
    assert _stages(parser, text) == {"UA-40": ("claim", None)}


def test_a_city_in_annexed_crimea_is_no_claim_of_its_own(parser):
    text = "date 2024-06-24\nA drone hit Sevastopol on Sunday, the port city of Russian-annexed Crimea."
    assert _stages(parser, text) == {"UA-43": ("claim", None)}


@pytest.mark.parametrize("text", [
    "date 2022-09-15\nUkraine says Russia's plan to annex the Kherson region will never be recognised.",
    "date 2022-06-10\nThe Kremlin denied it intends to annex the Kharkiv region.",
    "date 2022-08-01\nRussia could try to annex the Zaporizhzhia region by autumn, analysts said.",
    "date 2022-08-20\nOfficials fear Moscow will stage referendums in the occupied parts of the Kherson region.",
    "date 2022-05-01\nRussian-installed officials say the Kherson region may hold a referendum on joining Russia.",
    "date 2022-07-10\nMoscow has no plans to annex the Kharkiv region, Peskov said.",
    "date 2022-09-20\nThe Kremlin is preparing to annex the Donetsk and Luhansk regions, Western officials warned.",
    "date 2022-04-01\nRussia is seeking to annex the Mykolaiv region, Ukrainian officials warned.",
    "date 2022-06-01\nMoscow wants the Kharkiv region to join Russia, a pro-Kremlin blogger said.",
    "date 2022-09-20\nRussian-installed officials announced that referendums would be held in the Zaporizhzhia region "
    "from Friday.",
    "date 2022-05-20\nThe Kremlin said it was up to residents whether the Kherson region joins Russia.",
    "date 2022-09-25\nRussia denies that it is annexing the Zaporizhzhia region, Peskov said.",
    "date 2022-09-21\nRussia plans to annex four regions of Ukraine.",
])
def test_plans_fears_denials_and_hypotheticals_claim_nothing(parser, text):
    assert _stages(parser, text) == {}


@pytest.mark.parametrize("text", [
    "date 2024-02-18\nRussian troops took full control of Avdiivka, a town in the DPR, the defence ministry said on "
    "Saturday.",
    "date 2024-02-18\nRussian forces captured Avdiivka in the Donetsk People's Republic on Saturday, Russia's defence "
    "ministry said.",
    "date 2022-02-22\nPutin recognised the independence of the Donetsk and Luhansk People's Republics on Monday.",
    "date 2023-02-22\nRussian-occupied Crimea has been hit by drones on Monday, Russia said.",
    "date 2023-02-22\nSeparatists in the self-proclaimed Luhansk People's Republic said a school was shelled on Monday.",
    "date 2023-01-10\nRussia struck four regions overnight, including Kherson, officials said.",
    "date 2023-07-18\nRussia's foreign ministry criticised Israel. The annexed Golan Heights saw protests on Monday.",
    "date 2024-01-10\nThe Kherson region governor said a strike on Tuesday hit a school, which Moscow claims was a "
    "military depot.",
])
def test_republic_names_occupation_and_other_annexations_are_no_claims(parser, text):
    assert _stages(parser, text) == {}


def test_a_claim_in_passing_leaves_the_act_s_day_to_the_report_that_tells_it(parser):
    from pipeline.events.extract import merge_across_articles

    passing = _events(parser, "date 2023-05-03\nRussia did not comment on the shelling in the Zaporizhzhia region on "
                              "Tuesday, one of four Ukrainian regions it said it annexed last autumn.", "a.txt")
    act = _events(parser, "date 2024-01-10\nPutin declared the annexation of the Donetsk, Luhansk, Kherson and "
                          "Zaporizhzhia regions on September 30, 2022.", "b.txt")
    merged = {e.admin1_code: e for e in merge_across_articles([passing, act]) if e.event_type == "annexation_claim"}
    assert sorted(merged) == sorted(FOUR)
    assert {(e.sub_event_type, e.when.date) for e in merged.values()} == {("annexation", "2022-09-30")}
    assert all(e.claim_stages == {"annexation": "2022-09-30"} for e in merged.values())


@pytest.mark.parametrize("text, claimed", [
    ("date 2022-06-01\nRussia annexed Crimea in 2014 and may now try to annex the Kherson region.", {"UA-43"}),
    ("date 2022-06-01\nHaving annexed Crimea in 2014, Moscow now plans to annex the Zaporizhzhia region too.",
     {"UA-43"}),
    ("date 2022-09-28\nRussia held referendums in the Kherson region and plans to annex it.", {"UA-65"}),
])
def test_a_unit_nearest_a_planned_annexation_is_not_claimed_beside_one_done(parser, text, claimed):
    assert set(_stages(parser, text)) == claimed
