"""Article identity: the canonical URL when there is one, else a hash of the normalised text."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import cache
from importlib import resources
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..records import Article

DEFAULT_PORTS = {"http": 80, "https": 443}
_SPACE = re.compile(r"\s+")


@cache
def _tracking() -> tuple[frozenset[str], tuple[str, ...]]:
    raw = resources.files("sitrep").joinpath("data/tracking_params.json").read_text("utf-8")
    names = [p.lower() for p in json.loads(raw)["params"]]
    exact = frozenset(p for p in names if not p.endswith("*"))
    prefixes = tuple(p[:-1] for p in names if p.endswith("*"))
    return exact, prefixes


def canonical_url(url: str | None) -> str | None:
    """`url` with scheme and host lower-cased, default port, fragment and tracking params dropped.

    Returns None for anything that is not an absolute http(s) URL.
    """
    if not url or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port is not None and port != DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    exact, prefixes = _tracking()
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in exact and not k.lower().startswith(prefixes)
    ]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(sorted(query)), ""))


def normalise_text(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, ends stripped: what the text hash covers."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def article_key(article: Article) -> str:
    """The identity of `article`: `url:<canonical url>`, else `sha256:<hash of its text>`."""
    url = canonical_url(article.url)
    return f"url:{url}" if url else f"sha256:{text_hash(article.text)}"
