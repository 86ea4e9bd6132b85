"""Reading the ledger back: claims with filters, articles, sources, counts."""

from __future__ import annotations

import gc
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    and_,
    any_,
    bindparam,
    column,
    func,
    select,
    text,
    union,
)
from sqlalchemy.dialects.postgresql import ARRAY

from ..records import Article, Claim, Quantity, Source, Via
from .schema import aliases, articles, claim_via, claims, sources


@dataclass(slots=True)
class ArticleEntry:
    """A stored article with its bookkeeping (text left out unless asked for)."""

    article: Article
    claims: int
    origin: str | None
    ingested_at: str
    updated_at: str

    def to_json(self) -> dict[str, Any]:
        return {
            **self.article.ref(),
            "claims": self.claims,
            "origin": self.origin,
            "ingested_at": self.ingested_at,
            "updated_at": self.updated_at,
        }


@dataclass(slots=True)
class SourceEntry:
    """A canonical source entity, the names it appeared under, and how often it is cited."""

    name: str
    kind: str | None
    country: str | None
    wikidata: str | None
    aliases: list[str] = field(default_factory=list)
    claims: int = 0
    relayed: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Stats:
    """Counts over the whole ledger."""

    database: str
    schema: int
    articles: int
    claims: int
    sources: int
    articles_without_date: int
    first_published: str | None
    last_published: str | None
    metrics: dict[str, int]
    outlets: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


CLAIM_COLUMNS = tuple(
    claims.c[name]
    for name in (
        "pk",
        "id",
        "text",
        "span_start",
        "span_end",
        "metric",
        "subject",
        "recipient",
        "item",
        "location",
        "q_start",
        "q_end",
        "q_text",
        "q_value",
        "q_low",
        "q_high",
        "q_qualifier",
        "q_unit",
        "source_name",
        "source_kind",
        "source_country",
        "source_mention",
        "source_wikidata",
        "stated",
        "event_when",
        "modality",
    )
)  # _claim unpacks them in this order, then ARTICLE_REF
ARTICLE_REF = (
    articles.c.id.label("a_id"),
    articles.c.url.label("a_url"),
    articles.c.title.label("a_title"),
    articles.c.outlet.label("a_outlet"),
    articles.c.published.label("a_published"),
    articles.c.language.label("a_language"),
)


def find_claims(
    conn: Connection,
    metric: str | None = None,
    subject: str | None = None,
    source: str | None = None,
    location: str | None = None,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
    limit: int | None = None,
) -> list[Claim]:
    where: list[ColumnElement[bool]] = []
    if metric:
        where.append(
            claims.c.metric == metric
            if "." in metric
            else claims.c.metric.like(f"{_like(metric)}.%", escape="\\")
        )
    if subject:
        where.append(func.lower(claims.c.subject) == subject.lower())
    if location:
        where.append(func.lower(claims.c.location) == location.lower())
    if source:  # by canonical name or by any name the source appeared under
        named = select(sources.c.pk).where(func.lower(sources.c.name) == source.lower())
        alias_of = select(aliases.c.source_pk).where(aliases.c.norm == source.casefold())
        where.append(claims.c.source_pk.in_(union(named, alias_of)))
    if since:
        where.append(claims.c.date_end >= since)
    if until:
        where.append(claims.c.date_start <= until)
    if search:
        where.append(_search(conn, search, "claims"))
    stmt = (
        select(*CLAIM_COLUMNS, *ARTICLE_REF)
        .join(articles, articles.c.pk == claims.c.article_pk)
        .where(and_(True, *where))
        .order_by(articles.c.published.asc().nulls_last(), articles.c.id, claims.c.position)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = conn.execute(stmt).all()
    vias = _vias(conn, [r[0] for r in rows])
    cache: dict[str, Article] = {}
    was_enabled = gc.isenabled()
    gc.disable()  # thousands of small acyclic records: collecting meanwhile only costs time
    try:
        return [_claim(tuple(r), cache, vias) for r in rows]
    finally:
        if was_enabled:
            gc.enable()


def _search(conn: Connection, query: str, table: str) -> ColumnElement[bool]:
    """Rows of `table` (claims: the evidence; articles: title and text) matching `query`."""
    col = column("pk", Integer)
    if conn.dialect.name == "sqlite":
        sql = f"SELECT rowid AS pk FROM {table}_fts WHERE {table}_fts MATCH :fts"
        found = text(sql).bindparams(fts=_fts5_query(query))
    else:
        doc = "text" if table == "claims" else "coalesce(title, '') || ' ' || text"
        sql = (
            f"SELECT pk FROM {table} WHERE to_tsvector('english', {doc}) "
            "@@ websearch_to_tsquery('english', :fts)"
        )
        found = text(sql).bindparams(fts=query)
    owner = claims if table == "claims" else articles
    return owner.c.pk.in_(found.columns(col))


def _fts5_query(query: str) -> str:
    """Words and "quoted phrases" as an FTS5 query in which every term must match."""
    terms = [
        '"' + " ".join(re.findall(r"\w+", p or w)) + '"'
        for p, w in re.findall(r'"([^"]*)"|(\S+)', query)
        if re.search(r"\w", p or w)
    ]
    return " ".join(terms) or '""'


def _like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _vias(conn: Connection, pks: list[int]) -> dict[int, list[Via]]:
    out: dict[int, list[Via]] = defaultdict(list)
    if not pks:
        return out
    if conn.dialect.name == "postgresql":  # one array parameter, not thousands of scalars
        wanted = claim_via.c.claim_pk == any_(bindparam("pks", type_=ARRAY(Integer)))
        step = len(pks)
    else:
        wanted = claim_via.c.claim_pk.in_(bindparam("pks", expanding=True))
        step = 10_000
    stmt = (
        select(claim_via.c.claim_pk, claim_via.c.name, claim_via.c.mention)
        .where(wanted)
        .order_by(claim_via.c.claim_pk, claim_via.c.position)
    )
    for i in range(0, len(pks), step):
        for pk, name, mention in conn.execute(stmt, {"pks": pks[i : i + step]}):
            out[pk].append(Via(name=name, mention=mention))
    return out


def _claim(r: tuple[Any, ...], cache: dict[str, Article], vias: dict[int, list[Via]]) -> Claim:
    (pk, cid, text_, s0, s1, metric, subject, recipient, item, location) = r[:10]
    (qs, qe, qt, qv, ql, qh, qq, qu, sn, sk, sc, sm, sw, stated, when, modality) = r[10:26]
    (a_id, a_url, a_title, a_outlet, a_published, a_language) = r[26:]
    art = cache.get(a_id)
    if art is None:
        art = cache[a_id] = Article(
            id=a_id,
            text="",
            url=a_url,
            title=a_title,
            outlet=a_outlet,
            published=a_published,
            language=a_language,
        )
    return Claim(
        article=art,
        text=text_,
        span=(s0, s1),
        metric=metric,
        subject=subject,
        quantity=None if qq is None else Quantity(qs, qe, qt, qv, ql, qh, qq, qu),
        source=None if sn is None else Source(sn, sk, sc, sm, sw),
        stated=stated,
        modality=modality,
        recipient=recipient,
        item=item,
        location=location,
        via=vias.get(pk, []),
        when=when,
        id=cid,
    )


def find_articles(
    conn: Connection,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    with_text: bool = False,
    limit: int | None = None,
    search: str | None = None,
) -> list[ArticleEntry]:
    n_claims = (
        select(func.count())
        .select_from(claims)
        .where(claims.c.article_pk == articles.c.pk)
        .scalar_subquery()
    )
    cols = [articles.c[k] for k in ("id", "url", "title", "outlet", "published", "language")]
    extra = [articles.c.origin, articles.c.ingested_at, articles.c.updated_at]
    stmt = select(*cols, *extra, n_claims.label("n_claims"))
    if with_text:
        stmt = stmt.add_columns(articles.c.text)
    if outlet:
        stmt = stmt.where(func.lower(articles.c.outlet) == outlet.lower())
    if since:
        stmt = stmt.where(articles.c.published >= since)
    if search:
        stmt = stmt.where(_search(conn, search, "articles"))
    if until:  # a published datetime on the `until` day still counts
        stmt = stmt.where(func.substr(articles.c.published, 1, 10) <= until)
    stmt = stmt.order_by(articles.c.published.asc().nulls_last(), articles.c.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [
        ArticleEntry(
            article=Article(
                id=r.id,
                text=r.text if with_text else "",
                url=r.url,
                title=r.title,
                outlet=r.outlet,
                published=r.published,
                language=r.language,
            ),
            claims=r.n_claims,
            origin=r.origin,
            ingested_at=r.ingested_at,
            updated_at=r.updated_at,
        )
        for r in conn.execute(stmt)
    ]


def find_sources(conn: Connection) -> list[SourceEntry]:
    as_source = (
        select(func.count())
        .select_from(claims)
        .where(claims.c.source_pk == sources.c.pk)
        .scalar_subquery()
    )
    as_via = (
        select(func.count())
        .select_from(claim_via)
        .where(claim_via.c.source_pk == sources.c.pk)
        .scalar_subquery()
    )
    names: dict[int, list[str]] = defaultdict(list)
    for r in conn.execute(select(aliases.c.source_pk, aliases.c.alias).order_by(aliases.c.alias)):
        names[r.source_pk].append(r.alias)
    stmt = select(sources, as_source.label("n_claims"), as_via.label("n_via"))
    entries = [
        SourceEntry(
            name=r.name,
            kind=r.kind,
            country=r.country,
            wikidata=r.wikidata,
            aliases=names.get(r.pk, []),
            claims=r.n_claims,
            relayed=r.n_via,
        )
        for r in conn.execute(stmt)
    ]
    entries.sort(key=lambda e: (-e.claims, -e.relayed, e.name))
    return entries


def ledger_stats(conn: Connection, database: str, schema_version: int) -> Stats:
    def count(stmt: Any) -> int:
        return int(conn.execute(stmt).scalar_one())

    metrics: dict[Any, Any] = dict(
        conn.execute(
            select(claims.c.metric, func.count())
            .group_by(claims.c.metric)
            .order_by(claims.c.metric)
        ).all()
    )
    outlets: dict[Any, Any] = dict(
        conn.execute(
            select(func.coalesce(articles.c.outlet, "(unknown)"), func.count())
            .group_by(articles.c.outlet)
            .order_by(func.count().desc(), articles.c.outlet)
        ).all()
    )
    first, last = conn.execute(
        select(func.min(articles.c.published), func.max(articles.c.published))
    ).one()
    return Stats(
        database=database,
        schema=schema_version,
        articles=count(select(func.count()).select_from(articles)),
        claims=count(select(func.count()).select_from(claims)),
        sources=count(select(func.count()).select_from(sources)),
        articles_without_date=count(
            select(func.count()).select_from(articles).where(articles.c.published.is_(None))
        ),
        first_published=first,
        last_published=last,
        metrics={str(k): int(v) for k, v in metrics.items()},
        outlets={str(k): int(v) for k, v in outlets.items()},
    )
