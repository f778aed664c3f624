"""What the Reader draws, from stored rows: the highlight spans with their hovers, the tables beside the
text, and which article is open.

Offsets are the join key: every span comes from a stored start/end, nothing is re-parsed.
"""
from __future__ import annotations

import html
from typing import Any, Collection, Sequence

import pandas as pd
import streamlit as st

from .charts import nation_label
from .highlight import Span, polarity_color
from .pagekit import md

NO_NAME = "—"


def rows(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with None for every missing value (pandas reads SQL NULLs in text as NaN, which is truthy)."""
    return df.astype(object).where(df.notna(), None)


# ---------------------------------------------------------------------------------------------- which article
def settle_pick(ids: Sequence[str]) -> None:
    """Seed the article picker from ``reader_article`` (set by a Reader link), else the first article.

    The picker follows a new link, and otherwise keeps what the analyst picked.
    """
    ss = st.session_state
    wanted = ss.get("reader_article")
    if wanted not in ids:
        wanted = ids[0]
    if ss.get("reader_pick") not in ids or ss.get("_reader_last_wanted") != wanted:
        ss["reader_pick"] = wanted
        ss["_reader_last_wanted"] = wanted


def on_pick() -> None:
    """The picker's callback: the picked article is the one to read, from its top."""
    ss = st.session_state
    ss["reader_article"] = ss["reader_pick"]
    ss["_reader_last_wanted"] = ss["reader_pick"]
    ss["reader_focus"] = None


def focus_in(article_id: str) -> tuple[int, int] | None:
    """The span a Reader link asked to show in this article, if any."""
    focus = st.session_state.get("reader_focus")
    if focus and st.session_state.get("reader_article") == article_id:
        return int(focus[0]), int(focus[1])
    return None


def meta_caption(art: dict) -> str:
    """Publication date (and where it came from), length and source, as one caption line (Markdown, the
    stored values made inert)."""
    meta = [f"Published **{md(art['published'] or 'unknown')}**"
            + (" (from the dateline)" if art.get("published_source") == "dateline" else ""),
            f"{int(art['words'] or 0):,} words"]
    if art.get("source"):
        meta.append(f"source: {md(art['source'])}")
    return " · ".join(meta)


def basis_text(basis: Any, reason: Any) -> str:
    """ " (inferred: Chancellor: a public office in a story set in …)": where a nation came from, for a hover."""
    if not isinstance(basis, str) or not basis:
        return ""
    return f" ({basis}: {reason})" if isinstance(reason, str) and reason else f" ({basis})"


# ---------------------------------------------------------------------------------------------- spans
def entity_spans(mentions: pd.DataFrame, selected: Collection[str]) -> list[Span]:
    """One span per mention, its actor's nation, affiliation and role on hover; the selected actors stand out."""
    spans = []
    for m in rows(mentions).itertuples():
        name = m.actor_name or m.text
        hover = [f"{name} ({m.actor_type or m.label})"]
        if m.nation:
            hover.append(f"nation: {nation_label(m.nation, NO_NAME)}{basis_text(m.nation_basis, m.nation_reason)}")
        if m.affiliation:
            hover.append(f"affiliation: {m.affiliation}")
        if m.role:
            hover.append(f"role: {m.role}")
        spans.append(Span(int(m.start), int(m.end), "entity", label=m.actor_type or m.label,
                          title=" · ".join(hover), selected=m.actor_id in selected,
                          dimmed=bool(selected) and m.actor_id not in selected,
                          data={"actor": m.actor_id or ""}))
    return spans


def speaker_tag(q: Any) -> str:
    """A quote row's speaker as the Reader tags it; "Mr Blair's official spokesman said" is Blair's voice, marked."""
    who = q.speaker or "unattributed"
    return f"{who} (spokesperson)" if getattr(q, "speaker_kind", None) == "spokesperson" else who


def quote_spans(quotes: pd.DataFrame, speakers: Collection[str], actors: Collection[str]) -> list[Span]:
    """One span per quote, tagged with its speaker; the selected speakers' (or actors') quotes stand out."""
    spans = []
    for q in rows(quotes).itertuples():
        who = speaker_tag(q)
        hover = f"{q.kind} quote · {who}" + (f" · cue: {q.cue}" if q.cue else "")
        chosen = q.speaker_id in speakers or q.speaker_id in actors
        spans.append(Span(int(q.start), int(q.end), "quote", label=q.kind, title=hover, tag=who,
                          selected=chosen, dimmed=bool(speakers) and not chosen,
                          data={"speaker": q.speaker_id or ""}))
    return spans


def date_spans(events: pd.DataFrame) -> list[Span]:
    """One span per time expression, its resolved value (or why there is none) on hover."""
    spans = []
    for e in rows(events).itertuples():  # None, not NaN, for an unresolved date ("→ nan (nan)" before)
        if e.value:
            hover = f"{e.expression} → {e.value} ({e.precision})"
            if e.end_value:
                hover += f" to {e.end_value}"
        else:
            hover = f"{e.expression}: {e.kind if e.kind != 'date' else 'unresolved'}"
        spans.append(Span(int(e.start), int(e.end), "date", label=e.kind, title=hover))
    return spans


def tone_spans(scores: pd.DataFrame) -> list[Span]:
    """Each scored sentence shaded by the model's polarity toward an actor."""
    return [Span(int(s.start), int(s.end), "sentiment", title=f"tone toward actor: {s.score:+.2f}",
                 color=polarity_color(float(s.score))) for s in scores.itertuples()]


def focus_span(start: int, end: int) -> Span:
    """The place a Reader link opened."""
    return Span(start, end, "focus", title="the place you opened")


# ---------------------------------------------------------------------------------------------- beside the text
def legend_labels(mentions: pd.DataFrame) -> list[str]:
    """The entity types of an article, for the colour legend."""
    if mentions.empty:
        return []
    m = rows(mentions)
    return sorted(set(m["actor_type"].fillna(m["label"])))


def people_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """Who is named: one row per actor with type, nation and number of mentions, most mentioned first."""
    m = rows(mentions)
    people = (m.assign(name=m["actor_name"].fillna(m["text"]))
              .groupby(["actor_id", "name", "actor_type"], dropna=False).size()
              .reset_index(name="mentions").sort_values("mentions", ascending=False))
    nations: dict[Any, Any] = dict(zip(m["actor_id"], m["nation"]))
    people["nation"] = [nation_label(n, NO_NAME) if n else "" for n in people["actor_id"].map(nations)]
    return people[["name", "actor_type", "nation", "mentions"]]


def said_html(quotes: pd.DataFrame, speakers: Collection[str] = ()) -> str:
    """Who said what, in full: each quote with its speaker, kind and cue, in reading order (escaped HTML).

    A table cell would cut the quote; here it wraps. The selected speakers' quotes are marked.
    """
    items = []
    for q in rows(quotes).sort_values("start").itertuples():
        who = speaker_tag(q)
        chosen = q.speaker_id in speakers
        meta = " · ".join(x for x in (q.kind, f"cue: {q.cue}" if q.cue else "") if x)
        items.append(f'<li class="nl-said{" nl-said-sel" if chosen else ""}"><b>{html.escape(str(who))}</b> '
                     f'<span class="nl-said-meta">{html.escape(meta)}</span><br>{html.escape(str(q.text))}</li>')
    return ('<style>.nl-said-list{list-style:none;padding:0;margin:0;font-size:0.9rem}'
            '.nl-said{padding:6px 8px;border-left:3px solid #c6dbef;margin-bottom:6px}'
            '.nl-said-sel{border-left-color:#08519c;background:#eff3ff}'
            '.nl-said-meta{color:#666;font-size:0.8rem}</style>'
            f'<ul class="nl-said-list">{"".join(items)}</ul>')


# ---------------------------------------------------------------------------------------------- stepping
def selected_places(mentions: pd.DataFrame, quotes: pd.DataFrame, actors: Collection[str],
                    speakers: Collection[str]) -> list[tuple[int, int]]:
    """The places of the selection in one article, in reading order: the selected actors' mentions and
    the selected speakers' quotes (what "previous / next mention" steps through)."""
    places = set()
    if actors and not mentions.empty:
        m = mentions[mentions["actor_id"].isin(list(actors))]
        places |= {(int(a), int(b)) for a, b in zip(m["start"], m["end"])}
    if speakers and not quotes.empty:
        q = quotes[quotes["speaker_id"].isin(list(speakers))]
        places |= {(int(a), int(b)) for a, b in zip(q["start"], q["end"])}
    return sorted(places)


def step_place(places: Sequence[tuple[int, int]], current: tuple[int, int] | None, step: int) -> tuple[int, int] | None:
    """The place ``step`` (+1 / -1) from ``current``; from nowhere, +1 is the first and -1 the last. Stops at the ends."""
    if not places:
        return None
    if current is None:
        return places[0] if step > 0 else places[-1]
    after = [p for p in places if p[0] > current[0]]
    before = [p for p in places if p[0] < current[0]]
    if step > 0:
        return after[0] if after else places[-1]
    return before[-1] if before else places[0]


def go_to(article_id: str, place: tuple[int, int] | None) -> None:
    """A button callback: open ``article_id`` at ``place`` (None: from its top)."""
    ss = st.session_state
    ss["reader_article"] = article_id
    ss["reader_focus"] = list(place) if place else None


def step_article(ids: Sequence[str], current: str, step: int) -> str | None:
    """The article ``step`` away from ``current`` in the picker's list, or None past the ends."""
    if current not in ids:
        return None
    i = list(ids).index(current) + step
    return ids[i] if 0 <= i < len(ids) else None
