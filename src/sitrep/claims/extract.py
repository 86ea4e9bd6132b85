"""Claim assembly: sentences → candidate figures and weapon phrases → claims."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from ..nlp.dates import find_timexes
from ..nlp.lexicon import lexicon
from ..nlp.metrics import (
    Cue,
    find_cues,
)
from ..nlp.modality import modality
from ..nlp.quantities import find_quantities
from ..records import Article, Claim, Quantity, TimeExpr
from . import roles, tables
from .candidates import (
    HEAVY_LOSSES,
    Cand,
    candidates,
    needs_parse,
    singular_victims,
)
from .carry import carried_when, date_back, event_dates, remember_day
from .context import (
    ArticleState,
    Ment,
    Said,
    catalog,
    continuation,
    dateline_end,
    governs_verb,
    is_charge,
    mentions,
)
from .dedupe import dedupe
from .denials import denial_claims
from .parse import Tok, parse
from .sentences import Sentence, split_sentences
from .subjects import clean_item, fallback_subject, resolve

# speakers for the victims' own side: their demonym beats an earlier claim's subject
LOCAL_SPEAKER = re.compile(
    r"\b(?:health|medic|medical|hospital|civil defen[cs]e|rescue|emergency|red crescent|"
    r"local|municipal|village|provincial|regional|police|gendarmerie|interior|governor|mayor)\w*",
    re.IGNORECASE,
)
ATTACKER = re.compile(
    r"^(?:-led)?\s+(?:(?:ballistic|cruise|hypersonic|air|drone|missile|rocket|artillery|"
    r"mortar|artillery)\s+)*(?:strikes?|attacks?|shelling|bombardment|air ?raids?|drones?|"
    r"missiles?|rockets?)\b",
    re.IGNORECASE,
)
VICTIM = {
    "casualties.killed",
    "casualties.wounded",
    "casualties.total",
    "casualties.captured",
    "casualties.missing",
    "people.displaced",
}


@dataclass(slots=True)
class Prepared:
    sentences: list[Sentence]
    quantities: list[list[Quantity]]
    times: list[list[TimeExpr]]
    cues: list[list[Cue]]
    parse_ids: list[int]


def extract_article(article: Article) -> list[Claim]:
    """The claims of one article (CLAIMS.md), ids `<article.id>#<n>` in text order."""
    return next(iter(extract_batch([article])))[1]


def extract_batch(
    articles: Iterable[Article], batch_size: int = 32
) -> Iterator[tuple[Article, list[Claim]]]:
    """Extract claims from many articles, parsing sentences in batches."""
    buf: list[Article] = []
    for art in articles:
        buf.append(art)
        if len(buf) >= batch_size:
            yield from _run(buf)
            buf = []
    if buf:
        yield from _run(buf)


def _run(arts: list[Article]) -> Iterator[tuple[Article, list[Claim]]]:
    preps = [_prepare_or_empty(a) for a in arts]
    items = [(p.sentences[si].text, (ai, si)) for ai, p in enumerate(preps) for si in p.parse_ids]
    parsed: dict[tuple[int, int], list[Tok]] = {ctx: toks for toks, ctx in parse(items)}
    for ai, art in enumerate(arts):
        try:
            claims = assemble(art, preps[ai], {si: t for (a, si), t in parsed.items() if a == ai})
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop a batch
            print(
                f"sitrep: {art.id}: extraction failed ({type(exc).__name__}: {exc})",
                file=sys.stderr,
            )
            claims = []
        yield art, claims
    parsed.clear()


def _prepare_or_empty(article: Article) -> Prepared:
    try:
        return prepare(article)
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop a batch
        print(
            f"sitrep: {article.id}: extraction failed ({type(exc).__name__}: {exc})",
            file=sys.stderr,
        )
        return Prepared([], [], [], [], [])


def prepare(article: Article) -> Prepared:
    text = article.text
    sents = split_sentences(text)
    published = article.published[:10] if article.published else None
    qs = find_quantities(text)
    ts = find_timexes(text, published)
    by_q: list[list[Quantity]] = [[] for _ in sents]
    by_t: list[list[TimeExpr]] = [[] for _ in sents]
    cues: list[list[Cue]] = []
    j = 0
    for q in qs:
        while j < len(sents) and sents[j].end <= q.start:
            j += 1
        if j < len(sents) and sents[j].start <= q.start < sents[j].end:
            s = sents[j]
            by_q[j].append(replace(q, start=q.start - s.start, end=min(q.end, s.end) - s.start))
    j = 0
    for t in ts:
        while j < len(sents) and sents[j].end <= t.start:
            j += 1
        if j < len(sents) and sents[j].start <= t.start < sents[j].end:
            s = sents[j]
            dl = dateline_end(s.text) if s.first_in_line else 0
            if t.start - s.start >= dl:
                by_t[j].append(replace(t, start=t.start - s.start, end=min(t.end, s.end) - s.start))
    for i, s in enumerate(sents):
        by_q[i].extend(singular_victims(s.text, by_q[i]))
        by_q[i].sort(key=lambda q: q.start)
    parse_ids = []
    for i, s in enumerate(sents):
        c = find_cues(s.text)
        cues.append(c)
        if c and needs_parse(s.text, by_q[i], c):
            parse_ids.append(i)
    return Prepared(sents, by_q, by_t, cues, parse_ids)


def assemble(article: Article, prep: Prepared, parsed: dict[int, list[Tok]]) -> list[Claim]:
    state = ArticleState(article)
    out: list[Claim] = []
    memory: dict[str, str] = {}
    table = tables.TableContext()
    home = _home(prep.sentences)
    if home:
        memory["home"] = home
    memory.update(event_dates(prep.sentences, prep.times))
    for si, sent in enumerate(prep.sentences):
        dl = dateline_end(sent.text) if sent.first_in_line else 0
        ments = [m for m in mentions(sent.text) if m.start >= dl]
        state.transcript(sent, ments)
        if sent.line in state.question_lines:
            continue
        state.observe([m for m in ments if m.end < len(sent.text) // 2])
        resolved = state.attributions(sent, ments)
        state.observe([m for m in ments if m.end >= len(sent.text) // 2])
        for m in ments:
            if m.type == "armed_group" and m.party:
                memory["armed_group"] = m.party
            if m.party and m.type != "place" and ATTACKER.match(sent.text[m.end : m.end + 40]):
                memory["attacker"] = m.party  # "a Russian missile strike", "RSF drones"
        main = state.said_at(len(sent.text) // 2, resolved, ments, sent)
        carried_main = False
        if main is None and sent.line in state.line_speaker:
            main = state.line_speaker[sent.line]
            carried_main = True
        elif main is None and _opens_quote(sent.text):
            main = _quote_speaker(state, prep.sentences, si)
            carried_main = main is not None
            if main is not None:
                resolved = []
        elif main is None and state.last is not None and continuation(sent.text[dl:]):
            main = Said(
                state.last.source,
                list(state.last.via),
                state.last.party,
                state.last.kind,
                state.last.stated,
            )
            carried_main = True
        toks = parsed.get(si)
        if tables.LINE.match(sent.text):
            out.extend(_table_claims(article, sent, prep.quantities[si], table, state))
            continue
        tables.observe(table, sent.text, ments, main, state.published, prep.cues[si])
        cands = (
            candidates(
                sent.text,
                prep.quantities[si],
                prep.cues[si],
                toks,
                ments,
                dl,
            )
            if si in parsed or prep.quantities[si] or HEAVY_LOSSES.search(sent.text)
            else []
        )
        skip = {id(t) for f, _ in resolved for t in prep.times[si] if governs_verb(sent.text, f, t)}
        remember_day(sent, prep.times[si], skip, memory)
        for cand in cands:
            said = state.said_at(cand.anchor[0], resolved, ments, sent) if resolved else None
            carried = False
            if said is None and main is not None and carried_main:
                said, carried = main, True
            claim = build(
                article, sent, cand, said, carried, state, ments, toks, prep.times[si], skip, memory
            )
            if claim is not None:
                out.append(claim)
                for party in filter(None, memory.pop("_pending_copies", "").split("|")):
                    out.append(replace(claim, subject=party, via=list(claim.via)))
                for f, denier in resolved:
                    if is_charge(f) and said is not None and said.frame is not f:
                        out.append(  # "..., a charge Abu Dhabi has denied"
                            replace(claim, source=denier.source, via=[], modality="denied")
                        )
        if not cands:
            date_back(sent, prep.times[si], skip, out)
        if not any(c.span[0] == sent.start for c in out[-8:]):
            out.extend(
                denial_claims(
                    article,
                    sent,
                    resolved,
                    prep.cues[si],
                    ments,
                    out,
                    memory,
                    state,
                    prep.times[si],
                )
            )
        if main is not None:
            stated, used = state.stated_for(main, sent, prep.times[si], carried_main)
            state.remember(main, sent, stated, used)
    claims = dedupe(out)
    for n, c in enumerate(claims, start=1):
        c.id = f"{article.id}#{n}"
    return claims


def _opens_quote(text: str) -> bool:
    """A sentence that opens a quotation it does not close."""
    t = text.lstrip()
    return t[:1] in ('"', "“") and (text.count('"') % 2 == 1 or text.count("“") > text.count("”"))


def _quote_speaker(state: ArticleState, sents: list[Sentence], si: int) -> Said | None:
    """The speaker named after a quotation that runs over several sentences."""
    line = sents[si].line
    for nxt in sents[si + 1 : si + 4]:
        if nxt.line != line:
            return None
        close = max(nxt.text.rfind('"'), nxt.text.rfind("”"))
        if close < 0:
            continue
        ments = mentions(nxt.text)
        for f, said in state.attributions(nxt, ments):
            if f.start > close:
                return Said(said.source, list(said.via), said.party, said.kind)
        return None
    return None


def _table_claims(
    article: Article,
    sent: Sentence,
    qs: list[Quantity],
    table: tables.TableContext,
    state: ArticleState,
) -> list[Claim]:
    out = []
    said = table.said
    stated = said.stated if said and said.stated else state.published
    for metric, q, item, kind in tables.table_rows(table, sent.text, qs):
        when = table.period if kind == "period" else tables.day_before(stated)
        q2 = replace(q, unit="person" if metric.startswith("casualties") else "item")
        if q2.qualifier == "exact" and q2.value is not None:
            q2 = replace(q2, low=q2.value, high=q2.value)
        out.append(
            Claim(
                article=article,
                text=sent.text,
                span=(sent.start, sent.end),
                metric=metric,
                subject=table.subject or "",
                quantity=_absolute(q2, sent),
                source=said.source if said else None,
                stated=stated,
                modality="asserted",
                item=item,
                via=list(said.via) if said else [],
                when=when,
            )
        )
    return out


def _home(sents: list[Sentence]) -> str | None:
    """The country of the article's dateline ("KYIV, June 12 (...) -" → Ukraine)."""
    for s in sents[:3]:
        dl = dateline_end(s.text) if s.first_in_line else 0
        if dl:
            for m in mentions(s.text[:dl]):
                if m.party:
                    return m.party
    return None


def build(
    article: Article,
    sent: Sentence,
    cand: Cand,
    said: Said | None,
    carried: bool,
    state: ArticleState,
    ments: list[Ment],
    toks: list[Tok] | None,
    times: list[TimeExpr],
    skip: set[int],
    memory: dict[str, str],
) -> Claim | None:
    """Turn a candidate into a claim: subject and recipient, source, time, modality."""
    text = sent.text
    cue = cand.cue
    metric = cand.metric
    spk_party = said.party if said else None
    clause_start = _clause_start(text, min(cand.anchor[0], cue.start), said)
    memory["_sent"] = str(sent.start)
    mention = said.source.mention or said.source.name if said and said.source else ""
    memory["_spk_local"] = "1" if LOCAL_SPEAKER.search(mention or "") else ""
    memory["_frame"] = f"{said.frame.start}:{said.frame.end}" if said and said.frame else ""
    subject, recipient = resolve(cand, text, ments, toks, clause_start, spk_party, memory)
    extra = memory.pop("_extra_subjects", "")  # "from Turkey, Iran and the UAE"
    if cand.item == "them" or (
        cand.metric.startswith("materiel.")
        and cand.head
        and text[cand.head[0] : cand.head[1]].lower() in ("them", "those", "these")
    ):
        if not memory.get("last_item"):
            return None
        cand.item = memory["last_item"]  # "fired thousands of them": the weapons named before
    fallback = subject is None
    if subject is None:
        linked = not re.search(
            r"\b(?:which|who|that|after|before|when|while)\b",
            text[int(memory.get("prev_end@" + str(sent.start), "0")) : cand.anchor[0]],
        )
        subject = (linked and memory.get("prev@" + str(sent.start))) or fallback_subject(cand, text)
        if subject is None:
            return None
    if cand.extra.get("inherit") and memory.get("prev@" + str(sent.start)):
        subject = memory["prev@" + str(sent.start)]
    if recipient == subject:
        recipient = None
    source = said.source if said else None
    via = list(said.via) if said else []
    kind = said.kind if said else "asserted"
    window = _window(text, cand, said)
    if re.search(lexicon()["irrealis"], window, re.IGNORECASE) or text.rstrip().endswith("?"):
        return None
    mod = modality(window, kind)
    if (
        source is None
        and metric in ("aid.pledged",)
        or (source is None and metric == "materiel.supplied" and mod == "planned")
    ):
        ent = catalog().lookup(subject)
        if ent is not None:
            source = catalog().as_source(ent, subject)
            said = Said(source, party=subject)
    stated, stated_time = state.stated_for(said, sent, times, carried)
    if stated_time is not None:
        skip = skip | {id(stated_time)}  # the time of the statement is not the event's
    if (
        article.published is None
        and stated
        and not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", stated)
    ):
        stated = None
    span = cand.anchor
    if -40 < cue.start - cand.anchor[1] < 40 or -40 < cand.anchor[0] - cue.end < 40:
        span = (min(cand.anchor[0], cue.start), max(cand.anchor[1], cue.end))
    when = roles.when_for(
        text,
        times,
        span,
        skip,
        stated,
        state.published,
    )
    if when is None:
        when = carried_when(sent, times, bool(cand.extra.get("inherit")), memory, state.published)
    memory["when@sent" + str(sent.start)] = when or ""
    if when:
        memory["when"] = when
        memory["when@line" + str(sent.line)] = when
    if (
        source is None
        and when
        and "/" not in when
        and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", when)
        and not re.search(r"\bsince\b", text, re.IGNORECASE)
    ):
        stated = when  # an unattributed background fact: stated when it happened
    location = _location(text, ments, cand)
    memory["prev@" + str(sent.start)] = subject
    if cand.item and cand.item != "them":
        memory["last_item"] = cand.item
    memory["prev_end@" + str(sent.start)] = str(cand.anchor[1])
    if not fallback and catalog().lookup(subject) is not None:
        memory[metric] = subject
        if metric in VICTIM:
            memory["victim"] = subject
            memory["victim@" + str(sent.start)] = subject
    if recipient:
        memory[metric + ":recipient"] = recipient
    if extra:
        memory["_pending_copies"] = extra
    return Claim(
        article=article,
        text=text,
        span=(sent.start, sent.end),
        metric=metric,
        subject=subject,
        quantity=_absolute(replace(cand.quantity, unit=cand.unit), sent) if cand.quantity else None,
        source=source,
        stated=stated,
        modality=mod,
        recipient=recipient if metric in ("personnel.deployed", "materiel.supplied") else None,
        item=clean_item(cand.item, ments, cand) if metric.startswith("materiel.") else None,
        location=location,
        via=via,
        when=when,
    )


def _absolute(q: Quantity, sent: Sentence) -> Quantity:
    return replace(q, start=q.start + sent.start, end=q.end + sent.start)


def _clause_start(text: str, pos: int, said: Said | None) -> int:
    floor = 0
    if (
        said
        and said.frame
        and said.frame.style in ("pre", "nested")
        and said.frame.verb_start < pos
    ):
        floor = said.frame.verb_start + len(said.frame.verb)
    seg = text[floor:pos]
    ends = [
        m.end()
        for m in re.finditer(
            r",\s+(?:and\s+|but\s+|while\s+|as\s+)?|;\s*|\bthat\s+|\bwhile\s+", seg
        )
    ]
    return floor + (ends[-1] if ends else 0)


def _window(text: str, cand: Cand, said: Said | None) -> str:
    a = min(cand.anchor[0], cand.cue.start)
    b = max(cand.anchor[1], cand.cue.end)
    left = text[:a]
    cut = max(left.rfind(","), left.rfind(";"), left.rfind(" and "), left.rfind(" as "))
    if said and said.frame and said.frame.verb_start < a:
        cut = max(cut, said.frame.verb_start + len(said.frame.verb))
    start = max(cut + 1, a - 70, 0)
    return text[start:b]


def _location(text: str, ments: list[Ment], cand: Cand) -> str | None:
    places = [m for m in ments if m.type == "place"]
    if not places:
        return None
    a = cand.anchor[0]
    best = min(places, key=lambda m: abs(m.start - a) + (0 if m.start >= a else 30))
    return best.entity.name
