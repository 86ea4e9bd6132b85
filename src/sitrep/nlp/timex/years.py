"""Years: "1998", "fiscal 1989", decades ("the 1990s"), centuries, "year-end", years in words."""

from __future__ import annotations

import re

from . import calendar as cal
from .context import Ctx
from .lexicon import alt
from .rules import DAYWORD, EDGE, LEX, MON, MONTHS, ORDINALS, SEASONS, YEAR, Result, _cap, _month

# -- years, decades, centuries ----------------------------------------------------------

YEARS = re.compile(
    rf"(?<![$£€\d,.#/])(?:(?P<pre>(?:the\s+)?(?:{EDGE})[\s-]+(?:of\s+)?|(?:the\s+)?fiscal(?:\s+year)?\s+"
    rf"|the\s+year\s+|post-|pre-|FY\s?|(?:the\s+)?(?:summer|spring|fall|autumn|winter)\s+of\s+)?)"
    rf"(?P<y>{YEAR})(?!\s*(?:%|percent)|[-–]\d|:\d|\s*[a-z]*\d)",
    re.I,
)
_NEXT_WORD = re.compile(r"\s+([a-z]+)")
_PLURAL_OK = {
    "was",
    "has",
    "is",
    "as",
    "ends",
    "begins",
    "remains",
    "saw",
    "marks",
    "levels",
    "figures",
    "rates",
    "prices",
    "numbers",
    "results",
    "this",
    "its",
    "his",
    "us",
}


_PREV_WORD = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][A-Za-z]+)[ -]$")
_NOT_NAMES = frozenset(LEX["year_prefix_words"])


def _is_name(word: str) -> bool:
    low = word.lower()
    return low not in _NOT_NAMES and low.rstrip(".") not in MONTHS


def h_years(m: re.Match[str], ctx: Ctx) -> Result:
    pre = (m["pre"] or "").lower()
    y = m["y"]
    nxt = _NEXT_WORD.match(ctx.text, m.end())
    if not pre and nxt and nxt[1].endswith("s") and nxt[1] not in _PLURAL_OK:
        return None
    prev = _PREV_WORD.search(ctx.text, max(0, m.start() - 30), m.start())
    if not pre and prev and _is_name(prev[1]):
        return None  # a model or name: "Panzerhaubitze 2000", "Leopard 2000"
    for name, code in SEASONS.items():
        if name in pre:
            return "DATE", f"{y}-{code}"
    return "DATE", y


DECADE = re.compile(
    rf"(?:(?:the\s+)?(?P<edge>{EDGE})[\s-]+)?(?:the\s+)?(?:(?P<dec>(?:1[5-9]|20)\d0|['’]\d0)['’]?s"
    rf"|(?<=the\s)(?:nineteen[\s-])?(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|"
    rf"eighties|nineties))(?![a-z])",
    re.I,
)


def h_decade(m: re.Match[str], ctx: Ctx) -> Result:
    dec = m["dec"]
    if dec is None:
        tens = [
            "twenties",
            "thirties",
            "forties",
            "fifties",
            "sixties",
            "seventies",
            "eighties",
            "nineties",
        ].index(m["decw"].lower()) + 2
        return "DATE", f"19{tens}"
    if dec[0] in "'’":
        century = "19" if ctx.ref is None or ctx.ref.year < 2030 else "20"
        if dec[1] in "012" and ctx.ref is not None and ctx.ref.year >= 2000:
            century = "20"
        digits = f"{century}{dec[1]}"
    else:
        digits = dec[:3]
    # TimeML writes a decade as three digits ("the 1990s" = 199); bare "1990s" as 199X
    return "DATE", digits if m.group(0).lower().startswith("the") else f"{digits}X"


CENTURY = re.compile(
    rf"(?:the\s+)?(?:(?P<edge>{EDGE})[\s-]+)?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{DAYWORD})[\s-]+century(?![a-z])",
    re.I,
)


def h_century(m: re.Match[str], ctx: Ctx) -> Result:
    raw = m["n"].lower()
    n = ORDINALS.get(raw) or int(re.sub(r"\D", "", raw) or 0)
    return ("DATE", f"{n - 1:02d}") if n > 0 else None


# -- year-end, the fiscal year ----------------------------------------------------------------

YEAR_END = re.compile(
    r"(?:(?P<the>the)\s+)?(?:(?P<rel>this|last|next|current|latest|previous)\s+)?"
    r"(?:(?P<end>year['’]?s?[\s-]end)|(?:full|fiscal|calendar|financial)\s+year)(?![a-z-])",
    re.I,
)


def h_year_end(m: re.Match[str], ctx: Ctx) -> Result:
    if ctx.ref is None:
        return "DATE", None
    if not (m["the"] or m["rel"] or m["end"]):
        return None
    rel = (m["rel"] or "").lower()
    shift = {"last": -1, "previous": -1, "next": 1}.get(rel, 0)
    return "DATE", str(ctx.ref.year + shift)


# -- years in words: "nineteen ninety-six", "the year two thousand" ------------------------

_SMALL_W = "one|two|three|four|five|six|seven|eight|nine"
_TEENS_W = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS_W = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_TWO_DIGITS = rf"(?:(?:{_TENS_W})(?:[\s-](?:{_SMALL_W}))?|{_TEENS_W}|oh[\s-](?:{_SMALL_W}))"
YEARWORDS = re.compile(
    rf"(?:(?P<mon>{MON})\s+|(?:the\s+)?(?P<s>{alt(SEASONS)})\s+of\s+|the\s+year\s+)?"
    rf"(?P<yw>(?:nineteen|twenty)[\s-]+{_TWO_DIGITS}|two\s+thousand(?:(?:\s+and)?[\s-]+{_TWO_DIGITS}|"
    rf"(?:\s+and)?\s+(?:{_SMALL_W}))?)(?![a-z-])",
    re.I,
)
_WORD_VALUES = (
    {w: i + 1 for i, w in enumerate(_SMALL_W.split("|"))}
    | {w: i + 10 for i, w in enumerate(_TEENS_W.split("|"))}
    | {w: 20 + 10 * i for i, w in enumerate(_TENS_W.split("|"))}
)


def _words_value(words: str) -> int:
    return sum(_WORD_VALUES.get(w, 0) for w in re.split(r"[\s-]+", words.lower()))


def h_yearwords(m: re.Match[str], ctx: Ctx) -> Result:
    words = m["yw"].lower()
    prefixed = bool(m["mon"] or m["s"] or m.group(0).lower().startswith("the"))
    before = ctx.text[max(0, m.start() - 8) : m.start()].lower()
    if words.startswith("two") and not prefixed:
        if not re.search(r"\b(?:in|since|by|until|of)\s+$", before):
            return None  # "two thousand soldiers"
    nxt = _NEXT_WORD.match(ctx.text, m.end())
    if nxt and nxt[1].endswith("s") and nxt[1] not in _PLURAL_OK:
        return None
    if words.startswith("two"):
        rest = re.sub(r"^two\s+thousand(?:\s+and)?", "", words)
        year = 2000 + _words_value(rest)
    else:
        century, _, rest = words.replace("-", " ").partition(" ")
        year = _WORD_VALUES[century] * 100 + _words_value(rest)
    if m["mon"]:
        if not _cap(m["mon"]):
            return None
        return "DATE", cal.month(year, _month(m["mon"]))
    if m["s"]:
        return "DATE", f"{year}-{SEASONS[m['s'].lower()]}"
    return "DATE", str(year)
