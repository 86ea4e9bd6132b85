"""Walk the paths given to `ingest` and hand each file to the reader for its kind."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from .. import settings
from ..errors import ConfigError, InputError
from .base import MAX_PAGE_BYTES, MAX_TEXT_CHARS, Read
from .feeds import read_feed
from .fetch import fetch
from .html import read_html
from .sniff import SUFFIXES, kind_by_name, sniff
from .textual import read_json, read_jsonl, read_text
from .warc import read_warc

READERS = {
    "text": read_text,
    "jsonl": read_jsonl,
    "json": read_json,
    "html": read_html,
    "feed": read_feed,
}


def max_bytes() -> int:
    raw = settings.get("max_file_mb")
    try:
        mb = float(raw)
    except ValueError:
        raise ConfigError(f"max_file_mb: {raw!r} is not a number of megabytes") from None
    return int(mb * 1_048_576)


def read_inputs(paths: Iterable[str], fetch_urls: bool = False) -> Iterator[Read | InputError]:
    """Every article in `paths` (files, folders recursively, `-`, URLs with `fetch_urls`).

    Bad documents come as `InputError`s in the stream, naming the file; the rest go on.
    """
    for item in _read_all(paths, fetch_urls):
        if isinstance(item, Read) and len(item.article.text) > MAX_TEXT_CHARS:
            size = len(item.article.text)
            yield InputError(
                item.origin, f"text too long for one article ({size:,} characters; limit 1,000,000)"
            )
        else:
            yield item


def _read_all(paths: Iterable[str], fetch_urls: bool) -> Iterator[Read | InputError]:
    limit = max_bytes()
    for path in paths:
        if path == "-":
            data = sys.stdin.buffer.read(limit + 1)
            if len(data) > limit:
                yield InputError("<stdin>", f"input larger than the limit ({_mb(limit)} MB)")
            else:
                yield from read_bytes("<stdin>", "stdin", data, None)
        elif "://" in path:
            yield from _url(path, fetch_urls, limit)
        else:
            p = Path(path)
            if p.is_dir():
                found = False
                for f in _walk(p):
                    found = True
                    rel = f.relative_to(p)
                    yield from read_file(f, _strip_suffix(rel.as_posix()), limit)
                if not found:
                    yield InputError(path, "folder holds no files of a kind sitrep reads")
            elif p.exists():
                yield from read_file(p, _strip_suffix(p.name), limit)
            else:
                yield InputError(path, "no such file or folder")


def read_file(path: Path, doc_id: str, limit: int) -> Iterator[Read | InputError]:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > limit:
            yield InputError(name, f"file too large ({_mb(size)} MB; limit {_mb(limit)} MB)")
            return
        if size == 0:
            yield InputError(name, "empty document")
            return
        kind = kind_by_name(path.name)
        if kind == "text" and size > 4 * MAX_TEXT_CHARS:  # UTF-8 takes at most 4 bytes a character
            yield InputError(name, f"text too long for one article ({_mb(size)} MB)")
            return
        if kind == "html" and size > MAX_PAGE_BYTES:
            yield InputError(name, f"page too large for a news page ({_mb(size)} MB; limit 20 MB)")
            return
        if kind == "warc":
            with path.open("rb") as stream:
                yield from read_warc(name, doc_id, stream, limit)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(name, f"cannot read file ({exc.strerror or exc})")
        return
    yield from read_bytes(name, doc_id, data, kind)


def read_bytes(
    name: str, doc_id: str, data: bytes, kind: str | None
) -> Iterator[Read | InputError]:
    """The articles in `data`, read as `kind` (None: guessed from the first bytes)."""
    sniffed = sniff(data[:8192])
    if sniffed == "binary":
        yield InputError(name, "binary file (contains NUL bytes), not text")
        return
    kind = kind or sniffed
    if kind == "gzip":
        yield InputError(name, "compressed file; only .warc.gz archives are read compressed")
        return
    if kind == "warc":
        import io

        yield from read_warc(name, doc_id, io.BytesIO(data), len(data))
        return
    if kind == "feed" and sniffed == "html":  # an .xml file that is really a web page
        kind = "html"
    yield from READERS[kind](name, doc_id, data)


def _url(url: str, fetch_urls: bool, limit: int) -> Iterator[Read | InputError]:
    if not fetch_urls:
        yield InputError(url, "is a URL; add --fetch to download it (nothing is fetched without)")
        return
    timeout = float(settings.get("fetch_timeout"))
    got = fetch(url, timeout, limit)
    if isinstance(got, InputError):
        yield got
        return
    body, ctype, final = got
    kind = "feed" if any(t in ctype for t in ("rss", "atom", "xml")) else None
    kind = kind or sniff(body[:8192])
    if kind == "html":
        yield from read_html(url, "page", body, url=final)
    else:
        yield from read_bytes(url, "page", body, kind)


def _walk(folder: Path) -> Iterator[Path]:
    """Files with a supported suffix under `folder`, sorted; hidden ones left out."""
    for f in sorted(folder.rglob("*")):
        rel = f.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not f.is_file():
            continue
        if kind_by_name(f.name) is not None:
            yield f


def _strip_suffix(name: str) -> str:
    low = name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if low.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _mb(n: int) -> int | float:
    mb = n / 1_048_576
    return int(mb) if mb >= 10 or mb.is_integer() else round(mb, 1)
