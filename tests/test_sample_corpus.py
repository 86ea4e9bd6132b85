"""The bundled demo corpus in sample/: every file parses, and the articles are distinct.

The corpus is what `make demo` ingests. These tests read it with the same libraries the
ingest stage uses (lxml, feedparser, json) but independently of sitrep's own code, so a
broken sample file is caught here rather than as a puzzling demo result.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import feedparser
import lxml.html
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample"
SCRIPT = '<script>alert("x")</script>'
FIRST_DAY, LAST_DAY = date(2024, 10, 1), date(2025, 2, 28)


@dataclass(frozen=True)
class Doc:
    """One article as found in a sample file, reduced to what the checks need."""

    where: str  # file name, plus the entry number inside feeds and JSONL
    kind: str  # html, rss, atom, jsonl, txt
    url: str | None
    title: str
    published: date | None
    paragraphs: tuple[str, ...]

    @property
    def body(self) -> str:
        return " ".join(self.paragraphs)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _paragraphs_of(fragment_html: str) -> tuple[str, ...]:
    root = lxml.html.fromstring(f"<div>{fragment_html}</div>")
    return tuple(_clean(p.text_content()) for p in root.iter("p"))


def _html_docs() -> list[Doc]:
    docs = []
    for path in sorted((SAMPLE / "html").glob("*.html")):
        root = lxml.html.parse(str(path)).getroot()
        canonical = root.xpath('//link[@rel="canonical"]/@href')
        stamp = root.xpath(
            '//meta[@property="article:published_time"]/@content'
            ' | //meta[@name="date"]/@content | //article//time/@datetime'
        )
        docs.append(
            Doc(
                where=path.name,
                kind="html",
                url=canonical[0] if canonical else None,
                title=_clean(root.xpath("string(//article//h1)")),
                published=date.fromisoformat(stamp[0][:10]) if stamp else None,
                paragraphs=tuple(_clean(p.text_content()) for p in root.xpath("//article//p")),
            )
        )
    return docs


def _feed_docs(path: Path, kind: str) -> list[Doc]:
    feed = feedparser.parse(path.read_bytes())
    docs = []
    for n, entry in enumerate(feed.entries, start=1):
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        docs.append(
            Doc(
                where=f"{path.name}#{n}",
                kind=kind,
                url=entry.get("link"),
                title=_clean(entry.get("title", "")),
                published=date(*stamp[:3]) if stamp else None,
                paragraphs=_paragraphs_of(entry.content[0].value) if "content" in entry else (),
            )
        )
    return docs


def _jsonl_docs(path: Path) -> list[Doc]:
    docs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        obj = json.loads(line)
        lines = obj["text"].split("\n")
        docs.append(
            Doc(
                where=f"{path.name}:{n}",
                kind="jsonl",
                url=obj["url"],
                title=obj["title"],
                published=date.fromisoformat(obj["published"][:10]),
                paragraphs=tuple(_clean(x) for x in lines[1:] if x.strip()),
            )
        )
    return docs


def _txt_docs() -> list[Doc]:
    docs = []
    for path in sorted((SAMPLE / "text").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        paragraphs = tuple(_clean(x) for x in lines[1:] if x.strip())
        docs.append(Doc(path.name, "txt", None, lines[0], None, paragraphs))
    return docs


def _all_docs() -> list[Doc]:
    docs = _html_docs() + _txt_docs()
    for path in sorted((SAMPLE / "feeds").glob("*.rss")):
        docs += _feed_docs(path, "rss")
    for path in sorted((SAMPLE / "feeds").glob("*.atom")):
        docs += _feed_docs(path, "atom")
    for path in sorted(SAMPLE.glob("*.jsonl")):
        docs += _jsonl_docs(path)
    return docs


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    return _all_docs()


def _sentences(text: str) -> list[str]:
    """Sentences of eight words or more, lower-cased with punctuation removed."""
    out = []
    for raw in re.split(r"(?<=[.!?\"])\s+", text):
        words = re.findall(r"[a-z0-9]+", raw.lower())
        if len(words) >= 8:
            out.append(" ".join(words))
    return out


def test_every_file_has_a_known_format() -> None:
    allowed = {".html", ".rss", ".atom", ".jsonl", ".txt", ".md"}
    files = [p for p in SAMPLE.rglob("*") if p.is_file()]
    assert files
    assert sorted(p.name for p in files if p.suffix not in allowed) == []


def test_corpus_has_at_least_40_articles_in_every_format(docs: list[Doc]) -> None:
    counts: dict[str, int] = defaultdict(int)
    for doc in docs:
        counts[doc.kind] += 1
    assert len(docs) >= 40
    assert counts["html"] >= 12
    assert counts["rss"] >= 8
    assert counts["atom"] >= 5
    assert counts["jsonl"] >= 10
    assert counts["txt"] >= 2


def test_html_pages_are_complete_news_pages() -> None:
    undated = []
    for path in sorted((SAMPLE / "html").glob("*.html")):
        root = lxml.html.parse(str(path)).getroot()
        assert root.get("lang") == "en", path.name
        assert root.xpath("string(//head/title)").strip(), path.name
        assert root.xpath('//meta[@property="og:site_name"]/@content'), path.name
        assert root.xpath('//meta[@property="og:title"]/@content'), path.name
        assert root.xpath('//link[@rel="canonical"]/@href')[0].startswith("https://"), path.name
        assert len(root.xpath("//article//h1")) == 1, path.name
        assert len(root.xpath("//article//p")) >= 4, path.name
        assert root.xpath("//nav") and root.xpath("//footer"), path.name
        if not root.xpath(
            '//meta[@property="article:published_time"] | //meta[@name="date"] | //time'
        ):
            undated.append(path.name)
    assert len(undated) == 1, undated


def test_feeds_parse_without_errors() -> None:
    feeds = sorted((SAMPLE / "feeds").glob("*.rss")) + sorted((SAMPLE / "feeds").glob("*.atom"))
    assert [p.suffix for p in feeds] == [".rss", ".atom"]
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, f"{path.name}: {feed.get('bozo_exception')}"
        assert feed.version == ("rss20" if path.suffix == ".rss" else "atom10"), path.name
        for entry in feed.entries:
            assert entry.title and entry.link.startswith("https://"), path.name
            assert entry.published_parsed, f"{path.name}: {entry.title}"
            assert entry.content[0].value, f"{path.name}: {entry.title}"


def test_jsonl_objects_have_every_field() -> None:
    for n, line in enumerate((SAMPLE / "wire.jsonl").read_text().splitlines(), start=1):
        obj = json.loads(line)
        assert set(obj) == {"id", "url", "title", "outlet", "published", "text"}, n
        assert all(isinstance(v, str) and v for v in obj.values()), n
        assert obj["text"].split("\n")[0] == obj["title"], n
        date.fromisoformat(obj["published"])


def test_articles_are_news_length(docs: list[Doc]) -> None:
    lengths = {d.where: len(d.body.split()) for d in docs}
    assert {k: n for k, n in lengths.items() if not 150 <= n <= 350} == {}


def test_dates_fall_in_the_covered_period(docs: list[Doc]) -> None:
    dated = {d.where: d.published for d in docs if d.published is not None}
    assert len(dated) >= 40
    assert [where for where, day in dated.items() if not FIRST_DAY <= day <= LAST_DAY] == []


def test_only_the_two_intended_duplicates(docs: list[Doc]) -> None:
    by_body: dict[str, list[Doc]] = defaultdict(list)
    for doc in docs:
        by_body[doc.body.lower()].append(doc)
    groups = sorted(
        (sorted(g, key=lambda d: d.kind) for g in by_body.values() if len(g) > 1),
        key=lambda g: g[0].kind,
    )
    assert [[d.kind for d in g] for g in groups] == [["html", "rss"], ["jsonl", "txt"]]
    page, item = groups[0]
    assert page.url == item.url and page.title == item.title
    wire, text = groups[1]
    stored = json.loads(
        (SAMPLE / "wire.jsonl").read_text().splitlines()[int(wire.where.split(":")[1]) - 1]
    )
    assert (SAMPLE / "text" / text.where).read_text(encoding="utf-8") == stored["text"]
    urls = [d.url for d in docs if d.url]
    assert len(urls) - len(set(urls)) == 1  # only the page and its feed item share a URL


def test_distinct_articles_share_no_sentence(docs: list[Doc]) -> None:
    """Outlets repeat claims in their own words, never in the same sentence."""
    seen: dict[str, str] = {}
    clashes = []
    for doc in docs:
        for sentence in set(_sentences(doc.body)):
            other = seen.setdefault(sentence, doc.body)
            if other != doc.body:
                clashes.append((doc.where, sentence))
    assert clashes == []


def test_script_string_is_quoted_text_not_markup(docs: list[Doc]) -> None:
    with_script = [d for d in docs if SCRIPT in d.body]
    assert sorted(d.kind for d in with_script) == ["html", "jsonl"]
    for path in (SAMPLE / "html").glob("*.html"):
        root = lxml.html.parse(str(path)).getroot()
        assert root.xpath("//script") == [], path.name


def test_readme_names_every_outlet() -> None:
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    outlets = set()
    for path in (SAMPLE / "html").glob("*.html"):
        root = lxml.html.parse(str(path)).getroot()
        outlets.add(root.xpath('string(//meta[@property="og:site_name"]/@content)'))
    for line in (SAMPLE / "wire.jsonl").read_text().splitlines():
        outlets.add(json.loads(line)["outlet"])
    for path in (SAMPLE / "feeds").iterdir():
        outlets.add(feedparser.parse(path.read_bytes()).feed.title.split(" - ")[0])
    assert sorted(o for o in outlets if o not in readme) == []


def test_no_sentence_comes_from_the_shared_corpus(docs: list[Doc], shared: Path) -> None:
    theirs = set(_sentences((shared / "seed" / "article.txt").read_text(encoding="utf-8")))
    for line in (shared / "corpus" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        theirs.update(_sentences(json.loads(line)["text"]))
    ours = {s: d.where for d in docs for s in _sentences(d.body)}
    assert sorted((where, s) for s, where in ours.items() if s in theirs) == []
