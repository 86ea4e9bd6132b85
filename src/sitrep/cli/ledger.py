"""Ledger commands: `ingest`, `claims`, `sources`, `articles`, `stats`."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import typer

from ..output import write
from .app import FORMAT_OPTION, Format, State, app, check_date, info, warn

DB_OPTION = typer.Option(
    None,
    "--db",
    help="Ledger: SQLite file or postgresql:// URL (default: the db setting, sitrep.db).",
)
SINCE_OPTION = typer.Option(None, "--since", help="On or after this day (YYYY-MM-DD).")
UNTIL_OPTION = typer.Option(None, "--until", help="On or before this day (YYYY-MM-DD).")
LIMIT_OPTION = typer.Option(None, "--limit", min=1, help="At most this many rows.")
CLAIM_TABLE = {  # terminal columns: flat column -> heading
    "article_published": "published",
    "article_outlet": "outlet",
    "metric": "metric",
    "subject": "subject",
    "quantity_text": "figure",
    "source": "source",
    "text": "evidence",
}


@app.command()
def ingest(
    paths: list[str] = typer.Argument(
        ..., help="Files, folders (recursively), - for stdin; URLs with --fetch."
    ),
    db: str | None = DB_OPTION,
    fetch: bool = typer.Option(
        False, "--fetch", help="Download http(s) URLs given as paths (timeout, size limit)."
    ),
    published: str | None = typer.Option(
        None, "--published", help="Publication date (YYYY-MM-DD) for articles without one."
    ),
) -> None:
    """Read articles (.txt .html .json .jsonl RSS/Atom .warc), extract claims, store them once."""
    check_date(published, "--published")
    from ..store import open_store
    from ..store.load import ingest as run

    with open_store(db) as store, _progress() as (tick, say):
        summary = run(store, paths, fetch=fetch, warn=say, tick=tick, published=published)
    info(summary.line())
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def claims(
    metric: str | None = typer.Option(None, "--metric", help="casualties.killed, or casualties"),
    subject: str | None = typer.Option(None, "--subject", help="Party the figure is about."),
    source: str | None = typer.Option(None, "--source", help="Who made the claim (or an alias)."),
    location: str | None = typer.Option(None, "--location", help="Where."),
    since: str | None = SINCE_OPTION,
    until: str | None = UNTIL_OPTION,
    search: str | None = typer.Option(None, "--search", help="Words in the evidence sentence."),
    limit: int | None = LIMIT_OPTION,
    fmt: Format = FORMAT_OPTION,
    db: str | None = DB_OPTION,
) -> None:
    """Stored claims, filtered; csv gives one flat row per claim for spreadsheets."""
    check_date(since, "--since")
    check_date(until, "--until")
    from ..store import open_store
    from ..store.flat import CLAIM_COLUMNS, flat_claim

    with open_store(db, create=False) as store:
        found = store.claims(metric, subject, source, location, since, until, search, limit)
    if fmt.value in ("json", "jsonl"):
        write((c.to_json() for c in found), fmt.value)
    elif fmt.value == "csv":
        write((flat_claim(c) for c in found), "csv", CLAIM_COLUMNS)
    else:
        rows = ({v: flat_claim(c)[k] for k, v in CLAIM_TABLE.items()} for c in found)
        write(rows, "table", list(CLAIM_TABLE.values()), widths={"evidence": 60})


@app.command()
def sources(fmt: Format = FORMAT_OPTION, db: str | None = DB_OPTION) -> None:
    """Canonical sources in the ledger, most cited first, with the names they appeared under."""
    from ..store import open_store

    with open_store(db, create=False) as store:
        found = store.sources()
    columns = ["name", "kind", "country", "wikidata", "claims", "relayed", "aliases"]
    write((s.to_json() for s in found), fmt.value, columns, widths={"aliases": 50})


@app.command()
def articles(
    outlet: str | None = typer.Option(None, "--outlet", help="Only this outlet."),
    search: str | None = typer.Option(None, "--search", help="Words in the title or text."),
    since: str | None = SINCE_OPTION,
    until: str | None = UNTIL_OPTION,
    limit: int | None = LIMIT_OPTION,
    fmt: Format = FORMAT_OPTION,
    db: str | None = DB_OPTION,
) -> None:
    """Stored articles by publication date, with their claim counts."""
    check_date(since, "--since")
    check_date(until, "--until")
    from ..store import open_store

    with open_store(db, create=False) as store:
        found = store.article_entries(outlet, since, until, limit=limit, search=search)
    columns = ["id", "published", "outlet", "title", "claims", "url"]
    write((a.to_json() for a in found), fmt.value, columns, widths={"title": 50, "url": 50})


@app.command()
def stats(fmt: Format = FORMAT_OPTION, db: str | None = DB_OPTION) -> None:
    """Counts: articles, claims, sources, claims per metric, articles per outlet."""
    from ..store import open_store

    with open_store(db, create=False) as store:
        got = store.stats().to_json()
    if fmt.value in ("json", "jsonl"):
        write([got], fmt.value)
        return
    rows = [
        {"group": "ledger", "name": k, "count": got[k]}
        for k in ("articles", "claims", "sources", "articles_without_date")
    ]
    rows += [{"group": "metric", "name": k, "count": v} for k, v in got["metrics"].items()]
    rows += [{"group": "outlet", "name": k, "count": v} for k, v in got["outlets"].items()]
    span = f"{got['first_published'] or '-'} to {got['last_published'] or '-'}"
    title = f"{got['database']} (schema v{got['schema']}), published {span}"
    write(rows, fmt.value, ["group", "name", "count"], title=title)


@contextmanager
def _progress() -> Iterator[tuple[Callable[[str], None], Callable[[str], None]]]:
    """(tick, say): a Rich progress line on a terminal, nothing in pipes or with --quiet."""
    if State.quiet or not sys.stderr.isatty():
        yield (lambda _origin: None), warn
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    columns: Any = (
        SpinnerColumn(),
        TextColumn("{task.completed} articles"),
        TimeElapsedColumn(),
        TextColumn("[dim]{task.description}"),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("", total=None)

        def tick(origin: str) -> None:
            bar.update(task, advance=1, description=origin[-60:])

        def say(message: str) -> None:
            console.print(f"sitrep: {message}", markup=False, highlight=False, soft_wrap=True)

        yield tick, say
