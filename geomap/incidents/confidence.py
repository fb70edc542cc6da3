"""How likely an incident is to be right: real, of its type, and where geomap put it.

What an incident rests on (its ``IncidentBasis``: where its place and date came from, how
often and where the article tells it, whether it is background) becomes named features,
whose weighted sum a logistic scaling turns into a probability. In
``confidence_weights.json``, ``benchmarks/fit_confidence.py`` stored weights fitted on
MUC-4's incidents and a scaling fitted on the hand-annotated development reports
(``incidents_dev.json``); ``fit_confidence.py`` prints how often the incidents of each
confidence band are right there. The file also holds the default ``--min-confidence``,
chosen on the same reports.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from geomap import ranking
from geomap.models import IncidentBasis

WEIGHTS_FILE = Path(__file__).with_name("confidence_weights.json")


def features(basis: IncidentBasis) -> dict[str, float]:
    """The named features of a basis (indicators, and values scaled to 0..1)."""
    found = {"bias": 1.0, f"place={basis.place_from}": 1.0, f"date={basis.date_from}": 1.0}
    if basis.geo_precision is None:
        found["unlocated"] = 1.0  # a name no gazetteer knows: nowhere on the map
    elif basis.place_from in ("own", "container"):
        found[f"geo_precision={basis.geo_precision}"] = 1.0
    if basis.date_from != "none" and basis.time_precision is not None:
        found[f"time_precision={min(basis.time_precision, 4)}"] = 1.0
    found["mentions"] = min(basis.mentions, 4) / 4
    found["locator"] = basis.locator
    for name, on in (("lead", basis.in_lead), ("background", basis.background),
                     ("generic", basis.generic), ("no_act", basis.acts == 0),
                     ("referred", basis.references == basis.mentions),
                     ("passing", basis.passing),
                     ("deaths", basis.deaths), ("actor", basis.actor)):  # fmt: skip
        if on:
            found[name] = 1.0
    return found


@lru_cache(maxsize=1)
def _model() -> dict:
    return json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))


def score(basis: IncidentBasis, weights: dict[str, float] | None = None) -> float:
    """The weighted sum of a basis's features (before calibration)."""
    weights = _model()["weights"] if weights is None else weights
    return ranking.weighted_sum(weights, features(basis), default=0.0)


def calibrated(basis: IncidentBasis, model: dict | None = None) -> float:
    """The probability that an incident with this basis is right (rounded to 3 places):
    its score through the fitted scaling (``model`` replaces the stored one)."""
    model = _model() if model is None else model
    scaling = model.get("scaling", {"slope": 1.0})
    value = scaling.get("slope", 1.0) * score(basis, model["weights"]) + scaling.get(
        "intercept", 0.0
    )
    return round(ranking.logistic(value), 3)


def min_confidence(given: float | None = None) -> float:
    """The threshold under which ``geomap map`` and ``parse`` leave incidents out: the one
    ``given``, else the default chosen with the fitted weights."""
    return float(_model()["min_confidence"]) if given is None else given
