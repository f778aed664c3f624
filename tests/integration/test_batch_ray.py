"""``python -m analysis batch`` on Ray Data: a local cluster of 2 workers gives what one process gives.

One Ray session serves the module (a local cluster of 2 CPUs, started once: about 5 s, and each
actor pool loads the models once more).
"""
from __future__ import annotations

import json

import pytest

from analysis.__main__ import main as cli
from tests.conftest import SAMPLE_PATH, SAMPLE_PUBLISHED

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def ray_session():
    from analysis.batch.cluster import start_ray

    start_ray(2, None)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def manifest(tmp_path_factory):
    d = tmp_path_factory.mktemp("batch")
    (d / "harbour.txt").write_text("Harbour vote delayed\n\nMayor Jane Doe of Lisbon said on Monday the vote "
                                   "would wait. \"We need more time,\" Doe said.\n", encoding="utf-8")
    (d / "strike.txt").write_text("Port strike\n\nDock workers in Porto walked out on Tuesday. Union leader Rui "
                                  "Costa said the strike would last a week.\n", encoding="utf-8")
    lines = [{"id": "demo", "path": str(SAMPLE_PATH), "published": SAMPLE_PUBLISHED},
             {"id": "harbour", "path": "harbour.txt", "published": "2024-05-06"},
             {"id": "gone", "path": "gone.txt"},
             {"id": "strike", "path": "strike.txt", "published": "2024-05-07"}]
    (d / "m.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return d / "m.jsonl"


def _outputs(folder):
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.iterdir())}


def test_two_ray_workers_write_what_one_process_writes(ray_session, manifest, tmp_path, capsys):
    assert cli(["batch", str(manifest), "--out", str(tmp_path / "here")]) == 0
    assert cli(["batch", str(manifest), "--out", str(tmp_path / "ray"), "--workers", "2"]) == 0
    here, on_ray = _outputs(tmp_path / "here"), _outputs(tmp_path / "ray")
    assert set(on_ray) == {"demo.json", "harbour.json", "strike.json", "gone.error.json"}
    assert on_ray == here
    assert "gone: " in capsys.readouterr().err  # the bad line is reported, and the batch went on


def test_one_article_from_ray_is_what_analyze_prints(ray_session, manifest, tmp_path, capsys):
    single = tmp_path / "one.jsonl"
    single.write_text(json.dumps({"id": "demo", "path": str(SAMPLE_PATH), "published": SAMPLE_PUBLISHED}) + "\n",
                      encoding="utf-8")
    assert cli(["batch", str(single), "--out", str(tmp_path / "ray"), "--workers", "2"]) == 0
    capsys.readouterr()
    assert cli(["analyze", str(SAMPLE_PATH), "--published", SAMPLE_PUBLISHED]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert json.loads((tmp_path / "ray" / "demo.json").read_text(encoding="utf-8")) == printed


def test_an_article_spacy_refuses_is_an_error_and_its_neighbours_are_analysed(ray_session, tmp_path):
    from analysis.batch.cluster import run_on_ray
    from analysis.batch.inputs import BatchItem

    good = "Mayor Jane Doe said on Monday the vote would wait."
    items = [BatchItem("a", "row 1", text=good, title="One"),
             BatchItem("huge", "row 2", text="word " * 240_000, title="Huge"),  # over spaCy's limit, and ours
             BatchItem("b", "row 3", text=good.replace("Monday", "Friday"), title="Two")]
    outcomes = {o.id: o for o in run_on_ray(items, workers=2, batch_size=3)}
    # refused by the article bound before spaCy sees it (issue 16); it was spaCy's E088 before the bounds
    assert outcomes["huge"].error == ("row 2: the text is 1,200,006 characters, over the limit of 100,000 "
                                      "characters per article")
    assert outcomes["a"].error is None and outcomes["b"].error is None
    assert {a.name for a in outcomes["a"].result().actors} >= {"Jane Doe"}


def test_parquet_tables_read_back_to_the_json_the_batch_writes(ray_session, manifest, tmp_path):
    import pyarrow.parquet as pq

    from analysis.batch.tables import TABLES, analyses_from_tables
    from analysis.contract import to_contract

    assert cli(["batch", str(manifest), "--out", str(tmp_path / "pq"), "--workers", "2", "--format", "parquet"]) == 0
    assert cli(["batch", str(manifest), "--out", str(tmp_path / "js")]) == 0
    tables = {}
    for t in TABLES:
        files = sorted((tmp_path / "pq" / t).glob("*.parquet"))
        tables[t] = [r for f in files for r in pq.read_table(f).to_pylist()]
    assert len(tables["articles"]) == 3 and [r["batch_id"] for r in tables["errors"]] == ["gone"]
    ids = {r["article_id"]: r["batch_id"] for r in tables["articles"]}
    for result in analyses_from_tables(tables):
        want = json.loads((tmp_path / "js" / f"{ids[result.article.id]}.json").read_text(encoding="utf-8"))
        assert to_contract(result) == want
