"""Votes: each motion whose outcome the minutes record (:mod:`extractors.motions` assembles them)."""

from __future__ import annotations

from extractors.motions import Motion, find_motions, is_vote
from models.records import Document, Evidence, NamedVote, Section, Vote

NAME = "votes"
VERSION = "1"


def _counts(motion: Motion) -> tuple[int | None, int | None, int | None]:
    """The counts as printed; where none are printed but a roll call lists both sides ('AYES: ... NOES:
    None'), as many as it names."""
    if any(count is not None for count in motion.counts) or not motion.named:
        return motion.counts
    options = [option for _, option, _, _ in motion.named]
    if "for" not in options or not motion.roll_call_sides or len(motion.roll_call_sides) < 2:
        return motion.counts
    abstained = options.count("abstain") if "abstain" in motion.roll_call_sides else None
    return options.count("for"), options.count("against"), abstained


def _vote(motion: Motion) -> Vote:
    ayes, noes, abstentions = _counts(motion)
    return Vote(
        item=motion.item,
        motion=motion.text,
        result=motion.result,
        for_count=ayes,
        against_count=noes,
        abstain_count=abstentions,
        mover=motion.mover,
        seconder=motion.seconder,
        named=tuple(
            NamedVote(name, option, Evidence((start, end), NAME, VERSION)) for name, option, start, end in motion.named
        ),
        evidence=Evidence((motion.start, motion.end), NAME, VERSION),
    )


def extract_votes(
    document: Document, sections: tuple[Section, ...], motions: list[Motion] | None = None
) -> tuple[Vote, ...]:
    found = find_motions(document, sections) if motions is None else motions
    return tuple(_vote(m) for m in found if is_vote(m))
