"""The analyst's corrections: actor overrides (merge, split, set a field, undo) and an article's publication date.

The override functions are button callbacks: they read the pickers' session keys, write to the store,
and leave one message for the next run (``show_message`` draws it), because a callback runs before
the page is drawn.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping, Sequence

import pycountry
import streamlit as st

from analysis.lexicon.names import slug
from corpus import redate
from store import EDITABLE_FIELDS, StoreError

from .cache import get_store
from .charts import nation_label
from .pagekit import clean, md

MESSAGE_KEY = "actors_fix_msg"
FIELDS = EDITABLE_FIELDS  # the store's list: what it accepts is what the picker offers


def follow_selection(selected: Sequence[str], ids: Sequence[str]) -> None:
    """Point the pickers at a newly selected actor (a click in any chart); otherwise keep the analyst's pick."""
    ss = st.session_state
    if ss.get("_actors_fix_followed") == list(selected):
        return
    ss["_actors_fix_followed"] = list(selected)
    if selected and selected[0] in ids:
        for key in ("fix_merge_from", "fix_split_actor", "fix_set_actor"):
            ss[key] = selected[0]
        if len(selected) > 1 and selected[1] in ids:
            ss["fix_merge_to"] = selected[1]


def keep_valid(key: str, default: str | None, ids: Sequence[str], *, empty: bool = False) -> None:
    """A picker whose actor was merged away falls back to ``default``, else the first actor (or, with
    ``empty``, to nothing picked) instead of failing."""
    ss = st.session_state
    if ss.get(key) not in ids and not (empty and ss.get(key) is None):
        ss[key] = default if default in ids else (None if empty else ids[0] if ids else None)


def describe(r: Any) -> str:
    """A row of the corrections log as markdown (every value from the store made inert)."""
    who = clean(r.actor_name) or r.actor_id
    target = clean(r.target_name) or clean(r.target_id)
    if r.kind == "merge":
        return f"merge **{md(who)}** into **{md(target)}**"
    if r.kind == "split":
        return f"split “{md(r.value)}” out of **{md(who)}**"
    shown = nation_label(r.value, "—") if r.field == "nation" else r.value
    return f"set {md(r.field)} of **{md(who)}** to “{md(shown)}”"


def _say(kind: str, text: str) -> None:
    st.session_state[MESSAGE_KEY] = (kind, text)


def show_message() -> None:
    """The outcome of the last correction, once."""
    msg = st.session_state.pop(MESSAGE_KEY, None)
    if msg:
        (st.success if msg[0] == "success" else st.error)(msg[1])


def nation_code(value: str) -> str | None:
    """An ISO alpha-2 code from a code or an exact country name ("FR", "GBR", "France"); no fuzzy guessing."""
    value = value.strip()
    if not value:
        return None
    try:
        return pycountry.countries.lookup(value).alpha_2
    except LookupError:
        return None


def _write(kind: str, actor_id: str | None, names: Mapping[str, str], **kw: object) -> None:
    if not actor_id:
        _say("error", "Pick an actor first.")
        return
    try:
        get_store().add_override(kind, actor_id, **kw)
    except (ValueError, StoreError) as exc:
        _say("error", md(exc))
        return
    who = names.get(actor_id, actor_id)
    what = {"merge": f"Merged {md(who)} into {md(names.get(kw.get('target_id'), kw.get('target_id')))}",
            "split": f"Split “{md(kw.get('value'))}” out of {md(who)}",
            "set": f"Set {md(kw.get('field_name'))} of {md(who)} to “{md(kw.get('value'))}”"}[kind]
    _say("success", what + ".")


def merge(names: Mapping[str, str]) -> None:
    """Merge the actor picked in ``fix_merge_from`` into the one in ``fix_merge_to``."""
    ss = st.session_state
    a, b = ss.get("fix_merge_from"), ss.get("fix_merge_to")
    if not a or not b or a == b:
        _say("error", "Pick two different actors to merge.")
        return
    if not ss.get("fix_merge_confirm"):
        _say("error", "Tick the confirmation first.")
        return
    _write("merge", a, names, target_id=b)
    # the next merge starts empty again
    ss["fix_merge_from"] = ss["fix_merge_to"] = None
    ss["fix_merge_confirm"] = False


def split(names: Mapping[str, str]) -> None:
    """Split the alias picked in ``fix_split_alias`` out of the actor in ``fix_split_actor``."""
    ss = st.session_state
    alias = ss.get("fix_split_alias")
    if not alias:
        _say("error", "Pick the alias to split out.")
        return
    actor = ss.get("fix_split_actor")
    # a readable, stable id made by the one slug function, as every actor id is
    _write("split", actor, names, value=alias, target_id=f"{actor}~{slug(alias)}" if actor else None)


def set_field(names: Mapping[str, str]) -> None:
    """Set ``fix_set_field`` of the actor in ``fix_set_actor`` to ``fix_set_value`` (a nation as a code)."""
    ss = st.session_state
    field = ss.get("fix_set_field")
    value = (ss.get("fix_set_value") or "").strip()
    if not value:
        _say("error", "Type the new value.")
        return
    if field == "nation":
        code = nation_code(value)
        if code is None:
            _say("error", f"“{md(value)}” is not a country name or ISO code.")
            return
        value = code
    _write("set", ss.get("fix_set_actor"), names, field_name=field, value=value)
    ss["fix_set_value"] = ""


def undo(override_id: int) -> None:
    """Undo one stored correction."""
    try:
        get_store().undo_override(int(override_id))
        _say("success", "Undone.")
    except StoreError as exc:
        _say("error", md(exc))


def save_published(article_id: str, published: _dt.date | None) -> int:
    """Store an article's publication date and resolve its events again; returns how many were resolved."""
    return redate(get_store(), article_id, published.isoformat() if published else None)
