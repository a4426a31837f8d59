"""Stage 5, resolve: canonical keys that tie facts from many documents to one record.

People within a council are keyed by surname and first initial; indicators by their content
words, with near-duplicates (rapidfuzz) folded onto the first one seen.
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz, process

from extractors.names import fold, split_title
from extractors.text import STOP_WORDS

# Indicators are compared on their content words: "the number of referrals" ~ "referrals".
INDICATOR_STOP = STOP_WORDS | {"number", "percentage", "proportion", "rate"}
INDICATOR_MATCH = 90.0
COUNCILLOR_TITLES = re.compile(r"councillor|cllr|alderman|mayor", re.IGNORECASE)


def person_key(name: str) -> str:
    """'County Councillor A Atkinson' -> 'atkinson|a'; 'Driver' -> 'driver|'."""
    words = fold(split_title(name)[0]).split()
    if not words:
        return ""
    initial = words[0][0] if len(words) > 1 else ""
    return f"{words[-1]}|{initial}"


def person_kind(role: str | None) -> str | None:
    if not role:
        return None
    return "councillor" if COUNCILLOR_TITLES.search(role) else "officer"


SHORT_FORM = re.compile(r"\([A-Za-z]{2,8}\)")  # 'children looked after (CLA) rate': the abbreviation kept


@functools.lru_cache(maxsize=16384)
def indicator_key(text: str) -> str:
    words = [w for w in fold(SHORT_FORM.sub(" ", text)).split() if w not in INDICATOR_STOP]
    return " ".join(words)[:300]


def match_indicator(key: str, known: dict[str, int]) -> int | None:
    """The id of a known indicator whose key is close enough to ``key``, else None."""
    if key in known:
        return known[key]
    if not known or not key:
        return None
    best = process.extractOne(key, known.keys(), scorer=fuzz.token_sort_ratio, score_cutoff=INDICATOR_MATCH)
    return known[best[0]] if best else None
