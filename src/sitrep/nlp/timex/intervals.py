"""Intervals for the claim stage: what a TIMEX3 value covers, and "since X" / "X and Y" spans."""

from __future__ import annotations

import calendar as _cal
import re
from datetime import date, timedelta

from . import calendar as cal

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^\d{4}-\d\d-\d\d(?:T.*)?$"), "day"),
    (re.compile(r"^\d{4}-\d\d$"), "month"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{4}-W\d\d?(?:-WE)?$"), "week"),
    (re.compile(r"^\d{4}-Q[1-4]$"), "quarter"),
    (re.compile(r"^\d{4}-H[12]$"), "half"),
    (re.compile(r"^\d{4}-(?:SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^\d{3}X?$"), "decade"),
    (re.compile(r"^\d{2}$"), "century"),
)


def _month_end(y: int, m: int) -> date:
    y, m = cal.add_months(y, m, 0)
    return date(y, m, _cal.monthrange(y, m)[1])


def _months(y: int, first: int, last: int) -> tuple[date, date]:
    y1, m1 = cal.add_months(y, first, 0)
    y2, m2 = cal.add_months(y, last, 0)
    return date(y1, m1, 1), _month_end(y2, m2)


def timex_bounds(value: str | None) -> tuple[date, date] | None:
    """The first and last day a TIMEX3 value covers, or None when it is not a calendar time.

    `2024-12-18` → that day; `2024-W51` → its Monday..Sunday (`-WE`: Saturday..Sunday);
    `2024-12`, `2024-Q3`, `2024-H1`, `2024` → their months; `2024-FA` → Sep 1..Nov 30
    (seasons are meteorological; `2024-WI` is Dec 2024..Feb 2025); `199X` → 1990..1999;
    `19` → 1900..1999; `START/END` → the first day of START..the last day of END.
    Durations (`P2W`), `PRESENT_REF` and underspecified values (`XXXX-12-25`) give None.
    """
    if not value:
        return None
    if "/" in value:
        a, _, b = value.partition("/")
        lo, hi = timex_bounds(a), timex_bounds(b)
        return (lo[0], hi[1]) if lo and hi and lo[0] <= hi[1] else None
    for pattern, kind in _PATTERNS:
        if pattern.match(value):
            return _bounds(value, kind)
    return None


def _bounds(value: str, kind: str) -> tuple[date, date] | None:
    try:
        if kind == "day":
            d = date.fromisoformat(value[:10])
            return d, d
        if kind == "decade":
            y = int(value[:3]) * 10
            return date(y, 1, 1), date(y + 9, 12, 31)
        if kind == "century":
            c = int(value) * 100
            return date(max(c, 1), 1, 1), date(c + 99, 12, 31)
        y = int(value[:4])
        if kind == "month":
            return _months(y, int(value[5:7]), int(value[5:7]))
        if kind == "year":
            return date(y, 1, 1), date(y, 12, 31)
        if kind == "week":
            wk = int(value[6:].split("-")[0])
            monday = date.fromisocalendar(y, wk, 1)
            if value.endswith("-WE"):
                return monday + timedelta(days=5), monday + timedelta(days=6)
            return monday, monday + timedelta(days=6)
        if kind == "quarter":
            q = int(value[6])
            return _months(y, 3 * q - 2, 3 * q)
        if kind == "half":
            h = int(value[6])
            return _months(y, 6 * h - 5, 6 * h)
        first, last = _SEASON_MONTHS[value[5:]]
        return _months(y, first, last)
    except ValueError:
        return None
