"""geomap.ranking: the softmax fitter behind the fitting scripts, and the ranking arithmetic."""

from __future__ import annotations

import math

import pytest

from geomap.ranking import fit_softmax


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


def test_a_ranker_reads_what_it_writes(tmp_path):
    from geomap.ranking import Ranker

    ranker = Ranker({"b": 2.0, "a": -0.5}, calibration={"bias": 0.25}, trained_on=("x",))
    path = tmp_path / "ranker.json"
    ranker.write(path)
    assert Ranker.read(path, {"a": 0.0, "b": 0.0, "c": 3.0}, {"bias": 1.0}) == Ranker(
        {"a": -0.5, "b": 2.0, "c": 3.0}, calibration={"bias": 0.25}, trained_on=("x",)
    )  # a feature the file lacks keeps its starting weight
    assert Ranker.read(tmp_path / "none.json", {"a": 1.0}, {"bias": 1.0}).calibration == {
        "bias": 1.0
    }
    assert ranker.score({"a": 2.0, "b": 1.0}) == 1.0
    with pytest.raises(KeyError):
        ranker.score({"unknown": 1.0})
    assert ranker.confidence({"bias": 4.0, "unknown": 9.0}) == pytest.approx(1 / (1 + math.e**-1))


def test_softmax_of_a_list_and_of_an_array():
    import numpy as np

    from geomap.ranking import logistic, softmax, softmax_array

    scores = [0.5, -1.0, 3.0, 3.0]
    shares = softmax(scores)
    assert sum(shares) == pytest.approx(1.0) and shares[2] == shares[3] > shares[0]
    assert softmax_array(np.array(scores)) == pytest.approx(shares)
    assert softmax([]) == []
    assert logistic(0.0) == 0.5 and 0.0 < logistic(-1e6) < logistic(1e6) == 1.0


def test_a_logistic_fit_weighs_a_feature_that_marks_the_right_rows():
    from geomap.ranking import fit_logistic, logistic

    rows = [{"marked": 1.0, "bias": 1.0}] * 30 + [{"marked": 0.0, "bias": 1.0}] * 30
    right = [True] * 27 + [False] * 3 + [True] * 3 + [False] * 27
    weights = fit_logistic(rows, right, l2=1e-4, steps=2000)
    assert logistic(weights["marked"] + weights["bias"]) > 0.8
    assert logistic(weights["bias"]) < 0.2
