"""Language data: the words minutes use (numbering forms, attendance headings, titles, decision and vote
cues), kept in TOML files apart from the code that reads them, grouped by the conventions of the UK,
Ireland, Australia and New Zealand, the US and Canada. A new convention is added by adding words here.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from importlib import resources
from typing import Any


@functools.cache
def load(name: str) -> dict[str, Any]:
    """The vocabulary file ``name``.toml, read once."""
    text = resources.files(__package__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def alternation(phrases: Iterable[str], space: str = r"\s+") -> str:
    """Vocabulary phrases as one regular-expression alternation: each escaped, longest first (so that
    'carried unanimously' wins over 'carried'), the spaces inside a phrase matching ``space``."""
    return "|".join(re.escape(p).replace(r"\ ", space) for p in sorted(set(phrases), key=len, reverse=True))


def words(name: str, key: str) -> tuple[str, ...]:
    """A list of words from a vocabulary file; a table of lists (one per convention) is flattened."""
    value = load(name)[key]
    if isinstance(value, dict):
        return tuple(word for group in value.values() for word in group)
    return tuple(value)
