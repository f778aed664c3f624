"""Reader: one article as a reader expects it, with entities, quotes and dates highlighted.

Drawn from stored offsets only: the text, blocks, mentions, quotes and events
come from the store, never from spaCy.
"""
from __future__ import annotations

import streamlit as st

from components import filters, selection
from components.cache import article_query, get_store, query
from components.layout import setup_page
from components.highlight import Span, legend_html, polarity_color, render_article
from store import Filters

setup_page("Reader")
f = selection.current()

articles = query("articles_df", Filters(articles=f.articles) if f.articles else None)
if articles.empty:
    st.info("No article to read yet: add one on the Upload page.")
    st.stop()

ids = list(articles["id"])
titles = dict(zip(articles["id"], articles["title"]))
wanted = st.session_state.get("reader_article")
if wanted not in ids:
    wanted = ids[0]
if st.session_state.get("reader_pick") not in ids or st.session_state.get("_reader_last_wanted") != wanted:
    st.session_state["reader_pick"] = wanted
    st.session_state["_reader_last_wanted"] = wanted


def _picked() -> None:
    st.session_state["reader_article"] = st.session_state["reader_pick"]
    st.session_state["_reader_last_wanted"] = st.session_state["reader_pick"]
    st.session_state["reader_focus"] = None


article_id = st.selectbox("Article", ids, key="reader_pick", format_func=lambda i: titles.get(i, i),
                          on_change=_picked)
art = article_query("article", article_id)
if art is None:
    st.warning("That article is no longer in the store.")
    st.stop()
text = art["text"]
blocks = article_query("blocks_df", article_id).to_dict("records")
mentions = article_query("mentions_df", article_id)
quotes = query("quotes_df", Filters(articles=(article_id,)))
events = query("events_df", Filters(articles=(article_id,)), include_unresolved=True)

meta = [f"Published **{art['published'] or 'unknown'}**"
        + (" (from the dateline)" if art.get("published_source") == "dateline" else ""),
        f"{int(art['words'] or 0):,} words"]
if art.get("source"):
    meta.append(f"source: {art['source']}")
st.caption(" · ".join(meta).replace("<", "&lt;"))

with st.expander("Publication date (events are resolved against it)"):
    import datetime as _dt

    current = _dt.date.fromisoformat(art["published"]) if art["published"] else None
    new_date = st.date_input("Published", value=current, key=f"pub_{article_id}", format="YYYY-MM-DD",
                             min_value=_dt.date(1900, 1, 1), max_value=_dt.date(2100, 12, 31))
    if st.button("Save date and re-resolve events", key=f"pub_save_{article_id}"):
        n = get_store().set_published(article_id, new_date.isoformat() if new_date else None)
        st.success(f"Saved; {n} time expressions resolved again.")
        st.rerun()

c1, c2, c3, c4 = st.columns(4)
show_entities = c1.toggle("Entities", value=True, key="reader_entities")
show_quotes = c2.toggle("Quotes", value=True, key="reader_quotes")
show_dates = c3.toggle("Dates", value=True, key="reader_dates")
sel_actors = set(f.actors)
shade = c4.toggle("Tone toward selected actor", value=False, key="reader_shade", disabled=not sel_actors,
                  help="Shade each sentence by the model's polarity toward the selected actor")

spans: list[Span] = []
if show_entities and not mentions.empty:
    mentions = mentions.astype(object).where(mentions.notna(), None)
    for m in mentions.itertuples():
        name = m.actor_name or m.text
        hover = [f"{name} ({m.actor_type or m.label})"]
        if m.nation:
            hover.append(f"nation: {filters.nation_name(m.nation)}")
        if m.affiliation:
            hover.append(f"affiliation: {m.affiliation}")
        if m.role:
            hover.append(f"role: {m.role}")
        spans.append(Span(int(m.start), int(m.end), "entity", label=m.actor_type or m.label,
                          title=" · ".join(hover), selected=m.actor_id in sel_actors,
                          dimmed=bool(sel_actors) and m.actor_id not in sel_actors,
                          data={"actor": m.actor_id or ""}))
sel_speakers = set(f.speakers)
if show_quotes and not quotes.empty:
    for q in quotes.itertuples():
        who = q.speaker or "unattributed"
        hover = f"{q.kind} quote · {who}" + (f" · cue: {q.cue}" if q.cue else "")
        chosen = q.speaker_id in sel_speakers or q.speaker_id in sel_actors
        spans.append(Span(int(q.start), int(q.end), "quote", label=q.kind, title=hover, tag=who,
                          selected=chosen, dimmed=bool(sel_speakers) and not chosen,
                          data={"speaker": q.speaker_id or ""}))
if show_dates and not events.empty:
    for e in events.itertuples():
        if e.value:
            hover = f"{e.expression} → {e.value} ({e.precision})"
            if e.end_value:
                hover += f" to {e.end_value}"
        else:
            hover = f"{e.expression}: {e.kind if e.kind != 'date' else 'unresolved'}"
        spans.append(Span(int(e.start), int(e.end), "date", label=e.kind, title=hover))
if shade and sel_actors:
    for actor_id in sel_actors:
        scores = article_query("sentence_scores_df", article_id, actor_id)
        for s in scores.itertuples():
            spans.append(Span(int(s.start), int(s.end), "sentiment", title=f"tone toward actor: {s.score:+.2f}",
                              color=polarity_color(float(s.score))))
focus = st.session_state.get("reader_focus")
if focus and st.session_state.get("reader_article") == article_id:
    a, b = int(focus[0]), int(focus[1])
    spans.append(Span(a, b, "focus", title="the place you opened"))
    st.info("Opened at: " + text[a:b][:300].replace("\n", " "), icon="📍")

labels = sorted(set(mentions["actor_type"].fillna(mentions["label"]))) if not mentions.empty else []
st.html(legend_html(labels, quotes=show_quotes, dates=show_dates))
left, right = st.columns([3, 1.3])
with left:
    st.html(render_article(text, blocks, spans))
with right:
    st.markdown("##### Who is named")
    if mentions.empty:
        st.caption("No entities found.")
    else:
        people = (mentions.assign(name=mentions["actor_name"].fillna(mentions["text"]))
                  .groupby(["actor_id", "name", "actor_type"], dropna=False).size()
                  .reset_index(name="mentions").sort_values("mentions", ascending=False))
        people["nation"] = [filters.nation_name(n) if n else "" for n in
                            people["actor_id"].map(dict(zip(mentions["actor_id"], mentions["nation"])))]
        st.dataframe(people[["name", "actor_type", "nation", "mentions"]], hide_index=True,
                     width="stretch", height=280,
                     column_config={"actor_type": "type"})
    st.markdown("##### Who said what")
    if quotes.empty:
        st.caption("No quotes found.")
    else:
        st.dataframe(quotes[["speaker", "kind", "cue", "text"]], hide_index=True, width="stretch",
                     height=320)
