"""The ledger: articles and their claims, stored once, queried and exported.

    from sitrep.store import open_store
    with open_store(None) as store:          # None: the `db` setting (SITREP_DB, ./sitrep.db)
        store.put_article(article, claims)   # "new" | "unchanged" | "updated"
        for claim in store.claims(metric="casualties.killed", subject="Russia"):
            ...

SQLite (a plain path or sqlite:/// URL; WAL mode, FTS5) or PostgreSQL (postgresql:// URL),
through SQLAlchemy Core; the schema is migrated on open.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from ..errors import StoreError
from ..records import Article, Claim
from . import query, write
from .engine import make_engine, resolve_url
from .migrations import LATEST, migrate
from .query import ArticleEntry, SourceEntry, Stats

__all__ = ["ArticleEntry", "SourceEntry", "Stats", "Store", "open_store"]


class Store:
    """An open ledger. Every write is one transaction; reads never wait for writers."""

    def __init__(self, engine: Engine, schema_version: int = LATEST) -> None:
        self.engine = engine
        self.schema_version = schema_version

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return make_url(str(self.engine.url)).render_as_string(hide_password=True)

    def status(self, article: Article, extractor: str | None = None, partial: bool = False) -> str:
        """What `put_article` would do with `article`: "new", "unchanged" or "updated"."""
        with self._read() as conn:
            return write.status(conn, article, extractor, partial)

    def put_article(
        self,
        article: Article,
        claims: list[Claim],
        extractor: str | None = None,
        origin: str | None = None,
        partial: bool = False,
    ) -> str:
        """Store `article` and its claims in one transaction: "new", "unchanged" or "updated".

        An article is identified by its canonical URL, else by the hash of its text. Stored
        again unchanged, nothing is written; with other text or metadata, its old claims are
        replaced. Claim ids are `<article id>:<n>`. `extractor` names what made the claims
        (another one re-extracts); a `partial` text (a feed summary) never replaces a full one.
        """
        return self.put_article_id(article, claims, extractor, origin, partial)[0]

    def put_article_id(
        self,
        article: Article,
        claims: list[Claim],
        extractor: str | None = None,
        origin: str | None = None,
        partial: bool = False,
    ) -> tuple[str, str]:
        """As `put_article`, also returning the id the article is stored under."""
        for attempt in (1, 2):
            try:
                with self._write() as conn, conn.begin():
                    return write.put(conn, article, claims, extractor, origin, partial)
            except IntegrityError as exc:
                if attempt == 2:  # a concurrent writer stored the same article first: retry once
                    raise StoreError(f"cannot store article {article.id}: {_short(exc)}") from exc
            except SQLAlchemyError as exc:
                raise StoreError(f"cannot store article {article.id}: {_short(exc)}") from exc
        raise AssertionError("unreachable")

    def claims(
        self,
        metric: str | None = None,
        subject: str | None = None,
        source: str | None = None,
        location: str | None = None,
        since: str | None = None,
        until: str | None = None,
        search: str | None = None,
        limit: int | None = None,
    ) -> list[Claim]:
        """Stored claims matching every filter given, ordered by publication date.

        `metric` is exact ("casualties.killed") or a family ("casualties"); subject, location
        and source compare case-insensitively (source also by the aliases it appeared under);
        since/until (YYYY-MM-DD) keep claims whose stated date (else the article's publication
        date) overlaps the period; `search` matches words of the evidence sentence.
        Each claim's `article` has id/url/title/outlet/published and empty text.
        """
        with self._read() as conn:
            return query.find_claims(
                conn, metric, subject, source, location, since, until, search, limit
            )

    def articles(
        self,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        with_text: bool = False,
        limit: int | None = None,
        search: str | None = None,
    ) -> list[Article]:
        """Stored articles by publication date (text empty unless `with_text`); `search`
        matches words of the title or text."""
        entries = self.article_entries(outlet, since, until, with_text, limit, search)
        return [e.article for e in entries]

    def article_entries(
        self,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        with_text: bool = False,
        limit: int | None = None,
        search: str | None = None,
    ) -> list[ArticleEntry]:
        """Stored articles with their claim counts, origin and ingest times."""
        with self._read() as conn:
            return query.find_articles(conn, outlet, since, until, with_text, limit, search)

    def sources(self) -> list[SourceEntry]:
        """Canonical sources, most cited first, with aliases and claim/relay counts."""
        with self._read() as conn:
            return query.find_sources(conn)

    def stats(self) -> Stats:
        with self._read() as conn:
            return query.ledger_stats(conn, self.url, self.schema_version)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _read(self) -> Iterator[Any]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except OperationalError as exc:
            raise StoreError(f"cannot read the ledger: {_short(exc)}") from exc

    def _write(self) -> Any:
        return self.engine.connect().execution_options(sitrep_write=True)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def open_store(db: str | None = None, create: bool = True) -> Iterator[Store]:
    """Open (creating and migrating as needed) the ledger at `db`, a path or a database URL.

    With `create=False` a SQLite file that does not exist yet is an error, not a new ledger.
    """
    url = resolve_url(db)
    if not create and url.startswith("sqlite:///") and not Path(url[len("sqlite:///") :]).exists():
        raise StoreError(f"{db or url}: no ledger there yet; run `sitrep ingest` first")
    engine = make_engine(url)
    try:
        version = migrate(engine)
    except StoreError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"cannot open the ledger {db or url}: {_short(exc)}") from exc
    store = Store(engine, version)
    try:
        yield store
    finally:
        store.close()


def _short(exc: BaseException) -> str:
    return str(getattr(exc, "orig", None) or exc).splitlines()[0]
