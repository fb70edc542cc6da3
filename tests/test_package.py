"""The package itself: a light import, the lazy public API, and a wheel that carries the
curated gazetteer tables."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

import geomap

from conftest import REPO

CURATED_TABLES = ("facilities.csv", "water_bodies.csv", "regions.csv", "us_counties.csv")
HEAVY = ("spacy", "folium", "sqlite3", "numpy", "geopy")


def python(*args: str, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=120, cwd=cwd
    )


def test_import_loads_nothing_heavy(tmp_path):
    code = (
        "import geomap, sys; "
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )  # fmt: skip
    result = python("-c", code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_import_raises_no_warnings(tmp_path):
    result = python("-W", "error", "-c", "import geomap", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_cli_help_loads_nothing_heavy(tmp_path):
    code = (
        "import sys\n"
        "from geomap.cli import build_parser\n"
        "build_parser().format_help()\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = python("-c", code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_version():
    assert isinstance(geomap.__version__, str)
    assert geomap.__version__
    assert geomap.__version__[0].isdigit()


def test_lazy_attributes():
    from geomap.models import Document, Place, Report
    from geomap.pipeline import Pipeline

    assert geomap.Pipeline is Pipeline
    assert geomap.Report is Report
    assert geomap.Place is Place
    assert geomap.Document is Document
    assert callable(geomap.parse)
    for name in geomap.__all__:
        assert getattr(geomap, name) is not None


def test_lazy_classes_work():
    report = geomap.Report(geomap.Document(id="d", text=""))
    assert report.to_dict() == {"id": "d", "published": None, "places": [], "incidents": []}
    pipeline = geomap.Pipeline()  # cheap: nothing loads until first use
    assert "nlp" not in pipeline.__dict__
    assert "gazetteer" not in pipeline.__dict__
    pipeline.close()


def test_unknown_attribute():
    with pytest.raises(AttributeError, match="nonexistent"):
        _ = geomap.nonexistent
    assert not hasattr(geomap, "nonexistent")
    from_import = python("-c", "from geomap import nonexistent")
    assert from_import.returncode != 0
    assert "ImportError" in from_import.stderr


def test_curated_dir_holds_the_tables():
    from geomap.kb.sources.curated import curated_dir

    directory = curated_dir()
    assert directory.is_dir()
    for table in CURATED_TABLES:
        path = directory / table
        assert path.is_file(), path
        header = path.read_text(encoding="utf-8").splitlines()[0]
        assert header.startswith("id,name,alt_names,feature,lat,lon"), (table, header)
    assert (directory / "not_places.txt").is_file()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    pytest.importorskip("build", reason="the build package is in the test extra")
    pytest.importorskip("hatchling", reason="building without isolation needs hatchling")
    outdir = tmp_path_factory.mktemp("wheel")
    result = python(
        "-m", "build", "--wheel", "--no-isolation", "--outdir", str(outdir), str(REPO), cwd=REPO
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    (path,) = outdir.glob("geomap-*.whl")
    return path


def test_wheel_carries_the_curated_gazetteer(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for table in (*CURATED_TABLES, "not_places.txt"):
            member = f"geomap/data/gazetteer/{table}"
            assert member in names, member
            assert archive.getinfo(member).file_size > 0, member
        assert "geomap/py.typed" in names
        assert "geomap/__init__.py" in names
        assert "geomap/kb/sources/curated.py" in names
        assert "geomap/incidents/locator_model.npz" in names  # the event locator's trees
        assert "geomap/resolve/resolver_weights.json" in names  # the place ranker's weights
        assert "geomap/output/assets/map.js" in names  # the offline map's own script and style
        assert "geomap/output/assets/map.css" in names
        # the packaged tables are the checkout's tables
        for table in CURATED_TABLES:
            packaged = archive.read(f"geomap/data/gazetteer/{table}")
            assert packaged == (REPO / "gazetteer" / table).read_bytes(), table


def test_wheel_metadata(wheel):
    with zipfile.ZipFile(wheel) as archive:
        (metadata_name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = archive.read(metadata_name).decode("utf-8")
        entry_points = archive.read(metadata_name.replace("METADATA", "entry_points.txt"))
    assert "Name: geomap" in metadata
    assert f"Version: {geomap.__version__}" in metadata
    assert b"geomap = geomap.cli:main" in entry_points
