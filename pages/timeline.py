"""Timeline: what happened when, resolved against each article's date, by actor or nation.

Under the selection (``store.Filters``): the dated events of the selected articles that match it: an
actor or a nation keeps events whose sentence names it (or an actor of it), a speaker the events in
their quotes, and the date range bounds the event's own date as well as the article's. The Corpus
page's "Dated events" counts the same rows. A click selects the event's article.
"""
from __future__ import annotations

import streamlit as st

from components import cache, charts, pagekit, selection
from components.layout import setup_page

setup_page("Timeline")
f = selection.current()

# a click picks an article, so the chart is drawn without the article part of the selection
# the chart draws an even sample of the events (it shows at most 1,000 marks), the table one page: a large
# corpus's 600,000 events are never read at once
CHART_SAMPLE = 5000
chart_events = cache.events(pagekit.without(f, "articles"), sample=CHART_SAMPLE)
n_events = cache.events_count(f)
if chart_events.empty and not n_events:
    st.info("No dated events under the current filters." if not f.is_empty()
            else "No dated events yet: add articles on the Upload page.")
else:
    c1, c2 = st.columns([2, 3])
    color_by = c1.radio("Rows and colours by", ["actor", "nation"], key="timeline_color", horizontal=True,
                        format_func=str.capitalize)
    top = c2.slider("Rows", min_value=5, max_value=40, value=15, key="timeline_rows",
                    help="The most frequent actors or nations get a row each; the rest share “other”")
    st.caption("Days are points, months and years are bands. An event appears once on the row of each actor "
               "(or nation) named in its sentence. Click one to select its article.")
    n_chart = cache.events_count(pagekit.without(f, "articles"))
    if n_chart > len(chart_events):
        st.caption(f"The rows and marks are drawn from an even sample of {len(chart_events):,} of the "
                   f"{n_chart:,} dated events; the table lists them all.")
    points = pagekit.linked_chart(charts.timeline(chart_events, color_by=color_by, top=top,
                                                  actor_nations=cache.actor_nations()), "articles", "timeline")
    if points and pagekit.custom(points[0], 2) is not None:
        st.session_state["timeline_event"] = [pagekit.custom(points[0], 0), int(pagekit.custom(points[0], 1, -1))]
    # the clicked event stays open while its article is selected, even when the chart is redrawn
    clicked = st.session_state.get("timeline_event")
    if clicked and clicked[0] in f.articles:
        hit = chart_events[(chart_events["article_id"] == clicked[0]) & (chart_events["idx"] == clicked[1])]
        if not hit.empty:
            e = hit.iloc[0].astype(object).where(hit.iloc[0].notna(), None)
            with st.container(border=True):
                st.markdown(f"**{pagekit.md(e['expression'])}** → {pagekit.md(e['value'])}"
                            + (f" to {pagekit.md(e['end_value'])}" if e["end_value"] else "")
                            + f" · {pagekit.md(e['precision'])} precision · {pagekit.md(e['kind'])}")
                st.text(e["sentence"] or "")
                st.caption(f"{pagekit.md(e['article_title'])} · published {pagekit.md(e['published'] or 'unknown')}"
                           + (f" · said by {pagekit.md(e['speaker'])}" if e["speaker"] else ""))
                pagekit.reader_button("Open in Reader", e["article_id"], int(e["start"]), int(e["end"]),
                                      key="timeline_open", type="primary")

    st.subheader(f"Events ({n_events:,})")
    if not n_events:
        st.info("No dated event matches the current filters.")
    else:
        offset, limit = pagekit.page_slice(n_events, "timeline_page")
        view = cache.events(f, limit=limit, offset=offset).reset_index(drop=True)
        st.dataframe(view[["day_from", "day_to", "expression", "value", "precision", "kind", "actors", "sentence",
                           "article_title", "published"]], hide_index=True, placeholder="", width="stretch",
                     column_config={"day_from": st.column_config.TextColumn("From"),
                                    "day_to": st.column_config.TextColumn("To"),
                                    "expression": st.column_config.TextColumn("Expression"),
                                    "value": st.column_config.TextColumn("Value"),
                                    "precision": st.column_config.TextColumn("Precision", width="small"),
                                    "kind": st.column_config.TextColumn("Kind", width="small"),
                                    "actors": st.column_config.TextColumn("Actors"),
                                    "sentence": st.column_config.TextColumn("Sentence", width="large"),
                                    "article_title": st.column_config.TextColumn("Article"),
                                    "published": st.column_config.TextColumn("Published (said)",
                                                                             help="When it was said")})
        pagekit.export_buttons(lambda: cache.events(f), "newslens-events", key="events_export", label="Events",
                               rows=n_events)

if st.toggle("Show time expressions that could not be resolved", key="timeline_unresolved"):
    unresolved = cache.events(f, unresolved_only=True, limit=500)
    if unresolved.empty:
        st.caption("Every time expression under the current filters was resolved.")
    else:
        st.dataframe(unresolved[["expression", "kind", "sentence", "article_title", "published"]],
                     hide_index=True, placeholder="", width="stretch",
                     column_config={"sentence": st.column_config.TextColumn("Sentence", width="large")})
