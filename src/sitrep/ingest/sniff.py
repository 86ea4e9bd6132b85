"""What kind of document a byte string holds, from its name and its first bytes."""

from __future__ import annotations

import re

SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
    ".warc.gz": "warc",
}
KINDS = frozenset(SUFFIXES.values())
_FEED = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML = re.compile(rb"<(!doctype html|html|head|body|article|p)[\s>]", re.IGNORECASE)


def kind_by_name(name: str) -> str | None:
    low = name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if low.endswith(suffix):
            return SUFFIXES[suffix]
    return None


def sniff(head: bytes) -> str:
    """Guess the kind from the first bytes: warc, gzip, binary, feed, html, json, jsonl, text."""
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if b"\x00" in head[:8192]:
        return "binary"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
    if start.startswith(b"<"):
        if _FEED.search(start):
            return "feed"
        if _HTML.search(start):
            return "html"
    if start.startswith(b"{"):
        first = start.split(b"\n", 1)[0].strip()
        return "json" if first == b"{" else "jsonl"
    if start.startswith(b"["):
        return "json"
    return "text"
