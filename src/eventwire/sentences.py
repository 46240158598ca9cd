"""Fast rule-based sentence splitting with character offsets.

The full parser runs only on sentences that may hold an event, so splitting must be cheap:
regular expressions over paragraphs, aware of the abbreviations that news copy uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BOUNDARY = re.compile(r"""(?<=[.!?])["'\u201d\u2019)]?(\s+)(?=["'\u201c\u2018(]?[A-Z0-9])""")
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "maj", "gov", "sen", "rep", "st",
    "prof", "rev", "adm", "cmdr", "brig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "no", "inc", "co", "corp", "ltd", "vs", "etc", "jr", "sr",
    "u.s", "u.n", "u.k", "e.u", "a.m", "p.m", "approx", "est", "mt", "ft",
})  # fmt: skip
_LAST_WORD = re.compile(r"([A-Za-z.]+)\.[\"'\u201d\u2019)]?$")
# How far back from a full stop the word it ends is looked for: longer than any abbreviation,
# so that splitting stays linear in the paragraph's length.
_LOOK_BACK = 32


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int


def _is_abbreviation(text: str, stop: int) -> bool:
    """Whether the word that ends ``text`` at ``stop`` (a full stop) is an abbreviation."""
    match = _LAST_WORD.search(text, max(0, stop - _LOOK_BACK), stop)
    if not match:
        return False
    word = match.group(1).lower()
    return word in _ABBREVIATIONS or len(word) == 1


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` (paragraphs separated by blank lines), with offsets into it."""
    sentences: list[Sentence] = []
    for paragraph_index, paragraph in enumerate(re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text)):
        base, body = paragraph.start(), paragraph.group(0)
        start = 0
        for boundary in _BOUNDARY.finditer(body):
            stop = boundary.start(1)
            if _is_abbreviation(body, stop):
                continue
            piece = body[start:stop]
            if piece:
                end = start + len(piece)
                sentences.append(Sentence(piece, base + start, base + end, paragraph_index))
            start = boundary.end()
        piece = body[start:].rstrip()
        if piece:
            sentences.append(
                Sentence(piece, base + start, base + start + len(piece), paragraph_index)
            )
    return sentences
