"""What users filter events by, as they write it: a country by its ISO-3 or ISO-2 code, its
name, an alias or its adjective ("IRQ", "iq", "Iraq", "Iraqi"); an event type by its PLOVER
name or an ACLED event or sub-event type, in any case; a box by its corners. Anything else is
an error that says what was meant or what is valid, never an empty answer. The command line
and the API read their filters through these."""

from __future__ import annotations

import math
from difflib import get_close_matches

from eventwire.actors import load_actors
from eventwire.errors import UnknownValue
from eventwire.geonames_dump import iso3_codes
from eventwire.names import fold
from eventwire.ontology import ACLED_EVENT_TYPE, PLOVER_TYPES


def country_code(text: str) -> str:
    """The ISO-3 code of the country ``text`` names; :class:`UnknownValue` with the closest
    names when it names none."""
    key = text.strip()
    actors = load_actors()
    if key.upper() in actors.by_iso3:
        return key.upper()
    if len(key) == 2 and key.upper() in iso3_codes():
        return iso3_codes()[key.upper()]
    folded = fold(key)
    found = actors.countries.get(folded)
    if found is not None and folded not in actors.capitals:
        return found.iso3
    names = {country.name: country.iso3 for country in actors.by_iso3.values()}
    close = get_close_matches(key, names, n=3, cutoff=0.6) or get_close_matches(
        key.title(), names, n=3, cutoff=0.6
    )
    hint = (
        "did you mean " + " or ".join(f"{name} ({names[name]})" for name in close) + "?"
        if close
        else "give an ISO-3 code such as IRQ or a name such as Iraq"
    )
    raise UnknownValue(f"unknown country {text!r}: {hint}")


def event_type(text: str) -> str:
    """``text`` as the store names the type: a PLOVER type in capitals, an ACLED type or
    sub-event type as ACLED writes it; :class:`UnknownValue` listing the valid ones."""
    key = text.strip()
    if key.upper() in PLOVER_TYPES:
        return key.upper()
    acled = {*ACLED_EVENT_TYPE, *ACLED_EVENT_TYPE.values()}
    by_case = {name.casefold(): name for name in acled}
    if key.casefold() in by_case:
        return by_case[key.casefold()]
    raise UnknownValue(
        f"unknown event type {text!r}: give a PLOVER type ({', '.join(PLOVER_TYPES)}) or an"
        f" ACLED event or sub-event type ({', '.join(sorted(acled))})"
    )


Box = tuple[float, float, float, float]


def bbox(text: str) -> Box:
    """``minlon,minlat,maxlon,maxlat`` in degrees as a box; :class:`UnknownValue` otherwise."""
    try:
        box = tuple(float(part) for part in text.split(","))
    except ValueError:
        box = ()
    if len(box) != 4 or not all(math.isfinite(v) for v in box):
        raise UnknownValue("bbox must be four numbers: minlon,minlat,maxlon,maxlat")
    min_lon, min_lat, max_lon, max_lat = box
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise UnknownValue(
            "bbox needs -180 <= minlon <= maxlon <= 180 and -90 <= minlat <= maxlat <= 90"
        )
    return min_lon, min_lat, max_lon, max_lat
