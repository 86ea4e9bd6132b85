#!/usr/bin/env python3
"""Measure `find_quantities` on public number data and on the development corpus.

usage: eval_quantities.py PATH... [--articles DEV.jsonl] [--show-failures]
                          [--score-dir DIR] [--scorer quantity_score.py]

PATH may be:
  quantulum3/quantities.json       quantulum3's test sentences ({req, res: [{value, surface}]})
  recognizers/NumberModel.json     Microsoft Recognizers-Text number cases (UTF-8 BOM)
  recognizers/NumberRangeModel.json  the number-range cases ("(20,35]" -> low/high)
  corpus/dev_gold.jsonl            sitrep's gold claims (needs --articles dev.jsonl): is each
                                   gold quantity found with the same value/low/high/qualifier?

Only cases that fit sitrep's semantics are scored; the others are counted by reason (years,
designations, ages, fractions, negative or scientific numbers, physics units, symbols and
two-sided inequalities that news does not write). A case passes when the numbers we report
(value, or low/high for ranges; vague amounts ignored) equal the gold numbers as a multiset.

--score-dir DIR writes quantulum3 gold/prediction files in quantity_score.py's format, for
all 101 sentences (quantulum3_*) and for the ones that fit (quantulum3_fit_*): gold value is
quantulum's value, or "low-high" for value +/- uncertainty; gold change is "=" except where a
qualifier word precedes the surface (then left unscored, as quantulum3 records no qualifier).
With --scorer PATH it runs that scorer on both pairs.

example:
  .venv/bin/python scripts/eval_quantities.py ../shared/data/quantulum3/quantities.json \
      ../shared/data/recognizers/NumberModel.json ../shared/data/recognizers/NumberRangeModel.json \
      --score-dir /tmp/qs --scorer ../shared/eval/quantity_score.py
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sitrep.nlp.quantities import find_quantities
from sitrep.records import Quantity

# quantulum3 units that sitrep reports (as counts, money, percent, or measures it knows)
QUANTULUM_UNITS = {
    "dimensionless", "metre", "kilometre", "mile", "inch", "week", "day", "year", "month",
    "hour", "percentage", "pound sterling", "dollar", "euro", "gallon", "litre", "tonne",
    "kilogram", "degree Celsius", "degree fahrenheit", "square kilometre", "square mile",
    "kilometre per hour", "megawatt hour", "centilitre", "pound-mass", "gigahertz",
    "megabyte",
}  # fmt: skip
QUALIFIER_HINT = re.compile(
    r"\b(?:about|approximately|around|some|roughly|nearly|almost|at least|more than|over|"
    r"up to|under|less than|fewer than|as many as|exceed\w*|above|below|near|close to)\s*\W?\s*$",
    re.I,
)


def numbers(qs: Iterable[Quantity]) -> Counter[Any]:
    """The numbers we report, as a multiset: value, or (low, high) for ranges."""
    out: Counter[Any] = Counter()
    for q in qs:
        if q.qualifier == "vague":
            continue
        out[_key(q.value) if q.value is not None else (_key(q.low), _key(q.high))] += 1
    return out


def _key(v: float | None) -> float | None:
    return None if v is None else round(float(v), 6)


class Tally:
    def __init__(self, name: str) -> None:
        self.name = name
        self.passed = 0
        self.failed: list[str] = []
        self.excluded: Counter[str] = Counter()
        self.notes: list[str] = []

    def check(self, ok: bool, text: str, detail: str) -> None:
        if ok:
            self.passed += 1
        else:
            self.failed.append(f"{text!r}: {detail}")

    def report(self, show: bool) -> None:
        n = self.passed + len(self.failed)
        rate = self.passed / n if n else 0.0
        print(
            f"{self.name}: {self.passed}/{n} passed ({rate:.1%}); excluded {sum(self.excluded.values())}"
        )
        for reason, k in self.excluded.most_common():
            print(f"    excluded {k:3d}  {reason}")
        for note in self.notes:
            print(f"    {note}")
        if show:
            for f in self.failed:
                print("    FAIL", f)


def quantulum(path: Path, tally: Tally) -> list[dict[str, Any]]:
    cases = json.loads(path.read_text(encoding="utf-8"))
    for case in cases:
        text, res = case["req"], case["res"]
        reason = _quantulum_exclusion(text, res)
        if reason:
            tally.excluded[reason] += 1
            continue
        gold: Counter[Any] = Counter()
        for r in res:
            u = r.get("uncertainty")
            v = float(r["value"])
            gold[(_key(v - u), _key(v + u)) if u else _key(v)] += 1
        got = numbers(find_quantities(text))
        tally.check(got == gold, text, f"gold {dict(gold)} got {dict(got)}")
    return cases


def _quantulum_exclusion(text: str, res: list[dict[str, Any]]) -> str | None:
    for r in res:
        surface, v, unit = r.get("surface", ""), float(r["value"]), r["unit"]
        if unit == "dimensionless" and v.is_integer() and 1900 <= v <= 2039:
            return "a year (sitrep does not report years)"
        if v < 0 or re.search(r"\d[eE]-?\d|×|\^|\+/-", surface):
            return "negative or scientific notation"
        if re.search(r"/|half|halves|third|sixth|quarter|[⅓½¼]", surface):
            return "fraction"
        if re.match(r"(?i)an?\b", surface) or surface.lower().startswith(("one giga", "a baker")):
            return "'a'/'an' + unit (sitrep does not count a bare 'a')"
        if unit not in QUANTULUM_UNITS:
            return "physics or compound unit (eV, fb-1, per kg, ...)"
        idx = text.find(surface)
        if (
            unit == "dimensionless"
            and idx > 0
            and re.search(r"[A-Za-z][- ]?$|[A-Z]\w* $", text[:idx])
        ):
            if not re.search(
                r"(?i)(?:\b(?:is|are|be|seen|have|given|at|the|of|from|to|and|try|costs)\s)$",
                text[:idx],
            ):
                return "designation or name ('Voyager 2', 'English 101')"
    if not res and re.search(r"\d", text):
        return None
    return None


def recognizers_numbers(path: Path, tally: Tally) -> None:
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    for case in cases:
        text = case["Input"]
        results = case.get("Results", [])
        reason = _number_exclusion(text, results)
        if reason:
            tally.excluded[reason] += 1
            continue
        gold = Counter(_key(float(r["Resolution"]["value"])) for r in results)
        got = numbers(find_quantities(text))
        tally.check(got == gold, text, f"gold {dict(gold)} got {dict(got)}")


def _number_exclusion(text: str, results: list[dict[str, Any]]) -> str | None:
    if not results:
        if re.search(r"\d[a-zA-Z]|\d\s?(?:km|ml)\b", text):
            return "number with a unit, which sitrep reports as a measure"
        return None
    for r in results:
        sub = r["Resolution"].get("subtype")
        val = r["Resolution"].get("value") or ""
        t = r["Text"].lower()
        if sub in ("fraction", "power") or val.startswith("-") or "e" in t.replace("one", ""):
            return "fraction, power, negative or scientific number"
        if re.search(r"(?i)\b(?:point|nought|naught|half|quarter|dzs?)\b", t):
            return "spoken decimals, halves and quarters ('nought point five')"
        if sub is None:
            return "no subtype (percent/ordinal-like)"
    if re.search(r"\d/\d+/\d", text):
        return "a date (sitrep does not report dates)"
    if re.search(r"\d{10,}|(?<!\d )(?<!\d\u202f)(?<![\d,.])0\d", text):
        return "10+ digits or a leading zero: identifiers, not counts"
    if re.search(r"\d\s*,\s+\d|\d,\d{1,3},|nrs\.|phone|\+\d-|SCP-|\d\.\d+\.\d", text):
        return "lists, phone numbers, designations and IP-like strings"
    if re.search(r"\b(?:you|one)\b.*\b(?:one)\b|\bone (?:last|you)\b", text, re.I):
        return "'one' as a pronoun or idiom"
    return None


_INTERVAL = re.compile(r"^([\[(])(-?[\d.]*),(-?[\d.]*)([\])])$")


def recognizers_ranges(path: Path, tally: Tally) -> None:
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    for case in cases:
        text = case["Input"]
        results = case.get("Results", [])
        reason = _range_exclusion(text, results)
        if reason:
            tally.excluded[reason] += 1
            continue
        gold: Counter[Any] = Counter()
        for r in results:
            m = _INTERVAL.match(r["Resolution"]["value"])
            assert m, r
            lo = _key(float(m.group(2))) if m.group(2) else None
            hi = _key(float(m.group(3))) if m.group(3) else None
            gold[(lo, hi)] += 1
        got: Counter[Any] = Counter()
        for q in find_quantities(text):
            if q.qualifier != "vague":
                got[(_key(q.low), _key(q.high))] += 1
        tally.check(got == gold, text, f"gold {dict(gold)} got {dict(got)}")


def _range_exclusion(text: str, results: list[dict[str, Any]]) -> str | None:
    t = text.lower()
    if re.search(r"tenth|fifteenth|negative|quarter|half|1/2|in 5|-30", t):
        return "ordinals, fractions, negatives"
    if re.search(r"[<>=]|equal", t):
        return "symbols and 'equal to' (mathematical, not news wording)"
    if re.search(
        r"(?:than|above|over)\s+[\w,]+(?: \w+)* (?:and|but) (?:less|lower|smaller|below)|"
        r"(?:at most|no more than) \d+ and",
        t,
    ):
        return "two-sided inequalities ('greater than X and less than Y')"
    if "years old" in t:
        return "ages (not reported)"
    if not results and re.search(r"\d", t):
        return None
    return None


def dev_corpus(gold_path: Path, articles: Path, tally: Tally) -> None:
    texts = {}
    for line in articles.read_text(encoding="utf-8").splitlines():
        if line.strip():
            a = json.loads(line)
            texts[a["id"]] = a["text"]
    found: dict[str, list[Quantity]] = {}
    units_ok = 0
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        q = g.get("quantity")
        if not q:
            continue
        art = g["article_id"]
        if art not in found:
            found[art] = find_quantities(texts[art])
        a, b = g["span"]
        qtext = q["text"]
        if qtext.lower().startswith(("a ", "an ")) and not re.search(
            r"\d|dozen|hundred|thousand|few", qtext
        ):
            tally.excluded["singular count ('a 57-year-old woman'): claim stage"] += 1
            continue
        cands = [p for p in found[art] if a <= p.start < b]
        want = (q["value"], q["low"], q["high"], q["qualifier"])
        norm = tuple(_key(x) if not isinstance(x, str) else x for x in want)
        ok = any((_key(p.value), _key(p.low), _key(p.high), p.qualifier) == norm for p in cands)
        units_ok += any(p.unit == q["unit"] and _close(p, q) for p in cands)
        got = "; ".join(
            f"{p.text!r} {p.value} {p.low} {p.high} {p.qualifier} {p.unit}" for p in cands
        )
        tally.check(ok, qtext, f"want {want} unit {q['unit']}; got {got[:300]}")
    n = tally.passed + len(tally.failed)
    tally.notes.append(f"unit equal to the gold unit: {units_ok}/{n}")


def _close(p: Quantity, q: dict[str, Any]) -> bool:
    return any(
        a is not None and b is not None and math.isclose(a, b)
        for a, b in ((p.value, q["value"]), (p.low, q["low"]), (p.high, q["high"]))
    )


def write_score_files(
    cases: list[dict[str, Any]], out: Path, name: str = "quantulum3"
) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    gold_p, pred_p = out / f"{name}_gold.jsonl", out / f"{name}_pred.jsonl"
    with gold_p.open("w", encoding="utf-8") as g, pred_p.open("w", encoding="utf-8") as p:
        for n, case in enumerate(cases):
            cid = case.get("id", f"q{n:03d}")
            text = case["req"]
            quants = []
            for r in case["res"]:
                v, u = float(r["value"]), r.get("uncertainty")
                value = f"{_fmt(v - u)}-{_fmt(v + u)}" if u else _fmt(v)
                idx = text.find(r.get("surface", ""))
                hint = idx > 0 and QUALIFIER_HINT.search(text[:idx])
                quants.append({"value": value, "change": "" if hint else "=", "unit": r["unit"]})
            g.write(json.dumps({"id": cid, "text": text, "quantities": quants}) + "\n")
            for q in find_quantities(text):
                p.write(json.dumps({"id": cid, **q.to_json()}) + "\n")
    return gold_p, pred_p


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(v)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--articles", type=Path, help="dev.jsonl, for a dev_gold.jsonl path")
    ap.add_argument("--show-failures", action="store_true")
    ap.add_argument("--score-dir", type=Path)
    ap.add_argument("--scorer", type=Path, help="quantity_score.py, run on --score-dir files")
    a = ap.parse_args()
    for path in a.paths:
        tally = Tally(path.name)
        if path.name == "NumberModel.json":
            recognizers_numbers(path, tally)
        elif path.name == "NumberRangeModel.json":
            recognizers_ranges(path, tally)
        elif path.suffix == ".jsonl":
            if not a.articles:
                sys.exit(f"{path}: --articles is needed for gold claims")
            dev_corpus(path, a.articles, tally)
        else:
            cases = quantulum(path, tally)
            if a.score_dir:
                for n, case in enumerate(cases):
                    case["id"] = f"q{n:03d}"
                fit = [c for c in cases if not _quantulum_exclusion(c["req"], c["res"])]
                for name, subset in (("quantulum3", cases), ("quantulum3_fit", fit)):
                    gold_p, pred_p = write_score_files(subset, a.score_dir, name)
                    print(f"{name}: {len(subset)} sentences, {gold_p.name} / {pred_p.name}")
                    if a.scorer:
                        cmd = [sys.executable, str(a.scorer), str(gold_p), str(pred_p)]
                        subprocess.run(cmd, check=False)
                        sys.stdout.flush()
        tally.report(a.show_failures)


if __name__ == "__main__":
    main()
