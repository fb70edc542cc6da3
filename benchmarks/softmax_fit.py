"""Fitting a softmax over options (a conditional logit), shared by the fitting scripts.

Each example is a set of options, each option a dict of named features, and the gold
options among them. The weights maximise the likelihood of the gold options (all of an
example's gold options together), with an L2 pull towards ``prior`` (zero by default),
by Adam over all examples at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np


def fit_softmax(
    rows: Sequence[Sequence[Mapping[str, float]]],
    gold: Sequence[Sequence[bool]],
    prior: Mapping[str, float] | None = None,
    weights: Sequence[float] | None = None,
    l2: float = 1e-3,
    steps: int = 600,
    rate: float = 0.05,
) -> dict[str, float]:
    """Weights for the features in ``rows``; ``weights`` weighs each example (default 1)."""
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
