"""How likely an incident is to be right: real, of its type, and where geomap put it.

What an incident rests on (its ``Basis``: where its place and date came from, how often
and where the article tells it, whether it is background) becomes named features, and a
logistic model turns them into a probability. The weights in ``confidence_weights.json``
were fitted by ``benchmarks/fit_confidence.py`` on the hand-annotated development reports
(``incidents_dev.json``), so that of the incidents given 0.8, about 80% are right; the
file also holds the default ``--min-confidence``, chosen on the same reports.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

WEIGHTS_FILE = Path(__file__).with_name("confidence_weights.json")


@dataclass(frozen=True, slots=True)
class Basis:
    """What an incident rests on, as the article's reading found it."""

    place_from: str  # "own", "container", "context", "focus", "country" or "none"
    geo_precision: int | None
    date_from: str  # "own", "context" or "none"
    time_precision: int | None
    mentions: int  # sentences that tell of it
    in_lead: bool  # the headline or the opening sentences tell of it
    background: bool  # dated well before the article
    generic: bool  # no sentence named its kind ("attack" only)
    acts: int  # sentences that tell the act itself, not only its outcome or weapon
    deaths: bool  # a death toll was given
    actor: bool  # someone is named as having done it
    locator: float  # how sure the event locator was of the place in its sentence


def features(basis: Basis) -> dict[str, float]:
    """The named features of a basis (indicators, and values scaled to 0..1)."""
    found = {"bias": 1.0, f"place={basis.place_from}": 1.0, f"date={basis.date_from}": 1.0}
    if basis.place_from in ("own", "container") and basis.geo_precision is not None:
        found[f"geo_precision={basis.geo_precision}"] = 1.0
    if basis.date_from != "none" and basis.time_precision is not None:
        found[f"time_precision={min(basis.time_precision, 4)}"] = 1.0
    found["mentions"] = min(basis.mentions, 4) / 4
    found["locator"] = basis.locator
    for name, on in (("lead", basis.in_lead), ("background", basis.background),
                     ("generic", basis.generic), ("no_act", basis.acts == 0),
                     ("deaths", basis.deaths), ("actor", basis.actor)):  # fmt: skip
        if on:
            found[name] = 1.0
    return found


@lru_cache(maxsize=1)
def _model() -> dict:
    return json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))


def calibrated(basis: Basis, weights: dict[str, float] | None = None) -> float:
    """The probability that an incident with this basis is right (rounded to 3 places)."""
    weights = _model()["weights"] if weights is None else weights
    score = sum(weights.get(name, 0.0) * value for name, value in features(basis).items())
    return round(1.0 / (1.0 + math.exp(-score)), 3)


def default_min_confidence() -> float:
    """The threshold under which ``geomap map`` and ``parse`` leave incidents out."""
    return float(_model()["min_confidence"])

