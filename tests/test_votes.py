"""Motions and recorded votes in the forms minutes of several countries print them (real sentences)."""

from __future__ import annotations

from extractors.motions import find_motions
from extractors.votes import extract_votes
from models.records import Vote
from pipeline.formats.builder import DocumentBuilder
from pipeline.formats.text import add_lines, markdown_lines
from pipeline.segment import segment
from tests.test_extractors import doc


def votes_of(*lines: str) -> tuple[Vote, ...]:
    document = doc(*lines)
    sections = segment(document)
    return extract_votes(document, sections, find_motions(document, sections))


def test_us_summary_minutes_mover_outcome_and_tally() -> None:
    # an Iowa city council's summary minutes: item number, mover, 'Motion Carried 7-0.'
    (vote,) = votes_of(
        "96-2 APPROVING AGENDA, AS PRESENTED AND/OR, AS AMENDED: Moved by Vlassis to adopt. Motion Carried 7-0."
    )
    assert (vote.mover, vote.seconder, vote.result) == ("Vlassis", None, "carried")
    assert (vote.for_count, vote.against_count, vote.abstain_count) == (7, 0, None)
    assert vote.motion == "to adopt"


def test_us_tally_of_four_figures_and_one_left_at_a_line_end() -> None:
    (four,) = votes_of("Moved by Vlassis to adopt. Motion Carried 4-1-1-1. Nays: McPherson. Pass: Flagg.")
    assert (four.for_count, four.against_count, four.abstain_count) == (4, 1, 1)
    (wrapped,) = votes_of("Moved by Vlassis to adopt. Motion Carried", "5-2.")
    assert (wrapped.for_count, wrapped.against_count) == (5, 2)


def test_oregon_city_council_motion_seconded_and_passed() -> None:
    (vote,) = votes_of(
        "**Motion:** Councilor Nyberg moved to accept the May financials as submitted. Mayor Kibbey seconded. "
        "It passed 4-0."
    )
    assert (vote.mover, vote.seconder, vote.result) == ("Nyberg", "Kibbey", "carried")
    assert (vote.for_count, vote.against_count) == (4, 0)
    assert vote.motion is not None and vote.motion.startswith("to accept the May financials")


def test_california_roll_call_with_ayes_noes_and_an_abstention() -> None:
    (vote,) = votes_of(
        "A motion was made by Vice Mayor Reynolds and seconded by Councilmember Morgan to give two hours of free "
        "parking for all City lots in the downtown corridor from November 29, 2024 through December 24, 2024.",
        "The motion carried by the following vote:",
        "AYES: Bennett, Morgan, Tandon, Winslow, Reynolds, Coolidge",
        "NOES: None",
        "ABSTAIN: van Overbeek",
    )
    assert (vote.mover, vote.seconder, vote.result) == ("Reynolds", "Morgan", "carried")
    named = {(n.name, n.option) for n in vote.named}
    assert ("Bennett", "for") in named and ("Coolidge", "for") in named
    assert any(option == "abstain" for _, option in named)
    assert not any(option == "against" for _, option in named)


def test_irish_proposed_seconded_and_resolved_over_three_lines() -> None:
    # an Irish city and county council's committee: proposer, seconder, 'And Resolved:' on lines of their own
    (vote,) = votes_of(
        "Proposed by Councillor O’Hanlon;",
        "Seconded by Councillor O’Dea;",
        "And Resolved:",
        "“That the draft Minutes, as circulated, be taken as read and adopted and signed”.",
    )
    assert (vote.mover, vote.seconder) == ("O’Hanlon", "O’Dea")


def test_irish_on_the_proposal_of_it_was_agreed() -> None:
    (vote,) = votes_of(
        "On the proposal of Councillor Leddin, seconded by Councillor Daly, it was agreed to proceed in "
        "accordance with the circulated report."
    )
    assert (vote.mover, vote.seconder, vote.result) == ("Leddin", "Daly", "carried")


def test_scottish_community_council_approval_then_proposer_and_seconder() -> None:
    # a Scottish community council: members by their initials, the proposer after the decision
    (vote,) = votes_of(
        "The Minutes of the Meeting held on 1st October 2019 were approved. Proposed by SW and seconded by CC."
    )
    assert (vote.mover, vote.seconder, vote.result) == ("SW", "CC", "carried")
    assert vote.motion is not None and "Minutes of the Meeting held on 1st October 2019" in vote.motion


def test_english_parish_council_proposed_and_seconded_by_initials() -> None:
    (vote,) = votes_of(
        "JH proposed and KA seconded the proposal that Nick Oakhill be elected chairman for the forthcoming year "
        "and he accepted."
    )
    assert (vote.mover, vote.seconder) == ("JH", "KA")


def test_english_county_council_recorded_vote_counts_under_their_labels() -> None:
    # a county council's recorded vote: 'For (16)', the names, 'Against (41)', the names, 'Abstain (0)'
    (vote,) = votes_of(
        "Mr Hood moved and Mr Lehmann seconded the following amendment to the budget.",
        "Following the debate, the Chairman put to the vote the amendment and the voting was as follows:",
        "For (16)",
        "Mr Baldock, Mr Brady, Mr Campkin",
        "Against (41)",
        "Mr Baker, Mr Bartlett, Mr Beaney",
        "Abstain (0)",
        "Amendment lost.",
    )
    assert (vote.mover, vote.seconder, vote.result) == ("Hood", "Lehmann", "lost")
    assert (vote.for_count, vote.against_count, vote.abstain_count) == (16, 41, 0)


def test_australian_bracketed_mover_and_seconder() -> None:
    # 'RESOLVED (Cr Smith/Cr Jones) That ...' as Australian and New Zealand councils print it
    (vote,) = votes_of("RESOLVED (Cr Smith/Cr Jones) That Council adopt the draft budget. CARRIED")
    assert (vote.mover, vote.seconder, vote.result) == ("Smith", "Jones", "carried")


def test_a_report_of_adoptions_is_no_vote() -> None:
    assert votes_of("19 children have been adopted since April, against 15 last year.") == ()


def test_minnesota_township_motion_between_mover_and_seconder_carried_by_named_ayes() -> None:
    # a Minnesota township's minutes: the words moved stand between the two clauses; no outcome is written,
    # every member named votes aye
    (vote,) = votes_of(
        "Dick makes a motion to approve amended minutes, Gary seconds the motion. Take a vote: "
        "Dick aye, Gary aye, Jan aye."
    )
    assert (vote.mover, vote.seconder, vote.motion) == ("Dick", "Gary", "to approve amended minutes")
    assert vote.result == "carried"


def test_a_printed_tally_without_an_outcome_word_gives_the_result() -> None:
    # a US city council: 'Yeas 2, Nays 5' with no 'failed' written
    (vote,) = votes_of(
        "Motion by Councilmember Brown, seconded by Councilmember Reynolds, to deny the appeal. Ayes: 2, Noes: 5."
    )
    assert (vote.for_count, vote.against_count, vote.result) == (2, 5, "lost")


def markdown_votes_of(*lines: str) -> tuple[Vote, ...]:
    builder = DocumentBuilder()
    add_lines(builder, markdown_lines("\n".join(lines)), markdown=True)
    document = builder.build("test.md", "text/markdown")
    sections = segment(document)
    return extract_votes(document, sections, find_motions(document, sections))


def test_canadian_council_words_after_the_mover_and_a_roll_call_set_as_a_table() -> None:
    # a Canadian city council's minutes as Markdown: mover and seconder on lines of their own, the words
    # moved after them, the recorded vote as a table with a column per option, then the outcome
    (vote,) = markdown_votes_of(
        "> Motion made by P. Cuddy",
        "",
        "> Seconded by P. Van Meerbergen",
        "",
        "That the Minutes of the 7th Meeting of the Municipal Council, held on April 22, 2025, BE APPROVED.",
        "",
        "> [!abstract]- Vote:",
        "> |Yeas:|Absent:|",
        "> |-|-|",
        "> |Mayor J. Morgan|S. Trosow|",
        "> |A. Hopkins||",
        "",
        "> **Motion Passed (14 to 0)**",
    )
    assert (vote.mover, vote.seconder, vote.result) == ("P. Cuddy", "P. Van Meerbergen", "carried")
    assert vote.motion is not None and vote.motion.startswith("the Minutes of the 7th Meeting")
    assert [(n.name, n.option) for n in vote.named] == [
        ("J. Morgan", "for"),
        ("S. Trosow", "absent"),
        ("A. Hopkins", "for"),
    ]
