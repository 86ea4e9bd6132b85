"""`make demo`: run sitrep's main job on the bundled sample and print what it finds.

Until the ledger exists this runs the extractors on the seed article beside the repository
(../shared/seed/article.txt) or, without it, on the bundled sample text.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "article.txt"
SAMPLE = ROOT / "sample" / "seed-like.txt"


def run(*args: str) -> None:
    print(f"\n$ sitrep {' '.join(args)}", flush=True)
    subprocess.run([str(ROOT / ".venv" / "bin" / "sitrep"), *args], check=False)


def main() -> int:
    text = SEED if SEED.is_file() else SAMPLE
    run("quantities", str(text), "--format", "table")
    run("dates", str(text), "--reference", "2024-12-23", "--format", "table")
    run("extract", str(text), "--published", "2024-12-23", "--format", "table")
    return 0


if __name__ == "__main__":
    sys.exit(main())
