"""Run every rule over a text, keep the longest non-overlapping matches, resolve in order."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ...records import TimeExpr
from . import relative as rel
from . import rules, years
from .context import Ctx
from .lexicon import lexicon


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    regex: re.Pattern[str]
    handler: Callable[[re.Match[str], Ctx], rules.Result]
    extent: Callable[[re.Match[str]], tuple[int, int]] | None = None
    anaphoric: bool = False


RULES: tuple[Rule, ...] = (
    Rule("iso", rules.ISO, rules.h_iso),
    Rule("numeric", rules.NUMERIC, rules.h_numeric),
    Rule("numeric_md", rules.NUMERIC_MD, rules.h_numeric_md, extent=lambda m: m.span("md")),
    Rule("mdy", rules.MDY, rules.h_mdy),
    Rule("dmy", rules.DMY, rules.h_dmy),
    Rule("time", rel.TIME, rel.h_time),
    Rule("holiday", rules.HOLIDAY, rules.h_holiday),
    Rule("month", rules.MONTH, rules.h_month),
    Rule("decade", years.DECADE, years.h_decade),
    Rule("century", years.CENTURY, years.h_century),
    Rule("quarter", rules.QUARTER, rules.h_quarter),
    Rule("years", years.YEARS, years.h_years),
    Rule("yearwords", years.YEARWORDS, years.h_yearwords),
    Rule("year_end", years.YEAR_END, years.h_year_end),
    Rule("season", rules.SEASON, rules.h_season),
    Rule("qshort", rules.QSHORT, rules.h_qshort),
    Rule("words", rel.WORDS, rel.h_words, anaphoric=True),
    Rule("relunit", rel.RELUNIT, rel.h_relunit, anaphoric=True),
    Rule("day_around", rel.DAY_AROUND, rel.h_day_around, anaphoric=True),
    Rule("ago", rel.AGO, rel.h_ago, anaphoric=True),
    Rule("yearago", rel.YEARAGO, rel.h_yearago, anaphoric=True),
    Rule("weekday", rel.WEEKDAY, rel.h_weekday),
    Rule("duration", rel.DURATION, rel.h_duration),
    Rule("bare", rel.BARE, rel.h_bare, extent=rel.bare_extent),
    Rule("set", rel.SET, rel.h_set),
)
_PRIORITY = {r.name: i for i, r in enumerate(RULES)}
_DAY = re.compile(r"\d{4}-\d\d-\d\d$")
_AGO = re.compile(r"ago|earlier|last|previous", re.I)
_QUARTER = re.compile(r"\d{4}-Q[1-4]$")


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]
    type: str
    value: str | None


def _fast(regex: re.Pattern[str]) -> re.Pattern[str]:
    """The rule's regex anchored at a word boundary (or an apostrophe): 2-3x faster scans."""
    return re.compile(rf"(?:\b|(?=['’]))(?:{regex.pattern})", regex.flags)


_FAST = {rule.name: _fast(rule.regex) for rule in RULES}


# Every rule's match holds one of these words (or digit shapes); rules run only in windows
# around them. Finding them by tokens is ~10x faster than one big alternation regex.
_TRIGGER_WORDS = frozenset(lexicon()["trigger_words"])
_TOKEN = re.compile(r"[A-Za-z]+[0-9]?|\d+")
_DIGIT_TAIL = re.compile(r"[/:.-]\d|\s?[ap]\.?m\b|\s?o['’]clock|s\b", re.I)
_BACK, _AHEAD = 40, 20


def _windows(text: str) -> list[tuple[int, int]]:
    """Disjoint spans of text around trigger words, where matches can be."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    words = _TRIGGER_WORDS
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok[0].isdigit():
            if len(tok) != 4 and not _DIGIT_TAIL.match(text, m.end()):
                continue
        else:
            low = tok.lower()
            if low not in words and not low.endswith(("day", "days")):
                continue
        lo, hi = max(0, m.start() - _BACK), min(n, m.end() + _AHEAD)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return spans


def _candidates(text: str, ctx: Ctx) -> list[_Cand]:
    out: list[_Cand] = []
    windows = _windows(text)
    for rule in RULES:
        regex = _FAST[rule.name]
        for lo, hi in windows:
            for m in regex.finditer(text, lo, hi):
                if m.end() == m.start():
                    continue
                if m.start() > 0 and text[m.start() - 1].isalnum():
                    continue
                res = rule.handler(m, ctx)
                if res is None:
                    continue
                start, end = rule.extent(m) if rule.extent else m.span()
                out.append(_Cand(start, end, rule, m, res[0], res[1]))
    return out


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest first (earlier rules win ties); drop anything overlapping a kept match."""
    cands.sort(key=lambda c: (c.start - c.end, _PRIORITY[c.rule.name], c.start))
    if not cands:
        return []
    taken = bytearray(max(c.end for c in cands))  # 1 where a kept match lies
    kept: list[_Cand] = []
    for c in cands:
        if taken.find(1, c.start, c.end) >= 0:
            continue
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


_LEAD = {
    "duration": re.compile(
        r"(?:about|around|approximately|roughly|only|just|barely|some|each\s+of"
        r"|last(?=\s+(?:over|more|less|about|nearly|almost|up|at)\b)"
        r"|(?:the|its|their|his|her|our|a|an)(?=\s+[\w.]+-[a-z]+(?:-long)?$))\s+",
        re.I,
    ),
    "ago": re.compile(r"(?:just|only|barely)\s+", re.I),
    "weekday": re.compile(r"(?:earlier|later|late)\s+", re.I),
    "mdy": re.compile(r"the\s+(?!week)", re.I),
    "dmy": re.compile(r"the\s+(?=\d)", re.I),
    "quarter": re.compile(r"(?:the|a|an|its|their|that|his|our)\s+(?=[a-z0-9]+-quarter)", re.I),
    "words": re.compile(r"right\s+", re.I),
    "yearago": re.compile(
        r"the\s+(?:comparable\s+|corresponding\s+)?(?=year-(?:earlier|ago)$)", re.I
    ),
}
_POSS = ("'s", "’s")


def _trim(c: _Cand, text: str) -> tuple[int, int]:
    """TimeML extents: no possessive 's, no approximators before durations, no article
    before a month-day or a hyphenated "third-quarter"."""
    start, end = c.start, c.end
    if text.endswith(_POSS, start, end) and end - start > 2:
        end -= 2
    lead = _LEAD.get(c.rule.name)
    if lead is not None:
        m = lead.match(text, start, end)
        if m and m.end() < end:
            start = m.end()
    return start, end


_MONTH_VALUE = re.compile(r"(\d{4})-(\d\d)$")
_YEAR_VALUE = re.compile(r"\d{4}$")


def _set_anchor(ctx: Ctx, c: _Cand, value: str) -> None:
    """Explicit dates become the anchor of later "that day", "the following year"."""
    if _DAY.match(value) and c.rule.name in ("mdy", "dmy", "iso", "numeric", "numeric_md"):
        ctx.anchor, ctx.anchor_gran = date.fromisoformat(value), "D"
    elif c.rule.name == "month" and c.match["y"] and (m := _MONTH_VALUE.match(value)):
        ctx.anchor, ctx.anchor_gran = date(int(m[1]), int(m[2]), 1), "M"
    elif c.rule.name == "years" and _YEAR_VALUE.match(value):
        ctx.anchor, ctx.anchor_gran = date(int(value), 1, 1), "Y"


def scan(text: str, ref: date | None) -> list[TimeExpr]:
    """All time expressions of `text` resolved against `ref` (see dates.find_timexes)."""
    ctx = Ctx(text, ref)
    out: list[TimeExpr] = []
    for c in _select(_candidates(text, ctx)):
        typ, value = c.type, c.value
        if c.rule.anaphoric:
            res = c.rule.handler(c.match, ctx)
            if res is not None:
                typ, value = res
        start, end = _trim(c, text)
        out.append(TimeExpr(start, end, text[start:end], typ, value))
        if (
            value
            and _QUARTER.match(value)
            and c.rule.name in ("quarter", "qshort")
            and not _AGO.search(text, start, end)
        ):
            ctx.quarter = (c.start, value)
        if value and typ == "DATE":
            _set_anchor(ctx, c, value)
    _share_years(out, text)
    _attach_clocks(out, text, ctx)
    _second_days(out, text)
    return out


_AND_DAY = re.compile(
    r"(\s*(?:and|or|&|-|–|to|through)\s*)([0-3]?\d)(?:st|nd|rd|th)?"
    r"(?=\s*(?:[.,;:)!?]|$)|\s+(?:in|at|of|when|as|after|before|and)\b)",
    re.I,
)


def _second_days(out: list[TimeExpr], text: str) -> None:
    """ "April 24 and 25": the bare second day is a date of the same month."""
    added: list[TimeExpr] = []
    for i, t in enumerate(out):
        if not (t.value and _DAY.match(t.value) and t.text[-1:].isdigit()):
            continue
        m = _AND_DAY.match(text, t.end)
        if not m or (i + 1 < len(out) and out[i + 1].start < m.end()):
            continue
        day = int(m[2])
        first = date.fromisoformat(t.value)
        if not first.day < day <= 31:
            continue
        try:
            second = first.replace(day=day)
        except ValueError:
            continue
        added.append(
            TimeExpr(m.start(2), m.end(), text[m.start(2) : m.end()], "DATE", second.isoformat())
        )
    if added:
        out.extend(added)
        out.sort(key=lambda t: t.start)


_AT = re.compile(r"\s*,?\s*(?:at|around|about|from|by|before|after)?\s*$", re.I)


def _attach_clocks(out: list[TimeExpr], text: str, ctx: Ctx) -> None:
    """ "Monday at 9 a.m.": the clock time takes the day just before it."""
    for a, b in zip(out, out[1:], strict=False):
        if not (a.value and b.value and b.type == "TIME" and _DAY.match(a.value)):
            continue
        if not _AT.match(text[a.end : b.start]) or b.end - a.start > 60:
            continue
        day, _, clock = b.value.partition("T")
        if ctx.ref is not None and day == ctx.ref.isoformat() or day.startswith("XXXX"):
            b.value = f"{a.value}T{clock}"


_JOINED = re.compile(r"\s*(?:,|and|or|to|through|until|till|-|–|—)\s*(?:early\s+|late\s+)?$", re.I)
_STATED_YEAR = re.compile(r"\d{4}$")


def _share_years(out: list[TimeExpr], text: str) -> None:
    """ "January and February 2024": the first month takes the year stated with the second."""
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if not (
            a.value and b.value and _MONTH_VALUE.match(a.value) and _MONTH_VALUE.match(b.value)
        ):
            continue
        if _STATED_YEAR.search(a.text) or not _STATED_YEAR.search(b.text):
            continue
        if not _JOINED.match(text[a.end : b.start]):
            continue
        year = int(b.value[:4]) - (1 if a.value[5:] > b.value[5:] else 0)
        a.value = f"{year:04d}-{a.value[5:]}"
