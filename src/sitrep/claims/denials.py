"""Denials that name no figure: "Moscow denied the reports", "the RSF denied killing
civilians", "both governments denied any arms transfers" (modality `denied`, no quantity)."""

from __future__ import annotations

import re

from ..nlp.attribution import Frame
from ..nlp.metrics import Cue, is_weapon_word
from ..records import Article, Claim, TimeExpr
from .context import ArticleState, Ment, Said, is_charge
from .roles import normalise_item
from .sentences import Sentence

VICTIM_FAMILIES = ("killed", "wounded", "captured", "missing", "displaced")


def denial_claims(
    article: Article,
    sent: Sentence,
    resolved: list[tuple[Frame, Said]],
    cues: list[Cue],
    ments: list[Ment],
    previous: list[Claim],
    memory: dict[str, str],
    state: ArticleState,
    times: list[TimeExpr],
) -> list[Claim]:
    """Claims for a sentence that denies something without giving a figure."""
    den = [(f, s) for f, s in resolved if f.kind == "denied" and not is_charge(f) and s.source]
    if not den:
        return []
    frame, said = den[0]
    stated, _ = state.stated_for(said, sent, times, False)
    text = sent.text
    vend = frame.verb_start + len(frame.verb)
    after = [c for c in cues if vend - 1 <= c.start < vend + 60]
    base = {"metric": "", "subject": "", "item": None, "recipient": None}
    if after:
        c = after[0]
        fams = c.families
        if any(f in fams for f in VICTIM_FAMILIES):
            metric = str(c.metric("person"))
            places = [m.party for m in ments if m.type == "place" and m.party]
            subject = (places[0] if places else None) or memory.get(metric) or memory.get("victim")
            base.update(metric=metric, subject=subject or "")
        elif "supplied" in fams or "deployed" in fams or "used" in fams:
            item = _item_near(text, c)
            troops = re.search(r"\b(?:troops|soldiers|forces|personnel)\b", text[vend:], re.I)
            if troops and not item:
                metric = "personnel.deployed"
            elif "used" in fams and "supplied" not in fams:
                metric = "materiel.used"
            else:
                metric = "materiel.supplied"
            base.update(
                metric=metric,
                subject=memory.get(metric) or "",
                item=(item or memory.get("last_item")) if metric.startswith("materiel.") else None,
                recipient=memory.get(metric + ":recipient"),
            )
    elif re.search(
        r"\b(?:reports?|claims?|allegations?|accusations?|figures?|it|them)\b", text[vend:]
    ):
        denier = said.source.name if said.source else ""
        prior = [c for c in previous if c.source is None or c.source.name != denier]
        if prior:
            p = prior[-1]
            base.update(metric=p.metric, subject=p.subject, item=p.item, recipient=p.recipient)
    if not base["metric"] or not base["subject"]:
        return []
    return [
        Claim(
            article=article,
            text=text,
            span=(sent.start, sent.end),
            metric=str(base["metric"]),
            subject=str(base["subject"]),
            quantity=None,
            source=said.source,
            stated=stated,
            modality="denied",
            recipient=base["recipient"],
            item=base["item"],
        )
    ]


def _item_near(text: str, cue: Cue) -> str | None:
    """The weapon word next to a transfer cue ("arms transfers", "supplying drones")."""
    before = re.search(r"([\w-]+)\s+$", text[: cue.start])
    if before and is_weapon_word(before.group(1)):
        return normalise_item(before.group(1))
    after = re.match(r"\s+(?:(?:any|the|its|more)\s+)?([\w-]+(?:\s+[\w-]+)?)", text[cue.end :])
    if after:
        words = after.group(1).split()
        if is_weapon_word(words[-1]):
            return normalise_item(after.group(1))
        if is_weapon_word(words[0]):
            return normalise_item(words[0])
    return None
