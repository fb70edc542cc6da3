"""Log-linear ranking: named features, their weights, a softmax over options, a logistic
calibration, and the fitter that learns the weights.

An option (a gazetteer candidate for a name, a place for an event) is a dict of named
features; its score is the weighted sum of them; its share is its softmax over the scores
of all options. A calibration is a second weighted sum, over what is known of a choice,
turned into a probability by the logistic function. ``fit_softmax`` fits weights by
maximising the likelihood of the right options.

The place resolver (``geomap.resolve``) ranks its candidates with a ``Ranker``; the event
locator (``geomap.incidents.locate``) takes the softmax of its trees' scores; the incident
confidence (``geomap.incidents.confidence``) is a calibrated weighted sum; the fitting
scripts in benchmarks/ fit them all with ``fit_softmax``. numpy is the only numeric
dependency.

The arithmetic is the one each caller used before it was shared, in the same order
(summing over a dict in its order, ``math.exp`` for lists and ``np.exp`` for arrays), so
that every score, share and printed confidence comes out the same to the last digit.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

import numpy as np

from geomap.output.files import atomic_write

LOGIT_BOUND = 50.0  # a logistic's argument is clipped to this, either way


def weighted_sum(
    weights: Mapping[str, float], features: Mapping[str, float], default: float | None = None
) -> float:
    """The sum of each feature's value times its weight, in the features' order. A feature
    without a weight is an error, unless ``default`` gives its weight."""
    if default is None:
        return sum(weights[name] * value for name, value in features.items())
    return sum(weights.get(name, default) * value for name, value in features.items())


def softmax(scores: Sequence[float]) -> list[float]:
    """Each score's share of the softmax over all of them (none for no scores)."""
    if not scores:
        return []
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    total = sum(weights)
    return [w / total for w in weights]


def softmax_array(scores: np.ndarray) -> np.ndarray:
    """``softmax`` for an array of scores, computed with numpy."""
    shares = np.exp(scores - scores.max())
    shares /= shares.sum()
    return shares


def logistic(z: float) -> float:
    """1 / (1 + e^-z), with z clipped to +-``LOGIT_BOUND``."""
    return 1.0 / (1.0 + math.exp(-max(-LOGIT_BOUND, min(LOGIT_BOUND, z))))


@dataclass(frozen=True)
class Ranker:
    """Feature weights that rank options, and a calibration: the weights of a logistic
    regression that turns what is known of a choice into the probability it is right."""

    weights: dict[str, float]
    calibration: dict[str, float] = field(default_factory=dict)
    trained_on: tuple[str, ...] = ()  # what the weights were fitted on

    @classmethod
    def read(
        cls, path: Path, starting: Mapping[str, float], calibration: Mapping[str, float]
    ) -> Self:
        """The ranker stored at ``path`` (as ``write`` stores it), over the features of
        ``starting``: a feature the file lacks keeps its starting weight, and a file without
        a calibration (or no file) gives ``calibration``."""
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        fitted = data.get("weights", {})
        return cls(
            weights={name: float(fitted.get(name, v)) for name, v in starting.items()},
            calibration={k: float(v) for k, v in data.get("calibration", {}).items()}
            or dict(calibration),
            trained_on=tuple(data.get("trained_on", ())),
        )

    def write(self, path: Path) -> None:
        """Store the ranker at ``path`` as JSON (weights sorted by name), atomically."""
        payload = {
            "trained_on": list(self.trained_on),
            "calibration": self.calibration,
            "weights": dict(sorted(self.weights.items())),
        }
        with atomic_write(path) as stream:
            stream.write(json.dumps(payload, indent=1) + "\n")

    def score(self, features: Mapping[str, float]) -> float:
        """An option's score: the weighted sum of its features (each must have a weight)."""
        return weighted_sum(self.weights, features)

    def confidence(self, values: Mapping[str, float]) -> float:
        """The calibrated probability for what is known of a choice (a value without a
        calibration weight counts for nothing)."""
        return logistic(weighted_sum(self.calibration, values, default=0.0))


def fit_softmax(
    rows: Sequence[Sequence[Mapping[str, float]]],
    gold: Sequence[Sequence[bool]],
    prior: Mapping[str, float] | None = None,
    weights: Sequence[float] | None = None,
    l2: float = 1e-3,
    steps: int = 600,
    rate: float = 0.05,
) -> dict[str, float]:
    """Weights for the features in ``rows`` by fitting a softmax over options (a
    conditional logit).

    Each example is a set of options (``rows[i]``, each option a dict of named features)
    and which of them are right (``gold[i]``). The weights maximise the likelihood of the
    right options (all of an example's right options together), with an L2 pull towards
    ``prior`` (zero by default), by Adam over all examples at once; ``weights`` weighs each
    example (default 1). An example with no right option or a single option is skipped. A
    logistic regression is the case of two options, the second with no features.
    """
    prior = dict(prior or {})
    usable = [i for i, g in enumerate(gold) if any(g) and len(g) > 1]
    names = sorted({name for i in usable for row in rows[i] for name in row} | set(prior))
    index = {name: k for k, name in enumerate(names)}
    sizes = [len(rows[i]) for i in usable]
    x = np.zeros((sum(sizes), len(names)))
    r = 0
    for i in usable:
        for row in rows[i]:
            for name, value in row.items():
                x[r, index[name]] = value
            r += 1
    target = np.array([t for i in usable for t in gold[i]], dtype=float)
    group = np.repeat(np.arange(len(usable)), sizes)
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    example_weight = np.ones(len(usable)) if weights is None else np.array(weights)[usable]
    example_weight = example_weight / example_weight.mean()
    mean = np.array([prior.get(name, 0.0) for name in names])
    w = mean.copy()
    m, v = np.zeros_like(w), np.zeros_like(w)
    for step in range(1, steps + 1):
        s = x @ w
        s -= np.maximum.reduceat(s, starts)[group]
        p = np.exp(s)
        p /= np.add.reduceat(p, starts)[group]
        q = p * target
        q /= np.add.reduceat(q, starts)[group]
        grad = x.T @ ((p - q) * example_weight[group]) / len(usable) + l2 * (w - mean)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= rate * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return {name: round(float(w[k]), 4) for name, k in index.items()}


def fit_logistic(
    rows: Sequence[Mapping[str, float]],
    right: Sequence[bool],
    prior: Mapping[str, float] | None = None,
    weights: Sequence[float] | None = None,
    l2: float = 1e-3,
    steps: int = 600,
) -> dict[str, float]:
    """Logistic regression weights: ``fit_softmax`` over two options a row, its features
    (right or not) and nothing, whose score stays zero."""
    options = [[row, {}] for row in rows]
    gold = [[r, not r] for r in right]
    return fit_softmax(options, gold, prior=prior, weights=weights, l2=l2, steps=steps)
