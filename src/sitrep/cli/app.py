"""The Typer app, options shared by every command, and the batch/error conventions."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum

import typer

from ..errors import InputError, UsageError
from ..records import Article

app = typer.Typer(
    name="sitrep",
    help="Turn conflict news into a ledger of source-attributed claims, and fuse them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    table = "table"


class State:
    debug = False
    quiet = False


FORMAT_OPTION = typer.Option(Format.table, "--format", "-f", help="Output format.")
JSONL_FORMAT_OPTION = typer.Option(Format.jsonl, "--format", "-f", help="Output format.")


@app.callback()
def root(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or summary on stderr."),
) -> None:
    """sitrep: who says what number about what, and when."""
    State.debug = debug
    State.quiet = quiet


def warn(message: str) -> None:
    """One line on stderr, prefixed with the program name."""
    print(f"sitrep: {message}", file=sys.stderr)


def info(message: str) -> None:
    if not State.quiet:
        print(message, file=sys.stderr)


class Batch:
    """Counts documents read and failed; bad ones are reported as they come and skipped."""

    def __init__(self) -> None:
        self.ok = 0
        self.failed = 0

    def articles(self, items: Iterable[Article | InputError]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                self.failed += 1
                warn(str(item))
            else:
                self.ok += 1
                yield item

    def finish(self) -> None:
        if self.failed:
            info(f"{self.ok} documents processed, {self.failed} failed")
            raise typer.Exit(1)


def check_date(value: str | None, option: str) -> str | None:
    """Validate a YYYY-MM-DD option value, or raise a usage error naming the option."""
    if value is None:
        return None
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option}: {value!r} is not a date (use YYYY-MM-DD)") from None
    return value
