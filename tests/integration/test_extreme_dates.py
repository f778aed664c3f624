"""Extreme dates (issue 16, item 5): refused at input, and a store that already holds one crashes no page.

The store is given such values through its own API (``Store.set_published``, with events resolved to the
years 0000 and 10000 as the analysis did before dates were bounded), then every page runs under AppTest.
"""
from __future__ import annotations

import dataclasses
import pathlib

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

TIMEOUT = 180
PAGES = ["app.py"] + sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    yield tmp_path_factory.mktemp("extreme_dates")
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture(scope="module")
def store(store_dir):
    mp = pytest.MonkeyPatch()
    mp.setenv("NEWSLENS_DATA_DIR", str(store_dir))
    mp.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()  # stores the demo article
    assert not at.exception
    from store import Store

    yield Store.open_default()
    mp.undo()


@pytest.fixture()
def app(store, store_dir, monkeypatch):
    monkeypatch.setenv("NEWSLENS_DATA_DIR", str(store_dir))
    monkeypatch.chdir(ROOT)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)


def _store_extreme(store, published: str) -> str:
    """Give the demo article ``published`` and events in the years 0000 and 10000, through the store's API."""
    from corpus.dating import reresolve_rows

    art_id = store.articles_df(None).iloc[0]["id"]

    def reresolve(rows, _published):
        events = reresolve_rows(rows, "2025-12-03")
        odd = [("10000", "year"), ("0000-05", "month"), ("10000-01-31", "day"), ("0000", "year")]
        return [dataclasses.replace(e, value=odd[i % 4][0], precision=odd[i % 4][1]) if e.value else e
                for i, e in enumerate(events)]

    store.set_published(art_id, published, reresolve)
    return art_id


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01", "10000-01-01"])
def test_no_page_crashes_on_a_stored_extreme_date(app, store, published):
    art_id = _store_extreme(store, published)
    assert store.article(art_id)["published"] == published
    for page in PAGES:
        at = app.run() if page == "app.py" else app.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert at.title[0].value, page
    # the Reader's date picker holds the stored value or says it cannot
    at = app.switch_page("pages/reader.py").run()
    assert not at.exception
    picker = at.date_input(key=f"pub_{art_id}")
    if published != "10000-01-01":
        assert picker.value.isoformat() == published
    else:
        assert picker.value is None and any("10000\\-01\\-01" in w.value for w in at.warning)


@pytest.mark.parametrize("query", [{"from": "0001-01-01"}, {"to": "9999-12-31"},
                                   {"from": "1850-02-03", "to": "2999-01-01"}])
def test_no_page_crashes_on_an_extreme_date_range_in_the_url(app, store, query):
    for page in PAGES:
        at = app
        for k, v in query.items():
            at.query_params[k] = v
        at = at.run() if page == "app.py" else at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])


def test_saving_an_out_of_range_date_in_the_reader_is_refused(app, store):
    art_id = _store_extreme(store, "9999-12-31")  # the picker shows it (its bounds widen to hold it)
    at = app.run()
    at.switch_page("pages/reader.py").run()
    assert at.date_input(key=f"pub_{art_id}").value.isoformat() == "9999-12-31"
    at.button(key=f"pub_save_{art_id}").click().run()
    assert not at.exception
    assert store.article(art_id)["published"] == "9999-12-31"  # not saved again
    assert any("outside" in e.value for e in at.error), [e.value for e in at.error]


def test_an_upload_with_an_extreme_date_says_so_and_stores_nothing(app, store):
    at = app.run()
    at.switch_page("pages/upload.py").run()
    before = store.article_count()
    data = b"title,text,published\nFar future,The council met on Monday.,9999-12-31\n"
    at.file_uploader(key="upload_files").set_value(("future.csv", data, "text/csv")).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("future\\.csv row 2" in e and "outside" in e for e in errors), errors
    assert store.article_count() == before
    assert at.date_input(key="paste_date").value is None  # the paste date picker draws, bounded
