"""The command reference cannot drift from the commands, and every setting is documented."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from sitrep import settings

ROOT = Path(__file__).resolve().parent.parent


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "gen_cli_docs", ROOT / "scripts" / "gen_cli_docs.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_current() -> None:
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == _generator().render(), "run .venv/bin/python scripts/gen_cli_docs.py"


def test_every_setting_documented() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for s in settings.SETTINGS:
        assert f"`SITREP_{s.name.upper()}`" in doc
        assert s.help


def test_setting_precedence(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    cfg = tmp_path / "config.toml"
    cfg.write_text('db = "from-file.db"\n', encoding="utf-8")
    monkeypatch.setenv("SITREP_CONFIG", str(cfg))
    assert settings.get("db") == "from-file.db"
    monkeypatch.setenv("SITREP_DB", "from-env.db")
    assert settings.get("db") == "from-env.db"
    monkeypatch.delenv("SITREP_CONFIG")
    monkeypatch.delenv("SITREP_DB")
    assert settings.get("db") == "sitrep.db"
