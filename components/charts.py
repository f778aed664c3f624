"""DataFrames from the store -> plotly Figures. Pure functions: no Streamlit, no store.

Every chart that takes part in the linked selection puts the value a click
selects (actor id, speaker id, nation code, article id) in ``customdata[0]`` of
each point; the rest of ``customdata`` feeds the hover template. Plotly renders
hover text, tick labels and legend names as HTML, so every article-derived
string that reaches a figure goes through ``html.escape`` first (``esc``).
"""
from __future__ import annotations

import html
import math
import zlib
from functools import lru_cache
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

NEG_COLOR = "#d6604d"
NEU_COLOR = "#bdbdbd"
POS_COLOR = "#4393c3"
DIVERGING = [[0.0, "#b2182b"], [0.25, "#ef8a62"], [0.5, "#f7f7f7"], [0.75, "#67a9cf"], [1.0, "#2166ac"]]
# colour-blind-aware qualitative palette (Tol's muted + bright), stable per nation via a hash
PALETTE = ("#332288", "#88ccee", "#44aa99", "#117733", "#999933", "#ddcc77", "#cc6677", "#882255",
           "#aa4499", "#4477aa", "#66ccee", "#228833", "#ccbb44", "#ee6677", "#aa3377", "#0077bb",
           "#33bbee", "#009988", "#ee7733", "#cc3311", "#ee3377")
NO_NATION_COLOR = "#b0b0b0"
KIND_COLORS = {"direct": "#2166ac", "mixed": "#67a9cf", "indirect": "#d1e5f0"}
NO_NATION = "(no nation)"
_FONT = dict(size=12)


def esc(value: Any, limit: int | None = None) -> str:
    """HTML-escaped text for plotly (hover, ticks, legend); None -> ""; long text cut at ``limit``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    s = str(value)
    if limit is not None and len(s) > limit:
        s = s[: max(1, limit - 1)].rstrip() + "…"
    return html.escape(s)


def wrap(value: Any, width: int = 70, limit: int = 320) -> str:
    """Escaped text broken into hover lines of about ``width`` characters."""
    raw = "" if value is None or (isinstance(value, float) and math.isnan(value)) else " ".join(str(value).split())
    if len(raw) > limit:
        raw = raw[: limit - 1].rstrip() + "…"
    lines, line = [], ""
    for word in raw.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "<br>".join(html.escape(x) for x in lines)


@lru_cache(maxsize=512)
def nation_label(code: str | None) -> str:
    """A readable country name for an ISO alpha-2 code; the code itself when unknown."""
    if not code or (isinstance(code, float) and math.isnan(code)):
        return NO_NATION
    from analysis.lexicon.gazetteer import country_name

    return country_name(str(code).upper()) or str(code)


def nation_color(code: str | None) -> str:
    """A colour that stays the same for a nation in every chart and every session."""
    if not code or (isinstance(code, float) and math.isnan(code)):
        return NO_NATION_COLOR
    return PALETTE[zlib.crc32(str(code).upper().encode()) % len(PALETTE)]


def group_color(label: str) -> str:
    """A stable colour for any group label (actor names on the timeline)."""
    if not label or label == NO_NATION:
        return NO_NATION_COLOR
    return PALETTE[zlib.crc32(label.encode()) % len(PALETTE)]


def _isnull(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT


def empty_figure(message: str = "No data under the current filters", height: int = 220) -> go.Figure:
    """A blank figure that says why it is blank."""
    fig = go.Figure()
    fig.add_annotation(text=esc(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font=dict(size=14, color="#666"))
    fig.update_layout(height=height, xaxis=dict(visible=False), yaxis=dict(visible=False),
                      margin=dict(l=10, r=10, t=30, b=10))
    return fig


def _unique_labels(names: Sequence[Any], ids: Sequence[Any]) -> list[str]:
    """Escaped category labels; two actors sharing a name stay two bars."""
    labels = [esc(n if not _isnull(n) else i, 60) or "?" for n, i in zip(names, ids)]
    seen: dict[str, int] = {}
    for lab in labels:
        seen[lab] = seen.get(lab, 0) + 1
    out = []
    for lab, i in zip(labels, ids):
        out.append(f"{lab} ({esc(i, 30)})" if seen[lab] > 1 else lab)
    return out


def _count_axis(max_value: float, title: str) -> dict:
    """An axis for counts: whole numbers only (no "0.5 quotes")."""
    axis: dict[str, Any] = dict(title=title, tickformat=",d", rangemode="tozero")
    if max_value <= 10:
        axis["dtick"] = 1
    return axis


def _bar_height(n: int, per: int = 24, base: int = 140, lo: int = 240, hi: int = 1100) -> int:
    return int(min(hi, max(lo, base + per * n)))


def _layout(fig: go.Figure, title: str, height: int, **kw: Any) -> go.Figure:
    fig.update_layout(title=dict(text=esc(title), x=0, xanchor="left"), height=height if title else height - 30,
                      font=_FONT, margin=dict(l=10, r=10, t=50 if title else 20, b=40), clickmode="event+select", dragmode=False,
                      hoverlabel=dict(align="left"), **kw)
    return fig


# ---------------------------------------------------------------------------------------------- actors
def actors_bar(actors: pd.DataFrame, *, top: int = 25, title: str = "Mentions per actor") -> go.Figure:
    """Horizontal bars of mentions per actor, coloured by nation; ``customdata[0]`` is the actor id."""
    if actors is None or actors.empty:
        return empty_figure()
    df = actors.sort_values(["mentions", "name"], ascending=[False, True]).head(top).copy()
    df["label"] = _unique_labels(df["name"].tolist(), df["id"].tolist())
    df["nation_name"] = [nation_label(n) for n in df["nation"]]
    order = df["label"].tolist()
    fig = go.Figure()
    for nation, part in df.groupby(df["nation"].fillna(""), sort=False):
        fig.add_trace(go.Bar(
            x=part["mentions"], y=part["label"], orientation="h", name=esc(nation_label(nation or None)),
            marker_color=nation_color(nation or None),
            customdata=np.column_stack([part["id"].astype(str), [esc(x) for x in part["nation_name"]],
                                        [esc(x) for x in part["type"]], part["articles"].fillna(0).astype(int),
                                        [esc(x, 80) for x in part["role"]]]).tolist(),
            hovertemplate="<b>%{y}</b><br>%{customdata[2]} · %{customdata[1]}<br>%{customdata[4]}"
                          "<br>mentions: %{x} in %{customdata[3]} article(s)<extra></extra>"))
    _layout(fig, title, _bar_height(len(df)), barmode="stack", legend_title_text="Nation",
            legend_traceorder="normal", xaxis=_count_axis(float(df["mentions"].max()), "Mentions"), yaxis=dict(categoryorder="array", categoryarray=order[::-1], title=None))
    return fig


# ---------------------------------------------------------------------------------------------- speakers
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
        "speaker": g["speaker"].agg(lambda s: s.dropna().iloc[0] if s.notna().any() else None),
        "speaker_nation": g["speaker_nation"].agg(lambda s: s.dropna().iloc[0] if s.notna().any() else None),
        "quotes": g.size(), "words": g["words"].sum().astype(int), "tone": g["tone"].mean(),
    })
    kinds = q.pivot_table(index="speaker_id", columns="kind", values="start", aggfunc="count", fill_value=0)
    for k in ("direct", "indirect", "mixed"):
        out[k] = kinds[k].reindex(out.index).fillna(0).astype(int) if k in kinds.columns else 0
    out = out.reset_index().sort_values(["quotes", "speaker"], ascending=[False, True])
    return out[cols].reset_index(drop=True)


def speakers_bar(quotes: pd.DataFrame, *, top: int = 25, title: str = "Quotes per speaker") -> go.Figure:
    """Quotes per speaker, stacked by quote kind; ``customdata[0]`` is the speaker's actor id."""
    counts = speaker_counts(quotes)
    if counts.empty:
        return empty_figure("No attributed quotes under the current filters")
    df = counts.head(top).copy()
    df["label"] = _unique_labels(df["speaker"].tolist(), df["speaker_id"].tolist())
    custom = np.column_stack([df["speaker_id"].astype(str), [esc(nation_label(n)) for n in df["speaker_nation"]],
                              df["quotes"], df["words"],
                              [f"{t:+.2f}" if not _isnull(t) else "n/a" for t in df["tone"]]]).tolist()
    fig = go.Figure()
    for kind in ("direct", "mixed", "indirect"):
        if df[kind].sum() == 0:
            continue
        fig.add_trace(go.Bar(
            x=df[kind], y=df["label"], orientation="h", name=kind, marker_color=KIND_COLORS[kind],
            marker_line=dict(color="#4d4d4d", width=0.5), customdata=custom,
            hovertemplate="<b>%{y}</b> (%{customdata[1]})<br>" + kind + ": %{x} of %{customdata[2]} quotes"
                          "<br>quoted words: %{customdata[3]}<br>mean tone: %{customdata[4]}<extra></extra>"))
    _layout(fig, title, _bar_height(len(df)), barmode="stack", legend_title_text="Kind",
            xaxis=_count_axis(float(df["quotes"].max()), "Quotes"), yaxis=dict(categoryorder="array", categoryarray=df["label"].tolist()[::-1],
                                             title=None))
    return fig


NAMED_KINDS = ("named", "pronoun", "nominal")


def source_class(speaker_id: Any, speaker_kind: Any) -> str:
    """'named' when the quote is tied to a resolved actor by name, pronoun or title; else 'unnamed'."""
    if not _isnull(speaker_id) and speaker_id and (_isnull(speaker_kind) or speaker_kind in NAMED_KINDS):
        return "named"
    return "unnamed"


def voice_balance(quotes: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Share of quotes and quoted words per speaker nation, per kind, and named vs unnamed sources.

    Returns ``{"nations": ..., "kinds": ..., "sources": ...}``, each with the columns
    group, quotes, words, quote_share, word_share (shares sum to 1 within a table).
    """
    def table(keys: pd.Series, words: pd.Series, col: str) -> pd.DataFrame:
        d = pd.DataFrame({col: keys.values, "words": words.values})
        g = d.groupby(col, dropna=False, sort=False).agg(quotes=("words", "size"), words=("words", "sum"))
        g = g.reset_index().sort_values("quotes", ascending=False).reset_index(drop=True)
        tq, tw = g["quotes"].sum(), g["words"].sum()
        g["quote_share"] = g["quotes"] / tq if tq else 0.0
        g["word_share"] = g["words"] / tw if tw else 0.0
        g["words"] = g["words"].astype(int)
        return g

    if quotes is None or quotes.empty:
        empty = pd.DataFrame(columns=["group", "quotes", "words", "quote_share", "word_share"])
        return {"nations": empty.rename(columns={"group": "nation"}), "kinds": empty.rename(columns={"group": "kind"}),
                "sources": empty.rename(columns={"group": "source"})}
    words = pd.to_numeric(quotes["words"], errors="coerce").fillna(0)
    nations = quotes["speaker_nation"].where(quotes["speaker_nation"].notna(), None)
    nations = nations.map(lambda v: NO_NATION if _isnull(v) or not v else v)
    kinds = quotes["kind"].fillna("unknown")
    sources = pd.Series([source_class(i, k) for i, k in zip(quotes["speaker_id"], quotes["speaker_kind"])],
                        index=quotes.index)
    return {"nations": table(nations, words, "nation"), "kinds": table(kinds, words, "kind"),
            "sources": table(sources, words, "source")}


def voice_nations_bar(nations: pd.DataFrame, *, top: int = 15,
                      title: str = "Voice by speaker nation") -> go.Figure:
    """Grouped bars of quote share and word share per nation; ``customdata[0]`` is the nation code."""
    if nations is None or nations.empty:
        return empty_figure("No quotes under the current filters")
    df = nations.head(top).copy()
    df["label"] = [esc(nation_label(None if n == NO_NATION else n)) for n in df["nation"]]
    code = ["" if n == NO_NATION else n for n in df["nation"]]
    custom = np.column_stack([code, df["quotes"], df["words"]]).tolist()
    fig = go.Figure()
    fig.add_trace(go.Bar(x=df["label"], y=df["quote_share"], name="share of quotes", marker_color="#4477aa",
                         customdata=custom, hovertemplate="<b>%{x}</b><br>%{y:.0%} of quotes "
                                                          "(%{customdata[1]})<extra></extra>"))
    fig.add_trace(go.Bar(x=df["label"], y=df["word_share"], name="share of quoted words", marker_color="#ccbb44",
                         customdata=custom, hovertemplate="<b>%{x}</b><br>%{y:.0%} of quoted words "
                                                          "(%{customdata[2]})<extra></extra>"))
    _layout(fig, title, 360, barmode="group", yaxis=dict(tickformat=".0%", title="Share", rangemode="tozero"),
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
    _layout(fig, title, 220, barmode="stack", xaxis=dict(tickformat=".0%", range=[0, 1], title="Share of quotes"),
            yaxis=dict(title=None, categoryorder="array", categoryarray=["Source", "Form"]))
    fig.update_layout(clickmode="none")
    return fig


# ---------------------------------------------------------------------------------------------- sentiment
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
    df["label"] = _unique_labels(df["name"].tolist(), df["id"].tolist())
    custom = np.column_stack([df["id"].astype(str), [esc(nation_label(n)) for n in df["nation"]],
                              df["n_neg"], df["n_neu"], df["n_pos"], df["n"],
                              [f"{p:+.2f}" if not _isnull(p) else "n/a" for p in df["portrayal"]]]).tolist()
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
                             text=[f"{p:+.2f}" if not _isnull(p) else "" for p in df["portrayal"]],
                             textposition="middle right", showlegend=False, hoverinfo="skip",
                             textfont=dict(size=11, color="#555")))
    fig.add_annotation(x=span * 1.08, y=1.0, yref="paper", yanchor="bottom", xanchor="left", showarrow=False,
                       text="mean", font=dict(size=11, color="#555"))
    lim = float(max((half + df["n_neg"]).max(), span) or 1)
    _layout(fig, title, _bar_height(len(df)), barmode="overlay",
            xaxis=dict(title="Mentions (negative ← | → positive)", range=[-lim * 1.1, span * 1.3], zeroline=True,
                       zerolinecolor="#444"),
            yaxis=dict(categoryorder="array", categoryarray=df["label"].tolist(), title=None),
            legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0, xanchor="left"))
    return fig


def tone_bar(quotes: pd.DataFrame, *, top: int = 20, title: str = "Tone of each speaker's own words") -> go.Figure:
    """Mean tone (VADER compound) of each speaker's quotes; ``customdata[0]`` is the speaker id."""
    counts = speaker_counts(quotes)
    counts = counts[counts["tone"].notna()] if not counts.empty else counts
    if counts.empty:
        return empty_figure("No scored quotes under the current filters")
    df = counts.head(top).sort_values("tone").copy()
    df["label"] = _unique_labels(df["speaker"].tolist(), df["speaker_id"].tolist())
    colors = [NEG_COLOR if t < -0.05 else POS_COLOR if t > 0.05 else NEU_COLOR for t in df["tone"]]
    fig = go.Figure(go.Bar(
        x=df["tone"], y=df["label"], orientation="h", marker_color=colors,
        customdata=np.column_stack([df["speaker_id"].astype(str), df["quotes"],
                                    [esc(nation_label(n)) for n in df["speaker_nation"]]]).tolist(),
        text=[f"n={q}" for q in df["quotes"]], textposition="outside", cliponaxis=False,
        hovertemplate="<b>%{y}</b> (%{customdata[2]})<br>mean tone %{x:+.2f} over %{customdata[1]} quote(s)"
                      "<extra></extra>"))
    lim = max(0.3, float(df["tone"].abs().max()) * 1.35)
    _layout(fig, title, _bar_height(len(df)), showlegend=False,
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
    top_s = t["speaker_id"].value_counts().head(top_speakers).index
    top_t = t["target_id"].value_counts().head(top_targets).index
    t = t[t["speaker_id"].isin(top_s) & t["target_id"].isin(top_t)]
    g = (t.groupby(["speaker_id", "target_id"], sort=False)
         .agg(speaker=("speaker", "first"), target=("target", "first"), polarity=("polarity", "mean"),
              n=("polarity", "size")).reset_index())
    return g[cols]


def stance_matrix(targets: pd.DataFrame, *, top_speakers: int = 20, top_targets: int = 15,
                  title: str = "Who says what about whom: speaker × target stance") -> go.Figure:
    """A heatmap of each speaker's mean stance toward each target, the number of quotes in each cell.

    Plotly cannot select heatmap cells, so an invisible square marker sits on every filled cell and
    takes the clicks: its ``customdata[0]`` is the speaker id, ``customdata[1]`` the target id. The
    clicked cell gets an outline.
    """
    cells = stance_cells(targets, top_speakers=top_speakers, top_targets=top_targets)
    if cells.empty:
        return empty_figure("No quote names another actor under the current filters")
    s_order = cells.groupby("speaker_id")["n"].sum().sort_values(ascending=False, kind="stable").index.tolist()
    t_order = cells.groupby("target_id")["n"].sum().sort_values(ascending=False, kind="stable").index.tolist()
    s_names = dict(zip(cells["speaker_id"], cells["speaker"]))
    t_names = dict(zip(cells["target_id"], cells["target"]))
    s_lab = dict(zip(s_order, _unique_labels([s_names[i] for i in s_order], s_order)))
    t_lab = dict(zip(t_order, _unique_labels([t_names[i] for i in t_order], t_order)))
    s_idx = {sid: i for i, sid in enumerate(s_order)}
    t_idx = {tid: j for j, tid in enumerate(t_order)}
    z: list[list[float | None]] = [[None] * len(t_order) for _ in s_order]
    counts: list[list[str]] = [[""] * len(t_order) for _ in s_order]
    for r in cells.itertuples():
        i, j = s_idx[r.speaker_id], t_idx[r.target_id]
        z[i][j] = None if _isnull(r.polarity) else float(r.polarity)
        counts[i][j] = str(int(r.n))
    xs, ys = [t_lab[t] for t in t_order], [s_lab[sp] for sp in s_order]
    fig = go.Figure(go.Heatmap(
        z=z, x=xs, y=ys, text=counts, texttemplate="%{text}", textfont=dict(size=10), zmin=-1, zmax=1,
        colorscale=DIVERGING, xgap=2, ygap=2, hoverinfo="skip",
        colorbar=dict(title=dict(text="stance"), tickvals=[-1, 0, 1],
                      ticktext=["−1 hostile", "0", "+1 favourable"], thickness=12)))
    pol = cells["polarity"].astype(float)
    rows, cols = len(s_order), len(t_order)
    cell_px = max(14, min(40, int(480 / max(rows, cols, 1))))
    fig.add_trace(go.Scatter(
        x=[t_lab[t] for t in cells["target_id"]], y=[s_lab[sp] for sp in cells["speaker_id"]], mode="markers",
        marker=dict(symbol="square-open", size=cell_px, color="#111", opacity=0, line=dict(width=3)),
        selected=dict(marker=dict(opacity=1)), unselected=dict(marker=dict(opacity=0)),
        customdata=np.column_stack([cells["speaker_id"].astype(str), cells["target_id"].astype(str),
                                    cells["n"], [f"{p:+.2f}" if not _isnull(p) else "n/a" for p in pol]]).tolist(),
        hovertemplate="<b>%{y}</b> about <b>%{x}</b><br>mean stance %{customdata[3]} "
                      "in %{customdata[2]} quote(s)<br><i>click to read them</i><extra></extra>",
        showlegend=False))
    height = int(min(1100, max(320, 190 + rows * 28)))
    _layout(fig, title, height, showlegend=False,
            xaxis=dict(title="Target (the actor spoken about)", categoryorder="array", categoryarray=xs,
                       tickangle=-45, side="bottom", showgrid=False),
            yaxis=dict(title="Speaker", categoryorder="array", categoryarray=ys[::-1], showgrid=False))
    fig.update_layout(margin=dict(l=10, r=10, t=50, b=120), plot_bgcolor="white")
    return fig


def portrayal_over_time(df: pd.DataFrame, *, actors: Iterable[str] = (), top: int = 8,
                        title: str = "Portrayal over time (mean score per publication day)") -> go.Figure:
    """One line per actor: the mean portrayal score of the articles of each day; ``customdata[0]`` = actor id."""
    if df is None or df.empty:
        return empty_figure("No dated, scored mentions under the current filters")
    d = df.copy()
    d["published"] = pd.to_datetime(d["published"], errors="coerce")
    d = d[d["published"].notna()]
    if d.empty:
        return empty_figure("No dated, scored mentions under the current filters")
    wanted = [a for a in actors if a in set(d["id"])]
    if not wanted:
        wanted = d.groupby("id")["n"].sum().sort_values(ascending=False).head(top).index.tolist()
    fig = go.Figure()
    for aid in wanted:
        part = d[d["id"] == aid].sort_values("published")
        name = part["name"].dropna().iloc[0] if part["name"].notna().any() else aid
        fig.add_trace(go.Scatter(
            x=part["published"], y=part["portrayal"], mode="lines+markers", name=esc(name, 40),
            marker=dict(size=[6 + min(14, math.sqrt(n) * 2) for n in part["n"]], color=group_color(str(aid))),
            line=dict(color=group_color(str(aid)), width=2),
            customdata=[[str(aid), esc(name), int(n)] for n in part["n"]],
            hovertemplate="<b>%{customdata[1]}</b><br>%{x|%Y-%m-%d}: mean %{y:+.2f} over %{customdata[2]} "
                          "mention(s)<extra></extra>"))
    xaxis: dict[str, Any] = dict(title="Published", type="date", tickformat="%b %d, %Y")
    first, last = d["published"].min(), d["published"].max()
    if last - first < pd.Timedelta(days=7):  # one day or a few: a week around them, not millisecond ticks
        mid = first + (last - first) / 2
        xaxis.update(range=[mid - pd.Timedelta(days=4), mid + pd.Timedelta(days=4)], dtick=86_400_000)
    _layout(fig, title, 380, xaxis=xaxis,
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
    for nation, part in q.groupby(q["speaker_nation"].fillna(""), sort=False):
        fig.add_trace(go.Scatter(
            x=part["polarity"], y=part["subjectivity"], mode="markers", name=esc(nation_label(nation or None)),
            marker=dict(size=9, color=nation_color(nation or None), opacity=0.8, line=dict(color="#333", width=0.5)),
            customdata=[[("" if _isnull(sid) else str(sid)), esc(sp if not _isnull(sp) else "unattributed"),
                         wrap(t, 70, 260)] for sid, sp, t in zip(part["speaker_id"], part["speaker"], part["text"])],
            hovertemplate="<b>%{customdata[1]}</b><br>polarity %{x:+.2f} · subjectivity %{y:.2f}"
                          "<br>%{customdata[2]}<extra></extra>"))
    _layout(fig, title, 400, legend_title_text="Speaker nation",
            xaxis=dict(title="Polarity (−1 … +1)", range=[-1.05, 1.05], zeroline=True, zerolinecolor="#444"),
            yaxis=dict(title="Subjectivity (0 objective … 1 subjective)", range=[-0.05, 1.05]))
    return fig


# ---------------------------------------------------------------------------------------------- timeline
def timeline_rows(events: pd.DataFrame, color_by: str = "actor", *, top: int = 15) -> pd.DataFrame:
    """One row per (event, group): the group is each actor (or nation) named in the event's sentence.

    Groups beyond the ``top`` most frequent are folded into "other"; events with none go to "(none)".
    """
    if events is None or events.empty:
        return pd.DataFrame(columns=list(events.columns if events is not None else []) + ["group"])
    col = "actors" if color_by == "actor" else "nations"
    ev = events[events["day_from"].notna()].copy()
    if ev.empty:
        return ev.assign(group=pd.Series(dtype=str))

    def split(v: Any) -> list[str]:
        if _isnull(v) or not str(v).strip():
            return ["(none)"]
        return list(dict.fromkeys(x.strip() for x in str(v).split(";") if x.strip())) or ["(none)"]

    ev["group"] = ev[col].map(split)
    ev = ev.explode("group")
    if color_by != "actor":
        ev["group"] = [g if g == "(none)" else nation_label(g) for g in ev["group"]]
    counts = ev["group"].value_counts()
    keep = set(counts[counts.index != "(none)"].head(top).index) | {"(none)"}
    ev["group"] = [g if g in keep else "other" for g in ev["group"]]
    return ev.drop_duplicates(subset=["article_id", "idx", "group"]).reset_index(drop=True)


def _event_custom(part: pd.DataFrame) -> list[list[Any]]:
    out = []
    for r in part.itertuples():
        value = r.value if _isnull(r.end_value) else f"{r.value} → {r.end_value}"
        out.append([str(r.article_id), int(r.idx), int(r.start), int(r.end), esc(r.expression, 80), esc(value),
                    esc(r.precision or ""), wrap(r.sentence, 70, 300), esc(r.article_title, 70),
                    esc(r.published or "unknown"), esc(r.kind or "")])
    return out


_EVENT_HOVER = ("<b>%{customdata[4]}</b> → %{customdata[5]} (%{customdata[6]} precision, %{customdata[10]})"
                "<br>%{customdata[7]}<br><i>%{customdata[8]}</i>, published %{customdata[9]}<extra></extra>")


def timeline(events: pd.DataFrame, *, color_by: str = "actor", top: int = 15, max_points: int = 4000,
             title: str = "What happened when") -> go.Figure:
    """Events on a date axis, one row per actor (or nation): days as points, months and years as bands.

    ``customdata`` = [article id, event idx, start, end, ...]; a click selects the article. Beyond
    ``max_points`` marks, an even sample is drawn (the browser would choke on a whole large corpus)
    and the title says so.
    """
    rows = timeline_rows(events, color_by, top=top)
    if rows.empty:
        return empty_figure("No dated events under the current filters")
    rows = rows.copy()
    if len(rows) > max_points:
        total = len(rows)
        rows = rows.sort_values(["day_from", "article_id", "idx"]).iloc[:: -(-total // max_points)]
        title = f"{title} (an even sample: {len(rows):,} of {total:,} marks)"
    rows["day_from_ts"] = pd.to_datetime(rows["day_from"], errors="coerce")
    rows["day_to_ts"] = pd.to_datetime(rows["day_to"], errors="coerce")
    rows = rows[rows["day_from_ts"].notna()]
    if rows.empty:
        return empty_figure("No dated events under the current filters")
    rows["day_to_ts"] = rows["day_to_ts"].fillna(rows["day_from_ts"])
    # "since 2022" reaches up to the time of writing, not to the end of 2022
    if "kind" in rows and "published" in rows:
        said = pd.to_datetime(rows["published"], errors="coerce")
        since = (rows["kind"] == "since") & said.notna() & (said > rows["day_to_ts"])
        rows.loc[since, "day_to_ts"] = said[since]
    order = rows["group"].value_counts().index.tolist()
    order = [g for g in order if g not in ("other", "(none)")] + [g for g in ("other", "(none)") if g in order]
    labels = {g: esc(g, 40) for g in order}
    is_band = rows["day_to_ts"] > rows["day_from_ts"]
    fig = go.Figure()
    for g in order:
        color = NO_NATION_COLOR if g in ("other", "(none)") else group_color(g)
        part = rows[(rows["group"] == g) & is_band]
        if not part.empty:
            # a band spans day_from..day_to inclusive: bar length in ms on a date axis, with its base at the start
            length = ((part["day_to_ts"] - part["day_from_ts"]).dt.total_seconds() * 1000 + 86_400_000).tolist()
            fig.add_trace(go.Bar(
                y=[labels[g]] * len(part), x=length, base=part["day_from_ts"].dt.strftime("%Y-%m-%d").tolist(),
                orientation="h", name=labels[g], legendgroup=labels[g], marker=dict(color=color, opacity=0.35,
                                                                                 line=dict(color=color, width=1)),
                width=0.5, customdata=_event_custom(part), hovertemplate=_EVENT_HOVER, showlegend=True))
        part = rows[(rows["group"] == g) & ~is_band]
        if not part.empty:
            fig.add_trace(go.Scatter(
                y=[labels[g]] * len(part), x=part["day_from_ts"], mode="markers", name=labels[g],
                legendgroup=labels[g], showlegend=not bool(((rows["group"] == g) & is_band).any()),
                marker=dict(color=color, size=11, symbol="diamond", line=dict(color="#222", width=0.7)),
                customdata=_event_custom(part), hovertemplate=_EVENT_HOVER))
    _layout(fig, title, _bar_height(len(order), per=34, base=170, lo=260), barmode="overlay",
            xaxis=dict(type="date", title="When it happened (days as points, months and years as bands)"),
            yaxis=dict(categoryorder="array", categoryarray=[labels[g] for g in order][::-1], title=None,
                       fixedrange=True),
            showlegend=False)
    # when it was said, apart from when it happened: the publication days as dotted lines
    said_days = sorted(pd.to_datetime(rows["published"], errors="coerce").dropna().unique()) \
        if "published" in rows else []
    if 0 < len(said_days) <= 12:
        for day in said_days:
            fig.add_vline(x=pd.Timestamp(day).timestamp() * 1000, line=dict(color="#888", width=1, dash="dot"))
        fig.add_annotation(x=pd.Timestamp(said_days[-1]).timestamp() * 1000, y=1.0, yref="paper",
                           yanchor="bottom", text="published", showarrow=False, font=dict(size=10, color="#666"))
    # the rows already name the groups; dragging zooms into a period, a double click zooms out
    fig.update_layout(dragmode="zoom")
    return fig


# ---------------------------------------------------------------------------------------------- network
def _component_layout(n: int, src: np.ndarray, dst: np.ndarray, w: np.ndarray, iterations: int) -> np.ndarray:
    """One connected component: classical MDS of the hop distances, then springs and overlap removal.

    MDS spreads even dense cliques (which pure spring layouts crush into a blob); the springs then
    pull strongly linked pairs closer. Deterministic: no random start. Scaled to radius 1.
    """
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-1.0, 0.0], [1.0, 0.0]])
    adj: list[list[int]] = [[] for _ in range(n)]
    for a, b in zip(src.tolist(), dst.tolist()):
        adj[a].append(b)
        adj[b].append(a)
    hops = np.full((n, n), float(n))
    for start in range(n):
        hops[start, start] = 0.0
        frontier, d = [start], 0
        while frontier:
            d += 1
            nxt = []
            for u in frontier:
                for v in adj[u]:
                    if hops[start, v] > d:
                        hops[start, v] = d
                        nxt.append(v)
            frontier = nxt
    sq = hops ** 2
    centre = np.eye(n) - np.ones((n, n)) / n
    b = -0.5 * centre @ sq @ centre
    vals, vecs = np.linalg.eigh(b)
    order = np.argsort(vals)[::-1][:2]
    pos = vecs[:, order] * np.sqrt(np.maximum(vals[order], 1e-9))
    # fix the signs so the same graph always gives the same picture
    for j in range(2):
        if pos[np.argmax(np.abs(pos[:, j])), j] < 0:
            pos[:, j] *= -1
    pos /= (np.abs(pos).max() or 1.0)
    min_gap = 2.0 / math.sqrt(n)
    for it in range(iterations):
        step = 0.1 * (1 - it / iterations)
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta ** 2).sum(-1)) + 1e-9
        np.fill_diagonal(dist, np.inf)
        push = np.clip(min_gap - dist, 0, None) / dist
        disp = (push[:, :, None] * delta).sum(axis=1)
        if len(src):
            d = pos[dst] - pos[src]
            dl = np.sqrt((d ** 2).sum(-1)) + 1e-9
            pull = np.clip(dl - min_gap, 0, None)[:, None] * d / dl[:, None] * (0.15 * (1 + w))[:, None]
            np.add.at(disp, src, pull)
            np.add.at(disp, dst, -pull)
        pos += np.clip(disp, -step, step)
    pos -= pos.mean(axis=0)
    radius = float(np.sqrt((pos ** 2).sum(-1)).max()) or 1.0
    return pos / radius


def force_layout(n: int, edges: Sequence[tuple[int, int, float]], *, iterations: int = 100) -> np.ndarray:
    """A deterministic force layout: same graph, same picture, no randomness.

    Each connected component is laid out on its own and the components are packed in columns,
    biggest first, each with room in proportion to its size; the result fits in [-1, 1]².
    """
    if n <= 0:
        return np.zeros((0, 2))
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b, _w in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    comps: dict[int, list[int]] = {}
    for i in range(n):
        comps.setdefault(root(i), []).append(i)
    groups = sorted(comps.values(), key=lambda g: (-len(g), g[0]))
    local_pos: list[tuple[list[int], np.ndarray, float]] = []
    for g in groups:
        index = {node: j for j, node in enumerate(g)}
        es = [(index[a], index[b], float(w)) for a, b, w in edges if a in index and b in index]
        src = np.array([e[0] for e in es], dtype=int)
        dst = np.array([e[1] for e in es], dtype=int)
        w = np.log1p(np.array([e[2] for e in es], dtype=float)) if es else np.zeros(0)
        radius = math.sqrt(len(g))
        local_pos.append((g, _component_layout(len(g), src, dst, w, iterations), radius))
    # column packing: the biggest component on the left, the others in columns beside it, top to bottom
    total_area = sum((2 * r + 1) ** 2 for *_x, r in local_pos)
    height = max(2 * local_pos[0][2] + 1, math.sqrt(total_area))
    pos = np.zeros((n, 2))
    x = y = col_w = 0.0
    for g, p, r in local_pos:
        side = 2 * r + 1
        if y > 0 and y + side > height:
            x, y, col_w = x + col_w, 0.0, 0.0
        centre = np.array([x + side / 2, -(y + side / 2)])
        for j, node in enumerate(g):
            pos[node] = centre + p[j] * r
        y += side
        col_w = max(col_w, side)
    pos -= (pos.max(axis=0) + pos.min(axis=0)) / 2
    scale = float(np.abs(pos).max()) or 1.0
    return pos / scale


def network(nodes: pd.DataFrame, edges: pd.DataFrame, *, label_top: int = 15,
            title: str = "Actors named in the same sentence") -> go.Figure:
    """Co-occurrence network: node colour = nation, size = mentions, edge width = shared sentences.

    ``nodes`` has id, name, nation, mentions (and optionally type); ``edges`` has source, target, weight.
    ``customdata[0]`` of each node is the actor id.
    """
    if nodes is None or nodes.empty:
        return empty_figure("No co-occurring actors under the current filters")
    nd = nodes.drop_duplicates("id").reset_index(drop=True).copy()
    nd["mentions"] = pd.to_numeric(nd["mentions"], errors="coerce").fillna(1)
    nd = nd.sort_values(["mentions", "id"], ascending=[False, True]).reset_index(drop=True)
    index = {aid: i for i, aid in enumerate(nd["id"])}
    e = edges[edges["source"].isin(index) & edges["target"].isin(index)] if edges is not None and not edges.empty \
        else pd.DataFrame(columns=["source", "target", "weight"])
    triples = [(index[s], index[t], float(w)) for s, t, w in zip(e["source"], e["target"], e["weight"])]
    pos = force_layout(len(nd), triples)
    fig = go.Figure()
    if triples:
        wmax = max(w for *_, w in triples)
        # one trace per width band: a line trace has a single width
        bands = [(0, 1 / 3, 0.8, "#cfcfcf"), (1 / 3, 2 / 3, 2.0, "#a8a8a8"), (2 / 3, 1.01, 3.6, "#7d7d7d")]
        for lo, hi, width, color in bands:
            xs, ys = [], []
            for s, t, w in triples:
                r = w / wmax if wmax else 0
                if lo <= r < hi or (hi > 1 and r >= lo):
                    xs += [pos[s, 0], pos[t, 0], None]
                    ys += [pos[s, 1], pos[t, 1], None]
            if xs:
                fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(width=width, color=color),
                                         hoverinfo="skip", showlegend=False))
    degree = np.zeros(len(nd), dtype=int)
    for s, t, _w in triples:
        degree[s] += 1
        degree[t] += 1
    mmax = float(nd["mentions"].max() or 1)
    sizes = [9 + 21 * math.sqrt(m / mmax) for m in nd["mentions"]]
    nd["x"], nd["y"], nd["size"], nd["degree"] = pos[:, 0], pos[:, 1], sizes, degree
    nd["nation"] = nd["nation"].where(nd["nation"].notna(), None) if "nation" in nd else None
    show_label = set(nd.head(label_top)["id"])
    for nation, part in nd.groupby(nd["nation"].fillna(""), sort=False):
        fig.add_trace(go.Scatter(
            x=part["x"], y=part["y"], mode="markers+text", name=esc(nation_label(nation or None)),
            text=[esc(n, 24) if i in show_label else "" for n, i in zip(part["name"], part["id"])],
            textposition="top center", textfont=dict(size=11, color="#222"),
            marker=dict(size=part["size"], color=nation_color(nation or None), line=dict(color="#333", width=1),
                        opacity=0.9),
            customdata=[[str(i), esc(n), esc(nation_label(nation or None)), int(m), int(d)]
                        for i, n, m, d in zip(part["id"], part["name"], part["mentions"], part["degree"])],
            hovertemplate="<b>%{customdata[1]}</b> (%{customdata[2]})<br>%{customdata[3]} mention(s), "
                          "linked to %{customdata[4]} actor(s)<extra></extra>"))
    _layout(fig, title, 620, legend_title_text="Nation", plot_bgcolor="white",
            xaxis=dict(visible=False, range=[pos[:, 0].min() - 0.12, pos[:, 0].max() + 0.12]),
            yaxis=dict(visible=False, range=[pos[:, 1].min() - 0.1, pos[:, 1].max() + 0.14]))
    return fig
