"""Actor phrases resolved against the bundled actor dictionary.

``resolve_actor`` takes the phrase, its lower-case lemmas and its head lemma; the tests give
the lemmas a parser would give, so no NLP model is needed.
"""

from __future__ import annotations

import pytest

from eventwire.actors import display_name, load_actors, resolve_actor, split_patron
from eventwire.records import Actor


def _resolve(text: str, lemmas: str, head: str | None = None, **kwargs: str) -> Actor | None:
    words = lemmas.split()
    return resolve_actor(text, words, head if head is not None else words[-1], **kwargs)


@pytest.mark.parametrize(
    ("text", "lemmas"),
    [
        ("US officials", "us official"),
        ("U.S. officials", "u.s. official"),
        ("two American officials", "two american official"),
    ],
)
def test_us_officials_are_the_us_government(text: str, lemmas: str) -> None:
    actor = _resolve(text, lemmas)

    assert actor is not None
    assert (actor.country, actor.sector, actor.inter) == ("USA", "GOV", 1)
    assert actor.name == "Government of United States"
    assert actor.text == text


def test_american_forces_are_the_us_military() -> None:
    actor = _resolve("American forces", "american force")

    assert actor is not None
    assert (actor.country, actor.sector) == ("USA", "MIL")
    assert actor.name == "Military Forces of United States"


@pytest.mark.parametrize(
    ("text", "lemmas"),
    [
        ("Pentagon spokeswoman", "pentagon spokeswoman"),
        ("a Pentagon spokeswoman", "a pentagon spokeswoman"),
    ],
)
def test_pentagon_spokeswoman_is_american(text: str, lemmas: str) -> None:
    actor = _resolve(text, lemmas)

    assert actor is not None
    assert actor.country == "USA"
    assert actor.name == "Pentagon"
    assert actor.acled_name == "Military Forces of the United States"


def test_iran_backed_militants_are_rebels_without_a_country() -> None:
    actor = _resolve("Iran-backed militants", "iran back militant", "militant")

    assert actor is not None
    assert actor.sector == "REB"
    assert actor.country is None
    assert actor.name == "Iran-backed militants"
    assert actor.acled_name == "Militants (backed by Iran)"


@pytest.mark.parametrize(
    ("text", "own", "patron"),
    [
        ("Iran-backed militants", "militants", "Iran"),
        ("Iranian-backed militias", "militias", "Iranian"),
        ("Turkey backed fighters", "fighters", "Turkey"),
        ("Islamic State-linked gunmen", "gunmen", "Islamic State"),
        ("local fishermen", "local fishermen", None),
    ],
)
def test_split_patron(text: str, own: str, patron: str | None) -> None:
    assert split_patron(text) == (own, patron)


def test_patron_after_the_actor() -> None:
    assert split_patron("militants backed by Iran") == ("militants", "Iran")


@pytest.mark.parametrize(
    ("text", "lemmas"),
    [
        ("Islamic State", "islamic state"),
        ("the Islamic State group", "the islamic state group"),
        ("ISIS", "isis"),
        ("ISIL fighters", "isil fighter"),
        ("Daesh", "daesh"),
        ("IS militants", "is militant"),
    ],
)
def test_islamic_state_aliases_have_one_name(text: str, lemmas: str) -> None:
    actor = _resolve(text, lemmas)

    assert actor is not None
    assert actor.name == "Islamic State"
    assert actor.sector == "REB"


def test_is_as_a_verb_is_not_islamic_state() -> None:
    assert _resolve("this is", "this be") is None


@pytest.mark.parametrize(
    ("text", "lemmas"), [("Hezbollah", "hezbollah"), ("Hizbollah fighters", "hizbollah fighter")]
)
def test_hezbollah(text: str, lemmas: str) -> None:
    actor = _resolve(text, lemmas)

    assert actor is not None
    assert (actor.name, actor.country) == ("Hezbollah", "LBN")


def test_kataib_hezbollah_is_not_hezbollah() -> None:
    actor = _resolve("Kataib Hezbollah", "kataib hezbollah")

    assert actor is not None
    assert (actor.name, actor.country) == ("Kataib Hezbollah", "IRQ")


@pytest.mark.parametrize(
    ("text", "iso3"), [("Iraq", "IRQ"), ("Turkey", "TUR"), ("Washington", "USA")]
)
def test_a_country_alone_is_its_government(text: str, iso3: str) -> None:
    actor = _resolve(text, text.lower())

    assert actor is not None
    assert (actor.country, actor.sector, actor.inter) == (iso3, "GOV", 1)
    assert actor.name is not None
    assert actor.name.startswith("Government of ")


def test_a_country_alone_acts_through_its_military_when_asked() -> None:
    actor = _resolve("Iraq", "iraq", state_sector="MIL")

    assert actor is not None
    assert (actor.country, actor.sector, actor.name) == ("IRQ", "MIL", "Military Forces of Iraq")


@pytest.mark.parametrize("text", ["Turkey's foreign minister", "Turkey\u2019s foreign minister"])
def test_possessive_country(text: str) -> None:
    actor = _resolve(text, "turkey 's foreign minister", "minister")

    assert actor is not None
    assert (actor.country, actor.sector) == ("TUR", "GOV")


@pytest.mark.parametrize(
    ("text", "lemmas"),
    [
        ("the weather", "the weather"),
        ("a blue umbrella", "a blue umbrella"),
        ("us", "we"),
        ("us", "us"),
    ],
)
def test_unknown_phrase_gives_none(text: str, lemmas: str) -> None:
    assert _resolve(text, lemmas) is None


def test_generic_agent_without_a_country() -> None:
    actor = _resolve("unidentified gunmen", "unidentified gunman")

    assert actor is not None
    assert (actor.country, actor.sector) == (None, "UAF")
    assert actor.name == "unidentified gunmen"


def test_display_name_drops_leading_determiners_and_numbers() -> None:
    assert display_name("at least 12 protesters") == "protesters"
    assert display_name("the police") == "police"


def test_dictionary_loads_once_and_knows_the_usa() -> None:
    actors = load_actors()

    assert load_actors() is actors
    usa = actors.country("USA")
    assert usa is not None
    assert usa.name == "United States"
    assert actors.country(None) is None


def test_ethnic_names_a_people_not_a_state() -> None:
    actor = resolve_actor("ethnic Albanians", ["ethnic", "albanian"], "albanian")
    assert actor is not None and actor.country is None and actor.sector == "ETH"
    guerrillas = resolve_actor(
        "ethnic Albanian guerrillas", ["ethnic", "albanian", "guerrilla"], "guerrilla"
    )
    assert guerrillas is not None and guerrillas.country is None and guerrillas.sector == "REB"


def test_parties_named_without_country_belong_where_they_act(code) -> None:
    (event,) = code("Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.")
    assert event.actor is not None and event.actor.country == "SRB"


@pytest.mark.parametrize(
    ("text", "lemmas", "name", "country", "sector"),
    [
        ("UNITA rebels", "unita rebel", "UNITA", "AGO", "REB"),
        (
            "the International Labour Office",
            "the international labour office",
            "International Labour Organization",
            "IGO",
            "GOV",
        ),
        ("Tamil Tigers", "tamil tiger", "Liberation Tigers of Tamil Eelam", "LKA", "REB"),
        ("ECOMOG troops", "ecomog troop", "ECOMOG", "IGO", "MIL"),
        (
            "the Kosovo Liberation Army",
            "the kosovo liberation army",
            "Kosovo Liberation Army",
            "XKX",
            "REB",
        ),
        ("Shining Path guerrillas", "shining path guerrilla", "Shining Path", "PER", "REB"),
        ("Janjaweed militias", "janjaweed militia", "Janjaweed", "SDN", "PRM"),
        ("the Provisional IRA", "the provisional ira", "Irish Republican Army", "GBR", "REB"),
        (
            "International Crisis Group",
            "international crisis group",
            "International Crisis Group",
            "NGO",
            "SOC",
        ),
        ("the Sandinistas", "the sandinista", "Sandinista National Liberation Front", "NIC", "PTY"),
    ],
)
def test_broadened_organizations(
    text: str, lemmas: str, name: str, country: str, sector: str
) -> None:
    actor = _resolve(text, lemmas)

    assert actor is not None
    assert (actor.name, actor.country, actor.sector) == (name, country, sector)


def test_names_with_possessives_resolve() -> None:
    for name in ("the Lord's Resistance Army", "People's Protection Units"):
        actor = resolve_actor(name, name.lower().split())
        assert actor is not None and actor.sector == "REB", name


def test_another_countrys_party_inside_a_title_is_a_word_of_the_title() -> None:
    words = ["serbian", "labour", "minister", "dragan", "ilic"]
    actor = resolve_actor("Serbian Labour Minister Dragan Ilic", words, "ilic")
    assert actor is not None and actor.country == "SRB"


def test_plural_words_of_a_referent_are_typed() -> None:
    actor = resolve_actor("Islamic fundamentalists", ["islamic", "fundamentalists"])
    assert actor is not None and actor.sector == "REL"


def test_a_listed_person_with_a_surname_one_slip_away() -> None:
    actor = resolve_actor("President Laurent Gbago", ["president", "laurent", "gbago"], "gbago")
    assert actor is not None and actor.name == "Laurent Gbagbo" and actor.country == "CIV"
    assert resolve_actor("Laurent Dupont", ["laurent", "dupont"], "dupont") is None
