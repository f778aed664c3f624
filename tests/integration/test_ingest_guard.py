"""The ingest's per-article guard (issue 16, item 1): one article the store refuses never sinks the rest."""
from __future__ import annotations

import sqlite3

from analysis.batch.output import write_parquet
from corpus import store_each
from corpus.__main__ import main
from store import Store
from tests.integration.test_bulk_ingest import copies


def _fail_on(monkeypatch, bad_id: str) -> None:
    import store.writer

    real = store.writer._write_analyses

    def failing(db, results, linker, prepare, outcomes):
        results = list(results)
        if any(r.article.id == bad_id for r in results):
            raise sqlite3.IntegrityError("injected: UNIQUE constraint failed: articles.content_hash")
        return real(db, results, linker, prepare, outcomes)

    monkeypatch.setattr(store.writer, "_write_analyses", failing)


def test_store_each_reports_the_refused_article_and_stores_the_rest(tmp_path, monkeypatch):
    _fail_on(monkeypatch, "demo-1")
    s = Store(tmp_path / "s.sqlite3")
    results = store_each(s, copies(3), names=["a", "b", "c"])
    assert [r.status for r in results] == ["stored", "error", "stored"]
    assert results[1].message.startswith("not stored: cannot store the article(s): IntegrityError: injected")
    assert s.article_count() == 2


def test_a_bulk_chunk_with_one_bad_article_stores_its_neighbours(tmp_path, monkeypatch, capsys):
    write_parquet(tmp_path / "tables", [(r.article.id, r) for r in copies(6)], [])
    monkeypatch.setenv("NEWSLENS_DATA_DIR", str(tmp_path / "data"))
    _fail_on(monkeypatch, "demo-4")
    assert main(["ingest", "--parquet", str(tmp_path / "tables"), "--chunk", "3"]) == 1
    out, err = capsys.readouterr()
    assert "5 stored, 0 duplicate(s), 1 not stored" in out
    assert "a chunk of 3 article(s) was not stored" in err and "demo-4: not stored" in err
    assert "Traceback" not in err
    assert Store(tmp_path / "data" / "newslens.sqlite3").article_count() == 5
