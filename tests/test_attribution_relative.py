"""A relative pronoun is never a speaker: 'who' / 'which' stand for the phrase before them."""

from __future__ import annotations

import pytest

from sitrep.nlp.attribution import find_attributions


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Fighting will spread, according to two regional diplomats, who say the militia "
            "has moved 500 fighters north.",
            "two regional diplomats",
        ),
        (
            "The toll was passed on by Amina Yusuf, a spokeswoman for the aid group, who said "
            "40 people had died.",
            "Amina Yusuf",
        ),
        (
            "The count came from the provincial health office, which said 12 people were hurt.",
            "the provincial health office",
        ),
    ],
)
def test_relative_pronoun_takes_its_antecedent(sentence: str, speaker: str) -> None:
    frames = find_attributions(sentence)
    assert frames and {f.phrase for f in frames} == {speaker}


def test_clause_before_relative_pronoun_is_not_a_speaker() -> None:
    frames = find_attributions("The army had 300 tanks, which analysts say were destroyed.")
    assert all(f.phrase.lower() not in ("which", "who") for f in frames)


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "Ukraine's defence ministry said 30 drones were shot down. The ministry's latest "
            "bulletin put the toll at 52 dead.",
            "Ministry of Defence of Ukraine",
        ),
        (
            "The National Intelligence Service briefed lawmakers on Monday. The agency's October "
            "briefing said 900 North Korean troops had been killed.",
            "National Intelligence Service",
        ),
    ],
)
def test_a_document_speaks_for_its_author(sentence: str, source: str) -> None:
    from sitrep.claims import extract_article
    from sitrep.records import Article

    claims = extract_article(Article(id="d", text=sentence, published="2024-11-04"))
    last = claims[-1]
    assert last.source is not None and last.source.name == source


def test_the_countrys_agency_is_the_named_countrys() -> None:
    from sitrep.claims import extract_article
    from sitrep.records import Article

    text = (
        "At least 40 Syrian soldiers were killed in the clashes, a Turkish official said on "
        "Friday, citing the country's defence ministry."
    )
    (claim,) = extract_article(Article(id="a", text=text, published="2025-02-07"))
    assert claim.source is not None
    assert claim.source.country == "TR" and "Defen" in claim.source.name
