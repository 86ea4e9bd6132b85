"""Group claims into findings (one statement echoed across articles) and count the independent
sources behind each figure.

The rules, in order (each is tested in tests/test_fuse_findings.py):

1. Claims are bucketed by metric, subject, unit (currencies only) and the quantity's anchor
   (CLAIMS.md: `value`, else `low`/`high`). The wording ("around" / "almost"), the outlet and the
   item or location spelling never split a bucket; a different number always does.
2. Within a bucket each claim gets a source identity: the normalised canonical source name,
   romanisation variants of multi-word names folded together (Lee Seong-kweun = Lee Seong-gwon).
   A claim whose source is someone who, in another claim of the bucket, relays exactly one
   source (`via`) is that source's claim (Lee saying 300 = the NIS via Lee). An unattributed
   claim whose date fits exactly one identity's claims is taken as a copy of it.
3. Per identity, claims are clustered by statement date: every claim of a finding must allow one
   common day. A claim's statement days are its `stated` value's days widened by a tolerance;
   when `stated` is the publication day (the extractor's default), the statement may be up to
   `publication_lag_days` older. So the same source a month apart gives two findings.
4. Items and locations split a cluster only when two different ones are given; a claim that
   gives none joins the only one given.
5. Independence: findings of different identities in one bucket with compatible dates and
   places state the same figure; each counts the distinct identities among them
   (unattributed copies add none). Relays and outlets never add independent sources.
"""

from __future__ import annotations

import gc
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..records import Claim
from .records import Finding, claim_id, most_common
from .rules import anchor, norm, rules, skeleton, span

UNITLESS = frozenset({"", "person", "persons", "people", "item", "items"})


@dataclass(slots=True)
class _Row:
    """One claim, with the keys grouping needs computed once."""

    claim: Claim
    ident: str  # source identity ("" = unattributed)
    vias: tuple[str, ...]
    item: str
    loc: str
    lo: int | None  # statement window (ordinals), None when undated
    hi: int | None
    day: int | None
    inferred: bool = False


def ident(name: str | None) -> str:
    """The identity key of a source or via name (romanisation-folded for multi-word names)."""
    n = norm(name)
    if not n:
        return ""
    if " " in n:
        sk = skeleton(n)
        if len(sk) >= rules().min_skeleton:
            return "~" + sk
    return n


def _window(claim: Claim) -> tuple[int | None, int | None, int | None]:
    """The days the claim's statement may have been made on, and the day it is known by."""
    r = rules()
    pub = claim.article.published
    pspan = span(pub[:10]) if pub else None
    sspan = span(claim.stated) if claim.stated else None
    if sspan is None:
        sspan = pspan
    if sspan is None:
        return None, None, None
    lo, hi = sspan
    day = hi if pspan is None else min(hi, pspan[1])
    if pspan is not None and lo <= pspan[0] <= hi and hi - lo < 7:
        lo = min(lo, pspan[0] - r.lag)  # defaulted to publication: may be older
    return lo - r.tolerance, hi + r.tolerance, day


def _row(claim: Claim) -> _Row:
    src = claim.source
    lo, hi, day = _window(claim)
    return _Row(
        claim=claim,
        ident=ident(src.name) if src else "",
        vias=tuple(ident(v.name) for v in claim.via),
        item=norm(claim.item),
        loc=norm(claim.location),
        lo=lo,
        hi=hi,
        day=day,
    )


def _bucket_key(claim: Claim) -> tuple[object, ...]:
    q = claim.quantity
    unit = norm(q.unit) if q and q.unit else ""
    return (
        claim.metric,
        norm(claim.subject),
        "" if unit in UNITLESS else unit,
        anchor(q),
    )


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many acyclic objects (it would rescan
    the growing heap again and again: about half the time for a million claims)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def find_findings(claims: Iterable[Claim]) -> list[Finding]:
    """Group claims into findings and set each finding's independent-source count."""
    with gc_paused():
        return _find_findings(claims)


def _find_findings(claims: Iterable[Claim]) -> list[Finding]:
    buckets: dict[tuple[object, ...], list[_Row]] = defaultdict(list)
    for claim in claims:
        buckets[_bucket_key(claim)].append(_row(claim))
    out: list[Finding] = []
    for rows in buckets.values():
        found = _bucket_findings(rows)
        if len(found) > 1:
            _independence(found)
        out.extend(found)
    out.sort(key=lambda f: (f.metric, f.subject, f.day or 0, f.id))
    return out


def _bucket_findings(rows: list[_Row]) -> list[Finding]:
    if len(rows) > 1:
        _resolve_identities(rows)
    by_ident: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        by_ident[row.ident].append(row)
    found: list[Finding] = []
    for group in by_ident.values():
        for cluster in _time_clusters(group):
            for part in _place_split(cluster):
                found.append(_finding(part))
    return found


def _resolve_identities(rows: list[_Row]) -> None:
    """Relayed and unattributed claims take the identity of the source they echo."""
    relays: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.ident:
            for v in row.vias:
                if v and v != row.ident:
                    relays[v].add(row.ident)
    if relays:
        for row in rows:
            targets = relays.get(row.ident)
            if targets and len(targets) == 1:
                row.ident = next(iter(targets))
                row.inferred = True
    loose = [r for r in rows if not r.ident]
    if not loose:
        return
    named = [r for r in rows if r.ident]
    for row in loose:
        fits = {r.ident for r in named if _overlaps(row, r)}
        if len(fits) == 1:
            row.ident = fits.pop()
            row.inferred = True


def _overlaps(a: _Row, b: _Row) -> bool:
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return a.lo is None and b.lo is None
    return a.lo <= b.hi and b.lo <= a.hi


def _time_clusters(rows: list[_Row]) -> list[list[_Row]]:
    """Clusters in which every claim's statement window shares one common day."""
    undated = [r for r in rows if r.lo is None]
    dated = sorted((r for r in rows if r.lo is not None), key=lambda r: (r.lo, r.hi))
    clusters: list[list[_Row]] = []
    cores: list[list[int]] = []
    for row in dated:
        assert row.lo is not None and row.hi is not None
        for i in range(len(cores) - 1, -1, -1):
            core = cores[i]
            if row.lo <= core[1] and core[0] <= row.hi:
                core[0], core[1] = max(core[0], row.lo), min(core[1], row.hi)
                clusters[i].append(row)
                break
        else:
            clusters.append([row])
            cores.append([row.lo, row.hi])
    if undated:
        clusters.append(undated)
    return clusters


def _split_on(rows: list[_Row], attr: str) -> list[list[_Row]]:
    keys = {getattr(r, attr) for r in rows} - {""}
    if len(keys) <= 1:
        return [rows]
    parts: dict[str, list[_Row]] = defaultdict(list)
    for r in rows:
        parts[getattr(r, attr)].append(r)
    return list(parts.values())


def _place_split(rows: list[_Row]) -> list[list[_Row]]:
    return [part for half in _split_on(rows, "item") for part in _split_on(half, "loc")]


def _finding(rows: list[_Row]) -> Finding:
    rows.sort(key=lambda r: (r.day or 0, r.claim.article.published or ""))
    claims = [r.claim for r in rows]
    first = claims[0]
    attributed = [c for r, c in zip(rows, claims, strict=True) if c.source and not r.inferred]
    named = attributed or [c for c in claims if c.source]
    source = None
    if named:
        best_name = most_common([c.source.name for c in named if c.source])
        source = next(c.source for c in named if c.source and c.source.name == best_name)
    quals = [c.quantity.qualifier for c in claims if c.quantity]
    if quals and quals.count(quals[0]) == len(quals):
        qualifiers = [quals[0]]
    else:
        qualifiers = [q for q, _ in Counter(quals).most_common()]
    quantity = None
    if qualifiers:
        quantity = next(
            c.quantity for c in claims if c.quantity and c.quantity.qualifier == qualifiers[0]
        )
    days = [r.day for r in rows if r.day is not None]
    stated = [
        (r.day, r.claim.stated or (r.claim.article.published or "")[:10] or None)
        for r in rows
        if r.day is not None
    ]
    stated.sort(key=lambda t: t[0])
    lo = max((r.lo for r in rows if r.lo is not None), default=None)
    hi = min((r.hi for r in rows if r.hi is not None), default=None)
    whens = [c.when for c in claims if c.when]
    when = most_common(whens) if whens else None
    wspan = span(when)
    period = when if wspan and wspan[1] - wspan[0] < rules().event_days else None
    vias: list[str] = []
    for c in claims:
        for v in c.via:
            if not any(ident(v.name) == ident(seen) for seen in vias):
                vias.append(v.name)
    item = _display([c.item for c in claims])
    location = _display([c.location for c in claims])
    identity = rows[0].ident
    day = min(days) if days else None
    key = "|".join(
        map(
            str,
            (
                first.metric,
                norm(first.subject),
                norm(item),
                norm(location),
                identity,
                anchor(first.quantity),
                day,
            ),
        )
    )
    return Finding(
        id="F" + hashlib.blake2b(key.encode(), digest_size=6).hexdigest(),
        metric=first.metric,
        subject=_display([c.subject for c in claims]) or first.subject,
        item=item,
        location=location,
        unit=quantity.unit if quantity else None,
        source=source,
        quantity=quantity,
        claims=claims,
        stated_first=stated[0][1] if stated else None,
        stated_last=stated[-1][1] if stated else None,
        day=day,
        window=(lo, hi) if lo is not None and hi is not None else None,
        when=when,
        when_day=wspan[1] if wspan else None,
        period=period,
        modality=most_common([c.modality for c in claims]),
        qualifiers=qualifiers,
        via=vias,
        inferred=[claim_id(r.claim) for r in rows if r.inferred],
        identity=identity,
    )


def _display(values: list[str | None]) -> str | None:
    given = [v for v in values if v]
    return most_common(given) if given else None


def _compatible(a: Finding, b: Finding) -> bool:
    if a.window is None or b.window is None:
        if a.window is not None or b.window is not None:
            return False
    elif not (a.window[0] <= b.window[1] and b.window[0] <= a.window[1]):
        return False
    for x, y in ((a.item, b.item), (a.location, b.location)):
        if x and y and norm(x) != norm(y):
            return False
    return True


def _independence(found: list[Finding]) -> None:
    """Set `independent_sources` and `corroborated_by` for findings of one bucket."""
    for f in found:
        peers = [g for g in found if g is not f and g.identity != f.identity and _compatible(f, g)]
        idents = {f.identity} | {g.identity for g in peers}
        if len(idents) > 1:
            idents.discard("")
        f.independent_sources = len(idents)
        f.corroborated_by = [g.id for g in peers if g.identity]
