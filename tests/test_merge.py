"""Whether two descriptions name the same party."""

from __future__ import annotations

from eventwire.actors import same_party
from eventwire.records import Actor

POLICE = Actor("Somali police", "Police Forces of Somalia", "SOM", "COP", 1)
SOLDIERS = Actor("Kenyan troops", "Military Forces of Kenya", "KEN", "MIL", 8)
PLACE = Actor("Baidoa", "Somalia", "SOM")  # only where it happened


def test_parties_of_one_side_and_country_agree() -> None:
    assert same_party(POLICE, Actor("officers", None, "SOM", "COP")) is True
    assert same_party(POLICE, SOLDIERS) is False


def test_a_place_country_is_no_party() -> None:
    assert same_party(PLACE, POLICE) is None
    assert same_party(PLACE, SOLDIERS) is None
    assert same_party(None, POLICE) is None


def test_unnamed_gunmen_could_be_anyone() -> None:
    gunmen = Actor("gunmen", "gunmen", "AFG", "UAF", 3)
    islamic_state = Actor("IS militants", "Islamic State", "IRQ", "REB", 2)
    assert same_party(gunmen, islamic_state) is None
