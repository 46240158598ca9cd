#!/usr/bin/env python3
"""Build ``src/eventwire/data/countries.tsv``: every country's ISO 3166-1 numeric code and
ACLED region, for the ACLED CSV export's ``iso`` and ``region`` columns.

Source: the table ``country_data.tsv`` of the ``country_converter`` package (GPL-3.0; install
the ``data`` extra), which gives each country's ISO codes and UN M49 sub-region; it is read as
plain text (the package's own reader needs pandas < 3). Countries it marks obsolete are left
out.

ACLED's region is the M49 sub-region, renamed or regrouped as ACLED groups countries:

* African sub-regions keep their names, except that ACLED's "Southern Africa" also takes
  Angola (M49: Middle Africa) and Madagascar, Malawi, Mozambique, Zambia and Zimbabwe (M49:
  Eastern Africa).
* "Southern Asia" is "South Asia", less Afghanistan (in "Caucasus and Central Asia") and Iran
  (in the "Middle East").
* "Western Asia" is the "Middle East", less Armenia, Azerbaijan and Georgia (in "Caucasus and
  Central Asia") and Cyprus (in "Europe"); "Central Asia" is "Caucasus and Central Asia".
* "Eastern Asia" is "East Asia" and "South-eastern Asia" "Southeast Asia".
* The four European sub-regions are "Europe", and the four of Oceania "Oceania".
* "Northern America" is "North America"; "Central America" (with Mexico), "South America",
  "Caribbean" and "Antarctica" keep their names.

Usage::

    python scripts/build_countries.py [--output PATH] [--check ACLED_CSV ...]

``--check`` reads ACLED files (their ``iso3``/``country``, ``iso`` and ``region`` columns) and
fails unless the table gives every country in them ACLED's code and region.
"""

from __future__ import annotations

import argparse
import csv
import sys
from importlib import resources
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = REPO_ROOT / "src" / "eventwire" / "data" / "countries.tsv"
COLUMNS = ("iso3", "iso", "region")

REGION_OF_SUBREGION = {
    "Western Africa": "Western Africa",
    "Middle Africa": "Middle Africa",
    "Eastern Africa": "Eastern Africa",
    "Southern Africa": "Southern Africa",
    "Northern Africa": "Northern Africa",
    "Southern Asia": "South Asia",
    "Western Asia": "Middle East",
    "Central Asia": "Caucasus and Central Asia",
    "Eastern Asia": "East Asia",
    "South-eastern Asia": "Southeast Asia",
    "Northern Europe": "Europe",
    "Southern Europe": "Europe",
    "Western Europe": "Europe",
    "Eastern Europe": "Europe",
    "Northern America": "North America",
    "Central America": "Central America",
    "South America": "South America",
    "Caribbean": "Caribbean",
    "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania",
    "Micronesia": "Oceania",
    "Polynesia": "Oceania",
    "Antarctica": "Antarctica",
}
# Countries ACLED groups apart from their M49 sub-region.
REGION_OF_COUNTRY = {
    "AGO": "Southern Africa",
    "MDG": "Southern Africa",
    "MWI": "Southern Africa",
    "MOZ": "Southern Africa",
    "ZMB": "Southern Africa",
    "ZWE": "Southern Africa",
    "AFG": "Caucasus and Central Asia",
    "IRN": "Middle East",
    "ARM": "Caucasus and Central Asia",
    "AZE": "Caucasus and Central Asia",
    "GEO": "Caucasus and Central Asia",
    "CYP": "Europe",
}


def acled_region(iso3: str, subregion: str) -> str:
    """ACLED's region of a country, from its M49 sub-region (see the module docstring)."""
    return REGION_OF_COUNTRY.get(iso3) or REGION_OF_SUBREGION[subregion]


def countries() -> list[tuple[str, int, str]]:
    """(ISO alpha-3, ISO numeric, ACLED region) of every current country, by alpha-3 code."""
    table = resources.files("country_converter") / "country_data.tsv"
    with table.open(encoding="utf-8") as handle:
        rows = [
            (row["ISO3"], int(row["ISOnumeric"]), acled_region(row["ISO3"], row["UNregion"]))
            for row in csv.DictReader(handle, delimiter="\t")
            if row["UNregion"] and not row["obsolete"]
        ]
    return sorted(rows)


def write(path: Path, rows: list[tuple[str, int, str]]) -> None:
    """The table as tab-separated text with a header line."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)


def disagreements(rows: list[tuple[str, int, str]], acled_file: Path) -> list[str]:
    """Where an ACLED file gives a country another code or region than ``rows`` do."""
    by_iso = {iso: (iso3, region) for iso3, iso, region in rows}
    with acled_file.open(encoding="utf-8") as handle:
        seen = {(row["iso"], row["region"]) for row in csv.DictReader(handle)}
    return [
        f"{acled_file.name}: iso {iso} is {by_iso.get(int(iso))}, ACLED says {region!r}"
        for iso, region in sorted(seen)
        if by_iso.get(int(iso), (None, None))[1] != region
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", type=Path, nargs="*", default=[], metavar="ACLED_CSV")
    args = parser.parse_args()
    rows = countries()
    write(args.output, rows)
    print(f"{len(rows)} countries written to {args.output}")
    problems = [problem for path in args.check for problem in disagreements(rows, path)]
    for problem in problems:
        print(problem, file=sys.stderr)
    if args.check and not problems:
        print(f"agrees with the {len(args.check)} ACLED files checked")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
