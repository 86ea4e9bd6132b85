"""Ingest: read articles from files, folders, feeds, web archives, stdin and (opt-in) the web.

    from sitrep.ingest import read_inputs
    for item in read_inputs(["sample/"]):   # Read(article, origin, warnings) or InputError
        ...

Identity (`article_key`): the canonical URL when there is one, else a hash of the text.
"""

from __future__ import annotations

from .base import Read
from .files import read_inputs
from .identity import article_key, canonical_url, text_hash

__all__ = ["Read", "article_key", "canonical_url", "read_inputs", "text_hash"]
