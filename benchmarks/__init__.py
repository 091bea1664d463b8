"""Benchmarks of conflictmap: scripts that measure quality and speed, with their results."""
