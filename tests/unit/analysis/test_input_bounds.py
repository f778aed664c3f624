"""Issue 16: extreme dates are refused at input, event years stay in range, deep HTML is read, and every
per-row error of a batch says which row."""
from __future__ import annotations

import datetime as _dt
import json

import pytest

from analysis.reading import InputError, expand_upload, parse_html, parse_text, validate_date


def _next_year(d: _dt.date) -> _dt.date:
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year + 1, day=28)


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "1799-12-31", "3000-01-01"])
def test_a_publication_date_outside_the_range_is_refused(value):
    with pytest.raises(InputError) as exc:
        validate_date(value)
    msg = str(exc.value)
    assert value in msg and "1800-01-01" in msg and "outside" in msg


def test_the_range_ends_are_accepted_and_a_day_past_the_end_is_not():
    last = _next_year(_dt.date.today())
    assert validate_date("1800-01-01") == "1800-01-01"
    assert validate_date(last.isoformat()) == last.isoformat()
    with pytest.raises(InputError):
        validate_date((last + _dt.timedelta(days=1)).isoformat())


def test_text_and_files_with_an_extreme_date_are_refused():
    with pytest.raises(InputError, match="outside"):
        parse_text("Title\n\nSome text here.", published="9999-12-31")


def test_a_dateline_with_an_extreme_year_gives_no_date():
    art = parse_text("Port closes\n\nLONDON, March 3, 0001 (Reuters) - The port closed on Monday.")
    assert art.published is None
    art = parse_text("Port closes\n\nLONDON, March 3, 2024 (Reuters) - The port closed on Monday.")
    assert art.published == "2024-03-03"


@pytest.mark.parametrize("expression,anchor", [("last year", "0001-01-01"), ("next year", "9999-12-31"),
                                                ("next month", "9999-12-31"), ("yesterday", "0001-01-01"),
                                                ("in 2 years", "9999-06-01")])
def test_an_event_never_resolves_outside_the_event_years(expression, anchor):
    from analysis.timeline.resolution import resolve_expression

    value, _ = resolve_expression(expression, anchor)
    assert value is None or 1000 <= int(value.split("-")[0]) <= 2999, value


def test_events_inside_the_event_years_still_resolve():
    from analysis.timeline.resolution import resolve_expression

    assert resolve_expression("last year", "2025-06-01") == ("2024", "year")
    assert resolve_expression("in 1066", None)[0] in ("1066", None)


# ------------------------------------------------------------------------------------ rows of a batch
def test_a_csv_rows_bad_date_names_the_row():
    data = ("title,text,published\nOne,First story text.,2025-01-02\nTwo,Second story text.,9999-12-31\n"
            "Three,Third story text.,not-a-date\n").encode()
    items = expand_upload("batch.csv", data)
    assert items[0].error is None and items[0].article.published == "2025-01-02"
    assert items[1].error.startswith("batch.csv row 3: ") and "outside" in items[1].error
    assert items[2].error.startswith("batch.csv row 4: ") and "bad date" in items[2].error


def test_a_jsonl_lines_bad_date_and_empty_text_name_the_line():
    lines = [{"title": "One", "text": "First story.", "published": "0001-01-01"},
             {"title": "Two", "text": "Second story.", "published": "2025-13-40"},
             {"title": "Three", "text": "   "},
             {"title": "Four", "text": "<p></p>", "format": "html"}]
    items = expand_upload("batch.jsonl", "\n".join(json.dumps(x) for x in lines).encode())
    assert [it.error.split(":")[0] for it in items] == ["batch.jsonl line 1", "batch.jsonl line 2",
                                                       "batch.jsonl line 3", "batch.jsonl line 4"]
    assert "outside" in items[0].error and "bad date" in items[1].error


# ------------------------------------------------------------------------------------ deep HTML
@pytest.mark.parametrize("tag", ["b", "div", "span", "blockquote"])
def test_deeply_nested_html_keeps_its_text(tag):
    html = ("<html><head><title>Deep</title></head><body><h1>Deep Story</h1><p>"
            + f"<{tag}>" * 5000 + "The mayor said the bridge would open." + f"</{tag}>" * 5000
            + "</p><p>A second paragraph follows.</p></body></html>")
    art = parse_html(html)
    assert "The mayor said the bridge would open." in art.text
    assert "A second paragraph follows." in art.text
    assert art.title == "Deep Story"
    assert [b.kind for b in art.blocks][:1] == ["title"]


def test_a_manifest_lines_bad_date_names_the_line(tmp_path):
    from analysis.batch import read_items

    (tmp_path / "a.txt").write_text("Title\n\nAnn Roe said on Monday it was fine.\n", encoding="utf-8")
    (tmp_path / "m.jsonl").write_text(
        json.dumps({"id": "one", "path": "a.txt", "published": "2024-05-06"}) + "\n"
        + json.dumps({"id": "two", "path": "a.txt", "published": "9999-12-31"}) + "\n", encoding="utf-8")
    one, two = read_items(tmp_path / "m.jsonl")
    assert one.error is None and one.published == "2024-05-06"
    assert two.error.startswith("m.jsonl line 2: bad date '9999-12-31': outside")
