"""Articles per second and peak memory of claim extraction (`extract_batch`) on one core.

usage: python benchmarks/bench_extract.py [--articles N] [--words W] [--seed S]

Articles are generated from our own templates: a headline, a wire dateline, attributed
figures of every metric (with hedges, relays, dates and non-count numbers such as calibres
and ranges) mixed with number-free background prose, about W words each (default 600).
The model is loaded and warmed up before the clock starts.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core

import argparse  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402

from sitrep.claims import extract_batch  # noqa: E402
from sitrep.records import Article  # noqa: E402

PARTIES = ["Russia", "Ukraine", "North Korea", "Israel", "Sudan", "Iran", "Myanmar", "Ethiopia"]
PLACES = ["Kharkiv", "Kursk", "Gaza", "El Fasher", "Sagaing", "Amhara", "Odesa", "Rafah"]
SOURCES = [
    "the health ministry",
    "Ukraine's air force",
    "the National Intelligence Service",
    "regional governor Oleh Kiper",
    "the United Nations",
    "the Pentagon",
    "Kremlin spokesman Dmitry Peskov",
    "local officials",
    "the army spokesman",
]
FIGURES = [
    "At least {n} civilians were killed and {m} wounded in {place} on {day}, {src} said.",
    "{src} said {p} had sent about {n:,} soldiers to {q} since {month}.",
    "According to {src}, {p} launched {n} drones and {k} ballistic missiles overnight.",
    "Air defences shot down {k} of the drones, {src} said in a statement.",
    "{src} estimated that {p} had lost between {n:,} and {m:,} troops.",
    "More than {n:,} people have fled {place} since {month}, according to {src}.",
    "{src} said {p} was preparing to supply 240 mm rocket launchers and 170 mm guns.",
    "The {k}-year-old victim was among the dead, {src} said.",
    "{p} pledged ${k} million in military aid, {src} said on {day}.",
    "Lawmaker Lee said, citing {src}, that {p} has shipped more than {n:,} containers of shells.",
    "The missiles, which have a range of about {n} kilometers, struck {place}, {src} said.",
    "{src} denied that any {p} troops were in {q}.",
]
PROSE = [
    "Residents spent the night in shelters as sirens sounded across the region.",
    "The talks between the two delegations ended without an agreement on a ceasefire.",
    "Aid groups warned that supplies of food, water and fuel were running low in the area.",
    "The government has repeatedly called on its allies to send more air defence systems.",
    "Analysts said the fighting was likely to intensify as the weather improved.",
    "The foreign ministry summoned the ambassador to protest against the attack.",
    "Officials have not published a full account of the damage to the power grid.",
    "The region has been the scene of heavy fighting since the start of the year.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "October", "November"]


def article(i: int, words: int, rnd: random.Random) -> Article:
    p, q = rnd.sample(PARTIES, 2)
    lines = [f"{p} says {rnd.randint(2, 900)} killed in {rnd.choice(PLACES)}"]
    body: list[str] = []
    count = 0
    while count < words:
        if rnd.random() < 0.55:
            s = rnd.choice(FIGURES).format(
                n=rnd.randint(2, 20_000),
                m=rnd.randint(2, 40_000),
                k=rnd.randint(2, 90),
                p=p,
                q=q,
                place=rnd.choice(PLACES),
                src=rnd.choice(SOURCES),
                day=rnd.choice(DAYS),
                month=rnd.choice(MONTHS),
            )
            s = s[0].upper() + s[1:]
        else:
            s = rnd.choice(PROSE)
        body.append(s)
        count += len(s.split())
    lines.append("KYIV, May 6 (Bench Wire) - " + " ".join(body[:2]))
    for k in range(2, len(body), 3):
        lines.append(" ".join(body[k : k + 3]))
    return Article(
        id=f"bench-{i}", text="\n".join(lines), outlet="Bench Wire", published="2024-05-06"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--words", type=int, default=600)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    arts = [article(i, a.words, rnd) for i in range(a.articles)]
    words = sum(len(x.text.split()) for x in arts)
    for _ in extract_batch(arts[:5]):  # load the model and warm up
        pass
    t0, c0 = time.perf_counter(), time.process_time()
    claims = sum(len(cs) for _, cs in extract_batch(arts))
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(arts)} ({words / len(arts):.0f} words each), claims: {claims}")
    print(f"wall: {dt:.2f} s  ->  {len(arts) / dt:.1f} articles/s, {words / dt:,.0f} words/s")
    print(f"cpu:  {cpu:.2f} s  ->  {len(arts) / cpu:.1f} articles/s (one core; the figure that")
    print("      counts on a shared machine, where wall time includes other processes)")
    print(f"peak resident memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
