"""Every weight and threshold of the events stage, in one place.

Each field says what it trades off. ``WEIGHTS`` is the instance the stage uses; tests may build
another with ``dataclasses.replace``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EventWeights:
    """Named weights and thresholds of extraction, incident building, merging and confidence."""

    # -- articles about something else (an outbreak, a crime, sport) that use a word of war in passing
    war_sentences_min: int = 2  # an article with this many sentences speaking of war is war news ...
    war_sentence_share: float = 0.25  # ... or with this share of its sentences; else only incidents told with a
    # word of war in their own sentences are events (one war word in twelve sentences is a passing mention)
    # -- annexation claims
    claim_anaphor_places: int = 4  # "the peninsula" in a claim refers back to an oblast among this many places named
    # -- incidents inside one article
    casualty_lookback_paragraphs: int = 3  # how far back a figure with no place of its own may borrow one
    incident_lookback_paragraphs: int = 2  # how far back "the strike" / "the city" may reach for its place
    object_window_chars: int = 70  # how far after a capture / recapture verb its place may stand
    subject_window_chars: int = 60  # how far before a passive "was seized" its place may stand
    subject_start_chars: int = 5  # how near a sentence's start its first place stands to be its subject ("X ... took it")
    open_incidents: int = 6  # how many of the article's latest incidents a sentence may join (bounds the work)
    strike_object_bonus: float = 1.5  # score a place earns as the object of an active strike ("an airstrike at X"):
    # above one more mention (2.0 per sentence names the place most named), below two, so the object wins over the
    # sentence's other places (where the effects were felt) but not over a place every sentence names
    doubtful_place_confidence: float = 0.5  # a sentence whose only places the geoparser is less sure of than this,
    # with no toll beyond the incident's, stays in the incident told before (a far namesake of an unknown village
    # would otherwise split off a sub-count of the toll as an incident of its own)
    withdrawal_capture_days: int = 2  # how many days apart one side's withdrawal from a place and the other side's
    # capture of it may be told in one article and still be one change of control
    statement_after_days: int = 2  # how many days after an incident's day a statement referring back to it ("the
    # shelling damaged a school, the governor said on Sunday") may be dated and still tell of it
    breakdown_window_chars: int = 60  # how far after a figure the place it is told at may stand, for the figures
    # after a total to be its breakdown by place ("ten were injured: seven in A and three more in B"); further, the
    # place may be the next clause's
    toll_ratio_split: float = 0.4  # a dated sentence whose toll is below this share of the incident's starts another
    toll_outlier_ratio: float = 10.0  # a total told with no attack and no place over this many times every total
    # of its kind the incident's sentences of an attack or a place state is a wider sum, not the toll (a toll that
    # grows is told as such: "the toll rose to 16" after 2 killed stays an update)
    toll_outlier_min: int = 100  # ... and at least this many: a war's or a country's sum runs to hundreds; a toll of
    # tens told later without "rose" ("15 died, officials said later" after one killed) is still the incident's
    stale_days: int = 5  # an attack stated this many days before the page's date (a photo caption, a reminder) and one
    # told with no day (the page's news) are two incidents unless one refers back to the other or shares a figure;
    # lower splits an article's own incident from a weekday it names, higher lets a caption's old strike date the news
    # -- consolidating one article's events (``consolidate``)
    consolidate_km: float = 40.0  # a town named to locate a village ("A near B", "A, between B and C") lies this close
    # at most; further, the two are told as two places (front-line villages lie 5-30 km from the town locating them)
    consolidate_district_km: float = 120.0  # ... and a district named to locate a place in it (a raion spans ~100 km)
    consolidate_quarter_km: float = 25.0  # a city's district ("the X district of the city") lies this close to its
    # centre at most (Kyiv's districts: up to ~15 km; a raion of an oblast named alike lies much further)
    consolidate_gap_chars: int = 80  # at most this many characters between a place and the town locating it
    # -- merging across articles
    duplicate_entry_km: float = 1.0  # two differently named towns closer than this are one settlement listed twice
    # (Ukraine in the gazetteer: 486 pairs of differently named villages lie 1-2 km apart, 25 pairs closer than 0.5 km)
    merge_km: float = 15.0  # two points this close are the same place whatever the spelling
    merge_days_exact: int = 2  # day-precision dates this far apart may still be one incident
    report_lag_days: int = 1  # a day a text fixes may follow another report's publication date by this many days
    # and still be the incident it told (an overnight attack, a page dated in another time zone); more: two incidents
    merge_days_coarse: int = 7  # week- or month-precision dates this far apart may still be one incident
    merge_days_handover: int = 7  # two reports of one settlement passing to one named side this many days apart are
    # one change of control (outlets date the claim, the confirmation and the admission days apart); a strike is not
    toll_ratio_compatible: float = 0.4  # tolls within this ratio (smaller / larger) may be one incident (23 vs 25)
    toll_ratio_same_day: float = 0.25  # ... looser for the same day, place and weapon (an early toll and a later one)
    merge_days_toll_growth: int = 1  # two reports of one settlement this many days apart may be one strike whose toll
    # grew between them, however far (``merge._toll_grown``): the first hours' count and the next day's
    toll_abs_compatible: int = 3  # ... or within this many people of each other
    toll_ratio_undated: float = 1.0  # a report with no date merges only when the figures both state agree this
    # closely (smaller / larger, no absolute slack): exactly, since with no date no toll can be told to be the later
    undated_distinct_figure: int = 10  # ... but one kind of figure may differ as an early and a later toll when the
    # other kind agrees and is at least this (two attacks on one city with the same 10+ injured are rare; 2 are not)
    undated_loose_weapon_figures: int = 2  # ... and, when the two tell the attack differently (shelling, a missile;
    # never two named weapons), only when this many kinds of figure (killed and injured) agree, or one figure alike of
    # at least ``undated_distinct_figure`` does: one small figure alike ("2 killed") is too common to tell one attack
    # from another; the same 40 dead in one town are one attack however an outlet names the weapon
    oblast_distinct_figure: int = 5  # a report placed only at its oblast joins one at a settlement of that oblast on
    # the same day or so only with a figure alike of at least this (and the same weapon): an oblast is struck many
    # times a day, and "one killed" alike says nothing; the same 5+ dead by one weapon on one day are one strike
    district_km: float = 45.0  # a settlement this near a rural district's or hromada's seat may lie in it (raions
    # are 30-80 km across, the seat often off-centre); a report at the district joins one there only with figures
    # alike that identify the strike (``merge._district_and_settlement``)
    near_km: float = 30.0  # a report told only near a city ("near Kyiv", "just outside Kharkiv") may tell a strike on
    # a settlement this far from it (Irpin, Brovary: 20 km from Kyiv's point, in another unit), only with figures alike
    # that identify the strike (``merge._near_and_settlement``); the merge's grid cells find at least 14 km
    # -- which of several compatible merged events a report joins (``merge.fit``; the best fit wins, ties by age)
    fit_figure: float = 1.0  # per kind of figure (killed, injured) both state alike: the strongest sign of one incident
    fit_event_type: float = 0.5  # both casualty reports, or both strikes without figures
    fit_sub_type: float = 0.3  # the same sub-type (the same weapon, the same change of control)
    fit_settlement: float = 0.3  # the same gazetteer entry, not only points within ``merge_km``
    fit_per_day: float = 0.2  # per day apart (an undated side counts as ``merge_days_coarse`` days): a day or two
    # weigh less than a matching sub-type and settlement, a week (1.4) more than one figure alike
    # -- confidence (``confidence``: a sum of these, clipped; the calibration tables are in
    # benchmarks/RESULTS_events.md, session 14). Each signal is monotone; the sizes are set by hand (too few wrong
    # events to fit them): no weak signal outweighs the capital's, and the bases keep their order
    conf_base_casualty: float = 0.6  # a casualty report with its figures
    conf_base_control: float = 0.6  # a capture, recapture, withdrawal ... with its place as the verb's object
    conf_base_strike: float = 0.5  # a strike without figures (told with less than a casualty report)
    conf_base_claim: float = 0.85  # an annexation claim on a named oblast by a named claimant
    conf_headline: float = 0.1  # the incident is in the headline or the first paragraph (the story's subject)
    conf_claimant: float = 0.05  # the figures carry who said them
    conf_capital_place: float = -0.25  # the place is a national capital: its name most often stands for the
    # government ("Moscow said", "the Kyiv regime"); takes a capital told outside the lede below 0.5, while a
    # casualty report at one told in the lede with its claimant stays at 0.5 (0.6 + 0.1 + 0.05 - 0.25)
    conf_per_extra_source: float = 0.1  # each further independent report (after the merge across articles)
    conf_toll_disagreement: float = -0.15  # a further report stating another toll: no bonus, and this instead (on
    # every development set, 56 % of such merged reports match each article's gold toll, against 86 % for one report
    # and 90 % for reports agreeing: benchmarks/RESULTS_events.md, session 15)
    conf_min: float = 0.05  # never ruled out
    conf_max: float = 0.99  # never certain


WEIGHTS = EventWeights()
