"""Search under its caps (issue 16, item 9): FTS5 is never handed more than MAX_QUERY_TERMS words, a huge
query answers quickly, and the Search page says when a query was cut."""
from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

TIMEOUT = 180


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    yield tmp_path_factory.mktemp("search_caps")
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture(scope="module")
def store(store_dir):
    from corpus import ensure_demo
    from store import Store

    s = Store(store_dir / "newslens.sqlite3")
    ensure_demo(s)
    yield s
    s.close()


def test_fts_gets_at_most_the_capped_terms_and_answers_fast(store, monkeypatch):
    from store import search as search_mod
    from store.database import Database

    seen: list[str] = []
    real = Database.df

    def spy(self, sql, params=()):
        if "MATCH" in sql:
            seen.append(params[0])
        return real(self, sql, params)

    monkeypatch.setattr(Database, "df", spy)
    t0 = time.perf_counter()
    hits = store.search_hits_df(None, text=" ".join(["said"] * 1500), limit=200)
    took = time.perf_counter() - t0
    assert not hits.empty
    assert seen and all(m.count('"') // 2 <= search_mod.MAX_QUERY_TERMS for m in seen), seen[0][:200]
    assert seen[0] == '"said"'
    assert took < 2.0, took
    seen.clear()
    store.search(" ".join(f"word{i}" for i in range(300)))
    assert seen and all(m.count('"') // 2 == search_mod.MAX_QUERY_TERMS for m in seen)


@pytest.fixture()
def app(store, store_dir, monkeypatch):
    monkeypatch.setenv("NEWSLENS_DATA_DIR", str(store_dir))
    monkeypatch.chdir(ROOT)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)


def test_the_search_page_says_when_a_query_was_cut(app):
    at = app.run()
    at.switch_page("pages/search.py").run()
    at.text_input(key="search_q").input(" ".join(["said"] * 1500)).run()
    assert not at.exception
    notes = [w.value for w in at.warning]
    assert any("cut" in n and "characters" in n for n in notes), notes
    assert any(b.key and b.key.startswith("search_open_") for b in at.button)  # "said" is still searched
    at.text_input(key="search_q").input("Putin").run()
    assert not at.exception and not at.warning
