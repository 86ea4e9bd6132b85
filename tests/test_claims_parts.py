"""The parts of claim extraction: sentences, metric cues, modality, attribution frames."""

from __future__ import annotations

import pytest

from sitrep.claims.sentences import split_sentences
from sitrep.nlp.attribution import find_attributions, is_anaphor, is_generic
from sitrep.nlp.metrics import find_cues, noun_class
from sitrep.nlp.modality import modality


def test_sentences_keep_offsets_and_abbreviations() -> None:
    text = (
        'Rep. Kim said on Jan. 5 that U.S. officials agreed.\nTwo were hurt. "It ended," he said.'
    )
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Rep. Kim said on Jan. 5 that U.S. officials agreed.",
        "Two were hurt.",
        '"It ended," he said.',
    ]
    for s in sents:
        assert text[s.start : s.end] == s.text
    assert [s.line for s in sents] == [0, 1, 1]
    assert [s.first_in_line for s in sents] == [True, True, False]


@pytest.mark.parametrize(
    ("sentence", "cue", "unit", "metric"),
    [
        ("Rebels killed four guards.", "killed", "person", "casualties.killed"),
        ("The army lost 12 tanks.", "lost", "item", "materiel.destroyed"),
        ("The army lost 300 soldiers.", "lost", "person", "casualties.total"),
        ("Nine were killed or wounded.", "killed or wounded", "person", "casualties.total"),
        ("Crews shot down 20 drones.", "shot down", "item", "materiel.destroyed"),
        ("The state sent 500 troops.", "sent", "person", "personnel.deployed"),
        ("The state sent 500 shells.", "sent", "item", "materiel.supplied"),
        ("It pledged $5 million.", "pledged", "money", "aid.pledged"),
        ("About 900 residents fled.", "fled", "person", "people.displaced"),
        ("Police detained 14 suspects.", "detained", "person", "casualties.captured"),
    ],
)
def test_metric_cues(sentence: str, cue: str, unit: str, metric: str) -> None:
    cues = {c.text: c for c in find_cues(sentence)}
    assert cue in cues
    assert cues[cue].metric(unit) == metric


def test_cue_does_not_apply_to_wrong_class() -> None:
    (killed,) = [c for c in find_cues("Shelling killed nine.") if c.text == "killed"]
    assert killed.metric("item") is None
    assert noun_class("howitzers") == "item"
    assert noun_class("civilians") == "person"
    assert noun_class("villages") is None


@pytest.mark.parametrize(
    ("window", "speech", "expected"),
    [
        ("the toll has likely reached 900", None, "likely"),
        ("Moscow may send more troops", None, "possible"),
        ("the army is preparing to deploy 2,000 soldiers", None, "planned"),
        ("Berlin would deliver 12 more howitzers", None, "planned"),
        ("losses are estimated at 400", None, "estimated"),
        ("there were 400 losses", "estimated", "estimated"),
        ("Tehran had not sent any missiles", None, "denied"),
        ("the ministry declined to confirm the 40 deaths", None, "asserted"),
        ("troops were reportedly sent", None, "asserted"),
        ("the 40 deaths, which could not be independently verified", None, "asserted"),
        ("the claim that 30 died", "denied", "denied"),
    ],
)
def test_modality(window: str, speech: str | None, expected: str) -> None:
    assert modality(window, speech) == expected


def _frames(sentence: str) -> list[tuple[str, str, list[str]]]:
    return [(f.phrase, f.style, [c[0] for c in f.cited]) for f in find_attributions(sentence)]


def test_attribution_styles() -> None:
    assert _frames("The ministry said 30 people died.") == [("The ministry", "pre", [])]
    assert _frames("Thirty people died, the ministry said on Friday.") == [
        ("the ministry", "post", [])
    ]
    assert _frames("Thirty died, according to local medics.") == [("local medics", "according", [])]
    assert _frames("Twelve people were hurt, says the mayor") == [("the mayor", "post", [])]
    assert _frames('"We lost 40 men," Colonel Ivan Petrenko told reporters.') == [
        ("Colonel Ivan Petrenko", "post", [])
    ]
    assert _frames("''It is over,'' said Mr. Rahimi.") == [("Mr. Rahimi", "post", [])]
    assert _frames("Rebels Killed 20 Soldiers, Army Says") == [("Army", "post", [])]


def test_attribution_relays_and_appositions() -> None:
    assert _frames("Senator Ames said, citing the Defense Agency, that 90 tanks were lost.") == [
        ("Senator Ames", "pre", ["the Defense Agency"])
    ]
    assert _frames("Ames, who was briefed by the Defense Agency, said 90 tanks were lost.") == [
        ("Ames", "pre", ["the Defense Agency"])
    ]
    got = _frames("Ames said the agency estimated the losses at 90 tanks.")
    assert got[0] == ("Ames", "pre", ["the agency"])
    assert got[1][0] == "the agency"
    assert _frames("Maria Lopez, the head of the relief group, said 80 families fled.") == [
        ("the head of the relief group", "post", [])
    ] or _frames("Maria Lopez, the head of the relief group, said 80 families fled.")[0][
        0
    ].startswith("Maria Lopez")


def test_not_a_speaker() -> None:
    assert _frames("The report was not confirmed by anyone.") == []
    assert _frames("A claim by the group could not be verified.") == []
    assert _frames("He toured five swing states in a week.") == []
    assert _frames("The clip was shown on a music show last year.") == []
    assert is_anaphor("he") and is_anaphor("the agency") and not is_anaphor("Lee")
    assert is_generic("unnamed officials") and is_generic("a government source")
    assert not is_generic("the Pentagon")
