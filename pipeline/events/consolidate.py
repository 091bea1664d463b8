"""Article-level consolidation: the events of one article that tell one incident become one event.

Incidents are grouped sentence by sentence (``incidents``); some incidents are still told twice, by
structure rather than by wording. Two events of one article are one incident when one of them (the *part*)
is only another view of the other (the *whole*):

- **one settlement, one sentence**: one sentence gives both events at the same settlement (the same gazetteer entry
  or name) on the same stated day (a strike without figures and the casualty report of it);
- **an oblast summary**: the part is placed only at an oblast ("captured two villages in the X and Y regions") and the
  whole at a settlement of that oblast, telling the same change of control (the same sub-type: an advance into the
  region is not the capture of a town there; a strike on a region is the region's own, ``incidents._by_region``);
- **a locator**: the part is placed at a town that a sentence names only to locate the whole's place ("the village
  of A near the town of B", "A, on the outskirts of B", "A, between B and C", "the A hromada in the B district"),
  and that sentence is the part's own (the part was placed at the locator), or the part is an advance on the town
  (an advance on B and the capture of a village on its outskirts are one move of the front).

- **one settlement, one day**: the part is a strike without figures and the whole the casualty report of one
  settlement (the same gazetteer entry, or one name) on a day that fits: the strike told in a headline, a tweet or a
  line of its own, and its toll told elsewhere, are one incident (a casualty report when the article states
  casualties for it; a second strike on the city that day is told with another weapon, on another day, or with
  figures of its own: "no one was injured");

- **one toll at one settlement** (``_same_toll``): two casualty reports of one settlement stating one toll (the same
  killed and injured, each a stated total of more than one victim), on days that fit, one of them naming no day (a
  headline's or lede's other wording of the incident the body dates) or both told on one day with one kind of weapon;

- **a district of the city** (``_quarter_of``): the part a strike without figures told at a district of the whole's
  city in a sentence of its own ("in the X district, debris hit a building"), on its day, with a weapon the whole's
  sentences name;

and, in every case, their days fit (the same day, one undated, or one dated only by its page and the other stated a
day or two before; never an earlier period) and, but for a district of the city, the two are compatible: both
changes of control with no two different gainers, or both strikes (of one kind, or one told with no weapon), the
part with no figure the whole does not state alike.

Before the pairs, **a total over the parts** (``_sums``): a casualty report told at a unit (an oblast, or "the X
hromada / district") whose toll is the sum of the article's reports at two or more of its settlements that day (or
told with no day of their own, which then take the sum's) is folded into the first of them. This is the one place
where incidents told apart are found to be a sum and its parts; a total broken down inside one incident ("ten were
injured, seven in A and three in B"; a total, then a sentence of the dead by town) is split earlier, where its
sentences are (``incidents._sum_by_place``).

What stays apart: two changes of control of two named settlements (a list of villages taken, "A, 30 km east of B"
with both taken), strikes on different stated days, a strike and a change of control, settlements named side by side
in a roundup (no locator between them), casualty reports with two tolls.
"""

from __future__ import annotations

import re
from datetime import timedelta

from pipeline.events.incidents import WEAPON_NOUNS, distinct_settlements, km, same_name
from pipeline.events.merge import named_weapons
from pipeline.events.records import DATE_BASIS, Event
from pipeline.events.triggers import CONTROL
from pipeline.events.weights import WEIGHTS
from pipeline.text.dates import names_a_day, parse_iso

_GENERIC = ("unspecified", "attack", "explosion")  # strikes told with no weapon: any weapon's strike may be theirs
_MOVES = ("advance", "encirclement")  # changes of control that take no place yet: a move towards a town
# what lies between a place and the town that locates it ("A near the town of B", "A, on the outskirts of B",
# "A, which lies between the cities of B and C", "A, 10 km north-east of B"): a locating word, nothing that ends a
# clause or lists a further place taken
_LOCATOR = re.compile(r"\b(?:near|nearby|outside|outskirts|close\s+to|not\s+far\s+from|between|"
                      r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:part\s+)?of)\b", re.IGNORECASE)
_DISTRICT_AFTER = re.compile(r"\s+(?:district|raion|rayon|county)\b", re.IGNORECASE)  # "... in the B district"
_IN_DISTRICT = re.compile(r"(?:\s+(?:hromada|community|village|town|settlement))?\s+in\s+(?:the\s+)?", re.IGNORECASE)
_AND = re.compile(r"\band\b|\bas\s+well\s+as\b|,\s*\w+\s*,", re.IGNORECASE)  # a list goes on: the next name is
# another place told
_BETWEEN = re.compile(r"\bbetween\b", re.IGNORECASE)  # ... unless it is "between B and C"
_QUARTER_AFTER = re.compile(r"\s+(?i:district|raion|rayon|neighbou?rhood|quarter|microdistrict)\b")  # "the X district"
_QUARTER_END = re.compile(r"\s(?i:district|raion|rayon|neighbou?rhood|quarter|microdistrict)$")  # (in the name itself)
_UNIT_AFTER = re.compile(r"\s+(?i:hromada|community|municipality|district|raion|rayon)\b")  # "the X hromada"
_UNIT_END = re.compile(r"\s(?i:hromada|community|municipality)$")
_GAP_BREAK = re.compile(r"[.;:!?]|\b(?:and|also|as\s+well\s+as)\s+(?:the\s+)?(?:village|town|city)\b", re.IGNORECASE)


def consolidate(events: list[Event]) -> list[Event]:
    """One article's events with each part folded into its whole (see the module's docstring); the rest unchanged,
    in order."""
    parts = _sums(events)
    for i, part in enumerate(events):
        if i in parts:
            continue
        whole = _whole_of(part, [e for j, e in enumerate(events) if j != i and j not in parts])
        if whole is not None:
            _fold(whole, part)
            parts.add(i)
    return [e for i, e in enumerate(events) if i not in parts]


def _unit_told(event: Event) -> bool:
    """Whether the event is placed at a unit: its oblast, or a district or hromada named as one ("the X hromada")."""
    p = event.place
    return p.feature_kind == "admin1" or bool(_QUARTER_END.search(p.text) or _UNIT_END.search(p.text)) or any(
        _QUARTER_AFTER.match(s.quote, m.end()) or _UNIT_AFTER.match(s.quote, m.end())
        for s in event.sources for m in _mentions(s.quote, p.text))


def _sums(events: list[Event]) -> set[int]:
    """The casualty reports told at a unit (``_unit_told``) whose toll is the sum of the article's reports at two or
    more settlements of it ("shelling of the X hromada killed three", then two killed in A and one in B): a total over
    the incidents told, not one of its own. A part fits the sum's day when it states the same day or none of its own
    (dated only by its page: ``_page_dated``); such a part takes the sum's day. Each sum is folded into the first of
    its parts; their indices."""
    out: set[int] = set()
    reports = [(j, e) for j, e in enumerate(events) if e.event_type == "casualty_report" and e.place is not None and
               e.when.date is not None]
    if len(reports) < 3:
        return out
    units = {j for j, e in reports if _unit_told(e)}
    for i, total in reports:
        if i not in units:
            continue
        parts = [e for j, e in reports if j not in units and j not in out and e.place.feature_kind != "admin1" and
                 e.admin1_code == total.admin1_code and _sum_day(e, total) and
                 (total.place.feature_kind == "admin1" or km(e.place, total.place) <= WEIGHTS.consolidate_district_km)]
        if len(parts) < 2 or not all(distinct_settlements(a.place, b.place)
                                     for k, a in enumerate(parts) for b in parts[k + 1:]):
            continue
        sums = [(getattr(total, k), sum(getattr(e, k) or 0 for e in parts)) for k in ("killed", "injured")]
        if any(mine for mine, _s in sums) and all((mine or 0) == told for mine, told in sums):
            for part in parts:
                if part.when.date != total.when.date:
                    part.when, part.date_basis = total.when, total.date_basis
            _fold(parts[0], total)
            out.add(i)
    return out


def _page_dated(event: Event) -> bool:
    """Whether the event states no day of its own (it is dated by its page only)."""
    return event.date_basis == DATE_BASIS["page"]


def _sum_day(part: Event, total: Event) -> bool:
    """Whether ``part`` may be a part of ``total``'s sum by its day: the same day, or no day of its own, first told
    after the sum, which is dated at most ``merge_days_exact`` days before its page ("Russian troops shelled the X
    district on Wednesday, wounding five. Three were wounded in A ...")."""
    if part.when.date == total.when.date:
        return True
    a, b = parse_iso(part.when.date), parse_iso(total.when.date)
    return _page_dated(part) and not _page_dated(total) and a is not None and b is not None and \
        timedelta(0) <= a - b <= timedelta(days=WEIGHTS.merge_days_exact) and \
        min(s.start for s in part.sources) > min(s.start for s in total.sources)


def _whole_of(part: Event, others: list[Event]) -> Event | None:
    """The event ``part`` is only another view of, if any (the first fitting one, sharing a sentence first)."""
    if part.event_type == "annexation_claim" or part.place is None:
        return None
    fits = [w for w in others if w.event_type != "annexation_claim" and w.place is not None and
            _days_fit(part, w) and
            (_compatible(part, w) and (_told_together(part, w) or _summary_of(part, w) or _locator_of(part, w) or
                                       _toll_of(part, w)) or _quarter_of(part, w) or _same_toll(part, w))]
    if not fits:
        return None
    mine = {(s.start, s.end) for s in part.sources}
    return max(fits, key=lambda w: any((s.start, s.end) in mine for s in w.sources))


def _compatible(part: Event, whole: Event) -> bool:
    """Both changes of control with no two different gainers, or both strikes of one kind (or one told with no
    weapon); the part states no figure the whole does not state alike."""
    pc, wc = part.sub_event_type in CONTROL, whole.sub_event_type in CONTROL
    if pc != wc:
        return False
    if pc:
        if whole.event_type != part.event_type:
            return False
        sides = {part.gains, whole.gains} - {None, "unknown"}
        return len(sides) <= 1
    if part.sub_event_type != whole.sub_event_type and part.sub_event_type not in _GENERIC and \
            whole.sub_event_type not in _GENERIC:
        return False
    return all(getattr(part, k) is None or getattr(part, k) == getattr(whole, k) for k in ("killed", "injured"))


def _days_fit(part: Event, whole: Event) -> bool:
    """The same day, or one undated, or one dated only by its page with the other stated up to ``merge_days_exact``
    days before it; never an event of an earlier period told as background."""
    if _earlier(part) or _earlier(whole):
        return False
    a, b = parse_iso(part.when.date), parse_iso(whole.when.date)
    if a is None or b is None or a == b:
        return True
    later, earlier = (part, whole) if a > b else (whole, part)
    return later.date_basis == DATE_BASIS["page"] and earlier.date_basis < DATE_BASIS["page"] and \
        earlier.when.precision == 1 and abs(a - b) <= timedelta(days=WEIGHTS.merge_days_exact)


def _earlier(event: Event) -> bool:
    return event.when.date is None and event.when.note == "an earlier period"


def _told_together(part: Event, whole: Event) -> bool:
    """One settlement (the same gazetteer entry, or one name) that one sentence gives both events on one stated day
    (an undated retelling of a place struck before is not known to be the same time)."""
    p, w = part.place, whole.place
    if p.feature_kind == "admin1" or w.feature_kind == "admin1" or part.when.date is None or \
            part.when.date != whole.when.date or distinct_settlements(p, w) or \
            not ((p.geonameid is not None and p.geonameid == w.geonameid) or same_name(p, w)):
        return False
    mine = {(s.start, s.end) for s in part.sources}
    return any((s.start, s.end) in mine for s in whole.sources)


def _toll_of(part: Event, whole: Event) -> bool:
    """The part a strike without figures and the whole the casualty report of one settlement (the same gazetteer
    entry, or one name; never two differently named villages): the strike is the incident the toll is told of. A
    strike told with figures of its own, even none or vague ones ("no one was injured", "dozens of dead"), is another
    incident than the one with the toll; an undated one (a retelling) is not known to be the same time."""
    p, w = part.place, whole.place
    if part.event_type != "frontline_incident" or part.sub_event_type in CONTROL or \
            whole.event_type != "casualty_report" or part.killed is not None or part.injured is not None or \
            part.casualty_claims or part.when.date is None or \
            p.feature_kind == "admin1" or w.feature_kind == "admin1" or distinct_settlements(p, w):
        return False
    return (p.geonameid is not None and p.geonameid == w.geonameid) or same_name(p, w)


def _totals(event: Event) -> tuple[int | None, int | None] | None:
    """The event's (killed, injured) when each figure it has is a stated total of more than one victim among its
    claims (not victims counted one by one, not "more" added to a toll told before); else None."""
    tolls = (event.killed, event.injured)
    if not any(tolls) or max(t or 0 for t in tolls) < 2:
        return None
    for kind, value in zip(("killed", "injured"), tolls):
        if value and not any(c.kind == kind and c.value == value and c.role == "total" for c in event.casualty_claims):
            return None
    return tolls


def _same_toll(part: Event, whole: Event) -> bool:
    """Two casualty reports of one settlement (the same gazetteer entry, or one name) with one stated toll (the same
    killed and injured, more than one victim, each a stated total: ``_totals``) on days that fit: a headline or a lede
    and the body telling one incident, split by a wording the sentences do not share ("shelling" in the headline, "an
    airstrike" in the body) or by a day the lede does not state. Their weapons are of one kind, or one of the two
    states no day of its own (the headline's or the lede's wording of the incident the body dates); two attacks on
    one city on two stated days are never one (``_days_fit``)."""
    p, w = part.place, whole.place
    if part.event_type != "casualty_report" or whole.event_type != "casualty_report" or \
            p.feature_kind == "admin1" or w.feature_kind == "admin1" or distinct_settlements(p, w) or \
            not ((p.geonameid is not None and p.geonameid == w.geonameid) or same_name(p, w)):
        return False
    mine = _totals(part)
    if mine is None or mine != _totals(whole):
        return False
    if _told_undated(part) or _told_undated(whole):
        return True
    same_kind = part.sub_event_type == whole.sub_event_type or part.sub_event_type in _GENERIC or \
        whole.sub_event_type in _GENERIC
    return same_kind and part.when.date is not None and part.when.date == whole.when.date


def _told_undated(event: Event) -> bool:
    """Whether no sentence of the event names a day (a headline, a lede that tells the toll before the body dates
    the attack)."""
    return not any(names_a_day(s.quote) for s in event.sources)


def _quarter_of(part: Event, whole: Event) -> bool:
    """The part a strike without figures at a district of the whole's city ("in the X district, debris hit a
    building", within ``consolidate_quarter_km`` of it, in its oblast; a gazetteer point, not a rural district placed
    at its seat, which holds other towns; told in a sentence of its own, not listed with the city), on its day, with
    a weapon the whole's sentences name (a combined attack of missiles and drones, then each district's damage): a
    view of the city's attack."""
    p, w = part.place, whole.place
    if part.event_type != "frontline_incident" or part.sub_event_type in CONTROL or whole.sub_event_type in CONTROL or \
            part.killed is not None or part.injured is not None or part.casualty_claims or \
            part.when.date is None or part.when.date != whole.when.date or \
            p.feature_kind == "admin1" or w.feature_kind == "admin1" or p.admin1_code != w.admin1_code or \
            p.precision == "admin2" or same_name(p, w) or km(p, w) > WEIGHTS.consolidate_quarter_km:
        return False
    if not any(_QUARTER_AFTER.match(s.quote, m.end()) or _QUARTER_END.search(p.text)
               for s in part.sources for m in _mentions(s.quote, p.text)):
        return False
    if {(s.start, s.end) for s in part.sources} & {(s.start, s.end) for s in whole.sources}:
        return False  # "drones hit the city of A, the B district and the C district": listed, each a target
    if part.sub_event_type in _GENERIC or whole.sub_event_type in _GENERIC or \
            part.sub_event_type == whole.sub_event_type:
        return True
    if part.sub_event_type in named_weapons(whole):
        return True
    noun = dict(WEAPON_NOUNS).get(part.sub_event_type)
    return noun is not None and any(noun.search(s.quote) for s in whole.sources)


def _summary_of(part: Event, whole: Event) -> bool:
    """The part placed only at the oblast the whole's settlement lies in, telling the same change of control (a
    strike told of a whole region, weapons brought down over it, is an attack of its own: ``incidents._by_region``)."""
    return part.place.feature_kind == "admin1" and whole.place.feature_kind != "admin1" and \
        part.admin1_code is not None and part.admin1_code == whole.admin1_code and \
        part.sub_event_type in CONTROL and part.sub_event_type == whole.sub_event_type


def _locator_of(part: Event, whole: Event) -> bool:
    """The part placed at a town a sentence names only to locate the whole's place, within ``consolidate_km``:
    the part's own sentence, or any sentence of the two when the part is a move towards the town."""
    if part.place.feature_kind == "admin1" or whole.place.feature_kind == "admin1" or \
            part.admin1_code != whole.admin1_code:
        return False
    own = list(part.sources)
    quotes = own + list(whole.sources) if part.sub_event_type in _MOVES else own
    apart = km(part.place, whole.place)
    return any(apart <= (WEIGHTS.consolidate_district_km if district else WEIGHTS.consolidate_km)
               for s in quotes for district in _locates(s.quote, whole.place.text, part.place.text))


def _mentions(sentence: str, name: str) -> list[re.Match]:
    return list(re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", sentence)) if name else []


def _locates(sentence: str, placed: str, locator: str) -> list[bool]:
    """Each way ``sentence`` names ``placed`` and then ``locator`` only to say where ``placed`` lies: False for a
    town near it ("A near B"), True for a district it lies in ("the A hromada in the B district")."""
    found = []
    for a in _mentions(sentence, placed):
        for b in _mentions(sentence, locator):
            gap = sentence[a.end():b.start()]
            if b.start() <= a.end() or len(gap) > WEIGHTS.consolidate_gap_chars or _GAP_BREAK.search(gap) or \
                    (_AND.search(gap) and not _BETWEEN.search(gap)):
                continue
            if _IN_DISTRICT.fullmatch(gap) and _DISTRICT_AFTER.match(sentence, b.end()):
                found.append(True)
            elif _LOCATOR.search(gap):
                found.append(False)
    return found


def _fold(whole: Event, part: Event) -> None:
    """The part's sources, figures and firmer day into the whole; the whole keeps its place and toll."""
    have = {(s.start, s.end) for s in whole.sources}
    whole.sources += [s for s in part.sources if (s.start, s.end) not in have]
    whole.sources.sort(key=lambda s: s.start)
    claims = set(whole.casualty_claims)
    whole.casualty_claims += [c for c in part.casualty_claims if c not in claims]
    whole.casualty_text += [t for t in part.casualty_text if t not in whole.casualty_text]
    if part.when.date is not None and (whole.when.date is None or part.date_basis < whole.date_basis):
        whole.when, whole.date_basis = part.when, part.date_basis
    if whole.gains in (None, "unknown") and part.gains not in (None, "unknown"):
        whole.gains, whole.actor = part.gains, part.actor
    if whole.actor in (None, "unknown") and part.actor not in (None, "unknown"):
        whole.actor = part.actor
    whole.confidence = max(whole.confidence, part.confidence)
