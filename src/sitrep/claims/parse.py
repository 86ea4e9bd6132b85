"""Dependency parses of the sentences that need one, reduced to plain token tuples.

spaCy `Doc` objects are converted to `Tok` tuples right after parsing and dropped, so an
extraction run holds no parse trees beyond the sentence being assembled.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple, TypeVar

from ..nlp.pipeline import load_model

T = TypeVar("T")
DISABLED = ("ner", "lemmatizer", "attribute_ruler")
# Penn Treebank tag -> universal POS, standing in for the (slow) attribute ruler.
UPOS = {
    "NN": "NOUN",
    "NNS": "NOUN",
    "NNP": "PROPN",
    "NNPS": "PROPN",
    "JJ": "ADJ",
    "JJR": "ADJ",
    "JJS": "ADJ",
    "AFX": "ADJ",
    "CD": "NUM",
    "MD": "AUX",
    "RB": "ADV",
    "RBR": "ADV",
    "RBS": "ADV",
    "WRB": "ADV",
    "IN": "ADP",
    "RP": "ADP",
    "DT": "DET",
    "PDT": "DET",
    "WDT": "DET",
    "PRP": "PRON",
    "PRP$": "PRON",
    "WP": "PRON",
    "WP$": "PRON",
    "EX": "PRON",
    "CC": "CCONJ",
    "TO": "PART",
    "POS": "PART",
    "SYM": "SYM",
    "FW": "X",
    "LS": "X",
    "ADD": "X",
    "XX": "X",
    "UH": "INTJ",
    "HYPH": "PUNCT",
    "NFP": "PUNCT",
    ",": "PUNCT",
    ".": "PUNCT",
    ":": "PUNCT",
    "``": "PUNCT",
    "''": "PUNCT",
    "-LRB-": "PUNCT",
    "-RRB-": "PUNCT",
    "$": "SYM",
    "_SP": "SPACE",
}


class Tok(NamedTuple):
    """One token: offsets relative to its sentence, coarse POS, dependency label, head index."""

    i: int
    start: int
    end: int
    text: str
    pos: str
    dep: str
    head: int


def parse(items: Iterable[tuple[str, T]], batch_size: int = 256) -> Iterator[tuple[list[Tok], T]]:
    """Parse (sentence, context) pairs; yield (tokens, context) in the same order."""
    nlp = load_model(DISABLED)
    for doc, ctx in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
        yield _tokens(doc), ctx


def _tokens(doc: Any) -> list[Tok]:
    return [
        Tok(t.i, t.idx, t.idx + len(t.text), t.text, _pos(t.tag_, t.dep_), t.dep_, t.head.i)
        for t in doc
    ]


def _pos(tag: str, dep: str) -> str:
    if tag.startswith("VB"):
        return "AUX" if dep in ("aux", "auxpass") else "VERB"
    if tag == "IN" and dep == "mark":
        return "SCONJ"
    return UPOS.get(tag, "X")


def token_at(toks: list[Tok], pos: int) -> Tok | None:
    """The token covering character `pos` (or the first one after it)."""
    for t in toks:
        if t.end > pos:
            return t
    return None


def subtree(toks: list[Tok], i: int) -> tuple[int, int]:
    """[start, end) character span of token i's subtree."""
    lo, hi = toks[i].start, toks[i].end
    changed = True
    members = {i}
    while changed:
        changed = False
        for t in toks:
            if t.i not in members and t.head in members and t.i != t.head:
                members.add(t.i)
                lo, hi = min(lo, t.start), max(hi, t.end)
                changed = True
    return lo, hi


def subject_of(toks: list[Tok], i: int) -> tuple[int, int] | None:
    """The span of the grammatical subject (or passive agent) of the verb at token i,
    climbing through xcomp/conj/aux chains ("began supplying", "is preparing to send")."""
    seen: set[int] = set()
    j = i
    while j not in seen:
        seen.add(j)
        for t in toks:
            if t.head == j and t.i != j and t.dep in ("nsubj", "nsubjpass", "csubj"):
                return subtree(toks, t.i)
        for t in toks:
            if t.head == j and t.dep == "agent":
                for c in toks:
                    if c.head == t.i and c.dep == "pobj":
                        return subtree(toks, c.i)
        tok = toks[j]
        if (
            tok.dep
            in (
                "xcomp",
                "conj",
                "acl",
                "advcl",
                "pcomp",
                "relcl",
                "prep",
                "pobj",
                "dobj",
                "amod",
                "compound",
            )
            and tok.head != j
        ):
            if tok.dep == "relcl":
                return subtree(toks, tok.head) if toks[tok.head].pos in ("NOUN", "PROPN") else None
            if tok.dep == "acl":
                # "drones launched by X": the agent is handled above; the noun is the object
                return None
            j = tok.head
            continue
        break
    return None
