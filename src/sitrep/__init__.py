"""sitrep: a ledger of source-attributed claims from conflict news, and their fusion."""

__version__ = "0.1.0"
