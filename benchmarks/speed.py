"""Time geomap against its speed and memory targets.

Usage (from the repository root, with the project's virtual environment)::

    python benchmarks/speed.py                  # everything
    python benchmarks/speed.py --skip-build     # use the gazetteer already built
    python benchmarks/speed.py --runs 5 --lookups 5000 --json /tmp/speed.json

It prints

(a) the gazetteer build: seconds, file size, places and names, and the peak memory of
    the building process (target: under 60 s). The build runs in a child process
    with its own temporary ``GEOMAP_CACHE_DIR``, so your own gazetteer is untouched;
(b) exact-name lookup latency: ``Gazetteer.lookup(name)`` for names drawn at random
    from the gazetteer's ``places`` table, median and 95th percentile in ms
    (target: under 1 ms);
(c) ``geomap parse FILE -o OUT.jsonl`` from a cold process, run several times: wall
    time (min and median; target: under 5 s) and peak memory (target: under 600 MB).
    This uses your normal cache and settings; the gazetteer is built there first if
    it is missing, so the runs measure parsing with the index present. The input is
    ``../shared/seed/kirkuk_strikes_article.txt`` when present, else the first
    ``examples/*.txt`` of the repository (``--input`` overrides).

Peak memory is the maximum resident set size of each child process, read with
``os.wait4``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SEED_ARTICLE = REPO.parent / "shared" / "seed" / "kirkuk_strikes_article.txt"
TARGET_BUILD_S = 60.0
TARGET_LOOKUP_MS = 1.0
TARGET_PARSE_S = 5.0
TARGET_PARSE_MB = 600.0

_BUILD_CHILD = """
import json, sys
from pathlib import Path
from geomap.kb.gazetteer import build
stats = build(Path(sys.argv[1]), progress=False)
print(json.dumps({"places": stats.places, "names": stats.names, "seconds": stats.seconds}))
"""


# -- helpers --------------------------------------------------------------------------------


def maxrss_mb(rusage: Any) -> float:
    """``ru_maxrss`` in MB (kilobytes on Linux, bytes on macOS)."""
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return rusage.ru_maxrss / scale


def run_child(command: Sequence[str], env: dict[str, str]) -> dict[str, Any]:
    """Run a command; its exit status, wall seconds, peak memory (MB), stdout and stderr."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        _, status, rusage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {
            "returncode": process.returncode,
            "seconds": seconds,
            "peak_mb": maxrss_mb(rusage),
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
        }


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def verdict(value: float, target: float) -> str:
    return "met" if value < target else "NOT met"


def tail(text: str, lines: int = 8) -> str:
    return "\n".join("      " + line for line in text.strip().splitlines()[-lines:])


def geomap_command() -> str | None:
    """The ``geomap`` console script next to this interpreter, else the one on PATH."""
    beside = Path(sys.executable).parent / ("geomap.exe" if os.name == "nt" else "geomap")
    if beside.is_file():
        return str(beside)
    return shutil.which("geomap")


# -- (a) build ------------------------------------------------------------------------------


def bench_build(workdir: Path) -> dict[str, Any]:
    """Build a gazetteer from scratch in a child process with an isolated cache."""
    cache = workdir / "cache"
    path = cache / "gazetteer-bench.sqlite"
    env = dict(os.environ, GEOMAP_CACHE_DIR=str(cache), GEOMAP_DATA_DIR=str(workdir / "data"))
    child = run_child([sys.executable, "-c", _BUILD_CHILD, str(path)], env)
    if child["returncode"] != 0 or not path.is_file():
        return {"ok": False, "error": child["stderr"] or child["stdout"]}
    stats = json.loads(child["stdout"].strip().splitlines()[-1])
    return {
        "ok": True,
        "path": path,
        "build_seconds": stats["seconds"],
        "process_seconds": child["seconds"],
        "size_mb": path.stat().st_size / 1e6,
        "places": stats["places"],
        "names": stats["names"],
        "peak_mb": child["peak_mb"],
    }


def print_heading(title: str, result: dict[str, Any]) -> bool:
    """Print a step's title, and its error when it failed; True when it succeeded."""
    print(title)
    if not result["ok"]:
        print("    FAILED:")
        print(tail(result["error"]))
    return result["ok"]


def print_build(result: dict[str, Any]) -> None:
    if not print_heading("(a) gazetteer build (isolated cache)", result):
        return
    print(
        f"    {result['build_seconds']:.1f} s to build ({result['process_seconds']:.1f} s with "
        f"interpreter start)   target < {TARGET_BUILD_S:.0f} s: "
        f"{verdict(result['build_seconds'], TARGET_BUILD_S)}"
    )
    print(
        f"    file {result['size_mb']:.1f} MB, {result['places']:,} places, "
        f"{result['names']:,} names; peak memory {result['peak_mb']:.0f} MB"
    )


# -- (b) lookups ----------------------------------------------------------------------------


def bench_lookups(path: Path, count: int, seed: int = 7) -> dict[str, Any]:
    """Latency of ``Gazetteer.lookup`` for names sampled from the gazetteer itself."""
    from geomap.kb.gazetteer import Gazetteer

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        ids = [row[0] for row in db.execute("SELECT id FROM places")]
        rng = random.Random(seed)
        chosen = rng.sample(ids, min(len(ids), count + 50))
        names: list[str] = []
        for start in range(0, len(chosen), 500):
            part = chosen[start : start + 500]
            marks = ",".join("?" * len(part))
            rows = db.execute(f"SELECT id, name FROM places WHERE id IN ({marks})", part)
            by_id = dict(rows.fetchall())
            names.extend(by_id[i] for i in part)
    warm, names = names[:50], names[50:]
    gazetteer = Gazetteer(path)
    try:
        for name in warm:
            gazetteer.lookup(name)
        timings = []
        empty = 0
        for name in names:
            began = time.perf_counter_ns()
            found = gazetteer.lookup(name)
            timings.append((time.perf_counter_ns() - began) / 1e6)
            empty += not found
    finally:
        gazetteer.close()
    return {
        "lookups": len(timings),
        "median_ms": statistics.median(timings),
        "p95_ms": percentile(timings, 0.95),
        "p99_ms": percentile(timings, 0.99),
        "max_ms": max(timings),
        "not_found": empty,
    }


def print_lookups(result: dict[str, Any], source: str) -> None:
    print(f"(b) exact-name lookups ({result['lookups']:,} names sampled from {source})")
    print(
        f"    median {result['median_ms']:.3f} ms   p95 {result['p95_ms']:.3f} ms   "
        f"p99 {result['p99_ms']:.3f} ms   max {result['max_ms']:.2f} ms   "
        f"target < {TARGET_LOOKUP_MS:.0f} ms: {verdict(result['p95_ms'], TARGET_LOOKUP_MS)} (p95)"
    )
    if result["not_found"]:
        print(f"    note: {result['not_found']} sampled names were not found by lookup")


# -- (c) parse ------------------------------------------------------------------------------


def find_input(given: Path | None) -> Path | None:
    if given is not None:
        return given
    if SEED_ARTICLE.is_file():
        return SEED_ARTICLE
    examples = sorted((REPO / "examples").glob("*.txt"))
    return examples[0] if examples else None


def ensure_gazetteer() -> tuple[Path, float]:
    """Open (building if missing) the user's default gazetteer; its path and the seconds spent."""
    from geomap.kb.gazetteer import Gazetteer

    began = time.perf_counter()
    with Gazetteer.open(progress=False) as gazetteer:
        path = gazetteer.path
    return path, time.perf_counter() - began


def bench_parse(command: str, article: Path, runs: int, workdir: Path) -> dict[str, Any]:
    out = workdir / "parse-out.jsonl"
    env = dict(os.environ)
    results = []
    for _ in range(runs):
        out.unlink(missing_ok=True)
        child = run_child([command, "parse", str(article), "-o", str(out)], env)
        if child["returncode"] != 0:
            return {"ok": False, "error": child["stderr"] or child["stdout"], "runs": results}
        results.append(child)
    lines = out.read_text(encoding="utf-8").splitlines() if out.is_file() else []
    places = sum(len(json.loads(line).get("places", [])) for line in lines if line.strip())
    seconds = [r["seconds"] for r in results]
    return {
        "ok": True,
        "input": str(article),
        "runs": len(results),
        "seconds": seconds,
        "min_s": min(seconds),
        "median_s": statistics.median(seconds),
        "peak_mb": max(r["peak_mb"] for r in results),
        "documents": len(lines),
        "places": places,
    }


def print_parse(result: dict[str, Any], article: Path) -> None:
    if not print_heading(f"(c) geomap parse {article} -o OUT.jsonl (cold process)", result):
        return
    print(
        f"    {result['runs']} run(s): min {result['min_s']:.2f} s   "
        f"median {result['median_s']:.2f} s   target < {TARGET_PARSE_S:.0f} s: "
        f"{verdict(result['median_s'], TARGET_PARSE_S)}"
    )
    print(
        f"    peak memory {result['peak_mb']:.0f} MB   target < {TARGET_PARSE_MB:.0f} MB: "
        f"{verdict(result['peak_mb'], TARGET_PARSE_MB)}"
    )
    print(f"    output: {result['documents']} document(s), {result['places']} places")


# -- main -----------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Time geomap against its speed targets.")
    parser.add_argument(
        "--skip-build",
        action="store_true",
        help="do not time a fresh build; sample lookups from your own gazetteer",
    )
    parser.add_argument("--runs", type=int, default=3, help="cold parse runs (default 3)")
    parser.add_argument("--lookups", type=int, default=2000, help="names to look up (default 2000)")
    parser.add_argument("--input", type=Path, help="article to parse in (c)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write every figure to OUT")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.lookups < 1:
        parser.error("--lookups must be at least 1")
    if args.input is not None and not args.input.is_file():
        parser.error(f"{args.input}: no such file")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="geomap-speed-") as temp:
        workdir = Path(temp)
        lookup_path = None
        if args.skip_build:
            print("(a) gazetteer build: skipped (--skip-build)")
        else:
            build = bench_build(workdir)
            print_build(build)
            figures["build"] = {k: v for k, v in build.items() if k != "path"}
            if build["ok"]:
                lookup_path = build["path"]

        user_path, seconds = ensure_gazetteer()
        if seconds > 5:
            print(f"    (built your default gazetteer first: {seconds:.0f} s, {user_path})")
        source = "the freshly built gazetteer"
        if lookup_path is None:
            lookup_path, source = user_path, str(user_path)
        lookups = bench_lookups(lookup_path, args.lookups)
        print_lookups(lookups, source)
        figures["lookup"] = lookups

        command = geomap_command()
        article = find_input(args.input)
        if command is None:
            print("(c) geomap parse: skipped (no 'geomap' command installed)")
        elif article is None:
            print("(c) geomap parse: skipped (no seed article and no examples/*.txt)")
        else:
            parse = bench_parse(command, article, args.runs, workdir)
            print_parse(parse, article)
            figures["parse"] = {k: v for k, v in parse.items() if k != "error"}
            if not parse["ok"]:
                figures["parse"]["error"] = parse["error"][-2000:]
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
