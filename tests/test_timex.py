"""The pure TIMEX3 normaliser (newswire.timex): recognition and values, no spaCy."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newswire import timex
from newswire.record import Time

TUE = dt.date(2021, 7, 20)  # a Tuesday


def norm(expr: str, anchor: dt.date | None = TUE, tense: str | None = None) -> timex.Resolved:
    r = timex.normalise(expr, anchor, tense)
    assert r is not None, expr
    return r


def found(text: str, anchor: dt.date | None = TUE, tense: str | None = None) -> list[dict]:
    return [timex.to_dict(t) for t in timex.extract(text, anchor, tense)]


# --- weekdays -----------------------------------------------------------------------------------


def test_weekday_same_day_is_publication_day() -> None:
    assert norm("Tuesday", tense="past").value == "2021-07-20"
    assert norm("Tuesday", tense="future").value == "2021-07-20"


@pytest.mark.parametrize(
    ("tense", "expected"), [("past", "2021-07-17"), ("future", "2021-07-24"), (None, "2021-07-17")]
)
def test_weekday_follows_tense(tense: str | None, expected: str) -> None:
    assert norm("Saturday", tense=tense).value == expected


def test_next_and_last_weekday() -> None:
    assert norm("next Monday", tense="past").value == "2021-07-26"
    assert norm("last Friday", tense="future").value == "2021-07-16"


def test_weekday_across_month_and_year_boundaries() -> None:
    # published Friday 2021-01-01: "on Wednesday" in past-tense reporting is 2020-12-30
    assert norm("Wednesday", dt.date(2021, 1, 1), "past").value == "2020-12-30"
    # published Thursday 2021-12-30: "on Monday" in a future clause is 2022-01-03
    assert norm("Monday", dt.date(2021, 12, 30), "future").value == "2022-01-03"
    # published Monday 2021-03-01: "Sunday" (past) is the last day of February
    assert norm("Sunday", dt.date(2021, 3, 1), "past").value == "2021-02-28"


def test_weekday_with_part_of_day_is_a_time() -> None:
    r = norm("Friday night", tense="past")
    assert (r.type, r.value, r.precision) == ("TIME", "2021-07-16TNI", "day")


# --- absolute and year-less dates ---------------------------------------------------------------


@pytest.mark.parametrize(
    "expr",
    ["July 30, 2021", "30 July 2021", "Friday, July 30, 2021", "2021-07-30", "7/30/2021", "Jul. 30, 2021"],
)
def test_absolute_day_formats(expr: str) -> None:
    r = norm(expr, anchor=None)
    assert (r.value, r.precision, r.first, r.last) == (
        "2021-07-30",
        "day",
        dt.date(2021, 7, 30),
        dt.date(2021, 7, 30),
    )


def test_month_and_year_precision() -> None:
    assert (norm("in July 2020").value, norm("July 2020").precision) == ("2020-07", "month")
    r = norm("in July")
    assert (r.value, r.precision, r.first, r.last) == (
        "2021-07",
        "month",
        dt.date(2021, 7, 1),
        dt.date(2021, 7, 31),
    )
    assert (norm("1998", None).value, norm("1998", None).precision) == ("1998", "year")


def test_year_less_date_year_follows_tense() -> None:
    assert norm("March 3", tense="past").value == "2021-03-03"
    assert norm("March 3", tense="future").value == "2022-03-03"
    assert norm("Dec. 1", tense="future").value == "2021-12-01"
    # a date a few days ahead stays in this year even in a past-tense clause
    assert norm("July 30", tense="past").value == "2021-07-30"


def test_leap_day_without_year_goes_to_a_leap_year() -> None:
    assert norm("Feb. 29", tense="past").value == "2020-02-29"
    assert norm("Feb. 29", tense="future").value == "2024-02-29"
    assert timex.normalise("Feb. 29, 2021", None) is None  # no such day


def test_last_month_name_is_strictly_before() -> None:
    assert norm("last July").value == "2020-07"
    assert norm("last April").value == "2021-04"
    assert norm("next January").value == "2022-01"


# --- relative units -----------------------------------------------------------------------------


def test_relative_months_weeks_years() -> None:
    assert norm("last month").value == "2021-06"
    assert norm("earlier this month").value == "2021-07"
    r = norm("this week")
    assert (r.value, r.precision, r.first, r.last) == (
        "2021-W29",
        "week",
        dt.date(2021, 7, 19),
        dt.date(2021, 7, 25),
    )
    assert norm("next week").value == "2021-W30"
    assert norm("last year").value == "2020"
    assert norm("next year").precision == "year"


def test_years_ago_keeps_unit_precision() -> None:
    r = norm("two decades ago")
    assert (r.value, r.precision) == ("2001", "year")
    assert norm("three months ago").value == "2021-04"
    assert norm("five days ago").value == "2021-07-15"
    assert norm("several years ago").value == "PAST_REF"


def test_weekend() -> None:
    r = norm("last weekend")
    assert (r.value, r.first, r.last) == ("2021-W28-WE", dt.date(2021, 7, 17), dt.date(2021, 7, 18))
    assert norm("this weekend").value == "2021-W29-WE"


# --- decades, centuries, quarters, seasons ------------------------------------------------------


def test_decades_and_centuries() -> None:
    r = norm("in the 1990s")
    assert (r.value, r.precision, r.first, r.last) == (
        "199",
        "decade",
        dt.date(1990, 1, 1),
        dt.date(1999, 12, 31),
    )
    assert norm("the early 1980s").value == "198"
    r = norm("the 21st century")
    assert (r.value, r.precision) == ("20", "century")


def test_quarters() -> None:
    assert norm("2021-Q3", None).value == "2021-Q3"
    assert norm("the third quarter of 2020", None).value == "2020-Q3"
    assert norm("Q1 2022", None).value == "2022-Q1"
    r = norm("the second quarter", tense="past")
    assert (r.value, r.precision, r.first, r.last) == (
        "2021-Q2",
        "quarter",
        dt.date(2021, 4, 1),
        dt.date(2021, 6, 30),
    )
    assert norm("the fourth quarter", tense="future").value == "2021-Q4"
    assert norm("last year's fourth quarter").value == "2020-Q4"
    assert norm("fiscal 2020", None).value == "2020"


def test_earnings_report_comparisons() -> None:
    nov2 = dt.date(1989, 11, 2)  # a Thursday in earnings season
    text = ("Acme said third-quarter net income rose 12% to $4.1 million from $3.7 million a year earlier. "
            "For the nine months, net was $11 million, compared with $9 million a year earlier. "
            "It expects fourth-quarter sales to rise, and sales in the third quarter of 1990 to double. "
            "In the year-ago period, Acme earned $2 million; results for the corresponding period last year "
            "included a gain, and the 1988 period was hurt by a strike.")
    values = [(t["text"], t["value"]) for t in found(text, nov2, "past")]
    assert values == [
        ("third-quarter", "1989-Q3"),
        ("a year earlier", "1988-Q3"),  # the quarter under report, a year before
        ("the nine months", "P9M"),
        ("a year earlier", "1988"),  # nine months a year before: the previous year
        ("fourth-quarter", "1989-Q4"),
        ("the third quarter of 1990", "1990-Q3"),
        ("the year-ago period", "1988-Q3"),  # not the forecast 1990-Q3 a year before
        ("the corresponding period last year", "1988-Q3"),
        ("the 1988 period", "1988-Q3"),
    ]


def test_quarter_ended_a_date() -> None:
    oct30 = dt.date(1989, 10, 30)
    values = {t["text"]: t["value"] for t in found("In the quarter ended July 31, sales fell 3%.", oct30, "past")}
    assert values["the quarter"] == "1989-Q2"  # May-July: mostly the second calendar quarter
    values = {t["text"]: t["value"] for t in found("For the quarter ended Sept. 30, 1988, it lost money.", oct30)}
    assert values["the quarter"] == "1988-Q3"


def test_seasons() -> None:
    assert norm("this summer").value == "2021-SU"
    assert norm("last winter").value == "2020-WI"
    assert norm("next spring").value == "2022-SP"
    assert norm("in the fall of 2019", None).value == "2019-FA"


# --- durations, sets, special values ------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "value"),
    [
        ("20 years", "P20Y"),
        ("two decades", "P20Y"),
        ("three weeks", "P3W"),
        ("a five-year", "P5Y"),
        ("72 hours", "PT72H"),
        ("5 1/2 hours", "PT5H30M"),
        ("the past two months", "P2M"),
        ("several years", "PXY"),
        ("a year and a half", "P1Y6M"),
        ("2 1/2 years", "P2Y6M"),
        ("six and a half months", "P6M15D"),
        ("1.5 days", "P1DT12H"),
    ],
)
def test_durations(expr: str, value: str) -> None:
    r = timex.normalise(expr, None)
    if r is None:  # "a five-year" is read inside a sentence
        r = timex.extract(f"It signed {expr} plan.", None)[0].resolved
    assert (r.type, r.value, r.precision) == ("DURATION", value, None)


def test_sets() -> None:
    assert (norm("daily").type, norm("daily").value) == ("SET", "P1D")
    assert norm("every Thursday").value == "XXXX-WXX-4"
    assert norm("twice a year").value == "P1Y"


def test_rates_are_sets() -> None:
    # "a year" after an amount is a rate (TimeML: a SET), not a one-year duration
    for text, value in (("The plan will save $500 million a year in interest costs.", "P1Y"),
                        ("Qantas will add four flights a week to Bombay.", "P1W"),
                        ("Guards were posted outside the clinic 24 hours a day.", "P1D")):
        rate = [t for t in found(text) if t["text"].startswith("a ")]
        assert [(t["type"], t["value"]) for t in rate] == [("SET", value)], text
    # without an amount before it, "a year" is still a duration
    assert [(t["type"], t["value"]) for t in found("The ceasefire held for a year.")] == [("DURATION", "P1Y")]


@pytest.mark.parametrize(
    ("expr", "value"),
    [
        ("now", "PRESENT_REF"),
        ("currently", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("in the future", "FUTURE_REF"),
        ("the near future", "FUTURE_REF"),
    ],
)
def test_reference_values(expr: str, value: str) -> None:
    assert norm(expr, None).value == value


def test_clock_times() -> None:
    r = norm("10 p.m. Wednesday", tense="past")
    assert (r.type, r.value) == ("TIME", "2021-07-14T22:00")
    assert norm("at 7:15 a.m. EDT", tense="past").value == "2021-07-20T07:15"


# --- ranges -------------------------------------------------------------------------------------


def test_ranges() -> None:
    (r,) = found("The drills will run from July 30-August 10.", tense="future")
    assert (r["text"], r["value"]) == ("July 30-August 10", "2021-07-30/2021-08-10")
    assert r["interval"] == {"start": "2021-07-30", "end": "2021-08-10"}
    (r,) = found("Voting is planned between March 3 and 5.", tense="future")
    assert r["interval"] == {"start": "2022-03-03", "end": "2022-03-05"}
    (r,) = found("Talks ran July 30 to August 10, 2020.", tense="past")
    assert r["interval"] == {"start": "2020-07-30", "end": "2020-08-10"}
    (r,) = found("Output fell from 1990 to 1995.", None)
    assert (r["value"], r["precision"]) == ("1990/1995", "year")


def test_range_across_the_new_year() -> None:
    (r,) = found("The ceasefire holds from Dec. 28 to Jan. 4.", dt.date(2021, 12, 20), "future")
    assert r["interval"] == {"start": "2021-12-28", "end": "2022-01-04"}


# --- no publication date ------------------------------------------------------------------------


def test_without_anchor_relative_values_stay_null_with_a_note() -> None:
    items = found(
        "Officials said on Tuesday that the vote of March 3, 2021 was postponed until next month.",
        None,
        "past",
    )
    by_text = {t["text"]: t for t in items}
    assert by_text["Tuesday"]["value"] is None and "publication date" in by_text["Tuesday"]["note"]
    assert by_text["next month"]["value"] is None and by_text["next month"]["note"]
    assert by_text["March 3, 2021"]["value"] == "2021-03-03" and by_text["March 3, 2021"]["note"] is None


# --- what is not a date -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Prices fall when supply rises.",
        "He may resign.",
        "The 52-year-old was arrested.",
        "Some 1,995 people marched.",
        "He was 37 years old.",
    ],
)
def test_not_dates(text: str) -> None:
    assert found(text) == []


def test_offsets_point_into_the_text() -> None:
    text = "Troops withdrew last week; talks resume on Monday, Aug. 2, and run until Aug. 6."
    for t in found(text, tense="future"):
        assert text[t["start"] : t["end"]] == t["text"]


def test_extents_follow_timex3_conventions() -> None:
    text = "Friday's vote followed its third-quarter loss and the 1996 election."
    spans = [t["text"] for t in found(text, tense="past")]
    assert spans == ["Friday", "third-quarter", "1996"]


def test_legal_citations_and_counts_are_not_years() -> None:
    assert found("Under 50 U.S.C. 1622(d) the emergency continues.") == []
    assert [t["value"] for t in found("Since 1622 the town has stood.")] == ["1622"]


def test_anaphoric_days_count_from_the_last_date() -> None:
    items = found("Rebels seized the town on March 3. The next day, the army struck back.", tense="past")
    assert [(t["text"], t["value"]) for t in items] == [("March 3", "2021-03-03"), ("The next day", "2021-03-04")]
    (alone,) = found("The next day, the army struck back.", tense="past")
    assert alone["value"] is None and "anaphoric" in alone["note"]


# --- robustness: any text, any publication date ----------------------------------------------

#: The TIMEX3 values the normaliser may produce (dates, weeks, quarters, halves, seasons, decades,
#: centuries, clock times and parts of the day, durations, sets, *_REF, intervals of dates).
_DATE_VALUE = (r"(?:\d{4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}(?:-WE)?|Q[1-4]|H[12]|SP|SU|FA|WI))?|\d{2,3}"
               r"|XXXX-(?:\d{2}|WXX-(?:[1-7]|WE)|XX-XX))(?:T(?:\d{2}:\d{2}|MO|AF|EV|NI|MI))?")
TIMEX3_VALUE = re.compile(
    rf"(?:{_DATE_VALUE}(?:/{_DATE_VALUE})?|PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|P(?:\d+(?:Y|Q|M|W|D)(?:\d+(?:M|D))?|\d+DT\d+H|X(?:Y|Q|M|W|D|X|DE|CE|ML))|PT(?:\d+[HMS](?:\d+[MS])?|X[HMS]))"
)
_PIECES_TEXT = (
    "on Monday Tuesday night last next this week weekend month year years ago earlier later from now the past coming "
    "two twenty-four 5 1/2 and a half hours days decades centuries quarter third-quarter Q3 FY99 fiscal 1989 1999 "
    "'80s the 1990s 21st century July 4 Feb. 29, 2020 29 February midJuly Christmas Easter every other Thursday "
    "daily twice a year $5 million a year noon midnight 10:30 a.m. 9 p.m. EDT tonight today yesterday tomorrow "
    "summer winter between and to through until - – / , . year-end year-earlier now currently recently 0001 9999 "
    "99999999999999999999999999999999999999999999 ſummer İ K"
)
_PIECES = _PIECES_TEXT.split()
_ENDS_OF_CALENDAR = [dt.date(1, 1, 1), dt.date(1, 12, 31), dt.date(9999, 1, 1), dt.date(9999, 12, 31),
                     dt.date(2020, 2, 29), dt.date(2000, 2, 29), dt.date(2100, 2, 28)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.one_of(st.lists(st.sampled_from(_PIECES), max_size=25).map(" ".join), st.text(max_size=80)),
    anchor=st.one_of(st.none(), st.dates(), st.sampled_from(_ENDS_OF_CALENDAR)),
    tense=st.sampled_from([None, "past", "present", "future", "past?", "future?"]),
    ranges=st.booleans(),
)
def test_any_text_and_any_publication_date(text: str, anchor: dt.date | None, tense: str | None,
                                           ranges: bool) -> None:
    last_end = 0
    for t in timex.extract(text, anchor, tense, ranges=ranges):
        assert 0 <= last_end <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        last_end = t.end
        d = timex.to_dict(t)
        assert d["value"] is None or TIMEX3_VALUE.fullmatch(str(d["value"])), d
        assert d["value"] is not None or d["note"], d
        Time.model_validate(d)
    r = timex.normalise(text, anchor, tense)
    assert r is None or r.value is None or TIMEX3_VALUE.fullmatch(r.value)


@pytest.mark.parametrize("anchor", _ENDS_OF_CALENDAR)
def test_relative_expressions_at_the_ends_of_the_calendar(anchor: dt.date) -> None:
    text = ("Yesterday officials said talks would resume tomorrow, next year or in the next decade; "
            "last year's figures and those of two centuries ago were revised on Monday.")
    for t in timex.extract(text, anchor, "past"):
        assert t.resolved.value is None or TIMEX3_VALUE.fullmatch(t.resolved.value)
    # an absolute date needs no anchor and does not depend on it
    assert norm("March 3, 2020", anchor).value == "2020-03-03"


def test_trigger_prefilter_finds_what_a_full_scan_finds() -> None:
    # rules run only near their trigger words; on news text that must change nothing
    text = ("WASHINGTON, Oct. 26 (Reuters) - The company, which reported third-quarter results on Thursday, "
            "said profit fell 12% from a year earlier, to $4.5 million, in the three months ended Sept. 30. "
            "It expects the merger to close in the first half of 1990, mid-December at the earliest, and its "
            "chairman, 62, said in the mid-1980s the firm grew 20% annually. Talks resume at 9:30 a.m. EST "
            "Monday and could last two to three weeks; a vote is set for Christmas Eve or New Year's Day. "
            "Shares rose 1,995 points in the '80s, FY89 and Q3 1989, every other Thursday, midsummer and "
            "late-1990s alike, twenty-four and a half hours a day.")
    fast = [(s, e, p, m.group()) for s, e, p, _r, m in timex._candidates(text)]
    full = [(s, e, p, m.group()) for s, e, p, _r, m in timex._scan(text)]
    assert fast == full
    assert len(full) > 20


def test_previous_and_following_weekday_count_from_the_last_day() -> None:
    text = ("The index closed at 2,082 on Friday, Oct. 27, down 4.5% from the previous Friday; "
            "trading resumes the following Monday.")
    values = {t["text"]: t["value"] for t in found(text, dt.date(1989, 10, 30), "past")}
    assert values["the previous Friday"] == "1989-10-20"
    assert values["the following Monday"] == "1989-10-30"
