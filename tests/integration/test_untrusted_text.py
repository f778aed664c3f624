"""Markdown from article text stays text in every rendered element (issue 16, item 4), through AppTest.

A CSV row and a zip carry a Markdown image, a link and a bare URL in the title, the source, the text and a
member's name; an actor is renamed to Markdown. Every markdown-rendered value (alerts, captions, markdown,
button labels) must hold them escaped: no unescaped link syntax and no bare URL a renderer would autolink.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

TIMEOUT = 180
BASE = "http://127.0.0.1:9"
IMG, LINK, BARE = f"![]({BASE}/t.png)", f"[link]({BASE}/l)", f"{BASE}/bare"
PAYLOAD = f"{IMG} {LINK} {BARE}"
RENAME = f"[md]({BASE}/actor) **x**"
ESCAPABLE = r"!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~"


def resolved(markdown: str) -> str:
    """What a Markdown renderer keeps as text once backslash escapes are resolved."""
    return re.sub(r"\\([" + ESCAPABLE + "])", r"\1", markdown)


def live_markdown(value: str) -> list[str]:
    """Link or image syntax a renderer would act on, and bare URLs it would autolink."""
    found = re.findall(r"(?<!\\)!?(?<!\\)\[[^\]]*(?<!\\)\]\((?<!\\)", value)
    found += re.findall(r"(?i)https?://|www\.", resolved(value))
    return found


def rendered(at) -> list[str]:
    """Every value the page renders as Markdown."""
    out = [e.value for kind in ("markdown", "caption", "info", "warning", "error", "success") for e in
           getattr(at, kind)]
    out += [b.label for b in at.button]
    return [str(v) for v in out]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    yield tmp_path_factory.mktemp("untrusted")
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture()
def app(store_dir, monkeypatch):
    monkeypatch.setenv("NEWSLENS_DATA_DIR", str(store_dir))
    monkeypatch.chdir(ROOT)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)


@pytest.fixture(scope="module")
def uploaded(store_dir):
    """The Upload page after storing the hostile CSV row and zip (the AppTest, run once for the module)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("NEWSLENS_DATA_DIR", str(store_dir))
    mp.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    at.switch_page("pages/upload.py").run()
    buf = io.StringIO()
    csv.writer(buf).writerows([["title", "text", "published", "source"],
                               [f"Harbour story {PAYLOAD}",
                                f"Mayor Ann Lee said on Monday that the harbour would reopen. The plan is {PAYLOAD} "
                                "as the council put it.", "2025-03-04", f"{IMG} {BARE}"]])
    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w") as zf:
        zf.writestr(f"{IMG} ok.txt", "Ferry fares rise\n\nCouncillor Bo Chen said on Friday fares would rise.\n")
        zf.writestr(f"{LINK} bad.exe", "not an article")
    at.file_uploader(key="upload_files").set_value(
        [("hostile.csv", buf.getvalue().encode(), "text/csv"), ("members.zip", zbuf.getvalue(), "application/zip")]
    ).run()
    assert not at.exception
    before_run = rendered(at)
    at.button(key="upload_go").click().run()
    assert not at.exception
    yield at, before_run
    mp.undo()


def test_upload_results_escape_titles_and_member_names(uploaded):
    at, before_run = uploaded
    assert [r["status"] for r in at.session_state["upload_last"]] == ["stored", "stored"]
    values = before_run + rendered(at)
    # the bad member's error, each stored file's line, and the buttons that open them
    assert any("bad\\.exe" in v and "unsupported" in v for v in at.error.values) or \
        any("bad\\.exe" in v for v in before_run)
    assert any("ok\\.txt" in v for v in values)
    assert any(b.label.startswith("📖 Harbour story") for b in at.button)
    assert [v for v in values if live_markdown(v)] == []


def test_the_filter_chips_escape_a_renamed_actor_and_a_title(uploaded, app):
    from store import Store

    store = Store.open_default()
    arts = store.articles_df(None)
    art_id = arts.loc[arts["title"].str.startswith("Harbour story"), "id"].iloc[0]
    actors = store.actors_df(None)
    actor_id = actors.loc[actors["name"].str.contains("Ann Lee"), "id"].iloc[0]
    oid = store.add_override("set", actor_id, field_name="name", value=RENAME)
    try:
        at = app.run()
        at.session_state["sel_actors"] = [actor_id]
        at.session_state["sel_articles"] = [art_id]
        at.run()
        assert not at.exception
        chip = at.button(key="clear_actors").label
        assert chip == "✕ Actor: \\[md\\]\\(http\\:\u2060//127\\.0\\.0\\.1\\:9/actor\\) \\*\\*x\\*\\*"
        assert live_markdown(at.button(key="clear_articles").label) == []
        assert resolved(at.button(key="clear_articles").label).replace("\u2060", "").startswith(
            "✕ Article: Harbour story ![](http://")
        assert [v for v in rendered(at) if live_markdown(v)] == []
    finally:
        store.undo_override(oid)


def test_the_reader_caption_and_opened_at_banner_escape_the_article(uploaded, app):
    from store import Store

    store = Store.open_default()
    arts = store.articles_df(None)
    art_id = arts.loc[arts["title"].str.startswith("Harbour story"), "id"].iloc[0]
    text = store.article(art_id)["text"]
    start = text.index("The plan is")
    at = app.run()
    at.session_state["reader_article"] = art_id
    at.session_state["reader_focus"] = [start, start + len("The plan is ") + len(PAYLOAD)]
    at.switch_page("pages/reader.py").run()
    assert not at.exception
    caption = next(c.value for c in at.caption if c.value.startswith("Published"))
    assert "source: " in caption and live_markdown(caption) == []
    banner = next(i.value for i in at.info if i.value.startswith("Opened at"))
    assert "The plan is \\!\\[\\]\\(http\\:\u2060//127" in banner
    assert live_markdown(banner.replace(" · [↓ jump to it](#nl-focus)", "")) == []
    assert [v for v in rendered(at) if live_markdown(v.replace(" · [↓ jump to it](#nl-focus)", ""))] == []
