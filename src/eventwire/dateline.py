"""Parse the wire dateline ("BAGHDAD (Reuters) -") and the credit line into metadata."""

from __future__ import annotations

import re
from datetime import date

from eventwire.dates import MONTHS
from eventwire.records import Dateline

_DATELINE = re.compile(
    r"""^
    (?P<place>[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de.'\u2019-]+(?:\s+[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de.'\u2019-]+){0,3})
    (?:,\s+(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2}))?      # , Gaza Strip
    (?:,\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?
    \s*(?:\((?P<agency>[^()]{2,40})\))?
    \s*(?:[\u2013\u2014]|--?)\s*
    """,
    re.VERBOSE,
)
_CREDIT_NAMES = re.compile(
    r"(?:reporting|writing|compiled|prepared)\s+by\s+(?P<names>[^;()\u2013\u2014]+)", re.IGNORECASE
)
_LOCATION_SUFFIX = re.compile(r"\s+(?:in|for|at)\s+.*$")


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of ``paragraph``, or None.

    >>> parse_dateline("BAGHDAD (Reuters) \u2013 American forces were attacked").agency
    'Reuters'
    """
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    place = match["place"].strip()
    if len(place) < 3 or not any(ch.isalpha() for ch in place):
        return None
    region = match["region"]
    place_name = place.title() + (f", {region}" if region else "")
    return Dateline(
        place=place_name,
        agency=(match["agency"] or "").strip() or None,
        text=match.group(0).strip(),
    )


def byline_from_credit(credit: str) -> str | None:
    """Reporter names from a credit line: ``"Taymour Azhari, Phil Stewart, Ali Idris"``."""
    names: list[str] = []
    for match in _CREDIT_NAMES.finditer(credit):
        for part in re.split(r",|\band\b", match["names"]):
            name = _LOCATION_SUFFIX.sub("", part.strip()).strip(" .")
            if name and name not in names and len(name.split()) <= 5:
                names.append(name)
    return ", ".join(names) or None


_STAMP = re.compile(
    r"^(?:(?:published|updated|posted|last\s+updated)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d{2})"
    r"|(?P<day2>\d{1,2})\s+(?P<month2>[A-Za-z]{3,9})\.?\s+(?P<year2>(?:19|20)\d{2})"
    r"|(?P<iso>(?:19|20)\d{2}-\d{2}-\d{2}))"
    r"(?:[\s,\u00b7|T:\-+0-9A-Za-z]*)$",
    re.IGNORECASE,
)


def parse_timestamp(paragraph: str) -> date | None:
    """The date of a page's timestamp line ("October 14, 2024 · 11:42 AM GMT+5"), or None."""
    if len(paragraph) > 80:
        return None
    match = _STAMP.match(paragraph.strip())
    if not match:
        return None
    if match["iso"]:
        try:
            return date.fromisoformat(match["iso"])
        except ValueError:
            return None
    month_name = (match["month"] or match["month2"]).lower()
    if month_name not in MONTHS:
        return None
    try:
        return date(
            int(match["year"] or match["year2"]),
            MONTHS[month_name],
            int(match["day"] or match["day2"]),
        )
    except ValueError:
        return None
