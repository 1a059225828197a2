"""Month arithmetic of the deadlines of GDPR Art. 12(3).

A period of months ends on the same date of the last month, or on that month's last
day if it has no such date (Regulation (EEC, Euratom) No 1182/71, Art. 3(2)(c), which
computes the periods of EU acts): a request received on 31 January is due on the last
day of February. The day the period would move past a weekend or holiday (1182/71
Art. 3(4)) is not applied: the earlier date is never late.
"""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """The same date ``months`` later, or the last day of that month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
