"""The report: ONE self-contained HTML file (no scripts, fonts or external requests).

Per series: a timeline chart (inline SVG, `report.svg`), the current assessment with the rule
and findings behind each number, the findings table with outlet and independent-source
counts, and the evidence sentences with the quantity and the source highlighted.

Article text, titles, names and URLs are untrusted: every one goes through `html.escape`, links
are kept only for http(s) URLs, and a Content-Security-Policy forbids scripts outright.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from importlib import resources

from ..fuse import Fusion, day_of
from ..fuse.assess import assess
from ..fuse.export import figure_text
from ..fuse.records import Assessment, Finding, Series, outlet_of
from ..fuse.rules import iso
from ..records import Claim
from .svg import chart, colours

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
RULES_NOTE = (
    "A finding is one statement echoed across articles: same source, metric, subject, figure and "
    "statement date. Outlets count the publications that carried it; independent sources count "
    "the distinct sources behind the same figure (relays and copies add none). Assessments use, "
    "per independent source, its latest credible figure (denied figures are left out; "
    "possible/planned ones only when nothing credible exists). ucdp: best = median, low/high = "
    "lowest/highest figure; acled: best = the most conservative figure. A conflict means two "
    "sources' wordings allow no common value."
)


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _n(x: float | None) -> str:
    return "—" if x is None else f"{x:,.0f}" if x == int(x) else f"{x:,.2f}"


def _style() -> str:
    return resources.files("sitrep.report").joinpath("report.css").read_text("utf-8")


def render(
    result: Fusion,
    policy: str = "ucdp",
    as_of: str | None = None,
    title: str = "sitrep assessment",
    texts: dict[str, str] | None = None,
) -> str:
    """The whole report as one HTML string. `texts` (article id -> text), when given, adds
    the cited articles' full texts at the end, escaped like everything else."""
    day = day_of(as_of)
    current = {}
    for s in result.series:
        a = assess(s, day, policy)
        if a is not None:
            current[s.id] = a
    claims = [c for f in result.findings for c in f.claims]
    outlets = {outlet_of(c) for c in claims}
    articles = {c.article.id for c in claims}
    head = (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_style()}</style></head><body>"
    )
    body = [
        f'<header><h1>{_e(title)}</h1><p class="meta">{len(claims)} claims from '
        f"{len(articles)} articles in {len(outlets)} outlets · {len(result.findings)} findings · "
        f"{len(result.series)} series · policy <b>{_e(policy)}</b>"
        + (f" · as of <b>{_e(iso(day))}</b>" if day is not None else "")
        + f'</p><p class="note">{_e(RULES_NOTE)}</p></header>',
        _summary(result.series, current),
    ]
    for s in result.series:
        body.append(_series_section(s, current.get(s.id), policy, day, bool(texts)))
    body.append(_unquantified([f for f in result.findings if f.quantity is None], bool(texts)))
    if texts:
        body.append(_articles(claims, texts))
    body.append(
        "<footer>Made by sitrep. Every number links to the findings and sentences behind it.</footer>"
    )
    return head + "\n".join(body) + "</body></html>\n"


def _summary(series: list[Series], current: dict[str, Assessment]) -> str:
    rows = []
    for s in series:
        a = current.get(s.id)
        if a is None:
            continue
        rows.append(
            f'<tr><td><a href="#{_e(s.id)}">{_e(s.label)}</a></td><td class="num best">{_n(a.best.value)}</td>'
            f'<td class="num">{_n(a.low.value)}</td><td class="num">{_n(a.high.value)}</td>'
            f'<td class="num">{a.number_of_sources}</td><td class="num">{len(a.outlets)}</td>'
            f"<td>{_conflict_badge(a)}</td><td>{_e(iso(a.as_of))}</td></tr>"
        )
    if not rows:
        return '<section id="assessments"><h2>Current assessments</h2><p>No quantified findings.</p></section>'
    return (
        '<section id="assessments"><h2>Current assessments</h2><table class="summary"><thead><tr>'
        "<th>Series</th><th>Best</th><th>Low</th><th>High</th><th>Independent sources</th>"
        "<th>Outlets</th><th>Conflict</th><th>As of</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></section>"
    )


def _conflict_badge(a: Assessment) -> str:
    if not a.conflict:
        return '<span class="ok">no</span>'
    pairs = "; ".join(f"{x} vs {y}" for x, y in a.conflicts)
    return f'<span class="badge" title="{_e(pairs)}">conflict</span>'


def _series_section(
    s: Series, a: Assessment | None, policy: str, day: int | None, linked: bool
) -> str:
    out = [f'<section class="series" id="{_e(s.id)}"><h2>{_e(s.label)}</h2>']
    svg = chart(s, policy, a, day)
    if svg:
        legend = "".join(
            f'<li><span class="swatch" style="background:{colour}"></span>{_e(name)}</li>'
            for name, colour in colours(s).items()
        )
        out.append(
            f'<figure>{svg}<figcaption><ul class="legend">{legend}</ul>'
            "● figure · ▲ at least / more than · ▼ up to / almost · hollow = superseded · "
            "bar = range of the wording · band = assessment low–high, line = best"
            "</figcaption></figure>"
        )
    if a is not None:
        out.append(_assessment(a))
    out.append(_findings_table(s.findings, a))
    out.append(_evidence(s.findings, linked))
    out.append("</section>")
    return "\n".join(out)


def _links(ids: Iterable[str]) -> str:
    return ", ".join(f'<a href="#{_e(i)}">{_e(i)}</a>' for i in ids)


def _assessment(a: Assessment) -> str:
    rows = "".join(
        f'<tr><th>{name}</th><td class="num {name}">{_n(b.value)}</td><td>{_e(b.rule)}</td>'
        f"<td>{_links(b.findings)}</td></tr>"
        for name, b in (("best", a.best), ("low", a.low), ("high", a.high))
    )
    figs = "".join(
        f"<li><b>{_e(g.source)}</b>: {_n(g.best)}"
        + (f" ({_n(g.low)}–{_n(g.high)})" if g.high > g.low else "")
        + f' <span class="dim">{_e(g.modality)}; {_links(f.id for f in g.findings)}</span></li>'
        for g in a.figures
    )
    parts = [
        f'<div class="assessment"><h3>Assessment as of {_e(iso(a.as_of))} ({_e(a.policy)}'
        + (", weak basis: only possible/planned figures" if a.basis == "weak" else "")
        + f')</h3><table class="bounds">{rows}</table>'
        f"<p>{a.number_of_sources} independent source(s), {len(a.outlets)} outlet(s):</p><ul>{figs}</ul>"
    ]
    if a.conflict:
        pairs = "".join(f"<li>{_e(x)} vs {_e(y)}</li>" for x, y in a.conflicts)
        parts.append(
            f'<p class="conflict">Conflict: these sources\' ranges do not overlap</p><ul>{pairs}</ul>'
        )
    if a.excluded:
        ex = "".join(f"<li>{_links([fid])}: {_e(why)}</li>" for fid, why in a.excluded)
        parts.append(
            f"<details><summary>Not counted ({len(a.excluded)})</summary><ul>{ex}</ul></details>"
        )
    parts.append("</div>")
    return "".join(parts)


def _findings_table(findings: list[Finding], a: Assessment | None) -> str:
    status = dict(a.excluded) if a is not None else {}
    counted = {f.id for f in a.findings} if a is not None else set()
    rows = []
    for f in findings:
        state = "counted" if f.id in counted else status.get(f.id, "later than the assessment")
        rows.append(
            f'<tr id="{_e(f.id)}"><td><a href="#ev-{_e(f.id)}">{_e(f.id)}</a></td><td>{_e(f.stated_first)}'
            + (f" – {_e(f.stated_last)}" if f.stated_last != f.stated_first else "")
            + f"</td><td>{_e(f.source_name or 'unattributed')}"
            + (f' <span class="dim">via {_e(", ".join(f.via))}</span>' if f.via else "")
            + f'</td><td class="num">{_e(figure_text(f))}</td><td>{_e(", ".join(f.qualifiers))}'
            + (' <span class="badge">wording differs</span>' if f.qualifier_conflict else "")
            + f"</td><td>{_e(f.modality)}</td>"
            f'<td class="num" title="{_e("; ".join(f.outlets))}">{len(f.outlets)}</td>'
            f'<td class="num">{f.independent_sources}</td><td class="dim">{_e(state)}</td></tr>'
        )
    return (
        '<table class="findings"><thead><tr><th>Finding</th><th>Stated</th><th>Source</th>'
        "<th>Figure</th><th>Wording</th><th>Modality</th><th>Outlets</th>"
        "<th>Independent sources</th><th>Status</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def _evidence(findings: list[Finding], linked: bool = False) -> str:
    out = ['<div class="evidence"><h3>Evidence</h3>']
    for f in findings:
        items = "".join(_evidence_item(c, linked) for c in f.claims)
        out.append(
            f'<details id="ev-{_e(f.id)}"><summary><b>{_e(f.id)}</b> {_e(f.source_name or "unattributed")}: '
            f"{_e(figure_text(f))} — {len(f.outlets)} outlet(s), {f.independent_sources} "
            f"independent source(s): {_e(', '.join(f.outlets))}</summary>"
            f"<ul>{items}</ul></details>"
        )
    out.append("</div>")
    return "".join(out)


def _evidence_item(c: Claim, linked: bool) -> str:
    title = _e(c.article.title or c.article.id)
    url = c.article.url or ""
    if url.lower().startswith(("http://", "https://")):
        title = f'<a href="{_e(url)}" rel="noopener noreferrer nofollow">{title}</a>'
    more = f' <a class="dim" href="#art-{_e(c.article.id)}">[article]</a>' if linked else ""
    return (
        f"<li><blockquote>{highlight(c)}</blockquote><cite>{_e(outlet_of(c))}, "
        f"{_e((c.article.published or '')[:10])}: {title}{more}</cite></li>"
    )


def _articles(claims: list[Claim], texts: dict[str, str]) -> str:
    """The cited articles' texts, each folded away under its headline."""
    first: dict[str, Claim] = {}
    count: dict[str, int] = {}
    for c in claims:
        first.setdefault(c.article.id, c)
        count[c.article.id] = count.get(c.article.id, 0) + 1
    items = []
    for aid, c in sorted(first.items(), key=lambda kv: (kv[1].article.published or "", kv[0])):
        text = texts.get(aid)
        if text is None:
            continue
        items.append(
            f'<details id="art-{_e(aid)}"><summary><b>{_e(c.article.title or aid)}</b> — '
            f"{_e(outlet_of(c))}, {_e((c.article.published or 'undated')[:10])}, "
            f'{count[aid]} claim(s)</summary><div class="article-text">{_e(text)}</div></details>'
        )
    if not items:
        return ""
    return '<section id="articles"><h2>Articles cited</h2>' + "".join(items) + "</section>"


def highlight(c: Claim) -> str:
    """The evidence sentence, escaped, with the quantity and the source (and relays) marked."""
    text = c.text or ""
    marks: list[tuple[int, int, str]] = []
    q = c.quantity
    if q is not None and q.text:
        rel = q.start - c.span[0]
        if 0 <= rel and text[rel : rel + len(q.text)] == q.text:
            marks.append((rel, rel + len(q.text), "q"))
        else:
            _find(text, q.text, "q", marks)
    if c.source is not None:
        for needle in (c.source.mention, c.source.name):
            if needle and _find(text, needle, "s", marks):
                break
    for v in c.via:
        for needle in (v.mention, v.name):
            if needle and _find(text, needle, "v", marks):
                break
    marks.sort()
    out, pos = [], 0
    for start, end, cls in marks:
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        out.append(f'<mark class="{cls}">{escape(text[start:end])}</mark>')
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _find(text: str, needle: str, cls: str, marks: list[tuple[int, int, str]]) -> bool:
    i = text.lower().find(needle.lower())
    while i >= 0:
        j = i + len(needle)
        if all(j <= s or i >= e for s, e, _ in marks):
            marks.append((i, j, cls))
            return True
        i = text.lower().find(needle.lower(), i + 1)
    return False


def _unquantified(findings: list[Finding], linked: bool) -> str:
    if not findings:
        return ""
    rows = "".join(
        f'<tr><td><a href="#ev-{_e(f.id)}">{_e(f.id)}</a></td><td>{_e(f.metric)}</td><td>{_e(f.subject)}</td>'
        f"<td>{_e(f.item)}</td><td>{_e(f.source_name or 'unattributed')}</td><td>{_e(f.stated_first)}</td>"
        f'<td>{_e(f.modality)}</td><td class="num">{len(f.outlets)}</td>'
        f'<td class="num">{f.independent_sources}</td></tr>'
        for f in findings
    )
    return (
        '<section id="unquantified"><h2>Findings without a number</h2><table class="findings">'
        "<thead><tr><th>Finding</th><th>Metric</th><th>Subject</th><th>Item</th><th>Source</th>"
        "<th>Stated</th><th>Modality</th><th>Outlets</th><th>Independent sources</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>{_evidence(findings, linked)}</section>"
    )
