"""What every page runs first: config, the store, the shared selection, navigation, filters.

Streamlit discovers the files in pages/ by itself (multipage "v1"): a deep link
such as /reader runs pages/reader.py alone, without app.py. So each page,
app.py included, starts with ``setup_page(title)``, which does everything the
pages share, in the one order that works: the selection is settled (URL on a
session's first run, then any new chart click) before a widget is drawn.
"""
from __future__ import annotations

import streamlit as st

from store import StoreError

from . import cache, charts, filters, selection
from .pagekit import md
from .cache import get_store

NAV = [
    ("app.py", "Corpus", "📚"),
    ("pages/reader.py", "Reader", "📖"),
    ("pages/actors.py", "Actors", "🧑‍💼"),
    ("pages/speakers.py", "Speakers", "💬"),
    ("pages/sentiment.py", "Sentiment", "🌡️"),
    ("pages/timeline.py", "Timeline", "🗓️"),
    ("pages/network.py", "Connections", "🕸️"),
    ("pages/search.py", "Search", "🔎"),
    ("pages/upload.py", "Upload", "⬆️"),
]


def setup_page(title: str, *, show_filters: bool = True) -> None:
    """Set up a page: the shared selection, sidebar navigation and filters, title and filter bar."""
    st.set_page_config(page_title=f"{title} · newslens", page_icon="📰", layout="wide")
    try:
        get_store()
    except StoreError as exc:
        st.error(f"The store cannot be opened: {md(exc)}")
        st.stop()
    # one colour per nation in every chart: the corpus's most-named nations, not the selection's
    charts.set_nation_order(list(cache.nation_options()["nation"]))
    selection.init_state()
    selection.apply_chart_selections()
    sel_params = selection.url_params()
    with st.sidebar:
        st.markdown("## 📰 newslens")
        for path, label, icon in NAV:
            # links carry the selection, so it survives the page change and a link opened in a new tab
            st.page_link(path, label=label, icon=icon, query_params=sel_params)
        st.divider()
    filters.sidebar()
    selection.sync_url()
    st.title(title)
    if show_filters:
        filters.filter_bar()
