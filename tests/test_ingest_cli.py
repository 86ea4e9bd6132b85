"""`sitrep ingest / claims / sources / articles / stats` run for real, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

import ledger_db
import test_ingest
from sitrep.cli import main
from sitrep.store import open_store
from test_ingest import PAGE, RSS
from test_store import river_port

db_url = ledger_db.db_url  # the fixture: SQLite file and PostgreSQL database
web = test_ingest.web  # the fixture: a local web server


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, list[str]]:
    """Exit code, stdout, stderr lines (without the note about a missing extractor)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    lines = [line for line in err.splitlines() if "claim extraction is not available" not in line]
    return code, out, lines


def summary(lines: list[str]) -> str:
    """The summary line with the claims figure (it depends on the extractor) blanked."""
    return re.sub(r"claims stored: \d+", "claims stored: N", lines[-1])


def corpus(root: Path) -> Path:
    folder = root / "in"
    (folder / "pages").mkdir(parents=True)
    (folder / "pages" / "depot.html").write_text(PAGE, "utf-8")
    feed = RSS.replace(
        "https://gazette.example/2024/03/03/second",
        "https://www.valleycourier.example/world/2024/09/14/depot-strike",
    )
    (folder / "gazette.rss").write_text(feed, "utf-8")
    (folder / "wire.jsonl").write_text(
        '{"id": "w1", "text": "Rebels said 14 fighters were captured near the pass.", '
        '"url": "https://wire.example/w1", "outlet": "Wire", "published": "2024-04-01"}\n'
        '{"id": "w2", "text": "The ministry said 60 homes were destroyed.", "published": "2024-04-02"}\n',
        "utf-8",
    )
    (folder / "notes.txt").write_text("A convoy of 30 trucks crossed the border.", "utf-8")
    return folder


def test_ingest_twice_and_update(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = corpus(tmp_path)
    code, out, err = run(capsys, "ingest", str(folder), "--db", db_url)
    rss = folder / "gazette.rss"
    assert (code, out) == (1, "")
    assert err[:-1] == [
        f"sitrep: {rss}: entry 2 ('An entry with nothing in it'): no text (neither content nor summary)",
        f"sitrep: {folder / 'notes.txt'}: no publication date found; stored with published null",
    ]
    assert summary(err) == "articles: 5 new, 1 unchanged, 0 updated, 1 failed; claims stored: N"
    with open_store(db_url) as store:
        first = store.stats()
        stored = {a.id: a for a in store.articles(with_text=True)}
    assert sorted(stored) == ["depot-strike", "ferry", "notes", "w1", "w2"]
    assert stored["depot-strike"].text.startswith(
        "Drone strike on depot\nA drone strike"
    )  # page won
    # the same files again: nothing new
    code, _, err = run(capsys, "ingest", str(folder), "--db", db_url)
    assert (
        code == 1
        and summary(err) == "articles: 0 new, 6 unchanged, 0 updated, 1 failed; claims stored: N"
    )
    with open_store(db_url) as store:
        again = store.stats()
    assert (again.articles, again.claims, again.sources) == (
        first.articles,
        first.claims,
        first.sources,
    )
    # a corrected article under the same URL replaces the old one
    wire = folder / "wire.jsonl"
    wire.write_text(wire.read_text("utf-8").replace("14 fighters", "15 fighters"), "utf-8")
    code, _, err = run(capsys, "--quiet", "ingest", str(wire), "--db", db_url)
    assert (code, err) == (0, [])
    code, _, err = run(capsys, "ingest", str(wire), "--db", db_url)
    assert summary(err) == "articles: 0 new, 2 unchanged, 0 updated, 0 failed; claims stored: N"
    with open_store(db_url) as store:
        texts = [a.text for a in store.articles(with_text=True) if a.id == "w1"]
        assert texts == ["Rebels said 15 fighters were captured near the pass."]
        assert store.stats().articles == 5


def test_bad_input_is_named_and_the_rest_ingested(
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.json").write_text(
        '{"text": "Nine boats were seized.", "published": "2024-01-05"}', "utf-8"
    )
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02")
    (folder / "cut.html").write_text("<html><body><p>Half a page", "utf-8")
    (folder / "bad.txt").write_bytes(b"ok\n\xff\xfe\n")
    (folder / "none.jsonl").write_text("", "utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, _, err = run(capsys, "ingest", str(folder), "-", "--db", db_url)
    f = str(folder)
    assert code == 1
    assert err == [
        f"sitrep: {f}/bad.txt:2: not valid UTF-8 (byte 3)",
        f"sitrep: {f}/bin.txt: binary file (contains NUL bytes), not text",
        f"sitrep: {f}/cut.html: truncated HTML (the page ends before </body> or </html>)",
        f"sitrep: {f}/none.jsonl: empty document",
        "sitrep: <stdin>: empty document",
        "articles: 1 new, 0 unchanged, 0 updated, 5 failed; claims stored: "
        + err[-1].rsplit(" ", 1)[1],
    ]


def ledger(db_url: str) -> None:
    art, found = river_port()
    with open_store(db_url) as store:
        store.put_article(art, found)


def test_claims_csv_is_flat_and_exact(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    ledger(db_url)
    code, out, err = run(
        capsys, "claims", "--db", db_url, "--format", "csv", "--metric", "casualties"
    )
    assert (code, err) == (0, [])
    assert out == (
        "claim_id,article_id,article_url,article_title,article_outlet,article_published,metric,subject,recipient,"
        "item,location,value,low,high,qualifier,unit,quantity_text,source,source_kind,"
        "source_country,via,stated,when,modality,text\n"
        "port:1,port,https://news.example/2024/05/port-shelling,Port shelled,Example News,2024-05-07,"
        "casualties.killed,Ukraine,,,Odesa Oblast,12,12,12,exact,person,twelve,"
        "Ministry of Defence,military,UA,Example Wire,2024-05-07,,asserted,"
        "Ministry officials said twelve soldiers were killed and about 40 wounded.\n"
        "port:2,port,https://news.example/2024/05/port-shelling,Port shelled,Example News,2024-05-07,"
        "casualties.wounded,Ukraine,,,,40,,,approx,person,about 40,"
        "Ministry of Defence,military,UA,,2024-W19,,asserted,"
        "Ministry officials said twelve soldiers were killed and about 40 wounded.\n"
    )


def test_claims_json_and_filters(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    ledger(db_url)
    code, out, _ = run(
        capsys, "claims", "--db", db_url, "-f", "jsonl", "--source", "The regional governor"
    )
    assert code == 0
    (line,) = out.splitlines()
    got = json.loads(line)
    assert (got["id"], got["metric"], got["quantity"]["value"]) == (
        "port:3",
        "people.displaced",
        300,
    )
    code, out, _ = run(
        capsys,
        "claims",
        "--db",
        db_url,
        "-f",
        "json",
        "--search",
        "wounded",
        "--until",
        "2024-05-06",
    )
    assert [c["id"] for c in json.loads(out)] == ["port:2"]
    code, out, _ = run(capsys, "claims", "--db", db_url, "-f", "csv", "--subject", "Nowhere")
    assert out.count("\n") == 1  # the header only


def test_sources_articles_stats(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    ledger(db_url)
    code, out, _ = run(capsys, "sources", "--db", db_url, "--format", "csv")
    assert out == (
        "name,kind,country,wikidata,claims,relayed,aliases\n"
        "Ministry of Defence,military,UA,,2,0,Ministry officials\n"
        "Odesa regional governor,official,UA,,1,0,The regional governor\n"
        "Example Wire,,,,0,1,the wire\n"
    )
    code, out, _ = run(capsys, "articles", "--db", db_url, "--format", "csv")
    assert out == (
        "id,published,outlet,title,claims,url\n"
        "port,2024-05-07,Example News,Port shelled,3,https://news.example/2024/05/port-shelling\n"
    )
    code, out, _ = run(capsys, "stats", "--db", db_url, "--format", "json")
    got = json.loads(out)[0]
    del got["database"]
    assert got == {
        "schema": 5,
        "articles": 1,
        "claims": 3,
        "sources": 3,
        "articles_without_date": 0,
        "first_published": "2024-05-07",
        "last_published": "2024-05-07",
        "metrics": {"casualties.killed": 1, "casualties.wounded": 1, "people.displaced": 1},
        "outlets": {"Example News": 1},
    }
    code, out, _ = run(capsys, "stats", "--db", db_url, "--format", "csv")
    assert out == (
        "group,name,count\nledger,articles,1\nledger,claims,3\nledger,sources,3\n"
        "ledger,articles_without_date,0\nmetric,casualties.killed,1\nmetric,casualties.wounded,1\n"
        "metric,people.displaced,1\noutlet,Example News,1\n"
    )


def test_sources_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    db = str(tmp_path / "t.db")
    ledger(db)
    code, out, _ = run(capsys, "sources", "--db", db)
    assert code == 0
    assert out == (
        "┏━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━┓\n"
        "┃ name                  ┃ kind     ┃ country ┃ wikidata ┃ claims ┃ relayed ┃ aliases               ┃\n"
        "┡━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━┩\n"
        "│ Ministry of Defence   │ military │ UA      │          │ 2      │ 0       │ Ministry officials    │\n"
        "│ Odesa regional        │ official │ UA      │          │ 1      │ 0       │ The regional governor │\n"
        "│ governor              │          │         │          │        │         │                       │\n"
        "│ Example Wire          │          │         │          │ 0      │ 1       │ the wire              │\n"
        "└───────────────────────┴──────────┴─────────┴──────────┴────────┴─────────┴───────────────────────┘\n"
    )


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "u.db")
    assert run(capsys, "claims", "--db", db, "--since", "2024-13-01")[:2] == (2, "")
    assert capsys.readouterr() == ("", "")
    code = main(["claims", "--db", str(tmp_path / "no" / "x.db")])
    assert code == 1
    assert capsys.readouterr().err == (
        f"sitrep: error: {tmp_path}/no/x.db: folder {tmp_path}/no does not exist; create it first\n"
    )


def test_reading_commands_do_not_create_a_ledger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "none.db"
    for command in ("claims", "sources", "articles", "stats"):
        assert main([command, "--db", str(db)]) == 1
        assert (
            capsys.readouterr().err
            == f"sitrep: error: {db}: no ledger there yet; run `sitrep ingest` first\n"
        )
    assert not db.exists()


def test_same_url_twice_in_one_run_keeps_the_first(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    line = '{{"id": "{id}", "url": "https://dup.example/x", "published": "2024-03-01", "text": "{t}"}}\n'
    one.write_text(line.format(id="first", t="Eight boats were seized."), "utf-8")
    two.write_text(line.format(id="second", t="Nine boats were seized."), "utf-8")
    code, _, err = run(capsys, "ingest", str(one), str(two), "--db", db_url)
    assert code == 0
    assert err[0] == f"sitrep: {two}:1: same URL as {one}:1 with other text; kept the first"
    assert summary(err) == "articles: 1 new, 1 unchanged, 0 updated, 0 failed; claims stored: N"
    with open_store(db_url) as store:
        assert [a.id for a in store.articles()] == ["first"]


def test_fetch_only_when_asked(
    web: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "web.db")
    code, _, err = run(capsys, "ingest", f"{web}/page", "--db", db)
    assert code == 1
    assert err[0] == (
        f"sitrep: {web}/page: is a URL; add --fetch to download it (nothing is fetched without)"
    )
    code, _, err = run(capsys, "ingest", f"{web}/page", "--fetch", "--db", db)
    assert code == 0 and summary(err).startswith("articles: 1 new, 0 unchanged")
    with open_store(db) as store:
        (art,) = store.articles()
    assert (art.id, art.url, art.published) == (
        "depot-strike",
        "https://www.valleycourier.example/world/2024/09/14/depot-strike",
        "2024-09-14",
    )


@pytest.mark.shared
def test_claims_json_follows_the_claim_schema(
    db_url: str, shared: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import jsonschema

    schema = json.loads((shared / "spec" / "claim.schema.json").read_text(encoding="utf-8"))
    ledger(db_url)
    code, out, _ = run(capsys, "claims", "--db", db_url, "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 3
    for row in rows:
        jsonschema.validate(row, schema)


def test_published_dates_what_has_no_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "p.db")
    (tmp_path / "note.txt").write_text("Six trucks crossed the border.", "utf-8")
    (tmp_path / "dated.jsonl").write_text(
        '{"id": "d", "text": "Two ships docked.", "published": "2024-02-02"}\n', "utf-8"
    )
    code, _, err = run(
        capsys,
        "ingest",
        str(tmp_path / "note.txt"),
        str(tmp_path / "dated.jsonl"),
        "--published",
        "2024-05-01",
        "--db",
        db,
    )
    assert code == 0 and len(err) == 1  # the summary only: no warning about a missing date
    with open_store(db) as store:
        assert [(a.id, a.published) for a in store.articles()] == [
            ("d", "2024-02-02"),
            ("note", "2024-05-01"),
        ]
    assert run(capsys, "ingest", "x.txt", "--published", "May 1", "--db", db)[0] == 2
