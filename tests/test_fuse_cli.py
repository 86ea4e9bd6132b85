"""The fusion commands, run for real on claim files and on a real SQLite ledger."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.cli import main
from sitrep.store import open_store
from test_fuse_assess import ledger_december
from test_fuse_findings import NIS, claim


def write_claims(path: Path, claims: list[Any]) -> Path:
    path.write_text("".join(json.dumps(c.to_json()) + "\n" for c in claims), encoding="utf-8")
    return path


def echoes() -> list[Any]:
    """One NIS briefing carried by three outlets in three wordings, and a later figure."""
    return [
        claim(
            "a1", "Seoul Daily", "2024-12-20", qualifier="approx", source=NIS, stated="2024-12-19"
        ),
        claim(
            "a2", "Wire Agency", "2024-12-20", qualifier="almost", source=NIS, stated="2024-12-19"
        ),
        claim(
            "a3",
            "Kyiv Courier",
            "2024-12-21",
            qualifier="approx",
            source=NIS,
            via=["Lee Seong-kweun"],
            stated="2024-12-19",
        ),
        claim("a4", "Seoul Daily", "2025-01-13", value=2700, qualifier="approx", source=NIS),
    ]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_findings_jsonl_has_exactly_the_documented_keys(tmp_path: Path, capsys) -> None:
    path = write_claims(tmp_path / "claims.jsonl", echoes())
    code, out, _ = run(capsys, "findings", "--claims", str(path), "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 2
    first = rows[0]
    required = {
        "id",
        "metric",
        "subject",
        "item",
        "location",
        "source",
        "quantity",
        "stated_first",
        "stated_last",
        "articles",
        "outlets",
        "independent_sources",
        "claims",
    }
    assert required <= set(first)
    assert first["articles"] == ["a1", "a2", "a3"]
    assert first["outlets"] == 3 and first["independent_sources"] == 1
    assert first["claims"] == [f"{a}-casualties.wounded-1000" for a in ("a1", "a2", "a3")]
    assert first["stated_first"] == first["stated_last"] == "2024-12-19"
    assert first["qualifier_conflict"] is True
    assert first["via"] == ["Lee Seong-kweun"]


def test_findings_filters_and_csv(tmp_path: Path, capsys) -> None:
    path = write_claims(tmp_path / "claims.jsonl", echoes())
    code, out, _ = run(
        capsys, "findings", "--claims", str(path), "--since", "2025-01-01", "--format", "csv"
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["figure"] for r in rows] == ["~2,700"]
    assert rows[0]["outlets"] == "1" and rows[0]["independent_sources"] == "1"
    code, out, _ = run(
        capsys,
        "findings",
        "--claims",
        str(path),
        "--source",
        "Lee Seong-kweun",
        "--format",
        "jsonl",
    )
    assert [json.loads(x)["outlets"] for x in out.splitlines()] == [3]
    code, out, _ = run(
        capsys, "findings", "--claims", str(path), "--source", "NIS", "--format", "jsonl"
    )
    assert [json.loads(x)["outlets"] for x in out.splitlines()] == [3, 1]


def test_findings_from_a_real_sqlite_ledger(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "ledger.db")
    with open_store(db) as store:
        for c in echoes():
            c.article.text = f"Story {c.article.id} about North Korean wounded."
            store.put_article(c.article, [c])
    code, out, _ = run(capsys, "findings", "--db", db, "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert sorted((r["outlets"], r["independent_sources"]) for r in rows) == [(1, 1), (3, 1)]
    code, out, _ = run(capsys, "findings", "--db", db, "--subject", "DPRK", "--format", "jsonl")
    assert len(out.splitlines()) == 2


def test_assess_json_gives_low_best_high_with_rules(tmp_path: Path, capsys) -> None:
    path = write_claims(tmp_path / "claims.jsonl", ledger_december())
    code, out, _ = run(
        capsys,
        "assess",
        "--claims",
        str(path),
        "--subject",
        "north korea",
        "--as-of",
        "2024-12-31",
        "--format",
        "json",
    )
    assert code == 0
    (a,) = json.loads(out)
    assert (a["low"], a["best"], a["high"]) == (200, 700, 3000)
    assert a["independent_sources"] == 4 and a["conflict"] is True
    assert a["rules"]["best"]["rule"].startswith("ucdp: median")
    assert len(a["rules"]["best"]["findings"]) == 2
    code, out, _ = run(
        capsys, "assess", "--claims", str(path), "--policy", "acled", "--format", "json"
    )
    assert json.loads(out)[0]["best"] == 200


def test_timeline_rows_per_statement_day(tmp_path: Path, capsys) -> None:
    path = write_claims(tmp_path / "claims.jsonl", ledger_december())
    code, out, _ = run(capsys, "timeline", "--claims", str(path), "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["as_of"] for r in rows] == ["2024-12-17", "2024-12-18", "2024-12-19", "2024-12-23"]
    assert [r["best"] for r in rows] == [300, 250, 300, 700]


def test_export_ucdp_csv(tmp_path: Path, capsys) -> None:
    path = write_claims(tmp_path / "claims.jsonl", ledger_december())
    out_csv = tmp_path / "ged.csv"
    code, _, err = run(capsys, "export", "--ucdp", str(out_csv), "--claims", str(path))
    assert code == 0 and "4 rows written" in err
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    assert len(rows) == 4
    last = rows[-1]
    assert (last["best"], last["low"], last["high"], last["number_of_sources"]) == (
        "700",
        "200",
        "3000",
        "4",
    )
    assert last["date_end"] == "2024-12-23" and last["country"] == "North Korea"
    assert set(last["source_office"].split("; ")) == {
        "Seoul Daily",
        "Wire Agency",
        "Kyiv Courier",
        "Capital Post",
    }
    assert "National Intelligence Service" in last["source_original"]
    assert "Seoul Daily story" in last["source_headline"]


def test_bad_claim_lines_are_named_and_skipped(tmp_path: Path, capsys) -> None:
    path = write_claims(tmp_path / "claims.jsonl", echoes())
    with path.open("a", encoding="utf-8") as f:
        f.write("{not json\n")
        f.write(
            json.dumps({"article": {"id": "x"}, "metric": "casualties.eaten", "subject": "X"})
            + "\n"
        )
    code, out, err = run(capsys, "findings", "--claims", str(path), "--format", "jsonl")
    assert code == 1
    assert len(out.splitlines()) == 2
    assert f"{path}:5: invalid JSON" in err
    assert f"{path}:6: not a claim: unknown metric 'casualties.eaten'" in err


def test_usage_errors_exit_2(tmp_path: Path, capsys) -> None:
    path = write_claims(tmp_path / "claims.jsonl", echoes())
    code, _, err = run(capsys, "assess", "--claims", str(path), "--policy", "mean")
    assert code == 2 and "--policy" in err
    code, _, err = run(capsys, "assess", "--claims", str(path), "--as-of", "yesterday")
    assert code == 2 and "--as-of" in err


def test_report_writes_one_file_and_prints_its_path(tmp_path: Path, capsys) -> None:
    path = write_claims(tmp_path / "claims.jsonl", ledger_december())
    out = tmp_path / "report.html"
    code, stdout, _ = run(capsys, "report", "--claims", str(path), "--out", str(out))
    assert code == 0 and stdout.strip() == str(out)
    html = out.read_text(encoding="utf-8")
    assert html.count('<svg class="chart"') == 1
    assert "<script" not in html.lower()
