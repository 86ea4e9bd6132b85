"""Claims as flat rows: the columns of `sitrep claims --format csv` and of the claims_flat view."""

from __future__ import annotations

from typing import Any

from ..records import Claim, _num

CLAIM_COLUMNS = (
    "claim_id",
    "article_id",
    "article_url",
    "article_title",
    "article_outlet",
    "article_published",
    "metric",
    "subject",
    "recipient",
    "item",
    "location",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "quantity_text",
    "source",
    "source_kind",
    "source_country",
    "via",
    "stated",
    "when",
    "modality",
    "text",
)


def flat_claim(c: Claim) -> dict[str, Any]:
    """One spreadsheet row for a claim: every field a plain value, via names joined by '; '."""
    q, s = c.quantity, c.source
    return {
        "claim_id": c.id,
        "article_id": c.article.id,
        "article_url": c.article.url,
        "article_title": c.article.title,
        "article_outlet": c.article.outlet,
        "article_published": c.article.published,
        "metric": c.metric,
        "subject": c.subject,
        "recipient": c.recipient,
        "item": c.item,
        "location": c.location,
        "value": _num(q.value) if q else None,
        "low": _num(q.low) if q else None,
        "high": _num(q.high) if q else None,
        "qualifier": q.qualifier if q else None,
        "unit": q.unit if q else None,
        "quantity_text": q.text if q else None,
        "source": s.name if s else None,
        "source_kind": s.kind if s else None,
        "source_country": s.country if s else None,
        "via": "; ".join(v.name for v in c.via) or None,
        "stated": c.stated,
        "when": c.when,
        "modality": c.modality,
        "text": " ".join(c.text.split()),
    }
