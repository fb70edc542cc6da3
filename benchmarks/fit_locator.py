"""Fit the event locator's weights (geomap/incidents/locator_weights.json).

Reads ../shared/eval/event_location.jsonl (sentences, an event word, the gold place span
or none), fits a softmax over "each candidate place or no place" on the odd-numbered
lines, and prints the accuracy on the even-numbered lines, which it never saw, beside
the nearest-name baseline. ``--write`` stores the weights for geomap to use.

    .venv/bin/python benchmarks/fit_locator.py [--write]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from softmax_fit import fit_softmax

from geomap.incidents import locate
from geomap.pipeline import Pipeline

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "event_location.jsonl"
WEIGHTS_FILE = Path(locate.__file__).with_name("locator_weights.json")


@dataclass
class Example:
    found: list[locate.Candidate]
    rows: list[dict[str, float]]  # features per candidate, then of "no place"
    gold: list[bool]  # which candidates overlap a gold span
    gold_none: bool  # the sentence names no place of the event
    trigger_index: int


def load_examples(pipeline: Pipeline, records: list[dict]) -> list[Example]:
    texts = [r["text"] for r in records]
    examples = []
    for record, doc in zip(records, pipeline.nlp.pipe(texts, batch_size=64), strict=True):
        event = record["events"][0]
        trigger = locate.trigger_token(doc, event["trigger"]["start"], event["trigger"]["end"])
        mentions = pipeline.recogniser.recognise(record["text"], [(0, doc)])
        places = pipeline.resolver.resolve(record["text"], mentions)
        found = locate.candidates(trigger.sent, places) if trigger is not None else []
        gold_spans = [(s["start"], s["end"]) for s in event["location_spans"]]
        examples.append(
            Example(
                found=found,
                rows=locate.observations(trigger, found) if trigger else [{"none:bias": 1.0}],
                gold=[any(c.start < e and s < c.end for s, e in gold_spans) for c in found],
                gold_none=not gold_spans,
                trigger_index=trigger.i if trigger is not None else 0,
            )
        )
    return examples


def accuracy(examples: list[Example], weights: dict[str, float]) -> float:
    right = 0
    for ex in examples:
        *scores, none = [locate.score(row, weights) for row in ex.rows]
        if not scores or max(scores) <= none:
            right += ex.gold_none
        else:
            right += ex.gold[int(np.argmax(scores))]
    return right / len(examples)


def nearest_baseline(examples: list[Example]) -> float:
    """Accuracy of taking the recognised place name nearest to the event word."""
    right = 0
    for ex in examples:
        named = [i for i, c in enumerate(ex.found) if c.origin == "mention"]
        if not named:
            right += ex.gold_none
            continue
        trigger = ex.trigger_index
        nearest = min(named, key=lambda i: abs(ex.found[i].root.i - trigger))
        right += ex.gold[nearest]
    return right / len(examples)


def fit(examples: list[Example], l2: float = 1e-3, steps: int = 600) -> dict[str, float]:
    """Weights maximising the likelihood of the gold option (a gold candidate, or none)."""
    usable = [ex for ex in examples if ex.gold_none or any(ex.gold)]
    weights = fit_softmax(
        [ex.rows for ex in usable], [[*ex.gold, ex.gold_none] for ex in usable], l2=l2, steps=steps
    )
    return {name: value for name, value in weights.items() if abs(value) > 1e-4}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--write", action="store_true", help="store the fitted weights")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"skipped: {args.corpus} not found", file=sys.stderr)
        return 0
    records = [json.loads(line) for line in args.corpus.open(encoding="utf-8")]
    pipeline = Pipeline()
    examples = load_examples(pipeline, records)
    train, test = examples[1::2], examples[0::2]
    weights = fit(train)
    print(f"sentences: {len(examples)} (fitted on {len(train)}, held out {len(test)})")
    print(f"nearest-name baseline, held out: {nearest_baseline(test):.3f}")
    print(f"fitted locator, held out:        {accuracy(test, weights):.3f}")
    print(f"fitted locator, fitted half:     {accuracy(train, weights):.3f}")
    if args.write:
        payload = {"weights": weights}
        WEIGHTS_FILE.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n")
        print(f"wrote {WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
