"""Fusion's records: a Finding (one statement echoed across articles), a Series (the findings
about one subject x metric), an Assessment (low / best / high as of a date), and their JSON."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..records import Claim, Quantity, Source, _num
from .rules import INF, iso


def outlet_of(claim: Claim) -> str:
    """The outlet that published a claim's article: its name, else the URL's host, else its id."""
    art = claim.article
    if art.outlet:
        return art.outlet
    if art.url and "//" in art.url:
        host = art.url.split("//", 1)[1].split("/", 1)[0].lower()
        return host.removeprefix("www.")
    return f"article {art.id}"


def claim_id(claim: Claim) -> str:
    """The claim's id, or one made from its article and span when it has none."""
    if claim.id is not None:
        return str(claim.id)
    return f"{claim.article.id}#{claim.span[0]}-{claim.span[1]}"


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


@dataclass(slots=True)
class Finding:
    """Claims from one or more articles that state the same thing: same source, figure, date."""

    id: str
    metric: str
    subject: str
    item: str | None
    location: str | None
    unit: str | None
    source: Source | None
    quantity: Quantity | None
    claims: list[Claim]
    stated_first: str | None
    stated_last: str | None
    day: int | None  # the first day the statement is known to have been made (ordinal)
    window: tuple[int, int] | None  # the days every claim's statement date allows (ordinals)
    when: str | None = None
    when_day: int | None = None
    period: str | None = None  # `when` when it names an event-sized period, else None
    modality: str = "asserted"
    qualifiers: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)  # claim ids fusion attributed
    independent_sources: int = 1
    corroborated_by: list[str] = field(default_factory=list)
    identity: str = ""  # the source key that decides sameness and independence

    @property
    def articles(self) -> list[str]:
        return _unique([c.article.id for c in self.claims])

    @property
    def outlets(self) -> list[str]:
        return _unique([outlet_of(c) for c in self.claims])

    @property
    def claim_ids(self) -> list[str]:
        return [claim_id(c) for c in self.claims]

    @property
    def source_name(self) -> str | None:
        return self.source.name if self.source else None

    @property
    def qualifier_conflict(self) -> bool:
        return len(self.qualifiers) > 1

    @property
    def reported(self) -> tuple[str | None, str | None]:
        """First and last publication dates of the articles that carry it."""
        days = sorted(c.article.published[:10] for c in self.claims if c.article.published)
        return (days[0], days[-1]) if days else (None, None)

    @property
    def date(self) -> int | None:
        """The day the timeline places it at: its `when` (last day), else its statement day."""
        return self.when_day if self.when_day is not None else self.day

    def to_json(self, evidence: bool = False) -> dict[str, Any]:
        first, last = self.reported
        out: dict[str, Any] = {
            "id": self.id,
            "metric": self.metric,
            "subject": self.subject,
            "item": self.item,
            "location": self.location,
            "source": self.source.to_json() if self.source else None,
            "quantity": self.quantity.claim_json() if self.quantity else None,
            "stated_first": self.stated_first,
            "stated_last": self.stated_last,
            "articles": self.articles,
            "outlets": len(self.outlets),
            "independent_sources": self.independent_sources,
            "claims": self.claim_ids,
            "source_name": self.source_name,
            "outlet_names": self.outlets,
            "via": self.via,
            "when": self.when,
            "modality": self.modality,
            "qualifiers": self.qualifiers,
            "qualifier_conflict": self.qualifier_conflict,
            "first_reported": first,
            "last_reported": last,
            "corroborated_by": self.corroborated_by,
            "attributed_by_fusion": self.inferred,
        }
        if evidence:
            out["evidence"] = [
                {
                    "claim": claim_id(c),
                    "article": c.article.id,
                    "outlet": outlet_of(c),
                    "published": c.article.published,
                    "title": c.article.title,
                    "url": c.article.url,
                    "text": c.text,
                    "quantity": c.quantity.text if c.quantity else None,
                    "source": c.source.mention or c.source.name if c.source else None,
                }
                for c in self.claims
            ]
        return out


@dataclass(slots=True)
class Series:
    """All findings about one subject x metric (x item, location, event period), in time order."""

    id: str
    subject: str
    metric: str
    item: str | None
    location: str | None
    unit: str | None
    period: str | None
    cumulative: bool
    findings: list[Finding]
    locations: list[str] = field(default_factory=list)  # the places its findings give

    @property
    def label(self) -> str:
        parts = [self.subject, self.metric]
        if self.item:
            parts.append(self.item)
        if self.locations:
            parts.append(
                "in " + " / ".join(self.locations[:3]) + (" …" if len(self.locations) > 3 else "")
            )
        if self.period:
            parts.append(f"({self.period})")
        return " · ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "subject": self.subject,
            "metric": self.metric,
            "item": self.item,
            "location": self.location,
            "locations": self.locations,
            "unit": self.unit,
            "period": self.period,
            "cumulative": self.cumulative,
            "findings": [f.id for f in self.findings],
        }


@dataclass(slots=True)
class Figure:
    """One independent source's standing figure in an assessment."""

    identity: str
    source: str
    findings: list[Finding]
    low: float
    best: float
    high: float
    interval: tuple[float, float]
    modality: str

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "findings": [f.id for f in self.findings],
            "low": _num(self.low),
            "best": _num(self.best),
            "high": _num(self.high),
            "interval": [
                _num(self.interval[0]),
                None if self.interval[1] == INF else _num(self.interval[1]),
            ],
            "modality": self.modality,
            "stated": max((f.stated_last or "" for f in self.findings), default=None),
            "outlets": len({o for f in self.findings for o in f.outlets}),
        }


@dataclass(slots=True)
class Bound:
    """One number of an assessment, with the rule and the findings that produced it."""

    value: float | None
    rule: str
    findings: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"value": _num(self.value), "rule": self.rule, "findings": self.findings}


@dataclass(slots=True)
class Assessment:
    """Where the estimates of a series stand as of a date, under a policy."""

    series: Series
    as_of: int | None
    policy: str
    low: Bound
    best: Bound
    high: Bound
    figures: list[Figure]
    conflicts: list[tuple[str, str]]
    excluded: list[tuple[str, str]]
    basis: str = "credible"

    @property
    def conflict(self) -> bool:
        return bool(self.conflicts)

    @property
    def number_of_sources(self) -> int:
        return len(self.figures)

    @property
    def outlets(self) -> list[str]:
        return _unique([o for fig in self.figures for f in fig.findings for o in f.outlets])

    @property
    def findings(self) -> list[Finding]:
        return [f for fig in self.figures for f in fig.findings]

    def to_json(self) -> dict[str, Any]:
        s = self.series
        return {
            "series": s.id,
            "subject": s.subject,
            "metric": s.metric,
            "item": s.item,
            "location": s.location,
            "locations": s.locations,
            "period": s.period,
            "unit": s.unit,
            "as_of": iso(self.as_of),
            "policy": self.policy,
            "low": _num(self.low.value),
            "best": _num(self.best.value),
            "high": _num(self.high.value),
            "independent_sources": self.number_of_sources,
            "outlets": len(self.outlets),
            "conflict": self.conflict,
            "basis": self.basis,
            "rules": {
                "low": self.low.to_json(),
                "best": self.best.to_json(),
                "high": self.high.to_json(),
            },
            "figures": [f.to_json() for f in self.figures],
            "conflicts": [list(pair) for pair in self.conflicts],
            "excluded": [{"finding": fid, "reason": why} for fid, why in self.excluded],
        }


def most_common(values: list[str]) -> str:
    """The most frequent value, the first seen among ties."""
    first = values[0]
    if values.count(first) == len(values):  # the usual case, at C speed
        return first
    return Counter(values).most_common(1)[0][0]
