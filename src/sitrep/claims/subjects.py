"""Who a figure is about: the subject (and recipient) of a claim, by metric (CLAIMS.md).

Victims take the party named on the counted noun ("North Korean soldiers", "its fighters"),
then the party of the losses ("Russia has lost"), then the country of the place; senders,
users and pledgers are the agent of the verb; destroyed equipment belongs to its owner.
Falls back on the article's previous claim of the metric ("memory").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..nlp.lexicon import lexicon
from . import roles
from .context import Ment, catalog, countries
from .parse import Tok

if TYPE_CHECKING:
    from .extract import Cand

VICTIM = ("casualties.", "people.displaced")


@lru_cache(maxsize=1)
def _adversary() -> dict[str, str]:
    out: dict[str, str] = {}
    for a, b in lexicon()["adversaries"]:
        out.setdefault(a, b)
        out.setdefault(b, a)
    return out


def resolve(
    cand: Cand,
    text: str,
    ments: list[Ment],
    toks: list[Tok] | None,
    clause_start: int,
    spk_party: str | None,
    memory: dict[str, str],
) -> tuple[str | None, str | None]:
    m = cand.metric
    if m.startswith(VICTIM):
        return _victim(cand, text, ments, toks, clause_start, spk_party, memory), None
    if m == "personnel.deployed":
        return _deployed(cand, text, ments, toks, clause_start, spk_party, memory)
    if m == "materiel.supplied":
        return _supplied(cand, text, ments, toks, clause_start, spk_party, memory)
    if m == "materiel.used":
        return _used(cand, text, ments, toks, clause_start, spk_party, memory), None
    if m == "materiel.destroyed":
        return _destroyed(cand, text, ments, toks, clause_start, spk_party, memory), None
    if m == "aid.pledged":
        who = roles.agent(toks, text, ments, cand.cue, clause_start, spk_party)
        return who or spk_party, None
    return None, None


def _np_party(cand: Cand, text: str, ments: list[Ment], spk_party: str | None) -> str | None:
    a = cand.quantity.start if cand.quantity else cand.anchor[0]
    b = cand.head[1] if cand.head else cand.anchor[1]
    ps = roles.parties_in(ments, a, b)
    if ps:
        return ps[-1].party
    if roles.POSSESSIVE.search(text[a:b]):
        return spk_party
    if cand.head:
        d = roles.demonym_party(text[cand.head[0] : cand.head[1]])
        if d:
            return d
    return None


def _after_head(cand: Cand, text: str, ments: list[Ment], spk_party: str | None) -> str | None:
    end = cand.anchor[1]
    m = re.match(r"\s+(?:of|from|among)\s+(?:the\s+)?(its|their|our)?", text[end:])
    if not m:
        return None
    if m.group(1):
        return spk_party
    for mm in ments:
        if end < mm.start <= end + m.end() + 30 and mm.party and mm.type not in ("place", "weapon"):
            return mm.party
    return None


def _cue_party(cand: Cand, text: str, ments: list[Ment]) -> str | None:
    """The party named right before a cue noun ("the North Korean contingent")."""
    cue = cand.cue
    for mm in ments:
        if mm.party and mm.type != "weapon" and 0 <= cue.start - mm.end <= 3:
            return mm.party
        if (
            mm.party
            and mm.type != "weapon"
            and re.fullmatch(r"(?:'s|’s)\s+(?:[\w-]+\s+)?", text[mm.end : cue.start])
        ):
            return mm.party
    return None


def _victim(
    cand: Cand,
    text: str,
    ments: list[Ment],
    toks: list[Tok] | None,
    clause_start: int,
    spk_party: str | None,
    memory: dict[str, str],
) -> str | None:
    p = _np_party(cand, text, ments, spk_party) or _after_head(cand, text, ments, spk_party)
    if p:
        return p
    cue = cand.cue
    if re.search(r"\b(?:suffer|sustain|incur)\w*\s+(?:[\w-]+\s+){0,4}$", text[: cand.anchor[0]]):
        who = roles.agent(toks, text, ments, cue, clause_start, spk_party)
        if who:
            return who  # "North Korean troops ... have suffered several hundred casualties"
    if re.match(r"(?:casualt|loss|death|toll|number|dead)", cue.text, re.IGNORECASE):
        adj = _cue_party(cand, text, ments)
        if adj:
            return adj  # "North Korean casualties", "Russia's losses"
        m = re.match(r"\s+(?:of|among|in)\s+(?:the\s+)?", text[cue.end :])
        if m:
            for mm in ments:
                if cue.end < mm.start <= cue.end + m.end() + 25 and mm.party and mm.type != "place":
                    return mm.party
        near = [
            mm
            for mm in ments
            if cue.start - 40 <= mm.start
            and mm.end <= cue.start
            and mm.party
            and mm.type in ("country", "armed_group", "military")
            and not re.search(
                r"\b(?:on|in|at|from|by|against)\s+(?:the\s+)?$",
                text[max(0, mm.start - 12) : mm.start],
            )
            and not re.match(
                r"\s+(?:\w+\s+)?(?:said|says|estimates?|estimated|reported|believes?)\b",
                text[mm.end :],
            )
        ]
        if near:
            return near[-1].party
        d = roles.demonym_party(text[max(0, cue.start - 40) : cue.end + 30])
        if d:
            return d
    if re.match(r"los[ts]|lose", cue.text, re.IGNORECASE):
        who = roles.agent(toks, text, ments, cue, clause_start, spk_party)
        if who:
            return who  # "the army said it killed 30 fighters and lost 12 soldiers": its own
    here = memory.get("victim@" + memory.get("_sent", ""))
    prev_end = int(memory.get("prev_end@" + memory.get("_sent", ""), "0") or 0)
    if here and re.search(
        r"\b(?:which|who|that|after|before|when|while)\b", text[prev_end : cand.anchor[0]]
    ):
        here = None  # "8 suspects were arrested after the bombing, which killed 19"
    if here:
        return here  # "300 North Korean soldiers killed and 2,700 others wounded"
    side = re.search(r"\bon the (\w+(?: \w+)?) side\b", text, re.IGNORECASE)
    if side:
        for mm in ments:
            if side.start(1) <= mm.start < side.end(1) and mm.party:
                return mm.party
    if (
        re.match(r"(?:lost|loss|suffer)", cue.text, re.IGNORECASE)
        or cand.metric == "casualties.total"
    ):
        who = roles.agent(toks, text, ments, cue, clause_start, spk_party)
        if who:
            return who
    d = roles.demonym_party(text[max(0, cand.anchor[0] - 60) : cand.anchor[1] + 10])
    if d:
        return d
    head = text[cand.head[0] : cand.head[1]] if cand.head else ""
    np = text[cand.anchor[0] : cand.anchor[1]]
    hostile = re.search(rf"\b(?:{lexicon()['hostile_nouns']})\b", np, re.IGNORECASE)
    if head and hostile:
        word = hostile.group().lower()
        word = word[:-3] + "men" if word.endswith("man") else word
        word = word if word.endswith(("s", "men")) else word + "s"
        group = memory.get("armed_group")
        if group and _other_conflict(group, text, ments):
            group = _target(cand, text, ments)  # "suspects ... in the West Bank" after Sudan's RSF
        return group or word  # insurgents are not the place's state
    if spk_party and re.fullmatch(
        r"soldiers?|troops?|servicem[ae]n|personnel|officers?|reservists?|sailors?|pilots?|"
        r"marines?|servicewom[ae]n|service members?|conscripts?|paratroopers?",
        head,
        re.IGNORECASE,
    ):
        if not SELF_AGENT.search(text[: cue.start]):
            return spk_party  # "the military said 3 soldiers were killed": its own
        opponent = _opponent(spk_party)
        if opponent:
            return opponent  # "the Arakan Army said it had captured 60 soldiers": the state's
    target = _target(cand, text, [m for m in ments if not _in_frame(m, memory)])
    if target and re.fullmatch(r"hostages?|captives?", head, re.IGNORECASE) and HELD.search(text):
        return _opponent(target) or target  # "199 hostages were being held in Gaza": Israel's
    if target:
        return target
    known = memory.get(cand.metric) or memory.get("victim")
    if known and spk_party and memory.get("_spk_local") and spk_party != known:
        return spk_party  # "Palestinian health officials said three people were killed"
    return known or spk_party or memory.get("home")


HELD = re.compile(r"\b(?:held|holding|holds|kept)\b", re.IGNORECASE)
SELF_AGENT = re.compile(
    r"\b(?:it|they|we|its (?:forces|troops|fighters|soldiers|units|men))\s+(?:had\s+|has\s+|have\s+)?"
    r"(?:\w+ly\s+)?$",
    re.IGNORECASE,
)


def _opponent(party: str) -> str | None:
    """The other side of a party's war: its listed adversary, or the state an armed group
    fights in."""
    if party in _adversary():
        return _adversary()[party]
    ent = catalog().lookup(party)
    if ent is not None and ent.type == "armed_group" and ent.country:
        return countries().get(ent.country)
    return None


def _other_conflict(party: str, text: str, ments: list[Ment]) -> bool:
    """True when the sentence's places all lie in another country than `party`'s: an
    article-level default from another conflict does not apply."""
    ent = catalog().lookup(party)
    if ent is None or not ent.country:
        return False
    here = {
        m.entity.country
        for m in ments
        if m.entity.country
        and (
            m.type == "place"
            or m.type == "country"
            and re.search(r"\b(?:in|across|inside)\s+$", text[max(0, m.start - 8) : m.start])
        )
    }
    return bool(here) and ent.country not in here


TARGET_BEFORE = re.compile(
    r"(?:\b(?:in|on|at|across|near|around|inside|of|attacked|struck|hit|shelled|bombed|"
    r"targeted|raided|stormed|overran|overruns|invaded)\s+(?:the\s+)?(?:(?:southern|northern|"
    r"eastern|western|central|north|south|east|west|north-east|north-west|south-east|"
    r"south-west|occupied|besieged|city of|town of|village of|region of)\s+)?)$",
    re.IGNORECASE,
)
AGENT_AFTER = re.compile(
    r"^\S*\s*(?:[\w-]+\s+)?(?:air\s*)?(?:strikes?|attacks?|shelling|raids?|"
    r"bombardment|bombing|drones?|missiles?|forces|troops|army|military|"
    r"fighters|jets|-led|soldiers)\b",
    re.IGNORECASE,
)


def _target(cand: Cand, text: str, ments: list[Ment]) -> str | None:
    """The party of the place hit: "attacked southern Israel", "in Khan Younis"."""
    a = cand.anchor[0]
    cands = []
    for mm in ments:
        if not mm.party or mm.type == "weapon":
            continue
        if mm.type not in ("place", "country"):
            continue
        if AGENT_AFTER.match(text[mm.end : mm.end + 30]) and mm.type == "country":
            continue
        if not TARGET_BEFORE.search(text[max(0, mm.start - 40) : mm.start]):
            continue
        cands.append(mm)
    if not cands:
        places = [mm for mm in ments if mm.type == "place" and mm.party]
        cands = places
    if not cands:
        return None
    return min(cands, key=lambda mm: abs(mm.start - a)).party


def _in_frame(m: Ment, memory: dict[str, str]) -> bool:
    """Whether a mention is part of the speaker's phrase ("researchers in Belgium")."""
    span = memory.get("_frame")
    if not span:
        return False
    a, b = (int(x) for x in span.split(":"))
    return a <= m.start < b


def _deployed(
    cand: Cand,
    text: str,
    ments: list[Ment],
    toks: list[Tok] | None,
    clause_start: int,
    spk_party: str | None,
    memory: dict[str, str],
) -> tuple[str | None, str | None]:
    subj = (
        _np_party(cand, text, ments, None)
        or _after_head(cand, text, ments, None)
        or _cue_party(cand, text, ments)
    )
    if subj is None:
        a = roles.agent(toks, text, ments, cand.cue, clause_start, spk_party)
        subj = a
    if subj is None:
        subj = memory.get("personnel.deployed")
    rec = None
    for pos in (cand.anchor[1], cand.cue.end):
        rec = roles.party_after(ments, text, pos, 90, "to|in|into|inside|for|toward|towards|at")
        if rec and rec != subj:
            break
        rec = None
    if rec is None:
        rec = memory.get("personnel.deployed:recipient")
    return subj, rec


def _supplied(
    cand: Cand,
    text: str,
    ments: list[Ment],
    toks: list[Tok] | None,
    clause_start: int,
    spk_party: str | None,
    memory: dict[str, str],
) -> tuple[str | None, str | None]:
    cue = cand.cue
    a = roles.agent(toks, text, ments, cue, clause_start, spk_party)
    item_start = cand.item_start or cand.anchor[0]
    item_party = None
    ps = roles.parties_in(ments, item_start, cand.anchor[1])
    if ps:
        item_party = ps[0].party
    clause = text[clause_start:item_start]
    recv = re.search(r"\b(?:receiv|acquir|obtain|got\b|import|bought|purchas)\w*", clause, re.I)
    if roles.RECEIVE.match(cue.text) or recv:
        frm = roles.party_after(ments, text, cue.end, 160, "from")
        if frm:
            more = _from_list(text, ments, cue.end, frm)
            if more:
                memory["_extra_subjects"] = "|".join(more)  # "from Turkey, Iran and the UAE"
        subj = frm or item_party or memory.get("materiel.supplied")
        return subj, a
    accused = re.search(
        r"\baccus\w*\s+(?:the\s+)?(?P<who>[^,;]{2,60}?)\s+of\s+(?:\w+ing\s+)?$", text[: cue.end + 1]
    ) or re.search(r"\baccus\w*\s+(?:the\s+)?(?P<who>[^,;]{2,60}?)\s+of\s+$", text[: cue.start])
    if accused:
        named = [mm for mm in ments if accused.start("who") <= mm.start < accused.end("who")]
        if named and named[0].party:
            a = named[0].party  # "accused the UAE of supplying ...": the accused is the supplier
    subj = a or item_party or memory.get("materiel.supplied") or spk_party
    rec = None
    m = re.match(r"\s+(?:(?:the|its|their)\s+)?", text[cue.end :])
    after = cue.end + (m.end() if m else 0)
    for mm in ments:
        if mm.start == after and mm.party and mm.party != subj and mm.type != "weapon":
            rec = mm.party  # "supplied Russia with", "sent Russia artillery shells"
            break
    if rec is None:
        rec = roles.party_after(ments, text, cand.anchor[1], 80, "to|for|into")
    if rec is None:
        rec = roles.party_after(ments, text, cue.end, 160, "to|for")
    if rec is None or rec == subj:
        rec = memory.get("materiel.supplied:recipient")
    return subj, rec


def _from_list(text: str, ments: list[Ment], pos: int, first: str) -> list[str]:
    """The other parties of "from X, Y and Z" after the first."""
    m = re.search(r"\bfrom\s+", text[pos:])
    if not m:
        return []
    start = pos + m.end()
    seg = re.match(r"[^;.]*", text[start:])
    end = start + (seg.end() if seg else 0)
    out: list[str] = []
    last_end = start
    for mm in ments:
        if start <= mm.start < end and mm.party and mm.type != "weapon":
            if mm.start > last_end and not re.fullmatch(
                r"\s*(?:,|and|or|as well as)?\s*(?:the\s+)?", text[last_end : mm.start]
            ):
                break
            if mm.party != first and mm.party not in out:
                out.append(mm.party)
            last_end = mm.end
    return out


def _used(
    cand: Cand,
    text: str,
    ments: list[Ment],
    toks: list[Tok] | None,
    clause_start: int,
    spk_party: str | None,
    memory: dict[str, str],
) -> str | None:
    a = roles.agent(toks, text, ments, cand.cue, clause_start, spk_party)
    if re.match(r"debris|wreckage|fragments|remnants|impact", cand.cue.text, re.IGNORECASE):
        # "prosecutors identified debris from KN-23 missiles": the finder is not the user
        return memory.get("materiel.used") or memory.get("attacker") or _adversary().get(a or "")
    if a:
        return a
    by = re.search(
        r"\b(?:launched|fired|used)\s+by\s+(?:the\s+)?", text[cand.anchor[1] : cand.anchor[1] + 40]
    )
    if by:
        for mm in ments:
            if mm.start >= cand.anchor[1] + by.end() - 1 and mm.party and mm.type != "place":
                return mm.party
    if memory.get("materiel.used"):
        return memory["materiel.used"]
    if memory.get("attacker"):
        return memory["attacker"]
    target = roles.party_after(ments, text, cand.anchor[1], 120, "at|on|against|in")
    if target and target in _adversary():
        return _adversary()[target]
    return None


def _destroyed(
    cand: Cand,
    text: str,
    ments: list[Ment],
    toks: list[Tok] | None,
    clause_start: int,
    spk_party: str | None,
    memory: dict[str, str],
) -> str | None:
    head = text[cand.head[0] : cand.head[1]].lower() if cand.head else ""
    partitive = cand.quantity is not None and re.match(
        r"\s+of\s+(?:the|them|those|these)\b", text[cand.quantity.end :]
    )
    if not partitive and head != "them":
        p = _np_party(cand, text, ments, None)
        if p and p != spk_party:
            return p
        if p and spk_party is None:
            return p
    if re.match(r"los[ts]|lose|losses", cand.cue.text, re.IGNORECASE):
        a = roles.agent(toks, text, ments, cand.cue, clause_start, spk_party)
        if a or spk_party or memory.get("home"):
            return a or spk_party or memory.get("home")  # "the army lost 12 tanks": its own
    if memory.get("materiel.used"):
        return memory["materiel.used"]
    a = roles.agent(toks, text, ments, cand.cue, clause_start, spk_party)
    owner_side = a or spk_party
    if owner_side and owner_side in _adversary():
        return _adversary()[owner_side]
    return memory.get("materiel.destroyed")


GENERIC_WORDS = frozenset(
    """drone drones missile missiles rocket rockets shell shells artillery tank tanks armed attack
    ballistic cruise long-range short-range kamikaze combat military weapons weapon ammunition
    guided armored armoured air-defence air-defense heavy light self-propelled multiple""".split()
)


def fallback_subject(cand: Cand, text: str) -> str | None:
    """No party named anywhere: the counted group itself ("insurgents", "civilians")."""
    if not cand.metric.startswith(VICTIM):
        return None
    word = text[cand.head[0] : cand.head[1]].lower() if cand.head is not None else ""
    if word and word not in (
        "people",
        "persons",
        "others",
        "them",
        "ones",
        "more",
        "dead",
        "bodies",
        "victims",
        "lives",
    ):
        return word
    return "civilians"


def clean_item(item: str | None, ments: list[Ment], cand: Cand) -> str | None:
    """The weapon phrase without the parties named in it ("Iranian drone" → "drone")."""
    if not item:
        return item
    out = item
    for m in ments:
        if m.type != "weapon" and m.party and m.start >= cand.item_start and m.text in out:
            out = out.replace(m.text, " ")
    out = re.sub(r"^[\w-]+-(?:made|produced|built|supplied)\s+", "", out.strip())
    out = re.sub(r"\s+", " ", out).strip(" -")
    if not out:
        return item
    first = out.split(" ")[0]
    if first[:1].isupper() and first.lower() in GENERIC_WORDS:
        out = first.lower() + out[len(first) :]
    return out
