"""Scoring with boosted regression trees stored as arrays (numpy only at run time).

A ``Forest`` holds the trees LightGBM fitted for ``benchmarks/fit_locator.py``, as flat
arrays of nodes. A split node sends a row to ``left`` when its feature is at most the
threshold, else to ``right``; a leaf is a node whose threshold is infinite and whose
children are itself, so every row can take ``depth`` steps from each tree's root and
stop at a leaf. A row's score is the sum of the values of the leaves it reaches.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


@dataclass(frozen=True, slots=True)
class Forest:
    """Trees over named features, and the scale that turns their scores into log-odds."""

    names: tuple[str, ...]  # the features the trees split on, by column
    feature: np.ndarray  # per node: the column it tests (0 for a leaf)
    threshold: np.ndarray  # per node: go left when the value is <= this (inf for a leaf)
    left: np.ndarray  # per node: the next node (itself for a leaf)
    right: np.ndarray
    value: np.ndarray  # per node: what a leaf adds to the score (0 for a split)
    roots: np.ndarray  # per tree: its first node
    depth: int  # the most splits on a way from a root to a leaf
    scale: float = 1.0  # multiplies scores before a softmax
    columns: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        size = len(self.feature)
        arrays = (self.threshold, self.left, self.right, self.value)
        if any(len(a) != size for a in arrays):
            raise ValueError(f"node arrays disagree in length: {[len(a) for a in arrays]}")
        if size and (self.feature.max() >= max(len(self.names), 1) or self.left.max() >= size):
            raise ValueError("a node points past the features or the nodes")
        object.__setattr__(self, "columns", {name: k for k, name in enumerate(self.names)})

    def matrix(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        """The rows as a matrix over the forest's features; other names are ignored."""
        x = np.zeros((len(rows), max(len(self.names), 1)))
        for r, row in enumerate(rows):
            for name, value in row.items():
                k = self.columns.get(name)
                if k is not None:
                    x[r, k] = value
        return x

    def scores(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        """Each row's score: the sum of the leaves it reaches."""
        x = self.matrix(rows)
        at = np.broadcast_to(self.roots, (len(rows), len(self.roots)))  # (rows, trees)
        index = np.arange(len(rows))[:, None]
        for _ in range(self.depth):
            goes_left = x[index, self.feature[at]] <= self.threshold[at]
            at = np.where(goes_left, self.left[at], self.right[at])
        return self.value[at].sum(axis=1)

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path, names=np.array(self.names), feature=self.feature, threshold=self.threshold,
            left=self.left, right=self.right, value=self.value, roots=self.roots,
            depth=np.array(self.depth), scale=np.array(self.scale),
        )  # fmt: skip

    @classmethod
    def load(cls, path: Path) -> Forest:
        with np.load(path, allow_pickle=False) as data:
            return cls(
                names=tuple(str(name) for name in data["names"]),
                feature=data["feature"].astype(np.intp),
                threshold=data["threshold"].astype(np.float64),
                left=data["left"].astype(np.intp),
                right=data["right"].astype(np.intp),
                value=data["value"].astype(np.float64),
                roots=data["roots"].astype(np.intp),
                depth=int(data["depth"]),
                scale=float(data["scale"]),
            )
