"""Truecasing for upper-case text (wire and radio copy in capitals, shouted headlines).

The parser and entity recognizer read case: in "GUERRILLAS ATTACKED THE FARM" every word looks
like a proper noun. A sentence written in capitals is given each word's usual casing, learned
from mixed-case training text as the form a word most often takes away from a sentence's
start ("guerrillas", "Farabundo", "FMLN"). A word the table does not hold is lower-cased if it
is an English word (a stop word or a form of a lemma in the parser's WordNet index), kept in
capitals if it looks like an acronym (in brackets, or without a vowel), and else title-cased as
a name. The result has the length of the input, so offsets into the original text stay valid.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MIN_TEXTS = 3  # a form enters the table only when that many training texts use the word

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_SENTENCE_START = re.compile(r"(?:^\s*|[.!?:]\s+)[\"'(\u201c\u2018]*([^\W\d_])")
# inflections stripped to find a word's lemma: (suffix, replacement)
_INFLECTIONS = (
    ("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""),
    ("ing", "e"), ("er", ""), ("est", ""), ("ly", ""),
)  # fmt: skip
_VOWEL = re.compile(r"[AEIOUYaeiouy]")


def shouting(text: str, share: float = 0.85, least: int = 12) -> bool:
    """Whether ``text`` is written in capitals (at least ``least`` letters, nearly all upper)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < least:
        return False
    return sum(c.isupper() for c in letters) >= share * len(letters)


def learn_casing(texts: Iterable[str], min_texts: int = MIN_TEXTS) -> dict[str, str]:
    """Each word's most frequent form in mixed-case ``texts``, keyed by its lower case; words
    at a sentence's start are not counted (their capital says nothing)."""
    forms: defaultdict[str, Counter[str]] = defaultdict(Counter)
    seen: Counter[str] = Counter()
    for text in texts:
        if shouting(text):
            continue
        starts = {m.start(1) for m in _SENTENCE_START.finditer(text)}
        words = set()
        for match in _WORD.finditer(text):
            if match.start() in starts:
                continue
            word = match.group()
            forms[word.lower()][word] += 1
            words.add(word.lower())
        seen.update(words)
    return {
        key: counts.most_common(1)[0][0]
        for key, counts in sorted(forms.items())
        if seen[key] >= min_texts
    }


def is_english(word: str, lemmas: frozenset[str]) -> bool:
    """Whether lower-case ``word`` is a form of one of ``lemmas``."""
    if word in lemmas:
        return True
    for suffix, replacement in _INFLECTIONS:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            if stem + replacement in lemmas or (
                stem[-1:] == stem[-2:-1] and stem[:-1] in lemmas  # "stopped", "running"
            ):
                return True
    return False


def read_casing(path: Path) -> dict[str, str]:
    """A casing table written by :func:`write_casing`."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return {form.lower(): form for form in handle.read().split()}


def write_casing(path: Path, casing: dict[str, str]) -> None:
    """Write a casing table, one usual form a line, as the same bytes for the same table."""
    data = "".join(casing[k] + "\n" for k in sorted(casing))
    with path.open("wb") as raw, gzip.GzipFile("", "wb", fileobj=raw, mtime=0) as handle:
        handle.write(data.encode("utf-8"))


@dataclass(frozen=True)
class Truecaser:
    casing: dict[str, str]  # lower case -> usual form
    lemmas: frozenset[str] = frozenset()  # English lemmas, lower case

    def _guess(self, word: str, bracketed: bool) -> str:
        """The casing of a word the table does not know."""
        if bracketed:
            return word
        if is_english(word.lower(), self.lemmas):
            return word.lower()
        if not _VOWEL.search(word) or len(word) == 1:
            return word
        return word[0] + word[1:].lower()

    def __call__(self, text: str) -> str:
        """``text`` with usual casing if it is written in capitals, else unchanged."""
        if not shouting(text):
            return text
        chars = list(text)
        for match in _WORD.finditer(text):
            word = match.group()
            form = self.casing.get(word.lower())
            if form is None:
                before = text[max(0, match.start() - 1) : match.start()]
                form = self._guess(word, before in ("(", "["))
            if len(form) == len(word):
                chars[match.start() : match.end()] = form
        for match in _SENTENCE_START.finditer(text):
            chars[match.start(1)] = chars[match.start(1)].upper()
        return "".join(chars)
