"""Claims for fusion from JSON lines (the shape `sitrep extract` writes, claim.schema.json)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import METRICS, MODALITIES, QUALIFIERS, Article, Claim, Quantity, Source, Via


def _text(obj: dict[str, Any], key: str) -> str | None:
    val = obj.get(key)
    if val is None:
        return None
    if not isinstance(val, str):
        raise ValueError(f"'{key}' must be a string")
    return val


def _number(obj: dict[str, Any], key: str) -> float | None:
    val = obj.get(key)
    if val is None:
        return None
    if isinstance(val, bool) or not isinstance(val, int | float):
        raise ValueError(f"quantity '{key}' must be a number")
    return float(val)


def claim_from_json(obj: dict[str, Any], articles: dict[str, Article] | None = None) -> Claim:
    """A Claim from its JSON object; raises ValueError naming the bad field.

    `articles` (optional) shares one Article per id between claims.
    """
    art = obj.get("article")
    if not isinstance(art, dict) or art.get("id") is None:
        aid = obj.get("article_id")
        if aid is None:
            raise ValueError("missing 'article' with an 'id'")
        art = {"id": aid}
    aid = str(art["id"])
    article = articles.get(aid) if articles is not None else None
    if article is None:
        article = Article(
            id=aid,
            text="",
            url=_text(art, "url"),
            title=_text(art, "title"),
            outlet=_text(art, "outlet"),
            published=_text(art, "published"),
        )
        if articles is not None:
            articles[aid] = article
    metric = obj.get("metric")
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    subject = obj.get("subject")
    if not isinstance(subject, str) or not subject:
        raise ValueError("missing 'subject'")
    modality = obj.get("modality") or "asserted"
    if modality not in MODALITIES:
        raise ValueError(f"unknown modality {modality!r}")
    quantity = None
    q = obj.get("quantity")
    if isinstance(q, dict):
        qual = q.get("qualifier") or "exact"
        if qual not in QUALIFIERS:
            raise ValueError(f"unknown qualifier {qual!r}")
        quantity = Quantity(
            start=0,
            end=0,
            text=str(q.get("text") or ""),
            value=_number(q, "value"),
            low=_number(q, "low"),
            high=_number(q, "high"),
            qualifier=qual,
            unit=_text(q, "unit"),
        )
    elif q is not None:
        raise ValueError("'quantity' must be an object or null")
    source = None
    s = obj.get("source")
    if isinstance(s, dict) and s.get("name"):
        source = Source(
            name=str(s["name"]),
            kind=_text(s, "kind"),
            country=_text(s, "country"),
            mention=_text(s, "mention"),
            wikidata=_text(s, "wikidata"),
        )
    vias = [
        Via(name=str(v["name"]), mention=_text(v, "mention"))
        for v in obj.get("via") or []
        if isinstance(v, dict) and v.get("name")
    ]
    sp = obj.get("span") or [0, 0]
    return Claim(
        article=article,
        text=str(obj.get("text") or ""),
        span=(int(sp[0]), int(sp[1])),
        metric=metric,
        subject=subject,
        quantity=quantity,
        source=source,
        stated=_text(obj, "stated"),
        modality=modality,
        recipient=_text(obj, "recipient"),
        item=_text(obj, "item"),
        location=_text(obj, "location"),
        via=vias,
        when=_text(obj, "when"),
        id=str(obj["id"]) if obj.get("id") is not None else None,
    )


def read_claims(path: str) -> Iterator[Claim | InputError]:
    """Claims from a .jsonl file ('-' for stdin); a bad line yields an InputError and goes on."""
    name = "<stdin>" if path == "-" else path
    if path == "-":
        lines = sys.stdin
    else:
        p = Path(path)
        if not p.is_file():
            yield InputError(path, "no such file" if not p.exists() else "not a file")
            return
        lines = p.open(encoding="utf-8", errors="strict")
    articles: dict[str, Article] = {}
    try:
        for lineno, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise ValueError("expected a JSON object")
                yield claim_from_json(obj, articles)
            except json.JSONDecodeError as exc:
                yield InputError(name, f"invalid JSON ({exc.msg})", lineno)
            except (ValueError, TypeError, IndexError) as exc:
                yield InputError(name, f"not a claim: {exc}", lineno)
    except UnicodeDecodeError as exc:
        yield InputError(name, f"not valid UTF-8 (byte {exc.start})")
    finally:
        if path != "-":
            lines.close()
