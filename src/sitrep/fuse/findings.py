"""Group claims into findings (one statement echoed across articles) and count the independent
sources behind each figure.

The rules, in order (each is tested in tests/test_fuse_findings.py):

1. Claims are bucketed by metric, subject, unit (currencies only) and the quantity's anchor
   (CLAIMS.md: `value`, else `low`/`high`). The wording ("around" / "almost"), the outlet and the
   item or location spelling never split a bucket; a different number always does.
2. Within a bucket each claim gets a source identity (`sources.py`: the catalogue entity, else
   the romanisation-folded name, so Lee Seong-kweun = Lee Seong-gwon). Then, in order:
   a source that relays exactly one other source of the bucket (as its `via`) speaks for it
   (Lee saying 300 = the NIS via Lee; when the extractor swapped them, the known one wins);
   a person joins the body they speak for when it says the same (Tedros and the WHO); a
   state ("South Korea") speaking joins the one body of that country saying the same
   (its intelligence service); an unattributed claim, or one whose source the catalogue
   does not know ("the agency's December briefing"), joins the one known identity whose
   claims fit its date. Claims so attributed are listed in `attributed_by_fusion`.
3. Per identity, claims are clustered by statement date: every claim of a finding must allow one
   common day (a claim with no date at all joins its identity's only dated finding). A claim's statement days are its `stated` value's days widened by a tolerance;
   when `stated` is the publication day (the extractor's default), the statement may be up to
   `publication_lag_days` older. So the same source a month apart gives two findings.
4. Different items split a cluster (a claim that gives none joins the only one given);
   different locations split it only where one article gives the figure for two places, as
   extracted places often differ between outlets for no reason.
5. Independence: findings of different identities in one bucket with compatible dates and
   items state the same figure; each counts the distinct known identities among them (all
   unattributed and unknown sources together count as one, and only when no known one is
   there); a state adds none beside a body of its own country, nor a person beside the body
   they speak for; relays and outlets never add any.
"""

from __future__ import annotations

import gc
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..records import Claim, Source
from .records import Finding, claim_id, most_common
from .rules import anchor, norm, rules, span
from .sources import UNATTRIBUTED, Identity, identity, item_key, name_key, subject_key

UNITLESS = frozenset({"", "person", "persons", "people", "item", "items"})


@dataclass(slots=True)
class _Row:
    """One claim, with the keys grouping needs computed once."""

    claim: Claim
    ident: str  # source identity key ("" = unattributed); fusion may change it
    who: Identity  # what the claim's own source is
    vias: tuple[str, ...]
    item: str
    loc: str
    lo: int | None  # statement window (ordinals), None when undated
    hi: int | None
    day: int | None
    inferred: bool = False


def ident(name: str | None) -> str:
    """The identity key of a source or intermediary name (see `sources.name_key`)."""
    return name_key(name)


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
    lo, hi, day = _window(claim)
    who = identity(claim.source)
    return _Row(
        claim=claim,
        ident=who.key,
        who=who,
        vias=tuple(name_key(v.name) for v in claim.via),
        item=item_key(claim.item),
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
        subject_key(claim.subject),
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
        found, info = _bucket_findings(rows)
        if len(found) > 1:
            _unique_ids(found)
            _independence(found, info)
        out.extend(found)
    out.sort(key=lambda f: (f.metric, f.subject, f.day or 0, f.id))
    return out


def _bucket_findings(rows: list[_Row]) -> tuple[list[Finding], dict[str, Identity]]:
    info = _resolve_identities(rows) if len(rows) > 1 else {rows[0].ident: rows[0].who}
    by_ident: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        by_ident[row.ident].append(row)
    voices = _voices(by_ident)
    found: list[Finding] = []
    for key, group in by_ident.items():
        for cluster in _time_clusters(group):
            for part in _place_split(cluster):
                found.append(_finding(part, voices.get(key)))
    return found, info


def _resolve_identities(rows: list[_Row]) -> dict[str, Identity]:
    """Relayed, vaguely attributed and unattributed claims take the identity they echo.

    Returns what each identity key of the bucket is."""
    info = {r.ident: r.who for r in rows}
    _relays(rows, info)
    keys = set(info)
    moves: list[tuple[_Row, set[str]]] = []  # decided on the identities as they stand, then made
    for row in rows:
        who = info[row.ident]
        if who.org and who.org in keys:  # Tedros said it, and so did the WHO
            moves.append((row, {r.ident for r in rows if r.ident == who.org and _overlaps(row, r)}))
        elif who.state and who.country:  # "South Korea" said it, and so did its intelligence
            fits = {
                r.ident
                for r in rows
                if r.ident != row.ident
                and info[r.ident].known
                and not info[r.ident].state
                and not info[r.ident].org
                and info[r.ident].country == who.country
                and _overlaps(row, r)
            }
            moves.append((row, fits))
    for row, fits in moves:
        _move(row, fits)
    strong = [r for r in rows if info[r.ident].known]
    if len(strong) < len(rows):
        for row in rows:  # unattributed, or a source the catalogue does not know
            if not info[row.ident].known:
                _move(row, {r.ident for r in strong if _overlaps(row, r)})
    return info


def _relays(rows: list[_Row], info: dict[str, Identity]) -> None:
    """A source that relays exactly one other source here (as its `via`) speaks for it.

    The claim's own direction (source S, via V) is kept, unless S is unknown and V is a known
    source in the bucket: extractors sometimes swap them."""
    relays: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.ident:
            for v in row.vias:
                if v and v != row.ident:
                    relays[v].add(row.ident)
    remap: dict[str, str] = {}
    for v in sorted(relays):
        targets = relays[v]
        if len(targets) != 1 or v not in info:
            continue
        s = next(iter(targets))
        if s in remap or v in remap:
            continue
        if not info[s].known and info[v].known:
            remap[s] = v
        else:
            remap[v] = s
    if remap:
        for row in rows:
            target = remap.get(row.ident)
            if target is not None:
                row.ident = target
                row.inferred = True


def _move(row: _Row, fits: set[str]) -> None:
    if len(fits) == 1:
        row.ident = fits.pop()
        row.inferred = True


def _overlaps(a: _Row, b: _Row) -> bool:
    """Whether two claims' statement windows share a day (an undated claim fits any)."""
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return True
    return a.lo <= b.hi and b.lo <= a.hi


def _time_clusters(rows: list[_Row]) -> list[list[_Row]]:
    """Clusters in which every claim's statement window shares one common day."""
    if len(rows) == 1:
        return [rows]
    undated = [r for r in rows if r.lo is None]
    dated = sorted((r for r in rows if r.lo is not None), key=lambda r: (r.lo, r.hi, _order(r)))
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
    if undated:  # no date at all: it belongs to the one dated statement, if there is one
        if len(clusters) == 1:
            clusters[0].extend(undated)
        else:
            clusters.append(undated)
    return clusters


def _order(r: _Row) -> tuple[int, str, str, str]:
    """A total order on claims, so that results never depend on the input's order."""
    c = r.claim
    return (r.day or 0, c.article.published or "", c.article.id, claim_id(c))


def _split_on(rows: list[_Row], attr: str) -> list[list[_Row]]:
    keys = {getattr(r, attr) for r in rows} - {""}
    if len(keys) <= 1:
        return [rows]
    parts: dict[str, list[_Row]] = defaultdict(list)
    for r in rows:
        parts[getattr(r, attr)].append(r)
    return list(parts.values())


def _place_split(rows: list[_Row]) -> list[list[_Row]]:
    """Different items split; different locations split only where one article gives the same
    figure for two places (a table by region). Across articles a place often differs by
    extraction alone ("said in Seoul" against "in Kursk"), so there it does not."""
    if len(rows) == 1:
        return [rows]
    out = []
    for part in _split_on(rows, "item"):
        seen: dict[str, str] = {}
        if any(seen.setdefault(r.claim.article.id, r.loc) != r.loc for r in part):
            out.extend(_split_on(part, "loc"))
        else:
            out.append(part)
    return out


def _voices(groups: dict[str, list[_Row]]) -> dict[str, Source]:
    """The source record shown for each identity: its most frequent own wording."""
    out: dict[str, Source] = {}
    for key, group in groups.items():
        own = [r.claim.source for r in group if r.claim.source and not r.inferred]
        pool = own or [r.claim.source for r in group if r.claim.source]
        if pool:
            name = most_common([src.name for src in pool])
            out[key] = next(src for src in pool if src.name == name)
    return out


def _finding(rows: list[_Row], source: Source | None) -> Finding:
    if len(rows) > 1:
        rows.sort(key=_order)
    claims = [r.claim for r in rows]
    first = claims[0]
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
    days = [r.day for r in rows if r.day is not None]
    day = min(days) if days else None
    # An event: a short period that was over when the source spoke ("killed yesterday");
    # "in the past week" or "as of today" figures are running totals.
    period = None
    if wspan and wspan[1] - wspan[0] < rules().event_days and (day is None or wspan[1] < day):
        period = when
    vias: list[str] = []
    for c in claims:
        for v in c.via:
            if not any(ident(v.name) == ident(seen) for seen in vias):
                vias.append(v.name)
    item = _display([c.item for c in claims])
    location = _display([c.location for c in claims])
    identity = rows[0].ident
    key = "|".join(
        map(
            str,
            (
                first.metric,
                subject_key(first.subject),
                item_key(item),
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


def _unique_ids(found: list[Finding]) -> None:
    """Ids are hashes of what a finding states; two that state it alike get a suffix."""
    seen: dict[str, int] = {}
    for f in sorted(found, key=lambda f: (f.id, min(f.claim_ids))):
        n = seen.get(f.id, 0)
        seen[f.id] = n + 1
        if n:
            f.id = f"{f.id}-{n + 1}"


def _peers(found: list[Finding]) -> dict[str, list[Finding]]:
    """For each finding, the findings of other identities stating its figure at a compatible
    date (windows sharing a day; an undated finding fits any) and item."""
    peers: dict[str, list[Finding]] = {f.id: [] for f in found}

    def link(a: Finding, b: Finding) -> None:
        if a.identity != b.identity and not (
            a.item and b.item and item_key(a.item) != item_key(b.item)
        ):
            peers[a.id].append(b)
            peers[b.id].append(a)

    dated = sorted((f for f in found if f.window is not None), key=lambda f: f.window or (0, 0))
    for i, a in enumerate(dated):
        assert a.window is not None
        for b in dated[i + 1 :]:
            assert b.window is not None
            if b.window[0] > a.window[1]:
                break
            link(a, b)
    undated = [f for f in found if f.window is None]
    for i, a in enumerate(undated):
        for b in dated + undated[i + 1 :]:
            link(a, b)
    return peers


def _independence(found: list[Finding], info: dict[str, Identity]) -> None:
    """Set `independent_sources` and `corroborated_by` for findings of one bucket.

    Distinct identities count; unattributed and unknown sources add none beside a known one,
    and a state adds none beside a body of the same country."""
    linked = _peers(found)
    for f in found:
        peers = sorted(linked[f.id], key=lambda g: g.id)
        idents = {f.identity} | {g.identity for g in peers}
        whos = [info.get(k, UNATTRIBUTED) for k in idents]
        known = [w for w in whos if w.known]
        bodies = {w.country for w in known if not w.state}
        keys = {w.key for w in known}
        known = [w for w in known if not (w.state and w.country in bodies)]
        known = [w for w in known if not (w.org and w.org in keys)]
        f.independent_sources = len(known) or 1  # unknown and unattributed ones count once
        f.corroborated_by = [g.id for g in peers if g.identity]
