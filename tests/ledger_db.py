"""The `db_url` fixture: a fresh ledger on SQLite (a temp file) and on PostgreSQL (a fresh
database per test, dropped after). Test modules import it: `from ledger_db import db_url`."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    yield from fresh_pg_database(request.getfixturevalue("pg_url"))


def fresh_pg_database(server: str) -> Iterator[str]:
    name = f"sitrep_test_{uuid.uuid4().hex[:12]}"
    base = make_url(server)
    admin = create_engine(base.set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
