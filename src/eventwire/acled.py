"""ACLED's vocabulary for the columns of its data files that follow from a coded event:
disorder type, civilian targeting, actor-type labels, country codes and regions, source scales.

The rules follow ACLED's codebook and the values its files hold; the country table
(``data/countries.tsv``) is built by ``scripts/build_countries.py``, the scales of known
outlets are in ``data/source_scales.tsv``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import NamedTuple

# ACLED's names of its actor types, by the inter code of older files.
INTER_LABELS = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}
POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
CIVILIAN_TARGETING = "Civilian targeting"
_VIOLENT_EVENT_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)
EXCESSIVE_FORCE = "Excessive force against protesters"
# Scales in the order ACLED lists them when an event's sources differ ("National-International").
SCALES = (
    "Local partner", "Other", "New media", "Subnational", "National", "Regional", "International",
)  # fmt: skip


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type: demonstrations (protests and violent demonstrations), political
    violence (the other violent events; excessive force against protesters is both), or
    strategic developments."""
    if sub_event_type == EXCESSIVE_FORCE:
        return f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}"
    if event_type == "Protests" or sub_event_type == "Violent demonstration":
        return DEMONSTRATIONS
    if event_type in _VIOLENT_EVENT_TYPES:
        return POLITICAL_VIOLENCE
    return event_type  # "Strategic developments"


def civilian_targeting(event_type: str, sub_event_type: str, inter2: int | None) -> str | None:
    """ "Civilian targeting" where civilians are the target of political violence: violence
    against civilians, excessive force against protesters, and explosions or mob violence
    aimed at civilians; else None."""
    if event_type == "Violence against civilians" or sub_event_type == EXCESSIVE_FORCE:
        return CIVILIAN_TARGETING
    targeted = inter2 == 7 and event_type != "Battles"
    violent = disorder_type(event_type, sub_event_type) == POLITICAL_VIOLENCE
    return CIVILIAN_TARGETING if targeted and violent else None


def inter_label(inter: int | None) -> str | None:
    """ACLED's name of an actor type ("State forces"), or None for no actor."""
    return INTER_LABELS.get(inter or 0)


def interaction_label(inter1: int | None, inter2: int | None) -> str | None:
    """ACLED's interaction: the two actor types, lower code first ("State forces-Rioters"), or
    one type "only" ("Protesters only")."""
    labels = [INTER_LABELS[code] for code in sorted(c for c in (inter1, inter2) if c)]
    if not labels:
        return None
    return "-".join(labels) if len(labels) == 2 else f"{labels[0]} only"


class CountryCodes(NamedTuple):
    iso: int  # ISO 3166-1 numeric
    region: str  # ACLED's region


@cache
def countries() -> dict[str, CountryCodes]:
    """ISO numeric code and ACLED region by ISO alpha-3 code, from ``data/countries.tsv``."""
    table = resources.files("eventwire") / "data" / "countries.tsv"
    with table.open(encoding="utf-8") as handle:
        return {
            row["iso3"]: CountryCodes(int(row["iso"]), row["region"])
            for row in csv.DictReader(handle, delimiter="\t")
        }


def country_codes(iso3: str | None) -> CountryCodes | None:
    """The ISO numeric code and ACLED region of a country, when known."""
    return countries().get(iso3) if iso3 else None


def _outlet_key(name: str) -> str:
    words = name.lower().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


@cache
def known_scales() -> dict[str, str]:
    """ACLED's scale of each outlet whose reach is known, by :func:`_outlet_key` of its name."""
    table = resources.files("eventwire") / "data" / "source_scales.tsv"
    with table.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {_outlet_key(row["name"]): row["scale"] for row in rows}


def source_scale(sources: Iterable[str]) -> str | None:
    """ACLED's scale of an event's sources ("National-International"), or None unless the scale
    of every one of them is known."""
    scales = [known_scales().get(_outlet_key(source)) for source in sources]
    if not scales or None in scales:
        return None
    return "-".join(scale for scale in SCALES if scale in scales)


def distinct_sources(names: Iterable[str | None]) -> list[str]:
    """The names of an event's sources, each once ("AFP" and "the AFP" are one), in order."""
    seen: dict[str, str] = {}
    for name in names:
        if name and name.strip():
            seen.setdefault(_outlet_key(name), name.strip())
    return list(seen.values())
