"""Assessments: where a series' estimates stand as of a date, low / best / high, under a policy.

Every figure comes from the findings that stand as of the date: per independent source
(identity; a person goes with the body they speak for, a state with its one body in the
series), the findings of its latest statement day. Modalities:
`denied` findings are left out and listed; `possible` and `planned` ones are left out while any
credible (asserted, estimated, likely) figure exists, and used, with `basis: "weak"`, when none
does. A source's figure is (low, best, high) as `data/fusion.json` maps its qualifier
("several hundred" gives 300 / 300 / 999; "between 8,000 and 9,000" 8,000 / 8,500 / 9,000).

Policies:
- `ucdp`: best = the median of the sources' best figures (a midpoint of whole counts rounded
  half up); low = the lowest credible figure;
  high = the highest credible figure.
- `acled`: best = low = the most conservative (lowest) credible figure; high = the highest, for
  context.

Conflict (cumulative metrics only: supplies and pledges are separate transfers, not rival
estimates of one number; and identified sources only): two independent sources conflict when the intervals their wordings allow do not
overlap (exact N: [N, N]; approx N: [0.9N, 1.1N]; at least N: [N, inf); at most N: [0, N];
almost N: [0.9N, N]; ranges and vague counts: [low, high]).
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..errors import UsageError
from .records import Assessment, Bound, Figure, Finding, Series
from .rules import INF, figure, interval, iso, rules
from .sources import Identity, identity

POLICIES = ("ucdp", "acled")
UNATTRIBUTED = "unattributed reports"
UNIDENTIFIED = "unattributed or unidentified sources"


@dataclass(slots=True)
class _Track:
    """One identity's statements so far: the current ones and those they superseded."""

    identity: str
    day: int = -(10**9)
    current: list[Finding] = field(default_factory=list)
    older: list[Finding] = field(default_factory=list)
    cached: Figure | None = None
    version: int = 0

    def figure(self) -> Figure:
        if self.cached is None:
            self.cached = _figure(self.identity, self.current)
        return self.cached

    def add(self, f: Finding, tolerance: int) -> None:
        self.cached = None
        self.version += 1
        d = f.day if f.day is not None else -(10**8)
        if d > self.day:
            self.day = d
            keep = [g for g in self.current if _day(g) >= d - tolerance]
            self.older.extend(g for g in self.current if _day(g) < d - tolerance)
            self.current = keep
        if d >= self.day - tolerance:
            self.current.append(f)
        else:
            self.older.append(f)


def _day(f: Finding) -> int:
    return f.day if f.day is not None else -(10**8)


class _Standing:
    """What is known of a series as the findings come in, in statement order."""

    def __init__(self, series: Series) -> None:
        self.series = series
        self.credible: dict[str, _Track] = {}
        self.weak: dict[str, _Track] = {}
        self.denied: list[Finding] = []
        self._plans: dict[str, dict[str, str]] = {}
        self._merged: dict[str, tuple[tuple[int, ...], Figure]] = {}
        r = rules()
        self._credible, self._excluded, self._tol = r.credible, r.excluded, r.tolerance

    def add(self, f: Finding) -> None:
        if f.quantity is None or figure(f.quantity) is None:  # no number to weigh
            return
        if f.modality in self._excluded:
            self.denied.append(f)
            return
        tracks = self.credible if f.modality in self._credible else self.weak
        track = tracks.get(f.identity)
        if track is None:
            track = tracks[f.identity] = _Track(f.identity)
            self._plans.clear()
            self._merged.clear()
        track.add(f, self._tol)

    def assess(self, as_of: int | None, policy: str, detail: bool = True) -> Assessment | None:
        tracks, basis = (self.credible, "credible") if self.credible else (self.weak, "weak")
        if not tracks:
            return None
        plan = self._plans.get(basis)
        if plan is None:
            plan = self._plans[basis] = _plan(tracks)
        figures = _figures(tracks, plan, self._merged)
        excluded: list[tuple[str, str]] = []
        if detail:
            figures.sort(key=lambda g: (g.best, g.source))
            excluded = self._excluded_list(basis)
        low, best, high = _policy(policy, figures)
        conflicts: list[tuple[str, str]] = []
        named = [g for g in figures if g.identity and identity(g.findings[0].source).known]
        if self.series.cumulative and len(named) > 1:
            conflicts = _conflicts(named) if detail else _some_conflict(named)
        return Assessment(
            series=self.series,
            as_of=as_of,
            policy=policy,
            low=low,
            best=best,
            high=high,
            figures=figures,
            conflicts=conflicts,
            excluded=excluded,
            basis=basis,
        )

    def _excluded_list(self, basis: str) -> list[tuple[str, str]]:
        out = [(f.id, f"{f.modality}: denied figures are not counted") for f in self.denied]
        what = (
            "superseded by the source's newer figure"
            if self.series.cumulative
            else ("an older statement of the same source (it stands in the timeline)")
        )
        for tracks in (self.credible, self.weak):
            for t in tracks.values():
                out.extend((f.id, what) for f in t.older)
        if basis == "credible":
            for t in self.weak.values():
                out.extend(
                    (f.id, f"{f.modality}: not counted while credible figures exist")
                    for f in t.current
                )
        return out


def _plan(tracks: dict[str, _Track]) -> dict[str, str]:
    """Which identities' figures go with another's: a person's with the body they speak for,
    and a state's with the one body of that country, when those are in the series too; and
    sources nobody can identify (unattributed, or unknown to the catalogue) all together,
    as they cannot be told apart."""
    if len(tracks) == 1:
        return {}
    whos = {k: _who(t) for k, t in tracks.items()}
    bodies: dict[str, list[str]] = defaultdict(list)
    for k, w in whos.items():
        if w.known and not w.state and not w.org and w.country:
            bodies[w.country].append(k)
    target: dict[str, str] = {}
    for k, w in whos.items():
        if w.org and w.org in tracks:
            target[k] = w.org
        elif w.state and w.country and len(bodies[w.country]) == 1:
            target[k] = bodies[w.country][0]
    unknown = [k for k, w in whos.items() if not w.known]
    if len(unknown) > 1:
        target.update((k, "") for k in unknown if k)
    return target


def _figures(
    tracks: dict[str, _Track],
    target: dict[str, str],
    cache: dict[str, tuple[tuple[int, ...], Figure]],
) -> list[Figure]:
    """One figure per independent source (see `_plan`); merged ones are cached in `cache`
    until one of their tracks changes."""
    if not target:
        return [t.figure() for t in tracks.values()]
    members: dict[str, list[str]] = defaultdict(list)
    for k in tracks:
        if k not in target:
            members[k].append(k)
    for k, dest in target.items():
        members[dest].append(k)
    out = []
    for dest, keys in members.items():
        if keys == [dest]:
            out.append(tracks[dest].figure())
            continue
        stamp = tuple(tracks[k].version for k in keys)
        hit = cache.get(dest)
        if hit is not None and hit[0] == stamp:
            out.append(hit[1])
            continue
        fs = [f for k in keys for f in tracks[k].current]
        label = None
        if not dest:
            names = list(dict.fromkeys(f.source_name for f in fs if f.source_name))
            label = UNIDENTIFIED + (f" ({', '.join(names[:3])})" if names else "")
        fig = _figure(dest, fs, label)
        cache[dest] = (stamp, fig)
        out.append(fig)
    return out


def _who(track: _Track) -> Identity:
    f = track.current[0] if track.current else None
    return identity(f.source) if f is not None else identity(None)


def _figure(ident: str, findings: list[Finding], name: str | None = None) -> Figure:
    triples = []
    lo_i, hi_i = INF, 0.0
    for f in findings:
        assert f.quantity is not None
        t = figure(f.quantity)
        if t is not None:
            triples.append((t, f))
        a, b = interval(f.quantity)
        lo_i, hi_i = min(lo_i, a), max(hi_i, b)
    if not triples:
        triples = [((0.0, 0.0, 0.0), findings[0])]
    # The best figure is the one most outlets carry; ties go to the first reported.
    main = max(triples, key=lambda tf: (len(tf[1].outlets), -(tf[1].day or 0)))
    first = findings[0]
    name = name or first.source_name or UNATTRIBUTED
    return Figure(
        identity=ident,
        source=name,
        findings=findings,
        low=min(t[0] for t, _ in triples),
        best=main[0][1],
        high=max(t[2] for t, _ in triples),
        interval=(lo_i, hi_i),
        modality=first.modality,
    )


def _ids(figures: list[Figure]) -> list[str]:
    return [f.id for g in figures for f in g.findings]


def _policy(policy: str, figures: list[Figure]) -> tuple[Bound, Bound, Bound]:
    lo_v = min(g.low for g in figures)
    hi_v = max(g.high for g in figures)
    low = Bound(
        lo_v, "lowest credible figure of the sources", _ids([g for g in figures if g.low == lo_v])
    )
    high = Bound(
        hi_v, "highest credible figure of the sources", _ids([g for g in figures if g.high == hi_v])
    )
    if policy == "acled":
        low.rule = "acled: the most conservative credible figure"
        best = Bound(lo_v, low.rule, list(low.findings))
        high.rule = "highest credible figure (context; acled counts the most conservative)"
        return low, best, high
    if policy != "ucdp":
        raise UsageError(f"unknown policy {policy!r} (use {' or '.join(POLICIES)})")
    bests = sorted(g.best for g in figures)
    med = statistics.median(bests)
    if med != int(med) and all(b == int(b) for b in bests):
        med = float(math.floor(med + 0.5))  # counts stay whole: the midpoint rounded half up
    n = len(bests)
    middle = {bests[(n - 1) // 2], bests[n // 2]}
    rule = f"ucdp: median of the best figures of {n} independent source{'s' if n != 1 else ''}"
    best = Bound(med, rule, _ids([g for g in figures if g.best in middle]))
    return low, best, high


def _conflicts(figures: list[Figure]) -> list[tuple[str, str]]:
    """Pairs of sources whose allowed intervals do not overlap (sorted by interval start)."""
    out = []
    ordered = sorted(figures, key=lambda g: g.interval[0])
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.interval[0] > a.interval[1]:
                out.append((a.source, b.source))
    return out


def _some_conflict(figures: list[Figure]) -> list[tuple[str, str]]:
    """One conflicting pair, if any: the interval that starts last against the one that ends
    first (they fail to overlap exactly when any pair does)."""
    late = max(figures, key=lambda g: g.interval[0])
    early = min(figures, key=lambda g: g.interval[1])
    if late.interval[0] > early.interval[1]:
        return [(early.source, late.source)]
    return []


def assess(series: Series, as_of: int | None = None, policy: str = "ucdp") -> Assessment | None:
    """The assessment of a series as of a day (an ordinal; None = everything), or None when
    no finding with a figure is known by then."""
    state = _Standing(series)
    for f in _ordered(series):
        if as_of is not None and f.day is not None and f.day > as_of:
            break
        state.add(f)
    return state.assess(as_of if as_of is not None else _last_day(series), policy)


def timeline(series: Series, policy: str = "ucdp", detail: bool = False) -> Iterator[Assessment]:
    """The assessment after each statement day of the series, oldest first."""
    state = _Standing(series)
    ordered = _ordered(series)
    for i, f in enumerate(ordered):
        state.add(f)
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        if nxt is not None and nxt.day == f.day:
            continue
        got = state.assess(f.day, policy, detail)
        if got is not None:
            yield got


def _ordered(series: Series) -> list[Finding]:
    return sorted(series.findings, key=lambda f: (_day(f), f.id))


def _last_day(series: Series) -> int | None:
    days = [f.day for f in series.findings if f.day is not None]
    return max(days) if days else None


def describe(a: Assessment) -> str:
    """One line for people: '300 (100-1,100) as of 2024-12-23, 3 sources, conflict'."""

    def n(x: float | None) -> str:
        return "?" if x is None else f"{x:,.0f}"

    text = f"{n(a.best.value)} ({n(a.low.value)}–{n(a.high.value)})"
    if a.as_of is not None:
        text += f" as of {iso(a.as_of)}"
    text += f", {a.number_of_sources} independent source{'s' if a.number_of_sources != 1 else ''}"
    return text + (", conflict" if a.conflict else "")
