"""Every st.cache_* of the app lives here, and every store query a page makes: one typed function each.

Resources: the store (one per process) and the models' background warm-up
(one per process, started by the Upload page; the pages never need spaCy). Data: DataFrames from store
queries, keyed by the store's data version, so a write invalidates them, and
by the selection and arguments. Nothing returned by ``cache_resource`` is
mutated, and no spaCy Doc is ever cached.

Each query is a pair: a public function a page calls (``portrayal(f)``), and
a private cached one that takes the data version and a hashable key for the
selection (``fkey``) and calls the store method of that name.
"""
from __future__ import annotations

import functools
import threading
from dataclasses import astuple
from typing import Any, Callable, Sequence

import pandas as pd
import streamlit as st

from corpus import ensure_demo
from store import Filters, Store, StoreDamaged

_TTL = 600
_MAX = 64  # per query (there used to be one cache of 128 for every query together)

FKey = tuple | None


@st.cache_resource(show_spinner="Opening the store…")
def get_store() -> Store:
    """The process's store, filled with the demo corpus on first run."""
    store = Store.open_default()
    ensure_demo(store)
    return store


class ModelWarmup:
    """The language and sentiment models, loaded once per process on a background thread.

    The Upload page starts it when it opens, so the pages never wait for spaCy and an analyst
    who uploads usually finds the models ready. A load that fails keeps its error for the page."""

    def __init__(self) -> None:
        self._done = threading.Event()
        self.error: str | None = None
        threading.Thread(target=self._load, name="newslens-model-warmup", daemon=True).start()

    def _load(self) -> None:
        try:
            from analysis.nlp import get_nlp as _load_nlp
            from analysis.sentiment.model import get_model

            _load_nlp()
            get_model()
        except Exception as exc:  # kept and shown on the Upload page; the analysis raises it again there
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            self._done.set()

    @property
    def ready(self) -> bool:
        return self._done.is_set()


@st.cache_resource(show_spinner=False)
def model_warmup() -> ModelWarmup:
    """The process's model warm-up, started on first call."""
    return ModelWarmup()


def fkey(f: Filters | None) -> FKey:
    """A hashable key for a selection."""
    return None if f is None else tuple(tuple(x) if isinstance(x, (list, tuple)) else x for x in astuple(f))


def _filters(key: FKey) -> Filters | None:
    if key is None:
        return None
    return Filters(*key)  # fkey is astuple(Filters): the same fields, in the same order


def _shown(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A query the page asked for, whose store turns out damaged after it was opened: the page says so (as
    ``layout.setup_page`` does for a store that cannot be opened) and stops, instead of a traceback; the
    store is opened afresh on the next run, and refused there until it is restored."""
    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except StoreDamaged as exc:
            get_store.clear()
            st.error(f"The store cannot be opened: {exc}")
            st.stop()
    return run


def _version() -> int:
    return get_store().data_version()


# ---------------------------------------------------------------------------------------------- the corpus
@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _articles(version: int, f: FKey, limit: int | None, offset: int) -> pd.DataFrame:
    return get_store().articles_df(_filters(f), limit=limit, offset=offset)


@_shown
def articles(f: Filters | None = None, *, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """Articles under a selection, newest first, with their counts; ``limit``/``offset`` for one page
    (``Store.articles_df``)."""
    return _articles(_version(), fkey(f), limit, offset)


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _article_summary(version: int, f: FKey) -> tuple[int, int]:
    return get_store().article_summary(_filters(f))


@_shown
def article_summary(f: Filters | None = None) -> tuple[int, int]:
    """(articles, words) under a selection (``Store.article_summary``)."""
    return _article_summary(_version(), fkey(f))


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _article_titles(version: int, ids: tuple[str, ...]) -> dict[str, str]:
    return get_store().article_titles(ids)


@_shown
def article_titles(ids: Sequence[str]) -> dict[str, str]:
    """These articles' titles by id (``Store.article_titles``)."""
    return _article_titles(_version(), tuple(ids)) if ids else {}


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _search_hits(version: int, f: FKey, text: str, limit: int) -> pd.DataFrame:
    return get_store().search_hits_df(_filters(f), text=text, limit=limit)


@_shown
def search_hits(f: Filters | None, text: str, *, limit: int = 50) -> pd.DataFrame:
    """Full-text hits in articles and quotes, each with the span to open (``Store.search_hits_df``)."""
    return _search_hits(_version(), fkey(f), text, limit)


# ---------------------------------------------------------------------------------------------- one article
@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _article(version: int, article_id: str) -> dict | None:
    return get_store().article(article_id)


@_shown
def article(article_id: str) -> dict | None:
    """One article's text and metadata, or None when it is not stored (``Store.article``)."""
    return _article(_version(), article_id)


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _blocks(version: int, article_id: str) -> pd.DataFrame:
    return get_store().blocks_df(article_id)


@_shown
def blocks(article_id: str) -> pd.DataFrame:
    """An article's title, standfirst, headings and paragraphs as offsets (``Store.blocks_df``)."""
    return _blocks(_version(), article_id)


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _mentions(version: int, article_id: str) -> pd.DataFrame:
    return get_store().mentions_df(article_id)


@_shown
def mentions(article_id: str) -> pd.DataFrame:
    """An article's entity mentions with their actors (``Store.mentions_df``)."""
    return _mentions(_version(), article_id)


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _sentence_scores(version: int, article_id: str, actor_id: str) -> pd.DataFrame:
    return get_store().sentence_scores_df(article_id, actor_id)


@_shown
def sentence_scores(article_id: str, actor_id: str) -> pd.DataFrame:
    """The model's score toward an actor of each sentence of an article (``Store.sentence_scores_df``)."""
    return _sentence_scores(_version(), article_id, actor_id)


# ---------------------------------------------------------------------------------------------- actors
@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _actors(version: int, f: FKey, types: tuple[str, ...] | None, ids: tuple[str, ...], limit: int | None,
            offset: int) -> pd.DataFrame:
    return get_store().actors_df(_filters(f), types=types, ids=ids, limit=limit, offset=offset)


@_shown
def actors(f: Filters | None = None, *, types: Sequence[str] | None = None, ids: Sequence[str] = (),
           limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """Canonical actors under a selection, the most mentioned first, optionally of some types only, only
    some ids, or one page (``Store.actors_df``)."""
    return _actors(_version(), fkey(f), tuple(types) if types is not None else None, tuple(ids), limit, offset)


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _actors_count(version: int, f: FKey, types: tuple[str, ...] | None) -> int:
    return get_store().actors_count(_filters(f), types=types)


@_shown
def actors_count(f: Filters | None = None, *, types: Sequence[str] | None = None) -> int:
    """How many actors ``actors(f, types=types)`` holds without a limit (``Store.actors_count``)."""
    return _actors_count(_version(), fkey(f), tuple(types) if types is not None else None)


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _actor_options(version: int, limit: int | None, include: tuple[str, ...]) -> pd.DataFrame:
    return get_store().actor_options_df(limit=limit, include=include)


@_shown
def actor_options(*, limit: int | None = None, include: Sequence[str] = ()) -> pd.DataFrame:
    """Actors, most mentioned first: the ``limit`` busiest, then the ``include`` ids they leave out
    (``Store.actor_options_df``)."""
    return _actor_options(_version(), limit, tuple(include))


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _actor_count(version: int) -> int:
    return get_store().actor_count()


@_shown
def actor_count() -> int:
    """How many actors the stored articles name (``Store.actor_count``)."""
    return _actor_count(_version())


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _actor_types(version: int) -> list[str]:
    return get_store().actor_types()


@_shown
def actor_types() -> list[str]:
    """The actor types in use (``Store.actor_types``)."""
    return _actor_types(_version())


#: how many of the busiest actors the name -> nation map covers (a chart's rows are among them)
NATIONS_OF = 5000


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _actor_nations(version: int) -> dict[str, str]:
    opts = _actor_options(version, NATIONS_OF, ())
    out: dict[str, str] = {}
    for name, nation in zip(opts["name"], opts["nation"]):
        if isinstance(nation, str) and nation and name not in out:
            out[name] = nation
    return out


@_shown
def actor_nations() -> dict[str, str]:
    """Actor name -> nation code, for charts whose rows are names (of the actors with a name, the
    most-mentioned one with a nation); worked out once per data version, not on every Timeline run."""
    return _actor_nations(_version())


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _actor_links(version: int) -> pd.DataFrame:
    return get_store().actor_links_df()


@_shown
def actor_links() -> pd.DataFrame:
    """Actors of later articles merged into earlier ones (``Store.actor_links_df``)."""
    return _actor_links(_version())


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _nation_conflicts(version: int) -> pd.DataFrame:
    return get_store().nation_conflicts_df()


@_shown
def nation_conflicts() -> pd.DataFrame:
    """Actors whose articles state different nations (``Store.nation_conflicts_df``)."""
    return _nation_conflicts(_version())


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _overrides(version: int) -> pd.DataFrame:
    return get_store().overrides_df()


@_shown
def overrides() -> pd.DataFrame:
    """The analysts' corrections, newest first, undone ones too (``Store.overrides_df``)."""
    return _overrides(_version())


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _nation_options(version: int) -> pd.DataFrame:
    return get_store().nation_options_df()


@_shown
def nation_options() -> pd.DataFrame:
    """Every nation with its number of mentions (``Store.nation_options_df``)."""
    return _nation_options(_version())


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _cooccurrence(version: int, f: FKey, min_count: int, top: int) -> pd.DataFrame:
    return get_store().cooccurrence_df(_filters(f), min_count=min_count, top=top)


@_shown
def cooccurrence(f: Filters | None, *, min_count: int = 1, top: int = 60) -> pd.DataFrame:
    """Pairs of the ``top`` actors named in the same sentence, with a count (``Store.cooccurrence_df``)."""
    return _cooccurrence(_version(), fkey(f), min_count, top)


# ---------------------------------------------------------------------------------------------- quotes
@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _quotes(version: int, f: FKey, limit: int | None, offset: int) -> pd.DataFrame:
    return get_store().quotes_df(_filters(f), limit=limit, offset=offset)


@_shown
def quotes(f: Filters | None = None, *, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """Quotes under a selection, newest article first, with speaker, tone and article; ``limit``/``offset``
    for one page (``Store.quotes_df``)."""
    return _quotes(_version(), fkey(f), limit, offset)


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _speaker_options(version: int, limit: int | None, include: tuple[str, ...]) -> pd.DataFrame:
    return get_store().speaker_options_df(limit=limit, include=include)


@_shown
def speaker_options(*, limit: int | None = None, include: Sequence[str] = ()) -> pd.DataFrame:
    """Speakers with their number of quotes, most quoted first: the ``limit`` busiest, then the
    ``include`` ids they leave out (``Store.speaker_options_df``)."""
    return _speaker_options(_version(), limit, tuple(include))


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _speaker_counts(version: int, f: FKey, top: int) -> pd.DataFrame:
    return get_store().speaker_counts_df(_filters(f), top=top)


@_shown
def speaker_counts(f: Filters | None = None, *, top: int = 25) -> pd.DataFrame:
    """The ``top`` speakers under a selection with their quotes by kind (``Store.speaker_counts_df``)."""
    return _speaker_counts(_version(), fkey(f), top)


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _voice_groups(version: int, f: FKey) -> pd.DataFrame:
    return get_store().voice_groups_df(_filters(f))


@_shown
def voice_groups(f: Filters | None = None) -> pd.DataFrame:
    """The quotes under a selection grouped for the voice balance (``Store.voice_groups_df``)."""
    return _voice_groups(_version(), fkey(f))


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _speaker_count(version: int) -> int:
    return get_store().speaker_count()


@_shown
def speaker_count() -> int:
    """How many actors speak a stored quote (``Store.speaker_count``)."""
    return _speaker_count(_version())


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _quotes_count(version: int, f: FKey) -> int:
    return get_store().quotes_count(_filters(f))


@_shown
def quotes_count(f: Filters | None = None) -> int:
    """How many quotes ``quotes(f)`` holds (``Store.quotes_count``)."""
    return _quotes_count(_version(), fkey(f))


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _events_count(version: int, f: FKey) -> int:
    return get_store().events_count(_filters(f))


@_shown
def events_count(f: Filters | None = None) -> int:
    """How many dated events ``events(f)`` holds (``Store.events_count``)."""
    return _events_count(_version(), fkey(f))


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _quote_targets(version: int, f: FKey, speaker_id: str | None, target_id: str | None) -> pd.DataFrame:
    return get_store().quote_targets_df(_filters(f), speaker_id=speaker_id, target_id=target_id)


@_shown
def quote_targets(f: Filters | None = None, *, speaker_id: str | None = None,
                  target_id: str | None = None) -> pd.DataFrame:
    """Each quote's targets with the speaker's stance toward them; one speaker's and target's with both
    given (``Store.quote_targets_df``)."""
    return _quote_targets(_version(), fkey(f), speaker_id, target_id)


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _stance_cells(version: int, f: FKey, top_speakers: int, top_targets: int) -> pd.DataFrame:
    return get_store().stance_cells_df(_filters(f), top_speakers=top_speakers, top_targets=top_targets)


@_shown
def stance_cells(f: Filters | None = None, *, top_speakers: int = 20, top_targets: int = 15) -> pd.DataFrame:
    """The who-says-what-about-whom matrix's cells, grouped in SQL (``Store.stance_cells_df``)."""
    return _stance_cells(_version(), fkey(f), top_speakers, top_targets)


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _quote_nations(version: int, f: FKey) -> pd.DataFrame:
    return get_store().quote_nations_df(_filters(f))


@_shown
def quote_nations(f: Filters | None = None) -> pd.DataFrame:
    """Per speaker nation: quotes and mean polarity, subjectivity, tone (``Store.quote_nations_df``)."""
    return _quote_nations(_version(), fkey(f))


# ---------------------------------------------------------------------------------------------- portrayal
@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _portrayal(version: int, f: FKey, limit: int | None) -> pd.DataFrame:
    return get_store().portrayal_df(_filters(f), limit=limit)


@_shown
def portrayal(f: Filters | None = None, *, limit: int | None = None) -> pd.DataFrame:
    """Portrayal per actor, the most scored first: counts per label and the mean score (``Store.portrayal_df``)."""
    return _portrayal(_version(), fkey(f), limit)


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _portrayal_sentences(version: int, f: FKey, actor_id: str, limit: int) -> pd.DataFrame:
    return get_store().portrayal_sentences_df(actor_id, _filters(f), limit=limit)


@_shown
def portrayal_sentences(f: Filters | None, actor_id: str, *, limit: int = 20) -> pd.DataFrame:
    """The strongest scored sentences about an actor (``Store.portrayal_sentences_df``)."""
    return _portrayal_sentences(_version(), fkey(f), actor_id, limit)


@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _portrayal_over_time(version: int, f: FKey, ids: tuple[str, ...]) -> pd.DataFrame:
    return get_store().portrayal_over_time_df(_filters(f), ids=ids)


@_shown
def portrayal_over_time(f: Filters | None = None, *, ids: Sequence[str] = ()) -> pd.DataFrame:
    """Mean portrayal per actor and publication day, of these actors (``Store.portrayal_over_time_df``)."""
    return _portrayal_over_time(_version(), fkey(f), tuple(ids))


# ---------------------------------------------------------------------------------------------- events
@st.cache_data(ttl=_TTL, max_entries=_MAX, show_spinner=False)
def _events(version: int, f: FKey, include_unresolved: bool, unresolved_only: bool, limit: int | None,
            offset: int, sample: int | None) -> pd.DataFrame:
    return get_store().events_df(_filters(f), include_unresolved=include_unresolved, unresolved_only=unresolved_only,
                                 limit=limit, offset=offset, sample=sample)


@_shown
def events(f: Filters | None = None, *, include_unresolved: bool = False, unresolved_only: bool = False,
           limit: int | None = None, offset: int = 0, sample: int | None = None) -> pd.DataFrame:
    """Dated events under a selection by date, and the unresolved expressions when asked; one page, or an
    even sample of about ``sample`` (``Store.events_df``)."""
    return _events(_version(), fkey(f), include_unresolved, unresolved_only, limit, offset, sample)


_CACHED = (
    _articles, _article_summary, _article_titles, _search_hits, _article, _blocks, _mentions,
    _sentence_scores, _actors, _actors_count, _actor_options, _actor_count, _actor_types, _actor_nations,
    _actor_links, _nation_conflicts, _overrides, _nation_options, _cooccurrence, _quotes, _speaker_options,
    _speaker_counts, _voice_groups, _speaker_count, _quotes_count, _events_count, _quote_targets,
    _stance_cells, _quote_nations, _portrayal, _portrayal_sentences, _portrayal_over_time, _events)


def invalidate() -> None:
    """Drop cached DataFrames (the data version already does this after writes)."""
    for cached in _CACHED:
        cached.clear()
