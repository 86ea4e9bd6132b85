"""What readers yield, and the checks every reader shares."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..errors import InputError
from ..records import Article
from .identity import canonical_url

MAX_TEXT_CHARS = 1_000_000  # no news article is longer; spaCy's own default limit
MAX_PAGE_BYTES = 20 * 1_048_576  # larger HTML is not a news page (and slow to parse)
_SLUG = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(slots=True)
class Read:
    """An article as read, with where it came from (`path`, `path:line`, `path#entry`)."""

    article: Article
    origin: str
    warnings: list[str] = field(default_factory=list)
    partial: bool = False  # the text may be only a summary (a feed entry)


def decode(name: str, data: bytes, encoding: str = "utf-8") -> str | InputError:
    """`data` as text, or an error naming the line and byte where it stops being valid."""
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except LookupError:
        return InputError(name, f"unknown character encoding {encoding!r}")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        label = "UTF-8" if encoding == "utf-8-sig" else encoding
        return InputError(name, f"not valid {label} (byte {exc.start})", line)


def url_slug(url: str | None) -> str | None:
    """A short readable id from a URL's last path segment ("north-korea-troops")."""
    canon = canonical_url(url)
    if not canon:
        return None
    parts = [p for p in urlsplit(canon).path.split("/") if p]
    if not parts:
        return urlsplit(canon).hostname
    last = parts[-1].rsplit(".", 1)[0] if "." in parts[-1] else parts[-1]
    slug = _SLUG.sub("-", last).strip("-")[:80]
    return slug or None


def outlet_from_url(url: str | None) -> str | None:
    canon = canonical_url(url)
    if not canon:
        return None
    host = urlsplit(canon).hostname or ""
    return host.removeprefix("www.") or None
