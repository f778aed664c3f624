"""Reader: one article as a reader expects it, with entities, quotes and dates highlighted.

Drawn from stored offsets only: the text, blocks, mentions, quotes and events
come from the store, never from spaCy.
"""
from __future__ import annotations

import datetime as _dt

import streamlit as st

from components import cache, corrections, pagekit, reader, selection
from components.highlight import legend_html, render_article
from components.layout import setup_page
from store import Filters

setup_page("Reader")
f = selection.current()

articles = cache.articles(f)  # the articles the selection holds (its speaker, actor, nation, dates …)
if articles.empty:
    articles = cache.articles(None)
    if articles.empty:
        st.info("No article to read yet: add one on the Upload page.")
        st.stop()
    st.caption("No article matches the current selection; every article is listed.")

ids = list(articles["id"])
titles = dict(zip(articles["id"], articles["title"]))
reader.settle_pick(ids)
article_id = st.selectbox("Article", ids, key="reader_pick", format_func=lambda i: titles.get(i, i),
                          on_change=reader.on_pick)
art = cache.article(article_id)
if art is None:
    st.warning("That article is no longer in the store.")
    st.stop()
text = art["text"]
blocks = cache.blocks(article_id).to_dict("records")
mentions = cache.mentions(article_id)
quotes = cache.quotes(Filters(articles=(article_id,)))
events = cache.events(Filters(articles=(article_id,)), include_unresolved=True)

st.caption(reader.meta_caption(art))

with st.expander("Publication date (events are resolved against it)"):
    current = _dt.date.fromisoformat(art["published"]) if art["published"] else None
    new_date = st.date_input("Published", value=current, key=f"pub_{article_id}", format="YYYY-MM-DD",
                             min_value=_dt.date(1900, 1, 1), max_value=_dt.date(2100, 12, 31))
    if st.button("Save date and re-resolve events", key=f"pub_save_{article_id}"):
        n = corrections.save_published(article_id, new_date)
        st.success(f"Saved; {n} time expressions resolved again.")
        st.rerun()

c1, c2, c3, c4 = st.columns(4)
show_entities = c1.toggle("Entities", value=True, key="reader_entities")
show_quotes = c2.toggle("Quotes", value=True, key="reader_quotes")
show_dates = c3.toggle("Dates", value=True, key="reader_dates")
sel_actors = set(f.actors)
shade = c4.toggle("Tone toward selected actor", value=False, key="reader_shade", disabled=not sel_actors,
                  help="Shade each sentence by the model's polarity toward the selected actor")

spans = []
if show_entities:
    spans += reader.entity_spans(mentions, sel_actors)
if show_quotes:
    spans += reader.quote_spans(quotes, set(f.speakers), sel_actors)
if show_dates:
    spans += reader.date_spans(events)
if shade:
    for actor_id in sel_actors:
        spans += reader.tone_spans(cache.sentence_scores(article_id, actor_id))
focus = reader.focus_in(article_id)
if focus:
    spans.append(reader.focus_span(*focus))
    st.info("Opened at: " + text[focus[0]:focus[1]][:300].replace("\n", " "), icon="📍")

st.html(legend_html(reader.legend_labels(mentions), quotes=show_quotes, dates=show_dates))
left, right = st.columns([3, 1.3])
with left:
    st.html(render_article(text, blocks, spans))
with right:
    st.markdown("##### Who is named")
    if mentions.empty:
        st.caption("No entities found.")
    else:
        st.dataframe(reader.people_table(mentions), hide_index=True, width="stretch", height=280,
                     column_config={"actor_type": "type"})
    st.markdown("##### Who said what")
    if quotes.empty:
        st.caption("No quotes found.")
    else:
        said = quotes.assign(speaker=pagekit.speaker_labels(quotes["speaker"], quotes["speaker_kind"]))
        st.dataframe(said[["speaker", "kind", "cue", "text"]], hide_index=True, width="stretch",
                     height=320)
