"""The speaker charts: quotes per speaker, and whose voice the coverage carries (nation, form, sourcing)."""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .common import (KIND_COLORS, NEU_COLOR, NO_NATION, UNNAMED, bar_height, base_layout, count_axis, empty_figure, esc,
                     is_null, nation_label, unique_labels)


def speaker_counts(quotes: pd.DataFrame) -> pd.DataFrame:
    """Per resolved speaker: quotes by kind, quoted words, nation and mean tone."""
    cols = ["speaker_id", "speaker", "speaker_nation", "quotes", "words", "tone", "direct", "indirect", "mixed"]
    if quotes is None or quotes.empty:
        return pd.DataFrame(columns=cols)
    q = quotes[quotes["speaker_id"].notna()].copy()
    if q.empty:
        return pd.DataFrame(columns=cols)
    q["kind"] = q["kind"].fillna("direct")
    q["words"] = pd.to_numeric(q["words"], errors="coerce").fillna(0)
    q["tone"] = pd.to_numeric(q["tone"], errors="coerce")
    g = q.groupby("speaker_id", sort=False)
    out = pd.DataFrame({
        # first() takes each group's first non-null value, in C (a Python lambda per speaker took 0.5 s)
        "speaker": g["speaker"].first(),
        "speaker_nation": g["speaker_nation"].first(),
        "quotes": g.size(), "words": g["words"].sum().astype(int), "tone": g["tone"].mean(),
    })
    kinds = q.pivot_table(index="speaker_id", columns="kind", values="start", aggfunc="count", fill_value=0)
    for k in ("direct", "indirect", "mixed"):
        out[k] = kinds[k].reindex(out.index).fillna(0).astype(int) if k in kinds.columns else 0
    out = out.reset_index().sort_values(["quotes", "speaker"], ascending=[False, True])
    return out[cols].reset_index(drop=True)


def speakers_bar(quotes: pd.DataFrame | None = None, *, counts: pd.DataFrame | None = None, top: int = 25,
                 title: str = "Quotes per speaker") -> go.Figure:
    """Quotes per speaker, stacked by quote kind; ``customdata[0]`` is the speaker's actor id.

    From quote rows, or from ``counts`` already made (``speaker_counts``' columns, as
    ``Store.speaker_counts_df`` gives them)."""
    counts = speaker_counts(quotes) if counts is None else counts
    if counts.empty:
        return empty_figure("No attributed quotes under the current filters")
    df = counts.head(top).copy()
    df["label"] = unique_labels(df["speaker"].tolist(), df["speaker_id"].tolist())
    custom = np.column_stack([df["speaker_id"].astype(str), [esc(nation_label(n)) for n in df["speaker_nation"]],
                              df["quotes"], df["words"],
                              [f"{t:+.2f}" if not is_null(t) else "n/a" for t in df["tone"]]]).tolist()
    fig = go.Figure()
    for kind in ("direct", "mixed", "indirect"):
        if df[kind].sum() == 0:
            continue
        fig.add_trace(go.Bar(
            x=df[kind], y=df["label"], orientation="h", name=kind, marker_color=KIND_COLORS[kind],
            marker_line=dict(color="#4d4d4d", width=0.5), customdata=custom,
            hovertemplate="<b>%{y}</b> (%{customdata[1]})<br>" + kind + ": %{x} of %{customdata[2]} quotes"
                          "<br>quoted words: %{customdata[3]}<br>mean tone: %{customdata[4]}<extra></extra>"))
    base_layout(fig, title, bar_height(len(df)), barmode="stack", legend_title_text="Kind",
                 xaxis=count_axis(float(df["quotes"].max()), "Quotes"),
                 yaxis=dict(categoryorder="array", categoryarray=df["label"].tolist()[::-1], title=None))
    return fig


NAMED_KINDS = ("named", "pronoun", "nominal", "spokesperson")


def source_class(speaker_id: Any, speaker_kind: Any) -> str:
    """'named' when the quote is tied to a resolved actor by name, pronoun or title; else 'unnamed'."""
    if not is_null(speaker_id) and speaker_id and (is_null(speaker_kind) or speaker_kind in NAMED_KINDS):
        return "named"
    return "unnamed"


def voice_balance(quotes: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Share of quotes and quoted words per speaker nation, per kind, and named vs unnamed sources.

    ``quotes`` is quote rows, or quotes already grouped with their count in ``n`` (``Store.voice_groups_df``).
    Returns ``{"nations": ..., "kinds": ..., "sources": ...}``, each with the columns
    group, quotes, words, quote_share, word_share (shares sum to 1 within a table).
    """
    def table(keys: pd.Series, n: pd.Series, words: pd.Series, col: str) -> pd.DataFrame:
        d = pd.DataFrame({col: keys.values, "n": n.values, "words": words.values})
        g = d.groupby(col, dropna=False, sort=False).agg(quotes=("n", "sum"), words=("words", "sum"))
        g = g.reset_index().sort_values("quotes", ascending=False, kind="stable").reset_index(drop=True)
        g["quotes"] = g["quotes"].astype(int)
        tq, tw = g["quotes"].sum(), g["words"].sum()
        g["quote_share"] = g["quotes"] / tq if tq else 0.0
        g["word_share"] = g["words"] / tw if tw else 0.0
        g["words"] = g["words"].astype(int)
        return g

    if quotes is None or quotes.empty:
        empty = pd.DataFrame(columns=["group", "quotes", "words", "quote_share", "word_share"])
        return {"nations": empty.rename(columns={"group": "nation"}), "kinds": empty.rename(columns={"group": "kind"}),
                "sources": empty.rename(columns={"group": "source"})}
    n = quotes["n"] if "n" in quotes.columns else pd.Series(1, index=quotes.index)
    words = pd.to_numeric(quotes["words"], errors="coerce").fillna(0)
    kinds = quotes["kind"].fillna("unknown")
    sources = pd.Series([source_class(i, k) for i, k in zip(quotes["speaker_id"], quotes["speaker_kind"])],
                        index=quotes.index)
    # a named speaker with no nation is "(no nation)"; an unnamed source has none to give ("officials said")
    nations = pd.Series([nat if not is_null(nat) and nat else NO_NATION if src == "named" else UNNAMED
                         for nat, src in zip(quotes["speaker_nation"], sources)], index=quotes.index)
    return {"nations": table(nations, n, words, "nation"), "kinds": table(kinds, n, words, "kind"),
            "sources": table(sources, n, words, "source")}


def voice_nations_bar(nations: pd.DataFrame, *, top: int = 15,
                      title: str = "Voice by speaker nation") -> go.Figure:
    """Grouped bars of quote share and word share per nation; ``customdata[0]`` is the nation code."""
    if nations is None or nations.empty:
        return empty_figure("No quotes under the current filters")
    df = nations.head(top).copy()
    df["label"] = [esc(n if n in (NO_NATION, UNNAMED) else nation_label(n)) for n in df["nation"]]
    code = ["" if n in (NO_NATION, UNNAMED) else n for n in df["nation"]]
    custom = np.column_stack([code, df["quotes"], df["words"]]).tolist()
    fig = go.Figure()
    fig.add_trace(go.Bar(x=df["label"], y=df["quote_share"], name="share of quotes", marker_color="#4477aa",
                         customdata=custom, hovertemplate="<b>%{x}</b><br>%{y:.0%} of quotes "
                                                          "(%{customdata[1]})<extra></extra>"))
    fig.add_trace(go.Bar(x=df["label"], y=df["word_share"], name="share of quoted words", marker_color="#ccbb44",
                         customdata=custom, hovertemplate="<b>%{x}</b><br>%{y:.0%} of quoted words "
                                                          "(%{customdata[2]})<extra></extra>"))
    base_layout(fig, title, 360, barmode="group", yaxis=dict(tickformat=".0%", title="Share", rangemode="tozero"),
                 xaxis=dict(title=None, tickangle=-40),
                 legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0, xanchor="left"))
    fig.update_layout(margin=dict(l=10, r=10, t=70, b=40))
    return fig


def voice_split_bar(kinds: pd.DataFrame, sources: pd.DataFrame,
                    title: str = "Form and sourcing of the quotes") -> go.Figure:
    """Two 100% bars: direct / mixed / indirect, and named / unnamed sources (share of quotes)."""
    if (kinds is None or kinds.empty) and (sources is None or sources.empty):
        return empty_figure("No quotes under the current filters")
    colors = KIND_COLORS | {"named": "#117733", "unnamed": "#ddcc77", "unknown": NEU_COLOR}
    fig = go.Figure()
    for row_label, df, col in (("Form", kinds, "kind"), ("Source", sources, "source")):
        if df is None or df.empty:
            continue
        for r in df.itertuples():
            key = getattr(r, col)
            fig.add_trace(go.Bar(
                y=[row_label], x=[r.quote_share], orientation="h", name=esc(key),
                marker=dict(color=colors.get(key, NEU_COLOR), line=dict(color="#4d4d4d", width=0.5)),
                text=[f"{esc(key)} {r.quote_share:.0%}"], textposition="inside", insidetextanchor="middle",
                customdata=[[esc(key), r.quotes, r.words, f"{r.word_share:.0%}"]],
                hovertemplate="<b>%{customdata[0]}</b><br>%{x:.0%} of quotes (%{customdata[1]})"
                              "<br>%{customdata[3]} of quoted words (%{customdata[2]})<extra></extra>",
                showlegend=False))
    base_layout(fig, title, 220, barmode="stack", xaxis=dict(tickformat=".0%", range=[0, 1], title="Share of quotes"),
                 yaxis=dict(title=None, categoryorder="array", categoryarray=["Source", "Form"]))
    fig.update_layout(clickmode="none")
    return fig
