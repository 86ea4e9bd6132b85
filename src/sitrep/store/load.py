"""`sitrep ingest` as a library call: read, skip what is stored, extract claims, store.

Each article and its claims are written in one transaction, so an interrupted ingest
leaves whole articles only, and running it again picks up where it stopped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..errors import InputError
from ..ingest import Read, article_key, read_inputs, text_hash
from ..records import Article, Claim
from .write import NEW, UNCHANGED

if TYPE_CHECKING:
    from . import Store

BATCH = 32
Report = Callable[[str], None]
Extract = Callable[[Iterable[Article]], Iterator[tuple[Article, list[Claim]]]]


@dataclass(slots=True)
class IngestSummary:
    new: int = 0
    unchanged: int = 0
    updated: int = 0
    failed: int = 0
    claims: int = 0
    undated: int = 0

    def to_json(self) -> dict[str, int]:
        return asdict(self)

    def line(self) -> str:
        return (
            f"articles: {self.new} new, {self.unchanged} unchanged, {self.updated} updated, "
            f"{self.failed} failed; claims stored: {self.claims}"
        )


def ingest(
    store: Store,
    paths: Iterable[str],
    fetch: bool = False,
    warn: Report | None = None,
    tick: Callable[[str], None] | None = None,
    published: str | None = None,
) -> IngestSummary:
    """Ingest every article in `paths` into `store`; problems go to `warn` as one-line messages.

    `published` (YYYY-MM-DD) dates the articles whose metadata gives no date.

    `tick(origin)` is called once per article done (for a progress display). An article met
    twice in one run is stored once: the first time, or the full page after its feed summary.
    """
    run = _Run(store, warn or (lambda _m: None), tick or (lambda _o: None))
    for item in read_inputs(paths, fetch):
        if isinstance(item, InputError):
            run.summary.failed += 1
            run.say(str(item))
            continue
        for w in item.warnings:
            run.say(w)
        if published and not item.article.published:
            item.article.published = published
        run.offer(item)
    run.flush()
    run.summary.claims = sum(run.claims.values())
    return run.summary


class _Run:
    """One ingest: what is waiting for extraction, and what this run has already seen."""

    def __init__(self, store: Store, say: Report, tick: Report) -> None:
        self.store = store
        self.say = say
        self.tick = tick
        self.summary = IngestSummary()
        self.extract, self.version = _extractor(say)
        self.pending: list[tuple[str, Read]] = []
        self.seen: dict[str, tuple[bool, str, str]] = {}  # key -> (partial, origin, text hash)
        self.fresh: set[str] = set()  # keys first stored by this run
        self.claims: dict[str, int] = {}

    def offer(self, item: Read) -> None:
        key = article_key(item.article)
        digest = text_hash(item.article.text)
        held = self.seen.get(key)
        if held is not None and not (held[0] and not item.partial):
            self.summary.unchanged += 1  # met earlier in this run
            if not item.partial and held[2] != digest:
                self.say(f"{item.origin}: same URL as {held[1]} with other text; kept the first")
            self.tick(item.origin)
            return
        self.seen[key] = (item.partial, item.origin, digest)
        if self.store.status(item.article, self.version, item.partial) == UNCHANGED:
            self.summary.unchanged += 1
            self.tick(item.origin)
            return
        self.pending.append((key, item))
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        items = [item for _, item in self.pending]
        keys = {id(item): key for key, item in self.pending}
        for item, found in _extract_all(items, self.extract, self.summary, self.say):
            key = keys[id(item)]
            state, _ = self.store.put_article_id(
                item.article, found, self.version, item.origin, item.partial
            )
            self.tick(item.origin)
            if state == UNCHANGED:
                self.summary.unchanged += 1
                continue
            if state == NEW:
                self.fresh.add(key)
                self.summary.new += 1
            elif key in self.fresh:  # the full page of a summary stored earlier in this run
                self.summary.unchanged += 1
            else:
                self.summary.updated += 1
            self.claims[key] = len(found)
            if item.article.published is None:
                self.summary.undated += 1
                self.say(f"{item.origin}: no publication date found; stored with published null")
        self.pending.clear()


def _extract_all(
    pending: list[Read], extract: Extract | None, summary: IngestSummary, say: Report
) -> Iterator[tuple[Read, list[Claim]]]:
    if extract is None:
        for item in pending:
            yield item, []
        return
    try:
        results = list(extract(item.article for item in pending))
    except Exception:  # one bad article spoils a batch: redo them one at a time
        results = []
    if len(results) == len(pending) and all(
        art.id == item.article.id for item, (art, _) in zip(pending, results, strict=True)
    ):
        for item, (_, found) in zip(pending, results, strict=True):
            yield item, found
        return
    for item in pending:
        try:
            (_art, found), *_ = list(extract([item.article]))
        except Exception as exc:
            summary.failed += 1
            say(f"{item.origin}: claim extraction failed ({type(exc).__name__}: {exc})")
            continue
        yield item, found


def _extractor(say: Report) -> tuple[Extract | None, str | None]:
    """The claim extractor and its version, imported only when ingest runs."""
    try:
        from .. import claims
    except ModuleNotFoundError as exc:
        if exc.name not in ("sitrep.claims",):
            raise
        say("claim extraction is not available; articles are stored without claims")
        return None, None
    batch = getattr(claims, "extract_batch", None)
    if batch is None:
        say("claim extraction is not available; articles are stored without claims")
        return None, None
    version = getattr(claims, "VERSION", None) or f"{__version__}+{_code_hash()}"
    return batch, f"sitrep-claims {version}"


@cache  # once per process: the code that was loaded, even if files change meanwhile
def _code_hash() -> str:
    """A hash of the code and data that extraction uses: when they change, ingest re-extracts."""
    root = Path(__file__).resolve().parent.parent
    files = [root / "records.py", root / "catalog.py"]
    for sub, pattern in (("claims", "*.py"), ("nlp", "**/*.py"), ("data", "**/*.json")):
        files += (root / sub).glob(pattern)
    digest = hashlib.sha256()
    for f in sorted(f for f in files if f.is_file()):
        digest.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()[:12]
