"""What the Reader draws, from stored rows: the highlight spans with their hovers, the tables beside the
text, and which article is open.

Offsets are the join key: every span comes from a stored start/end, nothing is re-parsed.
"""
from __future__ import annotations

from typing import Any, Collection, Sequence

import pandas as pd
import streamlit as st

from .charts import nation_label
from .highlight import Span, polarity_color

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
    """Publication date (and where it came from), length and source, as one caption line."""
    meta = [f"Published **{art['published'] or 'unknown'}**"
            + (" (from the dateline)" if art.get("published_source") == "dateline" else ""),
            f"{int(art['words'] or 0):,} words"]
    if art.get("source"):
        meta.append(f"source: {art['source']}")
    return " · ".join(meta).replace("<", "&lt;")


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


def quote_spans(quotes: pd.DataFrame, speakers: Collection[str], actors: Collection[str]) -> list[Span]:
    """One span per quote, tagged with its speaker; the selected speakers' (or actors') quotes stand out."""
    spans = []
    for q in quotes.itertuples():
        who = q.speaker or "unattributed"
        if getattr(q, "speaker_kind", None) == "spokesperson":
            who = f"{who} (spokesperson)"  # "Mr Blair's official spokesman said": Blair's voice, marked
        hover = f"{q.kind} quote · {who}" + (f" · cue: {q.cue}" if q.cue else "")
        chosen = q.speaker_id in speakers or q.speaker_id in actors
        spans.append(Span(int(q.start), int(q.end), "quote", label=q.kind, title=hover, tag=who,
                          selected=chosen, dimmed=bool(speakers) and not chosen,
                          data={"speaker": q.speaker_id or ""}))
    return spans


def date_spans(events: pd.DataFrame) -> list[Span]:
    """One span per time expression, its resolved value (or why there is none) on hover."""
    spans = []
    for e in events.itertuples():
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
