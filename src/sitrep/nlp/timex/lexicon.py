"""The date lexicon (src/sitrep/data/dates.json) and the regex fragments built from it."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The parsed lexicon, loaded once."""
    text = resources.files("sitrep.data").joinpath("dates.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def alt(words: list[str] | dict[str, Any]) -> str:
    """A regex alternation of literal words, longest first, spaces matching any whitespace."""
    items = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


SMALL = "one|two|three|four|five|six|seven|eight|nine"
TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_WORD_RE = re.compile(r"1/2|[a-z]+|\d+(?:\.\d+)?")


def number_regex() -> str:
    """A count: digits, number words (with compounds and halves) or a vague quantity word."""
    lex = lexicon()
    vague = alt([w for w in lex["vague_numbers"] if w not in ("recent", "past", "coming")])
    word = (
        rf"(?:(?:{TENS})(?:[\s-](?:{SMALL}))?|{TEENS}|{SMALL}|a\s+hundred|hundred|a\s+dozen|"
        rf"dozen)(?:\s+(?:and\s+)?a\s+half)?"
    )
    digits = r"\d{1,4}(?:\.\d+)?(?:\s+1/2|\s*½)?"
    pair = r"(?:a\s+)?(?:couple|pair)\s+of"
    return rf"(?:{digits}|{pair}|{word}|{vague}|an?)"


def parse_number(text: str) -> float | None:
    """The value of a count matched by `number_regex`; None for vague words ("several")."""
    lex = lexicon()
    low = " ".join(text.lower().replace("-", " ").split())
    if low in lex["vague_numbers"]:
        return None
    total = 0.0
    seen = False
    toks = _WORD_RE.findall(low.replace("½", " 1/2"))
    if len(toks) > 1 and toks[0] in ("a", "an"):
        toks = toks[1:]
    for tok in toks:
        if tok == "1/2" or tok == "half":
            total += 0.5
            seen = True
        elif tok[0].isdigit():
            total += float(tok)
            seen = True
        elif tok in ("and", "a", "an") and seen:
            continue
        elif tok in lex["numbers"]:
            n = lex["numbers"][tok]
            total = total * n if n == 100 and total else total + n
            seen = True
    return total if seen else None
