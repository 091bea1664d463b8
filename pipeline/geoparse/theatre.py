"""The war theatre of an article: where its ambiguous place names are expected to lie.

An article about Russia's war against Ukraine often names only Russia (a Russian outlet, a report of Russia's
defence ministry), and its country signal would then send a Ukrainian town to a Russian namesake thousands of
kilometres from the front. ``has_war_cue`` tells whether the text speaks of fighting; with Russia named, Ukraine
and Russia's border regions (``ResolveWeights.war_theatre_admin1``) become the expected area (see
``resolve._RankContext.theatre_signal``).
"""

from __future__ import annotations

import re

# words of fighting: a ministry of defence reporting, armed forces, the front, weapons and captures (English press
# wording; a class of words, no place or outlet)
_WAR_CUE = re.compile(
    r"\b(?:defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e|armed\s+forces|troops|forces|front\s?-?lines?"
    r"|shell(?:ing|ed)|drones?|missiles?|artillery|captured|liberated|offensive|air\s+defen[cs]es?)\b",
    re.IGNORECASE)


# one of which every match of ``_WAR_CUE`` holds once lowered, when the text has none of the characters
# re.IGNORECASE reads as "i" or "s" that ``str.lower`` keeps apart from them ("ı", "İ", "ſ"): a text without any is
# not scanned (the pattern opens with no character the regex engine could skip to)
_WAR_LITERALS = ("defen", "force", "troop", "front", "shell", "drone", "missile", "artiller", "captured", "liberated",
                 "offensive")
_READ_AS_I_OR_S = ("ı", "İ", "ſ")


def has_war_cue(text: str) -> bool:
    """Whether ``text`` speaks of fighting (a ministry of defence, forces, the front line, shelling, drones ...)."""
    if not any(char in text for char in _READ_AS_I_OR_S):
        low = text.lower()
        if not any(literal in low for literal in _WAR_LITERALS):
            return False
    return _WAR_CUE.search(text) is not None
