"""What every chart shares: escaping and wrapping of article text, nation names and colours, layout helpers.

Plotly renders hover text, tick labels and legend names as HTML, so every article-derived string that
reaches a figure goes through ``html.escape`` first (``esc``). Pure functions: no Streamlit, no store.
"""
from __future__ import annotations

import html
import math
import zlib
from functools import lru_cache
from typing import Any, Sequence

import pandas as pd
import plotly.graph_objects as go

from analysis.lexicon.gazetteer import country_name
from analysis.timeline.resolution import EVENT_YEARS

NEG_COLOR = "#d6604d"
NEU_COLOR = "#bdbdbd"
POS_COLOR = "#4393c3"
DIVERGING = [[0.0, "#b2182b"], [0.25, "#ef8a62"], [0.5, "#f7f7f7"], [0.75, "#67a9cf"], [1.0, "#2166ac"]]
# one colour per nation: 20 drawn from plotly's qualitative palettes (D3, T10, Bold, Safe, Vivid, G10, Dark2,
# Set1), picked greedily so each is as far as can be (CIELAB) from those before it and from the two greys.
# Any two differ by a CIELAB distance of at least 26 (Tol's 21 had pairs at 8: two light blues); the
# most-named nations take the first, most distinct ones. ``tests/unit/components/test_colors.py`` checks it.
PALETTE = ("#4477aa", "#ff7f00", "#109618", "#e7298a", "#ddcc77", "#8c564b", "#52bca3", "#7f3c8d", "#d62728",
           "#ff9da6", "#f2b701", "#66ccee", "#a6761d", "#3366cc", "#b279a2", "#99c945", "#008695", "#117733",
           "#990099", "#f781bf")
NO_NATION_COLOR = "#b0b0b0"
KIND_COLORS = {"direct": "#2166ac", "mixed": "#67a9cf", "indirect": "#d1e5f0"}
NO_NATION = "(no nation)"
UNNAMED = "(unnamed source)"  # quotes of groups and anonymous sources, in the voice balance
_FONT = dict(size=12)


def chart_dates(values: Any) -> pd.Series:
    """Dates for a chart's axis: anything that is no date, or falls outside the years an event may have
    (``analysis.timeline.resolution.EVENT_YEARS``, 1000-2999), is NaT. A stored year 0000 or 10000 would
    otherwise stop plotly, which draws through Python's datetime (years 1-9999 only)."""
    d = pd.to_datetime(pd.Series(values), errors="coerce", format="ISO8601")
    lo, hi = EVENT_YEARS
    years = d.dt.year
    return d.where(d.notna() & (years >= lo) & (years <= hi))


def is_null(v: Any) -> bool:
    """True for None, NaN, pd.NA and NaT: the ways a DataFrame says "no value"."""
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT


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
def nation_label(code: Any, missing: str = NO_NATION) -> str:
    """A readable country name for an ISO alpha-2 code ("GB" -> "United Kingdom").

    The one place a code becomes a name (through ``gazetteer.country_name``); ``missing`` for no
    code, the code itself when the gazetteer does not know it.
    """
    if not isinstance(code, str) or not code:
        return missing
    return country_name(code.upper()) or code


OTHER_NATION_COLOR = "#7f7f7f"  # a nation outside the corpus's most-named ones: darker than "(no nation)"
_NATION_SLOTS: dict[str, int] = {}


def set_nation_order(codes: Sequence[Any]) -> None:
    """Give the corpus's most-named nations (most first) one palette colour each, and every other one grey.

    Called once per page run with the corpus's order (not the selection's), so a nation keeps its colour in
    every chart and under every filter, and no two coloured nations share one. Before it is called (pure
    chart tests), colours fall back to a hash of the code.
    """
    slots: dict[str, int] = {}
    for c in codes:
        if isinstance(c, str) and c and c.upper() not in slots and len(slots) < len(PALETTE):
            slots[c.upper()] = len(slots)
    _NATION_SLOTS.clear()
    _NATION_SLOTS.update(slots)


def nation_color(code: str | None) -> str:
    """A nation's colour, the same in every chart: its slot among the corpus's most-named nations, else grey."""
    if not code or (isinstance(code, float) and math.isnan(code)):
        return NO_NATION_COLOR
    key = str(code).upper()
    if _NATION_SLOTS:
        slot = _NATION_SLOTS.get(key)
        return PALETTE[slot] if slot is not None else OTHER_NATION_COLOR
    return PALETTE[zlib.crc32(key.encode()) % len(PALETTE)]


OTHER_NATIONS = "\u0000other"  # the legend group of the nations drawn grey
OTHER_NATIONS_LABEL = "other nations"


def nation_group(code: Any) -> str:
    """A nation's legend group: its code when it has a colour of its own, ``OTHER_NATIONS`` when it is grey,
    "" for no nation. Charts draw one trace per group, so no two legend entries share a colour."""
    if not isinstance(code, str) or not code:
        return ""
    return code if nation_color(code) != OTHER_NATION_COLOR else OTHER_NATIONS


def group_style(group: str) -> tuple[str, str]:
    """(legend name, colour) of a ``nation_group``."""
    if group == OTHER_NATIONS:
        return OTHER_NATIONS_LABEL, OTHER_NATION_COLOR
    return esc(nation_label(group or None)), nation_color(group or None)


def series_colors(n: int) -> list[str]:
    """``n`` distinct colours for the series of one chart (actors over time), in order; grey past the palette."""
    return [PALETTE[i] if i < len(PALETTE) else OTHER_NATION_COLOR for i in range(n)]


def group_color(label: str) -> str:
    """A stable colour for any group label, by hash (may repeat: prefer ``series_colors`` within a chart)."""
    if not label or label == NO_NATION:
        return NO_NATION_COLOR
    return PALETTE[zlib.crc32(label.encode()) % len(PALETTE)]


def empty_figure(message: str = "No data under the current filters", height: int = 220) -> go.Figure:
    """A blank figure that says why it is blank."""
    fig = go.Figure()
    fig.add_annotation(text=esc(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font=dict(size=14, color="#666"))
    fig.update_layout(height=height, xaxis=dict(visible=False), yaxis=dict(visible=False),
                      margin=dict(l=10, r=10, t=30, b=10))
    return fig


def unique_labels(names: Sequence[Any], ids: Sequence[Any]) -> list[str]:
    """Escaped category labels; two actors sharing a name stay two bars."""
    labels = [esc(n if not is_null(n) else i, 60) or "?" for n, i in zip(names, ids)]
    seen: dict[str, int] = {}
    for lab in labels:
        seen[lab] = seen.get(lab, 0) + 1
    out = []
    for lab, i in zip(labels, ids):
        out.append(f"{lab} ({esc(i, 30)})" if seen[lab] > 1 else lab)
    return out


def count_axis(max_value: float, title: str) -> dict:
    """An axis for counts: whole numbers only (no "0.5 quotes")."""
    axis: dict[str, Any] = dict(title=title, tickformat=",d", rangemode="tozero")
    if max_value <= 10:
        axis["dtick"] = 1
    return axis


def bar_height(n: int, per: int = 24, base: int = 140, lo: int = 240, hi: int = 1100) -> int:
    """The height of a chart with ``n`` horizontal bars."""
    return int(min(hi, max(lo, base + per * n)))


def base_layout(fig: go.Figure, title: str, height: int, **kw: Any) -> go.Figure:
    """The look every chart shares: title at the left, clicks select points, no drag."""
    fig.update_layout(title=dict(text=esc(title), x=0, xanchor="left"), height=height if title else height - 30,
                      font=_FONT, margin=dict(l=10, r=10, t=50 if title else 20, b=40), clickmode="event+select",
                      dragmode=False, hoverlabel=dict(align="left"), **kw)
    return fig


UNSELECTED_OPACITY = 0.25


def mark_selected(fig: go.Figure, values: Any) -> go.Figure:
    """Dim every mark whose ``customdata[0]`` is not among ``values`` (the selection this chart sets), so
    the selected bars, points or nodes stand out and the rest stay clickable. Heatmaps and marks
    without customdata are left as drawn."""
    chosen = {str(v) for v in values}
    if not chosen:
        return fig
    for tr in fig.data:
        if tr.type not in ("bar", "scatter") or tr.customdata is None:
            continue
        if tr.type == "scatter" and "markers" not in (tr.mode or ""):
            continue
        picked = [i for i, cd in enumerate(tr.customdata)
                  if cd is not None and len(cd) and str(cd[0]) in chosen]
        tr.selectedpoints = picked
        tr.unselected = dict(marker=dict(opacity=UNSELECTED_OPACITY))
    return fig
