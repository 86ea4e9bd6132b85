"""Who stands behind a claim: source identities for grouping and independence.

An identity is the catalogue entity a source or intermediary name resolves to (the catalogue
folds aliases and romanisations: Lee Seong-kweun = Lee Seong-gwon = Lee Sung-kwon), else the
name's romanisation-folded key (`rules.skeleton`) for multi-word names, else its normalised
form. Each identity also says whether it is *known* (in the catalogue, or carrying a country
or Wikidata id: an extractor's stray phrase such as "the agency's December briefing" is not),
whether it is a whole state ("South Korea" as the speaker), which a specific body of the
same country (its intelligence service) is more precise about, and for a person the body
they speak for (Tedros for the WHO, Budanov for Ukraine's military intelligence).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..records import Source
from .rules import norm, rules, skeleton


@dataclass(frozen=True, slots=True)
class Identity:
    key: str  # "" = unattributed
    known: bool = False
    country: str | None = None
    state: bool = False  # the country itself speaking
    org: str = ""  # for a person, the key of the body they speak for


UNATTRIBUTED = Identity("")


@lru_cache(maxsize=1)
def _lookup() -> Callable[[str], Any] | None:
    """The catalogue's lookup, or None when it cannot be loaded."""
    try:
        from ..catalog import Catalog

        return Catalog.load().lookup
    except Exception:  # fusion works without the catalogue, only less well
        return None


@lru_cache(maxsize=65536)
def name_key(name: str | None) -> str:
    """The identity key of a source or intermediary name."""
    if not name:
        return ""
    lookup = _lookup()
    if lookup is not None:
        entity = lookup(name)
        if entity is not None:
            return "@" + entity.id
    n = norm(name)
    if " " in n:
        sk = skeleton(n)
        if len(sk) >= rules().min_skeleton:
            return "~" + sk
    return n


@lru_cache(maxsize=65536)
def _identity(name: str, country: str | None, wikidata: str | None) -> Identity:
    key = name_key(name)
    if not key:
        return UNATTRIBUTED
    entity = None
    lookup = _lookup()
    if lookup is not None and key.startswith("@"):
        entity = lookup(name)
    if entity is not None:
        org = "@" + entity.org if entity.type == "person" and entity.org else ""
        return Identity(key, True, entity.country or country, entity.type == "country", org)
    return Identity(key, bool(country or wikidata), country)


def identity(source: Source | None) -> Identity:
    """The identity of a claim's source (UNATTRIBUTED for None)."""
    if source is None:
        return UNATTRIBUTED
    return _identity(source.name, source.country, source.wikidata)


@lru_cache(maxsize=65536)
def item_key(name: str | None) -> str:
    """The comparison key of an item: its catalogue weapon ("M-1991" and "240 mm multiple
    rocket launcher" are one), also after a leading qualifier ("North Korean KN-23 ballistic
    missile"), else its normalised name."""
    if not name:
        return ""
    lookup = _lookup()
    if lookup is not None:
        words = name.split()
        for drop in range(min(3, len(words))):
            entity = lookup(" ".join(words[drop:]))
            if entity is not None and entity.type == "weapon":
                return "@" + entity.id
    return norm(name)


@lru_cache(maxsize=65536)
def subject_key(name: str | None) -> str:
    """The comparison key of a subject: its catalogue party ("DPRK" = "North Korea"), else
    its normalised name."""
    if not name:
        return ""
    lookup = _lookup()
    if lookup is not None:
        entity = lookup(name)
        if entity is not None and entity.type in ("country", "armed_group"):
            return "@" + entity.id
    return norm(name)


def canonical_subject(name: str) -> str:
    """A subject as the catalogue names it ("DPRK" -> "North Korea"), else as given."""
    lookup = _lookup()
    entity = lookup(name) if lookup is not None else None
    if entity is not None and entity.type in ("country", "armed_group"):
        return str(entity.name)
    return name
