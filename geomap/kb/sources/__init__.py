"""Gazetteer sources: each a small class yielding ``SourceRecord``s (see ``base``)."""

from geomap.kb.sources.base import Source, SourceRecord

__all__ = ["Source", "SourceRecord"]
