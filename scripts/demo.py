"""`make demo`: ingest the bundled sample corpus into a fresh ledger, summarise, fuse, report.

Writes out/demo.db and out/report.html, printing each command it runs and what it prints.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out"
DB = OUT / "demo.db"
SITREP = ROOT / ".venv" / "bin" / "sitrep"


def run(*args: str) -> int:
    shown = " ".join(a if " " not in a else repr(a) for a in args)
    print(f"\n$ sitrep {shown}", flush=True)
    return subprocess.run([str(SITREP), *args], check=False).returncode


def main() -> int:
    OUT.mkdir(exist_ok=True)
    for stale in OUT.glob("demo.db*"):
        stale.unlink()
    db = ["--db", str(DB.relative_to(ROOT))]
    run("ingest", "sample", *db)  # exit 1 is expected: one sample page has no date
    run("stats", *db)
    run("claims", "--subject", "North Korea", "--metric", "casualties.killed", *db)
    run("findings", "--subject", "North Korea", *db)
    run("assess", "--subject", "North Korea", "--as-of", "2024-12-31", *db)
    report = OUT / "report.html"
    code = run("report", "--out", str(report.relative_to(ROOT)), *db)
    if code == 0:
        print(f"\nReport written: {report}")
    return code


if __name__ == "__main__":
    sys.exit(main())
