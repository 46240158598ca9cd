"""Resolution of a coded mention: parties, date, place, and the mentions that are no event."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from eventwire.coder import Mention
from eventwire.geocode import default_gazetteer
from eventwire.records import Actor, Location, Quantity
from eventwire.resolve import has_substance, host, is_figurative, is_known, resolve_mention
from eventwire.syntax import Phrase

SENTENCE = "Gunmen attacked a police post in Garissa on Monday, officials said."
PUBLISHED = date(2024, 3, 6)  # a Wednesday


def _phrase(text: str, offset: int = 0) -> Phrase:
    words = tuple(text.lower().split())
    return Phrase(text, offset, offset + len(text), words, words[-1], singular=False)


def _mention(**fields) -> Mention:
    base = {
        "type": "ASSAULT",
        "trigger": "attack",
        "mode": None,
        "sentence_index": 0,
        "sentence_start": 0,
        "sentence_end": len(SENTENCE),
        "sentence_text": SENTENCE,
    }
    return Mention(**{**base, **fields})


@pytest.fixture(scope="module")
def gazetteer():
    return default_gazetteer()


def _resolve(mention: Mention, gazetteer):
    return resolve_mention(mention, PUBLISHED, Counter({"KEN": 2}), gazetteer)


def test_a_mention_resolves_its_parties_day_and_place(gazetteer) -> None:
    mention = _mention(
        actor=_phrase("Gunmen"),
        recipient=_phrase("a police post", 16),
        places=[(_phrase("Garissa", 33), False)],
        date_text="on Monday",
    )

    resolved = _resolve(mention, gazetteer)

    assert resolved is not None
    assert resolved.date is not None and resolved.date.date == date(2024, 3, 4)
    assert resolved.location is not None and resolved.location.country == "KEN"
    assert resolved.actor is not None and resolved.actor.text == "Gunmen"


@pytest.mark.parametrize(
    "fields",
    [
        {"modality": "negated"},
        {"date_text": "since October 17"},  # a period summarised
        {"date_text": "in 2019"},  # history, told as background
    ],
)
def test_mentions_that_are_no_event_resolve_to_none(gazetteer, fields: dict) -> None:
    mention = _mention(actor=_phrase("Gunmen"), fatalities=Quantity(3, "three"), **fields)
    assert _resolve(mention, gazetteer) is None


def test_a_known_party_gives_substance_and_an_unknown_one_needs_a_toll() -> None:
    police = Actor("police", "Police", "KEN", "COP")
    unknown = Actor("gunmen")
    bare = _mention(actor=_phrase("gunmen"))

    assert is_known(police) and not is_known(unknown) and not is_known(None)
    assert has_substance(bare, police, None)
    assert not has_substance(bare, unknown, None)
    assert has_substance(_mention(fatalities=Quantity(2, "two")), unknown, None)
    assert not has_substance(_mention(type="AID", trigger="aid"), unknown, None)


def test_sport_words_without_a_known_party_are_figurative() -> None:
    sport = _mention(sentence_text="Rovers attacked down the left in the second half of the match.")
    assert is_figurative(sport, Actor("Rovers"), None)
    assert not is_figurative(sport, Actor("army", "Army", "KEN", "MIL"), None)
    assert not is_figurative(_mention(), Actor("gunmen"), None)


def test_a_place_alone_gives_its_country_as_the_party_acted_on() -> None:
    amman = Location("Amman", "Amman", "JOR", lat=31.95, lon=35.93, precision="exact")

    hosted = host(amman)
    named = host(amman, Actor("the convoy"))

    assert hosted is not None and (hosted.country, hosted.sector) == ("JOR", None)
    assert named is not None and (named.text, named.country) == ("the convoy", "JOR")
    assert host(None, Actor("the convoy")) == Actor("the convoy")
