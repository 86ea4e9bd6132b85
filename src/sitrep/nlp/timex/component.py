"""The spaCy component `sitrep_dates_v1`: sets `doc.spans["timex"]`.

(CONVENTIONS.md writes it `sitrep_dates.v1`; spaCy forbids '.' in component names.)
Each span's label is the TIMEX3 type and `span._.timex` its `TimeExpr`. The reference date
is `doc._.reference` or `doc.user_data["reference"]` (YYYY-MM-DD), else none. Importing this
module registers the component; it needs only the tokenizer (the tagger reads `doc.text`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..dates import FACTORY, find_timexes

SPAN_KEY = "timex"
COMPONENT = FACTORY

if not Doc.has_extension("reference"):
    Doc.set_extension("reference", default=None)
if not Span.has_extension("timex"):
    Span.set_extension("timex", default=None)


@Language.component(COMPONENT, assigns=["doc.spans", "span._.timex"])
def dates_component(doc: Doc) -> Doc:
    """Find the time expressions in `doc.text` and set them as spans (alignment 'expand')."""
    reference = doc._.reference or doc.user_data.get("reference")
    spans = []
    for t in find_timexes(doc.text, reference):
        span = doc.char_span(t.start, t.end, label=t.type, alignment_mode="expand")
        if span is None:
            continue
        span._.timex = t
        spans.append(span)
    doc.spans[SPAN_KEY] = spans
    return doc
