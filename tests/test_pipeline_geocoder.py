"""The geocoder fallback inside the pipeline, against a real local Nominatim look-alike."""

from __future__ import annotations

import logging

import pytest

from geomap.config import Settings
from geomap.kb.geocoder import FallbackGeocoder, GeocoderSettings
from geomap.pipeline import Pipeline

from nominatim_server import HANG, NominatimServer, nominatim_place

pytestmark = [pytest.mark.model, pytest.mark.gazetteer]

# A village the packaged gazetteer does not have (invented for the test); the small model
# tags it PERSON, and "the village of" tells geomap it is a place.
VILLAGE = "Tell Zarzur"
TEXT = f"Shelling hit the village of {VILLAGE} near Kirkuk, Iraq, on Monday."
PLACES = {
    VILLAGE: [
        nominatim_place(f"{VILLAGE}, Kirkuk Governorate, Iraq", 35.61, 44.12, osm_type="node",
                        osm_id=4242, place_class="place", place_type="village",
                        country_code="iq", country="Iraq")
    ]
}  # fmt: skip


@pytest.fixture
def server():
    with NominatimServer(PLACES, hang_seconds=3.0) as running:
        yield running


def _pipeline(gazetteer, nlp, server, tmp_path, timeout=2.0) -> Pipeline:
    settings = GeocoderSettings(service="nominatim", url=server.url, timeout=timeout, min_delay=0)
    geocoder = FallbackGeocoder(settings, tmp_path / "geocoder.sqlite", retries=1, backoff=0.01)
    pipeline = Pipeline(Settings(geocoder=settings), gazetteer=gazetteer, geocoder=geocoder)
    pipeline.__dict__["nlp"] = nlp  # share the session's loaded model
    return pipeline


def _place(report, text):
    [place] = [p for p in report.places if p.text == text]
    return place


def test_the_fallback_resolves_what_the_gazetteer_lacks(gazetteer, nlp, server, tmp_path):
    with _pipeline(gazetteer, nlp, server, tmp_path) as pipeline:
        report = pipeline.parse(TEXT)
        village = _place(report, VILLAGE)
        assert (village.lat, village.lon) == (35.61, 44.12)
        assert village.source == "nominatim:node/4242"
        assert village.country_code == "IQ"
        assert "geocoder answer" in village.reasons[-1]
        # The gazetteer still answers for what it knows; only the unknown name was asked,
        # with the article's country as a hint.
        assert _place(report, "Kirkuk").source.startswith("geonames:")
        [request] = server.requests
        assert request.params["q"] == VILLAGE
        assert request.params.get("countrycodes") == "iq"
        pipeline.parse(TEXT)
        assert len(server.requests) == 1  # answered from the cache the second time


def test_a_hanging_service_is_switched_off_and_the_run_completes(
    gazetteer, nlp, server, tmp_path, caplog
):
    server.set_mode(HANG)
    with _pipeline(gazetteer, nlp, server, tmp_path, timeout=0.3) as pipeline:
        with caplog.at_level(logging.WARNING, logger="geomap"):
            first = pipeline.parse(TEXT)
            second = pipeline.parse(f"Later, the village of {VILLAGE} was quiet; Erbil was calm.")
        assert not _place(first, VILLAGE).resolved
        assert _place(first, "Kirkuk").resolved
        assert _place(second, "Erbil").resolved
        warnings = [r for r in caplog.records if "switched off" in r.getMessage()]
        assert len(warnings) == 1
        assert len(server.requests) == 2  # one call and its retry, then nothing more
