"""Indicator names from real sentences (Lancashire seeds, Rotherham, Haringey)."""

from __future__ import annotations

import re

from extractors.indicators import abbreviations, indicator_name
from extractors.metrics import extract_metrics
from pipeline.formats.builder import DocumentBuilder


def name(sentence: str, figure: str, unit: str, expand: dict[str, str] | None = None) -> str:
    match = re.search(re.escape(figure), sentence)
    assert match is not None
    return indicator_name(sentence, match.start(), match.end(), unit, 0, expand or {})


def test_measure_word_before_the_figure() -> None:
    sentence = "The CLA rate of 77.8 children looked after per 10,000 population was significantly higher."
    assert name(sentence, "77.8 children looked after per 10,000", "per_10000", {"CLA": "children looked after"}) == (
        "children looked after (CLA) rate"  # the abbreviation kept and expanded
    )


def test_noun_phrase_after_a_percentage_or_count() -> None:
    assert name("76% of these plans were up to date, within ten working days.", "76%", "percent") == "plans up to date"
    assert name("There had been 122 children entering care, this was a reduction.", "122", "count") == (
        "children entering care"
    )


def test_a_change_is_named_after_what_changed() -> None:
    sentence = "The number of reablement referrals has increased by 22.5% on the previous quarter."
    assert name(sentence, "22.5%", "percent") == "number of reablement referrals"


def test_bracketed_description_of_a_rate() -> None:
    sentence = "The Lancashire rate of 50.3 (children with child protection plans per 10,000 population aged 0-17)."
    assert name(sentence, "50.3", "count") == "children with child protection plans"
    # the same when the figure's span already takes in its unit, as the metrics extractor gives it
    assert name(sentence, "50.3 (children with child protection plans per 10,000", "per_10000") == (
        "children with child protection plans"
    )


def test_abbreviations_defined_in_the_text() -> None:
    text = (
        "Children Looked After (CLA) numbers rose. The Multi Agency Safeguarding Hub (MASH) was busy. "
        "At the end of Q2, the number of children with child protection plans (CPPs) reduced to 1,241. "
        "Delayed Transfers of Care (DToC) fell; guidance from the Department for Education (DfE)."
    )
    assert abbreviations(text) == {
        "CLA": "children looked after",
        "MASH": "multi agency safeguarding hub",
        "CPPs": "child protection plans",
        "DToC": "delayed transfers of care",
        "DfE": "department for education",
    }


def test_measure_with_a_qualifier_before_a_bracketed_figure_and_plural_abbreviations() -> None:
    sentence = (
        "Provisional data for GCSEs suggests that during 2016/17, the average Attainment 8 score per pupil for "
        "Lancashire (45.4) was similar to the national (44.2)."
    )
    assert name(sentence, "45.4", "score") == "average Attainment score"
    assert name(
        "CPPs reduced to 1,241 from 1,288 in quarter 1.", "1,241", "count", {"CPP": "child protection plan"}
    ) == ("child protection plans (CPPs)")


def test_changes_name_what_changed_and_periods_are_not_indicators() -> None:
    # Lancashire seed 004
    sentence = "Over the same period, there has been an 83% increase in e-book downloads (28,960 in Q2 of 2016/17)."
    assert name(sentence, "83%", "percent") == "change in e-book downloads"
    sentence = "Although fewer NHS health checks were offered (22,486) than in the same period last year."
    assert name(sentence, "22,486", "count") == "fewer NHS health checks"


def test_what_is_counted_after_the_number_of() -> None:
    sentence = (
        "In terms of road safety, there has been a significant reduction in the number of Slight casualties "
        "in the first six months of 2017 (1,380), compared to 2015 (1,709) and 2016 (1,693)."
    )
    assert name(sentence, "1,380", "count") == "number of Slight casualties"


def test_a_measure_named_just_before_its_bracketed_figure() -> None:
    sentence = (
        "Latest available data for the second quarter in 2016 saw a decrease in the Lancashire teenage "
        "pregnancy rate (20.0 per 1,000), down 23.3% on the previous quarter."
    )
    assert name(sentence, "20.0 per 1,000", "per_1000") == "Lancashire teenage pregnancy rate"


def test_a_sentence_of_comparators_alone_continues_the_previous_sentences_indicator() -> None:
    text = (
        "The published Adoptions data also suggests that the average time between a child entering care and "
        "moving in with their adoptive family in Lancashire improved from 717 days (2012-15) to 619 days "
        "(2013-16). However, Lancashire remains in the lower quartile nationally against this indicator and "
        "takes longer than the national (558 days), regional (565 days) and statistical neighbour average "
        "times (571.7 days)."
    )
    builder = DocumentBuilder()
    builder.add("paragraph", text)
    metrics = {m.value: m for m in extract_metrics(builder.build("adoption.txt", "text/plain"), ())}
    own = metrics[619.0].indicator
    assert own == metrics[717.0].indicator == "average time between a child entering care"
    assert [(metrics[v].indicator, metrics[v].comparator) for v in (558.0, 565.0, 571.7)] == [
        (own, "national"),
        (own, "regional"),
        (own, "statistical_neighbours"),
    ]


def test_a_bracket_after_the_figure_qualifies_it_and_does_not_name_it() -> None:
    sentence = "Uptake figures for 2017/18 quarter 1 have since increased to 87.6% (provisional figures) from 82.4%."
    assert name(sentence, "87.6%", "percent") == "Uptake figures"  # the period is no part of the name


def test_what_changed_is_named_after_the_change_word() -> None:
    sentence = (
        "The published National and Local Authorities adoption scorecard suggests a decrease for Lancashire for "
        "the time taken for children to be matched with an adoptive family following a court order, over a three "
        "year rolling period, from 279 days (2012-15) to 258 days (2013-16), a decrease of 21 days."
    )
    assert name(sentence, "279 days", "days") == "time taken for children to be matched"
    assert name(sentence, "21 days", "days") == "change in time taken for children to be matched"


def test_a_count_in_brackets_before_what_it_counts() -> None:
    sentence = "Although fewer (22,486) NHS health checks were offered to members of the eligible population."
    assert name(sentence, "22,486", "count") == "NHS health checks offered to members"


def test_a_measure_word_qualified_by_what_or_where_it_measures() -> None:
    sentence = (
        "In Lancaster, where there have been a number of new appointments, "
        "the proportion of ASYEs has increased to 63%."
    )
    assert name(sentence, "63%", "percent") == "proportion of ASYEs"


def metrics_of(*blocks: tuple[str, str]) -> list[tuple[float, str | None, str]]:
    builder = DocumentBuilder()
    for kind, text in blocks:
        builder.add(kind, text)
    return [(m.value, m.comparator, m.indicator) for m in extract_metrics(builder.build("x.txt", "text/plain"), ())]


def test_a_closed_bracket_is_an_aside_and_although_starts_a_clause() -> None:
    # Lancashire seed 004
    sentence = (
        "The average caseload for social workers in their Assisted and Supported Year of Employment (ASYE) "
        "was 19.1 in Q2, which is classed as good."
    )
    assert name(sentence, "19.1", "count").startswith("average caseload for social workers")
    sentence = (
        "In Fylde and Wyre there are currently 4 vacancies (1 Team Manager, 1 Practice Manager and 2 Senior "
        "Practitioners), although the ASYE rate is lower at 49%."
    )
    assert name(sentence, "49%", "percent") == "ASYE rate"


def test_the_noun_phrase_after_the_last_verb_and_no_periods_in_names() -> None:
    sentence = "Steady increases have resulted in current uptake being 58.3% which compares favourably."
    assert name(sentence, "58.3%", "percent") == "uptake"
    sentence = "The September Key Performance Indicator for 30 day payments is at 82.96% compared to 71.16% in June."
    assert name(sentence, "82.96%", "percent") == "30 day payments"
    sentence = "residential admissions have steadied in Q2, with 1883 admissions for the year to end September 2017."
    assert name(sentence, "1883", "count") == "admissions"


def test_a_bare_figure_word_refers_back_to_the_sentences_indicator() -> None:
    got = metrics_of(
        (
            "list_item",
            "Latest available data for the second quarter in 2016 saw a decrease in the Lancashire teenage "
            "pregnancy rate (20.0 per 1,000), down 23.3% on the previous quarter (30 fewer pregnancies) figure of "
            "26.1 per 1,000. The Lancashire rate was similar to the regional (21.6 per 1,000) and national "
            "(19.3 per 1,000) rates during the same period.",
        )
    )
    rate = "Lancashire teenage pregnancy rate"
    assert [m for m in got if m[0] in (20.0, 26.1, 21.6, 19.3)] == [
        (20.0, None, rate),
        (26.1, None, rate),
        (21.6, "regional", rate),
        (19.3, "national", rate),
    ]


def test_a_figure_after_a_quantified_target_is_the_own_figure() -> None:
    got = metrics_of(
        (
            "list_item",
            "Street lighting fault repair times in Q2 are within the 5 day target for all faults (4.39 days) "
            "compared to Q1 which was slightly above the target at 5.12 days.",
        )
    )
    times = "Street lighting fault repair times"
    assert got[:2] == [(5.0, "target", times), (4.39, None, times)]


def test_shares_in_brackets_and_what_the_counted_did() -> None:
    sentence = (
        "sourced a total of 248 placements for children in this quarter - 120 (48%) of these were in-house "
        "placements and 128 (52%) were agency placements."
    )
    assert name(sentence, "128", "count") == "agency placements"
    assert name(sentence, "52%", "percent") == "agency placements"
    sentence = "Community outlined that three (25%) of the indicators have a status of Green while the other nine."
    assert name(sentence, "three", "count") == "indicators a status of Green"
    sentence = (
        "data published by the DfE for 2016/17 suggests that within Lancashire, 60% reached the expected standard."
    )
    assert name(sentence, "60%", "percent") == "reached the expected standard"


def test_a_sentence_with_an_own_figure_does_not_continue_the_previous_sentences_indicator() -> None:
    got = metrics_of(
        ("list_item", "The service sourced 248 placements."),
        (
            "list_item",
            "The new processes have significantly reduced the number of emergency agency placements required this "
            "quarter from 55% (pre-ART) to 33%, therefore increasing the likelihood of securing placements.",
        ),
    )
    required = "number of emergency agency placements required"
    assert got[1:] == [(55.0, "previous", required), (33.0, None, required)]


def test_the_level_of_what_changed_and_a_label_before_a_dash() -> None:
    got = metrics_of(
        (
            "list_item",
            "Over the same period, there has been an 83% increase in e-book downloads (28,960 in Q2 of 2016/17 to "
            "53,023 in Q2 of 2017/18).",
        ),
        ("heading", "Average caseload – 17 for all social workers"),
    )
    assert [m[2] for m in got] == [
        "change in e-book downloads",
        "e-book downloads",
        "e-book downloads",
        "Average caseload",
    ]


def test_an_indicator_with_its_abbreviation_kept_is_the_same_indicator() -> None:
    from pipeline.resolve import IndicatorIndex, indicator_key

    known = IndicatorIndex(
        [(indicator_key("children looked after rate"), 1), (indicator_key("child protection plans"), 2)]
    )
    assert known.match(indicator_key("children looked after (CLA) rate")) == 1
    assert known.match(indicator_key("Child Protection Plans (CPPs)")) == 2
    assert known.match(indicator_key("children looked after in the county")) is None


def test_a_unit_against_the_figure_and_an_indicator_named_in_quotes() -> None:
    # Waverley Borough Council, Executive, 11 July 2018
    got = metrics_of(
        (
            "list_item",
            "Approve the proposed target change of the ‘residual household waste per household (kg)’ [NI191] from "
            "85kg to 90kg, and",
        )
    )
    name = "residual household waste per household kg"
    assert [(value, indicator) for value, _, indicator in got] == [(85.0, name), (90.0, name)]
