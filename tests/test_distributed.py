"""Dask: a corpus sent to a real LocalCluster (two worker processes on 127.0.0.1) gives
what a local run gives, through ``geomap parse --scheduler``, ``parse_bag`` and
``parse_dataframe``; a document that kills its worker becomes a recorded failure."""

from __future__ import annotations

import json
import os
import sys

import cloudpickle
import dask
import dask.bag as db
import dask.dataframe as dd
import pandas
import pytest
from distributed import Client, LocalCluster

from geomap.batch import parse_on_worker
from geomap.config import Settings
from geomap.distributed import _ClusterBatch, parse_bag, parse_dataframe
from geomap.models import Document, Failure, Report
from geomap.output.tables import PLACE_FRAME_DTYPES

from conftest import hermetic_env, run_cli

ARTICLES = [
    "Rockets hit Kirkuk on Friday, killing two soldiers.",
    "Protesters gathered in Basra on Monday.",
    "Erbil, Kurdistan Region - Drones struck near Erbil airport on Friday.",
    "Two rockets struck Kirkuk on Friday night, killing two soldiers, officials said.",
    "Talks in Mosul went on; later a rocket hit the K-1 base near Kirkuk.",
    "",
    "Paris and Lyon voted; so did Springfield, Illinois.",
]


@pytest.fixture(scope="module")
def cluster_env(tmp_path_factory):
    return hermetic_env(tmp_path_factory.mktemp("cluster"))


@pytest.fixture(scope="module")
def cluster(cluster_env):
    """A LocalCluster of two single-threaded worker processes on 127.0.0.1. A task whose
    worker dies is not retried (allowed-failures 0), so the kill test stays short."""
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address="127.0.0.1:0", env=cluster_env,
        ) as running,
    ):  # fmt: skip
        yield running


@pytest.fixture(scope="module")
def client(cluster):
    with Client(cluster, set_as_default=False) as connected:
        yield connected


def _corpus(path, texts):
    path.write_text(
        "".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)),
        encoding="utf-8",
    )
    return path


@pytest.mark.model
@pytest.mark.gazetteer
def test_parse_on_the_cluster_gives_what_a_local_run_gives(cluster, cluster_env, tmp_path):
    texts = ARTICLES + [f"Talks in Mosul, round {n}; later a rocket hit Kirkuk." for n in range(40)]
    corpus = _corpus(tmp_path / "corpus.jsonl", texts)
    outputs = []
    for how in ([], ["--scheduler", cluster.scheduler_address]):
        out = tmp_path / f"out{len(how)}.jsonl"
        result = run_cli(
            "parse", str(corpus), "-o", str(out), "--published", "2024-05-14", *how,
            env=cluster_env, cwd=tmp_path,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_text(encoding="utf-8"))
    local, distributed = outputs
    assert distributed == local
    records = [json.loads(line) for line in local.splitlines()]
    assert [r["id"] for r in records] == [f"d{i}" for i in range(len(texts))]
    # the Kirkuk strike told by d0 and d3 is one incident in both runs
    told = {i["id"] for r in records[:4] for i in r["incidents"] if i["location"] == "Kirkuk"}
    assert len(told) == 1


def test_an_unreachable_scheduler_is_one_line_and_writes_nothing(tmp_path, cluster_env):
    corpus = _corpus(tmp_path / "corpus.jsonl", ARTICLES[:1])
    out = tmp_path / "out.jsonl"
    result = run_cli(
        "parse", str(corpus), "-o", str(out), "--scheduler", "tcp://127.0.0.1:9",
        env=cluster_env, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith("geomap: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    )
    assert "Traceback" not in result.stderr
    assert not out.exists() and not (tmp_path / "out.jsonl.partial").exists()


@pytest.mark.model
@pytest.mark.gazetteer
def test_parse_bag_gives_each_element_its_report_in_order(client, pipeline):
    elements = [
        ARTICLES[0],
        {"id": "basra", "text": ARTICLES[1], "published": "2024-05-14"},
        Document(id="erbil", text=ARTICLES[2]),
        {"title": "no text here"},
        17,
        ARTICLES[6],
    ]
    outcomes = parse_bag(db.from_sequence(elements, npartitions=2)).compute(scheduler=client.get)
    assert [o.id for o in outcomes] == ["0:0", "basra", "erbil", "1:0", "1:1", "1:2"]
    for text, outcome in zip(ARTICLES[:3] + ARTICLES[6:], outcomes[:3] + outcomes[5:], strict=True):
        local = pipeline.parse(Document(id=outcome.id, text=text))
        assert isinstance(outcome, Report)
        assert outcome.places == local.places
    assert outcomes[1].document.published.isoformat() == "2024-05-14"
    assert isinstance(outcomes[3], Failure) and '"text"' in outcomes[3].error
    assert isinstance(outcomes[4], Failure) and "int" in outcomes[4].error


@pytest.mark.model
@pytest.mark.gazetteer
def test_parse_dataframe_gives_a_row_per_place(client, pipeline):
    articles = pandas.DataFrame(
        {
            "story": ["k", "b", "p", "none"],
            "body": [ARTICLES[0], ARTICLES[1], ARTICLES[6], None],
            "date": ["2024-05-14", None, pandas.NaT, "2024-05-15"],
        }
    )
    frame = dd.from_pandas(articles, npartitions=2)
    places = parse_dataframe(frame, text="body", id="story", published="date")
    assert dict(places.dtypes.astype(str)) == {k: str(pandas.Series(dtype=v).dtype)
                                                for k, v in PLACE_FRAME_DTYPES.items()}  # fmt: skip
    table = places.compute(scheduler=client.get)
    for story, body in zip(articles.story[:3], articles.body[:3], strict=True):
        expected = pipeline.parse(Document(id=story, text=body)).places
        rows = table[table.doc_id == story]
        assert list(rows.name) == [p.name for p in expected]
        assert list(rows.lat) == pytest.approx([p.lat for p in expected])
        assert rows.error.isna().all()
    [failed] = table[table.doc_id == "none"].itertuples()
    assert failed.error == "none: no text" and pandas.isna(failed.name)
    with pytest.raises(ValueError, match="no column 'headline'"):
        parse_dataframe(frame, text="headline")


def _dies_on_poison(settings, batch):
    """A worker's batch parse that kills the worker process when it meets POISON."""
    if any("POISON" in document.text for document in batch):
        os._exit(1)
    return parse_on_worker(settings, batch)


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_document_that_kills_its_worker_is_a_failure_and_the_rest_are_parsed(client):
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    try:
        batch = [Document(id=f"d{i}", text=t) for i, t in enumerate(ARTICLES[:3])]
        batch.insert(1, Document(id="poison", text="POISON in Mosul"))
        outcomes = _ClusterBatch(client, Settings(), batch, work=_dies_on_poison).result()
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert [o.id for o in outcomes] == ["d0", "poison", "d1", "d2"]
    assert isinstance(outcomes[1], Failure) and "KilledWorker" in outcomes[1].error
    assert all(isinstance(o, Report) and o.places for o in outcomes[::2] + outcomes[3:])
