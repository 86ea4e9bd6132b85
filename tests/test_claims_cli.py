"""`sitrep extract` end to end: schema-valid claims, the seed as .txt, bad input lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitrep", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


@pytest.mark.shared
def test_dev_corpus_claims_match_the_schema(shared: Path) -> None:
    import jsonschema

    schema = json.loads((shared / "spec" / "claim.schema.json").read_text(encoding="utf-8"))
    proc = _run("extract", str(shared / "corpus" / "dev.jsonl"), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    claims = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(claims) > 100
    validator = jsonschema.Draft202012Validator(schema)
    texts = {
        a["id"]: a["text"]
        for a in map(json.loads, (shared / "corpus" / "dev.jsonl").read_text().splitlines())
    }
    ids = set()
    for c in claims:
        errors = sorted(validator.iter_errors(c), key=str)
        assert not errors, (c["id"], [e.message for e in errors])
        start, end = c["span"]
        assert texts[c["article"]["id"]][start:end] == c["text"]
        ids.add(c["id"])
    assert len(ids) == len(claims)


def test_txt_input_with_published_date(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "Rebels attacked the town of Bor on Monday. Officials said 14 soldiers were killed.\n",
        encoding="utf-8",
    )
    proc = _run("extract", str(path), "--published", "2024-06-05")
    assert proc.returncode == 0, proc.stderr
    (claim,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert claim["id"] == "story#1"
    assert claim["metric"] == "casualties.killed"
    assert claim["quantity"]["value"] == 14
    assert claim["stated"] == "2024-06-05"
    assert claim["article"]["published"] == "2024-06-05"


def test_without_published_only_absolute_dates(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    rows = [
        {"id": "x1", "text": "Officials said on Monday that 14 soldiers were killed."},
        {"id": "x2", "text": "On March 2, 2023, the ministry said 30 civilians were killed."},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    proc = _run("extract", str(path))
    assert proc.returncode == 0, proc.stderr
    got = {c["article"]["id"]: c for c in map(json.loads, proc.stdout.splitlines())}
    assert got["x1"]["stated"] is None
    assert got["x2"]["stated"] == "2023-03-02"


def test_bad_lines_are_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"id": "ok1", "text": "The army said 12 soldiers were wounded.", "published": "2024-01-02"}\n'
        "{not json\n"
        '{"id": "no-text"}\n'
        '{"id": "bad-date", "text": "Two were killed.", "published": "yesterday"}\n'
        '{"id": "ok2", "text": "Medics said 3 people were killed.", "published": "2024-01-03"}\n',
        encoding="utf-8",
    )
    proc = _run("extract", str(path), str(tmp_path / "missing.txt"))
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert any(f"{path}:2:" in line and "invalid JSON" in line for line in lines)
    assert any(f"{path}:3:" in line and "missing 'text'" in line for line in lines)
    assert any(f"{path}: bad-date: published 'yesterday' is not a date" in line for line in lines)
    assert any("missing.txt" in line and "no such file" in line for line in lines)
    ids = [json.loads(line)["article"]["id"] for line in proc.stdout.splitlines()]
    assert ids == ["ok1", "ok2"]


def test_bad_published_option_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text("Three were killed.", encoding="utf-8")
    proc = _run("extract", str(path), "--published", "yesterday")
    assert proc.returncode == 2
    assert "--published" in proc.stderr


def test_table_format_is_for_people(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text(
        "The health ministry said 27 people were killed in the strike.", encoding="utf-8"
    )
    proc = _run("extract", str(path), "--published", "2024-02-02", "--format", "table")
    assert proc.returncode == 0, proc.stderr
    assert "casualties.killed" in proc.stdout and "27" in proc.stdout
