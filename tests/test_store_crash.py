"""A real `sitrep ingest` killed with SIGKILL midway, then run again; readers during an ingest."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import text

import ledger_db
from sitrep.store import open_store

db_url = ledger_db.db_url  # the fixture: SQLite file and PostgreSQL database

N = 300
PLACES = ("the river crossing", "the northern ridge", "the rail depot", "the old airfield")


def generate(folder: Path, n: int = N) -> Path:
    """`n` small dated articles, one per file, each with a different figure."""
    folder.mkdir()
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        body = (
            f"Report {i}. Ukrainian officials said {i + 3} Russian soldiers were killed near "
            f"{place} on Monday, and the regional governor said about {10 * i + 20} Ukrainians "
            "had fled their homes."
        )
        doc = {
            "id": f"gen-{i:04d}",
            "url": f"https://generated.example/reports/{i}",
            "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "outlet": "Generated Wire",
            "text": body,
        }
        (folder / f"r{i:04d}.json").write_text(json.dumps(doc), "utf-8")
    return folder


def ingest(folder: Path, db: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "sitrep", "ingest", str(folder), "--db", db],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def count_articles(db: str) -> int:
    with open_store(db) as store:
        return store.stats().articles


def per_article(db: str) -> dict[str, int]:
    with open_store(db) as store:
        return {e.article.id: e.claims for e in store.article_entries()}


def orphans(db: str) -> tuple[int, int]:
    with open_store(db) as store, store.engine.connect() as conn:
        claims = conn.execute(
            text(
                "SELECT count(*) FROM claims c LEFT JOIN articles a ON a.pk = c.article_pk "
                "WHERE a.pk IS NULL"
            )
        ).scalar_one()
        via = conn.execute(
            text(
                "SELECT count(*) FROM claim_via v LEFT JOIN claims c ON c.pk = v.claim_pk "
                "WHERE c.pk IS NULL"
            )
        ).scalar_one()
        return claims, via


def test_killed_ingest_resumes_with_every_article_once(db_url: str, tmp_path: Path) -> None:
    folder = generate(tmp_path / "many")
    proc = ingest(folder, db_url)
    stored = 0
    while proc.poll() is None and stored < 5:
        time.sleep(0.02)
        stored = count_articles(db_url)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    at_kill = count_articles(db_url)
    assert 0 < at_kill < N
    assert orphans(db_url) == (0, 0)

    again = ingest(folder, db_url)
    _, err = again.communicate(timeout=600)
    assert again.returncode == 0, err.decode()
    last = err.decode().strip().splitlines()[-1]
    assert last.startswith(f"articles: {N - at_kill} new, {at_kill} unchanged, 0 updated, 0 failed")
    assert count_articles(db_url) == N
    assert orphans(db_url) == (0, 0)
    # the same claims as one uninterrupted run into a fresh ledger
    clean = str(tmp_path / "clean.db")
    once = ingest(folder, clean)
    once.communicate(timeout=600)
    assert per_article(db_url) == per_article(clean)
    assert sum(per_article(clean).values()) > 0  # the comparison covered real claims


def test_readers_query_while_ingest_writes(tmp_path: Path) -> None:
    folder = generate(tmp_path / "many")
    db = str(tmp_path / "busy.db")
    with open_store(db):
        pass  # create the schema first, so the plain sqlite3 reader finds the view
    proc = ingest(folder, db)
    seen: list[int] = []
    plain = sqlite3.connect(db, timeout=0.5)  # an ordinary tool, no busy waiting to speak of
    try:
        while proc.poll() is None:
            with open_store(db) as store:
                n = store.stats().articles
                store.claims(metric="casualties.killed", limit=5)
            rows = plain.execute("SELECT count(*) FROM articles_flat").fetchone()[0]
            plain.execute("SELECT * FROM claims_flat LIMIT 5").fetchall()
            if proc.poll() is None:
                seen.append(min(n, rows))
            time.sleep(0.01)
    finally:
        plain.close()
        proc.wait()
    assert proc.returncode == 0
    assert any(0 < n < N for n in seen), "no read happened while the ingest was midway"
    assert seen == sorted(seen)
    mode = sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_two_ingests_at_once_on_a_new_ledger_store_each_article_once(
    db_url: str, tmp_path: Path
) -> None:
    folder = generate(tmp_path / "same", 120)
    procs = [ingest(folder, db_url) for _ in range(2)]
    lines = []
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err.decode()
        lines.append(err.decode().strip().splitlines()[-1])
    new = [int(line.split(" new,")[0].rsplit(" ", 1)[1]) for line in lines]
    assert sum(new) == 120, lines
    assert count_articles(db_url) == 120
    assert orphans(db_url) == (0, 0)
    counts = per_article(db_url)
    assert sorted(counts) == [f"gen-{i:04d}" for i in range(120)]
