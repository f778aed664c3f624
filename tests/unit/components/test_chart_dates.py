"""Charts never fail on a stored date outside the event years (issue 16, item 5)."""
from __future__ import annotations

import pandas as pd

from components import charts


def test_portrayal_over_time_leaves_out_publication_dates_outside_the_event_years():
    df = pd.DataFrame({"id": ["a"] * 4, "name": ["Ann"] * 4, "published": ["0001-01-01", "9999-12-31", "2025-01-02", None],
                       "portrayal": [0.1, 0.2, 0.3, 0.4], "n": [1, 2, 3, 4]})
    fig = charts.portrayal_over_time(df)
    fig.to_json()  # plotly serialises dates through Python's datetime: year 0 or 10000 raised here
    xs = [x for tr in fig.data for x in tr.x]
    assert [pd.Timestamp(x).year for x in xs] == [2025]


def test_the_timeline_draws_past_stored_event_years_0000_and_10000():
    ev = pd.DataFrame({
        "article_id": ["a1"] * 3, "idx": [0, 1, 2], "start": [0, 10, 20], "end": [5, 15, 25],
        "expression": ["last year", "next year", "May"], "value": ["0000", "10000", "2024-05"],
        "precision": ["year", "year", "month"], "kind": ["date"] * 3, "end_value": [None] * 3,
        "day_from": ["0000-01-01", "10000", "2024-05-01"], "day_to": ["0000-12-31", "10000", "2024-05-31"],
        "sentence": ["s1", "s2", "s3"], "article_title": ["T1"] * 3, "published": ["9999-12-31"] * 3,
        "actors": ["Ana", "Ana", "Ana"], "nations": ["BR", "BR", "BR"]})
    fig = charts.timeline(ev)
    drawn = fig.to_json()  # plotly serialises dates through Python's datetime: year 0 or 10000 raised here
    assert "2024-05-01" in drawn and "0000-01-01" not in drawn and "10000-" not in drawn
