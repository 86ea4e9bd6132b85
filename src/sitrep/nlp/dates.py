"""Time expressions: find them, give them TIMEX3 values, and turn them into intervals.

Pure-Python rules (sitrep.nlp.timex) following the TimeML / TempEval-3 conventions:
the extent includes determiners and modifiers ("the past two months", "late last year",
"nearly four years ago") but not the preposition ("on Monday" → "Monday", "since October"
→ "October"). News mode: relative expressions resolve against the reference date (the
article's publication date), and a weekday or month without a year goes to the nearest
past one, or the nearest future one when the clause has a future cue (will, 'll, plans,
next, scheduled, expected to). Without a reference date, absolute expressions keep their
values, underspecified ones use X ("XXXX-12-25", "XXXX-WXX-1") and deictic ones
("last month", "yesterday") get value None.

Values (reference 2024-12-23, a Monday): "last week" 2024-W51, "this week" 2024-W52,
"last month" 2024-11, "in the fall" 2024-FA, "last winter" 2023-WI (winter belongs to the
year of its December), "the third quarter" 2024-Q3, "the first half of 2024" 2024-H1,
"last year" 2023, "early December" 2024-12 (TIMEX3 keeps early/mid/late in a mod we do not
output), "on Monday" 2024-12-23 (the latest on or before, unless the clause is future),
"two days ago" 2024-12-21, "a decade" P10Y, "the past two months" P2M, "three hours" PT3H,
"daily" P1D (SET), "now" PRESENT_REF, "recently" PAST_REF, "the 1990s" 199 and "1990s"
199X (as TimeBank writes them), "Christmas" with no reference XXXX-12-25.
A month-day without a year weighs the tense against distance ("since the war began on
Oct. 7" in August is last year's). Anaphoric expressions ("two days later", "that day",
"the following year", "a year earlier") count from the last explicit date before them.

Public: `find_timexes`, `governing_times`, `resolve_interval`, `timex_bounds`; the spaCy
component `sitrep_dates_v1` lives in `sitrep.nlp.timex.component` (importing it registers it),
so that this module stays free of spaCy.
"""

from __future__ import annotations

import re
from datetime import date

from ..errors import UsageError
from ..records import TimeExpr
from .timex import calendar as cal
from .timex.intervals import timex_bounds
from .timex.scan import scan

# The spaCy component (sitrep.nlp.timex.component; spaCy forbids "." in names, so this is
# CONVENTIONS.md's `sitrep_dates.v1`). Importing that module registers it.
FACTORY = "sitrep_dates_v1"
__all__ = ["find_timexes", "governing_times", "resolve_interval", "timex_bounds", "parse_reference"]


def parse_reference(reference: str | date | None) -> date | None:
    """A reference date from `YYYY-MM-DD` (a longer ISO datetime keeps its date part)."""
    if reference is None or isinstance(reference, date):
        return reference
    try:
        return date.fromisoformat(reference[:10])
    except ValueError:
        raise UsageError(f"reference date {reference!r} is not a date (use YYYY-MM-DD)") from None


def find_timexes(text: str, reference: str | None) -> list[TimeExpr]:
    """The time expressions of `text`, in order, with TIMEX3 type and value.

    `reference` is the ISO date (YYYY-MM-DD) relative expressions resolve against, or None.
    Offsets are character offsets into `text`. Example, reference 2024-12-23:
    "Officials said on Monday that since October ..." → Monday=2024-12-23 (DATE),
    October=2024-10 (DATE).
    """
    return scan(text, parse_reference(reference))


def governing_times(text: str, reference: str | None) -> list[TimeExpr]:
    """The time expressions of one sentence, for the claim stage's `stated` and `when`.

    The same as `find_timexes` on the sentence; vague references (`PAST_REF`, "recently")
    and durations are kept so the caller can tell "no time" from "a vague time".
    """
    return find_timexes(text, reference)


_SINCE = re.compile(r"\b(?:since|from)\s+(?:(?:early|late|mid)[\s-])?$", re.I)
_UNTIL = re.compile(r"\b(?:until|till|through)\s+$", re.I)
_JOIN = re.compile(r"^\s*(?:and|to|through|until|till|-|–|—|or)\s*$", re.I)
_PAST_DURATION = re.compile(r"^(?:the\s+)?(?:past|last|previous)\b", re.I)
_ROLLING = re.compile(r"^the\s+(?:past|last)\s+(year|month|week|day)$", re.I)


def _calendar(value: str | None) -> bool:
    return timex_bounds(value) is not None


def resolve_interval(expr: str | TimeExpr, reference: str | None) -> str | None:
    """A TIMEX3 value or `START/END` interval for the time a phrase (or one TimeExpr) covers.

    `reference` is the date the statement was made (the claim's `stated` day, or the
    article's publication date). With reference 2024-12-23:
    "since October" → `2024-10/2024-12-23`; "in January and February" → `2024-01/2024-02`;
    "from March to May" → `2024-03/2024-05`; "will hold until January" → `2024-12-23/2025-01`;
    "the past two months" → `2024-10-23/2024-12-23`; "the past year" →
    `2023-12-23/2024-12-23`; "last week" → `2024-W51`; "last year" → `2023`.
    Returns None when the phrase has no calendar time (or needs a reference it lacks).
    """
    ref = parse_reference(reference)
    ref_value = cal.day(ref) if ref else None
    if isinstance(expr, TimeExpr):
        return _single(expr, ref)
    times = [t for t in find_timexes(expr, reference) if t.value]
    if not times:
        return None
    first = times[0]
    before = expr[: first.start]
    if len(times) >= 2 and _calendar(first.value) and _calendar(times[1].value):
        if _JOIN.match(expr[first.end : times[1].start]):
            return f"{first.value}/{times[1].value}"
    if _SINCE.search(before) and _calendar(first.value) and ref_value:
        return f"{first.value}/{ref_value}"
    if _UNTIL.search(before) and ref_value and _after(first.value, ref):
        return f"{ref_value}/{first.value}"
    return _single(first, ref)


def _after(value: str | None, ref: date | None) -> bool:
    """Whether a calendar value ends after the reference date."""
    bounds = timex_bounds(value)
    return bool(bounds and ref and bounds[1] > ref)


def _single(t: TimeExpr, ref: date | None) -> str | None:
    """One expression's interval: calendar values as they are, past durations back from ref
    ("the past two months", and "the past year", which TimeBank writes as last year)."""
    if ref is not None and t.value and _PAST_DURATION.match(t.text):
        m = re.fullmatch(r"P(\d+)([DWMY])", t.value)
        rolling = _ROLLING.match(t.text)
        if m is not None:
            return f"{cal.day(cal.shift(ref, -int(m[1]), m[2]))}/{cal.day(ref)}"
        if rolling is not None:
            return f"{cal.day(cal.shift(ref, -1, rolling[1][0].upper()))}/{cal.day(ref)}"
        if t.type == "DURATION":
            return None
    return t.value if _calendar(t.value) else None
