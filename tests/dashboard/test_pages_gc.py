"""The dashboard's data sets are kept out of the garbage collector's passes (issue 16: no multi-second pause
at a random filter change on 100,000 events), and reading them leaves the collector as it found it."""

from __future__ import annotations

import gc

import pytest

from dashboard import pages


def _tracked(obj: object) -> bool:
    return any(o is obj for o in gc.get_objects())


def test_read_outputs_are_frozen_not_walked_by_collections(data_dir):
    gc.unfreeze()
    try:
        folder_id = pages.folder_id(data_dir) + "#gc-test"
        out = pages.outputs(data_dir, folder_id)
        features = out["events"]["features"]
        assert features and gc.get_freeze_count() > 0
        assert not _tracked(features)  # in the permanent generation: no collection looks at it
        view = pages.data_view(folder_id, out)
        assert not _tracked(view["choices"])
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_a_failed_read_turns_the_collector_back_on():
    def broken():
        raise ValueError("unreadable")

    assert gc.isenabled()
    with pytest.raises(ValueError, match="unreadable"):
        pages._kept(broken)
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off():
    gc.disable()
    try:
        assert pages._kept(lambda: {"a": [1, 2]}) == {"a": [1, 2]}
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
