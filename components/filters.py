"""Sidebar filters and the filter bar: the visible face of the shared selection."""
from __future__ import annotations

import streamlit as st

from . import cache, selection
from .charts import nation_label
from .pagekit import date_bounds, md

NO_NAME = "—"


def _label_map(df, id_col: str, name_col: str) -> dict[str, str]:
    return dict(zip(df[id_col], df[name_col])) if not df.empty else {}


#: How many values each sidebar picker lists (most quoted speakers, most named actors, latest articles).
PICKER_LIMIT = 300


def _options(ranked: list, selected: list) -> list:
    """The first PICKER_LIMIT of ``ranked`` (busiest first), then any selected value they leave out."""
    top = ranked[:PICKER_LIMIT]
    shown = set(top)
    return top + [v for v in selected if v not in shown]


def _bound(field: str) -> str:
    """The widget key for a selection field, seeded from the shared selection.

    The selection lives in plain session keys (``sel_*``); widgets use their own
    keys (``w_sel_*``), re-seeded on every run, because Streamlit drops a
    widget's state when the page that drew it is left.
    """
    state_key = selection.STATE_KEYS[field]
    wkey = "w_" + state_key
    st.session_state[wkey] = st.session_state.get(state_key)
    return wkey


def _store_back(field: str) -> None:
    state_key = selection.STATE_KEYS[field]
    st.session_state[state_key] = st.session_state.get("w_" + state_key)


def sidebar() -> None:
    """Speaker, nation, article and date-range filters, bound to the shared selection."""
    ss = st.session_state
    # each picker lists the PICKER_LIMIT busiest values, read as such (the browser draws every option on
    # every page: 77,000 actors at 10,000 articles); values from the URL or a chart stay selectable as well
    speakers = cache.speaker_options(limit=PICKER_LIMIT, include=ss.get("sel_speakers", []))
    nations = cache.nation_options()
    articles = cache.articles(limit=PICKER_LIMIT)
    actors = cache.actor_options(limit=PICKER_LIMIT, include=ss.get("sel_actors", []))
    sp_counts = dict(zip(speakers["id"], speakers["quotes"])) if not speakers.empty else {}
    sp_names = _label_map(speakers, "id", "name")
    na_counts = dict(zip(nations["nation"], nations["mentions"])) if not nations.empty else {}
    ar_titles = _label_map(articles, "id", "title") | cache.article_titles(ss.get("sel_articles", []))
    ac_names = _label_map(actors, "id", "name")
    sp_opts = _options(list(sp_names), ss.get("sel_speakers", []))
    na_opts = _options(list(na_counts), ss.get("sel_nations", []))
    ar_opts = _options(list(ar_titles), ss.get("sel_articles", []))
    ac_opts = _options(list(ac_names), ss.get("sel_actors", []))
    more = (f"The {PICKER_LIMIT} most quoted, named or recent are listed; click a chart or a table row to "
            f"select any other.")
    with st.sidebar:
        st.markdown("### Filters")
        st.multiselect("Speaker", sp_opts, key=_bound("speakers"), placeholder="All speakers",
                       help=more if cache.speaker_count() > PICKER_LIMIT else None,
                       on_change=_store_back, args=("speakers",),
                       format_func=lambda i: f"{sp_names.get(i, i)} ({sp_counts.get(i, 0)})")
        st.multiselect("Nation", na_opts, key=_bound("nations"), placeholder="All nations",
                       on_change=_store_back, args=("nations",),
                       format_func=lambda c: f"{nation_label(c, NO_NAME)} ({na_counts.get(c, 0)})")
        st.toggle("Count inferred nations", key=_bound("inferred"), on_change=_store_back, args=("inferred",),
                  help="On: a nation the analysis inferred (the story's setting with an office or a national "
                       "body, or a body named after a place) counts in every filter and chart. Off: only nations "
                       "an article states, another article states, or an analyst set.")
        st.multiselect("Actor", ac_opts, key=_bound("actors"), placeholder="All actors",
                       help=more if cache.actor_count() > PICKER_LIMIT else None,
                       on_change=_store_back, args=("actors",), format_func=lambda i: ac_names.get(i, i))
        st.multiselect("Article", ar_opts, key=_bound("articles"), placeholder="All articles",
                       help=more if len(articles) >= PICKER_LIMIT else None,
                       on_change=_store_back, args=("articles",), format_func=lambda i: ar_titles.get(i, i))
        # one under the other: side by side, the sidebar clipped them to "yyyy - mm -"; the bounds hold a
        # date from the URL however far out it is
        first, last = date_bounds(ss.get("sel_date_from"), ss.get("sel_date_to"))
        st.date_input("From", key=_bound("date_from"), min_value=first, max_value=last,
                      on_change=_store_back, args=("date_from",), format="YYYY-MM-DD")
        st.date_input("To", key=_bound("date_to"), min_value=first, max_value=last,
                      on_change=_store_back, args=("date_to",), format="YYYY-MM-DD")


def filter_bar() -> None:
    """What is active, with one click to clear each part, and a link that restores the view."""
    f = selection.current()
    if f.is_empty():
        st.caption("No filters: showing the whole corpus. Click a bar, cell or point in any chart to select.")
        return
    names = _label_map(cache.actor_options(limit=0, include=[*f.actors, *f.speakers]), "id", "name")
    titles = cache.article_titles(f.articles)
    chips: list[tuple[str, str]] = []
    for v in f.actors:
        chips.append(("actors", f"Actor: {md(names.get(v, v))}"))
    for v in f.speakers:
        chips.append(("speakers", f"Speaker: {md(names.get(v, v))}"))
    for v in f.nations:
        chips.append(("nations", f"Nation: {md(nation_label(v, NO_NAME))}"))
    for v in f.articles:
        chips.append(("articles", f"Article: {md(str(titles.get(v, v))[:40])}"))
    if f.date_from:
        chips.append(("date_from", f"From {md(f.date_from)}"))
    if f.date_to:
        chips.append(("date_to", f"To {md(f.date_to)}"))
    if not f.inferred_nations:
        chips.append(("inferred", "Inferred nations left out"))
    fields = list(dict.fromkeys(c[0] for c in chips))
    cols = st.columns(len(fields) + 1)
    for col, field in zip(cols, fields):
        label = " · ".join(c[1] for c in chips if c[0] == field)
        col.button(f"✕ {label}", key=f"clear_{field}", on_click=selection.clear_field, args=(field,),
                   help="Clear this filter", width="stretch")
    cols[-1].button("Clear all", key="clear_all", on_click=selection.clear_all, width="stretch")
