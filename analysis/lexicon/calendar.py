"""Month names: the one table every date reader uses (article datelines, time expressions)."""
from __future__ import annotations

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
#: "january" -> 1 ... "december" -> 12
MONTHS = {m.lower(): i for i, m in enumerate(MONTH_NAMES, start=1)}
#: "jan" -> 1 ... "dec" -> 12, and "sept" -> 9
MONTH_ABBR = {k[:3]: v for k, v in MONTHS.items()} | {"sept": 9}
