"""When a claim's sentence gives no time of its own: the day carried from the operation,
the paragraph or the coordinated figure before it, and "since the coup" from the date the
article gives for that event."""

from __future__ import annotations

import re

from ..records import Claim, TimeExpr
from .context import calendar_value
from .roles import SINCE_BEFORE
from .sentences import Sentence

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# events an article dates once and then refers to: "since the coup", "since the invasion"
EVENT_NOUNS = {
    "coup": "coup",
    "seized power": "coup",
    "takeover": "coup",
    "invasion": "invasion",
    "invaded": "invasion",
    "war began": "war",
    "war": "war",
    "offensive": "offensive",
    "offensive began": "offensive",
    "ceasefire": "ceasefire",
    "truce": "ceasefire",
}
EVENT_BEFORE = re.compile(
    r"\b(coup|seized power|takeover|invasion|invaded|war began|offensive began|offensive|"
    r"ceasefire|truce)\b[^.;]{0,25}?\b(?:on|in|since)?\s*$",
    re.IGNORECASE,
)
SINCE_EVENT = re.compile(
    r"\bsince\s+(?:the|its|their)\s+(?:military\s+|\w+\s+)?(coup|takeover|invasion|war|offensive|"
    r"ceasefire|truce)\b(?!\s+(?:began|started)?\s*(?:on|in)\b)",
    re.IGNORECASE,
)
PERFECT = re.compile(
    r"\b(?:has|have|had)\s+(?:now\s+|so far\s+)?(?:been\s+)?(?:\w+(?:ed|en)|lost|fled|shot|hit)\b",
    re.I,
)
# a sentence about the operation just reported takes its day
SAME_OPERATION = re.compile(
    r"\b(?:during the (?:same )?(?:operation|raid|attack|clash|assault)|in the (?:same )?"
    r"(?:operation|raid|attack|clash|strike)|the (?:security |combined |joint )?force\b|"
    r"(?:during|in) an? (?:\w+ )?(?:operation|raid|patrol))\b",
    re.IGNORECASE,
)
# ... and, within its paragraph, "Two others were detained", "... in the encounter"
SAME_PARAGRAPH = re.compile(
    r"\b(?:(?:during|in) the (?:ensuing )?(?:exchange of fire|firefight|ambush|encounter|"
    r"gunfight|fighting|engagement|shootout)|(?:were|was) also)\b|^(?:\w+ )?others? (?:were|was)\b",
    re.IGNORECASE,
)


def event_dates(sentences: list[Sentence], by_sent: list[list[TimeExpr]]) -> dict[str, str]:
    """ "event:coup" -> the day or month the article gives for it ("the Feb. 1 coup",
    "seized power in a coup on Feb. 1, 2021", "since Russia invaded on Feb. 24")."""
    out: dict[str, str] = {}
    for sent, times in zip(sentences, by_sent, strict=True):
        for t in times:
            v = calendar_value(t.value)
            if not v or not re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", v):
                continue
            m = EVENT_BEFORE.search(sent.text[max(0, t.start - 50) : t.start])
            after = re.match(r"\s*(coup|invasion|offensive|ceasefire|truce)\b", sent.text[t.end :])
            found = after or m
            if found is not None:
                out.setdefault("event:" + EVENT_NOUNS[found.group(1).lower()], v)
    return out


def remember_day(
    sent: Sentence, times: list[TimeExpr], skip: set[int], memory: dict[str, str]
) -> None:
    """Note the day a paragraph gives ("came under attack Thursday.") for its later sentences."""
    for t in times:
        if (
            id(t) not in skip
            and t.value
            and DAY.fullmatch(t.value)
            and not SINCE_BEFORE.search(sent.text[max(0, t.start - 70) : t.start])
        ):
            memory["day@line" + str(sent.line)] = t.value


def carried_when(
    sent: Sentence,
    times: list[TimeExpr],
    inherit: bool,
    memory: dict[str, str],
    published: str | None,
) -> str | None:
    """The event time a sentence without its own takes from the article around it."""
    text = sent.text
    when: str | None = None
    since = SINCE_EVENT.search(text)
    if when is None and since and published:
        start = memory.get("event:" + EVENT_NOUNS.get(since.group(1).lower(), ""))
        when = f"{start}/{published}" if start else None  # "since the coup" (Feb. 1)
    if when is None and inherit:
        when = memory.get("when@sent" + str(sent.start)) or None  # coordinated, one event
    if when is None and not times and not PERFECT.search(text):
        when = memory.get("day@line" + str(sent.line)) or None  # "They returned fire, killing ..."
    if when is None and SAME_OPERATION.search(text):
        when = memory.get("when@line" + str(sent.line)) or memory.get("when")  # same operation
    if when is None and SAME_PARAGRAPH.search(text):
        when = memory.get("when@line" + str(sent.line)) or None  # "... in the encounter."
    return when


# a sentence after the figures that dates them: "The operation was conducted on Sunday."
OPERATION_DATED = re.compile(
    r"\b(?:operations?|raids?|attacks?|strikes?|ambush|clash(?:es)?|encounter|incident|offensive)"
    r"\s+(?:was|were)\s+(?:conducted|carried out|launched|executed|staged)\b|\btook place\b|"
    r"\b(?:terrorists|insurgents|militants|fighters|bandits|suspects)\s+(?:were|was)\s+"
    r"(?:killed|neutrali[sz]ed|arrested|captured|detained|apprehended)\b",
    re.IGNORECASE,
)


def date_back(sent: Sentence, times: list[TimeExpr], skip: set[int], claims: list[Claim]) -> None:
    """Give undated casualty figures of the sentences just before the day a following
    sentence sets for the operation ("... killed 14 terrorists. The operation was conducted
    on Sunday.")."""
    if not OPERATION_DATED.search(sent.text):
        return
    days = [t.value for t in times if id(t) not in skip and t.value and DAY.fullmatch(t.value)]
    if not days:
        return
    for c in claims[-8:]:
        if (
            c.when is None
            and c.metric.startswith("casualties.")
            and 0 < sent.start - c.span[0] < 400
        ):
            c.when = days[-1]
