"""Incidents told at oblast level only (issue 13, session 23): no settlement named, so the event has the oblast's
``admin1_code`` and ``geo_precision`` 3; and the near misses that must stay silent (a market, a warning, a charm
offensive, a region an event in a named town already covers). Every sentence is written for these tests; none comes
from an evaluation set.
"""

from __future__ import annotations

from tests.fixtures import article_events

PAGE = "date 2025-03-14\n\n"  # a Friday


def _events(parser, body: str, headline: str = "Front report") -> list:
    return article_events(parser, f"{PAGE}{headline}\n\n{body}\n")


def _oblast_level(events: list, kind: str | None = None, sub: str | None = None) -> dict[str, object]:
    """admin1 code -> event, of the events placed at an oblast only."""
    return {e.admin1_code: e for e in events if e.geo_precision == 3 and (kind is None or e.event_type == kind)
            and (sub is None or e.sub_event_type == sub)}


FOUR = {"UA-14", "UA-09", "UA-23", "UA-65"}


# -- "along with three other regions": the rest of the four claimed regions -----------------------------------------
def test_one_claimed_region_along_with_three_others_is_a_claim_on_all_four(parser):
    body = "The Kremlin says it annexed the Zaporizhzhia region and three other regions of Ukraine in 2022."
    assert FOUR <= set(_oblast_level(_events(parser, body), "annexation_claim"))


def test_two_claimed_regions_along_with_two_others_are_a_claim_on_all_four(parser):
    body = "Russia claims to have annexed Luhansk and Kherson, along with two other Ukrainian regions."
    assert FOUR <= set(_oblast_level(_events(parser, body), "annexation_claim"))


def test_other_regions_that_do_not_add_up_to_four_claim_nothing_more(parser):  # near miss
    body = "Russia says it annexed the Donetsk region along with two other regions."
    assert set(_oblast_level(_events(parser, body), "annexation_claim")) <= {"UA-14"}


def test_three_other_regions_without_a_claim_are_no_claim(parser):  # near miss
    body = "The Kharkiv region, along with three other regions, lost power after the strikes, officials said."
    assert not _oblast_level(_events(parser, body), "annexation_claim")


# -- troops pulled back from a region ---------------------------------------------------------------------------------
def test_troops_pulled_back_from_a_region_is_an_oblast_level_withdrawal(parser):
    body = "Russian forces pulled back from the Sumy region on Thursday, its governor said."
    assert "UA-59" in _oblast_level(_events(parser, body), sub="withdrawal")


def test_forces_pulled_back_in_two_listed_regions_is_a_withdrawal_in_each(parser):
    body = "Russia is pulling back part of its troops in the Kyiv and Zhytomyr regions, officials said on Friday."
    assert {"UA-32", "UA-18"} <= set(_oblast_level(_events(parser, body), sub="withdrawal"))


def test_a_market_that_pulled_back_is_no_withdrawal(parser):  # near miss
    body = "Stock markets pulled back on Tuesday amid worries over the fighting in the Donetsk region."
    assert not [e for e in _events(parser, body) if e.sub_event_type == "withdrawal"]


def test_a_region_whose_village_troops_left_gets_no_second_withdrawal(parser):  # near miss
    body = ("Russian troops pulled back from the village of Vovchansk in the Kharkiv region on Monday. Russian troops "
            "have pulled back from parts of the Kharkiv region, the governor added.")
    withdrawals = [e for e in _events(parser, body) if e.sub_event_type == "withdrawal"]
    assert withdrawals and all(e.geo_precision != 3 for e in withdrawals)


# -- a ground operation told by the day it began ----------------------------------------------------------------------
def test_an_incursion_told_by_the_day_it_began_is_a_dated_advance_in_its_region(parser):
    body = "Kyiv's incursion into the Belgorod region was launched on March 12, Russian officials said."
    advances = _oblast_level(_events(parser, body), sub="advance")
    assert "RU-BEL" in advances and advances["RU-BEL"].when.date == "2025-03-12"


def test_an_incursion_that_may_begin_is_no_advance(parser):  # near miss
    body = "A new incursion into the Sumy region may begin on Monday, the governor warned."
    assert not [e for e in _events(parser, body) if e.sub_event_type == "advance"]


def test_a_charm_offensive_launched_on_a_day_is_no_advance(parser):  # near miss
    body = "The charm offensive launched in May by the foreign ministry in the Odesa region failed, diplomats said."
    assert not [e for e in _events(parser, body) if e.sub_event_type == "advance"]


def test_an_advance_of_several_dozen_kilometres_in_a_region_is_an_oblast_level_advance(parser):
    body = "In the Zaporizhzhia region, Ukrainian troops advanced several dozen kilometres, the general staff said."
    assert "UA-23" in _oblast_level(_events(parser, body), sub="advance")


# -- a region's attack of the day before, beside a town's -------------------------------------------------------------
def test_a_region_shelled_the_day_before_a_towns_strike_is_an_incident_of_its_own(parser):
    body = ("At dawn on Thursday, Russian rockets hit the town of Nikopol, injuring four people. The day before, the "
            "Dnipropetrovsk region came under drone fire from Russia.")
    events = _events(parser, body)
    region = _oblast_level(events).get("UA-12")
    assert region is not None and region.when.date == "2025-03-12"
    assert any(e.place is not None and e.place.text == "Nikopol" and e.injured == 4 for e in events)


def test_a_region_named_again_for_the_same_strike_is_no_second_event(parser):  # near miss
    body = ("At dawn on Thursday, Russian rockets hit the town of Nikopol in the Dnipropetrovsk region, injuring four "
            "people. The strike on the Dnipropetrovsk region was the heaviest this month.")
    events = _events(parser, body)
    assert not _oblast_level(events, "frontline_incident")
    assert len([e for e in events if e.event_type != "annexation_claim"]) == 1


# -- a region targeted with missiles -----------------------------------------------------------------------------------
def test_a_region_targeted_with_missiles_is_an_oblast_level_missile_strike(parser):
    body = "Russia targeted grain terminals of the Mykolaiv region with Kalibr missiles overnight on Friday."
    assert "UA-48" in _oblast_level(_events(parser, body), sub="missile_strike")


def test_a_threat_to_target_a_city_with_missiles_is_no_strike(parser):  # near miss
    body = "Russia threatened to target Kyiv with hypersonic missiles if the West sent more weapons."
    assert not [e for e in _events(parser, body) if e.event_type != "annexation_claim"]


def test_the_day_before_opening_a_sentence_counts_from_the_day_told_before_it():
    from pipeline.text.dates import EventDate, day_before

    page = EventDate("2025-03-14", 1)
    thursday = EventDate("2025-03-13", 1)
    assert day_before(thursday, "The day before, shells hit the region.", page).date == "2025-03-12"
    assert day_before(page, "The day before, shells hit the region.", page) is None  # the page's day: as before
    assert day_before(thursday, "Shells hit the region the day before, the governor said.", page) is None


# -- an undated page: a region's attack on a calendar day of its own --------------------------------------------------
def test_on_an_undated_page_a_regions_attack_on_another_calendar_day_is_its_own(parser):
    text = ("Depots burn in the south\n\nOn the night of May 3, Russia struck oil depots of the Kherson region with "
            "Iskander missiles. A missile hit a depot in the town of Beryslav. On April 20, Russian drones attacked a "
            "fuel depot in the Kherson region, setting it on fire.\n")
    events = article_events(parser, text)
    assert "UA-65" in _oblast_level(events, sub="drone_strike")
    assert any(e.place is not None and e.place.text == "Beryslav" for e in events)


def test_on_an_undated_page_a_region_named_on_the_towns_day_is_no_second_event(parser):  # near miss
    text = ("Depots burn in the south\n\nOn the night of May 3, Russia struck oil depots in the town of Beryslav with "
            "Iskander missiles. On May 3, Russian drones also attacked a fuel depot in the Kherson region, the "
            "governor said.\n")
    events = article_events(parser, text)
    assert not _oblast_level(events, "frontline_incident")


# -- "the region of X": the oblast, not its centre --------------------------------------------------------------------
def test_the_region_of_a_centre_is_the_oblast(parser):
    body = "Artillery fire in the Russian border region of Bryansk killed a tractor driver on Thursday, officials said."
    events = [e for e in _events(parser, body) if e.event_type == "casualty_report"]
    assert [(e.admin1_code, e.geo_precision) for e in events] == [("RU-BRY", 3)]


def test_the_city_of_a_centre_stays_the_city(parser):  # near miss
    body = "Artillery fire on the city of Bryansk killed a tractor driver on Thursday, officials said."
    events = [e for e in _events(parser, body) if e.event_type == "casualty_report"]
    assert [(e.admin1_code, e.geo_precision) for e in events] == [("RU-BRY", 1)]


# -- ground entered: "crossed into", "an attack into" a region ---------------------------------------------------------
def test_troops_that_crossed_into_a_region_advanced_there(parser):
    body = "Russian troops crossed into the Sumy region on Wednesday, opening a new front, the governor said."
    assert "UA-59" in _oblast_level(_events(parser, body), sub="advance")


def test_an_attack_launched_into_a_region_is_an_advance_there(parser):
    body = "Ukraine launched a surprise attack into Russia's Bryansk region on March 3, officials said."
    advances = _oblast_level(_events(parser, body), sub="advance")
    assert "RU-BRY" in advances and advances["RU-BRY"].when.date == "2025-03-03"


def test_an_attack_into_a_region_that_could_come_is_no_advance(parser):  # near miss
    body = "Russia could launch an attack into the Sumy region within weeks, Ukrainian intelligence said."
    assert not [e for e in _events(parser, body) if e.event_type != "annexation_claim"]


def test_refugees_who_crossed_into_a_country_are_no_advance(parser):  # near miss
    body = "Refugees crossed into Poland on Friday from the Lviv region."
    assert not [e for e in _events(parser, body) if e.event_type != "annexation_claim"]


def test_troops_pulled_back_from_a_region_whose_town_they_withdrew_from_is_the_towns_withdrawal_only(parser):
    # near miss: the side that pulled back loses the region, as the side that withdrew loses the town (one summary)
    body = ("Russian troops pulled back from the Kharkiv region on Friday. Russian troops withdrew from the town of "
            "Vovchansk, the governor said.")
    withdrawals = [e for e in _events(parser, body) if e.sub_event_type == "withdrawal"]
    assert [(e.place.text, e.gains) for e in withdrawals] == [("Vovchansk", "Ukraine")]


# -- "the region" referred back to --------------------------------------------------------------------------------------
def test_an_attack_on_the_region_referred_back_to_is_in_the_oblast_named_before(parser):
    body = ("Russian drones hit the Mykolaiv region on Wednesday, damaging a school. On Thursday, shelling of the "
            "region wounded three people, the governor said.")
    casualties = _oblast_level(_events(parser, body), "casualty_report")
    assert "UA-48" in casualties and casualties["UA-48"].injured == 3


def test_the_region_after_two_named_regions_is_no_place(parser):  # near miss
    body = ("Russian drones hit the Mykolaiv and Odesa regions on Wednesday. On Thursday, shelling of the region "
            "wounded three people, the governor said.")
    assert not [e for e in _events(parser, body) if e.event_type == "casualty_report"]


def test_the_regions_governor_is_no_reference_to_a_place(parser):  # near miss
    body = ("The Mykolaiv region received new generators on Wednesday. On Thursday, three people were wounded, the "
            "region's governor said.")
    assert not [e for e in _events(parser, body) if e.event_type == "casualty_report"]


def test_a_village_taken_in_the_region_referred_back_to_is_a_change_of_control_in_that_oblast(parser):
    body = ("Fighting raged in the Belgorod region on Monday. Officials said Ukrainian troops captured a village in "
            "the region.")
    assert "RU-BEL" in _oblast_level(_events(parser, body), sub="capture")


def test_a_village_taken_in_the_region_after_two_regions_is_no_event(parser):  # near miss
    body = ("Fighting raged in the Belgorod and Kursk regions on Monday. Officials said Ukrainian troops captured a "
            "village in the region.")
    assert not [e for e in _events(parser, body) if e.sub_event_type == "capture"]


def test_a_village_the_troops_left_is_the_withdrawal_and_its_region_no_second_one(parser):
    body = ("Russia is pulling back some of its forces in the Sumy and Chernihiv regions, officials said on Friday. "
            "The Chernihiv governor said Russian troops had left the village of Lukashivka.")
    withdrawals = [e for e in _events(parser, body) if e.sub_event_type == "withdrawal"]
    assert {(e.admin1_code, e.geo_precision == 3) for e in withdrawals} == {("UA-59", True), ("UA-74", False)}
    assert any(e.place is not None and e.place.text == "Lukashivka" for e in withdrawals)


def test_residents_who_left_a_village_are_no_withdrawal(parser):  # near miss
    body = "Many residents left the village of Lukashivka on Friday, the Chernihiv governor said."
    assert not [e for e in _events(parser, body) if e.sub_event_type == "withdrawal"]


# -- the oblasts that are never where an incident happened (these hold on main too: the contract kept) ---------------
def test_an_officials_title_a_dateline_aid_and_an_alert_list_make_no_oblast_event(parser):
    bodies = ("The Kharkiv regional governor said on Tuesday the situation remained tense but under control.",
              "The European Union pledged new aid for reconstruction in the Kharkiv region on Tuesday.",
              "Air raid alerts were declared in the Kyiv, Chernihiv and Sumy regions on Tuesday night.",
              "Russia could launch a new offensive in the Zaporizhzhia region within weeks, analysts warned.")
    for body in bodies:
        assert not [e for e in _events(parser, body) if e.event_type != "annexation_claim"], body


def test_a_datelined_region_beside_a_towns_strike_is_no_second_event(parser):
    body = ("KHERSON REGION, Ukraine (AP) — A Russian drone struck a bus in the town of Bilozerka on Thursday, killing "
            "one passenger, officials said.")
    events = [e for e in _events(parser, body) if e.event_type != "annexation_claim"]
    assert [(e.place.text, e.geo_precision) for e in events] == [("Bilozerka", 1)]


def test_a_region_attacked_a_day_earlier_than_a_towns_strike_of_the_page_is_its_own(parser):
    body = ("Russian missiles hit the town of Kupiansk at night on Friday, injuring six. A day earlier, Russian drones "
            "attacked the Kharkiv region, damaging a power line.")
    region = _oblast_level(_events(parser, body)).get("UA-63")
    assert region is not None and region.when.date == "2025-03-13"


def test_an_incursion_that_had_begun_on_a_day_is_a_dated_advance(parser):
    body = "By then the incursion into the Bryansk region had begun on March 2, Russian officials said."
    advances = _oblast_level(_events(parser, body), sub="advance")
    assert "RU-BRY" in advances and advances["RU-BRY"].when.date == "2025-03-02"
