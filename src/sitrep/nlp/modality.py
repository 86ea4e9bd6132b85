"""Modality of a claim from the hedges, plans and denials around it (CLAIMS.md "Modality")."""

from __future__ import annotations

import re

from .lexicon import lexicon, rx, words

ORDER = ("denied", "possible", "likely", "planned", "estimated")


def modality(window: str, speech_kind: str | None = None) -> str:
    """The modality for a claim whose own words are `window` (the clause around the number
    or cue), said with a speech verb of `speech_kind` ('asserted', 'estimated', 'denied')."""
    text = re.sub(r"\b(?:reportedly|is said to|are said to|was said to|were said to)\b", "", window)
    text = rx("non_denial").sub("", text)  # "could not be verified" is no hedge
    if speech_kind == "denied" or is_denial(text):
        return "denied"
    hedges: dict[str, str] = lexicon()["hedges"]
    for kind in ("possible", "likely", "planned", "estimated"):
        if words(hedges[kind]).search(text):
            if kind == "planned" and _past_report_of_plan(text):
                continue
            return kind
    if speech_kind == "estimated":
        return "estimated"
    return "asserted"


def is_denial(text: str) -> bool:
    """True when `text` rejects the fact (declining to confirm is not a denial)."""
    if rx("non_denial").search(text):
        text = rx("non_denial").sub("", text)
    return bool(rx("denial_cues").search(text))


def _past_report_of_plan(text: str) -> bool:
    """'would' in 'which would' or 'could not' is no plan."""
    return bool(re.search(r"\b(?:would|will) (?:not|never)\b", text, re.IGNORECASE))
