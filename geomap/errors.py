"""One error hierarchy for geomap; every class is also the matching builtin."""

from __future__ import annotations


class GeomapError(Exception):
    """Base class of every error geomap raises on purpose."""


class InputError(GeomapError, ValueError):
    """An input file or value geomap cannot read (missing, binary, malformed)."""


class ConfigurationError(GeomapError, ValueError):
    """A setting, flag or configuration file value that is not valid."""


class GazetteerError(GeomapError, RuntimeError):
    """The local gazetteer cannot be built, opened or extended."""


class ModelError(GeomapError, RuntimeError):
    """The spaCy pipeline cannot be loaded or is not usable for English NER."""


class GeocoderError(GeomapError, RuntimeError):
    """A geocoder fallback failed (bad service name, HTTP error, bad answer)."""


class GeocoderUnavailable(GeocoderError, ConnectionError):
    """The geocoder service could not be reached or answered with an error."""


class GeocoderTimedOut(GeocoderError, TimeoutError):
    """The geocoder service did not answer in time."""


class ClusterError(GeomapError, ConnectionError):
    """A Dask cluster cannot be reached, or has no workers to send a corpus to."""


class ExportError(GeomapError, OSError):
    """An output file could not be written."""
