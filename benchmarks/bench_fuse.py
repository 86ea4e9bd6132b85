"""Benchmark: fuse N synthetic claims (default 1,000,000) into findings, series and assessments.

Prints the time of each stage and the peak resident memory. Targets: under 60 s on one core
and under 4 GB for 1,000,000 claims.

    .venv/bin/python benchmarks/bench_fuse.py [--claims N] [--seed S]

The ledger imitates real reporting: statements by ~80 known sources (and some unknown or
unattributed ones) about 40 parties, each carried by one to six outlets in different
wordings, some relayed through intermediaries, some restated a few days later, with
cumulative figures that grow over three years.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import date, timedelta

from sitrep.fuse import fuse
from sitrep.records import METRICS, Article, Claim, Quantity, Source, Via

QUALIFIERS = ("exact", "approx", "approx", "almost", "at_least", "more_than")


def synthetic(n: int, seed: int) -> list[Claim]:
    rng = random.Random(seed)
    subjects = [f"Party {i}" for i in range(40)]
    sources: list[Source | None] = [
        Source(f"Agency Number {i}", "intelligence", "KR") for i in range(80)
    ]
    sources += [Source(f"unnamed official {i}") for i in range(8)] + [None] * 8
    relays = [f"Lawmaker Kim {i}" for i in range(10)]
    outlets = [f"Outlet {i}" for i in range(300)]
    start = date(2022, 1, 1)
    claims: list[Claim] = []
    articles: dict[tuple[int, str], Article] = {}
    counter = 0
    while len(claims) < n:
        metric = rng.choice(METRICS)
        subject = rng.choice(subjects)
        source = rng.choice(sources)
        day = rng.randrange(0, 1100)
        base = 100 + day * rng.randrange(1, 20)
        value = float(round(base, -1))
        stated = (start + timedelta(days=day)).isoformat()
        via = [Via(rng.choice(relays))] if rng.random() < 0.2 else []
        location = rng.choice((None, None, "Kursk Oblast", "Donetsk Oblast"))
        for _ in range(rng.randrange(1, 7)):
            lag = rng.randrange(0, 4)
            published = (start + timedelta(days=day + lag)).isoformat()
            outlet = rng.choice(outlets)
            key = (day + lag, outlet)
            art = articles.get(key)
            if art is None:
                art = articles[key] = Article(
                    id=f"a{len(articles)}",
                    text="",
                    outlet=outlet,
                    published=published,
                    title=f"{outlet} report",
                )
            qual = rng.choice(QUALIFIERS)
            counter += 1
            claims.append(
                Claim(
                    article=art,
                    text="Synthetic sentence.",
                    span=(0, 19),
                    metric=metric,
                    subject=subject,
                    quantity=Quantity(
                        0,
                        5,
                        f"{value:,.0f}",
                        value,
                        value if qual in ("exact", "at_least", "more_than") else None,
                        value if qual in ("exact", "almost") else None,
                        qual,
                        "person",
                    ),
                    source=source,
                    stated=stated if lag == 0 or rng.random() < 0.5 else None,
                    location=location,
                    via=via,
                    id=f"c{counter}",
                )
            )
    return claims[:n]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    claims = synthetic(args.claims, args.seed)
    t1 = time.perf_counter()
    print(
        f"generated {len(claims):,} claims in {t1 - t0:.1f} s (not counted); "
        f"peak RSS {peak_mb():,.0f} MB",
        flush=True,
    )

    t1 = time.perf_counter()
    result = fuse(claims)
    t2 = time.perf_counter()
    n_out = sum(len(f.outlets) for f in result.findings)
    print(
        f"findings: {len(result.findings):,} from {len(claims):,} claims "
        f"({n_out / len(result.findings):.2f} outlets each), {len(result.series):,} series "
        f"in {t2 - t1:.1f} s",
        flush=True,
    )

    current = result.assess(policy="ucdp")
    t3 = time.perf_counter()
    print(f"current assessments: {len(current):,} in {t3 - t2:.1f} s", flush=True)

    steps = sum(1 for _ in result.timelines("ucdp"))
    t4 = time.perf_counter()
    print(f"timeline assessments (export rows): {steps:,} in {t4 - t3:.1f} s", flush=True)

    total = t4 - t1
    print(
        f"TOTAL fusion {total:.1f} s for {len(claims):,} claims "
        f"({len(claims) / total:,.0f} claims/s); peak RSS {peak_mb():,.0f} MB "
        f"(targets: < 60 s, < 4,096 MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
