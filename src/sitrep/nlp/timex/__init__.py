"""Rule-based TIMEX3 tagger internals; the public API is sitrep.nlp.dates."""
