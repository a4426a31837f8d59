"""Property tests: the fast forms of patterns and scans find exactly what their plain forms find.

Several extractors scan text with patterns rewritten for speed (a character class first instead of a
lookbehind, a gate before a costly search, two scans instead of one case-insensitive scan). Each plain
form is kept here as the reference and compared on generated text rich in the characters that matter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractors import metrics, people
from extractors.numbers import NUMERAL
from extractors.text import _ABBREVIATIONS, _split_sentences
from pipeline.formats import builder

# letters of the words the patterns look for, and the punctuation and spaces around them
ALPHABET = "aeinorstdlmhcuk ADMRSTCINO.,;:!?'\"()[]£$%-–—’\n\t0123456789İıſ\u212a"
WORDS = [
    "Mr.", "Dr.", "approx.", "e.g.", "No.", "A.", "RESOLVED", "Resolved:", "AGREED", "that", "to", "and", "It was",
    "three", "Twenty", "ten", "£5m", "4.5", "1,920", "12%", "-3", "85kg", "two-year-old", "Cllr", "Mrs", "the",
    "national", "England", "target", "previous", "from", " ", ". ", "; ", ": ", "\n",
]  # fmt: skip
token = st.one_of(st.sampled_from(WORDS), st.text(ALPHABET, max_size=6))
text = st.lists(st.tuples(token, st.sampled_from(["", " ", " ", ". ", "\n"])), max_size=30).map(
    lambda pairs: "".join(word + gap for word, gap in pairs)
)


def reference_sentences(text: str, offset: int) -> Iterator[tuple[str, int, int]]:
    """The sentence splitter as first written: a lookbehind boundary, abbreviations searched in the whole sentence."""
    boundary = re.compile(r"(?<=[.!?])['\")\]]?\s+(?=[A-Z0-9'\"(£])")
    start = 0
    for match in boundary.finditer(text):
        candidate = text[start : match.start()].rstrip()
        if _ABBREVIATIONS.search(candidate):
            continue
        if candidate:
            yield candidate, offset + start, offset + start + len(candidate)
        start = match.end()
    tail = text[start:].rstrip()
    if tail:
        yield tail, offset + start, offset + start + len(tail)


@settings(max_examples=400)
@given(text)
@example("It took approx. 5 days. Then Mr. Smith said so. A. Jones, e.g. Lancashire. Done")
@example('He said "Yes." Then (it) ended?! No.) 4 more')
def test_sentences_split_as_the_plain_splitter_does(sample: str) -> None:
    assert list(_split_sentences(sample, 7)) == list(reference_sentences(sample, 7))


@settings(max_examples=400)
@given(text)
@example("Xab-cd well-known McDonald's don't-")
def test_lower_case_words_found_as_the_plain_pattern_finds_them(sample: str) -> None:
    assert people.LOWER_WORD.findall(sample) == re.findall(r"\b[a-z][a-z'’-]+\b", sample)


WORDS_PATTERN = metrics._WORDS
ONE_SCAN = re.compile(
    rf"(?P<currency>[£€$])\s?(?P<money>{NUMERAL})\s?(?P<mult>bn|billion|million|m|k)?\b"
    rf"|(?=[-+−–\d])(?<![\w/.£€$:-])(?P<num>{NUMERAL})(?P<glued>kg|km|mph|tonnes)?(?![\w/]|\.\d|-\d|:\d)"
    rf"|(?=[efnstEFNST])\b(?P<word>{WORDS_PATTERN})\b(?!-year-old)",
    re.IGNORECASE,
)


@settings(max_examples=400)
@given(text)
@example("Three of £4.5M, TWENTY-one 85KG and a two-year-old; -3 and 1,920 İstanbul ten")
@example("ſix, SİX and \u212aG: the letters outside ASCII that match ASCII ones when case is ignored; İİ ten")
def test_figure_candidates_are_those_of_one_case_insensitive_scan(sample: str) -> None:
    expected = [
        (m.start(), m.end(), m.group("money") or m.group("num") or m.group("word"), bool(m.group("word")))
        for m in ONE_SCAN.finditer(sample)
    ]
    found = [(c.start, c.end, c.raw, c.in_words) for c in metrics._candidates(sample)]
    assert found == expected


SPACES = " \t\f\v\u00a0\u2000\u2005\u200b\u202f\u205f\u3000"


@settings(max_examples=400)
@given(st.text(SPACES + "ab\u00ad\ufeff\x01é", max_size=40))
def test_spaces_collapse_as_the_plain_pattern_collapses_them(sample: str) -> None:
    plain = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
    assert builder._SPACES.sub(" ", sample) == plain.sub(" ", sample)


WORDS = st.text(alphabet="abc xyz", max_size=12)


def _token_sort_match(ids: dict[str, int], key: str) -> int | None:
    from rapidfuzz import fuzz, process

    from pipeline.resolve import INDICATOR_MATCH

    if key in ids:
        return ids[key]
    best = process.extractOne(key, ids.keys(), scorer=fuzz.token_sort_ratio, score_cutoff=INDICATOR_MATCH)
    return ids[best[0]] if best and key else None


@given(st.lists(WORDS, min_size=1, max_size=10), st.lists(WORDS, max_size=4), st.lists(WORDS, max_size=4), WORDS)
@example(["z"], ["b a"], [], "a b")  # a key added after the sorted forms were built is kept sorted as well
@example(["aaaaaaaaab"], [], ["aaaaaaaaac"], "aaaaaaaaax")  # a tie: the base's key, seen first, wins
def test_the_indicator_index_matches_as_token_sort_ratio_over_every_known_key(
    known: list[str], added: list[str], above: list[str], key: str
) -> None:
    """Keys added after a first fuzzy lookup (which builds the sorted forms) are matched as well, and so
    are those of an index made on it, as if they followed its own; the base does not see them."""
    from pipeline.resolve import IndicatorIndex

    ids = {k: i for i, k in enumerate(known)}
    index = IndicatorIndex(ids.items())
    index.match("c a b")
    for k in added:
        if k not in ids:
            ids[k] = len(ids) + 100
            index.add(k, ids[k])
    below = dict(ids)
    top = IndicatorIndex(base=index)
    for k in above:
        if k not in ids:
            ids[k] = len(ids) + 200
            top.add(k, ids[k])
    assert top.match(key) == _token_sort_match(ids, key)
    assert index.match(key) == _token_sort_match(below, key)
