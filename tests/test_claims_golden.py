"""Golden files: small texts written for these tests, with the claims they must give.

Each tests/golden/*.json holds an article, a list of expected claims (only the fields
given are checked) and numbers in the text that must never become claim quantities.
The seed test checks the shared seed article against our own list of expectations.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.claims import extract_article
from sitrep.records import Article, Claim

GOLDEN = sorted((Path(__file__).parent / "golden").glob("*.json"))


def _matches(c: Claim, want: dict[str, Any]) -> bool:
    j = c.to_json()
    q = j["quantity"]
    for key, value in want.items():
        if key == "value":
            if value is None:
                if q is not None:
                    return False
            elif q is None or value not in (q["value"], q["low"] if q["value"] is None else None):
                return False
        elif key in ("qualifier", "unit"):
            if q is None or q[key] != value:
                return False
        elif key == "source":
            s = j["source"]
            if value is None:
                if s is not None:
                    return False
            elif s is None or not any(
                value.lower() in (x or "").lower() for x in (s["name"], s["mention"])
            ):
                return False
        elif key == "via":
            if not any(
                value.lower() in (v["name"] + (v["mention"] or "")).lower() for v in j["via"]
            ):
                return False
        elif key == "item":
            if j["item"] is None or value.lower() not in j["item"].lower():
                return False
        elif j.get(key) != value:
            return False
    return True


def _article(raw: dict[str, Any]) -> Article:
    return Article(**{k: raw.get(k) for k in ("id", "text", "url", "title", "outlet", "published")})


def _cases() -> list[tuple[str, dict[str, Any]]]:
    """One case per golden file, or one per entry of its "cases" list (many short texts)."""
    out = []
    for path in GOLDEN:
        data = json.loads(path.read_text(encoding="utf-8"))
        if "cases" in data:
            out.extend((f"{path.stem}-{c['article']['id']}", c) for c in data["cases"])
        else:
            out.append((path.stem, data))
    return out


CASES = _cases()


@pytest.mark.parametrize("data", [c for _, c in CASES], ids=[n for n, _ in CASES])
def test_golden(data: dict[str, Any]) -> None:
    art = _article(data["article"])
    claims = extract_article(art)
    for want in data["claims"]:
        assert any(_matches(c, want) for c in claims), (want, [c.to_json() for c in claims])
    for n in data.get("not_quantities", []):
        for c in claims:
            q = c.quantity
            assert q is None or n not in (q.value, q.low, q.high), (n, c.to_json())
    for c in claims:
        assert art.text[c.span[0] : c.span[1]] == c.text
        assert c.when != "" and c.stated != "" and c.subject
        assert c.id is not None and c.id.startswith(art.id + "#")
    assert len(claims) <= len(data["claims"]) + data.get("extra_allowed", 0)


# Our own expectations for the seed article (../shared/seed), by metric, subject and figure.
SEED_EXPECT: list[dict[str, Any]] = [
    {
        "metric": "casualties.total",
        "subject": "North Korea",
        "value": 1100,
        "qualifier": "approx",
        "source": "intelligence",
        "modality": "estimated",
    },
    {
        "metric": "casualties.killed",
        "subject": "North Korea",
        "value": 100,
        "qualifier": "at_least",
        "stated": "2024-12-20",
    },
    {
        "metric": "casualties.wounded",
        "subject": "North Korea",
        "value": 1000,
        "stated": "2024-12-20",
    },
    {
        "metric": "casualties.total",
        "subject": "North Korea",
        "value": 200,
        "qualifier": "more_than",
        "source": "Countering Disinformation",
        "stated": "2024-12-18",
    },
    {
        "metric": "personnel.deployed",
        "subject": "North Korea",
        "recipient": "Russia",
        "value": 10000,
        "source": None,
        "stated": "2024-FA",
    },
    {
        "metric": "materiel.used",
        "subject": "Russia",
        "value": 60,
        "item": "KN-23",
        "stated": "2024-12",
    },
    {
        "metric": "materiel.supplied",
        "subject": "North Korea",
        "value": None,
        "item": "240 mm",
        "source": "Joint Chiefs",
    },
    {"metric": "materiel.supplied", "subject": "North Korea", "value": None, "item": "170 mm"},
    {
        "metric": "casualties.total",
        "subject": "North Korea",
        "value": 300,
        "qualifier": "vague",
        "source": "Pentagon",
        "modality": "estimated",
    },
    {
        "metric": "materiel.supplied",
        "subject": "North Korea",
        "value": None,
        "item": "ballistic missile",
        "source": "Defense Express",
        "modality": "possible",
        "stated": "2024-12-21",
    },
]


@pytest.mark.shared
def test_seed_article(shared: Path) -> None:
    meta = json.loads((shared / "seed" / "meta.json").read_text(encoding="utf-8"))
    text = (shared / "seed" / meta["text_file"]).read_text(encoding="utf-8")
    art = Article(id=meta["id"], text=text, published=meta["published"], title=meta["title"])
    claims = extract_article(art)
    for want in SEED_EXPECT:
        assert any(_matches(c, want) for c in claims), want
    for c in claims:  # calibres and weapon ranges are never counts
        q = c.quantity
        assert q is None or not {240, 170} & {q.value, q.low, q.high}
        assert q is None or q.unit in ("person", "item")
