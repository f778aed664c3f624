"""Colours that read at a glance: one per nation in every chart, none shared among the coloured ones."""
import pandas as pd
import pytest

from components import charts
from components.charts import common


@pytest.fixture(autouse=True)
def _reset_order():
    yield
    charts.set_nation_order([])


def test_corpus_order_gives_each_top_nation_its_own_colour():
    codes = ["US", "GB", "RU", "UA", "BE", "VE", "FR", "DE", "CN", "IN", "JP", "BR", "ZA", "NG", "EG", "TR",
             "IL", "IR", "PK", "AU", "CA", "MX", "AR"]
    charts.set_nation_order(codes)
    colours = [charts.nation_color(c) for c in codes[:len(charts.PALETTE)]]
    assert len(set(colours)) == len(colours)  # Ukraine and Belgium, the US and Venezuela no longer collide
    # past the palette, a nation is grey (darker than "no nation"), never a reused colour
    assert charts.nation_color("AR") == common.OTHER_NATION_COLOR != charts.NO_NATION_COLOR
    assert charts.nation_color(None) == charts.NO_NATION_COLOR
    assert charts.nation_color("us") == charts.nation_color("US")


def test_a_nation_keeps_its_colour_whatever_the_chart_shows():
    charts.set_nation_order(["US", "GB", "RU"])
    actors = pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"], "type": ["PERSON"] * 2, "nation": ["RU", "GB"],
                           "mentions": [3, 2], "articles": [1, 1], "role": [None, None],
                           "affiliation": [None, None], "nation_basis": [None, None], "nation_reason": [None, None]})
    fig = charts.actors_bar(actors)
    bar_colours = {t.marker.color for t in fig.data}
    assert bar_colours == {charts.nation_color("RU"), charts.nation_color("GB")}
    nodes = actors[["id", "name", "nation", "mentions"]]
    edges = pd.DataFrame({"source": ["a"], "target": ["b"], "weight": [2]})
    net = charts.network(nodes, edges)
    node_colours = {t.name: t.marker.color for t in net.data if t.mode == "markers+text"}
    assert node_colours == {"Russia": charts.nation_color("RU"), "United Kingdom": charts.nation_color("GB")}
    # every node is labelled
    assert sorted(x for t in net.data if t.mode == "markers+text" for x in t.text) == ["A", "B"]


def test_nations_outside_the_palette_share_one_legend_entry_in_the_network():
    charts.set_nation_order(["US"])
    nodes = pd.DataFrame({"id": ["a", "b", "c"], "name": ["A", "B", "C"], "nation": ["US", "FR", "DE"],
                          "mentions": [3, 2, 1]})
    edges = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "weight": [1, 1]})
    names = [t.name for t in charts.network(nodes, edges).data if t.mode == "markers+text"]
    assert sorted(names) == ["United States", "other nations"]


def test_actors_over_time_get_distinct_colours():
    rows = []
    for i in range(12):
        rows += [{"published": f"2020-01-{d:02d}", "id": f"a{i}", "name": f"Actor {i}", "portrayal": 0.1, "n": 1}
                 for d in (1, 2)]
    fig = charts.portrayal_over_time(pd.DataFrame(rows), actors=[f"a{i}" for i in range(12)])
    colours = [t.line.color for t in fig.data]
    assert len(colours) == 12 and len(set(colours)) == 12


def _lab(hex_colour: str) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB hex colour."""
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92 for c in rgb]
    x = (r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047
    y = r * 0.2126 + g * 0.7152 + b * 0.0722
    z = (r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883

    def f(v: float) -> float:
        return v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_no_two_nation_colours_look_alike():
    import itertools
    import math

    greys = [charts.NO_NATION_COLOR, common.OTHER_NATION_COLOR]  # two greys on purpose: none, and the rest
    pairs = list(itertools.combinations(charts.PALETTE, 2)) + [(c, g) for c in charts.PALETTE for g in greys]
    closest = min((math.dist(_lab(a), _lab(b)), a, b) for a, b in pairs)
    # 8 was two light blues side by side in a legend (Turkey and Hong Kong); 25 reads apart at a glance
    assert closest[0] >= 25, closest


def test_the_selected_marks_stand_out_and_the_rest_are_dimmed():
    import plotly.graph_objects as go

    fig = go.Figure([go.Bar(x=[3, 2, 1], y=["A", "B", "C"], customdata=[["a"], ["b"], ["c"]]),
                     go.Bar(x=[1], y=["D"], customdata=[["d"]]),
                     go.Heatmap(z=[[1]], customdata=[[["a"]]]),
                     go.Scatter(x=[1], y=[1], mode="text", text=["3"], customdata=[["a"]])])
    charts.mark_selected(fig, ["b"])
    assert list(fig.data[0].selectedpoints) == [1]
    assert list(fig.data[1].selectedpoints) == []  # a trace without the selection is dimmed whole
    assert fig.data[0].unselected.marker.opacity == common.UNSELECTED_OPACITY
    assert "selectedpoints" not in fig.data[2].to_plotly_json() and fig.data[3].selectedpoints is None  # as drawn
    untouched = go.Figure([go.Bar(x=[1], y=["A"], customdata=[["a"]])])
    assert charts.mark_selected(untouched, []).data[0].selectedpoints is None

