"""The one exception tree. Every message says what went wrong and what to do."""

from __future__ import annotations


class SitrepError(Exception):
    """Base of every error sitrep raises on purpose; the CLI prints it as one line."""

    exit_code = 1


class UsageError(SitrepError):
    """The command was called wrongly (bad option value, missing file argument)."""

    exit_code = 2


class InputError(SitrepError):
    """One input document could not be read; the batch goes on without it."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


class ModelError(SitrepError):
    """The spaCy model is missing or broken."""


class StoreError(SitrepError):
    """The ledger database cannot be opened, migrated or written."""


class ConfigError(SitrepError):
    """A setting has an invalid value."""
