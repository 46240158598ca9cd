"""Place lists and containment: reading "X, Y and Z districts, Province" and geocoding a place
inside what the text says contains it."""

from __future__ import annotations

from collections import Counter

import pytest
import spacy

from eventwire.geocode import geocode
from eventwire.names import skeleton
from eventwire.places import names_country
from eventwire.sites import listed_at, site_list


@pytest.fixture(scope="module")
def nlp(pipeline):
    return pipeline.nlp


def _sites(nlp: spacy.Language, sentence: str, first: str) -> list[tuple[str, tuple[str, ...]]]:
    doc = nlp(sentence)
    return [(s.text, s.within) for s in site_list(doc, sentence.index(first), 0, names_country)]


@pytest.mark.parametrize(
    ("sentence", "first", "expected"),
    [
        (
            "Troops fought rebels in Kot, Khogyani and Dih Bala (Hasakmina) districts, Nangarhar.",
            "Kot",
            [
                ("Kot", ("Nangarhar",)),
                ("Khogyani", ("Nangarhar",)),
                ("Dih Bala", ("Nangarhar",)),
            ],
        ),
        (
            "Gunmen struck in Alishing district, Laghman, and Bati Kot district, Nangarhar.",
            "Alishing",
            [("Alishing district", ("Laghman",)), ("Bati Kot district", ("Nangarhar",))],
        ),
        (
            "A bomb went off in the Naqal Abad area of Nad Ali district, Helmand, on Monday.",
            "Naqal",
            [("Naqal Abad area", ("Nad Ali district", "Helmand"))],
        ),
        (
            "Police raided a house in Pul-e Khumri city, Baghlan.",
            "Pul",
            [("Pul-e Khumri city", ("Baghlan",))],
        ),
        ("Protesters marched in Mosul, Iraq, on Friday.", "Mosul", [("Mosul", ("Iraq",))]),
        (
            "Crowds gathered in Kandahar, Herat and Mazar-i-Sharif on Friday.",
            "Kandahar",
            [("Kandahar", ()), ("Herat", ()), ("Mazar-i-Sharif", ())],
        ),
        ("Strikes hit targets in Syria and Iraq.", "Syria", [("Syria", ()), ("Iraq", ())]),
        (
            "Two men were shot in Ghoryan district center, Herat.",
            "Ghoryan",
            [("Ghoryan district center", ("Herat",))],
        ),
        (
            "Gunmen struck in the 'Loy Kalay,' 'Sra Ghar,' and Tor Bagh' areas, Helmand.",
            "Loy",
            [("Loy Kalay", ("Helmand",)), ("Sra Ghar", ("Helmand",)), ("Tor Bagh", ("Helmand",))],
        ),
        (
            "A mine struck a patrol in Kotal of Kash Rod (Delaram) district, Nimruz.",
            "Kotal",
            [("Kotal", ("Kash Rod district", "Nimruz"))],
        ),
    ],
)
def test_site_lists(nlp, sentence: str, first: str, expected) -> None:
    assert _sites(nlp, sentence, first) == expected


def test_a_list_starts_after_the_limits_of(nlp) -> None:
    sentence = "A soldier was killed in the limits of Qalat city, Zabul."
    doc = nlp(sentence)
    assert listed_at(doc) == sentence.index("Qalat")


def test_dates_do_not_start_a_list(nlp) -> None:
    assert listed_at(nlp("Talks resumed in March after a pause.")) is None


def test_skeletons_join_transliterations() -> None:
    assert skeleton("Uruzgan") == skeleton("Urozgan") == skeleton("Oruzgan")
    assert skeleton("Wardak") == skeleton("Vardak")
    assert skeleton("Nimruz") == skeleton("Nimroz")


AFGHANISTAN = Counter({"AFG": 2})


def test_an_unknown_district_falls_back_to_its_province() -> None:
    place = geocode("Qaltaqan district", AFGHANISTAN, within=("Balkh",))
    assert place is not None
    assert (place.name, place.country, place.precision) == ("Balkh", "AFG", "admin1")


def test_a_container_spelt_differently_still_contains() -> None:
    place = geocode("Qaltaqan district", AFGHANISTAN, within=("Urozgan",))
    assert place is not None and place.admin1 == "Oruzgan" and place.precision == "admin1"


def test_containment_rules_out_namesakes_abroad() -> None:
    # "Chora" alone finds a Greek town; inside Uruzgan it cannot be that one.
    place = geocode("Chora", AFGHANISTAN, within=("Uruzgan",))
    assert place is not None and place.country == "AFG"


def test_a_part_of_a_town_is_placed_in_the_town() -> None:
    """ "PD4 of Lashkargah": a part of a town is in the town (ACLED's precision 1)."""
    place = geocode("PD4", AFGHANISTAN, within=("Lashkargah", "Helmand"))
    assert place is not None
    assert place.country == "AFG" and place.admin1 == "Helmand" and place.precision == "exact"
    assert place.text == "Lashkargah"


def test_a_town_container_is_the_town_not_its_province() -> None:
    place = geocode("Darabad area", AFGHANISTAN, within=("Farah city",))
    assert place is not None
    assert (place.name, place.precision) == ("Farah", "exact")
    assert place.lat is not None and abs(place.lat - 32.37) < 0.1  # the town, not the province


def test_a_district_container_is_placed_at_its_namesake_town() -> None:
    """ "the Gerdani area of Shindand district": the district, at its seat, as news and ACLED
    place it."""
    place = geocode("Gerdani area", AFGHANISTAN, within=("Shindand district", "Herat"))
    assert place is not None
    assert (place.name, place.precision, place.admin2) == ("Shindand", "admin2", "Shindand")
    assert place.lat is not None and abs(place.lat - 33.30) < 0.05  # Shindand town


def test_a_named_district_found_at_its_namesake_town_is_admin2() -> None:
    place = geocode("Qalat district", AFGHANISTAN, within=("Zabul",))
    assert place is not None and place.precision == "admin2" and place.admin1 == "Zabul"


def test_a_town_named_with_city_is_the_town() -> None:
    place = geocode("Farah city", AFGHANISTAN)
    assert place is not None and place.precision == "exact" and place.admin1 == "Farah"


def test_an_event_at_three_places_becomes_three_events(code) -> None:
    events = code(
        "On Monday, 14 militants were killed in clashes with the army in Kot, Khogyani and "
        "Dih Bala districts, Nangarhar."
    )
    assert len(events) == 3
    assert [e.fatalities.count for e in events if e.fatalities] == [5, 5, 4]
    assert [e.acled.fatalities for e in events if e.acled] == [5, 5, 4]
    assert all(e.location and e.location.admin1 == "Nangarhar" for e in events)
    assert len({e.id for e in events}) == 3


def test_villages_placed_at_their_district_are_one_event(code) -> None:
    """Villages the gazetteer lacks are all placed at their district: one place, one event
    with the whole toll, as ACLED codes them."""
    (event,) = code(
        "On Monday, 6 soldiers were killed in attacks by Taliban militants in the 'Loy Kalay,'"
        " 'Sra Ghar,' and Tor Bagh' areas of Nad Ali district, Helmand."
    )
    assert event.location is not None
    assert (event.location.name, event.location.precision) == ("Nad Ali", "admin2")
    assert event.fatalities is not None and event.fatalities.count == 6


def test_an_event_at_one_place_in_a_province_is_one_event(code) -> None:
    (event,) = code("On Monday, a soldier was killed by a sniper in Qaltaqan district, Balkh.")
    assert event.location is not None and event.location.admin1 == "Balkh"


def test_a_province_spelt_another_way_is_found() -> None:
    place = geocode("Ghor province", AFGHANISTAN)
    assert place is not None and place.admin1 == "Ghowr" and place.precision == "admin1"
    uruzgan = geocode("Uruzgan province")
    assert uruzgan is not None and uruzgan.precision == "admin1" and uruzgan.admin1 == "Oruzgan"


@pytest.mark.parametrize(
    ("phrase", "name", "country"),
    [
        ("the Rafah crossing", "Rafah border crossing", "PSE"),
        ("the Zaatari camp", "Zaatari refugee camp", "JOR"),
        ("Mosul Dam", "Mosul Dam", "IRQ"),
        ("the Zaporizhzhia nuclear plant", "Zaporizhzhia nuclear power plant", "UKR"),
        ("Tower 22", "Tower 22", "JOR"),
    ],
)
def test_curated_facilities(phrase: str, name: str, country: str) -> None:
    place = geocode(phrase)
    assert place is not None and (place.name, place.country) == (name, country)


def test_a_town_is_not_taken_for_its_crossing() -> None:
    place = geocode("Rafah")
    assert place is not None and place.name != "Rafah border crossing"
