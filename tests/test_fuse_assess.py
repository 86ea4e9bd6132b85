"""Series, supersession, the ucdp and acled policies and conflict flags, on small ledgers."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.errors import UsageError
from sitrep.fuse import fuse, timeline
from sitrep.fuse.rules import figure, interval
from sitrep.records import Quantity
from test_fuse_findings import DOD, NIS, claim

CCD = {"name": "Center for Countering Disinformation", "kind": "government", "country": "UA"}
ZEL = {"name": "Volodymyr Zelensky", "kind": "official", "country": "UA"}


def q(value: float | None, qualifier: str, low: float | None = None, high: float | None = None):
    return Quantity(0, 0, "", value, low, high, qualifier)


def d(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        (q(100, "exact", 100, 100), (100, 100)),
        (q(1000, "approx"), (900, 1100)),
        (q(200, "more_than", 200), (200, float("inf"))),
        (q(100, "at_least", 100), (100, float("inf"))),
        (q(100, "at_most", None, 100), (0, 100)),
        (q(1000, "almost", None, 1000), (900, 1000)),
        (q(None, "range", 8000, 9000), (8000, 9000)),
        (q(None, "vague", 300, 999), (300, 999)),
    ],
)
def test_implied_intervals(quantity: Quantity, expected: tuple[float, float]) -> None:
    lo, hi = interval(quantity)
    assert lo == pytest.approx(expected[0]) and hi == expected[1]


def test_figures_range_takes_its_midpoint_vague_its_lower_bound() -> None:
    assert figure(q(None, "range", 8000, 9000)) == (8000, 8500, 9000)
    assert figure(q(None, "vague", 300, 999)) == (300, 300, 999)
    assert figure(q(200, "more_than", 200)) == (200, 200, 200)


def ledger_december() -> list:
    """North Korean casualties in December 2024 as four independent sources put them."""
    return [
        claim(
            "a1",
            "Seoul Daily",
            "2024-12-20",
            value=1100,
            qualifier="approx",
            metric="casualties.total",
            source=NIS,
            stated="2024-12-19",
        ),
        claim(
            "a2",
            "Wire Agency",
            "2024-12-20",
            value=1100,
            qualifier="approx",
            metric="casualties.total",
            source=NIS,
            stated="2024-12-19",
        ),
        claim(
            "a3",
            "Kyiv Courier",
            "2024-12-18",
            value=200,
            qualifier="more_than",
            metric="casualties.total",
            source=CCD,
        ),
        claim(
            "a4",
            "Capital Post",
            "2024-12-17",
            value=None,
            qualifier="vague",
            low=300,
            high=999,
            metric="casualties.total",
            source=DOD,
        ),
        claim(
            "a5",
            "Kyiv Courier",
            "2024-12-23",
            value=3000,
            qualifier="approx",
            metric="casualties.total",
            source=ZEL,
        ),
    ]


def test_ucdp_median_low_high_and_which_findings_made_them() -> None:
    result = fuse(ledger_december())
    (a,) = result.assess(as_of="2024-12-31", policy="ucdp")
    assert a.number_of_sources == 4
    assert (a.low.value, a.best.value, a.high.value) == (
        200,
        700,
        3000,
    )  # median of 200,300,1100,3000
    by_id = {f.id: f for f in result.findings}
    assert {by_id[i].source_name for i in a.low.findings} == {CCD["name"]}
    assert {by_id[i].source_name for i in a.high.findings} == {ZEL["name"]}
    assert {by_id[i].source_name for i in a.best.findings} == {DOD["name"], NIS["name"]}
    assert "median" in a.best.rule
    assert len(a.outlets) == 4  # Seoul Daily, Wire Agency, Kyiv Courier, Capital Post
    # every independent source's figure lies within the range
    for fig in a.figures:
        assert a.low.value <= fig.best <= a.high.value


def test_acled_takes_the_most_conservative_figure() -> None:
    (a,) = fuse(ledger_december()).assess(as_of="2024-12-31", policy="acled")
    assert a.best.value == a.low.value == 200
    assert a.high.value == 3000
    assert "conservative" in a.best.rule


def test_as_of_leaves_out_what_was_said_later() -> None:
    (a,) = fuse(ledger_december()).assess(as_of="2024-12-18")
    assert {f.source for f in a.figures} == {CCD["name"], DOD["name"]}
    assert a.best.value == 250


def test_conflict_when_independent_ranges_do_not_overlap() -> None:
    result = fuse(ledger_december())
    (a,) = result.assess(as_of="2024-12-31")
    assert a.conflict
    pairs = {frozenset(p) for p in a.conflicts}
    # about 1,100 = [990, 1210] and about 3,000 = [2700, 3300] do not overlap;
    # "several hundred" [300, 999] overlaps 1,100's interval; "more than 200" overlaps all
    assert frozenset({NIS["name"], ZEL["name"]}) in pairs
    assert frozenset({DOD["name"], ZEL["name"]}) in pairs
    assert frozenset({NIS["name"], DOD["name"]}) not in pairs
    assert not any(CCD["name"] in p for p in pairs)


def test_no_conflict_when_ranges_overlap() -> None:
    ledger = [
        claim(
            "a1",
            "A",
            "2024-12-20",
            value=100,
            qualifier="at_least",
            metric="casualties.killed",
            source=NIS,
        ),
        claim(
            "a2",
            "B",
            "2024-12-20",
            value=None,
            qualifier="vague",
            low=200,
            high=999,
            metric="casualties.killed",
            source=DOD,
        ),
    ]
    (a,) = fuse(ledger).assess()
    assert not a.conflict and a.number_of_sources == 2


def test_a_sources_newer_figure_supersedes_its_older_one_for_cumulative_metrics() -> None:
    ledger = [
        claim("a1", "A", "2024-12-20", value=100, metric="casualties.killed", source=NIS),
        claim("a2", "B", "2025-01-13", value=300, metric="casualties.killed", source=NIS),
        claim("a3", "C", "2025-02-27", value=600, metric="casualties.killed", source=NIS),
    ]
    result = fuse(ledger)
    (s,) = result.series
    assert s.cumulative and [f.quantity.value for f in s.findings] == [100, 300, 600]
    (a,) = result.assess(as_of="2025-01-31")
    assert (a.low.value, a.best.value, a.high.value) == (300, 300, 300)
    assert a.number_of_sources == 1
    superseded = [fid for fid, why in a.excluded if "superseded" in why]
    assert superseded == [s.findings[0].id]
    steps = [(x.as_of, x.best.value) for x in timeline(s)]
    assert steps == [(d("2024-12-20"), 100), (d("2025-01-13"), 300), (d("2025-02-27"), 600)]


def test_non_cumulative_figures_all_stand_in_the_timeline() -> None:
    us = {"name": "United States Department of State", "kind": "government", "country": "US"}
    ledger = [
        claim(
            "a1",
            "A",
            "2024-11-04",
            value=1e6,
            qualifier="more_than",
            low=1e6,
            metric="materiel.supplied",
            item="artillery round",
            source=us,
            unit="item",
        ),
        claim(
            "a2",
            "B",
            "2024-12-04",
            value=2e6,
            qualifier="more_than",
            low=2e6,
            metric="materiel.supplied",
            item="artillery round",
            source=us,
            unit="item",
        ),
    ]
    (s,) = fuse(ledger).series
    assert not s.cumulative
    (a,) = fuse(ledger).assess()
    assert a.best.value == 2e6
    assert all("superseded" not in why for _, why in a.excluded)


def test_denied_figures_are_excluded_and_listed() -> None:
    rsf = {"name": "Rapid Support Forces", "kind": "military", "country": None}
    un = {"name": "United Nations", "kind": "international", "country": None}
    ledger = [
        claim(
            "a1",
            "A",
            "2025-04-15",
            value=300,
            qualifier="more_than",
            metric="casualties.killed",
            subject="Sudan",
            source=un,
        ),
        claim(
            "a2",
            "B",
            "2025-04-16",
            value=300,
            qualifier="exact",
            metric="casualties.killed",
            subject="Sudan",
            source=rsf,
            modality="denied",
        ),
    ]
    (a,) = fuse(ledger).assess()
    assert a.number_of_sources == 1 and a.best.value == 300
    assert [why for _, why in a.excluded] == ["denied: denied figures are not counted"]


def test_possible_figures_count_only_when_nothing_credible_is_known() -> None:
    ledger = [
        claim(
            "a1",
            "A",
            "2024-01-10",
            value=150000,
            qualifier="more_than",
            subject="Sudan",
            metric="casualties.killed",
            source=DOD,
            modality="possible",
        ),
    ]
    (a,) = fuse(ledger).assess()
    assert a.basis == "weak" and a.best.value == 150000
    ledger.append(
        claim(
            "a2",
            "B",
            "2024-01-11",
            value=20000,
            qualifier="at_least",
            subject="Sudan",
            metric="casualties.killed",
            source=NIS,
        )
    )
    (a,) = fuse(ledger).assess()
    assert a.basis == "credible" and a.high.value == 20000
    assert any("possible" in why for _, why in a.excluded)


def test_places_pool_into_one_series_by_default() -> None:
    ledger = [
        claim(
            "a1",
            "A",
            "2024-12-20",
            value=100,
            metric="casualties.killed",
            source=NIS,
            location="Kursk Oblast",
        ),
        claim("a2", "B", "2024-12-22", value=200, metric="casualties.killed", source=DOD),
        claim(
            "a3",
            "C",
            "2024-12-22",
            value=150,
            metric="casualties.killed",
            source=ZEL,
            location="Seoul",
        ),  # the speaker's place, as extractors often give it
    ]
    (s,) = fuse(ledger).series
    assert s.location is None and s.locations == ["Kursk Oblast", "Seoul"]
    assert "Kursk Oblast / Seoul" in s.label
    (a,) = fuse(ledger).assess()
    assert (a.low.value, a.best.value, a.high.value) == (100, 150, 200)


def test_by_location_splits_series_and_unlocated_findings_join_the_only_location() -> None:
    ledger = [
        claim(
            "a1",
            "A",
            "2024-12-20",
            value=100,
            metric="casualties.killed",
            source=NIS,
            location="Kursk Oblast",
        ),
        claim("a2", "B", "2024-12-22", value=200, metric="casualties.killed", source=DOD),
    ]
    (s,) = fuse(ledger, by_location=True).series
    assert s.location == "Kursk Oblast" and len(s.findings) == 2
    ledger.append(
        claim(
            "a3",
            "C",
            "2024-12-22",
            value=7,
            metric="casualties.killed",
            source=ZEL,
            location="Kharkiv",
        )
    )
    assert len(fuse(ledger, by_location=True).series) == 3
    assert len(fuse(ledger).series) == 1


def test_event_period_figures_form_their_own_series() -> None:
    gs = {
        "name": "General Staff of the Armed Forces of Ukraine",
        "kind": "military",
        "country": "UA",
    }
    ledger = [
        claim(
            "a1",
            "A",
            "2024-03-03",
            value=414180,
            qualifier="approx",
            subject="Russia",
            metric="casualties.total",
            source=gs,
            when="2022-02-24/2024-03-03",
        ),
        claim(
            "a2",
            "A",
            "2024-03-03",
            value=1120,
            subject="Russia",
            metric="casualties.total",
            source=gs,
            when="2024-03-02",
        ),
    ]
    series = fuse(ledger).series
    assert sorted((s.period or "") for s in series) == ["", "2024-03-02"]
    # a period still running when the source speaks is a running total, not an event
    ledger.append(
        claim(
            "a3",
            "B",
            "2024-03-03",
            value=9000,
            subject="Russia",
            source=DOD,
            metric="casualties.total",
            when="2024-W09",
        )
    )
    series = fuse(ledger).series
    assert sorted(len(s.findings) for s in series) == [1, 2]


def test_unknown_policy_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        fuse(ledger_december()).assess(policy="median")


def test_bad_as_of_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--as-of"):
        fuse(ledger_december()).assess(as_of="December")


def test_a_state_and_a_person_go_with_their_body_in_the_assessment() -> None:
    us = {"name": "United States", "kind": "government", "country": "US"}
    ryder = {"name": "Pat Ryder", "kind": "government", "country": "US"}
    ledger = [
        claim(
            "a1",
            "A",
            "2024-12-17",
            value=None,
            qualifier="vague",
            low=300,
            high=999,
            metric="casualties.total",
            source=DOD,
        ),
        claim(
            "a2",
            "B",
            "2024-12-17",
            value=None,
            qualifier="vague",
            low=200,
            high=999,
            metric="casualties.total",
            source=us,
        ),
        claim(
            "a3",
            "C",
            "2024-12-17",
            value=500,
            qualifier="more_than",
            metric="casualties.total",
            source=ryder,
        ),
        claim(
            "a4",
            "D",
            "2024-12-19",
            value=1100,
            qualifier="approx",
            metric="casualties.total",
            source=NIS,
        ),
    ]
    (a,) = fuse(ledger).assess()
    assert a.number_of_sources == 2
    dod = next(g for g in a.figures if g.source == DOD["name"])
    assert len(dod.findings) == 3 and (dod.low, dod.high) == (200, 999)
    assert (a.low.value, a.high.value) == (200, 1100)


def test_sources_nobody_can_identify_count_once_in_the_assessment() -> None:
    ledger = [
        claim(
            "a1",
            "A",
            "2024-12-19",
            value=10000,
            qualifier="more_than",
            metric="personnel.deployed",
            source={"name": "Lee"},
        ),
        claim(
            "a2",
            "B",
            "2024-12-20",
            value=12000,
            qualifier="approx",
            metric="personnel.deployed",
            source=None,
        ),
        claim(
            "a3",
            "C",
            "2024-12-23",
            value=11000,
            qualifier="approx",
            metric="personnel.deployed",
            source=NIS,
        ),
    ]
    (a,) = fuse(ledger).assess()
    assert a.number_of_sources == 2
    loose = next(g for g in a.figures if g.source != NIS["name"])
    assert loose.source == "unattributed or unidentified sources (Lee)"
    assert (loose.low, loose.high) == (10000, 12000)
    assert (a.low.value, a.high.value) == (10000, 12000)


def test_the_median_of_two_counts_is_a_whole_count() -> None:
    uaf = {"name": "Ukrainian Air Force", "kind": "military", "country": "UA"}
    ledger = [
        claim(
            "a1",
            "A",
            "2024-12-25",
            value=59,
            metric="materiel.destroyed",
            subject="Russia",
            item="missile",
            source=uaf,
            unit="item",
        ),
        claim(
            "a2",
            "B",
            "2024-12-25",
            value=104,
            metric="materiel.destroyed",
            subject="Russia",
            item="missile",
            source=DOD,
            unit="item",
        ),
    ]
    (a,) = fuse(ledger).assess()
    assert (a.low.value, a.best.value, a.high.value) == (59, 82, 104)


def test_unidentified_reports_widen_the_range_but_raise_no_conflict() -> None:
    ledger = [
        claim(
            "a1",
            "A",
            "2024-12-16",
            value=5,
            metric="casualties.killed",
            subject="Palestine",
            source={"name": "a witness"},
        ),
        claim(
            "a2",
            "B",
            "2024-12-16",
            value=45028,
            metric="casualties.killed",
            subject="Palestine",
            source={"name": "Gaza Health Ministry", "country": "PS"},
        ),
    ]
    (a,) = fuse(ledger).assess()
    assert (a.low.value, a.high.value) == (5, 45028)
    assert not a.conflict
