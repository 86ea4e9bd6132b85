#!/usr/bin/env python3
"""Tag the TempEval-3 training documents and score them with the shared TIMEX scorer.

usage: scripts/eval_dates.py [TIMEBANK_DIR] [--out PRED.jsonl] [--show-errors]

Reads every `kind: doc` record (doc_text, dct) of TIMEBANK_DIR/*.jsonl (default
../shared/data/timebank), writes one prediction per line ({"doc", "start", "end", "text",
"type", "value"}) and runs ../shared/eval/timex_score.py on gold and predictions.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from sitrep.nlp.dates import find_timexes

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("timebank", nargs="?", default=str(SHARED / "data" / "timebank"))
    ap.add_argument("--out", help="where to write predictions (default: a temporary file)")
    ap.add_argument("--scorer", default=str(SHARED / "eval" / "timex_score.py"))
    ap.add_argument("--show-errors", action="store_true")
    a = ap.parse_args()
    files = sorted(Path(a.timebank).glob("*.jsonl"))
    if not files:
        print(f"eval_dates: no .jsonl files in {a.timebank}", file=sys.stderr)
        return 2
    out = Path(a.out) if a.out else Path(tempfile.mkdtemp()) / "pred.jsonl"
    gold = out.with_name("gold.jsonl")
    with out.open("w", encoding="utf-8") as pf, gold.open("w", encoding="utf-8") as gf:
        for path in files:
            with path.open(encoding="utf-8") as f:
                for line in f:
                    rec = json.loads(line)
                    gf.write(line if line.endswith("\n") else line + "\n")
                    if rec.get("kind") != "doc":
                        continue
                    for t in find_timexes(rec["doc_text"], rec.get("dct", "")[:10] or None):
                        pf.write(json.dumps({"doc": rec["doc"], **t.to_json()}) + "\n")
    cmd = [sys.executable, a.scorer, str(gold), str(out)]
    if a.show_errors:
        cmd.append("--show-errors")
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
