"""Commands over texts: `quantities`, `dates`, `extract`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import typer

from ..inputs import read_articles
from ..output import write
from ..records import Article
from .app import JSONL_FORMAT_OPTION, Batch, Format, app, check_date, warn


@app.command()
def quantities(
    inputs: list[str] = typer.Argument(
        ..., help=".txt file, .jsonl of {id, text}, or - for stdin."
    ),
    fmt: Format = JSONL_FORMAT_OPTION,
) -> None:
    """Find the quantities (counts, money, measures) in texts."""
    from ..nlp.quantities import find_quantities

    batch = Batch()
    records = (
        {"id": art.id, **q.to_json()}
        for path in inputs
        for art in batch.articles(read_articles(path))
        for q in find_quantities(art.text)
    )
    write(
        records,
        fmt.value,
        ["id", "start", "end", "text", "value", "low", "high", "qualifier", "unit"],
    )
    batch.finish()


@app.command()
def dates(
    inputs: list[str] = typer.Argument(
        ..., help=".txt file, .jsonl of {id, text, published}, or -."
    ),
    reference: str | None = typer.Option(None, "--reference", help="Reference date YYYY-MM-DD."),
    fmt: Format = JSONL_FORMAT_OPTION,
) -> None:
    """Find time expressions and resolve them to TIMEX3 values."""
    check_date(reference, "--reference")
    batch = Batch()
    records = _timex_records(inputs, reference, batch)
    write(records, fmt.value, ["id", "start", "end", "text", "type", "value"])
    batch.finish()


def _timex_records(
    inputs: list[str], reference: str | None, batch: Batch
) -> Iterator[dict[str, Any]]:
    """One record per time expression; a document whose `published` is not a date is
    reported (file and id) and skipped."""
    from ..errors import UsageError
    from ..nlp.dates import find_timexes

    for path in inputs:
        for art in batch.articles(read_articles(path, published=reference)):
            try:
                found = find_timexes(art.text, reference or _day(art.published))
            except UsageError:
                batch.ok -= 1
                batch.failed += 1
                warn(
                    f"{path}: {art.id}: published {art.published!r} is not a date (use YYYY-MM-DD)"
                )
                continue
            for t in found:
                yield {"id": art.id, **t.to_json()}


@app.command()
def extract(
    inputs: list[str] = typer.Argument(..., help=".jsonl articles, .txt files, or -."),
    published: str | None = typer.Option(
        None, "--published", help="Publication date for .txt input."
    ),
    fmt: Format = JSONL_FORMAT_OPTION,
) -> None:
    """Extract source-attributed claims from articles."""
    check_date(published, "--published")
    from ..claims import extract_batch

    batch = Batch()
    articles = (
        art
        for path in inputs
        for art in batch.articles(read_articles(path, published))
        if _dated(art, path, batch)
    )
    records = (c.to_json() for _, claims in extract_batch(articles) for c in claims)
    columns = ["metric", "subject", "quantity.text", "source.name", "stated", "text"]
    write(
        records, fmt.value, None if fmt.value in ("jsonl", "json") else columns, widths={"text": 70}
    )
    batch.finish()


def _dated(art: Article, path: str, batch: Batch) -> bool:
    """False (reported, counted as failed) for a document whose `published` is not a date."""
    from datetime import date

    if not art.published:
        return True
    try:
        date.fromisoformat(art.published[:10])
    except ValueError:
        batch.ok -= 1
        batch.failed += 1
        warn(f"{path}: {art.id}: published {art.published!r} is not a date (use YYYY-MM-DD)")
        return False
    return True


def _day(published: str | None) -> str | None:
    """The date part of an ISO date or datetime."""
    return published[:10] if published else None
