"""Do two checkouts of geomap write the same outputs? For refactors that must not change
behaviour.

    python scripts/same_outputs.py BEFORE_DIR AFTER_DIR [--work DIR]

Runs ``geomap parse`` (plain, and with ``--explain --min-confidence 0``) and ``geomap map``
in each checkout, with this interpreter and a gazetteer cache of the checkout's own, on:
the bundled example, the seed article and 300 LGL articles and the WikiEvents development
reports from ``../shared`` (left out, with a note, where that folder is absent). Then it
compares every file: JSON Lines, GeoJSON and CSV byte for byte, the HTML map with folium's
random element ids masked, the GeoPackage as an SQL dump with its timestamps masked. Files
that only one side writes are listed. Exit status 1 if anything differs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "kirkuk_strikes_article.txt"
LGL = SHARED / "eval" / "lgl.jsonl"
WIKIEVENTS = SHARED / "eval" / "wikievents_dev.jsonl"
EXAMPLE = ("examples/harbour_attack.txt", "2024-05-14")
LGL_ARTICLES = 300
FOLIUM_ID = re.compile(r"[0-9a-f]{32}")
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z")


def corpus_inputs(work: Path) -> list[tuple[str, Path, str | None]]:
    """(name, input file, publication date) of every input present on this machine; the
    corpus files are written once, so both checkouts read the same paths."""
    inputs: list[tuple[str, Path, str | None]] = []
    if SEED.is_file():
        inputs.append(("seed", SEED, "2019-12-30"))
    corpora = (("lgl300", LGL, LGL_ARTICLES), ("wikievents", WIKIEVENTS, None))
    for name, corpus, limit in corpora:
        if corpus.is_file():
            inputs.append((name, _articles(corpus, work / f"{name}.jsonl", limit), None))
    if not inputs:
        print(f"note: {SHARED} is absent; only the bundled example is compared")
    return inputs


def _articles(corpus: Path, path: Path, limit: int | None) -> Path:
    """The first ``limit`` articles of an annotated corpus (all if None) as geomap input:
    their id, text and publication date, without the annotations."""
    with corpus.open(encoding="utf-8") as lines, path.open("w", encoding="utf-8") as out:
        for line in itertools.islice(lines, limit):
            record = json.loads(line)
            kept = {k: record[k] for k in ("id", "text", "published") if k in record}
            out.write(json.dumps(kept) + "\n")
    return path


def run_outputs(checkout: Path, out: Path, inputs: list[tuple[str, Path, str | None]]) -> None:
    """Every output of the checkout's geomap on the inputs, into ``out``."""
    env = {**os.environ, "PYTHONPATH": str(checkout), "GEOMAP_CACHE_DIR": str(out / "cache")}

    def geomap(*args: str) -> None:
        command = [sys.executable, "-m", "geomap", *args, "-q"]
        subprocess.run(command, cwd=checkout, env=env, check=True, stdout=subprocess.DEVNULL)

    example = [("example", Path(EXAMPLE[0]), EXAMPLE[1])]  # relative: the same in both
    for name, path, published in example + inputs:
        dated = ["--published", published] if published else []
        geomap("parse", str(path), *dated, "-o", str(out / f"{name}.jsonl"))
        geomap("parse", str(path), *dated, "--explain", "--min-confidence", "0",
               "-o", str(out / f"{name}.explain.jsonl"))  # fmt: skip
        geomap("map", str(path), *dated, "--min-confidence", "0", "--tiles", "none",
               "--out", str(out / f"map-{name}"), "--name", name)  # fmt: skip


def comparable(path: Path) -> bytes | str:
    if path.suffix == ".html":
        return FOLIUM_ID.sub("ID", path.read_text(encoding="utf-8"))
    if path.suffix == ".gpkg":
        connection = sqlite3.connect(path)
        try:
            return TIMESTAMP.sub("TIME", "\n".join(connection.iterdump()))
        finally:
            connection.close()
    return path.read_bytes()


def compare(before: Path, after: Path) -> int:
    """Print each difference; the number of files that differ or are on one side only."""

    def files(root: Path) -> set[Path]:
        found = {p.relative_to(root) for p in root.rglob("*") if p.is_file()}
        return {p for p in found if p.parts[0] != "cache"}

    names = sorted(files(before) | files(after))
    differ = 0
    for name in names:
        if not (before / name).is_file() or not (after / name).is_file():
            side = "after" if (after / name).is_file() else "before"
            print(f"only {side}: {name}")
            differ += 1
        elif comparable(before / name) != comparable(after / name):
            print(f"differs: {name}")
            differ += 1
    print(f"{len(names) - differ} of {len(names)} files the same")
    return differ


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path, help="checkout of the version to compare with")
    parser.add_argument("after", type=Path, help="checkout of the changed version")
    parser.add_argument("--work", type=Path, help="where to write the outputs (kept)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="geomap-same-outputs-"))
    work.mkdir(parents=True, exist_ok=True)
    inputs = corpus_inputs(work)
    for side, checkout in (("before", args.before), ("after", args.after)):
        (work / side).mkdir(exist_ok=True)
        run_outputs(checkout.resolve(), work / side, inputs)
    print(f"outputs in {work}")
    return 1 if compare(work / "before", work / "after") else 0


if __name__ == "__main__":
    sys.exit(main())
