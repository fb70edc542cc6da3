"""Fit the resolver's weights (geomap/resolve/resolver_weights.json) on the public toponym corpora.

Each name in a corpus document is an example: its gazetteer candidates, each with the
features ``Resolver.candidate_features`` gives it, and the candidates within 161 km of the
gold point as the right answers. A softmax over the candidates is fitted to them
(``geomap.ranking.fit_softmax``), drawn towards the resolver's starting weights so that features the
corpora rarely show keep their hand-set value. The features of a name depend on how the
other names are read, so the fit is repeated (``--passes``) with the features recomputed
under the new weights. Every corpus weighs the same, however many names it has.

    python benchmarks/fit_resolver.py --held-out /tmp/held-out   # one fit per corpus left out
    python benchmarks/fit_resolver.py --write                    # fit on all; store the weights

``--held-out DIR`` fits, for each corpus, the weights of every other corpus, writes them
to ``DIR/without-<corpus>.json`` and prints the accuracy within 161 km on the corpus left
out next to the starting weights' accuracy. ``benchmarks/evaluate.py --held-out DIR``
then scores each corpus with the weights that never saw it. ``--write`` fits on all the
corpora given and stores the result in the package.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from evaluate import CORPORA, DEFAULT_EVAL_DIR, THRESHOLD_KM, Doc, Gold, load_corpus

from geomap.geo import haversine_km
from geomap.models import Entry
from geomap.pipeline import Pipeline
from geomap.ranking import fit_logistic, fit_softmax, softmax
from geomap.recognise import context_mentions, given_mentions
from geomap.resolve import (
    STARTING_WEIGHTS,
    WEIGHTS_FILE,
    Ranker,
    Resolver,
    confidence_features,
)

Example = tuple[list[dict[str, float]], list[bool]]


def named_with_gold(resolver: Resolver, docs: list[Doc]) -> Iterator[tuple[list, list, Gold]]:
    """(candidates, their features, the gold point) for each gold name of ``docs`` that
    has coordinates and at least one candidate."""
    for doc in docs:
        spans = [(g.start, g.end) for g in doc.gold]
        if not spans:
            continue
        gold_at = {(g.start, g.end): g for g in doc.gold if g.has_coords}
        context = context_mentions(resolver.gazetteer, doc.text, spans)
        named = resolver.candidate_features(doc.text, given_mentions(doc.text, spans), context)
        for mentions, entries, features in named:
            gold = next(
                (gold_at[key] for m in mentions if (key := (m.start, m.end)) in gold_at), None
            )
            if gold is not None and entries:
                yield entries, features, gold


def within_reach(entry: Entry, gold: Gold) -> bool:
    return haversine_km(entry.lat, entry.lon, gold.lat, gold.lon) <= THRESHOLD_KM


def examples(resolver: Resolver, docs: list[Doc]) -> list[Example]:
    """(candidate features, which candidates are right) for each gold name of ``docs``
    with a choice to make and a right answer among its candidates."""
    found = []
    for entries, features, gold in named_with_gold(resolver, docs):
        right = [within_reach(entry, gold) for entry in entries]
        if len(entries) > 1 and any(right):
            found.append((features, right))
    return found


def accuracy(resolver: Resolver, docs: list[Doc]) -> float:
    """Accuracy within 161 km on the gold names with coordinates (unresolved is wrong)."""
    right = total = 0
    for doc in docs:
        spans = [(g.start, g.end) for g in doc.gold]
        if not spans:
            continue
        context = context_mentions(resolver.gazetteer, doc.text, spans)
        places = resolver.resolve(doc.text, given_mentions(doc.text, spans), context)
        for gold, place in zip(doc.gold, places, strict=True):
            if gold.has_coords:
                total += 1
                right += place.lat is not None and (
                    haversine_km(place.lat, place.lon, gold.lat, gold.lon) <= THRESHOLD_KM
                )
    return right / total if total else 0.0


def fit(resolver: Resolver, corpora: dict[str, list[Doc]], passes: int, l2: float) -> Ranker:
    """A ranker fitted on ``corpora``, each corpus weighing the same: the feature weights,
    then the calibration of its confidence."""
    resolver.ranker = Ranker()
    for _ in range(passes):
        rows, gold, weights = [], [], []
        for docs in corpora.values():
            found = examples(resolver, docs)
            rows += [features for features, _ in found]
            gold += [right for _, right in found]
            weights += [1.0 / max(1, len(found))] * len(found)
        fitted = fit_softmax(rows, gold, prior=STARTING_WEIGHTS, weights=weights, l2=l2)
        resolver.ranker = Ranker(
            {name: fitted.get(name, v) for name, v in STARTING_WEIGHTS.items()}
        )
    values, rights, weights = [], [], []
    for docs in corpora.values():
        choices = chosen(resolver, docs)
        values += [features for features, _ in choices]
        rights += [right for _, right in choices]
        weights += [1.0 / len(choices)] * len(choices)
    calibration = fit_logistic(values, rights, {"share_logit": 1.0}, weights=weights, l2=1e-4)
    return Ranker(resolver.ranker.weights, calibration=calibration, trained_on=tuple(corpora))


def chosen(resolver: Resolver, docs: list[Doc]) -> list[tuple[dict[str, float], bool]]:
    """(confidence features, right within 161 km) of the candidate chosen for each gold
    name with coordinates."""
    found = []
    for entries, features, gold in named_with_gold(resolver, docs):
        scores = [resolver.ranker.score(f) for f in features]
        best = max(range(len(scores)), key=scores.__getitem__)
        share = softmax(scores)[best]
        values = confidence_features(share, entries[best], features[best], len(entries))
        found.append((values, within_reach(entries[best], gold)))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--corpora", default=",".join(CORPORA))
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--l2", type=float, default=0.01, help="pull towards the starting weights")
    parser.add_argument(
        "--held-out", type=Path, metavar="DIR", help="fit one set per corpus left out"
    )
    parser.add_argument(
        "--write", action="store_true", help=f"fit on all and store {WEIGHTS_FILE.name}"
    )
    args = parser.parse_args(argv)
    names = [c for c in args.corpora.split(",") if c]
    if not all((args.eval_dir / f"{c}.jsonl").is_file() for c in names):
        print(f"skipped: the corpora are not all in {args.eval_dir}", file=sys.stderr)
        return 0
    if not args.held_out and not args.write:
        parser.error("say --held-out DIR, --write or both")
    corpora = {c: load_corpus(args.eval_dir / f"{c}.jsonl", None) for c in names}
    pipeline = Pipeline()
    resolver = Resolver(pipeline.gazetteer)
    began = time.perf_counter()
    if args.held_out:
        print(f"{'left out':<12}{'starting':>10}{'fitted on the rest':>20}")
        for left_out in names:
            rest = {c: docs for c, docs in corpora.items() if c != left_out}
            resolver.ranker = Ranker()
            before = accuracy(resolver, corpora[left_out])
            ranker = fit(resolver, rest, args.passes, args.l2)
            after = accuracy(resolver, corpora[left_out])
            ranker.write(args.held_out / f"without-{left_out}.json")
            print(f"{left_out:<12}{before:>10.3f}{after:>20.3f}", flush=True)
        print(f"weights written to {args.held_out}/without-<corpus>.json")
    if args.write:
        fit(resolver, corpora, args.passes, args.l2).write(WEIGHTS_FILE)
        print(f"wrote {WEIGHTS_FILE} (trained on {', '.join(names)})")
    print(f"time {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
