"""Small building blocks shared by the analysis pages: linked charts, paging, exports, Reader links.

Kept apart from ``charts`` (pure figures) because everything here draws Streamlit widgets.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from typing import Any, Callable, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.reading import published_range
from store import Filters

from . import selection
from . import charts
from .charts import nation_label

READER_PAGE = "pages/reader.py"
PAGE_SIZE = 50


def without(f: Filters, *fields: str) -> Filters:
    """The selection with some parts cleared.

    A chart that sets part X of the selection is drawn from the data *without* X, so that a click
    does not shrink the chart to the clicked bar (and the other bars stay clickable).
    """
    return dataclasses.replace(f, **{k: () for k in fields})


def linked_chart(fig: go.Figure, field: str, name: str, *, height: int | None = None,
                 marked: Sequence[str] | None = None) -> list[dict]:
    """Draw a plotly chart whose clicks set ``field`` of the shared selection; returns its selected points
    (those of the click that started this run, even when the redrawn chart has lost them).

    The marks of the values already selected for ``field`` (or of ``marked``) stand out, the others
    are dimmed.
    Streamlit gives a chart a new identity when its figure changes, and the new one starts with no
    selection. That reset is not the analyst clearing the selection, so the "last seen" signature that
    ``selection.apply_chart_selections`` keeps is brought up to date here, right after drawing.
    """
    key = selection.chart_key(field, name)
    # the click that started this run: a figure that changes below (its marks) comes back with none
    clicked = chart_points(key)
    # the selection's own marks stand out, the rest are dimmed (and stay clickable)
    charts.mark_selected(fig, getattr(selection.current(), field) if marked is None else marked)
    state = st.plotly_chart(fig, on_select="rerun", key=key, selection_mode=("points",),
                            config={"displaylogo": False, "scrollZoom": False},
                            **({"height": height} if height else {}))
    selection.note_drawn(key, state)
    return chart_points(key) or clicked


def chart_points(key: str) -> list[dict]:
    """The raw points of a chart's current selection (each with its full ``customdata``)."""
    state = st.session_state.get(key)
    try:
        points = state["selection"]["points"]
    except (KeyError, TypeError):
        return []
    return [p for p in points or [] if isinstance(p, dict)]


def custom(point: dict, i: int, default: Any = None) -> Any:
    """``customdata[i]`` of a selected point, or ``default``."""
    cd = point.get("customdata")
    if isinstance(cd, (list, tuple)) and len(cd) > i:
        return cd[i]
    return default


def page_slice(total: int, key: str, page_size: int = PAGE_SIZE) -> tuple[int, int]:
    """A page picker for long tables; returns (offset, limit). Shows nothing when one page is enough."""
    pages = max(1, -(-int(total) // page_size))
    if pages <= 1:
        return 0, page_size
    if st.session_state.get(key, 1) > pages:
        st.session_state[key] = 1
    c1, c2 = st.columns([1, 4])
    page_no = c1.number_input("Page", min_value=1, max_value=pages, step=1, key=key)
    c2.caption(f"\n\n{total:,} rows · {page_size} a page · page {int(page_no)} of {pages}")
    return (int(page_no) - 1) * page_size, page_size


def _jsonable(df: pd.DataFrame) -> str:
    return df.to_json(orient="records", force_ascii=False, date_format="iso", indent=1)


def export_buttons(df: pd.DataFrame | Callable[[], pd.DataFrame], basename: str, *, key: str, label: str = "",
                   rows: int | None = None) -> None:
    """CSV and JSON downloads of a table, exactly as filtered.

    The files are written only when a button is pressed (a callable ``data``), so a large corpus does
    not pay for an export on every rerun. ``df`` may itself be a callable that reads the whole table
    (a page shows one page of it), with ``rows`` its length.
    """
    read = df if callable(df) else (lambda: df)
    n = rows if rows is not None else len(df)  # type: ignore[arg-type]
    c1, c2, c3 = st.columns([1, 1, 3])
    what = label or basename
    c1.download_button(f"⬇ {what} CSV", lambda: read().to_csv(index=False).encode("utf-8"),
                       file_name=f"{basename}.csv", mime="text/csv", key=f"{key}_csv", disabled=not n,
                       on_click="ignore", width="stretch")
    c2.download_button(f"⬇ {what} JSON", lambda: _jsonable(read()).encode("utf-8"), file_name=f"{basename}.json",
                       mime="application/json", key=f"{key}_json", disabled=not n, on_click="ignore",
                       width="stretch")
    c3.caption(f"{n:,} rows under the current filters")


def set_reader(article_id: str, start: int | None = None, end: int | None = None) -> None:
    """Point the Reader at an article and, when given, the span to highlight (a button callback)."""
    st.session_state["reader_article"] = str(article_id)
    st.session_state["reader_focus"] = [int(start), int(end)] if start is not None and end is not None else None


def reader_button(label: str, article_id: str, start: int | None, end: int | None, *, key: str,
                  help: str | None = "Open the article in the Reader at this place", **kw: Any) -> None:
    """A button that opens the Reader at a place (the callback sets the place, then the page switches)."""
    if st.button(label, key=key, on_click=set_reader, args=(article_id, start, end), help=help, **kw):
        st.switch_page(READER_PAGE, query_params=selection.url_params())


def pick_row(df: pd.DataFrame, key: str) -> int | None:
    """Index of the row picked in a single-select dataframe drawn with ``key``, if any."""
    state = st.session_state.get(key)
    try:
        rows = state["selection"]["rows"]
    except (KeyError, TypeError):
        return None
    return int(rows[0]) if rows and 0 <= int(rows[0]) < len(df) else None


def nation_names(codes: Sequence[Any]) -> list[str]:
    """Readable nation names for a column of codes ("" where there is none)."""
    return [nation_label(c, "") for c in codes]


def speaker_labels(speakers: Sequence[Any], kinds: Sequence[Any]) -> list[str]:
    """Speaker names, a spokesperson's quotes marked under the one they speak for ("Tony Blair (spokesperson)")."""
    out = []
    for s, k in zip(speakers, kinds):
        name = "(unattributed)" if s is None or (isinstance(s, float) and s != s) else str(s)
        out.append(f"{name} (spokesperson)" if k == "spokesperson" else name)
    return out


def basis_texts(bases: Sequence[Any], reasons: Sequence[Any]) -> list[str]:
    """ "inferred — Chancellor: a public office in a story set in …" for each row ("" with no nation)."""
    out = []
    for b, r in zip(bases, reasons):
        b = b if isinstance(b, str) else ""
        out.append(f"{b} — {r}" if b and isinstance(r, str) and r else b)
    return out


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:&])")
#: An invisible character that stops GitHub-flavoured Markdown from autolinking a bare URL, a "www." host or an
#: e-mail address (its autolinks are found in the text after escapes are resolved, so a backslash does not stop them).
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)")


def md(value: Any) -> str:
    """Text from an article made inert for anything Streamlit renders as Markdown (``st.markdown``, captions,
    alerts, button, tab, expander and widget labels): no links, images, emphasis, directives or HTML sneak in,
    and a bare URL ("http://…", "www.…", "a@b.org") is not autolinked. The text reads the same."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = _AUTOLINK.sub(WORD_JOINER, str(value))
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\r", " ").replace("\n", " ")


def clean(value: Any) -> Any:
    """None for a missing value (pandas 3 reads SQL NULLs in text columns as NaN, which is truthy)."""
    try:
        return None if value is None or pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def date_bounds(*values: Any) -> tuple[_dt.date, _dt.date]:
    """(min, max) for a date widget: the accepted publication dates (``analysis.reading.published_range``),
    widened to hold every given value, so a date already stored or in the URL never makes the widget fail."""
    first, last = published_range()
    days = [v for v in values if isinstance(v, _dt.date)]
    return min([first, *days]), max([last, *days])


def stored_date(value: Any) -> tuple[_dt.date | None, bool]:
    """A stored YYYY-MM-DD as a date, and whether the value was there but is no calendar date ("10000-01-01")."""
    value = clean(value)
    if not value:
        return None, False
    try:
        return _dt.date.fromisoformat(str(value)[:10]), False
    except ValueError:
        return None, True
