"""The ledger's tables (SQLAlchemy Core). Change them only through a numbered migration.

Migration 1 creates these tables minus `V1_EXCLUDED` (columns that later migrations add, at
the end of their table, so declare them last). A test checks that the migrated schema is
exactly what is declared here.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
    func,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("applied_at", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("pk", Integer, primary_key=True),
    Column("id", Text, nullable=False, unique=True),
    Column("key", Text, nullable=False, unique=True),  # canonical URL or sha256 of the text
    Column("url", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("published", Text),
    Column("language", Text),
    Column("text", Text, nullable=False),
    Column("text_hash", Text, nullable=False),
    Column("extractor", Text),
    Column("origin", Text),  # where it was read from: a path, path:line, or a URL
    Column("ingested_at", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
    Column("partial", Integer, nullable=False, server_default="0"),  # v4: a feed summary
)
Index("ix_articles_published", articles.c.published)
Index("ix_articles_outlet", articles.c.outlet)
Index("ix_articles_text_hash", articles.c.text_hash)  # v5: bare copies of stored articles

sources = Table(
    "sources",
    metadata,
    Column("pk", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("kind", Text),
    Column("country", Text),
    Column("wikidata", Text),
)

aliases = Table(
    "aliases",
    metadata,
    Column("source_pk", Integer, ForeignKey("sources.pk", ondelete="CASCADE"), nullable=False),
    Column("alias", Text, nullable=False),
    Column("norm", Text, nullable=False),
    UniqueConstraint("source_pk", "alias"),
)
Index("ix_aliases_norm", aliases.c.norm)

claims = Table(
    "claims",
    metadata,
    Column("pk", Integer, primary_key=True),
    Column("id", Text, nullable=False, unique=True),
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("metric", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("recipient", Text),
    Column("item", Text),
    Column("location", Text),
    Column("q_start", Integer),
    Column("q_end", Integer),
    Column("q_text", Text),
    Column("q_value", Float),
    Column("q_low", Float),
    Column("q_high", Float),
    Column("q_qualifier", Text),  # null exactly when the claim has no quantity
    Column("q_unit", Text),
    Column("source_pk", Integer, ForeignKey("sources.pk")),
    Column("source_name", Text),  # null exactly when the claim has no source
    Column("source_kind", Text),
    Column("source_country", Text),
    Column("source_mention", Text),
    Column("source_wikidata", Text),
    Column("stated", Text),
    Column("event_when", Text),
    Column("modality", Text, nullable=False),
    Column("date_start", Text),  # the claim's dates (stated, else published) as a day range
    Column("date_end", Text),
)
Index("ix_claims_article", claims.c.article_pk)
Index("ix_claims_metric", claims.c.metric)
Index("ix_claims_subject", func.lower(claims.c.subject))
Index("ix_claims_location", func.lower(claims.c.location))
Index("ix_claims_source_name", func.lower(claims.c.source_name))
Index("ix_claims_source_pk", claims.c.source_pk)
Index("ix_claims_date", claims.c.date_start, claims.c.date_end)

claim_via = Table(
    "claim_via",
    metadata,
    Column("claim_pk", Integer, ForeignKey("claims.pk", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("mention", Text),
    Column("source_pk", Integer, ForeignKey("sources.pk")),
    PrimaryKeyConstraint("claim_pk", "position"),
)
Index("ix_claim_via_source", claim_via.c.source_pk)

V1_TABLES = (articles, sources, aliases, claims, claim_via)
V1_EXCLUDED = {"articles": ("partial",)}  # columns later migrations add
V1_EXCLUDED_INDEXES = ("ix_articles_text_hash",)  # indexes later migrations add
