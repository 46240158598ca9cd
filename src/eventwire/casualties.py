"""Read casualty figures from the words of news copy.

``count`` is an integer only when the words give one: "eight", "at least 62", "a soldier".
Vague quantities ("a number of", "dozens") keep their words with a null count; ACLED's
convention for them is applied separately by :func:`acled_count`.
"""

from __future__ import annotations

import re

from eventwire.records import Quantity

UNITS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
# ACLED's figures for reports that say people died but give no number.
VAGUE_ACLED = {
    "a number of": 3, "some": 3, "several": 3, "unknown": 3, "a few": 3, "few": 3,
    "many": 10, "scores": 10, "numerous": 10, "dozens": 12, "hundreds": 100, "thousands": 1000,
}  # fmt: skip
# The number grammar every reader of figures builds on (casualties here, tallies, tolls).
QUALIFIER = (
    r"(?:(?:at\s+least|more\s+than|over|about|around|nearly|almost|up\s+to|some|roughly"
    r"|an\s+estimated|only|a\s+total\s+of)\s+)"
)
DIGITS = r"\d[\d,]*"
# number words that count by themselves ("three", "twenty"): not "a", which only counts its noun
COUNT_WORDS = "(?:" + "|".join(sorted(set(UNITS) - {"a", "an"}, key=len, reverse=True)) + ")"
_NUMBER_WORD = "|".join(sorted([*UNITS, *SCALES], key=len, reverse=True))
_NUMBER = re.compile(
    rf"\b{QUALIFIER}?(?P<n>{DIGITS}|(?:(?:{_NUMBER_WORD})(?:[\s-]+(?:and\s+)?)?)+)"
    rf"(?:\s*(?:-|to|or)\s*(?P<n2>\d[\d,]*|{_NUMBER_WORD}))?\b",
    re.IGNORECASE,
)
_VAGUE = re.compile(
    r"\b(?:" + "|".join(sorted(VAGUE_ACLED, key=len, reverse=True)) + r")(?:\s+of)?\b"
    rf"(?!\s+(?:\d|(?:{_NUMBER_WORD})\b))",  # "some 20" is a number
    re.IGNORECASE,
)


def words_to_int(words: str) -> int | None:
    """``"twenty-five"`` -> 25, ``"1,200"`` -> 1200, ``"two hundred"`` -> 200."""
    words = words.strip().lower()
    if re.fullmatch(r"\d[\d,]*", words):
        return int(words.replace(",", ""))
    total, current = 0, 0
    for word in re.split(r"[\s-]+", words):
        if word in {"and", ""}:
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
    return total + current or None


# A later conjunct names people of its own only with its own article: "a soldier and a
# policeman" are two, "1 religious scholar and teacher" one.
_COUNTED_ALONE = re.compile(r"(?:a|an|one|another|his|her|its|their)\s", re.IGNORECASE)


def read_victims(phrases: list[str], singular: bool = False) -> Quantity | None:
    """The figure of coordinated victims: "2 civilians and 6 militants" are 8 people.

    Counts add up only when every part gives a number; otherwise the first part's words stand.
    """
    quantities = [
        read_quantity(p, singular and (n == 0 or _COUNTED_ALONE.match(p) is not None))
        for n, p in enumerate(phrases)
    ]
    if not quantities or None in quantities:
        return quantities[0] if quantities else None
    return add_tolls(quantities)  # type: ignore[arg-type]


_ADDITIONAL = re.compile(
    r"\b(?:also|other|others|another|second|third|fourth|more|additional|further)\b",
    re.IGNORECASE,
)


def adds_to_toll(sentence: str) -> bool:
    """Whether a sentence tells of deaths beyond those told before ("also", "others",
    "another attack")."""
    return _ADDITIONAL.search(sentence) is not None


def add_tolls(parts: list[Quantity]) -> Quantity:
    """The toll of several counted parts: their sum, or the first part's words when any part
    gives no number."""
    if len(parts) > 1 and all(p.count is not None for p in parts):
        return Quantity(sum(p.count for p in parts if p.count), " and ".join(p.text for p in parts))
    return parts[0]


_COLLECTIVE = re.compile(r"\s*(?:a|an|the)\s+[a-z]+\s+of\s+(?=\S)", re.IGNORECASE)


def read_quantity(phrase: str, singular: bool = False) -> Quantity | None:
    """The casualty figure a noun phrase gives.

    ``singular`` marks a singular head noun ("a member", "the commander"): one person.
    """
    vague = _VAGUE.match(phrase.strip())
    if vague:
        return Quantity(None, vague.group(0).strip())
    collective = _COLLECTIVE.match(phrase)  # "a family of four": the number after "of"
    match = _NUMBER.match(phrase, collective.end()) if collective else _NUMBER.search(phrase)
    if match and match.group(0).strip().lower() not in {"a", "an"}:
        count = words_to_int(match["n"])
        if count is not None:
            return Quantity(count, match.group(0).strip())
    if singular:
        return Quantity(1, phrase.strip())
    return None


def share(quantity: Quantity | None, parts: int, k: int) -> Quantity | None:
    """The ``k``-th of ``parts`` even shares of a figure, the remainder going to the first
    shares; the words stay those of the whole figure, and a figure with no number stays vague."""
    if quantity is None or quantity.count is None:
        return quantity
    count = quantity.count // parts + (1 if k < quantity.count % parts else 0)
    return Quantity(count, quantity.text)


def is_range(text: str) -> bool:
    """Whether a figure's words give a range ("10 to 15", "3-4"), which ACLED counts by its
    lower end."""
    match = _NUMBER.search(text)
    return match is not None and match["n2"] is not None


def acled_count(quantity: Quantity | None) -> int:
    """The ACLED fatality figure: the number given, or the convention for vague words."""
    if quantity is None:
        return 0
    if quantity.count is not None:
        return quantity.count
    return VAGUE_ACLED.get(quantity.text.lower().removesuffix(" of").strip(), 3)
