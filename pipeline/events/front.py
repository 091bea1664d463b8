"""Changes of control placed far from the front: a name one outlet writes in another tradition.

A town near the front often has a second name: its Soviet one, which Russian outlets still use (Krasnoarmeysk for
Pokrovsk, Dzerzhinsk for Toretsk), or its Russian spelling (Seversk for Siversk). The same name often belongs to a
town deep inside Russia too, and an article that gives no oblast may have that town resolved instead: a capture in
Saratov or Tomsk oblast. No front line passes there, so the change of control is not news of that town. The event
keeps the place the geoparser gave it (one report alone cannot tell which front-line bearer of the name it meant),
but it carries those bearers' gazetteer ids (``Event.namesakes``: the most populous, the town a second name means), so that another outlet's report of the same change
at one of them is found to be the same incident (``merge._displaced``), and the merged event lies there.
"""

from __future__ import annotations

from pipeline.events.records import Event
from pipeline.geoparse.gazetteer import name_key
from pipeline.geoparse.weights import RESOLVE_WEIGHTS
from pipeline.model import Place
from pipeline.text.translit import skeleton

_CONTROL = ("encirclement", "recapture", "withdrawal", "capture", "advance")
# more front-line bearers of one name than this: the name is too common ("Novoselivka") to tell which one was meant
MAX_NAMESAKES = 3


def near_front(country_code: str | None, admin1_code: str | None) -> bool:
    """Whether a place in ``country_code`` / ``admin1_code`` may be on the front: in the war's country
    (``war_theatre_country``) or in a border unit of the other party (``war_theatre_admin1``)."""
    return country_code == RESOLVE_WEIGHTS.war_theatre_country or admin1_code in RESOLVE_WEIGHTS.war_theatre_admin1


def far_from_front(event: Event) -> bool:
    """Whether ``event`` is a change of control placed at a settlement that cannot be on the front (no front line
    passes there: it is not :func:`near_front`)."""
    place = event.place
    return event.sub_event_type in _CONTROL and place is not None and place.feature_kind == "city" and \
        place.country_code is not None and not near_front(place.country_code, place.admin1_code)


def front_namesakes(events: list[Event]) -> None:
    """Set ``namesakes`` on each change of control placed far from the front: the gazetteer ids of the settlements
    near the front bearing the name the text wrote (any spelling or former name), at most ``MAX_NAMESAKES`` (else
    none). The gazetteer is read only when such an event is found."""
    displaced = [e for e in events if far_from_front(e)]
    if not displaced:
        return
    from pipeline.geoparse import load_geoparser

    gazetteer = load_geoparser().gazetteer
    for event in displaced:
        event.namesakes = _bearers(gazetteer, event.place)


def _bearers(gazetteer, place: Place) -> tuple[int, ...]:
    """The gazetteer id of the most populous settlement near the front named ``place.text`` (the town an outlet means
    by a second name: Pokrovsk, not a village that once bore the name too), as a 1-tuple; () when there is none or
    more than ``MAX_NAMESAKES`` bear it (too common a name to tell). With no bearer of the name as written, a sizeable
    town whose name has the same consonant skeleton (``Gazetteer.skeletons``: "Dmitrov" for Dimitrov, Myrnohrad's
    Russian name) is one."""
    found = _near_front_rows(gazetteer, place, (c.row for c in gazetteer.candidates(place.text)))
    if not found:
        found = _near_front_rows(gazetteer, place, gazetteer.skeletons.get(skeleton(name_key(place.text)), ()))
    if not found or len(found) > MAX_NAMESAKES:
        return ()
    best = max(found, key=lambda c: (c.population, -c.row))
    return (best.geonameid,)


def _near_front_rows(gazetteer, place: Place, rows) -> list:
    """The candidates of ``rows`` that are settlements near the front with a gazetteer id, other than ``place``'s."""
    found: dict[int, object] = {}
    for row in rows:
        c = gazetteer.candidate(row)
        if c.feature_kind == "city" and c.geonameid is not None and c.geonameid != place.geonameid and \
                near_front(c.country_code, c.admin1_code):
            found.setdefault(c.geonameid, c)
    return list(found.values())
