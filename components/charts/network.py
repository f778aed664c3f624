"""The connections chart: actors named in the same sentence, laid out by networkx's spring layout."""
from __future__ import annotations

import math
from typing import Sequence

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .common import base_layout, empty_figure, esc, group_style, nation_group, nation_label

# a fixed seed: the same graph always gives the same picture
LAYOUT_SEED = 7
# more than networkx's default 50: a dense core of 100+ actors needs them to untangle
LAYOUT_ITERATIONS = 200


def _unit_disc(g: nx.Graph) -> dict[int, np.ndarray]:
    """One connected component by the spring layout, centred and scaled to radius 1."""
    if len(g) == 1:
        return {node: np.zeros(2) for node in g}
    pos = nx.spring_layout(g, weight="weight", seed=LAYOUT_SEED, iterations=LAYOUT_ITERATIONS)
    xy = np.array([pos[node] for node in g])
    xy -= xy.mean(axis=0)
    radius = float(np.sqrt((xy ** 2).sum(-1)).max()) or 1.0
    return {node: p / radius for node, p in zip(g, xy)}


def node_positions(n: int, edges: Sequence[tuple[int, int, float]]) -> np.ndarray:
    """Positions of nodes 0..n-1 in [-1, 1]², the same for the same graph.

    Each connected component is laid out on its own (a spring layout over the whole graph flings small
    components to the rim), with springs of strength 1 + log(1 + shared sentences): a pair named together
    often sits closer, without a corpus-wide count crushing the core into one point. The components are
    packed in columns, biggest first, each with room in proportion to its size.
    """
    if n <= 0:
        return np.zeros((0, 2))
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from((a, b, 1 + math.log1p(float(w))) for a, b, w in edges)
    groups = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda g: (-len(g), g[0]))
    local = [(g, _unit_disc(graph.subgraph(g)), math.sqrt(len(g))) for g in groups]
    # column packing: the biggest component on the left, the others in columns beside it, top to bottom
    total_area = sum((2 * r + 1) ** 2 for *_x, r in local)
    height = max(2 * local[0][2] + 1, math.sqrt(total_area))
    pos = np.zeros((n, 2))
    x = y = col_w = 0.0
    for g, p, r in local:
        side = 2 * r + 1
        if y > 0 and y + side > height:
            x, y, col_w = x + col_w, 0.0, 0.0
        centre = np.array([x + side / 2, -(y + side / 2)])
        for node in g:
            pos[node] = centre + p[node] * r
        y += side
        col_w = max(col_w, side)
    pos -= (pos.max(axis=0) + pos.min(axis=0)) / 2
    scale = float(np.abs(pos).max()) or 1.0
    return pos / scale


def network(nodes: pd.DataFrame, edges: pd.DataFrame, *, label_top: int = 40,
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
    pos = node_positions(len(nd), triples)
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
    # one legend entry per colour: the nations outside the corpus's most-named share one grey entry
    for group, part in nd.groupby(nd["nation"].map(nation_group), sort=False):
        legend, colour = group_style(group)
        fig.add_trace(go.Scatter(
            x=part["x"], y=part["y"], mode="markers+text", name=legend,
            text=[esc(n, 24) if i in show_label else "" for n, i in zip(part["name"], part["id"])],
            textposition="top center", textfont=dict(size=11, color="#222"),
            marker=dict(size=part["size"], line=dict(color="#333", width=1), opacity=0.9, color=colour),
            customdata=[[str(i), esc(n), esc(nation_label(na or None)), int(m), int(d)]
                        for i, n, na, m, d in zip(part["id"], part["name"], part["nation"], part["mentions"],
                                                  part["degree"])],
            hovertemplate="<b>%{customdata[1]}</b> (%{customdata[2]})<br>%{customdata[3]} mention(s), "
                          "linked to %{customdata[4]} actor(s)<extra></extra>"))
    base_layout(fig, title, 620, legend_title_text="Nation", plot_bgcolor="white",
                xaxis=dict(visible=False, range=[pos[:, 0].min() - 0.12, pos[:, 0].max() + 0.12]),
                yaxis=dict(visible=False, range=[pos[:, 1].min() - 0.1, pos[:, 1].max() + 0.14]))
    return fig


NODE_COLUMNS = ["id", "name", "type", "nation", "mentions"]


def graph_nodes(edges: pd.DataFrame, actors: pd.DataFrame, known: pd.DataFrame) -> pd.DataFrame:
    """The actors at either end of an edge: from ``actors`` (counts under the filters), else from ``known``."""
    ids = pd.unique(pd.concat([edges["source"], edges["target"]], ignore_index=True))
    nodes = actors[actors["id"].isin(ids)][NODE_COLUMNS]
    missing = known[known["id"].isin(set(ids) - set(nodes["id"]))][NODE_COLUMNS]
    return pd.concat([nodes, missing], ignore_index=True)


def neighbours(edges: pd.DataFrame, names: dict[str, str], selected: Sequence[str]) -> pd.DataFrame:
    """Who is named with the selected actors, and in how many sentences; most shared first."""
    rows = []
    for r in edges.itertuples():
        for me, other in ((r.source, r.target), (r.target, r.source)):
            if me in selected:
                rows.append({"actor": names.get(me, me), "named with": names.get(other, other),
                             "shared sentences": int(r.weight)})
    if not rows:
        return pd.DataFrame(columns=["actor", "named with", "shared sentences"])
    return pd.DataFrame(rows).sort_values("shared sentences", ascending=False)
