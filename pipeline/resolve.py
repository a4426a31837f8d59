"""Stage 5, resolve: canonical keys that tie facts from many documents to one record.

People within a council are keyed by surname and first initial; indicators by their content
words, with near-duplicates (rapidfuzz) folded onto the first one seen. A vote's mover, seconder
and named voters link to the one person of the meeting (else of the council) their name fits; a
carried vote links to the resolution that records its motion.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from extractors.names import fold, split_title
from extractors.text import STOP_WORDS
from models.records import Vote

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


def people_fitting(name: str, known: Iterable[tuple[int, str]]) -> set[int]:
    """The ids of the ``known`` people, as (id, name_key), that ``name`` as written may be.

    The surname must be the same, and the initial too where both have one: 'Cllr Smith' fits 'smith|j'
    and 'smith|'; 'A Smith' fits 'smith|a' and 'smith|' but not 'smith|b', and of those only 'smith|a'
    when it is there.
    """
    key = person_key(name)
    if not key:
        return set()
    surname, initial = key.split("|")
    fits = [(id_, known_key) for id_, known_key in known if _fits(known_key, surname, initial)]
    exact = {id_ for id_, known_key in fits if known_key == key}
    if initial and len(exact) == 1:
        return exact
    return {id_ for id_, _ in fits}


def _fits(known_key: str, surname: str, initial: str) -> bool:
    known_surname, _, known_initial = known_key.partition("|")
    return known_surname == surname and (not initial or known_initial in ("", initial))


def surname_of(name: str) -> str:
    """The surname part of ``name``'s key: 'Cllr John Smith' -> 'smith'."""
    return person_key(name).split("|")[0]


def one_person(name: str, *tiers: Iterable[tuple[int, str]]) -> int | None:
    """The person ``name`` is, looked for tier by tier (the meeting's attendees, then the council's people):
    the first tier any of whose people fit decides; one fit is the person, several are no one."""
    for known in tiers:
        fits = people_fitting(name, known)
        if fits:
            return fits.pop() if len(fits) == 1 else None
    return None


def person_kind(role: str | None) -> str | None:
    if not role:
        return None
    return "councillor" if COUNCILLOR_TITLES.search(role) else "officer"


SHORT_FORM = re.compile(r"\([A-Za-z]{2,8}\)")  # 'children looked after (CLA) rate': the abbreviation kept


@functools.lru_cache(maxsize=16384)
def indicator_key(text: str) -> str:
    words = [w for w in fold(SHORT_FORM.sub(" ", text)).split() if w not in INDICATOR_STOP]
    return " ".join(words)[:300]


@functools.lru_cache(maxsize=65536)
def _sorted_words(key: str) -> str:
    """The key's words in sorted order: what ``fuzz.token_sort_ratio`` compares."""
    return " ".join(sorted(key.split()))


class IndicatorIndex:
    """The known indicator keys of one council and their ids; a key matches exactly or, failing that,
    the first known key with the highest ``token_sort_ratio`` of at least ``INDICATOR_MATCH``.

    The sorted-word form of each known key is kept (and built only when a key first needs a fuzzy
    match), so a lookup is one plain ratio per known key, rapidfuzz's fast path, instead of splitting
    and sorting every known key again: with thousands of indicators a council's new key costs
    milliseconds less.

    An index made on a ``base`` holds the keys added after the base's: it matches as one index of the
    base's keys followed by its own, and leaves the base as it was (a document's new indicators stay
    above the council's stored ones until the document is committed).
    """

    def __init__(self, known: Iterable[tuple[str, int]] = (), base: IndicatorIndex | None = None) -> None:
        self._base = base
        self._ids: dict[str, int] = dict(known)
        self._sorted: list[str] | None = None  # in the order of self._ids
        self._sorted_ids: list[int] = []

    def add(self, key: str, id_: int) -> None:
        if self._exact(key) is not None:
            return
        self._ids[key] = id_
        if self._sorted is not None:
            self._sorted.append(_sorted_words(key))
            self._sorted_ids.append(id_)

    def match(self, key: str) -> int | None:
        """The id of a known indicator whose key is close enough to ``key``, else None."""
        found = self._exact(key)
        if found is not None or not key:
            return found
        best = self._best(_sorted_words(key))
        return best[1] if best else None

    def _exact(self, key: str) -> int | None:
        found = self._base._exact(key) if self._base else None
        return self._ids.get(key) if found is None else found

    def _best(self, words: str) -> tuple[float, int] | None:
        """The (score, id) of the first known key scoring highest against the sorted ``words``, if any scores."""
        below = self._base._best(words) if self._base else None
        if not self._ids:
            return below
        if self._sorted is None:
            self._sorted = [_sorted_words(known) for known in self._ids]
            self._sorted_ids = list(self._ids.values())
        own = process.extractOne(words, self._sorted, scorer=fuzz.ratio, score_cutoff=INDICATOR_MATCH)
        if own and (below is None or own[1] > below[0]):  # on a tie the base's key, seen first, wins
            return own[1], self._sorted_ids[own[2]]
        return below


RESOLUTION_MATCH = 90.0  # fuzz.ratio of folded texts at which a motion and a resolution are the same words


@dataclass(frozen=True, slots=True)
class StoredResolution:
    id: int
    item: str | None
    text: str
    start: int  # where its evidence starts in the document


def resolution_of(vote: Vote, resolutions: Sequence[StoredResolution]) -> int | None:
    """The resolution of the same document that records a carried ``vote``: one whose words match the
    motion's, or (in the same item) contain them; failing that, the single resolution of the vote's item.
    A vote lost or withdrawn resolved nothing."""
    if vote.result != "carried":
        return None
    by_words = _same_words(vote, resolutions)
    if by_words is not None:
        return by_words
    of_item = [r.id for r in resolutions if r.item == vote.item]
    return of_item[0] if len(of_item) == 1 else None


def _same_words(vote: Vote, resolutions: Sequence[StoredResolution]) -> int | None:
    """The best of the resolutions whose words match the motion's: the vote's own item first, then the
    closest match, then the nearest in the document."""
    motion = " ".join(fold(vote.motion or "").split())
    if not motion:
        return None
    ranked: list[tuple[bool, float, int, int]] = []
    for resolution in resolutions:
        text = " ".join(fold(resolution.text).split())
        same_item = resolution.item == vote.item
        ratio = fuzz.ratio(motion, text)
        if ratio >= RESOLUTION_MATCH or (same_item and f" {motion} " in f" {text} "):
            ranked.append((same_item, ratio, -abs(resolution.start - vote.evidence.span[0]), resolution.id))
    return max(ranked)[3] if ranked else None
