"""Attribution: who says a sentence's content, and through whom (rule-based).

`find_attributions(sentence)` returns the attribution frames of one sentence: the phrase
naming the speaker, the reporting verb, the part of the sentence it covers, and any cited
party ("X, citing Y, said", "according to Y", "X, who was briefed by Y, said"). Resolving a
phrase to a catalogue entity, pronouns to the previous source and choosing source vs `via`
happens in `sitrep.claims`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import lexicon, words

_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|this|that|these|those|its|their|his|her|our|such|any|no|first|latest|"
    r"new|earlier|previous|unconfirmed|initial|similar|same|other)\s+$|\w(?:'s|’s)\s+$",
    re.IGNORECASE,
)
_SKIP_LEFT = re.compile(
    r"(?:\s+(?:has|have|had|also|repeatedly|previously|earlier|later|then|further|separately|"
    r"again|already|recently|publicly|officially|initially|first|now|would|will|did|does|do|"
    r"had\s+repeatedly|has\s+since|on\s+\w+|in\s+a\s+statement))+\s*$",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(
    r"^.*?\b(?:after|when|as|while|because|since|before|where|but|whereas|though|although|"
    r"which|who|that|if|until|then|once)\s+",
    re.IGNORECASE,
)
_STOP_PHRASE = re.compile(r"[\"“”]|(?<=\w)[.;:](?=\s)")


@dataclass(slots=True)
class Frame:
    """One attribution in a sentence (offsets relative to the sentence).

    `kind` is the verb's modality class ('asserted', 'estimated', 'denied'); `style` is
    'pre' ("X said ..."), 'post' ("..., X said"), 'according' or 'count' ("by X's count");
    `content` is the [start, end) region the frame covers; `cited` are phrases the speaker
    relays ("citing Y"), innermost last.
    """

    phrase: str
    start: int
    end: int
    verb: str
    verb_start: int
    kind: str
    style: str
    content: tuple[int, int] = (0, 0)
    cited: list[tuple[str, int, int]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _speech() -> list[tuple[re.Pattern[str], str]]:
    return [(words(p), kind) for p, kind in lexicon()["speech_verbs"].items()]


def find_attributions(sent: str) -> list[Frame]:
    """The attribution frames of one sentence, in order of position."""
    frames: list[Frame] = []
    taken: list[tuple[int, int]] = []
    for m in re.finditer(lexicon()["by_count"], sent, re.IGNORECASE):
        who = m.group("who") or m.group("our")
        s = m.start("who") if m.group("who") else m.start("our")
        kind = "estimated" if re.search(r"estimat|calculat", m.group(), re.I) else "asserted"
        frames.append(Frame(who, s, s + len(who), m.group(), m.start(), kind, "count"))
        taken.append((m.start(), m.end()))
    for m in re.finditer(r"\baccording to\s+", sent, re.IGNORECASE):
        ph = _phrase_after(sent, m.end())
        if ph:
            frames.append(
                Frame(ph[0], ph[1], ph[2], "according to", m.start(), "asserted", "according")
            )
            taken.append((m.start(), ph[2]))
    for verb in _verbs(sent):
        vs, ve, vtext, kind = verb
        if any(a <= vs < b for a, b in taken):
            continue
        frame = _frame_for_verb(sent, vs, ve, vtext, kind)
        if frame:
            frames.append(frame)
            taken.append((min(frame.start, vs), max(frame.end, ve)))
    for m in re.finditer(POSSESSIVE_INFO, sent):
        if any(a <= m.start() < b for a, b in taken):
            continue
        who = m.group("who")
        frames.append(
            Frame(
                who,
                m.start("who"),
                m.end("who"),
                m.group("what"),
                m.start("what"),
                "asserted",
                "count",
            )
        )
    quotes = _quoted(sent)
    if quotes:
        outside = [f for f in frames if not any(a <= f.verb_start < b for a, b in quotes)]
        if outside:
            frames = outside  # '"... shows that ...," said X': the quote is X's
    frames.sort(key=lambda f: min(f.start, f.verb_start))
    _attach_citations(sent, frames)
    _assign_content(sent, frames)
    return frames


POSSESSIVE_INFO = re.compile(
    r"(?P<who>\b[A-Z][\w.-]*(?: [A-Z][\w.-]*){0,4})(?:'s|’s) (?P<what>information|estimates?|"
    r"assessment|data|figures|tally|count|intelligence|findings|records)\b"
)


def _quoted(sent: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in re.finditer(r"“[^”]*”", sent)]
    spans += [(m.start(), m.end()) for m in re.finditer(r'"[^"]{12,}"', sent)]
    return spans


def _verbs(sent: str) -> list[tuple[int, int, str, str]]:
    out: list[tuple[int, int, str, str]] = []
    for pat, kind in _speech():
        for m in pat.finditer(sent):
            if m.group()[0].isupper() and m.start() > 0 and not TITLE_VERBS.fullmatch(m.group()):
                continue  # "the Sahel & Horn Report": a name, not a verb
            if _DETERMINER_BEFORE.search(sent[: m.start()]) and not m.group().lower().startswith(
                ("said", "says", "told")
            ):
                continue
            if re.match(r"\s+(?:by|to be|as)\b", sent[m.end() :]) and kind != "denied":
                continue  # "reported by", "claimed by": passive or noun use
            if m.group().lower().startswith("claim") and re.match(
                r"\s+(?:the\s+)?(?:lives|life|responsibility|victory|credit|control)\b",
                sent[m.end() :],
            ):
                continue  # "claimed the lives of 30 people"
            out.append((m.start(), m.end(), m.group(), kind))
    out.sort()
    dedup: list[tuple[int, int, str, str]] = []
    for v in out:
        if dedup and v[0] < dedup[-1][1]:
            continue
        dedup.append(v)
    return dedup


TITLE_VERBS = re.compile(
    r"Says|Said|Tells|Told|Warns|Warned|Admits|Admitted|Denies|Denied|Confirms|Confirmed|"
    r"Estimates|Claims|Reports"
)
AMBIGUOUS = re.compile(
    r"states|show|shows|report|reports|records|claims|claim|estimates|estimate|notes|counts|"
    r"lists|tallies|projects|figures|updates|posts|alleges|think|thinks|believe|believes",
    re.IGNORECASE,
)
SPEAKER_END = re.compile(
    r"(?:\b[A-Z][\w.'’-]*|\b(?:he|she|it|they|we|officials?|ministry|agency|police|army|"
    r"military|spokes(?:man|woman|person)|group|government|researchers|data|figures|study|"
    r"survey|report|analysis|polls?|statistics|records|authorities|observers|monitors|"
    r"analysts|experts|intelligence|office|service|command|commission|committee|council|"
    r"institute|tracker|count|tally))\s*$"
)
_TRAILER = re.compile(
    r"^\s*(?:(?:on|in|at|last|earlier|this|late|to|via|during|after|from|before|through|"
    r"over|with|by|afterward|afterwards|later|yesterday|today|tonight|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|reporters|journalists|lawmakers|"
    r"parliament|a|an|the|his|her|their|its|state|local)\b(?:\s+[^\s,;]+(?:,\d+)*){0,7})?"
    r"\s*(?:[.!?\"”)]*\s*$|,(?=\s|$))",
    re.IGNORECASE,
)
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|be|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def _frame_for_verb(sent: str, vs: int, ve: int, verb: str, kind: str) -> Frame | None:
    left = sent[:vs]
    after = sent[ve:]
    if _PASSIVE.search(left) and kind != "denied":
        return None
    if kind == "estimated" and re.match(r"\s+at\b", after):
        return None  # "casualties estimated at 1,100": a passive figure, not a speaker
    # inverted: '..., said the agency.' / '..., says Seoul' / '"...," writes Zelenskiy'
    if re.search(r"(?:,|[\"”']|'')\s*$", left) and not re.match(
        r"(?:told|tells|informed|briefed)", verb
    ):
        ph = _phrase_after(sent, ve + len(after) - len(after.lstrip()))
        if (
            ph
            and (
                re.match(r"(?:the\s+|a\s+|an\s+)?[A-Z]", ph[0])
                or (
                    re.match(r"(?:the|a|an)\s+\w", ph[0])
                    and len(ph[0].split()) <= 6
                    and sent[ph[2] :].strip() in ("", ".", "!", '"', "”")
                )
            )
            and not re.match(r"(?:in|on|at|last|that|earlier|this|late)\b", ph[0], re.IGNORECASE)
        ):
            return Frame(ph[0], ph[1], ph[2], verb, vs, kind, "post")
    ph = _phrase_before(sent, vs)
    if not ph:
        return None
    if AMBIGUOUS.fullmatch(verb) and not SPEAKER_END.search(ph[0]):
        return None  # "the swing states", "an Apple Music show": nouns, not reporting verbs
    trailing = bool(_TRAILER.match(after)) and not re.match(r"\s*,\s*citing", after)
    if trailing and not re.match(r"(?:told|tells|informed|briefed|wrote|writes|posted)", verb):
        trailing = not re.match(
            r"\s*(?:a|an|the|his|her|their|its|state|local)\b", after, re.IGNORECASE
        )
    style = "post" if trailing and (ph[1] > 0 or len(sent) - ve < 40) else "pre"
    if ph[1] == 0 and not trailing:
        style = "pre"
    return Frame(ph[0], ph[1], ph[2], verb, vs, kind, style)


def _phrase_before(sent: str, vs: int) -> tuple[str, int, int] | None:
    left = sent[:vs]
    m = _SKIP_LEFT.search(left)
    end = m.start() if m else len(left.rstrip())
    end = len(left[:end].rstrip())
    if end == 0:
        return None
    if left[end - 1] == ",":  # "X, the head of Y, said" / "Lee, who was briefed by Z, said"
        segs = [(mm.start(), mm.end()) for mm in re.finditer(r"[^,]+", left[: end - 1])]
        if not segs:
            return None
        s0, e0 = segs[-1]
        seg = left[s0:e0].strip()
        if re.match(r"(?:who|which|whose)\b", seg) and len(segs) >= 2:
            s0, e0 = segs[-2]
        elif re.match(r"(?:(?:a|an|the)\s+[a-z]|[a-z])", seg) and len(segs) >= 2:
            p0, _ = segs[-2]
            first = left[p0 : segs[-2][1]].strip()
            if re.match(r"(?:the\s+)?[A-Z]", first) and not re.match(
                r"(?:On|In|At|Last|Earlier|This)\b", first
            ):
                s0 = p0  # "Oryx, an open-source project, has confirmed": both, named first
        s0 += len(left[s0:e0]) - len(left[s0:e0].lstrip())
        text = left[s0:e0].strip()
        if not text or len(text) > 140 or re.search(r"[\"“”]", text):
            return None
        return text, s0, s0 + len(text)
    if left[end - 1] in ";:-–—(":
        return None
    if re.search(r"(?:^|\s)(?:and|or|but)$", left[:end]):
        return None  # "X said ... and accused ...": the first frame's speaker
    cut = max(
        left.rfind(",", 0, end),
        left.rfind(";", 0, end),
        left.rfind(":", 0, end),
        left.rfind(" - ", 0, end),
        left.rfind(" -- ", 0, end),
        left.rfind("—", 0, end),
        left.rfind('"', 0, end),
        left.rfind("”", 0, end),
        left.rfind("“", 0, end),
    )
    start = cut + 1 if cut >= 0 else 0
    if left[start:end].startswith("-"):
        start += 1
    seg = left[start:end]
    cm = _CLAUSE_START.match(seg)
    if cm and cm.end() < len(seg):
        start += cm.end()
    # a previous speech verb ends the phrase: "Park said the NIS estimated"
    for pat, _ in _speech():
        for vm in pat.finditer(left, start, end):
            if vm.group()[:1].isupper() and re.search(r"\b[A-Z][a-z]+\s+$", left[: vm.start()]):
                continue  # "The United States said": part of a name
            start = max(start, vm.end())
    seg = left[start:end]
    lead = len(seg) - len(seg.lstrip())
    start += lead
    text = left[start:end].strip()
    if not text or len(text) > 140 or not re.search(r"[A-Za-z]", text):
        return None
    if _RELATIVE.fullmatch(text):  # "according to Western officials, who say ...": the antecedent
        return _antecedent(left, cut) if cut >= 0 and left[cut] == "," else None
    if re.search(r"\b(?:had|has|have|was|were|is|are|will|would|can|could)\b|\d|%", text) and not (
        re.search(r"\b(?:who|which|that)\b", text)
    ):
        return None  # a clause, not a speaker
    return text, start, end


_RELATIVE = re.compile(r"who|which|that", re.IGNORECASE)
_LEAD_IN = re.compile(r".*\b(?:according to|relayed by|by|from|citing|quoting)\s+", re.IGNORECASE)


def _antecedent(left: str, comma: int) -> tuple[str, int, int] | None:
    """The noun phrase a relative pronoun stands for: the comma segment before it, skipping an
    appositive ("Lee Seong-gwon, a member of the committee, who said") and a lead-in such as
    "according to" or "relayed by"."""
    segs = [(m.start(), m.end()) for m in re.finditer(r"[^,]+", left[:comma])]
    while segs:
        s0, e0 = segs.pop()
        seg = left[s0:e0]
        if segs and re.match(r"\s*(?:a|an|the)\s+[a-z]", seg):
            continue  # an appositive describing the name before it
        lead = _LEAD_IN.match(seg)
        start = s0 + (lead.end() if lead else len(seg) - len(seg.lstrip()))
        text = left[start:e0].strip()
        if (
            not text
            or len(text) > 100
            or re.search(r"\b(?:had|has|have|was|were|is|are)\b|\d", text)
        ):
            return None
        return text, start, start + len(text)
    return None


PHRASE_END = re.compile(
    r"[,;:.!?\"“”(]|\s(?:that|who|which|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)|in a |on \w+day|last |earlier |late |this |told |said |says |"
    r"in (?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|early|late|mid|the spring|the summer|the fall|the autumn|the winter|\d{4})\b|"
    r"and that)\b"
)
TITLE_ABBR = re.compile(
    r"(?:^|\s)(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Rep|Sen|Gov|Adm|Prof|Rev|St|Jr|[A-Z])$"
)


def _phrase_after(sent: str, pos: int) -> tuple[str, int, int] | None:
    rest = sent[pos:]
    m = None
    for m in PHRASE_END.finditer(rest):
        if m.group() == "." and TITLE_ABBR.search(rest[: m.start()]):
            continue  # "said Mr. Burman", "told Gen. Ali"
        break
    else:
        m = None
    end = m.start() if m else len(rest)
    if m and rest[m.start()] == "(" and re.match(r"\([A-Z]{2,}\)", rest[m.start() :]):
        close = rest.find(")", m.start())
        m2 = re.search(r"[,;:.!?\"“”]|\s(?:that|said|says|told)\b", rest[close + 1 :])
        end = close + 1 + (m2.start() if m2 else len(rest) - close - 1)
    text = rest[:end].strip()
    if not text or len(text) > 120:
        return None
    return text, pos + (len(rest[:end]) - len(rest[:end].lstrip())), pos + len(rest[:end].rstrip())


def _attach_citations(sent: str, frames: list[Frame]) -> None:
    pats = [
        r",?\s*citing\s+",
        r",\s*who (?:was|were|had been|has been) briefed by\s+",
        r",\s*(?:quoting|relaying|summari[sz]ing)\s+",
    ]
    for pat in pats:
        for m in re.finditer(pat, sent, re.IGNORECASE):
            ph = _phrase_after(sent, m.end())
            if not ph:
                continue
            owner = _nearest_frame(frames, m.start())
            if owner is not None:
                owner.cited.append(ph)
    # "X said the NIS estimated ...": a nested frame inside a 'pre' frame's content
    for outer in frames:
        if outer.style != "pre":
            continue
        for inner in frames:
            if inner is outer or inner.style not in ("pre", "according"):
                continue
            gap = sent[outer.verb_start + len(outer.verb) : inner.start]
            if inner.start > outer.verb_start and re.fullmatch(
                r"(?:\s*,?\s*(?:on \w+|in \w+|that|,))*\s*", gap
            ):
                outer.cited.append((inner.phrase, inner.start, inner.end))
                inner.style = "nested"


def _nearest_frame(frames: list[Frame], pos: int) -> Frame | None:
    before = [f for f in frames if f.verb_start <= pos]
    if before:
        return max(before, key=lambda f: f.verb_start)
    return frames[0] if frames else None


def _assign_content(sent: str, frames: list[Frame]) -> None:
    n = len(sent)
    for i, f in enumerate(frames):
        prev_end = 0
        for g in frames[:i]:
            if g.style == "post" or (g.style in ("according", "count") and g.verb_start > 2):
                prev_end = max(prev_end, g.end, g.verb_start + len(g.verb))
        nxt = n
        for g in frames[i + 1 :]:
            if g.style != "nested":
                nxt = min(nxt, g.start, g.verb_start)
                break
        if f.style in ("pre", "nested"):
            f.content = (f.verb_start, nxt)
        elif f.style in ("according", "count") and f.verb_start <= 2:
            f.content = (f.end, nxt)
        elif f.style in ("according", "count"):
            f.content = (prev_end, n) if f.end >= n - 2 else (prev_end, nxt)
        else:  # post
            f.content = (prev_end, f.start)


def is_anaphor(phrase: str) -> bool:
    """A pronoun or a definite description pointing back ("he", "the agency")."""
    p = phrase.strip().lower()
    if p in lexicon()["anaphors"]["pronouns"]:
        return True
    return bool(re.fullmatch(lexicon()["anaphors"]["definite"], p))


def is_generic(phrase: str) -> bool:
    """An unnamed source ("a government source", "unnamed officials")."""
    return bool(re.fullmatch(lexicon()["generic_sources"], phrase.strip(), re.IGNORECASE))
