"""Speakers: who is quoted, how much, in what form, and whose voice the coverage carries.

Under the selection (``store.Filters``): the speaker bars show the quotes of the selected articles
without the speaker part; the quote list shows the selected speakers' quotes (a nation: speakers of it;
an actor: quotes by or naming it; dates: articles published in the range). The voice balance is of the
coverage under the other parts, so picking a speaker or a nation does not move it.
"""
from __future__ import annotations

import streamlit as st

from components import cache, charts, pagekit, selection
from components.layout import setup_page

setup_page("Speakers")
f = selection.current()

# the bar chart picks speakers, so it is drawn without the speaker part of the selection
# counted and grouped in SQL: the page ships 25 bars and a few groups, not the corpus's quotes
around = pagekit.without(f, "speakers")
n_base = cache.quotes_count(around)
if not n_base:
    st.info("No quotes under the current filters." if not f.is_empty()
            else "No quotes yet: add articles on the Upload page.")
    st.stop()

left, right = st.columns([3, 2])
with left:
    st.caption("Click a speaker to list their quotes below and highlight them in the Reader.")
    pagekit.linked_chart(charts.speakers_bar(counts=cache.speaker_counts(around)), "speakers", "speakers_bar")
    groups = cache.voice_groups(around)
    unattributed = int(groups.loc[groups["speaker_id"].isna(), "n"].sum()) if not groups.empty else 0
    if unattributed:
        st.caption(f"{unattributed:,} of {n_base:,} quotes have no resolved speaker and are not in the chart.")

with right:
    st.markdown("##### Voice balance")
    # the balance is of the whole coverage under the other filters: picking a speaker or nation does not move it
    vb = charts.voice_balance(cache.voice_groups(pagekit.without(f, "speakers", "nations")))
    pagekit.linked_chart(charts.voice_nations_bar(vb["nations"]), "nations", "voice_nations")
    st.plotly_chart(charts.voice_split_bar(vb["kinds"], vb["sources"]), key="voice_split",
                    config={"displaylogo": False})
    st.caption("Named: tied to a resolved actor by name, pronoun, title or spokesperson. Unnamed: groups "
               "(“officials said”), anonymous or unattributed quotes.")

# ------------------------------------------------------------------ quote list
# one page of the list, read as such (the whole list is 600,000 quotes at 100,000 articles)
n_quotes = cache.quotes_count(f)
st.subheader(f"Quotes ({n_quotes:,})")
if not n_quotes:
    st.info("No quote matches the current filters.")
else:
    offset, limit = pagekit.page_slice(n_quotes, "speakers_page")
    view = cache.quotes(f, limit=limit, offset=offset).reset_index(drop=True)
    view = view.assign(nation=pagekit.nation_names(view["speaker_nation"]),
                       speaker=pagekit.speaker_labels(view["speaker"], view["speaker_kind"]))
    st.caption("Select a row, then open the quote in the Reader.")
    st.dataframe(
        view[["speaker", "nation", "cue", "kind", "speaker_kind", "text", "tone", "article_title", "published"]],
        hide_index=True, placeholder="", width="stretch", key="speakers_quotes", on_select="rerun", selection_mode="single-row",
        height="content", row_height=72,  # three lines: the quote reads in full
        column_config={
            "speaker": st.column_config.TextColumn("Speaker"),
            "nation": st.column_config.TextColumn("Nation"),
            "cue": st.column_config.TextColumn("Cue", width="small"),
            "kind": st.column_config.TextColumn("Kind", width="small"),
            "speaker_kind": st.column_config.TextColumn("Source", width="small",
                                                        help="named, pronoun, nominal, spokesperson (\"X's spokesman\": counted under X), "
                                                             "group, unnamed or none"),
            "text": st.column_config.TextColumn("Quote", width="large"),
            "tone": st.column_config.NumberColumn("Tone", format="%+.2f"),
            "article_title": st.column_config.TextColumn("Article"),
            "published": st.column_config.TextColumn("Published", width="small"),
        })
    picked = pagekit.pick_row(view, "speakers_quotes")
    if picked is None:
        st.button("Open in Reader", key="speakers_open_none", disabled=True, help="Select a row first")
    else:
        r = view.iloc[picked]
        pagekit.reader_button(f"Open in Reader: {pagekit.md(str(r['speaker'])[:40])}, “{pagekit.md(str(r['text'])[:50])}…”",
                              r["article_id"], int(r["start"]), int(r["end"]), key="speakers_open")

    st.markdown("##### Export")
    pagekit.export_buttons(lambda: cache.quotes(f), "newslens-quotes", key="quotes_export", label="Quotes",
                           rows=n_quotes)
