"""The parent gives the allocator's free pages back during a build (its resident memory is what it holds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import build
from pipeline.scale import memory
from tests.pipeline.scale.conftest import make_records, write_jsonl


def _anon() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no RssAnon")


@pytest.mark.skipif(memory._trim() is None or not Path("/proc/self/status").exists(), reason="glibc on Linux only")
def test_freed_blocks_among_kept_ones_are_given_back():
    blocks = [bytes(3000) for _ in range(12_000)]  # ~36 MB in blocks glibc allocates (not Python's small-object pool)
    kept = blocks[9::10]  # every tenth stays, so the freed space is holes, not the heap's top
    del blocks
    before = _anon()
    assert memory.release_free_memory()
    assert _anon() < before - 16 * 2**20  # most of the ~32 MB of holes returned
    assert len(kept) == 1_200


def test_a_build_releases_free_memory_every_few_articles(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(build, "TRIM_EVERY", 4)
    monkeypatch.setattr(build, "release_free_memory", lambda: calls.append(1) or True)
    source = write_jsonl(tmp_path / "in.jsonl", make_records(18))
    build.build_paths([source], tmp_path / "out", jobs=1)
    assert len(calls) >= 18 // 4
