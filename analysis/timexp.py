"""Time expressions: finding them in text and resolving them against an anchor date.

Pure Python, no spaCy: :func:`scan` finds candidate expressions in a string
with regular expressions and describes each by a *spec* (a small JSON-able
dict), and :func:`resolve_spec` turns a spec into a calendar value with a
precision of day, month or year, given the anchor (publication or speech)
date, the tense of the clause, and for expressions such as "the following
day" the value of the event they refer to. :mod:`analysis.timeline` ties the
two to the parse; because specs are plain data, events can be resolved again
against another published date without parsing anything.

Spec types (key ``t``):

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
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

PRECISIONS = ("year", "month", "day")

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a couple of": 2, "couple of": 2, "a dozen": 12, "dozen": 12,
}
UNIT_WORDS: dict[str, str] = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "fortnight": "fortnight",
    "fortnights": "fortnight", "month": "month", "months": "month", "year": "year", "years": "year",
    "decade": "decade", "decades": "decade", "century": "century", "centuries": "century",
    "hour": "hour", "hours": "hour", "minute": "minute", "minutes": "minute", "second": "second",
    "seconds": "second", "night": "night", "nights": "night", "weekend": "weekend", "weekends": "weekend",
}
SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2),
}

# ---------------------------------------------------------------- regex parts
_MONTH_FULL = r"January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
MON = rf"(?:(?:{_MONTH_FULL})(?![A-Za-z])|(?:{_MONTH_ABBR})(?:\.|(?![A-Za-z])))"
MONTH_UPPER = rf"(?:{_MONTH_FULL.upper()})(?![A-Za-z])"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:.,]\d)(?!\d)"
YEAR = r"(?<![\d$£€.,:/])(?:1[0-9]\d\d|20\d\d)(?![\d:]|\.\d|,\d\d\d)"
WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM_WORDS = sorted(NUMBER_WORDS, key=len, reverse=True)
_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUM = (r"(?i:(?:\d{1,3}(?:,\d{3})*(?:\.\d+)?|(?:" + _TENS + r")[- ](?:one|two|three|four|five|six|seven|eight|nine)|"
       + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _NUM_WORDS)
       + r"|several|a\s+few|few|many|some|a\s+number\s+of|dozens\s+of|hundreds\s+of|thousands\s+of)(?![A-Za-z]))")
UNIT = r"(?i:days?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies)|hours?|minutes?|seconds?|nights?|weekends?)(?![A-Za-z])"
APPROX = r"(?i:(?:nearly|almost|about|around|some|over|more\s+than|less\s+than|fewer\s+than|at\s+least|roughly|approximately|up\s+to|just|only|barely|a\s+full|the\s+full|the\s+last|the\s+past|the\s+next|the\s+first|the\s+final|another|an\s+additional)\s+)"
MY_PREFIX = (r"(?<![A-Za-z])(?:(?i:(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|turn|close|first\s+half|second\s+half|"
             r"(?:first|second|third|fourth|last|final)\s+(?:week|weeks|quarter|days|day)|rest|remainder)\s+of\s+(?:the\s+)?)"
             r"|(?i:(?:early|late|mid)(?:-|\s+))|(?i:mid))?")
TOD = r"(?:\s+(?i:morning|afternoon|evening|night|overnight))"

_SPACE = r"\s+"


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


def _num(s: str) -> int | None:
    """Integer value of a number written in digits or words; None for vague ones ("several")."""
    s = " ".join(s.lower().replace("-", " ").split())
    s = s.replace(",", "")
    if re.fullmatch(r"\d+", s):
        return int(s)
    if re.fullmatch(r"\d+\.\d+", s):
        return None
    if s in NUMBER_WORDS:
        return NUMBER_WORDS[s]
    parts = s.split()
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


def _unit(s: str) -> str:
    return UNIT_WORDS.get(s.lower(), s.lower())


def _month(s: str) -> int | None:
    return MONTHS.get(s.lower().rstrip("."))


def _day(s: str) -> int | None:
    m = re.match(r"\d+", s)
    if not m:
        return None
    d = int(m.group())
    return d if 1 <= d <= 31 else None


def _mk(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# Each pattern: (name, compiled regex, builder(match) -> Timex fields or None)
_PATTERNS: list[tuple[str, re.Pattern[str], Any]] = []


_MONTH_KEYS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_UNIT_KEYS = ("day", "week", "fortnight", "month", "year", "decade", "centur", "hour", "minute", "second", "night")
_NEEDS: dict[str, tuple[str, ...]] = {}


def _pattern(name: str, regex: str, needs: tuple[str, ...] = ()):
    """Register a pattern; ``needs`` lists substrings (lower case) without which it cannot match.

    The substring test is a cheap pre-filter: the number-word alternations are
    slow to try at every position of every sentence.
    """
    def deco(fn):
        _PATTERNS.append((name, _mk(r"(?<![A-Za-z0-9])(?:" + regex + ")"), fn))
        _NEEDS[name] = needs
        return fn
    return deco


def _abs(y: int | None = None, m: int | None = None, d: int | None = None, **kw: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {"t": "abs", "y": y, "m": m, "d": d}
    spec.update(kw)
    return spec


# --- explicit dates -----------------------------------------------------------

@_pattern("iso", rf"(?<![\d-])(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])(?:-(?P<d>0[1-9]|[12]\d|3[01]))?(?![\d-])", needs=("-",))
def _iso(m: re.Match[str]):
    return dict(spec=_abs(int(m["y"]), int(m["m"]), int(m["d"]) if m["d"] else None), rule="iso")


@_pattern("mdy", rf"{MY_PREFIX}(?:{WD},?\s+)?(?P<mon>{MON})\s*(?P<d>{DAY}),?\s+(?P<y>{YEAR})", needs=_MONTH_KEYS)
def _mdy(m: re.Match[str]):
    return dict(spec=_abs(int(m["y"]), _month(m["mon"]), _day(m["d"])), rule="explicit")


@_pattern("dmy", rf"(?:{WD},?\s+)?(?:(?i:the)\s+)?(?P<d>{DAY})(?:\s+(?i:of))?\s+(?P<mon>{MON}),?\s+(?P<y>{YEAR})", needs=_MONTH_KEYS)
def _dmy(m: re.Match[str]):
    return dict(spec=_abs(int(m["y"]), _month(m["mon"]), _day(m["d"])), rule="explicit")


@_pattern("md", rf"(?:{WD},?\s+)?(?P<mon>{MON})\s*(?P<d>{DAY})(?!\s*(?:%|-\s*\d|–\s*\d|(?i:percent|per\s+cent|million|billion)))", needs=_MONTH_KEYS)
def _md(m: re.Match[str]):
    return dict(spec=_abs(None, _month(m["mon"]), _day(m["d"])), rule="month-day")


@_pattern("dm", rf"(?:{WD},?\s+)?(?:(?i:the)\s+)?(?P<d>{DAY})(?:\s+(?i:of))?\s+(?P<mon>{MON})", needs=_MONTH_KEYS)
def _dm(m: re.Match[str]):
    return dict(spec=_abs(None, _month(m["mon"]), _day(m["d"])), rule="month-day")


@_pattern("my", rf"{MY_PREFIX}(?P<mon>{MON}),?\s+(?:(?i:of)\s+)?(?P<y>{YEAR})", needs=_MONTH_KEYS)
def _my(m: re.Match[str]):
    return dict(spec=_abs(int(m["y"]), _month(m["mon"])), rule="explicit")


@_pattern("m-rel-year", rf"{MY_PREFIX}(?P<mon>{MON})(?:\s*(?P<d>{DAY}))?,?\s+(?:(?i:of)\s+)?(?P<mod>(?i:last|this|next))\s+(?i:year)", needs=_MONTH_KEYS)
def _m_rel_year(m: re.Match[str]):
    off = {"last": -1, "this": 0, "next": 1}[m["mod"].lower()]
    return dict(spec=_abs(None, _month(m["mon"]), _day(m["d"]) if m["d"] else None, yoff=off), rule="month-relative-year")


@_pattern("rel-year-m", rf"(?P<mod>(?i:last|this|next))\s+(?i:year)(?:'s|’s)?,?\s+(?:(?i:in|on)\s+)?(?P<mon>{MON})(?:\s*(?P<d>{DAY}))?", needs=_MONTH_KEYS)
def _rel_year_m(m: re.Match[str]):
    off = {"last": -1, "this": 0, "next": 1}[m["mod"].lower()]
    return dict(spec=_abs(None, _month(m["mon"]), _day(m["d"]) if m["d"] else None, yoff=off), rule="month-relative-year")


@_pattern("md-range", rf"(?P<mon>{MON})\s*(?P<d1>{DAY})\s*(?:-|–|—|(?i:to|through|and|until))\s*(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?", needs=_MONTH_KEYS)
def _md_range(m: re.Match[str]):
    y = int(m["y"]) if m["y"] else None
    mon = _month(m["mon"])
    return dict(spec=_abs(y, mon, _day(m["d1"])), end_spec=_abs(y, mon, _day(m["d2"])), kind="range", rule="range")


@_pattern("dm-range", rf"(?P<d1>{DAY})\s*(?:-|–|—|(?i:to|and))\s*(?P<d2>{DAY})\s+(?P<mon>{MON})(?:,?\s+(?P<y>{YEAR}))?", needs=_MONTH_KEYS)
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


@_pattern("month", rf"{MY_PREFIX}(?P<mon>(?:{_MONTH_FULL})(?![A-Za-z])|(?:{_MONTH_ABBR})\.(?=\s))(?:'s|’s)?", needs=_MONTH_KEYS)
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


@_pattern("decade", rf"(?i:(?:the\s+)?(?:early|mid|late)?[\s-]*)(?:(?:1\d|20)\d0s|'\d0s|’\d0s)(?![A-Za-z])", needs=("0s",))
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


@_pattern("in-n", rf"(?i:in|within)\s+(?:{APPROX})?(?P<n>{NUM})\s+(?P<u>{UNIT})(?:'|’|'s|’s)?(?:\s+(?i:time))?(?![A-Za-z])", needs=_UNIT_KEYS)
def _in_n(m: re.Match[str]):
    # "in two days" is a date only in a future clause; elsewhere it is a duration.
    return dict(spec={"t": "offset", "n": _num(m["n"]), "unit": _unit(m["u"]), "dir": 1, "needs_future": True},
                rule="in-offset")


@_pattern("later", rf"(?:{APPROX})?(?P<n>{NUM})\s+(?P<u>{UNIT})\s+(?P<w>(?i:later|earlier|afterwards|afterward|before|after|prior|previously|beforehand))(?![A-Za-z])(?P<obj>(?:\s+(?i:that|to))?\s*[\w\"“‘'$£€])?", needs=_UNIT_KEYS)
def _later(m: re.Match[str]):
    w = m["w"].lower()
    direction = 1 if w in ("later", "afterwards", "afterward", "after") else -1
    has_object = bool(m["obj"]) and w in ("before", "after", "prior")
    end = m.end("w")
    return dict(spec={"t": "rel", "n": _num(m["n"]), "unit": _unit(m["u"]), "dir": direction,
                      "form": "object" if has_object else "later"}, rule="relative", end=end)


@_pattern("the-following", r"(?i:(?:(?:early|late|later|earlier)\s+)?(?:on\s+)?the\s+(?P<w>following|next|previous|preceding|same|prior)\s+(?P<u>day|morning|afternoon|evening|night|week|weekend|month|year))(?![A-Za-z])", needs=_UNIT_KEYS + ("morning", "afternoon", "evening"))
def _the_following(m: re.Match[str]):
    w = m["w"].lower()
    if w == "next" and re.search(r"(?i)\b(?:in|within|over|during|for|throughout)\s+$", m.string[:m.start()]):
        return None  # "in the next year": a stretch of time ahead, not a date
    u = m["u"].lower()
    unit = "day" if u in ("morning", "afternoon", "evening", "night") else u
    n = 0 if w == "same" else 1
    direction = 1 if w in ("following", "next") else -1
    return dict(spec={"t": "rel", "n": n, "unit": unit, "dir": direction, "form": "later"}, rule="relative")


@_pattern("that-day", r"(?i:(?:(?:later|earlier|early|late)\s+(?:on\s+|in\s+)?)?(?:that|the\s+same|that\s+same)\s+(?P<u>day|morning|afternoon|evening|night|week|month|year))(?![A-Za-z])", needs=_UNIT_KEYS + ("morning", "afternoon", "evening"))
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

# Days that are the same in every country that keeps them; national days and
# "Labour Day" differ between countries and are left alone.
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25), "boxing day": (12, 26),
    "new year's day": (1, 1), "new year’s day": (1, 1), "new year's eve": (12, 31), "new year’s eve": (12, 31),
    "halloween": (10, 31), "valentine's day": (2, 14), "valentine’s day": (2, 14), "bastille day": (7, 14),
    "armistice day": (11, 11), "remembrance day": (11, 11), "veterans day": (11, 11), "veterans' day": (11, 11),
    "st. patrick's day": (3, 17), "st patrick's day": (3, 17), "st. patrick’s day": (3, 17),
    "fourth of july": (7, 4), "the fourth of july": (7, 4),
}
MOVABLE_HOLIDAYS = ("easter sunday", "easter monday", "easter", "good friday", "thanksgiving day", "thanksgiving")


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


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 2 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def _holiday_in(name: str, year: int) -> date | None:
    if name.startswith("easter") or name == "good friday":
        e = easter(year)
        return e + timedelta(days={"easter monday": 1, "good friday": -2}.get(name, 0))
    if name.startswith("thanksgiving"):  # the United States' fourth Thursday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    return None


# --- not dates: durations, ages, times, recurring sets ---------------------------

@_pattern("age", rf"(?P<n>{NUM})[\s-]+(?P<u>{UNIT})[\s-]+(?i:old)(?![A-Za-z])", needs=("old",))
def _age(m: re.Match[str]):
    return dict(spec={"t": "none"}, kind="age", rule="age")


@_pattern("duration", rf"(?:{APPROX})?(?P<n>{NUM})[\s-]+(?P<u>{UNIT})(?:'s|’s|'|’)?(?:[\s-]+(?i:long))?(?![A-Za-z])", needs=_UNIT_KEYS)
def _duration(m: re.Match[str]):
    return dict(spec={"t": "none"}, kind="duration", rule="duration")


@_pattern("duration-the", r"(?i:(?:the|these|those|recent|coming)\s+(?:past|last|next|coming|previous|few|several|recent)\s+(?:few\s+|several\s+|couple\s+of\s+)?(?:days?|weeks?|months?|years?|decades?|hours?))(?![A-Za-z])", needs=_UNIT_KEYS)
def _duration_the(m: re.Match[str]):
    return dict(spec={"t": "none"}, kind="duration", rule="duration")


@_pattern("time", r"(?i:(?:around|about|at|before|after|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?:(?<![\d.:])(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s*(?i:a\.m\.|p\.m\.|am\b|pm\b|a\.m|p\.m)|(?<![\d.:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d])|(?i:noon|midday|midnight)|(?<![\d.:])(?:[01]\d|2[0-3])[0-5]\d\s+(?:UTC|GMT|BST|EST|EDT|CST|CDT|PST|PDT|CET|CEST|EET|EEST|IST|JST|AEST|AEDT|MSK|hrs|hours|local))(?:\s+(?:UTC|GMT|BST|EST|EDT|CST|CDT|PST|PDT|CET|CEST|EET|EEST|IST|JST|AEST|AEDT|MSK|(?i:local\s+time)))?", needs=(":", "a.m", "p.m", "am", "pm", "noon", "midday", "midnight", "utc", "gmt", "bst", "est", "edt", "cet", "hrs", "hours", "local", "msk", "ist", "jst", "aest"))
def _time(m: re.Match[str]):
    return dict(spec={"t": "none"}, kind="time", rule="time")


@_pattern("set", r"(?:[Ee]very\s+(?:day|week|month|year|morning|night|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))|[Ee]ach\s+(?:day|week|month|year)|daily|weekly|monthly|yearly|annually|annual)(?![A-Za-z])", needs=("every", "each", "daily", "weekly", "monthly", "yearly", "annual"))
def _set(m: re.Match[str]):
    return dict(spec={"t": "none"}, kind="set", rule="set")


# ------------------------------------------------------------------------ scan

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
    for name, rx, fn in _PATTERNS:
        needs = _NEEDS.get(name)
        if needs and not any(k in low for k in needs):
            continue
        for m in rx.finditer(text):
            if m.end() <= m.start():
                continue
            try:
                info = fn(m)
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
                               rule=info.get("rule", name), weak=info.get("weak", False),
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


# -------------------------------------------------------------------- resolve

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


def add_months(d: date, n: int) -> date:
    """The first of the month ``n`` months after ``d``'s month."""
    k = d.year * 12 + (d.month - 1) + n
    return date(k // 12, k % 12 + 1, 1)


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


def _week_span(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def _weekend_of(anchor: date, offset: int, tense: str) -> date:
    """The Saturday of the weekend meant by this (0), last (-1) or next (+1) weekend."""
    wd = anchor.weekday()
    if wd >= 5:  # published during a weekend: "this weekend" is that one
        return anchor - timedelta(days=wd - 5) + timedelta(days=7 * offset)
    prev_sat = anchor - timedelta(days=wd + 2)
    next_sat = anchor + timedelta(days=5 - wd)
    if offset < 0:
        return prev_sat + timedelta(days=7 * (offset + 1))
    if offset > 0:
        return next_sat + timedelta(days=7 * (offset - 1))
    if tense == "past" or (tense == "nearest" and wd <= 1):
        return prev_sat
    return next_sat


def _unit_shift(d: date, unit: str, n: int) -> tuple[date | None, str | None, tuple[date, date] | None]:
    """``d`` moved by ``n`` units: (date, precision, span for weeks)."""
    try:
        if unit == "day" or unit == "night":
            return d + timedelta(days=n), "day", None
        if unit in ("week", "fortnight"):
            step = 7 if unit == "week" else 14
            x = d + timedelta(days=step * n)
            return x, "week", _week_span(x)
        if unit == "weekend":
            x = d + timedelta(days=7 * n)
            sat = x - timedelta(days=(x.weekday() - 5) % 7)
            return sat, "week", (sat, sat + timedelta(days=1))
        if unit == "month":
            return add_months(d, n), "month", None
        if unit == "year":
            return date(d.year + n, 1, 1), "year", None
    except (ValueError, OverflowError):
        return None, None, None
    return None, None, None


def resolve_spec(spec: dict[str, Any] | None, anchor: date | None, tense: str = "past",
                 ref: tuple[str, str] | None = None) -> tuple[str | None, str | None, dict[str, Any]]:
    """Resolve one spec: (value, precision, notes) with ``notes`` saying why when unresolved.

    ``ref`` is the (value, precision) of the reference event for ``rel`` specs.
    Never raises.
    """
    notes: dict[str, Any] = {}
    try:
        return _resolve(spec or {}, anchor, tense or "past", ref, notes) + (notes,)
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
            first, last = _week_span(anchor + timedelta(days=7 * off))
            return _finish(first, "week", (first, last), notes)
        if unit == "weekend":
            sat = _weekend_of(anchor, off, tense)
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
        x, prec, span = _unit_shift(anchor, spec.get("unit", ""), int(n) * int(spec.get("dir", 1)))
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
        x, prec, span = _unit_shift(base, unit, int(n) * int(spec.get("dir", 1)))
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
            d = _holiday_in(name, int(y))
            return (d.isoformat(), "day") if d else (None, None)
        if anchor is None:
            notes["reason"] = "no anchor date: the year is unknown"
            return None, None
        pick = _choose([x for x in (_holiday_in(name, anchor.year + k) for k in (-1, 0, 1)) if x], anchor, tense)
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
    (None, None). Never raises.
    """
    try:
        found = [t for t in scan(text or "") if t.spec.get("t") != "none" or t.kind not in ("date",)]
    except Exception:  # noqa: BLE001 - a helper for the UI must never raise
        return None, None
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
            return v1, p1, last.isoformat(), notes
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
