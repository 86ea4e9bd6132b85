"""The rules fusion runs on: the data table (`data/fusion.json`), name keys, dates as day numbers,
and the intervals and figures a quantity implies."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from ..records import Quantity

INF = math.inf


@dataclass(frozen=True, slots=True)
class Rules:
    """The fusion table, loaded once from `sitrep/data/fusion.json`."""

    cumulative: frozenset[str]
    credible: frozenset[str]
    weak: frozenset[str]
    excluded: frozenset[str]
    tolerance: int
    lag: int
    event_days: int
    min_skeleton: int
    margin: float
    qualifiers: dict[str, dict[str, list[str]]]


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The fusion rules table."""
    raw: dict[str, Any] = json.loads(
        resources.files("sitrep").joinpath("data/fusion.json").read_text("utf-8")
    )
    return Rules(
        cumulative=frozenset(raw["cumulative_metrics"]),
        credible=frozenset(raw["credible_modalities"]),
        weak=frozenset(raw["weak_modalities"]),
        excluded=frozenset(raw["excluded_modalities"]),
        tolerance=int(raw["date_tolerance_days"]),
        lag=int(raw["publication_lag_days"]),
        event_days=int(raw["event_period_max_days"]),
        min_skeleton=int(raw["min_skeleton_length"]),
        margin=float(raw["approx_margin"]),
        qualifiers=raw["qualifiers"],
    )


# ---------------------------------------------------------------- names

_NON_WORD = re.compile(r"[^0-9a-z]+")
_LEADING_THE = re.compile(r"^the\s+")
_VOWELS = re.compile(r"[aeiouy]+")
_FOLD = str.maketrans({"k": "g", "t": "d", "p": "b", "c": "g", "q": "g", "r": "l", "z": "s"})


@lru_cache(maxsize=65536)
def norm(name: str | None) -> str:
    """A comparison key for a name: case, accents, punctuation and a leading 'the' dropped."""
    if not name:
        return ""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold().strip()
    s = _LEADING_THE.sub("", s)
    return _NON_WORD.sub(" ", s).strip()


@lru_cache(maxsize=65536)
def skeleton(name: str | None) -> str:
    """A loose key that folds romanisation variants together.

    'Lee Seong-kweun', 'Lee Seong-gwon' and 'Lee Sung-kwon' all give 'lsnggn': vowels dropped,
    voiced/unvoiced consonant pairs merged, 'w'/'h' dropped. Used only between names that
    already state the same figure, and only when the key is long enough to mean something.
    """
    s = norm(name).replace(" ", "")
    if not s:
        return ""
    head, tail = s[0], s[1:]
    tail = tail.replace("ch", "j").replace("sh", "s").replace("kh", "g")
    tail = tail.translate(_FOLD)
    tail = _VOWELS.sub("", tail).replace("w", "").replace("h", "")
    head = head.translate(_FOLD)
    out = [head]
    for ch in tail:
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)


def same_person(a: str, b: str) -> bool:
    """Whether two spellings are the same name up to romanisation (see `skeleton`)."""
    if norm(a) == norm(b):
        return True
    ka, kb = skeleton(a), skeleton(b)
    return len(ka) >= rules().min_skeleton and ka == kb and (" " in norm(a)) == (" " in norm(b))


# ---------------------------------------------------------------- dates

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI)$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_YEAR = re.compile(r"^(\d{4})$")
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}


def _month_end(y: int, m: int) -> date:
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    nxt = date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1)
    return nxt - timedelta(days=1)


def _bounds_fallback(value: str) -> tuple[date, date] | None:
    """First and last day a TIMEX3 value covers (used until `sitrep.nlp.dates` provides it)."""
    v = value.strip()
    if "/" in v:
        a, _, b = v.partition("/")
        first, last = _bounds_fallback(a), _bounds_fallback(b)
        if first is None or last is None or last[1] < first[0]:
            return None
        return first[0], last[1]
    try:
        if m := _DAY.match(v):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := _WEEK.match(v):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return monday + timedelta(days=5), monday + timedelta(days=6)
            return monday, monday + timedelta(days=6)
        if m := _MONTH.match(v):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), _month_end(y, mo)
        if m := _SEASON.match(v):
            y = int(m[1])
            first_m, last_m = _SEASONS[m[2]]
            return date(y, first_m, 1), _month_end(y, last_m)
        if m := _QUARTER.match(v):
            y, q = int(m[1]), int(m[2])
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        if m := _HALF.match(v):
            y, h = int(m[1]), int(m[2])
            return date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
        if m := _YEAR.match(v):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None
    return None


def _timex_bounds_impl() -> Callable[[str], tuple[date, date] | None]:
    try:
        from ..nlp.dates import timex_bounds  # the date tagger's
    except Exception:  # not importable (a partial checkout): the same rules, kept here
        return _bounds_fallback
    return timex_bounds  # type: ignore[no-any-return]


@lru_cache(maxsize=65536)
def span(value: str | None) -> tuple[int, int] | None:
    """The first and last day (as ordinals) a TIMEX3 value or ISO date(time) covers."""
    if not value:
        return None
    try:
        got = _BOUNDS(value)
    except (ValueError, TypeError):
        got = None
    if got is None and len(value) > 10 and _DAY.match(value):
        got = _bounds_fallback(value[:10])
    if got is None:
        return None
    return got[0].toordinal(), got[1].toordinal()


def iso(day: int | None) -> str | None:
    """An ordinal day as YYYY-MM-DD."""
    return None if day is None else date.fromordinal(day).isoformat()


_BOUNDS = _timex_bounds_impl()


# ---------------------------------------------------------------- quantities


def _term(term: str, q: Quantity, margin: float) -> float | None:
    v, lo, hi = q.value, q.low, q.high
    if v is None:
        v = lo if hi is None else hi if lo is None else (lo + hi) / 2
    if term == "value":
        return v
    if term == "value-margin":
        return None if v is None else v * (1 - margin)
    if term == "value+margin":
        return None if v is None else v * (1 + margin)
    if term == "zero":
        return 0.0
    if term == "inf":
        return INF
    if term == "low":
        return lo if lo is not None else v
    if term == "high":
        return hi if hi is not None else v
    if term == "mid":
        if lo is not None and hi is not None:
            return (lo + hi) / 2
        return v
    raise ValueError(f"fusion.json: unknown term {term!r}")


def _rule(q: Quantity) -> dict[str, list[str]]:
    table = rules().qualifiers
    return table.get(q.qualifier) or table["exact"]


def interval(q: Quantity) -> tuple[float, float]:
    """The range of true values the wording allows (exact N: [N, N]; at least N: [N, inf) ...)."""
    r = _rule(q)
    m = rules().margin
    lo = _term(r["interval"][0], q, m)
    hi = _term(r["interval"][1], q, m)
    lo = 0.0 if lo is None else lo
    hi = INF if hi is None else hi
    return lo, max(lo, hi)


def figure(q: Quantity) -> tuple[float, float, float] | None:
    """The (low, best, high) numbers a statement contributes to an assessment, or None."""
    r = _rule(q)
    m = rules().margin
    got = [_term(t, q, m) for t in r["figure"]]
    known = [g for g in got if g is not None and g != INF]
    if not known:
        return None
    lo, best, hi = (g if g is not None and g != INF else known[0] for g in got)
    return min(lo, best), best, max(hi, best)


def anchor(q: Quantity | None) -> tuple[float | None, ...]:
    """The quantity's identity for matching (CLAIMS.md): value, else (low, high)."""
    if q is None:
        return ()
    if q.value is not None:
        return (round(q.value, 6),)
    return (
        None if q.low is None else round(q.low, 6),
        None if q.high is None else round(q.high, 6),
    )
