"""A small real Nominatim look-alike on 127.0.0.1 for the geocoder tests.

It answers ``GET <prefix>/search?q=...&format=json`` from a table of places,
in Nominatim's JSON format, and can be switched to fail in the ways a real
service fails: HTTP 500, HTTP 429, invalid JSON, or hanging past the client's
timeout. Every request it receives is recorded.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit

NORMAL = "normal"
ERROR_500 = "500"
RATE_LIMITED_429 = "429"
BAD_JSON = "badjson"
HANG = "hang"
MODES = (NORMAL, ERROR_500, RATE_LIMITED_429, BAD_JSON, HANG)


def nominatim_place(
    name: str,
    lat: float,
    lon: float,
    *,
    osm_type: str,
    osm_id: int,
    place_class: str,
    place_type: str,
    country_code: str,
    country: str,
    place_id: int = 1,
    importance: float = 0.5,
) -> dict[str, Any]:
    """One record as Nominatim's ``/search?format=json&addressdetails=1`` returns it."""
    return {
        "place_id": place_id,
        "licence": "Data (c) OpenStreetMap contributors, ODbL 1.0.",
        "osm_type": osm_type,
        "osm_id": osm_id,
        "lat": f"{lat:.7f}",
        "lon": f"{lon:.7f}",
        "class": place_class,
        "type": place_type,
        "place_rank": 16,
        "importance": importance,
        "addresstype": place_type,
        "name": name.split(",")[0],
        "display_name": name,
        "address": {"city": name.split(",")[0], "country": country, "country_code": country_code},
        "boundingbox": [
            f"{lat - 0.1:.7f}",
            f"{lat + 0.1:.7f}",
            f"{lon - 0.1:.7f}",
            f"{lon + 0.1:.7f}",
        ],
    }


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """One request the server received."""

    path: str
    params: Mapping[str, str]
    headers: Mapping[str, str]

    @property
    def user_agent(self) -> str | None:
        """The User-Agent header, if any."""
        return self.headers.get("user-agent")


class _Handler(BaseHTTPRequestHandler):
    """Serves one request for the NominatimServer that owns the HTTP server."""

    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        """Answer ``/search`` according to the server's mode."""
        owner = self.server.owner
        parts = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        headers = {k.lower(): v for k, v in self.headers.items()}
        mode = owner.record(RecordedRequest(parts.path, params, headers))
        if not parts.path.endswith("/search"):
            self._send(404, b'{"error": "not found"}')
        elif mode == HANG:
            owner.wait_released()
            self.close_connection = True
        elif mode == ERROR_500:
            self._send(500, b"Internal Server Error", "text/plain")
        elif mode == RATE_LIMITED_429:
            extra = {} if owner.retry_after is None else {"Retry-After": str(owner.retry_after)}
            self._send(429, b"Too Many Requests", "text/plain", extra)
        elif mode == BAD_JSON:
            self._send(200, b'[{"place_id": 1, "lat": "36.1')
        else:
            body = json.dumps(owner.search(params)).encode()
            self._send(200, body)

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str = "application/json; charset=utf-8",
        extra: Mapping[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet."""


class _Server(ThreadingHTTPServer):
    """The HTTP server, pointing back at its NominatimServer."""

    daemon_threads = True

    def __init__(self, owner: NominatimServer) -> None:
        self.owner = owner
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore clients that hung up (the client timed out); nothing else happens here."""


class NominatimServer:
    """A Nominatim ``/search`` endpoint on an ephemeral 127.0.0.1 port, run in a thread.

    ``places`` maps a query (compared case-insensitively) to its records, best first.
    Set ``mode`` to one of MODES; with ``fail_times`` set, a failing mode applies to
    that many requests only and the server answers normally afterwards.
    """

    def __init__(
        self,
        places: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
        *,
        hang_seconds: float = 5.0,
    ) -> None:
        self.places = {k.casefold(): list(v) for k, v in (places or {}).items()}
        self.hang_seconds = hang_seconds
        self.retry_after: int | None = None
        self._mode = NORMAL
        self._fail_times: int | None = None
        self._requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._released = threading.Event()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    def set_mode(self, mode: str, fail_times: int | None = None) -> None:
        """Switch the behaviour; ``fail_times`` limits a failing mode to that many requests."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; one of {MODES}")
        with self._lock:
            self._mode = mode
            self._fail_times = fail_times

    @property
    def mode(self) -> str:
        """The current mode."""
        return self._mode

    @mode.setter
    def mode(self, value: str) -> None:
        self.set_mode(value)

    def record(self, request: RecordedRequest) -> str:
        """Remember a request; the mode it is served in."""
        with self._lock:
            self._requests.append(request)
            mode = self._mode
            if mode != NORMAL and self._fail_times is not None:
                if self._fail_times <= 0:
                    return NORMAL
                self._fail_times -= 1
            return mode

    def wait_released(self) -> None:
        """Block a "hang" request until hang_seconds pass or the server stops."""
        self._released.wait(self.hang_seconds)

    def search(self, params: Mapping[str, str]) -> list[dict[str, Any]]:
        """The records for a ``/search`` request, filtered like Nominatim does."""
        query = " ".join(params.get("q", "").split()).casefold()
        records = [dict(r) for r in self.places.get(query, [])]
        wanted = {c.strip().lower() for c in params.get("countrycodes", "").split(",") if c}
        if wanted:
            records = [r for r in records if r.get("address", {}).get("country_code") in wanted]
        if params.get("addressdetails") != "1":
            for record in records:
                record.pop("address", None)
        limit = params.get("limit", "")
        if limit.isdigit():
            records = records[: int(limit)]
        return records

    @property
    def requests(self) -> list[RecordedRequest]:
        """The requests received so far, oldest first."""
        with self._lock:
            return list(self._requests)

    @property
    def port(self) -> int:
        """The port bound."""
        if self._httpd is None:
            raise RuntimeError("the server is not running")
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:54321``."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Self:
        """Bind and serve in a daemon thread."""
        self._httpd = _Server(self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release hanging requests, stop serving and close the socket."""
        self._released.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
