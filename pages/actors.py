"""Actors: who is named, their nation, affiliation and role with the words that show it, and corrections.

Under the selection (``store.Filters``): the bar chart shows the actors of the selected articles without
the actor part (so a click picks among them); the table shows the selected actors and those who share an
article with them. A speaker keeps the articles where they are quoted; a nation keeps that nation's
actors; dates keep the articles published in the range. Corrections act on the whole corpus.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import cache, charts, corrections, pagekit, selection
from components.layout import setup_page
from store import Filters

setup_page("Actors")
f = selection.current()
ss = st.session_state

# a picker with every actor of a large corpus would ship megabytes to the browser on every run
PICKER_MAX = 2000
options = cache.actor_options(limit=PICKER_MAX, include=f.actors)
if options.empty:
    st.info("No actors yet: add articles on the Upload page.")
    st.stop()

all_types = cache.actor_types()
types = st.multiselect("Type", all_types, key="actors_types", placeholder="All types",
                       help="Show only these kinds of actor (the nation filter is in the sidebar)")
types_arg = tuple(types) or None

# ------------------------------------------------------------------ chart (selector) and table
# the chart's bars (the busiest, and the selected wherever they rank) and one page of the table are
# read as such: the whole list is 780,000 actors at 100,000 articles
CHART_TOP = 25
around_f = pagekit.without(f, "actors")
chart_df = cache.actors(around_f, types=types_arg, limit=CHART_TOP)
if f.actors:
    chosen_bars = cache.actors(around_f, types=types_arg, ids=f.actors)
    chart_df = pd.concat([chart_df, chosen_bars[~chosen_bars["id"].isin(chart_df["id"])]], ignore_index=True)
total = cache.actors_count(f, types=types_arg)
if chart_df.empty and not total:
    st.info("No actor matches the current filters.")
else:
    st.caption("Click a bar to select that actor everywhere; double-click the chart's background to unselect.")
    pagekit.linked_chart(charts.actors_bar(chart_df, top=CHART_TOP, keep=f.actors), "actors", "actors_bar")

st.subheader("Actor table")
if f.actors:
    st.caption("The selected actors first, then the actors who share an article with them.")
if not total:
    st.info("No actor matches the current filters.")
else:
    offset, limit = pagekit.page_slice(total, "actors_page")
    table = cache.actors(f, types=types_arg, limit=limit, offset=offset)
    if f.actors and offset == 0:  # the selected actors head the first page
        chosen = cache.actors(f, types=types_arg, ids=f.actors)
        table = pd.concat([chosen, table[~table["id"].isin(chosen["id"])]], ignore_index=True)
    table = table.copy()
    table["nation_name"] = pagekit.nation_names(table["nation"])
    table["nation_basis_text"] = pagekit.basis_texts(table["nation_basis"], table["nation_reason"])
    table["aliases_text"] = table["aliases"].map(lambda a: ", ".join(a) if isinstance(a, list) else "")
    view = table
    st.dataframe(
        view[["name", "type", "nation_name", "nation_basis_text", "affiliation", "role", "mentions", "articles",
              "evidence", "aliases_text", "id"]],
        hide_index=True, placeholder="", width="stretch", key="actors_table", height="content",
        row_height=56,  # two lines: where a nation came from reads in full
        column_config={
            "name": st.column_config.TextColumn("Name", width="medium"),
            "type": st.column_config.TextColumn("Type", width="small"),
            "nation_name": st.column_config.TextColumn("Nation"),
            "nation_basis_text": st.column_config.TextColumn(
                "Nation from", width="large",
                help="stated: this article's words · inferred: the story's setting with an office or a national "
                     "body, or a body named after a place · corpus: another article states it · analyst: a "
                     "correction"),
            "affiliation": st.column_config.TextColumn("Affiliation", width="medium"),
            "role": st.column_config.TextColumn("Role", width="medium"),
            "mentions": st.column_config.NumberColumn("Mentions", format="%d"),
            "articles": st.column_config.NumberColumn("Articles", format="%d"),
            "evidence": st.column_config.TextColumn("Evidence", width="large",
                                                    help="The words that show the nation, affiliation or role"),
            "aliases_text": st.column_config.TextColumn("Also written as", width="medium"),
            "id": st.column_config.TextColumn("Id", width="small"),
        })
    # the whole table, read only when a download is asked for
    pagekit.export_buttons(lambda: cache.actors(f, types=types_arg), "newslens-actors", key="actors_export",
                           label="Actors", rows=total)

# ------------------------------------------------------------------ corrections
st.subheader("Corrections")
st.caption("Every correction applies to every stored article and to later ones, and can be undone.")

names = dict(zip(options["id"], options["name"]))
types_of = dict(zip(options["id"], options["type"]))
mentions_of = dict(zip(options["id"], options["mentions"]))
ids = list(options["id"])
if cache.actor_count() > PICKER_MAX:
    st.caption(f"The pickers list the {PICKER_MAX:,} most-mentioned actors and the selected ones; select any "
               "other actor in a chart or the sidebar first.")


def _label(i: str) -> str:
    return f"{names.get(i, i)} · {types_of.get(i, '?')} · {mentions_of.get(i, 0)} mentions"


corrections.show_message()
first_sel = f.actors[0] if f.actors else None
# the pickers follow a new selection (a click in any chart), and otherwise keep what the analyst chose
corrections.follow_selection(f.actors, ids)
tab_merge, tab_split, tab_set, tab_log, tab_links, tab_conflicts = st.tabs(
    ["Merge", "Split an alias", "Rename / set a field", "Corrections made", "Cross-article merges",
     "Nation conflicts"])
with tab_merge:
    # nothing is preselected but the selection itself, and a merge asks for confirmation
    corrections.keep_valid("fix_merge_from", first_sel, ids, empty=True)
    corrections.keep_valid("fix_merge_to", f.actors[1] if len(f.actors) > 1 else None, ids, empty=True)
    c1, c2 = st.columns(2)
    c1.selectbox("Merge this actor…", ids, key="fix_merge_from", format_func=_label, index=None,
                 placeholder="Pick the actor to merge away")
    c2.selectbox("…into this one (keeps its name and fields)", ids, key="fix_merge_to", format_func=_label,
                 index=None, placeholder="Pick the actor to keep")
    a, b = ss.get("fix_merge_from"), ss.get("fix_merge_to")
    ready = bool(a and b and a != b)
    sure = st.checkbox(f"Yes: every mention of {pagekit.md(names.get(a, a)) if a else '…'} becomes "
                       f"{pagekit.md(names.get(b, b)) if b else '…'} (it can be undone)", key="fix_merge_confirm",
                       disabled=not ready)
    st.button("Merge", key="fix_merge_btn", on_click=corrections.merge, args=(names,), type="primary",
              disabled=not (ready and sure))
with tab_split:
    corrections.keep_valid("fix_split_actor", first_sel, ids)
    st.selectbox("Actor", ids, key="fix_split_actor", format_func=_label)
    # only the articles of this actor: its aliases, without loading the whole corpus table
    row = cache.actors(None, ids=(ss.get("fix_split_actor"),)) if ss.get("fix_split_actor") else pd.DataFrame()
    aliases = list(row.iloc[0]["aliases"]) if not row.empty and isinstance(row.iloc[0]["aliases"], list) else []
    if not aliases:
        st.caption("This actor is written only one way: nothing to split.")
    else:
        st.selectbox("Alias that names somebody else", aliases, key="fix_split_alias")
        st.button("Split out", key="fix_split_btn", on_click=corrections.split, args=(names,))
with tab_set:
    corrections.keep_valid("fix_set_actor", first_sel, ids)
    c1, c2, c3 = st.columns([2, 1, 2])
    c1.selectbox("Actor", ids, key="fix_set_actor", format_func=_label)
    c2.selectbox("Field", corrections.FIELDS, key="fix_set_field",
                 format_func=lambda x: "name (rename)" if x == "name" else x)
    c3.text_input("New value", key="fix_set_value",
                  help="For a nation: a country name or ISO code (“France”, “FR”, “GBR”)")
    st.button("Save", key="fix_set_btn", on_click=corrections.set_field, args=(names,))
with tab_log:
    log = cache.overrides()
    if log.empty:
        st.caption("No corrections yet.")
    else:
        for r in log.head(100).itertuples():
            text = corrections.describe(r)
            c1, c2 = st.columns([5, 1])
            line = f"~~{text}~~ (undone)" if r.undone else text
            c1.markdown(line + f"  \n:gray[{pagekit.md(r.created_at)}]")
            if not r.undone:
                c2.button("Undo", key=f"undo_{r.id}", on_click=corrections.undo, args=(int(r.id),))
with tab_links:
    links = cache.actor_links()
    if links.empty:
        st.caption("No actor of a later article was merged into an earlier one.")
    else:
        st.dataframe(links[["from_id", "to_name", "to_id", "title", "reason", "created_at"]], hide_index=True, placeholder="",
                     width="stretch", column_config={"from_id": "New actor", "to_name": "Merged into",
                                                     "to_id": "Id", "title": "In article"})
with tab_conflicts:
    conflicts = cache.nation_conflicts()
    if conflicts.empty:
        st.caption("No two articles state different nations for the same actor.")
    else:
        st.caption("Articles that state different nations for one actor. The corpus keeps the first; set the "
                   "nation above to settle it.")
        conflicts = conflicts.assign(nation_name=pagekit.nation_names(conflicts["nation"]),
                                     corpus_name=pagekit.nation_names(conflicts["corpus_nation"]))
        st.dataframe(conflicts[["name", "nation_name", "evidence", "title", "corpus_name"]], hide_index=True, placeholder="",
                     width="stretch", column_config={"name": "Actor", "nation_name": "Nation stated",
                                                     "evidence": "In the words", "title": "In article",
                                                     "corpus_name": "Corpus keeps"})
