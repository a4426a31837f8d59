"""Whether a document is written in a language the vocabulary knows (its commonest words decide).

The extractors read English minutes. A council's French *procès-verbal* or a Welsh-only minute passes
through the pipeline (its meeting, date and text are stored) without facts read by English rules.
"""

from __future__ import annotations

import functools
import re

from extractors.vocabulary import load

WORD = re.compile(r"[^\W\d_]+")
SAMPLE = 20_000  # characters read: enough words to tell, and a long document costs no more


@functools.cache
def _known() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    vocabulary = load("languages")
    read = frozenset(w for group in vocabulary["read"].values() for w in group)
    others = {name: frozenset(group) for name, group in vocabulary["other"].items()}
    return read, others


def reads_as_known_language(text: str) -> bool:
    """True unless another language's common words outnumber those of the languages the rules are
    written for (a document too short to tell is read)."""
    read, others = _known()
    counts = dict.fromkeys(others, 0)
    known = 0
    for word in WORD.findall(text[:SAMPLE].lower()):
        if word in read:
            known += 1
        for name, common in others.items():
            if word in common:
                counts[name] += 1
    return known >= max(counts.values(), default=0)
