"""The actors chart: mentions per actor, coloured by nation."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .common import (bar_height, base_layout, count_axis, empty_figure, esc, group_style, nation_group, nation_label,
                     unique_labels)


def actors_bar(actors: pd.DataFrame, *, top: int = 25, title: str = "Mentions per actor",
               keep: tuple | list = ()) -> go.Figure:
    """Horizontal bars of mentions per actor, coloured by nation; ``customdata[0]`` is the actor id.

    The ``top`` most mentioned, and the actors of ``keep`` (the selection) wherever they rank, so
    a selected actor is always a bar to see and click again."""
    if actors is None or actors.empty:
        return empty_figure()
    ranked = actors.sort_values(["mentions", "name"], ascending=[False, True])
    df = ranked.head(top)
    extra = ranked[ranked["id"].isin(keep) & ~ranked["id"].isin(df["id"])]
    df = pd.concat([df, extra]).copy()
    df["label"] = unique_labels(df["name"].tolist(), df["id"].tolist())
    df["nation_name"] = [nation_label(n) for n in df["nation"]]
    order = df["label"].tolist()
    fig = go.Figure()
    for group, part in df.groupby(df["nation"].map(nation_group), sort=False):
        legend, colour = group_style(group)
        fig.add_trace(go.Bar(
            x=part["mentions"], y=part["label"], orientation="h", name=legend, marker_color=colour,
            customdata=np.column_stack([part["id"].astype(str), [esc(x) for x in part["nation_name"]],
                                        [esc(x) for x in part["type"]], part["articles"].fillna(0).astype(int),
                                        [esc(x, 80) for x in part["role"]]]).tolist(),
            hovertemplate="<b>%{y}</b><br>%{customdata[2]} · %{customdata[1]}<br>%{customdata[4]}"
                          "<br>mentions: %{x} in %{customdata[3]} article(s)<extra></extra>"))
    base_layout(fig, title, bar_height(len(df)), barmode="stack", legend_title_text="Nation",
                legend_traceorder="normal", xaxis=count_axis(float(df["mentions"].max()), "Mentions"),
                yaxis=dict(categoryorder="array", categoryarray=order[::-1], title=None))
    return fig
