"""The words of time expressions: month, weekday, number and unit tables, and the regex pieces built from them.

:mod:`analysis.timeline.patterns` assembles its patterns from these pieces;
the small readers here (:func:`number`, :func:`unit`, :func:`month`,
:func:`day`) turn a matched word back into a value. Month names are the
project's one table, :mod:`analysis.lexicon.calendar`.
"""
from __future__ import annotations

import re

from analysis.lexicon.calendar import MONTH_ABBR, MONTH_NAMES
from analysis.lexicon.calendar import MONTHS as _FULL_MONTHS

#: "january" -> 1 and "jan" -> 1 ... "dec" -> 12, and "sept" -> 9
MONTHS: dict[str, int] = _FULL_MONTHS | MONTH_ABBR
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

# Substrings (lower case) without which a month or unit pattern cannot match: a cheap pre-filter.
MONTH_KEYS: tuple[str, ...] = tuple(m[:3] for m in _FULL_MONTHS)
UNIT_KEYS = ("day", "week", "fortnight", "month", "year", "decade", "centur", "hour", "minute", "second", "night")

# ---------------------------------------------------------------- regex parts
MONTH_FULL = "|".join(MONTH_NAMES)
# Longest first, so "Sept" is tried before "Sep"; "May" has no abbreviation (it is only ever written in full,
# and "May." must not start a day: "May. 5").
MONTH_ABBR_RX = "|".join(sorted((a.title() for a in MONTH_ABBR if a not in _FULL_MONTHS), key=len, reverse=True))
MON = rf"(?:(?:{MONTH_FULL})(?![A-Za-z])|(?:{MONTH_ABBR_RX})(?:\.|(?![A-Za-z])))"
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


# ---------------------------------------------------------------- readers

def number(s: str) -> int | None:
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


def unit(s: str) -> str:
    """The unit a word names: "weeks" -> "week"."""
    return UNIT_WORDS.get(s.lower(), s.lower())


def month(s: str) -> int | None:
    """1-12 for a month name or abbreviation ("Sept." -> 9)."""
    return MONTHS.get(s.lower().rstrip("."))


def day(s: str) -> int | None:
    """The day of the month in "3", "03" or "3rd"; None outside 1-31."""
    m = re.match(r"\d+", s)
    if not m:
        return None
    d = int(m.group())
    return d if 1 <= d <= 31 else None
