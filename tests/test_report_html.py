"""The HTML report: self-contained, escaped, and rendered for real in headless Chromium."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from sitrep.fuse import fuse
from sitrep.records import Quantity
from sitrep.report.html import highlight, render
from test_fuse_assess import ZEL, ledger_december
from test_fuse_findings import NIS, claim

CHROMIUM = Path("/usr/bin/chromium")
ATTACK = '<script>window.__pwned = 1; document.title = "pwned";</script>'
IMG_ATTACK = '<img src=x onerror="window.__pwned = 2">'


def hostile_ledger() -> list[Any]:
    """December's ledger, plus articles whose text, title and outlet carry markup."""
    bad = claim(
        "evil",
        'Outlet <b onmouseover="x()">',
        "2024-12-22",
        value=1100,
        qualifier="approx",
        metric="casualties.total",
        source=NIS,
        stated="2024-12-19",
        text=f"Officials said {ATTACK} about 1,100 {IMG_ATTACK} were hurt, the NIS said.",
        qtext="about 1,100",
    )
    bad.article.title = f"Headline {ATTACK}"
    bad.article.url = "javascript:alert(1)"
    if bad.source is not None:
        bad.source.mention = "the NIS"
    return [*ledger_december(), bad]


def test_report_is_self_contained_and_escapes_article_text() -> None:
    html = render(fuse(hostile_ledger()), title="Test <report>")
    assert "<script" not in html.lower()
    assert "&lt;script&gt;window.__pwned" in html
    assert "<img" not in html and "&lt;img src=x onerror=" in html
    assert "<b onmouseover" not in html
    assert "javascript:" not in html  # a link only for http(s) URLs
    assert "<title>Test &lt;report&gt;</title>" in html
    # nothing is fetched: no src= attributes, no stylesheet links, no url() in CSS
    assert not re.search(r"<[a-z][^>]*\ssrc\s*=", html)
    assert "<link" not in html and "url(" not in html and "@import" not in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_report_has_chart_assessment_findings_and_evidence() -> None:
    result = fuse(hostile_ledger())
    html = render(result, as_of="2024-12-31")
    (s,) = result.series
    assert html.count('<svg class="chart"') == 1
    assert f'id="{s.id}"' in html
    for f in s.findings:
        assert f'id="{f.id}"' in html and f'id="ev-{f.id}"' in html
    # one point per finding, and a band step per statement day
    assert html.count('class="point"') == len(s.findings)
    assert html.count('<rect class="band') == 4
    assert "as of <b>2024-12-31</b>" in html
    assert "conflict" in html


def test_highlight_marks_the_quantity_and_the_source() -> None:
    c = claim(
        "a1",
        "A",
        "2024-12-20",
        value=1100,
        qualifier="approx",
        source=ZEL,
        text="President Zelensky said about 1,100 <b>soldiers</b> were hurt.",
        qtext="about 1,100",
    )
    assert c.source is not None
    c.source.mention = "President Zelensky"
    got = highlight(c)
    assert got == (
        '<mark class="s">President Zelensky</mark> said <mark class="q">about 1,100</mark> '
        "&lt;b&gt;soldiers&lt;/b&gt; were hurt."
    )


def test_highlight_uses_offsets_when_they_fit() -> None:
    c = claim(
        "a1", "A", "2024-12-20", value=2, source=None, text="2 of the 2 were hurt.", qtext="2"
    )
    c.span = (100, 121)
    c.quantity = Quantity(109, 110, "2", 2, 2, 2, "exact")  # the second "2"
    assert highlight(c) == '2 of the <mark class="q">2</mark> were hurt.'


def _chromium() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is missing in CI (.ci/run installs it)")
        pytest.skip("no /usr/bin/chromium here")
    return CHROMIUM


@pytest.mark.browser
def test_report_in_real_headless_chromium(tmp_path: Path) -> None:
    exe = _chromium()
    from playwright.sync_api import sync_playwright

    path = tmp_path / "report.html"
    path.write_text(render(fuse(hostile_ledger()), title="sitrep test report"), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(exe),
            args=[
                "--no-sandbox",
                "--headless",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page()
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            # charts: drawn, with visible size, one point per finding
            charts = page.locator("svg.chart")
            assert charts.count() == 1
            box = charts.first.bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 150
            assert (
                page.locator("svg.chart g.point").count() == 4
            )  # the hostile article echoes the NIS
            assert page.locator("svg.chart rect.band").count() == 4
            # tables: the summary, the bounds, the findings
            assert page.locator("table.summary tbody tr").count() == 1
            assert page.locator("table.findings tbody tr").count() == 4
            best = page.locator("table.summary td.best").first.inner_text()
            assert best == "700"
            # the article's <script> is text on the page, and did not run
            assert page.title() == "sitrep test report"
            assert page.evaluate("typeof window.__pwned") == "undefined"
            page.locator("details#ev-" + _evil_finding(page)).evaluate("d => d.open = true")
            quote = page.locator("blockquote", has_text="window.__pwned = 1").first
            assert ATTACK in quote.inner_text()
            assert page.locator("blockquote script, blockquote img").count() == 0
            assert page.locator("mark.q", has_text="about 1,100").count() >= 1
            assert page.locator("mark.s", has_text="the NIS").count() == 1
            # nothing but the file itself was requested
            assert requests == [path.as_uri()]
        finally:
            browser.close()


def _evil_finding(page: Any) -> str:
    ids = page.eval_on_selector_all(
        "details[id^='ev-']",
        "ds => ds.filter(d => d.textContent.includes('__pwned')).map(d => d.id.slice(3))",
    )
    assert len(ids) == 1
    return str(ids[0])


HOSTILE_SCRIPT = '<script>window.__pwned = true; document.title = "pwned";</script>'
HOSTILE_ARTICLE = {
    "id": "hostile-1",
    "url": "https://example.org/hostile-1",
    "title": "Spy agency counts the dead <script>window.__pwned = true</script>",
    "outlet": "Test <b>Outlet</b>",
    "published": "2024-12-20",
    "text": (
        "Spy agency counts North Korean dead\n"
        "At least 100 North Korean soldiers have been killed in Kursk, South Korea's National "
        f"Intelligence Service said on Thursday in a note headed {HOSTILE_SCRIPT}."
    ),
}


@pytest.mark.browser
def test_demo_report_from_the_sample_corpus_in_chromium(tmp_path: Path) -> None:
    """The `make demo` path: ingest the bundled sample (plus one hostile article), report, and
    look at the result in a real browser."""
    exe = _chromium()
    import json

    from playwright.sync_api import sync_playwright

    from sitrep.cli import main

    root = Path(__file__).resolve().parent.parent
    hostile = tmp_path / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE_ARTICLE) + "\n", encoding="utf-8")
    db = str(tmp_path / "demo.db")
    main(["--quiet", "ingest", str(root / "sample"), str(hostile), "--db", db])
    out = tmp_path / "report.html"
    assert main(["report", "--db", db, "--out", str(out), "--title", "demo"]) == 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(exe), args=["--no-sandbox", "--headless"])
        try:
            page = browser.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(out.as_uri())
            assert page.title() == "demo"
            assert page.locator("svg.chart").count() >= 3
            assert page.locator("svg.chart g.point").count() >= 10
            assert page.locator("table.summary tbody tr").count() >= 3
            assert page.locator("table.findings").count() >= 3
            assert page.locator("mark.q").count() >= 10 and page.locator("mark.s").count() >= 5
            assert page.evaluate("typeof window.__pwned") == "undefined"
            body = page.evaluate("document.body.textContent")
            assert HOSTILE_SCRIPT in body  # the evidence sentence, as text
            # the sample's planted comment-spam string, in the cited articles' texts
            planted = page.locator("details[id^='art-']", has_text='<script>alert("x")</script>')
            assert planted.count() >= 1
            planted.first.evaluate("d => d.open = true")
            assert '<script>alert("x")</script>' in planted.first.inner_text()
            assert dialogs == []
            assert "Spy agency counts the dead <script>" in body  # the headline, as text
            assert page.locator("body script").count() == 0
            assert page.locator("text=Test <b>Outlet</b>").count() >= 1
        finally:
            browser.close()
