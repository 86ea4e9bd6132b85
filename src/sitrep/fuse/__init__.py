"""Fusion: claims -> findings (one statement echoed across outlets) -> series -> assessments.

Everything takes plain `Iterable[Claim]`, so it runs on a store query or on claims built in a
test alike:

    result = fuse(claims)
    result.findings            # list[Finding], with outlet and independent-source counts
    result.series              # list[Series]
    result.assess(as_of="2024-12-31", policy="ucdp")   # list[Assessment]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..errors import UsageError
from ..records import Claim
from .assess import POLICIES, assess, describe, timeline
from .findings import find_findings, gc_paused
from .records import Assessment, Bound, Figure, Finding, Series
from .rules import span
from .series import build_series

__all__ = [
    "POLICIES",
    "Assessment",
    "Bound",
    "Figure",
    "Finding",
    "Fusion",
    "Series",
    "assess",
    "build_series",
    "describe",
    "find_findings",
    "fuse",
    "timeline",
    "day_of",
]


def day_of(value: str | None, option: str = "--as-of") -> int | None:
    """A YYYY-MM-DD (or any TIMEX3 value: its last day) as an ordinal day; None for None."""
    if value is None:
        return None
    got = span(value)
    if got is None:
        raise UsageError(f"{option}: {value!r} is not a date (use YYYY-MM-DD)")
    return got[1]


@dataclass(slots=True)
class Fusion:
    """The findings and series of a set of claims."""

    findings: list[Finding]
    series: list[Series]

    def assess(self, as_of: str | int | None = None, policy: str = "ucdp") -> list[Assessment]:
        """The assessment of every series as of a date (YYYY-MM-DD or ordinal)."""
        if policy not in POLICIES:
            raise UsageError(f"unknown policy {policy!r} (use {' or '.join(POLICIES)})")
        day = day_of(as_of) if isinstance(as_of, str) else as_of
        out = []
        with gc_paused():
            for s in self.series:
                a = assess(s, day, policy)
                if a is not None:
                    out.append(a)
        return out

    def timelines(self, policy: str = "ucdp") -> Iterator[Assessment]:
        """Every series' assessment after each of its statement days."""
        with gc_paused():
            for s in self.series:
                yield from timeline(s, policy)


def fuse(claims: Iterable[Claim], by_location: bool = False) -> Fusion:
    """Group claims into findings and series (split by location when asked)."""
    with gc_paused():
        findings = find_findings(claims)
        return Fusion(findings=findings, series=build_series(findings, by_location))
