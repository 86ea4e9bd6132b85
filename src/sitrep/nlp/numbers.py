"""Tokens, lexicon and number parsing: the low-level half of the quantity recogniser.

Pure Python (regex + token scanning), no spaCy. `quantities.py` builds on this to add
qualifiers, ranges, units and the traps (years, dates, model designations).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from typing import Any, TypeVar

V = TypeVar("V")
Phrases = dict[str, list[tuple[tuple[str, ...], Any]]]

# digits with separators | a word (letters, inner apostrophe) | any other single character
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|(?<![\w.,])\.\d+|[^\W\d_]+(?:['’][^\W\d_]+)?|\S")
THOUSANDS_SPACES = (" ", "\u00a0", "\u2009", "\u202f")
_HYPHENS = {"\u2010": "-", "\u2011": "-"}  # hyphen, non-breaking hyphen


class Tokens:
    """A text split into tokens with character offsets; `lows` are lowercased."""

    __slots__ = ("text", "starts", "ends", "words", "lows", "n")

    def __init__(self, text: str) -> None:
        self.text = text
        found = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]
        self.starts = [f[0] for f in found]
        self.ends = [f[1] for f in found]
        self.words = [f[2] for f in found]
        self.lows = [_HYPHENS.get(w, w).lower() for w in self.words]
        self.n = len(found)

    def glued(self, i: int) -> bool:
        """Token i touches token i-1 (no space between them)."""
        return 0 < i < self.n and self.ends[i - 1] == self.starts[i]

    def low(self, i: int) -> str:
        return self.lows[i] if 0 <= i < self.n else ""

    def is_digits(self, i: int) -> bool:
        return 0 <= i < self.n and self.words[i][0].isdigit()

    def is_alpha(self, i: int) -> bool:
        return 0 <= i < self.n and self.words[i][0].isalpha()


def phrase_index(phrases: dict[str, V], last: bool = False) -> Phrases:
    """Index multi-word phrases by their first (or last) word, longest first."""
    index: Phrases = {}
    for phrase, value in phrases.items():
        words = tuple(phrase.split())
        index.setdefault(words[-1] if last else words[0], []).append((words, value))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def match_at(t: Tokens, i: int, index: Phrases) -> tuple[int, Any] | None:
    """The longest phrase starting at token i: (number of tokens, value)."""
    for words, value in index.get(t.low(i), ()):
        k = len(words)
        if t.lows[i : i + k] == list(words):
            return k, value
    return None


def match_before(t: Tokens, i: int, index: Phrases, floor: int = 0) -> tuple[int, Any] | None:
    """The longest phrase ending just before token i (not reaching below `floor`)."""
    for words, value in index.get(t.low(i - 1), ()):
        k = len(words)
        if i - k >= floor and t.lows[i - k : i] == list(words):
            return k, value
    return None


class Lexicon:
    """The data file `quantities.json`, loaded once, in the shapes the scanner needs."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.small: dict[str, int] = data["small"]
        self.tens: dict[str, int] = data["tens"]
        self.scales: dict[str, int] = data["scales"]
        self.dozen: int = data["dozen"]
        self.abbrev: dict[str, int] = data["abbreviations"]
        self.abbrev_money_only = frozenset(data["abbreviations_money_only"])
        self.abbrev_glued_only = frozenset(data["abbreviations_glued_only"])
        self.half_scales = frozenset(data["half_scales"])
        self.qual_before = phrase_index(data["qualifiers_before"], last=True)
        self.qual_after = phrase_index(data["qualifiers_after"])
        self.temporal_quals = frozenset(data["temporal_qualifiers"])
        self.vague = phrase_index({k: tuple(v) for k, v in data["vague"].items()})
        self.vague_plural: dict[str, int] = data["vague_plural_scales"]
        self.vague_plural_bounds = tuple(data["vague_plural_bounds"])
        self.vague_plural_prefix = phrase_index(
            {k: tuple(v) for k, v in data["vague_plural_prefixes"].items()}
        )
        self.vague_singular_prefix = phrase_index(
            {k: tuple(v) for k, v in data["vague_singular_prefixes"].items()}
        )
        self.vague_not_before = {k: frozenset(v) for k, v in data["vague_not_before"].items()}
        self.couple = phrase_index({k: 2 for k in data["couple"]})
        self.change_words = frozenset(data["change_words"])
        self.designators = phrase_index({k: True for k in data["designators"]}, last=True)
        self.det_before_one = frozenset(data["determiners_before_one"])
        self.one_of_after = frozenset(data["predicative_before_one_of"])
        self.after_one = phrase_index({k: True for k in data["after_one_not_count"]})
        self.compound_not_count = frozenset(data["compound_not_count"])
        self.age_words = frozenset(data["age_words"])
        self.strength_words = frozenset(data["strength_words"])
        self.det_after_of = frozenset(data["determiners_after_of"])
        self.person = frozenset(data["person_nouns"])
        self.item = frozenset(data["item_nouns"])
        self.item_context = frozenset(data["item_context"])
        self.person_adj = frozenset(data["person_adjectives"])
        self.aux = frozenset(data["aux_words"])
        self.person_context = frozenset(data["person_context_before"])
        self.person_verbs = phrase_index({k: True for k in data["person_verbs_before"]}, last=True)
        self.stop = frozenset(data["lookahead_stop_words"])
        self.unknown_max: int = data["lookahead_unknown_max"]
        self.person_participles = frozenset(data["person_participles"])
        self.currency_symbols = phrase_index(data["currency_symbols"], last=True)
        self.currency_codes: dict[str, str] = data["currency_codes"]
        self.currency_prefix = phrase_index(data["currency_prefix_words"], last=True)
        self.digit_words = {k: v for k, v in data["small"].items() if v < 10}
        self.currency_words = phrase_index(data["currency_words"])
        self.measure = phrase_index(data["measure_units"])
        self.glued_only_units = frozenset(data["glued_only_units"])
        self.uppercase_ok_units = frozenset(data["uppercase_ok_units"])
        self.percent = phrase_index({k: "percent" for k in data["percent_words"]})
        self.age_after = phrase_index({k: True for k in data["age_followers"]})
        self.range_joiners = frozenset(data["range_joiners"])
        self.address_words = frozenset(data["address_words"])
        self.metre_context = frozenset(data["metre_context"])
        self.over_is_during = frozenset(data["duration_over_is_during"])
        self.symbol_chars = frozenset(
            k[-1] for k in data["currency_symbols"] if not k[-1].isalpha()
        )
        self.symbol_codes = {k: v for k, v in data["currency_symbols"].items() if len(k) == 1}
        self.denominators = frozenset(data["fraction_denominators"])
        self.anchors = frozenset(
            [*self.small, *self.tens, "a", "an", "half", *self.vague_plural]
            + [k.split()[0] for k in data["vague"]]
            + [k.split()[0] for k in data["vague_plural_prefixes"]]
            + [k.split()[0] for k in data["vague_singular_prefixes"]]
        )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = resources.files("sitrep.data").joinpath("quantities.json").read_text(encoding="utf-8")
    return Lexicon(json.loads(raw))


@dataclass(slots=True)
class Num:
    """A parsed number: tokens [i, j), value (or vague bounds), how it was written."""

    i: int
    j: int
    value: float | None
    low: float | None = None
    high: float | None = None
    vague: bool = False
    spelled: bool = False
    mult: float = 1.0
    plain: bool = False  # a bare run of digits without separators ("2024")
    approx: bool = False  # "a couple"


def digits_value(s: str, count_follows: bool) -> Decimal | None:
    """The value of a digit token with separators, or None when it is not one number.

    "1,100" and "1.100.000" are thousands; "1,4" is a decimal comma; "1.100" is a
    thousands separator only before a counted noun ("1.100 soldiers"), else 1.1.
    """
    try:
        if "," in s and "." in s:
            if s.rfind(".") > s.rfind(","):
                return _grouped(s.replace(".", "\0"), ",", ".")
            return _grouped(s, ".", ",")
        if "," in s:
            head, *rest = s.split(",")
            if all(len(g) == 3 for g in rest) and 1 <= len(head) <= 3:
                return Decimal(s.replace(",", ""))
            if len(rest) == 1 and len(rest[0]) <= 2:
                return Decimal(f"{head}.{rest[0]}")
            if re.fullmatch(r"\d{1,2}(?:,\d\d)+,\d{3}", s):  # Indian grouping: '1,00,000'
                return Decimal(s.replace(",", ""))
            return None
        if "." in s:
            head, *rest = s.split(".")
            if len(rest) > 1:
                if all(len(g) == 3 for g in rest) and 1 <= len(head) <= 3:
                    return Decimal(s.replace(".", ""))
                return None
            if len(rest[0]) == 3 and 1 <= len(head) <= 3 and head != "0" and count_follows:
                return Decimal(head + rest[0])
            return Decimal(s)
        return Decimal(s)
    except InvalidOperation:
        return None


def _grouped(s: str, thousands: str, decimal: str) -> Decimal | None:
    """'1,100.5' style: `thousands` groups of three, one `decimal` mark (written as \\0)."""
    s = s.replace("\0", ".") if decimal == "." else s
    whole, _, frac = s.rpartition(decimal)
    groups = whole.split(thousands)
    if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
        return None
    return Decimal("".join(groups) + "." + frac)


def parse_words(t: Tokens, i: int, lex: Lexicon) -> Num | None:
    """Spelled numbers: 'three', 'twenty-five', 'one hundred and twenty', 'a thousand',
    'two dozen', 'half a million'."""
    lows = t.lows
    w = lows[i]
    if w == "half":
        if t.low(i + 1) in ("a", "an") and t.low(i + 2) in lex.half_scales:
            scale = lex.dozen if lows[i + 2] == "dozen" else lex.scales[lows[i + 2]]
            return Num(i, i + 3, scale / 2, spelled=True)
        return None
    total = cur = 0
    last = ""
    j = i
    if w in ("a", "an"):
        nxt = t.low(i + 1)
        if nxt not in lex.scales and nxt != "dozen":
            return None
        cur, last, j = 1, "small", i + 1
    while j < t.n:
        w = lows[j]
        if w in lex.small:
            if last not in ("", "hundred", "scale", "and") and not (
                last == "tens" and lex.small[w] < 10 and cur % 10 == 0
            ):
                break
            cur += lex.small[w]
            last = "small"
        elif w in lex.tens:
            if last not in ("", "hundred", "scale", "and"):
                break
            cur += lex.tens[w]
            last = "tens"
        elif w in ("-", "–") and last == "tens" and t.glued(j) == t.glued(j + 1):
            if t.low(j + 1) not in lex.small or lex.small[lows[j + 1]] >= 10:
                break
            cur += lex.small[lows[j + 1]]
            last = "small"
            j += 1
        elif w == "and" and last in ("hundred", "scale"):
            if t.low(j + 1) not in lex.small and t.low(j + 1) not in lex.tens:
                break
            last = "and"
        elif w == "hundred" and last in ("small", "tens") and cur < 100:
            cur *= 100
            last = "hundred"
        elif w in lex.scales and w != "hundred" and last in ("small", "tens", "hundred"):
            total += cur * lex.scales[w]
            cur = 0
            last = "scale"
        elif w == "dozen" and last in ("small", "tens"):
            cur *= lex.dozen
            last = "scale"
        else:
            break
        j += 1
    if last in ("", "and"):
        j -= 1 if last == "and" else 0
        if j <= i:
            return None
    value = float(total + cur)
    mult = 1.0
    if last in ("small", "tens") and t.low(j) == "point" and t.low(j + 1) in lex.digit_words:
        k, frac = j + 1, ""  # 'one point six billion'
        while t.low(k) in lex.digit_words:
            frac += str(lex.digit_words[t.lows[k]])
            k += 1
        whole = float(f"{int(cur)}.{frac}")
        j = k
        if t.low(j) in lex.scales and lex.scales[t.lows[j]] > 100 and total == 0:
            mult = float(lex.scales[t.lows[j]])
            return Num(i, j + 1, whole * mult, spelled=True, mult=mult)
        return Num(i, j, total + whole, spelled=True)
    if last in ("small", "tens") and t.lows[j : j + 3] == ["and", "a", "half"]:
        value, j = value + 0.5, j + 3  # 'two and a half million', 'three and a half years'
        if t.low(j) in lex.scales and total == 0:
            mult = float(lex.scales[t.lows[j]])
            value, j = value * mult, j + 1
    elif last in ("scale", "hundred") and lows[j - 1] in lex.scales:
        mult = float(lex.scales[lows[j - 1]])  # 'three million': shared in 'two or three million'
    return Num(i, j, value, spelled=True, mult=mult)


def parse_vague(t: Tokens, i: int, lex: Lexicon) -> Num | None:
    """'dozens', 'hundreds', 'tens of thousands', 'several hundred', 'a few', 'a couple'."""
    m = match_at(t, i, lex.vague_plural_prefix)
    if m and t.low(i + m[0]) in lex.vague_plural:
        x = lex.vague_plural[t.lows[i + m[0]]]
        lo, hi, minus = m[1]
        return Num(i, i + m[0] + 1, None, lo * x, hi * x - minus, vague=True)
    if t.lows[i] in lex.vague_plural:
        x = lex.vague_plural[t.lows[i]]
        lo, hi, minus = lex.vague_plural_bounds
        return Num(i, i + 1, None, lo * x, hi * x - minus, vague=True)
    m = match_at(t, i, lex.vague_singular_prefix)
    if m and t.low(i + m[0]) in lex.scales:
        k = i + m[0]
        x = lex.scales[t.lows[k]]
        k += 1
        while t.low(k) in lex.scales and lex.scales[t.lows[k]] > x:
            x *= lex.scales[t.lows[k]]
            k += 1
        lo, hi, minus = m[1]
        return Num(i, k, None, lo * x, hi * x - minus, vague=True)
    m = match_at(t, i, lex.vague)
    if m and t.low(i + m[0]) not in lex.vague_not_before.get(t.lows[i], ()):
        lo, hi = m[1]
        return Num(i, i + m[0], None, lo, hi, vague=True)
    m = match_at(t, i, lex.couple)
    if m:
        return Num(i, i + m[0], 2.0, spelled=True, approx=True)
    return None
