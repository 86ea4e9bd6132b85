"""Per-article context: catalogue mentions, attribution resolution and carry-over, time.

`ArticleState` walks an article sentence by sentence and answers, for a position in a
sentence, who says it (source and via) and when it was said (`stated`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..catalog import Catalog, Entity, normalise_unknown
from ..nlp.attribution import Frame, find_attributions, is_anaphor, is_generic
from ..nlp.lexicon import lexicon
from ..nlp.metrics import find_cues
from ..records import Article, Source, TimeExpr, Via
from .sentences import Sentence

DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .,/'&-]{1,60}(?:,[^()\n]{0,40})?|[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}(?:,[^()\n\d]{0,30})?)"
    r"\s*\([^)\n]{2,60}\)\s*(?:-{1,2}|–|—)\s*"
)
SOURCE_ORDER = (
    "intelligence",
    "military",
    "official",
    "government",
    "media",
    "ngo",
    "international",
    "person",
    "armed_group",
    "other",
    "country",
    "place",
)
PERSON_KINDS = {"person"}
DOCUMENT = re.compile(
    r"^(?:an?\s+|the\s+)?(?:(?:new|latest|updated|official|joint|daily|final|preliminary)\s+)?"
    r"(?:statements?|reports?|assessments?|estimates?|tall(?:y|ies)|counts?|figures?|data|"
    r"analys[ie]s|updates?|briefings?|bulletins?|posts?|records?|documents?|findings)\s+"
    r"(?:from|by|of|issued by|released by|published by)\s+",
    re.IGNORECASE,
)
POSSESSIVE_DOC = re.compile(
    r"(.+?)(?:'s|’s)\s+(?:(?:latest|new|updated|own|daily|final|preliminary|official)\s+)*"
    r"(?:[\w-]+\s+)?"
    r"(?:tally|figures?|count|report|data|statement|estimates?|update|bulletin|assessment|"
    r"records?|website|account|teams?|staff|monitors|officials|spokes(?:man|woman|person)|"
    r"briefing|analysis|findings|communiqu[eé])",
    re.IGNORECASE,
)
ANAPHOR_KINDS = {
    "agency": ("intelligence", "media", "international"),
    "military": ("military",),
    "army": ("military",),
    "forces": ("military",),
    "command": ("military",),
    "group": ("ngo", "other", "armed_group"),
    "organisation": ("ngo", "international"),
    "organization": ("ngo", "international"),
    "charity": ("ngo",),
    "body": ("international", "ngo", "official"),
    "government": ("government",),
    "authorities": ("government", "official"),
    "outlet": ("media",),
    "newspaper": ("media",),
    "broadcaster": ("media",),
}
TRANSCRIPT = re.compile(r"^([A-Z][A-Z.'’ -]{0,30}):\s")
_HEADLINE_COLON = re.compile(r"(?::|\s[-–—])\s*(?P<who>[A-Z][\w.'’&-]*(?:\s+[\w.'’&-]+){0,5})\s*$")


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    """The packaged catalogue, or an empty one when it cannot be loaded."""
    try:
        return Catalog.load()
    except Exception:  # noqa: BLE001 - extraction still works, names stay unresolved
        return Catalog([])


@dataclass(slots=True)
class Ment:
    """A catalogue mention in sentence coordinates, with the party it stands for."""

    start: int
    end: int
    text: str
    entity: Entity
    party: str | None

    @property
    def type(self) -> str:
        return self.entity.type


@dataclass(slots=True)
class Said:
    """A resolved attribution: the source, its relays, its party, when it was said."""

    source: Source | None
    via: list[Via] = field(default_factory=list)
    party: str | None = None
    kind: str = "asserted"
    stated: str | None = None
    frame: Frame | None = None
    outer: list[Frame] = field(default_factory=list)


def dateline_end(text: str) -> int:
    """Length of a wire dateline ("SEOUL, Oct 18 (Meridian Wire) - ") at the start of `text`."""
    m = DATELINE.match(text)
    return m.end() if m else 0


def countries() -> dict[str, str]:
    """Country names by ISO code, from the catalogue."""
    return _countries()


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    return {e.country: e.name for e in catalog().entities if e.type == "country" and e.country}


def mentions(text: str) -> list[Ment]:
    """Catalogue mentions in `text`; places without a party take their country's name."""
    cat = catalog()
    out = []
    for m in cat.find_mentions(text):
        party = cat.party_of(m.entity)
        if party is None and m.entity.type == "place" and m.entity.country:
            party = _countries().get(m.entity.country)
        out.append(Ment(m.start, m.end, m.text, m.entity, party))
    return out


def _best_mention(ms: list[Ment]) -> Ment | None:
    if not ms:
        return None

    def rank(m: Ment) -> tuple[int, int]:
        t = m.entity.kind if m.type not in ("person", "country", "place", "armed_group") else m.type
        order = SOURCE_ORDER.index(t) if t in SOURCE_ORDER else len(SOURCE_ORDER)
        if m.type == "weapon":
            order = 99
        # a named organisation or person beats a country adjective; longer beats shorter
        return (0 if order < SOURCE_ORDER.index("country") else 1, -(m.end - m.start))

    return min(ms, key=rank)


class ArticleState:
    """Walks one article: resolves each sentence's attributions with carry-over."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.published = article.published[:10] if article.published else None
        self.last: Said | None = None
        self.line_stated: dict[int, str] = {}
        self.outlet_key = _key(article.outlet or "")
        self.line_speaker: dict[int, Said] = {}
        self.line_source: dict[int, str] = {}
        self.cur_line = -1
        self.last_line = -10
        self.question_lines: set[int] = set()
        self.history: list[Source] = []
        self.sentence_last: Said | None = None
        self.parties: dict[str, str | None] = {}

    # -- sources --------------------------------------------------------------------------
    def resolve_phrase(self, phrase: str, ments: list[Ment], offset: int) -> Said | None:
        """The source a speaker phrase names (offset: the phrase's start in the sentence)."""
        p = DOCUMENT.sub("", phrase.strip())
        p = re.sub(
            r"^(?:an?\s+|the\s+)?(?:charges?|claims?|accusations?|allegations?)\s+(?=[A-Z])", "", p
        )
        doc = POSSESSIVE_DOC.fullmatch(p)
        if doc:
            p = doc.group(1)  # "the ministry's latest tally" is the ministry speaking
        offset += phrase.find(p) if p and p in phrase else 0
        phrase = p
        own = _country_owned(p, ments, offset)
        if own is not None:
            return Said(catalog().as_source(own.entity, phrase.strip()), party=own.party)
        if re.fullmatch(r"(?:we|us|i)", p, re.IGNORECASE):
            speaker = self.line_speaker.get(self.cur_line)
            if speaker is not None:
                return Said(speaker.source, list(speaker.via), speaker.party, stated=speaker.stated)
            p = "he"
        if re.fullmatch(r"(?:our|their)", p, re.IGNORECASE):
            name = self.article.outlet or "the author"
            return Said(Source(name=normalise_unknown(name), kind="other", mention=name))
        inside = [m for m in ments if m.start >= offset and m.end <= offset + len(phrase)]
        best = _best_mention(inside)
        if "," in phrase:
            cut = offset + phrase.index(",")
            head = _best_mention([m for m in inside if m.end <= cut])
            if head is not None and head.type not in ("country", "place", "weapon"):
                best = head
        if (
            best is not None
            and best.type != "weapon"
            and not (best.type == "place" and is_anaphor(p))
        ):
            src = catalog().as_source(best.entity, phrase.strip())
            return Said(src, party=best.party)
        if p.lower() in ("he", "she", "it", "they") and self.sentence_last is not None:
            return self.sentence_last  # "X said on Monday, as it warned that ..."
        if is_anaphor(p) or re.fullmatch(r"(?:his|her|its|their) (?:office|spokes\w+)", p, re.I):
            last = self.last.source if self.last else None
            head_word = p.lower().split()[-1]
            if (
                last is not None
                and len(p.split()) <= 2
                and (
                    head_word in f"{last.name} {last.mention or ''}".lower()
                    or last.kind in ANAPHOR_KINDS.get(head_word, ())
                )
            ):
                assert self.last is not None  # the latest speaker fits "the agency"
                return Said(last, list(self.last.via), self.last.party, stated=self.last.stated)
            found = self._antecedent(p)
            if found is not None:
                return Said(found, party=self.parties.get(found.name))
            words_ = p.lower().split()
            kinds = ANAPHOR_KINDS.get(words_[-1], ())
            if len(words_) >= 3 and words_[0] == "the":
                name = " ".join(words_[1:])  # "the information ministry": a new source
                return Said(Source(name=normalise_unknown(name), kind=_guess_kind(name), mention=p))
            last = self.last.source if self.last else None
            fits = last is not None and (
                words_[-1] in f"{last.name} {last.mention or ''}".lower() or last.kind in kinds
            )
            if len(words_) == 2 and words_[0] == "the" and last is not None and not fits:
                name = words_[-1]  # "the governor" after a commander spoke: someone new
                return Said(Source(name=normalise_unknown(name), kind=_guess_kind(name), mention=p))
            if self.last and self.last.source:
                return Said(
                    self.last.source, list(self.last.via), self.last.party, stated=self.last.stated
                )
            if len(p.split()) < 2 or p.lower() in lexicon()["anaphors"]["pronouns"]:
                return None
        cleaned = re.sub(r"^(?:the|a|an)\s+", "", p, flags=re.IGNORECASE)
        if not re.search(r"[A-Za-z]{2}", cleaned) or len(cleaned.split()) > 12:
            return None
        return Said(Source(name=normalise_unknown(cleaned), kind=_guess_kind(cleaned), mention=p))

    def observe(self, ments: list[Ment]) -> None:
        """Remember the organisations and people a sentence names, for "the agency" later."""
        for m in ments:
            if m.type in ("country", "place", "weapon"):
                continue
            src = catalog().as_source(m.entity, m.text)
            self.history.append(src)
            self.parties[src.name] = m.party

    def _antecedent(self, phrase: str) -> Source | None:
        """The latest named source a definite description fits ("the health ministry")."""
        words_ = re.sub(r"^the\s+", "", phrase.lower()).split()
        if not words_ or words_[0] in lexicon()["anaphors"]["pronouns"]:
            return None
        head, mods = words_[-1], words_[:-1]
        kinds = ANAPHOR_KINDS.get(head, ())
        for src in reversed(self.history):
            text = f"{src.name} {src.mention or ''}".lower()
            if mods and not all(m in text for m in mods):
                continue
            if head in text or (src.kind in kinds):
                return src
        if mods:
            for src in reversed(self.history):  # "the rights group": the latest NGO
                if src.kind in kinds and src.kind != "other":
                    return src
        return None

    def transcript(self, sent: Sentence, ments: list[Ment]) -> None:
        """Track "NAME: ..." transcript lines: the speaker of the rest of the line."""
        self.cur_line = sent.line
        if not sent.first_in_line:
            return
        m = TRANSCRIPT.match(sent.text)
        if not m:
            return
        label = m.group(1).strip()
        if label in ("Q", "QUESTION", "REPORTER"):
            self.question_lines.add(sent.line)
            return
        ent = catalog().lookup(label.title()) or catalog().lookup(label)
        if ent is not None:
            said = Said(catalog().as_source(ent, label.title()), party=catalog().party_of(ent))
            said.stated = self.last.stated if self.last else None
        elif self.last is not None:
            said = Said(
                self.last.source, list(self.last.via), self.last.party, stated=self.last.stated
            )
        else:
            return
        self.line_speaker[sent.line] = said

    def attributions(self, sent: Sentence, ments: list[Ment]) -> list[tuple[Frame, Said]]:
        """The sentence's frames, each resolved (frames naming nobody are dropped)."""
        text = sent.text
        frames = find_attributions(text)
        if sent.line == 0 and not frames:
            m = _HEADLINE_COLON.search(text)
            if m:
                frames = [
                    Frame(
                        m.group("who"),
                        m.start("who"),
                        m.end("who"),
                        ":",
                        m.start(),
                        "asserted",
                        "post",
                        (0, m.start()),
                    )
                ]
        out: list[tuple[Frame, Said]] = []
        self.sentence_last = None
        for f in frames:
            said = self.resolve_phrase(f.phrase, ments, f.start)
            if said is not None and said.source is not None and not is_anaphor(f.phrase):
                self.sentence_last = said
            if said is None:
                continue
            if said.source is not None and not is_anaphor(f.phrase):
                self.history.append(said.source)
                self.parties[said.source.name] = said.party
            said.kind = f.kind
            said.frame = f
            out.append((f, said))
        return out

    def said_at(
        self, pos: int, resolved: list[tuple[Frame, Said]], ments: list[Ment], sent: Sentence
    ) -> Said | None:
        """Who says the content at `pos` of the sentence: innermost covering frame is the
        source, outer frames and the cited-by speaker are `via`."""
        if not resolved:
            return None
        cover = [(f, s) for f, s in resolved if f.content[0] <= pos < f.content[1]]
        if len(cover) > 1:
            cover = [(f, s) for f, s in cover if not is_charge(f)] or cover
        if not cover:
            cover = [min(resolved, key=lambda fs: abs(fs[0].verb_start - pos))]

        def contains(a: Frame, b: Frame) -> bool:
            return a is not b and a.content[0] <= b.verb_start < a.content[1]

        frames = [f for f, _ in cover]
        cover.sort(key=lambda fs: -sum(contains(fs[0], g) for g in frames))
        inner_f, inner = cover[-1]
        outers = [s for _, s in cover[:-1]]
        source, party = inner.source, inner.party
        via: list[Via] = []
        cited = [c for c in inner_f.cited if not is_generic(c[0])]
        if cited:
            c = cited[-1]
            cs = self.resolve_phrase(c[0], ments, c[1])
            if cs is not None and cs.source is not None:
                if source is not None:
                    via.append(Via(name=source.name, mention=source.mention))
                source, party = cs.source, cs.party
        for o in reversed(outers):
            if o.source is not None:
                via.append(Via(name=o.source.name, mention=o.source.mention))
        via.extend(inner.via)
        via = [
            v
            for v in via
            if not any(w is not v and v.name in w.name for w in via)
            and not (source is not None and v.name in source.name)
            if not self._is_outlet(v.name, v.mention) and (source is None or v.name != source.name)
        ]
        seen: set[str] = set()
        via = [v for v in via if not (v.name in seen or seen.add(v.name))]  # type: ignore[func-returns-value]
        kind = (
            inner.kind
            if inner.kind != "asserted"
            else next((o.kind for o in outers if o.kind != "asserted"), "asserted")
        )
        return Said(source, via, party, kind, inner.stated, inner_f, [f for f, _ in cover[:-1]])

    def _is_outlet(self, name: str, mention: str | None) -> bool:
        if not self.outlet_key:
            return False
        return _key(name) == self.outlet_key or _key(mention or "") == self.outlet_key

    # -- time -----------------------------------------------------------------------------
    def stated_for(
        self, said: Said | None, sent: Sentence, times: list[TimeExpr], carried: bool
    ) -> tuple[str | None, TimeExpr | None]:
        """`stated` for content of `sent` said as `said`, and the time expression used."""
        text = sent.text
        f = said.frame if said else None
        if f is not None and f.verb != ":":
            for frame in [f, *reversed(said.outer if said else [])]:
                for t in times:
                    if governs_verb(text, frame, t):
                        v = calendar_value(t.value)
                        if v:
                            return v, t  # "Researchers said on Thursday that they estimated"
        if f is None and times and said is not None and not carried:
            # "On Sunday, Britain pledged ...", "The EU approved ... on Thursday": the act is
            # the statement
            for t in times:
                if re.search(
                    r"\b(?:since|until|by|from|through|after|before)\s+$", text[: t.start], re.I
                ):
                    continue
                v = calendar_value(t.value)
                if v:
                    return v, t
        if (
            said is not None
            and said.stated
            and (carried or (f is not None and is_anaphor(f.phrase)))
        ):
            return said.stated, None
        if (
            said is not None
            and said.source is not None
            and self.last is not None
            and self.last.source is not None
            and self.last.source.name == said.source.name
            and self.last.stated
            and sent.line - self.last_line <= 2
        ):
            return self.last.stated, None  # the same speaker, the same statement
        speaker = self.line_speaker.get(sent.line)
        if speaker is not None and speaker.stated:
            return speaker.stated, None
        if (
            sent.line in self.line_stated
            and not sent.first_in_line
            and (
                said is None
                or said.source is None
                or said.frame is None
                or carried
                or said.source.name == self.line_source.get(sent.line)
            )
        ):
            return self.line_stated[sent.line], None  # a dated paragraph goes on
        return self.published, None

    def remember(
        self, said: Said | None, sent: Sentence, stated: str | None, stated_time: TimeExpr | None
    ) -> None:
        if said is not None and said.source is not None:
            said.stated = stated
            self.last = said
            self.last_line = sent.line
        if stated_time is not None and sent.first_in_line and stated:
            self.line_stated[sent.line] = stated
            if said is not None and said.source is not None:
                self.line_source[sent.line] = said.source.name


def is_charge(f: Frame) -> bool:
    """ "..., a charge Abu Dhabi has denied": a second party's answer to the claim."""
    return f.kind == "denied" and bool(
        re.match(
            r"(?:a|an|the)?\s*(?:charges?|accusations?|claims?|allegations?)\b", f.phrase, re.I
        )
    )


def governs_verb(text: str, f: Frame, t: TimeExpr) -> bool:
    vend = f.verb_start + len(f.verb)
    if f.style == "count":
        return False
    if (
        f.style == "according"
        and f.end <= t.start
        and re.fullmatch(r"\s*(?:in|on|at|during)?\s*", text[f.end : t.start])
    ):
        return True  # "according to HUR in December"
    if t.start >= vend:
        gap = text[vend : t.start]
        return (
            len(gap) < 80
            and not re.search(r"\bthat\b|[,;]|\bwhen\b|\bsince\b|\bafter\b|\bbefore\b", gap)
            and len(gap.split()) <= 10
            and not re.fullmatch(r"\d{4}", t.text)
            and not find_cues(gap)  # "said Russia launched 117 drones overnight": the event's
        )
    if f.start <= t.start and t.end <= f.verb_start:
        return True  # "Kanaani on Monday called ..."
    if t.end <= f.start:
        gap = text[t.end : f.start]
        head = text[: t.start]
        if (
            f.style in ("pre", "nested")
            and t.start < 40
            and re.match(r"\s*,", text[t.end :])
            and re.fullmatch(
                r"(?:[A-Z]\w+,\s*)?(?:(?:on|in|at|last|earlier|late|early|this)\s*)?",
                head,
                re.IGNORECASE,
            )
        ):
            return True  # "On Tuesday, Britain hosted ..., where Lammy announced ..."
        return (
            bool(re.fullmatch(r"[^,;]*,\s*(?:[^,]*,\s*)?", gap))
            and "," not in head
            and bool(
                re.fullmatch(
                    r"\W*(?:(?:[A-Z]\w+ly,?\s+)?(?:On|In|At|By|During|Until|Last|Earlier|Late|"
                    r"Early|This|From|As of|Speaking|Addressing|Writing|Asked|Later|Separately|"
                    r"After|Before)\b[^,]*)?",
                    head,
                )
            )
            and not re.search(r"\b(?:since|after|before|until)\s*$", head, re.IGNORECASE)
            and len(head) < 60
        )
    return False


def calendar_value(value: str | None) -> str | None:
    if not value:
        return None
    if re.match(r"^\d{4}-\d{2}-\d{2}T", value):
        return value[:10]
    if re.fullmatch(r"\d{4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}(?:-WE)?|Q\d|SP|SU|FA|WI|H\d))?", value):
        return value
    return None


def _guess_kind(name: str) -> str:
    n = name.lower()
    table = [
        ("intelligence", r"intelligence|spy|nis\b|cia\b|mossad"),
        (
            "military",
            r"army|military|forces|command|air force|navy|general staff|brigade|defen[cs]e",
        ),
        ("media", r"news|agency|times|post|journal|tv|television|radio|outlet|media|reporter"),
        ("ngo", r"charity|rights|watch|amnesty|foundation|ngo|relief|red cross|red crescent"),
        ("international", r"\bun\b|united nations|nato|union|\bwho\b|\biom\b|unicef|ocha"),
        ("official", r"governor|mayor|official|authorit|administration|police|commission|ministry"),
        ("government", r"president|minister|government|spokes|secretary|office"),
    ]
    for kind, pat in table:
        if re.search(pat, n):
            return kind
    return "other"


def _key(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", re.sub(r"^the\s+", "", s.lower()))


def continuation(text: str) -> bool:
    """True when a sentence continues the previous one's statement ("Six others were ...")."""
    return bool(re.search(lexicon()["continuation_starts"], text.strip(), re.IGNORECASE))


COUNTRY_OWNED = re.compile(r"(?:the\s+)?(?:country|nation)['’]s\s+(.+)", re.IGNORECASE)


def _country_owned(phrase: str, ments: list[Ment], offset: int) -> Ment | None:
    """'the country's intelligence agency' after 'a South Korean lawmaker': the institution of
    the party named last before the phrase in the sentence, when the catalogue knows it."""
    m = COUNTRY_OWNED.fullmatch(phrase)
    if m is None:
        return None
    before = [x for x in ments if x.end <= offset and x.party]
    if not before:
        return None
    party = before[-1].party
    ent = catalog().lookup(f"{party}'s {m.group(1)}")
    if ent is None:
        return None
    return Ment(offset, offset + len(phrase), phrase, ent, catalog().party_of(ent) or party)
