"""Fusion results as rows: filters, flat rows for tables and CSV, and the UCDP GED-style export."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from ..records import _num
from .records import Assessment, Finding, Series, outlet_of
from .rules import norm, span
from .sources import name_key, subject_key

FINDING_COLUMNS = ["id", "what", "subject", "source", "figure", "stated", "outlets", "independent"]
ASSESS_COLUMNS = [
    "subject",
    "what",
    "as_of",
    "low",
    "best",
    "high",
    "independent",
    "outlets",
    "conflict",
    "sources",
]
ASSESS_CSV_COLUMNS = [
    "series",
    "subject",
    "metric",
    "item",
    "location",
    "period",
    "as_of",
    "policy",
    "low",
    "best",
    "high",
    "independent_sources",
    "outlets",
    "conflict",
    "sources",
    "rule_low",
    "rule_best",
    "rule_high",
    "findings",
]
UCDP_COLUMNS = [
    "id",
    "year",
    "date_start",
    "date_end",
    "country",
    "where_description",
    "best",
    "low",
    "high",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "sitrep_series",
    "sitrep_subject",
    "sitrep_metric",
    "sitrep_item",
    "sitrep_location",
    "sitrep_period",
    "sitrep_policy",
    "sitrep_as_of",
    "sitrep_outlets",
    "sitrep_conflict",
    "sitrep_basis",
    "sitrep_findings",
    "sitrep_rule_low",
    "sitrep_rule_best",
    "sitrep_rule_high",
]


def _matches(value: str | None, wanted: str | None) -> bool:
    return wanted is None or norm(value) == norm(wanted)


def _same_subject(value: str, wanted: str | None) -> bool:
    return wanted is None or subject_key(value) == subject_key(wanted)


def _metric_ok(metric: str, wanted: str | None) -> bool:
    return wanted is None or metric == wanted or metric.startswith(wanted.rstrip(".") + ".")


def select_findings(
    findings: Iterable[Finding],
    metric: str | None = None,
    subject: str | None = None,
    source: str | None = None,
    location: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[Finding]:
    """Findings matching every filter: metric (exact or family), subject, source (its name, a
    mention, or an intermediary), location, and statement days overlapping since..until."""
    since_span, until_span = span(since), span(until)
    lo = since_span[0] if since_span else None
    hi = until_span[1] if until_span else None
    out = []
    for f in findings:
        if not _metric_ok(f.metric, metric) or not _same_subject(f.subject, subject):
            continue
        if location is not None and not _matches(f.location, location):
            continue
        if source is not None and not _source_ok(f, source):
            continue
        if f.day is not None and (
            (lo is not None and f.day < lo) or (hi is not None and f.day > hi)
        ):
            continue
        out.append(f)
    return out


def _source_ok(f: Finding, wanted: str) -> bool:
    ident = name_key(wanted)
    if ident and (ident == f.identity or any(name_key(v) == ident for v in f.via)):
        return True
    key = norm(wanted)
    names = [f.source_name, *f.via]
    names += [c.source.mention for c in f.claims if c.source and c.source.mention]
    names += [c.source.name for c in f.claims if c.source]
    return any(key == norm(n) or (len(key) > 3 and key in norm(n)) for n in names if n)


def select_series(
    series: Iterable[Series], metric: str | None = None, subject: str | None = None
) -> list[Series]:
    return [s for s in series if _metric_ok(s.metric, metric) and _same_subject(s.subject, subject)]


def figure_text(f: Finding) -> str:
    """A finding's figure as people read it: '~1,100', '>200', '300-999'."""
    q = f.quantity
    if q is None:
        return ""
    sign = {"approx": "~", "at_least": "≥", "more_than": ">", "at_most": "≤", "almost": "<~"}
    if q.value is not None:
        return f"{sign.get(q.qualifier, '')}{q.value:,.0f}"
    lo = "?" if q.low is None else f"{q.low:,.0f}"
    hi = "?" if q.high is None else f"{q.high:,.0f}"
    return f"{lo}–{hi}"


def finding_row(f: Finding) -> dict[str, Any]:
    """A flat row for tables and CSV."""
    return {
        "id": f.id,
        "metric": f.metric,
        "subject": f.subject,
        "item": f.item,
        "location": f.location,
        "source": f.source_name,
        "figure": figure_text(f),
        "value": _num(f.quantity.value) if f.quantity else None,
        "low": _num(f.quantity.low) if f.quantity else None,
        "high": _num(f.quantity.high) if f.quantity else None,
        "qualifiers": "; ".join(f.qualifiers),
        "stated_first": f.stated_first,
        "stated_last": f.stated_last,
        "outlets": len(f.outlets),
        "independent_sources": f.independent_sources,
        "articles": "; ".join(f.articles),
        "claims": "; ".join(f.claim_ids),
        "via": "; ".join(f.via),
        "modality": f.modality,
    }


def what(metric: str, item: str | None, period: str | None = None) -> str:
    """'casualties.killed', 'materiel.supplied: artillery shell', '... (2024-03-02)'."""
    text = f"{metric}: {item}" if item else metric
    return f"{text} ({period})" if period else text


def finding_table_row(f: Finding) -> dict[str, Any]:
    """A short row for people (the `table` format)."""
    return {
        "id": f.id,
        "what": what(f.metric, f.item),
        "subject": f.subject,
        "source": f.source_name or "unattributed",
        "figure": figure_text(f),
        "stated": f.stated_first,
        "outlets": len(f.outlets),
        "independent": f.independent_sources,
    }


def assessment_row(a: Assessment) -> dict[str, Any]:
    """A flat row for tables and CSV."""
    j = a.to_json()
    return {
        "subject": j["subject"],
        "what": what(a.series.metric, a.series.item, a.series.period),
        "metric": j["metric"],
        "item": j["item"],
        "location": " / ".join(a.series.locations) or None,
        "period": j["period"],
        "as_of": j["as_of"],
        "policy": j["policy"],
        "low": j["low"],
        "best": j["best"],
        "high": j["high"],
        "independent": j["independent_sources"],
        "independent_sources": j["independent_sources"],
        "outlets": j["outlets"],
        "conflict": j["conflict"],
        "sources": "; ".join(f"{g.source} {g.best:,.0f}" for g in a.figures),
        "rule_low": a.low.rule,
        "rule_best": a.best.rule,
        "rule_high": a.high.rule,
        "findings": "; ".join(f.id for f in a.findings),
        "series": a.series.id,
    }


def _join(values: Iterable[str | None]) -> str:
    return "; ".join(dict.fromkeys(v for v in values if v))


def ucdp_row(a: Assessment) -> dict[str, Any]:
    """One UCDP GED-style row for an assessed series at a date (sources joined with '; ')."""
    s = a.series
    findings = a.findings
    claims = [c for f in findings for c in f.claims]
    starts = []
    for f in findings:
        w = span(f.when) if f.when else None
        starts.append(w[0] if w else f.day)
    known = [d for d in starts if d is not None]
    start = date.fromordinal(min(known)).isoformat() if known else None
    end = date.fromordinal(a.as_of).isoformat() if a.as_of is not None else None
    return {
        "id": f"{s.id}-{end or 'undated'}",
        "year": (end or start or "")[:4] or None,
        "date_start": start,
        "date_end": end,
        "country": s.subject,
        "where_description": "; ".join(s.locations) or None,
        "best": _num(a.best.value),
        "low": _num(a.low.value),
        "high": _num(a.high.value),
        "number_of_sources": a.number_of_sources,
        "source_article": _join(c.article.url or c.article.id for c in claims),
        "source_office": _join(outlet_of(c) for c in claims),
        "source_date": _join((c.article.published or "")[:10] for c in claims),
        "source_headline": _join(c.article.title for c in claims),
        "source_original": _join(g.source for g in a.figures),
        "sitrep_series": s.id,
        "sitrep_subject": s.subject,
        "sitrep_metric": s.metric,
        "sitrep_item": s.item,
        "sitrep_location": s.location or "; ".join(s.locations) or None,
        "sitrep_period": s.period,
        "sitrep_policy": a.policy,
        "sitrep_as_of": end,
        "sitrep_outlets": len(a.outlets),
        "sitrep_conflict": a.conflict,
        "sitrep_basis": a.basis,
        "sitrep_findings": _join(f.id for f in findings),
        "sitrep_rule_low": a.low.rule,
        "sitrep_rule_best": a.best.rule,
        "sitrep_rule_high": a.high.rule,
    }


def ucdp_rows(assessments: Iterable[Assessment]) -> Iterator[dict[str, Any]]:
    for a in assessments:
        yield ucdp_row(a)
