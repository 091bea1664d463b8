"""The merged events rendered on the build's idle workers give the bytes rendered in the parent."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from pipeline import build
from pipeline.build import OUTPUT_FILES
from pipeline.scale import fold as fold_module
from pipeline.scale.run import run_articles
from pipeline.scale.work import Failure, ForkPoolMapper, SerialMapper, _run_chunk, idle_pool
from pipeline.text.articles import make_article
from tests.pipeline.scale.conftest import make_records


class CountingPool:
    """A mapper with two 'workers' that runs in this process (as a worker would) and counts the items each
    function was given; ``fail_every``: every so many items of the functions ``failing`` come back as a
    ``Failure`` (as when a worker dies)."""

    workers = 2

    def __init__(self, fail_every: int = 0, failing: tuple[str, ...] = ("render_event", "geoparquet_part")) -> None:
        self.calls: dict[str, int] = {}
        self.per_task: dict[str, int | None] = {}
        self.fail_every, self.failing = fail_every, failing

    def imap(self, fn, items, *, per_task=None):
        name = getattr(fn, "func", fn).__name__
        self.per_task[name] = per_task
        for n, item in enumerate(items):
            self.calls[name] = self.calls.get(name, 0) + 1
            if name in self.failing and self.fail_every and n % self.fail_every == 0:
                yield Failure("the worker process died while processing it")
            else:
                yield from _run_chunk(fn, [item])  # as a worker does: an exception comes back as a Failure


def _articles() -> list:
    return [make_article(r["id"], r["text"], {"date": r["date"]}) for r in make_records(60)]


def _bytes(result) -> dict[str, bytes]:
    out = {}
    for name in OUTPUT_FILES:
        data = result.files[name]
        out[name] = data.read_bytes() if isinstance(data, Path) else data.encode() if isinstance(data, str) else data
    return out


def _run_with(pool) -> callable:
    run = partial(run_articles, mapper=pool)
    run.mapper = pool
    return run


@pytest.fixture(scope="module")
def in_parent() -> dict[str, bytes]:
    return _bytes(build.process(_articles()))


def test_events_rendered_on_the_pool_give_the_bytes_rendered_here(in_parent):
    pool = CountingPool()
    result = build.process(_articles(), runner=_run_with(pool))
    assert result.counts["events"] > 10
    assert pool.calls["render_event"] == result.counts["events"]  # every merged event went to the pool
    assert _bytes(result) == in_parent


def test_an_event_a_worker_failed_on_is_rendered_here(in_parent):
    pool = CountingPool(fail_every=3)
    assert _bytes(build.process(_articles(), runner=_run_with(pool))) == in_parent


@pytest.mark.parametrize("fail_every", [0, 2])
def test_layer_parts_made_on_the_pool_one_per_task_give_the_same_layers(in_parent, monkeypatch, fail_every):
    monkeypatch.setattr(fold_module, "EVENTS_PER_PART", 7)
    pool = CountingPool(fail_every=fail_every)
    result = build.process(_articles(), runner=_run_with(pool))
    assert result.counts["places"] < fold_module.PLACES_PER_PART  # so every place waits for the last places part
    # every part of the events layer and the last part of the places layer, on the pool
    assert pool.calls["geoparquet_part"] == -(-result.counts["events"] // 7) + 1
    assert pool.per_task["geoparquet_part"] == 1  # one part per task: the workers make them side by side
    assert _bytes(result) == in_parent


def test_a_render_error_is_raised_as_in_the_parent(monkeypatch):
    def broken(event):
        raise ValueError("a feature with no type")

    monkeypatch.setattr(fold_module, "_render_event", broken)
    with pytest.raises(ValueError, match="a feature with no type"):
        build.process(_articles(), runner=_run_with(CountingPool()))


def test_only_running_pools_of_several_workers_render():
    assert idle_pool(None) is None
    assert idle_pool(SerialMapper()) is None
    pool = ForkPoolMapper(2)
    try:
        assert idle_pool(pool) is None  # not started: starting it would load the index just to render
        assert list(pool.imap(abs, [-1, 2])) == [1, 2]
        assert idle_pool(pool) is pool
    finally:
        pool.close()


class LocalCountingPool(CountingPool):
    """A ``CountingPool`` whose 'workers' share this machine's files (as the fork pool's do)."""

    local = True


@pytest.mark.parametrize("fail_every", [0, 1])
def test_layers_joined_in_a_worker_of_a_local_pool_give_the_same_files(in_parent, monkeypatch, fail_every):
    monkeypatch.setattr(fold_module, "EVENTS_PER_PART", 7)
    monkeypatch.setattr(fold_module, "PLACES_PER_PART", 16)  # several places parts: the places layer is joined too
    pool = LocalCountingPool(fail_every=fail_every, failing=("join_parts",))
    result = build.process(_articles(), runner=_run_with(pool))
    assert pool.calls["join_parts"] == 2 and pool.per_task["join_parts"] == 1  # places and events: one task each
    assert _bytes(result) == in_parent  # (with fail_every 1 every join failed there and was done here)


def test_a_pool_on_other_machines_joins_nothing():
    pool = CountingPool()  # not ``local``: a Dask cluster's workers may not see the scratch files
    build.process(_articles(), runner=_run_with(pool))
    assert "join_parts" not in pool.calls


class Sent:
    """What ``SubmittingPool.submit`` gives back: done at once (or after ``late`` looks), its value or a Failure."""

    def __init__(self, value, late: int = 0) -> None:
        self.value, self.late = value, late

    def done(self) -> bool:
        self.late -= 1
        return self.late < 0

    def result(self):
        return self.value


class SubmittingPool(CountingPool):
    """A ``CountingPool`` that also takes single items (``submit``), as the fork pool and Dask do; ``late``: how many
    looks each one takes before it is done (parts still being made when the next is sent)."""

    def __init__(self, fail_every: int = 0, late: int = 0) -> None:
        super().__init__(fail_every, failing=("geoparquet_part",))
        self.submitted: list[str] = []
        self.late = late

    def submit(self, fn, item):
        self.submitted.append(fn.__name__)
        failed = self.fail_every and len(self.submitted) % self.fail_every == 0
        return Sent(Failure("the worker process died") if failed else _run_chunk(fn, [item])[0], self.late)


@pytest.mark.parametrize(("fail_every", "late"), [(0, 0), (0, 2), (2, 1), (1, 0)])
def test_places_parts_made_on_the_pool_while_articles_are_folded_give_the_same_layer(in_parent, monkeypatch,
                                                                                      fail_every, late):
    monkeypatch.setattr(fold_module, "PLACES_PER_PART", 16)  # a part every few articles
    pool = SubmittingPool(fail_every=fail_every, late=late)
    result = build.process(_articles(), runner=_run_with(pool))
    assert len(pool.submitted) >= 5 and set(pool.submitted) == {"geoparquet_part"}  # the parts sealed in the first pass
    assert _bytes(result) == in_parent  # (a part that failed there was made here)


def test_a_fold_of_one_job_makes_its_places_parts_here(in_parent, monkeypatch):
    monkeypatch.setattr(fold_module, "PLACES_PER_PART", 16)
    pool = SubmittingPool()
    pool.workers = 1  # one worker: not an idle pool
    assert _bytes(build.process(_articles(), runner=_run_with(pool))) == in_parent
    assert pool.submitted == []


def _boom(_item):
    raise ValueError("no")


def test_the_fork_pool_runs_single_items_and_reports_their_failures():
    pool = ForkPoolMapper(2)
    try:
        sent = [pool.submit(abs, -3), pool.submit(_boom, 1)]
        assert sent[0].result() == 3
        failed = sent[1].result()
        assert isinstance(failed, Failure) and "ValueError" in failed.reason
        assert all(s.done() for s in sent)
    finally:
        pool.close()


def test_builds_on_a_fork_pool_make_their_places_parts_there_and_a_resumed_one_gives_the_files_of_one_job(
        tmp_path, monkeypatch):
    from pipeline.build import build_paths
    from tests.pipeline.scale.conftest import write_jsonl

    monkeypatch.setattr(fold_module, "PLACES_PER_PART", 16)
    sent: list[str] = []
    real_submit = ForkPoolMapper.submit

    def submit(self, fn, item):
        sent.append(fn.__name__)
        return real_submit(self, fn, item)

    monkeypatch.setattr(ForkPoolMapper, "submit", submit)
    records = make_records(60)
    source, out, fresh = tmp_path / "in.jsonl", tmp_path / "out", tmp_path / "fresh"
    write_jsonl(source, records[:40])
    build_paths([source], out, jobs=2, incremental=True)
    first = len(sent)
    write_jsonl(source, records)
    build_paths([source], out, jobs=2, incremental=True)  # 20 appended articles, on the kept fold and store
    assert first >= 3 and len(sent) > first and set(sent) == {"geoparquet_part"}
    build_paths([source], fresh, jobs=1)  # no store, one process
    for name in OUTPUT_FILES:
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
