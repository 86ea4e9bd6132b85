"""What a rule needs to resolve a match: the text, the reference date, tense cues, anchors.

News mode: an expression without a year ("on Monday", "in March", "Dec. 23") takes the
nearest past or future occurrence relative to the reference date; which one is decided by
cheap cues in the clause around it (will / 'll / plans / next → future, else past).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import calendar as cal
from .lexicon import alt, lexicon

PAST, FUTURE, UNKNOWN = "past", "future", "unknown"
_WRONG_SIDE = 6


def _cue_regex() -> re.Pattern[str]:
    lex = lexicon()
    fut, past, weak = alt(lex["future_cues"]), alt(lex["past_cues"]), alt(lex["weak_past_cues"])
    return re.compile(
        rf"(?<![\w'])(?:(?P<f>{fut})|(?P<p>{past})|(?P<w>{weak}|(?-i:[a-z]{{3,}}ed))|(?P<n>next(?!\s+to\b)))(?!\w)",
        re.I,
    )


_CUES = _cue_regex()
_PASSIVE = re.compile(r"\b(?:be|been|being|is|are|was|were|get|got)\s+(?:\w+ly\s+)?$", re.I)
_BOUNDARY = re.compile(r"[.!?;]\s+(?=[A-Z\"'“])|\n")


class Ctx:
    """Resolution context for one text."""

    __slots__ = ("text", "ref", "anchor", "anchor_gran", "quarter")

    def __init__(self, text: str, ref: date | None) -> None:
        self.text = text
        self.ref = ref
        # The last absolute date mentioned (for "that day", "two days later").
        self.anchor: date | None = None
        self.anchor_gran = "Y"  # D, M or Y: how precise the anchor is
        # The last quarter mentioned and where ("a year earlier" after "the third quarter").
        self.quarter: tuple[int, str] | None = None

    def base(self, unit: str) -> date | None:
        """The anchor for an anaphoric unit ("that day", "the following month"), if it is
        precise enough for that unit, else the reference date."""
        if self.anchor is not None and "DWMQY".index(unit) >= "DWMQY".index(
            {"D": "D", "M": "M", "Y": "Y"}[self.anchor_gran]
        ):
            if not (unit == "W" and self.anchor_gran != "D"):
                return self.anchor
        return self.ref

    def period_year_ago(self, pos: int) -> str | None:
        """The quarter a year before the last one mentioned near `pos`, if any."""
        if self.quarter is None or pos - self.quarter[0] > 1500:
            return None
        y, q = self.quarter[1].split("-Q")
        return f"{int(y) - 1}-Q{q}"

    # -- tense ----------------------------------------------------------------------------
    def tense(self, start: int, end: int) -> str:
        """past / future / unknown from the nearest cue before (else after) the expression."""
        text = self.text
        lo = max(0, start - 90)
        before = text[lo:start]
        cut = None
        for m in _BOUNDARY.finditer(before):
            cut = m.end()
        if cut is not None:
            before = before[cut:]
        last = None
        for m in _CUES.finditer(before):
            if m.group("w") and _PASSIVE.search(before, 0, m.start()):
                continue  # "will be held": a participle, not a past tense
            last = m
        if last is not None:
            return FUTURE if last.group("f") or last.group("n") else PAST
        after = text[end : end + 70]
        b = _BOUNDARY.search(after)
        if b:
            after = after[: b.start()]
        nxt = _CUES.search(after)
        if nxt is not None:
            return FUTURE if nxt.group("f") or nxt.group("n") else PAST
        return UNKNOWN

    # -- news-mode resolution -------------------------------------------------------------
    def weekday(self, wd: int, tense: str) -> date | None:
        """The weekday (1=Monday) nearest the reference in the tense's direction."""
        ref = self.ref
        if ref is None:
            return None
        if tense == FUTURE:
            return ref + timedelta(days=(wd - ref.isoweekday()) % 7)
        return ref - timedelta(days=(ref.isoweekday() - wd) % 7)

    def month_year(self, m: int, tense: str) -> int | None:
        """The year of a bare month name."""
        ref = self.ref
        if ref is None:
            return None
        if tense == FUTURE:
            return ref.year if m >= ref.month else ref.year + 1
        return ref.year if m <= ref.month else ref.year - 1

    def month_day(self, m: int, d: int, tense: str) -> date | None:
        """A month and day without a year: before/after the reference by tense, else nearest."""
        ref = self.ref
        if ref is None:
            return None
        cands = [x for x in (cal.safe_date(ref.year + k, m, d) for k in (-1, 0, 1)) if x]
        if not cands:
            return None

        # the tense's side of the reference is preferred, the other side costs K times more
        # distance: "said ... by Jan. 14" a week ahead is still the coming Jan. 14
        def cost(x: date) -> int:
            days = (x - ref).days
            wrong = days > 0 if tense == PAST else days < 0 if tense == FUTURE else False
            return abs(days) * (_WRONG_SIDE if wrong else 1)

        return min(cands, key=cost)

    def season(self, code: str, tense: str, rel: str | None) -> str | None:
        """`YYYY-SS` for a season word, with this/last/next or tense."""
        ref = self.ref
        if ref is None:
            return None
        y, cur = cal.season_of(ref)
        now = cal.season_index(y, cur)
        target = cal.SEASON_ORDER.index(code)
        # the latest occurrence at or before now, and the next one at or after now
        back = now - (now % 4 - target) % 4
        fwd = now + (target - now % 4) % 4
        if rel == "last":
            idx = back if back != now else back - 4
        elif rel == "next":
            idx = fwd if fwd != now else fwd + 4
        elif rel == "this":
            yy = ref.year - 1 if code == "WI" and ref.month <= 2 else ref.year
            idx = cal.season_index(yy, code)
        else:
            idx = fwd if tense == FUTURE else back
        return cal.season_value(idx)

    def quarter_year(self, q: int, tense: str) -> int | None:
        ref = self.ref
        if ref is None:
            return None
        cur = cal.quarter_of(ref)
        if tense == FUTURE:
            # results are reported after a quarter ends: the last one is still "this year's"
            return ref.year if q >= cur - 1 else ref.year + 1
        return ref.year if q <= cur else ref.year - 1
