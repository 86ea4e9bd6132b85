"""Shared fixtures: a private home per test, paths to ../shared, database URLs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own home folder and no inherited sitrep settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for key in list(os.environ):
        if key.startswith("SITREP_") and key != "SITREP_TEST_PG":
            monkeypatch.delenv(key)


@pytest.fixture
def shared() -> Path:
    """The ../shared folder; tests that need it skip cleanly without it (CI always has it)."""
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail("../shared is missing in CI")
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture
def pg_url() -> str:
    """A PostgreSQL server URL (SITREP_TEST_PG); required in CI, skipped elsewhere without it."""
    url = os.environ.get("SITREP_TEST_PG")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("SITREP_TEST_PG is not set in CI (.ci/run starts the server)")
        pytest.skip("no PostgreSQL server: run scripts/pg-test-server and set SITREP_TEST_PG")
    return url
