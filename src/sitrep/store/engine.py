"""Database URLs and engines: a plain path or sqlite:/// URL for SQLite, postgresql:// for PostgreSQL.

SQLite runs in WAL mode (readers never wait for a writer) with foreign keys on; write
transactions begin IMMEDIATE so two writers queue instead of deadlocking.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from .. import settings
from ..errors import StoreError

BUSY_TIMEOUT_MS = 30_000


def resolve_url(db: str | None) -> str:
    """The SQLAlchemy URL for `db`: None means the `db` setting (SITREP_DB, else ./sitrep.db)."""
    db = db or settings.get("db")
    if "://" not in db:
        path = Path(db).expanduser()
        if path.is_dir():
            raise StoreError(f"{db}: is a folder; give a database file path or a URL")
        if not path.parent.is_dir():
            raise StoreError(f"{db}: folder {path.parent} does not exist; create it first")
        return f"sqlite:///{path.resolve()}"
    try:
        url = make_url(db)
    except ArgumentError:
        raise StoreError(
            f"{db}: not a database URL (use a file path or postgresql://...)"
        ) from None
    if url.drivername in ("postgresql", "postgres", "postgresql+psycopg"):
        return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    if url.drivername == "sqlite":
        if not url.database or url.database == ":memory:":
            raise StoreError(f"{db}: an in-memory database cannot hold a ledger; give a file")
        return url.render_as_string(hide_password=False)
    raise StoreError(f"{db}: unsupported database {url.drivername!r} (use SQLite or PostgreSQL)")


def make_engine(url: str) -> Engine:
    """An engine for `url` with sitrep's SQLite settings applied on every connection."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see _sqlite_begin)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # Switching a new file to WAL needs an exclusive lock and SQLite does not always wait for
    # it (another process creating the ledger at the same moment): retry until the timeout.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cur.execute("PRAGMA journal_mode = WAL")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    write = conn.get_execution_options().get("sitrep_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
