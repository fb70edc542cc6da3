"""How geomap runs over a corpus: throughput against bare spaCy, the speed-up of worker
processes, and memory over many documents.

Usage (from the repository root, with the project's virtual environment)::

    python benchmarks/corpus_scale.py                      # all three, 300 articles
    python benchmarks/corpus_scale.py --memory-docs 10000  # memory over 10,000 documents
    python benchmarks/corpus_scale.py --skip-memory --articles 100
    python benchmarks/corpus_scale.py --skip-memory --skip-dask

It prints

(a) throughput in one process: documents per second of ``parse_corpus`` over the
    articles, against bare spaCy piping the same texts through the same model with the
    same batch size (the floor). Goal: geomap at least 0.85 of spaCy's rate. Both run
    after a warm-up pass, over the texts geomap reads (``Pipeline.readable_text``), timed
    batch by batch in turn so that the machine's drift falls on both alike; the median
    of ``--runs`` runs;
(b) ``geomap parse FILE --workers N`` in a fresh process for 1 and 2 workers, run in
    turn ``--pairs`` times: wall time, documents per second and the median speed-up
    (goal: 1.7 on two cores). The outputs are compared and must be identical;
(c) peak memory of ``geomap parse`` over ``--memory-docs`` documents (the articles
    repeated under new ids), with the resident set sampled every second, so that a
    growing run shows (goal: flat, under 1 GB).
(e) the whole process: ``geomap parse FILE -o OUT`` against a fresh process that loads
    the same spaCy model as a user would (``spacy.load``, every component) and pipes the
    same texts (``--whole-runs`` pairs run in turn; goal: geomap within 15% of spaCy's
    time, from start to exit);
(d) ``geomap parse FILE --scheduler ADDRESS`` against a Dask ``LocalCluster`` of two
    single-threaded worker processes on 127.0.0.1 (needs ``geomap[dask]``): documents per
    second on a cold cluster (the workers load the model during the run) and on a warm
    one (a second run), beside the local two-worker run of (b); the output is compared
    with the local one and must be identical.

The articles are the first ``--articles`` texts of ``../shared/eval/lgl.jsonl`` when it is
there, else the bundled example repeated.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "eval" / "lgl.jsonl"
EXAMPLE = REPO / "examples" / "harbour_attack.txt"
GOAL_RATIO = 0.85
GOAL_SPEEDUP = 1.7
GOAL_MEMORY_MB = 1024
GOAL_WHOLE = 1.15
# Bare spaCy over a JSON Lines corpus, as a user would run it: the model geomap uses,
# loaded whole, piping the texts (the floor of (e)).
BARE_SPACY = """
import json, sys
import spacy
from geomap.batch import BATCH_SIZE
from geomap.nlp import default_model_name
nlp = spacy.load(default_model_name())
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
for _doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
    pass
"""


def articles(count: int) -> list[str]:
    if CORPUS.is_file():
        with CORPUS.open(encoding="utf-8") as lines:
            texts = [json.loads(line)["text"] for line in lines if line.strip()]
        return texts[:count]
    text = EXAMPLE.read_text(encoding="utf-8")
    return [text] * count


def write_corpus(texts: list[str], path: Path, total: int | None = None) -> Path:
    total = total or len(texts)
    with path.open("w", encoding="utf-8") as out:
        for number in range(total):
            record = {"id": f"doc{number}", "text": texts[number % len(texts)]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def throughput(texts: list[str], runs: int) -> dict[str, Any]:
    """spaCy alone and geomap timed batch by batch in turn (a batch through spaCy, the
    same batch through geomap), so that both see the machine in the same state; this
    VM's speed drifts by a fifth within minutes. One untimed geomap pass first warms the
    gazetteer's caches, as in any long run."""
    from geomap.batch import BATCH_SIZE, parse_corpus
    from geomap.models import Document
    from geomap.pipeline import Pipeline

    pipeline = Pipeline()
    readable = [pipeline.readable_text(text) for text in texts]
    documents = [Document(id=str(i), text=text) for i, text in enumerate(texts)]
    for _outcome in parse_corpus(pipeline, documents):  # warm-up, untimed
        pass
    spacy_runs, geomap_runs = [], []
    for _ in range(runs):
        spacy_seconds = geomap_seconds = 0.0
        for start in range(0, len(texts), BATCH_SIZE):
            batch = slice(start, start + BATCH_SIZE)
            began = time.perf_counter()
            for _doc in pipeline.nlp.pipe(readable[batch], batch_size=BATCH_SIZE):
                pass
            spacy_seconds += time.perf_counter() - began
            began = time.perf_counter()
            for _outcome in parse_corpus(pipeline, documents[batch]):
                pass
            geomap_seconds += time.perf_counter() - began
        spacy_runs.append(spacy_seconds)
        geomap_runs.append(geomap_seconds)
    ratios = [s / g for s, g in zip(spacy_runs, geomap_runs, strict=True)]
    return {
        "spacy_docs_per_s": len(texts) / statistics.median(spacy_runs),
        "geomap_docs_per_s": len(texts) / statistics.median(geomap_runs),
        "ratio": statistics.median(ratios),
        "ratios": ratios,
    }


def whole_processes(corpus: Path, folder: Path, runs: int) -> list[tuple[float, float]]:
    """(spaCy seconds, geomap seconds) of fresh processes over the corpus, run in turn."""
    timed = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", BARE_SPACY, str(corpus)], check=True)
        spacy_seconds = time.perf_counter() - began
        geomap_seconds = run_parse(corpus, 1, folder / "whole.jsonl")["seconds"]
        timed.append((spacy_seconds, geomap_seconds))
    return timed


def run_parse(
    corpus: Path, workers: int, out: Path, sample: bool = False, scheduler: str | None = None
) -> dict[str, float]:
    """One ``geomap parse`` in a fresh process: seconds, peak and sampled memory."""
    command = [sys.executable, "-m", "geomap", "parse", str(corpus), "-o", str(out), "-q"]
    command += ["--scheduler", scheduler] if scheduler else ["--workers", str(workers)]
    began = time.perf_counter()
    cpu_before = _children_cpu_seconds()
    child = subprocess.Popen(command)
    samples: list[float] = []
    while sample and child.poll() is None:
        samples.append(_tree_rss_mb(child.pid))
        time.sleep(1.0)
    child.wait()
    seconds = time.perf_counter() - began
    if child.returncode != 0:
        raise SystemExit(f"geomap parse failed with status {child.returncode}")
    cpu = _children_cpu_seconds() - cpu_before  # the child and the workers it waited for
    return {"seconds": seconds, "cpu_seconds": cpu, "samples_mb": samples}


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def worker_pairs(corpus: Path, folder: Path, pairs: int) -> list[dict[int, dict[str, float]]]:
    """Runs of ``--workers 1`` and ``--workers 2``, in turn (1 2, 2 1, 1 2, ...) so that the
    machine's drift falls on both alike."""
    timed = []
    for pair in range(pairs):
        order = (1, 2) if pair % 2 == 0 else (2, 1)
        timed.append({w: run_parse(corpus, w, folder / f"out{w}.jsonl") for w in order})
    return timed


def dask_run(corpus: Path, folder: Path, count: int, local_seconds: float) -> None:
    """(d): the corpus through a two-worker LocalCluster, cold then warm."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as cluster:
        runs = [
            run_parse(corpus, 0, folder / f"dask{n}.jsonl", scheduler=cluster.scheduler_address)
            for n in (1, 2)
        ]
    local = (folder / "out1.jsonl").read_bytes()
    same = all((folder / f"dask{n}.jsonl").read_bytes() == local for n in (1, 2))
    cold, warm = (run["seconds"] for run in runs)
    print(
        f"(d) geomap parse --scheduler, LocalCluster of 2 workers: cold {cold:.1f} s "
        f"({count / cold:.1f} docs/s), warm {warm:.1f} s ({count / warm:.1f} docs/s), beside "
        f"--workers 2 {local_seconds:.1f} s ({count / local_seconds:.1f} docs/s); outputs "
        f"identical to the local run: {same}"
    )


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (Linux /proc)."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.is_file():
        pids += [int(p) for p in children.read_text().split()]
    for each in pids:
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pairs", type=int, default=3, help="runs of 1 and 2 workers in (b)")
    parser.add_argument("--memory-docs", type=int, default=2000)
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--skip-workers", action="store_true", help="skip (b)")
    parser.add_argument("--whole-runs", type=int, default=3, help="pairs of processes in (e)")
    args = parser.parse_args(argv)
    texts = articles(args.articles)
    source = CORPUS if CORPUS.is_file() else EXAMPLE
    print(f"corpus: {len(texts)} articles from {source}")

    rates = throughput(texts, args.runs)
    verdict = "met" if rates["ratio"] >= GOAL_RATIO else "NOT met"
    each = ", ".join(f"{ratio:.3f}" for ratio in rates["ratios"])
    print(
        f"(a) one process: spaCy alone {rates['spacy_docs_per_s']:.1f} docs/s, geomap "
        f"{rates['geomap_docs_per_s']:.1f} docs/s: {rates['ratio']:.3f} of spaCy's rate, "
        f"median of {args.runs} runs ({each}) "
        f"(goal >= {GOAL_RATIO}: {verdict}); what geomap adds costs "
        f"{1 - rates['ratio']:.0%} of the time"
    )

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        corpus = write_corpus(texts, folder / "corpus.jsonl")
        if args.whole_runs:
            pairs = whole_processes(corpus, folder, args.whole_runs)
            ratios = [g / s for s, g in pairs]
            ratio = statistics.median(ratios)
            print(
                f"(e) whole process: spaCy {statistics.median(s for s, _ in pairs):.1f} s, "
                f"geomap parse {statistics.median(g for _, g in pairs):.1f} s: geomap takes "
                f"{ratio:.3f} of spaCy's time, median of {len(pairs)} pairs "
                f"({', '.join(f'{r:.3f}' for r in ratios)}) (goal <= {GOAL_WHOLE}: "
                f"{'met' if ratio <= GOAL_WHOLE else 'NOT met'})"
            )
        if args.skip_workers:
            return 0
        timed = worker_pairs(corpus, folder, args.pairs)
        same = (folder / "out1.jsonl").read_bytes() == (folder / "out2.jsonl").read_bytes()
        speedups = [pair[1]["seconds"] / pair[2]["seconds"] for pair in timed]
        speedup = statistics.median(speedups)
        one, two, cpu_one, cpu_two = (
            statistics.median(pair[w][key] for pair in timed)
            for key in ("seconds", "cpu_seconds")
            for w in (1, 2)
        )
        print(
            f"(b) geomap parse, fresh process: 1 worker {one:.1f} s ({len(texts) / one:.1f} "
            f"docs/s, {cpu_one:.1f} s of CPU), 2 workers {two:.1f} s ({len(texts) / two:.1f} "
            f"docs/s, {cpu_two:.1f} s of CPU in all): speed-up {speedup:.2f}, median of "
            f"{args.pairs} pairs ({', '.join(f'{x:.2f}' for x in speedups)}), on "
            f"{os.cpu_count()} cores (goal >= {GOAL_SPEEDUP}: "
            f"{'met' if speedup >= GOAL_SPEEDUP else 'NOT met'}); outputs identical: {same}; "
            f"ceiling with two free cores {2 * cpu_one / cpu_two:.2f}"
        )
        if not args.skip_dask:
            dask_run(corpus, folder, len(texts), two)
        if not args.skip_memory:
            big = write_corpus(texts, folder / "big.jsonl", args.memory_docs)
            run = run_parse(big, 1, folder / "big-out.jsonl", sample=True)
            samples = run["samples_mb"] or [0.0]
            quarter = max(1, len(samples) // 4)
            early = max(samples[:quarter])
            late = max(samples[-quarter:])
            peak = max(samples)
            print(
                f"(c) {args.memory_docs} documents in {run['seconds']:.0f} s: peak resident "
                f"memory {peak:.0f} MB (goal < {GOAL_MEMORY_MB} MB: "
                f"{'met' if peak < GOAL_MEMORY_MB else 'NOT met'}); first quarter's peak "
                f"{early:.0f} MB, last quarter's {late:.0f} MB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
