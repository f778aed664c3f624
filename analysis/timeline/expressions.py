"""Time expressions as found in text: the :class:`Timex` record and :func:`scan`.

Pure Python, no spaCy: :func:`scan` runs the pattern table
(:mod:`analysis.timeline.patterns`) over a string, keeps the leftmost-longest
matches, and wraps them into since/until/before/after expressions and
between/from-to ranges. Each expression is described by a *spec*, a small
JSON-able dict that :mod:`analysis.timeline.resolution` turns into a calendar
value. Spec types (key ``t``):

``abs``      explicit calendar parts ``y``/``m``/``d`` (missing ``y`` is chosen
             by tense: past -> latest not after the anchor, future -> earliest
             not before it, present -> the nearest); ``yoff`` gives the year
             relative to the anchor ("March last year").
``weekday``  ``wd`` (Monday=0) and ``mod`` (last/next/this/None).
``deictic``  ``unit`` (day/week/weekend/month/year) and ``offset`` from the anchor
             ("yesterday", "last month", "this week").
``offset``   ``n`` ``unit`` ``dir`` from the anchor ("three days ago");
             ``needs_future`` marks "in two days", a date only in a future clause.
``rel``      ``n`` ``unit`` ``dir`` from a *reference event* ("the following
             day", "two days later"); ``form`` says how the reference is found.
``season``/``quarter``  resolve to their year.
``holiday``  movable feasts (Easter, Good Friday, US Thanksgiving), by tense
             when no year is given; fixed ones ("Christmas Eve") are ``abs``.
``none``     durations, ages, times of day, decades, recurring and vague
             expressions: recognised so they are not taken for dates, never valued.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .patterns import PATTERNS

#: kinds of expression that are dates (and get a value)
DATE_KINDS = ("date", "since", "until", "range", "before", "after")
#: kinds that are recognised only so that they are not taken for dates
NON_DATE_KINDS = ("duration", "age", "time", "set", "decade", "century", "vague")


@dataclass
class Timex:
    """One time expression found by :func:`scan` (offsets relative to the scanned string)."""

    start: int
    end: int
    text: str
    spec: dict[str, Any]
    kind: str  # date | since | until | range | before | after | duration | age | time | set | decade | century | vague
    rule: str
    weak: bool = False  # a bare year or month: the caller checks the context before trusting it
    end_spec: dict[str, Any] | None = None  # ranges
    extra: dict[str, Any] = field(default_factory=dict)


_WRAP_BEFORE = re.compile(
    r"(?i:\b(?P<w>since|until|till|til|untill|through|throughout|before|after|from|between|by|as\s+of|up\s+to|starting|beginning|ending)\s+(?:(?:at\s+least|as\s+early\s+as|as\s+late\s+as|early|late|mid)\s+)?(?:on\s+|in\s+)?)$")
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|(?i:to|and|until|till|through|thru))\s*$")
_KIND_OF_WRAPPER = {
    "since": "since", "until": "until", "till": "until", "til": "until", "untill": "until",
    "through": "until", "up to": "until", "before": "before", "after": "after",
    "from": "since", "starting": "since", "beginning": "since", "as of": "date", "by": "date",
    "ending": "until", "throughout": "date",
}


def _raw_matches(text: str) -> list[Timex]:
    found: list[Timex] = []
    low = text.lower()
    for p in PATTERNS:
        if p.needs and not any(k in low for k in p.needs):
            continue
        for m in p.regex.finditer(text):
            if m.end() <= m.start():
                continue
            try:
                info = p.build(m)
            except (KeyError, ValueError, TypeError):
                info = None
            if not info:
                continue
            end = info.pop("end", m.end())
            start = m.start()
            seg = text[start:end]
            # drop leading/trailing whitespace swallowed by optional groups
            lead = len(seg) - len(seg.lstrip())
            seg = seg.strip()
            start += lead
            end = start + len(seg)
            if not seg:
                continue
            found.append(Timex(start=start, end=end, text=seg, spec=info["spec"], kind=info.get("kind", "date"),
                               rule=info.get("rule", p.name), weak=info.get("weak", False),
                               end_spec=info.get("end_spec"), extra=dict(info.get("extra", {}))))
    return found


def _select(cands: list[Timex]) -> list[Timex]:
    """Leftmost-longest non-overlapping selection; strong matches beat weak ones of equal length."""
    cands = sorted(cands, key=lambda t: (-(t.end - t.start), t.weak, t.start))
    taken: list[Timex] = []
    for c in cands:
        if any(c.start < t.end and t.start < c.end for t in taken):
            continue
        taken.append(c)
    return sorted(taken, key=lambda t: t.start)


def _is_dateish(t: Timex) -> bool:
    return t.spec.get("t") in ("abs", "weekday", "deictic", "season", "quarter", "offset")


def scan(text: str) -> list[Timex]:
    """Every time expression in ``text`` (offsets relative to it), left to right.

    Adds since/until/before/after and between/from-to ranges around the base
    expressions. Never raises; odd input gives an empty list.
    """
    if not text or not isinstance(text, str):
        return []
    try:
        base = _select(_raw_matches(text))
    except re.error:  # pragma: no cover - patterns are static
        return []
    out: list[Timex] = []
    i = 0
    while i < len(base):
        t = base[i]
        before = text[max(0, t.start - 40):t.start]
        wrap = _WRAP_BEFORE.search(before) if _is_dateish(t) else None
        # ranges: "between March and May", "from 2010 to 2015", "March to May"
        if i + 1 < len(base) and _is_dateish(t) and _is_dateish(base[i + 1]) and t.kind == "date" \
                and base[i + 1].kind == "date" and _RANGE_JOIN.match(text[t.end:base[i + 1].start]):
            join = text[t.end:base[i + 1].start].strip().lower()
            w = wrap.group("w").lower() if wrap else ""
            same_type = t.spec.get("t") == base[i + 1].spec.get("t") and t.spec.get("t") in ("abs", "weekday")
            if (w in ("between",) and join == "and") or (w in ("from",) and join != "and") \
                    or (join in ("-", "–", "—") and t.spec.get("t") == "abs" and base[i + 1].spec.get("t") == "abs") \
                    or (not w and join in ("through", "thru", "to", "until", "till", "-", "–", "—") and same_type
                        and t.spec.get("t") == "weekday"):
                u = base[i + 1]
                start = t.start - (len(wrap.group(0)) if wrap and w in ("between", "from") else 0)
                out.append(Timex(start=start, end=u.end, text=text[start:u.end], spec=t.spec, kind="range",
                                 rule="range", weak=t.weak and u.weak and not wrap, end_spec=u.spec))
                i += 2
                continue
        if wrap and t.kind == "date":
            w = " ".join(wrap.group("w").lower().split())
            kind = _KIND_OF_WRAPPER.get(w)
            if kind and kind != "date" and w not in ("between",):
                # "from X" alone is a start, like "since X"
                start = t.start - len(wrap.group(0))
                t = Timex(start=start, end=t.end, text=text[start:t.end], spec=t.spec, kind=kind,
                          rule=t.rule, weak=False, end_spec=t.end_spec, extra=t.extra)
            elif t.weak and w in ("by", "as of", "throughout"):
                t.weak = False
        out.append(t)
        i += 1
    # "Wednesday, a day after" etc. keep separate; a weekday right before an explicit date is absorbed by the patterns.
    return out
