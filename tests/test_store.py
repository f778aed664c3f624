"""The store: round trip, de-duplication, rollback, overrides, concurrency."""
from __future__ import annotations

import threading

import pytest

from analysis.reading import parse_text
from analysis.pipeline import analyze_article
from store import Filters, Store
from store.db import SCHEMA_VERSION

TEXT_A = ("Harbour council delays vote\n\nMayor Jane Doe of Lisbon said on Monday the vote would wait. "
          "\"We need more time,\" Doe said.\n\nThe council of Portugal met in Lisbon.")
TEXT_B = ("Second report on the harbour\n\nJane Doe told reporters on Tuesday that the harbour plan was sound. "
          "Critics in Portugal disagreed.")


@pytest.fixture(scope="module")
def analyses(nlp):
    a = analyze_article(parse_text(TEXT_A, published="2024-05-08"), nlp)
    b = analyze_article(parse_text(TEXT_B, published="2024-05-09"), nlp)
    return a, b


@pytest.fixture()
def store(tmp_path):
    s = Store(tmp_path / "s.sqlite3")
    yield s
    s.close()


def test_schema_version_and_data_dir_env(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLENS_DATA_DIR", str(tmp_path / "moved"))
    s = Store.open_default()
    assert s.path == tmp_path / "moved" / "newslens.sqlite3" and s.path.exists()
    assert s.schema_version() == SCHEMA_VERSION == 2


def test_a_version_1_store_is_upgraded_in_place(tmp_path, analyses):
    import sqlite3

    path = tmp_path / "old.sqlite3"
    s = Store(path)
    s.add_analysis(analyses[0])
    s.close()
    con = sqlite3.connect(path)  # make it look like a store written by schema v1
    con.execute("ALTER TABLE quotes DROP COLUMN polarity")
    con.execute("UPDATE meta SET value='1' WHERE key='schema_version'")
    con.commit()
    con.close()
    s = Store(path)
    try:
        assert s.schema_version() == SCHEMA_VERSION
        q = s.quotes_df()
        assert len(q) == len(analyses[0].quotes) and "polarity" in q.columns
        assert q["polarity"].isna().all()  # old rows keep NULL; nothing stored is lost
        s.add_analysis(analyses[1])
        assert s.quotes_df()["polarity"].notna().any()
    finally:
        s.close()


def test_round_trip(store, analyses):
    a, _ = analyses
    out = store.add_analysis(a)
    assert out.added
    art = store.article(out.article_id)
    assert art["text"] == a.article.text and art["published"] == "2024-05-08"
    blocks = store.blocks_df(out.article_id)
    assert list(blocks["kind"]) == [b.kind for b in a.article.blocks]
    mentions = store.mentions_df(out.article_id)
    assert len(mentions) == len(a.mentions)
    for m in mentions.itertuples():
        assert a.article.text[m.start:m.end] == m.text
    q = store.quotes_df()
    assert len(q) == len(a.quotes)
    for r in q.itertuples():
        assert a.article.text[r.start:r.end] == r.text


def test_duplicates_are_reported_not_stored(store, analyses):
    a, _ = analyses
    first = store.add_analysis(a)
    again = store.add_analysis(a)
    assert not again.added and again.duplicate_of == first.article_id
    assert store.article_count() == 1


def test_failure_mid_write_leaves_nothing(store, analyses):
    a, b = analyses
    store.add_analysis(b)
    before = (store.article_count(), len(store.actors_df()), store.data_version())
    with pytest.raises(RuntimeError):
        store.add_analysis(a, fail_after="articles+records")
    assert (store.article_count(), len(store.actors_df()), store.data_version()) == before
    assert store.mentions_df(a.article.id).empty
    assert store.add_analysis(a).added  # and it can be stored afterwards


def test_filters_and_search(store, analyses):
    for r in analyses:
        store.add_analysis(r)
    assert len(store.articles_df()) == 2
    assert len(store.articles_df(Filters(date_from="2024-05-09"))) == 1
    hits = store.search("harbour")
    assert not hits.empty and set(hits["kind"]) <= {"article", "quote"}
    assert "\u0001" in hits.iloc[0]["snippet"]
    assert store.search("   ").empty


def test_overrides_apply_and_undo(store, analyses):
    for r in analyses:
        store.add_analysis(r)
    actors = store.actors_df()
    first, second = actors.iloc[0]["id"], actors.iloc[1]["id"]
    n_before = len(actors)
    oid = store.add_override("merge", second, target_id=first)
    merged = store.actors_df()
    assert len(merged) == n_before - 1
    assert merged.set_index("id").loc[first, "mentions"] == actors.iloc[0]["mentions"] + actors.iloc[1]["mentions"]
    store.undo_override(oid)
    assert len(store.actors_df()) == n_before
    oid = store.add_override("set", first, field_name="nation", value="NZ")
    assert store.actors_df().set_index("id").loc[first, "nation"] == "NZ"
    assert "NZ" in set(store.actors_df(Filters(nations=["NZ"]))["nation"])
    store.undo_override(oid)
    assert store.actors_df().set_index("id").loc[first, "nation"] != "NZ"
    with pytest.raises(ValueError):
        store.add_override("set", first, field_name="evil; DROP TABLE x", value="1")


def test_override_applies_to_future_articles(store, analyses):
    a, b = analyses
    store.add_analysis(a)
    actors = store.actors_df()
    person = actors[actors["type"] == "PERSON"].iloc[0]["id"]
    store.add_override("set", person, field_name="role", value="Mayor of the harbour")
    store.add_analysis(b)
    assert store.actors_df().set_index("id").loc[person, "role"] == "Mayor of the harbour"


def test_concurrent_writers_both_succeed(tmp_path, analyses):
    path = tmp_path / "c.sqlite3"
    stores = [Store(path), Store(path)]
    errors = []

    def add(s, r):
        try:
            s.add_analysis(r)
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(s, r)) for s, r in zip(stores, analyses)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert Store(path).article_count() == 2
