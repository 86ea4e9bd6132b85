"""The entity catalogue: sources, parties, places and weapons with their aliases.

The data lives in `sitrep/data/catalog.json`; this module loads it and answers three questions:
which entity does a name mean (`lookup`), where are entities named in a text (`find_mentions`),
and which party (country or armed group) a mention stands for (`party_of`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep.errors import InputError
from sitrep.records import SOURCE_KINDS, Source

TYPES = tuple(
    "intelligence military government official media ngo international country armed_group person"
    " place weapon other".split()
)
PARTY_TYPES = ("country", "armed_group")
# Types whose party is the country they belong to (an army speaks for its state).
STATE_TYPES = ("intelligence", "military", "government", "official")

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?<=\w)'s?$|(?<=s)'$", re.IGNORECASE)
_TITLES = re.compile(
    r"^(?:(?:president|prime minister|(?:deputy |foreign |defen[cs]e )?minister|secretary|"
    r"(?:lt\.?|lieutenant|maj\.?|major|brig\.?|brigadier)?\s?(?:gen\.?|general)|col\.?|colonel|"
    r"adm\.?|admiral|rear adm\.?|capt\.?|captain|rep\.?|sen\.?|dr\.?|mr\.?|mrs\.?|ms\.?|"
    r"mayor|governor|spokes(?:man|woman|person)|senior|field marshal|marshal|commander)\s+)+",
    re.IGNORECASE,
)
# A lower-case Arabic article glued to a name ("al-Shabaab", "el-Fasher", "ash-Sham"): the
# name's case is judged after it, and a token after it is not behind a "pro-" style prefix.
_ARTICLE = re.compile(
    r"^(?:[Aa]l|[Ee]l)[-\u2010\u2011 ](?=\w)|^(?:[Aa][dnrstz]|[Aa]sh)[-\u2010\u2011](?=\w)"
)
_ARTICLE_WORDS = frozenset("al el ad an ar as at az ash".split())
_SMALL_WORDS = frozenset("a an and at by for in of on or the to with de du al el la".split())
# Korean (and general) romanisation variants folded together by the loose key; applied in order.
_FOLDS = tuple(
    tuple(pair.split(">"))
    for pair in "kh>h eo>o eu>u oo>u ou>u u>o ae>e iy>i yy>i ii>i sh>s ch>j k>g t>d p>b w>".split()
)

# Korean surnames romanised several ways (이 Lee/Yi/Rhee/Ri, 박 Park/Pak/Bak, 최 Choe/Choi).
_SURNAME_FOLD = {"yi": "lee", "rhee": "lee", "ri": "lee", "i": "lee", "pak": "park", "bak": "park"}
_SURNAME_FOLD |= {"choi": "choe", "chwe": "choe", "noh": "no", "roh": "no", "ro": "no"}
_SURNAMES = re.compile(r"^(" + "|".join(_SURNAME_FOLD) + r") (?=\w+ \w)")


@dataclass(frozen=True, slots=True)
class Entity:
    """One catalogue entry. `kind` is the source kind (CLAIMS.md) or None for places/weapons."""

    id: str
    name: str
    type: str
    kind: str | None = None
    country: str | None = None
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    short_names: tuple[str, ...] = ()
    the_names: tuple[str, ...] = ()
    post: str | None = None
    org: str | None = None
    party: str | None = None
    parent: str | None = None
    category: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every surface form that names this entity (canonical name, aliases, demonyms)."""
        return (self.name, *self.aliases, *self.demonyms, *self.the_names)


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity named in a text: `text[start:end]` is the surface form."""

    start: int
    end: int
    text: str
    entity: Entity


def strip_accents(s: str) -> str:
    """Remove diacritics ("Türkiye" → "Turkiye")."""
    if s.isascii():
        return s
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def key(name: str) -> str:
    """The exact lookup key: case, accents, "the", possessive and punctuation spacing removed."""
    s = strip_accents(name.translate(_APOSTROPHES)).strip()
    s = _LEADING_THE.sub("", s)
    s = _POSSESSIVE.sub("", s.strip())
    return " ".join(_TOKEN.findall(s.lower()))


def loose_key(name: str) -> str:
    """A transliteration-tolerant key: no separators, romanisation variants folded together."""
    s = _SURNAMES.sub(lambda m: _SURNAME_FOLD[m.group(1)], key(name)).replace(" ", "")
    for a, b in _FOLDS:
        s = s.replace(a, b)
    s = re.sub(r"(.)\1+", r"\1", s)
    return s[:-1] + "i" if s.endswith("y") else s


def normalise_unknown(name: str) -> str:
    """Tidy a name that is not in the catalogue: no "the", no possessive, single spaces,
    title case when it was all lower case ("the kiel institute's" → "Kiel Institute")."""
    s = " ".join(name.translate(_APOSTROPHES).split())
    s = _LEADING_THE.sub("", s)
    s = _POSSESSIVE.sub("", s).strip(" ,;:.\"'")
    if s and s == s.lower():
        words = s.split(" ")
        s = " ".join(
            w if (i and w in _SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words)
        )
    return s


_STRICTNESS = {"any": 0, "title": 1, "mixed": 2, "upper": 2, "the": 3}
_THE_BEFORE = re.compile(r"(?:^|\W)the\s+$", re.IGNORECASE)
_CAPITAL_AFTER = re.compile(r"[ \t]+[A-Z]")


def _alias_rule(e: Entity, alias: str) -> str:
    """The casing rule of one alias; names written "The X" or listed in `the_names` need "the"."""
    if alias in e.the_names or alias[:4].lower() == "the ":
        return "the"
    return _case_rule(alias)


def _case_rule(alias: str) -> str:
    """How a surface form must be cased to count: acronyms exactly, proper names capitalised."""
    if alias[:1].isupper():  # "Al-Shabaab" is also "al-Shabaab"; "al-Qaeda" any case
        alias = _ARTICLE.sub("", alias)
    letters = [c for c in alias if c.isalpha()]
    if len(letters) >= 2 and not any(c.islower() for c in letters):
        return "upper"
    if " " not in alias and sum(c.isupper() for c in letters) >= 2:
        return "mixed"  # "LeT", "DoD": never the plain word "Let"
    if letters and alias.lstrip("'\"")[:1].isupper():
        return "title"
    return "any"


def _case_ok(rule: str, surface: str) -> bool:
    if rule == "any":
        return True
    if rule == "the":
        return surface[:1].isupper()
    if rule == "upper":
        letters = [c for c in surface if c.isalpha()]
        if len(letters) > 2 and letters[-1] == "s":
            letters.pop()  # a plural acronym ("IEDs"), but "Us" is not "US"
        return all(c.isupper() for c in letters)
    if rule == "mixed":  # "LeT" but neither "Let" nor a headline's "LET"
        return sum(c.isupper() for c in surface) >= 2 and any(c.islower() for c in surface)
    return surface[:1].isupper() or _ARTICLE.sub("", surface, count=1)[:1].isupper()


class Catalog:
    """The loaded catalogue with its lookup indexes and mention trie."""

    def __init__(self, entities: Iterable[Entity], ambiguous: dict[str, list[str]] | None = None):
        self.entities: list[Entity] = list(entities)
        self.by_id: dict[str, Entity] = {e.id: e for e in self.entities}
        self.ambiguous: dict[str, list[str]] = {key(k): v for k, v in (ambiguous or {}).items()}
        self._exact: dict[str, Entity] = {}
        self._rules: dict[str, set[str]] = {}
        self._loose: dict[str, Entity | None] = {}
        self._trie: dict[str, Any] = {}
        self._short: dict[str, dict[str, Any]] = {}
        self._countries: dict[str, Entity] = {}
        for e in self.entities:
            if e.type == "country" and e.country:
                self._countries.setdefault(e.country, e)
        for e in self.entities:
            self._index(e)
        for k, ids in self.ambiguous.items():
            self._set_ambiguous(k, [self.by_id[i] for i in ids])
        # Ambiguous keys whose readings belong to different countries: re-read by context.
        self._context_keys: frozenset[str] = frozenset(
            k
            for k, ids in self.ambiguous.items()
            if len({self.by_id[i].country for i in ids}) == len(ids)
        )
        self._context_ids = frozenset(i for k in self._context_keys for i in self.ambiguous[k])

    # -- building -------------------------------------------------------------------------
    def _index(self, e: Entity) -> None:
        for alias in e.names:
            k = key(alias)
            if not k:
                continue
            rule = _alias_rule(e, alias)
            if self._exact.setdefault(k, e) is e:
                self._rules.setdefault(k, set()).add(rule)
            lk = loose_key(alias)
            if lk in self._loose and self._loose[lk] is not e:
                self._loose[lk] = None  # two entities fold together: never guess between them
            elif lk:
                self._loose[lk] = e
            self._insert(self._trie, k, rule, e)
        for short in e.short_names:
            self._insert(self._short.setdefault(e.id, {}), key(short), _case_rule(short), e)

    @staticmethod
    def _insert(trie: dict[str, Any], k: str, rule: str, e: Entity) -> None:
        node = trie
        for tok in k.split(" "):
            node = node.setdefault(tok, {})
        old = node.get("")
        if old is None:
            node[""] = ((e, rule),)
        elif old[0][0] is e and _STRICTNESS[rule] < _STRICTNESS[old[0][1]]:
            node[""] = ((e, rule),)  # the same entity spelled more loosely elsewhere
        # otherwise first writer wins, like the exact index; the ambiguity list overrides

    def _set_ambiguous(self, k: str, cands: list[Entity]) -> None:
        """A key shared by several entities: the first is the default reading, but one that
        must be written "the X" wins where the text says "the X" ("the Lancet")."""
        self._exact[k] = cands[0]
        self._rules[k] = {_alias_rule(cands[0], a) for a in cands[0].names if key(a) == k}
        options = []
        for e in cands:
            rules = [_alias_rule(e, a) for a in e.names if key(a) == k] or ["any"]
            options.append((e, min(rules, key=_STRICTNESS.__getitem__)))
        options.sort(key=lambda o: o[1] != "the")
        node = self._trie
        for tok in k.split(" "):
            node = node.setdefault(tok, {})
        node[""] = tuple(options)

    # -- loading --------------------------------------------------------------------------
    @classmethod
    def from_file(cls, path: Path) -> Catalog:
        """Load a catalogue JSON file; malformed entries raise InputError naming the file."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(str(path), f"cannot read catalogue: {exc}") from exc
        return cls.from_data(data, str(path))

    @classmethod
    def from_data(cls, data: dict[str, Any], origin: str = "catalog") -> Catalog:
        entities = []
        for i, raw in enumerate(data.get("entities", [])):
            try:
                entities.append(_entity(raw))
            except (KeyError, TypeError, ValueError) as exc:
                raise InputError(origin, f"entity {i}: {exc}") from exc
        ambiguous = data.get("ambiguous") or {}
        known = {e.id for e in entities}
        for alias, ids in ambiguous.items():
            for entity_id in ids:
                if entity_id not in known:
                    raise InputError(
                        origin, f"ambiguous alias {alias!r} names unknown id {entity_id!r}"
                    )
        cat = cls(entities, ambiguous)
        return cat

    @classmethod
    def load(cls) -> Catalog:
        """The packaged default catalogue (loaded once, then cached)."""
        return _default()

    # -- queries --------------------------------------------------------------------------
    def get(self, entity_id: str) -> Entity | None:
        return self.by_id.get(entity_id)

    def lookup(self, mention: str) -> Entity | None:
        """The entity a name means: exact alias first, then transliteration-tolerant."""
        k = key(mention)
        if not k:
            return None
        e = self._exact.get(k)
        if k in self.ambiguous and _LEADING_THE.match(mention.strip()):
            for other in (self.by_id[i] for i in self.ambiguous[k]):
                if any(key(a) == k and _alias_rule(other, a) == "the" for a in other.names):
                    return other  # "The Lancet" is the journal, "Lancet" the drone
        if e is not None and k in self.ambiguous:
            for other in (self.by_id[i] for i in self.ambiguous[k][1:]):
                if not self._written_so(e, k, _surface(mention)) and self._written_so(
                    other, k, _surface(mention)
                ):
                    return other  # "JeM" is Jaish-e-Mohammed, "JEM" the Darfur movement
        if e is not None:
            rules = self._rules.get(k, set())
            if len(rules) == 1 and rules <= {"upper", "mixed"}:
                if not _case_ok(next(iter(rules)), _surface(mention)):
                    return None  # "us" is a pronoun, not the US; "Let" is not LeT
            if rules == {"the"} and not _LEADING_THE.match(mention.strip()):
                return None  # "Times" alone is not The Times
            return e
        if len(k) < 5:
            return None  # too short to guess at spelling variants
        loose = self._loose.get(loose_key(mention))
        if loose is None and _TITLES.match(mention.strip()):
            return self.lookup(_TITLES.sub("", mention.strip()))  # "Gen. Oleksandr Syrskyi"
        return loose

    def find_mentions(self, text: str, known: Iterable[Entity] = ()) -> list[Mention]:
        """Entities named in `text`, longest match first, whole words only, left to right.

        A person's short name ("Lee") counts only after their full name, in `text` or among
        `known` (entities named earlier in the same document, for sentence-by-sentence use).
        """
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        norm = [_norm_token(t) for _, _, t in toks]
        out: list[Mention] = []
        short_roots: dict[str, Any] = {}
        for e in known:
            short_roots.update(self._short.get(e.id, {}))
        root = self._trie
        i, n = 0, len(toks)
        while i < n:
            if norm[i] not in root and norm[i] not in short_roots and not _plural_in(norm[i], root):
                i += 1
                continue
            if _after_prefix(text, toks, i):
                i += 1
                continue
            best = self._walk(text, toks, norm, i, root)
            if best is None and short_roots:
                best = self._walk(text, toks, norm, i, short_roots)
            if best is None:
                i += 1
                continue
            j, e = best
            start, end = toks[i][0], toks[j][1]
            out.append(Mention(start, end, text[start:end], e))
            if e.short_names and e.id in self._short:
                for tok, sub in self._short[e.id].items():
                    short_roots[tok] = sub
            i = j + 1
        if self._context_keys and out:
            self._by_context(out, known)
        return out

    def _by_context(self, out: list[Mention], known: Iterable[Entity]) -> None:
        """Re-read an acronym shared by entities ("SNA": Syrian or Somali National Army; "AFP")
        by what else the text names: a reading spelled out in full wins ("Armed Forces of the
        Philippines (AFP)"); else, for the default reading, a reading of the one country named
        around it, where it is written the same way (so bare "AFP" stays the agency)."""
        hits = [(n, key(m.text)) for n, m in enumerate(out) if m.entity.id in self._context_ids]
        hits = [(n, k) for n, k in hits if k in self._context_keys]
        if not hits:
            return
        ambiguous = {n for n, _ in hits}
        others = [m for n, m in enumerate(out) if n not in ambiguous]
        full: dict[str, list[Mention]] = {}  # readings spelled out, by their initials
        for o in others:
            if o.entity.id in self._context_ids:
                full.setdefault(_initials(o.text), []).append(o)
        ctx = Counter(m.entity.country for m in others)
        ctx.update(e.country for e in known)
        for n, k in hits:
            m, ids = out[n], self.ambiguous[k]
            # "Armed Forces of the Philippines (AFP)": the nearest reading spelled out before
            spelled = [o for o in full.get(k, ()) if o.entity.id in ids]
            if spelled:
                before = [o for o in spelled if o.end <= m.start]
                pick = before[-1] if before else spelled[0]
                out[n] = Mention(m.start, m.end, m.text, pick.entity)
                continue
            if m.entity.country in ctx or m.entity.id != ids[0]:
                continue  # fits its context, or already read another way ("the AFP")
            # "the Senate" may be Nigeria's when Nigeria is named twice, but "AFP" is the agency
            the = self._rules.get(k) == {"the"}
            fits = [e for e in (self.by_id[i] for i in ids[1:]) if ctx[e.country] > the]
            if len(fits) == 1 and self._written_so(fits[0], k, m.text, the):
                out[n] = Mention(m.start, m.end, m.text, fits[0])

    @staticmethod
    def _written_so(e: Entity, k: str, surface: str, the: bool = False) -> bool:
        """Whether `e` has an alias with key `k` that `surface` is written as ("the X" ones
        only when `the`)."""
        rules = {_alias_rule(e, a) for a in e.names if key(a) == k}
        return any((the or r != "the") and _case_ok(r, surface) for r in rules)

    def _walk(
        self, text: str, toks: list[tuple[int, int, str]], norm: list[str], i: int, root: dict
    ) -> tuple[int, Entity] | None:
        node: dict[str, Any] | None = root
        found: list[tuple[int, tuple[tuple[Entity, str], ...], bool]] = []
        j = i
        while node is not None and j < len(toks):
            t = norm[j]
            nxt = node.get(t)
            if nxt is None and len(t) > (1 if j > i else 2) and t.endswith("s"):
                for singular in _singulars(t):
                    sub = node.get(singular)
                    if sub is not None and "" in sub:
                        found.append((j, sub[""], True))
                        break
            if nxt is None:
                break
            if "" in nxt:
                found.append((j, nxt[""], False))
            node = nxt
            j += 1
            if j < len(toks) and not _joined(text, toks[j - 1][1], toks[j][0]):
                break
        for j, options, plural in sorted(found, key=lambda f: -f[0]):
            for e, rule in options:
                if rule == "the" and (plural or not _the_ok(text, toks[i][0], toks[j][1])):
                    continue
                if _case_ok(rule, text[toks[i][0] : toks[j][1]]):
                    return j, e
        return None

    def party_of(self, entity: Entity | str | None) -> str | None:
        """The country or armed group an entity (or a name) stands for as a party ("Pyongyang"
        → North Korea); None for places, weapons, media, NGOs and international bodies."""
        seen: set[str] = set()
        e = self.lookup(entity) if isinstance(entity, str) else entity
        while e is not None and e.id not in seen:
            seen.add(e.id)
            if e.party == e.id:
                return e.name  # a body that acts as a party itself (the EU, NATO)
            if e.party:
                e = self.by_id.get(e.party)
                continue
            if e.type in PARTY_TYPES:
                return e.name
            if e.type == "person":
                e = self.by_id.get(e.org) if e.org else self._country(e.country)
                continue
            if e.type in STATE_TYPES:
                e = self._country(e.country)
                continue
            return None
        return None

    def as_source(self, entity: Entity, mention: str | None = None) -> Source:
        """The `source` object for a claim attributed to `entity` (named as `mention`)."""
        e = entity
        if e.type == "place" and e.party and e.party in self.by_id:
            e = self.by_id[e.party]  # "Seoul said" is South Korea speaking
        kind = e.kind if e.kind in SOURCE_KINDS else None
        if kind is None:
            kind = "official" if e.type == "person" else "other"
        return Source(
            name=e.name, kind=kind, country=e.country, mention=mention, wikidata=e.wikidata
        )

    def _country(self, code: str | None) -> Entity | None:
        return self._countries.get(code) if code else None

    def __len__(self) -> int:
        return len(self.entities)


def _entity(raw: dict[str, Any]) -> Entity:
    if raw["type"] not in TYPES:
        raise ValueError(f"unknown type {raw['type']!r}")
    return Entity(
        id=raw["id"],
        name=raw["name"],
        type=raw["type"],
        kind=raw.get("kind"),
        country=raw.get("country"),
        wikidata=raw.get("wikidata"),
        aliases=tuple(raw.get("aliases") or ()),
        demonyms=tuple(raw.get("demonyms") or ()),
        short_names=tuple(raw.get("short_names") or ()),
        the_names=tuple(raw.get("the_names") or ()),
        post=raw.get("post"),
        org=raw.get("org"),
        party=raw.get("party"),
        parent=raw.get("parent"),
        category=raw.get("category"),
    )


@lru_cache(maxsize=1)
def _default() -> Catalog:
    text = resources.files("sitrep").joinpath("data/catalog.json").read_text(encoding="utf-8")
    return Catalog.from_data(json.loads(text), "sitrep/data/catalog.json")


def _surface(mention: str) -> str:
    return _LEADING_THE.sub("", mention.strip())


def _norm_token(tok: str) -> str:
    return strip_accents(tok).lower() if not tok.isascii() else tok.lower()


def _the_ok(text: str, start: int, end: int) -> bool:
    """A "the" name ("the North") counts after "the", capitalised, and not as the first
    word of a longer name ("the North Caucasus")."""
    return (
        text[start : start + 1].isupper()
        and _THE_BEFORE.search(text[max(0, start - 6) : start]) is not None
        and _CAPITAL_AFTER.match(text, end) is None
    )


def _initials(name: str) -> str:
    """The acronym a spelled-out name makes ("Armed Forces of the Philippines" → "afp")."""
    return "".join(w[0] for w in re.split(r"[\s\-]+", name) if w[:1].isupper()).lower()


def _singulars(tok: str) -> tuple[str, ...]:
    """Singular readings of a plural token ("batteries" → "battery", "Shaheds" → "shahed")."""
    if tok.endswith("ies") and len(tok) > 4:
        return (tok[:-3] + "y", tok[:-1])
    if tok.endswith("es") and len(tok) > 3:
        return (tok[:-1], tok[:-2])
    return (tok[:-1],)


def _plural_in(tok: str, root: dict[str, Any]) -> bool:
    return len(tok) > 2 and tok.endswith("s") and any(s in root for s in _singulars(tok))


def _joined(text: str, end: int, start: int) -> bool:
    """Two tokens belong to one name when only spaces, hyphens, dots or apostrophes separate them."""
    gap = text[end:start]
    return len(gap) <= 3 and all(c in " -.'\u2019\u2010\u2011\u2013" for c in gap)


def _after_prefix(text: str, toks: list[tuple[int, int, str]], i: int) -> bool:
    """A token glued by a hyphen to a lower-case prefix ("pro-Russian") is not a name."""
    if i == 0:
        return False
    p_start, p_end, prev = toks[i - 1]
    gap = text[p_end : toks[i][0]]
    if gap not in ("-", "\u2010", "\u2011") or not prev.islower():
        return False
    if prev not in _ARTICLE_WORDS:
        return True
    if i >= 2 and text[toks[i - 2][1] : p_start] == " ":  # "Hafez al-Assad" is not Bashar
        before = toks[i - 2][2]
        if before[:1].isupper() and before.lower() not in _SMALL_WORDS:
            return True
    return _after_prefix(text, toks, i - 1)  # "pro-al-Qaeda"
