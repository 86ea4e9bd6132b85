"""Series: the findings about one subject x metric (x item, location, event period) in time
order, and which of them still stand as of a date.

- A series is keyed by metric, subject, item, currency and event period (the finding's `when`
  when it names a period shorter than `event_period_max_days`: "killed yesterday" is an
  event, not a running total). Locations do not split series by default: extracted places
  are often the speaker's ("said in Seoul") or nested ("Kursk" in "Russia"), and a user
  asking for North Korean dead wants one answer; a conflict flag shows when places differ
  in substance. With `by_location`, the location is part of the key, and findings that give
  none join the one location their series gives, when it gives exactly one.
- The timeline orders findings by `when` (its last day), else by their statement day.
- Supersession: for cumulative metrics (fusion.json) a source's newer statement supersedes its
  older ones; a source is its identity (relays and copies included). For other metrics
  (supplies, aid) every figure stands, and a source's latest statement is its current one.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

from .records import Finding, Series
from .rules import norm, rules
from .sources import item_key, subject_key


def _series_key(f: Finding, location: str) -> tuple[str, ...]:
    return (
        f.metric,
        subject_key(f.subject),
        item_key(f.item),
        location,
        norm(f.unit) if f.unit and f.unit not in ("person", "item") else "",
        f.period or "",
    )


def build_series(
    findings: Iterable[Finding], by_location: bool = False, quantified_only: bool = True
) -> list[Series]:
    """Series of findings; findings without a quantity are left out unless asked for."""
    groups: dict[tuple[str, ...], list[Finding]] = defaultdict(list)
    for f in findings:
        if quantified_only and f.quantity is None:
            continue
        groups[_series_key(f, norm(f.location) if by_location else "")].append(f)
    if by_location:
        _fold_unlocated(groups)
    cumulative = rules().cumulative
    out: list[Series] = []
    for key, members in groups.items():
        members.sort(key=lambda f: (f.date or 0, f.day or 0, f.id))
        first = members[0]
        located = list(dict.fromkeys(f.location for f in members if f.location))
        out.append(
            Series(
                id="S" + hashlib.blake2b("|".join(key).encode(), digest_size=6).hexdigest(),
                subject=first.subject,
                metric=first.metric,
                item=first.item,
                location=located[0] if len(located) == 1 else None,
                locations=located,
                unit=first.unit,
                period=first.period,
                cumulative=first.metric in cumulative,
                findings=members,
            )
        )
    out.sort(key=lambda s: (s.subject, s.metric, s.item or "", s.location or "", s.period or ""))
    return out


def _fold_unlocated(groups: dict[tuple[str, ...], list[Finding]]) -> None:
    """Move findings without a location into their series' only location, if it has one."""
    places: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key in groups:
        if key[3]:
            places[key[:3] + key[4:]].append(key)
    for key in list(groups):
        if key[3]:
            continue
        located = places.get(key[:3] + key[4:], [])
        if len(located) == 1:
            groups[located[0]].extend(groups.pop(key))


def change_days(series: Series) -> list[int]:
    """The days on which the series' assessment can change: its findings' statement days."""
    return sorted({f.day for f in series.findings if f.day is not None})
