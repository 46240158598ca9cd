"""Resolve the date expressions of news copy against the publication date.

Reported events lie in the past, so relative expressions resolve backwards from the anchor:
"Tuesday" in a story published on Wednesday is the day before. Without an anchor a relative
expression resolves to nothing; a date is never invented from the processing day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from eventwire.casualties import UNITS
from eventwire.records import DatePrecision

WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): index for index, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR})?", re.IGNORECASE)),
    ("day_month", re.compile(rf"\b{_DAY}\s+{_MONTH}\b(?:,?\s+{_YEAR})?", re.IGNORECASE)),
    ("month_year", re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.IGNORECASE)),
    ("weekday", re.compile(r"\b(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)),
    ("yesterday", re.compile(r"\b(?:yesterday|last\s+night)\b", re.IGNORECASE)),
    (
        "today",
        re.compile(r"\b(?:today|this\s+(?:morning|afternoon|evening)|tonight)\b", re.IGNORECASE),
    ),
    (
        "ago",
        re.compile(
            r"\b(?P<count>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
            r"(?P<unit>day|week|month|year)s?\s+ago\b",
            re.IGNORECASE,
        ),
    ),
    ("last_week", re.compile(r"\blast\s+week\b", re.IGNORECASE)),
    ("this_week", re.compile(r"\b(?:this|earlier\s+this)\s+week\b", re.IGNORECASE)),
    ("last_month", re.compile(r"\blast\s+month\b", re.IGNORECASE)),
    ("this_month", re.compile(r"\b(?:earlier\s+)?this\s+month\b", re.IGNORECASE)),
    ("last_year", re.compile(r"\blast\s+year\b", re.IGNORECASE)),
    ("month", re.compile(rf"\b(?:in|since|during|until)\s+{_MONTH}(?!\s*\d)", re.IGNORECASE)),
    ("year", re.compile(rf"\b{_YEAR}\b")),
]
_SPAN_START = re.compile(r"\b(?:since|from|starting)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    date: date | None
    precision: DatePrecision | None
    text: str
    span_start: bool = False  # "since October 17": the start of a period, not one event's date


def report_day(published: date) -> ResolvedDate:
    """The date of an event whose report gives it none: the day it was published, at week
    precision (it happened then or in the days before; ACLED's time_precision 2)."""
    return ResolvedDate(published, "week", "")


def _latest_on_or_before(month: int, day: int, anchor: date) -> date | None:
    """The latest ``month``/``day`` not after ``anchor`` (February 29 looks back to a leap year)."""
    for year in range(anchor.year, anchor.year - 8, -1):
        found = _safe_date(year, month, day)
        if found is not None and found <= anchor:
            return found
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve(kind: str, m: re.Match[str], anchor: date | None) -> tuple[date | None, DatePrecision]:
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if kind == "iso":
        return _safe_date(int(m["year"]), int(m["m"]), int(m["d"])), "day"
    if kind in {"month_day", "day_month"}:
        month, day = MONTHS[m["month"].lower().rstrip(".")], int(m["day"])
        if year:
            return _safe_date(year, month, day), "day"
        if anchor is None:
            return None, "day"
        return _latest_on_or_before(month, day, anchor), "day"
    if kind == "month_year":
        return date(int(m["year"]), MONTHS[m["month"].lower().rstrip(".")], 1), "month"
    if kind == "year":
        return date(int(m["year"]), 1, 1), "year"
    if anchor is None:
        return None, "day"
    if kind == "weekday":
        back = (anchor.weekday() - WEEKDAYS[m["weekday"].lower()]) % 7
        return anchor - timedelta(days=back), "day"
    if kind == "yesterday":
        return anchor - timedelta(days=1), "day"
    if kind == "today":
        return anchor, "day"
    if kind == "ago":
        count = m["count"].lower()
        n = int(count) if count.isdigit() else UNITS[count]
        unit = m["unit"].lower()
        if unit == "day":
            return anchor - timedelta(days=n), "day"
        if unit == "week":
            return anchor - timedelta(weeks=n), "week"
        if unit == "month":
            months = anchor.year * 12 + anchor.month - 1 - n
            return date(months // 12, months % 12 + 1, 1), "month"
        return date(anchor.year - n, 1, 1), "year"
    if kind == "last_week":
        monday = anchor - timedelta(days=anchor.weekday() + 7)
        return monday, "week"
    if kind == "this_week":
        return anchor - timedelta(days=anchor.weekday()), "week"
    if kind == "last_month":
        first = anchor.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), "month"
    if kind == "this_month":
        return anchor.replace(day=1), "month"
    if kind == "last_year":
        return date(anchor.year - 1, 1, 1), "year"
    # kind == "month": the latest such month not after the anchor
    month = MONTHS[m["month"].lower().rstrip(".")]
    return _latest_on_or_before(month, 1, anchor), "month"


def resolve_date(text: str, anchor: date | None) -> ResolvedDate | None:
    """The first date expression in ``text`` resolved against ``anchor``, or None if none.

    >>> resolve_date("on Tuesday", date(2023, 11, 22)).date
    datetime.date(2023, 11, 21)
    """
    found = [
        (m.start(), order, kind, m)
        for order, (kind, pattern) in enumerate(_PATTERNS)
        for m in [pattern.search(text)]
        if m
    ]
    if not found:
        return None
    _, _, kind, match = min(found, key=lambda f: (f[0], f[1]))
    resolved, precision = _resolve(kind, match, anchor)
    lead = text[max(0, match.start() - 12) : match.start()]
    span = bool(_SPAN_START.search(lead)) or match.group(0).lower().startswith("since")
    return ResolvedDate(resolved, precision if resolved else None, match.group(0), span)


def acled_time_precision(precision: DatePrecision | None) -> int | None:
    """ACLED time_precision: 1 day, 2 week or a few days, 3 month or coarser."""
    return {"day": 1, "week": 2, "month": 3, "year": 3}.get(precision) if precision else None
