"""Throughput of Catalog.find_mentions (and lookup) on a generated conflict-news text.

Run: .venv/bin/python benchmarks/bench_catalog.py [--mb 2]
Prints characters per second; the text is built from sentences written here, repeated and
shuffled with catalogue names so that matches are dense, as in real conflict reporting.
"""

from __future__ import annotations

import argparse
import random
import time

from sitrep.catalog import Catalog

TEMPLATES = (
    "{a} said on Monday that {b} had lost about 1,200 soldiers near {c} since the start of the month.",
    "According to {a}, the attack involved {d} launched from {c}, and {b} denied any role.",
    "Officials in {c} told reporters that {a} was preparing to send more {d} to {b}.",
    "The statement, which could not be independently verified, came after weeks of heavy fighting.",
    "Residents described long queues for water and fuel as prices rose sharply in the market.",
    "{a}'s spokesman declined to comment on the report, citing operational security.",
)


def build_text(cat: Catalog, size: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    by_type: dict[str, list[str]] = {}
    for e in cat.entities:
        by_type.setdefault(e.type, []).append(rng.choice(e.names))
    actors = by_type["country"] + by_type["military"] + by_type["intelligence"] + by_type["person"]
    places, weapons = by_type["place"], by_type["weapon"]
    parts: list[str] = []
    total = 0
    while total < size:
        s = rng.choice(TEMPLATES).format(
            a=rng.choice(actors), b=rng.choice(actors), c=rng.choice(places), d=rng.choice(weapons)
        )
        parts.append(s)
        total += len(s) + 1
    return " ".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=2.0, help="megabytes of text to scan")
    args = ap.parse_args()
    t0 = time.perf_counter()
    cat = Catalog.load()
    load_s = time.perf_counter() - t0
    text = build_text(cat, int(args.mb * 1_000_000))
    cat.find_mentions(text[:10_000])  # warm up
    t0 = time.perf_counter()
    mentions = cat.find_mentions(text)
    dt = time.perf_counter() - t0
    names = [m.text for m in mentions[:20_000]]
    t1 = time.perf_counter()
    for n in names:
        cat.lookup(n)
    lt = time.perf_counter() - t1
    print(f"catalogue: {len(cat)} entities, loaded in {load_s * 1000:.0f} ms")
    print(f"find_mentions: {len(text):,} chars, {len(mentions):,} mentions in {dt:.2f} s")
    print(f"find_mentions throughput: {len(text) / dt:,.0f} chars/s")
    print(f"lookup: {len(names) / lt:,.0f} names/s")


if __name__ == "__main__":
    main()
