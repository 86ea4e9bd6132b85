"""Write records as jsonl, json, csv or a table: the one place output formats live."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

FORMATS = ("jsonl", "json", "csv", "table")


def flatten(obj: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts become dotted columns; lists of dicts become '; '-joined names/values."""
    flat: dict[str, Any] = {}
    for key, val in obj.items():
        name = f"{prefix}{key}"
        if isinstance(val, dict):
            flat.update(flatten(val, name + "."))
        elif isinstance(val, list):
            parts = []
            for item in val:
                if isinstance(item, dict):
                    parts.append(str(item.get("name") or item.get("id") or json.dumps(item)))
                else:
                    parts.append(str(item))
            flat[name] = "; ".join(parts)
        else:
            flat[name] = val
    return flat


def clip(text: Any, width: int) -> str:
    s = "" if text is None else " ".join(str(text).split())
    return s if len(s) <= width else s[: width - 1] + "…"


def write(
    records: Iterable[dict[str, Any]],
    fmt: str,
    columns: Sequence[str] | None = None,
    out: TextIO | None = None,
    title: str | None = None,
    widths: dict[str, int] | None = None,
) -> int:
    """Write `records`; `columns` picks and orders the flat columns for csv and table."""
    out = out or sys.stdout
    n = 0
    if fmt == "jsonl":
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
        return n
    rows = list(records)
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return len(rows)
    flat = [flatten(r) for r in rows]
    cols = list(columns) if columns else _columns(flat)
    if fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(cols)
        for r in flat:
            w.writerow(["" if r.get(c) is None else r.get(c) for c in cols])
        return len(rows)
    if fmt == "table":
        _table(flat, cols, out, title, widths or {})
        return len(rows)
    raise ValueError(f"unknown format {fmt!r}")


def _columns(flat: list[dict[str, Any]]) -> list[str]:
    cols: list[str] = []
    for r in flat:
        for k in r:
            if k not in cols:
                cols.append(k)
    return cols


def _table(
    flat: list[dict[str, Any]],
    cols: list[str],
    out: TextIO,
    title: str | None,
    widths: dict[str, int],
) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for c in cols:
        table.add_column(c, overflow="fold")
    for r in flat:
        table.add_row(*[clip(r.get(c), widths.get(c, 60)) for c in cols])
    # a terminal's (or $COLUMNS') width; in a pipe or file, wide enough to keep evidence readable
    probe = Console(file=out)
    if probe.is_terminal:
        width = probe.width
    else:
        width = max(100, probe.width) if os.environ.get("COLUMNS") else 160
    console = Console(file=out, width=width, soft_wrap=False)
    console.print(table)
