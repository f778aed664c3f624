"""Every st.cache_* of the app lives here.

Resources: the store (one per process) and the spaCy pipeline (one per
process, used only when articles are analysed). Data: DataFrames from store
queries, keyed by the store's data version, so a write invalidates them, and
by the selection. Nothing returned by ``cache_resource`` is mutated, and no
spaCy Doc is ever cached.
"""
from __future__ import annotations

import inspect
from dataclasses import astuple
from typing import Any

import pandas as pd
import streamlit as st

from store import Filters, Store
from store.ingest import ensure_demo

_TTL = 600
_MAX = 128


@st.cache_resource(show_spinner="Opening the store…")
def get_store() -> Store:
    """The process's store, filled with the demo corpus on first run."""
    store = Store.open_default()
    ensure_demo(store)
    return store


@st.cache_resource(show_spinner="Loading the language model…")
def get_nlp() -> Any:
    from analysis.nlp import get_nlp as _load

    return _load()


def _filters(key: tuple | None) -> Filters | None:
    if key is None:
        return None
    actors, speakers, nations, articles, date_from, date_to = key
    return Filters(actors=actors, speakers=speakers, nations=nations, articles=articles,
                   date_from=date_from, date_to=date_to)


def fkey(f: Filters | None) -> tuple | None:
    """A hashable key for a selection."""
    return None if f is None else tuple(tuple(x) if isinstance(x, (list, tuple)) else x for x in astuple(f))


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _query(version: int, name: str, f_key: tuple | None, kwargs_items: tuple) -> pd.DataFrame:
    store = get_store()
    method = getattr(store, name)
    kwargs = dict(kwargs_items)
    if "f" in inspect.signature(method).parameters:
        return method(_filters(f_key), **kwargs)
    return method(**kwargs)


def query(name: str, f: Filters | None = None, **kwargs: Any) -> pd.DataFrame:
    """A store query (``Store.<name>``) cached by data version, selection and arguments."""
    store = get_store()
    return _query(store.data_version(), name, fkey(f), tuple(sorted(kwargs.items())))


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _article_query(version: int, name: str, article_id: str, args: tuple) -> Any:
    return getattr(get_store(), name)(article_id, *args)


def article_query(name: str, article_id: str, *args: Any) -> Any:
    """A per-article store query (``Store.<name>(article_id, ...)``), cached by data version."""
    return _article_query(get_store().data_version(), name, article_id, tuple(args))


def invalidate() -> None:
    """Drop cached DataFrames (the data version already does this after writes)."""
    _query.clear()
    _article_query.clear()
