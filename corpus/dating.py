"""Re-dating: an article's publication date changed, and its stored events resolved again against it.

No spaCy: the store hands over the events as stored, ``analysis.timeline.reresolve_events``
resolves them from their features, and the store writes the new values, all in one transaction.
"""
from __future__ import annotations

from typing import Any

from analysis.reading import validate_date
from analysis.records import Event
from analysis.timeline import reresolve_events
from store import Store


def _event(row: dict[str, Any]) -> Event:
    """An Event from a stored event row (raw actor and speaker ids: those the analysis gave)."""
    return Event(start=row["start"], end=row["end"], expression=row["expression"], value=row["value"],
                 precision=row["precision"], kind=row["kind"], sentence_index=row["sentence_idx"],
                 sentence_start=row["sentence_start"], sentence_end=row["sentence_end"], sentence=row["sentence"],
                 actor_ids=list(row["actor_ids"]), speaker_id=row["raw_speaker_id"], end_value=row["end_value"],
                 anchor=row["anchor"], features=row["features"])


def reresolve_rows(rows: list[dict[str, Any]], published: str | None) -> list[Event]:
    """Stored event rows resolved against ``published`` (what ``Store.set_published`` calls back)."""
    return reresolve_events([_event(r) for r in rows], published)


def redate(store: Store, article_id: str, published: str | None) -> int:
    """Set an article's publication date and resolve its events again; returns how many were resolved.

    A date outside ``analysis.reading.published_range`` (or no date at all) raises ``InputError``, and nothing
    changes."""
    return store.set_published(article_id, validate_date(published), reresolve_rows)
