"""RSS and Atom feeds: each entry an article, its content (else summary) the text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from ..records import Article
from .base import Read, decode, outlet_from_url, url_slug
from .dates import normalise_date
from .html import fragment_text

_DECL = re.compile(rb"<!(ENTITY|DOCTYPE[^>]*\[)", re.IGNORECASE)
_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.-]+)""")


def read_feed(name: str, doc_id: str, data: bytes) -> Iterator[Read | InputError]:
    if not data.strip():
        yield InputError(name, "empty document")
        return
    if _DECL.search(data[:65536]):  # entity declarations: a possible XML bomb, never expanded
        yield InputError(name, "feed declares XML entities (a possible XML bomb); refused")
        return
    m = _ENCODING.match(data[:200])
    text = decode(name, data, m.group(1).decode("ascii") if m else "utf-8")
    if isinstance(text, InputError):
        yield text
        return
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and "encoding" in type(problem).__name__.lower():
        problem = None  # a declared encoding overridden by the real one: harmless
    if not entries:
        why = f"not a readable feed ({_why(problem)})" if problem else "feed has no entries"
        yield InputError(name, why)
        return
    if problem is not None:
        yield InputError(
            name, f"malformed feed ({_why(problem)}); {len(entries)} entries could be read"
        )
    channel = parsed.get("feed") or {}
    outlet = channel.get("title") or outlet_from_url(channel.get("link"))
    for n, entry in enumerate(entries, start=1):
        yield _entry(name, f"{doc_id}:{n}", n, entry, outlet)


def _entry(name: str, default_id: str, n: int, entry: Any, outlet: str | None) -> Read | InputError:
    title = (entry.get("title") or "").strip() or None
    label = f"entry {n}" + (f" ({title[:40]!r})" if title else "")
    body = ""
    for content in entry.get("content") or []:
        if content.get("value", "").strip():
            body = content["value"]
            break
    body = body or entry.get("summary") or entry.get("description") or ""
    text = fragment_text(body)
    if not text:
        return InputError(name, f"{label}: no text (neither content nor summary)")
    if title and not text.startswith(title):
        text = f"{title}\n{text}"
    link = entry.get("link")
    published, warnings = _published(name, n, entry)
    article = Article(
        id=url_slug(link) or default_id,
        text=text,
        url=link or None,
        title=title,
        outlet=outlet,
        published=published,
    )
    return Read(article, f"{name}#{n}", warnings, partial=True)


def _published(name: str, n: int, entry: Any) -> tuple[str | None, list[str]]:
    """The entry's date as written (the publisher's own day), else feedparser's UTC parse."""
    raw = None
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            day = normalise_date(raw)
            if day:
                return day, []
            break
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        if entry.get(key):
            return normalise_date(entry[key]), []
    if raw:
        return None, [f"{name}#{n}: unrecognised date {raw!r}; ignored"]
    return None, []


def _why(exc: Any) -> str:
    msg = getattr(exc, "getMessage", None)
    text = msg() if callable(msg) else str(exc)
    line = getattr(exc, "getLineNumber", None)
    where = f"line {line()}: " if callable(line) else ""
    return f"{where}{text}".strip() or type(exc).__name__
