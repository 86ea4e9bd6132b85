"""Property test: any Claim stored comes back equal (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ledger_db
from sitrep.records import (
    METRICS,
    MODALITIES,
    QUALIFIERS,
    SOURCE_KINDS,
    Article,
    Claim,
    Quantity,
    Source,
    Via,
)
from sitrep.store import open_store

# PostgreSQL text holds no NUL; surrogates are not text at all
TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40)
NAME = TEXT.filter(lambda s: s.strip() != "")
OPT = st.none() | TEXT
NUM = (
    st.none()
    | st.integers(-(10**9), 10**9).map(float)
    | st.floats(-1e12, 1e12, allow_nan=False, allow_infinity=False)
)
TIMEX = st.none() | st.sampled_from(
    ["2024-12-18", "2024-W51", "2024-12", "2024-FA", "2024", "PRESENT_REF"]
)

quantities = st.none() | st.builds(
    Quantity,
    start=st.integers(0, 10_000),
    end=st.integers(0, 10_000),
    text=TEXT,
    value=NUM,
    low=NUM,
    high=NUM,
    qualifier=st.sampled_from(QUALIFIERS),
    unit=st.none() | st.sampled_from(["person", "item", "USD"]),
)
sources = st.none() | st.builds(
    Source,
    name=NAME,
    kind=st.none() | st.sampled_from(SOURCE_KINDS),
    country=st.none() | st.sampled_from(["UA", "KR", "US"]),
    mention=OPT,
    wikidata=st.none() | st.from_regex(r"Q[1-9][0-9]{0,6}", fullmatch=True),
)
vias = st.lists(st.builds(Via, name=NAME, mention=OPT), max_size=3)

db_url = ledger_db.db_url  # the fixture: SQLite file and PostgreSQL database


@st.composite
def claims(draw: Any, art: Article) -> Claim:
    return Claim(
        article=art,
        text=draw(TEXT),
        span=(draw(st.integers(0, 5000)), draw(st.integers(0, 5000))),
        metric=draw(st.sampled_from(METRICS)),
        subject=draw(NAME),
        quantity=draw(quantities),
        source=draw(sources),
        stated=draw(TIMEX),
        modality=draw(st.sampled_from(MODALITIES)),
        recipient=draw(OPT),
        item=draw(OPT),
        location=draw(OPT),
        via=draw(vias),
        when=draw(TIMEX),
    )


@st.composite
def articles_with_claims(draw: Any) -> tuple[Article, list[Claim]]:
    art = Article(
        id=draw(NAME),
        text=draw(NAME),
        url=draw(
            st.none()
            | st.from_regex(r"https://[a-z]{1,8}\.example/[a-z0-9/]{0,12}", fullmatch=True)
        ),
        title=draw(OPT),
        outlet=draw(OPT),
        published=draw(st.none() | st.dates().map(lambda d: d.isoformat())),
        language=draw(st.none() | st.just("en")),
    )
    return art, draw(st.lists(claims(art), max_size=4))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=articles_with_claims())
def test_claim_round_trip(db_url: str, case: tuple[Article, list[Claim]]) -> None:
    art, found = case
    with open_store(db_url) as store:
        status, art_id = store.put_article_id(art, found)
        got = [c for c in store.claims() if c.article.id == art_id]
        if status != "new":  # drawn before: the stored text decides; still one copy
            assert len(store.articles()) == len({a.id for a in store.articles()})
            return
    assert [c.id for c in got] == [f"{art_id}:{n}" for n in range(1, len(found) + 1)]
    for back, sent in zip(got, found, strict=True):
        want, have = sent.to_json(), back.to_json()
        have.pop("id")
        want["article"]["id"] = art_id
        assert have == want
        assert (back.quantity is None) == (sent.quantity is None)
        if back.quantity and sent.quantity:
            assert (back.quantity.start, back.quantity.end) == (
                sent.quantity.start,
                sent.quantity.end,
            )
        assert back.article.language == art.language
