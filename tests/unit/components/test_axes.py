"""Time axes fit the data: a few far events do not squeeze the rest into a sliver."""
import pandas as pd

from components.charts.timeline import fit_range


def _days(values):
    return pd.Series(pd.to_datetime(values))


def test_a_far_outlier_is_left_to_the_range_slider():
    days = _days([f"2005-03-{d:02d}" for d in range(1, 29)] + ["1920-06-01"])
    lo, hi = fit_range(days, days)
    assert lo.startswith("2005-02") and hi.startswith("2005-04")


def test_no_range_when_every_event_already_fits():
    days = _days([f"2005-03-{d:02d}" for d in range(1, 29)])
    assert fit_range(days, days) is None


def test_too_few_events_to_judge():
    days = _days(["1920-06-01", "2005-03-01", "2005-03-02"])
    assert fit_range(days, days) is None


def test_an_unresolved_date_hover_says_so_without_nan():
    from components.reader import date_spans

    events = pd.DataFrame({"start": [0, 10], "end": [5, 20], "expression": ["27 January", "on Friday"],
                           "value": ["2025-01-27", float("nan")], "precision": ["day", float("nan")],
                           "end_value": [float("nan"), float("nan")], "kind": ["date", "date"]})
    titles = [s.title for s in date_spans(events)]
    assert titles == ["27 January → 2025-01-27 (day)", "on Friday: unresolved"]
    assert not any("nan" in t for t in titles)


def test_a_long_tail_back_through_history_does_not_squeeze_the_bulk():
    # most events near the articles (2019-2020), a tenth spread back over a century
    recent = [f"2019-{m:02d}-15" for m in range(1, 13)] * 6 + [f"2020-{m:02d}-15" for m in range(1, 13)] * 6
    history = [f"{y}-01-01" for y in range(1900, 2019, 8)]
    days = _days(recent + history)
    lo, hi = fit_range(days, days)
    assert "2017-06" <= lo <= "2019-01" and "2020-12" <= hi <= "2021-04"
