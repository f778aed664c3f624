"""The analysis pages (Actors, Speakers, Sentiment, Timeline, Connections, Search) and their charts.

Two halves: the pure chart functions on hand-made DataFrames (fast), and AppTests of every page on a
temporary store that the app fills with the demo article on its first run. Assertions on the demo
data never name what the analysis finds: ids and names are read from the store, because the analysis
keeps improving.
"""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from components import charts

TIMEOUT = 180


# ---------------------------------------------------------------------------------------------- pure charts
HOSTILE = '<script>alert("x")</script> & <img src=x onerror=1>'


def _actors(names=("Ana Lima", "Bo Chen", HOSTILE), nations=("BR", "CN", None)):
    return pd.DataFrame({"id": [f"PERSON:{i}" for i in range(len(names))], "name": list(names),
                         "type": ["PERSON"] * len(names), "nation": list(nations),
                         "affiliation": [None] * len(names), "role": ["mayor", None, HOSTILE][:len(names)],
                         "mentions": [5, 3, 1][:len(names)], "articles": [2, 1, 1][:len(names)]})


def _quotes():
    return pd.DataFrame({
        "article_id": ["a1"] * 5, "idx": range(5), "start": [0, 10, 20, 30, 40], "end": [5, 15, 25, 35, 45],
        "text": ["we will win", "it failed", HOSTILE, "fine", "no comment"],
        "kind": ["direct", "indirect", "mixed", "direct", "indirect"],
        "speaker_id": ["PERSON:0", "PERSON:0", "PERSON:2", None, "PERSON:1"],
        "speaker": ["Ana Lima", "Ana Lima", HOSTILE, "officials", "Bo Chen"],
        "speaker_kind": ["named", "pronoun", "named", "group", "nominal"],
        "speaker_nation": ["BR", "BR", None, None, "CN"],
        "tone": [0.5, -0.5, 0.1, None, 0.0], "subjectivity": [0.4, 0.6, 0.1, None, 0.0],
        "polarity": [0.6, -0.4, 0.0, None, 0.0],
        "words": [3, 2, 8, 1, 2]})


def _figure_text(fig) -> str:
    return fig.to_json()


@pytest.mark.parametrize("value,expected", [
    (None, ""),
    (float("nan"), ""),
    ("Tom & Jerry", "Tom &amp; Jerry"),
    ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
    ('say "hi"', "say &quot;hi&quot;"),
])
def test_esc_makes_text_inert_for_plotly(value, expected):
    assert charts.esc(value) == expected


def test_wrap_escapes_each_line_and_cuts_long_text():
    out = charts.wrap("<x> " + "word " * 200, width=20, limit=60)
    assert "<x>" not in out and "&lt;x&gt;" in out
    assert out.count("<br>") >= 2 and out.endswith("…")


@pytest.mark.parametrize("func,df", [
    (charts.actors_bar, pd.DataFrame()),
    (charts.speakers_bar, pd.DataFrame()),
    (charts.portrayal_bar, pd.DataFrame()),
    (charts.tone_bar, pd.DataFrame()),
    (charts.stance_matrix, pd.DataFrame()),
    (charts.portrayal_over_time, pd.DataFrame()),
    (charts.lexicon_scatter, pd.DataFrame()),
    (charts.timeline, pd.DataFrame()),
    (charts.voice_nations_bar, pd.DataFrame()),
    (charts.actors_bar, None),
])
def test_every_chart_draws_an_empty_figure_with_a_message(func, df):
    fig = func(df)
    assert fig.layout.annotations and "No " in fig.layout.annotations[0].text


def test_actors_bar_carries_ids_and_escapes_names():
    fig = charts.actors_bar(_actors())
    ids = {p[0] for tr in fig.data for p in tr.customdata}
    assert ids == {"PERSON:0", "PERSON:1", "PERSON:2"}
    text = _figure_text(fig)
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;" in text
    # coloured by nation: one trace per nation, readable names in the legend
    assert {tr.name for tr in fig.data} == {"Brazil", "China", charts.NO_NATION}


def test_a_selected_actor_outside_the_top_is_still_a_bar():
    fig = charts.actors_bar(_actors(), top=1, keep=["PERSON:2"])
    ids = [p[0] for tr in fig.data for p in tr.customdata]
    assert sorted(ids) == ["PERSON:0", "PERSON:2"]  # the busiest, and the selected one that ranks last


def test_two_actors_with_one_name_stay_two_bars():
    df = _actors(names=("Jan Novak", "Jan Novak"), nations=("CZ", "SK"))
    labels = [y for tr in charts.actors_bar(df).data for y in tr.y]
    assert len(set(labels)) == 2


def test_speaker_counts_and_bar():
    counts = charts.speaker_counts(_quotes())
    row = counts.set_index("speaker_id").loc["PERSON:0"]
    assert (row["quotes"], row["words"], row["direct"], row["indirect"]) == (2, 5, 1, 1)
    assert "None" not in set(counts["speaker_id"].astype(str))  # unattributed quotes are not a speaker
    fig = charts.speakers_bar(_quotes())
    assert {p[0] for tr in fig.data for p in tr.customdata} == {"PERSON:0", "PERSON:1", "PERSON:2"}
    assert "<script>" not in _figure_text(fig)


@pytest.mark.parametrize("speaker_id,kind,expected", [
    ("PERSON:x", "named", "named"),
    ("PERSON:x", "pronoun", "named"),
    ("PERSON:x", "nominal", "named"),
    ("PERSON:x", "group", "unnamed"),
    (None, "group", "unnamed"),
    (None, "unnamed", "unnamed"),
    (None, "none", "unnamed"),
    (float("nan"), "named", "unnamed"),
])
def test_source_class(speaker_id, kind, expected):
    assert charts.source_class(speaker_id, kind) == expected


def test_voice_balance_shares_sum_to_one():
    vb = charts.voice_balance(_quotes())
    for name, table in vb.items():
        assert table["quote_share"].sum() == pytest.approx(1.0), name
        assert table["word_share"].sum() == pytest.approx(1.0), name
    sources = vb["sources"].set_index("source")
    assert (sources.loc["named", "quotes"], sources.loc["unnamed", "quotes"]) == (4, 1)
    nations = vb["nations"].set_index("nation")
    assert nations.loc["BR", "words"] == 5 and charts.NO_NATION in nations.index
    fig = charts.voice_nations_bar(vb["nations"])
    assert {p[0] for p in fig.data[0].customdata} == {"BR", "CN", ""}


def test_portrayal_bar_diverges_around_zero():
    df = pd.DataFrame({"id": ["A", "B"], "name": ["Alpha", "Beta"], "type": ["ORG", "ORG"], "nation": [None, "FR"],
                       "portrayal": [-0.4, 0.3], "n_neg": [4, 0], "n_neu": [2, 2], "n_pos": [0, 5], "n": [6, 7]})
    fig = charts.portrayal_bar(df)
    neg, neu, pos = fig.data[0], fig.data[1], fig.data[2]
    assert all(x <= 0 for x in neg.x) and all(x >= 0 for x in pos.x)
    assert list(neu.base) == [-1.0, -1.0]  # neutral mentions straddle zero
    assert [p[0] for p in neg.customdata] == ["A", "B"]  # sorted by mean score, most negative first


def test_stance_matrix_cells_carry_speaker_and_target():
    t = pd.DataFrame({"speaker_id": ["S1", "S1", "S1", "S2"], "speaker": ["Sam", "Sam", "Sam", HOSTILE],
                      "target_id": ["T1", "T1", "T2", "T1"], "target": ["Tia", "Tia", "Tom", "Tia"],
                      "polarity": [-0.5, -0.1, 0.4, 0.9]})
    cells = charts.stance_cells(t).set_index(["speaker_id", "target_id"])
    assert cells.loc[("S1", "T1"), "n"] == 2 and cells.loc[("S1", "T1"), "polarity"] == pytest.approx(-0.3)
    fig = charts.stance_matrix(t)
    click = next(t for t in fig.data if t.type == "scatter" and t.mode == "markers")
    picks = {(p[0], p[1]) for p in click.customdata}
    assert picks == {("S1", "T1"), ("S1", "T2"), ("S2", "T1")}
    # the counts keep their contrast: white on the dark favourable cell (+0.9), dark on the pale ones
    text = next(t for t in fig.data if t.type == "scatter" and t.mode == "text")
    colour = {(x, y): c for x, y, c in zip(text.x, text.y, text.textfont.color)}
    assert sorted(colour.values()) == ["#333333", "#333333", "#ffffff"]  # S2 -> T1 at +0.9 is the white one
    assert colour[("Tom", "Sam")] == "#333333"
    assert "<script>" not in _figure_text(fig)


def _events():
    return pd.DataFrame({
        "article_id": ["a1", "a1", "a2", "a2"], "idx": [0, 1, 0, 1], "start": [0, 10, 0, 5], "end": [5, 15, 4, 9],
        "expression": ["Monday", "March", "2019", "<b>x</b>"], "value": ["2025-03-03", "2025-03", "2019", "2025-03-04"],
        "precision": ["day", "month", "year", "day"], "kind": ["date"] * 4, "end_value": [None] * 4,
        "day_from": ["2025-03-03", "2025-03-01", "2019-01-01", "2025-03-04"],
        "day_to": ["2025-03-03", "2025-03-31", "2019-12-31", "2025-03-04"],
        "sentence": ["On Monday A met B.", "In March talks began.", "In 2019 it began.", HOSTILE],
        "article_title": ["T1", "T1", "T2", "T2"], "published": ["2025-03-05"] * 4,
        "actors": ["Ana; Bo", "Ana", None, "Bo"], "nations": ["BR; CN", "BR", None, "CN"]})


@pytest.mark.parametrize("color_by,groups", [
    ("actor", {"Ana", "Bo", "(none)"}),
    ("nation", {"Brazil", "China", "(none)"}),
])
def test_timeline_rows_one_per_event_and_group(color_by, groups):
    rows = charts.timeline_rows(_events(), color_by)
    assert set(rows["group"]) == groups
    assert len(rows) == 5  # the first event is on two rows


def test_timeline_actor_rows_take_their_nations_colour():
    charts.set_nation_order(["BR", "CN"])
    fig = charts.timeline(_events(), color_by="actor", actor_nations={"Ana": "BR", "Bo": "CN"})
    colours = {tr.name: tr.marker.color for tr in fig.data}
    assert colours["Ana"] == charts.nation_color("BR") == fig_colour_by_nation(_events(), "Brazil")
    assert colours["Bo"] == charts.nation_color("CN")


def fig_colour_by_nation(events, label: str) -> str:
    return {tr.name: tr.marker.color for tr in charts.timeline(events, color_by="nation").data}[label]


def test_timeline_days_are_points_and_months_years_are_bands():
    fig = charts.timeline(_events())
    bars = [tr for tr in fig.data if tr.type == "bar"]
    points = [tr for tr in fig.data if tr.type == "scatter"]
    assert bars and points
    day = 86_400_000
    lengths = sorted(x for tr in bars for x in tr.x)
    assert lengths == [31 * day, 365 * day]  # March (a month band) and 2019 (a year band)
    for tr in fig.data:
        for cd in tr.customdata:
            assert cd[0] in {"a1", "a2"} and isinstance(cd[2], int)
    assert "<b>x</b>" not in _figure_text(fig) and "<script>" not in _figure_text(fig)


@pytest.mark.parametrize("n,edges", [
    (0, []),
    (1, []),
    (2, [(0, 1, 1.0)]),
    (5, [(0, 1, 1.0), (1, 2, 3.0), (3, 4, 1.0)]),
    (12, [(i, j, 1.0) for i in range(8) for j in range(i + 1, 8)]),
])
def test_node_positions_are_deterministic_and_bounded(n, edges):
    a = charts.node_positions(n, edges)
    b = charts.node_positions(n, edges)
    assert a.shape == (n, 2) and np.array_equal(a, b)
    assert np.isfinite(a).all() and (np.abs(a) <= 1.0 + 1e-9).all()
    if n > 1:
        d = np.sqrt(((a[:, None] - a[None]) ** 2).sum(-1)) + np.eye(n)
        assert d.min() > 0.02  # no two nodes on top of each other


def test_node_positions_pull_strong_links_closer():
    # a square with one diagonal named together often: that pair sits closer than the pair never named together
    pos = charts.node_positions(4, [(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 0, 1.0), (0, 2, 40.0)])
    dist = lambda a, b: float(np.hypot(*(pos[a] - pos[b])))
    assert dist(0, 2) < dist(1, 3)


def test_graph_nodes_and_neighbours():
    edges = pd.DataFrame({"source": ["PERSON:0", "PERSON:1"], "target": ["PERSON:1", "X"], "weight": [3, 1]})
    known = pd.DataFrame({"id": ["X"], "name": ["Ex"], "type": ["ORG"], "nation": [None], "mentions": [1]})
    nodes = charts.graph_nodes(edges, _actors(), known)
    assert list(nodes["id"]) == ["PERSON:0", "PERSON:1", "X"]
    together = charts.neighbours(edges, dict(zip(nodes["id"], nodes["name"])), ["PERSON:1"])
    assert together.to_dict("records") == [{"actor": "Bo Chen", "named with": "Ana Lima", "shared sentences": 3},
                                           {"actor": "Bo Chen", "named with": "Ex", "shared sentences": 1}]
    assert charts.neighbours(edges, {}, ["nobody"]).empty


@pytest.mark.parametrize("code,missing,expected", [
    ("NO", charts.NO_NATION, "Norway"), ("no", "—", "Norway"), (None, "—", "—"), (float("nan"), "", ""),
    ("ZZ", "—", "ZZ"),
])
def test_one_nation_label_for_every_view(code, missing, expected):
    assert charts.nation_label(code, missing) == expected


@pytest.mark.parametrize("value,code", [("France", "FR"), ("FR", "FR"), ("gbr", "GB"), (" Norway ", "NO"),
                                        ("Not A Country", None), ("", None)])
def test_a_nation_correction_takes_a_code_or_an_exact_name(value, code):
    from components.corrections import nation_code

    assert nation_code(value) == code


def test_network_nodes_carry_actor_ids():
    nodes = _actors()
    edges = pd.DataFrame({"source": ["PERSON:0", "PERSON:1"], "target": ["PERSON:1", "PERSON:2"], "weight": [3, 1]})
    fig = charts.network(nodes, edges)
    node_traces = [tr for tr in fig.data if tr.mode and "markers" in tr.mode]
    assert {p[0] for tr in node_traces for p in tr.customdata} == set(nodes["id"])
    assert "<script>" not in _figure_text(fig)


def test_lexicon_scatter_and_over_time():
    fig = charts.lexicon_scatter(_quotes())
    assert sum(len(tr.x) for tr in fig.data) == 4  # the quote without a score is left out
    assert sorted(x for tr in fig.data for x in tr.x) == [-0.4, 0.0, 0.0, 0.6]  # TextBlob polarity, not tone
    assert "TextBlob" in fig.layout.title.text
    over = pd.DataFrame({"published": ["2025-01-01", "2025-01-02", "2025-01-01"], "id": ["A", "A", "B"],
                         "name": ["Alpha", "Alpha", "Beta"], "portrayal": [0.1, -0.2, 0.5], "n": [2, 3, 1]})
    fig = charts.portrayal_over_time(over, actors=["B"])
    assert len(fig.data) == 1 and fig.data[0].customdata[0][0] == "B"
    lo, hi = (pd.Timestamp(x) for x in fig.layout.xaxis.range)  # two days: a readable week, not ms ticks
    assert pd.Timedelta(days=7) <= hi - lo <= pd.Timedelta(days=9)


# ---------------------------------------------------------------------------------------------- AppTests
@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    import streamlit as st

    # the store and query caches are process-wide: start and end this module with none of another's
    st.cache_resource.clear()
    st.cache_data.clear()
    path = tmp_path_factory.mktemp("analysis_pages")
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture(scope="module")
def store(store_dir):
    """The module's store, filled with the demo article by a first run of the app."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    mp = pytest.MonkeyPatch()
    mp.setenv("NEWSLENS_DATA_DIR", str(store_dir))
    mp.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    from store import Store

    yield Store.open_default()
    mp.undo()


@pytest.fixture()
def app(store, store_dir, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    monkeypatch.setenv("NEWSLENS_DATA_DIR", str(store_dir))
    monkeypatch.chdir(ROOT)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)


def open_page(at, page: str):
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def select(at, field: str, name: str, *values, extra=None):
    """Simulate a click on a chart point whose customdata starts with ``values``."""
    from streamlit.elements.plotly_chart import PlotlyChartSelectionSerde

    from components.selection import chart_key

    point = {"customdata": list(values) + list(extra or []), "x": 1, "y": "y", "point_index": 0}
    at.session_state[chart_key(field, name)] = PlotlyChartSelectionSerde().deserialize(json.dumps(
        {"selection": {"points": [point], "point_indices": [0], "box": [], "lasso": []}}))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def charts_on(at) -> int:
    return len(at.get("plotly_chart"))


def markdown_text(at) -> str:
    return " ".join(m.value for m in at.markdown)


@pytest.mark.parametrize("page,title", [
    ("actors", "Actors"),
    ("speakers", "Speakers"),
    ("sentiment", "Sentiment"),
    ("timeline", "Timeline"),
    ("network", "Connections"),
    ("search", "Search"),
])
def test_every_page_renders(app, store, page, title):
    at = open_page(app, page)
    assert at.title[0].value == title
    if page == "actors":
        assert charts_on(at) >= 1 and len(at.dataframe) >= 1
        assert len(at.get("download_button")) == 2
    if page == "speakers":
        if store.quotes_df(None).empty:
            assert at.info
        else:
            assert charts_on(at) >= 2 and len(at.dataframe) == 1 and len(at.get("download_button")) == 2
    if page == "timeline":
        if store.events_df(None).empty:
            assert at.info
        else:
            assert charts_on(at) == 1 and len(at.get("download_button")) == 2
    if page == "network" and not store.cooccurrence_df(None).empty:
        assert charts_on(at) == 1


def test_actor_bar_click_selects_the_actor_and_the_table_follows(app, store):
    at = open_page(app, "actors")
    top = store.actor_options_df().iloc[0]
    before = at.dataframe[0].value
    select(at, "actors", "actors_bar", top["id"])
    assert at.session_state["sel_actors"] == [top["id"]]
    after = at.dataframe[0].value
    assert after.iloc[0]["id"] == top["id"]  # the selected actor comes first
    assert len(after) <= len(before)
    assert any("Actor:" in b.label for b in at.button)  # the filter bar shows it
    # a rerun for another reason keeps the selection (the chart did not shrink to the click)
    at.run()
    assert at.session_state["sel_actors"] == [top["id"]]


def test_merge_then_undo_changes_the_actors_table(app, store):
    at = open_page(app, "actors")
    options = store.actor_options_df()
    first, second = options.iloc[0], options.iloc[1]
    ids_before = set(at.dataframe[0].value["id"])
    assert first["id"] in ids_before
    # the merge tab starts empty, and the button waits for two actors and a ticked confirmation
    assert at.selectbox(key="fix_merge_from").value is None and at.selectbox(key="fix_merge_to").value is None
    assert at.button(key="fix_merge_btn").disabled
    at.selectbox(key="fix_merge_from").select(first["id"])
    at.selectbox(key="fix_merge_to").select(second["id"]).run()
    assert at.button(key="fix_merge_btn").disabled and not at.checkbox(key="fix_merge_confirm").disabled
    assert set(at.dataframe[0].value["id"]) == ids_before  # nothing merged yet
    at.checkbox(key="fix_merge_confirm").check().run()
    at.button(key="fix_merge_btn").click().run()
    assert not at.exception
    assert at.selectbox(key="fix_merge_from").value is None  # the next merge starts empty again
    assert at.success and "Merged" in at.success[0].value
    ids_merged = set(at.dataframe[0].value["id"])
    assert first["id"] not in ids_merged and second["id"] in ids_merged
    merged_row = at.dataframe[0].value.set_index("id").loc[second["id"]]
    assert merged_row["mentions"] == first["mentions"] + second["mentions"]
    log = store.overrides_df()
    live = log[log["undone"] == 0]
    assert len(live) == 1
    at.button(key=f"undo_{int(live.iloc[0]['id'])}").click().run()
    assert not at.exception
    assert set(at.dataframe[0].value["id"]) == ids_before


def test_rename_and_set_nation_then_undo(app, store):
    at = open_page(app, "actors")
    target = store.actor_options_df().iloc[-1]
    at.selectbox(key="fix_set_actor").select(target["id"])
    at.selectbox(key="fix_set_field").select("nation")
    at.text_input(key="fix_set_value").input("Not A Country")
    at.button(key="fix_set_btn").click().run()
    assert at.error and "not a country" in at.error[0].value
    at.text_input(key="fix_set_value").input("Norway")
    at.button(key="fix_set_btn").click().run()
    assert not at.exception
    row = at.dataframe[0].value.set_index("id").loc[target["id"]]
    assert row["nation_name"] == "Norway"
    for r in store.overrides_df().itertuples():
        if not r.undone:
            store.undo_override(int(r.id))


def test_speaker_click_filters_the_quote_list_and_survives_a_nation_click(app, store):
    quotes = store.quotes_df(None)
    speakers = store.speaker_options_df()
    if quotes.empty or speakers.empty:
        pytest.skip("the demo article has no attributed quote yet")
    at = open_page(app, "speakers")
    before = len(at.dataframe[0].value)
    sid = speakers.iloc[0]["id"]
    select(at, "speakers", "speakers_bar", sid)
    assert at.session_state["sel_speakers"] == [sid]
    # the chart marks the selected speaker's bars and dims the rest
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    for trace in spec["data"]:
        marked = [trace["customdata"][i][0] for i in trace["selectedpoints"]]
        assert set(marked) <= {sid}
    assert any(trace["selectedpoints"] for trace in spec["data"])
    names = set(at.dataframe[0].value["speaker"])
    assert names == {speakers.iloc[0]["name"]}
    assert len(at.dataframe[0].value) <= before
    # picking a nation redraws the speakers chart; that redraw must not clear the speaker
    nation = next((n for n in quotes["speaker_nation"].dropna().unique()), "")
    select(at, "nations", "voice_nations", nation)
    at.run()
    assert at.session_state["sel_speakers"] == [sid]


def test_quote_row_opens_the_reader_at_the_quote(app, store):
    if store.quotes_df(None).empty:
        pytest.skip("no quotes in the demo article yet")
    at = open_page(app, "speakers")
    first = store.quotes_df(None).iloc[0]
    at.session_state["speakers_quotes"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    btn = at.button(key="speakers_open")
    btn.click().run()
    assert not at.exception
    assert at.session_state["reader_article"] == first["article_id"]
    assert list(at.session_state["reader_focus"]) == [int(first["start"]), int(first["end"])]
    assert at.title[0].value == "Reader"


def test_portrayal_click_shows_the_sentences_behind_it(app, store):
    portrayal = store.portrayal_df(None)
    if portrayal.empty:
        pytest.skip("no scored mentions yet")
    at = open_page(app, "sentiment")
    aid = portrayal.iloc[0]["id"]
    select(at, "actors", "portrayal_bar", aid)
    assert at.session_state["sel_actors"] == [aid]
    assert "strongest sentences" in markdown_text(at)


def test_stance_cell_click_shows_the_quotes_behind_it(app, store):
    targets = store.quote_targets_df(None)
    targets = targets[targets["target_id"].notna()]
    if targets.empty:
        pytest.skip("no quote names another actor yet")
    at = open_page(app, "sentiment")
    row = targets.iloc[0]
    select(at, "speakers", "stance_heatmap", row["speaker_id"], row["target_id"])
    assert at.session_state["sel_speakers"] == [row["speaker_id"]]
    assert "said about" in markdown_text(at)
    assert any(b.key == "stance_open" for b in at.button)


def test_timeline_click_selects_the_article_and_opens_the_reader(app, store):
    events = store.events_df(None)
    if events.empty:
        pytest.skip("no dated events yet")
    at = open_page(app, "timeline")
    e = events.iloc[0]
    select(at, "articles", "timeline", e["article_id"], extra=[int(e["idx"]), int(e["start"]), int(e["end"])])
    assert at.session_state["sel_articles"] == [e["article_id"]]
    assert str(e["expression"]) in markdown_text(at).replace("\\", "")
    at.radio(key="timeline_color").set_value("nation").run()
    assert not at.exception and at.session_state["sel_articles"] == [e["article_id"]]
    at.toggle(key="timeline_unresolved").set_value(True).run()
    assert not at.exception
    at.button(key="timeline_open").click().run()
    assert not at.exception
    assert at.session_state["reader_article"] == e["article_id"]
    assert list(at.session_state["reader_focus"]) == [int(e["start"]), int(e["end"])]


def test_network_node_click_selects_the_actor(app, store):
    edges = store.cooccurrence_df(None)
    if edges.empty:
        pytest.skip("no co-occurring actors")
    at = open_page(app, "network")
    aid = edges.iloc[0]["source"]
    select(at, "actors", "network", aid)
    assert at.session_state["sel_actors"] == [aid]
    neighbours = at.dataframe[0].value
    assert len(neighbours) >= 1
    at.toggle(key="network_ego").set_value(True).run()
    assert not at.exception and charts_on(at) == 1


@pytest.mark.parametrize("query,expect_hits", [
    ("", False),
    ("zzqxv nothing", False),
    ("<script>", False),
    ('"unbalanced', False),
])
def test_search_odd_queries_do_not_fail(app, query, expect_hits):
    at = open_page(app, "search")
    at.text_input(key="search_q").input(query).run()
    assert not at.exception
    assert any(b.key and b.key.startswith("search_open_") for b in at.button) == expect_hits


def test_search_marks_hits_and_opens_the_reader(app, store):
    art = store.articles_df(None).iloc[0]
    word = max((w for w in str(art["title"]).split() if w.isalpha()), key=len)
    at = open_page(app, "search")
    at.text_input(key="search_q").input(word).run()
    assert not at.exception
    html = "".join(e.proto.body for e in at.get("html"))
    assert "<mark>" in html
    opens = [b for b in at.button if b.key and b.key.startswith("search_open_")]
    assert opens
    opens[0].click().run()
    assert not at.exception
    focus = at.session_state["reader_focus"]
    text = store.article(at.session_state["reader_article"])["text"]
    assert word.lower() in text[focus[0]:focus[1]].lower() or focus[1] > focus[0]


def test_pages_with_a_selection_that_matches_nothing_show_a_message(app):
    for page in ("speakers", "sentiment", "timeline", "network", "actors"):
        at = open_page(app, page)
        at.session_state["sel_nations"] = ["AQ"]  # Antarctica: nobody is from there
        at.run()
        assert not at.exception, page
        assert at.info or at.caption, page


def test_timeline_samples_a_huge_corpus():
    ev = pd.concat([_events()] * 300, ignore_index=True)
    ev["idx"] = range(len(ev))
    fig = charts.timeline(ev, max_points=200)
    assert sum(len(tr.x) for tr in fig.data) <= 200
    assert "sample" in fig.layout.title.text


def test_exports_are_valid_csv_and_json():
    import io

    from components.pagekit import _jsonable

    df = _actors().assign(aliases=[["A. Lima"], [], [HOSTILE]], portrayal=[0.1, None, float("nan")])
    back = json.loads(_jsonable(df))
    assert back[0]["aliases"] == ["A. Lima"] and back[1]["portrayal"] is None
    assert len(pd.read_csv(io.StringIO(df.to_csv(index=False)))) == 3


def test_a_hostile_rename_stays_text_everywhere(app, store):
    at = open_page(app, "actors")
    target = store.actor_options_df().iloc[0]
    hostile = "[click](javascript:alert(1)) **Bold** <img src=x onerror=alert(2)>"
    at.selectbox(key="fix_set_actor").select(target["id"])
    at.selectbox(key="fix_set_field").select("name")
    at.text_input(key="fix_set_value").input(hostile)
    at.button(key="fix_set_btn").click().run()
    assert not at.exception
    try:
        assert hostile in set(at.dataframe[0].value["name"])  # the table shows it as plain text
        sources = [m.value for m in at.markdown] + [s.value for s in at.success]
        import re

        assert not any("[click](" in s or "**Bold**" in s or re.search(r"(?<!\\)<img", s) for s in sources)
        assert any(r"\[click\]" in s for s in sources)
        chart = at.get("plotly_chart")[0].proto.spec
        assert "<img" not in chart and "&lt;img" in chart
    finally:
        for r in store.overrides_df().itertuples():
            if not r.undone:
                store.undo_override(int(r.id))


def test_split_an_alias_then_undo(app, store):
    actors = store.actors_df(None)
    multi = actors[actors["aliases"].map(lambda a: isinstance(a, list) and len(a) >= 2)]
    if multi.empty:
        pytest.skip("no actor is written two ways in the demo")
    row = multi.iloc[0]
    alias = row["aliases"][-1]
    at = open_page(app, "actors")
    at.selectbox(key="fix_split_actor").select(row["id"])
    at.run()
    at.selectbox(key="fix_split_alias").select(alias)
    at.button(key="fix_split_btn").click().run()
    assert not at.exception
    try:
        assert at.success and "Split" in at.success[0].value
        log = store.overrides_df()
        new_id = log[(log["kind"] == "split") & (log["undone"] == 0)].iloc[0]["target_id"]
        moved = [m for a in store.articles_df(None)["id"] for m in store.mentions_df(a)["actor_id"] if m == new_id]
        assert moved  # the mentions written that way now belong to an actor of their own
    finally:
        for r in store.overrides_df().itertuples():
            if not r.undone:
                store.undo_override(int(r.id))


def test_reader_steps_through_the_selected_actor_and_focuses_on_it(app, store):
    mentions = store.mentions_df(store.articles_df(None).iloc[0]["id"])
    counts = mentions["actor_id"].value_counts()
    aid = counts.index[0]
    at = open_page(app, "actors")
    select(at, "actors", "actors_bar", aid)
    at.switch_page("pages/reader.py").run()
    assert not at.exception
    places = sorted({(int(a), int(b)) for a, b, x in zip(mentions["start"], mentions["end"], mentions["actor_id"])
                     if x == aid})
    at.button(key="reader_next").click().run()
    assert tuple(at.session_state["reader_focus"]) == places[0]
    if len(places) > 1:
        at.button(key="reader_next").click().run()
        assert tuple(at.session_state["reader_focus"]) == places[1]
        at.button(key="reader_prev").click().run()
        assert tuple(at.session_state["reader_focus"]) == places[0]
    html = "".join(e.proto.body for e in at.get("html"))
    assert 'id="nl-focus"' in html
    # focus mode: only the selection's mentions are highlighted
    all_entities = html.count('class="nl-entity')
    at.toggle(key="reader_focus_mode").set_value(True).run()
    assert not at.exception
    html = "".join(e.proto.body for e in at.get("html"))
    focused = html.count('class="nl-entity')
    assert focused == len(places) and focused <= all_entities
    assert html.count('class="nl-entity nl-selected') == len(places)


def test_a_quote_hit_says_who_spoke(app, store):
    quotes = store.quotes_df(None)
    named = quotes[quotes["speaker_id"].notna()]
    if named.empty:
        pytest.skip("no attributed quote")
    q = named.iloc[0]
    word = max((w for w in str(q["text"]).split() if w.isalpha()), key=len)
    hits = store.search_hits_df(None, text=word)
    row = hits[(hits["kind"] == "quote") & (hits["quote_idx"] == q["idx"]) & (hits["article_id"] == q["article_id"])]
    assert not row.empty and row.iloc[0]["speaker"] == q["speaker"]
    at = open_page(app, "search")
    at.text_input(key="search_q").input(word).run()
    html = "".join(e.proto.body for e in at.get("html"))
    assert f"quote by {q['speaker']}" in html


def _count_in_subheader(at, word: str) -> int:
    import re

    head = next(h.value for h in at.subheader if h.value.startswith(word))
    return int(re.search(r"\(([\d,]+)\)", head).group(1).replace(",", ""))


@pytest.mark.parametrize("kind", ["none", "actor", "speaker", "nation", "dates"])
def test_one_selection_gives_the_same_counts_on_every_page(app, store, kind):
    quotes = store.quotes_df(None)
    speaker = quotes["speaker_id"].dropna().value_counts().index[0]
    actor = store.actors_df(None).iloc[0]["id"]
    nation = store.nation_options_df().iloc[0]["nation"]
    published = store.articles_df(None)["published"].dropna().iloc[0]
    params = {"none": {}, "actor": {"actor": actor}, "speaker": {"speaker": speaker},
              "nation": {"nation": nation}, "dates": {"from": published, "to": published}}[kind]
    for k, v in params.items():
        app.query_params[k] = v
    at = app.run()
    assert not at.exception
    metrics = {m.label: int(m.value.replace(",", "")) for m in at.metric}
    articles = metrics["Articles"]
    at.switch_page("pages/speakers.py").run()
    assert not at.exception
    assert _count_in_subheader(at, "Quotes") == metrics["Quotes"]
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    if metrics["Dated events"]:
        assert _count_in_subheader(at, "Events") == metrics["Dated events"]
    at.switch_page("pages/reader.py").run()
    assert len(at.selectbox(key="reader_pick").options) == articles
    if kind == "speaker":  # the speaker's own quotes, not every quote of the articles they speak in
        assert metrics["Quotes"] == int((quotes["speaker_id"] == speaker).sum()) < len(quotes)
