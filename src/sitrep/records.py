"""Typed records passed between stages, and their JSON form (produced here, in one place)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "almost", "range", "vague")
METRICS = (
    "personnel.deployed",
    "casualties.killed",
    "casualties.wounded",
    "casualties.total",
    "casualties.captured",
    "casualties.missing",
    "materiel.supplied",
    "materiel.used",
    "materiel.destroyed",
    "people.displaced",
    "aid.pledged",
)
MODALITIES = ("asserted", "estimated", "likely", "possible", "planned", "denied")
SOURCE_KINDS = (
    "intelligence",
    "military",
    "government",
    "official",
    "media",
    "ngo",
    "international",
    "other",
)


@dataclass(slots=True)
class Article:
    """A news article: the unit that is ingested, extracted and stored."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = "en"

    def ref(self) -> dict[str, Any]:
        """The `article` object of a claim."""
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
        }


@dataclass(slots=True)
class Quantity:
    """A number in text, with CLAIMS.md's value/low/high/qualifier semantics.

    `start`/`end` are character offsets into the document text.
    """

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": _num(self.value),
            "low": _num(self.low),
            "high": _num(self.high),
            "qualifier": self.qualifier,
            "unit": self.unit,
        }

    def claim_json(self) -> dict[str, Any]:
        """The `quantity` object of a claim."""
        return {
            "value": _num(self.value),
            "low": _num(self.low),
            "high": _num(self.high),
            "qualifier": self.qualifier,
            "unit": self.unit,
            "text": self.text,
        }


@dataclass(slots=True)
class TimeExpr:
    """A TIMEX3 time expression; `value` is None when it cannot be resolved."""

    start: int
    end: int
    text: str
    type: str
    value: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
        }


@dataclass(slots=True)
class Source:
    """Who makes a claim, canonicalised through the catalogue where possible."""

    name: str
    kind: str | None = None
    country: str | None = None
    mention: str | None = None
    wikidata: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Via:
    """An intermediary relaying a claim (a lawmaker citing an agency, a news agency)."""

    name: str
    mention: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Claim:
    """One source-attributed claim (CLAIMS.md); `to_json` gives claim.schema.json's shape."""

    article: Article
    text: str
    span: tuple[int, int]
    metric: str
    subject: str
    quantity: Quantity | None
    source: Source | None
    stated: str | None
    modality: str = "asserted"
    recipient: str | None = None
    item: str | None = None
    location: str | None = None
    via: list[Via] = field(default_factory=list)
    when: str | None = None
    id: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.id is not None:
            out["id"] = self.id
        out.update(
            {
                "article": self.article.ref(),
                "text": self.text,
                "span": [self.span[0], self.span[1]],
                "metric": self.metric,
                "subject": self.subject,
                "recipient": self.recipient,
                "item": self.item,
                "location": self.location,
                "quantity": self.quantity.claim_json() if self.quantity else None,
                "source": self.source.to_json() if self.source else None,
                "via": [v.to_json() for v in self.via],
                "stated": self.stated,
                "when": self.when,
                "modality": self.modality,
            }
        )
        return out


def _num(x: float | None) -> int | float | None:
    """Whole numbers as ints in JSON (1100, not 1100.0)."""
    if x is None:
        return None
    if float(x).is_integer():
        return int(x)
    return x
