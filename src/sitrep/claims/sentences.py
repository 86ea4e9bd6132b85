"""Split an article into sentences with character offsets (rule-based, no model needed).

Lines are paragraphs (the headline is the first); within a line a sentence ends at `.`, `!`
or `?` (optionally followed by a closing quote) before whitespace and an upper-case letter,
digit or opening quote, unless the word before the stop is an abbreviation or an initial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    """jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    rep sen gen lt col maj capt cpt sgt adm cmdr gov pres mr mrs ms dr st jr sr prof rev no nos vs
    approx est dept univ corp inc ltd co u.s u.n u.k e.u n s w e d.c a.m p.m fig vol art para
    ft mt mount brig cdr lieut""".split()
)
_STOP = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")


@dataclass(slots=True, frozen=True)
class Sentence:
    """One sentence: [start, end) offsets into the article text, its line (paragraph) number."""

    start: int
    end: int
    text: str
    line: int
    first_in_line: bool


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text`, in order, with stripped offsets."""
    out: list[Sentence] = []
    pos = 0
    for lineno, line in enumerate(text.split("\n")):
        first = True
        for s, e in _split_line(line):
            seg = line[s:e]
            lead = len(seg) - len(seg.lstrip())
            trail = len(seg.rstrip())
            if trail <= lead:
                continue
            a, b = pos + s + lead, pos + s + trail
            out.append(Sentence(a, b, text[a:b], lineno, first))
            first = False
        pos += len(line) + 1
    return out


def _split_line(line: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _STOP.finditer(line):
        if m.group().startswith(".") and _is_abbreviation(line, m.start()):
            continue
        if _inside_parentheses(line, start, m.start()):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(line)))
    return spans


def _is_abbreviation(line: str, dot: int) -> bool:
    m = re.search(r"([\w.]+)$", line[:dot])
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    # single initials ("N. Korean", "J. Smith") and dotted acronyms ("U.S.")
    return len(word) == 1 and word.isalpha() or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def _inside_parentheses(line: str, start: int, pos: int) -> bool:
    seg = line[start:pos]
    return seg.count("(") > seg.count(")")
