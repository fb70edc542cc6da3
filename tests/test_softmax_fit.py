"""The softmax fitter behind benchmarks/fit_resolver.py."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from softmax_fit import fit_softmax


def test_recovers_the_log_odds_of_a_feature():
    # Two options; the one with x=1 is right four times in five: the weight is log 4.
    rows = [[{"x": 1.0}, {}]] * 5
    gold = [[True, False]] * 4 + [[False, True]]
    weights = fit_softmax(rows, gold, l2=0.0, steps=2000)
    assert weights["x"] == pytest.approx(math.log(4), abs=0.02)


def test_features_the_data_never_shows_keep_their_prior():
    rows = [[{"x": 1.0}, {}]] * 4
    gold = [[True, False], [True, False], [False, True], [True, False]]
    weights = fit_softmax(rows, gold, prior={"rare": 4.5, "x": 0.0}, l2=0.01)
    assert weights["rare"] == pytest.approx(4.5)
    assert weights["x"] > 0.5


def test_example_weights_count():
    rows = [[{"x": 1.0}, {}]] * 2
    gold = [[True, False], [False, True]]
    even = fit_softmax(rows, gold, l2=0.0, steps=1500)
    tilted = fit_softmax(rows, gold, weights=[3.0, 1.0], l2=0.0, steps=1500)
    assert even["x"] == pytest.approx(0.0, abs=0.02)
    assert tilted["x"] == pytest.approx(math.log(3), abs=0.05)
