"""The claim lexicon (src/sitrep/data/lexicon.json), loaded once and compiled to regexes."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The raw lexicon data."""
    data = resources.files("sitrep").joinpath("data/lexicon.json").read_text(encoding="utf-8")
    out: dict[str, Any] = json.loads(data)
    return out


@lru_cache(maxsize=256)
def words(pattern: str) -> re.Pattern[str]:
    """A case-insensitive regex matching `pattern` (alternatives) as whole words."""
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE)


def rx(name: str) -> re.Pattern[str]:
    """The top-level lexicon entry `name` compiled as a whole-word regex."""
    value = lexicon()[name]
    assert isinstance(value, str), name
    return words(value)
