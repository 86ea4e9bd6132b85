"""Plain text, JSON lines and JSON documents."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Article
from .base import Read, decode
from .dates import normalise_date

FIELDS = ("url", "title", "outlet", "published", "language")


def read_text(name: str, doc_id: str, data: bytes) -> Iterator[Read | InputError]:
    text = decode(name, data)
    if isinstance(text, InputError):
        yield text
    elif not text.strip():
        yield InputError(name, "empty document")
    else:
        yield Read(Article(id=doc_id, text=text, published=date_in_name(name)), name)


_NAME_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)"
)


def date_in_name(name: str) -> str | None:
    """A YYYY-MM-DD (or YYYYMMDD) date in a file's name, as many archives name their files."""
    found = _NAME_DATE.search(Path(name).name)
    return normalise_date("-".join(found.groups())) if found else None


def read_jsonl(name: str, doc_id: str, data: bytes) -> Iterator[Read | InputError]:
    seen = False
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        seen = True
        line = decode(name, raw)
        if isinstance(line, InputError):
            yield InputError(name, line.problem, lineno)
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(name, f"invalid JSON ({exc.msg})", lineno)
            continue
        yield _article(name, f"{doc_id}:{lineno}", obj, lineno, f"{name}:{lineno}")
    if not seen:
        yield InputError(name, "empty document")


def read_json(name: str, doc_id: str, data: bytes) -> Iterator[Read | InputError]:
    """A JSON array of article objects, an object with an `articles` array, or one article."""
    text = decode(name, data)
    if isinstance(text, InputError):
        yield text
        return
    if not text.strip():
        yield InputError(name, "empty document")
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # JSON lines under a .json name
            yield from read_jsonl(name, doc_id, data)
            return
        yield InputError(name, f"invalid JSON ({exc.msg})", exc.lineno)
        return
    if isinstance(obj, dict) and isinstance(obj.get("articles"), list):
        obj = obj["articles"]
    if isinstance(obj, list):
        for n, item in enumerate(obj, start=1):
            got = _article(name, f"{doc_id}:{n}", item, None, f"{name}#{n}")
            if isinstance(got, InputError):
                got = InputError(name, f"item {n}: {got.problem}")
            yield got
    else:
        yield _article(name, doc_id, obj, None, name)


def _article(
    name: str, default_id: str, obj: Any, line: int | None, origin: str
) -> Read | InputError:
    if not isinstance(obj, dict):
        return InputError(name, "expected a JSON object", line)
    text = obj.get("text")
    if not isinstance(text, str):
        return InputError(name, "missing 'text' field", line)
    if not text.strip():
        return InputError(name, "empty 'text' field", line)
    extra = {k: obj[k] for k in FIELDS if isinstance(obj.get(k), str) and obj[k].strip()}
    warnings = []
    if "published" in extra:
        day = normalise_date(extra["published"])
        if day is None:
            warnings.append(f"{origin}: unrecognised date {extra['published']!r}; ignored")
        extra["published"] = day
    raw_id = obj.get("id")
    doc_id = str(raw_id) if isinstance(raw_id, str | int) and str(raw_id).strip() else default_id
    return Read(Article(id=doc_id, text=text, **extra), origin, warnings)
