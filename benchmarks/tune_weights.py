"""Tune the resolver's evidence weights by coordinate descent, with a held-out half.

Usage (from the repository root)::

    python benchmarks/tune_weights.py                  # the default grid, two sweeps
    python benchmarks/tune_weights.py --sweeps 1 --wiktor-limit 500

The resolver's weights are the module constants of ``geomap/resolve.py``. This
script resolves the gold toponyms of the four public corpora (as ``geomap resolve``
does: given spans, the rest of the text as context), scoring accuracy within 161 km
on the odd-numbered documents of each corpus, and tries each weight in turn over a
small grid, keeping a value only when the mean accuracy over the corpora improves.
It prints, for the chosen weights, the accuracy on the odd (tuned) and the even
(held-out) documents, so that the gain can be judged on documents it never saw.
It changes no file: copy the values it prints into ``geomap/resolve.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EVAL_DIR = REPO.parent / "shared" / "eval"
THRESHOLD_KM = 161.0

# name -> values tried; names are constants of geomap.resolve (ALT is KIND_WEIGHT["alt"],
# COUNTRY_PRIOR is FEATURE_PRIOR["country"]).
GRID: dict[str, list[float]] = {
    "ALT": [-1.5, -1.0, -0.8, -0.5],
    "POPULATION_WEIGHT": [0.45, 0.55, 0.7],
    "CAPITAL_BONUS": [0.5, 1.0, 1.5],
    "COUNTRY_PRIOR": [5.0, 6.0, 7.0],
    "COUNTRY_SUPPORT": [3.0, 4.0, 5.0],
    "ADMIN1_SUPPORT": [3.0, 4.0, 5.0, 6.0],
    "CONTAINED": [2.0, 3.0, 4.5, 6.0],
    "PROXIMITY": [2.0, 3.0, 4.0, 5.0],
    "PROXIMITY_KM": [100.0, 200.0, 300.0],
    "CONTEXT_VOTE": [0.25, 0.5, 1.0],
}


def _get(resolve, name: str) -> float:
    if name == "ALT":
        return resolve.KIND_WEIGHT["alt"]
    if name == "COUNTRY_PRIOR":
        return resolve.FEATURE_PRIOR["country"]
    return getattr(resolve, name)


def _set(resolve, name: str, value: float) -> None:
    if name == "ALT":
        resolve.KIND_WEIGHT["alt"] = value
    elif name == "COUNTRY_PRIOR":
        resolve.FEATURE_PRIOR["country"] = value
    else:
        setattr(resolve, name, value)


def load(pipeline, eval_dir: Path, wiktor_limit: int) -> dict[str, list]:
    """Per corpus: (document number, text, given mentions, context mentions, toponyms)."""
    from geomap.recognise import context_mentions, given_mentions

    limits = {"lgl": None, "geovirus": None, "wiktor": wiktor_limit, "geocorpora": None}
    data = {}
    for corpus, limit in limits.items():
        docs = []
        with (eval_dir / f"{corpus}.jsonl").open(encoding="utf-8") as lines:
            for number, line in enumerate(lines):
                if limit is not None and number >= limit:
                    break
                doc = json.loads(line)
                toponyms = doc["toponyms"]
                if not toponyms:
                    continue
                spans = [(t["start"], t["end"]) for t in toponyms]
                context = context_mentions(pipeline.gazetteer, doc["text"], spans)
                mentions = given_mentions(doc["text"], spans)
                docs.append((number, doc["text"], mentions, context, toponyms))
        data[corpus] = docs
    return data


def accuracy(resolve, gazetteer, data) -> dict[str, tuple[float, float]]:
    """(odd-document accuracy, even-document accuracy) per corpus."""
    from geomap.geo import haversine_km

    resolver = resolve.Resolver(gazetteer)
    out = {}
    for corpus, docs in data.items():
        right = {0: 0, 1: 0}
        total = {0: 0, 1: 0}
        for number, text, mentions, context, toponyms in docs:
            places = resolver.resolve(text, mentions, context)
            for place, gold in zip(places, toponyms, strict=True):
                if gold["lat"] is None:
                    continue
                half = number % 2
                total[half] += 1
                if place.resolved and (
                    haversine_km(place.lat, place.lon, gold["lat"], gold["lon"]) <= THRESHOLD_KM
                ):
                    right[half] += 1
        out[corpus] = (right[1] / total[1], right[0] / total[0])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    parser.add_argument("--sweeps", type=int, default=2)
    parser.add_argument("--wiktor-limit", type=int, default=1500)
    args = parser.parse_args(argv)
    if not args.eval_dir.is_dir():
        print(f"skipped: no evaluation data at {args.eval_dir}")
        return 0
    from geomap import resolve
    from geomap.pipeline import Pipeline

    pipeline = Pipeline()
    gazetteer = pipeline.gazetteer
    began = time.perf_counter()
    data = load(pipeline, args.eval_dir, args.wiktor_limit)
    print(f"loaded {', '.join(f'{k} {len(v)}' for k, v in data.items())} documents "
          f"in {time.perf_counter() - began:.0f} s", flush=True)  # fmt: skip

    def objective(scores):
        return sum(odd for odd, _ in scores.values()) / len(scores)

    start = accuracy(resolve, gazetteer, data)
    best = objective(start)
    print(f"start: mean odd-document accuracy {best:.4f}", flush=True)
    for sweep in range(args.sweeps):
        for name, values in GRID.items():
            kept = _get(resolve, name)
            tried = {}
            for value in values:
                _set(resolve, name, value)
                tried[value] = objective(accuracy(resolve, gazetteer, data))
            choice = max(tried, key=tried.__getitem__)
            if tried[choice] > best + 1e-4:
                best = tried[choice]
                _set(resolve, name, choice)
            else:
                _set(resolve, name, kept)
            scores = "  ".join(f"{v:g}: {s:.4f}" for v, s in tried.items())
            print(
                f"sweep {sweep + 1} {name:18} -> {_get(resolve, name):g}   ({scores})", flush=True
            )
    final = accuracy(resolve, gazetteer, data)
    print("\nweights:", {name: _get(resolve, name) for name in GRID})
    header = ("odd (tuned)", "even (held out)", "start odd", "start even")
    print(f"{'corpus':12}" + "".join(f"{h:>17}" for h in header))
    for corpus, (odd, even) in final.items():
        figures = (odd, even, *start[corpus])
        print(f"{corpus:12}" + "".join(f"{f:17.3f}" for f in figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
