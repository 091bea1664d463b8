"""Events stage: geoparsed articles → events (extraction), then one event per incident (merging)."""

from pipeline.events.extract import extract_events, merge_across_articles

__all__ = ["extract_events", "merge_across_articles"]
