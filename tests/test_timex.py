"""The pure TIMEX3 normaliser (newswire.timex): recognition and values, no spaCy."""

from __future__ import annotations

import datetime as dt

import pytest

from newswire import timex

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
        ("a year and a half", "P18M"),
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
