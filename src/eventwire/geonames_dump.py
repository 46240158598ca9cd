"""Build a full-size gazetteer from a GeoNames dump.

``allCountries.zip``, a country file such as ``AF.zip`` and ``cities500.zip`` share one format:
19 tab-separated columns per record (https://download.geonames.org/export/dump/readme.txt).
The dump is streamed twice and never held in memory: the first pass keeps the first- and
second-level divisions (ADM1, ADM2), which places name only by code; the second turns
divisions, populated places and facilities into gazetteer places as it reads them. Countries
and the ISO-2 to ISO-3 codes come from the bundled gazetteer, so the build needs no download
beyond the dump and no package beyond eventwire's own.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import time
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import IO

from eventwire import __version__
from eventwire.errors import DumpError
from eventwire.gazetteer_build import (
    COUNTRY_CODES_NAME,
    Place,
    admin1_variants,
    keep_alternate,
    read_country_codes,
    replaced_atomically,
    write_database,
)
from eventwire.geocode import bundled_gazetteer_path

# Facilities that news names: air bases, airfields, airports, heliports, camps (refugee camps
# among them), dams, ports, bridges, border posts, military bases and installations.
FACILITY_CODES = frozenset(
    {"AIRB", "AIRF", "AIRH", "AIRP", "BDG", "CMP", "CMPRF", "DAM", "INSM", "MILB", "PRT", "PSTB"}
)
_DIVISION_KINDS = {"ADM1": "admin1", "ADM2": "admin2"}
# Populated places that are gone: historical, former capitals, abandoned.
_GONE = frozenset({"PPLH", "PPLCH", "PPLQ"})
# The feature values the geocoder weighs against "air base" and "airport" in a phrase.
_AIR_FEATURES = {"AIRB": "airbase", "AIRF": "airbase", "AIRP": "airport"}
_COLUMNS = 19
_PROGRESS_LINES = 1 << 16

Progress = Callable[[str, int, int], None]
"""Called with a stage and how far it has come: ("reading divisions" or "reading places", bytes
read, bytes in all), then ("indexing names", 0, 0) while the names are sorted."""
Wanted = Callable[[str, str, str], bool]
"""Whether to keep a record, given its feature class, feature code and ISO-2 country."""


@dataclass(frozen=True, slots=True)
class Row:
    """The columns of one GeoNames record that the gazetteer uses."""

    geonames_id: int
    name: str
    asciiname: str
    alternates: str  # comma-separated
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country: str  # ISO-2
    admin1_code: str
    admin2_code: str
    population: int

    def names(self) -> list[str]:
        """The name, the ASCII name and the alternate names worth indexing."""
        kept = filter(keep_alternate, self.alternates.split(","))
        return list(dict.fromkeys([self.name, self.asciiname, *kept]))


@dataclass(frozen=True)
class Divisions:
    """ASCII names of the dump's divisions, by country and admin codes."""

    admin1: dict[tuple[str, str], str]
    admin2: dict[tuple[str, str, str], str]


@dataclass(frozen=True)
class DumpBuild:
    """What :func:`build_from_dump` wrote."""

    output: Path
    counts: Counter[str]
    names: int
    size: int
    seconds: float
    notes: list[str]


@dataclass(frozen=True)
class _Text:
    stream: IO[bytes]
    size: int
    label: str


# --------------------------------------------------------------------------------------------
# Reading


def read_rows(
    path: Path,
    wanted: Wanted,
    *,
    only: bytes = b"",
    stage: str = "",
    progress: Progress | None = None,
) -> Iterator[Row]:
    """The records of a dump (zip or text) that ``wanted`` accepts, streamed. Lines without
    ``only`` are skipped undecoded, a quick filter before ``wanted``."""
    with _open(path) as text:
        done = 0
        try:
            for number, raw in enumerate(text.stream, start=1):
                done += len(raw)
                if progress is not None and number % _PROGRESS_LINES == 0:
                    progress(stage, done, text.size)
                if only not in raw or not raw.strip():
                    continue
                fields = _fields(raw, text.label, number)
                if wanted(fields[6], fields[7], fields[8]):
                    yield _row(fields, text.label, number)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise DumpError(f"damaged zip: {path} ({exc})") from None
        if progress is not None:
            progress(stage, text.size, text.size)


@contextmanager
def _open(path: Path) -> Iterator[_Text]:
    if not path.is_file():
        raise DumpError(f"GeoNames dump not found: {path}")
    if path.suffix.lower() != ".zip":
        with path.open("rb") as handle:
            yield _Text(handle, path.stat().st_size, path.name)
        return
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise DumpError(f"not a zip file: {path}") from None
    with archive:
        member = _member(archive, path)
        with archive.open(member) as stream:
            yield _Text(
                io.BufferedReader(stream, 1 << 20),
                member.file_size,
                f"{path.name}:{member.filename}",
            )


def _member(archive: zipfile.ZipFile, path: Path) -> zipfile.ZipInfo:
    """The member named like the zip (``AF.txt`` in ``AF.zip``), or else the only ``.txt``."""
    texts = [info for info in archive.infolist() if info.filename.lower().endswith(".txt")]
    named = [info for info in texts if Path(info.filename).stem == path.stem]
    if named or len(texts) == 1:
        return (named or texts)[0]
    if not texts:
        raise DumpError(f"no .txt member in {path}")
    raise DumpError(f"no {path.stem}.txt in {path}, and {len(texts)} other .txt members")


def _fields(raw: bytes, label: str, number: int) -> list[str]:
    try:
        fields = raw.decode("utf-8").rstrip("\r\n").split("\t")
    except UnicodeDecodeError as exc:
        raise _bad_record(label, number, exc) from None
    if len(fields) != _COLUMNS:
        raise _bad_record(label, number, f"{len(fields)} columns, not {_COLUMNS}")
    return fields


def _row(f: list[str], label: str, number: int) -> Row:
    try:
        return Row(
            int(f[0]), f[1], f[2], f[3], float(f[4]), float(f[5]), f[6], f[7], f[8], f[10],
            f[11], int(f[14] or 0),
        )  # fmt: skip
    except ValueError as exc:
        raise _bad_record(label, number, exc) from None


def _bad_record(label: str, number: int, why: object) -> DumpError:
    return DumpError(f"{label}, line {number}: not a GeoNames record ({why})")


def read_divisions(
    path: Path, countries: frozenset[str], progress: Progress | None = None
) -> Divisions:
    """First pass: the ADM1 and ADM2 records (of ``countries`` only, when given)."""
    admin1: dict[tuple[str, str], str] = {}
    admin2: dict[tuple[str, str, str], str] = {}

    def wanted(feature_class: str, feature_code: str, country: str) -> bool:
        division = feature_class == "A" and feature_code in _DIVISION_KINDS
        return division and (not countries or country in countries)

    rows = read_rows(path, wanted, only=b"\tA\tADM", stage="reading divisions", progress=progress)
    for row in rows:
        if row.feature_code == "ADM1":
            admin1.setdefault((row.country, row.admin1_code), row.asciiname)
        else:
            admin2.setdefault((row.country, row.admin1_code, row.admin2_code), row.asciiname)
    return Divisions(admin1, admin2)


# --------------------------------------------------------------------------------------------
# Places


def place_kind(feature_class: str, feature_code: str) -> str | None:
    """The gazetteer kind of a GeoNames feature, or None for one the gazetteer leaves out."""
    if feature_class == "P":
        return None if feature_code in _GONE else "city"
    if feature_class == "A":
        return _DIVISION_KINDS.get(feature_code)
    return "facility" if feature_code in FACILITY_CODES else None


def dump_places(
    path: Path,
    divisions: Divisions,
    iso3: dict[str, str],
    countries: frozenset[str],
    min_population: int,
    skipped: Counter[str],
    progress: Progress | None = None,
) -> Iterator[Place]:
    """Second pass: divisions, populated places of ``min_population`` or more, facilities."""

    def wanted(feature_class: str, feature_code: str, country: str) -> bool:
        kept = place_kind(feature_class, feature_code) is not None
        return kept and (not countries or country in countries)

    for row in read_rows(path, wanted, stage="reading places", progress=progress):
        kind = place_kind(row.feature_class, row.feature_code)
        assert kind is not None  # wanted() let through only places of a kind
        if row.country not in iso3:
            skipped["records of no known country"] += 1
        elif kind != "city" or row.population >= min_population:
            yield make_place(row, kind, iso3[row.country], divisions)


def make_place(row: Row, kind: str, iso3: str, divisions: Divisions) -> Place:
    """The gazetteer place for a record of ``kind``, indexed under its names."""
    place = Place(
        name=row.name,
        kind=kind,
        feature=_AIR_FEATURES.get(row.feature_code, f"{row.feature_class}.{row.feature_code}"),
        country=iso3,
        admin1=divisions.admin1.get((row.country, row.admin1_code)),
        admin2=divisions.admin2.get((row.country, row.admin1_code, row.admin2_code)),
        lat=row.lat,
        lon=row.lon,
        population=row.population or None,
        geonames_id=row.geonames_id,
        source="geonames",
    )
    if kind in _DIVISION_KINDS.values():
        for name in row.names():
            place.keys |= admin1_variants(name)
    else:
        place.add_names(row.names())
    return place


def bundled_countries() -> list[Place]:
    """The bundled gazetteer's countries, with their name keys."""
    uri = f"{bundled_gazetteer_path().as_uri()}?mode=ro"
    con = sqlite3.connect(uri, uri=True)
    try:
        keys: dict[int, set[str]] = defaultdict(set)
        for pid, key in con.execute(
            "SELECT place_id, key FROM names WHERE place_id IN"
            " (SELECT id FROM places WHERE kind = 'country')"
        ):
            keys[pid].add(key)
        rows = con.execute(
            "SELECT id, name, feature, country, lat, lon, population, geonames_id, source"
            " FROM places WHERE kind = 'country' ORDER BY id"
        ).fetchall()
    finally:
        con.close()
    return [
        Place(
            name=name,
            kind="country",
            feature=feature,
            country=country,
            admin1=None,
            lat=lat,
            lon=lon,
            population=population,
            geonames_id=geonames_id,
            source=source,
            keys=keys[pid],
        )
        for pid, name, feature, country, lat, lon, population, geonames_id, source in rows
    ]


def iso3_codes() -> dict[str, str]:
    """ISO-3 code of each gazetteer country, by ISO-2 code."""
    return read_country_codes(Path(str(resources.files("eventwire") / "data" / COUNTRY_CODES_NAME)))


# --------------------------------------------------------------------------------------------
# Building


def build_from_dump(
    dump: Path,
    output: Path,
    *,
    min_population: int = 0,
    countries: frozenset[str] = frozenset(),
    progress: Progress | None = None,
) -> DumpBuild:
    """Build a gazetteer at ``output`` from ``dump``, replacing it only once complete.

    ``countries`` (ISO-2 codes) restricts divisions, places and facilities; every country row
    is kept. Raises :class:`DumpError` for a bad dump, :class:`OSError` for an unwritable
    ``output``."""
    started = time.monotonic()
    iso3 = iso3_codes()
    divisions = read_divisions(dump, countries, progress)
    skipped: Counter[str] = Counter()
    places = chain(
        bundled_countries(),
        dump_places(dump, divisions, iso3, countries, min_population, skipped, progress),
    )
    meta = _meta(dump, min_population, countries)
    with replaced_atomically(output) as tmp:
        written = write_database(
            tmp,
            places,
            meta,
            extended=True,
            on_indexing=None if progress is None else lambda: progress("indexing names", 0, 0),
        )
    notes = [f"{number:,d} {what} skipped" for what, number in sorted(skipped.items())]
    if not divisions.admin1:
        notes.append("no ADM1 records in the dump: places carry no admin1 name")
    return DumpBuild(
        output=output,
        counts=written.counts,
        names=written.names,
        size=output.stat().st_size,
        seconds=time.monotonic() - started,
        notes=notes,
    )


def _meta(dump: Path, min_population: int, countries: frozenset[str]) -> dict[str, str]:
    return {
        "build_date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "schema_version": "2",
        "min_population": str(min_population),
        "countries": ",".join(sorted(countries)) or "all",
        "sources": json.dumps(
            {
                "geonames": "GeoNames, CC BY 4.0, https://www.geonames.org/",
                "dump": dump.name,
                "countries": "the bundled gazetteer",
            }
        ),
        "name_key": "eventwire.names.name_key",
        "builder": f"eventwire {__version__} gazetteer build",
    }


def default_output_path() -> Path:
    """``$XDG_DATA_HOME/eventwire/gazetteer.sqlite``, ``~/.local/share`` when it is unset."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "eventwire" / "gazetteer.sqlite"
