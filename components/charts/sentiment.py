"""The sentiment charts: portrayal per actor, speaker tone, speaker x target stance, portrayal over time,
and the lexicon view."""
from __future__ import annotations

import math
from typing import Any, Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .common import (DIVERGING, NEG_COLOR, NEU_COLOR, POS_COLOR, bar_height, base_layout, chart_dates, empty_figure, esc,
                     group_style, is_null, nation_group, nation_label, series_colors,
                     unique_labels, wrap)
from .speakers import speaker_counts


def portrayal_bar(portrayal: pd.DataFrame, *, top: int = 25,
                  title: str = "How the reporting portrays each actor (mentions outside quotes)") -> go.Figure:
    """Diverging stacked counts: negative mentions left of zero, positive right, neutral split around it.

    Actors are sorted by mean score; ``customdata[0]`` is the actor id.
    """
    if portrayal is None or portrayal.empty:
        return empty_figure("No scored mentions under the current filters")
    df = portrayal.copy()
    for c in ("n_neg", "n_neu", "n_pos", "n"):
        df[c] = pd.to_numeric(df[c], errors="coerce").fillna(0).astype(int)
    df = df.sort_values(["n", "name"], ascending=[False, True]).head(top)
    df["portrayal"] = pd.to_numeric(df["portrayal"], errors="coerce")
    df = df.sort_values("portrayal", ascending=True, na_position="first")
    df["label"] = unique_labels(df["name"].tolist(), df["id"].tolist())
    custom = np.column_stack([df["id"].astype(str), [esc(nation_label(n)) for n in df["nation"]],
                              df["n_neg"], df["n_neu"], df["n_pos"], df["n"],
                              [f"{p:+.2f}" if not is_null(p) else "n/a" for p in df["portrayal"]]]).tolist()
    hover = ("<b>%{y}</b> (%{customdata[1]})<br>mean score %{customdata[6]} over %{customdata[5]} mentions"
             "<br>negative %{customdata[2]} · neutral %{customdata[3]} · positive %{customdata[4]}<extra></extra>")
    fig = go.Figure()
    half = df["n_neu"] / 2
    fig.add_trace(go.Bar(y=df["label"], x=-df["n_neg"], base=-half, orientation="h", name="negative",
                         marker_color=NEG_COLOR, customdata=custom, hovertemplate=hover))
    fig.add_trace(go.Bar(y=df["label"], x=df["n_neu"], base=-half, orientation="h", name="neutral",
                         marker_color=NEU_COLOR, customdata=custom, hovertemplate=hover))
    fig.add_trace(go.Bar(y=df["label"], x=df["n_pos"], base=half, orientation="h", name="positive",
                         marker_color=POS_COLOR, customdata=custom, hovertemplate=hover))
    # the mean score, written at the right edge so it reads like a column of the table
    span = float((half + df["n_pos"]).max() or 1)
    fig.add_trace(go.Scatter(y=df["label"], x=[span * 1.08] * len(df), mode="text",
                             text=[f"{p:+.2f}" if not is_null(p) else "" for p in df["portrayal"]],
                             textposition="middle right", showlegend=False, hoverinfo="skip",
                             textfont=dict(size=11, color="#555")))
    fig.add_annotation(x=span * 1.08, y=1.0, yref="paper", yanchor="bottom", xanchor="left", showarrow=False,
                       text="mean", font=dict(size=11, color="#555"))
    lim = float(max((half + df["n_neg"]).max(), span) or 1)
    base_layout(fig, title, bar_height(len(df)), barmode="overlay",
                 xaxis=dict(title="Mentions (negative ← | → positive)", range=[-lim * 1.1, span * 1.3], zeroline=True,
                            zerolinecolor="#444"),
                 yaxis=dict(categoryorder="array", categoryarray=df["label"].tolist(), title=None),
                 legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0, xanchor="left"))
    return fig


def tone_bar(quotes: pd.DataFrame | None = None, *, counts: pd.DataFrame | None = None, top: int = 20,
             title: str = "Tone of each speaker's own words") -> go.Figure:
    """Mean tone (VADER compound) of each speaker's quotes; ``customdata[0]`` is the speaker id.

    From quote rows, or from ``counts`` already made (``speaker_counts``' columns)."""
    counts = speaker_counts(quotes) if counts is None else counts
    counts = counts[counts["tone"].notna()] if not counts.empty else counts
    if counts.empty:
        return empty_figure("No scored quotes under the current filters")
    df = counts.head(top).sort_values("tone").copy()
    df["label"] = unique_labels(df["speaker"].tolist(), df["speaker_id"].tolist())
    colors = [NEG_COLOR if t < -0.05 else POS_COLOR if t > 0.05 else NEU_COLOR for t in df["tone"]]
    fig = go.Figure(go.Bar(
        x=df["tone"], y=df["label"], orientation="h", marker_color=colors,
        customdata=np.column_stack([df["speaker_id"].astype(str), df["quotes"],
                                    [esc(nation_label(n)) for n in df["speaker_nation"]]]).tolist(),
        text=[f"n={q}" for q in df["quotes"]], textposition="outside", cliponaxis=False,
        hovertemplate="<b>%{y}</b> (%{customdata[2]})<br>mean tone %{x:+.2f} over %{customdata[1]} quote(s)"
                      "<extra></extra>"))
    lim = max(0.3, float(df["tone"].abs().max()) * 1.35)
    base_layout(fig, title, bar_height(len(df)), showlegend=False,
                 xaxis=dict(title="Mean tone of quotes, VADER compound (−1 … +1)", range=[-lim, lim], zeroline=True, zerolinecolor="#444"),
                 yaxis=dict(categoryorder="array", categoryarray=df["label"].tolist(), title=None))
    return fig


def stance_cells(targets: pd.DataFrame, *, top_speakers: int = 20, top_targets: int = 20) -> pd.DataFrame:
    """Speaker x target cells: mean polarity and count of the speaker's quotes that name the target."""
    cols = ["speaker_id", "speaker", "target_id", "target", "polarity", "n"]
    if targets is None or targets.empty:
        return pd.DataFrame(columns=cols)
    t = targets[targets["speaker_id"].notna() & targets["target_id"].notna()].copy()
    if t.empty:
        return pd.DataFrame(columns=cols)
    t["polarity"] = pd.to_numeric(t["polarity"], errors="coerce")
    t["target"] = t["target"].where(t["target"].notna(), t["target_id"])
    t["speaker"] = t["speaker"].where(t["speaker"].notna(), t["speaker_id"])
    def top(col: str, n: int):  # the busiest, ties by id (as ``Store.stance_cells_df`` ranks them)
        counts = t[col].value_counts().rename("n").reset_index()
        return counts.sort_values(["n", col], ascending=[False, True]).head(n)[col]

    top_s, top_t = top("speaker_id", top_speakers), top("target_id", top_targets)
    t = t[t["speaker_id"].isin(top_s) & t["target_id"].isin(top_t)]
    g = (t.groupby(["speaker_id", "target_id"], sort=False)
         .agg(speaker=("speaker", "first"), target=("target", "first"), polarity=("polarity", "mean"),
              n=("polarity", "size")).reset_index())
    return g[cols]


def stance_matrix(targets: pd.DataFrame | None = None, *, cells: pd.DataFrame | None = None, top_speakers: int = 20,
                  top_targets: int = 15, title: str = "Who says what about whom: speaker × target stance") -> go.Figure:
    """A heatmap of each speaker's mean stance toward each target, the number of quotes in each cell.

    Plotly cannot select heatmap cells, so an invisible square marker sits on every filled cell and
    takes the clicks: its ``customdata[0]`` is the speaker id, ``customdata[1]`` the target id. The
    clicked cell gets an outline.
    """
    if cells is None:
        cells = stance_cells(targets, top_speakers=top_speakers, top_targets=top_targets)
    if cells.empty:
        return empty_figure("No quote names another actor under the current filters")
    s_order = cells.groupby("speaker_id")["n"].sum().sort_values(ascending=False, kind="stable").index.tolist()
    t_order = cells.groupby("target_id")["n"].sum().sort_values(ascending=False, kind="stable").index.tolist()
    s_names = dict(zip(cells["speaker_id"], cells["speaker"]))
    t_names = dict(zip(cells["target_id"], cells["target"]))
    s_lab = dict(zip(s_order, unique_labels([s_names[i] for i in s_order], s_order)))
    t_lab = dict(zip(t_order, unique_labels([t_names[i] for i in t_order], t_order)))
    s_idx = {sid: i for i, sid in enumerate(s_order)}
    t_idx = {tid: j for j, tid in enumerate(t_order)}
    z: list[list[float | None]] = [[None] * len(t_order) for _ in s_order]
    for r in cells.itertuples():
        i, j = s_idx[r.speaker_id], t_idx[r.target_id]
        z[i][j] = None if is_null(r.polarity) else float(r.polarity)
    xs, ys = [t_lab[t] for t in t_order], [s_lab[sp] for sp in s_order]
    fig = go.Figure(go.Heatmap(
        z=z, x=xs, y=ys, zmin=-1, zmax=1,
        colorscale=DIVERGING, xgap=2, ygap=2, hoverinfo="skip",
        colorbar=dict(title=dict(text="stance"), tickvals=[-1, 0, 1],
                      ticktext=["−1 hostile", "0", "+1 favourable"], thickness=12)))
    pol = cells["polarity"].astype(float)
    # the counts as their own text trace, so each can take the colour that reads on its cell:
    # white on the dark ends of the scale, dark grey on the pale middle (a heatmap's text has one colour)
    fig.add_trace(go.Scatter(
        x=[t_lab[t] for t in cells["target_id"]], y=[s_lab[sp] for sp in cells["speaker_id"]], mode="text",
        text=[str(int(n)) for n in cells["n"]], hoverinfo="skip", showlegend=False,
        textfont=dict(size=10, color=[contrast_text(p) for p in pol])))
    rows, cols = len(s_order), len(t_order)
    cell_px = max(14, min(40, int(480 / max(rows, cols, 1))))
    fig.add_trace(go.Scatter(
        x=[t_lab[t] for t in cells["target_id"]], y=[s_lab[sp] for sp in cells["speaker_id"]], mode="markers",
        marker=dict(symbol="square-open", size=cell_px, color="#111", opacity=0, line=dict(width=3)),
        selected=dict(marker=dict(opacity=1)), unselected=dict(marker=dict(opacity=0)),
        customdata=np.column_stack([cells["speaker_id"].astype(str), cells["target_id"].astype(str),
                                    cells["n"], [f"{p:+.2f}" if not is_null(p) else "n/a" for p in pol]]).tolist(),
        hovertemplate="<b>%{y}</b> about <b>%{x}</b><br>mean stance %{customdata[3]} "
                      "in %{customdata[2]} quote(s)<br><i>click to read them</i><extra></extra>",
        showlegend=False))
    height = int(min(1100, max(320, 190 + rows * 28)))
    base_layout(fig, title, height, showlegend=False,
                 xaxis=dict(title="Target (the actor spoken about)", categoryorder="array", categoryarray=xs,
                            tickangle=-45, side="bottom", showgrid=False),
                 yaxis=dict(title="Speaker", categoryorder="array", categoryarray=ys[::-1], showgrid=False))
    fig.update_layout(margin=dict(l=10, r=10, t=50, b=120), plot_bgcolor="white")
    return fig


def contrast_text(polarity: float | None) -> str:
    """The colour of a number drawn on a stance cell: white where the diverging scale is dark (|p| > 0.5)."""
    return "#ffffff" if not is_null(polarity) and abs(float(polarity)) > 0.5 else "#333333"


def portrayal_over_time(df: pd.DataFrame, *, actors: Iterable[str] = (), top: int = 8,
                        title: str = "Portrayal over time (mean score per publication day)") -> go.Figure:
    """One line per actor: the mean portrayal score of the articles of each day; ``customdata[0]`` = actor id."""
    if df is None or df.empty:
        return empty_figure("No dated, scored mentions under the current filters")
    d = df.copy()
    d["published"] = chart_dates(d["published"]).to_numpy()
    d = d[d["published"].notna()]
    if d.empty:
        return empty_figure("No dated, scored mentions under the current filters")
    wanted = [a for a in actors if a in set(d["id"])]
    if not wanted:
        wanted = d.groupby("id")["n"].sum().sort_values(ascending=False).head(top).index.tolist()
    fig = go.Figure()
    for aid, color in zip(wanted, series_colors(len(wanted))):
        part = d[d["id"] == aid].sort_values("published")
        name = part["name"].dropna().iloc[0] if part["name"].notna().any() else aid
        fig.add_trace(go.Scatter(
            x=part["published"], y=part["portrayal"], mode="lines+markers", name=esc(name, 40),
            marker=dict(size=[6 + min(14, math.sqrt(n) * 2) for n in part["n"]], color=color),
            line=dict(color=color, width=2),
            customdata=[[str(aid), esc(name), int(n)] for n in part["n"]],
            hovertemplate="<b>%{customdata[1]}</b><br>%{x|%Y-%m-%d}: mean %{y:+.2f} over %{customdata[2]} "
                          "mention(s)<extra></extra>"))
    xaxis: dict[str, Any] = dict(title="Published", type="date", tickformat="%b %d, %Y")
    first, last = d["published"].min(), d["published"].max()
    if last - first < pd.Timedelta(days=7):  # one day or a few: a week around them, not millisecond ticks
        mid = first + (last - first) / 2
        xaxis.update(range=[mid - pd.Timedelta(days=4), mid + pd.Timedelta(days=4)], dtick=86_400_000)
    base_layout(fig, title, 380, xaxis=xaxis,
                 yaxis=dict(title="Mean score", range=[-1.05, 1.05], zeroline=True, zerolinecolor="#444"),
                 legend_title_text="Actor")
    return fig


def lexicon_scatter(quotes: pd.DataFrame, *, limit: int = 2000,
                    title: str = "Lexicon view: polarity and subjectivity of each quote (TextBlob)") -> go.Figure:
    """Each quote as a point (TextBlob polarity x subjectivity), coloured by speaker nation.

    ``customdata[0]`` is the speaker id. Quotes stored before polarity was kept
    (schema v1) have none and are left out.
    """
    if quotes is None or quotes.empty:
        return empty_figure("No quotes under the current filters")
    q = quotes.copy()
    q["polarity"] = pd.to_numeric(q["polarity"], errors="coerce") if "polarity" in q else float("nan")
    q["subjectivity"] = pd.to_numeric(q["subjectivity"], errors="coerce")
    q = q[q["polarity"].notna() & q["subjectivity"].notna()].head(limit)
    if q.empty:
        return empty_figure("No quote here has a TextBlob polarity (articles stored before version 2 of the "
                            "store have none)")
    fig = go.Figure()
    for group, part in q.groupby(q["speaker_nation"].map(nation_group), sort=False):
        legend, colour = group_style(group)
        fig.add_trace(go.Scatter(
            x=part["polarity"], y=part["subjectivity"], mode="markers", name=legend,
            marker=dict(size=9, color=colour, opacity=0.8, line=dict(color="#333", width=0.5)),
            customdata=[[("" if is_null(sid) else str(sid)), esc(sp if not is_null(sp) else "unattributed"),
                         wrap(t, 70, 260)] for sid, sp, t in zip(part["speaker_id"], part["speaker"], part["text"])],
            hovertemplate="<b>%{customdata[1]}</b><br>polarity %{x:+.2f} · subjectivity %{y:.2f}"
                          "<br>%{customdata[2]}<extra></extra>"))
    base_layout(fig, title, 400, legend_title_text="Speaker nation",
                 xaxis=dict(title="Polarity (−1 … +1)", range=[-1.05, 1.05], zeroline=True, zerolinecolor="#444"),
                 yaxis=dict(title="Subjectivity (0 objective … 1 subjective)", range=[-0.05, 1.05]))
    return fig


def nation_summary_table(groups: pd.DataFrame) -> pd.DataFrame:
    """``nation_summary``'s table from figures already grouped per nation code (``Store.quote_nations_df``)."""
    out = groups.assign(nation=[nation_label(c, "") or "—" for c in groups["speaker_nation"]])
    return out[["nation", "quotes", "polarity", "subjectivity", "tone"]].reset_index(drop=True)


def nation_summary(quotes: pd.DataFrame) -> pd.DataFrame:
    """Per speaker nation: quotes, mean TextBlob polarity and subjectivity, mean VADER tone."""
    num = {c: pd.to_numeric(quotes[c], errors="coerce") for c in ("tone", "polarity", "subjectivity")
           if c in quotes}
    scored = quotes.assign(**num)
    summary = (scored.assign(nation=[nation_label(c, "") for c in scored["speaker_nation"]])
               .groupby("nation", dropna=False)
               .agg(quotes=("text", "size"), polarity=("polarity", "mean"),
                    subjectivity=("subjectivity", "mean"), tone=("tone", "mean"))
               .reset_index().sort_values("quotes", ascending=False))
    summary["nation"] = summary["nation"].replace("", "—")
    return summary
