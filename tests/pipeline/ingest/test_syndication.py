"""Syndication: wire copies grouped, different reports apart, copies counted once by the build."""

from __future__ import annotations

from pathlib import Path

from conftest import NIKOPOL, WIRE, WIRE_EDITED, news_page

from pipeline.build import build_paths
from pipeline.ingest import syndication
from pipeline.ingest.syndication import content_hash, jaccard, shingles, syndication_groups

# another agency's report of the same strike: same places and figure, other words
OWN_REPORT = [
    "Rescuers in Dnipro pulled survivors from a collapsed block of flats on Saturday after a Russian missile "
    "hit the building, and local officials said twelve residents had died.",
    "Neighbours described a deafening blast in the middle of the afternoon; several said they had heard "
    "no air raid siren before the impact.",
]


def text(paragraphs: list[str], title: str = "") -> str:
    return "\n\n".join(([title] if title else []) + paragraphs)


def test_lightly_edited_wire_copies_are_grouped():
    a = text(WIRE, "Russian missile strike on Dnipro apartment block kills 12")
    b = text(WIRE_EDITED, "Dnipro strike: death toll rises as rescuers search rubble")
    assert jaccard(shingles(a), shingles(b)) >= 0.5
    groups = syndication_groups([("alpha.txt", a), ("beta.txt", b), ("nikopol.txt", text(NIKOPOL))])
    assert groups == {"alpha.txt": "alpha.txt", "beta.txt": "alpha.txt", "nikopol.txt": "nikopol.txt"}


def test_independent_reports_of_one_strike_stay_apart():
    groups = syndication_groups([("wire.txt", text(WIRE)), ("own.txt", text(OWN_REPORT))])
    assert groups["wire.txt"] != groups["own.txt"]


def test_exact_duplicates_share_a_group_even_when_short():
    groups = syndication_groups([("a.txt", "Kupiansk shelled."), ("b.txt", "kupiansk \n  SHELLED."),
                                 ("c.txt", "Izium.")])
    assert groups["a.txt"] == groups["b.txt"] == "a.txt" and groups["c.txt"] == "c.txt"
    assert content_hash("Kupiansk shelled.") == content_hash("kupiansk \n  SHELLED.")


def test_grouping_is_transitive_and_order_free():
    chain = [("c.txt", text(WIRE_EDITED)), ("a.txt", text(WIRE)), ("b.txt", text(WIRE[:4]))]
    assert set(syndication_groups(chain).values()) == {"a.txt"}
    assert syndication_groups(chain) == syndication_groups(list(reversed(chain)))


def test_wire_copies_are_every_source_but_one_report(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    head = '<meta property="article:published_time" content="2023-01-14T16:10:00Z">'
    (folder / "alpha.html").write_text(news_page(title="Morning briefing", site="Daily Alpha",
                                                 paragraphs=WIRE, head=head), encoding="utf-8")
    (folder / "beta.html").write_text(news_page(title="Evening briefing", site="Beta Times",
                                                paragraphs=WIRE_EDITED, head=head), encoding="utf-8")
    (folder / "own.html").write_text(news_page(title="Eyewitness report", site="Gamma News",
                                               paragraphs=OWN_REPORT, head=head), encoding="utf-8")
    result = build_paths([folder], tmp_path / "out")
    assert result.errors == []
    groups = {a["article"]: a["group"] for a in result.articles}
    assert groups["alpha.html"] == groups["beta.html"] != groups["own.html"]
    props = max((f["properties"] for f in result.events["features"]), key=lambda p: p["n_articles"])
    assert {s["article"] for s in props["sources"]} == {"alpha.html", "beta.html", "own.html"}
    assert props["n_articles"] == 3 and props["n_sources"] == 2 and props["reprints"] == 1


def test_confidence_is_not_raised_by_a_reprint(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    head = '<meta property="article:published_time" content="2023-01-14T16:10:00Z">'
    (folder / "alpha.html").write_text(news_page(title="Strike", site="A", paragraphs=WIRE, head=head),
                                       encoding="utf-8")
    alone = build_paths([folder], tmp_path / "out1").events["features"]
    (folder / "beta.html").write_text(news_page(title="Strike again", site="B", paragraphs=WIRE_EDITED, head=head),
                                      encoding="utf-8")
    both = build_paths([folder], tmp_path / "out2").events["features"]

    def confidence(features: list[dict]) -> dict:
        return {(f["properties"]["event_type"], f["properties"]["admin1_code"]): f["properties"]["confidence"]
                for f in features}

    assert confidence(both) == confidence(alone)


def test_the_same_text_twice_is_one_report(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("one.txt", "two.txt"):
        (folder / name).write_text("date 2023-03-10\n\n" + text(NIKOPOL), encoding="utf-8")
    result = build_paths([folder], tmp_path / "out")
    assert result.events["features"]
    for feature in result.events["features"]:
        props = feature["properties"]
        assert props["n_sources"] == 1 and props["n_articles"] == 2 and props["reprints"] == 1


def test_events_csv_and_table_say_how_often_a_report_was_reprinted(tmp_path: Path):
    import csv

    from dashboard.data import event_rows

    folder = tmp_path / "in"
    folder.mkdir()
    head = '<meta property="article:published_time" content="2023-01-14T16:10:00Z">'
    (folder / "alpha.html").write_text(news_page(title="Morning briefing", site="Daily Alpha",
                                                 paragraphs=WIRE, head=head), encoding="utf-8")
    (folder / "beta.html").write_text(news_page(title="Evening briefing", site="Beta Times",
                                                paragraphs=WIRE_EDITED, head=head), encoding="utf-8")
    result = build_paths([folder], tmp_path / "out")
    with (tmp_path / "out" / "events.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {(r["n_sources"], r["reprints"]) for r in rows} == {("1", "1")}
    assert {(r["n_sources"], r["reprints"]) for r in event_rows(result.events["features"])} == {(1, 1)}


# -- bounded candidates (issue 16: the grouping grew with the square of a corpus sharing boilerplate) ----------
def test_dated_copies_are_grouped_within_the_window_only():
    story = text(WIRE)
    groups = syndication_groups([("a.txt", story, "2023-01-14"), ("b.txt", story + " Updated.", "2023-01-18"),
                                 ("c.txt", story + " Reprinted.", "2023-03-01"), ("d.txt", story + " Again.", None)])
    assert groups["a.txt"] == groups["b.txt"] == "a.txt"
    assert groups["d.txt"] == "a.txt"  # undated: compared with every article
    # c is 46 days after a and b, but the undated d joins it to them (grouping is transitive)
    assert groups["c.txt"] == "a.txt"
    alone = syndication_groups([("a.txt", story, "2023-01-14"), ("c.txt", story + " Reprinted.", "2023-03-01")])
    assert alone == {"a.txt": "a.txt", "c.txt": "c.txt"}


def test_exact_checks_per_article_are_bounded_when_every_article_shares_boilerplate(monkeypatch):
    from pipeline.ingest import syndication

    footer = ("This report was compiled by our newsroom from agency material and official statements; "
              "we update it as new information arrives and correct errors as soon as we learn of them. ")
    articles = [(f"n{i:04d}.txt", footer * 3 + f"Item {i}: the council of district {i} met on day {i % 28}.")
                for i in range(300)]
    calls = []
    real = syndication.jaccard
    monkeypatch.setattr(syndication, "jaccard", lambda a, b: calls.append(1) or real(a, b))
    groups = syndication_groups(articles)
    assert len(calls) <= syndication.MAX_CANDIDATES * len(articles)
    assert len(set(groups.values())) < len(articles)  # the footer makes them copies (Jaccard > 0.5) all the same


def test_a_grouping_resumed_after_a_pickle_gives_the_groups_of_one_run():
    import pickle

    from pipeline.ingest.syndication import Grouping, fingerprint, group_fingerprints

    items = [("alpha.txt", fingerprint(text(WIRE)), "2023-01-14"), ("own.txt", fingerprint(text(OWN_REPORT)), None),
             ("beta.txt", fingerprint(text(WIRE_EDITED)), "2023-01-15"), ("nik.txt", fingerprint(text(NIKOPOL)), None)]
    first = Grouping()
    for item in items[:2]:
        first.add(*item)
    resumed = pickle.loads(pickle.dumps(first))
    for item in items[2:]:
        resumed.add(*item)
    assert resumed.groups() == group_fingerprints(items)
    assert resumed.groups()["beta.txt"] == "alpha.txt"


def test_fingerprint_with_shared_permutations_equals_a_freshly_seeded_minhash():
    """Drawing MinHash's permutations once per process changes no signature: same values as a fresh MinHash."""
    import numpy as np
    from datasketch import MinHash

    text = " ".join(f"word{i} moved along the river bank towards town number {i % 7}" for i in range(40))
    fp = syndication.fingerprint(text)
    fresh = MinHash(num_perm=syndication.NUM_PERM, seed=syndication._SEED, hashfunc=int)
    shared, _ = syndication._permutations()
    assert np.array_equal(shared, fresh.permutations)
    assert syndication.fingerprint(text).bands == fp.bands and len(fp.bands) == syndication.BANDS
