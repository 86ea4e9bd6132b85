"""The shared pieces: input reading, output formats, the CLI's exit codes and error lines."""

from __future__ import annotations

import io
import json
from pathlib import Path

from sitrep.cli import main
from sitrep.errors import InputError
from sitrep.inputs import read_articles
from sitrep.output import write
from sitrep.records import Article


def test_read_txt_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Three soldiers were hurt.", encoding="utf-8")
    (tmp_path / "many.jsonl").write_text(
        '{"id": "a", "text": "x"}\n\nnot json\n{"id": "b"}\n{"id": "c", "text": "y", "published": "2024-01-02"}\n',
        encoding="utf-8",
    )
    got = list(read_articles(str(tmp_path / "one.txt"), published="2024-05-01"))
    assert got == [Article(id="one", text="Three soldiers were hurt.", published="2024-05-01")]
    many = list(read_articles(str(tmp_path / "many.jsonl")))
    assert [type(x).__name__ for x in many] == ["Article", "InputError", "InputError", "Article"]
    assert str(many[1]).endswith("many.jsonl:3: invalid JSON (Expecting value)")
    assert str(many[2]).endswith("many.jsonl:4: missing 'text' field")
    assert many[3].published == "2024-01-02"


def test_bad_files_are_named(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    problems = {
        name: next(iter(read_articles(str(tmp_path / name))))
        for name in ("bin.txt", "latin.txt", "empty.txt", "missing.txt")
    }
    assert all(isinstance(p, InputError) for p in problems.values())
    assert "binary file" in str(problems["bin.txt"])
    assert "not valid UTF-8 (byte 3)" in str(problems["latin.txt"])
    assert "empty document" in str(problems["empty.txt"])
    assert "no such file" in str(problems["missing.txt"])


def test_output_formats() -> None:
    recs = [{"id": "a", "quantity": {"value": 3, "unit": "person"}, "via": [{"name": "Yonhap"}]}]
    out = io.StringIO()
    write(recs, "csv", out=out)
    assert out.getvalue() == "id,quantity.value,quantity.unit,via\na,3,person,Yonhap\n"
    out = io.StringIO()
    write(recs, "jsonl", out=out)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == recs
    out = io.StringIO()
    write(recs, "table", ["id", "quantity.value"], out=out)
    assert "quantity.value" in out.getvalue() and " 3 " in out.getvalue()


def test_usage_error_exits_2(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["dates", "x.txt", "--reference", "2024-13-45"]) == 2
    assert capsys.readouterr().err.strip() == (
        "sitrep: error: --reference: '2024-13-45' is not a date (use YYYY-MM-DD)"
    )
    assert main(["no-such-command"]) == 2
