"""What a batch reads (a manifest, a folder, a records file) and the Parquet tables it writes."""
from __future__ import annotations

import json

import pytest

from analysis.batch import InputError, read_items
from analysis.batch.tables import TABLES, analyses_from_tables, table_rows
from tests.unit.analysis.test_records import _small


def test_a_manifest_gives_each_file_with_its_date_and_a_missing_file_as_an_error(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nAnn Roe said on Monday it was fine.\n", encoding="utf-8")
    (tmp_path / "m.jsonl").write_text(
        json.dumps({"id": "one", "path": "a.txt", "published": "2024-05-06", "source": "bbc.co.uk"}) + "\n\n"
        + json.dumps({"id": "two", "path": "gone.txt"}) + "\n"
        + json.dumps({"id": "three", "path": "a.txt", "published": "31/31/2024"}) + "\n", encoding="utf-8")
    one, two, three = read_items(tmp_path / "m.jsonl")
    assert (one.id, one.name, one.published, one.source, one.error) == ("one", "a.txt", "2024-05-06", "bbc.co.uk", None)
    assert one.data.startswith(b"Title")
    assert two.error and "cannot read" in two.error and two.data is None
    assert three.error and "date" in three.error.lower()


def test_a_malformed_manifest_is_refused_whole(tmp_path):
    (tmp_path / "m.jsonl").write_text('{"path": "a.txt"}\n{"path": \n', encoding="utf-8")
    with pytest.raises(ValueError):
        list(read_items(tmp_path / "m.jsonl"))


def test_a_folder_gives_its_article_files_in_name_order(tmp_path):
    for name in ("b.md", "a.txt", "notes.bin"):
        (tmp_path / name).write_text("Title\n\nText here.\n", encoding="utf-8")
    assert [i.id for i in read_items(tmp_path)] == ["a", "b"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no article files"):
        read_items(empty)


def test_records_in_jsonl_and_parquet_give_the_same_items(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    recs = [{"id": "x1", "title": "Harbour vote", "text": "The mayor said on Monday the vote would wait.",
             "published": "2024-05-06", "source": "example.org"},
            {"id": "x2", "title": "Empty", "text": "  ", "published": None, "source": None}]
    (tmp_path / "r.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\nnot json\n", encoding="utf-8")
    pq.write_table(pa.Table.from_pylist(recs), tmp_path / "r.parquet")
    from_jsonl = list(read_items(tmp_path / "r.jsonl"))
    from_parquet = list(read_items(tmp_path / "r.parquet"))
    assert [(i.id, i.title, i.text, i.published, i.source) for i in from_jsonl[:1]] == \
        [(i.id, i.title, i.text, i.published, i.source) for i in from_parquet[:1]] == \
        [("x1", "Harbour vote", recs[0]["text"], "2024-05-06", "example.org")]
    assert "no 'text'" in from_jsonl[1].error and "no 'text'" in from_parquet[1].error
    assert "malformed JSON" in from_jsonl[2].error and len(from_parquet) == 2


def test_an_input_that_is_no_batch_says_what_it_is_not(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_items(tmp_path / "missing.jsonl")
    (tmp_path / "odd.jsonl").write_text('{"title": "no path, no text"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="neither a manifest"):
        read_items(tmp_path / "odd.jsonl")


def test_an_analysis_comes_back_whole_through_the_parquet_tables():
    import pyarrow as pa

    result = _small()
    rows = table_rows(result)
    assert set(rows) == set(TABLES)
    assert len(rows["articles"]) == 1 and rows["articles"][0]["content_hash"] == result.article.content_hash
    assert rows["quote_targets"][0]["quote_idx"] == 0 and rows["quotes"][0]["pieces"] == [[22, 40], [41, 61]]
    # through Arrow, as a Parquet file would give them back
    tables = {t: pa.Table.from_pylist(r).to_pylist() if r else [] for t, r in rows.items()}
    assert analyses_from_tables(tables) == [result]
