"""Extractors, one real sentence at a time (sentences from the corpus)."""

from __future__ import annotations

import datetime as dt
import re

from extractors.actions import extract_actions
from extractors.attendance import extract_attendance
from extractors.meeting import extract_meeting
from extractors.metrics import extract_metrics
from extractors.names import is_person_name
from extractors.people import extract_people
from extractors.resolutions import extract_resolutions
from models.records import Document
from pipeline.formats.builder import DocumentBuilder
from pipeline.formats.text import add_lines
from pipeline.segment import segment


def doc(*lines: str) -> Document:
    builder = DocumentBuilder()
    add_lines(builder, lines)
    return builder.build("test.txt", "text/plain")


def test_decision_page_meeting_facts() -> None:
    info = extract_meeting(
        doc(
            "Decision details",
            "Children in Care and Care Leavers Performance Information",
            "Decision Maker: Corporate Parenting Board",
            "Decision status: For Determination",
            "Date of decision: 26/11/2019",
        )
    )
    assert (info.doc_type, info.body, info.meeting_date) == (
        "decision",
        "Corporate Parenting Board",
        dt.date(2019, 11, 26),
    )


def test_minutes_heading_gives_body_date_time_and_venue() -> None:
    info = extract_meeting(
        doc(
            "Lancashire County Council",
            "Cabinet Committee on Performance Improvement",
            "Minutes of the Meeting held on Tuesday, 27th February, 2018 at 2.00 pm in Cabinet Room 'B' - "
            "The Diamond Jubilee Room, County Hall, Preston",
            "Present:",
        )
    )
    assert info.council == "Lancashire County Council"
    assert info.body == "Cabinet Committee on Performance Improvement"
    assert info.meeting_date == dt.date(2018, 2, 27)
    assert info.meeting_time == "2.00 pm"
    assert info.location is not None and info.location.endswith("County Hall, Preston")


def test_apologies_sentence_and_chair() -> None:
    document = doc(
        "Present:",
        "County Councillors",
        "A Atkinson",
        "C Crompton",
        "1.",
        "Apologies for Absence",
        "Apologies for absence were received from County Councillor Driver, County Councillor Green "
        "and County Councillor Charles.",
        "County Councillor Atkinson took the Chair in the absence of County Councillor Driver.",
        "2.",
        "Urgent Business",
    )
    attendees = extract_attendance(document, segment(document))
    got = {(a.name, a.status, a.chair, a.role) for a in attendees}
    assert got == {
        ("A Atkinson", "present", True, "County Councillor"),
        ("C Crompton", "present", False, "County Councillor"),
        ("Driver", "apologies", False, "County Councillor"),
        ("Green", "apologies", False, "County Councillor"),
        ("Charles", "apologies", False, "County Councillor"),
    }


def test_present_line_with_chair_mark_and_officers() -> None:
    document = doc(
        "Present: Councillor J Smith (Chair), Councillors P Jones, K Patel and R O'Neill",
        "In attendance:",
        "Sarah Brown, Head of Democratic Services",
        "1. Apologies",
    )
    attendees = extract_attendance(document, segment(document))
    got = {(a.name, a.status, a.chair) for a in attendees}
    assert ("J Smith", "present", True) in got
    assert {("P Jones", "present", False), ("K Patel", "present", False), ("R O'Neill", "present", False)} <= got
    assert ("Sarah Brown", "in_attendance", False) in got


def test_cmis_members_line_substitutes_and_bracketed_officer_roles() -> None:
    # Great Yarmouth Borough Council, CMIS meeting page
    document = doc(
        "Apologies for absence were received from Cllr Borg (substituted by Cllr Wainwright) and Cllr Galer "
        "(substituted by Cllr Mogford).",
        "Councillor G Carpenter (in the Chair); Councillors Hanton, Bensley, Bird and Walker.",
        "Councillor Wainwright attended as a substitute for Councillor Borg.",
        "Also in attendance:",
        "Ms D G. Wilby (Licensing & Electoral Services Manager), Mr L Parker (Solicitor, Nplaw), Miss R Downie "
        "(Democratic Services Officer) and Ms T Koomson (Senior Democratic Services Officer).",
    )
    got = {(a.name, a.status, a.chair, a.role) for a in extract_attendance(document, ())}
    assert {("Borg", "apologies", False, "Cllr"), ("Galer", "apologies", False, "Cllr")} <= got
    assert ("G Carpenter", "present", True, "Councillor") in got
    assert {("Hanton", "present", False, "Councillor"), ("Walker", "present", False, "Councillor")} <= got
    assert ("Wainwright", "present", False, "Councillor") in got
    assert ("L Parker", "in_attendance", False, "Solicitor, Nplaw") in got
    assert ("D G. Wilby", "in_attendance", False, "Licensing & Electoral Services Manager") in got
    assert len(got) == 12


def test_apologies_sentences_as_councils_write_them() -> None:
    document = doc(
        # Witney Town Council; London Fire; Southwark; City of London
        "An apology for absence was received from Councillor J Aitman who was representing the Council at an event. "
        "Apologies were also received from Councillors O Collins, L Duncan and A McMahon.",
        "Apologies were received from David Kurten AM and from Gareth Bacon AM.",
        "There were apologies for absence from Councillors Lorraine Lauder MBE (due to mayoral business), and "
        "Darren Merrill; and for lateness from Councillors Neil Coyle and Abdul Mohamed.",
        "Apologies for absence were received from Alderman Sir Peter Estlin and Alderwoman Jennette Newman.",
    )
    got = [(a.name, a.role) for a in extract_attendance(document, ()) if a.status == "apologies"]
    assert got == [
        ("J Aitman", "Councillor"),
        ("O Collins", "Councillor"),
        ("L Duncan", "Councillor"),
        ("A McMahon", "Councillor"),
        ("David Kurten", None),
        ("Gareth Bacon", None),
        ("Lorraine Lauder", "Councillor"),
        ("Darren Merrill", "Councillor"),
        ("Peter Estlin", "Alderman"),
        ("Jennette Newman", "Alderwoman"),
    ]


def test_present_list_with_dotted_initials() -> None:
    # Vale of Glamorgan Council
    document = doc(
        "Present:  Councillor V.J. Bailey (Chairman); Councillors Mrs. P. Drake, V.P. Driscoll, Ms. S. Sivagnanam "
        "and  S.T. Wiliam.",
        "Also present: Councillor J.C. Bird (Cabinet Member for Regeneration and Planning), Councillors L. Burnett "
        "and M.R. Wilson.",
    )
    got = [(a.name, a.status, a.chair, a.role) for a in extract_attendance(document, ())]
    assert got == [
        ("V.J. Bailey", "present", True, "Councillor"),
        ("P. Drake", "present", False, "Councillor"),
        ("V.P. Driscoll", "present", False, "Councillor"),
        ("S. Sivagnanam", "present", False, "Councillor"),
        ("S.T. Wiliam", "present", False, "Councillor"),
        ("J.C. Bird", "in_attendance", False, "Cabinet Member for Regeneration and Planning"),
        ("L. Burnett", "in_attendance", False, "Councillor"),
        ("M.R. Wilson", "in_attendance", False, "Councillor"),
    ]


def test_resolutions_with_lead_in_and_body_decision() -> None:
    document = doc(
        "Resolved:  That the Cabinet Committee note the report.",
        "The Sub-Committee noted the performance report.",
        "The Cabinet Committee noted that retention rates had continued to improve.",
    )
    texts = [r.text for r in extract_resolutions(document, ())]
    assert texts == ["That the Cabinet Committee note the report.", "The Sub-Committee noted the performance report."]


def test_people_with_roles() -> None:
    document = doc(
        "A report was presented by Donna Talbot, Head of Service, Business Intelligence, providing an "
        "overview of performance activity across the council.",
        "In response to a query from County Councillor Driver, Sally Allen, Head of Safeguarding, "
        "Inspection and Audit, agreed to find out why numbers had risen in these areas.",
    )
    people = {(p.name, p.role) for p in extract_people(document, ())}
    assert ("Donna Talbot", "Head of Service, Business Intelligence") in people
    assert ("Sally Allen", "Head of Safeguarding, Inspection and Audit") in people
    assert ("Driver", "County Councillor") in people


def test_people_skip_capitalised_phrases_the_text_also_writes_in_lower_case() -> None:
    document = doc(
        "The Employment and Support Team are currently supporting 136 Children Looked After/Leaving care "
        "young people and another additional 23 young people who are currently on hold due to personal reasons.",
        "Young People were consulted on the plan.",
        "Contact: Michael Walder Email: michael.walder@lancashire.gov.uk Tel: 01772 533637.",
    )
    names = [p.name for p in extract_people(document, ())]
    assert names == ["Michael Walder"]


def test_actions_owner_and_due_month() -> None:
    document = doc(
        "Paul Bond agreed to take these queries away and arrange for the relevant officer to provide a response.",
        "The Cabinet Committee noted that a report on Academy Orders would be presented to the June meeting.",
    )
    actions = extract_actions(document, (), dt.date(2018, 2, 27))
    assert [(a.owner, a.due) for a in actions] == [("Paul Bond", None), (None, "2018-06")]
    assert actions[0].text.startswith("agreed to take these queries away")


def test_resolutions_that_tell_someone_what_to_do_are_actions() -> None:
    document = doc(
        # Sheffield, Cabinet: a request in a lettered resolution
        "(b) requests the Policy and Improvement Officer to investigate the two issues raised, and report back on "
        "possible outcomes to the next meeting.",
        # Bromsgrove, Overview and Scrutiny Board: the subjunctive of an instruction
        "RESOLVED that relevant Heads of Services provide a full update on any outstanding items and attend the next "
        "available meeting.",
        # North Hertfordshire, Overview and Scrutiny Committee: 'be requested to'
        "(2) That the Temporary Scrutiny Officer be requested to canvass the Members of this Committee in order to "
        "ascertain the most appropriate date for the Centre of Public Scrutiny training course.",
        # Lancashire, Corporate Parenting Board: a relative clause, no instruction
        "The report provides an overview of performance information that Business Intelligence produce in relation "
        "to Children in Care and Care Leavers.",
        # what a committee is asked to do with a report is no action
        "The Chair asked the Committee to note the report.",
    )
    actions = extract_actions(document, (), dt.date(2018, 6, 18))
    assert [(a.owner, a.text.split(",")[0][:40]) for a in actions] == [
        ("Policy and Improvement Officer", "investigate the two issues raised"),
        ("relevant Heads of Services", "provide a full update on any outstanding"),
        ("Temporary Scrutiny Officer", "canvass the Members of this Committee in"),
    ]


def test_directions_in_capitals_are_actions_and_questions_and_forecasts_are_not() -> None:
    document = doc(
        # a Canadian city council: the direction in capitals
        "That the Civic Administration BE DIRECTED to report back to the Community and Protective Services "
        "Committee in Q2 of 2025 with an overview of the program.",
        # a US library board: a question, and what a director expects
        "Trustee Lezon asked if there will be overtime hours.",
        "Director Whitmer pointed out property taxes will most likely be delayed for the next fiscal year.",
        "If the Chase loan payment will be extended?",
        # a Scottish community council: what the speaker will do
        "Cllr Alam said he will seek a letter of support from our four City councillors.",
    )
    actions = extract_actions(document, (), dt.date(2025, 5, 13))
    assert [(a.owner, a.text[:30]) for a in actions] == [
        ("Civic Administration", "report back to the Community a"),
        ("Alam", "Cllr Alam said he will seek a "),
    ]


def test_minute_numbered_attendance_lines_after_a_printed_agenda() -> None:
    # Benniworth Parish Council: the agenda is printed above the minutes, whose minutes are numbered
    document = doc(
        "1. Apologies",
        "2. Notes of the last meeting",
        "3. Village skip",
        "Thursday 10th January 2019 7.30 pm - Held at St Julian’s Church",
        "45. Attended by: Cllrs Fay Moon (Chairman), Gill Stewart (Vice Chairman), Hannah Walker.",
        "46. Apologies: Cllrs Sue Olivant, Paul Willoughby.",
        "48. Minutes of Meeting on Thursday 4th October 2018 were approved and signed.",
    )
    found = extract_attendance(document, segment(document))
    assert [(a.name, a.status, a.chair) for a in found] == [
        ("Fay Moon", "present", True),
        ("Gill Stewart", "present", False),
        ("Hannah Walker", "present", False),
        ("Sue Olivant", "apologies", False),
        ("Paul Willoughby", "apologies", False),
    ]
    assert all(document.text[a.evidence.span[0] : a.evidence.span[1]] == a.name for a in found)


def test_parish_council_minutes_heading_and_officers_without_commas() -> None:
    # Melton Parish Council, statutory annual meeting
    document = doc(
        "Minutes of the Statutory Annual Meeting of Melton Parish Council held via Zoom on Wednesday 5 May 2021 "
        "commencing at 19:00.",
        "Present:",
        "Cllr Mr A H Porter (Chair)",
        "Cllr Mrs E J G Hilson",
        "In Attendance:",
        "Mr W Grosvenor Clerk and Executive Officer to Melton Parish Council",
        "Mrs P Alder Assistant Clerk and Management Officer, Melton Parish Council",
        "21.44 ELECTION OF CHAIR OF THE COUNCIL",
        "It was RESOLVED that Cllr Porter be elected Chair of the Council.",
        "Proposed by: Cllr Taylor Seconded by: Cllr Gradwell",
    )
    sections = segment(document)
    meeting = extract_meeting(document, sections)
    assert (meeting.body, str(meeting.meeting_date)) == ("Melton Parish Council", "2021-05-05")
    attendees = extract_attendance(document, sections)
    assert [(a.name, a.role, a.status, a.chair) for a in attendees] == [
        ("A H Porter", "Cllr", "present", True),
        ("E J G Hilson", "Cllr", "present", False),
        ("W Grosvenor", "Clerk and Executive Officer to Melton Parish Council", "in_attendance", False),
        ("P Alder", "Assistant Clerk and Management Officer", "in_attendance", False),
    ]
    assert "Taylor Seconded" not in {p.name for p in extract_people(document, attendees)}


def test_metrics_rate_and_comparators() -> None:
    document = doc(
        "The CLA rate of 77.8 children looked after per 10,000 population was significantly higher "
        "than the recently published national (62.0) and statistical neighbour (65.5) rates, but "
        "significantly lower than the regional rate (86.0)."
    )
    metrics = extract_metrics(document, ())
    assert [(m.value, m.unit, m.comparator) for m in metrics] == [
        (77.8, "per_10000", None),
        (62.0, "per_10000", "national"),
        (65.5, "per_10000", "statistical_neighbours"),
        (86.0, "per_10000", "regional"),
    ]


def test_metrics_money_change_and_skips() -> None:
    document = doc(
        "David reported that there was a High Needs block overspend of £6m.",
        "the monthly total for delayed transfers of care had decreased by 644 days (-14.2%).",
        "those aged 40 to 74 years on 30th September 2017 in Key Stage 4",
        # Sheffield: number words for a known set are no figures
        "The Chair suggested regular meetings between the four Chairs.",
        "four secondary schools in Lancashire were judged as Inadequate.",
        # Melton and Benniworth parish councils: a time, a number inside a name, 'in the region of'
        "Minutes of the Statutory Annual Meeting held via Zoom on Wednesday 5 May 2021 commencing at 19:00.",
        "47. Public 10 Minutes: The following matters were raised:",
        "Stage 1 electrical and other works in region of £6,300.",  # a cost: no measure of performance
    )
    got = [(m.value, m.unit, m.comparator) for m in extract_metrics(document, ())]
    assert got == [
        (6_000_000.0, "GBP", None),
        (644.0, "days", None),
        (-14.2, "percent", None),
        (4.0, "count", None),
    ]


def test_moderngov_meeting_heading_gives_body_and_date_not_the_previous_minutes() -> None:
    # Kent County Council, "Agenda and minutes"
    document = doc(
        "Agenda and minutes",
        "Environment & Transport Cabinet Committee - Wednesday, 28th November, 2018 10.00 am",
        "126.",
        "Minutes of the meeting held on 20 September 2018 pdf icon PDF 129 KB",
        "127.",
        "Dates of future meetings for 2019/2020",
    )
    meeting = extract_meeting(document)
    assert (meeting.doc_type, meeting.body, meeting.meeting_date) == (
        "minutes",
        "Environment & Transport Cabinet Committee",
        dt.date(2018, 11, 28),
    )
    assert [(s.number, s.title) for s in segment(document)] == [
        ("126", "Minutes of the meeting held on 20 September 2018"),
        ("127", "Dates of future meetings for 2019/2020"),
    ]


def test_body_on_the_line_above_the_date_and_prefixed_minute_numbers() -> None:
    # Tonbridge and Malling Borough Council
    document = doc(
        "Meeting documents",
        "Council",
        "Tuesday, 11th May, 2010 7.30 pm",
        "C 10/034 Election of Mayor",
        "RESOLVED: That Councillor Mrs S M Murray be re-elected Mayor for the ensuing municipal year.",
        "C 10/035 Vote of Thanks",
        "RESOLVED: That the Council's sincere appreciation be recorded.",
    )
    meeting = extract_meeting(document)
    assert (meeting.doc_type, meeting.body, meeting.meeting_date) == ("minutes", "Council", dt.date(2010, 5, 11))
    assert [s.number for s in segment(document)] == ["C 10/034", "C 10/035"]


def test_resolutions_as_other_councils_record_them() -> None:
    document = doc(
        # Great Yarmouth (CMIS), Hillingdon, Oxfordshire, Welwyn Hatfield, Haringey, Vale of Glamorgan
        "Minutes of the meeting held on 28 November 2022 were agreed.",
        '"That under Section 100(A)(4) of the Local Government Act 1972, the public be excluded from the meeting."',
        "This was agreed.",
        "RESOLVED:",
        "That Cabinet:",
        "A:        Welcomes the Council’s commitment to support independent living.",
        "Recommendations approved.",
        "Cabinet agreed the recommendations set out in the report.",
        " Item 6  - Percentage of referrals going onto initial assessment  - Agreed that  the correct  figure  for  "
        "August 2010/11  be distributed to the Committee.",
        "RECOMMENDED - T H A T the minutes of the Extraordinary Meeting held on 19th April, 2018 be approved.",
        "The Committee noted that retention rates had improved.",
    )
    texts = [r.text for r in extract_resolutions(document, ())]
    assert texts == [
        "Minutes of the meeting held on 28 November 2022 were agreed.",
        "That under Section 100(A)(4) of the Local Government Act 1972, the public be excluded from the meeting.",
        "That Cabinet: A: Welcomes the Council’s commitment to support independent living.",
        "Recommendations approved.",
        "Cabinet agreed the recommendations set out in the report.",
        "that the correct figure for August 2010/11 be distributed to the Committee.",
        "T H A T the minutes of the Extraordinary Meeting held on 19th April, 2018 be approved.",
    ]


def test_numbered_decisions_on_a_decision_page_are_one_resolution() -> None:
    # South Holland District Council, decision details
    document = doc(
        "1. That the recommendations (1 to 6) as set out in section 7 of the Task Group’s Final Report are approved.",
        "2. That a Cabinet Task Group be set up and led by the Portfolio Holder for Communities and Facilities;",
        "Publication date: 07/06/2022",
    )
    assert len(extract_resolutions(document, (), "decision")) == 1
    assert extract_resolutions(document, (), "report") == ()


def test_people_with_honorifics_initials_and_labels() -> None:
    document = doc(
        # Blackpool, Kent, Tonbridge and Malling, North Hertfordshire, Hillingdon
        "Mrs Ruth Henshaw, Delivery Development Officer presented the performance against the Council Plan.",
        "Ms Lee, Interim Head of Safeguarding and Principal Social Worker advised that she would investigate.",
        "Mr M Balfour declared a Disclosable Pecuniary Interest in the Kent Minerals and Waste Local Plan.",
        "RESOLVED: That Councillor Mrs S M Murray be re-elected Mayor for the ensuing municipal year.",
        "Report author: Deborah Coates",
        "Publication date: 12/09/2024",
        "Contact: Mark Braddock  Senior Democratic Services Manager",
        "He was pleased to say that Jonathan Forgan of Little Hadham had received the Peterkin Award.",
    )
    people = {(p.name, p.role) for p in extract_people(document, ())}
    assert people == {
        ("Ruth Henshaw", "Delivery Development Officer"),
        ("Lee", "Interim Head of Safeguarding and Principal Social Worker"),
        ("M Balfour", None),
        ("S M Murray", "Councillor"),
        ("Deborah Coates", "Report author"),
        ("Mark Braddock", None),
        ("Jonathan Forgan", None),  # an award's winner is a person the minutes name
    }


def test_metrics_skip_references_file_sizes_list_markers_and_descriptive_durations() -> None:
    document = doc(
        # Hillingdon, Kent, London Fire, North Hertfordshire, Bromley; Lancashire seed 004
        "Councillor Douglas Mills declared a personal interest in Item 19 (minute 294) and in Items 15 and 17.",
        "Minutes of the meeting held on 20 September 2018 pdf icon PDF 129 KB",
        "Contact: John Johnson, 2nd Floor, 169 Union Street, London.",
        "(2)   Endorsed the documents at Appendices A, C and D.",
        "Children's Scrutiny Performance Dashboard & Report Q2 202223 - Part 1",
        "The participation tool is being trialled for 12 months and a robust two week induction is in place.",
        "There were two ‘Red’ marked performance indicators.",
    )
    assert [(m.value, m.unit) for m in extract_metrics(document, ())] == [(2.0, "count")]


def test_metrics_rates_in_brackets_and_comparators_take_the_sentence_unit() -> None:
    # Lancashire seed 004
    document = doc(
        "The Lancashire rate of 50.3 (children with child protection plans per 10,000 population aged 0-17) remains "
        "higher than the national picture (43.3), but better than the regional rate of 54.8.",
        "In 2016, the average Attainment 8 score per pupil for Lancashire (45.4) was similar to the national (44.2).",
    )
    got = [(m.value, m.unit, m.comparator) for m in extract_metrics(document, ())]
    assert got == [
        (50.3, "per_10000", None),
        (43.3, "per_10000", "national"),
        (54.8, "per_10000", "regional"),
        (45.4, "score", None),
        (44.2, "score", "national"),
    ]


def test_actions_owners_through_apposition_pronouns_and_reported_speech() -> None:
    document = doc(
        # Lancashire seed 000, Wolverhampton, Blackpool
        "In response to a query from County Councillor Driver, Sally Allen, Head of Safeguarding, Inspection and "
        "Audit, agreed to find out why numbers had risen in these areas.",
        "Emma Bennett explained the unavoidable reasons for the delay and undertook to ensure that the information "
        "would be circulated in advance of the meeting.",
        "She also undertook to ensure that comparative information was included in future reports.",
        "Ms Lee, Interim Head of Safeguarding and Principal Social Worker advised that she would investigate whether "
        "that data could be made available.",
    )
    got = [(a.owner, a.text.split()[0]) for a in extract_actions(document, (), None)]
    assert got == [
        ("Sally Allen", "agreed"),
        ("Emma Bennett", "undertook"),
        ("Emma Bennett", "undertook"),
        ("Lee", "she"),
    ]


def test_requests_keep_the_requester_and_descriptions_are_not_actions() -> None:
    document = doc(
        # Haringey, Lancashire seed 003, Kent, Rotherham, Hillingdon
        "Members asked that a benchmark figure also be included to provide Members with a comparison.",
        "The Board felt that they would like more information on the Strengths and Difficulty Questionnaires.",
        "Mr M Balfour declared an interest and said that he would leave the room for this item.",
        "This agenda item will provide a summary of performance for key performance indicators.",
        "To confirm that the items of business marked Part 1 will be considered in public.",
        "The Cabinet recommended that, for Lancashire, the programme should instead be called the Supporting Families "
        "Unit.",
    )
    got = [(a.text[:30], a.owner, a.requester) for a in extract_actions(document, (), None)]
    assert got == [
        ("a benchmark figure also be inc", None, "Members"),
        ("more information on the Streng", None, "Board"),
    ]


def test_irish_minutes_chair_members_and_officials_by_role() -> None:
    # Limerick City and County Council, Municipal District of Adare-Rathkeale
    document = doc(
        "MINUTES OF PROCEEDINGS AT MEETING OF THE MUNICIPAL DISTRICT OF ADARE-RATHKEALE IN ARAS SEAN FINN, "
        "RATHKEALE, CO. LIMERICK ON TUESDAY 9™ SEPTEMBER, 2014, AT 9.00",
        "PRESENT IN THE CHAIR: Councillor Tom Neville",
        "MEMBERS PRESENT:",
        "Councillors Keary, McMahon and Sheahan.",
        "OFFICIALS IN ATTENDANCE:",
        "Director of Finance, Motor Tax and ICT (Mr. T. Gilligan), Senior Executive Officer (Brian Kennedy), "
        "Assistant Staff Officer (Ms. E. Buckley).",
        "1. Adoption of Minutes",
    )
    meeting = extract_meeting(document)
    assert (meeting.body, meeting.meeting_date) == ("MUNICIPAL DISTRICT OF ADARE-RATHKEALE", dt.date(2014, 9, 9))
    got = [(a.name, a.role, a.status, a.chair) for a in extract_attendance(document, segment(document))]
    assert got == [
        ("Tom Neville", "Councillor", "present", True),
        ("Keary", "Councillor", "present", False),
        ("McMahon", "Councillor", "present", False),
        ("Sheahan", "Councillor", "present", False),
        ("T. Gilligan", "Director of Finance, Motor Tax and ICT", "in_attendance", False),
        ("Brian Kennedy", "Senior Executive Officer", "in_attendance", False),
        ("E. Buckley", "Assistant Staff Officer", "in_attendance", False),
    ]


def test_metric_comparators_after_the_figure_nearest_cue_and_continuations() -> None:
    # Lancashire seeds 001 and 004
    document = doc(
        "Lancashire saw a decrease of 2.1% compared with an overall decrease of 3.8% for comparator authorities, "
        "and a decrease of 6.3% for all authorities.",
        "There were 1,380 slight casualties in the first half of 2017, compared to 2015 (1,709) and 2016 (1,693).",
        "The rate remains similar with national rate, improvement from 78% in 2017/18.",
        "There was an action plan to increase the claims, compared to the current total of 1,179 payments.",
    )
    got = [(m.value, m.comparator) for m in extract_metrics(document, ())]
    assert got == [
        (2.1, None),
        (3.8, "statistical_neighbours"),
        (6.3, "national"),
        (1380.0, None),
        (1709.0, "previous"),
        (1693.0, "previous"),
        (78.0, "previous"),
        (1179.0, None),
    ]


def test_action_keywords_and_needles_cover_every_rule_trigger_on_the_corpus() -> None:
    from extractors.actions import RULES, may_hold_action
    from extractors.text import split_sentences
    from pipeline.convert import convert
    from pipeline.load import load
    from tests.conftest import CORPUS

    for path in sorted(CORPUS.rglob("*")):
        if path.suffix not in {".txt", ".md"}:
            continue
        document = convert(load(path))
        for block in document.blocks:
            for sentence, _, _ in split_sentences(document.block_text(block), block.start):
                if any(rule.trigger.search(sentence) for rule in RULES):
                    assert may_hold_action(sentence), sentence
                for rule in RULES:  # and each rule's needles cover its trigger
                    if rule.needles and rule.trigger.search(sentence):
                        assert any(needle in sentence.lower() for needle in rule.needles), sentence


def test_comparator_needs_cover_every_comparator_match_on_the_corpus() -> None:
    """The words a comparator's pattern needs (checked first, on ASCII text) are in each of its matches."""
    from extractors.metrics import COMPARATOR_NEEDS, COMPARATORS
    from pipeline.convert import convert
    from pipeline.load import load
    from tests.conftest import CORPUS

    matched = 0
    for path in sorted(CORPUS.rglob("*")):
        if path.suffix not in {".txt", ".md", ".html"}:
            continue
        text = convert(load(path)).text
        for (pattern, _), needs in zip(COMPARATORS, COMPARATOR_NEEDS, strict=True):
            for match in pattern.finditer(text):
                matched += 1
                assert any(word in match.group(0).lower() for word in needs), match.group(0)
    assert matched > 100


def test_a_pronoun_owner_refers_back_past_sentences_without_actions() -> None:
    # Wolverhampton, shortened: the sentence naming her holds no action
    document = doc(
        "Emma Bennett explained the unavoidable reasons for the delay.", "She undertook to check the position."
    )
    assert [(a.owner, a.text) for a in extract_actions(document, (), None)] == [
        ("Emma Bennett", "undertook to check the position")
    ]


def test_a_sentence_opening_with_its_figure_takes_the_heading_as_indicator() -> None:
    # Lancashire seed 003
    document = doc(
        "Children Protection Plans",
        "1194 (48.2 per 10,000), reduced from 1296 since September 2019, this remained below the regional and "
        "statistical neighbour averages, however above the national average of 45.7 (per 10,000)",
    )
    got = [(m.value, m.unit, m.indicator) for m in extract_metrics(document, ())]
    assert got[0] == (1194.0, "count", "Children Protection Plans")
    assert (45.7, "per_10000", "Children Protection Plans") in got


def test_agenda_text_before_the_minutes_label_gives_no_actions_or_figures() -> None:
    from pipeline.extract import extract

    # Bury Council, "Agenda and minutes"
    document = doc(
        "CA.213",
        "Declarations of Interest",
        "Minutes:",
        "Councillor Nick Jones declared an interest as a Board Member of Six Town Housing.",
        "CA.214",
        "Public Question Time",
        "Approximately 30 minutes will be set aside for Public Question Time, if required.",
        "Minutes:",
        "The capital programme for the budget does not detail any schemes other than a line of £71k.",
        "Join at https://teams.microsoft.com/l/meetup-join/19%3ameeting%40thread.v2/0?context=%7b%22Tid%22",
    )
    extraction = extract(document)
    assert extraction.actions == ()
    assert extraction.metrics == ()  # a line of a budget is no measure of performance


def test_flattened_moderngov_table_page() -> None:
    from pipeline.extract import extract

    # Cambridge City Council, "Agenda and minutes" flattened into one line per table row
    document = doc(
        "Venue: Committee Room 1 & 2, The Guildhall, Market Square, Cambridge, CB2 3QJ",
        "Contact: Democratic Services Committee Manager",
        "Apologies Minutes: Apologies were received from Tenant Representative Lulu Agate. |",
        "Minutes: The Minutes of the meeting of the 26th September 2019 were signed and agreed as a correct record. |",
        "Decision",
        "I.",
    )
    extraction = extract(document)
    assert extraction.meeting.body is None
    assert [(a.name, a.role, a.status) for a in extraction.attendees] == [
        ("Lulu Agate", "Tenant Representative", "apologies")
    ]
    assert [r.text[:30] for r in extraction.resolutions] == ["The Minutes of the meeting of "]
    assert extraction.metrics == ()
    assert [p.name for p in extraction.people] == []


def test_chair_named_on_the_line_after_its_heading_and_resolved_ending_a_line() -> None:
    # Limerick City and County Council minutes
    document = doc(
        "PRESENT IN THE CHAIR:",
        "Mayor Michael Sheahan",
        "MEMBERS PRESENT:",
        "Councillors Butler, Byrne and Sheahan",
        "1. Adoption of Minutes",
        "Proposed by Councillor Keary; Seconded by Councillor Sheahan; And Resolved:",
        "“That, the draft Minutes, as circulated, be taken as read and adopted and signed.”",
    )
    sections = segment(document)
    got = [(a.name, a.role, a.chair) for a in extract_attendance(document, sections)]
    assert got[0] == ("Michael Sheahan", "Mayor", True)
    assert [r.text for r in extract_resolutions(document, sections)] == [
        "“That, the draft Minutes, as circulated, be taken as read and adopted and signed.”"
    ]


def test_irish_names_with_o_and_ni_and_accents() -> None:
    from extractors.names import looks_like_name

    # Limerick members' lists: 'Councillors ..., McCreesh, Ó Ceallaigh, O'Dea'
    assert all(looks_like_name(n) for n in ("Ó Ceallaigh", "Áine Ní Bhriain", "Séamus Browne", "O'Dea"))
    document = doc("MEMBERS PRESENT:", "Councillors McCreesh, Ó Ceallaigh, O'Dea and Séamus Browne.")
    assert [a.name for a in extract_attendance(document, ())] == ["McCreesh", "Ó Ceallaigh", "O'Dea", "Séamus Browne"]


def test_things_after_a_determiner_or_preposition_are_not_people() -> None:
    # Lancashire seed 001
    document = doc(
        "It was reported that, as the English Baccalaureate, Attainment 8 and Progress 8 measures all required a "
        "specific grade, results had changed.",
        "The Cabinet Committee noted that a report on Academy Orders would be presented to the June meeting.",
        "Paul Bond, Head of Legal and Democratic Services, said a response would follow.",
    )
    assert [(p.name, p.role) for p in extract_people(document, ())] == [
        ("Paul Bond", "Head of Legal and Democratic Services")
    ]


def test_what_a_thing_will_do_is_no_commitment() -> None:
    # Lancashire seed 004
    document = doc(
        "Line of sight – the line of sight framework will ensure that leaders at all levels know their services.",
        "The ASU will be operational from January 2018 and will provide short break placements.",
        "This will be launched in December 2017 and will be used as a training tool.",
    )
    got = [a.text[:24] for a in extract_actions(document, (), None)]
    assert got == ["This will be launched in"]


def test_decision_page_with_a_colon_in_its_title_and_decision_then_resolved() -> None:
    from extractors.agenda import extract_agenda

    # London Borough of Harrow, decision details
    document = doc(
        "Decision details",
        "Public Realm Integrated Services Model: Business Case - Referral by Call-In Sub-Committee",
        "Decision Maker: Cabinet",
        "Is subject to call in?: No",
        "Decision:",
        "RESOLVED:  That the original Cabinet decision of 13 September 2012 be confirmed.",
    )
    items = extract_agenda(document, (), "decision")
    assert [(i.number, i.title[:30]) for i in items] == [(None, "Public Realm Integrated Servic")]
    assert [r.text for r in extract_resolutions(document, ())] == [
        "That the original Cabinet decision of 13 September 2012 be confirmed."
    ]


def test_an_address_is_no_list_of_people() -> None:
    # Tonbridge and Malling; Kent
    document = doc(
        "Place: Civic Suite, Gibson Building, Kings Hill, West Malling",
        "Venue: Council Chamber, Sessions House, County Hall, Maidstone. View directions",
        "Anne Hawke, Performance and Quality, to present",
    )
    assert [p.name for p in extract_people(document, ())] == ["Anne Hawke"]


def test_one_word_decision_closes_a_discussion() -> None:
    # City of London Corporation, 'Outstanding actions'
    document = doc(
        "The Committee received a report of the Town Clerk detailing outstanding actions from their last meeting.",
        "The Town Clerk undertook to make these changes for future reports.",
        "RECEIVED.",
    )
    assert [r.text for r in extract_resolutions(document, ())] == ["RECEIVED."]
    assert [(a.owner, a.text) for a in extract_actions(document, (), None)] == [
        ("Town Clerk", "undertook to make these changes for future reports")
    ]


def test_present_list_without_commas_between_bracketed_roles() -> None:
    # Brighton & Hove City Council, Policy & Resources Committee
    document = doc(
        "Present: Councillor Mac Cafferty (Chair) Appich (Joint Opposition Spokesperson) and Bell (Group Spokesperson)."
    )
    got = [(a.name, a.role, a.chair) for a in extract_attendance(document, ())]
    assert got == [
        ("Mac Cafferty", "Councillor", True),
        ("Appich", "Joint Opposition Spokesperson", False),
        ("Bell", "Group Spokesperson", False),
    ]


def test_issue_decisions_page_numbered_clauses_after_a_vote() -> None:
    from pipeline.extract import extract

    # Sandwell Metropolitan Borough Council, 'Issue - decisions'
    document = doc(
        "Issue - decisions",
        "To confirm the minutes of the meeting held on 18 March 2021 as a correct record",
        "24/06/2021 - To confirm the minutes of the meeting held on 18 March 2021 as a correct record",
        "The proposals were put to the vote and carried unanimously by those members present.",
        "(1)          that the minutes are re-submitted to a future meeting of this Committee for consideration;",
        "(2)          that the minutes are not submitted to the Council at its meeting in July 2021;",
    )
    extraction = extract(document)
    assert (extraction.meeting.doc_type, extraction.meeting.meeting_date) == ("decision", dt.date(2021, 6, 24))
    assert [i.title[:20] for i in extraction.agenda_items] == ["To confirm the minut"]
    assert len(extraction.resolutions) == 1 and extraction.resolutions[0].text.startswith("(1) that the minutes")


def test_numbers_in_schedules_names_and_known_sets_are_no_figures() -> None:
    # Lancashire seeds 001 and 004
    document = doc(
        "Call in days are scheduled at three, six, nine and twelve months to track progress.",
        "Work is under way with Advanced Practitioners (APs) for the next 6 – 12 months.",
        "residential and nursing home admissions for the 65+ age group have steadied in Q2.",
        "However, it was noted that rates of improvement in these 3 districts were greater.",
        "A monitoring visit took place on the 30 & 31 October 2017 and focused on the 12 Week Improvement Plan.",
        "English and Mathematics were replaced by the new grades with grade 4 (standard pass).",
        "9 County Matter minerals and waste (i.e. major) applications were determined within quarter 2.",
        "There was a 9.6% increase between June (5,268) and September (5,775) 2017.",
        "Rate of CLA per 10,000 – 85.0",
    )
    got = [(m.value, m.unit) for m in extract_metrics(document, ())]
    assert got == [(9.0, "count"), (9.6, "percent"), (5268.0, "count"), (5775.0, "count"), (85.0, "per_10000")]


def test_numbers_that_name_place_or_describe_are_no_figures_in_minutes() -> None:
    # real sentences of minutes: US cities, townships and a water district, Canadian and Irish councils,
    # English parish and county councils
    document = doc(
        "The Council recessed at 6:55 p.m. for a five-minute break.",
        "He noted that five Board Members are present.",
        "He would be accompanied on the visit by three fellow Members.",
        "Options 2, 3, 4 and 6 will have lesser impact on these groups.",
        "The Council has a duty under section 17 of the Children Act 1989 to support families.",
        "The department will be doing training september 28 and 29 at the fire hall.",
        "> |C. Rahman|| > Motion Passed (14 to 0)",
        "4 | Amendment to Reduced-Speed School Zones | ADOPTED",
        "CDC | Dog Bins | 439.56 | 73.26",
        "113.1 Noted that the weight restriction sign on the bridge is missing.",
        "The applicant would have twenty-one (21) days to appeal.",
        "There were receipts totaling $7,398.01 and disbursements totaling $3,137.45.",
        "That the Tax Supported Budget surplus of $58.8 million BE TRANSFERRED to the reserve.",
        "Note the forecast revenue overspend of £23.3m (excluding Schools).",
        "He reported that in the last two months 20 calls had been made to the police.",
        "That Bill No. 152 to Bill No. 178, excluding Bill No.’s 156, 157, 158 and 163 BE APPROVED.",
        "8.1\xa0\xa0\xa08th Report of the Community and Protective Services Committee",
    )
    got = [(m.value, m.unit) for m in extract_metrics(document, (), "minutes")]
    assert got == [(23300000.0, "GBP"), (20.0, "count")]


def test_an_unfinished_resolution_takes_its_lettered_parts_and_work_for_a_later_meeting_is_an_action() -> None:
    # Bromsgrove District Council, Performance Management Board, 17 July 2007
    document = doc(
        "RESOLVED that the Board notes",
        "(a)       that 80% of indicators are improving or stable as at the period end, compared to 60% in the "
        "previous period;",
        "(e)       that the Sickness Absence figures be examined in detail at the next meeting of the Board.",
    )
    sections = segment(document)
    resolutions = extract_resolutions(document, sections)
    assert len(resolutions) == 1
    assert resolutions[0].text.startswith("that the Board notes (a) that 80% of indicators")
    assert resolutions[0].text.endswith("at the next meeting of the Board.")
    actions = extract_actions(document, sections, None)
    assert [(a.owner, a.text) for a in actions] == [
        (None, "the Sickness Absence figures be examined in detail at the next meeting of the Board")
    ]


def test_a_target_met_is_no_comparator_and_a_period_number_is_no_figure() -> None:
    # Bromsgrove District Council, Cabinet, 6 January 2010
    document = doc(
        "The Cabinet considered a report on the Council’s performance as at 30th November 2009 (period 8).",
        "(b)       that it be noted that 76 percent of Performance Indicators that had a target were meeting their "
        "target as at the month end and 90 percent were projected to meet their target at the year end;",
        "The service reported 33.3% against a target of 80%.",
    )
    got = [(m.value, m.comparator) for m in extract_metrics(document, ())]
    assert got == [(76.0, None), (90.0, None), (33.3, None), (80.0, "target")]


def test_a_period_after_the_next_figure_is_that_figures() -> None:
    # Lancashire seed 004
    document = doc(
        "The September Key Performance Indicator for 30 day payments is at 82.96% compared to 71.16% in June."
    )
    assert [(m.value, m.period) for m in extract_metrics(document, ())] == [(82.96, "September"), (71.16, "June")]


def test_comparator_cues_stop_at_a_dash_and_a_second_target_shares_the_first_targets_indicator() -> None:
    # Bromley, Environment Portfolio Plan 2016/17; Leeds, Executive Board, recycling targets
    document = doc(
        "A sum had been set aside last year for enforcement – with two high profile enforcement actions "
        "highlighted - but all local boroughs and counties were suffering the problem.",
        "(b) That a revised target to recycle 50% of household waste by 2020 be approved, with the longer-term "
        "target to exceed 60% remaining unchanged;",
        "Rate of CLA per 10,000 – 85.0, national average – 62.0",
    )
    got = [(m.value, m.comparator, m.indicator) for m in extract_metrics(document, ())]
    assert got[:3] == [
        (2.0, None, "high profile enforcement actions highlighted"),
        (50.0, "target", "household waste"),
        (60.0, "target", "household waste"),
    ]
    assert got[4][:2] == (62.0, "national")


def test_items_as_numbered_paragraphs_in_capitals_with_their_decisions() -> None:
    # North Lincolnshire Council, People Scrutiny Panel, 6 December 2011
    document = doc(
        "People Scrutiny Panel – 6 December 2011",
        "PRESENT:  Councillor Mrs Bromby in the chair.",
        "Councillors Barker (Vice-Chair), Evison, Godfrey, Jawaid MBE, Robinson, and Wells.",
        "Statutory Co-opted Members: Mr N Craven and Mrs A Dunkerley (Parent Governor Representative).",
        "The panel met at Pittwood House, Scunthorpe.",
        "38  DECLARATIONS OF PERSONAL OR PERSONAL AND PREJUDICIAL INTERESTS (IF ANY) – There were no declarations.",
        "39  MINUTES – Resolved – That the minutes of the proceedings of this panel held on  8 November 2011 be "
        "taken as read and correctly recorded and signed by the chairman.",
        "41   (6)  UNPLANNED CARE AND MAJOR TRAUMA – Informal discussion with representatives.",
        "The Chairman welcomed Karen Rhodes and Geoff Day from NHS North Lincolnshire to the meeting. Members asked "
        "about the proposed non-emergency 111 phone contact.",
    )
    sections = segment(document)
    meeting = extract_meeting(document, sections)
    assert (meeting.body, str(meeting.meeting_date)) == ("People Scrutiny Panel", "2011-12-06")
    assert [(s.number, s.title) for s in sections] == [
        ("38", "DECLARATIONS OF PERSONAL OR PERSONAL AND PREJUDICIAL INTERESTS (IF ANY)"),
        ("39", "MINUTES"),
        ("41", "UNPLANNED CARE AND MAJOR TRAUMA"),
    ]
    attendees = extract_attendance(document, sections)
    assert [(a.name, a.role, a.chair) for a in attendees] == [
        ("Bromby", "Councillor", True),
        ("Barker", "Councillor", False),
        ("Evison", "Councillor", False),
        ("Godfrey", "Councillor", False),
        ("Jawaid", "Councillor", False),
        ("Robinson", "Councillor", False),
        ("Wells", "Councillor", False),
        ("N Craven", "Statutory Co-opted Member", False),
        ("A Dunkerley", "Parent Governor Representative", False),
    ]
    assert [(r.item, r.text[:30]) for r in extract_resolutions(document, sections)] == [
        ("39", "That the minutes of the procee")
    ]
    assert [p.name for p in extract_people(document, attendees)] == ["Karen Rhodes", "Geoff Day"]
    assert extract_metrics(document, sections) == ()


def test_a_role_ends_at_the_verb_and_an_item_title_is_nobody() -> None:
    # Durham County Council, agenda item page
    document = doc(
        "Any Items from Co-opted Members or Interested Parties",
        "Dr Neil O’Brien, Chief Clinical Officer for North Durham CCG responded that the Rapid Specialist Opinion "
        "(RSP) was a process.",
        "They had received a 92% response rate from CCGs using an SRO system and less than 5% were operating a "
        "similar scheme and 25% had an in house NHS scheme.",
    )
    assert [(p.name, p.role) for p in extract_people(document, ())] == [
        ("Neil O’Brien", "Chief Clinical Officer for North Durham CCG")
    ]
    assert [(m.value, m.indicator) for m in extract_metrics(document, ())][2] == (25.0, "in-house NHS scheme")


def test_apologies_noted_and_what_is_no_work_after_the_meeting() -> None:
    # Southampton City Council, scrutiny panel; Aberdeen City Council, transparency statements
    document = doc(
        "In addition, the apologies of Councillors Guest, and White were noted.",
        "Due to the appointed Chair of the Panel not being in attendance, Mark Pirnie, the Scrutiny Manager moved "
        "that a Chair would be elected for the purposes of the meeting.",
        "Decision:",
        "These will be recorded in full in the minute.",
        "She did not consider either connection to require a declaration of interest, and indicated that she would "
        "remain in the meeting for consideration of both items.",
    )
    sections = segment(document)
    attendees = extract_attendance(document, sections)
    assert [(a.name, a.status) for a in attendees] == [("Guest", "apologies"), ("White", "apologies")]
    assert ("Mark Pirnie", "Scrutiny Manager") in [(p.name, p.role) for p in extract_people(document, attendees)]
    assert extract_actions(document, sections, None) == ()


def test_parish_minutes_lists_items_decisions_and_actions() -> None:
    # Lea Parish Council, 12 April 2021; Choppington Parish Council, 22 November 2023
    document = doc(
        "Minutes for Parish Council meeting 12th April 2021",
        "Present: Councillors – Keith Austin(Chair), Joyce Austin, Helen Leone(vice chair), Barry Rooks(Parish Clerk)",
        "C048/23      1.         APOLOGIES FOR ABSENCE.",
        "Cllr L Watson and Cllr J Foster (family commitment) and Cllr H Allsopp (leave). The meeting accepted these as "
        "proper reasons for non-attendance.",
        "C052/23      5.         TO RECEIVE AND ADOPT THE MINUTES OF THE PARISH COUNCIL MEETING HELD ON "
        "13 NOVEMBER 2023 .",
        "With these amendments the minutes, A40, were passed by resolution of the council. Action:       Cllr Leone to "
        "place the approved minutes on the website. It was also resolved that future draft and approved minutes would "
        "be displayed on the website.",
        "Action: Clerk to obtain quotes for agreed works.  Council resolved to co-opt Mr Barber.",
        "Proposal: Mrs Mitchell proposed and Mr Berry seconded payment of this subscription and the meeting "
        "unanimously agreed. Minutes will be signed by the chairman in due course. The clerk will make a BACS payment.",
    )
    sections = segment(document)
    meeting = extract_meeting(document, sections)
    assert (meeting.body, str(meeting.meeting_date)) == ("Parish Council", "2021-04-12")
    assert [(s.number, s.title) for s in sections] == [
        ("C048/23", "APOLOGIES FOR ABSENCE"),
        ("C052/23", "TO RECEIVE AND ADOPT THE MINUTES OF THE PARISH COUNCIL MEETING HELD ON 13 NOVEMBER 2023"),
    ]
    attendees = extract_attendance(document, sections)
    assert [(a.name, a.status, a.chair) for a in attendees] == [
        ("Keith Austin", "present", True),
        ("Joyce Austin", "present", False),
        ("Helen Leone", "present", False),
        ("Barry Rooks", "present", False),
        ("L Watson", "apologies", False),
        ("J Foster", "apologies", False),
        ("H Allsopp", "apologies", False),
    ]
    resolutions = [r.text[:40] for r in extract_resolutions(document, sections)]
    assert resolutions == [
        "With these amendments the minutes, A40, ",
        "that future draft and approved minutes w",
        "Council resolved to co-opt Mr Barber.",
        "payment of this subscription and the mee",  # what was proposed, seconded and agreed
    ]
    actions = [(a.owner, a.text[:30]) for a in extract_actions(document, sections, None)]
    assert actions == [
        ("Leone", "Cllr Leone to place the approv"),
        ("Clerk", "Clerk to obtain quotes for agr"),
        ("chairman", "Minutes will be signed by the "),
        ("clerk", "make a BACS payment"),
    ]


def test_parish_members_listed_with_their_initials_and_a_chairman_after_a_comma() -> None:
    # Kings Caple Parish Council, 22 September 2016; Broad Town Parish Council, 18 January 2016
    document = doc(
        "Minutes of the Meeting of the Parish Council",
        "Thursday 22nd September 2016, The Old School, Kings Caple",
        "Penny Brandram-Jones (PBJ), Julie Brandram Jones (JBJ), Andrew Eames (AE)",
        "Liz Parry-Jones (LPJ) Clerk",
        "1 Apologies for Absence",
        "Apologies were accepted from Tim Over",
        "2 Neighbourhood Development Plan",
        "The Chair of the NDP Steering Group explained the changes.",
    )
    sections = segment(document)
    meeting = extract_meeting(document, sections)
    assert (meeting.body, str(meeting.meeting_date)) == ("Parish Council", "2016-09-22")
    attendees = extract_attendance(document, sections)
    assert [(a.name, a.role, a.status) for a in attendees] == [
        ("Penny Brandram-Jones", None, "present"),
        ("Julie Brandram Jones", None, "present"),
        ("Andrew Eames", None, "present"),
        ("Liz Parry-Jones", "Clerk", "in_attendance"),
        ("Tim Over", None, "apologies"),
    ]
    assert extract_people(document, attendees) == ()  # 'Steering Group explained' names no one
    broad_town = doc("Present: Cllr S. Hinson, Chairman", "Cllrs R. Bourton, M. Nailon and Mrs. V. Stubbings.")
    chaired = extract_attendance(broad_town, segment(broad_town))
    assert [(a.name, a.chair) for a in chaired] == [
        ("S. Hinson", True),
        ("R. Bourton", False),
        ("M. Nailon", False),
        ("V. Stubbings", False),
    ]


def test_minute_numbered_items_a_numeric_date_line_and_spaced_double_barrelled_names() -> None:
    # Aberystwyth Town Council, Full Council, 24 February 2014
    document = doc(
        "Cyngor Llawn",
        "24/02/2014 am 6:30 pm",
        "Present:       Cllr Wendy Morris – Twiddy",
        "Cllr Brenda Haines",
        "Apologies:   Cllr Dylan Lewis",
        "Minute 151:  Declarations of Interest.",
        "Cllr Ceredig Davies………………Finance (reimbursement).",
        "Minute 154:  Minutes of a meeting of Full Council held on 27th January 2014.",
        "Minute 134 refers:  No reply or response from Hywel Dda Health Board.",
        "Minute 155:  Matters arising from the minutes.",
    )
    sections = segment(document)
    assert [s.number for s in sections] == ["151", "154", "155"]
    assert str(extract_meeting(document, sections).meeting_date) == "2014-02-24"
    attendees = extract_attendance(document, sections)
    assert [(a.name, a.status) for a in attendees] == [
        ("Wendy Morris-Twiddy", "present"),
        ("Brenda Haines", "present"),
        ("Dylan Lewis", "apologies"),
    ]
    assert [p.name for p in extract_people(document, attendees)] == ["Ceredig Davies"]


def test_town_council_posts_before_names_reasons_for_absence_and_who_was_also_present() -> None:
    # Brandon Town Council, 21 April 2005; Louth Town Council, 27 April 2021
    document = doc(
        "BRANDON TOWN COUNCIL",
        "Minutes of the Special Meeting of the Full Brandon Town Council",
        "Held on Thursday 21st April 2005",
        "Present: The Vice Chairman Cllr. Mrs E Milner, Cllr. R Silvester, Cllr. S Newbon,",
        "Also present: The Acting Clerk Mrs C Mason, 1 member of the press",
        "Councillors not present: H. Filer (HF) and D. Wing (DEW).",
        "The Town Clerk, Mrs. L.M. Phillips and a member of the public were also present.",
        "1.  APOLOGIES FOR ABSENCE",
        "Cllr. N Vant due to business commitments, Cllr. S Edwards due to business commitments",
        "2.  DECLARATIONS OF INTERESTS",
        "None",
    )
    sections = segment(document)
    meeting = extract_meeting(document, sections)
    assert (meeting.body, str(meeting.meeting_date)) == ("Brandon Town Council", "2005-04-21")
    attendees = extract_attendance(document, sections)
    assert [(a.name, a.role, a.status) for a in attendees] == [
        ("E Milner", "Vice Chairman", "present"),
        ("R Silvester", "Cllr", "present"),
        ("S Newbon", "Cllr", "present"),
        ("C Mason", "Acting Clerk", "in_attendance"),
        ("H. Filer", None, "absent"),
        ("D. Wing", None, "absent"),
        ("L.M. Phillips", "Mrs", "in_attendance"),
        ("N Vant", "Cllr", "apologies"),
        ("S Edwards", "Cllr", "apologies"),
    ]
    assert extract_metrics(document, sections) == ()  # '1 member of the press' counts no service


def test_names_separated_only_by_their_titles_and_attendance_stated_in_sentences() -> None:
    # Haverfordwest Town Council, Full Council, 20 September 2017 (minutes printed from a PDF)
    document = doc(
        "MINUTES OF A MEETING OF FULL COUNCIL HELD ON WEDNESDAY 20th SEPTEMBER 2017 AT 7PM IN THE COUNCIL CHAMBER",
        "PRESENT: Cllr A Buckfield (Mayor) Cllr A Brooker Cllr C Evans Cllr Mrs S Murray",
        "APOLOGIES: Cllr J Collier Cllr L Pepperell Rev Fr N Cale, Mayor’s Chaplain County Cllr A Tudor",
        "The Town Clerk and Deputy Town Clerk were in attendance. Mr D Thomas, PCC Link Officer, was in attendance. "
        "County Cllrs D Bryan and T Tudor were in attendance.",
        "1358 DECLARATIONS OF INTEREST FROM MEMBERS",
        "Declarations of interest from members will be taken as and when they arise.",
        "1359 MINUTES OF THE LAST FULL COUNCIL MEETING",
    )
    sections = segment(document)
    attendees = extract_attendance(document, sections)
    assert [(a.name, a.status) for a in attendees] == [
        ("A Buckfield", "present"),
        ("A Brooker", "present"),
        ("C Evans", "present"),
        ("S Murray", "present"),
        ("J Collier", "apologies"),
        ("L Pepperell", "apologies"),
        ("N Cale", "apologies"),
        ("A Tudor", "apologies"),
        ("D Thomas", "in_attendance"),
        ("D Bryan", "in_attendance"),
        ("T Tudor", "in_attendance"),
    ]
    assert extract_people(document, attendees) == ()


def test_every_name_on_the_corpus_points_at_where_it_is_written() -> None:
    from pipeline.convert import convert
    from pipeline.extract import extract
    from pipeline.load import load
    from tests.conftest import CORPUS

    for path in sorted(CORPUS.rglob("*")):
        if path.suffix not in {".txt", ".md", ".html", ".htm"} or path.name == "SOURCES.md":
            continue
        document = convert(load(path))
        extraction = extract(document)
        for record in (*extraction.attendees, *extraction.people):
            start, end = record.evidence.span
            if (start, end) == (0, 0):
                continue  # stated by a structured source (ModernGov XML), not in the text
            written = re.sub(r"\s+[–-]\s+", "-", document.text[start:end])  # 'Morris – Twiddy'
            assert written == record.name, (path.name, record.name, document.text[start:end])


def test_a_list_of_posts_is_nobody_and_the_chair_line_ends_the_list() -> None:
    # The Highland Council, 1 June 2017
    document = doc(
        "Minutes of Meeting of the Highland Council held in the Council Chamber, Inverness on Thursday, 1 June 2017.",
        "1. Calling of the Roll and Apologies for Absence",
        "Present:",
        "Mr G Adam, Mr B Allan, Mrs G Campbell-Sinclair, Mr B Lobban, Mr N McLean (via VC)",
        "In Attendance:",
        "Chief Executive",
        "Director of Development & Infrastructure, Director of Finance",
        "Mr B Lobban in the Chair",
        "Apologies for absence were intimated on behalf of Mr S Mackie.",
        "2. Declarations of Interest",
    )
    attendees = extract_attendance(document, segment(document))
    assert [(a.name, a.status, a.chair) for a in attendees] == [
        ("G Adam", "present", False),
        ("B Allan", "present", False),
        ("G Campbell-Sinclair", "present", False),
        ("B Lobban", "present", True),
        ("N McLean", "present", False),
        ("S Mackie", "apologies", False),
    ]


def test_resolved_that_on_its_own_line_and_a_decision_printed_twice() -> None:
    # Cardiff Council, Cabinet, Quarter 3 Performance Report (ModernGov agenda item page)
    document = doc(
        "Agenda item",
        "Quarter 3 Performance Report",
        "Decision:",
        "RESOLVED that",
        "the current position regarding performance, the delivery of key commitments and priorities as at "
        "Quarter 3, and the action being taken to the challenges facing the Council be noted.",
        "Minutes:",
        "The Cabinet received the Council’s performance report for Quarter 3 (October to December).",
        "RESOLVED that",
        "the current position regarding performance, the delivery of key commitments and priorities as at "
        "Quarter 3, and the action being taken to the challenges facing the Council be noted.",
    )
    resolutions = extract_resolutions(document, segment(document), "agenda_item")
    assert [r.text[:40] for r in resolutions] == ["that the current position regarding perf"]
    assert extract_meeting(document, segment(document)).body == "Cabinet"  # 'The Cabinet received ...'


def test_a_question_commits_no_one_but_the_answer_may_and_a_phone_number_is_no_figure() -> None:
    # Wolverhampton City Council, Scrutiny Board, 15 April 2014
    document = doc(
        "Contact: Tessa Johnson  01902 554003 or Email:",
        "Cllr Simkins enquired as to whether the reviews which were being closed down would be reported back to the "
        "Board.",
        "Cllr Simkins asked whether the PREVENT work completed by Cllr Angus was included in the report and Adam "
        "Hadley informed the board that the review in question was still live, and that there would be a progress "
        "report coming to the Board in due course.",
    )
    actions = extract_actions(document, segment(document), None)
    assert [a.text for a in actions] == ["a progress report coming to the Board in due course"]
    assert extract_metrics(document, ()) == ()


def test_a_post_written_before_a_mentioned_name_is_its_role() -> None:
    # Denbighshire County Council, Standards Committee
    document = doc("Independent Member Samuel Jones reported on the meeting of Llangynhafal Community Council.")
    assert [(p.name, p.role) for p in extract_people(document, ())] == [("Samuel Jones", "Independent Member")]


def test_resolved_to_closing_a_sentence_and_a_recording_time_is_no_figure() -> None:
    # Waverley Borough Council, Executive; North Hertfordshire, Overview and Scrutiny Committee
    document = doc(
        "The Executive reviewed the performance figures for Quarter 4 2017/18, and RESOLVED to:",
        "1.  Approve the changes to the current indicator set for leisure centres and wellbeing.",
        "2.  Approve the discontinuation of the current indicator set for museums.",
        "Audio recording – 36 minutes 17 seconds",
    )
    resolutions = extract_resolutions(document, segment(document))
    assert [r.text[:40] for r in resolutions] == ["1. Approve the changes to the current in"]
    assert resolutions[0].text.endswith("indicator set for museums.")
    assert extract_metrics(document, ()) == ()


def test_a_title_date_broken_over_lines_or_typed_with_a_letter_o() -> None:
    # a Hertfordshire parish's PDF: the ordinal's superscript on a line of its own
    superscript = doc(
        "Minutes of the meeting of Hertingfordbury Parish Council held on Wednesday 10",
        "th",
        "October 2012 at 7.30pm in the School",
        "58. APOLOGIES FOR ABSENCE",
    )
    # a Fife community council's heading over two lines; a Glasgow community council's year typed '2O24'
    two_lines = doc("MINUTES OF THE MEETING OF THE COMMUNITY COUNCIL", "HELD ON MONDAY 1st", "OCTOBER 2018 AT 19:00")
    letter_o = doc("GOVAN COMMUNITY COUNCIL", "GENERAL MEETING MONDAY 4 MARCH 2O24", "Held in the Board Room at 7 p.m.")
    assert [extract_meeting(d).meeting_date for d in (superscript, two_lines, letter_o)] == [
        dt.date(2012, 10, 10),
        dt.date(2018, 10, 1),
        dt.date(2024, 3, 4),
    ]


def test_streets_schemes_and_businesses_are_no_one_but_surnames_that_are_words_stay() -> None:
    # capitalised phrases of minutes in England, Ireland and the US that read like names
    for thing in ("Cole Green Way", "College Parkway", "Solid Wastes", "Buddy Scheme", "Noble College Booksellers"):
        assert not is_person_name(thing), thing
    for person in ("Julie Hall", "Sarah Lane", "Tom Brindley", "Stuart Overway"):
        assert is_person_name(person), person


def test_a_task_on_a_short_line_is_an_action_even_where_layout_reads_a_heading() -> None:
    # an Oxfordshire parish's minutes: members' initials given in the attendance list, tasks on short lines
    document = doc(
        "Amanda Sharman (AS)",
        "AS to progress with Trevor’s (TS Electical) quote",
        "Anne Hawke, Performance and Quality, to present",
    )
    actions = extract_actions(document, (), dt.date(2023, 9, 28))
    assert [(a.owner, a.text[:24]) for a in actions] == [("AS", "AS to progress with Trev")]
