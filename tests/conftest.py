"""Shared fixtures: the geoparser is loaded once per test session; small output sets (tests/fixtures.py)."""

from __future__ import annotations

import pytest

from tests.fixtures import basemap, data_dir, events, oblasts, places, seed_data_dir  # noqa: F401  (fixtures)


@pytest.fixture(scope="session")
def geoparser():
    from pipeline.geoparse import load_geoparser

    return load_geoparser()


@pytest.fixture(scope="session")
def gazetteer():
    from pipeline.geoparse.gazetteer import load_gazetteer

    return load_gazetteer()
