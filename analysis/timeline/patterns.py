"""The pattern table: every regular expression that finds a time expression, and what each one means.

Each pattern names the expression it matches and builds its *spec* (see
:mod:`analysis.timeline.expressions`) from the match, or returns None when
the match turns out not to be one. The table's order matters: of two matches
of the same length and strength at the same place, the earlier pattern wins.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .calendar import FIXED_HOLIDAYS
from .vocabulary import (APPROX, DAY, MON, MONTH_ABBR_RX, MONTH_FULL, MONTH_KEYS, MY_PREFIX, NUM, TOD, UNIT,
                         UNIT_KEYS, WD, WEEKDAYS, YEAR)
from .vocabulary import day as _day
from .vocabulary import month as _month
from .vocabulary import number as _num
from .vocabulary import unit as _unit


@dataclass(frozen=True)
class Pattern:
    """One entry of the table: a compiled regex and the builder of its match's fields."""

    name: str
    regex: re.Pattern[str]
    build: Callable[[re.Match[str]], dict[str, Any] | None]
    # Substrings (lower case) without which it cannot match: a cheap pre-filter, because the
    # number-word alternations are slow to try at every position of every sentence.
    needs: tuple[str, ...] = ()


_TABLE: list[Pattern] = []


def _pattern(name: str, regex: str, needs: tuple[str, ...] = ()):
    """Add a pattern to the table, in the order of this file."""
    def deco(fn):
        _TABLE.append(Pattern(name, re.compile(r"(?<![A-Za-z0-9])(?:" + regex + ")"), fn, needs))
        return fn
    return deco


def _abs(y: int | None = None, m: int | None = None, d: int | None = None, **kw: Any) -> dict[str, Any]:
    """An ``abs`` spec: explicit calendar parts, any of them None."""
    spec: dict[str, Any] = {"t": "abs", "y": y, "m": m, "d": d}
    spec.update(kw)
    return spec


# --- explicit dates -----------------------------------------------------------

@_pattern("iso", rf"(?<![\d-])(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])(?:-(?P<d>0[1-9]|[12]\d|3[01]))?(?![\d-])", needs=("-",))
def _iso(m: re.Match[str]):
    return dict(spec=_abs(int(m["y"]), int(m["m"]), int(m["d"]) if m["d"] else None), rule="iso")


@_pattern("mdy", rf"{MY_PREFIX}(?:{WD},?\s+)?(?P<mon>{MON})\s*(?P<d>{DAY}),?\s+(?P<y>{YEAR})", needs=MONTH_KEYS)
def _mdy(m: re.Match[str]):
    return dict(spec=_abs(int(m["y"]), _month(m["mon"]), _day(m["d"])), rule="explicit")


@_pattern("dmy", rf"(?:{WD},?\s+)?(?:(?i:the)\s+)?(?P<d>{DAY})(?:\s+(?i:of))?\s+(?P<mon>{MON}),?\s+(?P<y>{YEAR})", needs=MONTH_KEYS)
def _dmy(m: re.Match[str]):
    return dict(spec=_abs(int(m["y"]), _month(m["mon"]), _day(m["d"])), rule="explicit")


@_pattern("md", rf"(?:{WD},?\s+)?(?P<mon>{MON})\s*(?P<d>{DAY})(?!\s*(?:%|-\s*\d|–\s*\d|(?i:percent|per\s+cent|million|billion)))", needs=MONTH_KEYS)
def _md(m: re.Match[str]):
    return dict(spec=_abs(None, _month(m["mon"]), _day(m["d"])), rule="month-day")


@_pattern("dm", rf"(?:{WD},?\s+)?(?:(?i:the)\s+)?(?P<d>{DAY})(?:\s+(?i:of))?\s+(?P<mon>{MON})", needs=MONTH_KEYS)
def _dm(m: re.Match[str]):
    return dict(spec=_abs(None, _month(m["mon"]), _day(m["d"])), rule="month-day")


@_pattern("my", rf"{MY_PREFIX}(?P<mon>{MON}),?\s+(?:(?i:of)\s+)?(?P<y>{YEAR})", needs=MONTH_KEYS)
def _my(m: re.Match[str]):
    return dict(spec=_abs(int(m["y"]), _month(m["mon"])), rule="explicit")


@_pattern("m-rel-year", rf"{MY_PREFIX}(?P<mon>{MON})(?:\s*(?P<d>{DAY}))?,?\s+(?:(?i:of)\s+)?(?P<mod>(?i:last|this|next))\s+(?i:year)", needs=MONTH_KEYS)
def _m_rel_year(m: re.Match[str]):
    off = {"last": -1, "this": 0, "next": 1}[m["mod"].lower()]
    return dict(spec=_abs(None, _month(m["mon"]), _day(m["d"]) if m["d"] else None, yoff=off), rule="month-relative-year")


@_pattern("rel-year-m", rf"(?P<mod>(?i:last|this|next))\s+(?i:year)(?:'s|’s)?,?\s+(?:(?i:in|on)\s+)?(?P<mon>{MON})(?:\s*(?P<d>{DAY}))?", needs=MONTH_KEYS)
def _rel_year_m(m: re.Match[str]):
    off = {"last": -1, "this": 0, "next": 1}[m["mod"].lower()]
    return dict(spec=_abs(None, _month(m["mon"]), _day(m["d"]) if m["d"] else None, yoff=off), rule="month-relative-year")


@_pattern("md-range", rf"(?P<mon>{MON})\s*(?P<d1>{DAY})\s*(?:-|–|—|(?i:to|through|and|until))\s*(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?", needs=MONTH_KEYS)
def _md_range(m: re.Match[str]):
    y = int(m["y"]) if m["y"] else None
    mon = _month(m["mon"])
    return dict(spec=_abs(y, mon, _day(m["d1"])), end_spec=_abs(y, mon, _day(m["d2"])), kind="range", rule="range")


@_pattern("dm-range", rf"(?P<d1>{DAY})\s*(?:-|–|—|(?i:to|and))\s*(?P<d2>{DAY})\s+(?P<mon>{MON})(?:,?\s+(?P<y>{YEAR}))?", needs=MONTH_KEYS)
def _dm_range(m: re.Match[str]):
    y = int(m["y"]) if m["y"] else None
    mon = _month(m["mon"])
    return dict(spec=_abs(y, mon, _day(m["d1"])), end_spec=_abs(y, mon, _day(m["d2"])), kind="range", rule="range")


@_pattern("year-range", rf"(?P<y1>{YEAR})\s*(?:-|–|—|/)\s*(?P<y2>{YEAR}|\d\d(?![\d%]))(?![\d-])", needs=("1", "2"))
def _year_range(m: re.Match[str]):
    y1 = int(m["y1"])
    y2s = m["y2"]
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    if y2 < y1:
        y2 += 100
    if y2 - y1 > 100 or y2 == y1:
        return None
    # "1980–1987" is a range of years; "2019-20" could be a score or a code: check its context
    return dict(spec=_abs(y1), end_spec=_abs(y2), kind="range", rule="range", weak=len(y2s) != 4)


@_pattern("month", rf"{MY_PREFIX}(?P<mon>(?:{MONTH_FULL})(?![A-Za-z])|(?:{MONTH_ABBR_RX})\.(?=\s))(?:'s|’s)?", needs=MONTH_KEYS)
def _month_only(m: re.Match[str]):
    return dict(spec=_abs(None, _month(m["mon"])), rule="month", weak=m.start() == m.start("mon"))


@_pattern("year", rf"{MY_PREFIX}(?P<y>{YEAR})(?:'s|’s)?(?![A-Za-z])", needs=("1", "2"))
def _year_only(m: re.Match[str]):
    # "mid-2020", "the end of 2019" are years for sure; a bare number needs its context checked
    return dict(spec=_abs(int(m["y"])), rule="year", weak=m.start() == m.start("y"))


@_pattern("season", rf"{MY_PREFIX}(?P<s>(?i:spring|summer|autumn|fall|winter))\s+(?:(?i:of)\s+)?(?P<y>{YEAR})", needs=("spring", "summer", "autumn", "fall", "winter"))
def _season_year(m: re.Match[str]):
    return dict(spec={"t": "season", "season": m["s"].lower(), "y": int(m["y"])}, rule="season")


@_pattern("season-rel", r"(?i:(?:early|late|mid|earlier|later)[\s-]+)?(?P<mod>(?i:last|this|next|past|coming))\s+(?P<s>(?i:spring|summer|autumn|fall|winter))(?:'s|’s)?", needs=("spring", "summer", "autumn", "fall", "winter"))
def _season_rel(m: re.Match[str]):
    mod = m["mod"].lower()
    mod = {"past": "last", "coming": "next"}.get(mod, mod)
    return dict(spec={"t": "season", "season": m["s"].lower(), "y": None, "mod": mod}, rule="season")


@_pattern("quarter", rf"(?i:(?:the\s+)?(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+quarter\s+(?:of\s+)?)(?P<y>{YEAR})|(?:Q[1-4]|H[12])\s+(?P<y2>{YEAR})", needs=("quarter", "q1", "q2", "q3", "q4", "h1", "h2"))
def _quarter(m: re.Match[str]):
    return dict(spec={"t": "quarter", "y": int(m["y"] or m["y2"])}, rule="quarter")


@_pattern("decade", r"(?i:(?:the\s+)?(?:early|mid|late)?[\s-]*)(?:(?:1\d|20)\d0s|'\d0s|’\d0s)(?![A-Za-z])", needs=("0s",))
def _decade(m: re.Match[str]):
    return dict(spec={"t": "none"}, kind="decade", rule="decade")


@_pattern("century", r"(?i:(?:the\s+)?(?:early\s+|mid-?|late\s+)?(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first|twenty-second)[\s-]+century)", needs=("centur",))
def _century(m: re.Match[str]):
    return dict(spec={"t": "none"}, kind="century", rule="century")


# --- weekdays ----------------------------------------------------------------

@_pattern("weekday", rf"(?:(?i:(?:early|late|earlier|later)\s+(?:on\s+)?))?(?:(?P<mod>(?i:last|next|this|past|coming|previous))\s+)?(?P<wd>{WD})(?P<pl>s(?![a-z']))?(?:'s|’s)?{TOD}?(?![A-Za-z])", needs=("day",))
def _weekday(m: re.Match[str]):
    if m["pl"]:
        return dict(spec={"t": "none"}, kind="set", rule="weekday-plural")
    mod = (m["mod"] or "").lower() or None
    mod = {"past": "last", "previous": "last", "coming": "next"}.get(mod or "", mod)
    return dict(spec={"t": "weekday", "wd": WEEKDAYS[m["wd"].lower()], "mod": mod}, rule="weekday")


# --- deictic -----------------------------------------------------------------

_DEICTIC_DAY = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
    "the day after tomorrow": 2, "day before yesterday": -2, "day after tomorrow": 2,
    "overnight": None,
}


@_pattern("deictic-day", r"(?i:(?:earlier|later|early|late)\s+)?(?P<w>(?i:(?:the\s+)?day\s+before\s+yesterday|(?:the\s+)?day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night))(?:'s|’s)?(?P<tod>\s+(?i:morning|afternoon|evening|night))?(?![A-Za-z])", needs=("today", "tonight", "yesterday", "tomorrow", "morning", "afternoon", "evening", "night"))
def _deictic_day(m: re.Match[str]):
    w = " ".join(m["w"].lower().split())
    off = _DEICTIC_DAY.get(w)
    if off is None:
        return None
    return dict(spec={"t": "deictic", "unit": "day", "offset": off}, rule="deictic")


@_pattern("deictic-unit", r"(?i:(?:(?:earlier|later|early|late)\s+(?:in\s+)?)|(?:so\s+far\s+))?(?P<mod>(?i:last|next|this|past|coming|previous))\s+(?P<u>(?i:week|weekend|month|year))(?:'s|’s)?(?![A-Za-z])", needs=("week", "month", "year"))
def _deictic_unit(m: re.Match[str]):
    mod = m["mod"].lower()
    off = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}[mod]
    return dict(spec={"t": "deictic", "unit": m["u"].lower(), "offset": off}, rule="deictic",
                extra={"mod": mod})


@_pattern("this-past", r"(?i:this\s+past\s+(?P<u>week|weekend|month|year))(?![A-Za-z])", needs=("past",))
def _this_past(m: re.Match[str]):
    return dict(spec={"t": "deictic", "unit": m["u"].lower(), "offset": -1}, rule="deictic")


@_pattern("the-weekend", r"(?i:(?<=over\s)|(?<=during\s)|(?<=at\s)|(?<=on\s)|(?<=this\s))(?i:the\s+weekend)(?![A-Za-z])", needs=("weekend",))
def _the_weekend(m: re.Match[str]):
    return dict(spec={"t": "deictic", "unit": "weekend", "offset": 0}, rule="deictic")


@_pattern("earlier-in-the", r"(?i:(?:earlier|later|early|late)\s+in\s+the\s+(?P<u>day|week|month|year))(?![A-Za-z])", needs=(" in the ",))
def _earlier_in_the(m: re.Match[str]):
    return dict(spec={"t": "rel", "n": 0, "unit": m["u"].lower(), "dir": 1, "form": "later"}, rule="relative")


@_pattern("end-of-unit", r"(?i:(?:the\s+)?(?:end|beginning|start|middle|rest|remainder|close)\s+of\s+(?P<det>the|this|next|last)\s+(?P<u>week|month|year))(?![A-Za-z])", needs=(" of ",))
def _end_of_unit(m: re.Match[str]):
    off = {"the": 0, "this": 0, "next": 1, "last": -1}[m["det"].lower()]
    return dict(spec={"t": "deictic", "unit": m["u"].lower(), "offset": off}, rule="deictic")


# --- offsets from the anchor and from a reference event ------------------------

@_pattern("ago", rf"(?:{APPROX})?(?P<n>{NUM})\s+(?P<u>{UNIT})\s+(?i:ago|earlier\s+than\s+now|back)(?![A-Za-z])", needs=("ago", "back"))
def _ago(m: re.Match[str]):
    return dict(spec={"t": "offset", "n": _num(m["n"]), "unit": _unit(m["u"]), "dir": -1}, rule="ago")


@_pattern("from-now", rf"(?:{APPROX})?(?P<n>{NUM})\s+(?P<u>{UNIT})\s+(?i:from\s+now|hence)(?![A-Za-z])", needs=("from now", "hence"))
def _from_now(m: re.Match[str]):
    return dict(spec={"t": "offset", "n": _num(m["n"]), "unit": _unit(m["u"]), "dir": 1}, rule="from-now")


@_pattern("in-n", rf"(?i:in|within)\s+(?:{APPROX})?(?P<n>{NUM})\s+(?P<u>{UNIT})(?:'|’|'s|’s)?(?:\s+(?i:time))?(?![A-Za-z])", needs=UNIT_KEYS)
def _in_n(m: re.Match[str]):
    # "in two days" is a date only in a future clause; elsewhere it is a duration.
    return dict(spec={"t": "offset", "n": _num(m["n"]), "unit": _unit(m["u"]), "dir": 1, "needs_future": True},
                rule="in-offset")


@_pattern("later", rf"(?:{APPROX})?(?P<n>{NUM})\s+(?P<u>{UNIT})\s+(?P<w>(?i:later|earlier|afterwards|afterward|before|after|prior|previously|beforehand))(?![A-Za-z])(?P<obj>(?:\s+(?i:that|to))?\s*[\w\"“‘'$£€])?", needs=UNIT_KEYS)
def _later(m: re.Match[str]):
    w = m["w"].lower()
    direction = 1 if w in ("later", "afterwards", "afterward", "after") else -1
    has_object = bool(m["obj"]) and w in ("before", "after", "prior")
    end = m.end("w")
    return dict(spec={"t": "rel", "n": _num(m["n"]), "unit": _unit(m["u"]), "dir": direction,
                      "form": "object" if has_object else "later"}, rule="relative", end=end)


@_pattern("the-following", r"(?i:(?:(?:early|late|later|earlier)\s+)?(?:on\s+)?the\s+(?P<w>following|next|previous|preceding|same|prior)\s+(?P<u>day|morning|afternoon|evening|night|week|weekend|month|year))(?![A-Za-z])", needs=UNIT_KEYS + ("morning", "afternoon", "evening"))
def _the_following(m: re.Match[str]):
    w = m["w"].lower()
    if w == "next" and re.search(r"(?i)\b(?:in|within|over|during|for|throughout)\s+$", m.string[:m.start()]):
        return None  # "in the next year": a stretch of time ahead, not a date
    u = m["u"].lower()
    unit = "day" if u in ("morning", "afternoon", "evening", "night") else u
    n = 0 if w == "same" else 1
    direction = 1 if w in ("following", "next") else -1
    return dict(spec={"t": "rel", "n": n, "unit": unit, "dir": direction, "form": "later"}, rule="relative")


@_pattern("that-day", r"(?i:(?:(?:later|earlier|early|late)\s+(?:on\s+|in\s+)?)?(?:that|the\s+same|that\s+same)\s+(?P<u>day|morning|afternoon|evening|night|week|month|year))(?![A-Za-z])", needs=UNIT_KEYS + ("morning", "afternoon", "evening"))
def _that_day(m: re.Match[str]):
    u = m["u"].lower()
    unit = "day" if u in ("morning", "afternoon", "evening", "night") else u
    return dict(spec={"t": "rel", "n": 0, "unit": unit, "dir": 1, "form": "later"}, rule="relative")


@_pattern("the-day-after", r"(?i:the\s+(?P<u>day|week|month|year)\s+(?P<w>after|before))(?![A-Za-z])(?P<obj>\s*[\w\"“‘'$£€])?", needs=("after", "before"))
def _the_day_after(m: re.Match[str]):
    direction = 1 if m["w"].lower() == "after" else -1
    nxt = (m["obj"] or "").strip().lower()
    if nxt in ("y", "t"):  # "the day before yesterday/tomorrow" is deictic
        return None
    return dict(spec={"t": "rel", "n": 1, "unit": m["u"].lower(), "dir": direction,
                      "form": "object" if m["obj"] else "later"}, rule="relative", end=m.end("w"))


# --- holidays with a fixed or computable day ----------------------------------------

@_pattern("holiday", r"(?:(?:[Tt]he\s+)?Fourth\s+of\s+July|Christmas(?:\s+(?:Day|Eve))?|Boxing\s+Day|New\s+Year[’']s\s+(?:Day|Eve)|Halloween|Valentine[’']s\s+Day|Bastille\s+Day|Armistice\s+Day|Remembrance\s+Day|Veterans[’']?\s+Day|St\.?\s+Patrick[’']s\s+Day|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Thanksgiving(?:\s+Day)?)(?![A-Za-z])(?:\s+(?P<y>" + YEAR + r"))?",
          needs=("christmas", "boxing", "new year", "halloween", "valentine", "bastille", "armistice", "remembrance",
                 "veterans", "patrick", "easter", "good friday", "thanksgiving", "fourth of july"))
def _holiday(m: re.Match[str]):
    text = m.group(0)
    y = int(m["y"]) if m["y"] else None
    name = " ".join((text[:m.start("y") - m.start()] if m["y"] else text).lower().split())
    if name in FIXED_HOLIDAYS:
        mo, d = FIXED_HOLIDAYS[name]
        return dict(spec=_abs(y, mo, d), rule="holiday")
    return dict(spec={"t": "holiday", "name": name, "y": y}, rule="holiday")



# --- not dates: durations, ages, times, recurring sets ---------------------------

@_pattern("age", rf"(?P<n>{NUM})[\s-]+(?P<u>{UNIT})[\s-]+(?i:old)(?![A-Za-z])", needs=("old",))
def _age(m: re.Match[str]):
    return dict(spec={"t": "none"}, kind="age", rule="age")


@_pattern("duration", rf"(?:{APPROX})?(?P<n>{NUM})[\s-]+(?P<u>{UNIT})(?:'s|’s|'|’)?(?:[\s-]+(?i:long))?(?![A-Za-z])", needs=UNIT_KEYS)
def _duration(m: re.Match[str]):
    return dict(spec={"t": "none"}, kind="duration", rule="duration")


@_pattern("duration-the", r"(?i:(?:the|these|those|recent|coming)\s+(?:past|last|next|coming|previous|few|several|recent)\s+(?:few\s+|several\s+|couple\s+of\s+)?(?:days?|weeks?|months?|years?|decades?|hours?))(?![A-Za-z])", needs=UNIT_KEYS)
def _duration_the(m: re.Match[str]):
    return dict(spec={"t": "none"}, kind="duration", rule="duration")


@_pattern("time", r"(?i:(?:around|about|at|before|after|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?:(?<![\d.:])(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s*(?i:a\.m\.|p\.m\.|am\b|pm\b|a\.m|p\.m)|(?<![\d.:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d])|(?i:noon|midday|midnight)|(?<![\d.:])(?:[01]\d|2[0-3])[0-5]\d\s+(?:UTC|GMT|BST|EST|EDT|CST|CDT|PST|PDT|CET|CEST|EET|EEST|IST|JST|AEST|AEDT|MSK|hrs|hours|local))(?:\s+(?:UTC|GMT|BST|EST|EDT|CST|CDT|PST|PDT|CET|CEST|EET|EEST|IST|JST|AEST|AEDT|MSK|(?i:local\s+time)))?", needs=(":", "a.m", "p.m", "am", "pm", "noon", "midday", "midnight", "utc", "gmt", "bst", "est", "edt", "cet", "hrs", "hours", "local", "msk", "ist", "jst", "aest"))
def _time(m: re.Match[str]):
    return dict(spec={"t": "none"}, kind="time", rule="time")


@_pattern("set", r"(?:[Ee]very\s+(?:day|week|month|year|morning|night|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))|[Ee]ach\s+(?:day|week|month|year)|daily|weekly|monthly|yearly|annually|annual)(?![A-Za-z])", needs=("every", "each", "daily", "weekly", "monthly", "yearly", "annual"))
def _set(m: re.Match[str]):
    return dict(spec={"t": "none"}, kind="set", rule="set")


#: the whole table, in the order the patterns are tried
PATTERNS: tuple[Pattern, ...] = tuple(_TABLE)
