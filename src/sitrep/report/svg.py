"""A series' timeline as an inline SVG chart, drawn here in Python (no scripts, no fonts).

Each source's figures are points over time (colour = source; a bar = the range its wording
gives; ▲ = "at least / more than", ▼ = "up to / almost"; hollow = superseded), and the
assessment's low-high band and best line step along the statement days.
"""

from __future__ import annotations

import math
from datetime import date
from html import escape

from ..fuse.assess import timeline
from ..fuse.export import figure_text
from ..fuse.records import Assessment, Finding, Series
from ..fuse.rules import figure

PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#8C564B",
    "#7F7F7F",
    "#332288",
    "#882255",
)
W, H = 760, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 14, 34
UP = frozenset({"at_least", "more_than"})
DOWN = frozenset({"at_most", "almost"})


def colours(series: Series) -> dict[str, str]:
    """A colour for each source of the series, in order of first appearance."""
    out: dict[str, str] = {}
    for f in series.findings:
        name = f.source_name or "unattributed"
        if name not in out:
            out[name] = PALETTE[len(out) % len(PALETTE)]
    return out


def short_number(x: float) -> str:
    if x >= 1e9:
        return f"{x / 1e9:.3g}B"
    if x >= 1e6:
        return f"{x / 1e6:.3g}M"
    if x >= 1e4:
        return f"{x / 1e3:.3g}k"
    return f"{x:,.0f}" if x == int(x) else f"{x:.3g}"


class _Scale:
    def __init__(self, lo: float, hi: float, a: float, b: float, log: bool) -> None:
        self.log = log
        if log:
            lo, hi = math.log10(max(lo, 1.0)), math.log10(max(hi, 1.0))
        if hi <= lo:
            hi = lo + 1
        self.lo, self.hi, self.a, self.b = lo, hi, a, b

    def __call__(self, v: float) -> float:
        if self.log:
            v = math.log10(max(v, 1.0))
        return self.a + (v - self.lo) / (self.hi - self.lo) * (self.b - self.a)


def _y_ticks(lo: float, hi: float, log: bool) -> list[float]:
    if log:
        return [
            10.0**k for k in range(int(math.floor(math.log10(max(lo, 1)))), int(math.log10(hi)) + 1)
        ]
    raw = (hi - lo) / 5 or 1
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    return [start + i * step for i in range(int((hi - start) / step) + 1) if start + i * step >= lo]


def _x_ticks(d0: int, d1: int) -> list[int]:
    span = max(d1 - d0, 1)
    step = max(1, round(span / 5))
    return list(range(d0, d1 + 1, step))[:7]


def chart(
    series: Series, policy: str, current: Assessment | None = None, as_of: int | None = None
) -> str:
    """The SVG for one series (a string of markup; every text from the data is escaped).

    `current` is the series' assessment at the end of the chart: its superseded findings are
    drawn hollow."""
    steps = [a for a in timeline(series, policy) if as_of is None or (a.as_of or 0) <= as_of]
    pts: list[tuple[Finding, tuple[float, float, float]]] = []
    for f in series.findings:
        if f.quantity is None or f.date is None or (as_of is not None and (f.day or 0) > as_of):
            continue
        t = figure(f.quantity)
        if t is not None:
            pts.append((f, t))
    if not pts:
        return ""
    superseded = _superseded(current) if current is not None else set()
    days = [f.date for f, _ in pts if f.date is not None] + [a.as_of for a in steps if a.as_of]
    d0, d1 = min(days), max(days)
    if d1 - d0 < 6:
        d0, d1 = d0 - 3, d1 + 3
    values = [v for _, t in pts for v in t] + [
        v for a in steps for v in (a.low.value, a.high.value) if v is not None
    ]
    vmax, vmin = max(values), min(v for v in values if v >= 0)
    log = vmin > 0 and vmax / max(vmin, 1) > 200
    ys = _Scale(vmin * 0.8 if log else 0, vmax * (1.6 if log else 1.1) or 1, H - BOTTOM, TOP, log)
    xs = _Scale(d0 - (d1 - d0) * 0.03, d1 + (d1 - d0) * 0.03, LEFT, W - RIGHT, False)
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {W} {H}" width="{W}" height="{H}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(series.label)} over time">',
        f"<title>{escape(series.label)}</title>",
    ]
    parts += _axes(xs, ys, d0, d1, log)
    parts += _band(steps, xs, ys, d1)
    palette = colours(series)
    for f, t in pts:
        parts.append(_point(f, t, xs, ys, palette, f.id in superseded))
    parts.append("</svg>")
    return "\n".join(parts)


def _superseded(last: Assessment) -> set[str]:
    return {fid for fid, why in last.excluded if "superseded" in why}


def _axes(xs: _Scale, ys: _Scale, d0: int, d1: int, log: bool) -> list[str]:
    out = [
        f'<line class="axis" x1="{LEFT}" y1="{H - BOTTOM}" x2="{W - RIGHT}" y2="{H - BOTTOM}"/>',
        f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{H - BOTTOM}"/>',
    ]
    lo = 10**ys.lo if log else ys.lo
    hi = 10**ys.hi if log else ys.hi
    for v in _y_ticks(lo, hi, log):
        y = ys(v)
        out.append(f'<line class="grid" x1="{LEFT}" y1="{y:.1f}" x2="{W - RIGHT}" y2="{y:.1f}"/>')
        out.append(
            f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{short_number(v)}</text>'
        )
    for d in _x_ticks(d0, d1):
        x = xs(d)
        label = date.fromordinal(d).isoformat()
        out.append(
            f'<line class="axis" x1="{x:.1f}" y1="{H - BOTTOM}" x2="{x:.1f}" y2="{H - BOTTOM + 4}"/>'
        )
        out.append(
            f'<text class="tick" x="{x:.1f}" y="{H - BOTTOM + 18}" text-anchor="middle">{label}</text>'
        )
    return out


def _band(steps: list[Assessment], xs: _Scale, ys: _Scale, d_end: int) -> list[str]:
    out = []
    best_path: list[str] = []
    for i, a in enumerate(steps):
        if a.as_of is None or a.low.value is None or a.high.value is None:
            continue
        nxt = steps[i + 1].as_of if i + 1 < len(steps) else None
        x0 = xs(a.as_of)
        x1 = xs(nxt if nxt is not None else d_end) if (nxt or d_end) != a.as_of else x0 + 4
        y_hi, y_lo = ys(a.high.value), ys(a.low.value)
        tip = (
            f"as of {date.fromordinal(a.as_of).isoformat()}: best {a.best.value:,.0f}, "
            f"low {a.low.value:,.0f}, high {a.high.value:,.0f}, "
            f"{a.number_of_sources} independent source(s)"
        )
        out.append(
            f'<rect class="band{" conflict" if a.conflict else ""}" x="{x0:.1f}" y="{y_hi:.1f}" '
            f'width="{max(x1 - x0, 2):.1f}" height="{max(y_lo - y_hi, 1.5):.1f}">'
            f"<title>{escape(tip)}</title></rect>"
        )
        if a.best.value is not None:
            yb = ys(a.best.value)
            best_path.append(
                f"{'M' if not best_path else 'L'}{x0:.1f},{yb:.1f} L{max(x1, x0 + 2):.1f},{yb:.1f}"
            )
    if best_path:
        out.append(f'<path class="best" d="{" ".join(best_path)}"/>')
    return out


def _point(
    f: Finding,
    t: tuple[float, float, float],
    xs: _Scale,
    ys: _Scale,
    palette: dict[str, str],
    hollow: bool,
) -> str:
    assert f.date is not None and f.quantity is not None
    name = f.source_name or "unattributed"
    colour = palette[name]
    x, y = xs(f.date), ys(t[1])
    fill = "none" if hollow else colour
    tip = (
        f"{name}: {figure_text(f)} ({', '.join(f.qualifiers)}), stated {f.stated_first}, "
        f"{len(f.outlets)} outlet(s), {f.independent_sources} independent source(s)"
        + (", superseded" if hollow else "")
    )
    parts = [f'<g class="point" data-finding="{escape(f.id)}"><title>{escape(tip)}</title>']
    if t[2] > t[0]:
        parts.append(
            f'<line x1="{x:.1f}" y1="{ys(t[0]):.1f}" x2="{x:.1f}" y2="{ys(t[2]):.1f}" '
            f'stroke="{colour}" stroke-width="2" opacity="0.6"/>'
        )
    q = f.quantity.qualifier
    if q in UP:
        shape = (
            f'<path d="M{x:.1f},{y - 6:.1f} L{x + 5:.1f},{y + 4:.1f} L{x - 5:.1f},{y + 4:.1f} Z"'
        )
    elif q in DOWN:
        shape = (
            f'<path d="M{x:.1f},{y + 6:.1f} L{x + 5:.1f},{y - 4:.1f} L{x - 5:.1f},{y - 4:.1f} Z"'
        )
    else:
        shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5"'
    parts.append(f'{shape} fill="{fill}" stroke="{colour}" stroke-width="2"/></g>')
    return "".join(parts)
