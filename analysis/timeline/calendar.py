"""The calendar: holidays, seasons, month arithmetic, and the spans of weeks and weekends.

Easter comes from :func:`dateutil.easter.easter` (Western, Gregorian) and
month arithmetic from :class:`dateutil.relativedelta.relativedelta`; what is
left here is the news reader's reading of them ("this weekend" seen from a
Tuesday, a week as Monday to Sunday).
"""
from __future__ import annotations

from datetime import date, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

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

#: first and last month of each season (northern hemisphere)
SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2),
}


def holiday_in(name: str, year: int) -> date | None:
    """The day of a movable holiday in ``year``; None for names it does not know."""
    if name.startswith("easter") or name == "good friday":
        return easter(year) + timedelta(days={"easter monday": 1, "good friday": -2}.get(name, 0))
    if name.startswith("thanksgiving"):  # the United States' fourth Thursday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    return None


def add_months(d: date, n: int) -> date:
    """The first of the month ``n`` months after ``d``'s month."""
    return d.replace(day=1) + relativedelta(months=n)


def week_span(d: date) -> tuple[date, date]:
    """Monday to Sunday of the week that holds ``d``."""
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def weekend_of(anchor: date, offset: int, tense: str) -> date:
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


def unit_shift(d: date, unit: str, n: int) -> tuple[date | None, str | None, tuple[date, date] | None]:
    """``d`` moved by ``n`` units: (date, precision, span for weeks); Nones off the calendar or for other units."""
    try:
        if unit == "day" or unit == "night":
            return d + timedelta(days=n), "day", None
        if unit in ("week", "fortnight"):
            step = 7 if unit == "week" else 14
            x = d + timedelta(days=step * n)
            return x, "week", week_span(x)
        if unit == "weekend":
            x = d + timedelta(days=7 * n)
            sat = x - timedelta(days=(x.weekday() - 5) % 7)
            return sat, "week", (sat, sat + timedelta(days=1))
        if unit == "month":
            return add_months(d, n), "month", None
        if unit == "year":
            return date(d.year + n, 1, 1), "year", None
    except (ValueError, OverflowError):  # "a million years ago": beyond what a date can hold
        return None, None, None
    return None, None, None
