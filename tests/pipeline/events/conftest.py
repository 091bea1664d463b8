"""Fixtures of the events tests: the geoparser every test module shares (loaded once per session)."""

from __future__ import annotations

import pytest

from pipeline.geoparse import Geoparser


@pytest.fixture(scope="module")
def parser(geoparser: Geoparser) -> Geoparser:
    return geoparser
