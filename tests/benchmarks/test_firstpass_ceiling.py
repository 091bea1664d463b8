"""The Aho-Corasick stand-in of ``benchmarks/firstpass_ceiling.py`` reads its hits as ``NameIndex.hits`` does."""

from __future__ import annotations

from benchmarks.firstpass_ceiling import _automaton_hits


class _Automaton:
    """What pyahocorasick's ``iter`` reports for a few patterns " p ": (index of the closing space, value), by that
    index, the longest pattern first at one index."""

    def __init__(self, names: list[str]) -> None:
        self.names = names

    def iter(self, window: str):
        found = []
        for name in self.names:
            pattern = f" {name} "
            at = window.find(pattern)
            while at >= 0:
                found.append((at + len(pattern) - 1, (name, len(name))))
                at = window.find(pattern, at + 1)
        found.sort(key=lambda hit: (hit[0], -hit[1][1]))
        return iter(found)


def test_names_under_a_capital_are_kept_and_others_dropped() -> None:
    # the run "Troops Left Lower Town" folded, with the blank before and after it
    run = "Troops Left Lower Town"
    window = " troops left lower town "
    automaton = _Automaton(["lower town", "town", "left", "troops"])
    hits = _automaton_hits(automaton, window, run)
    assert [value[0] for _end, value in hits] == ["troops", "left", "lower town", "town"]
    assert all(run[end - length - 1].isupper() for end, (_key, length) in hits)


def test_a_name_under_a_lower_case_word_is_dropped() -> None:
    run = "Hill of Dawn"
    window = " hill of dawn "
    hits = _automaton_hits(_Automaton(["of dawn", "dawn", "hill"]), window, run)
    assert [value[0] for _end, value in hits] == ["hill", "dawn"]  # "of dawn" starts under a lower-case "o"
    assert [end for end, _value in hits] == [5, 13]
