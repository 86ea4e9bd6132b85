"""HTML pages: main text by trafilatura, date by htmldate, title/outlet/URL from page metadata."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from ..errors import InputError
from ..records import Article
from .base import MAX_PAGE_BYTES, Read, decode, outlet_from_url, url_slug

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
_OPEN = re.compile(rb"<(html|body)[\s>]", re.IGNORECASE)
_CLOSE = re.compile(rb"</(html|body)\s*>", re.IGNORECASE)
BLOCKS = frozenset(
    "p div br li h1 h2 h3 h4 h5 h6 blockquote tr section article header footer pre".split()
)

for _name in ("trafilatura", "htmldate"):  # their own diagnostics are not our user's business
    logging.getLogger(_name).setLevel(logging.CRITICAL)


def read_html(
    name: str,
    doc_id: str,
    data: bytes,
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[Read | InputError]:
    """One article from a page; `url` is where it was found (a WARC record, a fetch)."""
    yield page_article(name, doc_id, data, url, charset, origin=name)


def page_article(
    name: str,
    doc_id: str,
    data: bytes,
    url: str | None,
    charset: str | None,
    origin: str,
) -> Read | InputError:
    if not data.strip():
        return InputError(name, "empty document")
    if len(data) > MAX_PAGE_BYTES:
        size = len(data) // 1_048_576
        return InputError(name, f"page too large for a news page ({size} MB; limit 20 MB)")
    if not charset:
        m = _CHARSET.search(data[:4096])
        charset = m.group(1).decode("ascii") if m else "utf-8"
    html = decode(name, data, charset)
    if isinstance(html, InputError):
        return html
    if _OPEN.search(data) and not _CLOSE.search(data[-65536:]):
        return InputError(name, "truncated HTML (the page ends before </body> or </html>)")
    import htmldate
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # trafilatura raises assorted lxml/parser errors on broken pages
        return InputError(name, f"cannot parse HTML ({type(exc).__name__}: {exc})")
    if doc is None or isinstance(doc, dict):
        return InputError(name, "no article text found in the page")
    text = (doc.text or "").strip()
    if not text:
        return InputError(name, "no article text found in the page")
    page_url = _http(doc.url) or _http(url)
    try:
        published = htmldate.find_date(
            html,
            url=page_url,
            extensive_search=False,
            original_date=True,
            outputformat="%Y-%m-%d",
        )
    except Exception:  # htmldate is best effort: no date is a warning, not a failure
        published = None
    article = Article(
        id=url_slug(page_url) or doc_id,
        text=text,
        url=page_url,
        title=doc.title or None,
        outlet=doc.sitename or outlet_from_url(page_url),
        published=published or None,
    )
    return Read(article, origin)


def _http(url: str | None) -> str | None:
    return url if url and url.lower().startswith(("http://", "https://")) else None


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's content), one line per block."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment.strip()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in BLOCKS:
            el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
