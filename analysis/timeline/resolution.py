"""Resolution: a time expression's spec, the anchor date and the clause's tense -> a calendar value.

:func:`resolve_spec` gives a value with a precision of day, month or year,
given the anchor (publication or speech) date, the tense of the clause, and
for expressions such as "the following day" the value of the event they
refer to. Because specs are plain data (see
:mod:`analysis.timeline.expressions`), events can be resolved again against
another published date without parsing anything.

Weeks and weekends have no precision of their own in the contract: they
resolve to the month (or year) that holds the whole span, and ``notes["span"]``
keeps the first and last day. Nothing is ever given a finer precision than
the text supports ("last year" is a year, never a day).

Tenses: "past", "present", "future", and "nearest" for a future seen from
the past ("would", "was to meet", "was scheduled for"): with no dated
reporting clause it may lie on either side of the anchor, so the nearer
candidate wins.

Decision on weekdays in present-tense clauses: a bare weekday whose clause is
in the simple present ("Ukraine says on Tuesday") resolves like the past, to
the most recent such day, because news uses the simple present mostly for
just-reported events (headlines, leads); scheduled events normally come with
"will", "is to", "is due to" or the progressive, which the clause reader maps
to the future. A weekday equal to the anchor's weekday is the anchor day
itself in every tense unless "last" or "next" says otherwise: a story
published on a Wednesday that says "on Wednesday" means today.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from .calendar import SEASONS, add_months, holiday_in, unit_shift, week_span, weekend_of
from .expressions import scan

PRECISIONS = ("year", "month", "day")
#: The years an event may resolve to. A value outside (year 0000 from "last year" in an article dated 0001,
#: 10000 from "next year" in one dated 9999) is left unresolved, with the reason in its notes.
EVENT_YEARS = (1000, 2999)


def in_event_years(value: str | None) -> bool:
    """Whether a resolved value ("YYYY", "YYYY-MM", "YYYY-MM-DD") falls in ``EVENT_YEARS``."""
    m = re.match(r"\s*(\d+)", value or "")
    return bool(m) and EVENT_YEARS[0] <= int(m.group(1)) <= EVENT_YEARS[1]


def _out_of_range(notes: dict[str, Any], value: str) -> tuple[None, None]:
    notes["reason"] = f"{value} is outside the years {EVENT_YEARS[0]}-{EVENT_YEARS[1]}"
    return None, None


def parse_iso(value: str | None) -> date | None:
    """A date from "YYYY-MM-DD" (extra time part ignored); None when absent or invalid."""
    if not value or not isinstance(value, str):
        return None
    m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def parse_value(value: str | None) -> tuple[date, str] | None:
    """("YYYY[-MM[-DD]]") -> (first day of it, precision); None when invalid."""
    if not value or not isinstance(value, str):
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if not m:
        return None
    try:
        if m.group(3):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day"
        if m.group(2):
            return date(int(m.group(1)), int(m.group(2)), 1), "month"
        return date(int(m.group(1)), 1, 1), "year"
    except ValueError:
        return None


def fmt(d: date, precision: str) -> str:
    """Format a date at a precision: "2025", "2025-11" or "2025-11-30"."""
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()



def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def contain(first: date, last: date) -> tuple[str, str] | tuple[None, None]:
    """The finest month or year that holds the whole span (weeks, weekends, seasons)."""
    if first > last:
        first, last = last, first
    if (first.year, first.month) == (last.year, last.month):
        return fmt(first, "month"), "month"
    if first.year == last.year:
        return fmt(first, "year"), "year"
    return None, None


def _choose(cands: list[date], anchor: date, tense: str) -> date | None:
    """Pick among candidate dates by tense: past -> latest <= anchor; future -> earliest >= anchor; present -> nearest."""
    cands = sorted(c for c in cands if c is not None)
    if not cands:
        return None
    past = [c for c in cands if c <= anchor]
    fut = [c for c in cands if c >= anchor]
    if tense == "future":
        return fut[0] if fut else cands[-1]
    if tense in ("present", "nearest"):
        best_p = past[-1] if past else None
        best_f = fut[0] if fut else None
        if best_p is None:
            return best_f
        if best_f is None:
            return best_p
        return best_p if (anchor - best_p) <= (best_f - anchor) else best_f
    return past[-1] if past else cands[0]



def resolve_spec(spec: dict[str, Any] | None, anchor: date | None, tense: str = "past",
                 ref: tuple[str, str] | None = None) -> tuple[str | None, str | None, dict[str, Any]]:
    """Resolve one spec: (value, precision, notes) with ``notes`` saying why when unresolved.

    ``ref`` is the (value, precision) of the reference event for ``rel`` specs.
    Never raises.
    """
    notes: dict[str, Any] = {}
    try:
        value, precision = _resolve(spec or {}, anchor, tense or "past", ref, notes)
        if value is not None and not in_event_years(value):
            value, precision = _out_of_range(notes, value)
        return value, precision, notes
    except (ValueError, OverflowError, TypeError, KeyError) as exc:
        notes["reason"] = f"error: {exc}"
        return None, None, notes


def _resolve(spec: dict[str, Any], anchor: date | None, tense: str, ref: tuple[str, str] | None,
             notes: dict[str, Any]) -> tuple[str | None, str | None]:
    t = spec.get("t")
    if t == "abs":
        y, m, d = spec.get("y"), spec.get("m"), spec.get("d")
        if spec.get("yoff") is not None:
            if anchor is None:
                notes["reason"] = "no anchor date"
                return None, None
            y = anchor.year + int(spec["yoff"])
        if y is not None:
            if not 1 <= y <= 9999:
                return None, None
            if m is None:
                return f"{y:04d}", "year"
            if d is None:
                return f"{y:04d}-{m:02d}", "month"
            dd = _safe_date(y, m, d)
            if dd is None:
                notes["reason"] = "no such day"
                return None, None
            return dd.isoformat(), "day"
        if m is None:
            return None, None
        if anchor is None:
            notes["reason"] = "no anchor date: the year is unknown"
            return None, None
        if d is None:
            cands = [date(anchor.year + k, m, 1) for k in (-1, 0, 1)]
            month_anchor = date(anchor.year, anchor.month, 1)
            pick = _choose(cands, month_anchor, tense)
            return (fmt(pick, "month"), "month") if pick else (None, None)
        cands = [c for c in (_safe_date(anchor.year + k, m, d) for k in (-1, 0, 1)) if c]
        pick = _choose(cands, anchor, tense)
        return (pick.isoformat(), "day") if pick else (None, None)

    if t == "weekday":
        if anchor is None:
            notes["reason"] = "no anchor date"
            return None, None
        wd, mod = int(spec["wd"]), spec.get("mod")
        back = (anchor.weekday() - wd) % 7
        fwd = (wd - anchor.weekday()) % 7
        if mod == "last":
            return (anchor - timedelta(days=back or 7)).isoformat(), "day"
        if mod == "next":
            return (anchor + timedelta(days=fwd or 7)).isoformat(), "day"
        if back == 0:
            return anchor.isoformat(), "day"
        if tense == "future" or (tense == "nearest" and fwd < back):
            return (anchor + timedelta(days=fwd)).isoformat(), "day"
        return (anchor - timedelta(days=back)).isoformat(), "day"

    if t == "deictic":
        if anchor is None:
            notes["reason"] = "no anchor date"
            return None, None
        unit, off = spec.get("unit"), int(spec.get("offset", 0))
        if unit == "day":
            return (anchor + timedelta(days=off)).isoformat(), "day"
        if unit == "month":
            return fmt(add_months(anchor, off), "month"), "month"
        if unit == "year":
            return f"{anchor.year + off:04d}", "year"
        if unit == "week":
            first, last = week_span(anchor + timedelta(days=7 * off))
            return _finish(first, "week", (first, last), notes)
        if unit == "weekend":
            sat = weekend_of(anchor, off, tense)
            return _finish(sat, "week", (sat, sat + timedelta(days=1)), notes)
        return None, None

    if t == "offset":
        if anchor is None:
            notes["reason"] = "no anchor date"
            return None, None
        if spec.get("needs_future") and tense != "future":
            notes["reason"] = "duration: not a future clause"
            return None, None
        n = spec.get("n")
        if n is None:
            notes["reason"] = "vague amount"
            return None, None
        x, prec, span = unit_shift(anchor, spec.get("unit", ""), int(n) * int(spec.get("dir", 1)))
        return _finish(x, prec, span, notes)

    if t == "rel":
        if ref is None:
            notes["reason"] = "no reference event"
            return None, None
        parsed = parse_value(ref[0])
        if parsed is None:
            notes["reason"] = "reference event unresolved"
            return None, None
        base, ref_prec = parsed
        unit = spec.get("unit", "")
        need = {"day": "day", "night": "day", "week": "day", "weekend": "day", "fortnight": "day",
                "month": "month", "year": "year"}.get(unit)
        if need is None or PRECISIONS.index(ref_prec) < PRECISIONS.index(need):
            notes["reason"] = "reference too coarse"
            return None, None
        n = spec.get("n")
        if n is None:
            notes["reason"] = "vague amount"
            return None, None
        x, prec, span = unit_shift(base, unit, int(n) * int(spec.get("dir", 1)))
        return _finish(x, prec, span, notes)

    if t == "season":
        s = spec.get("season")
        if s not in SEASONS:
            return None, None
        y = spec.get("y")
        if y is not None:
            return (None, None) if s == "winter" else (f"{int(y):04d}", "year")
        if anchor is None or s == "winter":
            notes["reason"] = "no anchor date" if anchor is None else "winter spans two years"
            return None, None
        first, last = SEASONS[s]
        mod = spec.get("mod")
        if mod == "last":
            y = anchor.year if anchor.month > last else anchor.year - 1
        elif mod == "next":
            y = anchor.year if anchor.month < first else anchor.year + 1
        else:
            y = anchor.year
        return f"{y:04d}", "year"

    if t == "holiday":
        name, y = spec.get("name", ""), spec.get("y")
        if y is not None:
            d = holiday_in(name, int(y))
            return (d.isoformat(), "day") if d else (None, None)
        if anchor is None:
            notes["reason"] = "no anchor date: the year is unknown"
            return None, None
        pick = _choose([x for x in (holiday_in(name, anchor.year + k) for k in (-1, 0, 1)) if x], anchor, tense)
        return (pick.isoformat(), "day") if pick else (None, None)

    if t == "quarter":
        y = spec.get("y")
        return (f"{int(y):04d}", "year") if y else (None, None)

    return None, None


def _finish(x: date | None, prec: str | None, span: tuple[date, date] | None,
            notes: dict[str, Any]) -> tuple[str | None, str | None]:
    if x is None or prec is None:
        return None, None
    if prec == "week" and span:
        notes["span"] = [span[0].isoformat(), span[1].isoformat()]
        value, precision = contain(*span)
        if value is None:
            notes["reason"] = "the week spans two years"
        return value, precision
    return fmt(x, prec), prec


def static_precision(spec: dict[str, Any] | None) -> str | None:
    """The precision a spec resolves to, known without any date (None for non-dates)."""
    spec = spec or {}
    t = spec.get("t")
    if t == "abs":
        return "day" if spec.get("d") else "month" if spec.get("m") else "year" if spec.get("y") is not None else None
    if t == "weekday":
        return "day"
    if t in ("deictic", "offset", "rel"):
        u = spec.get("unit")
        return {"day": "day", "night": "day", "month": "month", "year": "year"}.get(u, "week" if u else None)
    if t in ("season", "quarter"):
        return "year"
    if t == "holiday":
        return "day"
    return None


def resolve_expression(text: str, anchor: str | None, tense: str = "past") -> tuple[str | None, str | None]:
    """(value, precision) of a bare time expression such as "last month" or "Feb. 28".

    ``anchor`` is "YYYY-MM-DD" (or None: only absolute expressions resolve);
    ``tense`` is "past", "present", "future" or "nearest". Expressions that need a
    reference event ("the following day"), durations and unknown text give
    (None, None), and so does bad input: text that is not a string, an anchor
    that is not a date, an unknown tense (read as the past).
    """
    found = [t for t in scan(text or "") if t.spec.get("t") != "none" or t.kind not in ("date",)]
    if not found:
        return None, None
    best = max(found, key=lambda t: t.end - t.start)
    if best.spec.get("t") == "none":
        return None, None
    value, precision, _ = resolve_spec(best.spec, parse_iso(anchor), tense, None)
    return value, precision


def _fill_range_years(s1: dict[str, Any], s2: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Share the year and month between the two ends of "between March and May 2020"."""
    a, b = dict(s1), dict(s2)
    if a.get("t") != "abs" or b.get("t") != "abs":
        return a, b
    if b.get("m") is None and b.get("d") is not None:
        b["m"] = a.get("m")
    if a.get("yoff") is not None and b.get("y") is None and b.get("yoff") is None:
        b["yoff"] = a["yoff"]
    if b.get("yoff") is not None and a.get("y") is None and a.get("yoff") is None:
        a["yoff"] = b["yoff"]
    am, bm = (a.get("m") or 0, a.get("d") or 0), (b.get("m") or 0, b.get("d") or 0)
    if b.get("y") is None and a.get("y") is not None and b.get("yoff") is None:
        b["y"] = a["y"] + (1 if bm < am and b.get("m") else 0)
    if a.get("y") is None and b.get("y") is not None and a.get("yoff") is None:
        a["y"] = b["y"] - (1 if am > bm and a.get("m") else 0)
    return a, b


def resolve_range(spec: dict[str, Any] | None, end_spec: dict[str, Any] | None, anchor: date | None,
                  tense: str = "past") -> tuple[str | None, str | None, str | None, dict[str, Any]]:
    """Resolve both ends of a range: (start value, precision, end value, notes). Never raises."""
    notes: dict[str, Any] = {}
    try:
        a, b = _fill_range_years(spec or {}, end_spec or {})
        v1, p1, n1 = resolve_spec(a, anchor, tense, None)
        notes.update(n1)
        if v1 is None:
            return None, None, None, notes
        if a.get("t") == "weekday" and b.get("t") == "weekday":
            # "Wednesday through Friday": the end is the first such day from the start on
            first = date.fromisoformat(v1)
            last = first + timedelta(days=(int(b["wd"]) - int(a["wd"])) % 7)
            return v1, p1, last.isoformat() if in_event_years(last.isoformat()) else None, notes
        if b.get("t") == "abs" and b.get("y") is None and b.get("yoff") is None and b.get("m"):
            start = parse_value(v1)
            if start is not None:
                y = start[0].year
                if (b.get("m"), b.get("d") or 0) < (start[0].month, (start[0].day if b.get("d") else 0)):
                    y += 1
                b = dict(b, y=y)
        v2, _p2, _n2 = resolve_spec(b, anchor, tense, None)
        return v1, p1, v2, notes
    except (ValueError, TypeError, KeyError, OverflowError) as exc:
        notes["reason"] = f"error: {exc}"
        return None, None, None, notes
