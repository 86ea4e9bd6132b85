"""NLP stages: quantities, dates, attribution, metrics, entities; each a spaCy component."""
