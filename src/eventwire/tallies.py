"""Roll-up statements: "66 attacks since October 17", "at least 62 soldiers have been injured
in the attacks". They count many events at once, so they are kept as reported tallies of the
article, never as events and never merged with one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from eventwire.casualties import COUNT_WORDS, DIGITS, QUALIFIER, read_quantity
from eventwire.lexicon import load_lexicon
from eventwire.records import Evidence, Tally
from eventwire.sentences import Sentence

_NUMBER = rf"{QUALIFIER}?(?:{DIGITS}|{COUNT_WORDS}|dozens|hundreds|thousands|scores)"
_PERIOD = (
    r"(?:since\b|so\s+far\b|to\s+date\b|this\s+year\b|in\s+total\b|in\s+all\b|"
    r"over\s+the\s+(?:past|last)\b|in\s+the\s+(?:past|last)\b|since\s+the\s+start\b)"
)
_CASUALTY = r"(?:killed|injured|wounded|dead|died|hurt|injuries|casualties|wounds)"
_AUXILIARY = r"(?:(?:have|has|had|were|was|been|being|suffered|sustained)\s+)"


_HINTS = frozenset({"since", "far", "date", "year", "total", "all", "past", "last", "times"})
_WORDS = re.compile(r"[a-z]+")


@cache
def _plurals() -> frozenset[str]:
    return frozenset(
        plural
        for (lemma, pos) in load_lexicon().triggers
        if pos == "NOUN" and lemma.isalpha()
        for plural in (lemma + "s", lemma + "es")
    )


def _may_tally(sentence: str) -> bool:
    """The cheap test before the patterns: a plural event noun or a word of a period."""
    words = set(_WORDS.findall(sentence.lower()))
    return not words.isdisjoint(_plurals()) or not words.isdisjoint(_HINTS)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    nouns = sorted(_plurals(), key=len, reverse=True)
    events = "(?:" + "|".join(nouns) + ")"
    counted = re.compile(
        rf"\b(?P<count>{_NUMBER})\s+(?:[\w-]+\s+){{0,3}}?(?P<what>{events}|times)\b"
        rf"[^.;]*?{_PERIOD}"
        rf"|\bthe\s+(?P<count2>{_NUMBER})\s+(?:[\w-]+\s+){{0,2}}?(?P<what2>{events})\b",
        re.IGNORECASE,
    )
    casualties = re.compile(
        rf"\b(?P<count>{_NUMBER})\s+(?P<what>(?:[\w-]+\s+){{1,4}}?){_AUXILIARY}+"
        rf"(?:[\w-]+\s+){{0,2}}?{_CASUALTY}\b"
        rf"[^.;]*?(?:\b(?:in|during|by)\s+(?:the|these|those)\s+{events}\b|{_PERIOD})",
        re.IGNORECASE,
    )
    return counted, casualties


def tallies(sentences: Iterable[Sentence]) -> list[Tally]:
    """The roll-up statements of an article's sentences."""
    counted, casualties = _patterns()
    found = []
    for sentence in sentences:
        if not _may_tally(sentence.text):
            continue
        for kind, pattern in (("events", counted), ("casualties", casualties)):
            match = pattern.search(sentence.text)
            if match is None:
                continue
            groups = match.groupdict()
            quantity = read_quantity(groups["count"] or groups.get("count2") or "")
            if quantity is None:
                continue
            found.append(
                Tally(
                    kind=kind,
                    count=quantity,
                    what=(groups["what"] or groups.get("what2") or "").strip().lower(),
                    text=match.group(0),
                    evidence=Evidence(sentence.text, sentence.start, sentence.end),
                )
            )
            break
    return found
