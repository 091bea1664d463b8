"""The word gates before the trigger patterns skip only sentences a pattern cannot match."""

from __future__ import annotations

import pytest

from pipeline.events import triggers as trig

# one sentence per alternative of every trigger pattern (own wording), plus case and Unicode oddities
SENTENCES = [
    "The town was encircled and the garrison cut off; troops are surrounding the plant.",
    "Ukrainian forces recaptured the village, retook a hill, retaking ground and liberated two towns.",
    "The liberation of the district followed; the army took back the bridge and regained the crossing.",
    "Soldiers reclaimed the station and freed the nearby villages of the valley.",
    "Units expelled the Russian troops from the suburb and drove the enemy out of the forest.",
    "The settlement is now under the control of the army and returned to Ukrainian control.",
    "Troops withdrew from the city, then retreated; the withdrawal of units from the bank was ordered.",
    "The brigade abandoned the position and pulled out; the garrison gave up the town.",
    "The occupiers have finally left Ostrovka on Monday.",
    "Russian forces captured the village, seized a farm, took control of the mine and took over the depot.",
    "The town fell to the attackers, who overran the trenches and took the villages of the ridge.",
    "The unit surrendered; the region was occupied by the invaders and ceded control.",
    "Troops advanced into the suburb, pushed into the park and broke into the factory.",
    "Missiles struck the port; the army fired rockets at the city in a rocket barrage.",
    "A drone struck a depot after drones exploded over the town in a drone attack.",
    "An airstrike and an air raid hit the school; planes bombed the road with guided bombs.",
    "Artillery shelled the market, and mortar fire and artillery fire continued.",
    "Saboteurs blew up a bridge, a dam was blown up and a charge detonated; explosions rang out.",
    "Gunmen attacked the post, stormed the office, opened fire and fired at the police.",
    "A strike on the depot and an assault on the hill followed; the plant was also hit.",
    "The assault was quickly repelled, and another wave was pushed back.",
    "AİR STRİKES hit the city; ſhelling and the \u212aremlin were mentioned.",
    "Nothing happened in the quiet town on Sunday, officials said.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_every_match_holds_one_of_its_gate_words(sentence):
    for name, pattern in trig.INCIDENT_TRIGGERS:
        for m in pattern.finditer(sentence):
            assert any(word in trig.folded(m.group(0)) for word in trig.TRIGGER_NEEDS[name]), (name, m.group(0))


def test_gated_triggers_equal_ungated(monkeypatch):
    gated = [trig.triggers(s) for s in SENTENCES]
    monkeypatch.setattr(trig, "TRIGGER_NEEDS", {name: ("",) for name in trig.TRIGGER_NEEDS})
    assert [trig.triggers(s) for s in SENTENCES] == gated
    assert sum(map(len, gated)) >= 20  # the sentences do fire
