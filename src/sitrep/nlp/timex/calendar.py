"""Calendar arithmetic and TIMEX3 value formatting (no clock: everything is relative to a date)."""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta


def day(d: date) -> str:
    """`2024-12-23`."""
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def month(y: int, m: int) -> str:
    """`2024-12`."""
    return f"{y:04d}-{m:02d}"


def week(d: date) -> str:
    """The ISO week holding `d`: `2024-W52`."""
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    """(year, month) n months after (y, m)."""
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def shift(d: date, n: float, unit: str) -> date:
    """`d` moved by n units (D, W, M, Q, Y); months clamp to the month's last day."""
    if unit == "D":
        return d + timedelta(days=round(n))
    if unit == "W":
        return d + timedelta(days=round(7 * n))
    months = round(n * {"M": 1, "Q": 3, "Y": 12}[unit])
    y, m = add_months(d.year, d.month, months)
    return date(y, m, min(d.day, _cal.monthrange(y, m)[1]))


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def season_of(d: date) -> tuple[int, str]:
    """(season year, code); winter belongs to the year of its December."""
    if d.month in (12, 1, 2):
        return (d.year if d.month == 12 else d.year - 1), "WI"
    return d.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")


SEASON_ORDER = ("SP", "SU", "FA", "WI")
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def season_index(y: int, code: str) -> int:
    return y * 4 + SEASON_ORDER.index(code)


def season_value(index: int) -> str:
    return f"{index // 4:04d}-{SEASON_ORDER[index % 4]}"


def easter(y: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    mo = (h + ll - 7 * m + 114) // 31
    return date(y, mo, (h + ll - 7 * m + 114) % 31 + 1)


def orthodox_easter(y: int) -> date:
    """Orthodox Easter Sunday (Julian computus, shown in the Gregorian calendar)."""
    a, b, c = y % 4, y % 7, y % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    mo, dd = divmod(d + e + 114, 31)
    return date(y, mo, dd + 1) + timedelta(days=13)


def holiday(rule: str, y: int) -> date | None:
    """The date of a holiday rule in year y.

    Rules: `MM-DD` (fixed), `M:N:W` (N-th weekday W of month M, N=-1 the last; a trailing
    `+` means "after the first Monday", as for US election day), `easter+N`, `orthodox+N`;
    any rule may end in `@N`, a shift of N days.
    """
    if "@" in rule:  # a day offset: "11:4:4@1" is the day after Thanksgiving
        rule, _, offset = rule.partition("@")
        base_day = holiday(rule, y)
        return base_day + timedelta(days=int(offset)) if base_day else None
    if rule.startswith(("easter", "orthodox")):
        base = easter(y) if rule.startswith("easter") else orthodox_easter(y)
        return base + timedelta(
            days=int(rule[rule.index("+") if "+" in rule else rule.index("-") :])
        )
    if ":" not in rule:
        mm, dd = rule.split("-")
        return safe_date(y, int(mm), int(dd))
    after_monday = rule.endswith("+")
    m, n, wd = (int(x) for x in rule.rstrip("+").split(":"))
    if n < 0:
        last = date(y, m, _cal.monthrange(y, m)[1])
        return last - timedelta(days=(last.isoweekday() - wd) % 7)
    first = date(y, m, 1)
    if after_monday:
        first = first + timedelta(days=(1 - first.isoweekday()) % 7 + 1)
    first = first + timedelta(days=(wd - first.isoweekday()) % 7)
    return first + timedelta(weeks=n - 1)
