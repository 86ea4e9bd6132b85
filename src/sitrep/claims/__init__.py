"""Claim extraction: articles in, source-attributed claims out (CLAIMS.md).

`extract_article(article)` gives one article's claims; `extract_batch(articles)` streams
(article, claims) pairs and parses sentences in batches (only the sentences with a number
or a metric cue are parsed).
"""

from __future__ import annotations

from .extract import extract_article, extract_batch

__all__ = ["extract_article", "extract_batch"]
