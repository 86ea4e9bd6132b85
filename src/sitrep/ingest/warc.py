"""Web archives (.warc, .warc.gz): each HTML response or resource record is a page."""

from __future__ import annotations

import gzip
import logging
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import InputError
from .base import Read
from .html import page_article

HTML_TYPES = ("text/html", "application/xhtml+xml")
logging.getLogger("warcio").setLevel(logging.ERROR)


def read_warc(
    name: str, doc_id: str, stream: BinaryIO, max_bytes: int
) -> Iterator[Read | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if not _is_warc(stream):
        yield InputError(name, "not a WARC file (it does not start with a WARC/1.x record)")
        return
    n = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type not in ("response", "resource"):
                continue
            n += 1
            uri = record.rec_headers.get_header("WARC-Target-URI")
            if record.http_headers is not None:
                status = record.http_headers.get_statuscode()
                ctype = record.http_headers.get_header("Content-Type") or ""
            else:
                status = "200"
                ctype = record.rec_headers.get_header("Content-Type") or ""
            if not ctype.lower().startswith(HTML_TYPES) or not str(status).startswith("2"):
                continue
            body = record.content_stream().read(max_bytes + 1)
            label = f"{name}#{n}"
            if len(body) > max_bytes:
                yield InputError(name, f"record {n} ({uri}): larger than the file size limit")
                continue
            charset = _charset(ctype)
            got = page_article(label, f"{doc_id}:{n}", body, uri, charset, origin=label)
            if isinstance(got, InputError):
                got = InputError(name, f"record {n} ({uri}): {got.problem}")
            yield got
    except (ArchiveLoadFailed, ValueError, EOFError, OSError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        yield InputError(name, f"not a readable WARC file after {n} records ({first})")
        return
    if n == 0:
        yield InputError(name, "no response records in the web archive")


def _is_warc(stream: BinaryIO) -> bool:
    """Whether `stream` (plain or gzip) starts with a WARC record; rewinds it."""
    head = stream.read(2)
    stream.seek(0)
    try:
        if head == b"\x1f\x8b":
            with gzip.GzipFile(fileobj=stream) as gz:
                head = gz.read(5)
        else:
            head = stream.read(5)
    except (OSError, EOFError):
        return False
    finally:
        stream.seek(0)
    return head == b"WARC/"


def _charset(ctype: str) -> str | None:
    for part in ctype.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None
