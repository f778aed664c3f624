"""newslens: a reading dashboard for news analysts.

Page config, navigation, the shared selection and the sidebar filters. Pages
live in pages/ and are listed explicitly with st.navigation.
"""
from __future__ import annotations

import streamlit as st

from components import filters, selection
from components.cache import get_store
from store import StoreError

st.set_page_config(page_title="newslens", page_icon="📰", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Corpus", icon="📚", default=True, url_path="overview"),
    st.Page("pages/reader.py", title="Reader", icon="📖", url_path="reader"),
    st.Page("pages/actors.py", title="Actors", icon="🧑‍💼", url_path="actors"),
    st.Page("pages/speakers.py", title="Speakers", icon="💬", url_path="speakers"),
    st.Page("pages/sentiment.py", title="Sentiment", icon="🌡️", url_path="sentiment"),
    st.Page("pages/timeline.py", title="Timeline", icon="🗓️", url_path="timeline"),
    st.Page("pages/network.py", title="Connections", icon="🕸️", url_path="network"),
    st.Page("pages/search.py", title="Search", icon="🔎", url_path="search"),
    st.Page("pages/upload.py", title="Upload", icon="⬆️", url_path="upload"),
]

try:
    get_store()
except StoreError as exc:
    st.error(f"The store cannot be opened: {exc}")
    st.stop()

selection.init_state()
selection.apply_chart_selections()
page = st.navigation(PAGES)
filters.sidebar()
selection.sync_url()
page.run()
