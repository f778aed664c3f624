"""The Actors page shows the store's refusal of a correction (issue 16, item 8): a stale page whose correction
another analyst made meaningless gets the store's message, not a traceback and not a silent no-op."""
from __future__ import annotations

import pytest

from tests.conftest import ROOT

TIMEOUT = 180


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    path = tmp_path_factory.mktemp("corrections_page")
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture()
def app(store_dir, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("NEWSLENS_DATA_DIR", str(store_dir))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    at.switch_page("pages/actors.py").run()
    assert not at.exception
    return at


@pytest.fixture()
def store(app, store_dir):
    from store import Store

    s = Store(store_dir / "newslens.sqlite3")
    yield s
    for r in s.overrides_df().itertuples():
        if not r.undone:
            s.undo_override(int(r.id))
    s.close()


def test_undoing_a_correction_another_analyst_undid_says_so(app, store):
    oid = store.add_override("set", "GPE:US", field_name="role", value="superpower")
    app.run()
    store.undo_override(oid)  # in another session, after this page was drawn
    app.button(key=f"undo_{oid}").click().run()
    assert not app.exception
    assert app.error and f"correction {oid} is already undone" in app.error[0].value


def test_a_merge_made_circular_by_another_analyst_is_refused_on_the_page(app, store):
    a, b = "PERSON:jared-kushner", "PERSON:steve-witkoff"
    app.selectbox(key="fix_merge_from").select(a)
    app.selectbox(key="fix_merge_to").select(b).run()
    app.checkbox(key="fix_merge_confirm").check().run()
    store.add_override("merge", b, target_id=a)  # meanwhile, elsewhere: b into a
    app.button(key="fix_merge_btn").click().run()
    assert not app.exception
    assert app.error and "already merged into" in app.error[0].value
    live = store.overrides_df().query("undone == 0")
    assert len(live) == 1  # the two merges did not silently cancel each other
