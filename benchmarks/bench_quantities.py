"""Words per second of `find_quantities` alone, on one core, over a large generated text.

usage: python benchmarks/bench_quantities.py [--words N] [--repeat R]

The text mixes plain news prose with numbers of every kind the recogniser handles (and the
traps it must skip), at about one number per twelve words, so the figure is not flattered
by number-free text.
"""

from __future__ import annotations

import argparse
import random
import time

from sitrep.nlp.quantities import find_quantities

PROSE = (
    "the ministry said in a statement that the attack on the eastern city had been repelled "
    "while officials warned that fighting could continue for weeks near the front line and "
    "residents were urged to stay in shelters as air defence units responded overnight"
).split()
NUMBERS = [
    "at least {n} soldiers were killed",
    "about {n:,} civilians fled",
    "between {n:,} and {m:,} troops",
    "more than {n:,} drones",
    "${n} million in aid",
    "{n}-{m} people",
    "several hundred fighters",
    "tens of thousands of refugees",
    "twenty-five tanks",
    "on December {d}, 2024",
    "the KN-{d} missile and Su-{d} jets",
    "a {d}-year-old man",
    "{p}% of the vote",
    "nearly {n:,} rockets",
    "in {y}",
    "a 155-millimeter shell",
    "over {n:,} kilometers",
]


def generate(words: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    out: list[str] = []
    count = 0
    while count < words:
        chunk = rnd.sample(PROSE, 10)
        if rnd.random() < 0.9:
            n = rnd.randint(2, 50_000)
            tmpl = rnd.choice(NUMBERS)
            chunk += tmpl.format(
                n=n,
                m=n + rnd.randint(1, 5000),
                d=rnd.randint(1, 28),
                p=rnd.randint(1, 99),
                y=rnd.randint(1990, 2030),
            ).split()
        out.append(" ".join(chunk) + ".")
        count += len(chunk)
    return " ".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=500_000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    text = generate(a.words)
    n_words = len(text.split())
    find_quantities(text[:10_000])  # load the lexicon outside the timing
    best = float("inf")
    found = 0
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        found = len(find_quantities(text))
        best = min(best, time.perf_counter() - t0)
    print(f"words:        {n_words}")
    print(f"quantities:   {found}")
    print(f"seconds:      {best:.3f} (best of {a.repeat})")
    print(f"words/second: {n_words / best:,.0f}")


if __name__ == "__main__":
    main()
