"""Shared fixtures. Tests that need the spaCy model or the built gazetteer use the
session-wide ``pipeline``/``gazetteer`` fixtures, so both load once per run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "kirkuk_strikes_article.txt"
EXAMPLE = REPO / "examples" / "harbour_attack.txt"


@pytest.fixture(scope="session")
def gazetteer():
    from geomap.kb.gazetteer import Gazetteer

    with Gazetteer.open(progress=False) as opened:
        yield opened


@pytest.fixture(scope="session")
def pipeline(gazetteer):
    from geomap.pipeline import Pipeline

    with Pipeline(gazetteer=gazetteer) as opened:
        yield opened


@pytest.fixture(scope="session")
def nlp(pipeline):
    return pipeline.nlp


@pytest.fixture
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"the seed article is not here ({SEED}); it lives in ../shared/seed/")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory) -> dict:
    """The seed article through the real ``geomap parse`` (published 2019-12-30), once."""
    import json

    if not SEED.is_file():
        pytest.skip(f"the seed article is not here ({SEED}); it lives in ../shared/seed/")
    out = tmp_path_factory.mktemp("seed") / "out.jsonl"
    result = run_cli("parse", str(SEED), "--published", "2019-12-30", "-o", str(out))
    assert result.returncode == 0, result.stderr
    [line] = out.read_text(encoding="utf-8").splitlines()
    return json.loads(line)


@pytest.fixture
def user_data_dir(tmp_path, monkeypatch) -> Path:
    """A private GEOMAP_DATA_DIR, so user gazetteer tests leave the real one alone."""
    path = tmp_path / "data"
    monkeypatch.setenv("GEOMAP_DATA_DIR", str(path))
    return path


def hermetic_env(root: Path) -> dict[str, str]:
    """Environment for CLI runs under ``root``: no geocoder, no stray config file, an empty
    user gazetteer."""
    (root / "config").mkdir(exist_ok=True)
    return {
        "GEOMAP_GEOCODER": "none",
        "GEOMAP_DATA_DIR": str(root / "data"),
        "XDG_CONFIG_HOME": str(root / "config"),
    }


def run_cli(*args: str, env: dict[str, str] | None = None, stdin: str | None = None, cwd=None):
    """Run the real ``geomap`` command in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "geomap", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=300,
    )


def require_system(available: bool, what: str) -> None:
    """Skip the calling test when a system dependency (QGIS, a browser, ...) is missing;
    fail instead when ``GEOMAP_REQUIRE_SYSTEM_TESTS=1`` (CI sets it, so nothing is skipped)."""
    if available:
        return
    if os.environ.get("GEOMAP_REQUIRE_SYSTEM_TESTS") == "1":
        pytest.fail(f"{what} is not available, and GEOMAP_REQUIRE_SYSTEM_TESTS=1 requires it")
    pytest.skip(f"{what} is not available (set GEOMAP_REQUIRE_SYSTEM_TESTS=1 to fail instead)")
