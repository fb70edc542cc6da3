"""Corpus runs: streaming in input order, one failure recorded in place of its report,
resuming from an earlier output, and hostile documents by the thousand (hypothesis)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.batch import RunSummary, done_ids, parse_corpus
from geomap.models import Document, Failure, Report

from conftest import hermetic_env, run_cli

ARTICLES = [
    "Rockets hit Kirkuk on Friday.",
    "POISON: shelling was reported in Mosul.",
    "Protesters gathered in Basra on Monday.",
]


@pytest.fixture
def poisoned(pipeline, monkeypatch):
    """The real pipeline, with resolution made to fail on any text holding POISON."""
    resolve = pipeline.resolver.resolve

    def failing(text, mentions, context=()):
        if "POISON" in text:
            raise RuntimeError("resolver fell over\nsecond line")
        return resolve(text, mentions, context)

    monkeypatch.setattr(pipeline.resolver, "resolve", failing)
    return pipeline


def _documents(texts):
    return [Document(id=f"d{i}", text=text) for i, text in enumerate(texts)]


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_failing_document_is_recorded_and_the_rest_are_parsed(poisoned):
    summary = RunSummary()
    outcomes = list(parse_corpus(poisoned, _documents(ARTICLES), summary=summary))
    assert [o.id for o in outcomes] == ["d0", "d1", "d2"]  # input order
    first, failed, last = outcomes
    assert isinstance(failed, Failure)
    assert failed.error == "RuntimeError: resolver fell over"
    assert failed.to_dict()["places"] == [] and "error" in failed.to_dict()
    assert isinstance(first, Report) and [p.name for p in first.places] == ["Kirkuk"]
    assert isinstance(last, Report) and "Basra" in [p.name for p in last.places]
    assert (summary.parsed, summary.failed) == (2, 1)


@pytest.mark.model
@pytest.mark.gazetteer
def test_documents_are_read_a_batch_at_a_time(pipeline):
    pulled = []

    def endless():
        number = 0
        while True:
            pulled.append(number)
            yield Document(id=str(number), text=f"Talks in Erbil, day {number}.")
            number += 1

    first = next(parse_corpus(pipeline, endless(), batch_size=4))
    assert first.id == "0" and len(pulled) <= 5  # one batch, not the whole stream


def test_done_ids_skip_failures_and_a_line_cut_short(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text(
        '{"id": "a", "places": []}\n{"id": "b", "error": "X", "places": []}\n{"id": "c", "pl',
        encoding="utf-8",
    )
    ids, kept = done_ids(path)
    assert ids == {"a"} and kept == ['{"id": "a", "places": []}\n']


@pytest.mark.model
@pytest.mark.gazetteer
def test_resume_keeps_what_was_done_and_parses_the_rest(tmp_path):
    env = hermetic_env(tmp_path)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(ARTICLES)),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    # An interrupted run: the first document written, the second cut short.
    earlier = '{"id": "d0", "published": null, "places": [], "incidents": [], "mark": 1}\n'
    (tmp_path / "out.jsonl.partial").write_text(earlier + '{"id": "d1", "pla', encoding="utf-8")
    result = run_cli("parse", str(corpus), "-o", str(out), "--resume", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[0] == earlier  # kept as it was, not parsed again
    assert [json.loads(line)["id"] for line in lines] == ["d0", "d1", "d2"]
    assert not (tmp_path / "out.jsonl.partial").exists()
    assert "1 skipped as already done" in result.stderr


@pytest.mark.model
@pytest.mark.gazetteer
def test_strict_makes_a_failure_the_exit_status(poisoned, tmp_path, monkeypatch, capsys):
    from geomap import cli

    monkeypatch.setattr(cli, "_pipeline", lambda args, settings=None: poisoned)
    monkeypatch.setattr(type(poisoned), "__exit__", lambda self, *exc: None)  # shared: keep open
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(ARTICLES)),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert cli.main(["parse", str(corpus), "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["d0", "d1", "d2"]
    assert records[1]["error"] == "RuntimeError: resolver fell over"
    assert "2 document(s) parsed, 1 failed" in capsys.readouterr().err
    assert cli.main(["parse", str(corpus), "-o", str(out), "--strict"]) == 1


_HOSTILE = st.one_of(
    st.text(max_size=400),  # any code point, every plane, lone surrogates excluded
    st.binary(max_size=400).map(lambda b: b.decode("utf-8", errors="replace")),
    st.integers(1, 60).map(lambda depth: "<div>" * depth * 40 + "Kirkuk" + "</div>" * depth),
    st.integers(1, 20).map(lambda n: "Erbil, Kirkuk; " * 40 * n),  # long lines
    st.text(alphabet="\u202e\u200b\ufeff\x00\t\r\n .,;:!?()[]{}'\"-—–", max_size=300),
    st.sampled_from(["", " ", "\n\n\n", "ROCKETS HIT KIRKUK", "Rockets hit K-1 base in Kirkuk."]),
)


@pytest.mark.model
@pytest.mark.gazetteer
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_HOSTILE, min_size=1, max_size=20))  # about 2,000 documents in all
def test_hostile_documents_never_stop_a_run(pipeline, texts):
    summary = RunSummary()
    documents = _documents(texts)
    outcomes = list(parse_corpus(pipeline, documents, summary=summary, batch_size=8))
    assert [o.id for o in outcomes] == [d.id for d in documents]
    assert summary.parsed + summary.failed == len(documents)
    for outcome, document in zip(outcomes, documents, strict=True):
        record = json.loads(json.dumps(outcome.to_dict(explain=True)))
        assert record["id"] == document.id
        if isinstance(outcome, Report):
            for place in outcome.places:
                assert document.text[place.start : place.end] == place.text


@pytest.mark.model
@pytest.mark.gazetteer
def test_hostile_corpus_file_through_the_command(tmp_path):
    env = hermetic_env(tmp_path)
    texts = [
        "\x00\x01\x02 Kirkuk",
        "<div>" * 3000 + "Mosul" + "</div>" * 3000,
        "Erbil " * 20_000,  # one line of 120,000 characters
        "".join(chr(c) for c in range(0x20, 0x3000, 7)),
        "\U0001f4a5\U000e0001\U0010fffd Basra",
    ]
    corpus = tmp_path / "hostile.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts)),
        encoding="utf-8",
    )
    result = run_cli("parse", str(corpus), "-o", str(tmp_path / "out.jsonl"), env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = Path(tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    ids = [json.loads(line)["id"] for line in lines]
    assert ids == [str(i) for i in range(len(texts))]


@pytest.mark.model
@pytest.mark.gazetteer
def test_two_workers_give_what_one_gives(tmp_path):
    env = hermetic_env(tmp_path)
    texts = [*ARTICLES, "Erbil, Kurdistan Region - Drones struck near Erbil airport on Friday."]
    texts += [f"Talks in Mosul, round {n}; later a rocket hit Kirkuk." for n in range(30)]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)),
        encoding="utf-8",
    )
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}.jsonl"
        result = run_cli(
            "parse", str(corpus), "-o", str(out), "--published", "2024-05-14",
            "--workers", workers, env=env, cwd=tmp_path,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == len(texts)
