"""Actions: who agreed, was asked or is to do what, by when; what is to come back to a meeting.

Each rule is a shape minutes use for a commitment. A rule names where the owner is: in the
pattern's ``owner`` group, in the sentence's subject ("Sally Allen, Head of ..., agreed to",
"She also undertook to" after a sentence about Emma Bennett), after "by" ("to be considered by
Cabinet"), or nowhere. Requests ("Members asked that a benchmark figure be included") keep the
one who asked as the requester.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Literal, NamedTuple

import ahocorasick

from extractors.action_tables import extract_table_actions
from extractors.dates import MONTHS, resolve_day_month, resolve_month
from extractors.names import FULL_NAME, TITLE, split_title
from extractors.text import item_number_at, split_sentences
from models.records import Action, Document, Evidence, Section

NAME = "actions"
VERSION = "2"

_ROLE_OR_BODY = (
    r"(?:the\s+)?(?:(?:[A-Z][\w'’&-]*|&)\s+(?:and\s+(?=[A-Z]))?){0,5}(?:Directors?|Heads?|Managers?|Officers?|"
    r"Chief\s+Executive|Leader|Clerk|Team|Board|Committee|Cabinet|Council|Lead|Engineer|Administrator|Secretary|"
    r"Group|Panel)\b"
    r"(?:\s+(?:of|for)\s+(?:[A-Z][\w'’&-]*\s?)+)?"
)
_TITLED = rf"(?:{TITLE})\s+(?:(?:Mrs|Mr|Ms|Dr|Sir)\.?\s+)?(?:(?:[A-Z]\.?\s+){{0,3}})?[A-Z][\w'’-]+"
# parish minutes name officers in lower case: 'The clerk will make a BACS payment'
_LOWER_ROLE = r"[Tt]he\s+(?:clerk|chairman|chairwoman|chair|treasurer|secretary)\b"
_OWNER = rf"{_TITLED}|{FULL_NAME}|{_ROLE_OR_BODY}|{_LOWER_ROLE}"
OWNER_AT_START = re.compile(rf"^(?P<owner>{_OWNER})(?:,[^.]*?,)?\s*(?:also\s+|then\s+|subsequently\s+)?$")
SUBJECT_NAME = re.compile(rf"^(?:(?P<titled>{_TITLED})|(?P<name>{FULL_NAME}))\b")
PRONOUN = re.compile(r"^(?:She|He|They|she|he|they)\b")
# 'In response to a query from County Councillor Driver, Sally Allen ...': the framing is not the subject
FRAMING = re.compile(
    r"^(?:(?:In\s+response|In\s+reply|Following|After|With\s+reference|In\s+answer)\b[^,]*,\s*"
    r"|(?:From|By|In|During|Since|Until|Over)\s+[^,]{0,25}\d[^,]{0,10},\s*)+"  # 'From April 2018, the County will ...'
)
# One capitalised word as the subject of a commitment: a council, place or organisation ('Riverside will work ...')
PROPER_SUBJECT = re.compile(r"^(?!(?:This|That|It|We|They|These|Those|There|He|She)\b)[A-Z][\w'’&-]+$")
# Words one of which every rule's trigger needs: a sentence with none of them (three in four) is skipped
# without running the rules. tests/test_extractors.py checks the list against the triggers on the corpus.
KEYWORDS = (
    "agreed", "undertook", "offered", "promised", "volunteered", "would", "will", "asked", "is to", "are to",
    "was to", "looking into", "investigating", "reviewing", "meeting with", "working on", "confirmed", "requested",
    "recommended", "suggested", "wished", "like", "presented", "brought", "submitted", "provided", "circulated",
    "reported", "considered", "covered", "distributed", "made", "action", "expected", "monitored", "shall",
    "launched", "introduced", "implemented", "rolled out", "piloted", "established", "set up", "published",
    "requests", "request ", "asks", "ask ", "instruct", "directs ", "directed", "tasked", "invited",
    " meeting", "resolved", "agreed", "coming", "going", "to come",
)  # fmt: skip


# The verbs of an instruction in the subjunctive ('that officers provide ...', 'that the Director report back')
_INSTRUCTED = (
    r"(?:provide|report|bring|write|investigate|circulate|arrange|prepare|produce|update|review|develop|contact|"
    r"liaise|present|submit|send|explore|seek|undertake|consult|meet|publish|attend|look\s+into|draw\s+up|"
    r"establish|set\s+up|ensure)"
)
# 'That' opening a decision: at the start of the sentence or after the verb that made it
_DECISION_THAT = (
    r"(?:^\W*(?:\(?[0-9a-z]{1,4}[.)]\s*)?|\b(?:RESOLVED|[Rr]esolved|agreed|decided|recommended|requested|"
    r"recommends|requests)\W{0,4})[Tt]hat\s+"
)
INSTRUCTION = re.compile(
    rf"{_DECISION_THAT}(?:relevant\s+|all\s+)?(?:the\s+)?(?:[A-Z]|officers\b)[^.]{{0,80}}?\s{_INSTRUCTED}\b"
)


def substring_finder(words: Iterable[str]) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton that finds every one of ``words`` in a text in one pass."""
    automaton = ahocorasick.Automaton()
    for word in set(words):
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def present(finder: ahocorasick.Automaton, low: str) -> set[str]:
    """The words of ``finder`` that occur in ``low``, as substrings (as ``word in low`` finds them)."""
    return {word for _, word in finder.iter(low)}


KEYWORD_SET = frozenset(KEYWORDS)


def may_hold_action(sentence: str) -> bool:
    """Whether any rule could match the sentence."""
    low = sentence.lower()
    return _may_hold_action(sentence, low, present(NEEDLE_FINDER, low))


def _may_hold_action(sentence: str, low: str, found: set[str]) -> bool:
    """:func:`may_hold_action` given the sentence in lower case and the keywords and needles found in it."""
    return (
        not KEYWORD_SET.isdisjoint(found)
        or ("that " in low and INSTRUCTION.search(sentence) is not None)
        or (" to " in low and RULES[0].trigger.match(sentence) is not None)  # 'GD to contact MC ...'
    )


REPORTED = re.compile(
    r"\s+(?:advised|confirmed|said|stated|explained|indicated|reported|assured|agreed)\s+(?:the\s+\w+\s+)?that\s*$"
)
REQUEST_VERB = re.compile(r"\b(?:requested|asked|recommended|suggested|agreed|felt|wished|would\s+like)\b")
# What an item is for ('To confirm that ...', '[To be circulated]') and questions put by members ('I will ask at the
# next meeting ...', scanned as '! will ask') say nothing of what was agreed.
AGENDA_DESCRIPTION = re.compile(
    r"^(?:\[?To\s+(?:be\s+)?[a-z]|[I!|1]\s+will\s+(?:ask|move)\b|I\s+move\b)"
)  # 'To confirm that ...', '[To be circulated]'
OwnerFrom = Literal["group", "subject", "by", "none"]


class Rule(NamedTuple):
    """One way minutes phrase an action.

    ``trigger`` is a cheap test run first: most sentences hold no action. ``text`` says where the action
    text is: the ``text`` group, everything from the start of the match, or the whole sentence.
    """

    trigger: re.Pattern[str]
    pattern: re.Pattern[str]
    text: Literal["group", "match", "sentence"]
    owner: OwnerFrom
    requester: bool = False  # the sentence's subject asked for it
    needs_owner: bool = False  # no owner found: not this shape ('Health Checks offered to members ...')
    # after a speech verb, only what the speaker will do: 'X stated the Port will ...' is no commitment
    speaker_only: bool = False
    # words one of which the trigger's match holds (lower case): checked before the trigger, which costs more
    needles: tuple[str, ...] = ()


_PARTICIPLE = (
    r"(?:[a-z]+(?:ed|en|wn)|made|sent|set\s+up|brought|put|done|kept|given|shown|drawn\s+up|held|run|built|"
    r"undertaken|written|taken)"
)
# 'recommended that the programme be called ...', 'agreed that the minutes be signed': decisions, not work
_DECISION_PARTICIPLE = (
    r"(?:called|named|renamed|noted|approved|agreed|confirmed|signed|received|accepted|adopted|endorsed)"
)
# What a committee is asked to do with a report, which is no work after the meeting
_RECEIVING = (
    r"(?:note|consider|approve|agree|endorse|comment|support|receive|accept|speak|address|present\s+the\s+report)"
)
# what the minutes' own 'X to do Y' form may name as X: initials ('GD', 'NO / JH'), a person, a post or body
_INITIALS = r"[A-Z]{2,4}(?:\s*(?:/|&|and|,)\s*[A-Z]{2,4})*"
RULES: tuple[Rule, ...] = (
    # 'GD to contact MC ...', 'Clerk to circulate the quote', 'ACTION: JH to arrange purchase of signs',
    # 'The Senior Executive Officer, Corporate Services, to revert to Members'
    Rule(
        re.compile(r"^(?:ACTION\s*[:–-]?\s*)?(?:[-•·*]\s*)?[A-Z][\w'’.,/& -]{0,80}?\s+to\s+[a-z]"),
        re.compile(
            rf"^(?:ACTION\s*[:–-]?\s*)?(?:[-•·*]\s*)?(?P<owner>{_INITIALS}|{_OWNER})(?:,[^,]{{2,60}},)?\s+to\s+"
            rf"(?P<text>(?!be\b|{_RECEIVING}\b|the\b|a\b|an\b|this\b|date\b)[a-z]+\b.*)"
        ),
        "match",
        "group",
        needles=("to ",),
    ),
    # 'Sally Allen, Head of ..., agreed to find out why', 'She also undertook to check the position'
    Rule(
        re.compile(r"(?=[auopv])\b(?:agreed|undertook|offered|promised|volunteered)\s+to\s+[a-z]"),
        re.compile(r"\b(?P<text>(?:agreed|undertook|offered|promised|volunteered)\s+to\s+(?!be\b)[a-z].+)"),
        "group",
        "subject",
        needs_owner=True,
        needles=("agreed", "undertook", "offered", "promised", "volunteered"),
    ),
    # 'Ms Lee ... advised that she would investigate whether that data could be made available'
    Rule(
        re.compile(r"(?=[t])\bthat\s+(?:she|he|they)\s+would\b"),
        re.compile(
            r"\b(?:advised|confirmed|said|stated|explained|indicated|reported|assured|agreed)\s+"
            r"(?:the\s+\w+\s+)?that\s+(?P<text>(?:she|he|they)\s+would\s+(?!be\b|leave\b|withdraw\b|abstain\b|not\b|"
            r"remain\b|therefore\s+remain\b)[a-z].+)"
        ),
        "group",
        "subject",
        needles=("would",),
    ),
    # 'Paul Bond was asked to ...', 'the Chief Executive would write to ...', 'Officers are to ...'
    Rule(
        re.compile(r"(?=[awi])\b(?:asked|would|will|is\s+to|are\s+to|was\s+to)\s+(?:to\s+)?[a-z]"),
        re.compile(
            rf"(?P<owner>{_OWNER})(?:,[^.]*?,)?\s+(?:was\s+asked|were\s+asked|would|will|is\s+to|are\s+to|"
            r"was\s+to)\s+(?P<text>(?:to\s+)?(?!be\b|have\b|not\b|take\s+place\b|commence\b|leave\b)[a-z].+)"
        ),
        "group",
        "group",
        needles=("asked", "would", "will", "is to", "are to", "was to"),
    ),
    # 'requests the Policy and Improvement Officer to investigate the two issues raised, and report back'
    Rule(
        re.compile(
            r"(?=[raid])\b(?:requests?|requested|asks?|asked|instructs?|instructed|directs?|directed)\s+(?:the\s+)?[A-Z]"
        ),
        re.compile(
            rf"\b(?:requests?|requested|asks?|asked|instructs?|instructed|directs?|directed)\s+(?P<owner>{_OWNER})"
            rf"\s+to\s+(?P<text>(?!be\b|{_RECEIVING}\b)[a-z].+)"
        ),
        "group",
        "group",
        needles=("request", "ask", "instruct", "direct"),
    ),
    # 'That the Temporary Scrutiny Officer be requested to canvass the Members of this Committee ...'
    Rule(
        re.compile(r"(?=[bB])\b(?i:be\s+(?:requested|asked|instructed|tasked|invited|directed))\s+to\s"),
        re.compile(
            rf"(?P<owner>{_OWNER})\s+(?i:be\s+(?:requested|asked|instructed|tasked|invited|directed))\s+to\s+"
            rf"(?P<text>(?!{_RECEIVING}\b)[a-z].+)"
        ),
        "group",
        "group",
        needles=("requested", "asked", "instructed", "tasked", "invited", "directed"),
    ),
    # a resolution that tells someone what to do: 'RESOLVED that relevant Heads of Services provide a full update'
    Rule(
        INSTRUCTION,
        re.compile(
            rf"{_DECISION_THAT}(?P<owner>(?:relevant\s+|all\s+)?(?:{_ROLE_OR_BODY}|{_TITLED}|{FULL_NAME}|officers))"
            rf"\s+(?P<text>{_INSTRUCTED}\b.+)"
        ),
        "group",
        "group",
    ),
    # 'Resolved: the NDP Steering Group to prepare the Basic Conditions and Consultation Statements'
    Rule(
        re.compile(r"(?=[RrAa])\b(?:RESOLVED|Resolved|AGREED|Agreed)\s*[:–-]"),
        re.compile(
            rf"\b(?:RESOLVED|Resolved|AGREED|Agreed)\s*[:–-]\s*(?P<text>(?P<owner>{_OWNER})\s+to\s+(?!be\b|{_RECEIVING}\b)"
            r"[a-z].+)"
        ),
        "group",
        "group",
        needles=("resolved", "agreed"),
    ),
    # 'John Readman was currently looking into this issue'
    Rule(
        re.compile(r"(?=[lirmw])\b(?:looking\s+into|investigating|reviewing|meeting\s+with|working\s+on)\b"),
        re.compile(
            rf"(?P<owner>{_OWNER})\s+(?:was|were|is|are)\s+(?:currently\s+)?"
            r"(?:looking\s+into|investigating|reviewing|meeting\s+with|working\s+on)\b.+"
        ),
        "match",
        "group",
        needles=("looking into", "investigating", "reviewing", "meeting with", "working on"),
    ),
    (
        Rule(
            re.compile(r"(?=[c])\bconfirmed\s+that\s+(?:management\s+)?action\s+was\s+being\s+taken"),
            re.compile(rf"(?P<owner>{_OWNER})\s+confirmed\s+that\s+(?:management\s+)?action\s+was\s+being\s+taken.*"),
            "match",
            "group",
            needles=("confirmed",),
        )
    ),
    # 'Members asked that a benchmark figure also be included', 'requested a reference to 4% ... be clarified'
    Rule(
        re.compile(r"(?=[rasg])\b(?:requested|asked|recommended|suggested|agreed)\b"),
        re.compile(
            r"\b(?:requested|asked|recommended|suggested|agreed)\s+(?:that\s+)?"
            rf"(?P<text>(?!to\b)[^;]*?\bbe\s+(?:also\s+)?(?!{_DECISION_PARTICIPLE}\b){_PARTICIPLE}\b[^;]*)"
        ),
        "group",
        "none",
        requester=True,
        needles=("requested", "asked", "recommended", "suggested", "agreed"),
    ),
    # 'the Board felt that they would like more information on ...', 'The Members asked for a Policy Document'
    Rule(
        re.compile(r"(?=[war])\b(?:would\s+like|wished\s+to|asked\s+for|requested)\b"),
        re.compile(
            r"\b(?:would\s+like|wished\s+to\s+(?:see|receive)|asked\s+for|requested)\s+(?P<text>(?:more\s+|further\s+|"
            r"additional\s+|an?\s+|the\s+)?(?:information|details|update|report|breakdown|data|briefing|policy\s+document|"
            r"[A-Z][\w ]{0,40}?(?:Document|Plan|Report))\b[^;]*)"
        ),
        "group",
        "none",
        requester=True,
        needles=("would like", "wished to", "asked for", "requested"),
    ),
    # 'a report on Academy Orders would be presented to the June meeting', 'scheduled to be considered by Cabinet'
    Rule(
        re.compile(
            r"\bbe\s+(?:presented|brought|submitted|provided|circulated|reported|considered|covered|distributed|made)"
        ),
        re.compile(
            r"(?P<text>\b(?:a|an|the|this|that|further)\s+(?:(?!(?:a|an|the)\s)[\w'’-]+\s+){0,6}?"
            r"(?:report|update|briefing|paper|plan|presentation|issue|matter|information|item|figure|review)s?\b"
            r"[^.]*?\b(?:would|will|should|(?<!were\sdue\s)(?<!was\sdue\s)to|was\s+scheduled\s+to|is\s+scheduled\s+to)\s+be\s+"
            r"(?:presented|brought|submitted|provided|circulated|reported|considered|covered|distributed|"
            r"made\s+available)\b(?:[^.]*?\bby\s+(?P<by>(?-i:(?:the\s+)?[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*)*)))?[^.]*)",
            re.I,
        ),
        "group",
        "by",
        needles=(
            "presented",
            "brought",
            "submitted",
            "provided",
            "circulated",
            "reported",
            "considered",
            "covered",
            "distributed",
            "made",
        ),
    ),
    # something to be done at a later meeting: 'that the Sickness Absence figures be examined in detail at the
    # next meeting of the Board'
    Rule(
        re.compile(r"(?=[nflsNFLS])\b(?:next|future|following|later|subsequent)\s+meetings?\b", re.I),
        re.compile(
            r"(?P<text>\b(?:the|a|an|this|these|those|further|any)\s+[^.;]*?\bbe\s+(?:\w+ly\s+)?"
            rf"(?!{_DECISION_PARTICIPLE}\b){_PARTICIPLE}\b[^.;]*?\b(?:the|a)\s+(?:next|future|following|later|"
            r"subsequent)\s+meetings?\b[^.;]*)"
        ),
        "group",
        "none",
        needles=("meeting",),
    ),
    # 'there would be a progress report coming to the Board in due course'
    Rule(
        re.compile(r"\b(?:report|update|paper)s?\s+(?:coming|going|to\s+come)\s+(?:back\s+)?to\b"),
        re.compile(
            r"(?P<text>\b(?:a|an|the|further)\s+(?:[\w-]+\s+){0,3}?(?:report|update|paper)s?\s+(?:coming|going|to\s+come)"
            r"\s+(?:back\s+)?to\s+(?:the\s+)?(?-i:[A-Z])[^.;]*)"
        ),
        "group",
        "none",
        needles=("coming", "going", "to come"),
    ),
    # 'there was an action plan to increase ...', 'Actions being taken to address this issue include: ...'
    Rule(
        re.compile(r"(?=[aA])\baction\s+plan\s+to\b|\bActions?\s+(?:being\s+)?taken\b", re.I),
        re.compile(
            r"(?P<text>\ban?\s+action\s+plan\s+to\s+[a-z].+|\bActions?\s+(?:being\s+)?taken\b[^:]*\binclude[sd]?:.+)",
            re.I,
        ),
        "group",
        "none",
        needles=("action",),
    ),
    # 'The innovation programme would be officially launched in quarter two'
    Rule(
        re.compile(
            r"\b(?:would|will)\s+be\s+(?:\w+ly\s+)?(?:launched|introduced|implemented|rolled\s+out|piloted|"
            r"established|set\s+up|published)\b"
        ),
        re.compile(
            r"^(?!This\s+(?:agenda\s+item|report)\b)(?P<text>.*\b(?:would|will)\s+be\s+(?:\w+ly\s+)?(?:launched|"
            r"introduced|implemented|rolled\s+out|piloted|established|set\s+up|published)\b.*)$"
        ),
        "group",
        "none",
        needles=("would", "will"),
    ),
    # 'Action: Clerk to obtain quotes for agreed works', 'ACTION – the report to be circulated'
    Rule(
        re.compile(r"^ACTIONS?\b", re.I),
        re.compile(rf"^(?i:ACTIONS?)\s*[:–-]\s*(?P<text>(?:(?P<owner>{_OWNER})\s+to\s+[a-z])?.+)"),
        "group",
        "group",
        needles=("action",),
    ),
    # 'The local authority and the area's CCGs were expected to submit a joint ...'
    Rule(
        re.compile(r"(?=[e])\bexpected\s+to\b"),
        re.compile(
            r"^(?P<owner>(?!It\b|This\b|That\b|There\b)(?:The\s+)?[A-Z][\w'’&-]*(?:\s+(?!that\b|it\b)[\w'’&-]+){0,8}?)"
            r"\s+(?:were|was)\s+expected\s+to\s+(?!be\b|rise|fall|increase|decrease|reduce|improve)[^.]+"
        ),
        "match",
        "group",
        needles=("expected to",),
    ),
    # 'would be closely monitored by the DfE and the county's Improvement and Accountability Board'
    Rule(
        re.compile(r"(?=[m])\bmonitored\s+by\b"),
        re.compile(
            rf"\bwould\s+be\s+(?:closely\s+)?monitored\s+by\s+(?:the\s+)?(?P<owner>{_OWNER})"
            rf"(?:\s+and\s+(?:{_OWNER}))?"
        ),
        "sentence",
        "group",
        needles=("monitored by",),
    ),
    # reports: 'From April 2018, the County will work with ...', 'Targets for next year will be looked at ...'
    Rule(
        re.compile(r"(?=[ws])\b(?:will|shall)\s"),
        re.compile(
            # not what a paper will contain: 'This agenda item will provide a summary', 'It will also provide ...'
            r"^(?!(?:This|The)\s+(?:agenda\s+item|report|paper|item|update|appendix|dashboard)\b|It\s+will\b)"
            r"(?P<text>(?:(?!\b(?:should|may|might|could|likely|expected|projected|forecast|anticipated|hope|hoped)\b)"
            r"[^.])*?\b(?:will|shall)\s+(?:now\s+|also\s+|then\s+)?"
            # what a thing will do is no commitment: 'the framework will ensure ...', 'will provide short breaks'
            r"(?!(?:ensure|provide|support|enable|allow|help|give|offer|include|mean|result|lead|benefit|strengthen|"
            r"contribute|deliver|impact|affect|see|cover|focus|"
            r"take\s+place|commence|be\s+held|be\s+recorded|rise|fall|increase|decrease|improve|reduce|remain|need|move|ask|"
            r"continue\s+to\s+(?:rise|fall|increase|decrease|improve|be\s+a)|be\s+(?:a|an|the|able|more|less|"
            r"higher|lower|available|required|needed|necessary|no|operational|in\s+place|ready|permitted|entitled|eligible|"
            r"relevant|counted|deemed|moved|proposed|put)\b"
            r"|no\s+longer|(?:also\s+)?transfer)\b)[a-z].*)$"
        ),
        "group",
        "subject",
        needles=("will", "shall"),
        speaker_only=True,
    ),
)
# every keyword and every rule's needles, found in a sentence in one pass
NEEDLE_FINDER = substring_finder([*KEYWORDS, *(needle for rule in RULES for needle in rule.needles)])

DUE_MEETING = re.compile(
    rf"\b(?:the\s+)?(?P<month>{'|'.join(m.capitalize() for m in MONTHS)})\b"
    r"(?:\s+(?P<year>20\d\d))?(?:\s+[A-Z][\w]*)*\s+meeting\b"
)
DUE_BY = re.compile(
    rf"\b(?:by|before|in|from)\s+(?:the\s+)?(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?"
    rf"(?P<month>{'|'.join(m.capitalize() for m in MONTHS)})\b(?:\s+(?P<year>20\d\d))?"
)
ACTION_LIST = re.compile(r"\b(?:actions?|following\s+actions)\b[^.]*(?:including|include|:)\s*:?$", re.I)
# a question put at the meeting, which commits no one
QUESTION = re.compile(
    r"\b(?:enquired|inquired|asked|queried|questioned|wondered)\s+(?:as\s+to\s+)?(?:whether|if|why|how|what|when)\b"
)
# what closes a question: an answer, or a request made after it ("queried why ... and requested the proposal be ...")
ANSWER = re.compile(
    r"\b(?:informed|advised|confirmed|responded|replied|explained|stated|said|assured|requested|suggested|agreed|"
    r"undertook|proposed)\b"
)


def _asked(sentence: str, at: int, end: int) -> bool:
    """Whether the action matched at ``sentence[at:end]`` stands in a question still open: asked, and not
    answered or followed by a request since ('... asked whether X was included and Adam Hadley informed the
    board that there would be a report ...', 'queried why ... and requested the proposal be evaluated')."""
    closers = [closer.end() for closer in ANSWER.finditer(sentence, 0, end)]
    since = closers[-1] if closers else 0
    if since > at:
        return False  # the match is itself the request
    return QUESTION.search(sentence, since, at) is not None


# what someone said will happen, unless the speaker says what they will do: 'X stated the Port will ...' is
# no commitment; 'X said he will contact ...' is
SPEECH_VERB = re.compile(
    r"\b(?:stated|said|says|noted|responded|replied|explained|expressed|discussed|concurred|commented|pointed\s+out|"
    r"added|clarified|mentioned|indicated|advised|believes|believed|felt|thinks|thought|hopes|hoped)\b"
)
SPEAKER_COMMITS = re.compile(r"\b(?:that\s+)?(?:he|she|they|we|I|staff|officers)\s*$")


def _reported_forecast(before_will: str) -> bool:
    """Whether the 'will' after ``before_will`` reports what a speaker expects rather than what they will do."""
    ends = [said.end() for said in SPEECH_VERB.finditer(before_will)]
    return bool(ends) and not SPEAKER_COMMITS.search(before_will[ends[-1] :])


# the passive's agent: 'will be signed by the chairman', 'would be reviewed by the Head of Service'
DONE_BY = re.compile(rf"\bbe\s+{_PARTICIPLE}\s+by\s+(?P<by>{_OWNER})")
NOT_OWNER = re.compile(
    r"^(?:It|There|This|That|These|Members?|Officers|We|They|Committee|Sub-Committee|Minutes|Location|Work|Works)$"
)


def _due(text: str, reference: dt.date | None) -> str | None:
    if match := DUE_MEETING.search(text):
        year = int(match.group("year")) if match.group("year") else None
        return resolve_month(match.group("month"), reference, year)
    if match := DUE_BY.search(text):
        year = int(match.group("year")) if match.group("year") else None
        if match.group("day"):
            if year:
                return resolve_day_month(int(match.group("day")), match.group("month"), dt.date(year, 1, 1))
            return resolve_day_month(int(match.group("day")), match.group("month"), reference)
        return resolve_month(match.group("month"), reference, year)
    return None


def _owner(raw: str | None) -> str | None:
    if not raw:
        return None
    name, _ = split_title(raw.strip())
    name = re.sub(r"^[Tt]he\s+", "", name).strip(" ,")
    return None if NOT_OWNER.match(name) else name


def _subject(prefix: str, last_person: str | None) -> str | None:
    """The owner a clause's subject names: a person, role or body; a pronoun means the last person named."""
    prefix = FRAMING.sub("", prefix.strip())
    if PRONOUN.match(prefix):
        return last_person
    at_start = OWNER_AT_START.match(prefix + " ") or OWNER_AT_START.match(prefix)
    if at_start:
        return _owner(at_start.group("owner"))
    named = SUBJECT_NAME.match(prefix)  # 'Emma Bennett explained the delay and undertook to ...'
    if named:
        return _owner(named.group(0))
    return _owner(prefix) if PROPER_SUBJECT.match(prefix) else None


def _person_named_first(sentence: str) -> str | None:
    named = SUBJECT_NAME.match(FRAMING.sub("", sentence))
    return _owner(named.group(0)) if named else None


def _action(
    rule: Rule, match: re.Match[str], sentence: str, last_person: str | None
) -> tuple[str, str | None, str | None]:
    """(text, owner, requester) of a rule's match."""
    if rule.text == "group":
        text = match.group("text")
    elif rule.text == "match":
        text = sentence[match.start() :]
    else:
        text = sentence
    prefix = sentence[: match.start("text")] if rule.text == "group" else sentence[: match.start()]
    prefix = REPORTED.sub("", prefix)  # 'The Senior Executive Engineer indicated that he would ...': the speaker
    owner: str | None = None
    if rule.owner == "group":
        owner = _owner(match.group("owner"))
    elif rule.owner == "subject":
        owner = _subject(prefix, last_person) if prefix.strip() else _subject(text.split(" will ")[0], None)
    elif rule.owner == "by":
        owner = _owner(match.groupdict().get("by"))
    if owner is None and rule.owner == "subject" and (agent := DONE_BY.search(text)):
        owner = _owner(agent.group("by"))  # 'Minutes will be signed by the chairman in due course'
    requester = None
    if rule.requester:
        verb = REQUEST_VERB.search(sentence, 0, match.end())
        asker = FRAMING.sub("", sentence[: verb.start()]).strip() if verb else ""
        # 'Members asked that ...': members are no owner, but they are who asked
        requester = _subject(asker, last_person) or (asker if PROPER_SUBJECT.match(asker) else None)
    return text, owner, requester


def _assigned(line: str) -> bool:
    """A short line that gives someone a task ('AS to progress with the quote', 'NO to organise once foliage
    dies down'), which layout may take for a heading."""
    rule = RULES[0]
    match = rule.pattern.search(line) if rule.trigger.search(line) else None
    if match is None:
        return False
    # 'Anne Hawke, Performance and Quality, to present': who presents an item, no task
    return _owner(match.group("owner")) is not None and len(match.group("text").split()) >= 3


def _from_sentences(
    document: Document, sections: tuple[Section, ...], reference: dt.date | None, skip: set[int]
) -> list[Action]:
    found = []
    last_person: str | None = None
    topic: str | None = None
    for block in document.blocks:
        if block.start in skip:
            continue  # read as a row of an action table
        if block.kind == "heading" and not _assigned(document.block_text(block)):
            topic = document.block_text(block)[:300]
            continue
        for sentence, start, _ in split_sentences(document.block_text(block), block.start):
            low = sentence.lower()
            found_words = present(NEEDLE_FINDER, low)
            if not _may_hold_action(sentence, low, found_words) or AGENDA_DESCRIPTION.match(sentence):
                last_person = _person_named_first(sentence) or last_person
                continue  # no action here; an agenda item's description says what it is for, not what was agreed
            for rule in RULES:
                if rule.needles and found_words.isdisjoint(rule.needles):
                    continue
                trigger = rule.trigger.search(sentence)
                match = trigger and rule.pattern.search(sentence)
                if not trigger or not match:
                    continue
                if sentence.rstrip().endswith("?") or _asked(
                    sentence, max(match.start(), trigger.start()), match.end()
                ):
                    break  # 'Cllr Simkins enquired as to whether the reviews ... would be reported back'
                if rule.speaker_only and _reported_forecast(sentence[: trigger.start()]):
                    continue  # 'Director Whitmer stated property taxes will most likely be delayed'
                text, owner, requester = _action(rule, match, sentence, last_person)
                if rule.needs_owner and owner is None:
                    continue
                text = text.strip().rstrip(".")
                at = start + max(sentence.find(text), 0)
                found.append(
                    Action(
                        text,
                        owner,
                        requester,
                        item_number_at(sections, at),
                        _due(text, reference),
                        Evidence((at, at + len(text)), NAME, VERSION),
                        topic,
                    )
                )
                break
            last_person = _person_named_first(sentence) or last_person
    return found


def _from_action_lists(document: Document, sections: tuple[Section, ...]) -> list[Action]:
    """Bullets that follow a sentence announcing actions ('... a number of actions including:')."""
    found = []
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if block.kind == "list_item" or not ACTION_LIST.search(document.block_text(block)):
            continue
        for item in blocks[index + 1 :]:
            if item.kind != "list_item":
                break
            text = document.block_text(item).rstrip(";.")
            found.append(
                Action(
                    text,
                    None,
                    None,
                    item_number_at(sections, item.start),
                    None,
                    Evidence((item.start, item.start + len(text)), NAME, VERSION),
                )
            )
    return found


def extract_actions(
    document: Document, sections: tuple[Section, ...], meeting_date: dt.date | None
) -> tuple[Action, ...]:
    from_tables, table_rows = extract_table_actions(document, sections, meeting_date)
    found = _from_sentences(document, sections, meeting_date, table_rows) + _from_action_lists(document, sections)
    found += from_tables
    found.sort(key=lambda a: a.evidence.span)
    return tuple(found)
