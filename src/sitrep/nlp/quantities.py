"""The quantity recogniser: numbers in news text with CLAIMS.md's value/low/high/qualifier.

`find_quantities(text)` is pure Python (regex + token scanning over `numbers.Tokens`); the
spaCy component `sitrep_quantities_v1` (in `quantity_component.py`) wraps it. Years, dates,
times, model designations ("KN-23", "Su-34"), ordinals, ages and reference numbers are not
reported; calibres and ranges are, with their measurement unit. A bare "a"/"an" ("a
soldier") is not a quantity here: the claim stage reads singular counts itself.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..records import Quantity
from .numbers import (
    THOUSANDS_SPACES,
    Lexicon,
    Num,
    Tokens,
    digits_value,
    lexicon,
    match_at,
    match_before,
    parse_vague,
    parse_words,
)
from .traps import (
    address,
    blocked_spans,
    designated,
    is_age,
    is_blocked,
    negative,
    not_a_count,
    spelled_ok,
    yearlike,
)
from .units import counted_unit, currency_before, money_follows, unit_after

__all__ = ["find_quantities"]

_LABEL_RE = re.compile(r"([A-Za-z]+)\s*:\s*(?:about\s+|some\s+|over\s+)?\Z")
_VULGAR = {"½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75")}
_DURATIONS = frozenset(
    ["s", "min", "h", "day", "week", "month", "year", "decade", "century", "night"]
)


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, in order, with offsets into `text`."""
    if not text:
        return []
    lex = lexicon()
    t = Tokens(text)
    blocked = blocked_spans(text)
    out: list[Quantity] = []
    floor = 0
    i = 0
    lows, anchors, n = t.lows, lex.anchors, t.n
    while i < n:
        w = lows[i]
        if not ("0" <= w[0] <= "9" or w in anchors or (w[0] == "." and len(w) > 1)):
            i += 1
            continue
        found, nxt = _quantities_at(t, i, lex, blocked, floor)
        out.extend(found)
        if nxt > i:
            floor = nxt
            i = nxt
        else:
            i += 1
    _link(t, out, lex)
    return out


def _parse_number(t: Tokens, i: int, lex: Lexicon, money: bool) -> Num | None:
    """A number starting at token i: digits (with multiplier), words, or a vague amount."""
    w = t.lows[i]
    if "0" <= w[0] <= "9" or (w[0] == "." and len(w) > 1):
        return _parse_digits(t, i, lex, money)
    return parse_vague(t, i, lex) or parse_words(t, i, lex)


def _parse_digits(t: Tokens, i: int, lex: Lexicon, money: bool) -> Num | None:
    s = t.words[i]
    j = i + 1
    while (
        s.isdigit()
        and t.is_digits(j)
        and re.fullmatch(r"\d{3}(?:\.\d+)?", t.words[j])
        and t.starts[j] - t.ends[j - 1] == 1
        and t.text[t.ends[j - 1]] in THOUSANDS_SPACES
        and (j - i > 1 or len(s) <= 3)
    ):
        s += t.words[j]
        j += 1
    plain = j == i + 1 and s.isdigit()
    base = digits_value(s, "." in s and counted_unit(t, j, lex) is not None)
    if base is None:
        return None
    if plain:
        frac, j = _fraction_after(t, j)
        if frac:
            base, plain = base + frac, False
    mult = 1
    k = j
    if t.low(k) == "-" and t.glued(k) and t.glued(k + 1) and t.low(k + 1) in lex.scales:
        k += 1  # 'a $1.5-billion deal'
    w = t.low(k)
    if w in lex.scales:
        mult = lex.scales[w]
        k += 1
        while t.low(k) in lex.scales and lex.scales[t.lows[k]] > mult:
            mult *= lex.scales[t.lows[k]]
            k += 1
    elif w == "dozen":
        mult, k = lex.dozen, k + 1
    elif w in lex.abbrev and not (t.glued(k + 1) and t.words[k + 1][0].isalnum()):
        if _abbreviation_ok(t, k, lex, money):
            mult, k = lex.abbrev[w], k + 1
    value = float(base * Decimal(mult))
    return Num(i, k, value, mult=float(mult), plain=plain and mult == 1)


def _fraction_after(t: Tokens, j: int) -> tuple[Decimal, int]:
    """'5 1/2', '5½': the fraction after a whole number, and the token after it."""
    if j < t.n and t.glued(j) and t.words[j] in _VULGAR:
        return _VULGAR[t.words[j]], j + 1
    if (
        t.is_digits(j)
        and t.low(j + 1) == "/"
        and t.glued(j + 1)
        and t.glued(j + 2)
        and t.is_digits(j + 2)
        and t.starts[j] - t.ends[j - 1] == 1
        and t.words[j].isdigit()
        and t.words[j + 2] in ("2", "3", "4", "8")
        and int(t.words[j]) < int(t.words[j + 2])
    ):
        return Decimal(t.words[j]) / Decimal(t.words[j + 2]), j + 3
    return Decimal(0), j


def _abbreviation_ok(t: Tokens, k: int, lex: Lexicon, money: bool) -> bool:
    """'2bn', '10k', '€500m', '10M', '10m people'; not '500m' (metres) or '5b' alone."""
    w = t.lows[k]
    if w in lex.abbrev_glued_only and not t.glued(k) and not money:
        return False
    if w not in lex.abbrev_money_only or money or money_follows(t, k + 1, lex):
        return True
    if w == "m" and t.glued(k):  # '2.3m units', but '100m sprint', '10m high'
        return t.low(k + 1) not in lex.metre_context or t.words[k] == "M"
    return w == "b" and counted_unit(t, k + 1, lex) is not None


def _quantities_at(
    t: Tokens, i: int, lex: Lexicon, blocked: list[tuple[int, int]], floor: int
) -> tuple[list[Quantity], int]:
    """The quantities starting at token i, and the index of the token after them."""
    if is_blocked(blocked, t.starts[i]):
        return [], i + 1
    cur = currency_before(t, i, lex, floor)
    x = _parse_number(t, i, lex, cur is not None)
    if x is None:
        return [], i
    if not x.spelled and not x.vague and not_a_count(t, x, lex):
        return [], x.j
    if x.spelled and not spelled_ok(t, x, lex):
        return [], x.j
    first = cur[0] if cur else i
    unit = cur[1] if cur else None
    if cur is None and not x.vague and x.value and negative(t, i, floor):
        x.value, x.plain, first = -x.value, False, i - 1
    y, end = _range_end(t, x, first, lex, blocked)
    if y is None and x.value is not None and x.plain and is_age(t, x, lex):
        return [], x.j
    if (
        y is not None
        and x.plain
        and y.plain
        and yearlike(x, t)
        and (yearlike(y, t) or y.j == x.j + 2)
    ):
        if counted_unit(t, y.j, lex) is None:
            return [], y.j
    if y is not None and lex.age_words & {t.low(first - 1), t.low(first - 2)}:
        return [], y.j
    unit, end = unit_after(t, end, lex, unit)
    if unit == "age":
        return [], end
    qual, qstart = _qualifier_before(t, first, lex, floor)
    if qual and unit in _DURATIONS and " ".join(t.lows[qstart:first]) in lex.over_is_during:
        qual, qstart = None, first  # 'over five years' is a period, not a bound
    if y is None and x.plain and _named_number(t, x, first, unit, qual, qstart, lex, floor):
        return [], x.j
    if unit is None and (not t.is_alpha(end) or t.lows[end] in lex.stop):
        if match_before(t, qstart, lex.person_verbs, floor) or _person_context(t, qstart, lex):
            unit = "person"  # 'killed 12', 'the death toll rose to 35'; not 'killed 5 cows'
    if y is not None:
        start = first
        if t.low(first - 1) in ("between", "from") and first - 1 >= floor:
            start = first - 1
        q = _make(t, start, end, None, "range", unit, y, x)
        return [q], end
    rq = match_at(t, end, lex.qual_after)
    if rq and not (rq[1] == "more_than" and t.low(end) == "+" and not t.glued(end)):
        end += rq[0]
        unit = unit or counted_unit(t, end, lex)
        if qual in (None, "approx"):
            qual, qstart = rq[1], (qstart if qual else first)
    if x.vague:
        return [_make(t, qstart if qual else first, end, x, "vague", unit)], end
    if qual is None:
        qual = "approx" if x.approx else "exact"
        qstart = first
    return [_make(t, qstart, end, x, qual, unit)], end


def _named_number(
    t: Tokens,
    x: Num,
    first: int,
    unit: str | None,
    qual: str | None,
    qstart: int,
    lex: Lexicon,
    floor: int,
) -> bool:
    """A bare number that names rather than counts: a year ('in 2024', but not 'some 2000
    soldiers'), a reference ('Article 5', 'Flight 103'), a model ('Panzerhaubitze 2000'),
    an address ('10 Downing Street')."""
    money = first < x.i
    if yearlike(x, t) and unit is None and not money:
        if qual is None or " ".join(t.lows[qstart:first]) in lex.temporal_quals:
            return True
    if unit in (None, "person", "item") and designated(t, first, lex, floor):
        return True
    i = x.i
    if not money and len(t.words[i]) == 4 and qual is None and i - 1 >= floor:
        if t.is_alpha(i - 1) and t.words[i - 1][0].isupper():
            return True
    return unit is None and address(t, x.j, lex)


def _make(
    t: Tokens,
    a: int,
    b: int,
    x: Num | None,
    qual: str,
    unit: str | None,
    hi: Num | None = None,
    lo: Num | None = None,
) -> Quantity:
    start, end = t.starts[a], t.ends[b - 1]
    text = t.text[start:end]
    if qual == "range" and lo is not None and hi is not None:
        return Quantity(start, end, text, None, lo.value, hi.value, "range", unit)
    assert x is not None
    if qual == "vague":
        return Quantity(start, end, text, None, x.low, x.high, "vague", unit)
    v = x.value
    bounds = {
        "exact": (v, v),
        "approx": (None, None),
        "at_least": (v, None),
        "more_than": (v, None),
        "at_most": (None, v),
        "almost": (None, v),
    }[qual]
    return Quantity(start, end, text, v, bounds[0], bounds[1], qual, unit)


def _person_context(t: Tokens, i: int, lex: Lexicon) -> bool:
    """A casualty word shortly before the number in the same clause ('the toll rose to 35')."""
    for k in range(i - 1, max(-1, i - 9), -1):
        w = t.lows[k]
        if w in lex.person_context:
            return True
        if w in (".", ";", ":", "!", "?") or t.is_digits(k):
            return False
    return False


def _range_end(
    t: Tokens, x: Num, first: int, lex: Lexicon, blocked: list[tuple[int, int]]
) -> tuple[Num | None, int]:
    """When x opens a range ('10 to 15', 'between 2 and 3 million'), the upper number;
    x is updated in place with a shared multiplier. Returns (upper or None, end token)."""
    k = x.j
    if x.vague:
        return None, k
    if t.low(k) == "-" and t.glued(k) and t.low(k + 1) == "to":  # '8- to 16-meter'
        k += 1
    unit = None
    if t.low(k) not in lex.range_joiners:  # '5.25% to 5.5%', '44 mg to 50 mg'
        unit = match_at(t, k, lex.percent) or match_at(t, k, lex.measure)
        if unit:
            k += unit[0]
    joiner = t.low(k)
    before = t.low(first - 1)
    if joiner not in lex.range_joiners and joiner != "or":
        return None, x.j
    if joiner in ("to", "-", "–") and (unit or first < x.i) and _change_before(t, first, lex, 2):
        return None, x.j  # 'rose 0.4% to 3.5%', 'fell $1.125 to $13.625'; not 'cut 200 to 300
    if joiner in ("and", "&") and before != "between":
        return None, x.j
    if joiner == "or" and t.low(k + 1) in ("so", "more", "fewer", "less", "higher", "above"):
        return None, x.j
    if before == "from" and _change_before(t, first - 1, lex):
        return None, x.j
    k += 1
    money = t.low(k) in lex.symbol_chars
    if money:
        k += 1
    if k >= t.n or is_blocked(blocked, t.starts[k]):
        return None, x.j
    y = _parse_number(t, k, lex, money)
    if y is None or y.vague or y.value is None or x.value is None:
        return None, x.j
    if not y.spelled and not_a_count(t, y, lex):
        return None, x.j
    if unit and (match_at(t, y.j, lex.percent) or match_at(t, y.j, lex.measure)) != unit:
        return None, x.j
    if x.spelled != y.spelled and joiner in ("-", "–", "—"):
        return None, x.j
    if y.mult > 1 and x.mult == 1 and x.value * y.mult <= y.value:
        if joiner == "or" and y.value > (2 * x.value + 1) * y.mult:
            return None, x.j
        x.value *= y.mult
        x.mult = y.mult
        x.plain = False
    if joiner == "or" and (x.mult != y.mult or y.value > 2 * x.value + x.mult):
        return None, x.j
    if x.value >= y.value and before != "between":
        if x.plain and y.plain and yearlike(x, t) and y.value < 100 and joiner in ("-", "–"):
            return y, y.j  # '2022-23'
        return None, x.j
    return y, y.j


def _change_before(t: Tokens, i: int, lex: Lexicon, window: int = 3) -> bool:
    """'rose from 100 to 150' is a change (two numbers), not a range."""
    return any(t.low(k) in lex.change_words for k in range(max(0, i - window), i))


def _qualifier_before(t: Tokens, first: int, lex: Lexicon, floor: int) -> tuple[str | None, int]:
    m = match_before(t, first, lex.qual_before, floor)
    if m and (t.words[first - 1][0].isalnum() or t.glued(first)):  # '~100', not '~ Two'
        return m[1], first - m[0]
    return None, first


def _link(t: Tokens, out: list[Quantity], lex: Lexicon) -> None:
    """Units from neighbours: '14 of 16 drones' (the first takes the second's unit), a
    table label ('Tanks: 6,663'), a bracketed change after a figure ('414,180 (+1,120)')."""
    prev: Quantity | None = None
    for q in out:
        if q.unit is None:
            label = _LABEL_RE.search(t.text, max(0, q.start - 40), q.start)
            if label:
                w = label.group(1).lower()
                q.unit = "person" if w in lex.person else "item" if w in lex.item else None
            gap = t.text[prev.end : q.start].strip() if prev is not None else ""
            if (
                prev is not None
                and prev.unit
                and gap in ("(", "(+")
                and t.text[q.end : q.end + 1] == ")"
            ):
                q.unit = prev.unit
        if prev is not None and prev.unit is None and q.unit is not None:
            between = t.text[prev.end : q.start].strip().lower()
            if between in ("of", "of the", "out of", "out of the"):
                prev.unit = q.unit
        prev = q
