"""Filter values as users write them: countries by code or name, types in any case."""

from __future__ import annotations

import pytest

from eventwire.errors import UnknownValue
from eventwire.filters import country_code, event_type


@pytest.mark.parametrize(
    ("text", "code"),
    [("IRQ", "IRQ"), ("irq", "IRQ"), ("iq", "IRQ"), ("Iraq", "IRQ"), ("Iraqi", "IRQ"),
     ("Kenya", "KEN"), ("KE", "KEN"), (" Burkina Faso ", "BFA")],
)  # fmt: skip
def test_a_country_by_code_name_or_adjective(text: str, code: str) -> None:
    assert country_code(text) == code


def test_an_unknown_country_suggests_the_closest_names() -> None:
    with pytest.raises(UnknownValue, match=r"did you mean Iraq \(IRQ\)"):
        country_code("Irak")
    with pytest.raises(UnknownValue, match="give an ISO-3 code"):
        country_code("Baghdad")  # a capital is a place, not the country


@pytest.mark.parametrize(
    ("text", "name"),
    [("assault", "ASSAULT"), ("PROTEST", "PROTEST"), ("battles", "Battles"),
     ("air/drone strike", "Air/drone strike"), ("Peaceful protest", "Peaceful protest")],
)  # fmt: skip
def test_an_event_type_in_any_case(text: str, name: str) -> None:
    assert event_type(text) == name


def test_an_unknown_event_type_lists_the_valid_ones() -> None:
    with pytest.raises(UnknownValue, match=r"ASSAULT.*Air/drone strike"):
        event_type("BOMBING")
