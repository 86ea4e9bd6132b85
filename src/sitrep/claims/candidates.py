"""Candidate claims in a sentence: counts with a metric cue, and weapon or troop phrases
that a transfer, use or deployment cue governs (claims without a number)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..nlp.lexicon import lexicon, words
from ..nlp.metrics import (
    Cue,
    currency_of,
    is_weapon_word,
    money_excluded,
    non_claim_context,
    noun_class,
)
from ..records import Quantity
from . import roles
from .context import Ment, catalog, dateline_end
from .parse import Tok
from .roles import BARE_DATELINE

BAD_UNITS = re.compile(
    r"^(?:mm|cm|m|km|mi|kg|t|%|percent|h|min|s|day|week|month|year|"
    r"hour|minute|second|degree|ha|km2|sq)",
    re.IGNORECASE,
)
MILITARY = re.compile(
    r"^(?:soldiers?|troops?|personnel|forces?|special forces|servicem[ae]n|"
    r"officers?|engineers?|units?|contingent|fighters?|marines?|commandos?|"
    r"paratroopers?|mercenaries|instructors?|advisers?|advisors?|workers?|"
    r"crews?|specialists?|battalions?|brigades?|men|military)$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Cand:
    metric: str
    anchor: tuple[int, int]
    cue: Cue
    quantity: Quantity | None = None
    head: tuple[int, int] | None = None
    item: str | None = None
    item_start: int = 0
    unit: str | None = None
    extra: dict[str, str | None] = field(default_factory=dict)


ARREST_BEFORE = re.compile(
    r"\b(?:arrested|detained|apprehended|abducted|kidnapped)\s+(?:at least |about |some |over )?$",
    re.IGNORECASE,
)
FORCED = re.compile(r"\b(?:forc|driv|drove|chas|push|expel|uproot|displac)\w*", re.IGNORECASE)
RESCUED = re.compile(r"\b(?:rescu|liberat|freed)\w*\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
SINGULAR_BEFORE = re.compile(
    r"\b(?:killed|killing|kills|captured|capturing|detained|detaining|arrested|arresting|"
    r"wounded|wounding|injured|injuring|abducted|kidnapped|shot dead|executed|seized|"
    r"apprehended|apprehending|neutrali[sz]ed|neutrali[sz]ing|eliminated|eliminating)\s+$",
    re.IGNORECASE,
)
# "detained a Taliban facilitator and an associate": the second of a pair of singulars
SINGULAR_AND = re.compile(
    r"\b(?:killed|captured|detained|arrested|apprehended)\s+(?:a|an|one)\s+(?:[\w'’-]+\s+){1,4}"
    r"and\s+$",
    re.IGNORECASE,
)
SINGULAR_AFTER = re.compile(
    r"^\s+(?:was|has been|had been)\s+(?:among (?:those|the)\s+)?(?:\w+ly\s+)?(?:killed|wounded|injured|"
    r"captured|detained|arrested|abducted|kidnapped|found dead|shot dead|taken into custody|"
    r"apprehended|martyred)\b|^\s+(?:embraced|embraces) (?:martyrdom|shahadat)\b",
    re.IGNORECASE,
)


def singular_victims(text: str, qs: list[Quantity]) -> list[Quantity]:
    """ "killed a Taliban commander", "A 57-year-old woman was among those killed": counts of 1."""
    out = []
    for m in re.finditer(lexicon()["singular_victims"], text, re.IGNORECASE):
        if any(
            q.start < m.end()
            and m.start() < q.end
            and q.value != 1
            and not re.search(r"year", text[q.end : q.end + 8])
            for q in qs
        ):
            continue
        if (
            SINGULAR_BEFORE.search(text[: m.start()])
            or SINGULAR_AND.search(text[: m.start()])
            or (
                SINGULAR_AFTER.match(text[m.end() :])
                and (
                    re.fullmatch(r"(?:[^,;]*[,;]\s*|\s*)", text[: m.start()][-60:] or "")
                    or 0 < m.start() == dateline_end(text)
                    or bool(BARE_DATELINE.fullmatch(text[: m.start()]))
                    or re.search(r"\b(?:while|whereas|and|but)\s+$", text[: m.start()]) is not None
                )
            )
        ):
            word = re.match(r"\w+", text[m.start() :])
            assert word is not None
            out.append(
                Quantity(m.start(), m.start() + word.end(), m.group(), 1, 1, 1, "exact", "person")
            )
    return out


def needs_parse(text: str, qs: list[Quantity], cues: list[Cue]) -> bool:
    """Parse only sentences that can give a claim: a count with a cue that fits it, or a
    weapon or troop phrase with a transfer, use or deployment cue."""
    if any(countable(text, q) for q in qs):
        return True
    if not _has_thing(text):
        return False
    return any(
        {"materiel.supplied", "materiel.used", "personnel.deployed"} & c.metrics() for c in cues
    )


def _has_thing(text: str) -> bool:
    return bool(words(lexicon()["item_nouns"]).search(text)) or bool(
        re.search(
            r"\b(?:troops|soldiers|forces|personnel|units|officers|engineers|casualties|losses)\b",
            text,
            re.IGNORECASE,
        )
    )


def candidates(
    text: str,
    qs: list[Quantity],
    cues: list[Cue],
    toks: list[Tok] | None,
    ments: list[Ment],
    floor: int,
) -> list[Cand]:
    """Quantified candidates (a count with a metric cue) and weapon/troop phrases without one."""
    out: list[Cand] = []
    kept: list[Quantity] = [q for q in qs if q.start >= floor and countable(text, q)]
    prev_end = floor
    prev: Cand | None = None
    pending: list[tuple[Quantity, tuple[int, int] | None, str]] = []
    used_heads: list[tuple[int, int]] = []
    for i, q in enumerate(kept):
        nxt = kept[i + 1].start if i + 1 < len(kept) else len(text)
        head = roles.np_after(toks, text, q.end)
        if head and head[0] - q.end > 70:
            head = None
        cls = _class(text, q, head)
        pronoun_head = head is not None and text[head[0] : head[1]].lower() in (
            "them",
            "those",
            "these",
            "others",
            "ones",
        )
        if pronoun_head and cls is None and prev is not None:
            cls = prev.unit if prev.unit in ("person", "item") else None
        if cls is None and head is not None and ARREST_BEFORE.search(text[: q.start]):
            cls = "person"  # "arrested 31 suspected cattle rustlers": only people are arrested
        if (
            cls is None
            and head is not None
            and not pronoun_head
            and not _cue_noun(text, head, cues)
        ):
            prev_end = q.end
            continue
        if cls == "money" and money_excluded(text[max(0, q.start - 60) : q.end + 40]):
            prev_end = q.end
            continue
        link = text[prev.anchor[1] : q.start] if prev is not None else ""
        inherit = (
            prev is not None
            and len(link) < 80
            and bool(re.search(r"(?:^|,\s*|\s)(?:including|of which|of them|among them)\s*$", link))
        )
        if inherit and prev is not None and (head is None or cls is None):
            cls = prev.unit if prev.unit in ("person", "item") else cls
        coord = (
            prev is not None
            and prev.cue.end <= prev.anchor[0]
            and re.fullmatch(
                r"\s*(?:(?:and|or)\s+[\w-]+(?:\s+[\w-]+){0,3}\s*)?"
                r"(?:,\s*(?:and|or|as well as|plus)?|and|or|as well as|plus)\s*",
                link,
            )
            is not None
            and (cls is None or prev.cue.metric(cls) is not None)
        )
        cue: Cue | None
        if coord and prev is not None:
            cue = prev.cue  # "killed 49 civilians and 15 soldiers": one verb, two objects
        else:
            cue = roles.choose_cue(cues, text, (q.start, q.end), head, cls, prev_end, nxt)
        if inherit and prev is not None and (head is None or cue is None):
            cue = prev.cue
        metric = None
        if cue is not None:
            metric = cue.metric(cls) if cls else (cue.metric("person") or cue.metric("item"))
        if (
            metric is None
            and prev is not None
            and prev.quantity is not None
            and re.fullmatch(
                r"[^;.]*?(?:\band\b|,|\bas well as\b|\bincluding\b|\bplus\b|\bof which\b|\bwith\b)"
                r"[^;.]*",
                text[prev.anchor[1] : q.start],
            )
            and len(text[prev.anchor[1] : q.start]) < 60
        ):
            cue = prev.cue
            metric = cue.metric(cls) if cls else cue.metric("person") or cue.metric("item")
        if (metric or "").startswith("casualties.") and RESCUED.search(
            text[max(0, q.start - 40) : q.start]
        ):
            metric = None  # "rescued 20 hostages", "rescued 9 kidnapped victims": freed, not taken
        if (
            metric == "people.displaced"
            and cue is not None
            and re.match(r"(?:from|out of) their", cue.text)
            and not FORCED.search(text[max(0, q.start - 40) : q.start])
        ):
            metric = None  # "dragged five men from their homes" is no displacement
        if metric is None or cue is None:
            if cls in ("person", "item"):
                pending.append((q, head, cls))
            prev_end = q.end
            continue
        if metric == "personnel.deployed" and head and not MILITARY.match(text[head[0] : head[1]]):
            if not re.search(
                r"\b(?:troops|soldiers|forces|military|personnel)\b",
                text[max(0, q.start - 60) : q.end + 60],
                re.IGNORECASE,
            ):
                prev_end = q.end
                continue
        unit = q.unit
        if cls == "money":
            unit = currency_of(q.unit, q.text) or q.unit
        elif cls in ("person", "item"):
            unit = cls
        else:
            unit = "item" if metric.startswith("materiel.") else "person"
        end = head[1] if head else q.end
        cand = Cand(metric, (q.start, max(end, q.end)), cue, q, head, unit=unit)
        if (inherit or coord) and prev is not None and prev.metric == metric:
            cand.extra["inherit"] = "1"  # same verb, same party: "500 officers and three generals"
        if (
            metric == "materiel.destroyed"
            and head
            and head[1] <= cue.start < head[1] + 40
            and not re.search(r"\b(?:were|was|been|are|is|be|being)\b", text[head[1] : cue.start])
            and re.match(r"\s+(?!by\b|in\b|on\b|over\b|at\b|during\b)[A-Za-z\d]", text[cue.end :])
        ):
            cand.metric = "materiel.used"  # "100 jets destroyed ...": the jets were used
        if metric.startswith("materiel.") and head:
            cand.item_start, cand.item = roles.item_phrase(toks, text, head, q.end)
            used_heads.append(head)
        out.append(cand)
        prev, prev_end = cand, end
        if cue.start >= cand.anchor[1] and pending:
            out.extend(_list_items(text, pending, cand, toks, used_heads))
        pending = []
    out.extend(_unquantified(text, cues, toks, used_heads, kept, floor, ments))
    out.sort(key=lambda c: c.anchor[0])
    return out


def _list_items(
    text: str,
    pending: list[tuple[Quantity, tuple[int, int] | None, str]],
    cand: Cand,
    toks: list[Tok] | None,
    used_heads: list[tuple[int, int]],
) -> list[Cand]:
    """Earlier items of a list whose verb follows the last one: "10 tanks, 22 vehicles and
    29 guns destroyed", "22 soldiers and 26 civilians have been killed"."""
    out: list[Cand] = []
    nxt = cand.anchor[0]
    for q, head, cls in reversed(pending):
        end = head[1] if head else q.end
        if not re.fullmatch(r"(?:\s*(?:,|and|or|as well as)\s*)+", text[end:nxt]):
            break
        metric = cand.cue.metric(cls)
        if metric is None:
            break
        c = Cand(metric, (q.start, max(end, q.end)), cand.cue, q, head, unit=cls)
        if metric.startswith("materiel.") and head:
            c.item_start, c.item = roles.item_phrase(toks, text, head, q.end)
            used_heads.append(head)
        c.metric = cand.metric if cand.metric.split(".")[0] == metric.split(".")[0] else metric
        out.append(c)
        nxt = q.start
    return out


def countable(text: str, q: Quantity) -> bool:
    if q.unit and BAD_UNITS.match(q.unit) and q.unit not in ("person", "item"):
        return False
    before, after = text[max(0, q.start - 30) : q.start], text[q.end : q.end + 40]
    if re.search(r"\bnot\s*$", before):
        return False
    singular = q.text.split()[0].lower() in ("a", "an", "one") if q.text.split() else False
    if (re.search(r"year", q.text) and not singular) or (
        q.value == 1 and re.match(r"\s+of\b", after)
    ):
        return False  # "one of the soldiers": a person, not a count
    if re.search(r"\b[A-Z][a-z]+(?:'s|’s)\s*$", before) and re.match(
        r"\s*(?:million|people|residents)", after
    ):
        return False  # "Gaza's 2.1 million people": a population
    if (
        q.value is not None
        and 1900 <= q.value <= 2100
        and q.qualifier == "exact"
        and re.fullmatch(r"\d{4}", q.text.strip())
    ):
        return False
    return not non_claim_context(before, after)


def _class(text: str, q: Quantity, head: tuple[int, int] | None) -> str | None:
    if (
        q.unit
        and re.fullmatch(r"[A-Z]{3}", q.unit)
        or currency_of(None, q.text)
        and re.search(r"[$€£]|\b(?:dollars?|euros?|pounds)\b", q.text, re.IGNORECASE)
    ):
        return "money"
    if re.match(
        r"\s*(?:billion|million)?\s*(?:dollars|euros|pounds)\b", text[q.end : q.end + 20], re.I
    ):
        return "money"
    if head:
        w = text[head[0] : head[1]]
        c = noun_class(w)
        if c:
            return c
        if q.value == 1 and q.unit == "person" and q.text.split()[0].lower() in ("a", "an", "one"):
            return "person"  # a singular victim found by singular_victims
        ent = catalog().lookup(w)
        if ent is not None and ent.type == "armed_group":
            return "person"  # "killed 12 Taliban"
        if is_weapon_word(w):
            return "item"
        if w.lower() in ("others", "them", "more", "those", "these", "ones"):
            return q.unit if q.unit in ("person", "item") else None
        if q.unit == "person":
            return "person"
        return None
    return q.unit if q.unit in ("person", "item") else None


def _cue_noun(text: str, head: tuple[int, int], cues: list[Cue]) -> bool:
    return any(c.start < head[1] and head[0] < c.end for c in cues)


def _unquantified(
    text: str,
    cues: list[Cue],
    toks: list[Tok] | None,
    used_heads: list[tuple[int, int]],
    kept: list[Quantity],
    floor: int,
    ments: list[Ment],
) -> list[Cand]:
    out: list[Cand] = []
    for m in HEAVY_LOSSES.finditer(text):
        noun = m.group("noun")
        if any(a <= m.start() < b or a < m.end() <= b for a, b in used_heads):
            continue
        loss = Cue(m.start("noun"), m.end("noun"), noun, ("total",))
        out.append(Cand("casualties.total", (m.start(), m.end()), loss, unit="person"))
    if not toks or not _has_thing(text):
        return out
    qspans = [(q.start, q.end) for q in kept]
    for k, t in enumerate(toks):
        if t.text.lower() == "them" and k > 0:
            pron = _pronoun_object(text, cues, t)
            if pron is not None:
                out.append(pron)
            continue
        if t.start < floor or t.pos not in ("NOUN", "PROPN"):
            continue
        nxt_tok = toks[k + 1] if k + 1 < len(toks) else None
        if t.dep == "compound" or (
            nxt_tok is not None and (nxt_tok.pos in ("NOUN", "PROPN") or nxt_tok.text in ("-", "‑"))
        ):
            continue  # not the head of its phrase
        if re.match(r"(?:weapons?|arms|equipment|systems?|munitions)$", t.text, re.I) and re.match(
            r"\s*,?\s*(?:that|which)?\s*(?:include|included|including|such as)\b", text[t.end :]
        ):
            continue  # "weapons that included Kinzhal missiles": the named ones are the claims
        if re.search(
            r"\b(?:" + lexicon()["non_weapon_modifiers"] + r")\s+$", text[: t.start], re.I
        ):
            continue
        if any(
            0 <= t.start - b < 60
            and re.fullmatch(
                r"\s+(?:[\w-]+\s+){0,3}(?:and|of)\s+(?:[\w-]+\s+){0,2}", text[b : t.start]
            )
            for a, b in qspans
        ):
            continue  # "13,000 containers of munitions", "139 drones and decoy drones"
        if re.search(r"\bif\b", text[max(0, t.start - 80) : t.start]):
            continue
        if k + 1 < len(toks) and roles.MODIFIER_NOUNS.match(toks[k + 1].text):
            continue
        if any(a <= t.start < b for a, b in used_heads):
            continue
        weapon = is_weapon_word(t.text) and noun_class(t.text) != "person"
        troops = bool(
            re.fullmatch(
                r"troops|soldiers|forces|units|officers|personnel|engineers", t.text, re.IGNORECASE
            )
        )
        if not (weapon or troops):
            continue
        start, item = roles.item_phrase(toks, text, (t.start, t.end), floor)
        if any(a < t.start and start <= b for a, b in qspans if b > start):
            continue  # counted by a number of this phrase: quantified already
        cls = "item" if weapon else "person"
        cue = _nearest_cue(cues, text, start, t.end, cls)
        if cue is None:
            continue
        if re.search(
            r"\bto\s+$|\bhelp\w*\s+(?:[\w-]+\s+){0,3}$", text[: cue.start]
        ) and not re.search(
            r"\b(?:plans?|planning|preparing|prepares|intends?|set|going|ready|agreed|decided|"
            r"pledged|promised|expected|likely|is|are|was|were|began|begun|started|continue[sd]?)"
            r"\s+to\s+$",
            text[: cue.start],
        ):
            continue  # "trained to use the system", "help Russian forces launch"
        if not weapon:
            near = text[cue.end : start] if cue.end <= start else text[t.end : cue.start]
            if cue.end <= start and not re.fullmatch(
                r"\s*(?:(?:more|additional|further|some|the|its|their|new|about|around|extra|"
                r"fresh|elite|special|combat|ground|regular|thousands of|hundreds of|of)\s+)*",
                near,
                re.IGNORECASE,
            ):
                continue  # "were in Crimea to help Russian forces": not what was deployed
            if len(near.split()) > 3:
                continue
            if cue.start >= t.end and not any(start <= m.start < t.end and m.party for m in ments):
                continue  # "the soldiers had travelled": a deployment needs its party named
        metric = cue.metric(cls)
        if metric not in ("materiel.supplied", "materiel.used", "personnel.deployed"):
            continue
        if (
            metric == "materiel.supplied"
            and re.fullmatch(
                r"suppl(?:y|ies)|shipments?|deliver(?:y|ies)|transfers?", cue.text, re.I
            )
            and not any(m.party for m in ments if cue.start - 30 <= m.start <= t.end + 40)
        ):
            continue  # "a steady supply of shells": nobody supplies anyone
        if re.search(r"\b(?:should|must|ought to)\b", text[: cue.start], re.IGNORECASE):
            continue  # an opinion about what ought to happen
        if metric == "materiel.used" and re.fullmatch(
            r"(?:weapons?|arms|equipment|weaponry|munitions|systems?)", t.text, re.IGNORECASE
        ):
            continue  # use of a named weapon only
        cand = Cand(metric, (start, t.end), cue, unit=cls)
        if weapon:
            cand.item, cand.item_start = item, start
            co = re.search(r"([A-Z][\w-]*\d[\w-]*|[A-Z][a-z]+)\s+(?:and|or)\s+$", text[:start])
            if co and " " in item and re.match(r"[A-Z]", item):
                twin = Cand(metric, (co.start(1), t.end), cue, unit=cls)
                twin.item = co.group(1) + item[item.index(" ") :]
                twin.item_start = co.start(1)
                out.append(twin)
        out.append(cand)
    return out


HEAVY_LOSSES = re.compile(
    r"\b(?:significant|heavy|major|large|huge|substantial|serious|considerable|mass|severe|"
    r"staggering|massive)\s+(?:[A-Z][\w-]*\s+){0,2}(?P<noun>casualties|losses)\b"
)


def _pronoun_object(text: str, cues: list[Cue], t: Tok) -> Cand | None:
    """ "will likely use them", "fired them at": weapons named in an earlier sentence."""
    if re.search(r"\b(?:should|must|ought to|if|would)\b", text[: t.start], re.IGNORECASE):
        return None
    for c in cues:
        if re.fullmatch(r"\s+", text[c.end : t.start]) and c.metric("item") in (
            "materiel.used",
            "materiel.supplied",
        ):
            if re.search(r"\bto\s+$", text[: c.start]):
                return None
            cand = Cand(str(c.metric("item")), (t.start, t.end), c, unit="item")
            cand.item, cand.item_start = "them", t.start
            return cand
    return None


def _nearest_cue(cues: list[Cue], text: str, start: int, end: int, cls: str) -> Cue | None:
    ok = [
        c
        for c in cues
        if c.metric(cls) in ("materiel.supplied", "materiel.used", "personnel.deployed")
    ]
    before = [
        c
        for c in ok
        if c.end <= start
        and not re.search(r"[;:]|\.\s", text[c.end : start])
        and len(text[c.end : start]) < 140
        and not re.search(r",\s*(?:which|who|where)\b", text[c.end : start])
    ]
    after = [
        c
        for c in ok
        if c.start >= end
        and re.fullmatch(r"\s*(?:\w+\s+){0,3}", text[end : c.start])
        and not re.match(r"\s*(?:that|which)\b", text[end : c.start])
    ]
    if before:
        return before[-1]
    return after[0] if after else None
