"""Ledger speed: ingest throughput (extraction included) and filtered claim queries at scale.

usage: python benchmarks/bench_ledger.py [--articles N] [--claims M] [--db URL] [--keep]

1. ingest: N generated articles (one JSON file each, a few claims apiece) through the real
   `sitrep ingest` code path: reading, claim extraction, storing; articles/s. Then the same
   files again (all unchanged) and the store alone (put_article of ready-made claims).
2. query: a ledger of M claims (M/5 articles of 5 claims), then the time of filtered
   `store.claims()` calls and of the whole `sitrep claims --format csv` command in-process,
   median of 5 runs each. Target: under 100 ms at 100,000 claims.

--db takes a postgresql:// URL (an empty database) to measure PostgreSQL; the default is a
SQLite file in a temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sitrep.cli import main as cli
from sitrep.records import Article, Claim, Quantity, Source, Via
from sitrep.store import open_store
from sitrep.store.load import ingest

SUBJECTS = ("Russia", "Ukraine", "North Korea", "Israel", "Palestine", "Sudan", "Myanmar")
METRICS = ("casualties.killed", "casualties.wounded", "materiel.used", "people.displaced")
SOURCES = (
    Source("Ministry of Defence of Ukraine", "military", "UA", "the ministry"),
    Source("National Intelligence Service", "intelligence", "KR", "the NIS"),
    Source("United Nations", "international", None, "the UN"),
    Source("Institute for the Study of War", "other", "US", "ISW"),
)
PLACES = ("the river crossing", "the northern ridge", "the rail depot", "the old airfield")


def write_articles(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        text = (
            f"Shelling near {place} continued on Monday, report {i} said. "
            f"Ukraine's defence ministry said {i % 90 + 3} Russian soldiers were killed and "
            f"about {i % 40 + 10} wounded in the attack. The regional governor said more than "
            f"{100 + i} Ukrainians had fled their homes since Friday. Ukrainian officials added "
            f"that {i % 12 + 2} Russian drones had been shot down overnight."
        )
        doc = {
            "id": f"b{i:05d}",
            "url": f"https://bench.example/{i}",
            "outlet": f"Outlet {i % 9}",
            "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "text": text,
        }
        (folder / f"a{i:05d}.json").write_text(json.dumps(doc), "utf-8")


def bench_ingest(db: str, tmp: Path, n: int) -> None:
    folder = tmp / "articles"
    write_articles(folder, n)
    with open_store(db) as store:
        t0 = time.perf_counter()
        first = ingest(store, [str(folder)])
        t1 = time.perf_counter()
        again = ingest(store, [str(folder)])
        t2 = time.perf_counter()
    print(
        f"ingest {n} articles (read + extract + store): {t1 - t0:.2f} s, {n / (t1 - t0):.0f} articles/s"
    )
    print(f"  {first.line()}")
    print(f"re-ingest, all unchanged: {t2 - t1:.2f} s, {n / (t2 - t1):.0f} articles/s")
    print(f"  {again.line()}")


def claim_set(i: int) -> tuple[Article, list[Claim]]:
    text = f"Article {i}: " + " ".join(f"Sentence {k} about the fighting." for k in range(5))
    art = Article(
        id=f"q{i:06d}",
        text=text,
        url=f"https://scale.example/{i}",
        outlet=f"Outlet {i % 17}",
        published=(date(2022, 1, 1) + timedelta(days=i % 1000)).isoformat(),
    )
    found = []
    for k in range(5):
        n = (i * 7 + k * 13) % 5000 + 1
        start = text.index(f"Sentence {k}")
        found.append(
            Claim(
                article=art,
                text=f"Sentence {k} about the fighting near {PLACES[(i + 3 * k) % 4]}.",
                span=(start, start + 30),
                metric=METRICS[(i + k) % len(METRICS)],
                subject=SUBJECTS[(i * 3 + k) % len(SUBJECTS)],
                quantity=Quantity(
                    start, start + 3, str(n), float(n), float(n), float(n), "exact", "person"
                ),
                source=SOURCES[(i + 2 * k) % len(SOURCES)],
                stated=art.published,
                location=["Kursk Oblast", "Gaza Strip", "Donetsk Oblast", None][(i + k) % 4],
                via=[Via("Yonhap", "Yonhap")] if (i + k) % 5 == 0 else [],
            )
        )
    return art, found


def median_ms(fn: Callable[[], Any], runs: int = 5) -> tuple[float, Any]:
    times, got = [], None
    for _ in range(runs):
        t = time.perf_counter()
        got = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), got


def bench_queries(db: str, n_claims: int) -> None:
    n_articles = n_claims // 5
    with open_store(db) as store:
        have = store.stats().claims
        t0 = time.perf_counter()
        for i in range(n_articles if have < n_claims else 0):
            art, found = claim_set(i)
            store.put_article(art, found)
        t1 = time.perf_counter()
        if have < n_claims:
            print(
                f"store {n_articles} articles / {n_articles * 5} claims (store only): "
                f"{t1 - t0:.1f} s, {n_articles / (t1 - t0):.0f} articles/s"
            )
        print(f"ledger: {store.stats().claims} claims")
        cases: list[tuple[str, dict[str, Any]]] = [
            ("metric + subject", {"metric": "casualties.killed", "subject": "North Korea"}),
            (
                "metric family + since/until",
                {"metric": "casualties", "since": "2023-03-01", "until": "2023-03-31"},
            ),
            ("source alias + location", {"source": "the NIS", "location": "Kursk Oblast"}),
            (
                "search (full text) + metric",
                {"search": "river crossing", "metric": "materiel.used"},
            ),
            ("subject, limit 100", {"subject": "Sudan", "limit": 100}),
        ]
        for label, kw in cases:

            def query(kw: dict[str, Any] = kw) -> list[Any]:
                return store.claims(**kw)

            ms, got = median_ms(query)
            print(f"store.claims({label}): {ms:.1f} ms, {len(got)} claims")
    argv = [
        "claims",
        "--db",
        db,
        "--metric",
        "casualties.killed",
        "--subject",
        "North Korea",
        "--since",
        "2023-01-01",
        "--until",
        "2023-06-30",
        "--format",
        "csv",
    ]
    sink = io.StringIO()

    def run_cli() -> int:
        sink.seek(0)
        sink.truncate()
        with contextlib.redirect_stdout(sink):
            return cli(argv)

    ms, _ = median_ms(run_cli)
    rows = sink.getvalue().count("\n") - 1
    print(
        f"sitrep claims --metric --subject --since --until --format csv (in-process, "
        f"open + migrate check + query + CSV): {ms:.1f} ms, {rows} rows"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--db", help="postgresql:// URL of an empty database (default: temp SQLite)")
    ap.add_argument("--skip-ingest", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_ingest:
            bench_ingest(args.db or str(Path(tmp) / "ingest.db"), Path(tmp), args.articles)
        bench_queries(args.db or str(Path(tmp) / "scale.db"), args.claims)


if __name__ == "__main__":
    main()
