"""Settings in one declared table: name, default, help. Environment `SITREP_<NAME>` overrides,
then a TOML config file (`SITREP_CONFIG`, default `~/.config/sitrep/config.toml`)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "sitrep.db", "Ledger database: a SQLite file path or a postgresql:// URL."),
    Setting("policy", "ucdp", "Default assessment policy: ucdp or acled."),
    Setting("max_file_mb", "200", "Largest input file ingested, in MB; larger files are skipped."),
    Setting("fetch_timeout", "10", "Seconds to wait for a page with `ingest --fetch`."),
)


def _config_file() -> dict[str, object]:
    path = Path(os.environ.get("SITREP_CONFIG", Path.home() / ".config" / "sitrep" / "config.toml"))
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc})") from exc


def get(name: str) -> str:
    """The value of setting `name`: environment, then config file, then default."""
    for s in SETTINGS:
        if s.name == name:
            env = os.environ.get(f"SITREP_{name.upper()}")
            if env:
                return env
            val = _config_file().get(name)
            return str(val) if val is not None else s.default
    raise ConfigError(f"unknown setting {name!r}")
