"""Fit the incidents' confidence (geomap/incidents/confidence_weights.json).

Two public corpora, two steps:

1. **Weights** on MUC-4 (``muc4.jsonl``, 1,500 messages): every violent incident geomap
   reports is labelled right when it matches one of the message's gold incidents (a
   compatible type at the gold's most specific place, the recall rule of
   ``evaluate_incidents.py``), else wrong. A logistic model over the named features of
   each incident's basis (``geomap.incidents.confidence.features``) is fitted with an L2
   pull towards the hand-set prior. MUC's labels are noisy (it annotates only terrorist
   acts), so this step only ranks.
2. **Calibration and threshold** on the hand-annotated reports (``incidents_dev.json``):
   two numbers map the MUC score to a probability (Platt scaling), fitted so that of the
   incidents given 0.8, about 80% are right by the evaluation's precision rule.

The figures printed for the dev reports are held out article by article: each article is
scored by a calibration fitted on the other nineteen. The default ``--min-confidence`` is
the threshold with the best F1 of strict recall and precision among those whose held-out
precision reaches 0.80 (else the best F1). ``--write`` stores the weights, the calibration
fitted on all twenty articles, and that threshold.

    .venv/bin/python benchmarks/fit_confidence.py [--write] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from evaluate_incidents import (
    DEFAULT_EVAL_DIR,
    calibration,
    is_correct,
    muc_countries,
    muc_labels,
    parse_dev,
    parse_muc,
    score_dev,
)

from geomap.incidents import confidence
from geomap.ranking import fit_logistic

THRESHOLDS = tuple(round(0.3 + 0.05 * k, 2) for k in range(13))  # 0.30 ... 0.90
WANTED_PRECISION = 0.80
L2 = 0.02
PINNED = ("background", "passing", "referred")


def fit_weights(rows: list[dict[str, float]], right: list[bool], prior: dict) -> dict:
    """Logistic weights: each incident is a choice between its features and nothing. The
    features where MUC-4's annotation differs from ACLED's (it annotates background and
    events named in passing) keep their prior weight."""
    rows = [{k: v for k, v in row.items() if k not in PINNED} for row in rows]
    weights = fit_logistic(rows, right, prior=prior, l2=L2, steps=800)
    weights.update({name: prior[name] for name in PINNED if name in prior})
    return {name: value for name, value in weights.items() if abs(value) > 1e-4}


def fit_scaling(scores: list[float], right: list[bool]) -> dict[str, float]:
    """Platt scaling: the slope and intercept that turn a score into a probability."""
    rows = [{"slope": s, "intercept": 1.0} for s in scores]
    return fit_logistic(rows, right, prior={"slope": 1.0}, l2=0.05, steps=600)


def scored(found: list[list], model: dict) -> list[list]:
    return [[replace(i, confidence=confidence.calibrated(i.basis, model)) for i in incidents]
            for incidents in found]  # fmt: skip


def f1(row: dict) -> float:
    total = row["recall"] + row["precision"]
    return 2 * row["recall"] * row["precision"] / total if total else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--limit", type=int, help="read only the first N MUC-4 messages")
    parser.add_argument("--write", action="store_true", help="store the fitted model")
    args = parser.parse_args(argv)
    if not (args.eval_dir / "incidents_dev.json").is_file():
        print(f"skipped: {args.eval_dir} has no incidents_dev.json (the corpora are not here)")
        return 0
    stored = json.loads(confidence.WEIGHTS_FILE.read_text(encoding="utf-8"))
    prior = stored["prior"]

    records, reports, _ = parse_muc(args.eval_dir / "muc4.jsonl", args.limit)
    countries = muc_countries()
    rows, right = [], []
    for record, report in zip(records, reports, strict=True):
        for incident, label in zip(
            report.incidents, muc_labels(record, report.incidents, countries), strict=True
        ):
            if label is not None:
                rows.append(confidence.features(incident.basis))
                right.append(label)
    weights = fit_weights(rows, right, prior)
    print(f"weights: fitted on {len(rows)} violent incidents of {len(records)} MUC-4 "
          f"messages, {sum(right)} matching a gold incident")  # fmt: skip

    articles, found, _ = parse_dev(args.eval_dir / "incidents_dev.json")
    scores = [[confidence.score(i.basis, weights) for i in incidents] for incidents in found]
    labels = [[is_correct(i, a) for i in incidents]
              for a, incidents in zip(articles, found, strict=True)]  # fmt: skip
    held_out = []
    for k, incidents in enumerate(found):
        rest = [j for j in range(len(found)) if j != k]
        scaling = fit_scaling([s for j in rest for s in scores[j]],
                              [y for j in rest for y in labels[j]])  # fmt: skip
        held_out.append(scored([incidents], {"weights": weights, "scaling": scaling})[0])
    print(f"calibration: {len(articles)} dev articles, {sum(map(len, found))} incidents; each "
          "article scored by a calibration fitted on the others")  # fmt: skip
    print("  bin, count, mean confidence, share right (held out)")
    for name, count, mean, share in calibration(articles, held_out):
        print(f"  {name}  {count:4d}  {mean:.2f}  {share:.2f}")
    print("  threshold  recall  precision  reported  F1 (held out)")
    table = {t: score_dev(articles, held_out, t) for t in THRESHOLDS}
    for t, row in table.items():
        print(f"  {t:.2f}       {row['recall']:.3f}   {row['precision']:.3f}      "
              f"{row['reported']:3d}     {f1(row):.3f}")  # fmt: skip
    precise = [t for t, row in table.items() if row["precision"] >= WANTED_PRECISION]
    chosen = max(precise or table, key=lambda t: (f1(table[t]), -t))
    print(f"default --min-confidence: {chosen:.2f}")
    scaling = fit_scaling([s for ss in scores for s in ss], [y for ys in labels for y in ys])
    print(f"scaling on all dev articles: {scaling}")
    if args.write:
        payload = {
            "fitted_on": f"weights: muc4.jsonl ({len(records)} messages, {len(rows)} violent "
            f"incidents); scaling and threshold: incidents_dev.json ({len(articles)} articles)",
            "min_confidence": chosen,
            "prior": prior,
            "scaling": scaling,
            "weights": weights,
        }
        confidence.WEIGHTS_FILE.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n")
        print(f"wrote {confidence.WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
