"""Resolution: choosing, for each place mention, the gazetteer entry it names.

Candidates come from the gazetteer (``candidates``). Each is scored by a log-linear sum
of evidence (``evidence``), computed over a few rounds so that what is settled informs
the rest:

- the name itself: how it matched (main name, alternate name, demonym), the kind of
  feature and its size (population; countries, seas and curated places first);
- the document: how much of the other mentions' weight falls in the candidate's
  country and first-level subdivision (the dateline counting double);
- explicit containment: "Kirkuk, northern Iraq", "K-1 base in Kirkuk", "Erbil,
  Kurdistan Region";
- proximity to the places already resolved, and to the likely readings of the other
  names ("Paris and Henry County": the Paris in the Henry County one of the readings
  holds), and capitals named together.

Each piece of evidence is a named feature; a ``Ranker`` (``ranker``) holds their weights
(fitted by benchmarks/fit_resolver.py, shipped as resolve/resolver_weights.json). One
name means one place within a document. The chosen candidate's share of the softmax over
all candidates, calibrated with what else is known of the choice, is its confidence, and
the evidence behind it is kept as readable reasons (``decision``). A name with no
candidate, or only weak far-away ones, stays unresolved (null coordinates) unless a
geocoder fallback answers for it. ``resolver`` runs the rounds.
"""

from geomap.resolve.decision import confidence_features
from geomap.resolve.ranker import FEATURES, STARTING_WEIGHTS, WEIGHTS_FILE, Ranker
from geomap.resolve.resolver import Resolver

__all__ = [
    "FEATURES",
    "STARTING_WEIGHTS",
    "WEIGHTS_FILE",
    "Ranker",
    "Resolver",
    "confidence_features",
]
