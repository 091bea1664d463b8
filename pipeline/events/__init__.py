"""Events stage: geoparsed articles → events, one per incident (extract), then across articles (merge)."""

from pipeline.events.extract import extract_events
from pipeline.events.merge import merge_across_articles

__all__ = ["extract_events", "merge_across_articles"]
