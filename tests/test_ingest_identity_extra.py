"""Identity beyond the key: a bare copy of a stored article, and dates in text file names."""

from __future__ import annotations

import ledger_db
from sitrep.ingest.textual import date_in_name
from sitrep.records import Article
from sitrep.store import open_store

db_url = ledger_db.db_url  # the fixture: SQLite file and PostgreSQL database


def test_date_in_file_name() -> None:
    assert date_in_name("reports/air-raid-2024-11-17.txt") == "2024-11-17"
    assert date_in_name("20250203_briefing.txt") == "2025-02-03"
    assert date_in_name("notes-2024-13-40.txt") is None
    assert date_in_name("unit-12345678.txt") is None
    assert date_in_name("summary.txt") is None


def test_bare_copy_of_stored_article_is_not_new(db_url: str) -> None:
    text = "Officials said 12 fishermen were missing after the storm.\nA second line."
    with_url = Article(id="w1", text=text, url="https://news.example/a", outlet="Wire")
    bare = Article(id="copy", text=text + "\n")
    with open_store(db_url) as store:
        assert store.put_article(with_url, []) == "new"
        assert store.put_article(bare, []) == "unchanged"
        assert [a.id for a in store.articles()] == ["w1"]


def test_url_article_takes_over_its_bare_copy(db_url: str) -> None:
    text = "The agency reported 40 shells fired overnight."
    with open_store(db_url) as store:
        assert store.put_article(Article(id="t", text=text), []) == "new"
        page = Article(id="p", text=text, url="https://news.example/b", published="2024-05-02")
        assert store.put_article(page, []) == "updated"
        (row,) = store.articles()
        assert (row.id, row.url, row.published) == ("t", "https://news.example/b", "2024-05-02")
        other = Article(id="q", text=text, url="https://other.example/b")
        assert store.put_article(other, []) == "new"  # syndicated copy: another outlet
