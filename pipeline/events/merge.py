"""Merging: the same incident reported by several articles becomes one event with all its sources.

Two events are one incident when they are *compatible* (:func:`mergeable`), one rule whichever side is
dated and whichever comes first:

- **place**: the same settlement under any spelling (the same gazetteer entry, or points within
  ``WEIGHTS.merge_km``; a settlement the gazetteer lacks, placed at its oblast's seat, by its name however spelt
  (``translit.spelling_key``); for a change of control, not two differently named villages, but two villages of one
  name in one oblast when both tell the same change, dated: :func:`_namesakes`; a report placed only at its oblast
  and one at a settlement of that oblast (or of a unit on the land the oblast is named after: Sevastopol on Crimea,
  ``_LAND_HOLDS``), within a day or two, when they tell the same change of control by the same side or the same toll
  of one weapon, or a strike of one weapon by one side (a toll on one side at most) when
  the settlement is the oblast's centre, bearing its name: :func:`_oblast_and_settlement`, :func:`_at_centre`; a
  report at a rural district or hromada and one at a settlement within ``district_km`` of its seat, within a day or
  two, with figures alike that identify the strike or the same change of control: :func:`_district_and_settlement`;
  a change of control one outlet's second name for a town placed far from the front (Krasnoarmeysk resolved in
  Saratov oblast, ``Event.namesakes``) and one at the front-line town bearing that name, within a day or two, gained
  by the same named side: :func:`_displaced`, the merged event at the front-line town; a casualty report told only
  near a city ("near Kyiv") and one at a settlement within ``near_km`` of it in any unit (Irpin), within a day or two,
  with figures alike that identify the strike: :func:`_near_and_settlement`);
- **type**: compatible types and sub-types (a drone strike is not a missile strike nor an air strike, unless
  one report's own sentences name the other's weapon too, "a missile and drone attack": :func:`named_weapons`, or
  both report the same identifying toll at one settlement within a day or two: :func:`_one_toll_two_weapons`; a
  capture and a recapture of one town are not one change of control; a capture and the other side's withdrawal,
  the same side gaining the place, are one);
- **tolls**: compatible (23 vs 25 killed, not 1 vs 12): within ``toll_ratio_*`` or ``toll_abs_compatible``; or one
  strike's toll grown between two reports of one settlement a day apart at most, the later report's figures all at
  least the earlier's and one distinctive (2 killed and 20 injured in the first hours, 16 and 59 the next day) or one
  grown that the later report words as its toll's latest state (1 killed, then "the toll has risen to four"):
  :func:`_toll_grown`);
- **dates**: when both are dated, within ``merge_days_*``; strikes further apart than ``merge_days_exact``
  (possible only through a coarse date's slack) also need figures both state alike that identify the incident
  (:func:`_figures_identify`: both kinds, or one of ``undated_distinct_figure``), or (:func:`_page_bounded`)
  the later day is only its page's own and the figures read as one toll updated (:func:`_toll_updated`: none
  lower in the later report, a distinctive one; "the toll has risen to 34" three days after 25 killed were
  reported); a change of control of one settlement to one named side within ``merge_days_handover``
  (:func:`_one_handover`: outlets date the claim, the confirmation and the admission days apart). Two casualty
  reports with day-precision dates more than a day apart and no figure alike are one incident only so (a city
  shelled on Monday and again on Wednesday), and a day a text fixes more than ``report_lag_days`` after the other
  report was published is never the incident that report told (:func:`_after_report`). A report with no date
  at all (an undated page that states no day) needs stronger evidence, whether the other side is dated or
  not (:func:`_undated_evidence`): the same settlement for sure (the same gazetteer entry, not just
  nearby, and neither told only near it: :func:`_near_only`), and for a strike figures both state that agree and identify it (:func:`_figures_agree`: exactly,
  or one kind as an early and a later toll when the other is distinctive; both kinds alike, or one distinctive
  figure alike: "3 injured" alone is too common) with no other weapon (a shelling and an air strike only when
  killed and injured both agree, or one distinctive figure does: :func:`_figures_identify`); for a change of
  control the same change by the same
  side, or a capture / recapture / withdrawal with the same gainer ("captured" is the other's "withdrew").
  A strike with no figures and no date is never merged: a city is struck too often to know which time.

Figures are alike (:func:`_alike`) when the tolls are equal or one outlet's toll is a total the other stated too
before it settled on an update ("4 killed, 7 injured", later "9 injured"): both counted the same dead and wounded.

Of several merged events a report may join, it joins the one it fits best (:func:`fit`), and one
article's events are paired with them best fit first (``CrossArticleMerge.add``), each at most once, so
that which article came first matters less (a test runs six articles in every order). An article's change of
control left unpaired then joins, by the same village name in its oblast, a change told by an outlet whose other
reports its other events joined, undated or at another namesake (:func:`_companions`: two outlets telling one list
of villages taken).

Claims merge per oblast and claimant, keeping every stage with its date.

Across outlets the toll follows one rule (ACLED's practice): the reports with the latest
publication date win (a page with no date is not known to be older: its report is among them; of one day, a report
whose figures another tells as grown from them, "the toll has risen to six", is older: :func:`_not_superseded`), and
among them the most conservative report (the lowest killed, then the lowest injured),
whose two figures are taken as a pair (never one outlet's killed with another's injured, a pair no one stated); a kind
that report leaves unsaid comes from the latest others, else the earlier ones, lowest first; a lower total every outlet
stated, of which the chosen figure is only a small update one outlet gave, is taken instead (:func:`_corroborated`). The date is the finest
reported, except that of two days that are only their pages' own (``date_basis`` "page") the earlier is kept whatever
their precision (the incident cannot follow its first report: :func:`_earlier_page`); of two days, the one the text fixes more firmly (``date_basis``; the page's own day stated, a
dateline or "today", is no firmer than the page), then the one reported sooner after it (``report_lag``), then the
earlier, whichever came first; of two coarse (week) dates, the earlier, since an incident cannot follow its first
report. A side one report leaves unsaid (``actor``, ``gains``) is taken from another that names it.
"""

from __future__ import annotations

import bisect
import pickle
import sys
from array import array
from dataclasses import fields, replace
from datetime import timedelta
from functools import lru_cache
from hashlib import blake2b
from itertools import islice

from pipeline.events.annexation import absorb_claim
from pipeline.events.incidents import _ratio_ok, distinct_settlements, km, same_place, seat_only
from pipeline.events.records import DATE_BASIS, Event, Report
from pipeline.events.triggers import _HOME, INCIDENT_TRIGGERS, TRIGGER_NEEDS, folded
from pipeline.model import Place, fast_dumps
from pipeline.events.weights import WEIGHTS
from pipeline.text.dates import EventDate, parse_iso
from pipeline.text.translit import spelling_key

_CONTROL = ("encirclement", "recapture", "withdrawal", "capture", "advance")
_HANDOVER = ("capture", "recapture", "withdrawal")  # a place changing hands, told by the side that took it or left it


def _dates_compatible(a: EventDate, b: EventDate) -> bool:
    da, db = parse_iso(a.date), parse_iso(b.date)
    if da is None or db is None:
        return da is None and db is None
    coarse = max(a.precision or 1, b.precision or 1) > 1
    slack = timedelta(days=WEIGHTS.merge_days_coarse if coarse else WEIGHTS.merge_days_exact)
    return abs(da - db) <= slack


def _control(event: Event) -> bool:
    return event.sub_event_type in _CONTROL


def _types_compatible(a: Event, b: Event) -> bool:
    ca, cb = a.sub_event_type in _CONTROL, b.sub_event_type in _CONTROL
    if ca or cb:
        return ca and cb and a.event_type == b.event_type == "frontline_incident" and \
            (a.gains == b.gains or "unknown" in (a.gains, b.gains) or None in (a.gains, b.gains))
    return not _weapons_differ(a, b) or _one_toll_two_weapons(a, b)


_WEAPONS = ("missile_strike", "drone_strike", "airstrike")  # sub-types that name a weapon: two differ
_GENERIC = ("unspecified", "attack", "explosion")  # sub-types that say nothing of how it was struck


def _weapons_differ(a: Event | MergeView, b: Event | MergeView) -> bool:
    """Two strikes told with two different weapons (a missile, a drone, an air-dropped bomb) are two strikes, unless
    one report's own sentences name the other's weapon in a strike's wording too (:func:`named_weapons`: "a combined
    missile and drone attack" is one outlet's missile strike and another's drone strike)."""
    if a.sub_event_type == b.sub_event_type or a.sub_event_type not in _WEAPONS or b.sub_event_type not in _WEAPONS:
        return False
    return a.sub_event_type not in named_weapons(b) and b.sub_event_type not in named_weapons(a)


def named_weapons(event: Event | MergeView) -> frozenset[str]:
    """The weapons (``_WEAPONS``) an event's sentences name in a strike's wording (``INCIDENT_TRIGGERS``), with its
    own sub-type's."""
    if isinstance(event, MergeView):
        return event.weapons
    own = frozenset((event.sub_event_type,)) if event.sub_event_type in _WEAPONS else frozenset()
    if event.event_type == "annexation_claim" or event.sub_event_type not in _WEAPONS:
        return own  # a weapon named beside a change of control or an unnamed attack widens nothing
    return own | _weapons_in(tuple(dict.fromkeys(s.quote for s in event.sources)))


@lru_cache(maxsize=4_096)
def _weapons_in(quotes: tuple[str, ...]) -> frozenset[str]:
    """The weapons of ``_WEAPONS`` whose strike wording (``INCIDENT_TRIGGERS``, gated by ``TRIGGER_NEEDS``) is in one
    of ``quotes``."""
    found = set()
    for quote in quotes:
        low = folded(quote)
        found.update(w for w in _WEAPONS if w not in found and any(n in low for n in TRIGGER_NEEDS[w])
                     and _WEAPON_TRIGGERS[w].search(quote))
    return frozenset(found)


_WEAPON_TRIGGERS = {name: rx for name, rx in INCIDENT_TRIGGERS if name in _WEAPONS}


def _reports_at_one_settlement(a: Event, b: Event) -> tuple | None:
    """The days of two casualty reports at one settlement for sure, both dated; None for any other pair."""
    if a.event_type != "casualty_report" or b.event_type != "casualty_report":
        return None
    key = settlement(a.place)
    if key is None or key != settlement(b.place):
        return None
    da, db = parse_iso(a.when.date), parse_iso(b.when.date)
    return None if da is None or db is None else (da, db)


def _one_toll_two_weapons(a: Event, b: Event) -> bool:
    """Two casualty reports naming two weapons that are still one strike: one settlement for sure, both dated within
    ``merge_days_exact``, and the same toll, which identifies it (every figure both state equal, and both kinds,
    or one of at least ``undated_distinct_figure``). Outlets often disagree on the weapon in the first hours (a
    missile for one, a guided bomb for another); two strikes on one village with the same 40 dead are not seen."""
    days = _reports_at_one_settlement(a, b)
    if days is None or abs((days[0] - days[1]).days) > WEIGHTS.merge_days_exact:
        return False
    shared, distinct = 0, False
    for x, y in _both_stated(a, b):
        if x != y:
            return False
        shared += x > 0
        distinct = distinct or x >= WEIGHTS.undated_distinct_figure
    return distinct or shared >= len(_KINDS)


def _tolls_compatible(a: Event, b: Event) -> bool:
    same_day = a.when.date is not None and a.when.date == b.when.date and \
        a.sub_event_type == b.sub_event_type
    ratio = WEIGHTS.toll_ratio_same_day if same_day else WEIGHTS.toll_ratio_compatible
    return all(_ratio_ok(x, y, ratio) for x, y in _both_stated(a, b)) or _toll_grown(a, b)


def _toll_grown(a: Event | MergeView, b: Event | MergeView) -> bool:
    """Two casualty reports of one strike told at two hours, however far the tolls grew: one settlement for sure, both
    dated within ``merge_days_toll_growth``, no two different weapons, and the report published later (or the same
    day) states every figure both state at least as high as the other, and the growth reads as one toll updated
    (:func:`_grown`: a figure of at least ``undated_distinct_figure``, 2 killed and 20 injured in the first hours, 16
    and 59 the next day; or a grown figure the later report words as its toll's latest state, "the toll has risen to
    five" after "one person was killed"). A smaller toll published later is not an update, and two small tolls on one
    day, neither told as grown, may be two strikes on a city."""
    days = _reports_at_one_settlement(a, b)
    if days is None or abs((days[0] - days[1]).days) > WEIGHTS.merge_days_toll_growth or _weapons_differ(a, b):
        return False
    pa, pb = _published(a), _published(b)
    pairs = [(k, x, y) for k, x, y in ((k, getattr(a, k), getattr(b, k)) for k in _KINDS)
             if x is not None and y is not None]
    if pa is None or pb is None or not pairs:
        return False
    return (pa <= pb and _grown(pairs, b)) or (pb <= pa and _grown([(k, y, x) for k, x, y in pairs], a))


def _grown(pairs: list[tuple[str, int, int]], later: Event | MergeView) -> bool:
    """Whether of each pair (kind, the earlier figure, the ``later`` report's) the second is at least the first, and
    one of them at least ``undated_distinct_figure``, or one grown that ``later`` words as an update (:func:`_updates`:
    the later report itself tells that its toll grew from a lower count)."""
    if not all(x <= y for _k, x, y in pairs):
        return False
    return max(y for _k, _x, y in pairs) >= WEIGHTS.undated_distinct_figure or \
        any(y > x and (k, y) in _updates(later) for k, x, y in pairs)


def _updates(event: Event | MergeView) -> frozenset[tuple[str, int]]:
    """The totals an event's reports word as the latest state of a toll that grew (``CasualtyClaim.update``: "the toll
    has risen to five", "bringing the toll to 12"), as (kind, figure), non-zero."""
    if isinstance(event, MergeView):
        return event.updates
    return frozenset((c.kind, c.value) for c in event.casualty_claims if c.update and c.role == "total" and c.value > 0)


def settlement(place: Place | None) -> tuple | None:
    """The key of a settlement known for sure: its gazetteer entry, else its name at its point (None: an oblast)."""
    if place is None or place.feature_kind == "admin1":
        return None
    if place.geonameid is not None:
        return ("id", place.geonameid)
    if seat_only(place):  # its point is its oblast's seat: known by its name in its oblast, however spelt
        return ("seat", place.admin1_code, spelling_key(place.name))
    return ("name", place.name, place.lat, place.lon)


_KINDS = ("killed", "injured")


def _both_stated(a: Event, b: Event) -> list[tuple[int, int]]:
    """The figures of each kind (``_KINDS``) both reports state, as pairs (a's, b's)."""
    return [(x, y) for x, y in ((getattr(a, k), getattr(b, k)) for k in _KINDS) if x is not None and y is not None]


def _stated(event: Event | MergeView) -> frozenset[tuple[str, int]]:
    """Every total an event's reports state, as (kind, figure): its toll and each stated total of its claims
    (``CasualtyClaim.role`` "total": not a sub-count, an increment or an observation), non-zero."""
    if isinstance(event, MergeView):
        return event.stated
    found = {(c.kind, c.value) for c in event.casualty_claims if c.role == "total" and c.value > 0}
    found.update((kind, getattr(event, kind)) for kind in _KINDS if getattr(event, kind))
    return frozenset(found)


def _alike(a: Event | MergeView, b: Event | MergeView) -> dict[str, int]:
    """The kinds of figure both reports state as a toll for which both stated one total alike (kind -> the largest
    such figure): the tolls equal, or one outlet's toll told by the other too before it settled on an update ("5
    killed, 8 injured" in one outlet; "5 killed and 8 injured", later "11 injured", in the other). Two reports that
    once stated the same figures counted the same dead and wounded."""
    out: dict[str, int] = {}
    for kind in _KINDS:
        x, y = getattr(a, kind), getattr(b, kind)
        if not x or not y:
            continue
        if x == y:
            out[kind] = x
            continue
        common = [v for k, v in _stated(a) & _stated(b) if k == kind]
        if common:
            out[kind] = max(common)
    return out


def _figures_agree(a: Event, b: Event) -> bool:
    """Both state a figure of one kind and every figure both state agrees within ``toll_ratio_undated`` (exactly:
    with no date, 3 and 4 killed cannot be told to be an early and a later toll rather than two shellings of one
    city). A kind only one report states is no conflict (an outlet may leave the injured unsaid). One kind may
    differ as an early and a later toll (within ``toll_ratio_compatible``) when the other agrees and is at least
    ``undated_distinct_figure`` (7 and 12 killed with 33 injured each: one attack told at two hours).

    Figures are compared as :func:`_alike` reads them (an outlet's total before its update counts).
    The figures alike must also identify the incident: both kinds alike, or one alike of at least
    ``undated_distinct_figure``. One small figure alike (3 injured by a drone) is what a city struck most
    nights reports again and again: with no date it cannot tell this night's attack from another's."""
    shared, distinct, updated = 0, False, 0
    alike = _alike(a, b)
    for kind in _KINDS:
        x, y = getattr(a, kind), getattr(b, kind)
        if x is None or y is None:
            continue
        if kind in alike:
            x = y = alike[kind]
        lo, hi = sorted((x, y))
        if hi and lo / hi < WEIGHTS.toll_ratio_undated:
            if not _ratio_ok(lo, hi, WEIGHTS.toll_ratio_compatible):
                return False
            updated += 1
            continue
        shared += hi > 0
        distinct = distinct or hi >= WEIGHTS.undated_distinct_figure
    if not (distinct or shared >= len(_KINDS)):
        return False  # nothing distinctive alike
    return not updated or (updated == 1 and distinct)


def _undated_evidence(a: Event, b: Event) -> bool:
    """Whether two events of which one or both carry no date at all are still surely one incident.

    Symmetric, and the same whether the other side is dated or not: the same settlement for sure
    (:func:`settlement`, not only within ``merge_km``), and either the same change of control by the same
    side (or a side one report leaves unsaid), or two casualty reports of one weapon (or one left unsaid) whose
    figures agree (:func:`_figures_agree`); told with two wordings of the attack, figures that identify it.
    """
    key = settlement(a.place)
    if key is None or key != settlement(b.place) or _near_only(a) or _near_only(b):
        return False
    if _control(a) or _control(b):
        return _same_handover(a, b)
    if a.event_type != "casualty_report" or b.event_type != "casualty_report":
        return False  # a strike with neither date nor figures: a city is struck too often to know which time
    if not _figures_agree(a, b):
        return False
    subs = {a.sub_event_type, b.sub_event_type} - set(_GENERIC)
    if len(subs) <= 1:
        return True  # one weapon, or one left unsaid
    # two ways of telling the attack (shelling, an air strike): one incident only when every figure agrees in full,
    # or a distinctive one does (``_figures_identify``: the same 40 dead in one town)
    return not _weapons_differ(a, b) and \
        (_figures_shared(a, b) >= WEIGHTS.undated_loose_weapon_figures or _figures_identify(a, b))


def _near_only(event: Event | MergeView) -> bool:
    """Whether an event is told only near its settlement (``geo_precision`` 2 from the text's "near", "outside", or a
    place borrowed from the context), not at it: a village at its hromada's estimated point (``approx_point``) or a
    district at its seat is at its place. Without a date, "near X" is not X for sure (positions near a town are lost
    and won many times)."""
    place = event.place
    return event.geo_precision == _NEAR_PRECISION and place is not None and not place.approx_point and \
        place.precision != "admin2"


_NEAR_PRECISION = 2  # ACLED geo precision: near a place, or part of a district


def _same_handover(a: Event, b: Event) -> bool:
    """The same change of control, for a pair one of which has no date: the same verb by the same side (or a side
    one report leaves unsaid), or a capture / recapture / withdrawal in which both reports name the same gainer
    (one outlet's "captured" is the other's "withdrew from")."""
    if a.sub_event_type == b.sub_event_type:
        return a.gains == b.gains or "unknown" in (a.gains, b.gains) or None in (a.gains, b.gains)
    return a.sub_event_type in _HANDOVER and b.sub_event_type in _HANDOVER and \
        a.gains == b.gains and a.gains not in (None, "unknown")


def _figures_identify(a: Event, b: Event) -> bool:
    """Whether the figures alike in two reports identify one incident across days further apart than a day's slack:
    both kinds alike, or one alike of at least ``undated_distinct_figure`` (the other kind only compatible: an
    update). One small figure alike ("1 killed", the injured told 5 and 8) is what a port or a city struck every few
    days reports again and again: a week apart it cannot tell this strike from the last one."""
    alike = _alike(a, b)
    return len(alike) >= len(_KINDS) or any(x >= WEIGHTS.undated_distinct_figure for x in alike.values())


def _figures_shared(a: Event, b: Event) -> int:
    """How many kinds of figure (killed, injured) both reports state alike, non-zero (:func:`_alike`)."""
    return len(_alike(a, b))


def mergeable(a: Event, b: Event) -> bool:
    """Whether two events (from different articles) are one incident (the module docstring's rule)."""
    if a.event_type == "annexation_claim" or b.event_type == "annexation_claim":
        return a.event_type == b.event_type and a.admin1_code == b.admin1_code and a.claimed_by == b.claimed_by
    if a.place is None or b.place is None:
        return False
    if not same_place(a.place, b.place):
        if not (_namesakes(a, b) or _oblast_and_settlement(a, b) or _district_and_settlement(a, b) or
                _displaced(a, b) or _near_and_settlement(a, b)):
            return False
    elif _control(a) and distinct_settlements(a.place, b.place):
        return False  # neighbouring villages each change hands on their own
    if not (_types_compatible(a, b) and _tolls_compatible(a, b)):
        return False
    da, db = parse_iso(a.when.date), parse_iso(b.when.date)
    if da is None or db is None:
        return _undated_evidence(a, b)
    if not _dates_compatible(a.when, b.when):
        return _page_bounded(a, b) or _one_handover(a, b, abs((da - db).days))
    # days further apart than a day's slack are one strike only with figures alike that identify it (a coarse date
    # only bounds the strike: a city is struck too often to join a toll of today to last week's strike told without one)
    if _after_report(a, b) or _after_report(b, a):
        return False  # an incident a text dates after the other report was published is not the one it reported
    if a.event_type == b.event_type == "casualty_report" and a.when.precision == b.when.precision == 1 and \
            abs((da - db).days) > 1 and not _figures_shared(a, b):
        return _page_bounded(a, b)  # two days apart, no figure alike: a city struck on both days, unless one toll updated
    return _control(a) or abs((da - db).days) <= WEIGHTS.merge_days_exact or _figures_identify(a, b) or \
        _page_bounded(a, b)


def _after_report(a: Event | MergeView, b: Event | MergeView) -> bool:
    """Whether ``a``'s text fixes its day (``DATE_BASIS`` firmer than the page's) more than ``WEIGHTS.report_lag_days``
    after the latest publication of ``b``'s reports: ``b`` was told before ``a`` happened (a city shelled on Monday
    and again on Wednesday; a page dated Monday cannot tell of Wednesday's shelling)."""
    day, published = parse_iso(a.when.date), parse_iso(_published(b))
    if day is None or published is None or a.when.precision != 1 or _basis(a) >= DATE_BASIS["page"]:
        return False
    return (day - published).days > WEIGHTS.report_lag_days


def _one_handover(a: Event, b: Event, days: int) -> bool:
    """Two reports of one settlement (for sure, :func:`settlement`) passing to one named side, dated further apart
    than a day's slack but within ``merge_days_handover``: one change of control whose claim, confirmation and
    admission outlets date days apart (or a weekday resolved a week off). A town passes to one side once in a while,
    not twice in a week; a recapture between the two would give the place to the other side."""
    if not (_control(a) and _control(b)) or days > WEIGHTS.merge_days_handover:
        return False
    key = settlement(a.place)
    if key is None or key != settlement(b.place):
        return False
    return a.gains == b.gains and a.gains not in (None, "unknown") and _same_handover(a, b)


def _oblast_only(event: Event) -> bool:
    return event.place is not None and event.place.feature_kind == "admin1"


def _within_exact_days(a: Event | MergeView, b: Event | MergeView) -> bool:
    """Whether both events are dated, within ``merge_days_exact`` of each other."""
    da, db = parse_iso(a.when.date), parse_iso(b.when.date)
    return da is not None and db is not None and abs((da - db).days) <= WEIGHTS.merge_days_exact


def _same_side_handover(a: Event | MergeView, b: Event | MergeView) -> bool:
    """Whether both events are one change of control (``_same_handover``) gained by the same named side."""
    return bool(_control(a) and _control(b) and _same_handover(a, b) and a.gains == b.gains and
                a.gains not in (None, "unknown"))


def _one_weapon(a: Event | MergeView, b: Event | MergeView) -> bool:
    """Whether two strikes may be one: one weapon, or one of them left unsaid (``_GENERIC``), by ``_weapons_differ``."""
    subs = {a.sub_event_type, b.sub_event_type} - set(_GENERIC)
    return not (len(subs) > 1 and (subs - set(_WEAPONS) or _weapons_differ(a, b)))


def _oblast_and_settlement(a: Event, b: Event) -> bool:
    """One report placed only at its oblast ("a bus in the X region", "a village in the X region") and another at a
    settlement of that oblast that tell the same news more or less precisely: both dated within ``merge_days_exact``,
    and either the same change of control by the same named side, or two casualty reports of one weapon (or one left
    unsaid) with every figure both state compatible (``toll_ratio_compatible``) and one alike (:func:`_alike`: also a
    total a merged report stated before another's update) of at least ``oblast_distinct_figure`` (an oblast is struck
    many times a day; the same 9 dead by one weapon on one day is one strike). A strike with no figures is never
    joined so: which of the oblast's towns it hit is not known."""
    if _oblast_only(a) == _oblast_only(b):
        return False
    region, other = (a, b) if _oblast_only(a) else (b, a)
    if other.admin1_code is None or other.admin1_code not in _units_of(region.admin1_code):
        return False
    if not _within_exact_days(a, b):
        return False
    if _control(a) or _control(b):
        return _same_side_handover(a, b)
    if not _one_weapon(a, b):
        return False
    both_tolls = a.event_type == b.event_type == "casualty_report"
    if _at_centre(other) and other.admin1_code == region.admin1_code and not both_tolls and not _opposed(a, b):
        return True  # the oblast's own name is its centre's: one strike told at two levels (a toll: ``mergeable``)
    if not both_tolls:
        return False
    if not all(_ratio_ok(x, y, WEIGHTS.toll_ratio_compatible) for x, y in _both_stated(a, b)):
        return False
    return any(x >= WEIGHTS.oblast_distinct_figure for x in _alike(a, b).values())


# a unit whose name is also the name of the land that holds another unit: "Crimea" is the peninsula as well as the
# republic, and Sevastopol (a unit of its own) lies on it, so a report placed only at Crimea may tell a strike on
# Sevastopol. A region named after its capital is not such a land: "the Kyiv region" is told apart from Kyiv city.
_LAND_HOLDS: dict[str, tuple[str, ...]] = {"UA-43": ("UA-40",)}
_HELD_BY: dict[str, tuple[str, ...]] = {}
for _land, _held in _LAND_HOLDS.items():
    for _unit in _held:
        _HELD_BY[_unit] = (*_HELD_BY.get(_unit, ()), _land)


def _units_of(admin1_code: str | None) -> tuple[str, ...]:
    """The units a report placed only at ``admin1_code`` may tell a settlement of: the unit itself and those its land
    holds (``_LAND_HOLDS``)."""
    if admin1_code is None:
        return ()
    return (admin1_code, *_LAND_HOLDS.get(admin1_code, ()))


def _at_centre(event: Event | MergeView) -> bool:
    """Whether an event is placed at a settlement that bears its oblast's name (``spelling_key``: Volgograd in the
    Volgograd region, Kharkiv in the Kharkiv region): the oblast's centre, which an outlet naming the strike only by its
    region ("the Volgograd region", or the bare name read as the region) means as well."""
    place = event.place
    if place is None or place.feature_kind == "admin1" or not event.admin1_name or seat_only(place):
        return False
    return spelling_key(place.name) == _unit_key(event.admin1_name)


@lru_cache(maxsize=1_024)
def _unit_key(admin1_name: str) -> tuple[str, ...]:
    """The spelling key of an oblast's name without its unit word ("Kiev City", "Moscow Oblast")."""
    words = [w for w in admin1_name.split() if w.lower() not in _UNIT_WORDS]
    return spelling_key(" ".join(words)) if words else ()


_UNIT_WORDS = frozenset({"oblast", "oblast'", "region", "city", "krai", "kray", "republic", "autonomous", "okrug"})


def _district(event: Event | MergeView) -> bool:
    """Whether an event is placed at a rural district or hromada (at its seat: place precision "admin2")."""
    return event.place is not None and event.place.precision == "admin2"


def _district_and_settlement(a: Event | MergeView, b: Event | MergeView) -> bool:
    """One report placed at a rural district or hromada (:func:`_district`, at its seat) and another at a settlement
    within ``WEIGHTS.district_km`` of that seat in the same oblast, that tell the same news more or less precisely: both
    dated within ``merge_days_exact``, and either the same change of control by the same named side, or two casualty
    reports of one weapon (or one left unsaid) by one side whose figures are all compatible (``toll_ratio_compatible``)
    and identify the strike: both kinds alike (:func:`_alike`), or one alike of at least ``oblast_distinct_figure``
    (a district is struck many times a day; the same 2 killed and 7 injured there on one day are one strike). A strike without figures is
    never joined so: which of the district's villages it hit is not known."""
    if _district(a) == _district(b) or a.admin1_code is None or a.admin1_code != b.admin1_code:
        return False
    if a.place.feature_kind == "admin1" or b.place.feature_kind == "admin1" or \
            km(a.place, b.place) > WEIGHTS.district_km:
        return False
    if not _within_exact_days(a, b):
        return False
    if _control(a) or _control(b):
        return _same_side_handover(a, b)
    if a.event_type != "casualty_report" or b.event_type != "casualty_report" or _opposed(a, b):
        return False
    if not _one_weapon(a, b):
        return False
    if not all(_ratio_ok(x, y, WEIGHTS.toll_ratio_compatible) for x, y in _both_stated(a, b)):
        return False
    alike = _alike(a, b)
    return len(alike) >= len(_KINDS) or any(x >= WEIGHTS.oblast_distinct_figure for x in alike.values())


def _near_and_settlement(a: Event | MergeView, b: Event | MergeView) -> bool:
    """One casualty report told only near a city (:func:`_near_only`: "near Kyiv", "just outside Kharkiv", at the
    city's point) and one at a settlement within ``WEIGHTS.near_km`` of it, in any unit (the suburbs of a city of its
    own lie in the region around it), that tell the same strike: both dated within ``merge_days_exact``, one weapon
    (or one left unsaid) by one side, every figure compatible (``toll_ratio_compatible``) and figures alike that
    identify it: both kinds, or one of at least ``oblast_distinct_figure`` (the same 8 killed near Kyiv and in Irpin
    on one day). Not a change of control (the positions near a town are many), nor a strike without figures."""
    if _near_only(a) == _near_only(b) or a.place is None or b.place is None:
        return False
    other = b if _near_only(a) else a
    if other.place.feature_kind != "city" or _district(other) or km(a.place, b.place) > WEIGHTS.near_km:
        return False
    if a.event_type != "casualty_report" or b.event_type != "casualty_report" or _opposed(a, b):
        return False
    if not (_within_exact_days(a, b) and _one_weapon(a, b)):
        return False
    if not all(_ratio_ok(x, y, WEIGHTS.toll_ratio_compatible) for x, y in _both_stated(a, b)):
        return False
    alike = _alike(a, b)
    return len(alike) >= len(_KINDS) or any(x >= WEIGHTS.oblast_distinct_figure for x in alike.values())


def _opposed(a: Event | MergeView, b: Event | MergeView) -> bool:
    """Whether two reports name opposite sides as the one who acted (``actor``): two strikes, not one."""
    return a.actor in _SIDES and b.actor in _SIDES and a.actor != b.actor


_SIDES = ("Russia", "Ukraine")


def _extra_keys(event: Event | MergeView) -> tuple[tuple, ...]:
    """The buckets besides its grid cell and name that an event is filed in: its oblast's (``_oblast_key``), and for
    a casualty report or change of control at a district, its oblast's districts' (where the reports at a settlement
    of the district look for it: :func:`_district_and_settlement`), and for a change of control its front-line
    settlement's (``_front_keys``)."""
    front = _front_keys(event)
    key = _oblast_key(event)
    if key is None:
        return front
    if _district(event) and (event.event_type == "casualty_report" or _control(event)):
        return key, ("district", event.admin1_code), *front
    return key, *front


def _oblast_key(event: Event | MergeView) -> tuple | None:
    """The bucket of a casualty report or change of control at a settlement by its oblast, where a report of the same
    news placed only at that oblast looks for it (:func:`_oblast_and_settlement`), and of any incident at the oblast's
    centre (:func:`_at_centre`); None for others."""
    if event.admin1_code is None or _oblast_only(event) or event.place is None or \
            not (event.event_type == "casualty_report" or _control(event) or _at_centre(event)):
        return None
    return ("oblast", event.admin1_code)


def _name_key(event: Event) -> tuple | None:
    """The settlement name in its oblast of a change of control, however spelt (``("name", admin1, spelling_key)``;
    None for others): where its namesakes and, for a settlement the gazetteer lacks, its other spellings are."""
    place = event.place
    if not _control(event) or place is None or place.feature_kind != "city" or event.admin1_code is None:
        return None
    return ("name", event.admin1_code, spelling_key(place.name))


def _namesakes(a: Event, b: Event) -> bool:
    """Two reports of one change of control that the geoparser placed at two villages of one name in one oblast
    (each outlet's namesake told apart by its own context): the same verb, by the same side (or one left unsaid),
    both dated; the dates then follow the usual rule, as for one settlement. Two villages of one name in one oblast
    changing hands to one side within a day or two are far rarer than an outlet's village resolved to the other
    namesake. With no date, only the same gazetteer entry will do (:func:`_undated_evidence`)."""
    key = _name_key(a)
    if key is None or key != _name_key(b) or a.place.name != b.place.name or a.sub_event_type != b.sub_event_type:
        return False
    return a.when.date is not None and b.when.date is not None and \
        (a.gains == b.gains or "unknown" in (a.gains, b.gains) or None in (a.gains, b.gains))


def _displaced(a: Event | MergeView, b: Event | MergeView) -> bool:
    """One change of control that one outlet's name placed far from the front (``Event.namesakes``: Krasnoarmeysk
    resolved to the town in Saratov oblast, which no front line passes) and another outlet placed at a settlement near
    the front bearing that name (Pokrovsk, whose former name it is): the same change when both are dated within
    ``merge_days_exact`` and the same named side gains the place (a capture, a recapture or the other side's
    withdrawal: :func:`_same_side_handover`). Not for a strike: a town deep inside Russia is struck too."""
    for far, near in ((a, b), (b, a)):
        if far.namesakes and near.place is not None and near.place.geonameid in far.namesakes:
            return not near.namesakes and _within_exact_days(a, b) and _same_side_handover(a, b)
    return False


def _front_keys(event: Event | MergeView) -> tuple[tuple, ...]:
    """The buckets by gazetteer id where a change of control placed far from the front and one at a front-line
    settlement bearing its name meet (:func:`_displaced`): the ids of its ``namesakes``, or its own settlement's id
    when it is a change of control there; () for others."""
    if event.namesakes:
        return tuple(("front", gid) for gid in event.namesakes)
    place = event.place
    if _control(event) and place is not None and place.geonameid is not None and place.feature_kind == "city":
        return (("front", place.geonameid),)
    return ()


def _day_bin(event: Event) -> int:
    """An event's day bin as ``CrossArticleMerge.day_of`` keeps it (``_NO_DAY``: undated)."""
    day = _day(event)
    return _NO_DAY if day is None else day


def _same_list_day(a: int, b: int) -> bool:
    """Whether two day bins (``_NO_DAY``: undated) may be one list's: both undated, or within ``merge_days_exact``."""
    if a == _NO_DAY or b == _NO_DAY:
        return a == b
    return abs(a - b) <= WEIGHTS.merge_days_exact


def _companions(a: Event | MergeView, b: Event) -> bool:
    """Two changes of control of villages of one name in one oblast (``_name_key``) that two outlets tell beside other
    changes already found to be the same (``CrossArticleMerge._companion``): one change when the same name is written
    (however spelt), the types agree (:func:`_types_compatible`: a capture and a recapture only when one side is left
    unsaid) and, both dated, the days are within a day's slack. Either may be undated, or at another namesake: the
    list they share identifies it."""
    if not (_control(a) and _control(b)) or a.place is None or b.place is None:
        return False
    if not _types_compatible(a, b):
        return False
    return a.when.date is None or b.when.date is None or _dates_compatible(a.when, b.when)


def _page_bounded(a: Event, b: Event) -> bool:
    """Two casualty reports whose days are further apart than the slack, one incident told at two times: the later
    day is only its page's own (the text states no day, so the page bounds the incident from above; "the toll has
    risen to 40" three days on), the other, firmer, day precedes it by at most ``merge_days_coarse``, at one
    settlement for sure, and the figures read as one toll updated (:func:`_toll_updated`)."""
    days = _reports_at_one_settlement(a, b)
    if days is None or days[0] == days[1]:
        return False
    da, db = days
    later, earlier = (a, b) if da > db else (b, a)
    if _basis(later) != DATE_BASIS["page"] or _basis(earlier) >= _basis(later):
        return False
    if abs((da - db).days) > WEIGHTS.merge_days_coarse:
        return False
    return _toll_updated(a, b)


def _published(event: Event | MergeView) -> str | None:
    """The latest publication date of an event's reports (ISO text, None when no report has one)."""
    if isinstance(event, MergeView):
        return event.published
    days = [r.published for r in event.reports if r.published]
    return max(days) if days else None


def _toll_updated(a: Event, b: Event) -> bool:
    """Whether two reports' figures read as one incident's toll updated: every kind both state within
    ``toll_ratio_compatible``, none lower in the later-published report (a toll grows as the dead are found),
    and a kind both state at least ``undated_distinct_figure`` (two strikes on one city a few days apart with
    10+ killed each are rare; with 2 killed they are not)."""
    pa, pb = _published(a), _published(b)
    if pa is None or pb is None:
        return False
    distinct = False
    for x, y in _both_stated(a, b):
        if not _ratio_ok(x, y, WEIGHTS.toll_ratio_compatible) or (pa < pb and y < x) or (pb < pa and x < y):
            return False
        distinct = distinct or min(x, y) >= WEIGHTS.undated_distinct_figure
    return distinct


def fit(a: Event, b: Event) -> float:
    """How well two mergeable events fit each other (``WEIGHTS.fit_*``): figures both state alike, the same kind of
    event and weapon, the same settlement, and the fewer days apart the better. Of several incidents one report
    may join (a strike a week ago and today's at one city, both within a coarse date's slack), it joins the best."""
    w = WEIGHTS
    score = w.fit_figure * _figures_shared(a, b)
    score += w.fit_event_type * (a.event_type == b.event_type) + w.fit_sub_type * (a.sub_event_type == b.sub_event_type)
    key = settlement(a.place)
    score += w.fit_settlement * (key is not None and key == settlement(b.place))
    da, db = parse_iso(a.when.date), parse_iso(b.when.date)
    days = abs((da - db).days) if da is not None and db is not None else WEIGHTS.merge_days_coarse
    return score - w.fit_per_day * days


def _reported_toll(event: Event) -> tuple[int | None, int | None]:
    """The merged toll: one report's figures as a pair, not each kind from another report (module docstring)."""
    if not event.reports:
        return event.killed, event.injured
    latest = max((r.published or "") for r in event.reports)
    current = [r for r in event.reports if (r.published or latest) == latest and
               (r.killed is not None or r.injured is not None)]  # a page with no date is not known to be older
    current = _not_superseded(event, current)
    chosen = min(current, key=_conservative, default=None)
    out = []
    for attr in ("killed", "injured"):
        value = getattr(chosen, attr) if chosen is not None else None
        if value is None:  # the chosen report leaves it unsaid: the most conservative latest, else earlier, one
            values = [getattr(r, attr) for r in current if getattr(r, attr) is not None] or \
                [getattr(r, attr) for r in event.reports if getattr(r, attr) is not None]
            value = min(values) if values else None
        out.append(_corroborated(event, attr, value))
    return out[0], out[1]


def _not_superseded(event: Event, reports: list[Report]) -> list[Report]:
    """The reports of one publication day but those another of them updates: a report whose toll is worded as grown
    ("the toll has risen to six": ``CasualtyClaim.update``) tells a later count than one of the same day whose every
    figure both state is at most its own and one lower ("one killed" that morning). Pages are dated by the day only;
    that wording is what orders them within it."""
    grown = {(c.article, c.kind, c.value) for c in event.casualty_claims if c.update and c.role == "total" and c.value}
    if len(reports) < 2 or not grown:
        return reports

    def updates(u: Report, r: Report) -> bool:
        pairs = [(k, x, y) for k, x, y in ((k, getattr(r, k), getattr(u, k)) for k in _KINDS)
                 if x is not None and y is not None]
        return u.article != r.article and bool(pairs) and all(x <= y for _k, x, y in pairs) and \
            any(y > x and (u.article, k, y) in grown for k, x, y in pairs)

    kept = [r for r in reports if not any(updates(u, r) for u in reports)]
    return kept or reports


def _corroborated(event: Event, kind: str, value: int | None) -> int | None:
    """The merged figure of one kind: ``value`` (the latest reports' choice), unless every outlet merged stated a lower
    total of that kind (a claim, ``role`` "total") and ``value`` is only an update of it within
    ``toll_ratio_compatible`` that not every outlet gave: then the lowest figure all stated (corroborated by every
    source, and the conservative one: ACLED's practice). A toll grown further (2 killed in the first hours, 16 the
    next day) stays the latest's."""
    articles = {r.article for r in event.reports}
    if value is None or len(articles) < 2:
        return value
    stated: dict[str, set[int]] = {}
    for claim in event.casualty_claims:
        if claim.kind == kind and claim.role == "total" and claim.value > 0:
            stated.setdefault(claim.article, set()).add(claim.value)
    if any(article not in stated for article in articles):
        return value
    common = set.intersection(*(stated[article] for article in articles))
    if not common or value in common:
        return value
    low = min(common)
    return low if low < value and _ratio_ok(low, value, WEIGHTS.toll_ratio_compatible) else value


_UNSAID = 1 << 30  # a kind a report leaves unsaid sorts after every stated figure


def _conservative(report: Report) -> tuple[int, int]:
    """A report's place in the conservative order: the lowest killed, then the lowest injured (unsaid last)."""
    return (_UNSAID if report.killed is None else report.killed, _UNSAID if report.injured is None else report.injured)


_COARSE_PRECISION = 2  # ACLED "week": a date that only bounds the incident (e.g. the article's own date)


def _earlier_coarse(other: EventDate, into: EventDate) -> bool:
    """Two coarse dates of one incident: the earlier bounds it better (it cannot follow its first report)."""
    if other.precision != _COARSE_PRECISION or into.precision != _COARSE_PRECISION:
        return False
    a, b = parse_iso(other.date), parse_iso(into.date)
    return a is not None and b is not None and a < b


def _earlier_page(other: EventDate, into: EventDate) -> bool:
    """Two days that are only their pages' own (``date_basis`` "page": the page's date, or its own day stated as
    "today" or "on Sunday" on a Sunday): the earlier bounds the incident, which cannot follow its first report,
    whatever their precision; of one day, the finer."""
    a, b = parse_iso(other.date), parse_iso(into.date)
    if a is None or b is None:
        return False
    return a < b or (a == b and (other.precision or 9) < (into.precision or 9))


def _basis(event: Event) -> int:
    """How firmly an event's text fixes its day (``DATE_BASIS``; lower is firmer), read in one place."""
    return event.date_basis


_NO_LAG = 1 << 30  # a day whose report date is unknown counts as reported last


def _firmer_day(a: Event, b: Event) -> bool:
    """Whether ``a``'s day (both of day precision) is the better of two: fixed more firmly by its text (``date_basis``);
    equally firm, the one reported sooner after it (news is fresh: a weekday resolved to six days before its page is
    more often a week off than a day told six days late); then the earlier. The same whichever came first."""
    da, db = parse_iso(a.when.date), parse_iso(b.when.date)
    if da is None or db is None or da == db:
        return False
    lag_a, lag_b = (_NO_LAG if e.report_lag is None else abs(e.report_lag) for e in (a, b))
    return (_basis(a), lag_a, da) < (_basis(b), lag_b, db)


def _absorb_date(into: Event, other: Event) -> None:
    """The merged date: the finest reported; of two days, the one the text fixes more firmly (``date_basis``: a
    stated "on Tuesday" over the page-relative "yesterday" of a page whose own date may be off), then the one reported
    sooner after it (:func:`_firmer_day`); of two coarse dates, the earlier. Two outlets' days that differ stay
    visible in the date's note."""
    mine, theirs = into.when, other.when
    if theirs.date is None:
        return
    if mine.date is not None and _basis(into) >= DATE_BASIS["page"] and _basis(other) >= DATE_BASIS["page"]:
        take = _earlier_page(theirs, mine)
    else:
        take = mine.date is None or (theirs.precision or 9) < (mine.precision or 9) or _earlier_coarse(theirs, mine) or \
            (theirs.precision == mine.precision == 1 and _firmer_day(other, into))
    if take:
        into.when, into.date_basis, into.report_lag = theirs, _basis(other), other.report_lag
    if mine.date is not None and mine.precision == theirs.precision == 1 and mine.date != theirs.date:
        kept, dropped = (into.when, mine) if into.when is theirs else (mine, theirs)
        into.when = EventDate(kept.date, kept.precision, f"{kept.note}; another source: {dropped.date}")


def absorb(into: Event, other: Event, *, corroborates: bool = True) -> None:
    """Fold ``other`` into ``into``; a copy that does not ``corroborate`` adds no confidence."""
    have = {(s.article, s.start, s.end) for s in into.sources}
    into.sources += [s for s in other.sources if (s.article, s.start, s.end) not in have]
    if into.event_type == "annexation_claim":
        absorb_claim(into, other)
        _add_confidence(into, other, corroborates=corroborates)
        return
    if _bears_name_of(other, into) or (other.geo_precision < into.geo_precision and not _bears_name_of(into, other)):
        _relocate(into, other)
    _absorb_date(into, other)
    if other.event_type == "casualty_report":
        into.event_type = "casualty_report"
    if into.sub_event_type in ("unspecified", "attack", "explosion") and other.sub_event_type not in ("unspecified",):
        into.sub_event_type = other.sub_event_type
    elif into.sub_event_type != other.sub_event_type and into.sub_event_type in _WEAPONS and \
            other.sub_event_type in _WEAPONS:  # outlets naming other weapons (``_weapons_differ``): one fixed pick
        into.sub_event_type = min(into.sub_event_type, other.sub_event_type, key=_WEAPONS.index)  # in any order
    if (into.actor or "unknown") == "unknown":
        into.actor = other.actor
    differ = _tolls_differ(into, other)
    if (into.gains or "unknown") == "unknown" and (other.gains or "unknown") != "unknown":
        into.gains = other.gains  # the side one outlet leaves unsaid, another names
    into.casualty_claims += [c for c in other.casualty_claims if c not in into.casualty_claims]
    into.casualty_text += [t for t in other.casualty_text if t not in into.casualty_text]
    into.reports += [r for r in other.reports if r not in into.reports]
    into.killed, into.injured = _reported_toll(into)
    _add_confidence(into, other, corroborates=corroborates and not differ)
    if differ:  # outlets giving other tolls: the incident is corroborated, its toll is not
        into.confidence = max(WEIGHTS.conf_min, round(into.confidence + WEIGHTS.conf_toll_disagreement, 3))


def _relocate(into: Event, other: Event) -> None:
    """Put ``into`` at ``other``'s place. A change of control told far from the front moved to the front-line
    settlement bearing its name (:func:`_bears_name_of`) loses a recapture read only from where it lay: a side
    "liberating" a town of its own country (``triggers.Trigger.direction``) took a town of the other's."""
    if _bears_name_of(other, into) and into.sub_event_type == "recapture" and \
            _HOME.get(into.gains or "") == into.country_code != other.country_code:
        into.sub_event_type = "capture"
    into.place, into.geo_precision = other.place, other.geo_precision
    into.admin1_code, into.admin1_name, into.country_code = other.admin1_code, other.admin1_name, other.country_code
    into.namesakes = other.namesakes


def _bears_name_of(near: Event, far: Event) -> bool:
    """Whether ``near`` is placed at a front-line settlement bearing the name ``far`` was told by far from the front
    (``far.namesakes``): the merged event lies at ``near``'s place (:func:`_displaced`)."""
    return bool(far.namesakes) and near.place is not None and near.place.geonameid in far.namesakes


def _tolls_differ(into: Event, other: Event) -> bool:
    """Whether two casualty reports state a different figure of one kind (both stating it)."""
    return into.event_type == other.event_type == "casualty_report" and any(
        a is not None and b is not None and a != b for a, b in ((into.killed, other.killed),
                                                                (into.injured, other.injured)))


def _add_confidence(into: Event, other: Event, *, corroborates: bool) -> None:
    """One more independent report raises confidence; a syndicated copy of one already counted does not."""
    extra = WEIGHTS.conf_per_extra_source if corroborates else 0.0
    into.confidence = min(WEIGHTS.conf_max, max(into.confidence, other.confidence) + extra)


def _absorb_report(merged: Event, event: Event) -> None:
    """``absorb`` one article's ``event`` into ``merged``: only a report from another syndication group
    corroborates (a reprint adds no evidence)."""
    reports = {s.report for s in merged.sources}
    absorb(merged, event, corroborates=any(s.report not in reports for s in event.sources))


def merge_claims(events: list[Event]) -> list[Event]:
    """Claims of one article on one oblast by one claimant are one event."""
    out: list[Event] = []
    for event in events:
        if event.event_type == "annexation_claim":
            target = next((o for o in out if o.event_type == "annexation_claim" and
                           o.admin1_code == event.admin1_code and o.claimed_by == event.claimed_by), None)
            if target is not None:
                absorb(target, event)
                target.confidence = max(target.confidence, event.confidence)
                continue
        out.append(event)
    return out


_CELL_DEGREES = 0.2  # grid cell for finding merge candidates (larger than ``WEIGHTS.merge_km``)


def _cells(event: Event) -> tuple[list[tuple], tuple]:
    """The buckets to look in for merge candidates, and the bucket the event goes in."""
    if event.event_type == "annexation_claim":
        key = ("claim", event.admin1_code, event.claimed_by)
        return [key], key
    place = event.place
    if place is None or place.feature_kind == "admin1":
        key = ("admin1", event.admin1_code)
        return [key], key
    i, j = int(place.lat // _CELL_DEGREES), int(place.lon // _CELL_DEGREES)
    return [("cell", i + di, j + dj) for di in (-1, 0, 1) for dj in (-1, 0, 1)], ("cell", i, j)


_NO_DAY = -(1 << 63)  # an undated event in the day arrays


class _Cell:
    """The merged events of one bucket (their indices in the merge), in two arrays sorted by day bin (``_NO_DAY``:
    undated), so that a new event meets only those whose dates can be compatible: 16 bytes an event. The order
    candidates are tried in decides nothing (``CrossArticleMerge.add`` pairs them best fit first, then by index);
    they are given in index order.

    The events whose settlement is known for sure (:func:`settlement`) are also listed by it (``places``: 8 bytes
    an event): an undated pair merges only at one settlement, so the undated events of a bucket are met through
    that list, not by reading every one of them (a bucket's undated events grow with the corpus)."""

    __slots__ = ("days", "events", "places")

    def __init__(self) -> None:
        self.days, self.events = array("q"), array("q")
        self.places: dict[tuple, array] = {}  # a settlement's key (``settlement``) -> the events there

    def add(self, event: int, day: int | None, place: tuple | None = None) -> None:
        key = _NO_DAY if day is None else day
        at = len(self.days) if not self.days or self.days[-1] <= key else bisect.bisect_right(self.days, key)
        self.days.insert(at, key)
        self.events.insert(at, event)
        self.place(event, None, place)

    def place(self, event: int, old: tuple | None, new: tuple | None) -> None:
        """Re-list ``event`` from settlement ``old`` to ``new`` (None: none known for sure)."""
        if old == new:
            return
        if old is not None:
            listed = self.places[old]
            del listed[listed.index(event)]
            if not listed:
                del self.places[old]
        if new is not None:
            self.places.setdefault(new, array("q")).append(event)

    def _range(self, lo: int, hi: int) -> array:
        """The events whose day bin is within ``lo`` .. ``hi``."""
        return self.events[bisect.bisect_left(self.days, lo):bisect.bisect_right(self.days, hi)]

    def discard(self, event: int, day: int | None, place: tuple | None = None) -> None:
        """Take ``event`` (in bin ``day``, at settlement ``place``) out of the bucket."""
        key = _NO_DAY if day is None else day
        at = bisect.bisect_left(self.days, key)
        while self.events[at] != event:
            at += 1
        del self.days[at], self.events[at]
        self.place(event, place, None)

    def move(self, event: int, old: int | None, day: int | None) -> None:
        """Re-file ``event`` (in bin ``old``) after absorbing a report changed its date."""
        if old == day:
            return
        key = _NO_DAY if old is None else old
        at = bisect.bisect_left(self.days, key)
        while self.events[at] != event:
            at += 1
        del self.days[at], self.events[at]
        key = _NO_DAY if day is None else day
        at = len(self.days) if not self.days or self.days[-1] <= key else bisect.bisect_right(self.days, key)
        self.days.insert(at, key)
        self.events.insert(at, event)

    def candidates(self, day: int | None, *, dated: bool) -> list[int]:
        """Events whose day bin may hold a compatible date, in index order: for a dated event the days within
        the slack and the undated; for an undated one every day (``mergeable`` then asks an undated pair for
        stronger evidence, whichever side it is); for a claim (not ``dated``) its own bin."""
        if not dated:
            key = _NO_DAY if day is None else day
            found = self._range(key, key).tolist()
        elif day is None:
            found = self.events.tolist()
        else:
            slack = max(WEIGHTS.merge_days_exact, WEIGHTS.merge_days_coarse, WEIGHTS.merge_days_handover)
            found = self._range(day - slack, day + slack).tolist() + self._range(_NO_DAY, _NO_DAY).tolist()
        found.sort()
        return found

    def candidates_at(self, day: int | None, place: tuple | None, day_of: array) -> list[int]:
        """What ``candidates(day, dated=True)`` gives that may pass the dating test of
        ``CrossArticleMerge._candidates`` (an undated event meets only events at its settlement ``place``, a dated one
        also the dated events within the slack), in index order, without reading the bucket's other undated events.
        ``day_of``: each event's day bin, the bin it has in every bucket."""
        at_place = self.places.get(place, ()) if place is not None else ()
        if day is None:
            return sorted(at_place)
        slack = max(WEIGHTS.merge_days_exact, WEIGHTS.merge_days_coarse)
        found = self._range(day - slack, day + slack).tolist()
        found += [t for t in at_place if day_of[t] == _NO_DAY]  # the undated at its settlement (the others fail)
        found.sort()
        return found


class _Pickles:
    """Each merged event's pickle as last kept: its reference in the heap in three arrays (offset -1: none),
    or the bytes themselves when there is no heap."""

    def __init__(self) -> None:
        self.offset, self.length, self.crc = array("q"), array("q"), array("Q")
        self.inline: dict[int, bytes] = {}

    def __len__(self) -> int:
        return len(self.offset)

    def append(self, value) -> None:
        self.offset.append(-1)
        self.length.append(0)
        self.crc.append(0)
        if value is not None:
            self[len(self.offset) - 1] = value

    def __getitem__(self, i: int):
        if i in self.inline:
            return self.inline[i]
        offset = self.offset[i]
        return None if offset < 0 else (offset, self.length[i], self.crc[i])

    def __setitem__(self, i: int, value) -> None:
        self.inline.pop(i, None)
        self.offset[i] = -1
        if isinstance(value, bytes):
            self.inline[i] = value
        elif value is not None:
            self.offset[i], self.length[i], self.crc[i] = value


@lru_cache(maxsize=8_192)
def _bare_date(date: str | None, precision: int | None) -> EventDate:
    """An event's date without its note (what the merge rule reads), one object per distinct date."""
    return EventDate(date, precision, "")


def _bare_place(place: Place | None) -> Place | None:
    """A place as the merge rule reads it (entry, kind, name, point, units), without its text and signals."""
    if place is None:
        return None
    intern = sys.intern
    return replace(place, text="", reason="", signals=(), name=intern(place.name),
                   feature_kind=intern(place.feature_kind), precision=intern(place.precision),
                   admin1_code=None if place.admin1_code is None else intern(place.admin1_code),
                   admin1_name=None if place.admin1_name is None else intern(place.admin1_name),
                   country_code=None if place.country_code is None else intern(place.country_code))


def _interned(text: str | None) -> str | None:
    return None if text is None else sys.intern(text)


class MergeView:
    """What the merge rule (:func:`mergeable`, :func:`fit`) reads of a merged event: its kinds, date and how
    firmly it is fixed, place, side, tolls and latest publication day, without its sources, quotes, claims
    and reports. A few hundred bytes whatever the number of reports behind the event: the merge keeps views
    of the events it met recently and loads a whole event (from its pickle) only to absorb a report into it."""

    __slots__ = ("event_type", "sub_event_type", "when", "date_basis", "place", "geo_precision", "admin1_code",
                 "admin1_name", "claimed_by", "actor", "gains", "killed", "injured", "published", "weapons", "stated",
                 "updates", "namesakes")

    def __init__(self, event: Event) -> None:
        self.event_type = sys.intern(event.event_type)
        self.sub_event_type = sys.intern(event.sub_event_type)
        self.when = _bare_date(event.when.date, event.when.precision)
        self.date_basis = event.date_basis
        self.place = _bare_place(event.place)
        self.geo_precision = event.geo_precision
        self.admin1_code = _interned(event.admin1_code)
        self.admin1_name = _interned(event.admin1_name)
        self.claimed_by = _interned(event.claimed_by)
        self.actor = _interned(event.actor)
        self.gains = _interned(event.gains)
        self.killed, self.injured = event.killed, event.injured
        self.published = _published(event)
        self.weapons = named_weapons(event)
        self.stated = _stated(event)
        self.updates = _updates(event)
        self.namesakes = event.namesakes

    def __reduce__(self) -> tuple:
        """Pickled as plain values (kept in the build's heap and read back whenever the view is met again): its
        place as its fields, its weapons and stated totals as sorted tuples; ``_view_of`` rebuilds it with the objects views share."""
        place = self.place
        return (_view_of, (self.event_type, self.sub_event_type, self.when.date, self.when.precision, self.date_basis,
                           None if place is None else tuple(getattr(place, n) for n in _PLACE_FIELDS),
                           self.geo_precision, self.admin1_code, self.admin1_name, self.claimed_by, self.actor,
                           self.gains, self.killed, self.injured, self.published, tuple(sorted(self.weapons)),
                           tuple(sorted(self.stated)), tuple(sorted(self.updates)), self.namesakes))


_PLACE_FIELDS = tuple(f.name for f in fields(Place))
_SHARED_WEAPONS_MAX = 4_096  # distinct weapon sets views share before the table starts afresh
_shared_weapons: dict[tuple[str, ...], frozenset[str]] = {}


def _view_of(event_type: str, sub_event_type: str, date: str | None, precision: int | None, date_basis: str,
             place: tuple | None, geo_precision: str, admin1_code: str | None, admin1_name: str | None,
             claimed_by: str | None, actor: str | None, gains: str | None, killed: int | None, injured: int | None,
             published: str | None, weapons: tuple[str, ...], stated: tuple[tuple[str, int], ...] = (),
             updates: tuple[tuple[str, int], ...] = (), namesakes: tuple[int, ...] = ()) -> MergeView:
    """A ``MergeView`` from its pickled values (``MergeView.__reduce__``), its texts interned and its date and
    weapon set shared with the views of equal ones (what the merge rule reads is the same)."""
    intern = sys.intern
    view = MergeView.__new__(MergeView)
    view.event_type, view.sub_event_type = intern(event_type), intern(sub_event_type)
    view.when, view.date_basis = _bare_date(date, precision), date_basis
    view.place = None if place is None else Place(*(intern(v) if type(v) is str else v for v in place))
    view.geo_precision = geo_precision
    view.admin1_code, view.admin1_name = _interned(admin1_code), _interned(admin1_name)
    view.claimed_by, view.actor, view.gains = _interned(claimed_by), _interned(actor), _interned(gains)
    view.killed, view.injured, view.published = killed, injured, published
    found = _shared_weapons.get(weapons)
    if found is None:
        if len(_shared_weapons) >= _SHARED_WEAPONS_MAX:
            _shared_weapons.clear()
        found = _shared_weapons[weapons] = frozenset(weapons)
    view.weapons = found
    view.stated = frozenset(stated)
    view.updates = frozenset(updates)
    view.namesakes = namesakes
    return view


def _article_code(article: str) -> int:
    """An article's name as a 64-bit code (BLAKE2b): two names share one with odds of 2**-64 a pair met."""
    return int.from_bytes(blake2b(article.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big",
                          signed=True)


class _Articles:
    """Each merged event's articles (``_article_code`` of their names): the first in an array, the others, for
    the events that merged several, in arrays by event."""

    def __init__(self) -> None:
        self.first = array("q")
        self.more: dict[int, array] = {}

    def __len__(self) -> int:
        return len(self.first)

    def append(self, code: int) -> None:
        self.first.append(code)

    def add(self, i: int, code: int) -> None:
        if not self.has(i, code):
            self.more.setdefault(i, array("q")).append(code)

    def codes(self, i: int) -> list[int]:
        """The codes of event ``i``'s articles."""
        return [self.first[i], *self.more.get(i, ())]

    def has(self, i: int, code: int) -> bool:
        """Whether the article of ``code`` is among event ``i``'s."""
        return self.first[i] == code or (i in self.more and code in self.more[i])


_NO_SETTLEMENT = -(1 << 63)  # no settlement known for sure (``settlement`` gives None)
_OTHER_SETTLEMENT = _NO_SETTLEMENT + 1  # a settlement known by its name and point: its key kept apart


class _Settlements:
    """Each merged event's settlement (``settlement``): its gazetteer id in an array, the rare settlement
    known only by its name and point in a dict."""

    def __init__(self) -> None:
        self.code = array("q")
        self.other: dict[int, tuple] = {}

    def __len__(self) -> int:
        return len(self.code)

    def append(self, key: tuple | None) -> None:
        self.code.append(_NO_SETTLEMENT)
        self[len(self.code) - 1] = key

    def __setitem__(self, i: int, key: tuple | None) -> None:
        self.other.pop(i, None)
        if key is None:
            self.code[i] = _NO_SETTLEMENT
        elif key[0] == "id" and hasattr(key[1], "__index__") and _OTHER_SETTLEMENT < key[1].__index__() < (1 << 63):
            self.code[i] = key[1].__index__()
        else:
            self.code[i], self.other[i] = _OTHER_SETTLEMENT, key

    def __getitem__(self, i: int) -> tuple | None:
        code = self.code[i]
        if code == _NO_SETTLEMENT:
            return None
        return self.other[i] if code == _OTHER_SETTLEMENT else ("id", code)


class _Flags:
    """A set of event indices as one byte an event (``CrossArticleMerge.touched``), iterated in index order."""

    def __init__(self) -> None:
        self.flags = bytearray()

    def add(self, i: int) -> None:
        if i >= len(self.flags):
            self.flags.extend(bytes(i + 1 - len(self.flags)))
        self.flags[i] = 1

    def clear(self) -> None:
        self.flags = bytearray()

    def __contains__(self, i: int) -> bool:
        return 0 <= i < len(self.flags) and self.flags[i] == 1

    def __len__(self) -> int:
        return self.flags.count(1)

    def __iter__(self):
        find, i = self.flags.find, self.flags.find(1)
        while i >= 0:
            yield i
            i = find(1, i + 1)


_NO_FIGURE = -1  # in ``CrossArticleMerge.tolls``: no figure stated, or one that is not a whole number (not compared)


def _figure(value: object) -> int:
    """A figure as ``CrossArticleMerge.tolls`` keeps it: a whole number of people, else ``_NO_FIGURE``."""
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1 << 62
    return value if ok else _NO_FIGURE


def _day(event: Event) -> int | None:
    """The day bin of an event: its date's ordinal, None when undated (claims: one bin, dates do not decide)."""
    if event.event_type == "annexation_claim":
        return None
    day = parse_iso(event.when.date)
    return day.toordinal() if day is not None else None


class CrossArticleMerge:
    """The merge across articles as a fold: ``add`` one article's events at a time, in input order.

    ``merged`` after adding every article is what :func:`merge_across_articles` returns. Each merged event
    waits as its own pickle (in ``heap`` when there is one), unpickled again only when a new event meets it;
    ``compact`` bounds what is held as objects: the whole events created or changed since they were last
    pickled (and the last few read), and a :class:`MergeView` of each event met recently (what the rule
    reads). The incremental build keeps the state and adds only new articles: it touches the cells and days
    of those, not the whole corpus. ``touched`` holds the merged events (indices) created or changed since it
    was last cleared.
    """

    def __init__(self) -> None:
        self._full: dict[int, Event] = {}  # whole events held as objects, least recently used first
        self._views: dict[int, MergeView] = {}  # views of the events met recently, least recently used first
        self._pickled = _Pickles()  # each event's pickle as last kept (bytes, or its reference in ``heap``); None: changed
        # with a heap, each event's ``MergeView`` pickled beside it (None: none kept): a view is read back from its own
        # few hundred bytes, not from the whole event's pickle, which grows with every report the event merges
        self._view_pickled = _Pickles()
        self.heap = None  # where pickles are kept (``pipeline.scale.heap.BlobHeap``); None: in memory
        self.cells: dict[tuple, _Cell] = {}
        self.home_of: list[_Cell] = []  # event → its bucket
        self.name_cell_of: dict[int, _Cell] = {}  # change of control → its bucket by name in its oblast (``_name_key``)
        self.day_of = array("q")  # event → its day bin (_NO_DAY: none)
        self.articles_of = _Articles()  # event → the articles it merges (codes of their names)
        self.settlement_of = _Settlements()  # event → its settlement (``settlement``)
        self.tolls = array("q")  # event → its killed and injured, one after the other (``_figure``)
        self.touched = _Flags()

    def __len__(self) -> int:
        return len(self._pickled)

    def _load(self, i: int) -> Event:
        blob = self._pickled[i]
        return pickle.loads(blob if isinstance(blob, bytes) else self.heap.get(blob))

    def event(self, i: int) -> Event:
        """Merged event ``i`` (held as an object until ``compact`` lets it go)."""
        found = self._full.pop(i, None)
        if found is None:
            found = self._load(i)
        self._full[i] = found  # the most recently used now
        return found

    def view(self, i: int) -> MergeView:
        """What the merge rule reads of merged event ``i`` (its whole object is not kept for it)."""
        found = self._views.pop(i, None)
        if found is None:
            whole = self._full.get(i)
            kept = self._view_pickled[i] if whole is None and i < len(self._view_pickled) else None
            if kept is not None:
                found = pickle.loads(self.heap.get(kept))
            else:
                found = MergeView(whole if whole is not None else self._load(i))
        self._views[i] = found  # the most recently used now
        return found

    @property
    def merged(self) -> list[Event]:
        """Every merged event, in the order they were first reported."""
        return [self.event(i) for i in range(len(self))]

    def add(self, events: list[Event]) -> list[int]:
        """Merge one article's events into those of the articles added before it; the merged event each joined
        (its index: a new one for an event that joined none).

        The article's events and the merged events they may join are paired best fit first (:func:`fit`; ties by
        the event's place in the article, then by age), each at most once: a report joins the incident it fits
        best whichever of the two was added first, and one article's two incidents never join one merged event.
        Which events merge never depends on the syndication groups of their sources (the rule reads no source,
        report or confidence): the groups decide only a merged event's reports and confidence (see ``rejoin``)."""
        found = [self._candidates(event) for event in events]
        pairs = [(0.0, i, t) for i, ts in enumerate(found) for t in ts]
        if len(pairs) > 1:  # a choice to make
            pairs = sorted((-fit(self.view(t), events[i]), i, t) for _f, i, t in pairs)
        target: dict[int, int] = {}
        taken: set[int] = set()
        for _fit, i, t in pairs:
            if i not in target and t not in taken:
                target[i] = t
                taken.add(t)
        if target and len(target) < len(events):  # a report of several changes, some already joined another outlet's
            partners = [(set(self.articles_of.codes(t)), self.day_of[t], _day_bin(events[i]))
                        for i, t in sorted(target.items())]
            for i, event in enumerate(events):
                if i not in target and (t := self._companion(event, partners, taken)) is not None:
                    target[i] = t
                    taken.add(t)
        joined = []
        for i, event in enumerate(events):
            if i in target:
                self._absorb(target[i], event)
                joined.append(target[i])
            else:
                joined.append(len(self))
                self._append(event)
        return joined

    def _candidates(self, event: Event) -> list[int]:
        """The merged events ``event`` may join (:func:`mergeable`), found by grid cell and day."""
        article = event.sources[0].article if event.sources else ""
        look, _home = _cells(event)
        name_key = _name_key(event)
        if name_key is not None:
            look = [*look, name_key]
        look = [*look, *_front_keys(event)]  # a change of control one outlet's name placed far from the front
        if event.event_type == "annexation_claim":
            pass  # claims merge per oblast in their own bucket
        elif _oblast_only(event):  # the same news told at a settlement of its oblast (or at its centre)
            look = [*look, *(("oblast", code) for code in _units_of(event.admin1_code))]
        elif _oblast_key(event) is not None:  # ... or told only at this settlement's oblast (or the land holding it)
            look = [*look, ("admin1", event.admin1_code), *(("admin1", code) for code in _HELD_BY.get(event.admin1_code, ()))]
            if event.event_type == "casualty_report" or _control(event):  # ... or at its district, or a settlement of it
                look = [*look, ("oblast", event.admin1_code) if _district(event) else ("district", event.admin1_code)]
        day = _day(event)
        dated = event.event_type != "annexation_claim"
        place_key = settlement(event.place)  # an undated pair must be at one settlement for sure
        has, code = self.articles_of.has, _article_code(article)
        apart = self._tolls_apart if dated else lambda *_args: False  # a claim merges whatever its figures
        killed, injured = _figure(event.killed), _figure(event.injured)
        found: list[int] = []
        met: set[int] = set()  # an event in its grid cell and in its name bucket is one candidate, tested once
        for key in look:
            cell = self.cells.get(key)
            if cell is None:
                continue
            pool = cell.candidates_at(day, place_key, self.day_of) if dated else cell.candidates(day, dated=False)
            for t in pool:
                if t in met:
                    continue
                met.add(t)
                if not has(t, code) and not apart(t, killed, injured, place_key, day) \
                        and (not dated or (day is not None and self.day_of[t] != _NO_DAY)
                             or (place_key is not None and self.settlement_of[t] == place_key)) \
                        and mergeable(self.view(t), event):
                    found.append(t)
        return found

    def _companion(self, event: Event, partners: list[tuple[set[int], int, int]], taken: set[int]) -> int | None:
        """The merged change of control of a village of ``event``'s name in its oblast that a partner told, when
        :func:`_companions` holds; the first by index, None when there is none. ``partners``: for each of this article's
        events already paired, the articles of the merged event it joins, that event's day bin and its own. Two
        outlets listing the same villages taken, each resolved to its own namesake or left undated, tell one list: a
        village of that name in it is the same village. It is one list only when each side's village has the day of
        that side's report already joined (both undated, or within ``merge_days_exact``): a town told in a hundred
        reports is a partner of every article naming it, not a sign that they tell the same list."""
        name_key = _name_key(event)
        cell = self.cells.get(name_key) if name_key is not None else None
        if cell is None:
            return None
        code = _article_code(event.sources[0].article if event.sources else "")
        for t in sorted(cell.events):
            if t in taken or self.articles_of.has(t, code):
                continue
            day, articles, own = self.day_of[t], self.articles_of.codes(t), _day_bin(event)
            listed = any(any(a in codes for a in articles) and _same_list_day(day, theirs) and _same_list_day(own, mine)
                         for codes, theirs, mine in partners)
            if listed and _companions(self.view(t), event):
                return t
        return None

    def _tolls_apart(self, t: int, killed: int, injured: int, place: tuple | None = None, day: int | None = None) -> bool:
        """Whether merged event ``t``'s figures and ``killed`` / ``injured`` (``_figure``) are too far apart for
        ``_tolls_compatible`` under either of its ratios: then ``mergeable`` says no, and ``t``'s view is not read.
        At one settlement (``place``) within ``merge_days_toll_growth`` of ``day`` any toll may have grown into the
        other (``_toll_grown``): never apart."""
        if place is not None and day is not None and self.day_of[t] != _NO_DAY and \
                abs(self.day_of[t] - day) <= WEIGHTS.merge_days_toll_growth and self.settlement_of[t] == place:
            return False
        ratio = min(WEIGHTS.toll_ratio_same_day, WEIGHTS.toll_ratio_compatible)
        for x, y in ((killed, self.tolls[2 * t]), (injured, self.tolls[2 * t + 1])):
            if x >= 0 and y >= 0 and not _ratio_ok(x, y, ratio):
                return True
        return False

    def _absorb(self, target: int, event: Event) -> None:
        article = event.sources[0].article if event.sources else ""
        merged = self.event(target)
        was_filed = _extra_keys(merged)
        _absorb_report(merged, event)
        self.articles_of.add(target, _article_code(article))
        old, new = self.day_of[target], _day(merged)
        was_at, now_at = self.settlement_of[target], settlement(merged.place)
        for cell in (self.home_of[target], self.name_cell_of.get(target)):
            if cell is not None:
                cell.move(target, None if old == _NO_DAY else old, new)
                cell.place(target, was_at, now_at)
        if was_filed != _extra_keys(merged) or old != (_NO_DAY if new is None else new):  # its oblast's buckets
            for key in was_filed:
                self.cells[key].discard(target, None if old == _NO_DAY else old, was_at)
            self._file(merged, target, new, now_at)
        else:
            for key in was_filed:
                self.cells[key].place(target, was_at, now_at)
        self.day_of[target] = _NO_DAY if new is None else new
        self.settlement_of[target] = now_at
        self.tolls[2 * target], self.tolls[2 * target + 1] = _figure(merged.killed), _figure(merged.injured)
        self._pickled[target] = None
        if target < len(self._view_pickled):
            self._view_pickled[target] = None
        self._views.pop(target, None)  # what it was before absorbing
        self.touched.add(target)

    def restart(self, target: int, event: Event) -> None:
        """Make merged event ``target`` again from ``event``, the report it was made from, whose sources' syndication
        groups changed since (``rejoin`` then absorbs the reports that joined it, in their order). Where it is filed,
        its day, settlement, tolls and view stay as they are: the groups change none of them."""
        self._full.pop(target, None)
        self._full[target] = event  # the most recently used now
        self._pickled[target] = None
        self.touched.add(target)

    def rejoin(self, target: int, event: Event) -> None:
        """Absorb ``event`` again into merged event ``target`` being made again (``restart``), as ``add`` did."""
        _absorb_report(self.event(target), event)
        self._pickled[target] = None
        self.touched.add(target)

    def _append(self, event: Event) -> None:
        article = event.sources[0].article if event.sources else ""
        _look, home = _cells(event)
        day = _day(event)
        index = len(self)
        self._pickled.append(None)
        self._full[index] = event
        self.articles_of.append(_article_code(article))
        cell = self.cells.get(home)
        if cell is None:
            cell = self.cells[home] = _Cell()
        self.home_of.append(cell)
        self.day_of.append(_NO_DAY if day is None else day)
        place = settlement(event.place)
        self.settlement_of.append(place)
        self.tolls.extend((_figure(event.killed), _figure(event.injured)))
        cell.add(index, day, place)
        name_key = _name_key(event)
        if name_key is not None:
            named = self.cells.get(name_key)
            if named is None:
                named = self.cells[name_key] = _Cell()
            named.add(index, day, place)
            self.name_cell_of[index] = named
        self._file(event, index, day, place)
        self.touched.add(index)

    def _file(self, event: Event, index: int, day: int | None, place: tuple | None) -> None:
        """File event ``index`` (at settlement ``place``) in its oblast's buckets too when it is a report at a
        settlement (``_extra_keys``): the buckets are told by the event itself, so no index of them is kept."""
        for key in _extra_keys(event):
            cell = self.cells.get(key)
            if cell is None:
                cell = self.cells[key] = _Cell()
            cell.add(index, day, place)

    def pickled(self, i: int) -> bytes:
        """Merged event ``i`` as its pickle (the one kept, when it is kept; ``compact`` keeps every one)."""
        blob = self._pickled[i]
        if blob is None:
            return fast_dumps(self._full[i])
        return blob if isinstance(blob, bytes) else self.heap.get(blob)

    def compact(self, keep: int = 0, *, whole: int = 0) -> None:
        """Let go of objects until a new event meets them again: bounds the memory a build holds. Once more than
        ``keep`` views are held, the least recently used go down to half of that; once more than ``whole`` whole
        events are, likewise, each pickled first (into ``heap`` when there is one) when it changed since it was
        last. With neither, every event is kept as its pickle only. An event left ``touched`` is read back when
        rendered."""
        if len(self._full) > whole:
            for i in list(islice(self._full, len(self._full) - whole // 2)):
                if self._pickled[i] is None:
                    blob = fast_dumps(self._full[i])
                    self._pickled[i] = blob if self.heap is None else self.heap.put(blob)
                    if self.heap is not None:
                        self._keep_view(i)
                del self._full[i]
        if len(self._views) > keep:
            for i in list(islice(self._views, len(self._views) - keep // 2)):
                del self._views[i]

    def _keep_view(self, i: int) -> None:
        """Pickle whole event ``i``'s view into the heap (the one held when there is one: it is the event's)."""
        view = self._views.get(i) or MergeView(self._full[i])
        while len(self._view_pickled) <= i:
            self._view_pickled.append(None)
        self._view_pickled[i] = self.heap.put(pickle.dumps(view, protocol=pickle.HIGHEST_PROTOCOL))

    def __getstate__(self) -> dict:
        self.compact()  # an unchanged event is not pickled again next time
        state = dict(self.__dict__)
        state["heap"], state["_full"], state["_views"] = None, {}, {}
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)


def merge_across_articles(per_article: list[list[Event]]) -> list[Event]:
    """Merge the same event reported by several articles into one with every source.

    Candidates are found by grid cell and day, and grouped by the article that first reported them:
    one article's incidents were already told apart, so an event never looks at its own article's.
    """
    fold = CrossArticleMerge()
    for events in per_article:
        fold.add(events)
    return fold.merged
