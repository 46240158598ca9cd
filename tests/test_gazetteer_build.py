"""`eventwire gazetteer build` from a GeoNames dump, and geocoding against what it builds.

The dump is a small invented one in the GeoNames format, written to a temporary zip per test.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.geocode import (
    Gazetteer,
    GazetteerError,
    bundled_gazetteer_path,
    default_gazetteer_path,
    geocode,
)
from eventwire.geonames_dump import iso3_codes

from .test_cli import invoke

# (geonameid, name, asciiname, alternate names, lat, lon, class, code, country, admin1 code,
#  admin2 code, population); the other GeoNames columns are filled in by _line.
RECORDS = [
    (9000001, "Zarghūn", "Zarghun", "Velayat-e Zarghun,Zarghun Province,ولایت زرغون",
     32.1, 66.2, "A", "ADM1", "AF", "41", "", 612000),
    (9000002, "Tora Kalay District", "Tora Kalay District", "Wuluswali-ye Tora Kalay",
     32.3, 66.0, "A", "ADM2", "AF", "41", "4101", 88000),
    (9000003, "Sarband District", "Sarband District", "", 31.9, 66.5, "A", "ADM2", "AF", "41",
     "4102", 41000),
    (9000004, "Tora Kalay", "Tora Kalay", "Tura Kalay,Toora Kaley,تورہ کلی,toora kaley",
     32.31, 66.02, "P", "PPLA2", "AF", "41", "4101", 12000),
    (9000005, "Kalagh", "Kalagh", "", 32.35, 65.95, "P", "PPL", "AF", "41", "4101", 2500),
    (9000006, "Kalagh", "Kalagh", "", 31.85, 66.55, "P", "PPL", "AF", "41", "4102", 900),
    (9000007, "Shindara Air Base", "Shindara Air Base", "Shindara Airfield,OASH", 31.95, 66.45,
     "S", "AIRB", "AF", "41", "4102", 0),
    (9000008, "Old Sarband", "Old Sarband", "", 31.91, 66.51, "P", "PPLQ", "AF", "41", "4102",
     0),
    (9000009, "Wādī as Sirr", "Wadi as Sirr", "Muhafazat Wadi as Sirr,Wadi as Sirr Governorate",
     34.2, 43.1, "A", "ADM1", "IQ", "19", "", 900000),
    (9000010, "Qadaa Hamrin", "Qadaa Hamrin", "Hamrin District", 34.3, 43.4, "A", "ADM2", "IQ",
     "19", "1901", 150000),
    (9000011, "Tall Zawiya", "Tall Zawiya", "Tell Zawiya,Tal az Zawiyah", 34.35, 43.45, "P",
     "PPL", "IQ", "19", "1901", 35000),
    (9000012, "Umm Rahal Camp", "Umm Rahal Camp", "Umm Rahal IDP Camp", 34.4, 43.5, "S",
     "CMPRF", "IQ", "19", "1901", 0),
    (9000013, "Wadi as Sirr", "Wadi as Sirr", "", 34.1, 43.0, "H", "WAD", "IQ", "19", "", 0),
    (9000014, "Afghanistan", "Afghanistan", "Islamic Republic of Afghanistan", 33.0, 66.0, "A",
     "PCLI", "AF", "00", "", 37172386),
]  # fmt: skip
BUNDLED_COUNTRIES = json.loads(Gazetteer(bundled_gazetteer_path()).meta()["counts"])["country"]


def _line(record: tuple[object, ...]) -> str:
    gid, name, ascii_, alts, lat, lon, fclass, fcode, cc, admin1, admin2, pop = record
    columns = [gid, name, ascii_, alts, lat, lon, fclass, fcode, cc, "", admin1, admin2, "", "",
               pop, "", 1200, "Asia/Kabul", "2024-05-01"]  # fmt: skip
    return "\t".join(map(str, columns))


def write_zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    """A country-file-like zip: AF.txt with the records, and a readme beside it."""
    text = "\n".join(_line(record) for record in RECORDS) + "\n"
    return write_zip(tmp_path / "AF.zip", {"AF.txt": text, "readme.txt": "GeoNames readme\n"})


def build(dump: Path, output: Path, *options: str):
    return invoke(
        CliRunner(), "gazetteer", "build", "--geonames", str(dump), "--output", str(output),
        *options,
    )  # fmt: skip


@pytest.fixture
def built(dump: Path, tmp_path: Path) -> Path:
    output = tmp_path / "full" / "gazetteer.sqlite"
    result = build(dump, output)
    assert result.exit_code == 0, result.output
    return output


def kinds(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as db:
        return dict(db.execute("SELECT kind, count(*) FROM places GROUP BY kind"))


def test_build_keeps_divisions_places_and_facilities(built: Path) -> None:
    assert kinds(built) == {
        "country": BUNDLED_COUNTRIES,  # every country, from the bundled gazetteer
        "admin1": 2,
        "admin2": 3,
        "city": 4,  # the abandoned Old Sarband left out
        "facility": 2,
    }
    assert [p.name for p in built.parent.iterdir()] == ["gazetteer.sqlite"]  # no temp file left


def test_build_summary_and_info(dump: Path, built: Path, tmp_path: Path) -> None:
    summary = build(dump, tmp_path / "again.sqlite").stdout

    assert "admin2             3" in summary and "facility           2" in summary
    assert "EVENTWIRE_GAZETTEER=" in summary

    info = invoke(CliRunner(), "gazetteer", "info", "--gazetteer", str(built)).stdout
    meta = dict(line.split(": ", 1) for line in info.splitlines())
    assert meta["path"] == str(built)
    assert json.loads(meta["counts"])["city"] == 4
    assert json.loads(meta["sources"])["dump"] == "AF.zip"
    assert meta["builder"].endswith("gazetteer build") and meta["build_date"]


def test_town_is_found_with_its_divisions(built: Path) -> None:
    found = geocode("Tora Kalay", gazetteer=Gazetteer(built))

    assert found is not None
    assert (found.name, found.country, found.admin1, found.precision) == (
        "Tora Kalay", "AFG", "Zarghun", "exact",
    )  # fmt: skip
    assert found.geonames_id == 9000004
    assert found.admin2 == "Tora Kalay District"  # the record names the district too


@pytest.mark.parametrize("text", ["Toora Kaley", "Tura Kalay"])
def test_alternate_name_finds_the_town(built: Path, text: str) -> None:
    found = geocode(text, gazetteer=Gazetteer(built))

    assert found is not None and (found.name, found.geonames_id) == ("Tora Kalay", 9000004)


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("Tora Kalay district", "Tora Kalay District", "Zarghun"),
        ("Hamrin District", "Qadaa Hamrin", "Wadi as Sirr"),
        ("Sarband", "Sarband District", "Zarghun"),
    ],
)
def test_second_level_division_has_admin2_precision(
    built: Path, text: str, name: str, admin1: str
) -> None:
    found = geocode(text, gazetteer=Gazetteer(built))

    assert found is not None
    assert (found.name, found.admin1, found.precision) == (name, admin1, "admin2")
    assert found.admin2 == name


def test_district_picks_between_same_named_villages(built: Path) -> None:
    gazetteer = Gazetteer(built)
    anywhere = geocode("Kalagh", gazetteer=gazetteer)
    in_sarband = geocode("Kalagh", gazetteer=gazetteer, within=("Sarband District",))

    assert anywhere is not None and anywhere.geonames_id == 9000005  # the larger one
    assert in_sarband is not None and in_sarband.geonames_id == 9000006


@pytest.mark.parametrize(
    ("text", "name"),
    [("Shindara air base", "Shindara Air Base"), ("Umm Rahal camp", "Umm Rahal Camp")],
)
def test_facilities_are_found(built: Path, text: str, name: str) -> None:
    found = geocode(text, gazetteer=Gazetteer(built))

    assert found is not None and found.name == name


def test_countries_restricts_places(dump: Path, tmp_path: Path) -> None:
    output = tmp_path / "iq.sqlite"
    assert build(dump, output, "--countries", "iq").exit_code == 0

    counts = kinds(output)
    assert counts == {"country": BUNDLED_COUNTRIES, "admin1": 1, "admin2": 1, "city": 1,
                      "facility": 1}  # fmt: skip
    assert geocode("Tora Kalay", gazetteer=Gazetteer(output)) is None
    assert geocode("Tell Zawiya", gazetteer=Gazetteer(output)) is not None


def test_min_population_drops_small_places_only(dump: Path, tmp_path: Path) -> None:
    output = tmp_path / "big.sqlite"
    assert build(dump, output, "--min-population", "1000").exit_code == 0

    assert kinds(output)["city"] == 3  # the Kalagh of 900 left out
    assert kinds(output)["facility"] == 2


def test_plain_text_dump_and_any_single_text_member(tmp_path: Path) -> None:
    text = "\n".join(_line(record) for record in RECORDS[8:12]) + "\n"
    plain = tmp_path / "IQ.txt"
    plain.write_text(text, encoding="utf-8")
    renamed = write_zip(tmp_path / "download.zip", {"IQ.txt": text})

    for source in (plain, renamed):
        output = tmp_path / f"{source.name}.sqlite"
        assert build(source, output).exit_code == 0
        assert kinds(output)["city"] == 1


def test_unknown_country_code_is_refused(dump: Path, tmp_path: Path) -> None:
    result = build(dump, tmp_path / "x.sqlite", "--countries", "AF,QQ")

    assert result.exit_code == 2 and "QQ" in result.stderr


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing.zip", "GeoNames dump not found"),
        (lambda tmp: write_zip(tmp / "AF.zip", {"readme.md": "no text here"}), "no .txt member"),
        (lambda tmp: _file(tmp / "AF.zip", "not a zip"), "not a zip file"),
        (lambda tmp: _file(tmp / "AF.txt", "1\tKabul\tKabul\n"), "line 1: not a GeoNames record"),
        (lambda tmp: _file(tmp / "AF.txt", _line(RECORDS[0]).replace("32.1", "north")),
         "could not convert"),
    ],
)  # fmt: skip
def test_bad_dump_gives_one_line_and_exit_2(tmp_path: Path, make, message: str) -> None:
    output = tmp_path / "out" / "gazetteer.sqlite"
    result = build(make(tmp_path), output)

    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Error: ") and message in line
    assert not output.exists() and not any(output.parent.glob("*"))


def _file(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_environment_variable_names_the_gazetteer(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENTWIRE_GAZETTEER", str(built))
    runner = CliRunner()

    assert default_gazetteer_path() == built
    info = invoke(runner, "gazetteer", "info").stdout
    assert f"path: {built}" in info
    text = "Gunmen killed three police officers in Toora Kaley on Tuesday, officials said."
    record = json.loads(
        invoke(runner, "extract", "-", "--published", "2025-03-06", input=text).stdout
    )
    [event] = record["events"]
    assert event["location"]["name"] == "Tora Kalay"
    assert event["location"]["admin1"] == "Zarghun"


def test_gazetteer_option_on_extract(built: Path) -> None:
    text = "Taliban fighters attacked a checkpoint in Tora Kalay district on Monday."
    result = invoke(
        CliRunner(), "extract", "-", "--gazetteer", str(built), "--published", "2025-03-06",
        input=text,
    )  # fmt: skip
    [event] = json.loads(result.stdout)["events"]

    assert (event["location"]["name"], event["location"]["precision"]) == (
        "Tora Kalay District", "admin2",
    )  # fmt: skip


@pytest.mark.parametrize(("content", "message"), [(None, "not found"), ("text", "not a gazetteer")])
def test_bad_gazetteer_file_is_one_line_error(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "gazetteer.sqlite"
    if content is not None:
        path.write_text(content)

    with pytest.raises(GazetteerError, match=message):
        Gazetteer(path)
    result = invoke(CliRunner(), "extract", "-", "--gazetteer", str(path), input="Text.")
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert message in line


def test_bundled_gazetteer_has_second_level_divisions() -> None:
    bundled = Gazetteer(bundled_gazetteer_path())
    meta = bundled.meta()

    assert meta["builder"] == "scripts/build_gazetteer.py"
    assert json.loads(meta["counts"])["admin2"] > 100_000
    assert "geoBoundaries" in json.loads(meta["sources"])["boundaries"]


def test_country_codes_cover_the_bundled_countries() -> None:
    codes = iso3_codes()
    bundled = Gazetteer(bundled_gazetteer_path())

    assert len(set(codes.values())) == len(codes) == BUNDLED_COUNTRIES
    assert all(bundled.country(iso3) is not None for iso3 in codes.values())
    assert (codes["AF"], codes["XK"]) == ("AFG", "XKX")
