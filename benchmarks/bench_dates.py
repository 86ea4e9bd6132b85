#!/usr/bin/env python3
"""Words per second of find_timexes on one core.

usage: benchmarks/bench_dates.py [TEXT_OR_JSONL ...] [--repeat N]

Default input: the TempEval-3 training documents (../shared/data/timebank/*.jsonl,
`doc_text`) when present, else a generated news-like text. Prints words/second.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sitrep.nlp.dates import find_timexes

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "timebank"
FALLBACK = (
    "The ministry said on Monday that since October about 1,100 soldiers had been killed, "
    "and that another 3,000 were wounded in the fighting near the river last month. "
    "Officials expect talks to resume next week, after a pause of two weeks. "
)


def load(paths: list[str]) -> list[str]:
    files = [Path(p) for p in paths] or sorted(SHARED.glob("*.jsonl"))
    texts: list[str] = []
    for path in files:
        if path.suffix == ".jsonl":
            for line in path.open(encoding="utf-8"):
                rec = json.loads(line)
                text = rec.get("doc_text") or rec.get("text")
                if rec.get("kind", "doc") == "doc" and text:
                    texts.append(text)
        else:
            texts.append(path.read_text(encoding="utf-8"))
    return texts or [FALLBACK * 400]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="*")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    texts = load(a.inputs)
    words = sum(len(t.split()) for t in texts)
    find_timexes(texts[0], "2024-12-23")  # warm-up: compile the rules
    best = float("inf")
    found = 0
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        found = sum(len(find_timexes(t, "2024-12-23")) for t in texts)
        best = min(best, time.perf_counter() - t0)
    print(f"{len(texts)} documents, {words} words, {found} time expressions")
    print(f"best of {a.repeat}: {best:.3f} s, {words / best:,.0f} words/s")


if __name__ == "__main__":
    main()
