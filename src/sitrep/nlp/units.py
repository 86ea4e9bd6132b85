"""Units of a quantity: currencies, percentages, measures, and the counted noun after it.

Part of the quantity recogniser (`quantities.py`); all lexicons come from quantities.json.
"""

from __future__ import annotations

from .numbers import Lexicon, Tokens, match_at, match_before


def money_follows(t: Tokens, k: int, lex: Lexicon) -> bool:
    return match_at(t, k, lex.currency_words) is not None or code_at(t, k, lex) is not None


def code_at(t: Tokens, k: int, lex: Lexicon) -> str | None:
    """An upper-case ISO currency code at token k ('USD', 'UAH')."""
    if 0 <= k < t.n and t.words[k].isupper() and t.lows[k] in lex.currency_codes:
        return lex.currency_codes[t.lows[k]]
    return None


def currency_before(t: Tokens, i: int, lex: Lexicon, floor: int) -> tuple[int, str] | None:
    """A currency symbol or code just before token i: (first token index, ISO code)."""
    if i - 1 >= floor and t.words[i - 1] in lex.symbol_chars:
        m = match_before(t, i, lex.currency_symbols, floor)
        if m:
            k = i - m[0]
            # 'US$' is three glued tokens; a lone '$' may stand apart from the number
            if all(t.glued(x) for x in range(k + 1, i)):
                return k, m[1]
    code = code_at(t, i - 1, lex)
    if code and i - 1 >= floor:
        return i - 1, code
    m = match_before(t, i, lex.currency_prefix, floor)  # 'dlrs 14 billion', 'Rs 500 crore'
    if m:
        return i - m[0], m[1]
    return None


def unit_after(t: Tokens, k: int, lex: Lexicon, unit: str | None) -> tuple[str | None, int]:
    """The unit after the number at token k: (unit, end token). 'age' marks an age."""
    m = match_at(t, k, lex.age_after)
    if m:
        return "age", k + m[0]
    if t.low(k) == "-" and t.glued(k) and t.glued(k + 1) and t.is_alpha(k + 1):
        w = t.lows[k + 1]
        m = match_at(t, k + 1, lex.measure)
        if w in ("pound", "pounder"):
            return "lb", k + 2
        if m:
            return m[1], k + 1 + m[0]
        if w in lex.strength_words:
            return "person", k + 2
        return unit, k
    m = match_at(t, k, lex.percent)
    if m:
        return "percent", k + m[0]
    if unit is None:
        m = match_at(t, k, lex.currency_words)
        if m and not (t.lows[k] == "won" and not t.words[k].islower()):
            if t.lows[k] in ("pounds", "pound") and t.low(k - 1) not in lex.scales:
                if t.low(k + 1) in ("of", "(") or t.low(k - 1) == "-":
                    return "lb", k + 1  # '1,300 pounds of explosives', '500-pound bomb'
            return m[1], k + m[0]
        code = code_at(t, k, lex) or lex.symbol_codes.get(t.low(k))
        if code:
            return code, k + 1  # 'UAH', '15€', '100 €'
        if t.low(k) == "of" and match_at(t, k + 1, lex.currency_words):
            return unit_after(t, k + 1, lex, None)[0], k
    else:
        m = match_at(t, k, lex.currency_words)
        if m:
            return unit, k + m[0]
        return unit, k
    m = match_at(t, k, lex.measure)
    if m and not (t.lows[k] == "years" and t.low(k + 1) == "old"):
        w = t.words[k]
        acronym = len(w) > 1 and w.isupper() and w not in lex.uppercase_ok_units  # 'HP', 'MI'
        if not acronym and (
            t.lows[k] not in lex.glued_only_units or (t.glued(k) and not glued_word(t, k + 1))
        ):
            return m[1], k + m[0]
    if t.low(k) == "m" and t.glued(k):
        return "m", k + 1
    return counted_unit(t, k, lex), k


def counted_unit(t: Tokens, k: int, lex: Lexicon) -> str | None:
    """'person' or 'item' when a counted noun follows, maybe after adjectives or names."""
    if t.low(k) == "of":
        k += 1
        if t.low(k) in lex.det_after_of:
            k += 1
    fallback = None
    a = k + (t.low(k) in ("others", "other", "more", "additional", "further"))
    while t.low(a) in lex.aux and a < k + 4:
        a += 1
    if t.low(a) in lex.person_participles:  # '250 taken hostage', '1,000 had been injured'
        return "person"
    unknown = 0
    for _ in range(10):
        if k >= t.n:
            break
        w = t.lows[k]
        if w in lex.person or w in lex.item:
            while t.low(k + 1) in lex.person or t.low(k + 1) in lex.item:
                k += 1  # the head of a compound: 'fighter jets', 'police cars'
            return "person" if t.lows[k] in lex.person else "item"
        if w in lex.person_adj:
            fallback = "person"
        word = t.words[k]
        if w in lex.item_context or w in lex.person_adj:
            k += 1
        elif word[0].isalpha() and word[0].isupper():
            k += 1
        elif w == "-" and t.glued(k) and t.glued(k + 1):
            k += 1
        elif word[0].isdigit() and (t.glued(k) or t.glued(k + 1)):
            k += 1
        elif word.isdigit() and t.is_alpha(k - 1) and t.words[k - 1][0].isupper():
            k += 1  # 'Panzerhaubitze 2000 howitzers'
        elif word[0].isalpha() and t.glued(k) and t.low(k - 1) == "-":
            k += 1
        elif word.isalpha() and w not in lex.stop and unknown < lex.unknown_max:
            unknown += 1
            k += 1
        else:
            break
    return fallback


def glued_word(t: Tokens, k: int) -> bool:
    """Token k is a letter or digit run touching the token before it."""
    return k < t.n and t.glued(k) and t.words[k][0].isalnum()
