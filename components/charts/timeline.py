"""The timeline chart: dated events on a date axis, one row per actor or nation."""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .common import (NO_NATION_COLOR, bar_height, base_layout, chart_dates, empty_figure, esc, is_null, nation_color,
                     nation_label, series_colors, wrap)


def fit_range(starts: pd.Series, ends: pd.Series, *, share: float = 0.85) -> tuple[str, str] | None:
    """The span an axis should show: the shortest window that holds ``share`` of the events (by their
    start, reaching to their end), padded by a tenth. A news corpus dates most events near its
    articles and a tail back through history ("since 1980", "in 1119"): quantiles at both ends would
    still squeeze the bulk into a sliver, the densest window does not. None when that already holds
    every event (nothing is cut off) or when there is too little to judge (fewer than 20 events)."""
    s = chart_dates(starts)
    e = chart_dates(ends).fillna(s)
    keep = s.notna()
    s, e = s[keep], e[keep]
    if len(s) < 20:
        return None
    order = np.argsort(s.to_numpy())
    s_sorted, e_sorted = s.to_numpy()[order], e.to_numpy()[order]
    k = max(2, int(np.ceil(share * len(s_sorted))))
    widths = s_sorted[k - 1:] - s_sorted[:len(s_sorted) - k + 1]
    i = int(np.argmin(widths))
    lo, hi = pd.Timestamp(s_sorted[i]), pd.Timestamp(s_sorted[i + k - 1])
    # an event that starts in the window is seen to its end, unless its end is far out itself
    ends_in = pd.Series(e_sorted[i:i + k])
    hi = max(hi, min(pd.Timestamp(ends_in.quantile(0.95)), hi + (hi - lo)))
    if lo >= hi:
        return None
    pad = (hi - lo) * 0.1 + pd.Timedelta(days=15)
    lo, hi = lo - pad, hi + pad
    if lo <= s.min() and hi >= e.max():
        return None
    return lo.strftime("%Y-%m-%d"), hi.strftime("%Y-%m-%d")


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
        if is_null(v) or not str(v).strip():
            return ["(none)"]
        return list(dict.fromkeys(x.strip() for x in str(v).split(";") if x.strip())) or ["(none)"]

    ev["group"] = ev[col].map(split)
    ev = ev.explode("group")
    ev["code"] = [None if g == "(none)" else g for g in ev["group"]] if color_by != "actor" else None
    if color_by != "actor":
        ev["group"] = [g if g == "(none)" else nation_label(g) for g in ev["group"]]
    counts = ev["group"].value_counts()
    keep = set(counts[counts.index != "(none)"].head(top).index) | {"(none)"}
    ev["code"] = [c if g in keep else None for g, c in zip(ev["group"], ev["code"])]
    ev["group"] = [g if g in keep else "other" for g in ev["group"]]
    return ev.drop_duplicates(subset=["article_id", "idx", "group"]).reset_index(drop=True)


def _event_custom(part: pd.DataFrame) -> np.ndarray:
    """Each mark's customdata row, as one object array: plotly checks a nested list value by value (0.8 s
    for 3,000 marks), an array at once."""
    out = []
    for r in part.itertuples():
        value = r.value if is_null(r.end_value) else f"{r.value} → {r.end_value}"
        out.append([str(r.article_id), int(r.idx), int(r.start), int(r.end), esc(r.expression, 80), esc(value),
                    esc(r.precision or ""), wrap(r.sentence, 70, 300), esc(r.article_title, 70),
                    esc(r.published or "unknown"), esc(r.kind or "")])
    return np.array(out, dtype=object)


_EVENT_HOVER = ("<b>%{customdata[4]}</b> → %{customdata[5]} (%{customdata[6]} precision, %{customdata[10]})"
                "<br>%{customdata[7]}<br><i>%{customdata[8]}</i>, published %{customdata[9]}<extra></extra>")


def timeline(events: pd.DataFrame, *, color_by: str = "actor", top: int = 15, max_points: int = 1000,
             title: str = "What happened when", actor_nations: dict[str, Any] | None = None) -> go.Figure:
    """Events on a date axis, one row per actor (or nation): days as points, months and years as bands.

    A row's colour is its nation's, as in every chart: a nation row's own, an actor row's through
    ``actor_nations`` (name -> nation code). Without that mapping, actor rows get distinct colours.

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
    rows["day_from_ts"] = chart_dates(rows["day_from"]).to_numpy()
    rows["day_to_ts"] = chart_dates(rows["day_to"]).to_numpy()
    rows = rows[rows["day_from_ts"].notna()]
    if rows.empty:
        return empty_figure("No dated events under the current filters")
    rows["day_to_ts"] = rows["day_to_ts"].fillna(rows["day_from_ts"])
    # "since 2022" reaches up to the time of writing, not to the end of 2022
    if "kind" in rows and "published" in rows:
        said = pd.Series(chart_dates(rows["published"]).to_numpy(), index=rows.index)
        since = (rows["kind"] == "since") & said.notna() & (said > rows["day_to_ts"])
        rows.loc[since, "day_to_ts"] = said[since]
    order = rows["group"].value_counts().index.tolist()
    order = [g for g in order if g not in ("other", "(none)")] + [g for g in ("other", "(none)") if g in order]
    labels = {g: esc(g, 40) for g in order}
    is_band = rows["day_to_ts"] > rows["day_from_ts"]
    codes = dict(zip(rows["group"], rows["code"])) if color_by != "actor" else {}
    named = [g for g in order if g not in ("other", "(none)")]
    if color_by != "actor":
        colors = {g: nation_color(codes.get(g)) for g in named}
    elif actor_nations is not None:
        colors = {g: nation_color(actor_nations.get(g)) for g in named}
    else:
        colors = dict(zip(named, series_colors(len(named))))
    fig = go.Figure()
    for g in order:
        color = colors.get(g, NO_NATION_COLOR)
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
    xaxis: dict[str, Any] = dict(type="date", title="When it happened (days as points, months and years as bands)")
    view = fit_range(rows["day_from_ts"], rows["day_to_ts"])
    if view is not None:
        # the axis fits where most events are; a range slider below reaches the far ones ("in 1920")
        xaxis |= dict(range=list(view), rangeslider=dict(visible=True, thickness=0.08))
        title += " · drag the slider below for events outside this range"
    base_layout(fig, title, bar_height(len(order), per=34, base=170, lo=260) + (60 if view else 0),
                 barmode="overlay", xaxis=xaxis,
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
