"""Small formatting helpers for texts outside the GUI (the command line, exports).

What an outcome at the door says lives in ``checkin.door.outcomes`` (one table for the
app and the command line); this is the time format around it.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def format_time(ms: int, timezone: str, with_date: bool = False) -> str:
    moment = dt.datetime.fromtimestamp(ms / 1000, ZoneInfo(timezone))
    return moment.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M:%S")
