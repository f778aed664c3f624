"""Reader: one article as a reader expects it, with entities, quotes and dates highlighted.

Drawn from stored offsets only: the text, blocks, mentions, quotes and events
come from the store, never from spaCy.

Under the selection (``store.Filters``): the article picker lists the selected articles (those holding
the selected actors, speakers and nations, published in the range) and opens the first. In it, the
selected actors' mentions, the selected speakers' quotes and the mentions of a selected nation's
actors are outlined, the rest dimmed; "previous/next" steps through them and across articles, and
the focus mode hides every other highlight.
"""
from __future__ import annotations

import dataclasses

import streamlit as st

from analysis.reading import InputError
from components import cache, corrections, pagekit, reader, selection
from components.highlight import legend_html, render_article
from components.layout import setup_page
from store import Filters

setup_page("Reader")
f = selection.current()

# the articles the selection holds (its speaker, actor, nation, dates …), the newest PICK_LIMIT of them:
# a picker of 100,000 titles would ship megabytes to the browser on every run
PICK_LIMIT = 1000
pick_f: Filters | None = f
articles = cache.articles(f, limit=PICK_LIMIT)
if articles.empty:
    pick_f = None
    articles = cache.articles(None, limit=PICK_LIMIT)
    if articles.empty:
        st.info("No article to read yet: add one on the Upload page.")
        st.stop()
    st.caption("No article matches the current selection; every article is listed.")

ids = list(articles["id"])
titles = dict(zip(articles["id"], articles["title"]))
if len(ids) >= PICK_LIMIT:
    n_under = cache.article_summary(pick_f)[0]
    if n_under > PICK_LIMIT:
        st.caption(f"The picker lists the {PICK_LIMIT:,} newest of {n_under:,} articles; open any other from the "
                   "Corpus table, a chart or Search.")
# an article opened from elsewhere (a link, a chart) that the selection holds is listed too, wherever it ranks
wanted = st.session_state.get("reader_article")
if wanted and wanted not in titles and len(ids) >= PICK_LIMIT and (pick_f is None or not pick_f.articles):
    if cache.article_summary(dataclasses.replace(pick_f or Filters(), articles=(wanted,)))[0]:
        ids.append(wanted)
        titles |= cache.article_titles([wanted])
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
    current, unreadable = pagekit.stored_date(art["published"])
    if unreadable:
        st.warning(f"The stored date “{pagekit.md(art['published'])}” is not a calendar date; pick one to replace it.")
    first, last = pagekit.date_bounds(current)  # a stored date outside the accepted range still shows
    new_date = st.date_input("Published", value=current, key=f"pub_{article_id}", format="YYYY-MM-DD",
                             min_value=first, max_value=last)
    if st.button("Save date and re-resolve events", key=f"pub_save_{article_id}"):
        try:
            n = corrections.save_published(article_id, new_date)
        except InputError as exc:
            st.error(pagekit.md(exc))
        else:
            st.success(f"Saved; {n} time expressions resolved again.")
            st.rerun()

sel_actors, sel_speakers = set(f.actors), set(f.speakers)
has_sel = bool(sel_actors or sel_speakers)
c1, c2, c3, c4, c5 = st.columns(5)
show_entities = c1.toggle("Entities", value=True, key="reader_entities")
show_quotes = c2.toggle("Quotes", value=True, key="reader_quotes")
show_dates = c3.toggle("Dates", value=True, key="reader_dates")
only_sel = c4.toggle("Only the selection", value=False, key="reader_focus_mode", disabled=not has_sel,
                     help="Highlight only the selected actors' mentions and the selected speakers' quotes")
shade = c5.toggle("Tone toward selected actor", value=False, key="reader_shade", disabled=not sel_actors,
                  help="Shade each sentence by the model's polarity toward the selected actor")
only_sel = only_sel and has_sel

# stepping through the selection: its places in this article, then the next article under it
places = reader.selected_places(mentions, quotes, sel_actors, sel_speakers)
focus = reader.focus_in(article_id)
if has_sel or len(ids) > 1:
    b1, b2, b3, b4, b5 = st.columns([1, 1, 2, 1, 1])
    prev_art, next_art = reader.step_article(ids, article_id, -1), reader.step_article(ids, article_id, +1)
    b1.button("◀ Previous article", key="reader_prev_art", disabled=prev_art is None, width="stretch",
              on_click=reader.go_to, args=(prev_art, None))
    b2.button("◀ Previous mention", key="reader_prev", disabled=not places, width="stretch",
              on_click=reader.go_to, args=(article_id, reader.step_place(places, focus, -1)))
    here = places.index(focus) + 1 if focus in places else None
    b3.caption(f"{len(places)} place(s) of the selection here" + (f" · at {here} of {len(places)}" if here else "")
               if has_sel else "Select an actor or speaker to step through their mentions.")
    b4.button("Next mention ▶", key="reader_next", disabled=not places, width="stretch",
              on_click=reader.go_to, args=(article_id, reader.step_place(places, focus, +1)))
    b5.button("Next article ▶", key="reader_next_art", disabled=next_art is None, width="stretch",
              on_click=reader.go_to, args=(next_art, None))

spans = []
if show_entities:
    spans += reader.entity_spans(mentions[mentions["actor_id"].isin(list(sel_actors))] if only_sel else mentions,
                                 sel_actors)
if show_quotes:
    chosen = quotes["speaker_id"].isin(list(sel_speakers | sel_actors)) if not quotes.empty else None
    spans += reader.quote_spans(quotes[chosen] if only_sel and chosen is not None else quotes, sel_speakers,
                                sel_actors)
if show_dates and not only_sel:
    spans += reader.date_spans(events)
if shade:
    for actor_id in sel_actors:
        spans += reader.tone_spans(cache.sentence_scores(article_id, actor_id))
if focus:
    spans.append(reader.focus_span(*focus))
    st.info("Opened at: " + pagekit.md(text[focus[0]:focus[1]][:300]) + " · [↓ jump to it](#nl-focus)",
            icon="📍")

st.html(legend_html(reader.legend_labels(mentions), quotes=show_quotes, dates=show_dates))
left, right = st.columns([3, 1.3])
with left:
    st.html(render_article(text, blocks, spans))
with right:
    st.markdown("##### Who is named")
    if mentions.empty:
        st.caption("No entities found.")
    else:
        st.dataframe(reader.people_table(mentions), hide_index=True, placeholder="", width="stretch", height=280,
                     column_config={"actor_type": "type"})
    st.markdown("##### Who said what")
    if quotes.empty:
        st.caption("No quotes found.")
    else:
        with st.container(height=420):
            st.html(reader.said_html(quotes, set(f.speakers)))
