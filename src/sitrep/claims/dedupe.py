"""One claim per statement: figures repeated by the headline, the lead or a quote, and
unquantified restatements of a figure, collapse into the best-attributed instance."""

from __future__ import annotations

from ..records import Claim
from .context import dateline_end
from .roles import BARE_DATELINE


def dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per statement: same metric, subject and anchor (or item) → the best one;
    a headline's claim gives way to the body's of the same metric and figure (the body names
    the party better: "kill 3 insurgents" above "killed three Taliban insurgents")."""
    body = {(c.metric, _anchor(c)) for c in claims if not _headline(c)}
    claims = [c for c in claims if not _headline(c) or (c.metric, _anchor(c)) not in body]
    best: dict[tuple[object, ...], Claim] = {}
    order: list[tuple[object, ...]] = []
    for c in claims:
        if c.quantity is not None:
            q = c.quantity
            k: tuple[object, ...] = (
                c.metric,
                c.subject,
                q.value,
                q.low if q.value is None else None,
                q.high if q.value is None else None,
            )
        else:
            k = (
                c.metric,
                c.subject,
                (c.item or "").lower(),
                c.source.name if c.source else None,
                c.modality,
            )
        if k in best and c.quantity is not None and _apart(best[k], c):
            k = (*k, c.quantity.start)  # "a Taliban facilitator and an associate": two people
        if k not in best:
            best[k] = c
            order.append(k)
        elif _score(c) > _score(best[k]):
            best[k] = c
    kept = [best[k] for k in order]
    quantified = {
        (
            c.metric,
            c.subject,
            c.source.name if c.source else None,
            (c.item or "").lower().split(" ")[-1],
            c.modality,
        )
        for c in kept
        if c.quantity is not None
    }
    return [
        c
        for c in kept
        if c.quantity is not None
        or (
            c.metric,
            c.subject,
            c.source.name if c.source else None,
            (c.item or "").lower().split(" ")[-1],
            c.modality,
        )
        not in quantified
    ]


def _apart(a: Claim, b: Claim) -> bool:
    """Two singular counts of one sentence at different places are different people."""
    qa, qb = a.quantity, b.quantity
    return (
        a.span == b.span
        and qa is not None
        and qb is not None
        and qa.value == 1
        and qa.start != qb.start
        and qa.text.lower() != qb.text.lower()
    )


def _headline(c: Claim) -> bool:
    """The article's first sentence, unless it opens with a dateline (then it is the lead)."""
    return c.span[0] == 0 and not (dateline_end(c.text) or BARE_DATELINE.match(c.text))


def _anchor(c: Claim) -> object:
    if c.quantity is not None:
        q = c.quantity
        return q.value if q.value is not None else (q.low, q.high)
    return (c.item or "").lower().split(" ")[-1]


def _score(c: Claim) -> tuple[int, int]:
    return (1 if c.source is not None else 0, len(c.via))
