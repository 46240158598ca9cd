"""Name folding (names.py) and offline geocoding against the bundled gazetteer (geocode.py)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections import Counter

import pytest

from eventwire.geocode import default_gazetteer, default_gazetteer_path, distance_km, geocode
from eventwire.names import core_tokens, fold, name_key
from eventwire.records import Location

IRAQ = Counter({"IRQ": 3})

# --- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ain al-Asad", "Ayn Al Asad"),
        ("Ain al-Asad", "Ein el Asad"),
        ("Abou Kamal", "Abu Kamal"),
        ("Kyïv", "Kyiv"),
        ("Culiacán", "CULIACAN"),
        ("Łódź", "Lodz"),
        ("Sana\u2019a", "Sanaa"),
        ("al-Qaim", "Qaim"),
    ],
)
def test_name_key_folds_spelling_variants_together(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_name_key_of_ain_al_asad() -> None:
    assert name_key("Ain al-Asad") == "ain asad"


@pytest.mark.parametrize(("a", "b"), [("Ain al-Asad", "Ain Hamad"), ("Tripoli", "Tirana")])
def test_name_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_a_name_that_is_only_an_article_is_kept() -> None:
    assert name_key("Al") == "al"


def test_fold_removes_diacritics_case_and_punctuation() -> None:
    assert fold("  Ṣaʿdah — Governorate!  ") == "sadah governorate"


def test_core_tokens_drop_facility_words() -> None:
    assert core_tokens("Ain al-Asad air base") == frozenset({"ain", "asad"})


# --- geocoding ------------------------------------------------------------------------------


def test_air_base_in_an_article_about_iraq() -> None:
    found = geocode("Ain al-Asad air base", IRAQ)

    assert found is not None
    assert found.name == "Al Asad Air Base"
    assert found.country == "IRQ"
    assert found.lat == pytest.approx(33.79, abs=0.01)
    assert found.lon == pytest.approx(42.44, abs=0.01)
    assert found.admin1 is not None
    assert "Anbar" in found.admin1
    assert found.precision == "exact"


@pytest.mark.parametrize("spelling", ["Ayn al Asad airbase", "Al-Asad Air Base", "Asad air base"])
def test_air_base_spelling_variants(spelling: str) -> None:
    found = geocode(spelling, IRAQ)

    assert found is not None
    assert (found.name, found.country) == ("Al Asad Air Base", "IRQ")


_GEOCODE_IN_FRESH_PROCESS = (
    "from eventwire.geocode import geocode; print(geocode('Ain al-Asad air base').country)"
)


def test_air_base_without_focus_is_the_iraqi_base_in_every_process() -> None:
    countries = set()
    for seed in ("0", "1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", _GEOCODE_IN_FRESH_PROCESS],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        countries.add(result.stdout.strip())

    assert countries == {"IRQ"}


def test_baghdad_is_the_iraqi_capital() -> None:
    found = geocode("Baghdad")

    assert found is not None
    assert (found.name, found.country, found.precision) == ("Baghdad", "IRQ", "exact")
    assert found.lat == pytest.approx(33.34, abs=0.05)
    assert found.lon == pytest.approx(44.40, abs=0.05)
    assert found.geonames_id == 98182


def test_near_keeps_the_place_with_precision_near() -> None:
    found = geocode("Baghdad", near=True)

    assert found is not None
    assert (found.name, found.precision) == ("Baghdad", "near")


def test_location_keeps_the_words_of_the_text() -> None:
    found = geocode("Ayn al Asad airbase", IRAQ)

    assert found is not None
    assert found.text == "Ayn al Asad airbase"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Anbar province", "Al Anbar", "IRQ"),
        ("Al Anbar Governorate", "Al Anbar", "IRQ"),
        ("Nineveh", "Nineveh", "IRQ"),
        ("Sinaloa state", "Sinaloa", "MEX"),
    ],
)
def test_province_has_admin1_precision(text: str, name: str, country: str) -> None:
    found = geocode(text)

    assert found is not None
    assert (found.name, found.country, found.precision) == (name, country, "admin1")


def test_near_does_not_make_a_province_precise() -> None:
    found = geocode("Anbar province", near=True)

    assert found is not None
    assert found.precision == "admin1"


@pytest.mark.parametrize(("text", "country"), [("Iraq", "IRQ"), ("Lebanon", "LBN")])
def test_country_has_country_precision(text: str, country: str) -> None:
    found = geocode(text)

    assert found is not None
    assert (found.country, found.precision, found.admin1) == (country, "country", None)


@pytest.mark.parametrize("text", ["Qwzxtrbbl", "Qwzxtrbbl air base", "", "   "])
def test_unknown_name_gives_none(text: str) -> None:
    assert geocode(text) is None


def _countries_named(key: str) -> set[str]:
    db = sqlite3.connect(f"file:{default_gazetteer_path()}?mode=ro", uri=True)
    try:
        rows = db.execute(
            "SELECT p.country FROM names n JOIN places p ON p.id = n.place_id"
            " WHERE n.key = ? AND p.kind = 'city'",
            (key,),
        ).fetchall()
    finally:
        db.close()
    return {country for (country,) in rows}


@pytest.mark.parametrize(
    ("name", "default", "focus", "chosen"),
    [
        ("Tripoli", "LBY", "LBN", "Tripoli"),
        ("Hyderabad", "IND", "PAK", "Hyderabad"),
    ],
)
def test_focus_countries_pick_between_same_named_places(
    name: str, default: str, focus: str, chosen: str
) -> None:
    assert {default, focus} <= _countries_named(name_key(name))  # really ambiguous

    plain = geocode(name)
    focused = geocode(name, Counter({focus: 2, "USA": 1}))

    assert plain is not None
    assert focused is not None
    assert plain.country == default
    assert (focused.name, focused.country) == (chosen, focus)


def test_lookup_finds_every_place_with_the_key() -> None:
    countries = {place.country for place in default_gazetteer().lookup("Tripoli")}

    assert {"LBY", "LBN"} <= countries


def test_gazetteer_country_row() -> None:
    iraq = default_gazetteer().country("IRQ")

    assert iraq is not None
    assert (iraq.name, iraq.kind) == ("Iraq", "country")
    assert default_gazetteer().country("XXX") is None


# --- distances ------------------------------------------------------------------------------


def _at(lat: float | None, lon: float | None) -> Location:
    return Location(text="somewhere", lat=lat, lon=lon)


def test_one_degree_of_latitude_is_about_111_km() -> None:
    assert distance_km(_at(0.0, 0.0), _at(1.0, 0.0)) == pytest.approx(111.2, abs=0.1)


def test_distance_to_itself_is_zero_and_distance_is_symmetric() -> None:
    a, b = _at(33.34, 44.40), _at(36.34, 43.13)

    assert distance_km(a, a) == pytest.approx(0.0, abs=1e-9)
    assert distance_km(a, b) == pytest.approx(distance_km(b, a))


def test_baghdad_to_the_air_base() -> None:
    baghdad = geocode("Baghdad")
    base = geocode("Ain al-Asad air base", IRAQ)
    assert baghdad is not None
    assert base is not None

    assert distance_km(baghdad, base) == pytest.approx(188, abs=10)


@pytest.mark.parametrize(
    ("a", "b"), [(_at(None, None), _at(1.0, 1.0)), (_at(1.0, 1.0), _at(2.0, None))]
)
def test_distance_without_coordinates_is_none(a: Location, b: Location) -> None:
    assert distance_km(a, b) is None


def test_a_country_s_name_outranks_towns_that_share_it() -> None:
    place = geocode("Macedonia")
    assert place is not None and (place.country, place.precision) == ("MKD", "country")
    capital = geocode("Kabul")
    assert capital is not None and capital.precision == "exact"


def test_a_compass_part_of_a_country_is_in_that_country() -> None:
    from eventwire.geocode import geocode

    found = geocode("Western Cambodia")
    assert found is not None and found.country == "KHM" and found.text == "Western Cambodia"


# --- second-level divisions -----------------------------------------------------------------

AFGHANISTAN = Counter({"AFG": 3})


def test_a_district_of_the_story_s_country_is_found_by_its_name() -> None:
    found = geocode("Nad Ali", AFGHANISTAN)

    assert found is not None
    assert (found.name, found.country, found.admin1, found.precision) == (
        "Nad Ali", "AFG", "Helmand", "admin2"
    )  # fmt: skip
    assert found.admin2 == "Nad Ali"
    assert 31.0 < found.lat < 32.2 and 63.3 < found.lon < 64.5  # west of Lashkar Gah


@pytest.mark.parametrize(
    ("text", "within", "name"),
    [
        ("Garmsir district", ("Helmand",), "Garmser"),
        ("Nahri Saraj district", ("Helmand",), "Nahri Sarraj"),
        ("Deh Rahwod district", ("Urozgan",), "Dihrawud"),
        ("Dawlatyar district", ("Ghor",), "Dawlat Yar"),
    ],
)
def test_a_district_spelt_another_way_in_its_province(
    text: str, within: tuple[str, ...], name: str
) -> None:
    found = geocode(text, AFGHANISTAN, within=within)

    assert found is not None
    assert (found.name, found.precision, found.text) == (name, "admin2", text)


def test_a_village_the_gazetteer_lacks_is_placed_at_its_district() -> None:
    found = geocode("Zar Tale Ghar", AFGHANISTAN, within=("Deh Rahwod district", "Urozgan"))

    assert found is not None
    assert (found.name, found.precision) == ("Dihrawud", "admin2")
    # The text's province wins over the gazetteer's approximate one for its districts.
    assert found.admin1 == "Oruzgan"


def test_a_district_spelt_alike_far_from_the_province_is_not_taken() -> None:
    """ "Nusay" and "Nesh" share a consonant skeleton, but Nesh lies 800 km from Badakhshan:
    the province the text names stands for the district the gazetteer lacks."""
    found = geocode("Nusay district", AFGHANISTAN, within=("Badakhshan",))

    assert found is not None
    assert (found.name, found.precision) == ("Badakhshan", "admin1")


def test_a_container_inside_a_province_is_its_district() -> None:
    """ "Kharki of Garmsir, Helmand": the name between the village and the province is a
    district, though the text does not call it one."""
    found = geocode("Kharki", AFGHANISTAN, within=("Garmsir", "Helmand"))

    assert found is not None
    assert (found.name, found.admin1, found.precision) == ("Garmser", "Helmand", "admin2")


def test_a_district_is_not_found_in_a_story_about_another_country() -> None:
    """The world's many small divisions share names with peoples and words ("Christian",
    a county of three US states): one is taken only in the story's own countries, or when
    the text calls it a district or county (or nothing tells what the story is about)."""
    assert geocode("Christian", Counter({"LBN": 2})) is None
    county = geocode("Christian County", Counter({"LBN": 2}))
    assert county is not None and county.country == "USA"


def test_towns_know_their_district() -> None:
    [kabul] = [p for p in default_gazetteer().lookup("Kabul") if p.kind == "city"
               and p.country == "AFG"]  # fmt: skip

    assert kabul.admin2 == "Kabul"


@pytest.mark.parametrize(
    ("text", "country", "within", "name"),
    [
        ("Gwoza local government area", "NGA", ("Borno",), "Gwoza"),
        ("Rutshuru territory", "COD", ("North Kivu",), "Rutshuru"),
        ("Bakhmut raion", "UKR", ("Donetsk",), "Bakhmut"),
    ],
)
def test_divisions_named_in_other_countries_words(
    text: str, country: str, within: tuple[str, ...], name: str
) -> None:
    found = geocode(text, Counter({country: 3}), within=within)

    assert found is not None
    assert (found.name, found.country, found.precision) == (name, country, "admin2")


def test_a_container_called_a_division_is_no_foreign_village() -> None:
    """ "Djibo, Soum province": Soum is a Burkinabe province the gazetteer lacks, and no
    Senegalese village of that name contains Djibo."""
    found = geocode("Djibo", Counter({"BFA": 3}), within=("Soum province",))

    assert found is not None
    assert (found.name, found.country, found.precision) == ("Djibo", "BFA", "exact")


def test_a_district_center_is_its_seat_town() -> None:
    """ "Ghoryan district center": the town that seats the district, spelt otherwise in the
    gazetteer (Ghōriyān), at town precision."""
    found = geocode("Ghoryan district center", AFGHANISTAN, within=("Herat",))

    assert found is not None
    assert (found.precision, found.admin2, found.text) == (
        "exact", "Ghoryan", "Ghoryan district center"
    )  # fmt: skip
    assert found.name != "Ghoryan"  # the town, not the district


def test_two_districts_of_one_name_each_keep_their_seat() -> None:
    """Muqur is a district of Badghis in the north-west and of Ghazni in the south-east."""
    west = geocode("Muqur district", AFGHANISTAN, within=("Badghis",))
    east = geocode("Muqur district", AFGHANISTAN, within=("Ghazni",))

    assert west is not None and east is not None
    assert west.lon is not None and east.lon is not None
    assert west.lon < 65.0 < 67.0 < east.lon


def test_of_namesake_provinces_the_one_holding_the_town_contains_it() -> None:
    """Benin and Nigeria both have a Plateau; only Nigeria's holds Bokkos."""
    found = geocode("Bokkos", Counter(), within=("Plateau State",))

    assert found is not None
    assert (found.name, found.country, found.admin1) == ("Bokkos", "NGA", "Plateau")


def test_a_place_called_a_province_is_no_foreign_town() -> None:
    """ "Soum province" (Burkina Faso): the gazetteer lacks it, and Senegal's village of Soum
    is not it."""
    assert geocode("Soum province", Counter({"BFA": 2})) is None


@pytest.mark.parametrize(("a", "b"), [("North Darfur", "Northern Darfur"), ("west", "western")])
def test_compass_adjectives_are_one_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)
