"""Shared fixtures: the geoparser is loaded once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def geoparser():
    from pipeline.geoparse import load_geoparser

    return load_geoparser()


@pytest.fixture(scope="session")
def gazetteer():
    from pipeline.gazetteer import load_gazetteer

    return load_gazetteer()
