"""Roles of a claim inside its sentence: the counted noun, the metric cue, the subject,
recipient, item, location and event time (`when`)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..nlp.dates import resolve_interval
from ..nlp.lexicon import lexicon
from ..nlp.metrics import Cue, is_weapon_word, noun_class
from ..records import TimeExpr
from .context import Ment, calendar_value, dateline_end
from .parse import Tok, subject_of

FILLER = re.compile(
    r"^(?:\s*(?:of|the|a|an|at|least|to|some|about|more|than|over|nearly|almost|around|"
    r"approximately|roughly|estimated|another|additional|further|reached|exceeded|rose|risen|"
    r"climbed|stood|stands|is|was|were|had|has|have|been|now|already|currently|up|down|all|"
    r"total|totall?ing|its|their|his|her|our|also|only|just|least|most|as|many|much|much as|"
    r"or|other|others|with|by|in))*\s*$",
    re.IGNORECASE,
)
NP_POS = {"NOUN", "PROPN", "ADJ", "NUM", "X", "ADV"}
PREP_BEFORE = re.compile(
    r"\b(?:to|in|into|inside|at|on|from|of|against|over|near|with|for|by|"
    r"across|toward|towards|around|outside|within|onto)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
RECEIVE = re.compile(r"^(?:receiv|acquir|obtain|got|import|bought|purchas|buy)", re.IGNORECASE)
POSSESSIVE = re.compile(r"\b(?:its|their|our|his|her|my)\b", re.IGNORECASE)
MODIFIER_NOUNS = re.compile(
    r"^(?:strikes?|attacks?|debris|programmes?|programs?|production|"
    r"industry|factor(?:y|ies)|plants?|makers?|warfare|units?|"
    r"operators?|crews?|fragments?|threats?|alerts?|sirens?|defen[cs]es?|"
    r"technology|components?|parts|version)$",
    re.IGNORECASE,
)


TIME_WORDS = re.compile(
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
    r"overnight|morning|night|evening|afternoon|weekend|january|february|march|april|may|june|"
    r"july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|"
    r"nov|dec)\.?$"
)


def np_after(toks: list[Tok] | None, text: str, pos: int) -> tuple[int, int] | None:
    """Span of the head noun of the phrase a number at `pos` counts ("300 [soldiers]")."""
    if toks:
        last: Tok | None = None
        seen_of = False
        n = 0
        for t in toks:
            if t.start < pos:
                continue
            n += 1
            if n > 9:
                break
            low = t.text.lower()
            if TIME_WORDS.match(low) and (last is not None or t.pos == "PROPN"):
                break  # "detained three insurgents Saturday", "detained one Monday morning"
            if last is not None and low in ("prisoner", "prisoners", "captive", "hostage"):
                break  # "taken 200 soldiers prisoner"
            if t.pos in ("NOUN", "PROPN") or (t.pos == "PRON" and low in ("others", "them")):
                last = t
                if low == "them":
                    break
                continue
            if t.text in ("-", "‑", "–", "—") and text[t.start - 1 : t.start] == " ":
                break  # "around 1,100 - South Korean military": a dash, not a hyphen
            if t.pos in NP_POS or t.text in ("-", "‑", "'s", "’s") or t.dep in ("compound", "amod"):
                if t.pos == "ADV" and last is not None:
                    break
                continue
            if low == "to" and t.i > 0 and toks[t.i - 1].text in ("-", "‑"):
                continue  # "air-to-ground rockets"
            if low in ("and", "or") and last is not None and noun_class(last.text) is None:
                nxt = toks[t.i + 1 : t.i + 4]
                if any(u.pos in ("NOUN", "PROPN") for u in nxt):
                    continue  # "64 Shahed-type and decoy drones"
            if t.pos == "VERB" and t.dep == "amod":
                continue  # "self-propelled guns"
            if low == "of" and last is None and not seen_of:
                seen_of = True
                continue
            if t.pos == "DET" or low in ("its", "their", "his", "her", "our", "those", "these"):
                continue
            break
        return (last.start, last.end) if last else None
    m = re.match(r"(?:\s*(?:of\s+)?(?:the\s+|its\s+|their\s+)?[\w'’-]+){1,6}", text[pos:])
    if not m:
        return None
    best = None
    for w in re.finditer(r"[\w'’-]+", text[pos : pos + m.end()]):
        if noun_class(w.group()) or is_weapon_word(w.group()):
            best = (pos + w.start(), pos + w.end())
    return best


AFTER_GAP = re.compile(
    r"^(?:\s*(?:have|has|had|were|was|are|is|been|being|be|already|now|reportedly|also|all|"
    r"both|each|so far|in total|allegedly|who|that|which|may|might|could|would|will|since|"
    r"then|later|subsequently|believed to have|thought to have|said to have|of them|of those|"
    r"not yet|yet|more|in the|in|others?|among|among the|those|remain|remained|remains|still|"
    r"reportedly|lightly|seriously|critically|badly|fatally|severely|later|listed as|counted as|"
    r"registered as|reported|declared|confirmed|considered|presumed|feared|believed|thought|"
    r"now|so far|to date|forced to|made to|had to|obliged to|compelled to|to)\b|\s*[\"“”])*\s*$",
    re.IGNORECASE,
)
PRESENCE = re.compile(
    r"^\s*(?:(?:were|are|is|was|have been|had been|now|already|still)\s+)*"
    r"(?:in|inside|into|stationed in|deployed in|based in)\s+",
    re.IGNORECASE,
)
MILITARY_HEAD = re.compile(
    r"^(?:soldiers?|troops?|personnel|forces|servicem[ae]n|officers?|engineers?|units?|"
    r"marines?|commandos?|special forces|paratroopers?|mercenaries|instructors?|advisers?)$",
    re.IGNORECASE,
)


def choose_cue(
    cues: list[Cue],
    text: str,
    q: tuple[int, int],
    head: tuple[int, int] | None,
    cls: str | None,
    prev_end: int,
    next_start: int,
) -> Cue | None:
    """The metric cue for a number at q counting `cls` things: the counted noun itself
    ("300 deaths"), a verb right before ("killed 300"), a verb right after the noun
    ("300 soldiers were killed"), presence ("10,000 troops in Russia"), else the nearest
    cue before it in the clause."""
    if cls is None:
        person = choose_cue(cues, text, q, head, "person", prev_end, next_start)
        item = choose_cue(cues, text, q, head, "item", prev_end, next_start)
        if person is None or item is None:
            return person or item

        def close(c: Cue) -> bool:
            if c.end <= q[0]:
                return bool(FILLER.match(text[c.end : q[0]]))
            return bool(AFTER_GAP.match(text[(head or q)[1] : c.start]))

        return item if close(item) and not close(person) else person
    ok = [c for c in cues if c.metric(cls)]
    if head:
        for c in ok:
            if head[0] <= c.start and c.end <= head[1]:
                return c
    before = [c for c in ok if prev_end <= c.start and c.end <= q[0]]
    for c in reversed(before):
        if FILLER.match(text[c.end : q[0]]) and not re.search(r"\band\b|,", text[c.end : q[0]]):
            return c
    anchor_end = head[1] if head else q[1]
    for c in ok:
        if anchor_end <= c.start < next_start and AFTER_GAP.match(text[anchor_end : c.start]):
            return c
    if head and cls == "person" and MILITARY_HEAD.match(text[head[0] : head[1]]):
        m = PRESENCE.match(text[anchor_end:])
        if m:
            return Cue(anchor_end, anchor_end + m.end(), m.group().strip(), ("deployed",))
    for k in range(len(before) - 1, -1, -1):
        c = before[k]
        if re.search(r"[;:]|\s[-–—]\s", text[c.end : q[0]]):
            continue
        if k > 0 and re.fullmatch(
            r"\s+(?:of|among)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}", text[before[k - 1].end : c.start]
        ):
            return before[k - 1]  # "the losses of the North Korean contingent ... reached"
        return c
    return None


def _clause_end(text: str, pos: int) -> int:
    m = re.search(r",(?=\s)|;|\s[-–—]\s|\bwhile\b|\bwhich\b|\bbut\b|\bafter\b", text[pos:])
    return pos + m.start() if m else len(text)


def parties_in(ments: list[Ment], a: int, b: int, places: bool = False) -> list[Ment]:
    return [
        m
        for m in ments
        if a <= m.start and m.end <= b and m.party and (places or m.type not in ("place", "weapon"))
    ]


def demonym_party(text: str) -> str | None:
    table: dict[str, str] = lexicon()["demonyms_plural"]
    for word, party in table.items():
        if re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE):
            return party
    return None


def agent(
    toks: list[Tok] | None,
    text: str,
    ments: list[Ment],
    cue: Cue,
    clause_start: int,
    source_party: str | None,
) -> str | None:
    """The party doing the cue's action (its grammatical subject, or "by X")."""
    span = None
    if toks:
        t = next((t for t in toks if t.start >= cue.start), None)
        if t is not None and t.pos in ("VERB", "AUX", "NOUN"):
            span = subject_of(toks, t.i)
    if span:
        ps = parties_in(ments, span[0], span[1], places=True)
        non_places = [m for m in ps if m.type != "place"]
        if non_places or ps:
            return (non_places or ps)[0].party  # "North Korean troops fighting in Russia"
        if POSSESSIVE.search(text[span[0] : span[1]]) or re.fullmatch(
            r"(?:it|they|we|he|she)", text[span[0] : span[1]].strip(), re.IGNORECASE
        ):
            return source_party
    by = re.match(r"\s+by\s+(?:the\s+)?", text[cue.end :])
    if by:
        ps = [
            m
            for m in ments
            if cue.end < m.start < cue.end + by.end() + 40 and m.party and m.type != "place"
        ]
        if ps:
            return ps[0].party
    cands = [
        m
        for m in ments
        if clause_start <= m.start
        and m.end <= cue.start
        and m.party
        and m.type != "weapon"
        and not PREP_BEFORE.search(text[: m.start])
    ]
    if cands:
        return cands[-1].party
    if re.search(r"\b(?:it|they|we)\s+(?:\w+\s+){0,3}$", text[clause_start : cue.start]):
        return source_party
    return None


def party_after(
    ments: list[Ment], text: str, pos: int, limit: int, preps: str, places: bool = True
) -> str | None:
    """The party named by a prepositional phrase ("to Russia") after `pos`."""
    for m in ments:
        if (
            pos <= m.start < pos + limit
            and m.party
            and (places or m.type != "place")
            and m.type != "weapon"
        ):
            if re.search(
                rf"\b(?:{preps})\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){{0,2}}$",
                text[max(pos, m.start - 40) : m.start],
                re.IGNORECASE,
            ):
                return m.party
    return None


def item_phrase(
    toks: list[Tok] | None, text: str, head: tuple[int, int], start_floor: int
) -> tuple[int, str]:
    """(start, normalised text) of the weapon phrase ending at `head`."""
    start = head[0]
    if toks:
        idx = next((t.i for t in toks if t.start == head[0]), None)
        if idx is not None:
            j = idx - 1
            while j >= 0 and toks[j].start >= start_floor:
                t = toks[j]
                low = t.text.lower()
                glued = j + 1 < len(toks) and toks[j + 1].start == t.end
                if (
                    t.pos in ("NOUN", "PROPN", "ADJ", "NUM", "X")
                    or t.text in ("-", "‑")
                    or low in ("mm", "millimeter", "millimetre")
                    or (t.pos == "VERB" and low.endswith("ed") and (t.dep == "amod" or glued))
                    or (low == "to" and glued)
                    or (t.pos == "SYM" and re.search(r"[A-Za-z]", t.text))
                ):
                    if (
                        t.pos == "NUM"
                        and re.fullmatch(r"[\d,.]+", t.text)
                        and j > 0
                        and not re.match(r"\s*[-‑]?\s*(?:mm|millimet)", text[t.end : t.end + 12])
                        and text[t.start - 1 : t.start] not in ("-", "‑")
                    ):
                        break
                    if low in (
                        "more",
                        "additional",
                        "other",
                        "further",
                        "new",
                        "several",
                        "many",
                        "some",
                        "any",
                        "such",
                        "own",
                        "same",
                        "first",
                    ):
                        break
                    start = t.start
                    j -= 1
                    continue
                break
    else:
        m = re.search(r"((?:[\w-]+\s+){0,3})$", text[start_floor : head[0]])
        if m:
            start = start_floor + m.start(1)
    raw = text[start : head[1]]
    return start, normalise_item(raw)


def normalise_item(raw: str) -> str:
    s = re.sub(r"(\d+)\s*[-‑]?\s*(?:millimet(?:er|re)s?|mm)\b", r"\1 mm", raw)
    s = re.sub(r"\s+", " ", s).strip(" ,.")
    words = s.split(" ")
    if words:
        last = words[-1]
        words[-1] = _singular(last)
    return " ".join(words)


def _singular(w: str) -> str:
    low = w.lower()
    if low in (
        "arms",
        "ammunition",
        "munitions",
        "aircraft",
        "equipment",
        "himars",
        "atacms",
        "abrams",
        "news",
        "series",
        "mlrs",
        "personnel",
    ):
        return w
    if low.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if re.search(r"(?:ch|sh|ss|x)es$", low):
        return w[:-2]
    if low.endswith("s") and not low.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


SINCE_BEFORE = re.compile(r"\bsince\b[^,;]{0,60}$", re.IGNORECASE)
MODEL_YEAR = re.compile(
    r"(?:[A-Za-z]-|\b(?!(?:Since|In|By|From|Until|Before|After|During|Of|And|To|On|At|Between|"
    r"Through|Early|Late|Mid|Summer|Spring|Fall|Autumn|Winter|January|February|March|April|May|"
    r"June|July|August|September|October|November|December|Christmas|Easter|Year)\s)"
    r"[A-Z][a-z]+\s)$"
)
# "RAWALPINDI, Aug 25:", "ABUJA –", "TAMPA, Fla. –": a release's dateline without brackets.
BARE_DATELINE = re.compile(r"^[A-Z]{3,}[A-Z .'-]*(?:,[^:–—()\n]{0,30})?\s*(?::|–|—|\s-)\s")
# a weekday or a day word: in a release, the day of the operation even after a relative clause
EVENT_DAY = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+(?:night|morning|evening|afternoon))?|"
    r"yesterday|last night|overnight|(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
    r"\s+\d{1,2}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*)",
    re.IGNORECASE,
)
INCLUDING = re.compile(r",\s*including\b[^,;]{0,60},")  # "31 civilians, including nine children,"
# the end of the sentence, or only its attribution: "... on Sunday, the Interior Ministry said."
END_OR_SAID = re.compile(
    r"\s*(?:,\s*(?:[\w.'’-]+\s+){0,8}(?:said|says|reported|announced|added)\b[^,;]{0,30})?"
    r"\s*[.!]?[\"”]?\s*"
)
NOUN_AFTER_DURATION = re.compile(
    r"\s+(?:raid|operation|patrol|assault|attack|offensive|battle|mission|search|sweep)s?\b"
)
# "... insurgents in Marjah, Helmand province, Sunday": a place apposition before the day
PLACE_GAP = re.compile(
    r"\s*(?:in|near|at|outside)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?,\s*[A-Z][\w'’-]*"
    r"(?:\s+(?:province|district|region|state|governorate))?,\s*"
)
CLAUSE_END = re.compile(
    r"\s*,?\s+and\s+(?:\w+\s+)?\w+ed\b"
)  # "... on Wednesday night and arrested"
PARTICIPLE_GAP = re.compile(
    r"(?:\s+(?:near|in|at|outside)\s+[A-Z][\w-]*(?:,\s*[A-Z][\w-]*)?)?,\s*(?:\w+ing\b[^,;]*)?"
)  # "on Feb. 16 near Idlib, Syria, killing ..."
RELATIVE_DAY = {
    "overnight": 0,
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "earlier today": 0,
    "yesterday": -1,
    "last night": -1,
}


def when_for(
    text: str,
    times: list[TimeExpr],
    anchor: tuple[int, int],
    skip: set[int],
    stated: str | None,
    published: str | None,
) -> str | None:
    """The event time of a claim anchored at `anchor` (a span in the sentence): the nearest
    time expression that governs the event rather than the reporting verb."""
    best: tuple[int, TimeExpr] | None = None
    bare = BARE_DATELINE.match(text)
    dl = max(dateline_end(text), bare.end() if bare else 0)
    for t in times:
        if id(t) in skip or _model_number(text, t) or t.end <= dl:
            continue  # a time in the dateline is the release's date
        if re.match(r"\s+of\s+\S", text[t.end :]) and any(
            re.fullmatch(r"\s+of\s+", text[t.end : u.start]) for u in times
        ):
            continue  # "the evening of Oct. 5": the date that follows
        if t.type == "DURATION" and NOUN_AFTER_DURATION.match(text[t.end :]):
            continue  # "a night raid", "a two-day operation": a kind of raid, not its time
        since = SINCE_BEFORE.search(text[max(0, t.start - 70) : t.start]) is not None
        if t.end <= anchor[0]:
            gap = text[t.end : anchor[0]]
            dist = len(gap)
            intro = re.match(
                r"(?:On|In|Last|Since|Over|During|Earlier|Late|Early|This|Between|From)\b",
                text[dl:],
            )
            if re.search(r"[;]|,\s*(?:the|a|an)?\s*[A-Z]\w+[^,]*\s(?:said|says)\b", gap):
                continue
            if PARTICIPLE_GAP.fullmatch(gap) and t.start >= dl:
                dist = min(dist, 30)  # "... on June 16, killing a senior official"
            elif "," in gap and not (intro and t.start - dl < 70):
                continue  # "Tigray, which ended last November, killed ...": another clause
            if dist > 70 and not intro:
                continue
        elif t.start >= anchor[1]:
            gap = INCLUDING.sub(" ", text[anchor[1] : t.start])
            dist = len(gap)
            at_end = END_OR_SAID.fullmatch(text[t.end :]) is not None or any(
                0 < u.start - t.end < 12
                and re.fullmatch(
                    r",?\s*(?:and|to|through|until|-|–)\s*(?:in\s+)?", text[t.end : u.start]
                )
                and re.fullmatch(r"\s*[.!]?[\"”]?\s*", text[u.end :])
                for u in times
            )
            blockers = {
                b.lower()
                for b in re.findall(
                    r"\b(?:said|says|told|reported|according|after|before|which|who|than|"
                    r"response|retaliation|revenge|following)\b|;",
                    gap,
                )
            }
            if blockers and not (
                blockers <= {"which", "who", "before", "after"}
                and (at_end or CLAUSE_END.match(text[t.end :]))
                and EVENT_DAY.fullmatch(t.text)
            ):
                continue  # "killed an insurgent who fired on them in X province Thursday" is kept
            if (
                re.search(r"\d", gap)
                and not since
                and re.search(
                    r"\b(?:is|are|was|were|will|would|has|have|had|expected|raise|increase|reach|rise)\b",
                    gap,
                )
            ):
                continue  # "3,000 ... and is expected to reach 10,000 by December"
            if since and dist < 130:
                dist = min(dist, 59)  # "... 13,000 containers to Russia since August"
            elif (at_end or PLACE_GAP.fullmatch(gap)) and dist < 200:
                dist = min(dist, 59)  # "... killed two insurgents in X district yesterday."
            elif dist > 140 or (re.search(r",\s", gap) and dist > 25):
                continue
        else:
            dist = 0
        if best is None or dist < best[0]:
            best = (dist, t)
    if best is None:
        best = _day_before_clause(text, times, anchor, skip)
    if best is None:
        return None
    t = best[1]
    for u in times:
        if (
            0 < t.start - u.end < 12
            and re.fullmatch(r",?\s*(?:and|to|through|until|-|–)\s*", text[u.end : t.start])
            and re.search(r"\b(?:between|from)\s+$", text[: u.start], re.IGNORECASE)
        ):
            t = u  # "Between Feb. 17 and Feb. 19": the period from the first
    return _when_value(text, t, times, stated, published)


def _day_before_clause(
    text: str, times: list[TimeExpr], anchor: tuple[int, int], skip: set[int]
) -> tuple[int, TimeExpr] | None:
    """ "killed two terrorists ... on Sunday night, while one terrorist was apprehended":
    the day of the main clause, when the later clause has none of its own."""
    for t in reversed(times):
        if (
            id(t) not in skip
            and t.end <= anchor[0]
            and EVENT_DAY.fullmatch(t.text)
            and re.fullmatch(r",\s*(?:while|and|as)\b[^;,]*", text[t.end : anchor[0]])
        ):
            return (999, t)
    return None


def _model_number(text: str, t: TimeExpr) -> bool:
    """ "M-1978", "Panzerhaubitze 2000": a model designation, not a year."""
    return bool(re.fullmatch(r"\d{4}", t.text)) and bool(MODEL_YEAR.search(text[: t.start]))


def _when_value(
    text: str, t: TimeExpr, times: list[TimeExpr], stated: str | None, published: str | None
) -> str | None:
    ref_day = stated if stated and re.fullmatch(r"\d{4}-\d{2}-\d{2}", stated) else published
    low = t.text.lower()
    if re.search(r"(?:past|last|previous)\s+(?:24 hours|day)", low) and ref_day:
        return (date.fromisoformat(ref_day) - timedelta(days=1)).isoformat()
    if re.search(r"(?:past|last|previous)\s+week", low) and ref_day:
        y, w, _ = (date.fromisoformat(ref_day) - timedelta(days=7)).isocalendar()
        return f"{y}-W{w:02d}"
    if low in RELATIVE_DAY and ref_day:
        return (date.fromisoformat(ref_day) + timedelta(days=RELATIVE_DAY[low])).isoformat()
    if SINCE_BEFORE.search(text[max(0, t.start - 70) : t.start]) and ref_day:
        v = calendar_value(t.value)
        return f"{v}/{ref_day}" if v else None
    nxt = [u for u in times if u.start > t.end and u.start - t.end < 12]
    if nxt and re.fullmatch(
        r",?\s*(?:and|to|through|until|-|–)\s*(?:in\s+)?", text[t.end : nxt[0].start]
    ):
        v1, v2 = calendar_value(t.value), calendar_value(nxt[0].value)
        if (
            v1
            and v2
            and (
                re.search(r"\b(?:between|from)\s+$", text[: t.start], re.IGNORECASE)
                or low.startswith(("next", "this"))
            )
        ):
            return (
                f"{v1}/{v2}"  # "between Oct. 7, 2023, and June 30, 2024", "next year and in 2026"
            )
    if t.type == "DURATION":
        return resolve_interval(t, ref_day)
    return calendar_value(t.value)
