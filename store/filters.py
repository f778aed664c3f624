"""Filters: the shared selection as the store understands it, and the SQL clauses that apply it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .overrides import effective_actor_sql


@dataclass
class Filters:
    """The shared selection, as the store understands it. Empty means no filter.

    Its one meaning, which every query applies through the helpers below:

    - **the articles** under it (``article_filter`` + ``selection_article_clause``) are those in
      ``articles`` (when set), published within ``date_from``..``date_to``, that mention a
      selected actor, quote a selected speaker, and name an actor of a selected nation (each part
      that is set must hold);
    - **the rows** of a view are then narrowed to what the selection names: a speaker keeps that
      speaker's quotes (and the events they dated), an actor keeps the rows that name it, a nation
      keeps rows whose actor or speaker is of it, and the date range also bounds an event's own date.

    A chart that sets one part is drawn without that part (``components.pagekit.without``), so
    its other bars stay clickable. Each page's docstring says what the selection shows there.
    """

    actors: Sequence[str] = ()
    speakers: Sequence[str] = ()
    nations: Sequence[str] = ()
    articles: Sequence[str] = ()
    date_from: str | None = None
    date_to: str | None = None
    # False leaves out nations the analysis only inferred (setting, a body's name): stated, corpus and
    # analysts' nations stay. One meaning for every query: ``effective_actor_sql(inferred(f))``.
    inferred_nations: bool = True

    def is_empty(self) -> bool:
        return not (self.actors or self.speakers or self.nations or self.articles or self.date_from
                    or self.date_to or not self.inferred_nations)


def inferred(f: "Filters | None") -> bool:
    """Whether the selection counts inferred nations (the default)."""
    return f is None or bool(f.inferred_nations)


def in_clause(col: str, values: Sequence[str]) -> tuple[str, list]:
    """``col IN (?,?,...)`` and its parameters."""
    return f"{col} IN ({','.join('?' * len(values))})", list(values)


def narrow(sql: str, params: list, col: str, values: Sequence[str], *either: str) -> tuple[str, list]:
    """Add ``AND col IN (values)`` to a query when the selection has values for it.

    With more columns in ``either``, a row passes when any of them is in ``values``.
    """
    if not values:
        return sql, params
    parts = [in_clause(c, values) for c in (col, *either)]
    clause = " OR ".join(s for s, _ in parts)
    return f"{sql} AND ({clause})", params + [v for _, p in parts for v in p]


def article_filter(f: Filters | None, alias: str = "art") -> tuple[str, list]:
    """SQL over ``articles AS alias`` for the article and date parts of the selection."""
    if f is None:
        return "1=1", []
    parts, params = [], []
    if f.articles:
        s, p = in_clause(f"{alias}.id", f.articles)
        parts.append(s)
        params += p
    if f.date_from:
        parts.append(f"{alias}.published >= ?")
        params.append(f.date_from)
    if f.date_to:
        parts.append(f"{alias}.published <= ?")
        params.append(f.date_to)
    return (" AND ".join(parts) or "1=1"), params


def selection_article_clause(f: Filters | None) -> tuple[str, list]:
    """``AND ...`` over ``articles AS art``: the articles that hold the selected actors / speakers / nations."""
    if f is None:
        return "", []
    sql, params = "", []
    if f.actors:
        s, p = in_clause("m.actor_id", f.actors)
        sql += f" AND art.id IN (SELECT m.article_id FROM mentions m WHERE {s})"
        params += p
    if f.speakers:
        s, p = in_clause("q.speaker_id", f.speakers)
        sql += f" AND art.id IN (SELECT q.article_id FROM quotes q WHERE {s})"
        params += p
    if f.nations:
        own = "aa.nation" if inferred(f) else "(CASE WHEN aa.nation_basis='inferred' THEN NULL ELSE aa.nation END)"
        s, p = in_clause(f"COALESCE(ea.nation, {own})", f.nations)
        # one uncorrelated set of articles, not a probe per article through the edited actors
        sql += (f" AND art.id IN (SELECT aa.article_id FROM article_actors aa LEFT JOIN "
                f"({effective_actor_sql(inferred(f))}) ea ON ea.id=aa.actor_id WHERE {s})")
        params += p
    return sql, params

