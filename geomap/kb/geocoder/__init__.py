"""Optional online geocoder fallback for names the local gazetteer cannot resolve.

Off by default (``service="none"``): place names leave the machine only when the
user asks for a service. Any geopy geocoder can be named; answers, including
"no result", are cached in SQLite so a name is asked at most once. Calls go
through a throttle with retries, and a breaker switches the service off for the
rest of the run after repeated failures, with a single warning.

geopy and platformdirs are imported lazily so that ``import geomap`` stays fast.
"""

from geomap.kb.geocoder.answers import GeocodeAnswer
from geomap.kb.geocoder.cache import CACHE_DIR_ENV, CACHE_FILENAME, default_cache_path
from geomap.kb.geocoder.fallback import FallbackGeocoder, make_geocoder
from geomap.kb.geocoder.settings import GeocoderSettings, default_user_agent, split_url
from geomap.kb.geocoder.throttle import ThrottledCaller

__all__ = [
    "CACHE_DIR_ENV",
    "CACHE_FILENAME",
    "FallbackGeocoder",
    "GeocodeAnswer",
    "GeocoderSettings",
    "ThrottledCaller",
    "default_cache_path",
    "default_user_agent",
    "make_geocoder",
    "split_url",
]
