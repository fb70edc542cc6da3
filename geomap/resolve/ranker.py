"""The resolver's ranker: the named features a candidate is scored on, their starting
weights, and the fitted weights and calibration shipped in resolver_weights.json (beside
this file; written by benchmarks/fit_resolver.py). The arithmetic is ``geomap.ranking``'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from geomap import ranking
from geomap.kb.features import FEATURE_PRIOR

WEIGHTS_FILE = Path(__file__).with_name("resolver_weights.json")
OTHER = "other"  # the name of every feature without a prior of its own in the table
OTHER_PRIOR = 1.0

# The evidence about a candidate, as named features. A candidate's score is the weighted
# sum of its features; its confidence is its share of the softmax over the name's
# candidates. The weights are fitted by benchmarks/fit_resolver.py and shipped in
# resolver_weights.json. These starting values, set by hand and then by coordinate
# descent, are the prior the fit is drawn towards: a feature the corpora rarely show
# (a nuclear site, a volcano) keeps its starting weight.
STARTING_WEIGHTS = {
    "kind=alt": -1.0, "kind=abbr": 0.0, "kind=demonym": 0.0, "kind=user": 1.0,
    "kind=short": -3.0,  # a county by its bare stem ("DeKalb"): only with its state behind it
    "demonym_mismatch": -4.0,  # a demonym read as a place name, or a place name as a demonym
    "log_population": 0.55, "capital": 1.0, "largest_population": 0.0,
    "population_gap": 0.0,  # orders of magnitude below the name's largest candidate
    "world_city": 0.0,  # a city of a million or more
    "postal_town": -1.0,  # a US town known only by its post office: no population
    "country_population": 0.5,  # a country's size: "French" is France's
    **{f"feature={name}": value for name, value in FEATURE_PRIOR.items()},
    f"feature={OTHER}": OTHER_PRIOR,
    "speaker_seat": 2.0,  # a capital or country for a name that speaks: "Washington said"
    "country_namesake": -3.0,  # a town named like a country: China in Japan
    "state_namesake": -2.0,  # a town named like a state or province elsewhere: California, MD
    "namesake_subdivision": -4.0,  # "Kirkuk" the governorate rather than the city
    "suffix_subdivision": 2.0,  # "Kirkuk Governorate" -> a governorate
    "suffix_county": 2.0,  # "Jefferson County" -> a county
    "country_support": 4.0,  # share of the article's other evidence in the candidate's country
    "home_capital": 1.5,  # the capital of the country most of the article is in: "Washington"
    "among_capitals": 1.0,  # a capital in an article naming other capitals: "Tehran, Washington"
    "admin1_support": 5.0,  # ... in its first-level subdivision
    "contained": 3.0, "not_contained": -3.0,  # "Kirkuk, northern Iraq"
    "lead_contained": 1.0, "lead_not_contained": -1.0,  # ... said of its first mention
    "proximity": 4.0,  # exp(-km / 100) to the nearest place already resolved
    "neighbour": 1.5,  # exp(-km / 100) to a likely reading of another name, by its likelihood
    "neighbour_any": 1.5,  # exp(-km / 100) to any local reading of another name
}  # fmt: skip
FEATURES = tuple(STARTING_WEIGHTS)
# Before a fit: the confidence is the chosen candidate's softmax share itself.
STARTING_CALIBRATION = {"share_logit": 1.0}


@dataclass(frozen=True)
class Ranker(ranking.Ranker):
    """Feature weights that rank a name's candidates, and the calibration that turns the
    chosen candidate's softmax share into the chance that it lies within 161 km of the
    place meant: a logistic regression over ``decision.confidence_features``. Made with
    no arguments, the starting weights and calibration."""

    weights: dict[str, float] = field(default_factory=lambda: dict(STARTING_WEIGHTS))
    calibration: dict[str, float] = field(default_factory=lambda: dict(STARTING_CALIBRATION))

    @classmethod
    def load(cls, path: Path = WEIGHTS_FILE) -> Ranker:
        """The fitted ranker; any feature it lacks keeps its starting weight."""
        return cls.read(path, STARTING_WEIGHTS, STARTING_CALIBRATION)
