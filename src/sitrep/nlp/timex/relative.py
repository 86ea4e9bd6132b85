"""Deictic and relative rules: today, last month, two days ago, the past two months, Monday, sets."""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import calendar as cal
from .context import FUTURE, PAST, Ctx
from .lexicon import alt, lexicon, number_regex, parse_number
from .rules import EDGE, MON, WEEKDAYS, Result, _cap, _month

LEX = lexicon()
NUM = number_regex()
UNITS: dict[str, list[object]] = LEX["units"]
_UNIT_SING = alt(list(UNITS))
UNIT_PL = r"(?:centuries|century|fortnights?|seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|quarters?|years?|decades?|hrs?|mins?|secs?|yrs?)"
MODS = (
    r"(?:about|around|approximately|roughly|nearly|almost|some|more\s+than|less\s+than|"
    r"fewer\s+than|at\s+least|at\s+most|up\s+to|over|under|no\s+more\s+than|no\s+less\s+than|"
    r"just\s+over|just\s+under|well\s+over|only|just|barely|upwards\s+of|close\s+to|"
    r"the\s+better\s+part\s+of|another|an\s+additional)"
)
FULL_WD = alt([w for w in WEEKDAYS if len(w) > 4])


def unit_of(word: str) -> tuple[str, str, int]:
    """(T-prefix, TIMEX letter, multiplier) for a unit word in any number."""
    w = word.lower()
    if w == "centuries":
        w = "century"
    elif w.endswith("s"):
        w = w[:-1]
    t, letter, mult = UNITS[w]
    return str(t), str(letter), int(str(mult))


_SMALLER = {
    "Y": ("M", 12),
    "M": ("D", 30),
    "W": ("D", 7),
    "D": ("H", 24),
    "H": ("M", 60),
    "Q": ("M", 3),
}


def duration(n: float | None, word: str) -> str:
    """P2W, PT3H, P2Y6M, PXY for a count and a unit word."""
    t, letter, mult = unit_of(word)
    if n is None:
        return f"P{t}X{letter if letter != 'Y' or mult == 1 else ('DE' if mult == 10 else 'CE')}"
    n *= mult
    if n == int(n):
        return f"P{t}{int(n)}{letter}"
    whole = int(n)
    small, k = _SMALLER.get(letter, ("", 0))
    rest = round((n - whole) * k)
    if not small:
        return f"P{t}{n:g}{letter}"
    if letter == "D":
        return f"P{whole}DT{rest}H" if whole else f"PT{rest}H"
    if whole == 0:
        return f"P{t}{rest}{small}"
    return f"P{t}{whole}{letter}{rest}{small}"


def gran_value(d: date, letter: str) -> str:
    """A date shown at a unit's granularity (day, week, month, quarter, year)."""
    if letter == "W":
        return cal.week(d)
    if letter == "M":
        return cal.month(d.year, d.month)
    if letter == "Q":
        return f"{d.year}-Q{cal.quarter_of(d)}"
    if letter == "Y":
        return str(d.year)
    return cal.day(d)


# -- today, now, tonight ------------------------------------------------------------------

_PRESENT: dict[str, str] = LEX["present_words"]
_DAYPART: dict[str, str] = LEX["day_parts"]
WORDS = re.compile(
    rf"(?:(?P<edge>early|earlier|late|later)\s+)?(?P<w>the\s+day\s+before\s+yesterday|"
    rf"the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow|"
    rf"the\s+(?:next|following|previous)\s+(?:morning|afternoon|evening|night)|"
    rf"(?:this|that|the)\s+(?:morning|afternoon|evening)|(?:yesterday|tomorrow)\s+"
    rf"(?:morning|afternoon|evening|night)|last\s+night|tomorrow\s+night|overnight|"
    rf"{alt(_PRESENT)})(?:['’]s)?(?![a-z])",
    re.I,
)
_DAY_OFFSET = {
    "today": 0,
    "tonight": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "this": 0,
    "that": 0,
    "the": 0,
    "last": -1,
    "overnight": 0,
}


def h_words(m: re.Match[str], ctx: Ctx) -> Result:
    w = " ".join(m["w"].lower().split())
    if w in _PRESENT:
        if m["edge"] and w not in ("today", "now"):
            return None
        return "DATE", _PRESENT[w]
    if w.startswith(("the next", "the following", "the previous")):
        base = ctx.base("D")
        if base is None:
            return "DATE", None
        return "DATE", cal.day(base + timedelta(days=-1 if "previous" in w else 1))
    if w.startswith("the day before"):
        off, part = -2, None
    elif w.startswith("the day after"):
        off, part = 2, None
    else:
        parts = w.split()
        off = _DAY_OFFSET[parts[0]]
        part = _DAYPART.get(parts[-1]) if len(parts) > 1 or parts[0] == "overnight" else None
    if ctx.ref is None:
        return ("TIME" if part else "DATE"), None
    d = cal.day(ctx.ref + timedelta(days=off))
    return ("TIME", f"{d}T{part}") if part else ("DATE", d)


# -- this week, last month, earlier this year -----------------------------------------------

RELUNIT = re.compile(
    rf"(?:(?P<edge>{EDGE})\s+(?:in\s+|of\s+)?)?(?P<rel>this\s+past|this\s+coming|this|last|next|"
    rf"the\s+past|the\s+last|the\s+previous|the\s+coming|the\s+current|the\s+following|the\s+next|"
    rf"that|the\s+same|the|a\s+week|a\s+year|a\s+month)\s+(?P<u>week|weekend|month|year|decade|century|day)"
    rf"(?P<poss>['’]s)?(?![a-z-])",
    re.I,
)
_SHIFT = {
    "this": 0,
    "current": 0,
    "last": -1,
    "past": -1,
    "previous": -1,
    "next": 1,
    "coming": 1,
    "following": 1,
    "the": 0,
    "that": 0,
    "same": 0,
}


_YEAR_ENDED = re.compile(r"\s+(?:ended|ending|to|through)\b", re.I)


def h_relunit(m: re.Match[str], ctx: Ctx) -> Result:
    """ "last month" 2024-11, "this week" 2024-W52, "earlier this year" 2024, "the past week"
    P1W (a duration, as TimeBank has it), "that day"/"the following year" from the anchor."""
    rel = m["rel"].lower().split()
    u = m["u"].lower()
    key = rel[-1]
    if key in ("week", "year", "month"):  # "a week earlier"-style phrases belong to AGO
        return None
    shift = _SHIFT[key]
    if rel == ["this", "past"]:
        shift = -1 if u in ("week", "weekend") else 0
    if rel == ["this", "coming"]:
        shift = 1 if u in ("week", "weekend") else 0
    if rel[0] == "the" and key in ("past", "last") and not m["edge"]:
        if u in ("week", "month", "decade", "century", "day"):
            return "DURATION", duration(1, u)
    if rel[0] == "the" and key in ("next", "coming") and u in ("decade", "century"):
        return "DURATION", duration(1, u)
    anaph = key in ("that", "same", "following", "previous") or (rel[0] == "the" and key == "next")
    letter = {"day": "D", "week": "W", "weekend": "W", "month": "M"}.get(u, "Y")
    base = ctx.base(letter) if anaph else ctx.ref
    if u == "year" and key == "the" and not m["edge"] and _YEAR_ENDED.match(ctx.text, m.end()):
        return "DURATION", "P1Y"  # "the year ended June 30": a fiscal year
    if u == "day" and key in ("the", "this", "last", "past"):
        if key == "the" and not m["edge"]:
            return None
        shift = 0
    if base is None:
        return "DATE", None
    if u == "day":
        return "DATE", cal.day(base + timedelta(days=shift))
    if u in ("week", "weekend"):
        d = base + timedelta(weeks=shift)
        if u == "weekend":
            if key == "the" and d.isoweekday() < 5 and ctx.tense(*m.span()) != FUTURE:
                d -= timedelta(weeks=1)
            return "DATE", cal.week(d) + "-WE"
        return "DATE", cal.week(d)
    if u == "month":
        y, mo = cal.add_months(base.year, base.month, shift)
        return "DATE", cal.month(y, mo)
    if u == "year":
        if key in ("past", "last") and rel[0] == "the" and m["edge"]:
            shift = -1
        return "DATE", str(base.year + shift)
    if u == "decade":
        return "DATE", f"{base.year // 10 + shift:03d}X"
    return "DATE", f"{base.year // 100 + shift:02d}"


DAY_AROUND = re.compile(
    r"(?:(?P<edge>end|start|beginning|middle)\s+of\s+(?:the\s+)?(?P<u>day|week|month|year)"
    r"|the\s+day\s+(?P<d>before|after)(?=\s*(?:[.,;:!?)\"']|$)))(?![a-z])",
    re.I,
)


def h_day_around(m: re.Match[str], ctx: Ctx) -> Result:
    """`the day before.` / `the day after,` (anaphoric), `end of month` (this one)."""
    if m["d"]:
        base = ctx.base("D")
        if base is None:
            return "DATE", None
        return "DATE", cal.day(base + timedelta(days=-1 if m["d"].lower() == "before" else 1))
    if ctx.ref is None:
        return "DATE", None
    u = m["u"].lower()
    letter = {"day": "D", "week": "W", "month": "M"}.get(u, "Y")
    return "DATE", gran_value(ctx.ref, letter)


# -- two days ago, a year earlier ------------------------------------------------------------

AGO = re.compile(
    rf"(?:(?P<mod>{MODS})\s+)?(?:(?P<n>{NUM})\s+)?(?:(?:more|full)\s+)?(?P<u>{UNIT_PL})\s+"
    rf"(?P<dir>ago|earlier|before|later|after|from\s+now|hence|back|prior|from)"
    rf"(?:\s+(?P<base>today|tomorrow|yesterday|now))?(?![a-z])",
    re.I,
)
_BASE_OFFSET = {"today": 0, "now": 0, "tomorrow": 1, "yesterday": -1}


def h_ago(m: re.Match[str], ctx: Ctx) -> Result:
    """ "two days ago" (from the reference), "a year earlier" (from the last stated date),
    "three weeks from tomorrow"; a bare "years ago" is PAST_REF."""
    direction = m["dir"].lower().split()[0]
    if direction == "from" and not m["base"] and "now" not in m["dir"].lower():
        return None
    if direction in ("before", "after", "prior") and not m["base"]:
        if ctx.text[m.end() : m.end() + 2].strip()[:1].isalnum():
            return None  # "two days after the attack": a duration and a signal
    if m["n"] is None and not m["u"].lower().endswith("s"):
        return None
    n = parse_number(m["n"]) if m["n"] else None
    sign = -1 if direction in ("ago", "earlier", "before", "back", "prior") else 1
    if n is None:
        return "DATE", ("PAST_REF" if sign < 0 else "FUTURE_REF")
    t, letter, mult = unit_of(m["u"])
    if t == "T":
        return None  # "three hours ago": left to the duration rule
    anaph = direction not in ("ago", "back", "from", "hence") and not m["base"]
    base = ctx.base(letter if letter in "DWMY" else "Y") if anaph else ctx.ref
    if base is None:
        return "DATE", None
    if m["base"]:  # "two days after today", "three weeks from tomorrow"
        base = base + timedelta(days=_BASE_OFFSET[m["base"].lower()])
    if letter == "Y" and n == 1 and mult == 1 and (anaph or direction == "ago"):
        period = ctx.period_year_ago(m.start())  # "a year ago" after "the third quarter"
        if period:
            return "DATE", period
    if letter == "D" and m["u"].lower().startswith("weekend"):
        letter = "W"
    d = cal.shift(base, sign * n * mult, letter)
    return "DATE", gran_value(d, "Y" if mult > 1 else letter)


YEARAGO = re.compile(
    r"(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?year-(?:earlier|ago)"
    r"(?:\s+(?:period|quarter))?(?![a-z-])",
    re.I,
)


def h_yearago(m: re.Match[str], ctx: Ctx) -> Result:
    period = ctx.period_year_ago(m.start())
    if period:
        return "DATE", period
    return "DATE", (str(ctx.ref.year - 1) if ctx.ref else None)


# -- durations --------------------------------------------------------------------------------

DURATION = re.compile(
    rf"(?:(?P<the>the|these|those|its|their|his|her|our|each\s+of\s+the)\s+)?(?:(?P<rel>past|last|next|"
    rf"coming|first|previous|following|latest|final|remaining|initial|same|entire|whole|"
    rf"full|preceding|ensuing|subsequent|recent|other)\s+)?(?:(?P<mod>{MODS})\s+)?(?P<n>{NUM})"
    rf"(?:\s+|-)(?:(?:more|additional|full|straight|consecutive|long|trading|business|calendar|"
    rf"working)\s+)?(?P<u>{UNIT_PL})(?P<adj>-long)?(?![a-z-])",
    re.I,
)


_RATE = re.compile(
    rf"(?:\d[\d,.]*|million|billion|dozen|times|once|twice|{alt(list(LEX['numbers']))})"
    r"(?:\s+[a-z]+){0,2}\s+$",
    re.I,
)


def h_duration(m: re.Match[str], ctx: Ctx) -> Result:
    raw = m["n"].lower()
    n = parse_number(raw)
    u = m["u"].lower()
    plural = u.endswith("s") or u == "centuries"
    if n is None and not plural:
        return None
    if raw in ("a", "an") and plural:
        return None
    if u.startswith("quarter") and ctx.text.startswith(" of", m.end()):
        return None  # "a quarter of the troops": a fraction
    if m["u"][0].isupper() and not m["n"][0].isupper():
        return None  # "60 Minutes": a title
    if raw in ("a", "an") and _RATE.search(ctx.text, max(0, m.start() - 40), m.start()):
        return None  # "$1.76 a year", "four flights a week": a rate, not a duration
    if n is not None and n > 1 and not plural and "-" not in m.group(0) and raw not in ("a", "an"):
        if not re.search(r"\s(?:day|hour|week|month|year)$", m.group(0)):
            return None
    if raw in ("a", "an") and u == "second":
        return None  # "a second attack"
    if ctx.text.startswith((" old", "-old"), m.end()) or (
        u.startswith("quarter") and "-" in m.group(0)
    ):
        return None
    return "DURATION", duration(n, u)


BARE = re.compile(
    r"(?P<pre>(?:in|for|over|within|after|during)\s+(?:the\s+)?(?:(?P<rel>recent|coming|past|next|last)\s+)?"
    r"|(?P<rel2>recent|coming)\s+)(?P<u>days|weeks|months|years|decades|centuries|hours)(?!\s+(?:old|of|ago))(?![a-z-])",
    re.I,
)


def h_bare(m: re.Match[str], ctx: Ctx) -> Result:
    return "DURATION", duration(None, m["u"])


def bare_extent(m: re.Match[str]) -> tuple[int, int]:
    """`recent weeks` keeps its adjective; a preposition before the unit stays outside."""
    if m["rel2"]:
        return m.start(), m.end()
    if m["rel"]:
        return m.start("rel") if "the" not in m["pre"].lower() else m.start("pre") + m[
            "pre"
        ].lower().index("the"), m.end()
    return m.start("u"), m.end()


# -- weekdays ---------------------------------------------------------------------------------

WEEKDAY = re.compile(
    rf"(?:(?P<rel>last|next|this|this\s+coming|this\s+past|coming|past|early|late|earlier|later|"
    rf"the\s+previous|the\s+following|the\s+next|(?:the\s+)?day\s+before\s+last|that)\s+)?"
    rf"(?P<wd>{FULL_WD})(?P<pl>s)?(?P<poss>['’]s)?(?![a-z])(?:\s+(?P<part>morning|afternoon|evening|night))?",
    re.I,
)


def h_weekday(m: re.Match[str], ctx: Ctx) -> Result:
    if not _cap(m["wd"]):
        return None
    wd = WEEKDAYS[m["wd"].lower()]
    part = _DAYPART.get((m["part"] or "").lower())
    if m["pl"]:
        return "SET", f"XXXX-WXX-{wd}" + (f"T{part}" if part else "")
    rel = " ".join((m["rel"] or "").lower().split())
    typ = "TIME" if part else "DATE"
    ref = ctx.ref
    if ref is None:
        return typ, (None if rel in ("last", "next", "this") else f"XXXX-WXX-{wd}")
    delta = (wd - ref.isoweekday()) % 7
    if rel in ("last", "this past", "past", "the previous"):
        d = ref - timedelta(days=(7 - delta) % 7 or 7)
    elif rel in ("next", "this coming", "coming", "the following", "the next"):
        d = ref + timedelta(days=delta or 7)
    elif rel.endswith("day before last"):
        d = ref - timedelta(days=((7 - delta) % 7 or 7) + 1)
    else:
        # "Friday's attack" names an event that has happened
        tense = PAST if m["poss"] and not rel else ctx.tense(*m.span())
        if rel == "this" and tense not in (PAST, FUTURE):
            tense = FUTURE if delta and wd > ref.isoweekday() else PAST
        got = ctx.weekday(wd, tense)
        d = got if got is not None else ref
    v = cal.day(d)
    return typ, f"{v}T{part}" if part else v


# -- clock times ------------------------------------------------------------------------------

TIME = re.compile(
    rf"(?:(?P<mod>around|about|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
    rf"(?:(?P<h>[01]?\d)(?:[:.](?P<mi>[0-5]\d)(?::(?P<se>[0-5]\d))?)?\s*"
    rf"(?P<ap>a\.\s?m\.?|p\.\s?m\.?|am|pm|o['’]clock)"
    rf"|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?::(?P<se24>[0-5]\d))?(?![\d:])"
    rf"|(?P<hm>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?=\s+(?:GMT|UTC|hours|hrs|local\s+time)\b)|(?P<named>noon|midnight|midday|mid-?afternoon|mid-?morning))"
    rf"(?![a-z])(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|local\s+time|hours|hrs)(?![a-z]))?"
    rf"(?:,?\s+(?:on\s+)?(?:(?P<day>{FULL_WD}|today|yesterday|tomorrow|tonight)"
    rf"|(?P<mon>{MON})\s+(?P<md>[0-3]?\d)(?![\d:])))?",
    re.I,
)
_NAMED = {
    "noon": "12:00",
    "midday": "12:00",
    "midnight": "24:00",
    "midafternoon": "AF",
    "mid-afternoon": "AF",
    "midmorning": "MO",
    "mid-morning": "MO",
}


def h_time(m: re.Match[str], ctx: Ctx) -> Result:
    if m["named"]:
        clock = _NAMED[m["named"].lower()]
    elif m["hm"] is not None:
        clock = f"{m['hm']}:{m['mm']}"
    elif m["h24"] is not None:
        if not m["tz"] and not m["day"]:
            return None
        clock = f"{int(m['h24']):02d}:{m['mi24']}" + (f":{m['se24']}" if m["se24"] else "")
    else:
        h = int(m["h"])
        ap = m["ap"].lower()
        if h > 12 or h == 0:
            return None
        if ap.startswith("p") and h < 12:
            h += 12
        elif ap.startswith("a") and h == 12:
            h = 0
        clock = f"{h:02d}:{m['mi'] or '00'}" + (f":{m['se']}" if m["se"] else "")
    day_word = (m["day"] or "").lower()
    d: date | None = ctx.ref
    if m["mon"] and ctx.ref is not None:
        d = ctx.month_day(_month(m["mon"]), int(m["md"]), ctx.tense(*m.span()))
    if day_word in WEEKDAYS and ctx.ref is not None:
        d = ctx.weekday(WEEKDAYS[day_word], ctx.tense(*m.span()))
    elif day_word and ctx.ref is not None:
        d = ctx.ref + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(day_word, 0))
    if d is None:
        return "TIME", f"XXXX-XX-XXT{clock}"
    return "TIME", f"{cal.day(d)}T{clock}"


# -- sets: daily, every week, each July ----------------------------------------------------------

_SETS: dict[str, str] = LEX["sets"]
SET = re.compile(
    rf"(?P<w>{alt(_SETS)})(?![a-z])|(?:(?P<freq>once|twice|three\s+times|four\s+times)\s+a\s+"
    rf"(?P<fu>{_UNIT_SING}))(?![a-z])|(?:every|each)\s+(?:other\s+)?(?:(?P<n>{NUM})\s+)?"
    rf"(?P<u>{UNIT_PL}|{FULL_WD}|{MON}|morning|evening|night|afternoon)(?![a-z])",
    re.I,
)


def h_set(m: re.Match[str], ctx: Ctx) -> Result:
    if m["w"]:
        return "SET", _SETS[m["w"].lower()]
    if m["fu"]:
        return "SET", duration(1, m["fu"])
    u = m["u"].lower()
    if u in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[u]}"
    if u == "weekend" and not m["n"]:
        return "SET", "XXXX-WXX-WE"
    if u in _DAYPART:
        return "SET", f"XXXX-XX-XXT{_DAYPART[u]}"
    if u.rstrip(".") in LEX["months"] and u not in ("second", "seconds"):
        if not _cap(m["u"]):
            return None
        return "SET", f"XXXX-{_month(m['u']):02d}"
    n = parse_number(m["n"]) if m["n"] else 1
    other = "other" in m.group(0).lower()
    return "SET", duration((n or 1) * (2 if other else 1), u)
