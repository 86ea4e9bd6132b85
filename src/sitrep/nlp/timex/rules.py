"""Calendar-anchored rules: explicit dates, months, years, decades, seasons, quarters, holidays.

Each rule is a compiled regex and a handler turning a match into (TIMEX3 type, value);
a handler returns None to reject a match (e.g. "may" as a verb).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from . import calendar as cal
from .context import FUTURE, PAST, Ctx
from .lexicon import alt, lexicon

Result = tuple[str, str | None] | None
Handler = Callable[[re.Match[str], Ctx], Result]

LEX = lexicon()
MONTHS: dict[str, int] = LEX["months"]
WEEKDAYS: dict[str, int] = LEX["weekdays"]
ORDINALS: dict[str, int] = LEX["ordinals"]
SEASONS: dict[str, str] = LEX["seasons"]

MON = (
    rf"(?:{alt([m for m in MONTHS if len(m) > 4 or m in ('may', 'june', 'july')])}|"
    rf"(?:{alt([m for m in MONTHS if len(m) <= 4 and m not in ('may', 'june', 'july')])})\.?)(?![a-z])"
)
WD = rf"(?:{alt(WEEKDAYS)})(?![a-z])\.?"
YEAR = r"(?:1[5-9]\d\d|20\d\d)(?![\d,.]\d)"
DAYNUM = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?![\d%]|[:/]\d|-\d{3})"
_UNIT_ORD = {w: n for w, n in ORDINALS.items() if 0 < n < 10 and not w[0].isdigit()}
DAY_ORDINALS: dict[str, int] = {
    **{w: n for w, n in ORDINALS.items() if 0 < n <= 31 and not w[0].isdigit()},
    "thirtieth": 30,
    **{
        f"{t}{sep}{w}": base + n
        for t, base in (("twenty", 20), ("thirty", 30))
        for w, n in _UNIT_ORD.items()
        for sep in ("-", " ")
        if base + n <= 31
    },
}
DAYWORD = alt(DAY_ORDINALS)
YSEP = r"(?:\s*,?\s+(?:of\s+|in\s+)?|\s?[-/]\s?)"
EDGE = r"(?:early|earlier|late|later|mid|middle|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of|the\s+last\s+half\s+of|end|end-|the\s+early|the\s+late|the\s+mid)"

_MAY_CUE = re.compile(
    r"(?:\b(?:in|since|by|until|till|of|during|from|through|to|late|early|mid|last|next|this|"
    r"and|or|before|after|the|a|early|late)\s+|-)$",
    re.I,
)


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


_UNAMBIGUOUS = {w for w in list(MONTHS) + list(WEEKDAYS) if len(w) > 5 and w not in ("march",)} | {
    "june",
    "july",
    "easter",
    "christmas",
    "halloween",
    "thanksgiving",
}


def _cap(word: str) -> bool:
    """Capitalised, or a name that is a date word in any case ("january", "friday")."""
    return word[:1].isupper() or word.lower() in _UNAMBIGUOUS


def _with_year(
    ctx: Ctx, m: int, d: int | None, y: int | None, tense_span: tuple[int, int]
) -> str | None:
    """A month (and day) with its year stated, or resolved in news mode."""
    if y is not None:
        if d is None:
            return cal.month(y, m)
        dd = cal.safe_date(y, m, d)
        return cal.day(dd) if dd else None
    if ctx.ref is None:
        return f"XXXX-{m:02d}" if d is None else f"XXXX-{m:02d}-{d:02d}"
    tense = ctx.tense(*tense_span)
    if d is None:
        yy = ctx.month_year(m, tense)
        return cal.month(yy, m) if yy is not None else None
    res = ctx.month_day(m, d, tense)
    return cal.day(res) if res else None


# -- explicit dates ----------------------------------------------------------------------

ISO = re.compile(
    rf"(?<![\d/.-])(?P<y>{YEAR})(?P<sep>[-/.])(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d)"
    rf"(?:[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d))?(?![\d/-])"
)


def h_iso(m: re.Match[str], ctx: Ctx) -> Result:
    d = cal.safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if d is None:
        return None
    if m["H"]:
        return "TIME", f"{cal.day(d)}T{m['H']}:{m['M']}"
    return "DATE", cal.day(d)


NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|\.\d)"
)


NUMERIC_MD = re.compile(
    r"\b(?:on|by|from|until|till|since|before|after|through)\s+"
    r"(?P<md>(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d))(?![\d/]|\.\d)"
)


def h_numeric_md(m: re.Match[str], ctx: Ctx) -> Result:
    mm, dd = int(m["a"]), int(m["b"])
    if mm > 12:  # "on 22/04": day first
        mm, dd = dd, mm
    if not (1 <= mm <= 12 and 1 <= dd <= 31):
        return None
    return "DATE", _with_year(ctx, mm, dd, None, m.span("md"))


def h_numeric(m: re.Match[str], ctx: Ctx) -> Result:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if len(m["y"]) == 2:
        y += 2000 if y < 50 else 1900
    mm, dd = (b, a) if a > 12 or m["sep"] == "." else (a, b)
    d = cal.safe_date(y, mm, dd)
    return ("DATE", cal.day(d)) if d else None


MDY = re.compile(
    rf"(?:(?P<wk>(?:the\s+)?week(?:end)?\s+of)\s+)?(?:(?P<rel>last|next|this\s+coming|this\s+past)\s+)?"
    rf"(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?P<mon>{MON})(?:,?\s+(?:the\s+)?|[-/]|(?<=\.))"
    rf"(?P<d>{DAYNUM}|{DAYWORD})(?![a-z])(?:{YSEP}(?P<y>{YEAR}))?",
    re.I,
)


def h_mdy(m: re.Match[str], ctx: Ctx) -> Result:
    if not _cap(m["mon"]):
        return None
    raw = m["d"].lower()
    d = DAY_ORDINALS.get(" ".join(raw.replace("-", " ").split())) or DAY_ORDINALS.get(raw)
    d = d or int(re.sub(r"\D", "", raw) or 0)
    if not 1 <= d <= 31:
        return None
    mon = _month(m["mon"])
    if m["y"] is None and m["mon"].lower() == "may" and not m["wd"] and not raw[0].isdigit():
        return None
    y = int(m["y"]) if m["y"] else None
    if y is None and m["wd"] and ctx.ref is not None:
        # a stated weekday picks the year whose date falls on it
        wd = WEEKDAYS[m["wd"].lower().rstrip(".")]
        for k in (0, -1, 1):
            cand = cal.safe_date(ctx.ref.year + k, mon, d)
            if cand and cand.isoweekday() == wd:
                return "DATE", cal.day(cand)
    if m["wk"]:  # "the week of March 6"
        res = h_mdy_day(m, ctx, mon, d, y)
        if res is None or "X" in res:
            return "DATE", None
        week = cal.week(date.fromisoformat(res))
        return "DATE", week + ("-WE" if "weekend" in m["wk"].lower() else "")
    return "DATE", h_mdy_day(m, ctx, mon, d, y)


def h_mdy_day(m: re.Match[str], ctx: Ctx, mon: int, d: int, y: int | None) -> str | None:
    """The day of a month-day match: stated year, last/next, or news-mode resolution."""
    rel = (m["rel"] or "").lower()
    if y is None and rel and ctx.ref is not None:
        got = ctx.month_day(mon, d, PAST if rel.endswith(("last", "past")) else FUTURE)
        return cal.day(got) if got else None
    return _with_year(ctx, mon, d, y, m.span())


DMY = re.compile(
    rf"(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?:(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+(?:of\s+)?|[-/])"
    rf"|(?P<dw>{DAYWORD})\s+of\s+)(?P<mon>{MON})(?:{YSEP}(?P<y>{YEAR}))?",
    re.I,
)


def h_dmy(m: re.Match[str], ctx: Ctx) -> Result:
    if not _cap(m["mon"]):
        return None
    if m["dw"]:
        d = DAY_ORDINALS[" ".join(m["dw"].lower().replace("-", " ").split())]
    else:
        d = int(m["d"])
    if not 1 <= d <= 31:
        return None
    y = int(m["y"]) if m["y"] else None
    return "DATE", _with_year(ctx, _month(m["mon"]), d, y, m.span())


MONTH = re.compile(
    rf"(?:(?P<edge>{EDGE})[\s-]+(?:of\s+)?)?(?P<rel>(?:this\s+)?(?:last|next|this|past|coming)\s+)?"
    rf"(?P<mon>{MON})(?:{YSEP}(?P<y>{YEAR})|\s+(?P<ry>this|last|next)\s+year)?",
    re.I,
)


def h_month(m: re.Match[str], ctx: Ctx) -> Result:
    word = m["mon"]
    if not _cap(word) or (word.lower().rstrip(".") not in MONTHS):
        return None
    full = len(word) > 4 or word.lower() in ("may", "june", "july") or word.endswith(".")
    if not full and not m["y"]:
        return None
    mon = _month(word)
    if word.lower() in ("may", "march") and not (m["y"] or m["edge"] or m["rel"] or m["ry"]):
        if not _MAY_CUE.search(ctx.text[max(0, m.start() - 12) : m.start()]):
            return None
    if m["y"]:
        return "DATE", cal.month(int(m["y"]), mon)
    ref = ctx.ref
    rel = (m["rel"] or m["ry"] or "").split()
    if ref is None:
        return "DATE", (None if rel else f"XXXX-{mon:02d}")
    if m["ry"]:
        y = ref.year + {"this": 0, "last": -1, "next": 1}[m["ry"].lower()]
    elif rel and rel[-1].lower() in ("last", "past"):
        y = ref.year if mon < ref.month else ref.year - 1
    elif rel and rel[-1].lower() in ("next", "coming"):
        y = ref.year if mon > ref.month else ref.year + 1
    else:
        y = ctx.month_year(mon, ctx.tense(*m.span())) or ref.year
    return "DATE", cal.month(y, mon)


# -- seasons, quarters, halves ------------------------------------------------------------

SEASON = re.compile(
    rf"(?:(?P<det>the|this|last|next|this\s+past|this\s+coming|that|early|late|mid|the\s+early|"
    rf"the\s+late|the\s+end\s+of\s+(?:the|this|last)|(?:early|late)\s+(?:this|last|next))[\s-]+)?"
    rf"(?P<s>{alt(SEASONS)})(?![a-z])(?:\s+(?:of\s+)?(?P<y>{YEAR}))?",
    re.I,
)
_SEASON_CUE = re.compile(
    r"\b(?:in|during|by|since|until|over|through|throughout|before|after|this|last|next|of)\s+$",
    re.I,
)


def h_season(m: re.Match[str], ctx: Ctx) -> Result:
    code = SEASONS[m["s"].lower()]
    det = (m["det"] or "").lower().split()
    if m["y"]:
        return "DATE", f"{m['y']}-{code}"
    if not det and not _cap(m["s"]):
        if not _SEASON_CUE.search(ctx.text[max(0, m.start() - 12) : m.start()]):
            return None
    rel = next((w for w in det if w in ("this", "last", "next")), None)
    if "past" in det:
        rel = "last" if "this" not in det else "this"
    if "coming" in det:
        rel = "next"
    if ctx.ref is None:
        return "DATE", None
    return "DATE", ctx.season(code, ctx.tense(*m.span()), rel)


QUARTER = re.compile(
    r"(?:(?P<det>the|this|last|next|its|their|a|that|his|our)\s+)?"
    r"(?:(?P<yr>\d{4}|this\s+year['’]s|last\s+year['’]s|next\s+year['’]s|year-ago|year-earlier|"
    r"comparable\s+year-ago|same)\s+)?(?:fiscal[\s-]+)?"
    r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|previous|"
    r"past|recent|year-ago|year-earlier|same|next|coming|flat)?[\s-]*(?:(?:fiscal|calendar)[\s-]+)?"
    r"(?P<q>quarter|half)(?![a-z]|-[a-z])(?!\s+of\s+(?:the|a|an|all|its|their|those|these)\b)(?:\s+of\s+(?P<y2>\d{4}|this\s+year|last\s+year|next\s+year|the\s+year))?",
    re.I,
)
_QNUM = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def h_quarter(m: re.Match[str], ctx: Ctx) -> Result:
    det, ord_, q = (m["det"] or "").lower(), (m["ord"] or "").lower(), m["q"].lower()
    yr = (m["yr"] or m["y2"] or "").lower()
    if not ord_ and not yr and det not in ("the", "this", "last", "next", "its", "that"):
        return None
    if det == "a" and not ord_:
        return None
    n = _QNUM.get(ord_)
    if q == "half" and n not in (1, 2, None):
        return None
    if q == "half" and n is None and det in ("the", "a", "its", "their"):
        return None
    ref = ctx.ref
    if yr[:4].isdigit():
        y: int | None = int(yr[:4])
    elif ref is None:
        y = None
    else:
        y = ref.year + (
            -1 if ("last" in yr or "ago" in yr or "earlier" in yr) else 1 if "next" in yr else 0
        )
    if q == "half":
        if n is None:
            if ref is None:
                return "DATE", None
            n = 1 if ref.month <= 6 else 2
            n = n + (-1 if det == "last" else 1 if det == "next" else 0)
            y = (y or ref.year) + (n - 1) // 2
            n = (n - 1) % 2 + 1
        return "DATE", (f"{y}-H{n}" if y is not None else f"XXXX-H{n}")
    if n is None and ord_ in ("last", "final") and (m["y2"] or yr[:4].isdigit()):
        n = 4 if q == "quarter" else 2
    if n is None:
        if ref is None:
            return "DATE", None
        shift = {
            "this": 0,
            "current": 0,
            "last": -1,
            "previous": -1,
            "past": -1,
            "next": 1,
            "coming": 1,
        }.get(ord_ or det, -1)
        base = ref.year * 4 + cal.quarter_of(ref) - 1 + shift
        if "ago" in yr or "earlier" in yr or "last" in yr:
            base -= 4
        if yr[:4].isdigit():  # "the 1988 quarter": the same quarter of that year
            base = int(yr[:4]) * 4 + base % 4
        return "DATE", f"{base // 4}-Q{base % 4 + 1}"
    if y is None:
        return "DATE", f"XXXX-Q{n}"
    if not yr and ref is not None:
        y = ctx.quarter_year(n, ctx.tense(*m.span())) or y
    return "DATE", f"{y}-Q{n}"


QSHORT = re.compile(
    r"(?<![\w-])(?P<q>Q[1-4]|H[12])(?:\s*(?:/|of)?\s*(?P<y>\d{4}|FY\s?\d{2,4}))?(?![\w-])"
)


def h_qshort(m: re.Match[str], ctx: Ctx) -> Result:
    q = m["q"]
    y: int | None
    if m["y"]:
        y = int(re.sub(r"\D", "", m["y"]))
        y = y + 2000 if y < 100 else y
    elif ctx.ref is not None:
        y = ctx.quarter_year(int(q[1]), ctx.tense(*m.span())) if q[0] == "Q" else ctx.ref.year
    else:
        return "DATE", f"XXXX-{q}"
    return "DATE", f"{y}-{q}"


# -- holidays -----------------------------------------------------------------------------

HOLIDAYS: dict[str, str] = LEX["holidays"]
HOLIDAY = re.compile(
    rf"(?:(?P<rel>last|next|this)\s+)?(?P<h>{alt(HOLIDAYS)})(?![a-z])(?:,?\s+(?P<y>{YEAR}))?", re.I
)


def h_holiday(m: re.Match[str], ctx: Ctx) -> Result:
    name = " ".join(m["h"].lower().replace("’", "'").split())
    if name not in HOLIDAYS or not (m["h"][:1].isupper() or _cap(name.split()[0])):
        return None
    rule = HOLIDAYS[name]
    if m["y"]:
        d = cal.holiday(rule, int(m["y"]))
        return ("DATE", cal.day(d)) if d else None
    ref = ctx.ref
    if ref is None:
        return "DATE", (f"XXXX-{rule}" if re.fullmatch(r"\d\d-\d\d", rule) else None)
    rel = (m["rel"] or "").lower()
    tense = {"last": PAST, "next": FUTURE}.get(rel) or ctx.tense(*m.span())
    this_year = cal.holiday(rule, ref.year)
    if this_year is None:
        return None
    if tense == FUTURE and this_year < ref or rel == "next" and this_year <= ref:
        d2 = cal.holiday(rule, ref.year + 1)
    elif tense != FUTURE and this_year > ref or rel == "last" and this_year >= ref:
        d2 = cal.holiday(rule, ref.year - 1)
    else:
        d2 = this_year
    return ("DATE", cal.day(d2)) if d2 else None
