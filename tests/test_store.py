"""The ledger store on a real SQLite file and a real PostgreSQL server (the same tests)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

import ledger_db
from sitrep.errors import StoreError
from sitrep.records import Article, Claim, Quantity, Source, Via
from sitrep.store import open_store
from sitrep.store.engine import make_engine, resolve_url
from sitrep.store.migrations import LATEST, migrate

TEXT = (
    "Shelling hit the river port on Monday. Ministry officials said twelve soldiers were "
    "killed and about 40 wounded. The regional governor said 300 families had fled."
)

db_url = ledger_db.db_url  # the fixture: SQLite file and PostgreSQL database


def claim(art: Article, sentence: str, metric: str, subject: str, **kw: Any) -> Claim:
    start = art.text.index(sentence)
    fields: dict[str, Any] = {"quantity": None, "source": None, "stated": art.published}
    fields.update(kw)
    return Claim(
        article=art,
        text=sentence,
        span=(start, start + len(sentence)),
        metric=metric,
        subject=subject,
        **fields,
    )


def qty(
    art: Article, words: str, value: float | None, qualifier: str = "exact", **kw: Any
) -> Quantity:
    start = art.text.index(words)
    low = kw.pop("low", value)
    high = kw.pop("high", value)
    return Quantity(
        start, start + len(words), words, value, low, high, qualifier, kw.pop("unit", "person")
    )


def river_port(
    url: str = "https://news.example/2024/05/port-shelling", text: str = TEXT
) -> tuple[Article, list[Claim]]:
    art = Article(
        id="port",
        text=text,
        url=url,
        title="Port shelled",
        outlet="Example News",
        published="2024-05-07",
    )
    said = "Ministry officials said twelve soldiers were killed and about 40 wounded."
    mod = Source("Ministry of Defence", "military", "UA", "Ministry officials")
    found = [
        claim(
            art,
            said,
            "casualties.killed",
            "Ukraine",
            quantity=qty(art, "twelve", 12),
            source=mod,
            location="Odesa Oblast",
            via=[Via("Example Wire", "the wire")],
        ),
        claim(
            art,
            said,
            "casualties.wounded",
            "Ukraine",
            quantity=qty(art, "about 40", 40, "approx", low=None, high=None),
            source=mod,
            stated="2024-W19",
        ),
    ]
    if "300 families" in text:
        fled = "The regional governor said 300 families had fled."
        found.append(
            claim(
                art,
                fled,
                "people.displaced",
                "Ukraine",
                quantity=qty(art, "300", 300),
                source=Source("Odesa regional governor", "official", "UA", "The regional governor"),
            )
        )
    return art, found


def strip(c: Claim) -> dict[str, Any]:
    out = c.to_json()
    out.pop("id", None)
    return out


def test_round_trip_and_ids(db_url: str) -> None:
    art, found = river_port()
    with open_store(db_url) as store:
        assert store.put_article(art, found) == "new"
        got = store.claims()
    assert [c.id for c in got] == ["port:1", "port:2", "port:3"]
    assert [strip(c) for c in got] == [strip(c) for c in found]
    assert got[0].article.text == "" and got[0].article.url == art.url


def test_same_article_is_unchanged_and_changed_text_replaces_claims(db_url: str) -> None:
    art, found = river_port()
    with open_store(db_url) as store:
        assert store.put_article(art, found) == "new"
        before = store.article_entries()[0].updated_at
        assert store.put_article(art, found) == "unchanged"
        assert store.article_entries()[0].updated_at == before
        # a corrected version under the same URL: one claim fewer
        fixed = TEXT.replace("300 families had fled", "the port had reopened")
        art2, found2 = river_port(text=fixed)
        assert store.put_article(art2, found2) == "updated"
        assert [c.metric for c in store.claims()] == ["casualties.killed", "casualties.wounded"]
        assert store.stats().articles == 1
        with store.engine.connect() as conn:
            orphans = conn.execute(
                text(
                    "SELECT count(*) FROM claim_via v LEFT JOIN claims c ON c.pk = v.claim_pk "
                    "WHERE c.pk IS NULL"
                )
            ).scalar_one()
            assert orphans == 0
            assert conn.execute(text("SELECT count(*) FROM claim_via")).scalar_one() == 1


def test_identity_by_canonical_url_and_by_text(db_url: str) -> None:
    art, found = river_port()
    variant, _ = river_port(
        url="HTTPS://News.Example:443/2024/05/port-shelling?utm_source=rss&utm_medium=x#top"
    )
    bare = Article(id="bare", text="  Two   soldiers were hurt.\n")
    spaced = Article(id="other-name", text="Two soldiers were hurt.")
    with open_store(db_url) as store:
        assert store.put_article(art, found) == "new"
        assert store.put_article(variant, found) == "unchanged"
        assert store.put_article(bare, []) == "new"
        assert store.put_article(spaced, []) == "unchanged"
        ids = [a.id for a in store.articles()]
    assert sorted(ids) == ["bare", "port"]


def test_same_id_different_article_gets_a_suffix(db_url: str) -> None:
    one = Article(id="report", text="First report text.", url="https://a.example/1")
    two = Article(id="report", text="Second report text.", url="https://a.example/2")
    with open_store(db_url) as store:
        store.put_article(one, [])
        store.put_article(two, [])
        ids = sorted(a.id for a in store.articles())
    assert ids[0] == "report" and ids[1].startswith("report~") and len(ids[1]) == len("report~") + 8


def test_feed_summary_never_replaces_the_full_page(db_url: str) -> None:
    full = Article(id="p", text="Full page text. Much longer.", url="https://b.example/p")
    summary = Article(id="p", text="Full page text.", url="https://b.example/p")
    with open_store(db_url) as store:
        assert store.put_article(full, []) == "new"
        assert store.put_article(summary, [], partial=True) == "unchanged"
        assert store.articles(with_text=True)[0].text == full.text
        other = Article(id="q", text="Summary first.", url="https://b.example/q")
        assert store.put_article(other, [], partial=True) == "new"
        page = Article(
            id="q", text="Summary first. Then the whole page.", url="https://b.example/q"
        )
        assert store.put_article(page, []) == "updated"


def test_filters(db_url: str) -> None:
    art, found = river_port()
    other = Article(
        id="north",
        text="Officials in the north said 5 drones were shot down.",
        url="https://news.example/north",
        outlet="Other Daily",
        published="2024-06-20",
    )
    drones = claim(
        other,
        other.text,
        "materiel.destroyed",
        "Russia",
        quantity=qty(other, "5", 5, unit="item"),
        item="drone",
        stated="2024-06",
    )
    with open_store(db_url) as store:
        store.put_article(art, found)
        store.put_article(other, [drones])

        def ids(**kw: Any) -> list[str | None]:
            return [c.id for c in store.claims(**kw)]

        assert ids(metric="casualties") == ["port:1", "port:2"]
        assert ids(metric="casualties.killed") == ["port:1"]
        assert ids(metric="casualties.kill") == []
        assert ids(subject="RUSSIA") == ["north:1"]
        assert ids(location="odesa oblast") == ["port:1"]
        assert ids(source="ministry of defence") == ["port:1", "port:2"]
        assert ids(source="the regional governor") == ["port:3"]  # by alias
        assert ids(since="2024-06-01") == ["north:1"]
        assert ids(until="2024-05-06") == ["port:2"]  # 2024-W19 starts on Monday 6 May
        assert ids(since="2024-06-30", until="2024-07-31") == ["north:1"]  # 2024-06 overlaps
        assert ids(search="drones") == ["north:1"]
        assert ids(search="fled") == ["port:3"]
        assert ids(search="shelling") == []  # only in the article's text, not in evidence
        assert [a.id for a in store.articles(search="shelling")] == ["port"]
        assert [a.id for a in store.articles(search="shot down")] == ["north"]
        assert ids(search='"families had fled"') == ["port:3"]
        assert ids(search="killed", metric="casualties.wounded") == ["port:2"]
        assert ids(limit=2) == ["port:1", "port:2"]
        assert ids(search="%") == []


def test_sources_and_stats(db_url: str) -> None:
    art, found = river_port()
    with open_store(db_url) as store:
        store.put_article(art, found)
        store.put_article(Article(id="undated", text="No date here."), [])
        assert [a.id for a in store.articles()] == ["port", "undated"]  # undated last
        sources = [(s.name, s.kind, s.aliases, s.claims, s.relayed) for s in store.sources()]
        stats = store.stats()
    assert sources == [
        ("Ministry of Defence", "military", ["Ministry officials"], 2, 0),
        ("Odesa regional governor", "official", ["The regional governor"], 1, 0),
        ("Example Wire", None, ["the wire"], 0, 1),
    ]
    assert (stats.articles, stats.claims, stats.sources, stats.articles_without_date) == (
        2,
        3,
        3,
        1,
    )
    assert stats.metrics == {"casualties.killed": 1, "casualties.wounded": 1, "people.displaced": 1}
    assert stats.schema == LATEST
    assert stats.outlets == {"(unknown)": 1, "Example News": 1}


def test_migrations_on_blank_and_v1_database(db_url: str) -> None:
    engine = make_engine(resolve_url(db_url))
    try:
        assert migrate(engine, target=1) == 1
        with engine.begin() as conn:  # an article written by sitrep at schema v1
            conn.execute(
                text(
                    "INSERT INTO articles (id, key, url, text, text_hash, ingested_at, updated_at) "
                    "VALUES ('old', 'url:https://old.example/', 'https://old.example/', "
                    "'An old article about shelling.', 'x', '2024-01-01T00:00:00Z', "
                    "'2024-01-01T00:00:00Z')"
                )
            )
            cols = [r[0] for r in conn.execute(text("SELECT * FROM articles")).keys()]
            assert "partial" not in cols
    finally:
        engine.dispose()
    with open_store(db_url) as store:
        assert store.schema_version == LATEST
        with store.engine.connect() as conn:
            versions = conn.execute(text("SELECT version FROM schema_migrations ORDER BY 1"))
            assert list(versions.scalars()) == list(range(1, LATEST + 1))
            assert conn.execute(text("SELECT partial FROM articles")).scalar_one() == 0
        new = Article(id="new", text="New text about drones.", url="https://n.example/")
        assert store.put_article(new, [claim(new, new.text, "materiel.used", "Russia")]) == "new"
        assert sorted(a.id for a in store.articles()) == ["new", "old"]
        assert [a.id for a in store.articles(search="shelling")] == ["old"]  # FTS rebuilt
        assert [c.article.id for c in store.claims(search="drones")] == ["new"]


def test_blank_database_and_reopen(db_url: str) -> None:
    with open_store(db_url) as store:
        assert store.schema_version == LATEST
        assert store.claims() == [] and store.sources() == [] and store.articles() == []
    with open_store(db_url) as store:  # opening again migrates nothing
        assert store.schema_version == LATEST


def test_newer_schema_is_refused(db_url: str) -> None:
    with open_store(db_url) as store, store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'x')"
            )
        )
    with pytest.raises(StoreError, match=rf"schema is v99, newer than this sitrep \(v{LATEST}\)"):
        with open_store(db_url):
            pass


def test_bad_locations(tmp_path: Any) -> None:
    with pytest.raises(StoreError, match="does not exist; create it first"):
        with open_store(str(tmp_path / "missing" / "x.db")):
            pass
    with pytest.raises(StoreError, match="is a folder"):
        with open_store(str(tmp_path)):
            pass
    with pytest.raises(
        StoreError, match=r"cannot open the ledger postgresql\+psycopg://u:\*\*\*@127"
    ):
        with open_store("postgresql://u:secret@127.0.0.1:1/x"):  # nothing listens on port 1
            pass
    with pytest.raises(StoreError, match="unsupported database 'mysql'"):
        with open_store("mysql://u@h/db"):
            pass


def test_default_location_comes_from_settings(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store(None) as store:
        assert store.url == f"sqlite:///{tmp_path / 'sitrep.db'}"
    monkeypatch.setenv("SITREP_DB", str(tmp_path / "other.db"))
    with open_store(None) as store:
        assert store.url.endswith("/other.db")


def test_flat_views_match_the_csv_columns(db_url: str) -> None:
    from sitrep.store.flat import CLAIM_COLUMNS, flat_claim

    art, found = river_port()
    with open_store(db_url) as store:
        store.put_article(art, found)
        want = [flat_claim(c) for c in store.claims()]
        with store.engine.connect() as conn:
            result = conn.execute(text("SELECT * FROM claims_flat ORDER BY claim_id"))
            assert tuple(result.keys()) == CLAIM_COLUMNS
            got = [dict(r._mapping) for r in result]
            assert [dict(r._mapping) for r in conn.execute(text("SELECT * FROM articles_flat"))][0][
                "claims"
            ] == 3
            names = conn.execute(
                text("SELECT name, claims, relayed FROM sources_flat ORDER BY name")
            )
            assert [tuple(r) for r in names] == [
                ("Example Wire", 0, 1),
                ("Ministry of Defence", 2, 0),
                ("Odesa regional governor", 1, 0),
            ]
    for row in got:
        for k in ("value", "low", "high"):
            if row[k] is not None and float(row[k]).is_integer():
                row[k] = int(row[k])
    assert got == want


def test_migrations_build_exactly_the_declared_tables(db_url: str) -> None:
    from sqlalchemy import inspect

    from sitrep.store import schema

    with open_store(db_url) as store, store.engine.connect() as conn:
        found = inspect(conn)
        for table in schema.metadata.sorted_tables:
            columns = [c["name"] for c in found.get_columns(table.name)]
            assert columns == [c.name for c in table.columns], table.name
            if store.dialect == "sqlite":  # its inspector skips expression indexes
                sql = text("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :t")
                indexes = set(conn.execute(sql, {"t": table.name}).scalars())
            else:
                indexes = {i["name"] for i in found.get_indexes(table.name)}
            assert {i.name for i in table.indexes} <= indexes, table.name
        assert {"claims_flat", "articles_flat", "sources_flat"} <= set(found.get_view_names())
