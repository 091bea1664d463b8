"""Atomic file writes: a file is either whole or untouched (kept for callers; see ``writer``)."""

from __future__ import annotations

from pipeline.output.writer import atomic_file, write_atomic

__all__ = ["atomic_file", "write_atomic"]
