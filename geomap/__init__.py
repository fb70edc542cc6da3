"""geomap: news articles to mapped places and incidents, offline.

>>> import geomap
>>> report = geomap.parse("Erbil, Kurdistan Region — Rockets hit Kirkuk on Friday.")
>>> [place.name for place in report.places]   # doctest: +SKIP

Importing geomap loads nothing heavy; the spaCy model and the gazetteer are
loaded on first use.
"""

from __future__ import annotations

import datetime as dt
from importlib import metadata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from geomap.models import Document, Place, Report
    from geomap.pipeline import Pipeline

try:
    __version__ = metadata.version("geomap")
except metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["Document", "Pipeline", "Place", "Report", "__version__", "parse"]

_default_pipeline: Pipeline | None = None


def parse(text: str, published: dt.date | str | None = None) -> Report:
    """Parse one article with a shared default ``Pipeline``."""
    global _default_pipeline
    if _default_pipeline is None:
        from geomap.pipeline import Pipeline

        _default_pipeline = Pipeline()
    return _default_pipeline.parse(text, published=published)


def __getattr__(name: str) -> Any:
    if name == "Pipeline":
        from geomap.pipeline import Pipeline

        return Pipeline
    if name in ("Document", "Place", "Report"):
        from geomap import models

        return getattr(models, name)
    raise AttributeError(f"module 'geomap' has no attribute {name!r}")
