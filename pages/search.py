"""Search: full text over articles and quotes, within the current selection.

Under the selection (``store.Filters``): only the selected articles are searched (those holding the
selected actors, speakers and nations, published in the range); a quote hit says who spoke.
"""
from __future__ import annotations

import html

import streamlit as st

from components import cache, pagekit, selection
from components.highlight import snippet_html
from components.layout import setup_page
from store import MAX_QUERY_CHARS, MAX_QUERY_TERMS, query_terms

RESULTS_PER_PAGE = 20

setup_page("Search")
f = selection.current()

text = st.text_input("Search articles and quotes", key="search_q", placeholder="e.g. ceasefire talks",
                     help=f"Every word must occur; results stay within the filters above. Up to "
                          f"{MAX_QUERY_TERMS} distinct words of the first {MAX_QUERY_CHARS} characters are searched")
kinds = st.segmented_control("In", ["article", "quote"], selection_mode="multi", default=["article", "quote"],
                             key="search_kinds", format_func=lambda k: "Articles" if k == "article" else "Quotes")


if not text.strip():
    st.caption("Type one or more words.")
    st.stop()
terms, cut = query_terms(text)
if cut:
    st.warning(cut + " Searched for: " + pagekit.md(" ".join(terms) or "(no words)"), icon="✂️")
if not terms:
    st.caption("Type one or more words (letters or digits).")
    st.stop()

hits = cache.search_hits(f, text, limit=200)
if not hits.empty and kinds:
    hits = hits[hits["kind"].isin(kinds)].reset_index(drop=True)
if hits.empty:
    st.info("Nothing found under the current filters." if not f.is_empty() else "Nothing found.")
    st.stop()

st.caption(f"{len(hits):,} result(s), best first")
offset, limit = pagekit.page_slice(len(hits), "search_page", page_size=RESULTS_PER_PAGE)
for i, r in hits.iloc[offset:offset + limit].iterrows():
    with st.container(border=True):
        c1, c2 = st.columns([6, 1])
        who = pagekit.clean(r.get("speaker"))
        badge = (f"💬 quote by {html.escape(str(who))}" if who else "💬 unattributed quote") \
            if r["kind"] == "quote" else "📰 article"
        c1.html(f'<div style="font-size:.8rem;color:#666">{badge} · {html.escape(str(r["title"]))}</div>'
                f'<div style="margin-top:.2rem">{snippet_html(r["snippet"])}</div>')
        with c2:
            pagekit.reader_button("Open", r["article_id"], int(r["offset"]), int(r["end"]), key=f"search_open_{i}")
