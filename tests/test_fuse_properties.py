"""Properties of fusion on random small ledgers (hypothesis): every claim lands in exactly one
finding, the input's order never matters, and assessments are ordered and contain their
sources' figures."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.fuse import fuse, timeline
from sitrep.fuse.rules import anchor
from test_fuse_findings import DOD, NIS, claim

SOURCES = [
    NIS,
    DOD,
    {"name": "Lee Seong-gwon", "kind": "official", "country": "KR"},
    {"name": "South Korea", "kind": "government", "country": "KR"},
    {"name": "the agency's briefing"},
    None,
]
QUALIFIED = [
    (100, "exact"),
    (100, "approx"),
    (100, "almost"),
    (300, "more_than"),
    (None, "vague"),
    (1000, "approx"),
]


@st.composite
def ledgers(draw: Any) -> list[Any]:
    n = draw(st.integers(min_value=1, max_value=14))
    out = []
    for i in range(n):
        value, qual = draw(st.sampled_from(QUALIFIED))
        extra: dict[str, Any] = {"low": 200, "high": 999} if value is None else {}
        day = draw(st.integers(min_value=1, max_value=28))
        stated = draw(st.sampled_from([None, f"2024-12-{day:02d}", "2024-12", "2024-W51"]))
        out.append(
            claim(
                f"a{i % 9}",
                f"Outlet {draw(st.integers(0, 4))}",
                f"2024-12-{day:02d}",
                value=value,
                qualifier=qual,
                metric=draw(st.sampled_from(["casualties.killed", "casualties.total"])),
                source=draw(st.sampled_from(SOURCES)),
                stated=stated,
                via=draw(st.sampled_from([[], ["Lee Seong-kweun"]])),
                location=draw(st.sampled_from([None, "Kursk Oblast", "Seoul"])),
                modality=draw(st.sampled_from(["asserted", "asserted", "estimated", "denied"])),
                id=f"c{i}",
                **extra,
            )
        )
    return out


def partition(result: Any) -> set[tuple[str, frozenset[str]]]:
    return {(f.id, frozenset(f.claim_ids)) for f in result.findings}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers(), st.randoms(use_true_random=False))
def test_fusion_properties(ledger: list[Any], rnd: Any) -> None:
    result = fuse(ledger)
    # every claim is in exactly one finding; a finding's claims state one figure
    ids = sorted(cid for f in result.findings for cid in f.claim_ids)
    assert ids == sorted(f"c{i}" for i in range(len(ledger)))
    for f in result.findings:
        assert len({(c.metric, anchor(c.quantity)) for c in f.claims}) == 1
        assert 1 <= len(f.outlets) <= len(f.claims)
        assert f.independent_sources >= 1
    # the order of the input does not matter
    shuffled = list(ledger)
    rnd.shuffle(shuffled)
    assert partition(fuse(shuffled)) == partition(result)
    # assessments are ordered, contain their sources' figures, and match the timeline's end
    for s in result.series:
        ucdp = result.assess(policy="ucdp")
        acled = result.assess(policy="acled")
        for a in ucdp + acled:
            assert a.low.value is not None and a.high.value is not None
            assert a.low.value <= a.best.value <= a.high.value
            for g in a.figures:
                assert a.low.value <= g.low <= g.best <= g.high <= a.high.value
        steps = list(timeline(s))
        final = next((a for a in ucdp if a.series is s), None)
        if steps and final is not None:
            assert (steps[-1].low.value, steps[-1].best.value, steps[-1].high.value) == (
                final.low.value,
                final.best.value,
                final.high.value,
            )
    for a in result.assess(policy="acled"):
        assert a.best.value == a.low.value
