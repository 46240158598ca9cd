"""The rule vocabulary: named word sets kept in ``data/wordsets.toml``.

The coder's rules read English words (lemmas, prepositions, modals, place nouns) from named
sets, in the manner of PETRARCH's synonym sets, so that the vocabulary can be reviewed and
extended without code. A set may include other sets; a mapping reads each of its words as a
value (``weapon_modes``: "drone" -> "drone", "mortar" -> "heavy-weapons"). The file's header
describes the format. Only the standard library is used, so importing a module that reads a
set loads no NLP library.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

_KEYS = frozenset({"doc", "words", "include"})


@dataclass(frozen=True, slots=True)
class WordSets:
    """The sets of one file, includes resolved."""

    docs: dict[str, str]
    sets: dict[str, frozenset[str]]  # every set's words, those of mappings included
    mappings: dict[str, dict[str, str]]  # word -> value, for the sets that are mappings
    includes: dict[str, tuple[str, ...]]  # the sets each set names in ``include``

    def words(self, name: str) -> frozenset[str]:
        """The words of set ``name``, those of the sets it includes among them."""
        if name not in self.sets:
            raise KeyError(f"no word set named {name!r}")
        return self.sets[name]

    def mapping(self, name: str) -> dict[str, str]:
        """Word -> value for mapping ``name`` (a fresh dict, the caller's to keep)."""
        if name not in self.sets:
            raise KeyError(f"no word set named {name!r}")
        if name not in self.mappings:
            raise TypeError(f"word set {name!r} is not a mapping")
        return dict(self.mappings[name])


def load(path: Path | Traversable) -> WordSets:
    """The word sets of a TOML file in the format of ``data/wordsets.toml``; a malformed set,
    an include of an unknown set and an include cycle are errors."""
    with path.open("rb") as handle:
        tables = tomllib.load(handle)
    docs: dict[str, str] = {}
    own: dict[str, frozenset[str]] = {}
    mappings: dict[str, dict[str, str]] = {}
    includes: dict[str, tuple[str, ...]] = {}
    for name, table in tables.items():
        if not isinstance(table, dict) or not table.keys() <= _KEYS:
            raise ValueError(
                f"word set {name!r} must be a table of doc, words and, optionally, include"
            )
        doc, found = table.get("doc"), table.get("words")
        if not isinstance(doc, str) or not doc.strip():
            raise ValueError(f"word set {name!r} has no doc")
        docs[name] = " ".join(doc.split())
        includes[name] = tuple(_strings(name, "include", table.get("include", [])))
        if isinstance(found, dict):
            if includes[name]:
                raise ValueError(f"mapping {name!r} cannot include other sets")
            mappings[name] = _mapping(name, found)
            own[name] = frozenset(mappings[name])
        else:
            own[name] = frozenset(_strings(name, "words", found))
    for name, included in includes.items():
        for other in included:
            if other not in own:
                raise KeyError(f"word set {name!r} includes {other!r}, which is not a set")
    sets: dict[str, frozenset[str]] = {}
    for name in own:
        _resolve(name, own, includes, sets, ())
    return WordSets(docs, sets, mappings, includes)


def _strings(name: str, key: str, value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise ValueError(f"word set {name!r}: {key} must be a list of words")
    return value


def _mapping(name: str, groups: dict[str, object]) -> dict[str, str]:
    """Word -> value from a mapping's table of value -> words."""
    found: dict[str, str] = {}
    for value, group in groups.items():
        for word in _strings(name, f"words.{value}", group):
            if found.setdefault(word, value) != value:
                raise ValueError(f"mapping {name!r}: {word!r} under {found[word]!r} and {value!r}")
    return found


def _resolve(
    name: str,
    own: dict[str, frozenset[str]],
    includes: dict[str, tuple[str, ...]],
    done: dict[str, frozenset[str]],
    path: tuple[str, ...],
) -> frozenset[str]:
    """The words of ``name`` with those of the sets it includes; ``path`` is the chain of
    includes that led here, so that a cycle is caught."""
    if name in path:
        cycle = " -> ".join((*path[path.index(name) :], name))
        raise ValueError(f"word sets include each other: {cycle}")
    if name not in done:
        found = set(own[name])
        for other in includes[name]:
            found |= _resolve(other, own, includes, done, (*path, name))
        done[name] = frozenset(found)
    return done[name]


@cache
def bundled() -> WordSets:
    """The package's word sets, read once."""
    return load(resources.files("eventwire") / "data" / "wordsets.toml")


def words(name: str) -> frozenset[str]:
    """The words of the bundled set ``name``; a ``KeyError`` for a set the file lacks."""
    return bundled().words(name)


def mapping(name: str) -> dict[str, str]:
    """Word -> value for the bundled mapping ``name``."""
    return bundled().mapping(name)
