"""Numbered schema migrations, recorded in `schema_migrations`; applied in one transaction.

Each migration is a function of a connection and its dialect name. Once released, a
migration never changes: later schema changes come as new, higher-numbered migrations.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from . import schema

Migration = Callable[[Connection, str], None]


def _v1_tables(conn: Connection, dialect: str) -> None:
    """The tables as first released (columns added later are left out of them)."""
    schema.metadata.create_all(conn, tables=list(schema.V1_TABLES))
    for table, names in schema.V1_EXCLUDED.items():
        for name in names:
            conn.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN {name}")
    for index in schema.V1_EXCLUDED_INDEXES:
        conn.exec_driver_sql(f"DROP INDEX {index}")


FTS_SQLITE = """
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text, content='articles', content_rowid='pk', tokenize='porter unicode61');
--
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END;
--
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text)
  VALUES ('delete', old.pk, old.title, old.text); END;
--
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text)
  VALUES ('delete', old.pk, old.title, old.text);
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END;
--
CREATE VIRTUAL TABLE claims_fts USING fts5(
  text, content='claims', content_rowid='pk', tokenize='porter unicode61');
--
CREATE TRIGGER claims_fts_ai AFTER INSERT ON claims BEGIN
  INSERT INTO claims_fts(rowid, text) VALUES (new.pk, new.text); END;
--
CREATE TRIGGER claims_fts_ad AFTER DELETE ON claims BEGIN
  INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.pk, old.text); END;
--
CREATE TRIGGER claims_fts_au AFTER UPDATE OF text ON claims BEGIN
  INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.pk, old.text);
  INSERT INTO claims_fts(rowid, text) VALUES (new.pk, new.text); END;
--
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
--
INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
--
"""

FTS_POSTGRES = """
CREATE INDEX ix_articles_fts ON articles
  USING gin (to_tsvector('english', coalesce(title, '') || ' ' || text));
--
CREATE INDEX ix_claims_fts ON claims USING gin (to_tsvector('english', text));
--
"""


def _v2_full_text(conn: Connection, dialect: str) -> None:
    _script(conn, FTS_SQLITE if dialect == "sqlite" else FTS_POSTGRES)


VIEWS = """
CREATE VIEW claims_flat AS
SELECT c.id AS claim_id, a.id AS article_id, a.url AS article_url, a.title AS article_title,
  a.outlet AS article_outlet, a.published AS article_published,
  c.metric, c.subject, c.recipient, c.item, c.location,
  c.q_value AS value, c.q_low AS low, c.q_high AS high, c.q_qualifier AS qualifier,
  c.q_unit AS unit, c.q_text AS quantity_text,
  c.source_name AS source, c.source_kind, c.source_country,
  (SELECT {agg} FROM claim_via v WHERE v.claim_pk = c.pk) AS via,
  c.stated, c.event_when AS "when", c.modality, c.text
FROM claims c JOIN articles a ON a.pk = c.article_pk;
--
CREATE VIEW articles_flat AS
SELECT a.id, a.url, a.title, a.outlet, a.published, a.language, a.origin, a.ingested_at,
  a.updated_at, (SELECT count(*) FROM claims c WHERE c.article_pk = a.pk) AS claims
FROM articles a;
--
CREATE VIEW sources_flat AS
SELECT s.name, s.kind, s.country, s.wikidata,
  (SELECT count(*) FROM claims c WHERE c.source_pk = s.pk) AS claims,
  (SELECT count(*) FROM claim_via v WHERE v.source_pk = s.pk) AS relayed
FROM sources s;
--
"""
VIA_AGG = {
    "sqlite": "group_concat(name, '; ') FROM (SELECT name FROM claim_via v "
    "WHERE v.claim_pk = c.pk ORDER BY position)",
    "postgresql": "string_agg(name, '; ' ORDER BY position)",
}


def _v3_views(conn: Connection, dialect: str) -> None:
    sql = VIEWS
    if dialect == "sqlite":  # group_concat takes no ORDER BY: aggregate an ordered subquery
        sql = sql.replace(
            "(SELECT {agg} FROM claim_via v WHERE v.claim_pk = c.pk)", "(SELECT {agg})"
        )
    _script(conn, sql.replace("{agg}", VIA_AGG[dialect]))


def _v4_partial(conn: Connection, dialect: str) -> None:
    conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN partial INTEGER NOT NULL DEFAULT 0")


def _v5_text_hash_index(conn: Connection, dialect: str) -> None:
    conn.exec_driver_sql("CREATE INDEX ix_articles_text_hash ON articles (text_hash)")


MIGRATIONS: tuple[tuple[int, str, Migration], ...] = (
    (1, "tables: articles, claims, sources, aliases, claim_via", _v1_tables),
    (2, "full-text search on article text and claim evidence", _v2_full_text),
    (3, "flat views for ordinary tools: claims_flat, articles_flat, sources_flat", _v3_views),
    (4, "articles.partial: text that may be only a feed summary", _v4_partial),
    (
        5,
        "index on articles.text_hash: a bare copy of a stored article is not new",
        _v5_text_hash_index,
    ),
)
LATEST = MIGRATIONS[-1][0]


def _script(conn: Connection, sql: str) -> None:
    """Run the statements of `sql`, separated by lines that hold only `--`."""
    for stmt in sql.split("\n--\n"):
        if stmt.strip():
            conn.exec_driver_sql(stmt.strip().rstrip(";"))


def current_version(conn: Connection) -> int:
    """The highest migration applied to the database (0 for a blank one)."""
    if not inspect(conn).has_table("schema_migrations"):
        return 0
    v = conn.execute(select(schema.schema_migrations.c.version).order_by(text("1 DESC"))).first()
    return int(v[0]) if v else 0


def migrate(engine: Engine, target: int | None = None) -> int:
    """Bring the database up to `target` (default: the latest); returns the version reached."""
    target = LATEST if target is None else target
    dialect = engine.dialect.name
    version = _read_version(engine)
    try:
        if version > LATEST:
            raise StoreError(
                f"database schema is v{version}, newer than this sitrep (v{LATEST}); upgrade sitrep"
            )
        if version >= target:
            return version
        with engine.connect().execution_options(sitrep_write=True) as conn, conn.begin():
            if dialect == "postgresql":  # one migrator at a time
                conn.execute(text("SELECT pg_advisory_xact_lock(7356121)"))
            schema.schema_migrations.create(conn, checkfirst=True)
            version = current_version(conn)
            for number, name, step in MIGRATIONS:
                if version < number <= target:
                    step(conn, dialect)
                    conn.execute(
                        schema.schema_migrations.insert().values(
                            version=number, name=name, applied_at=_now()
                        )
                    )
                    version = number
        return version
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot migrate the database ({_short(exc)})") from exc


def _read_version(engine: Engine) -> int:
    """The schema version, waiting while another process holds the new file locked."""
    deadline = time.monotonic() + 30
    while True:
        try:
            with engine.connect() as conn:
                version = current_version(conn)
                conn.rollback()
            return version
        except SQLAlchemyError as exc:
            if "locked" in _short(exc) and time.monotonic() < deadline:
                time.sleep(0.05)  # another process is creating the ledger right now
                continue
            where = engine.url.render_as_string(hide_password=True)
            raise StoreError(f"cannot open the ledger {where} ({_short(exc)})") from exc


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _short(exc: BaseException) -> str:
    return str(getattr(exc, "orig", None) or exc).splitlines()[0]
