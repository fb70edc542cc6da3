"""How the HTML map copes with many incidents: write it, then open it in headless Chromium.

Usage (from the repository root, with the project's virtual environment)::

    python benchmarks/map_scale.py                          # 100,000 incidents, 1 run
    python benchmarks/map_scale.py --incidents 20000 --runs 3 --seed 7
    python benchmarks/map_scale.py --out /tmp/big.html --json /tmp/map_scale.json

It generates ``--incidents`` synthetic incidents (``geomap.models.Incident`` with
``Evidence``) around some 40 conflict-affected cities and five seas, of all six ACLED
event types, dated over 2023-2024 with mixed time precision (some undated), some placed
only to a country. They are grouped ``--per-document`` to a document (``Report``) whose
short generated text names each incident's place. ``geomap.output.render.write_map`` writes the
map (timed) and the file size is printed.

Then the page is opened ``--runs`` times in headless Chromium (the setup of
``geomap/output/browser.py``: no network, every host unresolvable) and the median of each figure
is printed: first contentful paint; the first marker or cluster element in the page; the
``geomapReady`` flag (every layer built: time to first render), in page time since the
navigation started and in wall time; a layer toggle round trip (off and on again, until
painted) of the largest incident layer; a zoom in by one level (until ``zoomend`` and
the next frame); and the JavaScript heap after loading (``performance.memory`` and, after
a garbage collection, the DevTools heap usage).

Needs selenium, Chromium and chromedriver (``/usr/bin/chromium``, ``/usr/bin/chromedriver``,
or ``GEOMAP_CHROMIUM`` / ``GEOMAP_CHROMEDRIVER``); without them the browser part prints
``skipped`` and the script exits with status 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geomap.kb.countries import country_name
from geomap.models import Document, Evidence, Incident, Place, Report
from geomap.output.browser import (
    browser_available,
    missing_browser,
    open_map,
    start_chromium,
)
from geomap.output.palette import EVENT_COLOURS
from geomap.output.render import write_map

# (name, country code, admin1, lat, lon)
CITIES = [
    ("Kirkuk", "IQ", "Kirkuk", 35.468, 44.392), ("Mosul", "IQ", "Nineveh", 36.335, 43.119),
    ("Baghdad", "IQ", "Baghdad", 33.341, 44.401), ("Basra", "IQ", "Basra", 30.508, 47.783),
    ("Aleppo", "SY", "Aleppo", 36.202, 37.158), ("Idlib", "SY", "Idlib", 35.930, 36.634),
    ("Deir ez-Zor", "SY", "Deir ez-Zor", 35.336, 40.141),
    ("Kharkiv", "UA", "Kharkiv", 49.988, 36.233),
    ("Donetsk", "UA", "Donetsk", 48.023, 37.802), ("Kherson", "UA", "Kherson", 46.636, 32.617),
    ("Kyiv", "UA", "Kyiv City", 50.450, 30.524), ("Sanaa", "YE", "Sanaa", 15.355, 44.207),
    ("Aden", "YE", "Aden", 12.779, 45.037), ("Hodeidah", "YE", "Al Hudaydah", 14.798, 42.954),
    ("Khartoum", "SD", "Khartoum", 15.552, 32.532),
    ("El Fasher", "SD", "North Darfur", 13.628, 25.349),
    ("Mogadishu", "SO", "Banaadir", 2.037, 45.344), ("Kismayo", "SO", "Lower Juba", -0.358, 42.545),
    ("Maiduguri", "NG", "Borno", 11.846, 13.160), ("Zaria", "NG", "Kaduna", 11.111, 7.723),
    ("Gao", "ML", "Gao", 16.272, -0.044), ("Mopti", "ML", "Mopti", 14.484, -4.183),
    ("Kabul", "AF", "Kabul", 34.528, 69.172), ("Kandahar", "AF", "Kandahar", 31.610, 65.702),
    ("Mandalay", "MM", "Mandalay", 21.975, 96.083), ("Sittwe", "MM", "Rakhine", 20.146, 92.898),
    ("Goma", "CD", "North Kivu", -1.679, 29.222), ("Bunia", "CD", "Ituri", 1.566, 30.252),
    ("Tripoli", "LY", "Tripoli", 32.887, 13.191), ("Benghazi", "LY", "Benghazi", 32.115, 20.068),
    ("Mekelle", "ET", "Tigray", 13.497, 39.475), ("Gondar", "ET", "Amhara", 12.600, 37.467),
    ("Peshawar", "PK", "Khyber Pakhtunkhwa", 34.008, 71.578),
    ("Quetta", "PK", "Balochistan", 30.184, 67.000),
    ("Port-au-Prince", "HT", "Ouest", 18.539, -72.335),
    ("Cali", "CO", "Valle del Cauca", 3.437, -76.523),
    ("Culiacán", "MX", "Sinaloa", 24.799, -107.389), ("Beirut", "LB", "Beyrouth", 33.894, 35.502),
    ("Juba", "SS", "Central Equatoria", 4.859, 31.571), ("Bangui", "CF", "Bangui", 4.361, 18.555),
]  # fmt: skip
# (name, feature, lat, lon): seas, placed only roughly (geo precision 3)
SEAS = [
    ("Gulf of Aden", "gulf", 12.5, 48.0), ("Red Sea", "sea", 20.0, 38.5),
    ("Gulf of Oman", "gulf", 24.5, 58.5), ("Black Sea", "sea", 43.5, 34.0),
    ("Mediterranean Sea", "sea", 34.0, 18.0),
]  # fmt: skip
COUNTRY_CENTRES = {
    "IQ": (33.0, 44.0), "SY": (35.0, 38.0), "UA": (49.0, 32.0), "YE": (15.5, 47.5),
    "SD": (15.0, 30.0), "SO": (6.0, 48.0), "NG": (10.0, 8.0), "ML": (17.0, -4.0),
    "AF": (33.0, 66.0), "MM": (22.0, 98.0), "CD": (-2.5, 23.5), "LY": (27.0, 17.0),
    "ET": (8.0, 39.5), "PK": (30.0, 70.0), "HT": (19.0, -72.4), "CO": (4.0, -72.0),
    "MX": (23.0, -102.0), "LB": (33.8, 35.8), "SS": (7.5, 30.0), "CF": (7.0, 21.0),
}  # fmt: skip
SUB_EVENTS = {
    "Battles": ["Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"],
    "Protests": ["Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Explosions/Remote violence": ["Shelling/artillery/missile attack", "Air/drone strike",
                                   "Remote explosive/landmine/IED", "Suicide bomb", "Grenade"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Strategic developments": ["Arrests", "Looting/property destruction", "Agreement",
                               "Headquarters or base established"],
}  # fmt: skip
assert set(SUB_EVENTS) == set(EVENT_COLOURS)
ACTORS = ["Military Forces", "Police Forces", "Unidentified Armed Group", "Rebel Militia",
          "Protesters", "Rioters", "Civilians", "Local Militia"]  # fmt: skip
# time precision -> share of the incidents; None: undated
PRECISIONS = {1: 0.62, 2: 0.14, 3: 0.14, 4: 0.08, None: 0.02}
FIRST_DAY = dt.date(2023, 1, 1)
DAYS = 731  # 2023 and 2024
COUNTRY_SHARE = 0.03
SEA_SHARE = 0.04

# Installed before any page script runs: records (in page time, ms since the navigation
# started) when the first marker or cluster element enters the page and when the page
# sets geomapReady.
PROBE_JS = """
(function () {
  var times = window.__mapScale = {firstMarker: null, ready: null};
  var selector = '.marker-cluster, .geomap-incident, .geomap-place';
  function hasMarker(node) {
    return node.nodeType === 1 && (node.matches(selector) || !!node.querySelector(selector));
  }
  new MutationObserver(function (records, observer) {
    var now = performance.now();
    if (times.firstMarker === null && records.some(function (record) {
      return Array.prototype.some.call(record.addedNodes, hasMarker);
    })) times.firstMarker = now;
    if (times.ready === null && document.documentElement.dataset.geomapReady === 'true') {
      times.ready = now;
    }
    if (times.firstMarker !== null && times.ready !== null) observer.disconnect();
  }).observe(document, {childList: true, subtree: true, attributes: true,
                        attributeFilter: ['data-geomap-ready']});
})();
"""
NEXT_FRAME_JS = (
    "function painted(then) { requestAnimationFrame(function () { setTimeout(then); }); }"
)
# The largest incident layer's checkbox clicked off and on again, each until painted.
TOGGLE_JS = (
    NEXT_FRAME_JS
    + """
var done = arguments[arguments.length - 1];
var best = null, most = -1;
document.querySelectorAll('.leaflet-control-layers-overlays label').forEach(function (label) {
  var match = /\\((\\d+)\\)\\s*$/.exec(label.textContent);
  if (match && !/^\\s*Places/.test(label.textContent) && Number(match[1]) > most) {
    most = Number(match[1]);
    best = label;
  }
});
if (!best) { done(null); return; }
var input = best.querySelector('input');
var began = performance.now();
input.click();
painted(function () {
  var off = performance.now();
  input.click();
  painted(function () {
    done({layer: best.textContent.trim(), off: off - began, total: performance.now() - began,
          restored: input.checked});
  });
});
"""
)
ZOOM_JS = (
    NEXT_FRAME_JS
    + """
var done = arguments[arguments.length - 1];
var map = window.geomap.map;
var began = performance.now();
map.once('zoomend', function () {
  painted(function () { done({ms: performance.now() - began, zoom: map.getZoom()}); });
});
map.zoomIn(1);
"""
)
MEMORY_JS = "return performance.memory ? performance.memory.usedJSHeapSize : null;"


# -- the incidents -----------------------------------------------------------------------------


def _date(rng: random.Random, precision: int | None) -> tuple[dt.date | None, str]:
    """A start date of the given precision and how an article would say it."""
    if precision is None:
        return None, rng.choice(["recently", "last week", "on Friday"])
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    if precision == 1:
        return day, f"on {day.day} {day:%B %Y}"
    if precision == 2:
        return day - dt.timedelta(days=day.weekday()), f"in the week of {day:%d %B %Y}"
    if precision == 3:
        return day.replace(day=1), f"in {day:%B %Y}"
    return day.replace(month=1, day=1), f"in {day.year}"


def _precision(rng: random.Random) -> int | None:
    return rng.choices(list(PRECISIONS), weights=list(PRECISIONS.values()))[0]


def _location(rng: random.Random) -> dict[str, Any]:
    """Where an incident happened: near a city, at sea, or only in a country."""
    draw = rng.random()
    if draw < COUNTRY_SHARE:
        code = rng.choice(list(COUNTRY_CENTRES))
        lat, lon = COUNTRY_CENTRES[code]
        name = country_name(code) or code
        return {"name": name, "code": code, "admin1": None, "lat": lat, "lon": lon,
                "feature": "country", "geo": 3}  # fmt: skip
    if draw < COUNTRY_SHARE + SEA_SHARE:
        name, feature, lat, lon = rng.choice(SEAS)
        return {"name": name, "code": None, "admin1": None, "lat": lat + rng.gauss(0, 1.0),
                "lon": lon + rng.gauss(0, 1.0), "feature": feature, "geo": 3}  # fmt: skip
    name, code, admin1, lat, lon = rng.choice(CITIES)
    geo = 1 if rng.random() < 0.7 else 2
    spread = 0.03 if geo == 1 else 0.25
    return {"name": name, "code": code, "admin1": admin1, "lat": lat + rng.gauss(0, spread),
            "lon": lon + rng.gauss(0, spread), "feature": "city", "geo": geo}  # fmt: skip


def make_report(number: int, count: int, rng: random.Random) -> Report:
    """One document of ``count`` sentences, each reporting an incident at a named place."""
    doc_id = f"doc-{number:05d}"
    url = f"https://news.example/{doc_id}"
    parts: list[str] = []
    at = 0
    places: list[Place] = []
    incidents: list[Incident] = []
    for index in range(count):
        event_type = rng.choice(list(SUB_EVENTS))
        sub_event = rng.choice(SUB_EVENTS[event_type])
        where = _location(rng)
        precision = _precision(rng)
        day, date_text = _date(rng, precision)
        actor = rng.choice(ACTORS)
        head = f"{actor} were involved in an incident ({sub_event.lower()}) in "
        sentence = f"{head}{where['name']} {date_text}."
        start = at + len(head)
        end = start + len(where["name"])
        place = Place(
            start=start, end=end, text=where["name"], role="place", name=where["name"],
            lat=where["lat"], lon=where["lon"], feature=where["feature"],
            country_code=where["code"], admin1=where["admin1"],
            source=f"bench:{where['name'].lower().replace(' ', '-')}", confidence=0.9,
        )  # fmt: skip
        trigger = at + head.index("incident")
        evidence = Evidence(doc_id, at, at + len(sentence), sentence, trigger, trigger + 8, url)
        incidents.append(
            Incident(
                id=f"{doc_id}-{index}", event_type=event_type, sub_event_type=sub_event,
                evidence=(evidence,), event_date=day, time_precision=precision,
                date_text=date_text, location=where["name"], location_span=(start, end),
                location_feature=where["feature"],
                lat=where["lat"], lon=where["lon"], geo_precision=where["geo"],
                country_code=where["code"], admin1=where["admin1"], place_source=place.source,
                actor1=actor, actor2=rng.choice([None, "Civilians"]),
                fatalities=rng.choice([0, 0, 0, 1, 2, 5]), confidence=rng.uniform(0.4, 0.95),
            )
        )  # fmt: skip
        places.append(place)
        parts.append(sentence)
        at += len(sentence) + 1
    text = " ".join(parts)
    document = Document(id=doc_id, text=text, published=dt.date(2025, 1, 1),
                        title=f"Incident digest {number}", url=url)  # fmt: skip
    return Report(document, tuple(places), tuple(incidents))


def make_reports(incidents: int, per_document: int, seed: int) -> list[Report]:
    """``incidents`` incidents in documents of ``per_document`` each (the last may be short)."""
    rng = random.Random(seed)
    reports = []
    for number, first in enumerate(range(0, incidents, per_document)):
        reports.append(make_report(number, min(per_document, incidents - first), rng))
    return reports


# -- the browser -------------------------------------------------------------------------------


def measure(driver: Any, path: Path, timeout: float) -> dict[str, Any]:
    """One load of the map and the interactions, in ms (heap in MB)."""
    driver.get("about:blank")
    wall = open_map(driver, path, timeout=timeout) * 1000
    times = driver.execute_script(
        """
        var paint = performance.getEntriesByName('first-contentful-paint')[0];
        var nav = performance.getEntriesByType('navigation')[0];
        return {probe: window.__mapScale || {}, fcp: paint ? paint.startTime : null,
                dcl: nav ? nav.domContentLoadedEventEnd : null,
                markers: document.querySelectorAll(
                    '.marker-cluster, .geomap-incident, .geomap-place').length};
        """
    )
    used = driver.execute_script(MEMORY_JS)
    driver.execute_cdp_cmd("HeapProfiler.collectGarbage", {})
    heap = driver.execute_cdp_cmd("Runtime.getHeapUsage", {})
    toggle = driver.execute_async_script(TOGGLE_JS)
    zoom = driver.execute_async_script(ZOOM_JS)
    return {
        "fcp_ms": times["fcp"],
        "dom_content_loaded_ms": times["dcl"],
        "first_marker_ms": times["probe"].get("firstMarker"),
        "ready_ms": times["probe"].get("ready"),
        "ready_wall_ms": wall,
        "marker_elements": times["markers"],
        "toggle_off_ms": toggle["off"] if toggle else None,
        "toggle_round_trip_ms": toggle["total"] if toggle else None,
        "toggle_layer": toggle["layer"] if toggle else None,
        "toggle_restored": toggle["restored"] if toggle else None,
        "zoom_in_ms": zoom["ms"],
        "heap_used_mb": used / 2**20 if used is not None else None,
        "heap_after_gc_mb": heap["usedSize"] / 2**20,
    }


def bench_browser(path: Path, runs: int, timeout: float) -> list[dict[str, Any]]:
    driver = start_chromium(page_timeout=timeout)
    try:
        driver.set_script_timeout(timeout)
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE_JS})
        return [measure(driver, path, timeout) for _ in range(runs)]
    finally:
        driver.quit()


def median(results: list[dict[str, Any]], key: str) -> float | None:
    values = [result[key] for result in results if result.get(key) is not None]
    return statistics.median(values) if values else None


ROWS = [
    ("first contentful paint", "fcp_ms", "ms"),
    ("first marker/cluster element in the DOM", "first_marker_ms", "ms"),
    ("geomapReady: time to first render", "ready_ms", "ms"),
    ("DOMContentLoaded handlers done", "dom_content_loaded_ms", "ms"),
    ("geomapReady, wall time from driver.get", "ready_wall_ms", "ms"),
    ("layer toggle: off, painted", "toggle_off_ms", "ms"),
    ("layer toggle round trip (off + on)", "toggle_round_trip_ms", "ms"),
    ("zoom in one level (to zoomend + frame)", "zoom_in_ms", "ms"),
    ("JS heap used (performance.memory)", "heap_used_mb", "MB"),
    ("JS heap used after GC (DevTools)", "heap_after_gc_mb", "MB"),
]


def print_browser(results: list[dict[str, Any]]) -> None:
    first = results[0]
    print(f"(b) headless Chromium, median of {len(results)} run(s); page times from navigation")
    for label, key, unit in ROWS:
        value = median(results, key)
        shown = "n/a" if value is None else f"{value:,.0f} {unit}"
        if value is not None and unit == "MB":
            shown = f"{value:,.1f} {unit}"
        print(f"    {label:<42} {shown:>12}")
    print(f"    toggled layer: {first['toggle_layer']}; marker/cluster elements after load: "
          f"{first['marker_elements']:,}")  # fmt: skip
    if not all(result["toggle_restored"] for result in results):
        print("    note: the toggled layer's checkbox did not come back checked")


# -- main --------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Time the HTML map with many incidents.")
    parser.add_argument("--incidents", type=int, default=100_000, help="default 100,000")
    parser.add_argument("--per-document", type=int, default=100, help="default 100")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--runs", type=int, default=1, help="page loads, median (default 1)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per page load")
    parser.add_argument("--out", type=Path, help="keep the map here (default: a temp dir)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write every figure to OUT")
    args = parser.parse_args(argv)
    if args.incidents < 1 or args.per_document < 1 or args.runs < 1:
        parser.error("--incidents, --per-document and --runs must be at least 1")
    return args


def run(args: argparse.Namespace, path: Path) -> dict[str, Any]:
    began = time.perf_counter()
    reports = make_reports(args.incidents, args.per_document, args.seed)
    generated = time.perf_counter() - began
    print(
        f"map_scale: {args.incidents:,} incidents in {len(reports):,} documents "
        f"(seed {args.seed}), generated in {generated:.1f} s"
    )
    began = time.perf_counter()
    write_map(reports, path)
    written = time.perf_counter() - began
    size = path.stat().st_size / 2**20
    print("(a) geomap.output.render.write_map")
    print(f"    {'write time':<42} {written:>10.1f} s")
    print(f"    {'file size':<42} {size:>9.1f} MB   {path}")
    figures: dict[str, Any] = {
        "incidents": args.incidents,
        "documents": len(reports),
        "seed": args.seed,
        "write_s": written,
        "size_mb": size,
    }
    del reports
    if not browser_available():
        print(f"(b) headless Chromium: skipped ({missing_browser()})")
        return figures
    results = bench_browser(path, args.runs, args.timeout)
    print_browser(results)
    figures["runs"] = results
    figures["median"] = {key: median(results, key) for _, key, _ in ROWS}
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        figures = run(args, args.out)
    else:
        with tempfile.TemporaryDirectory(prefix="geomap-map-scale-") as tmp:
            figures = run(args, Path(tmp) / "map_scale.html")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
