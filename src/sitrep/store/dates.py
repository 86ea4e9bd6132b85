"""Day ranges for TIMEX3 values, so `--since`/`--until` can compare weeks, months and seasons."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # WI runs into next year
_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")


def bounds(value: str | None) -> tuple[str | None, str | None]:
    """First and last day (ISO) that a TIMEX3 value or `START/END` interval covers."""
    if not value:
        return None, None
    if "/" in value:
        a, b = value.split("/", 1)
        return bounds(a)[0], bounds(b)[1]
    try:
        got = _bounds(value.strip())
    except ValueError:
        return None, None
    if got is None:
        return None, None
    return got[0].isoformat(), got[1].isoformat()


def _bounds(v: str) -> tuple[date, date] | None:
    if m := _DAY.match(v):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return d, d
    if m := _MONTH.match(v):
        y, mo = int(m[1]), int(m[2])
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    if m := _YEAR.match(v):
        y = int(m[1])
        return date(y, 1, 1), date(y, 12, 31)
    if m := _WEEK.match(v):
        start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return start, start + timedelta(days=6)
    if m := _QUARTER.match(v):
        y, q = int(m[1]), int(m[2])
        return _months(y, 3 * q - 2, 3 * q)
    if m := _HALF.match(v):
        y, h = int(m[1]), int(m[2])
        return _months(y, 6 * h - 5, 6 * h)
    if m := _SEASON.match(v):
        first, last = SEASONS[m[2]]
        return _months(int(m[1]), first, last)
    return None


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    end = date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    return date(year, first, 1), end
