"""Fit the event locator's trees (geomap/incidents/locator_model.npz).

Reads ../shared/eval/event_location.jsonl (sentences, event words, the gold place spans
or none) the way ``geomap locate`` reads them, and ranks each event's options (its
candidate places and "no place") with boosted trees (LightGBM's lambdarank), fitted on
the odd-numbered lines only. The settings are chosen, and the softmax scale that turns
scores into probabilities is fitted, by 5-fold cross-validation within the odd lines.
Prints that cross-validated accuracy and the accuracy on the even-numbered lines, which
nothing was fitted on, beside the nearest-name baseline. ``--write`` stores the model.

    .venv/bin/pip install lightgbm   # for this script only; geomap needs numpy alone
    .venv/bin/python benchmarks/fit_locator.py [--write]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from geomap.incidents import locate
from geomap.incidents.forest import Forest
from geomap.nlp import read
from geomap.pipeline import Pipeline

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "event_location.jsonl"
MODEL_FILE = locate.MODEL_FILE
FOLDS = 5
MIN_COUNT = 5  # features seen in fewer training rows are left out
# (learning rate, trees, leaves) tried by --search; the first is the default.
SETTINGS = ((0.03, 500, 31), (0.05, 300, 31), (0.1, 200, 31), (0.05, 300, 15), (0.03, 800, 15))
SCALES = np.linspace(0.1, 4.0, 40)


@dataclass
class Example:
    line: int
    found: list[locate.Candidate]
    rows: list[dict[str, float]]  # features per candidate, then of "no place"
    gold: list[bool]  # per option: the candidate overlaps a gold span; last: gold is none
    trigger_index: int


def load_examples(pipeline: Pipeline, records: list[dict]) -> list[Example]:
    """Every event of every line, read as ``Pipeline.locate`` reads a text."""
    texts = [r["text"] for r in records]
    parsed_texts = read(pipeline.nlp, texts, pipeline.readable_text)
    examples = []
    for line, (record, parsed) in enumerate(zip(records, parsed_texts, strict=True)):
        places = pipeline.resolver.resolve(record["text"], pipeline.recogniser.recognise(parsed))
        for event in record["events"]:
            start, end = event["trigger"]["start"], event["trigger"]["end"]
            offset, doc = parsed.piece_at(start)
            trigger = locate.trigger_token(doc, start - offset, end - offset)
            if trigger is None:
                continue
            found = locate.candidates(trigger.sent, places, offset)
            spans = [(s["start"], s["end"]) for s in event["location_spans"]]
            gold = [any(c.start < e and s < c.end for s, e in spans) for c in found]
            examples.append(
                Example(
                    line, found, locate.observations(trigger, found), [*gold, not spans], trigger.i
                )
            )
    return examples


def matrix(examples: list[Example], columns: dict[str, int]) -> np.ndarray:
    x = np.zeros((sum(len(ex.rows) for ex in examples), len(columns)))
    r = 0
    for ex in examples:
        for row in ex.rows:
            for name, value in row.items():
                k = columns.get(name)
                if k is not None:
                    x[r, k] = value
            r += 1
    return x


def fit(examples: list[Example], setting: tuple[float, int, int]):
    """LightGBM trees ranking each example's options, and the feature columns they use."""
    import lightgbm

    usable = [ex for ex in examples if any(ex.gold)]
    counts = Counter(name for ex in usable for row in ex.rows for name in row)
    names = sorted(name for name, n in counts.items() if n >= MIN_COUNT)
    columns = {name: k for k, name in enumerate(names)}
    rate, trees, leaves = setting
    params = {
        "objective": "lambdarank", "learning_rate": rate, "num_leaves": leaves,
        "min_data_in_leaf": 20, "feature_fraction": 0.8, "bagging_fraction": 0.8,
        "bagging_freq": 1, "lambda_l2": 1.0, "seed": 0, "deterministic": True,
        "num_threads": 1, "verbose": -1,
    }  # fmt: skip
    data = lightgbm.Dataset(
        matrix(usable, columns),
        np.array([g for ex in usable for g in ex.gold], dtype=float),
        group=[len(ex.rows) for ex in usable],
    )
    return lightgbm.train(params, data, trees), columns


def to_forest(booster, columns: dict[str, int], scale: float = 1.0) -> Forest:
    """The booster's trees as flat node arrays over the features they split on."""
    names = list(columns)
    used: dict[int, int] = {}
    nodes: list[list] = []  # [column, threshold, left, right, value]
    roots, depth = [], 0
    for tree in booster.dump_model()["tree_info"]:
        roots.append(len(nodes))
        depth = max(depth, _flatten(tree["tree_structure"], nodes, used))
    feature, threshold, left, right, value = zip(*nodes, strict=True)
    kept = sorted(used, key=used.get)
    return Forest(
        names=tuple(names[k] for k in kept), feature=np.array(feature, dtype=np.intp),
        threshold=np.array(threshold), left=np.array(left, dtype=np.intp),
        right=np.array(right, dtype=np.intp), value=np.array(value),
        roots=np.array(roots, dtype=np.intp), depth=depth, scale=scale,
    )  # fmt: skip


def _flatten(node: dict, nodes: list[list], used: dict[int, int]) -> int:
    """Append the node and its subtree to ``nodes``; the depth of the subtree."""
    index = len(nodes)
    if "leaf_value" in node:
        nodes.append([0, np.inf, index, index, node["leaf_value"]])
        return 0
    if node["decision_type"] != "<=" or node.get("missing_type", "None") == "NaN":
        raise ValueError(f"unsupported split: {node['decision_type']} {node['missing_type']}")
    column = used.setdefault(node["split_feature"], len(used))
    nodes.append([column, float(node["threshold"]), -1, -1, 0.0])
    nodes[index][2] = len(nodes)
    low = _flatten(node["left_child"], nodes, used)
    nodes[index][3] = len(nodes)
    high = _flatten(node["right_child"], nodes, used)
    return 1 + max(low, high)


def option_scores(forest: Forest, examples: list[Example]) -> list[np.ndarray]:
    return [forest.scores(ex.rows) for ex in examples]


def accuracy(examples: list[Example], scores: list[np.ndarray]) -> float:
    right = sum(ex.gold[int(np.argmax(s))] for ex, s in zip(examples, scores, strict=True))
    return right / len(examples)


def fitted_scale(examples: list[Example], scores: list[np.ndarray]) -> float:
    """The scale whose softmax gives the gold options the most likelihood."""
    usable = [(ex, s) for ex, s in zip(examples, scores, strict=True) if any(ex.gold)]

    def loss(scale: float) -> float:
        total = 0.0
        for ex, s in usable:
            z = scale * s - np.max(scale * s)
            total -= np.log(np.exp(z)[ex.gold].sum() / np.exp(z).sum())
        return total

    return float(min(SCALES, key=loss))


def cross_validate(examples: list[Example], setting) -> tuple[float, list[np.ndarray]]:
    """Accuracy and scores of each example by trees fitted on the other folds."""
    scores: list[np.ndarray | None] = [None] * len(examples)
    for fold in range(FOLDS):
        train = [ex for i, ex in enumerate(examples) if i % FOLDS != fold]
        booster, columns = fit(train, setting)
        forest = to_forest(booster, columns)
        for i in range(fold, len(examples), FOLDS):
            scores[i] = forest.scores(examples[i].rows)
    return accuracy(examples, scores), scores


def nearest_baseline(examples: list[Example]) -> float:
    """Accuracy of taking the recognised place name nearest to the event word."""
    right = 0
    for ex in examples:
        named = [i for i, c in enumerate(ex.found) if c.origin == "mention"]
        if not named:
            right += ex.gold[-1]
            continue
        nearest = min(named, key=lambda i: abs(ex.found[i].root.i - ex.trigger_index))
        right += ex.gold[nearest]
    return right / len(examples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--search", action="store_true", help="cross-validate every setting")
    parser.add_argument("--write", action="store_true", help="store the fitted model")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"skipped: {args.corpus} not found", file=sys.stderr)
        return 0
    try:
        import lightgbm  # noqa: F401
    except ImportError:
        print("fit_locator.py needs LightGBM: pip install lightgbm", file=sys.stderr)
        return 1
    records = [json.loads(line) for line in args.corpus.open(encoding="utf-8")]
    examples = load_examples(Pipeline(), records)
    train = [ex for ex in examples if ex.line % 2 == 1]
    test = [ex for ex in examples if ex.line % 2 == 0]
    print(f"events: {len(examples)} (fitted on {len(train)} of odd lines, held out {len(test)})")
    results = {}
    for setting in SETTINGS if args.search else SETTINGS[:1]:
        results[setting] = cross_validate(train, setting)
        rate, trees, leaves = setting
        print(f"  rate {rate}, {trees} trees of {leaves} leaves: "
              f"cross-validated on odd lines {results[setting][0]:.3f}")  # fmt: skip
    setting = max(results, key=lambda s: results[s][0])
    scale = fitted_scale(train, results[setting][1])
    booster, columns = fit(train, setting)
    forest = to_forest(booster, columns, scale)
    check = matrix(test[:200], columns)
    gap = np.abs(booster.predict(check) - forest.scores([r for ex in test[:200] for r in ex.rows]))
    if gap.max() > 1e-6:
        raise RuntimeError(f"the stored trees score differently from LightGBM's ({gap.max()})")
    print(f"softmax scale: {scale:.2f}; features used: {len(forest.names)}")
    print(f"nearest-name baseline, held out: {nearest_baseline(test):.3f}")
    print(f"fitted locator, held out:        {accuracy(test, option_scores(forest, test)):.3f}")
    print(f"fitted locator, fitted half:     {accuracy(train, option_scores(forest, train)):.3f}")
    if args.write:
        forest.save(MODEL_FILE)
        print(f"wrote {MODEL_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
