"""Read documents for the text commands: a `.txt` file, a `.jsonl` file of objects, or `-`.

Bad documents do not stop a batch: each yields an `InputError` naming the file (and line)
in place of an `Article`, and the caller reports it and goes on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from .errors import InputError
from .records import Article

MAX_BYTES = 50 * 1024 * 1024
ARTICLE_FIELDS = ("url", "title", "outlet", "published", "language")


def read_articles(path: str, published: str | None = None) -> Iterator[Article | InputError]:
    """Yield the articles in `path` ('-' for stdin); `published` fills articles without a date."""
    if path == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
        yield from _parse(name, "stdin", data, published)
        return
    p = Path(path)
    if not p.exists():
        yield InputError(path, "no such file")
        return
    if p.is_dir():
        yield InputError(path, "is a folder; give a .txt or .jsonl file")
        return
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            yield InputError(
                path, f"file too large ({size // 1_048_576} MB; limit {MAX_BYTES // 1_048_576} MB)"
            )
            return
        data = p.read_bytes()
    except OSError as exc:
        yield InputError(path, f"cannot read file ({exc.strerror or exc})")
        return
    yield from _parse(
        path, p.stem, data, published, jsonl=p.suffix.lower() in (".jsonl", ".ndjson")
    )


def _parse(
    name: str, stem: str, data: bytes, published: str | None, jsonl: bool | None = None
) -> Iterator[Article | InputError]:
    if b"\x00" in data[:8192]:
        yield InputError(name, "binary file (contains NUL bytes), not text")
        return
    if jsonl is None:  # stdin: JSON lines when it starts with an object
        jsonl = data.lstrip().startswith(b"{")
    if not jsonl:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield InputError(name, f"not valid UTF-8 (byte {exc.start})")
            return
        if not text.strip():
            yield InputError(name, "empty document")
            return
        yield Article(id=stem, text=text, published=published)
        return
    for lineno, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield InputError(name, f"not valid UTF-8 (byte {exc.start})", lineno)
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(name, f"invalid JSON ({exc.msg})", lineno)
            continue
        if not isinstance(obj, dict):
            yield InputError(name, "expected a JSON object", lineno)
            continue
        body = obj.get("text")
        if not isinstance(body, str):
            yield InputError(name, "missing 'text' field", lineno)
            continue
        doc_id = obj.get("id")
        extra = {k: obj.get(k) for k in ARTICLE_FIELDS if isinstance(obj.get(k), str)}
        if published and not extra.get("published"):
            extra["published"] = published
        yield Article(
            id=str(doc_id) if doc_id is not None else f"{stem}:{lineno}", text=body, **extra
        )
