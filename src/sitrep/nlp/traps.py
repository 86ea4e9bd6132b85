"""Traps of the quantity recogniser: digits and number words that are not quantities.

Dates, times of day, decades and phone numbers (blocked spans found by one regex), model
designations ("KN-23", "9M723"), ordinals, identifiers, ages, years, addresses, reference
numbers ("No. 5", "Article 5") and pronoun or fraction uses of number words.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .numbers import Lexicon, Num, Tokens, match_at, match_before
from .units import code_at

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"
)
# Spans whose digits are never quantities: dates, times of day, decades, phone numbers.
_BLOCKED_RE = re.compile(
    r"(?=[\d+('’JFMASONDTW])(?:"
    + "|".join(
        [
            rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?\b(?![,.]\d)"
            rf"(?:,?\s+\d{{4}}\b)?",
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:[-–]|to|and)\s*\d{{1,2}}(?:st|nd|rd|th)?)?"
            rf"\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}}\b)?",
            r"\b\d{4}-\d{1,2}-\d{1,2}\b",
            r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}\b",
            r"\b\d{1,4}/\d{1,4}\b",
            r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\b\.?|[AP]M\b)",
            r"\b\d{1,2}:\d{2}(?::\d{2})?\b",
            r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:to|-|–|and|until|till)\s*\d{1,2}(?:[:.]\d{2})?\s*"
            r"(?:[ap]\.m\.|[ap]m\b|[AP]M\b)",
            r"\b\d{1,2}\s*(?:[ap]\.m\.|[ap]m\b|[AP]M\b|o['’]clock\b)",
            r"\b[012]\d[0-5]\d\s*(?:GMT|UTC|hrs\b|local time)",
            r"\b\d{4}s\b|['’]\d0s\b",
            r"(?:\+\d{1,3}[\s.-]?)?\(\d{2,4}\)\s?\d{3}[\s.-]\d{3,4}\b",
            r"\b\d{3}[.-]\d{3}[.-]\d{4}\b|\b\d{3}-\d{2}-\d{4}\b",
            r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:noon|midnight|in the (?:morning|afternoon|evening))\b",
            r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?"
            r"\b(?![,.]?\d{3})",
            r"\(\d{1,4}(?:-\d{1,4})?\)\s?\d{2,4}[\s.-]\d{3,4}\b",
            r"\+\d{1,3}(?:[\s.-]\d{2,4}){2,5}\b",
        ]
    )
    + ")"
)
_YEAR_PREPOSITIONS = frozenset(
    ["in", "of", "since", "from", "by", "until", "till", "after", "before", "during", "circa"]
)
_ORDINAL_SUFFIX = frozenset(["st", "nd", "rd", "th", "s", "x"])
_ORDINAL_WORDS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth".split()
)


# Spelled times of day: 'at six pm', 'seven o'clock', 'nine thirty p.m.'
_SPELLED_TIME_RE = re.compile(
    r"\b(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|"
    r"[Ee]leven|[Tt]welve)(?:[\s-](?:fifteen|thirty|forty-five))?\s*"
    r"(?:a\.m\.|p\.m\.|am\b|pm\b|o['’]clock)"
)


def blocked_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of dates, times, decades and phone numbers, in order."""
    spans = [m.span() for m in _BLOCKED_RE.finditer(text)]
    spelled = [m.span() for m in _SPELLED_TIME_RE.finditer(text)]
    return sorted(spans + spelled) if spelled else spans


def is_blocked(blocked: list[tuple[int, int]], pos: int) -> bool:
    """Whether character `pos` falls inside one of the `blocked` spans."""
    k = bisect_right(blocked, (pos, 1 << 60)) - 1
    return k >= 0 and blocked[k][0] <= pos < blocked[k][1]


def not_a_count(t: Tokens, x: Num, lex: Lexicon) -> bool:
    """Digits that belong to a code, date, ordinal or designation rather than a count."""
    i, j = x.i, x.j
    w = t.words[i]
    if (len(w) > 1 and w[0] == "0" and w[1].isdigit()) or (len(w) >= 10 and w.isdigit()):
        return True  # '015', '007', '728338863698096129': an identifier
    if x.plain and len(w) <= 2 and enumerator(t, i):
        return True
    if t.glued(i):
        prev = t.lows[i - 1]
        if prev[0].isalpha() and code_at(t, i - 1, lex):  # 'USD5m'
            return False
        if prev[0].isalpha() or prev in ("/", ":", "#", "№", "."):
            return True
        if prev == "-" and t.glued(i - 1) and t.is_alpha(i - 2):
            if t.glued(i - 2) and t.is_digits(i - 3):  # '5k-20k'
                return False
            return t.lows[i - 2] not in lex.small and t.lows[i - 2] not in lex.tens
        if prev == "-" and t.glued(i - 1) and t.is_digits(i - 2) and t.low(i - 3) == "-":
            return t.glued(i - 2)  # 'DC-8-62'
    if j < t.n and t.glued(j):
        nxt = t.lows[j]
        if nxt in (":", "/") and t.is_digits(j + 1):
            return True
        if nxt in _ORDINAL_SUFFIX and x.mult == 1:
            return True
        if nxt[0].isalpha() and (t.glued(j + 1) and t.is_digits(j + 1)):
            return True
        if nxt[0].isalpha() and match_at(t, j, lex.measure) is None:
            return not known_suffix(t, j, lex)
    return False


def known_suffix(t: Tokens, j: int, lex: Lexicon) -> bool:
    """A word glued to digits that still makes a quantity ('10km', '5pc', '2bn')."""
    w = t.lows[j]
    return (
        w in lex.abbrev
        or match_at(t, j, lex.percent) is not None
        or code_at(t, j, lex) is not None
        or w == "m"
    )


def spelled_ok(t: Tokens, x: Num, lex: Lexicon) -> bool:
    """'one' as a pronoun ('no one', 'one of the most'), 'two-thirds', 'twenty-first'."""
    j = x.j
    if t.low(j) == "-" and t.glued(j) and t.glued(j + 1):
        nxt = t.low(j + 1)
        if nxt in lex.compound_not_count or nxt in _ORDINAL_WORDS:
            return False
    if t.low(j) in lex.denominators or (t.low(j) == "-" and t.low(j + 1) in lex.denominators):
        return False  # 'two thirds', 'one-half': a fraction, not a count
    if x.j == x.i + 1 and t.lows[x.i] == "one":
        if t.low(x.i - 1) in lex.det_before_one:
            return False
        if match_at(t, j, lex.after_one):
            return False
        if t.low(j) == "of" and t.low(x.i - 1) in lex.one_of_after:
            return False  # 'Ana Bonnin, one of the lawyers', 'he was one of three doctors'
        k = x.i - 1  # 'a modest one', 'the only real one'
        while k > x.i - 4 and t.is_alpha(k) and t.lows[k] not in lex.stop:
            k -= 1
        if k < x.i - 1 and t.low(k) in ("a", "an", "the", "this", "that"):
            return False
    return True


def is_age(t: Tokens, x: Num, lex: Lexicon) -> bool:
    """'aged 19', 'John Smith, 19, was ...' (a '19-year-old' is caught by the unit step)."""
    if t.low(x.i - 1) in lex.age_words:
        return True
    v = x.value or 0
    return (
        v < 120
        and t.low(x.i - 1) == ","
        and t.low(x.j) in (",", ".", ";", ")")
        and x.i >= 2
        and t.words[x.i - 2][:1].isupper()
        and t.is_alpha(x.i - 2)
    )


def designated(t: Tokens, i: int, lex: Lexicon, floor: int) -> bool:
    """'No. 5', 'No 10', 'Article 5', 'Resolution 2231', 'Leopard 2' (not 'no 5 people')."""
    m = match_before(t, i, lex.designators, floor)
    if m is None or (m[0] == 1 and t.words[i - 1] == "no"):
        return False
    return t.words[i - m[0]][0].isupper() or t.lows[i - m[0]] not in ("group",)


def address(t: Tokens, j: int, lex: Lexicon) -> bool:
    """'10 Downing Street', '1600 Pennsylvania Avenue'."""
    for k in (j, j + 1):
        if k >= t.n or not t.words[k][0].isupper():
            return False
        if t.lows[k] in lex.address_words:
            return True
    return False


def negative(t: Tokens, i: int, floor: int) -> bool:
    """'-5C', 'minus 10 degrees': a sign that is not a hyphen inside a code or a range."""
    if i - 1 < floor:
        return False
    w = t.lows[i - 1]
    if w in ("minus", "negative"):
        return True
    return (
        w in ("-", "−")
        and t.glued(i)
        and (not t.glued(i - 1) or t.low(i - 2) == "(")
        and not t.is_digits(i - 2)
    )


def yearlike(x: Num, t: Tokens | None = None) -> bool:
    """A bare 4-digit year: 1800-2100, or from 1000 after 'in', 'of', 'since', ... ."""
    if not (x.plain and x.value is not None and x.j == x.i + 1 and x.value <= 2100):
        return False
    if x.value >= 1800:
        return True
    return t is not None and x.value >= 1000 and t.low(x.i - 1) in _YEAR_PREPOSITIONS


def enumerator(t: Tokens, i: int) -> bool:
    """'1) The race', '2. Two justices' after a colon, dash or line break: a list label."""
    if t.glued(i):
        return False
    nxt = t.low(i + 1)
    if nxt == ")" and t.glued(i + 1):
        return True
    if nxt != "." or not t.glued(i + 1) or not t.words[i + 2 : i + 3]:
        return False
    if not t.words[i + 2][0].isupper():
        return False
    before = t.text[max(0, t.starts[i] - 3) : t.starts[i]]
    return i == 0 or "\n" in before or t.low(i - 1) in (":", "—", "–", ";")
