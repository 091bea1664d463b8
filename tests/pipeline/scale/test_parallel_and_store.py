"""--jobs gives the same bytes as one job; the store makes rebuilds incremental and survives crashes."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from conflictmap.cli import main
from pipeline import build
from pipeline.build import OUTPUT_FILES, build_paths
from pipeline.scale import run as scale_run
from pipeline.scale.store import STORE_NAME, ArticleStore, article_key
from pipeline.scale.work import process_article
from pipeline.text.articles import make_article
from tests.pipeline.scale.conftest import make_records, write_jsonl

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT / "seeds"
SHARED = ROOT / "tests" / "data" / "articles"


def _same_outputs(a: Path, b: Path) -> None:
    for name in OUTPUT_FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, corpus_records) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("corpus") / "corpus.jsonl", corpus_records)


@pytest.fixture(scope="module")
def one_job(tmp_path_factory, corpus) -> Path:
    out = tmp_path_factory.mktemp("one_job")
    build_paths([SEEDS, SHARED, corpus], out, jobs=1)
    return out


def test_two_jobs_give_the_bytes_of_one(one_job, corpus, tmp_path):
    build_paths([SEEDS, SHARED, corpus], tmp_path, jobs=2)
    _same_outputs(one_job, tmp_path)


def test_cli_build_with_jobs_and_store_gives_the_bytes_of_one_job(one_job, corpus, tmp_path):
    assert main(["build", str(SEEDS), str(SHARED), str(corpus), "--out", str(tmp_path), "--jobs", "2"]) == 0
    _same_outputs(one_job, tmp_path)
    assert (tmp_path / STORE_NAME).is_file()
    assert main(["build", str(SEEDS), str(SHARED), str(corpus), "--out", str(tmp_path), "--jobs", "2"]) == 0
    _same_outputs(one_job, tmp_path)  # the second build comes from the store


def test_rebuild_processes_only_new_and_changed_articles(tmp_path, processed):
    records = make_records(40)
    source = write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out"
    seen = processed
    build_paths([source], out, jobs=1, incremental=True)
    assert len(seen) == 40

    seen.clear()
    records[5]["text"] += "Explosions were heard in Sumy later on.\n"
    write_jsonl(source, records + make_records(3, offset=40))
    build_paths([source], out, jobs=1, incremental=True)
    assert sorted(seen) == ["doc-00005", "doc-00040", "doc-00041", "doc-00042"]

    fresh = tmp_path / "fresh"
    build_paths([source], fresh, jobs=1)  # no store: everything from scratch
    _same_outputs(fresh, out)


def test_dashboard_upload_with_a_data_folder_uses_the_store(tmp_path, processed):
    items = [(r["id"] + ".txt", r["text"]) for r in make_records(6)]
    seen = processed
    first = build.build_articles(items[:5], data_dir=tmp_path)
    assert len(seen) == 5 and (tmp_path / STORE_NAME).is_file()
    seen.clear()
    second = build.build_articles(items, data_dir=tmp_path)
    assert seen == [items[5][0]]
    assert second == build.build_articles(items)
    assert len(second["articles"]) == len(first["articles"]) + 1


def test_a_crash_mid_build_keeps_committed_windows_and_the_next_build_resumes(tmp_path, monkeypatch):
    articles = [make_article(r["id"], r["text"], {"date": r["date"]}) for r in make_records(30)]
    calls = []

    def dies_on_the_25th(article, **kwargs):
        calls.append(article.name)
        if len(calls) == 25:
            raise KeyboardInterrupt  # the user pressing Ctrl-C, or the process being killed
        return process_article(article, **kwargs)

    monkeypatch.setattr(scale_run, "process_article", dies_on_the_25th)
    with ArticleStore(tmp_path / STORE_NAME) as store, pytest.raises(KeyboardInterrupt):
        list(scale_run.run_articles(articles, store=store, window=10))
    check = sqlite3.connect(tmp_path / STORE_NAME)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert check.execute("SELECT count(*) FROM results").fetchone()[0] == 20  # two whole windows, nothing else
    check.close()

    calls.clear()
    with ArticleStore(tmp_path / STORE_NAME) as store:
        results = list(scale_run.run_articles(articles, store=store, window=10))
    assert calls == [a.name for a in articles[20:]]
    assert [a.name for a, _ in results] == [a.name for a in articles]


def test_a_new_pipeline_version_invalidates_every_row(tmp_path):
    article = make_article("a.txt", "Shelling hit Kharkiv on Tuesday.")
    with ArticleStore(tmp_path / STORE_NAME, version="old") as store:
        store.put_many([(article_key(article), "a.txt", b"payload")])
        assert store.get_many([article_key(article)])
    with ArticleStore(tmp_path / STORE_NAME, version="new") as store:
        assert len(store) == 0 and store.get_many([article_key(article)]) == {}


# each setting that changes what one article gives, with a value other than its default
_RESULT_SETTINGS = [
    ("focus_country", "UA"),
    ("war_theatre", None),
    ("war_theatre", ("UA", "RU")),
    ("online_geocoder", True),
]
# with the online geocoder on, which server answers changes the places too
_ONLINE_SETTINGS = [
    ("nominatim_domain", "127.0.0.1:8088"),
    ("nominatim_scheme", "http"),
    ("online_provider", "photon"),
]


@pytest.mark.parametrize(("name", "value"), _RESULT_SETTINGS)
def test_each_result_setting_makes_another_pipeline_version(monkeypatch, name, value):
    from pipeline import settings
    from pipeline.scale.store import pipeline_version

    before = pipeline_version()
    monkeypatch.setattr(settings, name, value)
    assert pipeline_version() != before
    monkeypatch.undo()
    assert pipeline_version() == before


@pytest.mark.parametrize(("name", "value"), _ONLINE_SETTINGS)
def test_the_online_server_is_part_of_the_pipeline_version(monkeypatch, name, value):
    from pipeline import settings
    from pipeline.scale.store import pipeline_version

    monkeypatch.setattr(settings, "online_geocoder", True)
    before = pipeline_version()
    monkeypatch.setattr(settings, name, value)
    assert pipeline_version() != before


def test_how_long_a_look_up_may_take_keeps_the_pipeline_version(monkeypatch):
    from pipeline import settings
    from pipeline.scale.store import pipeline_version

    monkeypatch.setattr(settings, "online_geocoder", True)
    before = pipeline_version()
    for name, value in [("timeout", 3.0), ("max_retries", 0), ("min_delay_seconds", 2.0), ("backoff_seconds", 9.0)]:
        monkeypatch.setattr(settings, name, value)
    assert pipeline_version() == before


def test_a_changed_war_theatre_reprocesses_every_stored_article(tmp_path, processed, monkeypatch):
    from pipeline import settings

    source = write_jsonl(tmp_path / "in.jsonl", make_records(6))
    out = tmp_path / "out"
    build_paths([source], out, jobs=1, incremental=True)
    assert len(processed) == 6
    processed.clear()
    build_paths([source], out, jobs=1, incremental=True)
    assert processed == []  # the same settings: every article from the store
    monkeypatch.setattr(settings, "war_theatre", None)
    build_paths([source], out, jobs=1, incremental=True)
    assert len(processed) == 6


@pytest.mark.parametrize(("content", "reason"), [
    (b"this is not a database at all" * 100, "corrupt"),
    (None, "is not a conflictmap article store"),
])
def test_a_corrupt_or_foreign_store_is_reported_once_and_rebuilt(tmp_path, capsys, content, reason):
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "a.txt").write_text("date 2023-03-10\nShelling hit Kharkiv on Tuesday.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    if content is None:
        other = sqlite3.connect(out / STORE_NAME)
        other.execute("CREATE TABLE results (key TEXT, version TEXT, name TEXT, payload BLOB)")
        other.execute("INSERT INTO results VALUES ('k', 'v', 'n', x'00')")
        other.commit()
        other.close()
    else:
        (out / STORE_NAME).write_bytes(content)

    assert main(["build", str(articles), "--out", str(out), "--jobs", "1"]) == 0

    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if STORE_NAME in line]
    assert len(lines) == 1 and reason in lines[0] and "rebuilding" in lines[0]
    assert "Traceback" not in err
    with ArticleStore(out / STORE_NAME) as store:
        assert len(store) == 1
    assert main(["build", str(articles), "--out", str(out), "--jobs", "1"]) == 0
    assert STORE_NAME not in capsys.readouterr().err


# -- damage to the files beside the store: each named in one line, the build goes on ----------
def _fold_of_noise(out: Path) -> str:
    (out / "article_store.fold").write_bytes(b"not a pickled fold " * 40)
    return "article_store.fold"


def _fold_cut_short(out: Path) -> str:
    blob = (out / "article_store.fold").read_bytes()
    (out / "article_store.fold").write_bytes(blob[: len(blob) // 3])
    return "article_store.fold"


def _heap_overwritten_at_its_start(out: Path) -> str:
    heap = out / "article_store.heap"
    data = bytearray(heap.read_bytes())
    data[:48] = b"#" * 48
    heap.write_bytes(bytes(data))
    return "article_store.heap"


def _heap_cut_short(out: Path) -> str:
    heap = out / "article_store.heap"
    heap.write_bytes(heap.read_bytes()[:100])
    return "article_store.heap"


def _one_row_of_noise(out: Path) -> str:
    db = sqlite3.connect(out / STORE_NAME)
    db.execute("UPDATE results SET payload = ? WHERE name = 'doc-00003'", (b"\x00noise\xff" * 5,))
    db.commit()
    db.close()
    (out / "article_store.fold").unlink()  # else the kept fold passes over the row without reading it
    return "doc-00003"


def _a_folder_for_the_store(out: Path) -> str:
    for name in (STORE_NAME, "article_store.fold", "article_store.heap"):
        (out / name).unlink()
    (out / STORE_NAME).mkdir()
    return STORE_NAME


@pytest.mark.parametrize("damage", [_fold_of_noise, _fold_cut_short, _heap_overwritten_at_its_start,
                                    _heap_cut_short, _one_row_of_noise, _a_folder_for_the_store])
def test_damage_beside_the_store_is_one_line_naming_it_and_the_build_goes_on(tmp_path, capsys, damage):
    source = write_jsonl(tmp_path / "in.jsonl", make_records(12))
    fresh, out = tmp_path / "fresh", tmp_path / "out"
    build_paths([source], fresh, jobs=1)
    assert main(["build", str(source), "--out", str(out), "--jobs", "1"]) == 0
    capsys.readouterr()
    named = damage(out)

    assert main(["build", str(source), "--out", str(out), "--jobs", "1"]) == 0

    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if "article_store" in line]
    assert len(lines) == 1, err
    assert named in lines[0]
    _same_outputs(fresh, out)


# -- an article that crashes the pipeline or kills its worker ---------------------------------
def _crashing(article, **kwargs):
    if "KILLS-THE-WORKER" in article.text:
        os._exit(3)  # as a segfault in native code or the OOM killer would
    if "RAISES-AN-ERROR" in article.text:
        msg = "a bug met in this article"
        raise RuntimeError(msg)
    return process_article(article, **kwargs)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_article_that_crashes_is_named_and_the_build_goes_on(tmp_path, monkeypatch, capsys, jobs):
    records = make_records(70)
    records[10]["text"] += "RAISES-AN-ERROR\n"
    if jobs > 1:
        records[40]["text"] += "KILLS-THE-WORKER\n"
    source = write_jsonl(tmp_path / "in.jsonl", records)
    monkeypatch.setattr(scale_run, "process_article", _crashing)

    code = main(["build", str(source), "--out", str(tmp_path / "out"), "--jobs", str(jobs)])

    assert code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    failed = [line for line in err.splitlines() if "could not be processed" in line]
    assert any("doc-00010" in line and "RuntimeError" in line for line in failed)
    if jobs > 1:
        assert any("doc-00040" in line and "worker process died" in line for line in failed)
    assert len(failed) == (2 if jobs > 1 else 1)
    events = json.loads((tmp_path / "out" / "events.geojson").read_text(encoding="utf-8"))["features"]
    sources = {s["article"] for f in events for s in f["properties"]["sources"]}  # the others gave their events
    assert {"doc-00009", "doc-00011", "doc-00039", "doc-00041", "doc-00069"} <= sources
    assert "doc-00010" not in sources and ("doc-00040" not in sources) == (jobs > 1)
