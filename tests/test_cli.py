"""The ``geomap`` command: outputs, exit statuses and error lines.

The runs that parse go through the real command in a subprocess. Every such run loads
geomap afresh (and spaCy), so they are few and shared between tests through
module-scoped fixtures. Usage errors are found before the model or the gazetteer is
needed, so they call ``geomap.cli.main`` in this process (see the ``cli`` fixture); one
of them still runs the real command, for its exit status and its stderr.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import EXAMPLE, hermetic_env, run_cli

PUBLISHED = "2024-05-14"
PLACE_KEYS = {
    "start", "end", "text", "name", "lat", "lon", "feature", "country_code", "admin1",
    "source", "confidence", "role",
}  # fmt: skip
RECORD_KEYS = {"id", "published", "places", "incidents"}
# Invalid UTF-8 (a lone continuation byte and an invalid start byte) between two places.
INVALID_UTF8 = b"Rockets hit Kirkuk \x80\xff overnight and Mosul.\n"
CORPUS = (
    '{"id": "first", "text": "Rockets hit Kirkuk on Friday."}\n'
    '{"id": "broken", "text": \n'
    '{"id": "third", "text": "Shelling was reported in Mosul."}\n'
)
BINARY = bytes(range(256)) * 4


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    return hermetic_env(tmp_path_factory.mktemp("cli-env"))


def geomap(*args: str, env: dict[str, str], cwd: Path, stdin: str | None = None):
    return run_cli(*args, env=env, cwd=cwd, stdin=stdin)


def stderr_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def assert_usage_error(result, *fragments: str) -> None:
    """A process's exit status 2, exactly one line on stderr naming the problem, no
    traceback."""
    assert "Traceback" not in result.stderr
    assert_one_error_line((result.returncode, stderr_lines(result)), *fragments)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def leftover_temp_files(directory: Path) -> list[Path]:
    return [p for p in directory.iterdir() if p.name.startswith(".") and p.suffix == ".tmp"]


def assert_offsets_slice(text: str, places: list[dict]) -> None:
    for place in places:
        assert text[place["start"] : place["end"]] == place["text"], place


# -- parse -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def parsed(tmp_path_factory, env):
    """``geomap parse`` of the example article into a directory that does not exist yet."""
    work = tmp_path_factory.mktemp("cli-parse")
    out = work / "new" / "nested" / "places.jsonl"
    result = geomap(
        "parse", str(EXAMPLE), "--published", PUBLISHED, "-o", str(out), env=env, cwd=work
    )
    return result, out


@pytest.mark.model
@pytest.mark.gazetteer
def test_parse_writes_jsonl_with_the_documented_keys(parsed):
    result, out = parsed
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""  # the records went to the file
    records = read_jsonl(out)
    assert len(records) == 1
    record = records[0]
    assert set(record) == RECORD_KEYS
    assert record["id"] == EXAMPLE.stem
    assert record["published"] == PUBLISHED
    assert len(record["places"]) >= 5
    for place in record["places"]:
        assert set(place) == PLACE_KEYS, place  # no "reasons" without --explain
        assert place["role"] in {"place", "dateline", "demonym", "metonym"}
        assert 0.0 <= place["confidence"] <= 1.0
    names = {place["name"] for place in record["places"]}
    assert {"Iraq", "Baghdad"} <= names
    basra = [p for p in record["places"] if p["text"] == "BASRA"]
    assert basra and basra[0]["role"] == "dateline"
    assert basra[0]["country_code"] == "IQ"
    assert abs(basra[0]["lat"] - 30.5) < 0.3 and abs(basra[0]["lon"] - 47.8) < 0.3


@pytest.mark.model
@pytest.mark.gazetteer
def test_parse_offsets_slice_the_input_text(parsed):
    _, out = parsed
    text = EXAMPLE.read_text(encoding="utf-8")
    places = read_jsonl(out)[0]["places"]
    assert places
    assert_offsets_slice(text, places)


@pytest.mark.model
@pytest.mark.gazetteer
def test_parse_output_creates_missing_directories(parsed):
    _, out = parsed
    assert out.is_file()
    assert leftover_temp_files(out.parent) == []


@pytest.mark.model
@pytest.mark.gazetteer
def test_parse_explain_adds_reasons(tmp_path, env):
    result = geomap("parse", str(EXAMPLE), "--explain", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1
    places = records[0]["places"]
    assert places
    for place in places:
        assert set(place) == PLACE_KEYS | {"reasons"}
        assert isinstance(place["reasons"], list)
        assert all(isinstance(reason, str) and reason for reason in place["reasons"])
    assert any(place["reasons"] for place in places)
    incidents = records[0]["incidents"]
    assert incidents
    assert all(incident["basis"]["place_from"] for incident in incidents)


@pytest.mark.model
@pytest.mark.gazetteer
def test_parse_min_confidence_leaves_out_the_less_likely_incidents(tmp_path, env):
    text = "Gunmen kidnapped three engineers in Kirkuk on Sunday.\n"
    counts = []
    for threshold in ("0", "1"):
        result = geomap("parse", "-", "--published", PUBLISHED, "--min-confidence", threshold,
                        env=env, cwd=tmp_path, stdin=text)  # fmt: skip
        assert result.returncode == 0, result.stderr
        counts.append(len(json.loads(result.stdout)["incidents"]))
    assert counts == [1, 0]


@pytest.mark.model
@pytest.mark.gazetteer
def test_parse_reads_stdin(tmp_path, env):
    text = "Shelling hit Mosul overnight, officials in Baghdad said.\n"
    result = geomap("parse", "-", "--published", PUBLISHED, env=env, cwd=tmp_path, stdin=text)
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["id"] == "stdin"
    assert record["published"] == PUBLISHED
    assert {p["name"] for p in record["places"]} == {"Mosul", "Baghdad"}
    assert_offsets_slice(text, record["places"])


@pytest.fixture(scope="module")
def odd_inputs(tmp_path_factory, env):
    """One ``parse`` run over an invalid UTF-8 text, a corpus with a broken line and an
    empty file (they share a run so the module stays fast)."""
    work = tmp_path_factory.mktemp("cli-odd")
    (work / "invalid.txt").write_bytes(INVALID_UTF8)
    (work / "corpus.jsonl").write_text(CORPUS, encoding="utf-8")
    (work / "empty.txt").write_bytes(b"")
    out = work / "out.jsonl"
    result = geomap(
        "parse", "invalid.txt", "corpus.jsonl", "empty.txt", "-o", str(out), env=env, cwd=work
    )
    records = read_jsonl(out) if out.is_file() else []
    return result, {record["id"]: record for record in records}, records


@pytest.mark.model
@pytest.mark.gazetteer
def test_invalid_utf8_is_parsed(odd_inputs):
    result, by_id, _ = odd_inputs
    assert result.returncode == 0, result.stderr
    record = by_id["invalid"]
    assert [p["name"] for p in record["places"]] == ["Kirkuk", "Mosul"]
    text = INVALID_UTF8.decode("utf-8", errors="replace")
    assert_offsets_slice(text, record["places"])


@pytest.mark.model
@pytest.mark.gazetteer
def test_malformed_jsonl_line_is_skipped_with_its_line_number(odd_inputs):
    result, by_id, records = odd_inputs
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warnings = [line for line in stderr_lines(result) if "corpus.jsonl" in line]
    assert len(warnings) == 1, result.stderr
    assert "corpus.jsonl:2" in warnings[0]
    assert [r["id"] for r in records] == ["invalid", "first", "third", "empty"]
    assert [p["name"] for p in by_id["first"]["places"]] == ["Kirkuk"]
    assert [p["name"] for p in by_id["third"]["places"]] == ["Mosul"]


@pytest.mark.model
@pytest.mark.gazetteer
def test_empty_file_gives_an_empty_result(odd_inputs):
    result, by_id, _ = odd_inputs
    assert result.returncode == 0, result.stderr
    assert by_id["empty"]["places"] == []
    assert by_id["empty"]["incidents"] == []


# -- map ---------------------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.gazetteer
def test_map_writes_html_geojson_gpkg_and_csv_and_prints_their_paths(tmp_path, env):
    out_dir = tmp_path / "maps"
    result = geomap("map", str(EXAMPLE), "--published", PUBLISHED, "--out", str(out_dir),
                    env=env, cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    html_path = out_dir / f"{EXAMPLE.stem}.html"
    geojson_path = out_dir / f"{EXAMPLE.stem}.places.geojson"
    incidents_path = out_dir / f"{EXAMPLE.stem}.incidents.geojson"
    old_name = out_dir / f"{EXAMPLE.stem}.geojson"  # the places' name in release 0.1
    gpkg_path = out_dir / f"{EXAMPLE.stem}.gpkg"
    csv_path = out_dir / f"{EXAMPLE.stem}.incidents.csv"
    written = [html_path, geojson_path, incidents_path, old_name, gpkg_path, csv_path]
    assert result.stdout.splitlines() == [str(path) for path in written]
    page = html_path.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert "window.geomapBuild" in page
    assert gpkg_path.read_bytes()[:16] == b"SQLite format 3\x00"
    collection = json.loads(geojson_path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert features
    assert {f["properties"]["doc_id"] for f in features} == {EXAMPLE.stem}
    assert "Baghdad" in {f["properties"]["name"] for f in features}
    assert old_name.read_bytes() == geojson_path.read_bytes()
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(p.name for p in written)
    incidents = json.loads(incidents_path.read_text(encoding="utf-8"))["features"]
    strikes = [f for f in incidents if f["properties"]["sub_event_type"] == "Air/drone strike"]
    assert strikes and strikes[0]["properties"]["event_date"] == PUBLISHED  # "on Tuesday"
    assert strikes[0]["properties"]["fatalities"] == 2
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    assert {row["event_id"] for row in rows} == {f["properties"]["event_id"] for f in incidents}


def _map_in_formats(formats, tmp_path, env):
    """``geomap map`` of the example with ``--formats``; the output folder once it passed."""
    out_dir = tmp_path / "out"
    result = geomap("map", str(EXAMPLE), "--formats", formats, "--out", str(out_dir),
                    env=env, cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result, out_dir


@pytest.mark.model
@pytest.mark.gazetteer
def test_map_geojson_only(tmp_path, env):
    result, out_dir = _map_in_formats("geojson", tmp_path, env)
    geojson_path = out_dir / f"{EXAMPLE.stem}.places.geojson"
    incidents_path = out_dir / f"{EXAMPLE.stem}.incidents.geojson"
    old_name = out_dir / f"{EXAMPLE.stem}.geojson"
    written = [geojson_path, incidents_path, old_name]
    assert result.stdout.splitlines() == [str(path) for path in written]
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(p.name for p in written)
    assert json.loads(geojson_path.read_text(encoding="utf-8"))["features"]


@pytest.mark.model
@pytest.mark.gazetteer
def test_map_gpkg_only(tmp_path, env):
    result, out_dir = _map_in_formats("gpkg", tmp_path, env)
    gpkg_path = out_dir / f"{EXAMPLE.stem}.gpkg"
    assert result.stdout.splitlines() == [str(gpkg_path)]
    assert [p.name for p in out_dir.iterdir()] == [gpkg_path.name]
    pyogrio = pytest.importorskip("pyogrio")
    assert {name for name, _ in pyogrio.list_layers(gpkg_path)} >= {"incidents", "places"}


# -- resolve -----------------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.gazetteer
def test_resolve_given_spans_only(tmp_path, env):
    text = "Rockets hit Kirkuk and Mosul."
    start = text.index("Kirkuk")
    record = {"id": "r1", "text": text, "toponyms": [{"start": start, "end": start + 6}]}
    (tmp_path / "spans.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = geomap("resolve", "spans.jsonl", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (out,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert set(out) == {"id", "text", "toponyms"}  # no spans of its own
    assert out["id"] == "r1" and out["text"] == text
    (toponym,) = out["toponyms"]
    assert toponym["start"] == start and toponym["end"] == start + 6
    assert {"lat", "lon", "name", "source", "confidence"} <= set(toponym)
    assert toponym["name"] == "Kirkuk"
    assert toponym["source"].startswith("geonames:")
    assert 0.0 < toponym["confidence"] <= 1.0
    assert abs(toponym["lat"] - 35.47) < 0.2 and abs(toponym["lon"] - 44.39) < 0.2
    assert "Mosul" not in json.dumps(out["toponyms"])


# -- info and gazetteer ------------------------------------------------------------------------


@pytest.mark.gazetteer
def test_info_json(tmp_path, env):
    result = geomap("info", "--json", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert isinstance(info["spacy_model"], str) and info["spacy_model"]
    gazetteer = Path(info["gazetteer"])
    assert gazetteer.is_file()
    assert info["gazetteer_size_bytes"] == gazetteer.stat().st_size > 0
    assert info["geocoder"] == "none"
    assert 0.0 <= info["min_confidence"] <= 1.0


@pytest.mark.gazetteer
def test_gazetteer_lookup_sea_of_oman(tmp_path, env):
    result = geomap("gazetteer", "lookup", "Sea of Oman", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines
    fields = lines[0].split("\t")
    assert fields[0] == "Gulf of Oman"
    assert fields[7] == "curated:water_bodies:gulf-of-oman"
    lat, lon = float(fields[5]), float(fields[6])
    assert 22 < lat < 27 and 56 < lon < 62


@pytest.mark.model
@pytest.mark.gazetteer
def test_gazetteer_add_then_lookup_and_parse(tmp_path, env):
    data_dir = tmp_path / "data"
    isolated = {**env, "GEOMAP_DATA_DIR": str(data_dir)}
    (tmp_path / "my_places.csv").write_text(
        "id,name,alt_names,feature,lat,lon,country_code\n"
        "zebra,Camp Qwertzebra,Qwertzebra Camp,military_base,34.1234,43.5678,IQ\n",
        encoding="utf-8",
    )
    added = geomap("gazetteer", "add", "my_places.csv", env=isolated, cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    assert (data_dir / "user-gazetteer.sqlite").is_file()

    looked_up = geomap("gazetteer", "lookup", "Camp Qwertzebra", env=isolated, cwd=tmp_path)
    assert looked_up.returncode == 0, looked_up.stderr
    fields = looked_up.stdout.splitlines()[0].split("\t")
    assert fields[0] == "Camp Qwertzebra"
    assert fields[7] == "user:my_places:zebra"
    assert (float(fields[5]), float(fields[6])) == (34.1234, 43.5678)

    (tmp_path / "article.txt").write_text(
        "Troops moved to Camp Qwertzebra on Monday.", encoding="utf-8"
    )
    parsed = geomap("parse", "article.txt", env=isolated, cwd=tmp_path)
    assert parsed.returncode == 0, parsed.stderr
    (record,) = [json.loads(line) for line in parsed.stdout.splitlines()]
    camp = [p for p in record["places"] if p["name"] == "Camp Qwertzebra"]
    assert len(camp) == 1, record["places"]
    assert camp[0]["source"].startswith("user:")
    assert (camp[0]["lat"], camp[0]["lon"]) == (34.1234, 43.5678)

    # the shared user data directory was not touched
    assert not (Path(env["GEOMAP_DATA_DIR"]) / "user-gazetteer.sqlite").exists()


# -- locate ------------------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.gazetteer
def test_locate_places_each_given_event_or_says_none(tmp_path, env):
    text = "Tehran says the strikes on the depot in Kirkuk on Sunday were a crime."
    quiet = "The minister said the talks were useful."
    start = text.index("strikes")
    records = [
        {"id": "e1", "text": text, "published": "2019-12-30",
         "events": [{"trigger": {"start": start, "end": start + 7}, "type": None}]},
        {"id": "e2", "text": quiet,
         "events": [{"trigger": {"start": quiet.index("said"), "end": quiet.index("said") + 4}}]},
    ]  # fmt: skip
    (tmp_path / "events.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8"
    )
    result = geomap("locate", "events.jsonl", "-o", "out.jsonl", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in (tmp_path / "out.jsonl").open())
    assert first["id"] == "e1" and first["text"] == text  # the input line, repeated
    [event] = first["events"]
    span = event["location_span"]
    assert text[span["start"] : span["end"]] == "Kirkuk"
    assert event["location"] == "Kirkuk" and event["geo_precision"] == 1
    assert abs(event["lat"] - 35.47) < 0.2 and abs(event["lon"] - 44.39) < 0.2
    assert event["type"] is None  # fields it was given are kept
    [nothing] = second["events"]
    assert nothing["location_span"] is None and nothing["lat"] is None


@pytest.mark.model
@pytest.mark.gazetteer
def test_locate_skips_a_line_with_bad_offsets_and_says_why(tmp_path, env):
    records = [
        {"id": "bad", "text": "short", "events": [{"trigger": {"start": 3, "end": 99}}]},
        {"id": "ok", "text": "Rockets hit Kirkuk.",
         "events": [{"trigger": {"start": 8, "end": 11}}]},
    ]  # fmt: skip
    (tmp_path / "events.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8"
    )
    result = geomap("locate", "events.jsonl", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["ok"]
    assert "events.jsonl:1" in result.stderr and "trigger" in result.stderr


@pytest.mark.model
@pytest.mark.gazetteer
def test_articles_given_together_share_an_incident_they_both_report(tmp_path, env):
    (tmp_path / "wire.txt").write_text(
        "Rockets hit K-1 base in Kirkuk on Sunday, killing a contractor.", encoding="utf-8"
    )
    (tmp_path / "paper.txt").write_text(
        "A rocket attack on K-1 base in Kirkuk on Sunday killed two people, officials said.",
        encoding="utf-8",
    )
    result = geomap("parse", "wire.txt", "paper.txt", "--published", "2019-12-30",
                    env=env, cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    wire, paper = (json.loads(line) for line in result.stdout.splitlines())
    # Each line is written as soon as its document is parsed: the later telling carries
    # the incident as merged so far, under the id of the first.
    [first] = wire["incidents"]
    [shared] = paper["incidents"]
    assert shared["id"] == first["id"]
    assert first["sources"] == ["wire.txt"]
    assert shared["sources"] == ["wire.txt", "paper.txt"]
    assert shared["fatalities"] == 1  # the lowest figure reported
    assert shared["event_date"] == "2019-12-29"


# -- bad usage and bad input, in this process --------------------------------------------------


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    """``geomap.cli.main`` run in this process, in an empty directory with the
    environment of ``hermetic_env``: ``cli(*args)`` gives its exit status and the
    non-blank lines it wrote on stderr. Nothing here may load the spaCy model or open the
    gazetteer: a usage error is found before either is needed."""
    import logging

    from geomap import cli as command

    def forbidden(what: str):
        def fail(*args, **kwargs):
            pytest.fail(f"a usage error loaded {what}")

        return fail

    for key, value in hermetic_env(tmp_path).items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("geomap.nlp.load_model", forbidden("the spaCy model"))
    monkeypatch.setattr("geomap.kb.gazetteer.Gazetteer.open", forbidden("the gazetteer"))
    logger = logging.getLogger("geomap")  # main() points it at this test's stderr
    saved = (logger.handlers[:], logger.level, logger.propagate)

    def run(*args: str) -> tuple[int, list[str]]:
        try:
            status = command.main(list(args))
        except SystemExit as stop:  # argparse's errors
            status = stop.code
        err = capsys.readouterr().err
        return status, [line for line in err.splitlines() if line.strip()]

    yield run
    logger.handlers[:], logger.level, logger.propagate = saved


def assert_one_error_line(outcome: tuple[int, list[str]], *fragments: str) -> None:
    """Exit status 2 and exactly one line on stderr, naming the problem."""
    status, lines = outcome
    assert status == 2, (status, lines)
    assert len(lines) == 1, lines
    assert lines[0].startswith("geomap: error:"), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ([], "the following arguments are required: command"),
        (["parse", "a.txt", "--frobnicate"], "unrecognized arguments: --frobnicate"),
        (["parse", "a.txt", "--workers", "0"], "--workers: expected a whole number of 1 or more"),
        (["parse", "a.txt", "--workers", "2", "--scheduler", "x"], "not allowed with"),
        (["map", "a.txt", "--min-confidence", "high"], "invalid float value: 'high'"),
    ],
)
def test_a_bad_flag_is_one_line_and_points_to_the_help(cli, args, fragment):
    status, lines = cli(*args)
    assert_one_error_line((status, lines), fragment)
    assert lines[0].endswith("--help')")


@pytest.mark.parametrize("value", ["1.5", "-0.1"])
def test_parse_refuses_a_min_confidence_outside_0_and_1(cli, value):
    outcome = cli("parse", str(EXAMPLE), "--min-confidence", value)
    assert_one_error_line(outcome, "min_confidence must lie between 0 and 1")


def test_resume_needs_an_output_file(cli):
    assert_one_error_line(cli("parse", str(EXAMPLE), "--resume"), "--resume needs -o FILE")


def test_missing_input_file(cli):
    assert_one_error_line(cli("parse", "no-such-article.txt"), "no-such-article.txt")


def test_directory_as_input(cli, tmp_path):
    (tmp_path / "articles").mkdir()
    assert_one_error_line(cli("parse", "articles"), "articles", "directory")


def test_binary_input(cli, tmp_path):
    (tmp_path / "photo.txt").write_bytes(BINARY)
    assert_one_error_line(cli("parse", "photo.txt"), "photo.txt", "binary")


def test_bad_published_date(cli):
    outcome = cli("parse", str(EXAMPLE), "--published", "last Tuesday")
    assert_one_error_line(outcome, "last Tuesday")


def test_unknown_map_format(cli, tmp_path):
    outcome = cli("map", str(EXAMPLE), "--formats", "html,pdf", "--out", "maps")
    assert_one_error_line(outcome, "pdf")
    assert not (tmp_path / "maps").exists()


@pytest.mark.parametrize("tiles", ["google", "https://tiles.example/tile.png"])
def test_map_refuses_a_bad_tiles_setting_before_writing(cli, tmp_path, tiles):
    outcome = cli("map", str(EXAMPLE), "--tiles", tiles, "--out", "out")
    assert_one_error_line(outcome, "--tiles", "osm, none or an http(s) URL template")
    assert not (tmp_path / "out").exists()


def test_output_that_is_a_directory(cli, tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "taken").mkdir()
    assert_one_error_line(cli("parse", "empty.txt", "-o", "taken"), "taken")
    assert (tmp_path / "taken").is_dir()
    assert list((tmp_path / "taken").iterdir()) == []
    assert leftover_temp_files(tmp_path) == []


def test_failed_run_leaves_the_previous_output_unchanged(cli, tmp_path):
    """The binary second input fails the run after the output file was opened (and
    before the first batch is parsed)."""
    (tmp_path / "good.txt").write_text("Rockets hit Kirkuk.", encoding="utf-8")
    (tmp_path / "photo.txt").write_bytes(BINARY)
    out = tmp_path / "out.jsonl"
    out.write_text('{"previous": "run"}\n', encoding="utf-8")
    outcome = cli("parse", "good.txt", "photo.txt", "-o", str(out))
    assert_one_error_line(outcome, "photo.txt")
    assert out.read_text(encoding="utf-8") == '{"previous": "run"}\n'
    assert leftover_temp_files(tmp_path) == []


def test_locate_missing_input_is_a_usage_error(cli):
    assert_one_error_line(cli("locate", "nowhere.jsonl"), "nowhere.jsonl")


def test_resolve_skips_a_line_whose_span_marks_only_spaces(cli, tmp_path):
    record = {"id": "blank", "text": "Rockets hit  Kirkuk.", "toponyms": [{"start": 11, "end": 12}]}
    (tmp_path / "spans.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    status, lines = cli("resolve", "spans.jsonl")
    assert status == 0
    [warning] = lines
    assert "spans.jsonl:1" in warning and "toponym" in warning


def test_a_usage_error_of_the_real_command_is_one_line_without_a_traceback(tmp_path, env):
    """The process boundary: exit status 2 and one line on stderr, from ``python -m
    geomap`` itself."""
    assert_usage_error(geomap("parse", "no-such-article.txt", env=env, cwd=tmp_path),
                       "no-such-article.txt")  # fmt: skip
