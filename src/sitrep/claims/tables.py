"""Loss tables: "Tanks: 6,663 (+13)" lines under a paragraph that says whose losses they are.

A line "Label: N (+M)" after a paragraph about someone's losses gives a cumulative claim
(N, over the period the paragraph names) and a daily one (M, the day before the report).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..nlp.dates import resolve_interval
from ..nlp.metrics import Cue, find_cues, is_weapon_word, noun_class
from ..records import Quantity
from .context import Ment, Said
from .roles import normalise_item

LINE = re.compile(
    r"^(?P<label>[A-Z][A-Za-z ,'/&-]{1,50}?):\s*(?P<q>(?:about|approximately|around|some|over|"
    r"more than|at least)?\s*\d[\d,.]*)(?:\s*\(\s*\+?\s*(?P<d>\d[\d,]*)\s*\))?\s*$"
)
PERIOD = re.compile(r"\b(?:from|since|between)\b", re.IGNORECASE)


@dataclass(slots=True)
class TableContext:
    """What the paragraph before a table says: whose losses, who counts, over which period."""

    subject: str | None = None
    said: Said | None = None
    period: str | None = None
    active: bool = False


def observe(
    ctx: TableContext,
    text: str,
    ments: list[Ment],
    main: Said | None,
    published: str | None,
    cues: list[Cue] | None = None,
) -> None:
    """Update the context from an ordinary sentence."""
    for cue in find_cues(text) if cues is None else cues:
        if "total" in cue.families and re.match(r"loss|casualt", cue.text, re.IGNORECASE):
            near = [m for m in ments if cue.start - 30 <= m.start < cue.start and m.party]
            if near:
                ctx.subject = near[-1].party
                ctx.active = True
                if main is not None and main.source is not None:
                    ctx.said = main
    if ctx.active and PERIOD.search(text) and published:
        v = resolve_interval(text[PERIOD.search(text).start() :], published)  # type: ignore[union-attr]
        if v and "/" in v:
            ctx.period = v


def table_rows(
    ctx: TableContext, text: str, qs: list[Quantity]
) -> list[tuple[str, Quantity, str | None, str | None]]:
    """(metric, quantity, item, when-kind) rows for a table line; when-kind is 'period' or 'day'."""
    m = LINE.match(text)
    if not m or not ctx.active or ctx.subject is None:
        return []
    label = m.group("label").strip()
    last = label.split()[-1]
    cls = noun_class(last) or ("item" if is_weapon_word(last) else None)
    if cls is None:
        return []
    metric = "casualties.total" if cls == "person" else "materiel.destroyed"
    item = None if cls == "person" else normalise_item(label.lower())
    rows: list[tuple[str, Quantity, str | None, str | None]] = []
    for q in qs:
        if m.start("q") <= q.start < m.end("q"):
            rows.append((metric, q, item, "period"))
        elif m.group("d") and m.start("d") <= q.start < m.end("d"):
            rows.append((metric, q, item, "day"))
    return rows


def day_before(stated: str | None) -> str | None:
    if stated and re.fullmatch(r"\d{4}-\d{2}-\d{2}", stated):
        return (date.fromisoformat(stated) - timedelta(days=1)).isoformat()
    return None
