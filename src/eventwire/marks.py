"""Where an event's coded fields stand in its article: labelled character spans for an inline
evidence view (as displaCy shows entities).

Records keep each field's words (``actor.text``, ``location.text``, ``date_text``...) and the
evidence sentences with their offsets. A field is marked where its words occur inside one of
its event's evidence sentences, else at their first whole-word occurrence in the text; words
the text does not hold are not marked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from typing import Any

# (label, record key, key of the words inside it or None where the value is the words)
FIELDS: tuple[tuple[str, str, str | None], ...] = (
    ("ACTOR", "actor", "text"),
    ("RECIPIENT", "recipient", "text"),
    ("PLACE", "location", "text"),
    ("DATE", "date_text", None),
    ("KILLED", "fatalities", "text"),
    ("INJURED", "injuries", "text"),
    ("SOURCE", "attribution", "text"),
    ("CLAIM", "claimed_by", "text"),
)
LABELS = tuple(label for label, _, _ in FIELDS)


@dataclass(frozen=True)
class Mark:
    """One field's words in the text: ``text[start:end]``, labelled, of event ``event``."""

    start: int
    end: int
    label: str
    event: str


def _words(record: Mapping[str, Any], key: str, inner: str | None) -> str | None:
    value = record.get(key)
    if inner is not None:
        value = value.get(inner) if isinstance(value, Mapping) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _pattern(words: str) -> re.Pattern[str]:
    """The words as a whole-word, case-insensitive pattern, any run of spaces matching any."""
    body = r"\s+".join(map(re.escape, words.split()))
    left = r"(?<!\w)" if words[0].isalnum() else ""
    right = r"(?!\w)" if words[-1].isalnum() else ""
    return re.compile(left + body + right, re.IGNORECASE)


def _windows(text: str, evidence: Iterable[Mapping[str, Any]]) -> Iterator[tuple[int, int]]:
    """The evidence sentences' spans that really point into ``text``, then the whole text."""
    for item in evidence:
        start, end = item.get("start"), item.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
            yield start, end
    yield 0, len(text)


def _find(text: str, words: str, windows: list[tuple[int, int]]) -> tuple[int, int] | None:
    pattern = _pattern(words)
    for start, end in windows:
        found = pattern.search(text, start, end)
        if found:
            return found.span()
    return None


def event_marks(text: str, record: Mapping[str, Any]) -> list[Mark]:
    """The marks of one event record in ``text``, in field order (overlaps not yet removed)."""
    windows = list(_windows(text, record.get("evidence") or []))
    marks = []
    for label, key, inner in FIELDS:
        words = _words(record, key, inner)
        span = _find(text, words, windows) if words else None
        if span:
            marks.append(Mark(*span, label, str(record.get("id", ""))))
    return marks


def _compatible(a: Mark, b: Mark) -> bool:
    """Whether two marks can both be shown: apart, or one strictly inside the other."""
    if a.end <= b.start or b.end <= a.start:
        return True
    a_holds_b = a.start <= b.start and b.end <= a.end
    b_holds_a = b.start <= a.start and a.end <= b.end
    return a_holds_b != b_holds_a


def marks(text: str, records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Every event's marks in ``text``, outer before inner in text order. Marks may nest
    ("at least 14" killed inside "at least 14 people" struck) but never cross: the first
    event, and within it the first field, keeps a contested span."""
    kept: list[Mark] = []
    for mark in (m for record in records for m in event_marks(text, record)):
        if all(_compatible(mark, k) for k in kept):
            kept.append(mark)
    return [asdict(m) for m in sorted(kept, key=lambda m: (m.start, -m.end))]
