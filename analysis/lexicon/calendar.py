"""Month names: the one table every date reader uses (article datelines, time expressions)."""
from __future__ import annotations

import functools

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
#: "january" -> 1 ... "december" -> 12
MONTHS = {m.lower(): i for i, m in enumerate(MONTH_NAMES, start=1)}
#: "jan" -> 1 ... "dec" -> 12, and "sept" -> 9
MONTH_ABBR = {k[:3]: v for k, v in MONTHS.items()} | {"sept": 9}


@functools.lru_cache(maxsize=1)
def time_zone_abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """(every time-zone abbreviation, those at UTC+0 all year) from the IANA tz database.

    Read off Python's ``zoneinfo`` (the system's tz database, or the ``tzdata`` package): each zone's
    abbreviation in January and in July, kept when it is 2-5 capital letters ("UTC", "EST", "BST",
    "CEST", "AEST"); zones named by a numeric offset ("+03") give none. A text that says "(0040 UTC)"
    names a clock, not an organisation."""
    import datetime as _dt
    import re
    import zoneinfo

    names: set[str] = set()
    zero: set[str] = set()
    for key in zoneinfo.available_timezones():
        try:
            tz = zoneinfo.ZoneInfo(key)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # a broken entry: skip that zone only
            continue
        for month in (1, 7):
            moment = _dt.datetime(2024, month, 15, 12, tzinfo=tz)
            name = moment.tzname()
            if name and re.fullmatch(r"[A-Z]{2,5}", name):
                names.add(name)
                if moment.utcoffset() == _dt.timedelta(0) and _dt.datetime(2024, 7 if month == 1 else 1, 15, 12,
                                                                           tzinfo=tz).utcoffset() == _dt.timedelta(0):
                    zero.add(name)
    return frozenset(names), frozenset(zero)
