"""The shared selection: session_state <-> URL query parameters <-> chart clicks.

One selection (actors, speakers, nations, articles, date range, and whether
inferred nations count) drives every page. It lives in ``st.session_state`` under the ``sel_*`` keys, which the
sidebar widgets are bound to, and is mirrored in the URL so a view can be
shared as a link.

Charts take part through their key: a plotly chart drawn with
``on_select="rerun"`` and a key made by ``chart_key(field, name)`` carries the
selected values in each point's ``customdata[0]``. ``apply_chart_selections``
runs at the top of every script run, before any widget is drawn, and turns a
new chart selection into the shared selection.
"""
from __future__ import annotations

import datetime as _dt
import json
from typing import Any, Iterable

import streamlit as st

from store import Filters

LIST_FIELDS = ("actors", "speakers", "nations", "articles")
STATE_KEYS = {f: f"sel_{f}" for f in LIST_FIELDS} | {"date_from": "sel_date_from", "date_to": "sel_date_to",
                                                      "inferred": "sel_inferred"}
URL_KEYS = {"actors": "actor", "speakers": "speaker", "nations": "nation", "articles": "article",
            "date_from": "from", "date_to": "to", "inferred": "inferred"}
CHART_PREFIX = "chart:"
_SEEN = "_chart_selection_seen"
_URL_LOADED = "_url_loaded"


def chart_key(field: str, name: str) -> str:
    """The widget key of a chart whose clicks set ``field`` of the selection."""
    assert field in LIST_FIELDS, field
    return f"{CHART_PREFIX}{field}:{name}"


def _parse_date(value: Any) -> _dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def init_state() -> None:
    """Create the selection keys, loading them from the URL on a session's first run."""
    for field, key in STATE_KEYS.items():
        if key not in st.session_state:
            st.session_state[key] = _default(field)
    if not st.session_state.get(_URL_LOADED):
        st.session_state[_URL_LOADED] = True
        qp = st.query_params
        for field in LIST_FIELDS:
            values = [v for raw in qp.get_all(URL_KEYS[field]) for v in raw.split(",") if v]
            if values:
                st.session_state[STATE_KEYS[field]] = list(dict.fromkeys(values))
        for field in ("date_from", "date_to"):
            d = _parse_date(qp.get(URL_KEYS[field]))
            if d:
                st.session_state[STATE_KEYS[field]] = d
        if qp.get(URL_KEYS["inferred"]) == "0":
            st.session_state[STATE_KEYS["inferred"]] = False


def _points_values(state: Any) -> list[str]:
    try:
        points = state["selection"]["points"]
    except (KeyError, TypeError):
        return []
    values = []
    for p in points or []:
        cd = p.get("customdata") if isinstance(p, dict) else None
        if isinstance(cd, (list, tuple)) and cd:
            cd = cd[0]
        if cd not in (None, ""):
            values.append(str(cd))
    return list(dict.fromkeys(values))


def apply_chart_selections() -> str | None:
    """Turn any new chart selection into the shared selection; returns the field it changed."""
    seen: dict[str, str] = st.session_state.setdefault(_SEEN, {})
    # a chart whose page was left loses its state: forget it, so its fresh empty state clears nothing
    for key in [k for k in seen if k not in st.session_state]:
        del seen[key]
    changed = None
    for key in list(st.session_state.keys()):
        if not isinstance(key, str) or not key.startswith(CHART_PREFIX):
            continue
        field = key[len(CHART_PREFIX):].split(":", 1)[0]
        if field not in LIST_FIELDS:
            continue
        values = _points_values(st.session_state[key])
        signature = json.dumps(values)
        if seen.get(key) == signature:
            continue
        first_time = key not in seen
        seen[key] = signature
        if first_time and not values:
            continue
        st.session_state[STATE_KEYS[field]] = values
        changed = field
    return changed


def note_drawn(key: str, state: Any) -> None:
    """Record a chart's state as seen right after drawing it.

    Streamlit gives a chart a new identity when its figure changes, and the new
    one starts with no selection; that reset is not the analyst clearing it.
    """
    st.session_state.setdefault(_SEEN, {})[key] = json.dumps(_points_values(state))


def current() -> Filters:
    """The shared selection as store Filters."""
    ss = st.session_state
    df, dt = _parse_date(ss.get("sel_date_from")), _parse_date(ss.get("sel_date_to"))
    return Filters(actors=tuple(ss.get("sel_actors") or ()), speakers=tuple(ss.get("sel_speakers") or ()),
                   nations=tuple(ss.get("sel_nations") or ()), articles=tuple(ss.get("sel_articles") or ()),
                   date_from=df.isoformat() if df else None, date_to=dt.isoformat() if dt else None,
                   inferred_nations=ss.get("sel_inferred") is not False)


def set_field(field: str, values: Iterable[str] | Any) -> None:
    """Set one part of the selection (call from callbacks or before widgets are drawn)."""
    key = STATE_KEYS[field]
    st.session_state[key] = list(dict.fromkeys(values)) if field in LIST_FIELDS else values


def _default(field: str) -> Any:
    return [] if field in LIST_FIELDS else True if field == "inferred" else None


def clear_field(field: str) -> None:
    set_field(field, _default(field))


def clear_all() -> None:
    for field in STATE_KEYS:
        clear_field(field)


def url_params(f: Filters | None = None) -> dict[str, str]:
    """The selection as URL query parameters (``actor=A,B&nation=RU&from=…``)."""
    f = f if f is not None else current()
    params: dict[str, str] = {}
    for field in LIST_FIELDS:
        values = list(getattr(f, field))
        if values:
            params[URL_KEYS[field]] = ",".join(values)
    if f.date_from:
        params[URL_KEYS["date_from"]] = str(f.date_from)
    if f.date_to:
        params[URL_KEYS["date_to"]] = str(f.date_to)
    if not f.inferred_nations:
        params[URL_KEYS["inferred"]] = "0"
    return params


def sync_url() -> None:
    """Mirror the selection into the URL's query parameters when the URL does not show it.

    Compared with the URL itself, not with what was last written: a page switch
    or a sidebar link starts the next page with a bare URL, and the selection
    (kept in session state) must come back into it.
    """
    params = url_params()
    current_url = st.query_params.to_dict()
    shown = {k: v for k, v in current_url.items() if k in URL_KEYS.values()}
    if shown == params:
        return
    keep = {k: v for k, v in current_url.items() if k not in URL_KEYS.values()}
    st.query_params.from_dict(keep | params)


def share_query(f: Filters | None = None) -> str:
    """The query string that restores a selection (for a "share this view" link)."""
    from urllib.parse import urlencode

    return urlencode(url_params(f))
