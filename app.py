"""newslens: a reading dashboard for news analysts. This entry page is the Corpus overview.

Under the selection (``store.Filters``): the articles that hold it, counted and listed; the Quotes and
Dated events figures count the same rows the Speakers and Timeline pages list for it. A row of the
table opens its article in the Reader.

Run with ``streamlit run app.py``. Pages in pages/ are discovered by Streamlit;
each one starts with ``components.layout.setup_page``.
"""
from __future__ import annotations

import streamlit as st

from components import cache, pagekit, selection
from components.layout import setup_page

PAGE_SIZE = 50


setup_page("Corpus")
f = selection.current()
n_articles, n_words = cache.article_summary(f)
if not n_articles:
    st.info("No article matches the current filters." if not f.is_empty()
            else "The corpus is empty: add articles on the Upload page.")
    st.stop()

c1, c2, c3, c4 = st.columns(4)
c1.metric("Articles", f"{n_articles:,}")
c2.metric("Words", f"{n_words:,}")
# the very rows the Speakers and Timeline pages list under this selection (counted in SQL), so the counts agree
c3.metric("Quotes", f"{cache.quotes_count(f):,}", help="The quotes under the selection, as the Speakers page lists them")
c4.metric("Dated events", f"{cache.events_count(f):,}",
          help="The dated events under the selection, as the Timeline lists them")
if not f.is_empty():
    st.caption("Under the selection: the articles that hold it, and in them only the quotes and events that "
               "match it (a selected speaker's quotes, events naming a selected actor, dated in the range).")

pages = max(1, -(-n_articles // PAGE_SIZE))
if st.session_state.get("overview_page", 1) > pages:  # fewer articles under a new selection
    st.session_state["overview_page"] = 1
page_no = st.number_input("Page", min_value=1, max_value=pages, step=1, key="overview_page") \
    if pages > 1 else 1
# one page of the list, read as such: the whole list is 100,000 rows in a large corpus
view = cache.articles(f, limit=PAGE_SIZE, offset=(int(page_no) - 1) * PAGE_SIZE).reset_index(drop=True)
view = view.assign(published=view["published"].fillna("unknown"))
st.caption("Select a row to open the article in the Reader.")
event = st.dataframe(
    view[["title", "published", "words", "entities", "quotes", "events", "source"]],
    hide_index=True, placeholder="", width="stretch", on_select="rerun", selection_mode="single-row",
    key="overview_table",
    column_config={
        "title": st.column_config.TextColumn("Title", width="large"),
        "published": st.column_config.TextColumn("Published"),
        "words": st.column_config.NumberColumn("Words", format="%d"),
        "entities": st.column_config.NumberColumn("Entities", format="%d"),
        "quotes": st.column_config.NumberColumn("Quotes", format="%d"),
        "events": st.column_config.NumberColumn("Events", format="%d"),
        "source": st.column_config.TextColumn("Source"),
    })
rows = event.selection.rows if event is not None else []
picked = view.iloc[rows[0]]["id"] if rows else None
# a table keeps its selection: act on a new pick only, so coming back here does not bounce to the Reader
if picked is not None and st.session_state.get("_overview_picked") != (page_no, picked):
    st.session_state["_overview_picked"] = (page_no, picked)
    pagekit.set_reader(picked)
    st.switch_page("pages/reader.py")
elif picked is None:
    st.session_state["_overview_picked"] = None
