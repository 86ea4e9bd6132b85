#!/usr/bin/env python3
"""Tag the TempEval-3 training documents and score them with the shared TIMEX scorer.

usage: scripts/eval_dates.py [TIMEBANK_DIR] [--out PRED.jsonl] [--show-errors]
       scripts/eval_dates.py --recognizers [DateTimeModel.json] [--show-errors]

Reads every `kind: doc` record (doc_text, dct) of TIMEBANK_DIR/*.jsonl (default
../shared/data/timebank), writes one prediction per line ({"doc", "start", "end", "text",
"type", "value"}) and runs ../shared/eval/timex_score.py on gold and predictions.

With --recognizers: the pass rate on Microsoft Recognizers-Text's English DateTimeModel
cases (see `recognizers_pass_rate`).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from sitrep.nlp.dates import find_timexes

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


OUT_OF_SCOPE = {
    "datetimeV2.timezone": "time zones",
    "datetimeV2.timerange": "clock-time ranges (5 to 6pm)",
    "datetimeV2.datetimerange": "date-time ranges (tomorrow 3:00 to 4:00)",
}


def _norm(value: str | None) -> str | None:
    """Recognizers writes T15 where TIMEX3 tools write T15:00; compare without the zeros."""
    if value is None:
        return None
    while value.endswith(":00") and "T" in value:
        value = value[:-3]
    return value


def _accepts(result: dict[str, Any]) -> set[str]:
    """Values accepted for an expected result: the timex, and the concrete dates it stands for."""
    ok: set[str] = set()
    for v in result.get("Resolution", {}).get("values", []):
        timex = v.get("timex")
        if timex:
            ok.add(_norm(timex) or "")
        if timex and "X" in timex and v.get("value") and v.get("type") == "date":
            ok.add(v["value"])
        if timex and timex.startswith("T") and v.get("value"):
            ok.add("T" + (_norm("T" + v["value"]) or "")[1:])
    return ok


def _matches(ours: str | None, expected: str) -> bool:
    """Equal, or ours fills in the X's the spec leaves open ("2018-07" for "XXXX-07")."""
    if ours is None:
        return False
    if ours == expected:
        return True
    if "X" not in expected or len(ours) != len(expected):
        return False
    return all(e == o or (e == "X" and o.isdigit()) for e, o in zip(expected, ours, strict=True))


def _interval(timex: str) -> bool:
    return timex.startswith("(")


def recognizers_pass_rate(path: Path, show_errors: bool = False) -> dict[str, Any]:
    """The share of DateTimeModel cases whose every in-scope expected value we produce.

    A case passes when, for each expected result, a time expression we find overlaps its
    text and has its TIMEX value (or, for X-ed values, one of the concrete dates the spec
    lists, or the same value with the X's resolved: "2018-07" for "XXXX-07"). Cases expecting nothing pass when we find nothing. Out of scope: the result
    types in OUT_OF_SCOPE and interval-valued results ("(2016-11-08,2016-11-11,P3D)"),
    which TIMEX3 writes as two expressions; a case with any of them is excluded.
    """
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    passed = scope = 0
    excluded: dict[str, int] = {}
    by_type: dict[str, list[int]] = {}
    for case in cases:
        results = case.get("Results", [])
        reasons = [
            OUT_OF_SCOPE.get(r.get("TypeName") or r.get("Typename", ""))
            or ("intervals" if any(_interval(t) for t in _timexes(r)) else None)
            for r in results
        ]
        if any(reasons):
            why = next(r for r in reasons if r)
            excluded[why] = excluded.get(why, 0) + 1
            continue
        scope += 1
        ref = (case.get("Context", {}).get("ReferenceDateTime") or "")[:10] or None
        text = case["Input"]
        found = find_timexes(text, ref)
        ok = True
        for r in results:
            start, end = r["Start"], r["End"] + 1
            vals = {_norm(t.value) for t in found if t.start < end and start < t.end}
            vals |= {"T" + v.split("T", 1)[1] for v in vals if v and "T" in v[1:]}
            if not any(_matches(v, a) for v in vals for a in _accepts(r)):
                ok = False
                if show_errors:
                    print(
                        f"{text!r}\t{r['Text']!r}\twant={sorted(_accepts(r))}\tgot={vals}",
                        file=sys.stderr,
                    )
        if not results and found:
            ok = False
            if show_errors:
                print(f"{text!r}\tspurious {[t.text for t in found]}", file=sys.stderr)
        kind = (
            (results[0].get("TypeName") or results[0].get("Typename", "?")) if results else "none"
        )
        by_type.setdefault(kind, [0, 0])
        by_type[kind][0] += ok
        by_type[kind][1] += 1
        passed += ok
    return {
        "cases": len(cases),
        "in_scope": scope,
        "passed": passed,
        "pass_rate": round(passed / scope, 4) if scope else 0.0,
        "excluded": excluded,
        "by_type": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_type.items())},
    }


def _timexes(result: dict[str, Any]) -> list[str]:
    return [v.get("timex") or "" for v in result.get("Resolution", {}).get("values", [])]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("timebank", nargs="?", default=str(SHARED / "data" / "timebank"))
    ap.add_argument("--out", help="where to write predictions (default: a temporary file)")
    ap.add_argument("--scorer", default=str(SHARED / "eval" / "timex_score.py"))
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument(
        "--recognizers",
        nargs="?",
        const=str(SHARED / "data" / "recognizers" / "DateTimeModel.json"),
    )
    a = ap.parse_args()
    if a.recognizers:
        report = recognizers_pass_rate(Path(a.recognizers), show_errors=a.show_errors)
        print(json.dumps(report, indent=1))
        return 0
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
