"""Writing one article and its claims: one transaction, old claims replaced, sources resolved."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..ingest.identity import article_key, text_hash
from ..records import Article, Claim, Source
from .dates import bounds
from .schema import aliases, articles, claim_via, claims, sources

NEW, UNCHANGED, UPDATED = "new", "unchanged", "updated"


def status(conn: Connection, article: Article, extractor: str | None, partial: bool = False) -> str:
    """Whether `article` is new, stored as it is (or fuller), or stored with other text."""
    row, copy = _lookup(conn, article, article_key(article))
    return UNCHANGED if copy else _decide(row, article, extractor, partial)


def _lookup(conn: Connection, article: Article, key: str) -> tuple[Any, bool]:
    """The stored row this article is, and whether it is a bare copy of a stored article.

    Identity is the key (canonical URL, else text hash). Beyond it, the same text without a URL
    is the same article: a bare copy of a stored one changes nothing, and an article with a URL
    whose text was first stored bare takes that row over (the URL and metadata win).
    Two different URLs with the same text stay two articles (syndicated copies are outlets).
    """
    row = _existing(conn, articles.c.key == key)
    if row is not None:
        return row, False
    twin = _existing(conn, articles.c.text_hash == text_hash(article.text))
    if twin is None:
        return None, False
    if key.startswith("sha256:"):
        return twin, True
    return (twin, False) if twin.key.startswith("sha256:") else (None, False)


def _decide(row: Any, article: Article, extractor: str | None, partial: bool) -> str:
    if row is None:
        return NEW
    if _same(row, article, extractor):
        return UNCHANGED
    if partial and not row.partial:  # a feed summary never replaces the page it summarises
        return UNCHANGED
    return UPDATED


def put(
    conn: Connection,
    article: Article,
    found: list[Claim],
    extractor: str | None = None,
    origin: str | None = None,
    partial: bool = False,
) -> tuple[str, str]:
    """Store `article` with its claims inside the caller's transaction; returns (status, id)."""
    key = article_key(article)
    row, copy = _lookup(conn, article, key)
    if copy or _decide(row, article, extractor, partial) == UNCHANGED:
        return UNCHANGED, row.id
    now = _now()
    values: dict[str, Any] = {
        "url": key[4:] if key.startswith("url:") else None,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published,
        "language": article.language,
        "text": _clean(article.text),
        "text_hash": text_hash(article.text),
        "extractor": extractor,
        "origin": origin,
        "partial": int(partial),
        "updated_at": now,
    }
    if row is None:
        art_id = _free_id(conn, article.id or key, key)
        pk = conn.execute(
            articles.insert()
            .values(id=art_id, key=key, ingested_at=now, **values)
            .returning(articles.c.pk)
        ).scalar_one()
        state = NEW
    else:
        pk, art_id, state = row.pk, row.id, UPDATED
        old = select(claims.c.pk).where(claims.c.article_pk == pk)
        conn.execute(delete(claim_via).where(claim_via.c.claim_pk.in_(old)))
        conn.execute(delete(claims).where(claims.c.article_pk == pk))
        conn.execute(update(articles).where(articles.c.pk == pk).values(key=key, **values))
    _put_claims(conn, pk, art_id, article, found)
    return state, art_id


def _existing(conn: Connection, where: Any) -> Any:
    cols = (
        articles.c.pk,
        articles.c.id,
        articles.c.key,
        articles.c.text_hash,
        articles.c.extractor,
        articles.c.partial,
    )
    meta = (articles.c.title, articles.c.outlet, articles.c.published, articles.c.language)
    return conn.execute(select(*cols, *meta).where(where).order_by(articles.c.pk).limit(1)).first()


def _same(row: Any, article: Article, extractor: str | None) -> bool:
    return (
        row.text_hash == text_hash(article.text)
        and row.extractor == extractor
        and (row.title, row.outlet, row.published, row.language)
        == (article.title, article.outlet, article.published, article.language)
    )


def _free_id(conn: Connection, wanted: str, key: str) -> str:
    """`wanted` if no other article uses it, else `wanted` with a short hash of the key."""
    taken = conn.execute(select(articles.c.pk).where(articles.c.id == wanted)).first()
    if taken is None:
        return wanted
    import hashlib

    return f"{wanted}~{hashlib.sha256(key.encode()).hexdigest()[:8]}"


def _put_claims(
    conn: Connection, pk: int, art_id: str, article: Article, found: list[Claim]
) -> None:
    if not found:
        return
    cache: dict[Any, int] = {}
    rows = []
    for n, c in enumerate(found, start=1):
        q, s = c.quantity, c.source
        start, end = bounds(c.stated or article.published)
        rows.append(
            {
                "id": f"{art_id}:{n}",
                "article_pk": pk,
                "position": n,
                "text": _clean(c.text),
                "span_start": c.span[0],
                "span_end": c.span[1],
                "metric": c.metric,
                "subject": c.subject,
                "recipient": c.recipient,
                "item": c.item,
                "location": c.location,
                "q_start": q.start if q else None,
                "q_end": q.end if q else None,
                "q_text": q.text if q else None,
                "q_value": q.value if q else None,
                "q_low": q.low if q else None,
                "q_high": q.high if q else None,
                "q_qualifier": q.qualifier if q else None,
                "q_unit": q.unit if q else None,
                "source_pk": _source_pk(conn, s, cache) if s else None,
                "source_name": s.name if s else None,
                "source_kind": s.kind if s else None,
                "source_country": s.country if s else None,
                "source_mention": s.mention if s else None,
                "source_wikidata": s.wikidata if s else None,
                "stated": c.stated,
                "event_when": c.when,
                "modality": c.modality,
                "date_start": start,
                "date_end": end,
            }
        )
    pks = conn.execute(
        claims.insert().returning(claims.c.pk, sort_by_parameter_order=True), rows
    ).scalars()
    via_rows = [
        {
            "claim_pk": cpk,
            "position": i,
            "name": v.name,
            "mention": v.mention,
            "source_pk": _source_pk(conn, Source(name=v.name, mention=v.mention), cache),
        }
        for cpk, c in zip(list(pks), found, strict=True)
        for i, v in enumerate(c.via, start=1)
    ]
    if via_rows:
        conn.execute(claim_via.insert(), via_rows)


def _source_pk(conn: Connection, src: Source, cache: dict[Any, int]) -> int:
    """The canonical entity for `src` (created on first sight); its mention becomes an alias."""
    pk = cache.get(src.name)
    if pk is None:
        row = conn.execute(
            select(sources.c.pk, sources.c.kind, sources.c.country, sources.c.wikidata).where(
                sources.c.name == src.name
            )
        ).first()
        if row is None:
            _insert_ignore(conn, sources, {"name": src.name})
            row = conn.execute(
                select(sources.c.pk, sources.c.kind, sources.c.country, sources.c.wikidata).where(
                    sources.c.name == src.name
                )
            ).one()
        pk = row.pk
        fill = {
            k: getattr(src, k)
            for k in ("kind", "country", "wikidata")
            if getattr(row, k) is None and getattr(src, k)
        }
        if fill:
            conn.execute(update(sources).where(sources.c.pk == pk).values(**fill))
        cache[src.name] = pk
    if src.mention and src.mention != src.name and (src.name, src.mention) not in cache:
        cache[(src.name, src.mention)] = pk
        _insert_ignore(
            conn,
            aliases,
            {"source_pk": pk, "alias": src.mention, "norm": src.mention.casefold()},
        )
    return pk


def _insert_ignore(conn: Connection, table: Any, values: dict[str, Any]) -> None:
    ins = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    conn.execute(ins(table).on_conflict_do_nothing(), values)  # parameters keep it cached


def _clean(s: str) -> str:
    """PostgreSQL text cannot hold NUL; nothing sitrep reads has one on purpose."""
    return s.replace("\x00", "") if "\x00" in s else s


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
