"""Readers: every input kind, article identity, and a named one-line reason for bad input."""

from __future__ import annotations

import gzip
import io
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest import Read, canonical_url, read_inputs

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Drone strike on depot - Valley Courier</title>
<meta property="og:site_name" content="Valley Courier">
<meta property="og:title" content="Drone strike on depot">
<meta property="article:published_time" content="2024-09-14T08:30:00+03:00">
<link rel="canonical" href="https://www.valleycourier.example/world/2024/09/14/depot-strike?utm_source=feed">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Drone strike on depot</h1>
<p>A drone strike set a fuel depot on fire overnight, regional officials said on Saturday,
adding that three workers were injured and taken to a nearby hospital for treatment.</p>
<p>Firefighters needed several hours to bring the blaze under control, the officials said,
while the army said its air defences had shot down eleven drones over the region.</p>
</article><footer>Copyright Valley Courier</footer></body></html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
<item><title>Ferry service halted after strike</title>
<link>https://gazette.example/2024/03/02/ferry?utm_campaign=rss</link>
<pubDate>Sat, 02 Mar 2024 23:15:00 -0500</pubDate>
<description>&lt;p&gt;Port officials said two ferries were damaged.&lt;/p&gt;&lt;p&gt;No one was hurt.&lt;/p&gt;</description></item>
<item><title>An entry with nothing in it</title><link>https://gazette.example/empty</link></item>
<item><title>Second strike reported</title><link>https://gazette.example/2024/03/03/second</link>
<pubDate>Sun, 03 Mar 2024 10:00:00 GMT</pubDate>
<description>A second strike hit the port, the mayor said.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Upland Monitor</title>
<entry><title>Shelling near the dam</title><link href="https://upland.example/dam"/>
<id>tag:upland.example,2024:dam</id><updated>2024-07-01T12:00:00Z</updated>
<content type="html">&lt;p&gt;Shelling damaged two buildings near the dam, the monitor said.&lt;/p&gt;</content>
</entry></feed>
"""


def read(*paths: str | Path, fetch: bool = False) -> list[Read | InputError]:
    return list(read_inputs([str(p) for p in paths], fetch))


def errors(items: list[Read | InputError]) -> list[str]:
    return [str(i) for i in items if isinstance(i, InputError)]


def articles(items: list[Read | InputError]) -> list[Read]:
    return [i for i in items if isinstance(i, Read)]


@pytest.mark.parametrize(
    ("url", "canon"),
    [
        ("HTTPS://Example.ORG/a/b?x=1#frag", "https://example.org/a/b?x=1"),
        ("https://example.org:443/a?utm_source=x&utm_medium=y&id=5", "https://example.org/a?id=5"),
        ("http://example.org:8080/a?fbclid=abc&b=2&a=1", "http://example.org:8080/a?a=1&b=2"),
        ("https://example.org", "https://example.org/"),
        ("https://example.org/Path/Case", "https://example.org/Path/Case"),
        ("ftp://example.org/file", None),
        ("/relative/path", None),
        ("", None),
        (None, None),
    ],
)
def test_canonical_url(url: str | None, canon: str | None) -> None:
    assert canonical_url(url) == canon


def test_text_and_folders(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "note.txt").write_text("Four soldiers were hurt.\n", "utf-8")
    (tmp_path / "a" / "top.txt").write_text("Two tanks were destroyed.", "utf-8")
    (tmp_path / "a" / ".hidden.txt").write_text("ignored", "utf-8")
    (tmp_path / "a" / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00binary")
    got = articles(read(tmp_path / "a"))
    assert [(r.article.id, r.origin, r.article.text) for r in got] == [
        ("b/note", str(tmp_path / "a/b/note.txt"), "Four soldiers were hurt.\n"),
        ("top", str(tmp_path / "a/top.txt"), "Two tanks were destroyed."),
    ]
    assert [r.article.id for r in articles(read(tmp_path / "a" / "top.txt"))] == ["top"]
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "a.png").write_bytes(b"\x89PNG")
    assert errors(read(tmp_path / "pictures")) == [
        f"{tmp_path / 'pictures'}: folder holds no files of a kind sitrep reads"
    ]


def test_html_page_metadata(tmp_path: Path) -> None:
    (tmp_path / "depot.html").write_text(PAGE, "utf-8")
    (r,) = read(tmp_path / "depot.html")
    assert isinstance(r, Read)
    art = r.article
    assert art.id == "depot-strike"
    assert art.url == "https://www.valleycourier.example/world/2024/09/14/depot-strike"
    assert (art.title, art.outlet, art.published) == (
        "Drone strike on depot",
        "Valley Courier",
        "2024-09-14",
    )
    assert art.text.startswith("Drone strike on depot\nA drone strike set a fuel depot on fire")
    assert "Home" not in art.text and "Copyright" not in art.text
    assert not r.partial


def test_html_without_date_or_site_name(tmp_path: Path) -> None:
    page = "<html><head><title>Quiet night</title></head><body><p>Nothing was reported overnight.</p></body></html>"
    (tmp_path / "quiet.htm").write_text(page, "utf-8")
    (tmp_path / "latin.html").write_bytes(
        page.replace("<head>", '<head><meta charset="iso-8859-1">')
        .replace("Nothing", "Caf\xe9 closed")
        .encode("latin-1")
    )
    quiet, latin = articles(read(tmp_path / "quiet.htm", tmp_path / "latin.html"))
    assert (
        quiet.article.id,
        quiet.article.title,
        quiet.article.published,
        quiet.article.outlet,
    ) == (
        "quiet",
        "Quiet night",
        None,
        None,
    )
    assert latin.article.text.startswith("Café closed")


def test_json_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "wire.jsonl").write_text(
        '{"id": "w1", "text": "Five boats sank.", "url": "https://w.example/1", "published": "2024-02-03T10:00:00Z"}\n'
        "\n"
        '{"text": "No id here.", "published": "sometime"}\n'
        "[1, 2]\n"
        '{"id": "w4", "text": "   "}\n',
        "utf-8",
    )
    (tmp_path / "list.json").write_text(
        '[{"id": "j1", "text": "One."}, {"title": "no text"}]', "utf-8"
    )
    (tmp_path / "one.json").write_text(
        '{"articles": [{"text": "Inside a wrapper.", "outlet": "X"}]}', "utf-8"
    )
    got = read(tmp_path / "wire.jsonl", tmp_path / "list.json", tmp_path / "one.json")
    w = str(tmp_path / "wire.jsonl")
    assert errors(got) == [
        f"{w}:4: expected a JSON object",
        f"{w}:5: empty 'text' field",
        f"{tmp_path / 'list.json'}: item 2: missing 'text' field",
    ]
    ok = articles(got)
    assert [(r.article.id, r.article.published, r.origin) for r in ok] == [
        ("w1", "2024-02-03", f"{w}:1"),
        ("wire:3", None, f"{w}:3"),
        ("j1", None, f"{tmp_path / 'list.json'}#1"),
        ("one:1", None, f"{tmp_path / 'one.json'}#1"),
    ]
    assert ok[1].warnings == [f"{w}:3: unrecognised date 'sometime'; ignored"]


def test_feeds(tmp_path: Path) -> None:
    (tmp_path / "gazette.rss").write_text(RSS, "utf-8")
    (tmp_path / "upland.xml").write_text(ATOM, "utf-8")
    got = read(tmp_path / "gazette.rss", tmp_path / "upland.xml")
    assert errors(got) == [
        f"{tmp_path / 'gazette.rss'}: entry 2 ('An entry with nothing in it'): no text (neither content nor summary)"
    ]
    ferry, second, dam = articles(got)
    assert ferry.article.text == (
        "Ferry service halted after strike\nPort officials said two ferries were damaged.\nNo one was hurt."
    )
    assert (ferry.article.id, ferry.article.outlet, ferry.article.published, ferry.partial) == (
        "ferry",
        "Harbour Gazette",
        "2024-03-02",
        True,
    )
    assert ferry.origin == f"{tmp_path / 'gazette.rss'}#1"
    assert second.origin.endswith("gazette.rss#3")
    assert (dam.article.url, dam.article.outlet, dam.article.published) == (
        "https://upland.example/dam",
        "Upland Monitor",
        "2024-07-01",
    )


def test_malformed_feed_keeps_what_it_can(tmp_path: Path) -> None:
    broken = RSS.replace("</channel></rss>", "<item><title>Cut off</title><description>half")
    (tmp_path / "cut.rss").write_text(broken, "utf-8")
    got = read(tmp_path / "cut.rss")
    name = tmp_path / "cut.rss"
    assert errors(got) == [
        f"{name}: malformed feed (line 12: no element found); 4 entries could be read",
        f"{name}: entry 2 ('An entry with nothing in it'): no text (neither content nor summary)",
        f"{name}: entry 4 ('Cut off'): no text (neither content nor summary)",
    ]
    assert [r.article.id for r in articles(got)] == ["ferry", "second"]


def _warc(records: list[tuple[str, bytes, str]], gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for uri, body, ctype in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
    return out.getvalue()


@pytest.mark.parametrize("gz", [False, True])
def test_warc(tmp_path: Path, gz: bool) -> None:
    page = PAGE.replace(
        '<link rel="canonical" href="https://www.valleycourier.example/world/2024/09/14/depot-strike?utm_source=feed">',
        "",
    )
    data = _warc(
        [
            ("https://valley.example/2024/09/14/depot", page.encode(), "text/html; charset=utf-8"),
            ("https://valley.example/logo.png", b"\x89PNG....", "image/png"),
            ("https://valley.example/empty", b"<html><body></body></html>", "text/html"),
        ],
        gz,
    )
    name = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    name.write_bytes(data)
    got = read(name)
    assert errors(got) == [
        f"{name}: record 3 (https://valley.example/empty): no article text found in the page"
    ]
    (r,) = articles(got)
    assert (r.article.url, r.article.id, r.article.published, r.origin) == (
        "https://valley.example/2024/09/14/depot",
        "depot",
        "2024-09-14",
        f"{name}#1",
    )


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO(b'{"id": "s1", "text": "From a pipe."}\n')
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw))
    (r,) = read("-")
    assert isinstance(r, Read) and (r.article.id, r.origin) == ("s1", "<stdin>:1")


def test_bad_inputs_each_named(tmp_path: Path) -> None:
    files = {
        "binary.txt": b"GIF89a\x00\x00\x01\x02",
        "latin.txt": "line one\ncaf\xe9\n".encode("latin-1"),
        "empty.txt": b"",
        "blank.html": b"  \n",
        "cut.html": b"<!DOCTYPE html><html><head><title>Cut</title></head><body><article><p>Ten soldiers were",
        "bad.json": b'{"text": "unterminated',
        "bomb.rss": (
            b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
            b"<rss><channel><item><title>&lol2;</title></item></channel></rss>"
        ),
        "nofeed.xml": b"<?xml version='1.0'?><rss><channel><title>t</title></channel></rss>",
        "bad-utf8.rss": RSS.replace("two ferries", "two f\xe9rries")
        .encode("latin-1")
        .replace(b'encoding="UTF-8"', b""),
        "archive.gz": gzip.compress(b"hello"),
        "blob.bin": b"\x00\x01\x02\x03",
        "notwarc.warc": b"this is not a web archive at all\n",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:  # sparse: 210 MB on paper, nothing on disk
        f.truncate(210 * 1_048_576)
    names = [*files, "huge.txt", "missing.txt"]
    got = read(*(tmp_path / n for n in names), "https://example.org/page")
    assert articles(got) == []
    p = str(tmp_path)
    assert errors(got) == [
        f"{p}/binary.txt: binary file (contains NUL bytes), not text",
        f"{p}/latin.txt:2: not valid UTF-8 (byte 12)",
        f"{p}/empty.txt: empty document",
        f"{p}/blank.html: empty document",
        f"{p}/cut.html: truncated HTML (the page ends before </body> or </html>)",
        f"{p}/bad.json:1: invalid JSON (Unterminated string starting at)",
        f"{p}/bomb.rss: feed declares XML entities (a possible XML bomb); refused",
        f"{p}/nofeed.xml: feed has no entries",
        f"{p}/bad-utf8.rss:6: not valid UTF-8 (byte 343)",
        f"{p}/archive.gz: compressed file; only .warc.gz archives are read compressed",
        f"{p}/blob.bin: binary file (contains NUL bytes), not text",
        f"{p}/notwarc.warc: not a WARC file (it does not start with a WARC/1.x record)",
        f"{p}/huge.txt: file too large (210 MB; limit 200 MB)",
        f"{p}/missing.txt: no such file or folder",
        "https://example.org/page: is a URL; add --fetch to download it (nothing is fetched without)",
    ]


def test_size_limit_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "small.txt").write_text("x" * 2_000_000, "utf-8")
    monkeypatch.setenv("SITREP_MAX_FILE_MB", "1")
    assert errors(read(tmp_path / "small.txt")) == [
        f"{tmp_path}/small.txt: file too large (1.9 MB; limit 1 MB)"
    ]


@pytest.fixture
def web() -> Iterator[str]:
    """A local web server (loopback only) with a page, a feed, a redirect and a big file."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            routes = {
                "/page": (200, "text/html; charset=utf-8", PAGE.encode()),
                "/feed": (200, "application/rss+xml", RSS.encode()),
                "/big": (200, "text/plain", b"x" * 3_000_000),
                "/gone": (404, "text/plain", b"no"),
            }
            if self.path == "/to-file":
                self.send_response(302)
                self.send_header("Location", "file:///etc/passwd")
                self.end_headers()
                return
            code, ctype, body = routes.get(self.path, (404, "text/plain", b""))
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_fetch(web: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_MAX_FILE_MB", "2")
    got = read(
        f"{web}/page",
        f"{web}/feed",
        f"{web}/gone",
        f"{web}/big",
        f"{web}/to-file",
        "ftp://x.example/a",
        fetch=True,
    )
    assert errors(got) == [
        f"{web}/feed: entry 2 ('An entry with nothing in it'): no text (neither content nor summary)",
        f"{web}/gone: cannot fetch (HTTP 404 Not Found)",
        f"{web}/big: page larger than the limit (2 MB)",
        f"{web}/to-file: cannot fetch (HTTP 302 Found - Redirection to url 'file:///etc/passwd' is not allowed)",
        "ftp://x.example/a: only http and https URLs can be fetched",
    ]
    page, ferry, second = articles(got)
    assert page.article.title == "Drone strike on depot" and page.article.published == "2024-09-14"
    assert ferry.article.url == "https://gazette.example/2024/03/02/ferry?utm_campaign=rss"


def test_entities_in_html_are_never_expanded(tmp_path: Path) -> None:
    laughs = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9)
    )
    page = (
        f'<?xml version="1.0"?><!DOCTYPE html [{laughs}]><html><head><title>x</title></head>'
        "<body><p>&j; Shelling was reported near the bridge.</p></body></html>"
    )
    (tmp_path / "laughs.html").write_text(page, "utf-8")
    (r,) = read(tmp_path / "laughs.html")
    assert isinstance(r, Read)
    assert r.article.text == "&j; Shelling was reported near the bridge."


def test_documents_too_big_to_be_one_article(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text("Word. " * 200_000, "utf-8")
    (tmp_path / "huge.html").write_text(
        "<html><body><p>" + "x" * (21 * 1_048_576) + "</p></body></html>", "utf-8"
    )
    with (tmp_path / "sparse.txt").open("wb") as f:  # refused by its size, before reading
        f.truncate(5 * 1_048_576)
    got = read(tmp_path / "long.txt", tmp_path / "huge.html", tmp_path / "sparse.txt")
    assert errors(got) == [
        f"{tmp_path}/long.txt: text too long for one article (1,200,000 characters; limit 1,000,000)",
        f"{tmp_path}/huge.html: page too large for a news page (21 MB; limit 20 MB)",
        f"{tmp_path}/sparse.txt: text too long for one article (5 MB)",
    ]
