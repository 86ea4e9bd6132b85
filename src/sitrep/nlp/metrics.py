"""Metric cues: which words make a number (or a weapon) a claim of which metric.

A cue is a word or phrase from the lexicon's `metrics` table ("killed", "shot down",
"shipped"). A family of cues maps the class of the counted thing (`person`, `item`,
`money`) to a metric of CLAIMS.md: "lost 40 soldiers" is casualties.total, "lost 40 tanks"
is materiel.destroyed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import lexicon, rx, words

CURRENCY_WORDS = {
    "$": "USD",
    "us$": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "€": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
}

# a capitalised formation after a number names a unit; "7 Army soldiers" is still a count
UNIT_NAME = re.compile(
    r"\s*(?:(?:Infantry|Mechani[sz]ed|Armou?red|Airborne|Motori[sz]ed|Mountain|Marine)\s+)?"
    r"(?:Division|Brigade|Battalion|Regiment|Corps|Squadron|Fleet|Army|Sector)\b"
    r"(?!\s+(?:soldiers|troops|personnel|officers|members|men|servicemen))"
)


@dataclass(slots=True, frozen=True)
class Cue:
    """A metric cue in a sentence: offsets relative to the sentence, and its families."""

    start: int
    end: int
    text: str
    families: tuple[str, ...]

    def metric(self, unit_class: str | None) -> str | None:
        """The metric this cue gives for a count of `unit_class` things, if any."""
        table = lexicon()["metrics"]
        for fam in self.families:
            m = table[fam].get(unit_class or "")
            if m:
                return str(m)
        return None

    def metrics(self) -> set[str]:
        table = lexicon()["metrics"]
        return {str(v) for fam in self.families for k, v in table[fam].items() if k != "pattern"}


@lru_cache(maxsize=1)
def _family_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(fam, words(spec["pattern"])) for fam, spec in lexicon()["metrics"].items()]


@lru_cache(maxsize=1)
def _any_cue() -> re.Pattern[str]:
    return words("|".join(f"(?:{spec['pattern']})" for spec in lexicon()["metrics"].values()))


def find_cues(text: str) -> list[Cue]:
    """All metric cues in `text`; overlapping matches keep the longest span, with every
    family that matched exactly that span."""
    if not _any_cue().search(text):
        return []
    found: dict[tuple[int, int], list[str]] = {}
    for fam, pat in _family_patterns():
        for m in pat.finditer(text):
            found.setdefault((m.start(), m.end()), []).append(fam)
    spans = sorted(found, key=lambda se: (-(se[1] - se[0]), se[0]))
    kept: list[tuple[int, int]] = []
    for s, e in spans:
        if any(s < ke and ks < e for ks, ke in kept):
            continue
        kept.append((s, e))
    out = []
    for s, e in sorted(kept):
        fams = list(found[(s, e)])
        for (a, b), more in found.items():
            if s <= a and b <= e:
                fams.extend(f for f in more if f not in fams)
        out.append(Cue(s, e, text[s:e], tuple(fams)))
    return out


def noun_class(word: str) -> str | None:
    """'person' or 'item' for a counted noun ("soldiers", "drones"), else None."""
    w = word.lower()
    if words(lexicon()["person_nouns"]).fullmatch(w):
        return "person"
    if words(lexicon()["item_nouns"]).fullmatch(w):
        return "item"
    return None


def is_weapon_word(word: str) -> bool:
    """True for a word that heads a weapon phrase ("missiles", "launcher", "Shaheds")."""
    w = word.lower().rstrip("s") if len(word) > 3 else word.lower()
    return bool(words(lexicon()["weapon_heads"]).fullmatch(w)) or bool(
        words(lexicon()["item_nouns"]).fullmatch(word.lower())
    )


def currency_of(unit: str | None, text: str) -> str | None:
    """An ISO currency code for a money quantity, from its unit or its words."""
    if unit and re.fullmatch(r"[A-Z]{3}", unit):
        return unit
    low = text.lower()
    for key, code in CURRENCY_WORDS.items():
        if key in ("$", "€", "£"):
            if key in low:
                return code
        elif re.search(rf"\b{re.escape(key)}\b", low):
            return code
    return None


def non_claim_context(before: str, after: str) -> bool:
    """True when the words around a number show it is not a count (an age, a range, a
    model number, a share, a duration, a count of places or attacks)."""
    if re.search(lexicon()["non_claim_after"], after, re.IGNORECASE):
        return True
    if UNIT_NAME.match(after):
        return True  # "Troops of 7 Division", "the 58 Army": a formation's number
    if re.search(lexicon()["non_claim_before"], before, re.IGNORECASE):
        return True
    return bool(re.search(r"[A-Za-z]-?$", before)) and not re.search(r"\s$", before)


def money_excluded(context: str) -> bool:
    """True when a money figure is a budget, a price, frozen assets and not aid."""
    return bool(rx("money_exclusions").search(context))
