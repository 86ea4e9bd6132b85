"""Commands over the fused ledger: `findings`, `assess`, `timeline`, `export`, `report`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .. import settings
from ..errors import UsageError
from ..output import write
from .app import Format, app, check_date, info, warn

FINDING_CSV_COLUMNS = [
    "id",
    "metric",
    "subject",
    "item",
    "location",
    "source",
    "figure",
    "value",
    "low",
    "high",
    "qualifiers",
    "stated_first",
    "stated_last",
    "outlets",
    "independent_sources",
    "articles",
    "claims",
    "via",
    "modality",
]
if TYPE_CHECKING:
    from ..fuse import Fusion
    from ..records import Claim

DB_OPTION = typer.Option(
    None,
    "--db",
    help="Ledger: SQLite file or postgresql:// URL (default: the db setting, sitrep.db).",
)
CLAIMS_OPTION = typer.Option(
    None,
    "--claims",
    help="Read claims from this .jsonl (as `sitrep extract` writes them, '-' for stdin) "
    "instead of the ledger; may be repeated.",
)
METRIC_OPTION = typer.Option(None, "--metric", help="casualties.killed, or a family: casualties.")
SUBJECT_OPTION = typer.Option(None, "--subject", help="Party the figures are about.")
BY_LOCATION_OPTION = typer.Option(
    False, "--by-location", help="One series per location too (default: places pooled)."
)
POLICY_OPTION = typer.Option(
    None,
    "--policy",
    help="ucdp (median, low-high) or acled (most conservative); default: the policy setting.",
)


class _Failures:
    count = 0


def _load(
    db: str | None, claim_files: list[str] | None, metric: str | None, subject: str | None
) -> list[Claim]:
    """Claims from --claims files (bad lines reported and skipped) or from the ledger."""
    from ..errors import InputError

    if claim_files:
        from ..fuse.ledger import read_claims

        out: list[Claim] = []
        for path in claim_files:
            for item in read_claims(path):
                if isinstance(item, InputError):
                    _Failures.count += 1
                    warn(str(item))
                else:
                    out.append(item)
        return out
    from ..fuse.sources import canonical_subject
    from ..store import open_store

    with open_store(db) as store:
        return store.claims(metric=metric, subject=canonical_subject(subject) if subject else None)


def _fuse(
    db: str | None,
    claim_files: list[str] | None,
    metric: str | None,
    subject: str | None,
    by_location: bool = False,
) -> Fusion:
    from ..fuse import fuse

    claims = _load(db, claim_files, metric, subject)
    if not claims:
        info("no claims to fuse (ingest articles first, or give --claims)")
    return fuse(claims, by_location)


def _policy(policy: str | None) -> str:
    from ..fuse import POLICIES

    value = policy or settings.get("policy")
    if value not in POLICIES:
        raise UsageError(f"--policy: {value!r} is not a policy (use {' or '.join(POLICIES)})")
    return value


def _finish() -> None:
    if _Failures.count:
        info(f"{_Failures.count} bad claim input(s) skipped")
        _Failures.count = 0
        raise typer.Exit(1)


@app.command()
def findings(
    metric: str | None = METRIC_OPTION,
    subject: str | None = SUBJECT_OPTION,
    source: str | None = typer.Option(
        None, "--source", help="Source, a mention, or an intermediary."
    ),
    location: str | None = typer.Option(None, "--location", help="Where."),
    since: str | None = typer.Option(None, "--since", help="Stated on or after (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Stated on or before (YYYY-MM-DD)."),
    evidence: bool = typer.Option(
        False, "--evidence", help="json/jsonl: add the evidence sentences."
    ),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
    db: str | None = DB_OPTION,
    claim_files: list[str] | None = CLAIMS_OPTION,
) -> None:
    """Claims that state the same thing, grouped: outlets and independent sources for each."""
    check_date(since, "--since")
    check_date(until, "--until")
    from ..fuse.export import FINDING_COLUMNS, finding_row, finding_table_row, select_findings

    result = _fuse(db, claim_files, metric, subject)
    chosen = select_findings(result.findings, metric, subject, source, location, since, until)
    if fmt.value in ("json", "jsonl"):
        write((f.to_json(evidence) for f in chosen), fmt.value)
    elif fmt.value == "table":
        write((finding_table_row(f) for f in chosen), "table", FINDING_COLUMNS)
    else:
        write((finding_row(f) for f in chosen), fmt.value, FINDING_CSV_COLUMNS)
    _finish()


@app.command()
def assess(
    subject: str | None = SUBJECT_OPTION,
    metric: str | None = METRIC_OPTION,
    as_of: str | None = typer.Option(
        None, "--as-of", help="What was known by this day (YYYY-MM-DD)."
    ),
    policy: str | None = POLICY_OPTION,
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
    by_location: bool = BY_LOCATION_OPTION,
    db: str | None = DB_OPTION,
    claim_files: list[str] | None = CLAIMS_OPTION,
) -> None:
    """Low / best / high for each series as of a date, with the findings and rule behind each."""
    check_date(as_of, "--as-of")
    pol = _policy(policy)
    from ..fuse.export import ASSESS_COLUMNS, ASSESS_CSV_COLUMNS, assessment_row, select_series

    result = _fuse(db, claim_files, metric, subject, by_location)
    result.series = select_series(result.series, metric, subject)
    got = result.assess(as_of=as_of, policy=pol)
    if fmt.value in ("json", "jsonl"):
        write((a.to_json() for a in got), fmt.value)
    else:
        rows = [assessment_row(a) for a in got]
        columns = ASSESS_COLUMNS if fmt.value == "table" else ASSESS_CSV_COLUMNS
        write(rows, fmt.value, columns, widths={"sources": 50})
    _finish()


@app.command()
def timeline(
    subject: str | None = SUBJECT_OPTION,
    metric: str | None = METRIC_OPTION,
    policy: str | None = POLICY_OPTION,
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
    by_location: bool = BY_LOCATION_OPTION,
    db: str | None = DB_OPTION,
    claim_files: list[str] | None = CLAIMS_OPTION,
) -> None:
    """How each series' assessment moved: one row per series and statement day."""
    pol = _policy(policy)
    from ..fuse.export import ASSESS_CSV_COLUMNS, assessment_row, figure_text, select_series

    result = _fuse(db, claim_files, metric, subject, by_location)
    rows = []
    for s in select_series(result.series, metric, subject):
        from ..fuse import timeline as steps

        for a in steps(s, pol):
            row = assessment_row(a)
            new = [f for f in s.findings if f.day == a.as_of]
            row["new"] = "; ".join(
                f"{f.source_name or 'unattributed'} {figure_text(f)}" for f in new
            )
            rows.append(row)
    if fmt.value in ("json", "jsonl"):
        write(rows, fmt.value)
    else:
        columns = ["subject", "what", "as_of", "new", "low", "best", "high", "independent"]
        columns = (
            columns + ["outlets", "conflict"]
            if fmt.value == "table"
            else ["new", *ASSESS_CSV_COLUMNS]
        )
        write(rows, fmt.value, columns, widths={"new": 40})
    _finish()


@app.command()
def export(
    ucdp: Path = typer.Option(
        ..., "--ucdp", help="Write UCDP GED-style CSV here ('-' for stdout)."
    ),
    subject: str | None = SUBJECT_OPTION,
    metric: str | None = METRIC_OPTION,
    policy: str | None = POLICY_OPTION,
    by_location: bool = BY_LOCATION_OPTION,
    db: str | None = DB_OPTION,
    claim_files: list[str] | None = CLAIMS_OPTION,
) -> None:
    """One CSV row per assessed series and date, in the UCDP GED style (best, low, high ...)."""
    pol = _policy(policy)
    from ..fuse.export import UCDP_COLUMNS, select_series, ucdp_rows

    if str(ucdp) != "-":
        _check_out(ucdp)
    result = _fuse(db, claim_files, metric, subject, by_location)
    result.series = select_series(result.series, metric, subject)
    rows = ucdp_rows(result.timelines(pol))
    if str(ucdp) == "-":
        n = write(rows, "csv", UCDP_COLUMNS)
    else:
        with ucdp.open("w", encoding="utf-8", newline="") as out:
            n = write(rows, "csv", UCDP_COLUMNS, out=out)
        info(f"{n} rows written to {ucdp}")
    _finish()


@app.command()
def report(
    out: Path = typer.Option(Path("report.html"), "--out", "-o", help="The HTML file to write."),
    subject: str | None = SUBJECT_OPTION,
    metric: str | None = METRIC_OPTION,
    as_of: str | None = typer.Option(None, "--as-of", help="Assess as of this day (YYYY-MM-DD)."),
    policy: str | None = POLICY_OPTION,
    title: str = typer.Option("sitrep assessment", "--title", help="The report's title."),
    article_text: bool = typer.Option(
        True,
        "--article-text/--no-article-text",
        help="Add the cited articles' texts (ledger only).",
    ),
    by_location: bool = BY_LOCATION_OPTION,
    db: str | None = DB_OPTION,
    claim_files: list[str] | None = CLAIMS_OPTION,
) -> None:
    """One self-contained HTML report: charts, assessments, findings and their evidence."""
    check_date(as_of, "--as-of")
    pol = _policy(policy)
    from ..fuse.export import select_findings, select_series
    from ..report.html import render

    _check_out(out)
    result = _fuse(db, claim_files, metric, subject, by_location)
    result.series = select_series(result.series, metric, subject)
    result.findings = select_findings(result.findings, metric, subject)
    texts = _texts(db, result) if article_text and not claim_files else None
    out.write_text(
        render(result, policy=pol, as_of=as_of, title=title, texts=texts), encoding="utf-8"
    )
    print(out)
    _finish()


def _texts(db: str | None, result: Fusion) -> dict[str, str]:
    """The texts of the articles the findings cite, from the ledger."""
    from ..store import open_store

    cited = {c.article.id for f in result.findings for c in f.claims}
    if not cited:
        return {}
    with open_store(db) as store:
        return {a.id: a.text for a in store.articles(with_text=True) if a.id in cited}


def _check_out(path: Path) -> None:
    if path.is_dir():
        raise UsageError(f"{path}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise UsageError(f"{path}: folder {path.parent} does not exist")
