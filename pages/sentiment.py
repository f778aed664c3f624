"""Sentiment: how the reporting portrays each actor, the tone of each speaker, and who says what about whom.

Under the selection (``store.Filters``):

- Portrayal (the reporter's words): the actors of the selected articles, drawn without the actor part;
  a selected actor gets its strongest sentences. A speaker keeps the articles where they speak; a
  nation keeps that nation's actors.
- Speakers: the stance matrix and tone bars show every speaker under the other parts; a selected
  speaker's cell opens their quotes about the target. An actor keeps quotes by or about it; a nation
  keeps speakers or targets of it.
- Over time: the selected actors' portrayal per publication day (the most-mentioned without one).
- Lexicon view: the quotes under the selection, drawn without the speaker part.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import cache, charts, pagekit, selection
from components.layout import setup_page

LEXICON_POINTS = 2000  # the scatter's points (a browser draws 600,000 slowly, and reads none of them)

setup_page("Sentiment")
f = selection.current()

tab_portrayal, tab_stance, tab_time, tab_lexicon = st.tabs(
    ["Portrayal", "Speakers: tone and stance", "Over time", "Lexicon view"])

# ------------------------------------------------------------------ portrayal (the reporter's words)
with tab_portrayal:
    # the chart's 25 actors, read as such: every actor's scores are 780,000 rows at 100,000 articles
    portrayal = cache.portrayal(pagekit.without(f, "actors"), limit=25)
    if portrayal.empty:
        st.info("No scored mentions under the current filters.")
    else:
        st.caption("Mentions outside quotes, scored toward the actor by the target-sentiment model. "
                   "Click an actor to select it everywhere and read the sentences behind its score."
                   + (" With a speaker selected: the reporting in the articles where they are quoted."
                      if f.speakers else ""))
        pagekit.linked_chart(charts.portrayal_bar(portrayal), "actors", "portrayal_bar")
        chosen = cache.actor_options(limit=0, include=f.actors[:3])  # a selected actor may rank below the 25
        names = dict(zip(chosen["id"], chosen["name"])) | dict(zip(portrayal["id"], portrayal["name"]))
        for actor_id in f.actors[:3]:
            sents = cache.portrayal_sentences(f, actor_id, limit=12)
            st.markdown(f"##### The strongest sentences about {pagekit.md(names.get(actor_id, actor_id))}")
            if sents.empty:
                st.caption("No scored sentence for this actor under the current filters.")
                continue
            view = sents.reset_index(drop=True)
            key = f"portrayal_sents_{actor_id}"
            st.dataframe(view[["label", "score", "sentence", "article_title"]], hide_index=True, placeholder="", width="stretch",
                         key=key, on_select="rerun", selection_mode="single-row",
                         column_config={"label": st.column_config.TextColumn("Label", width="small"),
                                        "score": st.column_config.NumberColumn("Score", format="%+.2f"),
                                        "sentence": st.column_config.TextColumn("Sentence", width="large"),
                                        "article_title": st.column_config.TextColumn("Article")})
            picked = pagekit.pick_row(view, key)
            if picked is not None:
                r = view.iloc[picked]
                pagekit.reader_button("Open this sentence in the Reader", r["article_id"], int(r["sent_start"]),
                                      int(r["sent_end"]), key=f"{key}_open")

# ------------------------------------------------------------------ speakers: own tone, stance toward others
with tab_stance:
    # grouped in SQL: the matrix's cells, the speakers' tone, a sample of quotes for the scatter
    around = pagekit.without(f, "speakers")
    n_spoken = cache.quotes_count(around)
    cells = cache.stance_cells(around)
    points: list[dict] = []
    if cells.empty:
        st.info("No quote names another actor under the current filters.")
    else:
        st.caption("Each cell: the quotes of a speaker (row) that name an actor (column). Colour = the speaker's "
                   "mean stance toward that actor, number = how many quotes. Click a cell to read them.")
        points = pagekit.linked_chart(charts.stance_matrix(cells=cells), "speakers", "stance_heatmap")
    if points:
        st.session_state["stance_cell_picked"] = [pagekit.custom(points[0], 0), pagekit.custom(points[0], 1)]
    # the clicked cell stays open while its speaker is selected, even when the matrix is redrawn
    picked_cell = st.session_state.get("stance_cell_picked")
    if picked_cell and picked_cell[0] in f.speakers and not cells.empty:
        sp, tg = picked_cell
        cell = cache.quote_targets(around, speaker_id=sp, target_id=tg).reset_index(drop=True)
        if not cell.empty:
            st.markdown(f"##### What {pagekit.md(cell['speaker'].iloc[0])} said about "
                        f"{pagekit.md(pagekit.clean(cell['target'].iloc[0]) or tg)}")
            st.dataframe(cell[["polarity", "label", "text", "article_title"]], hide_index=True, placeholder="", width="stretch",
                         key="stance_cell", on_select="rerun", selection_mode="single-row",
                         column_config={"polarity": st.column_config.NumberColumn("Stance", format="%+.2f"),
                                        "label": st.column_config.TextColumn("Label", width="small"),
                                        "text": st.column_config.TextColumn("Quote", width="large"),
                                        "article_title": st.column_config.TextColumn("Article")})
            picked = pagekit.pick_row(cell, "stance_cell")
            r = cell.iloc[picked if picked is not None else 0]
            pagekit.reader_button("Open " + ("the selected" if picked is not None else "the first")
                                  + " quote in the Reader", r["article_id"], int(r["start"]), int(r["end"]),
                                  key="stance_open")

    st.markdown("##### Tone of each speaker's own words")
    if not n_spoken:
        st.info("No quotes under the current filters.")
    else:
        st.caption("The mean lexicon tone (VADER compound) of what each speaker said: their own words, "
                   "kept apart from the reporter's. Click a bar to select the speaker.")
        c1, _c2 = st.columns([3, 1])
        with c1:
            pagekit.linked_chart(charts.tone_bar(counts=cache.speaker_counts(around, top=200), title=""), "speakers",
                                 "tone_bar")

# ------------------------------------------------------------------ portrayal over time
with tab_time:
    # the lines drawn (the selected actors, else the most scored), read as such
    lines = list(f.actors) or list(cache.portrayal(pagekit.without(f, "actors"), limit=8)["id"])
    over = cache.portrayal_over_time(pagekit.without(f, "actors"), ids=lines) if lines else pd.DataFrame()
    if over.empty:
        st.info("No dated, scored mentions under the current filters.")
    else:
        st.caption("The selected actors, or the most-mentioned ones when none is selected. Click a point to "
                   "select that actor.")
        pagekit.linked_chart(charts.portrayal_over_time(over, actors=f.actors), "actors", "portrayal_time")

# ------------------------------------------------------------------ lexicon view
with tab_lexicon:
    if not n_spoken:
        st.info("No quotes under the current filters.")
    else:
        st.caption("TextBlob's polarity and subjectivity of each quote: a plain lexicon, shown beside the model "
                   "for comparison. Click a point to select its speaker.")
        if n_spoken > LEXICON_POINTS:
            st.caption(f"The {LEXICON_POINTS:,} quotes of the newest articles are drawn, of {n_spoken:,}; the table "
                       "covers them all.")
        pagekit.linked_chart(charts.lexicon_scatter(cache.quotes(around, limit=LEXICON_POINTS)), "speakers", "lexicon")
        st.dataframe(charts.nation_summary_table(cache.quote_nations(around)), hide_index=True, placeholder="", width="stretch",
                     column_config={"nation": "Speaker nation",
                                    "quotes": st.column_config.NumberColumn("Quotes", format="%d"),
                                    "polarity": st.column_config.NumberColumn("Mean polarity (TextBlob)",
                                                                              format="%+.2f"),
                                    "subjectivity": st.column_config.NumberColumn("Mean subjectivity (TextBlob)",
                                                                                  format="%.2f"),
                                    "tone": st.column_config.NumberColumn("Mean tone (VADER)", format="%+.2f")})
