"""The timeline: time expressions found, resolved against the published date, and kept as events.

expressions (the Timex record and ``scan``, over the pattern table in
patterns and the words in vocabulary) -> resolution (spec + anchor + tense ->
value, with the calendar) ; candidates (expressions checked against the
parse, with their clause's tense) -> links (reference events, quotes, the
date of the saying) -> events (``extract_events``, ``reresolve_events``).
"""
from __future__ import annotations

from .events import extract_events, reresolve_events
from .expressions import DATE_KINDS, NON_DATE_KINDS, Timex, scan
from .resolution import parse_iso, parse_value, resolve_expression, resolve_range, resolve_spec, static_precision
from .tense import clause_tense

__all__ = ["extract_events", "reresolve_events", "resolve_expression", "clause_tense", "scan", "Timex",
           "resolve_spec", "resolve_range", "parse_iso", "parse_value", "static_precision",
           "DATE_KINDS", "NON_DATE_KINDS"]
