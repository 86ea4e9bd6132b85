"""The spaCy component `sitrep_quantities_v1`: sets `doc.spans["quantity"]`.

(CONVENTIONS.md writes it `sitrep_quantities.v1`; spaCy forbids '.' in component names.)
Each span carries its `Quantity` in `span._.quantity`. Importing this module registers the
component; it needs only the tokenizer (the recogniser reads `doc.text`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .quantities import find_quantities

SPAN_KEY = "quantity"
COMPONENT = "sitrep_quantities_v1"

if not Span.has_extension("quantity"):
    Span.set_extension("quantity", default=None)


@Language.component(
    COMPONENT,
    assigns=["doc.spans", "span._.quantity"],
)
def quantities_component(doc: Doc) -> Doc:
    """Find the quantities in `doc.text` and set them as spans (alignment 'expand')."""
    spans = []
    for q in find_quantities(doc.text):
        span = doc.char_span(q.start, q.end, label="QUANTITY", alignment_mode="expand")
        if span is None:
            continue
        span._.quantity = q
        spans.append(span)
    doc.spans[SPAN_KEY] = spans
    return doc
