"""Date expressions resolved backwards against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.dates import ResolvedDate, acled_time_precision, resolve_date

WEDNESDAY = date(2023, 11, 22)


def _date(text: str, anchor: date | None = WEDNESDAY) -> date | None:
    resolved = resolve_date(text, anchor)
    assert resolved is not None, f"no date expression found in {text!r}"
    return resolved.date


def test_anchor_is_a_wednesday() -> None:
    assert WEDNESDAY.weekday() == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Tuesday", date(2023, 11, 21)),
        ("on Monday", date(2023, 11, 20)),
        ("on Thursday", date(2023, 11, 16)),
        ("late on Sunday", date(2023, 11, 19)),
        ("on Wednesday", WEDNESDAY),
        ("on TUESDAY", date(2023, 11, 21)),
    ],
)
def test_weekday_resolves_backwards(text: str, expected: date) -> None:
    assert resolve_date(text, WEDNESDAY) == ResolvedDate(expected, "day", text.split()[-1])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", date(2023, 11, 21)),
        ("last night", date(2023, 11, 21)),
        ("today", WEDNESDAY),
        ("this morning", WEDNESDAY),
        ("tonight", WEDNESDAY),
    ],
)
def test_yesterday_and_today(text: str, expected: date) -> None:
    resolved = resolve_date(text, WEDNESDAY)

    assert resolved == ResolvedDate(expected, "day", text)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("last week", date(2023, 11, 13), "week"),
        ("earlier this week", date(2023, 11, 20), "week"),
        ("last month", date(2023, 10, 1), "month"),
        ("earlier this month", date(2023, 11, 1), "month"),
        ("last year", date(2022, 1, 1), "year"),
    ],
)
def test_relative_periods_have_coarse_precision(text: str, expected: date, precision: str) -> None:
    resolved = resolve_date(text, WEDNESDAY)

    assert resolved is not None
    assert (resolved.date, resolved.precision) == (expected, precision)


def test_last_month_in_january_is_december_of_the_year_before() -> None:
    resolved = resolve_date("last month", date(2024, 1, 15))

    assert resolved is not None
    assert (resolved.date, resolved.precision) == (date(2023, 12, 1), "month")


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("on October 17", WEDNESDAY, date(2023, 10, 17)),
        ("on Oct. 17", WEDNESDAY, date(2023, 10, 17)),
        ("on 17 October", WEDNESDAY, date(2023, 10, 17)),
        ("on October 17th", WEDNESDAY, date(2023, 10, 17)),
        ("on November 22", WEDNESDAY, WEDNESDAY),
        ("on November 25", WEDNESDAY, date(2022, 11, 25)),
        ("on October 17", date(2023, 10, 10), date(2022, 10, 17)),
        ("on Sept. 9", WEDNESDAY, date(2023, 9, 9)),
    ],
)
def test_month_day_is_the_latest_such_day_not_after_the_anchor(
    text: str, anchor: date, expected: date
) -> None:
    resolved = resolve_date(text, anchor)

    assert resolved is not None
    assert (resolved.date, resolved.precision) == (expected, "day")


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("on October 17, 2021", date(2021, 10, 17), "day"),
        ("on 17 October 2021", date(2021, 10, 17), "day"),
        ("on 2021-10-17", date(2021, 10, 17), "day"),
        ("in March 2020", date(2020, 3, 1), "month"),
        ("in 2014", date(2014, 1, 1), "year"),
    ],
)
@pytest.mark.parametrize("anchor", [WEDNESDAY, None])
def test_explicit_years_need_no_anchor(
    text: str, expected: date, precision: str, anchor: date | None
) -> None:
    resolved = resolve_date(text, anchor)

    assert resolved is not None
    assert (resolved.date, resolved.precision) == (expected, precision)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("in October", date(2023, 10, 1)), ("in December", date(2022, 12, 1))],
)
def test_month_alone_is_the_latest_such_month(text: str, expected: date) -> None:
    resolved = resolve_date(text, WEDNESDAY)

    assert resolved == ResolvedDate(expected, "month", text)


def test_impossible_calendar_date_gives_no_date() -> None:
    resolved = resolve_date("on 2023-02-30", WEDNESDAY)

    assert resolved is not None
    assert (resolved.date, resolved.precision, resolved.text) == (None, None, "2023-02-30")


@pytest.mark.parametrize(
    ("text", "span_start"),
    [
        ("since October 17", True),
        ("since 2019", True),
        ("from Monday", True),
        ("on October 17", False),
        ("in 2014", False),
    ],
)
def test_since_marks_the_start_of_a_period(text: str, span_start: bool) -> None:
    resolved = resolve_date(text, WEDNESDAY)

    assert resolved is not None
    assert resolved.span_start is span_start


def test_since_october_17_still_resolves_its_date() -> None:
    assert resolve_date("since October 17", WEDNESDAY) == ResolvedDate(
        date(2023, 10, 17), "day", "October 17", span_start=True
    )


@pytest.mark.parametrize(
    "text",
    [
        "on Tuesday",
        "yesterday",
        "today",
        "this morning",
        "last week",
        "this week",
        "last month",
        "this month",
        "last year",
        "on October 17",
        "in October",
    ],
)
def test_without_an_anchor_relative_expressions_give_no_date(text: str) -> None:
    resolved = resolve_date(text, None)

    assert resolved is not None
    assert resolved.date is None
    assert resolved.precision is None
    assert resolved.text in text


@pytest.mark.parametrize("text", ["", "Gunmen attacked a convoy.", "for three days"])
def test_text_without_a_date_expression_gives_none(text: str) -> None:
    assert resolve_date(text, WEDNESDAY) is None


def test_february_29_later_in_a_leap_anchor_year_is_the_previous_leap_day() -> None:
    assert _date("on February 29", date(2024, 2, 10)) == date(2020, 2, 29)


def test_february_29_after_a_leap_year_is_the_latest_past_one() -> None:
    assert _date("on February 29", date(2025, 3, 1)) == date(2024, 2, 29)


def test_february_29_in_the_anchor_leap_year() -> None:
    assert _date("on February 29", date(2024, 3, 1)) == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("precision", "code"),
    [("day", 1), ("week", 2), ("month", 3), ("year", 3), (None, None)],
)
def test_acled_time_precision(precision: str | None, code: int | None) -> None:
    assert acled_time_precision(precision) == code  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("two days ago", date(2023, 11, 20), "day"),
        ("3 days ago", date(2023, 11, 19), "day"),
        ("a week ago", date(2023, 11, 15), "week"),
        ("two months ago", date(2023, 9, 1), "month"),
        ("a year ago", date(2022, 1, 1), "year"),
    ],
)
def test_counted_time_ago(text: str, expected: date, precision: str) -> None:
    resolved = resolve_date(text, date(2023, 11, 22))
    assert resolved is not None
    assert (resolved.date, resolved.precision) == (expected, precision)


def test_time_ago_without_anchor_gives_no_date() -> None:
    resolved = resolve_date("two days ago", None)
    assert resolved is None or resolved.date is None
